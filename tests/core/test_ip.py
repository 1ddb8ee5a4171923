"""Client IP resolution: table-driven, spoofing attempts included."""

from __future__ import annotations

import ipaddress
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arcjet_core.errors import ArcjetMisconfiguration
from arcjet_core.headers_map import Headers
from arcjet_core.ip import (
    _NON_GLOBAL_NETWORKS,
    _NON_GLOBAL_RANGES,
    _V4_SPECIAL,
    IpResolver,
    TrustedProxies,
    ip_text,
    is_global_ip,
    parse_ip,
    parse_platform,
    resolve_client_ip,
)

LB = "100.100.100.100"  # the reference's load balancer example (CGNAT range, so never a client itself)
CLIENT = "8.8.8.8"
CLIENT6 = "2606:4700:4700::1111"

# (id, peer, headers, options, expected)
CASES: list[tuple[str, str, list[tuple[str, str]], dict[str, object], str]] = [
    ("global peer", CLIENT, [], {}, CLIENT),
    ("global v6 peer", CLIENT6, [], {}, CLIENT6),
    ("v4-mapped v6 peer", "::ffff:8.8.8.8", [], {}, CLIENT),
    ("peer with port", "8.8.8.8:5050", [], {}, CLIENT),
    ("bracketed v6 peer with port", "[2606:4700:4700::1111]:443", [], {}, CLIENT6),
    # Spoofing: a global, untrusted peer is the client whatever it sends.
    ("spoof xff from global peer", CLIENT, [("x-forwarded-for", "1.1.1.1")], {}, CLIENT),
    ("spoof many xff from global peer", CLIENT, [("x-forwarded-for", "1.1.1.1, 9.9.9.9")], {}, CLIENT),
    ("spoof platform header unconfigured", CLIENT, [("cf-connecting-ip", "1.1.1.1")], {}, CLIENT),
    ("spoof fly header unconfigured", CLIENT, [("fly-client-ip", "1.1.1.1")], {}, CLIENT),
    ("spoof x-real-ip unconfigured", CLIENT, [("x-real-ip", "1.1.1.1")], {}, CLIENT),
    ("spoof true-client-ip unconfigured", CLIENT, [("true-client-ip", "1.1.1.1")], {}, CLIENT),
    ("spoof xff v6 from global peer", CLIENT6, [("x-forwarded-for", "1.1.1.1")], {}, CLIENT6),
    ("spoof leftmost entries behind trusted proxy", LB, [("x-forwarded-for", "6.6.6.6, 8.8.8.8")], {"proxies": [LB]}, CLIENT),
    ("spoof leftmost entries behind two proxies", LB,
     [("x-forwarded-for", "6.6.6.6, 8.8.8.8, 100.100.100.99")], {"proxies": ["100.100.100.0/24"]}, CLIENT),
    ("spoof extra header instance first", LB,
     [("x-forwarded-for", "6.6.6.6"), ("x-forwarded-for", "8.8.8.8")], {"proxies": [LB]}, CLIENT),
    # Trusted proxies.
    ("reference example", LB, [("x-forwarded-for", "192.168.1.1, 100.100.100.100")], {"proxies": [LB], "development": True}, "192.168.1.1"),
    ("trusted proxy peer, client in xff", LB, [("x-forwarded-for", "8.8.8.8")], {"proxies": [LB]}, CLIENT),
    ("trusted proxy cidr", "100.100.100.7", [("x-forwarded-for", "8.8.8.8")], {"proxies": ["100.100.100.0/24"]}, CLIENT),
    ("trusted proxy also listed in xff", LB, [("x-forwarded-for", "8.8.8.8, 100.100.100.100")], {"proxies": [LB]}, CLIENT),
    ("global trusted proxy peer", "34.1.2.3", [("x-forwarded-for", "8.8.8.8")], {"proxies": ["34.1.2.3"]}, CLIENT),
    ("global trusted proxy chain", "34.1.2.3", [("x-forwarded-for", "8.8.8.8, 34.1.2.4")], {"proxies": ["34.1.2.0/24"]}, CLIENT),
    ("v6 trusted proxy cidr", "2001:4860::1", [("x-forwarded-for", CLIENT6)], {"proxies": ["2001:4860::/32"]}, CLIENT6),
    ("xff with ports", LB, [("x-forwarded-for", "8.8.8.8:1234")], {"proxies": [LB]}, CLIENT),
    ("xff with bracketed v6 and port", LB, [("x-forwarded-for", "[2606:4700:4700::1111]:99")], {"proxies": [LB]}, CLIENT6),
    ("xff with v4-mapped", LB, [("x-forwarded-for", "::ffff:8.8.8.8")], {"proxies": [LB]}, CLIENT),
    ("xff whitespace", LB, [("x-forwarded-for", "  8.8.8.8  ,   ")], {"proxies": [LB]}, CLIENT),
    ("xff garbage skipped", LB, [("x-forwarded-for", "8.8.8.8, not-an-ip")], {"proxies": [LB]}, CLIENT),
    ("xff quoted", LB, [("x-forwarded-for", '"8.8.8.8"')], {"proxies": [LB]}, CLIENT),
    # Private hops (a proxy nobody declared) are skipped in production.
    ("private peer, xff client", "10.0.0.2", [("x-forwarded-for", "8.8.8.8")], {}, CLIENT),
    ("private hop in xff", "10.0.0.2", [("x-forwarded-for", "8.8.8.8, 10.0.0.9")], {}, CLIENT),
    ("loopback peer, no headers", "127.0.0.1", [], {}, ""),
    ("private peer only", "192.168.0.4", [], {}, ""),
    ("cgnat not a client", "100.64.1.1", [], {}, ""),
    ("benchmarking not a client", "198.18.0.1", [], {}, ""),
    ("documentation not a client", "192.0.2.1", [], {}, ""),
    ("documentation v6 not a client", "2001:db8::1", [], {}, ""),
    ("link-local not a client", "169.254.1.1", [], {}, ""),
    ("multicast not a client", "224.0.0.1", [], {}, ""),
    ("reserved not a client", "240.0.0.1", [], {}, ""),
    ("unspecified not a client", "0.0.0.0", [], {}, ""),
    ("unique-local v6 not a client", "fd00::1", [], {}, ""),
    ("link-local v6 with zone", "fe80::1%eth0", [], {}, ""),
    ("all xff private", "10.0.0.2", [("x-forwarded-for", "192.168.1.1, 10.1.1.1")], {}, ""),
    ("empty peer", "", [], {}, ""),
    ("garbage peer", "not an ip", [], {}, ""),
    # Development mode.
    ("dev loopback peer", "127.0.0.1", [], {"development": True}, "127.0.0.1"),
    ("dev no peer", "", [], {"development": True}, "127.0.0.1"),
    ("dev private xff", "127.0.0.1", [("x-forwarded-for", "192.168.1.5")], {"development": True}, "192.168.1.5"),
    # Platforms: read only when configured.
    ("cloudflare configured", "172.70.1.1", [("cf-connecting-ip", "8.8.8.8")], {"platform": "cloudflare"}, CLIENT),
    ("cloudflare v6 preferred", "172.70.1.1",
     [("cf-connecting-ip", "8.8.8.8"), ("cf-connecting-ipv6", CLIENT6)], {"platform": "cloudflare"}, CLIENT6),
    ("fly configured", "10.0.0.1", [("fly-client-ip", "8.8.8.8")], {"platform": "fly"}, CLIENT),
    ("vercel configured", "10.0.0.1", [("x-real-ip", "8.8.8.8")], {"platform": "vercel"}, CLIENT),
    ("vercel list header", "10.0.0.1", [("x-vercel-forwarded-for", "8.8.8.8, 10.0.0.1")], {"platform": "vercel"}, CLIENT),
    ("render configured", "10.0.0.1", [("true-client-ip", "8.8.8.8")], {"platform": "render"}, CLIENT),
    ("firebase configured", "10.0.0.1", [("x-fah-client-ip", "8.8.8.8")], {"platform": "firebase"}, CLIENT),
    ("platform header private ignored", "9.9.9.9", [("cf-connecting-ip", "10.0.0.1")], {"platform": "cloudflare"}, "9.9.9.9"),
    ("other platform header ignored", "9.9.9.9", [("fly-client-ip", "8.8.8.8")], {"platform": "cloudflare"}, "9.9.9.9"),
]


@pytest.mark.parametrize(("name", "peer", "headers", "options", "expected"), CASES, ids=[c[0] for c in CASES])
def test_resolve(name: str, peer: str, headers: list[tuple[str, str]], options: dict[str, object], expected: str) -> None:
    assert resolve_client_ip(peer, Headers(headers), **options) == expected  # type: ignore[arg-type]


def test_a_long_lived_resolver_answers_like_a_fresh_one() -> None:
    # Resolvers remember answers by peer (a direct client; a peer that sent
    # no X-Forwarded-For): a peer seen without the header, then with it (and
    # back) must still get the answer its headers call for.
    resolvers: dict[str, IpResolver] = {}
    for _ in range(2):
        for name, peer, headers, options, expected in [*CASES, *reversed(CASES)]:
            key = repr(sorted(options.items()))
            if key not in resolvers:
                proxies = options.get("proxies", ())
                resolvers[key] = IpResolver(TrustedProxies.parse(proxies), options.get("platform"),  # type: ignore[arg-type]
                                            bool(options.get("development", False)))
            for h in (headers, [], headers):
                want = expected if h is headers else resolve_client_ip(peer, Headers(h), **options)  # type: ignore[arg-type]
                assert resolvers[key].resolve(peer, Headers(h)) == want, (name, h)


def test_enough_cases() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize("bad", ["not-an-ip", "10.0.0.0/33", "1.2.3.4.5", ""])
def test_bad_proxy_raises_with_parameter_name(bad: str) -> None:
    with pytest.raises(ArcjetMisconfiguration, match="proxies"):
        TrustedProxies.parse([bad])


def test_proxies_must_be_a_list() -> None:
    with pytest.raises(ArcjetMisconfiguration, match="proxies"):
        TrustedProxies.parse("1.2.3.4")  # type: ignore[arg-type]


def test_unknown_platform_raises() -> None:
    with pytest.raises(ArcjetMisconfiguration, match="platform"):
        parse_platform("heroku-ish")


@pytest.mark.parametrize(
    ("token", "expected"),
    [("1.2.3.4", "1.2.3.4"), ("1.2.3.4:80", "1.2.3.4"), ("[::1]:80", "::1"), ("::1", "::1"),
     ("::ffff:1.2.3.4", "1.2.3.4"), ("fe80::1%lo", "fe80::1"), ("[::1", None), ("x" * 100, None)],
)
def test_parse_ip(token: str, expected: str | None) -> None:
    addr = parse_ip(token)
    assert (str(addr) if addr else None) == expected


@settings(max_examples=3000, deadline=None)
@given(st.one_of(st.integers(0, 2**32 - 1).map(ipaddress.IPv4Address), st.integers(0, 2**128 - 1).map(ipaddress.IPv6Address),
                 st.sampled_from([type(net.network_address)(edge) for net in _NON_GLOBAL_NETWORKS
                                  for n in (int(net.network_address), int(net.broadcast_address))
                                  for edge in (n - 1, n, n + 1) if 0 <= edge < 2 ** net.max_prefixlen])))
def test_our_non_global_ranges_match_their_networks(addr: ipaddress.IPv4Address | ipaddress.IPv6Address) -> None:
    # is_global_ip tests our ranges as integers; that must be membership in the networks.
    by_network = any(addr.version == net.version and addr in net for net in _NON_GLOBAL_NETWORKS)
    assert any(addr.version == v and lo <= int(addr) <= hi for v, lo, hi in _NON_GLOBAL_RANGES) == by_network
    if by_network:
        assert not is_global_ip.__wrapped__(addr)


def _is_global_by_ipaddress(addr: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """is_global_ip as it was before its IPv6 shortcut: ipaddress's properties plus our ranges."""
    if (addr.is_private or addr.is_loopback or addr.is_link_local or addr.is_multicast or addr.is_reserved
            or addr.is_unspecified or (isinstance(addr, ipaddress.IPv6Address) and addr.is_site_local)):
        return False
    return not any(addr.version == v and lo <= int(addr) <= hi for v, lo, hi in _NON_GLOBAL_RANGES)


# Addresses with structure: runs of zero groups (where text forms differ),
# prefixes at the edges of special ranges, IPv4 inside IPv6.
_v6_structured = st.lists(st.sampled_from([0, 0, 0, 1, 0xFFFF, 0x2001, 0x2002, 0x2003, 0xDB8, 0xFE80, 0xFC00, 0x2000,
                                           0x3FFF, 0x1F, 0x100, 0x10, 0x20, 0x30, 0x112, 0x4, 0x3, 0x2]),
                          min_size=8, max_size=8).map(lambda g: ipaddress.IPv6Address(sum(x << (16 * (7 - i)) for i, x in enumerate(g))))
_v6 = st.one_of(st.integers(0, 2**128 - 1).map(ipaddress.IPv6Address), _v6_structured,
                st.integers(0, 2**32 - 1).map(lambda n: ipaddress.IPv6Address((0xFFFF << 32) | n)),
                st.integers(0, 2**32 - 1).map(ipaddress.IPv6Address),
                # 2001::/16 and 2002::/16, where ipaddress is asked; the second
                # group small, as in 2001::/23 and its exceptions.
                st.tuples(st.sampled_from([0x2001, 0x2002]), st.integers(0, 0x3F), st.integers(0, 2**96 - 1)).map(
                    lambda t: ipaddress.IPv6Address((t[0] << 112) | (t[1] << 96) | t[2])),
                st.tuples(st.sampled_from([0x2001, 0x2002]), st.integers(0, 2**112 - 1)).map(
                    lambda t: ipaddress.IPv6Address((t[0] << 112) | t[1])),
                st.sampled_from([type(net.network_address)(edge) for net in _NON_GLOBAL_NETWORKS if net.version == 6
                                 for n in (int(net.network_address), int(net.broadcast_address))
                                 for edge in (n - 1, n, n + 1)]))


def test_ipaddress_private_networks_in_global_unicast_lie_under_2001_and_2002() -> None:
    # is_global_ip answers "global" for 2000::/3 outside 2001::/16 and
    # 2002::/16 without asking ipaddress: hold its lists (and their
    # exceptions, on Pythons that have them) to that.
    constants = ipaddress.IPv6Address._constants  # type: ignore[attr-defined]
    nets = [*getattr(constants, "_private_networks", ()), *getattr(constants, "_private_networks_exceptions", ()),
            *(net for net in _NON_GLOBAL_NETWORKS if net.version == 6)]
    assert nets
    for net in nets:
        first, last = int(net.network_address), int(net.broadcast_address)
        if last >> 125 != 1 and first >> 125 != 1:
            continue  # outside 2000::/3
        assert first >> 112 == last >> 112 and first >> 112 in (0x2001, 0x2002), net


def test_ipaddress_special_ipv4_networks_lie_inside_our_special_ranges() -> None:
    # is_global_ip answers "global" for IPv4 outside _V4_SPECIAL without
    # asking ipaddress: every network behind its properties must be inside.
    constants = ipaddress.IPv4Address._constants  # type: ignore[attr-defined]
    nets = [*getattr(constants, "_private_networks", ()), *getattr(constants, "_private_networks_exceptions", ()),
            *(getattr(constants, name) for name in ("_linklocal_network", "_loopback_network", "_multicast_network",
                                                    "_reserved_network", "_public_network") if hasattr(constants, name)),
            *(net for net in _NON_GLOBAL_NETWORKS if net.version == 4)]
    assert len(nets) > 10
    for net in nets:
        first, last = int(net.network_address), int(net.broadcast_address)
        assert any(lo <= first and last <= hi for lo, hi in _V4_SPECIAL), net
    assert list(_V4_SPECIAL) == sorted(_V4_SPECIAL)
    assert all(a[1] < b[0] for a, b in itertools.pairwise(_V4_SPECIAL))  # disjoint, so bisect finds the one


_v4 = st.one_of(st.integers(0, 2**32 - 1).map(ipaddress.IPv4Address),
               st.sampled_from([ipaddress.IPv4Address(edge) for lo, hi in _V4_SPECIAL
                                for edge in (lo - 1, lo, lo + 1, hi - 1, hi, hi + 1) if 0 <= edge < 2**32]))


@settings(max_examples=5000, deadline=None)
@given(st.one_of(_v6, _v4))
def test_fast_classification_and_text_match_ipaddress(addr: ipaddress.IPv4Address | ipaddress.IPv6Address) -> None:
    assert is_global_ip.__wrapped__(addr) == _is_global_by_ipaddress(addr)
    assert ip_text(addr) == str(addr)


def _as_ipaddress_reads(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The address ipaddress reads in `text` (IPv4-mapped IPv6 as IPv4), or None."""
    try:
        addr = ipaddress.ip_address(text.strip())
    except ValueError:
        return None
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
        return addr.ipv4_mapped
    return addr


_hex_group = st.text(alphabet="0123456789abcdefABCDEF", min_size=0, max_size=5)


@settings(max_examples=5000, deadline=None)
@given(st.one_of(
    _v6.map(str),
    _v6.map(lambda a: a.exploded),
    _v6.map(lambda a: str(a).upper()),
    st.lists(_hex_group, min_size=1, max_size=10).map(":".join),  # malformed groups, counts, "::" runs
    st.tuples(st.lists(_hex_group, min_size=0, max_size=7).map(":".join),
              st.integers(0, 300), st.integers(0, 300), st.integers(0, 300), st.integers(0, 300)).map(
        lambda t: f"{t[0]}:{t[1]}.{t[2]}.{t[3]}.{t[4]}"),  # embedded IPv4, valid or not
    st.text(alphabet="0123456789abcdef:.x ", max_size=45),
))
def test_ipv6_text_parses_exactly_as_ipaddress_parses_it(text: str) -> None:
    # parse_ip reads IPv6 with the C parser; it must accept and reject what
    # ipaddress does, with the same value.
    want = _as_ipaddress_reads(text)
    if "%" in text or "[" in text or text.strip().count(":") == 1 or len(text.strip()) > 64:
        return  # parse_ip strips zones, brackets and ports first: other tests
    assert parse_ip.__wrapped__(text) == want


_octet = st.one_of(st.integers(0, 300).map(str), st.text(alphabet="0123456789", min_size=0, max_size=4),
                  st.sampled_from(["00", "01", "007", "0x1", " 1", "1 ", "+1", "-1", "\u0661", "256", "255"]))


@settings(max_examples=5000, deadline=None)
@given(st.one_of(
    st.integers(0, 2**32 - 1).map(lambda n: str(ipaddress.IPv4Address(n))),
    st.lists(_octet, min_size=1, max_size=6).map(".".join),  # counts, empty parts, leading zeros, range
    st.text(alphabet="0123456789. x", max_size=20),
))
def test_ipv4_text_parses_exactly_as_ipaddress_parses_it(text: str) -> None:
    # parse_ip reads IPv4 with the C parser too; same acceptance, same value.
    if "%" in text or ":" in text or '"' in text:
        return
    assert parse_ip.__wrapped__(text) == _as_ipaddress_reads(text)


def test_global_examples() -> None:
    assert is_global_ip(parse_ip("8.8.8.8"))  # type: ignore[arg-type]
    assert not is_global_ip(parse_ip("100.64.0.1"))  # type: ignore[arg-type]


_header_text = st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x10FFFF), max_size=200)


@settings(max_examples=300, deadline=None)
@given(
    peer=_header_text,
    values=st.lists(st.binary(max_size=120), max_size=5),
    proxies=st.lists(st.sampled_from(["10.0.0.0/8", LB, "2001:db8::/32", "8.8.8.8"]), max_size=3),
    development=st.booleans(),
    platform=st.sampled_from([None, "cloudflare", "vercel"]),
)
def test_never_raises_on_arbitrary_header_bytes(
    peer: str, values: list[bytes], proxies: list[str], development: bool, platform: str | None
) -> None:
    names = ["x-forwarded-for", "cf-connecting-ip", "x-real-ip", "x-vercel-forwarded-for", "cf-connecting-ipv6"]
    headers = Headers((names[i % len(names)], v.decode("latin-1")) for i, v in enumerate(values))
    resolver = IpResolver(TrustedProxies.parse(proxies), platform, development)
    ip = resolver.resolve(peer, headers)
    assert isinstance(ip, str)
    if ip:
        assert parse_ip(ip) is not None
