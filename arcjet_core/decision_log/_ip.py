"""The client IP as the log stores it: full, truncated to its network, or a keyed hash."""

from __future__ import annotations

import contextlib
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


def key_bytes(key: str | bytes | None, key_file: str | None = None) -> bytes:
    """The hashing key: given, else ARCJET_LOG_IP_KEY, else the one in
    ``key_file`` (made on first use: a file log's ``<path>.key``), else random
    for this log's lifetime."""
    if key is None:
        key = os.environ.get(IP_KEY_ENV) or None
    if key is None:
        if key_file is None:
            return secrets.token_bytes(32)
        try:
            return shared_key(key_file)
        except OSError as exc:
            raise ArcjetMisconfiguration(
                f"decision_log: cannot read or make the IP key file {key_file!r} ({exc.strerror or exc}); "
                f"set ip_key= or {IP_KEY_ENV}") from None
    raw = key.encode() if isinstance(key, str) else key
    if not isinstance(raw, bytes) or len(raw) < 16:
        raise ArcjetMisconfiguration(f"the decision log's IP key ({IP_KEY_ENV}) must be at least 16 bytes")
    return raw


def shared_key(path: str) -> bytes:
    """The key every process logging to one file shares, and keeps across
    restarts and rotations: read from ``path``, or made there once.

    Without it each worker of a multi-process server hashed with its own
    random key, so one client showed up as one address per worker (and per
    restart) in the report. The file is created 0600, like the log, and
    published whole (written under a temporary name, then hard-linked into
    place, which fails if another process got there first), so a reader never
    sees a half-written key.
    """
    try:
        return _read_key(path)
    except FileNotFoundError:
        pass
    tmp = f"{path}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o600)
    try:
        with os.fdopen(fd, "w", encoding="ascii") as f:
            f.write(secrets.token_hex(32) + "\n")
        with contextlib.suppress(FileExistsError):  # another process made it first: use theirs
            os.link(tmp, path)
    finally:
        os.unlink(tmp)
    return _read_key(path)


def _read_key(path: str) -> bytes:
    with open(path, encoding="ascii") as f:
        text = f.read().strip()
    try:
        raw = bytes.fromhex(text)
    except ValueError:
        raw = b""
    if len(raw) < 16:
        raise ArcjetMisconfiguration(
            f"the decision log's IP key file {path!r} does not hold a key (at least 32 hex digits): "
            f"remove it to have a new one made, or set {IP_KEY_ENV}")
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
