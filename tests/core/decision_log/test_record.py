"""The record schema (docs/decision-log.md), built without any I/O."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from arcjet_core.decision import (
    BotReason,
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
def test_the_fast_line_equals_the_record_serialised(mode: str) -> None:
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
    builder = LineBuilder(IpCodec(mode, KEY))
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
