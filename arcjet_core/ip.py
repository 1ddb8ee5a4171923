"""Client IP resolution.

The rule: the transport peer is the client, unless the deployment says the
peer is a proxy. Only then do we read forwarding headers, and we read
``X-Forwarded-For`` right to left (every header instance), skipping trusted
proxies and non-global addresses: the rightmost entries were written by our
own proxies, the leftmost by whoever sent the request, so a client can never
choose its own IP by sending a header the deployment does not trust.
"""

from __future__ import annotations

import bisect
import functools
import ipaddress
import socket
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from arcjet_core.errors import ArcjetMisconfiguration
from arcjet_core.headers_map import Headers

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

# Each platform's own client-IP header, read only when that platform is configured.
PLATFORM_HEADERS: dict[str, tuple[str, ...]] = {
    "cloudflare": ("cf-connecting-ipv6", "cf-connecting-ip"),
    "fly": ("fly-client-ip",),
    "fly-io": ("fly-client-ip",),
    "vercel": ("x-real-ip", "x-vercel-forwarded-for"),
    "render": ("true-client-ip",),
    "firebase": ("x-fah-client-ip",),
}

# Ranges `ipaddress.is_global` does not exclude on every Python we support.
_NON_GLOBAL_NETWORKS: tuple[IPNetwork, ...] = tuple(
    ipaddress.ip_network(n)
    for n in (
        "0.0.0.0/8",
        "100.64.0.0/10",  # CGNAT (RFC 6598)
        "192.0.0.0/24",
        "192.0.2.0/24",  # documentation
        "198.18.0.0/15",  # benchmarking (RFC 2544)
        "198.51.100.0/24",
        "203.0.113.0/24",
        "240.0.0.0/4",
        "255.255.255.255/32",
        "2001:db8::/32",  # documentation
        "2001:2::/48",  # benchmarking
        "fc00::/7",
        "fe80::/10",
        "fec0::/10",
        "100::/64",  # discard-only
    )
)
# The same as (version, first, last) integers: a membership test is two
# comparisons instead of an `in` on an ip_network (~0.3 µs each).
_NON_GLOBAL_RANGES: tuple[tuple[int, int, int], ...] = tuple(
    (net.version, int(net.network_address), int(net.broadcast_address)) for net in _NON_GLOBAL_NETWORKS
)


@functools.lru_cache(maxsize=8192)
def parse_ip(token: str) -> IPAddress | None:
    """Parse one address as proxies write them: brackets, ports and zones stripped.

    Cached: the same few addresses (proxies, busy clients) recur constantly and
    ipaddress parsing is the costliest step of a protect() call.
    """
    value = token.strip().strip('"')
    if not value or len(value) > 64:
        return None
    if value.startswith("["):  # [v6]:port or [v6]
        end = value.find("]")
        if end < 0:
            return None
        value = value[1:end]
    elif value.count(":") == 1:  # v4:port
        value = value.split(":", 1)[0]
    value = value.split("%", 1)[0]  # IPv6 zone id means link-local anyway
    addr: IPAddress
    try:
        # The C parser accepts exactly what ipaddress does for IPv6 (zone ids
        # aside, cut above; tests hold the two equal) at an eighth of the
        # cost, which every new client pays. ipaddress stays the judge of
        # everything else.
        if ":" in value:
            addr = ipaddress.IPv6Address(socket.inet_pton(socket.AF_INET6, value))
        else:
            # Likewise for IPv4: four decimal octets, no leading zeros (a
            # test holds the two equal), at a quarter of the cost.
            addr = ipaddress.IPv4Address(socket.inet_pton(socket.AF_INET, value))
    except (OSError, ValueError):
        return None
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
        return addr.ipv4_mapped
    return addr


# IPv6 addresses whose first 96 bits are 0 or ::ffff: ipaddress writes their
# last 32 bits in hex, inet_ntop as dotted IPv4; everything else they write alike.
_V4_IN_V6 = (0, 0xFFFF)


def ip_text(addr: IPAddress) -> str:
    """The address as ipaddress writes it (the form fingerprints and storage
    keys are built from), through inet_ntop (~3 µs less for IPv6)."""
    if isinstance(addr, ipaddress.IPv4Address):
        return socket.inet_ntop(socket.AF_INET, addr.packed)
    if int(addr) >> 32 not in _V4_IN_V6:
        return socket.inet_ntop(socket.AF_INET6, addr.packed)
    return str(addr)


# 2000::/3, IPv6 global unicast: everything outside it is reserved, private,
# link- or site-local, multicast, loopback or unspecified for ipaddress
# (tests check that against ipaddress), so it is never global; inside it,
# no reserved range applies (ipaddress's is_reserved costs ~2.6 µs).
_V6_GLOBAL_UNICAST = 0b001
# Inside 2000::/3, ipaddress's private networks (and our own non-global
# ranges) all lie under 2001::/16 and 2002::/16, on every Python we support
# (a test reads ipaddress's lists): any other address there is global, with
# no call to is_private, which walks ten networks in Python (~2 µs).
_V6_PRIVATE_PREFIXES = frozenset({0x2001, 0x2002})


# Every IPv4 range that any special-purpose property of ipaddress (private,
# loopback, link-local, multicast, reserved, unspecified), on any Python we
# support, or our own list may call non-global: addresses outside them all
# are global without asking ipaddress, whose properties walk networks in
# Python (~4 µs for a new client). Inside, ipaddress decides as before. A
# test reads ipaddress's own lists and holds them inside these.
_V4_SPECIAL: tuple[tuple[int, int], ...] = tuple(
    (int(net.network_address), int(net.broadcast_address))
    for net in map(ipaddress.IPv4Network, (
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
        "192.0.0.0/24", "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24",
        "224.0.0.0/3",  # multicast 224.0.0.0/4 and reserved 240.0.0.0/4, 255.255.255.255 included
    ))
)
_V4_SPECIAL_STARTS = tuple(lo for lo, _ in _V4_SPECIAL)


def _v4_maybe_special(n: int) -> bool:
    i = bisect.bisect_right(_V4_SPECIAL_STARTS, n) - 1
    return i >= 0 and n <= _V4_SPECIAL[i][1]


@functools.lru_cache(maxsize=8192)
def is_global_ip(addr: IPAddress) -> bool:
    n = int(addr)
    if isinstance(addr, ipaddress.IPv4Address) and not _v4_maybe_special(n):
        return True
    if isinstance(addr, ipaddress.IPv6Address):
        # Site-local, ULA, link-local, multicast, loopback, unspecified and
        # every reserved range lie outside 2000::/3.
        if n >> 125 != _V6_GLOBAL_UNICAST:
            return False
        if n >> 112 not in _V6_PRIVATE_PREFIXES:
            return True
        if addr.is_private:
            return False
    elif (
        addr.is_private
        or addr.is_loopback
        or addr.is_link_local
        or addr.is_multicast
        or addr.is_reserved
        or addr.is_unspecified
    ):
        return False
    version = addr.version
    return not any(version == v and lo <= n <= hi for v, lo, hi in _NON_GLOBAL_RANGES)


@dataclass(frozen=True, slots=True)
class TrustedProxies:
    addresses: frozenset[IPAddress]
    networks: tuple[IPNetwork, ...]

    @classmethod
    def parse(cls, proxies: Iterable[str] | None, param: str = "proxies") -> TrustedProxies:
        if proxies is None:
            return cls(frozenset(), ())
        if isinstance(proxies, (str, bytes)):
            raise ArcjetMisconfiguration(f"{param} must be a list of IPs or CIDRs, not a single string")
        addresses: set[IPAddress] = set()
        networks: list[IPNetwork] = []
        for entry in proxies:
            if not isinstance(entry, str):
                raise ArcjetMisconfiguration(f"{param} entries must be strings, got {entry!r}")
            text = entry.strip()
            try:
                if "/" in text:
                    networks.append(ipaddress.ip_network(text, strict=False))
                else:
                    addresses.add(ipaddress.ip_address(text))
            except ValueError:
                raise ArcjetMisconfiguration(f"{param}: {entry!r} is not an IP address or CIDR range") from None
        return cls(frozenset(addresses), tuple(networks))

    def __contains__(self, addr: object) -> bool:
        if not self.addresses and not self.networks:
            return False  # no proxies configured (the common case): not even a hash of addr
        if not isinstance(addr, (ipaddress.IPv4Address, ipaddress.IPv6Address)):
            return False
        if addr in self.addresses:
            return True
        return any(addr.version == net.version and addr in net for net in self.networks)

    def __bool__(self) -> bool:
        return bool(self.addresses or self.networks)


def parse_platform(platform: str | None) -> str | None:
    if platform is None:
        return None
    key = platform.strip().lower()
    if key not in PLATFORM_HEADERS:
        raise ArcjetMisconfiguration(f"platform must be one of {sorted(PLATFORM_HEADERS)}, got {platform!r}")
    return key


def _forwarded_for(headers: Headers) -> list[str]:
    entries: list[str] = []
    for value in headers.get_all("x-forwarded-for"):
        entries.extend(value.split(","))
    return entries


@dataclass(frozen=True, slots=True)
class IpResolver:
    proxies: TrustedProxies
    platform: str | None = None
    development: bool = False
    # peer string -> the client IP when the peer itself is the client, else "".
    # Most requests come straight from a global peer: answer those from here.
    _direct: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    # peer string -> the answer for a request from that peer that carries no
    # X-Forwarded-For (a proxy or private hop sending none, development).
    _unforwarded: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def _direct_client(self, peer: str) -> str:
        hit = self._direct.get(peer)
        if hit is None:
            addr = parse_ip(peer)
            hit = ip_text(addr) if addr is not None and addr not in self.proxies and is_global_ip(addr) else ""
            if len(self._direct) >= 4096:
                self._direct.clear()  # bounded; refills with the current peers
            self._direct[peer] = hit
        return hit

    def _acceptable(self, addr: IPAddress | None) -> bool:
        if addr is None:
            return False
        return self.development or is_global_ip(addr)

    def resolve(self, peer: str, headers: Headers) -> str:
        """The client IP as a string, or "" when no acceptable address is known."""
        if self.platform is not None:
            for name in PLATFORM_HEADERS[self.platform]:
                for value in headers.get_all(name):
                    # Vercel's header may itself be a list; its first entry is the client.
                    addr = parse_ip(value.split(",")[0])
                    if addr is not None and self._acceptable(addr):
                        return ip_text(addr)
        direct = self._direct_client(peer)
        if direct:
            return direct
        forwarded = _forwarded_for(headers)
        if not forwarded:
            hit = self._unforwarded.get(peer)
            if hit is None:
                hit = self._from_hops(peer, forwarded)
                if len(self._unforwarded) >= 4096:
                    self._unforwarded.clear()  # bounded; refills with the current peers
                self._unforwarded[peer] = hit
            return hit
        return self._from_hops(peer, forwarded)

    def _from_hops(self, peer: str, forwarded: list[str]) -> str:
        """The client behind a peer that is a trusted proxy or a private hop."""
        peer_addr = parse_ip(peer)
        # The peer is a trusted proxy or a private/loopback hop: forwarding headers
        # are the only place the client can be. Walk right to left.
        for token in reversed(forwarded):
            addr = parse_ip(token)
            if addr is None or addr in self.proxies:
                continue
            if is_global_ip(addr):
                return ip_text(addr)
            if self.development:
                return ip_text(addr)
        if peer_addr is not None and self._acceptable(peer_addr) and peer_addr not in self.proxies:
            return ip_text(peer_addr)
        if self.development:
            return ip_text(peer_addr) if peer_addr is not None else "127.0.0.1"
        return ""


def resolve_client_ip(
    peer: str,
    headers: Headers,
    *,
    proxies: Sequence[str] | TrustedProxies = (),
    platform: str | None = None,
    development: bool = False,
) -> str:
    """Convenience wrapper; clients build one IpResolver at start-up instead."""
    trusted = proxies if isinstance(proxies, TrustedProxies) else TrustedProxies.parse(proxies)
    return IpResolver(trusted, parse_platform(platform), development).resolve(peer, headers)
