"""Host-side fingerprints (arcjet_core.fingerprint): definition, extraction,
lossless encoding (issue 14, finding 11) and IPv6 networks (finding 8)."""

from __future__ import annotations

import hashlib
import ipaddress
import socket
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arcjet_core import arcjet_sync, fixed_window
from arcjet_core.context import RequestContext
from arcjet_core.fingerprint import PREFIX, FingerprintPlan, ip_key, query_arg
from arcjet_core.headers_map import Headers
from arcjet_core.ip import ip_text, parse_ip

ROOT = Path(__file__).resolve().parents[2]
# Pinned: these values are rate-limit and cache keys in users' stores. If this
# test fails, the fingerprint format changed and every stored key with it.
PINNED_IP = "fp::3::a6d5b886aac7b0a0cb6d7758e416ee6861e494430f93d863ba6184ec499b9ba7"


def ctx(ip: str = "1.2.3.4", *, headers: list[tuple[str, str]] | None = None, host: str = "example.com",
        method: str = "GET", path: str = "/", query: str = "", cookies: str = "") -> RequestContext:
    return RequestContext(ip=ip, method=method, protocol="http", host=host, path=path, query=query,
                          headers=Headers(headers or []), cookies=cookies)


def fp(names: tuple[str, ...], request: RequestContext | None = None, custom: dict[str, str] | None = None,
       ipv6_prefix: int = 64) -> str | None:
    return FingerprintPlan(names, ipv6_prefix).compute(request or ctx(), custom or {})


def test_pinned_value_and_its_definition() -> None:
    assert fp(("ip.src",)) == PINNED_IP
    # The documented construction: sha256 over length-prefixed (8-byte little-endian) name and value.
    digest = hashlib.sha256(struct.pack("<Q", 6) + b"ip.src" + struct.pack("<Q", 7) + b"1.2.3.4").hexdigest()
    assert "fp::3::" + digest == PINNED_IP
    assert PINNED_IP.startswith(PREFIX) and PREFIX == "fp::3::"
    # Computed without the IP memo too (a set that is not IP-only goes the long way).
    assert FingerprintPlan(("ip.src", "ip.src")).compute(ctx(), {}) == PINNED_IP


def test_stable_across_processes() -> None:
    code = (
        "from arcjet_core.fingerprint import FingerprintPlan\n"
        "from tests.core.test_fingerprint import ctx\n"
        "print(FingerprintPlan(('ip.src',)).compute(ctx(), {}),"
        " FingerprintPlan(('user', 'http.method')).compute(ctx(), {'user': 'u1'}))\n"
    )
    runs = {subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
            for _ in range(2)}
    assert len(runs) == 1
    assert runs.pop().split() == [PINNED_IP, fp(("user", "http.method"), custom={"user": "u1"})]


def test_ip_forms_share_a_key_and_differ_from_others() -> None:
    a = fp(("ip.src",), ctx("1.2.3.4"))
    assert fp(("ip.src",), ctx("::ffff:1.2.3.4")) == a
    assert fp(("ip.src",), ctx("1.2.3.5")) != a
    assert fp(("ip.src",), ctx("2001:DB8::1")) == fp(("ip.src",), ctx("2001:db8:0::1"))


def test_order_and_duplicates_do_not_matter() -> None:
    assert fp(("ip.src", "http.method")) == fp(("http.method", "ip.src", "ip.src"))


def test_request_characteristics() -> None:
    sets = [
        ("http.host",), ("http.method",), ("http.request.uri.path",),
        ('http.request.headers["x-api-key"]',), ('http.request.cookie["sid"]',), ('http.request.uri.args["q"]',),
    ]
    a = [fp(s, ctx(headers=[("x-api-key", "k1")], cookies="theme=dark; sid=abc", query="q=a%20b&z=1",
                   host="Example.com", path="/p")) for s in sets]
    assert None not in a and len(set(a)) == 6
    b = [fp(s, ctx(headers=[("X-Api-Key", "k1")], cookies='sid="abc"', query="z=2&q=a+b", host="EXAMPLE.COM",
                   path="/p", method="get")) for s in sets]
    assert a == b  # same values, different surroundings
    c = [fp(s, ctx(headers=[("x-api-key", "k2")], cookies="sid=abd", query="q=c", host="example.org", path="/q",
                   method="POST")) for s in sets]
    assert all(x != y for x, y in zip(a, c, strict=True))
    # The reference's spelling of the method characteristic reads the same value.
    assert fp(("http.request.method",), ctx(method="POST")) != fp(("http.request.method",), ctx(method="GET"))


def test_missing_characteristic_names_it() -> None:
    for names in (("userId",), ('http.request.headers["x-missing"]',), ("ip.src", 'http.request.uri.args["q"]')):
        plan = FingerprintPlan(names)
        assert plan.compute(ctx(), {}) is None
        assert names[-1] in plan.missing(ctx(), {})
    assert fp(("ip.src",), ctx("")) is None


# -- finding 11: characteristic values must not collide ----------------------


def test_lone_surrogates_and_question_mark_are_three_values() -> None:
    values = ["\ud800", "\udfff", "?", "\udcff"]
    got = {fp(("user",), custom={"user": v}) for v in values}
    assert None not in got and len(got) == len(values)
    headers = {fp(('http.request.headers["x-user"]',), ctx(headers=[("x-user", v)])) for v in values}
    assert None not in headers and len(headers) == len(values)


def test_long_values_are_hashed_whole() -> None:
    shared = "a" * (64 << 10)
    assert fp(("user",), custom={"user": shared + "x"}) != fp(("user",), custom={"user": shared + "y"})
    q = fp(('http.request.uri.args["q"]',), ctx(query="q=" + shared + "1"))
    assert q != fp(('http.request.uri.args["q"]',), ctx(query="q=" + shared + "2"))


def test_query_values_are_compared_as_bytes() -> None:
    assert query_arg("q=%ff", "q") == b"\xff"
    assert query_arg("q=%fe", "q") == b"\xfe"
    assert query_arg("q=%EF%BF%BD", "q") == "\ufffd".encode()
    got = {fp(('http.request.uri.args["q"]',), ctx(query=f"q={v}")) for v in ("%ff", "%fe", "%EF%BF%BD")}
    assert None not in got and len(got) == 3
    # Malformed escapes stay as written; '+' is a space; the name is decoded too.
    assert query_arg("q=%zz&r=%4", "r") == b"%4" and query_arg("a%20b=1+2", "a b") == b"1 2"
    assert query_arg("q", "q") == b"" and query_arg("x=1", "q") is None


def test_colliding_values_get_separate_buckets_through_protect() -> None:
    """The attack: values that used to collide drained one shared bucket."""
    with arcjet_sync(key="fp-collide", rules=[fixed_window(max=1, window=60,
                                                          characteristics=['http.request.uri.args["q"]'])]) as aj:
        for v in ("%ff", "%fe", "%EF%BF%BD"):
            assert aj.protect({"ip": "8.8.8.8", "query": f"q={v}"}).is_allowed(), v
        assert aj.protect({"ip": "8.8.8.8", "query": "q=%ff"}).is_denied()
    with arcjet_sync(key="fp-collide-2", rules=[fixed_window(max=1, window=60, characteristics=["user"])]) as aj:
        for v in ("\ud800", "\udfff", "?", "p" * 70_000 + "1", "p" * 70_000 + "2"):
            assert aj.protect({"ip": "8.8.8.8"}, characteristics={"user": v}).is_allowed(), v[:3]
        assert aj.protect({"ip": "8.8.8.8"}, characteristics={"user": "\ud800"}).is_denied()


# -- finding 8: IPv6 by network ----------------------------------------------


def test_ipv6_is_keyed_by_its_network_and_ipv4_by_address() -> None:
    assert ip_key("2001:db8:1:2:aaaa::1", 64) == ip_key("2001:db8:1:2:ffff::9", 64) == b"2001:db8:1:2::/64"
    assert ip_key("2001:db8:1:3::1", 64) != ip_key("2001:db8:1:2::1", 64)
    assert ip_key("2001:db8:1:2::1", 128) != ip_key("2001:db8:1:2::2", 128)
    assert ip_key("2001:db8:1:2::1", 48) == ip_key("2001:db8:1:ffff::2", 48)
    assert ip_key("1.2.3.4", 64) == b"1.2.3.4" and ip_key("1.2.3.5", 1) == b"1.2.3.5"
    assert ip_key("", 64) is None


def _ip_key_by_address(ip: str, ipv6_prefix: int) -> bytes | None:
    """ip_key as it was written before its fast path: through parse_ip's address object."""
    addr = parse_ip(ip)
    if addr is None:
        return ip.encode("utf-8", "surrogatepass") if ip else None
    if isinstance(addr, ipaddress.IPv4Address) or ipv6_prefix >= 128:
        return ip_text(addr).encode("ascii")
    drop = 128 - ipv6_prefix
    network = (int(addr) >> drop << drop).to_bytes(16, "big")
    return f"{socket.inet_ntop(socket.AF_INET6, network)}/{ipv6_prefix}".encode("ascii")


_addresses = st.one_of(st.integers(0, 2**32 - 1).map(ipaddress.IPv4Address),
                       st.integers(0, 2**128 - 1).map(ipaddress.IPv6Address),
                       st.integers(0, 2**32 - 1).map(lambda n: ipaddress.IPv6Address((0xFFFF << 32) | n)))


@settings(max_examples=500, deadline=None)
@given(addr=_addresses, prefix=st.integers(1, 128), written=st.sampled_from(["ip_text", "exploded", "odd"]))
def test_ip_key_reads_every_address_as_parse_ip_does(
    addr: ipaddress.IPv4Address | ipaddress.IPv6Address, prefix: int, written: str
) -> None:
    # ip_key reads the usual text with the C parser alone; any form it is
    # given must key as the address object would.
    text = {"ip_text": ip_text(addr), "exploded": addr.exploded,
            "odd": f" {addr} " if addr.version == 4 else f"[{addr}]:80"}[written]
    assert ip_key(text, prefix) == _ip_key_by_address(text, prefix)


@pytest.mark.parametrize("text", ["not an ip", "1.2.3", "01.2.3.4", "1.2.3.4:80", "::ffff:1.2.3.4", "fe80::1%eth0",
                                  "::", "[2001:db8::1]", "2001:db8::1/64", "\udcff"])
def test_ip_key_of_odd_text(text: str) -> None:
    for prefix in (1, 48, 64, 127, 128):
        assert ip_key(text, prefix) == _ip_key_by_address(text, prefix)


@pytest.mark.parametrize(("prefix", "allowed"), [(64, 3), (128, 20)])
def test_one_ipv6_network_shares_a_limit(prefix: int, allowed: int) -> None:
    """The attack: 20 addresses of one /64 each got a fresh bucket (20 of 20 at cap 3)."""
    with arcjet_sync(key=f"v6-{prefix}", rules=[fixed_window(max=3, window=60)], ipv6_prefix=prefix) as aj:
        decisions = [aj.protect({"ip": f"2a02:1234:5678:9abc:{n:x}::1"}) for n in range(20)]
    assert sum(d.is_allowed() for d in decisions) == allowed
    assert sum(d.is_denied() for d in decisions) == 20 - allowed
    assert decisions[7].ip_address == "2a02:1234:5678:9abc:7::1"  # the decision keeps the full address


@pytest.mark.parametrize("bad", [0, 129, -1, True, "64", 64.0])
def test_ipv6_prefix_is_validated(bad: object) -> None:
    from arcjet_core.errors import ArcjetMisconfiguration

    with pytest.raises(ArcjetMisconfiguration, match="ipv6_prefix"):
        arcjet_sync(key="v6-bad", rules=[], ipv6_prefix=bad)
