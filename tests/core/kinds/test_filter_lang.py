"""The filter language: the IR of every construct, the errors of malformed
expressions (text and column), and properties over arbitrary input."""

from __future__ import annotations

import inspect
import json
import pickle
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from arcjet_core.errors import ArcjetMisconfiguration
from arcjet_core.kinds._filter_lang import (
    MAX_EXPRESSION_BYTES,
    MAX_EXPRESSIONS,
    MAX_IR_DEPTH,
    MAX_NESTING,
    FilterExpressionError,
    check_expressions,
    compile_expression,
)
from arcjet_core.kinds._filter_lang.fields import FIELDS

from .filter_ir import ANALYZER_IR_DEPTH, json_depth, validate

IR = dict[str, object]


def F(name: str, key: str | None = None) -> IR:
    return {"field": name} if key is None else {"field": name, "key": key}


def S(text: str) -> IR:
    return {"str": text}


def I(number: int) -> IR:  # noqa: E743
    return {"int": number}


def FL(number: float) -> IR:
    return {"float": number}


def IP(text: str) -> IR:
    return {"ip": text}


def B(value: bool) -> IR:
    return {"bool": value}


def cmp(op: str, lhs: IR, rhs: IR) -> IR:
    return {"cmp": op, "lhs": lhs, "rhs": rhs}


def truth(value: IR) -> IR:
    return {"truth": value}


VPN, TOR, PROXY = (truth(F(f"ip.src.{n}")) for n in ("vpn", "tor", "proxy"))
HOST = F("http.host")
ASN = F("ip.src.asnum")


# (source, IR)
CASES: list[tuple[str, IR]] = [
    # Comparison operators, word and symbol forms.
    ('http.host eq "a"', cmp("eq", HOST, S("a"))),
    ('http.host == "a"', cmp("eq", HOST, S("a"))),
    ('http.host ne "a"', cmp("ne", HOST, S("a"))),
    ('http.host != "a"', cmp("ne", HOST, S("a"))),
    ("ip.src.asnum lt 5", cmp("lt", ASN, I(5))),
    ("ip.src.asnum < 5", cmp("lt", ASN, I(5))),
    ("ip.src.asnum le 5", cmp("le", ASN, I(5))),
    ("ip.src.asnum <= 5", cmp("le", ASN, I(5))),
    ("ip.src.asnum gt 5", cmp("gt", ASN, I(5))),
    ("ip.src.asnum > 5", cmp("gt", ASN, I(5))),
    ("ip.src.asnum ge 5", cmp("ge", ASN, I(5))),
    ("ip.src.asnum >= 5", cmp("ge", ASN, I(5))),
    ('http.host lt "m"', cmp("lt", HOST, S("m"))),
    ("ip.src >= 10.0.0.1", cmp("ge", F("ip.src"), IP("10.0.0.1"))),
    ('http.host contains "exa"', cmp("contains", HOST, S("exa"))),
    ('http.host matches "^a.*\\\\.com$"', cmp("matches", HOST, {"regex": "^a.*\\.com$"})),
    ('http.host ~ "curl"', cmp("matches", HOST, {"regex": "curl"})),
    ('http.host wildcard "*.example.com"', cmp("wildcard", HOST, S("*.example.com"))),
    ('http.host wildcard "a\\\\*b\\\\\\\\"', cmp("wildcard", HOST, S("a\\*b\\\\"))),
    (
        'http.host strict wildcard "*.Example.com"',
        cmp("strict_wildcard", HOST, S("*.Example.com")),
    ),
    ('http.host strict  wildcard "x"', cmp("strict_wildcard", HOST, S("x"))),
    # Booleans.
    ("ip.src.vpn", VPN),
    ("ip.src.vpn == true", cmp("eq", F("ip.src.vpn"), B(True))),
    ("ip.src.vpn != false", cmp("ne", F("ip.src.vpn"), B(False))),
    ("true", truth(B(True))),
    ("false", truth(B(False))),
    ("ip.src.vpn == ip.src.tor", cmp("eq", F("ip.src.vpn"), F("ip.src.tor"))),
    # Logical operators, word and symbol forms; precedence not > and > xor > or.
    ("ip.src.vpn and ip.src.tor", {"and": [VPN, TOR]}),
    ("ip.src.vpn && ip.src.tor", {"and": [VPN, TOR]}),
    ("ip.src.vpn or ip.src.tor", {"or": [VPN, TOR]}),
    ("ip.src.vpn || ip.src.tor", {"or": [VPN, TOR]}),
    ("ip.src.vpn xor ip.src.tor", {"xor": [VPN, TOR]}),
    ("ip.src.vpn ^^ ip.src.tor", {"xor": [VPN, TOR]}),
    ("not ip.src.vpn", {"not": VPN}),
    ("!ip.src.vpn", {"not": VPN}),
    ("! ip.src.vpn", {"not": VPN}),
    ("not not ip.src.vpn", {"not": {"not": VPN}}),
    ("!!ip.src.vpn", {"not": {"not": VPN}}),
    ("ip.src.vpn or ip.src.tor and ip.src.proxy", {"or": [VPN, {"and": [TOR, PROXY]}]}),
    ("ip.src.vpn and ip.src.tor or ip.src.proxy", {"or": [{"and": [VPN, TOR]}, PROXY]}),
    ("ip.src.vpn xor ip.src.tor or ip.src.proxy", {"or": [{"xor": [VPN, TOR]}, PROXY]}),
    ("ip.src.vpn or ip.src.tor xor ip.src.proxy", {"or": [VPN, {"xor": [TOR, PROXY]}]}),
    ("ip.src.vpn and ip.src.tor xor ip.src.proxy", {"xor": [{"and": [VPN, TOR]}, PROXY]}),
    ("ip.src.vpn xor ip.src.tor and ip.src.proxy", {"xor": [VPN, {"and": [TOR, PROXY]}]}),
    ("not ip.src.vpn and ip.src.tor", {"and": [{"not": VPN}, TOR]}),
    ("not ip.src.vpn or ip.src.tor", {"or": [{"not": VPN}, TOR]}),
    ("not (ip.src.vpn and ip.src.tor)", {"not": {"and": [VPN, TOR]}}),
    ("(ip.src.vpn or ip.src.tor) and ip.src.proxy", {"and": [{"or": [VPN, TOR]}, PROXY]}),
    ("ip.src.vpn and (ip.src.tor and ip.src.proxy)", {"and": [VPN, {"and": [TOR, PROXY]}]}),
    ("ip.src.vpn or ip.src.tor or ip.src.proxy", {"or": [VPN, TOR, PROXY]}),
    ("ip.src.vpn and ip.src.tor and ip.src.proxy", {"and": [VPN, TOR, PROXY]}),
    ("ip.src.vpn ^^ ip.src.tor ^^ ip.src.proxy", {"xor": [{"xor": [VPN, TOR]}, PROXY]}),
    ("((ip.src.vpn))", VPN),
    (
        "!ip.src.vpn && !ip.src.tor || ip.src.proxy",
        {"or": [{"and": [{"not": VPN}, {"not": TOR}]}, PROXY]},
    ),
    (
        'not http.host == "a" and ip.src.vpn',
        {"and": [{"not": cmp("eq", HOST, S("a"))}, VPN]},
    ),
    # Functions.
    ('lower(http.host) == "a"', cmp("eq", {"fn": "lower", "arg": HOST}, S("a"))),
    (
        'upper(http.request.method) == "GET"',
        cmp("eq", {"fn": "upper", "arg": F("http.request.method")}, S("GET")),
    ),
    (
        "len(http.request.uri.query) > 100",
        cmp("gt", {"fn": "len", "arg": F("http.request.uri.query")}, I(100)),
    ),
    (
        "len(lower(http.host)) in { 1..3 }",
        {
            "in": {"fn": "len", "arg": {"fn": "lower", "arg": HOST}},
            "set": [{"range": [I(1), I(3)]}],
        },
    ),
    ('lower( http.host ) contains "x"', cmp("contains", {"fn": "lower", "arg": HOST}, S("x"))),
    # Keyed fields.
    (
        'http.request.headers["User-Agent"] == "x"',
        cmp("eq", F("http.request.headers", "user-agent"), S("x")),
    ),
    (
        'http.request.cookie["Session"] == "x"',
        cmp("eq", F("http.request.cookie", "Session"), S("x")),
    ),
    ('http.request.uri.args["Q"] == "x"', cmp("eq", F("http.request.uri.args", "Q"), S("x"))),
    ('local["user id"] == "x"', cmp("eq", F("local", "user id"), S("x"))),
    ('local.user_id == "x"', cmp("eq", F("local", "user_id"), S("x"))),
    ('local.and == "x"', cmp("eq", F("local", "and"), S("x"))),
    ('http.request.headers [ "x-a" ] == "x"', cmp("eq", F("http.request.headers", "x-a"), S("x"))),
    # Field against field (types agree; int and float mix).
    (
        'http.request.headers["origin"] == http.host',
        cmp("eq", F("http.request.headers", "origin"), HOST),
    ),
    ("ip.src.lat > ip.src.lon", cmp("gt", F("ip.src.lat"), F("ip.src.lon"))),
    ("ip.src.asnum > ip.src.lat", cmp("gt", ASN, F("ip.src.lat"))),
    ("len(http.host) == ip.src.asnum", cmp("eq", {"fn": "len", "arg": HOST}, ASN)),
    # Literals.
    (
        'http.host == "a\\"b\\\\c\\n\\r\\t\\x41"',
        cmp("eq", HOST, S('a"b\\c\n\r\tA')),
    ),
    ('http.host == "\\xc3\\xa9"', cmp("eq", HOST, S("é"))),
    ('http.host == "é 日本"', cmp("eq", HOST, S("é 日本"))),
    ('http.host == ""', cmp("eq", HOST, S(""))),
    ('http.host == "a\nb"', cmp("eq", HOST, S("a\nb"))),
    ("ip.src.asnum == -5", cmp("eq", ASN, I(-5))),
    ("ip.src.asnum == 9223372036854775807", cmp("eq", ASN, I(2**63 - 1))),
    ("ip.src.asnum == -9223372036854775808", cmp("eq", ASN, I(-(2**63)))),
    ("ip.src.lat > -33.5", cmp("gt", F("ip.src.lat"), FL(-33.5))),
    ("ip.src.lon<=40", cmp("le", F("ip.src.lon"), I(40))),
    ("ip.src == 1.2.3.4", cmp("eq", F("ip.src"), IP("1.2.3.4"))),
    ('ip.src == "1.2.3.4"', cmp("eq", F("ip.src"), IP("1.2.3.4"))),
    ("ip.src == ::1", cmp("eq", F("ip.src"), IP("::1"))),
    ("ip.src == fe80::1", cmp("eq", F("ip.src"), IP("fe80::1"))),
    ("ip.src == 2001:DB8:0:0::1", cmp("eq", F("ip.src"), IP("2001:db8::1"))),
    ('ip.src != "2001:db8::1"', cmp("ne", F("ip.src"), IP("2001:db8::1"))),
    # Sets of every item kind.
    (
        'http.request.method in { "GET" "HEAD" }',
        {"in": F("http.request.method"), "set": [S("GET"), S("HEAD")]},
    ),
    (
        'http.request.method in {"GET","HEAD",}',
        {"in": F("http.request.method"), "set": [S("GET"), S("HEAD")]},
    ),
    ('http.host in {"a"}', {"in": HOST, "set": [S("a")]}),
    (
        "ip.src.asnum in { 13335, 15169 1..100 -5..-1 }",
        {
            "in": ASN,
            "set": [I(13335), I(15169), {"range": [I(1), I(100)]}, {"range": [I(-5), I(-1)]}],
        },
    ),
    ("ip.src.asnum in { 1 .. 5 }", {"in": ASN, "set": [{"range": [I(1), I(5)]}]}),
    ("ip.src.asnum in { 7..7 }", {"in": ASN, "set": [{"range": [I(7), I(7)]}]}),
    ("ip.src.lat in { 1.5 2 }", {"in": F("ip.src.lat"), "set": [FL(1.5), I(2)]}),
    (
        'ip.src in { 10.0.0.1 ::1 "192.0.2.1" 10.1.2.3/8 "2001:db8::/32" }',
        {
            "in": F("ip.src"),
            "set": [
                IP("10.0.0.1"),
                IP("::1"),
                IP("192.0.2.1"),
                {"cidr": "10.0.0.0/8"},
                {"cidr": "2001:db8::/32"},
            ],
        },
    ),
    (
        "ip.src in { 192.168.0.1..192.168.0.9, ::1..::ff }",
        {
            "in": F("ip.src"),
            "set": [
                {"range": [IP("192.168.0.1"), IP("192.168.0.9")]},
                {"range": [IP("::1"), IP("::ff")]},
            ],
        },
    ),
    (
        'ip.src in { "10.0.0.1".."10.0.0.2" }',
        {"in": F("ip.src"), "set": [{"range": [IP("10.0.0.1"), IP("10.0.0.2")]}]},
    ),
    ("ip.src in {0.0.0.0/0}", {"in": F("ip.src"), "set": [{"cidr": "0.0.0.0/0"}]}),
    # Layout: no spaces, new lines, tabs.
    (
        "ip.src==1.2.3.4&&ip.src.vpn||!ip.src.tor",
        {"or": [{"and": [cmp("eq", F("ip.src"), IP("1.2.3.4")), VPN]}, {"not": TOR}]},
    ),
    ('http.host == "a"\n\tand\r\n  ip.src.vpn\n', {"and": [cmp("eq", HOST, S("a")), VPN]}),
    # The reference's documented examples.
    (
        'http.request.method eq "GET" and ip.src.country eq "US" and not ip.src.vpn',
        {
            "and": [
                cmp("eq", F("http.request.method"), S("GET")),
                cmp("eq", F("ip.src.country"), S("US")),
                {"not": VPN},
            ]
        },
    ),
    (
        'ip.src.vpn or\nip.src.tor or\nlower(http.request.headers["user-agent"]) matches "curl"',
        {
            "or": [
                VPN,
                TOR,
                cmp(
                    "matches",
                    {"fn": "lower", "arg": F("http.request.headers", "user-agent")},
                    {"regex": "curl"},
                ),
            ]
        },
    ),
]

EXAMPLE_LITERALS = {"string": '"x"', "int": "1", "float": "1.5", "ip": "1.2.3.4", "bool": "true"}
EXAMPLE_IR = {"string": S("x"), "int": I(1), "float": FL(1.5), "ip": IP("1.2.3.4"), "bool": B(True)}


@pytest.mark.parametrize(("source", "expected"), CASES, ids=[c[0] for c in CASES])
def test_ir(source: str, expected: IR) -> None:
    ir = compile_expression(source)
    assert ir == expected
    validate(ir)


@pytest.mark.parametrize("name", sorted(FIELDS))
def test_every_field(name: str) -> None:
    spec = FIELDS[name]
    kind = spec.type.value
    reference = f'{name}["k"]' if spec.keyed else name
    expected_field = F(name, "k") if spec.keyed else F(name)
    ir = compile_expression(f"{reference} == {EXAMPLE_LITERALS[kind]}")
    assert ir == cmp("eq", expected_field, EXAMPLE_IR[kind])
    validate(ir)


def test_field_table_matches_the_contract() -> None:
    from .filter_ir import BOOL_FIELDS, FLOAT_FIELDS, INT_FIELDS, KEYED_FIELDS, STRING_FIELDS

    by_type: dict[str, set[str]] = {}
    for name, spec in FIELDS.items():
        by_type.setdefault("keyed" if spec.keyed else spec.type.value, set()).add(name)
    assert by_type == {
        "string": STRING_FIELDS,
        "keyed": KEYED_FIELDS,
        "int": INT_FIELDS,
        "float": FLOAT_FIELDS,
        "bool": BOOL_FIELDS,
        "ip": {"ip.src"},
    }


# (source, fragment of the reason, line, column)
MALFORMED: list[tuple[str, str, int, int]] = [
    ("", "the expression is empty", 1, 1),
    ("  \n\t ", "the expression is empty", 1, 1),
    ("ip.src.city ==", "expected a value after '==', found end of input", 1, 14),
    ("ip.src.city ==  \n", "expected a value after '==', found end of input", 1, 14),
    ("http.host", 'http.host is a string; compare it, e.g. http.host == "example.com"', 1, 1),
    ("ip.src.asnum", "ip.src.asnum is an integer; compare it, e.g. ip.src.asnum > 0", 1, 1),
    ("ip.src", "ip.src is an IP address; compare it, e.g. ip.src in { 10.0.0.0/8 }", 1, 1),
    ("lower(http.host)", "lower(http.host) is a string; compare it", 1, 1),
    (
        '"abc"',
        'on its own is not a condition; compare a field with it, e.g. http.host == "abc"',
        1,
        1,
    ),
    ("42", "on its own is not a condition", 1, 1),
    ('http.hots == "a"', "unknown field 'http.hots'; did you mean http.host?", 1, 1),
    ('ip.src.cuntry == "US"', "did you mean ip.src.country?", 1, 1),
    ('http.user_agent ~ "curl"', 'did you mean http.request.headers["user-agent"]?', 1, 1),
    ('http.request.headers.accept == "x"', 'did you mean http.request.headers["accept"]?', 1, 1),
    ('lower == "x"', "did you mean lower(...) (a function)?", 1, 1),
    ("nonsense.field == 1", "unknown field 'nonsense.field'", 1, 1),
    ("http.request.method == GET", "unknown field 'GET'; did you mean \"GET\" (a string)?", 1, 24),
    ('http.host == "a" AND ip.src.vpn', "keywords are lower-case: 'and'", 1, 18),
    (
        'http.host = "a"',
        "unexpected character '='; '=' is not an operator; compare with '=='",
        1,
        11,
    ),
    ("ip.src.vpn & ip.src.tor", "use '&&' (or 'and')", 1, 12),
    ("ip.src.vpn | ip.src.tor", "use '||' (or 'or')", 1, 12),
    ('http.host == "a" @', "unexpected character '@'", 1, 18),
    ("ip.src == fe80::1%eth0", "unexpected character '%'", 1, 18),
    ('http.host == "abc', "unterminated string", 1, 14),
    ('http.host == "abc\\"', "unterminated string", 1, 14),
    ('http.host == "\\', "unterminated string: it ends with a lone", 1, 15),
    ('http.host == "\\q"', "unknown escape '\\q'", 1, 15),
    ('http.host == "\\x4"', "'\\x' needs two hex digits", 1, 15),
    ('http.host == "\\xzz"', "'\\x' needs two hex digits", 1, 15),
    ('http.host == "\\xff"', "do not form valid UTF-8", 1, 14),
    (
        "ip.src == 10.0.0.0/8",
        "a CIDR cannot be compared with '=='; use ip.src in { 10.0.0.0/8 }",
        1,
        11,
    ),
    ('ip.src != "10.0.0.0/8"', "use not ip.src in { 10.0.0.0/8 }", 1, 11),
    ("ip.src < 10.0.0.0/8", "a CIDR cannot be compared with '<'", 1, 10),
    ("ip.src == 1.2.3", "'1.2.3' is not a number or an IP address", 1, 11),
    ("ip.src == 300.1.1.1", "'300.1.1.1' is not a valid IP address", 1, 11),
    ("ip.src == 010.0.0.1", "is not a valid IP address", 1, 11),
    ("ip.src == 1:2:3", "'1:2:3' is not a valid IP address", 1, 11),
    ("ip.src in { 10.0.0.0/33 }", "'10.0.0.0/33' is not a valid CIDR", 1, 13),
    ("ip.src in { 10.0.0.0/255.0.0.0 }", "is not a valid CIDR", 1, 13),
    ("ip.src.asnum == 9223372036854775808", "out of range", 1, 17),
    ("ip.src.asnum == -\u0663", "unexpected character '-'", 1, 17),
    ("ip.src.asnum == 12abc", "'12abc' is not a number or an IP address", 1, 17),
    ("http.host == 1", "http.host is a string but 1 is an integer", 1, 14),
    ("http.host == true", "http.host is a string but true is a boolean", 1, 14),
    ('http.request.headers["x-forwarded-for"] == 1.2.3.4', 'quote it: "1.2.3.4"', 1, 44),
    ("ip.src.asnum == 1.5", "ip.src.asnum is an integer but 1.5 is a decimal number", 1, 17),
    ('ip.src.asnum == "13335"', "remove the quotes: 13335", 1, 17),
    ('ip.src.vpn == "true"', "remove the quotes: true", 1, 15),
    ('ip.src == "example"', 'ip.src is an IP address but "example" is a string', 1, 11),
    ("ip.src.vpn == 1", "ip.src.vpn is a boolean but 1 is an integer", 1, 15),
    ("http.host == ip.src", "http.host is a string but ip.src is an IP address", 1, 14),
    ("ip.src.vpn < true", "'<' does not order booleans", 1, 12),
    ("ip.src.vpn in { 1 }", "'in' does not apply to booleans", 1, 12),
    ('ip.src contains "1"', "'contains' needs a string on its left; ip.src is an IP address", 1, 1),
    ('ip.src.asnum ~ "1"', "'~' needs a string on its left", 1, 1),
    ("http.host contains 1", "'contains' needs a quoted string on its right, found 1", 1, 20),
    ("http.host matches http.host", "'matches' needs a quoted string on its right", 1, 19),
    ('http.host wildcard "a\\\\b"', "must be followed by '*' or '\\'", 1, 20),
    ('http.host strict wildcard "a\\\\"', "cannot end with a lone", 1, 27),
    ("http.host in { }", "empty set", 1, 16),
    ('http.host in { "a",, "b" }', "expected a set item before ','", 1, 20),
    ('http.host in { , "a" }', "expected a set item before ','", 1, 16),
    ('http.host in "a"', "expected '{' after 'in', found the string \"a\"", 1, 14),
    ('http.host in { "a"', "expected '}' to close the set, found end of input", 1, 18),
    ("http.host in { http.host }", "expected a set item", 1, 16),
    ("ip.src.asnum in { 10..1 }", "the range 10..1 is empty", 1, 19),
    ("ip.src.asnum in { 1.. }", "expected the end of the range after '..', found '}'", 1, 23),
    ("ip.src in { 10.0.0.1..::1 }", "must both be IPv4 or both IPv6", 1, 13),
    ("ip.src in { 10.0.0.9..10.0.0.1 }", "is empty", 1, 13),
    ("ip.src in { 10.0.0.0/8..10.0.0.9 }", "not CIDRs", 1, 13),
    (
        "http.host in { 1..2 }",
        "http.host is a string; ranges are of integers or IP addresses",
        1,
        16,
    ),
    ("ip.src.lat in { 1..2 }", "use ip.src.lat >= ... and ip.src.lat <= ...", 1, 17),
    ('http.host in { "a" 1 }', 'http.host is a string but 1 is an integer; quote it: "1"', 1, 20),
    ("ip.src.asnum in { 1 2.5 }", "is an integer but 2.5 is a decimal number", 1, 21),
    (
        'http.request.headers == "x"',
        'http.request.headers needs a name, e.g. http.request.headers["user-agent"]',
        1,
        1,
    ),
    ('local == "x"', 'local needs a name, e.g. local["user_id"]', 1, 1),
    ('http.host["x"] == "a"', 'http.host takes no ["..."]', 1, 11),
    ('local.a["b"] == "a"', 'write local["a"] or local.a', 1, 9),
    ('local.a.b == "x"', 'after "local." comes a single name; write local["a.b"]', 1, 1),
    ('http.request.headers["bad name"] == "x"', "'bad name' is not a valid header name", 1, 22),
    ('http.request.cookie[""] == "x"', "the name in http.request.cookie[...] is empty", 1, 21),
    (
        "http.request.headers[user] == 1",
        'expected a quoted name inside [ ], e.g. http.request.headers["name"]',
        1,
        22,
    ),
    ('http.request.headers["a" == "x"', "expected ']' after the name", 1, 26),
    ('foo(http.host) == "a"', "unknown function 'foo'; the functions are lower, upper, len", 1, 1),
    ("len(ip.src) > 1", "len() takes a string; ip.src is an IP address", 1, 5),
    ('lower("A") == "a"', "lower() takes a field, e.g. lower(http.host), not a string", 1, 7),
    ('lower(http.host == "a"', "expected ')' to close lower(, found '=='", 1, 17),
    ("len() > 1", "expected a field after '(', found ')'", 1, 5),
    ("(ip.src.vpn", "expected ')' to close '(', found end of input", 1, 11),
    ("ip.src.vpn)", "unmatched ')'", 1, 11),
    ("()", "expected a condition after '(', found ')'", 1, 2),
    ("ip.src.vpn and", "expected a condition after 'and', found end of input", 1, 14),
    ("ip.src.vpn or or ip.src.tor", "expected a condition after 'or', found 'or'", 1, 15),
    ("and ip.src.vpn", "expected a condition, found 'and'", 1, 1),
    ("not", "expected a condition after 'not', found end of input", 1, 3),
    (
        'http.host == "a" http.host',
        "expected 'and', 'or', 'xor' or the end of the expression, found 'http.host'",
        1,
        18,
    ),
    ('http.host "a"', "expected an operator after 'http.host', found the string \"a\"", 1, 11),
    ("ip.src.vpn AND ip.src.tor", "keywords are lower-case: 'and'", 1, 12),
    ('http.host strict "a"', "expected 'wildcard' after 'strict', found the string \"a\"", 1, 18),
    ('http.host not in { "a" }', "'not' goes before the condition it negates", 1, 11),
    (
        '"GET" == http.request.method',
        'must be a field or a function, found "GET"; write http.request.method == "GET"',
        1,
        1,
    ),
    ('"a" in { "a" }', "the left side of 'in' must be a field or a function", 1, 1),
    ("ip.src.vpn == and", "expected a value after '==', found 'and'", 1, 15),
    ("http.host..x", "expected an operator after 'http.host', found '..'", 1, 10),
    ("http.host.", "'http.host.' is not a valid name", 1, 1),
    (
        'ip.src.vpn\nand\nip.src.asnum == "x"',
        'ip.src.asnum is an integer but "x" is a string',
        3,
        17,
    ),
    ('http.host == "a" and\n\tip.src.asnum ==', "expected a value after '=='", 2, 16),
    ("x" * (MAX_EXPRESSION_BYTES + 1), "1025 bytes long; the limit is 1024 bytes", 1, 1025),
    ("é" * 513, "1026 bytes long", 1, 513),
    # Parentheses and calls recurse in the parser: at most MAX_NESTING levels.
    (
        "(" * (MAX_NESTING + 1) + "ip.src.vpn" + ")" * (MAX_NESTING + 1),
        "nests more than 64 levels deep",
        1,
        MAX_NESTING + 1,
    ),
    (
        "lower(" * (MAX_NESTING + 1) + "http.host" + ")" * (MAX_NESTING + 1) + ' == "a"',
        "nests more than 64 levels deep",
        1,
        6 * MAX_NESTING + 1,
    ),
    # The IR must fit the analyzer's JSON depth: at most MAX_IR_DEPTH levels.
    ("not " * 99 + "ip.src.vpn", "nests too deeply (more than 100 levels once compiled)", 1, 397),
    ("not " * 99 + "true", "nests too deeply", 1, 397),
    ("ip.src.vpn" + " ^^ ip.src.vpn" * 65, "nests too deeply", 1, 208),
    ("(ip.src.vpn or ip.src.tor and " * 30 + "ip.src.vpn" + ")" * 30, "nests too deeply", 1, 736),
    ("not " * 96 + "ip.src.asnum in { 1..2 }", "nests too deeply", 1, 403),
]


@pytest.mark.parametrize(
    ("source", "fragment", "line", "column"), MALFORMED, ids=[m[0][:40] for m in MALFORMED]
)
def test_malformed(source: str, fragment: str, line: int, column: int) -> None:
    with pytest.raises(FilterExpressionError) as caught:
        compile_expression(source)
    error = caught.value
    assert fragment in error.reason
    assert (error.line, error.column) == (line, column), str(error)
    assert error.expression == source
    assert f"filter expression {line}:{column}: {error.reason}" in str(error)
    assert isinstance(error, ArcjetMisconfiguration) and isinstance(error, ValueError)


def test_malformed_table_is_large() -> None:
    assert len(MALFORMED) >= 30


def test_message_layout_matches_the_brief() -> None:
    with pytest.raises(FilterExpressionError) as caught:
        compile_expression("ip.src.city ==")
    assert str(caught.value) == (
        "filter expression 1:14: expected a value after '==', found end of input\n"
        "  ip.src.city ==\n"
        "               ^"
    )


def test_caret_points_into_the_right_line() -> None:
    source = 'http.host == "a"\n  and ip.src.asnum == "x"\nor ip.src.vpn'
    with pytest.raises(FilterExpressionError) as caught:
        compile_expression(source)
    assert str(caught.value) == (
        'filter expression 2:23: ip.src.asnum is an integer but "x" is a string\n'
        '    and ip.src.asnum == "x"\n'
        "                        ^"
    )


def test_caret_follows_tabs() -> None:
    with pytest.raises(FilterExpressionError) as caught:
        compile_expression("\tip.src.city ==")
    assert str(caught.value).splitlines()[1:] == ["  \tip.src.city ==", "  \t             ^"]


def test_long_lines_are_shown_around_the_caret() -> None:
    source = " or ".join(["ip.src.vpn"] * 60) + " or http.host"
    with pytest.raises(FilterExpressionError) as caught:
        compile_expression(source)
    _, shown, caret = str(caught.value).splitlines()
    assert len(shown) < 140 and shown.startswith("  ...") and shown.endswith("http.host")
    assert shown[caret.index("^") :].startswith("http.host")


def test_control_characters_are_not_echoed() -> None:
    with pytest.raises(FilterExpressionError) as caught:
        compile_expression("http.host == \x1b[31m")
    assert "\x1b" not in str(caught.value)
    assert caught.value.column == 14


def test_error_pickles() -> None:
    with pytest.raises(FilterExpressionError) as caught:
        check_expressions(["ip.src.vpn", "http.host =="], "deny")
    copy = pickle.loads(pickle.dumps(caught.value))
    assert (str(copy), copy.line, copy.column, copy.reason) == (
        str(caught.value),
        caught.value.line,
        caught.value.column,
        caught.value.reason,
    )


def test_limits_are_the_references() -> None:
    assert (MAX_EXPRESSION_BYTES, MAX_EXPRESSIONS) == (1024, 10)


def test_an_expression_at_the_byte_limit_compiles() -> None:
    source = 'http.host == "' + "é" * ((MAX_EXPRESSION_BYTES - 15) // 2) + '"'
    source += " " * (MAX_EXPRESSION_BYTES - len(source.encode()))
    assert len(source.encode()) == MAX_EXPRESSION_BYTES
    validate(compile_expression(source))


def test_nesting_at_the_limits_compiles_even_on_a_deep_stack() -> None:
    deepest = [
        "(" * MAX_NESTING + "ip.src.vpn" + ")" * MAX_NESTING,
        "lower(" * MAX_NESTING + "http.host" + ")" * MAX_NESTING + ' == "a"',
        "(true and " * 49 + "true" + ")" * 49,
        "not " * 98 + "ip.src.vpn",
        "ip.src.vpn" + " ^^ ip.src.vpn" * 49,
        "not " * 95 + "ip.src.asnum in { 1..2 }",
    ]

    # The host application may already be deep in its own stack when it
    # builds rules; leave it only 400 frames of headroom.
    def at_depth(remaining: int) -> None:
        if remaining > 0:
            at_depth(remaining - 1)
            return
        for source in deepest:
            validate(compile_expression(source))

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(len(inspect.stack(0)) + 500)
    try:
        at_depth(100)
    finally:
        sys.setrecursionlimit(limit)
    assert max(json_depth(compile_expression(s)) for s in deepest) == MAX_IR_DEPTH


def test_the_ir_depth_bound_fits_the_analyzer() -> None:
    assert MAX_IR_DEPTH <= ANALYZER_IR_DEPTH


# check_expressions ------------------------------------------------------------


def test_check_expressions_compiles_each_in_order() -> None:
    compiled = check_expressions(["ip.src.vpn", 'http.host == "a"'], "deny")
    assert compiled == (VPN, cmp("eq", HOST, S("a")))


def test_check_expressions_names_the_parameter_and_index() -> None:
    with pytest.raises(FilterExpressionError) as caught:
        check_expressions(["ip.src.vpn", "ip.src.tor", "ip.src.city =="], "deny")
    assert str(caught.value).startswith(
        "deny[2]: filter expression 1:14: expected a value after '=='"
    )
    assert caught.value.where == "deny[2]"


def test_check_expressions_rejects_blank_ones() -> None:
    with pytest.raises(FilterExpressionError, match=r"^allow\[1\]: .*empty"):
        check_expressions(["ip.src.vpn", "   "], "allow")


def test_check_expressions_limits_the_count() -> None:
    assert len(check_expressions(["ip.src.vpn"] * MAX_EXPRESSIONS, "allow")) == MAX_EXPRESSIONS
    with pytest.raises(
        ArcjetMisconfiguration, match=r"^allow: at most 10 filter expressions are allowed, got 11"
    ):
        check_expressions(["ip.src.vpn"] * (MAX_EXPRESSIONS + 1), "allow")


def test_check_expressions_wants_strings() -> None:
    with pytest.raises(ArcjetMisconfiguration, match=r"deny\[1\] must be a string, got int"):
        check_expressions(["ip.src.vpn", 3], "deny")  # type: ignore[list-item]
    with pytest.raises(ArcjetMisconfiguration, match="not a single string"):
        check_expressions("ip.src.vpn", "deny")


# Properties -------------------------------------------------------------------

TOKENS = [
    *sorted(FIELDS),
    'http.request.headers["user-agent"]',
    'http.request.cookie["s"]',
    'local["k"]',
    "local.k",
    *(
        [
            "and",
            "or",
            "xor",
            "not",
            "&&",
            "||",
            "^^",
            "!",
            "eq",
            "ne",
            "lt",
            "le",
            "gt",
            "ge",
            "==",
            "!=",
            "<",
            "<=",
            ">",
            ">=",
            "contains",
            "matches",
            "~",
            "in",
        ]
    ),
    *(
        [
            "wildcard",
            "strict",
            "true",
            "false",
            "lower",
            "upper",
            "len",
            "(",
            ")",
            "{",
            "}",
            "[",
            "]",
            ",",
            "..",
            "=",
            "&",
            "|",
            "^",
            "-",
            ".",
            ":",
            "/",
            "\\",
            "@",
        ]
    ),
    '"x"',
    '"GET"',
    '"10.0.0.0/8"',
    '"1.2.3.4"',
    '"\\x41"',
    '"\\q"',
    '"',
    "0",
    "-1",
    "42",
    "1.5",
    "-0.5",
    "1.2.3.4",
    "::1",
    "fe80::1",
    "10.0.0.0/8",
    "2001:db8::/32",
    "1..5",
    "1.2.3.4..1.2.3.9",
    "9999999999999999999999",
]
SEPARATORS = st.sampled_from(["", " ", " ", "\n", "\t", "  "])


@st.composite
def token_soup(draw: st.DrawFn) -> str:
    tokens = draw(st.lists(st.sampled_from(TOKENS), max_size=40))
    out = []
    for token in tokens:
        out.append(token)
        out.append(draw(SEPARATORS))
    return "".join(out)


def _compile_or_error(source: str) -> None:
    """Either valid IR or a FilterExpressionError that points inside the source."""
    try:
        ir = compile_expression(source)
    except FilterExpressionError as error:
        assert error.expression == source
        lines = source.split("\n")
        assert 1 <= error.line <= len(lines)
        assert 1 <= error.column <= max(len(lines[error.line - 1]), 1)
        assert error.reason and "^" in str(error)
        return
    validate(ir)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_arbitrary_text_raises_only_the_parse_error(source: str) -> None:
    _compile_or_error(source)


@settings(max_examples=400)
@given(st.text(alphabet='ip.srchtu=!<>"{}()[]&|^~ \n0123456789abcdef:/,-\\xnot', max_size=200))
def test_language_alphabet_raises_only_the_parse_error(source: str) -> None:
    _compile_or_error(source)


@settings(max_examples=600)
@given(token_soup())
def test_token_soup_raises_only_the_parse_error(source: str) -> None:
    _compile_or_error(source)


@settings(max_examples=50, deadline=None)
@given(st.text(min_size=1025, max_size=20_000))
def test_oversized_text_is_rejected_quickly(source: str) -> None:
    if len(source.encode("utf-8", "surrogatepass")) <= MAX_EXPRESSION_BYTES:
        return
    with pytest.raises(FilterExpressionError, match="limit is 1024 bytes"):
        compile_expression(source)


# Valid expressions built from the grammar must all compile to valid IR.
_VALUES_BY_TYPE = {
    "string": (
        [
            "http.host",
            'http.request.headers["x"]',
            "local.k",
            "lower(http.host)",
            "upper(ip.src.city)",
        ],
        ['"a"', '"\\x41\\n"', '""'],
    ),
    "int": (["ip.src.asnum", "len(http.host)", "ip.src.accuracy_radius"], ["0", "-3", "65000"]),
    "float": (["ip.src.lat", "ip.src.lon"], ["1.5", "-2", "0.0"]),
    "ip": (["ip.src"], ["1.2.3.4", "::1", '"10.0.0.1"']),
}
_SET_ITEMS = {
    "string": ['"a"', '"b"'],
    "int": ["1", "2..9"],
    "float": ["1", "2.5"],
    "ip": ["10.0.0.0/8", "::1", "1.1.1.1..1.1.1.9", '"2001:db8::/32"'],
}


@st.composite
def comparison(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(sorted(_VALUES_BY_TYPE)))
    subjects, literals = _VALUES_BY_TYPE[kind]
    lhs = draw(st.sampled_from(subjects))
    shape = draw(st.sampled_from(["cmp", "in", "match"] if kind == "string" else ["cmp", "in"]))
    if shape == "in":
        items = draw(st.lists(st.sampled_from(_SET_ITEMS[kind]), min_size=1, max_size=4))
        return f"{lhs} in {{ {', '.join(items)} }}"
    if shape == "match":
        op = draw(st.sampled_from(["contains", "matches", "~", "wildcard", "strict wildcard"]))
        return f'{lhs} {op} "a*"'
    op = draw(
        st.sampled_from(["==", "!=", "<", "<=", ">", ">=", "eq", "ne", "lt", "le", "gt", "ge"])
    )
    rhs = draw(st.sampled_from(literals + subjects))
    return f"{lhs} {op} {rhs}"


CONDITIONS = st.recursive(
    st.one_of(comparison(), st.sampled_from(["ip.src.vpn", "not ip.src.tor", "true", "!false"])),
    lambda inner: st.one_of(
        st.tuples(inner, st.sampled_from(["and", "or", "xor", "&&", "||", "^^"]), inner).map(
            " ".join
        ),
        inner.map(lambda c: f"({c})"),
        inner.map(lambda c: f"not ({c})"),
    ),
    max_leaves=8,
)


@settings(max_examples=300)
@given(CONDITIONS)
def test_grammatical_expressions_compile(source: str) -> None:
    if len(source.encode()) > MAX_EXPRESSION_BYTES:
        return
    ir = compile_expression(source)
    validate(ir)
    assert json.loads(json.dumps(ir)) == ir
