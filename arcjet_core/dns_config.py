"""Which DNS servers the client's lookups go to.

``dns_servers=[...]`` on the client, else the ``ARCJET_DNS_SERVERS``
environment variable (comma-separated), else the system resolver
(``/etc/resolv.conf`` or the platform's equivalent). Each server is an IP
address with an optional port: ``192.0.2.53``, ``192.0.2.53:5353``,
``2001:db8::53`` or ``[2001:db8::53]:5353``. A bad entry fails when the
client is made, naming where it came from.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Sequence

from arcjet_core.errors import ArcjetMisconfiguration

DNS_SERVERS_ENV = "ARCJET_DNS_SERVERS"
DEFAULT_PORT = 53
# Per lookup; an MX check makes at most three (MX, then A and AAAA) within
# one deadline of this length.
DEFAULT_DNS_TIMEOUT = 0.8
MAX_DNS_TIMEOUT = 30.0

Server = tuple[str, int]


def parse_server(entry: str, source: str) -> Server:
    text = entry.strip()
    host, port = text, DEFAULT_PORT
    if text.startswith("["):
        close = text.find("]")
        rest = text[close + 1:] if close != -1 else ""
        if close == -1 or (rest and not rest.startswith(":")):
            raise ArcjetMisconfiguration(f"{source}: {entry!r} is not host, host:port or [IPv6]:port")
        host = text[1:close]
        if rest:
            port = _port(rest[1:], entry, source)
    elif text.count(":") == 1:  # IPv4:port (a bare IPv6 address has several colons)
        host, port_text = text.split(":")
        port = _port(port_text, entry, source)
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        raise ArcjetMisconfiguration(
            f"{source}: {entry!r} is not an IP address (a DNS server is given by address, not by name)"
        ) from None
    return str(address), port


def _port(text: str, entry: str, source: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise ArcjetMisconfiguration(f"{source}: {entry!r} has no valid port (1-65535)")
    return int(text)


def resolve_dns_servers(dns_servers: Sequence[str] | None) -> tuple[Server, ...] | None:
    """The configured servers, or None for the system resolver."""
    if dns_servers is None:
        env = os.environ.get(DNS_SERVERS_ENV, "").strip()
        if not env:
            return None
        return tuple(parse_server(item, DNS_SERVERS_ENV) for item in env.split(","))
    if isinstance(dns_servers, (str, bytes)):
        raise ArcjetMisconfiguration(f"dns_servers must be a list such as ['192.0.2.53:53'], got {dns_servers!r}")
    servers: list[Server] = []
    for item in dns_servers:
        if not isinstance(item, str):
            raise ArcjetMisconfiguration(f"dns_servers entries must be strings, got {item!r}")
        servers.append(parse_server(item, "dns_servers"))
    if not servers:
        raise ArcjetMisconfiguration("dns_servers is empty; leave it out (None) to use the system resolver")
    return tuple(servers)


def check_dns_timeout(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= MAX_DNS_TIMEOUT:
        raise ArcjetMisconfiguration(f"dns_timeout must be seconds in (0, {MAX_DNS_TIMEOUT:g}], got {value!r}")
    return float(value)
