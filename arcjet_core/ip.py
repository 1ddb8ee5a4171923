"""Client IP resolution.

The rule: the transport peer is the client, unless the deployment says the
peer is a proxy. A peer is a proxy when it is listed in ``proxies=`` (where
``"unix:"`` stands for a proxy on a unix socket, whose requests have no peer
address), or, with no proxies configured, when it is loopback (one local
reverse proxy).
Only then are forwarding headers read, and only the ones named in
``proxy_headers=`` (``X-Forwarded-For`` by default; ``Forwarded`` and
``X-Real-IP`` on request). They are read right to left over the configured
proxies only: the rightmost entries were written by our own proxies, the
leftmost by whoever sent the request, so the first entry that is not a
configured proxy is the client, private or not. With no proxies configured a
loopback peer is one hop, so its rightmost entry is the client.

When nothing better is known the request is keyed by its peer, never by
nothing: an unkeyed request would pass every rate limit. The first such
request in a process logs one WARNING naming the setting that fixes it.
docs/client-ip.md has the rules, recipes and the migration note.
"""

from __future__ import annotations

import bisect
import ipaddress
import logging
import os
import socket
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from arcjet_core.cache import BoundedMemo
from arcjet_core.client_ip import ClientIpDetails, ClientIpProvenance
from arcjet_core.errors import ArcjetMisconfiguration
from arcjet_core.headers_map import Headers

logger = logging.getLogger("arcjet")

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
# comparisons instead of an `in` on an ip_network.
_NON_GLOBAL_RANGES: tuple[tuple[int, int, int], ...] = tuple(
    (net.version, int(net.network_address), int(net.broadcast_address)) for net in _NON_GLOBAL_NETWORKS
)


def parse_ip(token: str) -> IPAddress | None:
    """Parse one address as proxies write them: brackets, ports and zones stripped.

    Not memoised (an address object is one more object per client for the
    cyclic GC to walk): per-request callers go through canonical_ip() or the
    resolver's memos, which hold text.
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
    keys are built from), through inet_ntop, which is faster for IPv6."""
    if isinstance(addr, ipaddress.IPv4Address):
        return socket.inet_ntop(socket.AF_INET, addr.packed)
    if int(addr) >> 32 not in _V4_IN_V6:
        return socket.inet_ntop(socket.AF_INET6, addr.packed)
    return str(addr)


# 2000::/3, IPv6 global unicast: everything outside it is reserved, private,
# link- or site-local, multicast, loopback or unspecified for ipaddress
# (tests check that against ipaddress), so it is never global; inside it,
# no reserved range applies (ipaddress's is_reserved walks networks in Python).
_V6_GLOBAL_UNICAST = 0b001
# Inside 2000::/3, ipaddress's private networks (and our own non-global
# ranges) all lie under 2001::/16 and 2002::/16, on every Python we support
# (a test reads ipaddress's lists): any other address there is global, with
# no call to is_private, which walks ten networks in Python.
_V6_PRIVATE_PREFIXES = frozenset({0x2001, 0x2002})


# Every IPv4 range that any special-purpose property of ipaddress (private,
# loopback, link-local, multicast, reserved, unspecified), on any Python we
# support, or our own list may call non-global: addresses outside them all
# are global without asking ipaddress, whose properties walk networks in
# Python, for every new client. Inside, ipaddress decides as before. A
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


def is_global_ip(addr: IPAddress) -> bool:
    # Not memoised: hashing an address object (ipaddress's __hash__ is Python)
    # costs about what the check does.
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


# The `proxies` entry for a reverse proxy that reaches the app over a unix
# socket: such a request has no peer address, and its headers are then read.
UNIX_PROXY = "unix:"


@dataclass(frozen=True, slots=True)
class TrustedProxies:
    addresses: frozenset[IPAddress]
    networks: tuple[IPNetwork, ...]
    unix: bool = False  # a request with no peer address came from our proxy on a unix socket

    @classmethod
    def parse(cls, proxies: Iterable[str] | None, param: str = "proxies") -> TrustedProxies:
        if proxies is None:
            return cls(frozenset(), ())
        if isinstance(proxies, (str, bytes)):
            raise ArcjetMisconfiguration(f"{param} must be a list of IPs or CIDRs, not a single string")
        addresses: set[IPAddress] = set()
        networks: list[IPNetwork] = []
        unix = False
        for entry in proxies:
            if not isinstance(entry, str):
                raise ArcjetMisconfiguration(f"{param} entries must be strings, got {entry!r}")
            text = entry.strip()
            if text.lower() == UNIX_PROXY:
                unix = True
                continue
            try:
                if "/" in text:
                    networks.append(ipaddress.ip_network(text, strict=False))
                else:
                    addresses.add(ipaddress.ip_address(text))
            except ValueError:
                raise ArcjetMisconfiguration(
                    f"{param}: {entry!r} is not an IP address, a CIDR range or {UNIX_PROXY!r}") from None
        return cls(frozenset(addresses), tuple(networks), unix)

    def __contains__(self, addr: object) -> bool:
        if not self.addresses and not self.networks:
            return False  # no proxies configured (the common case): not even a hash of addr
        if not isinstance(addr, (ipaddress.IPv4Address, ipaddress.IPv6Address)):
            return False
        if addr in self.addresses:
            return True
        return any(addr.version == net.version and addr in net for net in self.networks)

    def __bool__(self) -> bool:
        return bool(self.addresses or self.networks or self.unix)

    def texts(self) -> list[str]:
        """The configured entries as text, for messages that suggest a ``proxies`` value."""
        return sorted(map(str, self.addresses)) + [str(net) for net in self.networks] + [UNIX_PROXY] * self.unix


def parse_platform(platform: str | None) -> str | None:
    if platform is None:
        return None
    key = platform.strip().lower()
    if key not in PLATFORM_HEADERS:
        raise ArcjetMisconfiguration(f"platform must be one of {sorted(PLATFORM_HEADERS)}, got {platform!r}")
    return key



# The forwarding headers `proxy_headers=` may name. Each is read only from a
# peer that is a proxy (see IpResolver), and only when configured: a header
# the proxy passes through untouched is whatever the client wrote.
PROXY_HEADERS: tuple[str, ...] = ("x-forwarded-for", "forwarded", "x-real-ip")
DEFAULT_PROXY_HEADERS: tuple[str, ...] = ("x-forwarded-for",)


def parse_proxy_headers(value: Iterable[str] | None, param: str = "proxy_headers") -> tuple[str, ...]:
    """Validate ``proxy_headers``: a list of PROXY_HEADERS names, lower-cased, in priority order."""
    if value is None:
        return DEFAULT_PROXY_HEADERS
    if isinstance(value, (str, bytes)):
        raise ArcjetMisconfiguration(f"{param} must be a list such as ['x-forwarded-for'], not a single string")
    try:
        entries = list(value)
    except TypeError:
        raise ArcjetMisconfiguration(f"{param} must be a list such as ['x-forwarded-for'], got {value!r}") from None
    names: list[str] = []
    for entry in entries:
        name = entry.strip().lower() if isinstance(entry, str) else None
        if name not in PROXY_HEADERS:
            raise ArcjetMisconfiguration(f"{param}: {entry!r} is not one of {list(PROXY_HEADERS)}")
        if name not in names:
            names.append(name)
    return tuple(names)


# Stands for "no address": ends a right-to-left walk (see _walk).
_UNKNOWN = "unknown"


def _list_entries(headers: Headers, name: str) -> list[str]:
    """X-Forwarded-For and X-Real-IP: every instance's comma-separated entries, in arrival order."""
    entries: list[str] = []
    for value in headers.get_all(name):
        entries.extend(value.split(","))
    return entries


def _forwarded_entries(headers: Headers) -> list[str]:
    """RFC 7239 ``Forwarded``: the ``for=`` value of each element, in arrival order.

    Split on "," and ";" without honouring quotes, on purpose: a quote-aware
    parser lets an unclosed quote in the client's part swallow the element
    our proxy appended after it. A quoted value holds no comma (addresses,
    ``[v6]:port``, ``unknown``, ``_obfuscated``), so nothing valid is lost.
    An element without exactly one ``for=`` says nothing usable about its
    hop: it reads as unknown, and so does an obfuscated identifier.
    """
    entries: list[str] = []
    for value in headers.get_all("forwarded"):
        for element in value.split(","):
            if not element.strip():
                continue
            found = [v for k, sep, v in (pair.partition("=") for pair in element.split(";"))
                     if sep and k.strip().lower() == "for"]
            entries.append(found[0].strip() if len(found) == 1 else _UNKNOWN)
    return entries


_ENTRIES: dict[str, Callable[[Headers], list[str]]] = {
    "x-forwarded-for": lambda headers: _list_entries(headers, "x-forwarded-for"),
    "forwarded": _forwarded_entries,
    "x-real-ip": lambda headers: _list_entries(headers, "x-real-ip"),
}

# The answer cached for a peer whose forwarding headers are read per request.
_READ_HEADERS = "<read headers>"

NO_CLIENT_IP_HINT = (
    "the request has no peer address (a mapping without 'ip', or a server on a unix socket): "
    "pass the client address as ip=..., or create the client with disable_automatic_ip_detection=True "
    f"and call protect(request, ip_src=...); behind a reverse proxy on a unix socket, add {UNIX_PROXY!r} "
    "to proxies so its X-Forwarded-For is read"
)

_warned_lock = threading.Lock()
# Warning kind -> the pid of the process that logged it: once per process,
# and a forked worker logs its own.
_warned_in: dict[str, int] = {}


def _log_once(kind: str, level: int, message: str) -> None:
    pid = os.getpid()
    with _warned_lock:
        if _warned_in.get(kind) == pid:
            return
        _warned_in[kind] = pid
    logger.log(level, "%s", message)


def _warn_once(kind: str, message: str) -> None:
    _log_once(kind, logging.WARNING, message)


def _reset_warnings() -> None:
    """Forget which warnings were logged (tests)."""
    with _warned_lock:
        _warned_in.clear()


# Entries of every memo of client addresses here: bounded, so a flood of new
# addresses costs a recomputation each, never memory (see BoundedMemo).
PEER_CACHE_SIZE = 4096
# The longest token canonical_ip memoises: anything longer is no address
# once stripped, and a memo keyed by it would hold what the client sent.
_MEMO_TOKEN_MAX = 128

_canonical: BoundedMemo[str, str] = BoundedMemo(2 * PEER_CACHE_SIZE)


def canonical_ip(token: str) -> str:
    """The address in ``token`` (parse_ip's rules) as ip_text writes it, or "" when there is none.

    Memoised by the token's text: parsing and writing an address is the
    costliest step of reading a forwarding header, and the same clients'
    entries recur. The memo holds text only.
    """
    hit = _canonical.get(token)
    if hit is not None:
        return hit
    addr = parse_ip(token)
    text = ip_text(addr) if addr is not None else ""
    return _canonical.put(token, text) if len(token) <= _MEMO_TOKEN_MAX else text


def _unread_headers(headers: Headers, configured: tuple[str, ...]) -> list[str]:
    """Forwarding headers this request carries that proxy_headers does not name."""
    return [name for name in PROXY_HEADERS if name not in configured and headers.first(name) is not None]


@dataclass(frozen=True, slots=True)
class IpResolver:
    proxies: TrustedProxies
    platform: str | None = None
    development: bool = False
    proxy_headers: tuple[str, ...] = DEFAULT_PROXY_HEADERS
    # peer string -> the client IP when the peer itself is the client (its
    # headers are never read), or _READ_HEADERS for a proxy. Depends on the
    # peer alone, so most requests are answered from here.
    _peers: BoundedMemo[str, str] = field(default_factory=lambda: BoundedMemo(PEER_CACHE_SIZE),
                                          compare=False, repr=False)
    # proxy peer string -> its own address, the key when its headers give no
    # usable client (a local proxy sending none, waitress stripping them).
    _fallbacks: BoundedMemo[str, str] = field(default_factory=lambda: BoundedMemo(PEER_CACHE_SIZE),
                                              compare=False, repr=False)
    # A forwarded entry's canonical address -> whether it is a configured proxy.
    _listed: BoundedMemo[str, bool] = field(default_factory=lambda: BoundedMemo(PEER_CACHE_SIZE),
                                            compare=False, repr=False)
    # A platform header's value -> the client IP it names, or "" when it names none we accept.
    _platform_ips: BoundedMemo[str, str] = field(default_factory=lambda: BoundedMemo(PEER_CACHE_SIZE),
                                                 compare=False, repr=False)

    def describe(self) -> str:
        """One line saying what this resolver trusts (the client's start-up log)."""
        headers = ", ".join(self.proxy_headers) or "no forwarding header"
        if self.proxies:
            return f"client IP: {headers} is read from the proxies {self.proxies.texts()} only"
        return (f"client IP: no proxies configured, so the client is the connecting peer; {headers} is read "
                "only from a loopback peer (a local reverse proxy, one hop: its rightmost entry). Behind a load "
                "balancer, docker or a proxy on another host, set proxies=[...] (docs/client-ip.md)")

    def announce(self) -> None:
        """Log describe() at INFO, once per process, when no proxies are configured in production.

        Behind a proxy nobody declared, every client would share one limit;
        this line, and the first request's WARNING, say so before it matters.
        """
        if self.proxies or self.development:
            return
        _log_once(f"trust:{self.proxy_headers}", logging.INFO, f"arcjet: {self.describe()}")

    def resolve(self, peer: str, headers: Headers) -> str:
        """The client IP as a string, or "" when the request has no peer address."""
        if self.platform is not None:
            for name in PLATFORM_HEADERS[self.platform]:
                for value in headers.get_all(name):
                    client = self._platform_ips.get(value)
                    if client is None:
                        client = self._platform_ip(value)
                        if len(value) <= _MEMO_TOKEN_MAX:
                            self._platform_ips.put(value, client)
                    if client:
                        return client
        hit = self._peers.get(peer)
        if hit is None:
            hit = self._peers.put(peer, self._classify(peer, headers))
        if hit is not _READ_HEADERS:
            return hit
        one_hop = not self.proxies
        for name in self.proxy_headers:
            entries = _ENTRIES[name](headers)
            if entries:
                client = self._walk(entries, one_hop)
                if client is not None:
                    return client
        return self._fallback(peer, headers)

    def explain(self, peer: str, headers: Headers) -> ClientIpDetails:
        """``resolve()``'s answer with where it came from (aj.client_ip_details).

        Walks the same steps as resolve() without its memos, so it costs more
        and is meant for debugging a deployment, not for every request.
        """
        if self.platform is not None:
            for name in PLATFORM_HEADERS[self.platform]:
                for value in headers.get_all(name):
                    client = self._platform_ip(value)
                    if client:
                        return ClientIpDetails(client, ClientIpProvenance.TRUSTED_PROXY, True, name)
        kind = self._classify(peer, headers)
        if kind is not _READ_HEADERS:
            if not kind:
                return ClientIpDetails(None, ClientIpProvenance.NONE, False)
            if parse_ip(peer) is None:  # no peer: the development stand-in
                return ClientIpDetails(kind, ClientIpProvenance.DEVELOPMENT, False)
            return ClientIpDetails(kind, ClientIpProvenance.DIRECT, True)
        one_hop = not self.proxies
        for name in self.proxy_headers:
            entries = _ENTRIES[name](headers)
            if entries:
                walked = self._walk(entries, one_hop)
                if walked is not None:
                    if one_hop:
                        return ClientIpDetails(walked, ClientIpProvenance.UNVERIFIED_HEADER, False, name)
                    return ClientIpDetails(walked, ClientIpProvenance.TRUSTED_PROXY, True, name)
        fallback = self._fallback(peer, headers)
        if not fallback:
            return ClientIpDetails(None, ClientIpProvenance.NONE, False)
        if parse_ip(peer) is None:
            return ClientIpDetails(fallback, ClientIpProvenance.DEVELOPMENT, False)
        return ClientIpDetails(fallback, ClientIpProvenance.DIRECT, True)

    def _platform_ip(self, value: str) -> str:
        """The client IP in a platform header's value, or "" when it names none we accept."""
        # Vercel's header may itself be a list; its first entry is the client.
        addr = parse_ip(value.split(",")[0])
        if addr is not None and (self.development or is_global_ip(addr)):
            return ip_text(addr)
        return ""

    def _is_proxy(self, addr: IPAddress) -> bool:
        if self.proxies:
            return addr in self.proxies
        # No proxies configured: a loopback peer can only be a local process,
        # most likely the reverse proxy in front of this app.
        return addr.is_loopback

    def _classify(self, peer: str, headers: Headers) -> str:
        """The answer for every request from ``peer``: its client IP, or _READ_HEADERS."""
        addr = parse_ip(peer)
        if addr is None:
            if self.proxies.unix and self.proxy_headers and not peer.strip():
                return _READ_HEADERS
            if self.development:
                return "127.0.0.1"
            _warn_once("no-peer", f"arcjet: rules keyed on ip.src return ERROR and do not limit: {NO_CLIENT_IP_HINT}")
            return ""
        if self.proxy_headers and self._is_proxy(addr):
            return _READ_HEADERS
        text = ip_text(addr)
        if not self.development and self.proxy_headers and not is_global_ip(addr):
            # Private and loopback peers are clients too (an unkeyed request
            # would pass every limit), but most often they are a proxy nobody
            # declared, and then every client behind it shares one limit.
            # (proxy_headers=[] says no proxy is in front: nothing to warn.)
            unread = _unread_headers(headers, self.proxy_headers)
            fix = f"set proxies={[*self.proxies.texts(), text]!r}"
            if unread:
                fix += f" and proxy_headers={[*self.proxy_headers, *unread]!r}"
            _warn_once("fallback", (
                f"arcjet: requests from {text} are rate limited by that address: it is private or loopback and "
                "not a configured proxy, so its forwarding headers are not read. If it is your reverse proxy or "
                f"load balancer, {fix} (Django ARCJET['PROXIES'], Flask ARCJET_PROXIES); otherwise every client "
                "behind it shares one limit. Logged once per process; see docs/client-ip.md"))
        return text

    def _walk(self, entries: list[str], one_hop: bool) -> str | None:
        """The client's address in a forwarding list (as ip_text writes it):
        right to left over configured proxies only.

        The first entry that is not a configured proxy is the client, private
        or not: a hop we were not told about is not ours to skip. An entry that
        is not an address (garbage, "unknown", an obfuscated identifier) ends
        the walk with no answer: what lies left of it came from beyond it.
        When every entry is a configured proxy, the leftmost is the client.
        """
        last: str | None = None
        for entry in reversed(entries):
            if not entry.strip():
                continue  # "a, , b": an empty slot carries nothing
            text = canonical_ip(entry)
            if not text:
                return None
            if one_hop:
                return text
            listed = self._listed.get(text)
            if listed is None:
                listed = self._listed.put(text, parse_ip(text) in self.proxies)
            if not listed:
                return text
            last = text
        return last

    def _fallback(self, peer: str, headers: Headers) -> str:
        """The key of a proxy peer whose configured headers name no client: the peer.

        A proxy on a unix socket has no address: then there is no key, and
        rules keyed on ip.src return ERROR (the "no peer" case).
        """
        hit = self._fallbacks.get(peer)
        if hit is None:
            addr = parse_ip(peer)
            hit = ip_text(addr) if addr is not None else ("127.0.0.1" if self.development else "")
            if not self.development:
                unread = _unread_headers(headers, self.proxy_headers)
                if unread:
                    fix = f"it sent {', '.join(unread)}: to read it, set proxy_headers={[*self.proxy_headers, *unread]!r}"
                else:
                    fix = (f"configure it to send {self.proxy_headers[0]} (nginx: proxy_set_header X-Forwarded-For "
                           "$proxy_add_x_forwarded_for; waitress drops X-Forwarded-For unless given --trusted-proxy)")
                if hit:
                    _warn_once("fallback", (
                        f"arcjet: requests from the proxy {hit} carry no usable {'/'.join(self.proxy_headers)}, so "
                        f"they are rate limited by {hit} itself and every client behind it shares one limit; {fix}. "
                        "Logged once per process; see docs/client-ip.md"))
                else:
                    _warn_once("no-peer", (
                        f"arcjet: requests from the proxy on a unix socket carry no usable "
                        f"{'/'.join(self.proxy_headers)}, so rules keyed on ip.src return ERROR and do not limit "
                        f"them; {fix}. Logged once per process; see docs/client-ip.md"))
            self._fallbacks.put(peer, hit)
        return hit


def resolve_client_ip(
    peer: str,
    headers: Headers,
    *,
    proxies: Sequence[str] | TrustedProxies = (),
    platform: str | None = None,
    development: bool = False,
    proxy_headers: Sequence[str] | None = None,
) -> str:
    """Convenience wrapper; clients build one IpResolver at start-up instead."""
    trusted = proxies if isinstance(proxies, TrustedProxies) else TrustedProxies.parse(proxies)
    return IpResolver(trusted, parse_platform(platform), development,
                      parse_proxy_headers(proxy_headers)).resolve(peer, headers)
