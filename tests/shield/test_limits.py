"""Shield's inspection limits through protect() (issue #14, findings 1 and 7).

Each blind spot an attacker found (a payload after 16 KiB of padding, in the
512th parameter, at JSON depth 65) is now either inspected and detected, or,
past a limit, denied by the default policy (``on_limit="deny"``). Nothing is
skipped silently. ``on_limit="inspect_prefix"`` inspects up to the limits
and reports the cut as a LOW ``INSPECTION_LIMIT`` finding.

The requests that made the analyzer miss its deadline (and so fail every rule
open) finish inside it: a deadline would show as an ERROR result.
"""

from __future__ import annotations

import time
from typing import Any

import pytest

from arcjet_core import arcjet, arcjet_sync, shield
from arcjet_core.rules import MAX_SHIELD_BODY

from .helpers import fresh_ip

UA = {"user-agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"}
SCRIPT = "<script>alert(document.cookie)</script>"
PAD = "a" * (16 * 1024 + 1)  # the old per-value cut was 16 KiB
LIMIT = "INSPECTION_LIMIT"


def judge(aj: Any, req: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    """(conclusion, categories) of a shield-only client's decision."""
    decision = aj.protect({"path": "/", "method": "GET", **req, "ip": fresh_ip()})
    (result,) = decision.results
    assert result.kind == "SHIELD" and result.state.value == "RUN", result
    return decision.conclusion.value, tuple(getattr(result.reason_v2, "categories", ()))


@pytest.fixture(scope="module")
def deny() -> Any:
    with arcjet_sync(key="limits-deny", rules=[shield(threshold=1_000_000)], environment="development") as aj:
        yield aj


@pytest.fixture(scope="module")
def prefix() -> Any:
    with arcjet_sync(key="limits-prefix", rules=[shield(threshold=1_000_000, on_limit="inspect_prefix")],
                     environment="development") as aj:
        yield aj


def _q(text: str) -> str:
    return text.replace("%", "%25").replace(" ", "%20").replace("<", "%3C").replace(">", "%3E").replace("(", "%28") \
        .replace(")", "%29").replace("/", "%2F")


PADDED = {
    "query value": {"query": "q=" + _q(f"{PAD} {SCRIPT}")},
    "header": {"headers": {**UA, "x-comment": f"{PAD} {SCRIPT}"}},
    "cookie": {"headers": {**UA, "cookie": "c=" + _q(f"{PAD} {SCRIPT}")}},
    "path": {"path": "/" + _q(f"{PAD} {SCRIPT}")},
    "text body": {"method": "POST", "headers": {**UA, "content-type": "text/plain"},
                  "body": f"{PAD} {SCRIPT}".encode()},
}


@pytest.mark.parametrize("where", sorted(PADDED))
def test_a_payload_after_16_kib_of_padding_is_detected(deny: Any, prefix: Any, where: str) -> None:
    req = {"headers": UA, **PADDED[where]}
    # Within every limit: inspected whole, under either policy.
    for aj in (deny, prefix):
        conclusion, categories = judge(aj, req)
        assert conclusion == "DENY" and "XSS" in categories and LIMIT not in categories, (where, categories)


def test_a_text_body_is_inspected_whole_up_to_the_body_limit() -> None:
    body = ("b" * (MAX_SHIELD_BODY - 100) + " " + SCRIPT).encode()
    with arcjet_sync(key="limits-text", rules=[shield(max_body_bytes=MAX_SHIELD_BODY, threshold=1_000_000)],
                     body_limit=2 << 20, environment="development") as aj:
        conclusion, categories = judge(aj, {"method": "POST", "headers": {**UA, "content-type": "text/plain"},
                                            "body": body})
    assert conclusion == "DENY" and categories == ("XSS",)


def _params(n: int, last: str) -> str:
    return "&".join([f"p{i}=1" for i in range(n - 1)] + [f"q={_q(last)}"])


# Arguments inspected: 512 per source of the head, 8192 in a body (an API's
# JSON holds thousands of strings; a body's cost is bounded by its bytes).
@pytest.mark.parametrize(("where", "cap"), [("query", 512), ("form", 8192)])
def test_the_last_parameter_is_inspected_and_the_next_denied(deny: Any, prefix: Any, where: str, cap: int) -> None:
    def req(n: int) -> dict[str, Any]:
        args = _params(n, SCRIPT)
        if where == "query":
            return {"headers": UA, "query": args}
        return {"method": "POST", "headers": {**UA, "content-type": "application/x-www-form-urlencoded"},
                "body": args.encode()}

    assert judge(deny, req(cap)) == ("DENY", ("XSS",))
    # The next is past the cap: not inspected, so denied by policy...
    assert judge(deny, req(cap + 1)) == ("DENY", (LIMIT,))
    # ... or, with inspect_prefix, reported as a cut and let through.
    assert judge(prefix, req(cap + 1)) == ("ALLOW", (LIMIT,))


def test_an_api_json_body_with_thousands_of_strings_is_inspected_not_denied(deny: Any) -> None:
    import json

    rows = [{"id": i, "name": f"user {i}", "tag": f"t{i % 97}"} for i in range(1000)]  # 4000 strings, ~45 KB
    body = json.dumps(rows).encode()
    req = {"method": "POST", "headers": {**UA, "content-type": "application/json"}, "body": body}
    assert judge(deny, req) == ("ALLOW", ())
    rows[-1]["name"] = SCRIPT
    assert judge(deny, {**req, "body": json.dumps(rows).encode()}) == ("DENY", ("XSS",))


def test_json_deeper_than_the_cap_is_denied(deny: Any, prefix: Any) -> None:
    def req(depth: int) -> dict[str, Any]:
        body = "[" * depth + f'"{SCRIPT}"' + "]" * depth
        return {"method": "POST", "headers": {**UA, "content-type": "application/json"}, "body": body.encode()}

    assert judge(deny, req(64)) == ("DENY", ("XSS",))
    assert judge(deny, req(65)) == ("DENY", (LIMIT,))
    assert judge(prefix, req(65)) == ("ALLOW", (LIMIT,))


OVER = {
    # More than max_body_bytes (128 KiB by default) of a body shield reads.
    "body over max_body_bytes": {"method": "POST", "headers": {**UA, "content-type": "text/plain"},
                                 "body": b"a" * shield().max_body_bytes + b" " + SCRIPT.encode()},
    # A query value past the 64 KiB the host sends of any field.
    "query over 64 KiB": {"query": "q=" + "a" * (64 << 10) + _q(SCRIPT)},
    # More headers than the host sends (256).
    "300 headers": {"headers": [*UA.items(), *((f"x-h{i}", "1") for i in range(299)), ("x-last", SCRIPT)]},
    # More header bytes than are inspected in all (64 KiB).
    "80 KiB of headers": {"headers": [*UA.items(), *((f"x-h{i}", "a" * 8000) for i in range(10)),
                                      ("x-last", SCRIPT)]},
}


@pytest.mark.parametrize("name", sorted(OVER))
def test_input_past_a_limit_follows_the_policy(deny: Any, prefix: Any, name: str) -> None:
    req = {"headers": UA, **OVER[name]}
    assert judge(deny, req) == ("DENY", (LIMIT,)), name
    assert judge(prefix, req) == ("ALLOW", (LIMIT,)), name


def test_a_body_cut_by_the_read_limit_follows_the_policy() -> None:
    # body_limit (what is read at all) below max_body_bytes: the payload is
    # past what was read, and the host says the body was cut.
    body = b"a" * (40 << 10) + b" " + SCRIPT.encode()
    text = {"method": "POST", "headers": {**UA, "content-type": "text/plain"}, "body": body}
    png = {"method": "POST", "headers": {**UA, "content-type": "image/png"}, "body": body}
    for policy, want in (("deny", "DENY"), ("inspect_prefix", "ALLOW")):
        with arcjet_sync(key=f"limits-read-{policy}", rules=[shield(threshold=1_000_000, on_limit=policy)],
                         body_limit=32 << 10, environment="development") as aj:
            assert judge(aj, text) == (want, (LIMIT,)), policy
            # A body shield does not read is over no inspection limit.
            assert judge(aj, png) == ("ALLOW", ()), policy


async def test_the_policy_holds_on_the_async_client() -> None:
    async with arcjet(key="limits-async", rules=[shield(threshold=1_000_000)], environment="development") as aj:
        for req in ({"headers": UA, **OVER["query over 64 KiB"]}, {"headers": UA, **PADDED["header"]}):
            decision = await aj.protect({"path": "/", "method": "GET", **req, "ip": fresh_ip()})
            assert decision.conclusion.value == "DENY", decision


# Finding 1: inputs that ran the analyzer past its deadline (~110 ms), which
# failed shield, bot and rate-limit rules open. The worst shapes are at the
# largest limits shield allows.
def _bars(n: int) -> str:
    return "||" * (n // 2)


SLOW = {
    "100 headers of 16 KB of ||": {"headers": [*UA.items(), *((f"x-h{i}", _bars(16_000)) for i in range(100))]},
    "JSON body of ||": {"method": "POST", "headers": {**UA, "content-type": "application/json"},
                        "body": ('["' + _bars(MAX_SHIELD_BODY - 8) + '"]').encode()},
    "form body of ||": {"method": "POST", "headers": {**UA, "content-type": "application/x-www-form-urlencoded"},
                        "body": ("f=" + _bars(MAX_SHIELD_BODY - 2)).encode()},
    "multipart body of ||": {"method": "POST", "headers": {**UA, "content-type": "multipart/form-data; boundary=B"},
                             "body": ('--B\r\nContent-Disposition: form-data; name="f"\r\n\r\n'
                                      + _bars(MAX_SHIELD_BODY - 100) + "\r\n--B--\r\n").encode()},
    "text body of ||": {"method": "POST", "headers": {**UA, "content-type": "text/plain"},
                        "body": _bars(MAX_SHIELD_BODY).encode()},
}


@pytest.mark.parametrize("policy", ["deny", "inspect_prefix"])
def test_the_inputs_that_missed_the_deadline_finish(policy: str) -> None:
    with arcjet_sync(key=f"limits-slow-{policy}",
                     rules=[shield(max_body_bytes=MAX_SHIELD_BODY, threshold=1_000_000, on_limit=policy)],
                     body_limit=MAX_SHIELD_BODY, environment="development") as aj:
        for name, req in SLOW.items():
            t0 = time.perf_counter()
            conclusion, categories = judge(aj, req)
            print(f"{name} ({policy}): {conclusion} {categories} {1e3 * (time.perf_counter() - t0):.1f} ms")
            # An analyzer deadline or trap would be an ERROR (failing open).
            assert conclusion in ("ALLOW", "DENY"), name
            if name.startswith("100 headers"):
                # 1.6 MB of header values: past max_header_bytes.
                assert LIMIT in categories, name
            else:
                assert LIMIT not in categories, name


def test_the_4_mib_body_of_the_attack_is_refused_at_construction() -> None:
    # A 4 MiB body of `||` ran ~110 ms in the analyzer, past its deadline.
    # The largest inspected body is now what the deadline's margin allows.
    from arcjet_core import ArcjetMisconfiguration

    with pytest.raises(ArcjetMisconfiguration, match="max_body_bytes"):
        shield(max_body_bytes=4 << 20)
    assert shield(max_body_bytes=MAX_SHIELD_BODY).max_body_bytes == MAX_SHIELD_BODY


WORST_BYTES = ["(", "`", "${", "{{", "<%", "%", "&", "||", ";", "'", "0x&#"]


@pytest.mark.parametrize("unit", WORST_BYTES)
def test_the_worst_request_at_every_cap_is_judged(unit: str) -> None:
    # The largest body shield inspects, a 64 KiB query and path and 64 KiB
    # of header values, all of one costly shape: under half the deadline in
    # the analyzer (13-29 ms of CPU here, wasm/shield/README.md); a deadline
    # would be an ERROR.
    def fill(n: int) -> str:
        return (unit * (n // len(unit) + 1))[:n]

    req = {"method": "POST", "path": "/" + fill((64 << 10) - 100), "query": "q=" + fill((64 << 10) - 100),
           "headers": [*UA.items(), ("content-type", "text/plain"), *((f"x-h{i}", fill(8000)) for i in range(7))],
           "body": fill(MAX_SHIELD_BODY).encode()}
    with arcjet_sync(key=f"limits-worst-{unit}", rules=[shield(max_body_bytes=MAX_SHIELD_BODY, threshold=1_000_000)],
                     body_limit=MAX_SHIELD_BODY, environment="development") as aj:
        conclusion, _ = judge(aj, req)
    assert conclusion in ("ALLOW", "DENY")


def _multipart(*parts: tuple[str, str | None, bytes]) -> bytes:
    out = b""
    for name, filename, value in parts:
        disposition = f'form-data; name="{name}"' + (f'; filename="{filename}"' if filename else "")
        out += f"--XyZ\r\nContent-Disposition: {disposition}\r\n\r\n".encode() + value + b"\r\n"
    return out + b"--XyZ--\r\n"


def test_an_upload_is_not_denied_for_its_size_and_fields_after_it_are_inspected() -> None:
    # File contents are not inspected, so they do not count toward
    # max_body_bytes (as ModSecurity's SecRequestBodyNoFilesLimit): a 2 MiB
    # upload passes, and a field after the file is still inspected.
    headers = {**UA, "content-type": "multipart/form-data; boundary=XyZ"}
    photo = bytes(range(256)) * (8 << 10)  # 2 MiB
    with arcjet_sync(key="upload", rules=[shield()], body_limit=4 << 20) as aj:
        upload = _multipart(("title", None, b"holiday"), ("photo", "a.jpg", photo))
        decision = aj.protect({"method": "POST", "path": "/up", "headers": headers, "body": upload, "ip": fresh_ip()})
        assert decision.is_allowed(), decision.reason_v2
        attack = _multipart(("photo", "a.jpg", photo), ("comment", None, SCRIPT.encode()))
        decision = aj.protect({"method": "POST", "path": "/up", "headers": headers, "body": attack, "ip": fresh_ip()})
        assert decision.is_denied() and decision.reason_v2.categories == ("XSS",)  # type: ignore[union-attr]
        # Field values past max_body_bytes in all still follow the policy.
        fields = _multipart(("a", None, b"a" * shield().max_body_bytes), ("b", None, b"b"))
        decision = aj.protect({"method": "POST", "path": "/up", "headers": headers, "body": fields, "ip": fresh_ip()})
        assert decision.is_denied() and decision.reason_v2.categories == (LIMIT,)  # type: ignore[union-attr]


def test_a_huge_host_is_cut_on_the_json_path_too() -> None:
    # Found by the fuzzer: NULs send the request as JSON, whose host field was
    # not cut; 1500 repeated Host headers of NULs joined into 6 MB, escaped
    # to 36 MB of JSON, ran the analyzer past its deadline (ERROR, fail open).
    headers = {**UA, "host": ", ".join(["\0" * 4000] * 1500)}
    with arcjet_sync(key="huge-host", rules=[shield()]) as aj:
        decision = aj.protect({"method": "GET", "path": "/", "headers": headers, "ip": fresh_ip()})
    assert decision.conclusion.value in ("ALLOW", "DENY"), decision.results[0].reason_v2
