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


def storage_from(spec: Storage | str | None) -> Storage:
    """``None`` / ``memory://`` -> MemoryStorage; Redis-family URLs -> RedisStorage."""
    if spec is None:
        return MemoryStorage()
    if isinstance(spec, Storage):
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

        return RedisStorage(spec)
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
