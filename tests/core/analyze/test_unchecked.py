"""The two ways a request crosses into the analyzer: the unchecked call
(`_unchecked`, wasmtime-py's private parts, probed once per process) and the
public `Func.__call__` it falls back to. ARCJET_ANALYZER_CALL picks one; the
probe is made to fail through it too, never by replacing wasmtime's parts."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from arcjet_core.analyze import Ruleset, _engine, _instance, _unchecked
from arcjet_core.errors import ArcjetAnalyzerError, ArcjetMisconfiguration
from arcjet_core.rules import detect_bot, shield, validate_email
from tests.shield import corpus

from .helpers import CHROME, GOOGLEBOT, ROOT, ctx, ruleset_of

RULES = [detect_bot(allow=["CATEGORY:SEARCH_ENGINE"]), validate_email(deny=["INVALID"]), shield()]


def requests() -> list[tuple[object, str | None]]:
    """Bots, browsers, emails good and bad, attacks in every place, garbage."""
    from arcjet_core.context import raw_from_request

    out: list[tuple[object, str | None]] = [
        (ctx(CHROME), "a@example.com"), (ctx(GOOGLEBOT, "66.249.66.1"), "bad@"),
        (ctx(GOOGLEBOT, "198.51.100.7"), None), (ctx("curl/8.4.0", "2001:db8::1"), "x@[1.2.3.4]"),
        (ctx(None), None), (ctx(""), "é@example.com"),
    ]
    for where in ("query", "form", "json", "header:referer", "cookie", "multipart"):
        for value in corpus.lines(corpus.corpus_files(corpus.libinjection_dir(), "sqli-")[0])[:15]:
            req = corpus.request(where, value)
            out.append((raw_from_request({**req, "ip": "8.8.8.8"}, need_body=True).to_context("8.8.8.8"), None))
    return out


def answers(call: str) -> list[bytes]:
    """Every request's raw answer from a fresh instance using `call`."""
    rs = ruleset_of(RULES, cache_size=0)
    inst = _instance.Instance(call=call)
    assert inst.path == ("unchecked" if call == "auto" else "public")
    handle = json.loads(inst.configure(rs._config))["handle"]
    got = [inst.analyze(handle, rs._encode(c, email)) for c, email in requests()]  # type: ignore[arg-type]
    # Bytes that are no request at all: an error answer either way.
    got.append(inst.analyze(handle, b"\xff\x00garbage"))
    got.append(inst.analyze(handle + 1000, b"[]"))
    return got


def test_the_probe_passes_on_the_pinned_wasmtime() -> None:
    assert _unchecked.probe(_engine.engine()) is None
    assert _instance.Instance().path == "unchecked"


def test_public_and_unchecked_calls_answer_alike() -> None:
    unchecked, public = answers("auto"), answers("public")
    assert unchecked == public
    assert any(b"SQL_INJECTION" in a for a in unchecked) and any(b"GOOGLE_CRAWLER" in a for a in unchecked)


def test_a_failing_probe_falls_back_to_the_public_call() -> None:
    # The probe really runs and really fails (it expects a wrong result); the
    # debug line it logs is checked in a fresh process below.
    reason = _unchecked.probe(_engine.engine(), failing=True)
    assert reason is not None and "expected" in reason
    assert _instance.Instance(call="failing-probe").path == "public"
    assert answers("failing-probe") == answers("auto")


def test_a_trap_in_either_call_retires_the_instance(monkeypatch: pytest.MonkeyPatch) -> None:
    # A deadline of 0 ticks interrupts the call at its first epoch check.
    rs = ruleset_of(RULES, cache_size=0)
    for call in ("auto", "public"):
        inst = _instance.Instance(call=call)
        handle = json.loads(inst.configure(rs._config))["handle"]
        data = rs._encode(ctx(), None)
        assert inst.analyze(handle, data).startswith(b'{"r":')  # sizes the input buffer
        inst._deadline_refresh = 0.0  # re-arm on the next call, as a call after a quiet spell does
        monkeypatch.setattr(_instance, "ANALYZE_TICKS", 0)
        with pytest.raises(ArcjetAnalyzerError, match="trapped in analyze"):
            inst.analyze(handle, data)
        monkeypatch.undo()
        assert inst.broken
        with pytest.raises(ArcjetAnalyzerError, match="retired"):
            inst.analyze(handle, data)


def test_a_call_gets_the_deadline_its_rule_set_asks_for() -> None:
    # A rule set running the CRS asks for a longer deadline than the default;
    # the instance re-arms whenever the ticks asked for change, even inside
    # the refresh window, so no call inherits another rule set's deadline.
    rs = ruleset_of(RULES, cache_size=0)
    inst = _instance.Instance()
    handle = json.loads(inst.configure(rs._config))["handle"]
    data = rs._encode(ctx(), None)
    assert inst.analyze(handle, data, 4).startswith(b'{"r":')
    with pytest.raises(ArcjetAnalyzerError, match="trapped in analyze"):
        inst.analyze(handle, data, 0)  # 0 ticks: interrupted at the first epoch check
    assert inst.broken


def test_the_crs_asks_for_a_longer_deadline() -> None:
    from arcjet_core.kinds.shield import CRS_DEADLINE_TICKS

    assert CRS_DEADLINE_TICKS > _instance.ANALYZE_TICKS
    assert Ruleset.from_rules([shield(paranoia_level=1)])._deadline_ticks == CRS_DEADLINE_TICKS
    assert Ruleset.from_rules([shield(), detect_bot(allow=[])])._deadline_ticks is None  # the default


def test_an_unchecked_call_needs_the_signature_it_assumes() -> None:
    inst = _instance.Instance()
    for name in ("configure", "input_buffer"):
        with pytest.raises(ValueError, match="unchecked call needs"):
            _unchecked.UncheckedCall(inst._store, inst._funcs[name])


def test_unknown_switch_values_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(_unchecked.ENV, "fastest")
    with pytest.raises(ArcjetMisconfiguration, match="ARCJET_ANALYZER_CALL"):
        _instance.Instance()
    with pytest.raises(ValueError, match="call must be one of"):
        _instance.Instance(call="fastest")
    monkeypatch.setenv(_unchecked.ENV, " Public ")
    assert _instance.Instance().path == "public"


_SWITCH_CHECK = (
    "import logging, sys\n"
    "logging.basicConfig(level=logging.DEBUG, stream=sys.stdout, format='%(name)s %(levelname)s %(message)s')\n"
    "from arcjet_core.analyze import _instance\n"
    "from arcjet_core.rules import detect_bot, shield\n"
    "from tests.core.analyze.helpers import GOOGLEBOT, ctx, ruleset_of\n"
    "rs = ruleset_of([detect_bot(allow=[]), shield()], cache_size=0)\n"
    "out = rs.analyze(ctx(GOOGLEBOT, '66.249.66.1', query='q=1%27%20or%201%3D1--'), email=None)\n"
    "_instance.Instance()\n"
    "print('path', _instance.current().path)\n"
    "print('outcomes', sorted((i, o.conclusion) for i, o in out.outcomes.items()))\n"
)


@pytest.mark.parametrize(("value", "path", "logged"), [
    ("", "unchecked", 0), ("public", "public", 0), ("failing-probe", "public", 1),
])
def test_the_switch_through_the_environment(value: str, path: str, logged: int) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env[_unchecked.ENV] = value
    out = subprocess.run([sys.executable, "-c", _SWITCH_CHECK], cwd=ROOT, env=env, check=True, capture_output=True,
                         text=True, timeout=60).stdout.splitlines()
    assert f"path {path}" in out
    assert "outcomes [(0, 'DENY'), (1, 'DENY')]" in out
    # One debug line for the fallback, however many instances are built.
    assert sum("unchecked-call probe failed" in line for line in out) == logged


def test_the_probe_module_is_the_only_one_touching_wasmtime_internals() -> None:
    import inspect
    import re

    from arcjet_core.analyze import _dns, _engine, _ruleset, _ticker

    private = re.compile(r"wasmtime\._|from wasmtime import _|_bindings|_ffi\b|\._context\(|_from_ptr|"
                         r"\b(func|store|memory)\._\w+|val_raw|wasm_trap_t")
    for module in (_instance, _engine, _ruleset, _ticker, _dns):
        found = private.search(inspect.getsource(module))
        assert found is None, (module.__name__, found)
    assert private.search(inspect.getsource(_unchecked))
