"""Client IP resolution: table-driven, spoofing attempts included."""

from __future__ import annotations

import ipaddress
import itertools
import logging
import os
import uuid
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arcjet_core import ArcjetSync, arcjet_sync, fixed_window
from arcjet_core import ip as ip_module
from arcjet_core.errors import ArcjetMisconfiguration
from arcjet_core.headers_map import Headers
from arcjet_core.ip import (
    _NON_GLOBAL_NETWORKS,
    _NON_GLOBAL_RANGES,
    _V4_SPECIAL,
    PEER_CACHE_SIZE,
    IpResolver,
    TrustedProxies,
    _reset_warnings,
    canonical_ip,
    ip_text,
    is_global_ip,
    parse_ip,
    parse_platform,
    parse_proxy_headers,
    resolve_client_ip,
)

LB = "100.100.100.100"  # the reference's load balancer example (CGNAT range)
CLIENT = "8.8.8.8"
CLIENT6 = "2606:4700:4700::1111"
FWD = {"proxy_headers": ["forwarded"]}
REAL = {"proxy_headers": ["x-real-ip"]}

# (id, peer, headers, options, expected)
CASES: list[tuple[str, str, list[tuple[str, str]], dict[str, object], str]] = [
    ("global peer", CLIENT, [], {}, CLIENT),
    ("global v6 peer", CLIENT6, [], {}, CLIENT6),
    ("v4-mapped v6 peer", "::ffff:8.8.8.8", [], {}, CLIENT),
    ("peer with port", "8.8.8.8:5050", [], {}, CLIENT),
    ("bracketed v6 peer with port", "[2606:4700:4700::1111]:443", [], {}, CLIENT6),
    # Spoofing: a peer that is not a proxy is the client whatever it sends.
    ("spoof xff from global peer", CLIENT, [("x-forwarded-for", "1.1.1.1")], {}, CLIENT),
    ("spoof many xff from global peer", CLIENT, [("x-forwarded-for", "1.1.1.1, 9.9.9.9")], {}, CLIENT),
    ("spoof platform header unconfigured", CLIENT, [("cf-connecting-ip", "1.1.1.1")], {}, CLIENT),
    ("spoof fly header unconfigured", CLIENT, [("fly-client-ip", "1.1.1.1")], {}, CLIENT),
    ("spoof x-real-ip unconfigured", CLIENT, [("x-real-ip", "1.1.1.1")], {}, CLIENT),
    ("spoof true-client-ip unconfigured", CLIENT, [("true-client-ip", "1.1.1.1")], {}, CLIENT),
    ("spoof xff v6 from global peer", CLIENT6, [("x-forwarded-for", "1.1.1.1")], {}, CLIENT6),
    ("spoof x-real-ip configured from global peer", CLIENT, [("x-real-ip", "1.1.1.1")], REAL, CLIENT),
    ("spoof forwarded configured from global peer", CLIENT, [("forwarded", "for=1.1.1.1")], FWD, CLIENT),
    ("spoof leftmost entries behind trusted proxy", LB, [("x-forwarded-for", "6.6.6.6, 8.8.8.8")], {"proxies": [LB]}, CLIENT),
    ("spoof leftmost entries behind two proxies", LB,
     [("x-forwarded-for", "6.6.6.6, 8.8.8.8, 100.100.100.99")], {"proxies": ["100.100.100.0/24"]}, CLIENT),
    ("spoof extra header instance first", LB,
     [("x-forwarded-for", "6.6.6.6"), ("x-forwarded-for", "8.8.8.8")], {"proxies": [LB]}, CLIENT),
    # Finding 3: private peers and private entries that are not configured proxies are clients, not hops.
    ("finding 3: private non-proxy peer", "192.168.1.50", [("x-forwarded-for", "1.2.3.4")], {"proxies": ["10.0.0.1"]},
     "192.168.1.50"),
    ("private peer, xff ignored", "10.0.0.2", [("x-forwarded-for", "8.8.8.8")], {}, "10.0.0.2"),
    ("private peer, private xff ignored", "10.0.0.2", [("x-forwarded-for", "192.168.1.1, 10.1.1.1")], {}, "10.0.0.2"),
    ("docker gateway peer", "172.18.0.1", [("x-forwarded-for", "1.2.3.4")], {}, "172.18.0.1"),
    ("cgnat peer", "100.64.1.1", [("x-forwarded-for", "1.2.3.4")], {}, "100.64.1.1"),
    ("private entry behind proxy is the client", LB, [("x-forwarded-for", "1.2.3.4, 192.168.1.50")], {"proxies": [LB]},
     "192.168.1.50"),
    ("loopback entry behind proxy is the client", LB, [("x-forwarded-for", "1.2.3.4, 127.0.0.1")], {"proxies": [LB]},
     "127.0.0.1"),
    ("every entry a proxy: the leftmost", "10.0.0.1", [("x-forwarded-for", "10.0.0.7, 10.0.0.5")],
     {"proxies": ["10.0.0.0/8"]}, "10.0.0.7"),
    ("reference example", LB, [("x-forwarded-for", "192.168.1.1, 100.100.100.100")], {"proxies": [LB]}, "192.168.1.1"),
    # Trusted proxies.
    ("trusted proxy peer, client in xff", LB, [("x-forwarded-for", "8.8.8.8")], {"proxies": [LB]}, CLIENT),
    ("trusted proxy cidr", "100.100.100.7", [("x-forwarded-for", "8.8.8.8")], {"proxies": ["100.100.100.0/24"]}, CLIENT),
    ("trusted proxy also listed in xff", LB, [("x-forwarded-for", "8.8.8.8, 100.100.100.100")], {"proxies": [LB]}, CLIENT),
    ("global trusted proxy peer", "34.1.2.3", [("x-forwarded-for", "8.8.8.8")], {"proxies": ["34.1.2.3"]}, CLIENT),
    ("global trusted proxy chain", "34.1.2.3", [("x-forwarded-for", "8.8.8.8, 34.1.2.4")], {"proxies": ["34.1.2.0/24"]}, CLIENT),
    ("v6 trusted proxy cidr", "2001:4860::1", [("x-forwarded-for", CLIENT6)], {"proxies": ["2001:4860::/32"]}, CLIENT6),
    ("xff with ports", LB, [("x-forwarded-for", "8.8.8.8:1234")], {"proxies": [LB]}, CLIENT),
    ("xff with bracketed v6 and port", LB, [("x-forwarded-for", "[2606:4700:4700::1111]:99")], {"proxies": [LB]}, CLIENT6),
    ("xff with v4-mapped", LB, [("x-forwarded-for", "::ffff:8.8.8.8")], {"proxies": [LB]}, CLIENT),
    ("xff whitespace and empty slots", LB, [("x-forwarded-for", "  8.8.8.8  ,   ")], {"proxies": [LB]}, CLIENT),
    ("xff quoted", LB, [("x-forwarded-for", '"8.8.8.8"')], {"proxies": [LB]}, CLIENT),
    # An entry that is not an address ends the walk: what lies left of it is the client's own text.
    ("xff garbage rightmost: keyed by the proxy", LB, [("x-forwarded-for", "8.8.8.8, not-an-ip")], {"proxies": [LB]}, LB),
    ("xff unknown rightmost: keyed by the proxy", LB, [("x-forwarded-for", "8.8.8.8, unknown")], {"proxies": [LB]}, LB),
    ("proxy peer sends no header: keyed by the proxy", LB, [], {"proxies": [LB]}, LB),
    # No proxies configured: a loopback peer is one local reverse proxy; its rightmost entry is the client.
    ("loopback one hop", "127.0.0.1", [("x-forwarded-for", CLIENT)], {}, CLIENT),
    ("loopback one hop takes the rightmost", "127.0.0.1", [("x-forwarded-for", "1.2.3.4, 192.168.1.50")], {}, "192.168.1.50"),
    ("loopback one hop, rightmost loopback", "127.0.0.1", [("x-forwarded-for", "8.8.8.8, 127.0.0.1")], {}, "127.0.0.1"),
    ("loopback v6 one hop", "::1", [("x-forwarded-for", CLIENT6)], {}, CLIENT6),
    ("v4-mapped loopback one hop", "::ffff:127.0.0.1", [("x-forwarded-for", CLIENT)], {}, CLIENT),
    ("loopback declared as proxy walks on", "127.0.0.1", [("x-forwarded-for", "8.8.8.8, 127.0.0.1")],
     {"proxies": ["127.0.0.1"]}, CLIENT),
    ("loopback not a proxy when proxies are configured", "127.0.0.1", [("x-forwarded-for", CLIENT)], {"proxies": [LB]},
     "127.0.0.1"),
    ("loopback with proxy_headers empty", "127.0.0.1", [("x-forwarded-for", CLIENT)], {"proxy_headers": []}, "127.0.0.1"),
    # Finding 4: no usable client IP keys the request by its peer, never by nothing.
    ("loopback peer, no headers", "127.0.0.1", [], {}, "127.0.0.1"),
    ("loopback peer, x-real-ip unconfigured", "127.0.0.1", [("x-real-ip", CLIENT)], {}, "127.0.0.1"),
    ("loopback peer, forwarded unconfigured", "127.0.0.1", [("forwarded", f"for={CLIENT}")], {}, "127.0.0.1"),
    ("private peer only", "192.168.0.4", [], {}, "192.168.0.4"),
    ("benchmarking peer", "198.18.0.1", [], {}, "198.18.0.1"),
    ("documentation peer", "192.0.2.1", [], {}, "192.0.2.1"),
    ("documentation v6 peer", "2001:db8::1", [], {}, "2001:db8::1"),
    ("link-local peer", "169.254.1.1", [], {}, "169.254.1.1"),
    ("unique-local v6 peer", "fd00::1", [], {}, "fd00::1"),
    ("link-local v6 peer with zone", "fe80::1%eth0", [], {}, "fe80::1"),
    ("unspecified peer", "0.0.0.0", [], {}, "0.0.0.0"),
    # No peer at all: nothing to key by ("" makes rules keyed on ip.src ERROR).
    ("empty peer", "", [("x-forwarded-for", CLIENT)], {}, ""),
    ("garbage peer", "not an ip", [], {}, ""),
    # ...unless a reverse proxy on a unix socket is declared: then its headers are read.
    ("unix socket proxy", "", [("x-forwarded-for", "6.6.6.6, 8.8.8.8")], {"proxies": ["unix:"]}, CLIENT),
    ("unix socket proxy walks configured proxies", "",
     [("x-forwarded-for", "6.6.6.6, 8.8.8.8, 10.0.0.3")], {"proxies": ["unix:", "10.0.0.0/8"]}, CLIENT),
    ("unix socket proxy sends nothing", "", [], {"proxies": ["UNIX:"]}, ""),
    ("unix socket proxy, garbage peer not trusted", "not an ip", [("x-forwarded-for", CLIENT)], {"proxies": ["unix:"]}, ""),
    ("unix socket proxy, loopback peer now a client", "127.0.0.1", [("x-forwarded-for", CLIENT)], {"proxies": ["unix:"]},
     "127.0.0.1"),
    ("dev unix socket proxy sends nothing", "", [], {"proxies": ["unix:"], "development": True}, "127.0.0.1"),
    # X-Real-IP, when configured.
    ("x-real-ip configured", "127.0.0.1", [("x-real-ip", CLIENT)], REAL, CLIENT),
    ("x-real-ip private is the client", "127.0.0.1", [("x-real-ip", "192.168.1.9")], REAL, "192.168.1.9"),
    ("x-real-ip behind proxy", LB, [("x-real-ip", CLIENT)], {"proxies": [LB], **REAL}, CLIENT),
    ("x-real-ip garbage: the peer", "127.0.0.1", [("x-real-ip", "nope")], REAL, "127.0.0.1"),
    ("x-real-ip configured, xff not read", "127.0.0.1", [("x-real-ip", CLIENT), ("x-forwarded-for", "1.1.1.1")], REAL, CLIENT),
    ("proxy_headers order is priority", "127.0.0.1", [("x-real-ip", CLIENT), ("x-forwarded-for", "1.1.1.1")],
     {"proxy_headers": ["x-real-ip", "x-forwarded-for"]}, CLIENT),
    ("next configured header when the first has none", "127.0.0.1", [("x-real-ip", CLIENT)],
     {"proxy_headers": ["x-forwarded-for", "x-real-ip"]}, CLIENT),
    # Forwarded (RFC 7239), when configured.
    ("forwarded rfc example", "127.0.0.1", [("forwarded", "for=192.0.2.60;proto=http;by=203.0.113.43")], FWD, "192.0.2.60"),
    ("forwarded quoted v6 with port", "127.0.0.1", [("forwarded", 'for="[2001:db8:cafe::17]:4711"')], FWD,
     "2001:db8:cafe::17"),
    ("forwarded quoted v4 with port", "127.0.0.1", [("forwarded", 'for="8.8.8.8:80"')], FWD, CLIENT),
    ("forwarded case-insensitive name", "127.0.0.1", [("forwarded", "For=8.8.8.8")], FWD, CLIENT),
    ("forwarded one hop takes the rightmost", "127.0.0.1", [("forwarded", "for=6.6.6.6, for=8.8.8.8")], FWD, CLIENT),
    ("forwarded across instances", "127.0.0.1", [("forwarded", "for=6.6.6.6"), ("forwarded", "for=8.8.8.8")], FWD, CLIENT),
    ("forwarded walks proxies", LB, [("forwarded", "for=6.6.6.6, for=8.8.8.8, for=100.100.100.100")],
     {"proxies": [LB], **FWD}, CLIENT),
    ("forwarded unclosed quote cannot swallow the proxy's element", "127.0.0.1",
     [("forwarded", 'for="6.6.6.6, for=8.8.8.8')], FWD, CLIENT),
    ("forwarded obfuscated: the peer", "127.0.0.1", [("forwarded", "for=6.6.6.6, for=_hidden")], FWD, "127.0.0.1"),
    ("forwarded unknown: the peer", "127.0.0.1", [("forwarded", "for=6.6.6.6, for=unknown")], FWD, "127.0.0.1"),
    ("forwarded element without for: the peer", "127.0.0.1", [("forwarded", "for=6.6.6.6, proto=https")], FWD, "127.0.0.1"),
    ("forwarded duplicate for: the peer", "127.0.0.1", [("forwarded", "for=6.6.6.6, for=1.1.1.1;for=8.8.8.8")], FWD,
     "127.0.0.1"),
    # Development mode.
    ("dev loopback peer", "127.0.0.1", [], {"development": True}, "127.0.0.1"),
    ("dev no peer", "", [], {"development": True}, "127.0.0.1"),
    ("dev private xff", "127.0.0.1", [("x-forwarded-for", "192.168.1.5")], {"development": True}, "192.168.1.5"),
    ("dev private peer", "192.168.1.5", [("x-forwarded-for", CLIENT)], {"development": True}, "192.168.1.5"),
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
    ("platform header missing: the peer", "10.0.0.1", [], {"platform": "fly"}, "10.0.0.1"),
]


@pytest.mark.parametrize(("name", "peer", "headers", "options", "expected"), CASES, ids=[c[0] for c in CASES])
def test_resolve(name: str, peer: str, headers: list[tuple[str, str]], options: dict[str, object], expected: str) -> None:
    assert resolve_client_ip(peer, Headers(headers), **options) == expected  # type: ignore[arg-type]


def test_a_long_lived_resolver_answers_like_a_fresh_one() -> None:
    # Resolvers remember answers by peer (a peer that is the client; a proxy
    # peer's own address when its headers name nobody): a peer seen without
    # headers, then with them (and back) must still get the answer its
    # headers call for.
    resolvers: dict[str, IpResolver] = {}
    for _ in range(2):
        for name, peer, headers, options, expected in [*CASES, *reversed(CASES)]:
            key = repr(sorted(options.items()))
            if key not in resolvers:
                resolvers[key] = _resolver(**options)
            for h in (headers, [], headers):
                want = expected if h is headers else resolve_client_ip(peer, Headers(h), **options)  # type: ignore[arg-type]
                assert resolvers[key].resolve(peer, Headers(h)) == want, (name, h)


def _resolver(**options: object) -> IpResolver:
    return IpResolver(TrustedProxies.parse(options.get("proxies", ())),  # type: ignore[arg-type]
                      parse_platform(options.get("platform")),  # type: ignore[arg-type]
                      bool(options.get("development", False)),
                      parse_proxy_headers(options.get("proxy_headers")))  # type: ignore[arg-type]


def test_enough_cases() -> None:
    assert len(CASES) >= 80


@pytest.mark.parametrize("bad", ["x-forwarded-for", ["x-forwarded-host"], ["cf-connecting-ip"], [1], 5])
def test_bad_proxy_headers_raise_with_parameter_name(bad: object) -> None:
    with pytest.raises(ArcjetMisconfiguration, match="proxy_headers"):
        parse_proxy_headers(bad)  # type: ignore[arg-type]


def test_proxy_headers_are_normalised() -> None:
    assert parse_proxy_headers(None) == ("x-forwarded-for",)
    assert parse_proxy_headers([" X-Real-IP ", "Forwarded", "x-real-ip"]) == ("x-real-ip", "forwarded")
    assert parse_proxy_headers([]) == ()


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
        assert not is_global_ip(addr)


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
    assert is_global_ip(addr) == _is_global_by_ipaddress(addr)
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
    assert parse_ip(text) == want


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
    assert parse_ip(text) == _as_ipaddress_reads(text)


def test_global_examples() -> None:
    assert is_global_ip(parse_ip("8.8.8.8"))  # type: ignore[arg-type]
    assert not is_global_ip(parse_ip("100.64.0.1"))  # type: ignore[arg-type]


_header_text = st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x10FFFF), max_size=200)


@settings(max_examples=300, deadline=None)
@given(
    peer=st.one_of(st.sampled_from(["127.0.0.1", "::1", LB, "10.1.2.3"]), _header_text),
    values=st.lists(st.binary(max_size=120), max_size=5),
    proxies=st.lists(st.sampled_from(["10.0.0.0/8", LB, "2001:db8::/32", "8.8.8.8"]), max_size=3),
    development=st.booleans(),
    platform=st.sampled_from([None, "cloudflare", "vercel"]),
    proxy_headers=st.lists(st.sampled_from(["x-forwarded-for", "forwarded", "x-real-ip"]), max_size=3),
)
def test_never_raises_on_arbitrary_header_bytes(
    peer: str, values: list[bytes], proxies: list[str], development: bool, platform: str | None,
    proxy_headers: list[str],
) -> None:
    names = ["x-forwarded-for", "cf-connecting-ip", "forwarded", "x-real-ip", "x-vercel-forwarded-for",
             "cf-connecting-ipv6"]
    headers = Headers((names[i % len(names)], v.decode("latin-1")) for i, v in enumerate(values))
    resolver = IpResolver(TrustedProxies.parse(proxies), platform, development, parse_proxy_headers(proxy_headers))
    ip = resolver.resolve(peer, headers)
    assert isinstance(ip, str)
    if ip:
        assert parse_ip(ip) is not None


# --------------------------------------------------- properties of the walk

_client_text = st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=80)
_v4_any = st.integers(0, 2**32 - 1).map(ipaddress.IPv4Address)


@settings(max_examples=500, deadline=None)
@given(client=st.one_of(_v4_any, _v6), prefix=_client_text, as_forwarded=st.booleans(), behind_lb=st.booleans())
def test_a_client_behind_a_proxy_cannot_choose_its_key(
    client: ipaddress.IPv4Address | ipaddress.IPv6Address, prefix: str, as_forwarded: bool, behind_lb: bool
) -> None:
    # Whatever the client writes into the header, the entry our proxy appends
    # (the address it saw) is the key: a local proxy on loopback with no
    # proxies configured, or the configured LB.
    written = ip_text(client)
    want = ip_text(parse_ip(written))  # type: ignore[arg-type]  # IPv4-mapped IPv6 reads as IPv4
    if behind_lb and want == LB:
        return
    if as_forwarded:
        entry = f'for="[{written}]"' if client.version == 6 else f"for={written}"
        headers = Headers([("forwarded", f"{prefix}, {entry}" if prefix else entry)])
    else:
        headers = Headers([("x-forwarded-for", f"{prefix}, {written}" if prefix else written)])
    options: dict[str, object] = {"proxy_headers": ["forwarded" if as_forwarded else "x-forwarded-for"]}
    if behind_lb:
        options["proxies"] = [LB]
    assert _resolver(**options).resolve(LB if behind_lb else "127.0.0.1", headers) == want


@settings(max_examples=300, deadline=None)
@given(peer=st.one_of(_v4_any, _v6).filter(lambda a: not a.is_loopback and a != ipaddress.ip_address(LB)),
       values=st.lists(_client_text, max_size=4), development=st.booleans())
def test_a_peer_that_is_not_a_proxy_is_the_client_whatever_it_sends(
    peer: ipaddress.IPv4Address | ipaddress.IPv6Address, values: list[str], development: bool
) -> None:
    if isinstance(peer, ipaddress.IPv6Address) and peer.ipv4_mapped is not None:
        return  # read as its IPv4 address, which may be loopback
    headers = Headers((name, v) for name, v in zip(itertools.cycle(["x-forwarded-for", "forwarded", "x-real-ip"]), values))
    for options in ({}, {"proxies": [LB]}, {"proxy_headers": ["forwarded", "x-real-ip", "x-forwarded-for"]}):
        assert _resolver(**options, development=development).resolve(ip_text(peer), headers) == ip_text(peer)


# ------------------------------------------------------------- the caches

def test_peer_caches_are_bounded_and_stay_correct() -> None:
    resolver = _resolver(proxies=["10.0.0.0/8"])
    platform = _resolver(platform="cloudflare")
    # Clients, proxies without a header (their fallback), proxies with one,
    # chains of proxies, and a platform's header.
    for n in range(3 * PEER_CACHE_SIZE):
        client = str(ipaddress.IPv4Address(0x08000000 + n))
        proxy = str(ipaddress.IPv4Address(0x0A000000 + n))
        assert resolver.resolve(client, Headers([("x-forwarded-for", "1.2.3.4")])) == client
        assert resolver.resolve(proxy, Headers([])) == proxy
        assert resolver.resolve(proxy, Headers([("x-forwarded-for", client)])) == client
        assert resolver.resolve(proxy, Headers([("x-forwarded-for", f"{client}, {proxy}")])) == client
        assert platform.resolve(proxy, Headers([("cf-connecting-ip", client)])) == client
        for memo in (resolver._peers, resolver._fallbacks, resolver._listed, platform._platform_ips):
            assert len(memo) <= PEER_CACHE_SIZE
    assert len(ip_module._canonical) <= 2 * PEER_CACHE_SIZE


def test_long_tokens_are_answered_but_not_remembered() -> None:
    padded = " " * 200 + CLIENT
    before = len(ip_module._canonical)
    assert canonical_ip(padded) == CLIENT and canonical_ip("x" * 10_000) == ""
    assert len(ip_module._canonical) == before
    platform = _resolver(platform="cloudflare")
    assert platform.resolve(LB, Headers([("cf-connecting-ip", CLIENT + "," + "x" * 500)])) == CLIENT
    assert len(platform._platform_ips) == 0


@settings(max_examples=500, deadline=None)
@given(token=st.one_of(_client_text, st.one_of(_v4_any, _v6).map(str), st.one_of(_v4_any, _v6).map(lambda a: a.exploded)))
def test_canonical_ip_is_parse_ip_then_ip_text(token: str) -> None:
    addr = parse_ip(token)
    want = ip_text(addr) if addr is not None else ""
    assert canonical_ip(token) == want
    assert canonical_ip(token) == want  # and the same once remembered


# ----------------------------------------------------------- the warnings

@pytest.fixture
def warnings_reset(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    _reset_warnings()
    caplog.set_level(logging.WARNING, logger="arcjet")
    yield caplog
    _reset_warnings()


def _warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "arcjet" and r.levelno == logging.WARNING]


def test_a_private_peer_warns_once_with_the_proxies_to_set(warnings_reset: pytest.LogCaptureFixture) -> None:
    resolver = _resolver()
    for _ in range(5):
        assert resolver.resolve("172.18.0.1", Headers([("x-forwarded-for", "1.2.3.4")])) == "172.18.0.1"
    assert resolver.resolve("10.1.1.1", Headers([])) == "10.1.1.1"
    assert _resolver(proxies=[LB]).resolve("127.0.0.1", Headers([])) == "127.0.0.1"
    [message] = _warnings(warnings_reset)
    assert "set proxies=['172.18.0.1']" in message


def test_the_warning_keeps_configured_proxies_and_names_unread_headers(warnings_reset: pytest.LogCaptureFixture) -> None:
    assert _resolver(proxies=[LB]).resolve("127.0.0.1", Headers([("x-real-ip", CLIENT)])) == "127.0.0.1"
    [message] = _warnings(warnings_reset)
    assert f"set proxies=['{LB}', '127.0.0.1'] and proxy_headers=['x-forwarded-for', 'x-real-ip']" in message


@pytest.mark.parametrize(("header", "fix"), [
    (("x-real-ip", CLIENT), "set proxy_headers=['x-forwarded-for', 'x-real-ip']"),
    (("forwarded", f"for={CLIENT}"), "set proxy_headers=['x-forwarded-for', 'forwarded']"),
    (("x-nothing", "1"), "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for"),
])
def test_a_proxy_without_a_usable_header_warns_once_with_the_fix(
    warnings_reset: pytest.LogCaptureFixture, header: tuple[str, str], fix: str
) -> None:
    resolver = _resolver()
    for _ in range(5):
        assert resolver.resolve("127.0.0.1", Headers([header])) == "127.0.0.1"
    [message] = _warnings(warnings_reset)
    assert fix in message and "127.0.0.1" in message


def test_a_request_without_a_peer_warns_once_how_to_fix_it(warnings_reset: pytest.LogCaptureFixture) -> None:
    resolver = _resolver()
    for _ in range(3):
        assert resolver.resolve("", Headers([])) == ""
    [message] = _warnings(warnings_reset)
    assert "ip_src=" in message and "ip=" in message


def test_development_and_proper_setups_do_not_warn(warnings_reset: pytest.LogCaptureFixture) -> None:
    _resolver(development=True).resolve("192.168.1.5", Headers([]))
    _resolver(development=True).resolve("127.0.0.1", Headers([("x-real-ip", CLIENT)]))
    _resolver().resolve(CLIENT, Headers([]))
    _resolver().resolve("127.0.0.1", Headers([("x-forwarded-for", CLIENT)]))
    _resolver(proxies=[LB]).resolve(LB, Headers([("x-forwarded-for", CLIENT)]))
    assert _warnings(warnings_reset) == []


def test_a_forked_worker_logs_its_own_warning(warnings_reset: pytest.LogCaptureFixture) -> None:
    _resolver().resolve("10.9.9.9", Headers([]))
    assert len(_warnings(warnings_reset)) == 1
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: a fresh resolver, the parent's warned state
        try:
            records: list[logging.LogRecord] = []
            handler = logging.Handler()
            handler.emit = records.append  # type: ignore[method-assign]
            logging.getLogger("arcjet").addHandler(handler)
            _resolver().resolve("10.9.9.8", Headers([]))
            _resolver().resolve("10.9.9.7", Headers([]))
            os.write(write, str(len(records)).encode())
        finally:
            os._exit(0)
    os.close(write)
    os.waitpid(pid, 0)
    assert os.read(read, 16) == b"1"
    os.close(read)


# ------------------------------------- the attacks, through protect() (cap 3)

def _client(**options: object) -> ArcjetSync:
    return arcjet_sync(key=f"ip-{uuid.uuid4().hex}", rules=[fixed_window(max=3, window=60)], **options)  # type: ignore[arg-type]


def _request(peer: str, headers: dict[str, str]) -> dict[str, object]:
    return {"ip": peer, "method": "GET", "path": "/", "headers": {"user-agent": "curl/8.0", **headers}}


def _conclusions(aj: ArcjetSync, requests: list[dict[str, object]]) -> list[str]:
    return [aj.protect(r).conclusion.value for r in requests]


def test_finding_3_spoofed_xff_from_a_private_non_proxy_peer_is_keyed_by_the_peer() -> None:
    aj = _client(proxies=["10.0.0.1"])
    spoofed = [_request("192.168.1.50", {"x-forwarded-for": str(ipaddress.IPv4Address(0x01020304 + i))}) for i in range(5)]
    decisions = [aj.protect(r) for r in spoofed]
    assert {d.ip_address for d in decisions} == {"192.168.1.50"}
    assert [d.conclusion.value for d in decisions] == ["ALLOW"] * 3 + ["DENY"] * 2


@pytest.mark.parametrize("peer", ["172.18.0.1", "10.0.0.2", "100.64.3.4", "192.168.1.50"])
def test_finding_3_random_xff_behind_an_undeclared_hop_gets_no_fresh_buckets(peer: str) -> None:
    # docker-proxy, k8s SNAT, CGNAT/Tailscale, an L4 balancer: the peer is
    # private and nobody declared it, so it is the key.
    aj = _client()
    requests = [_request(peer, {"x-forwarded-for": f"{uuid.uuid4().int % 223 + 1}.1.2.3"}) for _ in range(5)]
    assert _conclusions(aj, requests) == ["ALLOW"] * 3 + ["DENY"] * 2


def test_finding_3_the_victim_cannot_be_rate_limited_through_a_configured_proxy() -> None:
    victim = "203.0.113.99"
    aj = _client(proxies=[LB])
    # The attacker (9.9.9.9) writes the victim's address; the LB appends the attacker's.
    attack = [_request(LB, {"x-forwarded-for": f"{victim}, 9.9.9.9"}) for _ in range(4)]
    # ...and, from a private peer nobody declared, the victim's address alone.
    attack += [_request("192.168.7.7", {"x-forwarded-for": victim}) for _ in range(4)]
    assert _conclusions(aj, attack) == ["ALLOW"] * 3 + ["DENY"] + ["ALLOW"] * 3 + ["DENY"]
    victim_decision = aj.protect(_request(LB, {"x-forwarded-for": victim}))
    assert (victim_decision.ip_address, victim_decision.conclusion.value) == (victim, "ALLOW")


def test_finding_3_a_local_proxy_appending_a_private_client_keys_by_that_client() -> None:
    # nginx on loopback appends $remote_addr (a LAN client); whatever the
    # client wrote to its left is ignored: one hop, the rightmost entry.
    aj = _client()
    requests = [_request("127.0.0.1", {"x-forwarded-for": f"{i + 1}.9.9.9, 192.168.1.50"}) for i in range(5)]
    assert _conclusions(aj, requests) == ["ALLOW"] * 3 + ["DENY"] * 2


@pytest.mark.parametrize("headers", [{}, {"x-real-ip": "8.8.8.8"}, {"forwarded": "for=8.8.8.8"}],
                         ids=["no header", "x-real-ip only", "forwarded only"])
def test_finding_4_a_local_proxy_without_xff_is_limited_by_its_address(headers: dict[str, str]) -> None:
    aj = _client()
    decisions = [aj.protect(_request("127.0.0.1", headers)) for _ in range(5)]
    assert [d.conclusion.value for d in decisions] == ["ALLOW"] * 3 + ["DENY"] * 2
    assert {d.ip_address for d in decisions} == {"127.0.0.1"}


@pytest.mark.parametrize(("proxy_headers", "name", "value"), [
    (["x-real-ip"], "x-real-ip", "{client}"),
    (["forwarded"], "forwarded", "for={client};proto=https"),
    (["forwarded"], "forwarded", 'for="[2001:db8:{n}::1]:443"'),
])
def test_finding_4_configured_proxy_headers_key_each_client(proxy_headers: list[str], name: str, value: str) -> None:
    aj = _client(proxy_headers=proxy_headers)
    for n in range(1, 4):
        client = f"8.8.8.{n}"
        requests = [_request("127.0.0.1", {name: value.format(client=client, n=n)}) for _ in range(4)]
        assert _conclusions(aj, requests) == ["ALLOW"] * 3 + ["DENY"]


def test_no_peer_keeps_its_error_and_logs_how_to_fix_it_once(warnings_reset: pytest.LogCaptureFixture) -> None:
    aj = _client()
    for _ in range(3):
        # A mapping without "ip": its X-Forwarded-For is not believed either.
        decision = aj.protect({"method": "GET", "path": "/", "headers": {"x-forwarded-for": CLIENT}})
        assert decision.conclusion.value == "ERROR"
        assert not decision.ip_address
    # The resolver warns once; each ERROR result itself names the fix too.
    [hint] = [m for m in _warnings(warnings_reset) if m.startswith("arcjet: rules keyed on ip.src")]
    assert "no peer address" in hint and "ip_src=" in hint and "disable_automatic_ip_detection=True" in hint
    assert "ip_src=" in decision.results[0].reason_v2.message  # type: ignore[union-attr]


def test_a_proxy_on_a_unix_socket_can_be_declared() -> None:
    # nginx -> gunicorn/uvicorn over a unix socket: no peer address, so
    # rules keyed on ip.src were ERROR; proxies=["unix:"] reads the header.
    aj = _client(proxies=["unix:"])
    for client in ("8.8.8.8", "9.9.9.9"):
        requests = [{"method": "GET", "path": "/", "headers": {"x-forwarded-for": f"6.6.6.{i}, {client}"}}
                    for i in range(4)]
        assert _conclusions(aj, requests) == ["ALLOW"] * 3 + ["DENY"]


def test_proxy_headers_misconfiguration_names_the_parameter() -> None:
    with pytest.raises(ArcjetMisconfiguration, match="proxy_headers"):
        _client(proxy_headers=["x-forwarded-host"])
    with pytest.raises(ArcjetMisconfiguration, match="proxy_headers"):
        _client(proxy_headers="x-real-ip")


def test_a_client_without_proxies_says_what_it_trusts_at_start_up(caplog: pytest.LogCaptureFixture) -> None:
    _reset_warnings()
    caplog.set_level(logging.INFO, logger="arcjet")
    aj = _client()
    aj.with_rule(fixed_window(max=1, window=60))  # once per process: a derived client does not repeat it
    _client()
    _client(proxies=[LB])
    _client(environment="development")
    lines = [r.getMessage() for r in caplog.records if "client IP" in r.getMessage()]
    assert len(lines) == 1
    assert "loopback" in lines[0] and "proxies=" in lines[0]
