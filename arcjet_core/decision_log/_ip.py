"""The client IP as the log stores it: full, truncated to its network, or a keyed hash."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import os
import secrets

from arcjet_core.errors import ArcjetMisconfiguration

LOG_IP_MODES = ("full", "truncated", "hashed")
IP_KEY_ENV = "ARCJET_LOG_IP_KEY"
# Networks wide enough to hold many households, narrow enough to name a provider's region.
IPV4_PREFIX = 24
IPV6_PREFIX = 48


def check_mode(mode: object) -> str:
    if mode not in LOG_IP_MODES:
        raise ArcjetMisconfiguration(f"log_ip must be one of {', '.join(LOG_IP_MODES)}, got {mode!r}")
    return str(mode)


def key_bytes(key: str | bytes | None) -> bytes:
    """The hashing key: given, else ARCJET_LOG_IP_KEY, else random for this log's lifetime."""
    if key is None:
        key = os.environ.get(IP_KEY_ENV) or None
    if key is None:
        return secrets.token_bytes(32)
    raw = key.encode() if isinstance(key, str) else key
    if not isinstance(raw, bytes) or len(raw) < 16:
        raise ArcjetMisconfiguration(f"the decision log's IP key ({IP_KEY_ENV}) must be at least 16 bytes")
    return raw


class IpCodec:
    """Turns a canonical client IP into what the record's ``ip`` holds."""

    __slots__ = ("_key", "mode")

    def __init__(self, mode: str, key: bytes) -> None:
        self.mode = check_mode(mode)
        self._key = key

    def encode(self, ip: str) -> str:
        if not ip or self.mode == "full":
            return ip
        if self.mode == "hashed":
            return "h:" + hmac.new(self._key, ip.encode(), hashlib.sha256).hexdigest()[:32]
        try:
            addr = ipaddress.ip_address(ip)
        except ValueError:
            return ""  # not an address: nothing safe to truncate
        prefix = IPV4_PREFIX if addr.version == 4 else IPV6_PREFIX
        return str(ipaddress.ip_network(f"{addr}/{prefix}", strict=False))
