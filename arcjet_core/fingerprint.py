"""Fingerprints: the stable key of a client for rate limits and shield suspicion.

Computed here, on the host, so no analyzer failure (trap, deadline) can leave a
rate limit without a key. ``fp::3::<hex sha256>`` over the characteristics'
(name, value) pairs, sorted by name, each part length-prefixed (8 bytes, little
endian) so no choice of values can collide with another.

Every step is lossless, so two different values never share a bucket:
- text is encoded with ``surrogatepass``: a lone surrogate (what undecodable
  bytes become) keeps its own encoding instead of turning into "?";
- values are hashed whole, however long;
- query arguments are percent-decoded to bytes and compared as bytes, so
  ``%ff``, ``%fe`` and ``%EF%BF%BD`` are three values.

An IPv6 client is keyed by its network (``/64`` by default): one subscriber
line is usually given a whole /64, so keying per address would hand it 2**64
buckets. IPv4 stays per address. The format is part of the storage layout:
changing it changes every stored key (hence the version in the prefix).
"""

from __future__ import annotations

import hashlib
import ipaddress
import socket
from collections.abc import Mapping, Sequence
from urllib.parse import unquote_to_bytes

from arcjet_core.cache import BoundedMemo
from arcjet_core.context import RequestContext
from arcjet_core.errors import ArcjetMisconfiguration
from arcjet_core.ip import NO_CLIENT_IP_HINT, IPAddress, ip_text, parse_ip

__all__ = ["PREFIX", "FingerprintPlan", "check_ipv6_prefix", "fingerprint_of_pairs", "ip_key", "query_arg"]

PREFIX = "fp::3::"
DEFAULT_IPV6_PREFIX = 64
# Entries of an IP-only plan's memo (ip -> fingerprint).
IP_MEMO_SIZE = 4096
_MAPPED_V4 = bytes(10) + b"\xff\xff"  # ::ffff:0:0/96, read as the IPv4 address

_HOST = "http.host"
_METHODS = frozenset({"http.method", "http.request.method"})
_PATH = "http.request.uri.path"
_HEADER = 'http.request.headers["'
_COOKIE = 'http.request.cookie["'
_ARG = 'http.request.uri.args["'


def _utf8(text: str) -> bytes:
    # surrogatepass is injective over every str: "\ud800", "\udfff" and "?"
    # stay three different byte strings ("replace" made all three "?").
    return text.encode("utf-8", "surrogatepass")


def _part(data: bytes) -> bytes:
    return len(data).to_bytes(8, "little") + data


def fingerprint_of_pairs(pairs: Sequence[tuple[str, bytes]]) -> str:
    """The fingerprint of (name, value) pairs; the caller sorts and de-duplicates."""
    key = b"".join(_part(_utf8(name)) + _part(value) for name, value in pairs)
    return PREFIX + hashlib.sha256(key).hexdigest()


def check_ipv6_prefix(value: object, param: str = "ipv6_prefix") -> int:
    """``value`` as a prefix length for IPv6 keys (1..128), or ArcjetMisconfiguration naming ``param``."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 128:
        raise ArcjetMisconfiguration(f"{param} must be an int from 1 to 128, got {value!r}")
    return value


def ip_key(ip: str, ipv6_prefix: int) -> bytes | None:
    """The ip.src value: an IPv4 address, or the IPv6 network of ``ipv6_prefix`` bits."""
    if not ip:
        return None
    # The usual ip is an address as the resolver writes it: read it with the
    # C parser alone, without building parse_ip's address object for every
    # new client. Anything else takes parse_ip's way.
    try:
        if ":" not in ip:
            return socket.inet_ntop(socket.AF_INET, socket.inet_pton(socket.AF_INET, ip)).encode("ascii")
        packed = socket.inet_pton(socket.AF_INET6, ip)
    except (OSError, ValueError):  # not an address, or a NUL or lone surrogate in the text
        packed = _MAPPED_V4
    if not packed.startswith(_MAPPED_V4) and ipv6_prefix < 128:
        drop = 128 - ipv6_prefix
        network = (int.from_bytes(packed, "big") >> drop << drop).to_bytes(16, "big")
        return f"{socket.inet_ntop(socket.AF_INET6, network)}/{ipv6_prefix}".encode("ascii")
    addr: IPAddress | None = parse_ip(ip)
    if addr is None:
        return _utf8(ip)  # not an address (a host-supplied value): keyed as sent
    if isinstance(addr, ipaddress.IPv4Address) or ipv6_prefix >= 128:
        return ip_text(addr).encode("ascii")
    drop = 128 - ipv6_prefix
    network = (int(addr) >> drop << drop).to_bytes(16, "big")
    return f"{socket.inet_ntop(socket.AF_INET6, network)}/{ipv6_prefix}".encode("ascii")


def _percent_decode(raw: bytes) -> bytes:
    """application/x-www-form-urlencoded decoding to bytes ('+' is a space);
    a malformed escape stays as written."""
    if b"%" not in raw and b"+" not in raw:
        return raw
    return unquote_to_bytes(raw.replace(b"+", b" "))


def query_arg(query: str, wanted: str) -> bytes | None:
    """The first value of argument ``wanted`` in ``query``, percent-decoded to bytes."""
    name = _utf8(wanted)
    for pair in _utf8(query).split(b"&"):
        k, _, v = pair.partition(b"=")
        if _percent_decode(k) == name:
            return _percent_decode(v)
    return None


def _cookie(cookies: str, wanted: str) -> str | None:
    for pair in cookies.split(";"):
        k, sep, v = pair.partition("=")
        if sep and k.strip() == wanted:
            return v.strip().strip('"')
    return None


def _bracketed(name: str, prefix: str) -> str:
    return name[len(prefix):-2]


class FingerprintPlan:
    """One characteristic set, worked out once per client: computes its
    fingerprint for a request, or says which characteristic is missing."""

    __slots__ = ("_ip_memo", "ip_only", "ipv6_prefix", "names")

    def __init__(self, names: Sequence[str], ipv6_prefix: int = DEFAULT_IPV6_PREFIX) -> None:
        self.names = tuple(sorted(set(names)))
        self.ipv6_prefix = ipv6_prefix
        self.ip_only = self.names == ("ip.src",)
        # The default set keys on the client IP alone: its fingerprint is a
        # function of ctx.ip, remembered (bounded) so a returning client costs
        # one dict look-up instead of parsing and hashing.
        self._ip_memo: BoundedMemo[str, str] = BoundedMemo(IP_MEMO_SIZE if self.ip_only else 0)

    def value(self, name: str, ctx: RequestContext, custom: Mapping[str, str]) -> bytes | None:
        """The value of one characteristic in this request, or None when it has none."""
        if name == "ip.src":
            return ip_key(ctx.ip, self.ipv6_prefix)
        if name == _HOST:
            return _utf8(ctx.host.lower()) if ctx.host else None
        if name in _METHODS:
            return _utf8(ctx.method.upper()) if ctx.method else None
        if name == _PATH:
            return _utf8(ctx.path) if ctx.path else None
        if name.startswith(_HEADER):
            header = ctx.headers.first(_bracketed(name, _HEADER).lower())
            return None if header is None else _utf8(header)
        if name.startswith(_COOKIE):
            cookie = _cookie(ctx.cookies, _bracketed(name, _COOKIE))
            return None if cookie is None else _utf8(cookie)
        if name.startswith(_ARG):
            return query_arg(ctx.query, _bracketed(name, _ARG))
        supplied = custom.get(name)
        return None if supplied is None else _utf8(supplied)

    def compute(self, ctx: RequestContext, custom: Mapping[str, str]) -> str | None:
        """The fingerprint, or None when a characteristic is missing (see missing())."""
        if self.ip_only:
            ip = ctx.ip
            hit = self._ip_memo.get(ip)
            if hit is not None:
                return hit
            value = ip_key(ip, self.ipv6_prefix)
            if value is None:
                return None
            return self._ip_memo.put(ip, fingerprint_of_pairs((("ip.src", value),)))
        pairs: list[tuple[str, bytes]] = []
        for name in self.names:
            value = self.value(name, ctx, custom)
            if value is None:
                return None
            pairs.append((name, value))
        return fingerprint_of_pairs(pairs)

    def missing(self, ctx: RequestContext, custom: Mapping[str, str]) -> str:
        """Why compute() gave None for this request."""
        for name in self.names:
            if self.value(name, ctx, custom) is None:
                if name == "ip.src":
                    return f"missing characteristic 'ip.src': {NO_CLIENT_IP_HINT}"
                return f"missing characteristic {name!r}: the request has no value for it"
        return "fingerprint unavailable"
