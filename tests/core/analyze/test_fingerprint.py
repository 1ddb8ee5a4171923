"""The analyzer's own fingerprints (wasm/src/fingerprint.rs, fp::2): still part
of its ABI, but the engine no longer asks for them. Rate-limit and suspicion
keys are computed on the host (fp::3, tests/core/test_fingerprint.py), so a
failed analyzer call cannot leave a limit without a key."""

from __future__ import annotations

import hashlib
import struct
import subprocess
import sys

from arcjet_core.analyze import Ruleset
from arcjet_core.rules import detect_bot

from .helpers import ROOT, ctx

RS = Ruleset([detect_bot(allow=[])])
# Pinned: these values are rate-limit and cache keys in users' stores. If this
# test fails, the fingerprint format changed and every stored key with it.
PINNED_IP = "fp::2::05cd419b5bcdca4f69952326eab7ee65ba132978fe5fc27e82b9a3a58d7fda30"


def fps(sets: tuple[tuple[str, ...], ...], **kw: object) -> tuple[tuple[str | None, ...], tuple[str | None, ...]]:
    chars = kw.pop("characteristics", {})
    out = RS.analyze(ctx(**kw), email=None, characteristics=chars, fingerprint_sets=sets)  # type: ignore[arg-type]
    return tuple(out.fingerprints), tuple(out.fingerprint_errors)


def test_pinned_value_and_its_definition() -> None:
    assert fps((("ip.src",),), ip="1.2.3.4") == ((PINNED_IP,), (None,))
    # The documented construction: sha256 over length-prefixed (name, value) pairs.
    digest = hashlib.sha256(struct.pack("<I", 6) + b"ip.src" + struct.pack("<I", 7) + b"1.2.3.4").hexdigest()
    assert "fp::2::" + digest == PINNED_IP


def test_stable_across_processes() -> None:
    code = (
        "from arcjet_core.analyze import Ruleset\n"
        "from arcjet_core.rules import detect_bot\n"
        "from tests.core.analyze.helpers import ctx\n"
        "out = Ruleset([detect_bot(allow=[])]).analyze(ctx(ip='1.2.3.4'), email=None, characteristics={'user': 'u1'},"
        " fingerprint_sets=(('ip.src',), ('user', 'http.method')))\n"
        "print(*out.fingerprints)\n"
    )
    runs = {subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
            for _ in range(2)}
    assert len(runs) == 1
    here = fps((("ip.src",), ("user", "http.method")), ip="1.2.3.4", characteristics={"user": "u1"})[0]
    assert runs.pop().split() == list(here)
    assert here[0] == PINNED_IP


def test_ip_forms_share_a_key_and_differ_from_others() -> None:
    a = fps((("ip.src",),), ip="1.2.3.4")[0]
    assert fps((("ip.src",),), ip="::ffff:1.2.3.4")[0] == a
    assert fps((("ip.src",),), ip="1.2.3.5")[0] != a
    assert fps((("ip.src",),), ip="2001:DB8::1")[0] == fps((("ip.src",),), ip="2001:db8:0::1")[0]


def test_order_and_duplicates_do_not_matter() -> None:
    x = fps((("ip.src", "http.method"), ("http.method", "ip.src", "ip.src")))[0]
    assert x[0] == x[1]


def test_request_characteristics() -> None:
    sets = (
        ("http.host",), ("http.method",), ("http.request.uri.path",),
        ('http.request.headers["x-api-key"]',), ('http.request.cookie["sid"]',), ('http.request.uri.args["q"]',),
    )
    a, errors = fps(sets, headers=[("x-api-key", "k1")], cookies="theme=dark; sid=abc", query="q=a%20b&z=1",
                    host="Example.com", path="/p")
    assert errors == (None,) * 6 and None not in a and len(set(a)) == 6
    b, _ = fps(sets, headers=[("X-Api-Key", "k1")], cookies="sid=abc", query="z=2&q=a+b", host="EXAMPLE.COM", path="/p")
    assert a == b  # same values, different surroundings
    c, _ = fps(sets, headers=[("x-api-key", "k2")], cookies="sid=abd", query="q=c", host="example.org", path="/q",
               method="POST")
    assert all(x != y for x, y in zip(a, c, strict=True))


def test_missing_characteristic_is_an_error_for_that_set_only() -> None:
    got, errors = fps((("ip.src",), ("userId",), ('http.request.headers["x-missing"]',)), characteristics={})
    assert got[0] is not None and got[1] is None and got[2] is None
    assert errors[0] is None
    assert errors[1] is not None and "userId" in errors[1]
    assert errors[2] is not None and "x-missing" in errors[2]
    got, errors = fps((("userId",),), characteristics={"userId": "42"})
    assert got[0] is not None and errors == (None,)


def test_no_ip_is_a_missing_characteristic() -> None:
    got, errors = fps((("ip.src",),), ip="")
    assert got == (None,) and errors[0] is not None and "ip.src" in errors[0]
