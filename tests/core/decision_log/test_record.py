"""The record schema (docs/decision-log.md), built without any I/O."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest

from arcjet_core.decision import (
    BotReason,
    Decision,
    EmailReason,
    ErrorReason,
    FilterReason,
    IdentifiedEntity,
    PromptInjectionReason,
    RateLimitReason,
    RuleResult,
    SensitiveInfoReason,
    ShieldReason,
    aggregate,
)
from arcjet_core.decision_log import SCHEMA_VERSION, build_record, ua_class
from arcjet_core.decision_log._ip import IpCodec, check_mode, key_bytes
from arcjet_core.decision_log._record import clean_path, redact, utc_iso
from arcjet_core.enums import Conclusion, RuleState
from arcjet_core.errors import ArcjetMisconfiguration

KEY = b"k" * 32
TOP_KEYS = ["v", "ts", "id", "conclusion", "reason", "ip", "ip_mode", "method", "path", "ua", "ttl", "rules"]
RULE_KEYS = ["id", "kind", "mode", "state", "conclusion", "reason"]


def result(kind: str, conclusion: Conclusion, reason: object, dry_run: bool = False,
           state: RuleState = RuleState.RUN) -> RuleResult:
    return RuleResult(f"rule-{kind.lower()}", state, conclusion, reason, "fp", 0, kind, dry_run)  # type: ignore[arg-type]


def test_every_reason_type_has_its_key_fields() -> None:
    results = [
        result("SHIELD", Conclusion.DENY, ShieldReason(True, ("SQL_INJECTION",), False, (942100, 942190), 10), True,
               RuleState.DRY_RUN),
        result("RATE_LIMIT", Conclusion.DENY, RateLimitReason(5, 0, None, timedelta(seconds=42), timedelta(seconds=60))),
        result("BOT", Conclusion.ALLOW, BotReason(("GOOGLE_CRAWLER",), (), False, True)),
        result("EMAIL", Conclusion.ALLOW, EmailReason(("FREE",))),
        result("SENSITIVE_INFO", Conclusion.ALLOW, SensitiveInfoReason(
            (IdentifiedEntity("PHONE_NUMBER", 0, 5),), (IdentifiedEntity("EMAIL", 3, 9), IdentifiedEntity("EMAIL", 20, 30)))),
        result("PROMPT_INJECTION", Conclusion.ALLOW, PromptInjectionReason(False)),
        result("FILTER", Conclusion.ALLOW, FilterReason(('ip.src.country eq "RU"',), ())),
        result("RATE_LIMIT", Conclusion.ERROR, ErrorReason("rate-limit storage failed: alice@example.com timed out")),
    ]
    decision = aggregate(results, ip_address="203.0.113.7")
    record = build_record(1_740_830_400.123456, decision, "post", "/login", "curl/8.4.0", IpCodec("full", KEY))
    assert list(record) == TOP_KEYS
    assert record["v"] == SCHEMA_VERSION == 1
    assert record["ts"] == "2025-03-01T12:00:00.123456Z"
    assert record["id"] == decision.id and record["id"].startswith("lreq_")
    assert (record["conclusion"], record["reason"], record["ttl"]) == ("DENY", "RATE_LIMIT", 0)
    assert (record["ip"], record["ip_mode"], record["method"], record["path"], record["ua"]) == (
        "203.0.113.7", "full", "POST", "/login", "tool")
    rules = record["rules"]
    assert [list(r)[:6] for r in rules] == [RULE_KEYS] * len(results)
    shield, limit, bot, email, sensitive, prompt, flt, error = rules
    assert shield | {} == {"id": "rule-shield", "kind": "SHIELD", "mode": "DRY_RUN", "state": "DRY_RUN",
                           "conclusion": "DENY", "reason": "SHIELD", "triggered": True, "suspicious": False,
                           "categories": ["SQL_INJECTION"], "rule_ids": [942100, 942190], "score": 10}
    assert (limit["mode"], limit["max"], limit["remaining"], limit["reset"], limit["window"]) == ("LIVE", 5, 0, 42, 60)
    assert (bot["allowed"], bot["denied"], bot["spoofed"], bot["verified"]) == (["GOOGLE_CRAWLER"], [], False, True)
    assert email["email_types"] == ["FREE"]
    # Types only, each once; never positions or text.
    assert (sensitive["denied_types"], sensitive["allowed_types"]) == (["EMAIL"], ["PHONE_NUMBER"])
    assert "start" not in str(sensitive) and "end" not in sensitive
    assert prompt["detected"] is False
    assert (flt["matched"], flt["undetermined"]) == (['ip.src.country eq "RU"'], [])
    assert error["message"] == "rate-limit storage failed: [email] timed out"


@pytest.mark.parametrize(("ua", "expected"), [
    (None, "none"), ("", "none"), ("   ", "none"),
    ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/124.0", "browser"),
    ("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "bot"),
    ("Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.0)", "bot"),
    ("curl/8.4.0", "tool"), ("Wget/1.21", "tool"), ("python-requests/2.31.0", "tool"),
    ("Go-http-client/1.1", "tool"), ("okhttp/4.12.0", "tool"),
    ("SomethingElse/1.0", "other"),
    ("x" * 100_000 + "bot", "other"),  # only the first 256 characters are read
])
def test_ua_class(ua: str | None, expected: str) -> None:
    assert ua_class(ua) == expected


def test_path_drops_query_and_fragment_and_emails() -> None:
    assert clean_path("/a/b?email=x@y.z&q=secret") == "/a/b"
    assert clean_path("/a#frag") == "/a"
    assert clean_path("/users/bob@example.com/edit") == "/users/[email]/edit"
    assert clean_path("/users/bob%40example.com") == "/users/[email]"
    assert clean_path("/users/BOB%40EXAMPLE.COM") == "/users/[email]"
    long = clean_path("/" + "a" * 2000)
    assert len(long) == 512 and long.endswith("\u2026")


def test_redact_bounds_and_replaces() -> None:
    assert redact("no address here", 200) == "no address here"
    assert redact("mail carol@corp.example now", 200) == "mail [email] now"
    assert len(redact("x" * 500, 200)) == 200


def test_utc_iso_rounds_into_the_next_second() -> None:
    assert utc_iso(0.9999999) == "1970-01-01T00:00:01.000000Z"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z", utc_iso(1_700_000_000.5))


def test_ip_modes() -> None:
    assert IpCodec("full", KEY).encode("2001:db8::1") == "2001:db8::1"
    assert IpCodec("truncated", KEY).encode("203.0.113.77") == "203.0.113.0/24"
    assert IpCodec("truncated", KEY).encode("2001:db8:1:2::5") == "2001:db8:1::/48"
    assert IpCodec("truncated", KEY).encode("") == ""
    hashed = IpCodec("hashed", KEY)
    one = hashed.encode("203.0.113.77")
    assert re.fullmatch(r"h:[0-9a-f]{32}", one)
    assert hashed.encode("203.0.113.77") == one  # stable within a log
    assert hashed.encode("203.0.113.78") != one
    assert IpCodec("hashed", b"z" * 32).encode("203.0.113.77") != one  # keyed: another log, another hash


def test_ip_key_sources(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ARCJET_LOG_IP_KEY", raising=False)
    assert key_bytes(None) != key_bytes(None)  # random per log
    assert key_bytes("s" * 16) == b"s" * 16
    monkeypatch.setenv("ARCJET_LOG_IP_KEY", "e" * 20)
    assert key_bytes(None) == b"e" * 20
    with pytest.raises(ArcjetMisconfiguration):
        key_bytes("short")
    with pytest.raises(ArcjetMisconfiguration, match="log_ip"):
        check_mode("partial")


@pytest.mark.parametrize("mode", ["full", "truncated", "hashed"])
def test_the_fast_line_equals_the_record_serialised(mode: str, native: bool) -> None:
    from arcjet_core.decision_log._line import LineBuilder
    from arcjet_core.decision_log._sinks import to_line

    reasons: list[tuple[str, Conclusion, object]] = [
        ("SHIELD", Conclusion.DENY, ShieldReason(True, ("XSS", 'q"uote'), True, (941100,), 7)),
        ("RATE_LIMIT", Conclusion.ALLOW, RateLimitReason(9, 3, None, timedelta(seconds=1.7), timedelta(hours=1))),
        ("BOT", Conclusion.DENY, BotReason((), ("CURL", "CATEGORY:AI"), True, False)),
        ("EMAIL", Conclusion.DENY, EmailReason(("DISPOSABLE", "NO_MX_RECORDS"))),
        ("SENSITIVE_INFO", Conclusion.DENY, SensitiveInfoReason((), (IdentifiedEntity("CUSTOM\u00e9", 0, 1),))),
        ("PROMPT_INJECTION", Conclusion.DENY, PromptInjectionReason(True)),
        ("FILTER", Conclusion.DENY, FilterReason(("http.request.uri.path eq \"/\u2028x\"",), ("ip.src.vpn",))),
        ("X", Conclusion.ERROR, ErrorReason("line1\nline2 \u00fcber a@b.c")),
    ]
    builder = LineBuilder(IpCodec(mode, KEY), native=native)
    codec = IpCodec(mode, KEY)
    for i, (kind, conclusion, reason) in enumerate(reasons):
        shared = result(kind, conclusion, reason, dry_run=bool(i % 2))
        for ip in ("203.0.113.7", "2001:db8::1", ""):
            decision = aggregate([shared, result("SHIELD", Conclusion.ALLOW, ShieldReason(False))], ip_address=ip)
            for ts, method, path, ua in [
                (1_700_000_000.999_999_7, "get", "/a?b=c", None),
                (1.5, "PO\nST", "/\u00e9\u2028/x@y.z#f", "curl/8 \u2028"),
                (1_800_000_000.25, "GET", "/" + "p" * 600, "Mozilla/5.0 (compatible; bingbot/2.0)"),
            ]:
                for _ in range(2):  # the second time from the builder's caches
                    assert builder.line(ts, decision, method, path, ua) == to_line(
                        build_record(ts, decision, method, path, ua, codec))
    # The C builder built lines itself (the first of each shape is Python's, which fills the caches).
    assert getattr(builder.line, "hits", 0) > 0 if native else builder.line == builder._line


def _with_caller_fields(correlation_id: str | None, metadata: dict[str, str] | None) -> Decision:
    import dataclasses

    base = aggregate([result("SHIELD", Conclusion.ALLOW, ShieldReason(False))], ip_address="203.0.113.7")
    return dataclasses.replace(base, correlation_id=correlation_id, metadata=metadata)


def test_correlation_id_and_metadata_follow_the_rules() -> None:
    from arcjet_core.metadata import encode_metadata

    metadata = encode_metadata({"user": "u-1", "n": 3, "tags": ["a", "\u00fcber"], "nested": {"ok": True}})
    decision = _with_caller_fields("corr-42", metadata)
    record = build_record(1.0, decision, "GET", "/", None, IpCodec("full", KEY))
    assert list(record) == [*TOP_KEYS, "correlation_id", "metadata"]
    assert record["correlation_id"] == "corr-42"
    assert record["metadata"] == {"user": "u-1", "n": 3, "tags": ["a", "\u00fcber"], "nested": {"ok": True}}
    # Absent when not set: lines of callers who set neither are unchanged.
    plain = build_record(1.0, _with_caller_fields(None, None), "GET", "/", None,
                         IpCodec("full", KEY))
    assert list(plain) == TOP_KEYS
    assert "metadata" not in build_record(1.0, _with_caller_fields(None, {}), "GET", "/", None,
                                          IpCodec("full", KEY))


def test_caller_fields_are_bounded_and_bad_values_left_out() -> None:
    from arcjet_core.decision_log._record import MAX_CORRELATION_ID, MAX_LOG_METADATA

    metadata = {"ok": '"yes"', "nan": "NaN", "huge": "1e400", "broken": "{not json", "num": "1.5",
                **{f"k{i}": '"' + "x" * (MAX_LOG_METADATA // 4) + '"' for i in range(8)}}
    decision = _with_caller_fields("c" * 1000, metadata)
    record = build_record(1.0, decision, "GET", "/", None, IpCodec("full", KEY))
    assert record["correlation_id"] == "c" * MAX_CORRELATION_ID
    assert list(record["metadata"]) == ["ok", "num", "k0", "k1", "k2"]
    assert record["metadata"]["num"] == 1.5


@pytest.mark.parametrize(("correlation_id", "metadata"), [
    ("corr-\u2028\"x", {"user": '"\u00e9\u2028"', "n": "[1,2.5,null]"}),
    (None, {"a": '{"b":"c"}'}),
    ("only-id", None),
    ("", {"bad": "NaN"}),
])
def test_the_fast_line_equals_the_record_with_caller_fields(correlation_id: str | None,
                                                            metadata: dict[str, str] | None, native: bool) -> None:
    from arcjet_core.decision_log._line import LineBuilder
    from arcjet_core.decision_log._sinks import to_line

    decision = _with_caller_fields(correlation_id, metadata)
    builder = LineBuilder(IpCodec("full", KEY), native=native)
    for _ in range(2):
        line = builder.line(1_700_000_000.5, decision, "GET", "/x", "curl/8")
        assert line == to_line(build_record(1_700_000_000.5, decision, "GET", "/x", "curl/8",
                                            IpCodec("full", KEY)))
        assert line.isascii()


def test_the_builder_s_caches_follow_every_change_of_shape(native: bool) -> None:
    """The fragment caches (per rule id, per reason, per rate limit) must never
    serve a fragment for a result that differs in anything the line shows:
    each step below changes one thing from the step before."""
    import dataclasses

    from arcjet_core.decision_log._line import LineBuilder
    from arcjet_core.decision_log._sinks import to_line

    allow = ShieldReason(False)
    base = result("SHIELD", Conclusion.ALLOW, allow)
    shields = [
        base, result("SHIELD", Conclusion.ALLOW, ShieldReason(False, (), True)),  # the reason
        base, result("SHIELD", Conclusion.ALLOW, allow, dry_run=True),  # the mode alone
        base, result("SHIELD", Conclusion.ALLOW, allow, state=RuleState.CACHED),
        base, result("SHIELD", Conclusion.DENY, allow),
        base, dataclasses.replace(base, kind="SHIELD2"),
        base, result("SHIELD", Conclusion.ALLOW, ShieldReason(False)),  # an equal reason, another object
    ]
    w60, w120 = timedelta(seconds=60), timedelta(seconds=120)

    def limit(mx: int = 5, rem: int = 4, reset: float = 9, window: timedelta = w60, **kw: Any) -> RuleResult:
        conclusion = kw.pop("conclusion", Conclusion.ALLOW)
        reason = RateLimitReason(mx, rem, None, timedelta(seconds=reset), window, *kw.pop("type", ()))
        return dataclasses.replace(result("RATE_LIMIT", conclusion, reason), **kw)

    deny = Conclusion.DENY
    limits = [
        limit(), limit(rem=3), limit(reset=8.5), limit(mx=6), limit(), limit(window=w120), limit(),
        limit(window=timedelta(seconds=60)), limit(), limit(conclusion=deny),
        limit(conclusion=deny, state=RuleState.CACHED), limit(conclusion=deny), limit(), limit(dry_run=True),
        limit(), limit(kind="RATE_LIMIT2"), limit(), limit(type=("RATE",)),
    ]
    builder = LineBuilder(IpCodec("hashed", KEY), native=native)
    codec = IpCodec("hashed", KEY)
    requests = [("GET", "/a", "curl/8"), ("post", "/a", "curl/8"), ("GET", "/a?x=1", None), ("GET", "/b", "curl/8")]
    for i in range(2 * max(len(shields), len(limits))):
        decision = aggregate([shields[i % len(shields)], limits[i % len(limits)]],
                             ip_address=("203.0.113.7", "203.0.113.8")[i % 2])
        method, path, ua = requests[i % len(requests)]
        ts = 1_700_000_000 + i * 0.3
        assert builder.line(ts, decision, method, path, ua) == to_line(
            build_record(ts, decision, method, path, ua, codec)), i


def test_one_builder_serves_many_threads(native: bool) -> None:
    import threading

    from arcjet_core.decision_log._line import LineBuilder
    from arcjet_core.decision_log._sinks import to_line

    builder = LineBuilder(IpCodec("truncated", KEY), native=native)
    codec = IpCodec("truncated", KEY)
    wrong: list[str] = []

    def work(n: int) -> None:
        for i in range(300):
            limit = result("RATE_LIMIT", Conclusion.ALLOW if i % 3 else Conclusion.DENY,
                           RateLimitReason(9, i % 7, None, timedelta(seconds=i % 5), timedelta(seconds=60)))
            decision = aggregate([limit], ip_address=f"198.51.{n}.{i % 4}")
            ts = 1_700_000_000 + n * 7.5 + i * 0.37  # every thread crosses seconds at its own times
            line = builder.line(ts, decision, "GET", f"/{i % 5}", "curl/8")
            if line != to_line(build_record(ts, decision, "GET", f"/{i % 5}", "curl/8", codec)):
                wrong.append(line)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert wrong == []


def test_the_builder_s_caches_are_bounded(native: bool) -> None:
    from arcjet_core.decision_log._line import _CACHE, LineBuilder

    builder = LineBuilder(IpCodec("full", KEY), native=native)
    decision = aggregate([], ip_address="203.0.113.7")
    for i in range(3):  # a client's huge path or user agent is formatted, never kept as a key
        builder.line(1.0, decision, "GET", "/" + "p" * 5000 + str(i), "u" * 5000 + str(i))
    assert not builder._requests and not builder._uas
    for i in range(_CACHE + 10):
        builder.line(1.0, aggregate([], ip_address=f"10.{i // 256}.{i % 256}.1"), "GET", f"/{i}", f"ua{i}")
    assert 0 < max(len(builder._requests), len(builder._ips), len(builder._uas)) <= _CACHE
