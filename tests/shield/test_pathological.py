"""Hostile inputs through protect(): they never raise, they finish, and the
shield rule runs (an analyzer deadline or trap would show as ERROR). No
timing is asserted; the analyzer's own deadline bounds each call."""

from __future__ import annotations

from typing import Any

import pytest

from arcjet_core import ArcjetMisconfiguration, arcjet, arcjet_sync, shield
from arcjet_core.rules import MAX_SHIELD_BODY

from .helpers import fresh_ip

UA = {"user-agent": "Mozilla/5.0"}
FORM = {**UA, "content-type": "application/x-www-form-urlencoded"}
JSON = {**UA, "content-type": "application/json"}

CASES: dict[str, dict[str, Any]] = {
    "1 MB of quotes, form": {"method": "POST", "headers": FORM, "body": b"'" * (1 << 20)},
    "1 MB of quotes, text": {"method": "POST", "headers": {**UA, "content-type": "text/plain"}, "body": b"'" * (1 << 20)},
    "1 MB of quotes, query": {"method": "GET", "headers": UA, "query": "q=" + "'" * (1 << 20)},
    "1 MB of percent signs": {"method": "POST", "headers": FORM, "body": b"%" * (1 << 20)},
    "%25 chains": {"method": "GET", "headers": UA, "query": "q=" + "%25" * 100_000 + "27"},
    "%%%% everywhere": {"method": "GET", "path": "/%%%%/%%", "headers": {**UA, "x-a": "%%%%", "cookie": "c=%%%%"},
                        "query": "%%%%=%%%%&q=%%%%", "body": b"%%%%"},
    "deep JSON arrays": {"method": "POST", "headers": JSON, "body": b"[" * 200_000 + b"]" * 200_000},
    "deep JSON objects": {"method": "POST", "headers": JSON, "body": b'{"a":' * 100_000 + b"1" + b"}" * 100_000},
    "unterminated JSON": {"method": "POST", "headers": JSON, "body": b'{"a":"' + b"\\" * 500_000},
    "10k query params": {"method": "GET", "headers": UA, "query": "&".join(f"p{i}={i}" for i in range(10_000))},
    "10k form fields": {"method": "POST", "headers": FORM, "body": "&".join(f"f{i}='{i}" for i in range(10_000)).encode()},
    "10k cookies": {"method": "GET", "headers": {**UA, "cookie": "; ".join(f"c{i}={i}" for i in range(10_000))}},
    "1k headers": {"method": "GET", "headers": [("user-agent", "x")] + [(f"x-h{i}", "'" * 100) for i in range(1_000)]},
    "invalid UTF-8 body": {"method": "POST", "headers": FORM, "body": b"f=\xff\xfe\xc0\xae\xed\xa0\x80" * 10_000},
    "invalid UTF-8 JSON": {"method": "POST", "headers": JSON, "body": b'{"a":"\xff\xc0\xaf\xc0\xae"}'},
    "lone surrogate in query": {"method": "GET", "headers": UA, "query": "q=\udcff\ud800"},
    "NUL bytes": {"method": "POST", "headers": {**UA, "content-type": "text/plain"}, "body": b"\x00" * 100_000},
    "multipart without end": {"method": "POST", "headers": {**UA, "content-type": "multipart/form-data; boundary=b"},
                              "body": b"--b\r\n" * 50_000},
    "template and lookup openers": {"method": "POST", "headers": FORM, "body": b"f=" + b"${{" * 200_000},
    "expression openers and parentheses": {"method": "POST", "headers": FORM, "body": b"f=" + b"{%(" * 200_000},
    "1 MB query of percent signs": {"method": "GET", "headers": UA, "query": "%" * (1 << 20)},
    "huge path": {"method": "GET", "headers": UA, "path": "/" + "../" * 50_000},
    # Issue #14: shapes that ran past the analyzer's deadline or rescanned.
    "100 headers of 16 KB of ||": {"method": "GET", "headers": [("user-agent", "x")] + [(f"x-h{i}", "||" * 8_000)
                                                                                      for i in range(100)]},
    "255 headers of 64 KiB": {"method": "GET", "headers": [("user-agent", "x")] + [(f"x-h{i}", "(" * (64 << 10))
                                                                                 for i in range(255)]},
    "number then letters": {"method": "POST", "headers": {**UA, "content-type": "text/plain"},
                            "body": b"0x&#" * 50_000},
    "line feeds": {"method": "POST", "headers": {**UA, "content-type": "text/plain"}, "body": b"\t\n" * 300_000},
    "template openers, JSON": {"method": "POST", "headers": JSON, "body": b'["' + b"${" * 300_000 + b'"]'},
}


def _check(decision: Any) -> None:
    (result,) = decision.results
    assert result.kind == "SHIELD"
    assert result.state.value == "RUN", result
    assert result.conclusion.value in ("ALLOW", "DENY"), result.reason_v2


@pytest.mark.parametrize("name", sorted(CASES))
def test_pathological_input_is_judged(name: str) -> None:
    with arcjet_sync(key="patho", rules=[shield(threshold=1_000_000)], body_limit=2 << 20,
                     environment="development") as aj:
        _check(aj.protect({"path": "/", **CASES[name], "ip": fresh_ip()}))


async def test_pathological_inputs_async() -> None:
    async with arcjet(key="patho-async", rules=[shield(threshold=1_000_000)], body_limit=2 << 20,
                      environment="development") as aj:
        for name in sorted(CASES):
            _check(await aj.protect({"path": "/", **CASES[name], "ip": fresh_ip()}))


def test_limits_hold_and_padding_is_reported() -> None:
    with arcjet_sync(key="patho-q", rules=[shield(threshold=1_000_000)], body_limit=2 << 20,
                     environment="development") as aj:
        def judge(name: str) -> tuple[str, tuple[str, ...]]:
            decision = aj.protect({"path": "/", **CASES[name], "ip": fresh_ip()})
            _check(decision)
            return decision.conclusion.value, tuple(getattr(decision.results[0].reason_v2, "categories", ()))

        # A megabyte of quotes is odd, not an injection; but it is longer
        # than max_body_bytes (128 KiB), so the default policy denies it.
        assert judge("1 MB of quotes, form") == ("DENY", ("INSPECTION_LIMIT",))
        assert judge("1 MB of percent signs") == ("DENY", ("INSPECTION_LIMIT",))
        # Past the crate's limits (512 params, JSON depth 64) the request is
        # denied by the default policy (on_limit="deny"): padding a payload
        # past a WAF's limits is an evasion technique.
        for name in ("10k query params", "10k form fields", "10k cookies", "deep JSON arrays", "deep JSON objects"):
            assert judge(name) == ("DENY", ("INSPECTION_LIMIT",)), name
    with arcjet_sync(key="patho-p", rules=[shield(threshold=1_000_000, on_limit="inspect_prefix")],
                     body_limit=2 << 20, environment="development") as prefix:
        # inspect_prefix: the first 128 KiB are inspected (nothing found), and
        # the cut is reported as a LOW finding rather than denied.
        for name in ("1 MB of quotes, form", "1 MB of percent signs", "10k query params", "deep JSON arrays"):
            decision = prefix.protect({"path": "/", **CASES[name], "ip": fresh_ip()})
            _check(decision)
            reason = decision.results[0].reason_v2
            assert decision.conclusion.value == "ALLOW", name
            assert tuple(getattr(reason, "categories", ())) == ("INSPECTION_LIMIT",), name


def test_max_body_bytes_widens_what_is_inspected() -> None:
    padding = b"note=" + b"a" * (200 << 10)
    attack = padding + b"&q=1%27%20UNION%20SELECT%20password%20FROM%20users--"
    request = {"method": "POST", "path": "/", "headers": {"content-type": "application/x-www-form-urlencoded"},
               "body": attack}
    with arcjet_sync(key="patho-default", rules=[shield()], body_limit=2 << 20) as aj:
        # Past the default 128 KiB the payload is not inspected, so the request
        # is denied by the default policy rather than let through unseen.
        decision = aj.protect({**request, "ip": fresh_ip()})
        assert decision.is_denied() and decision.reason_v2.categories == ("INSPECTION_LIMIT",)  # type: ignore[union-attr]
    with arcjet_sync(key="patho-prefix", rules=[shield(on_limit="inspect_prefix")], body_limit=2 << 20) as aj:
        # inspect_prefix: only the first 128 KiB are inspected (documented).
        assert aj.protect({**request, "ip": fresh_ip()}).is_allowed()
    with arcjet_sync(key="patho-wide", rules=[shield(max_body_bytes=MAX_SHIELD_BODY)], body_limit=2 << 20) as aj:
        decision = aj.protect({**request, "ip": fresh_ip()})
        assert decision.is_denied() and "SQL_INJECTION" in decision.reason_v2.categories  # type: ignore[union-attr]


def test_max_body_bytes_is_validated() -> None:
    with pytest.raises(ArcjetMisconfiguration, match="max_body_bytes"):
        shield(max_body_bytes=0)
    with pytest.raises(ArcjetMisconfiguration, match="max_body_bytes"):
        shield(max_body_bytes=1 << 30)


@pytest.mark.parametrize("value", ["ignore", "DENY", "", None, 1])
def test_on_limit_is_validated(value: object) -> None:
    with pytest.raises(ArcjetMisconfiguration, match="on_limit"):
        shield(on_limit=value)  # type: ignore[arg-type]
