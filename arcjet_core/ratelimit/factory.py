"""``storage=`` resolution: an object, a URL, or nothing (memory)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from ..errors import ArcjetMisconfiguration
from ._types import Storage
from .memory import MemoryStorage

REDIS_SCHEMES = frozenset(
    {
        "redis",
        "rediss",
        "unix",
        "valkey",
        "valkeys",
        "redis+cluster",
        "rediss+cluster",
        "valkey+cluster",
        "valkeys+cluster",
    }
)


def storage_from(spec: Storage | str | None, *, timeout_ms: int | None = None) -> Storage:
    """``None`` / ``memory://`` -> MemoryStorage; Redis-family URLs -> RedisStorage.

    ``timeout_ms`` (the reference's ``arcjet(timeout_ms=...)``, which bounds its
    network call) bounds each Redis command here, the only network call a
    decision makes. In-process storage has nothing to wait for, so it ignores
    it; a Storage object passed in was built with its own timeout, and a second
    one would be ambiguous.
    """
    if timeout_ms is not None and (isinstance(timeout_ms, bool) or not isinstance(timeout_ms, int) or timeout_ms <= 0):
        raise ArcjetMisconfiguration(f"timeout_ms must be a positive int (milliseconds), got {timeout_ms!r}")
    if spec is None:
        return MemoryStorage()
    if isinstance(spec, Storage):
        if timeout_ms is not None and spec.performs_io:
            raise ArcjetMisconfiguration(
                "timeout_ms applies to a storage URL; the Storage object passed as storage= has its own timeout"
            )
        return spec
    if not isinstance(spec, str):
        raise ArcjetMisconfiguration(
            f"storage must be a Storage, a URL string or None, got {type(spec).__name__}"
        )
    scheme = spec.partition("://")[0].lower() if "://" in spec else ""
    if scheme == "memory":
        return _memory_from_url(spec)
    if scheme in REDIS_SCHEMES:
        from ._redis import RedisStorage

        return RedisStorage(spec) if timeout_ms is None else RedisStorage(spec, timeout=timeout_ms / 1000)
    raise ArcjetMisconfiguration(
        f"storage: unsupported URL {spec!r}; use memory://, redis://, rediss://, unix://, "
        "valkey:// or redis+cluster://"
    )


def _memory_from_url(url: str) -> MemoryStorage:
    # memory://?max_keys=50000
    query = parse_qs(urlsplit(url).query)
    raw = query.get("max_keys", [None])[-1]
    if raw is None:
        return MemoryStorage()
    try:
        return MemoryStorage(max_keys=int(raw))
    except ValueError as exc:
        raise ArcjetMisconfiguration(f"storage: bad max_keys in {url!r}") from exc
