"""Request filters end to end: expression text -> parser -> IR -> the
analyzer's evaluator, through protect(), one row per operator, field,
function and three-valued case."""

from __future__ import annotations

from typing import Any

import pytest

from arcjet_core import FilterReason, Mode, arcjet_sync, filter_request

REQUEST: dict[str, Any] = {
    "ip": "203.0.113.7",
    "method": "POST",
    "path": "/api/Items/42",
    "query": "q=hello+world&tag=a%2Fb&tag=second&empty=",
    "headers": {
        "host": "shop.example.com",
        "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/126.0",
        "x-api-key": "K-123",
        "cookie": "session=abc123; theme=dark",
    },
}
LOCAL = {"plan": "pro", "user_id": "u-42"}

# (expression, expected value for REQUEST with LOCAL)
ROWS: list[tuple[str, str]] = [
    # fields
    ('http.host == "shop.example.com"', "true"),
    ('http.request.method eq "POST"', "true"),
    ('http.request.uri.path == "/api/Items/42"', "true"),
    ('http.request.uri.query contains "tag=second"', "true"),
    ('http.request.headers["X-API-Key"] == "K-123"', "true"),
    ('http.request.cookie["session"] == "abc123"', "true"),
    ('http.request.cookie["Session"] == "abc123"', "undetermined"),
    ('http.request.uri.args["q"] == "hello world"', "true"),
    ('http.request.uri.args["tag"] == "a/b"', "true"),
    ('http.request.uri.args["empty"] == ""', "true"),
    ("ip.src == 203.0.113.7", "true"),
    ('ip.src == "203.0.113.7"', "true"),
    ('local["plan"] == "pro"', "true"),
    ('local.user_id == "u-42"', "true"),
    # comparison operators, word and symbol forms
    ('http.request.method ne "GET"', "true"),
    ('http.request.method != "POST"', "false"),
    ("len(http.request.uri.path) > 5", "true"),
    ("len(http.request.uri.path) gt 100", "false"),
    ("len(http.request.uri.path) >= 13", "true"),
    ("len(http.request.uri.path) ge 14", "false"),
    ("len(http.request.uri.path) < 14", "true"),
    ("len(http.request.uri.path) lt 13", "false"),
    ("len(http.request.uri.path) <= 13", "true"),
    ("len(http.request.uri.path) le 12", "false"),
    ('http.request.headers["user-agent"] matches "Firefox/1[0-9]{2}"', "true"),
    ('http.request.headers["user-agent"] ~ "(?i)chrome"', "false"),
    ('http.request.uri.path wildcard "/API/*"', "true"),
    ('http.request.uri.path strict wildcard "/API/*"', "false"),
    ('http.request.uri.path strict wildcard "/api/*/42"', "true"),
    ('http.request.method in { "GET" "POST" }', "true"),
    ('http.request.method in { "GET", "HEAD" }', "false"),
    ("ip.src in { 203.0.113.0/24 }", "true"),
    ("ip.src in { 10.0.0.0/8 192.168.0.0/16 }", "false"),
    ("ip.src in { 203.0.113.1..203.0.113.9 }", "true"),
    ("len(http.host) in { 1..16 }", "true"),
    # functions
    ('lower(http.request.uri.path) == "/api/items/42"', "true"),
    ('upper(http.request.method) == "POST"', "true"),
    # logic and precedence
    ('http.request.method == "POST" and ip.src in { 203.0.113.0/24 }', "true"),
    ('http.request.method == "GET" && ip.src in { 203.0.113.0/24 }', "false"),
    ('http.request.method == "GET" or local.plan == "pro"', "true"),
    ('http.request.method == "GET" || local.plan == "free"', "false"),
    ('http.request.method == "POST" xor local.plan == "pro"', "false"),
    ('http.request.method == "POST" ^^ local.plan == "free"', "true"),
    ('not http.request.method == "GET"', "true"),
    ('!(http.request.method == "POST")', "false"),
    ('http.request.method == "GET" or http.request.method == "POST" and local.plan == "free"', "false"),
    ("true", "true"),
    ("false", "false"),
    # three-valued: a missing header, cookie, arg or local key is undetermined
    ('http.request.headers["x-missing"] == "a"', "undetermined"),
    ('not http.request.headers["x-missing"] == "a"', "undetermined"),
    ('http.request.headers["x-missing"] == "a" and http.request.method == "GET"', "false"),
    ('http.request.headers["x-missing"] == "a" and http.request.method == "POST"', "undetermined"),
    ('http.request.headers["x-missing"] == "a" or http.request.method == "POST"', "true"),
    ('http.request.headers["x-missing"] == "a" or http.request.method == "GET"', "undetermined"),
    ('http.request.headers["x-missing"] == "a" xor true', "undetermined"),
    ('http.request.cookie["nope"] contains "x"', "undetermined"),
    ('http.request.uri.args["nope"] == "x"', "undetermined"),
    ('local.missing == "x"', "undetermined"),
    ('len(local.missing) > 1', "undetermined"),
    # IP details are not known without IP analysis: undetermined, never false
    ('ip.src.country == "US"', "undetermined"),
    ("ip.src.vpn", "undetermined"),
    ("ip.src.asnum == 64496", "undetermined"),
    ("ip.src.lat > 10.5", "undetermined"),
]


def evaluate(expression: str, request: dict[str, Any] = REQUEST, local: dict[str, str] | None = None) -> str:
    rule = filter_request(mode=Mode.LIVE, deny=[expression])
    with arcjet_sync(key="filter-eval", rules=[rule]) as aj:
        decision = aj.protect(request, filter_local=LOCAL if local is None else local)
    reason = decision.results[0].reason_v2
    assert isinstance(reason, FilterReason), reason
    if reason.matched_expressions:
        assert decision.is_denied()
        return "true"
    assert decision.is_allowed()
    return "undetermined" if reason.undetermined_expressions else "false"


@pytest.mark.parametrize(("expression", "expected"), ROWS, ids=[r[0] for r in ROWS])
def test_expression_value(expression: str, expected: str) -> None:
    assert evaluate(expression) == expected


def test_allow_mode_denies_unless_an_expression_is_true() -> None:
    rule = filter_request(allow=['http.request.method == "GET"', 'local.plan == "pro"'])
    with arcjet_sync(key="filter-allow", rules=[rule]) as aj:
        allowed = aj.protect(REQUEST, filter_local=LOCAL)
        denied = aj.protect(REQUEST, filter_local={"plan": "free"})
        undetermined = aj.protect(REQUEST)
    assert allowed.is_allowed()
    assert allowed.reason_v2.matched_expressions == ('local.plan == "pro"',)  # type: ignore[union-attr]
    assert denied.is_denied()
    assert denied.reason_v2.matched_expressions == ()  # type: ignore[union-attr]
    # Nothing matched for certain: an allow list does not let it through.
    assert undetermined.is_denied()
    assert undetermined.reason_v2.undetermined_expressions == ('local.plan == "pro"',)  # type: ignore[union-attr]


def test_reason_lists_every_matched_and_undetermined_expression() -> None:
    exprs = ['http.request.method == "POST"', 'http.request.headers["x-nope"] == "1"', 'local.plan == "pro"',
             'http.host == "other"']
    with arcjet_sync(key="filter-reason", rules=[filter_request(deny=exprs)]) as aj:
        reason = aj.protect(REQUEST, filter_local=LOCAL).reason_v2
    assert isinstance(reason, FilterReason)
    assert reason.matched_expressions == (exprs[0], exprs[2])
    assert reason.undetermined_expressions == (exprs[1],)


def test_ipv6_client_and_missing_host() -> None:
    request = {**REQUEST, "ip": "2001:db8::7", "headers": {"user-agent": "x"}}
    assert evaluate("ip.src in { 2001:db8::/32 }", request) == "true"
    assert evaluate("ip.src == 2001:db8:0:0:0:0:0:7", request) == "true"
    assert evaluate("ip.src in { 203.0.113.0/24 }", request) == "false"
    assert evaluate('http.host == "shop.example.com"', request) == "undetermined"


def test_invalid_regex_raises_when_the_rule_is_made() -> None:
    from arcjet_core import ArcjetMisconfiguration

    with pytest.raises(ArcjetMisconfiguration, match="regex"):
        filter_request(deny=['http.request.uri.path matches "(unclosed"'])


def test_hostile_inputs_never_escape_protect() -> None:
    rule = filter_request(deny=['http.request.headers["x"] matches "(a|aa)*b"', 'http.request.uri.args["q"] == "x"',
                                'http.request.cookie["c"] contains "\\x00"'])
    request = {**REQUEST, "query": "q=%zz%%%&&==&q", "headers": {"x": "a" * 60_000, "cookie": ";;=;c;c=\"\x01"}}
    with arcjet_sync(key="filter-hostile", rules=[rule]) as aj:
        decision = aj.protect(request, filter_local={"\x00": "\x00"})
    assert not decision.is_error(), decision.results


def test_ip_detail_fields_come_from_ip_analysis() -> None:
    google = {**REQUEST, "ip": "8.8.8.8"}
    assert evaluate('ip.src.country == "US"', google) == "true"
    assert evaluate("ip.src.asnum == 15169", google) == "true"
    assert evaluate('ip.src.asnum.name contains "Google"', google) == "true"
    assert evaluate('ip.src.continent in { "EU" "AS" }', google) == "false"
    assert evaluate("ip.src.tor", google) == "false"
    # No city-level data is bundled: undetermined, never a guess.
    assert evaluate('ip.src.city == "Mountain View"', google) == "undetermined"
