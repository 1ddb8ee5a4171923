"""NO_GRAVATAR: does the address have a Gravatar profile image?

Opt-in only (``validate_email(check_gravatar=True)``): it sends the SHA-256
of the trimmed, lowercased address to Gravatar, a third party, and waits
for its answer. ``GET {url}{hash}?d=404&s=1``: 200 is an image, 404 none;
anything else, a timeout or a connection failure leaves it unknown (the
caller reports an error). Answers are cached in a bounded TTL cache.
"""

from __future__ import annotations

import hashlib
import time
from typing import Any
from urllib.parse import urlsplit

from arcjet_core.cache import TTLCache
from arcjet_core.errors import ArcjetMisconfiguration

GRAVATAR_URL = "https://gravatar.com/avatar/"
DEFAULT_GRAVATAR_TIMEOUT = 1.0
MAX_GRAVATAR_TIMEOUT = 30.0
FOUND_TTL = 3600.0
MISSING_TTL = 600.0
_LOOPBACK = {"localhost", "127.0.0.1", "::1"}

# True when NO_GRAVATAR applies, False when there is an image, or the
# message of the failure that left it unknown.
Finding = bool | str


def check_gravatar_url(url: object) -> str:
    """HTTPS, or plain HTTP to a loopback host (a test server); ends with /."""
    if not isinstance(url, str):
        raise ArcjetMisconfiguration(f"gravatar_url must be a string, got {url!r}")
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if not host or parts.query or parts.fragment or parts.username or parts.password:
        raise ArcjetMisconfiguration(f"gravatar_url must be a plain base URL such as {GRAVATAR_URL!r}, got {url!r}")
    if parts.scheme != "https" and not (parts.scheme == "http" and host in _LOOPBACK):
        raise ArcjetMisconfiguration(f"gravatar_url must use https (http only to a loopback host), got {url!r}")
    return url if url.endswith("/") else url + "/"


def check_gravatar_timeout(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= MAX_GRAVATAR_TIMEOUT:
        raise ArcjetMisconfiguration(
            f"gravatar_timeout must be seconds in (0, {MAX_GRAVATAR_TIMEOUT:g}], got {value!r}")
    return float(value)


def avatar_hash(address: str) -> str:
    return hashlib.sha256(address.strip().lower().encode("utf-8")).hexdigest()


def _finding(status: int) -> Finding:
    if status == 200:
        return False
    if status == 404:
        return True
    return f"Gravatar answered HTTP {status}"


class GravatarChecker:
    """Gravatar look-ups for one client, sync and async, with one cache."""

    def __init__(self, *, cache_size: int = 10_000, clock: Any = time.monotonic) -> None:
        try:
            import httpx  # noqa: F401
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise ArcjetMisconfiguration("validate_email(check_gravatar=True) needs httpx: pip install httpx") from exc
        self._cache: TTLCache[bool] = TTLCache(cache_size, clock=clock)

    def _cached(self, key: str) -> bool | None:
        hit = self._cache.get(key)
        return None if hit is None else hit[0]

    def _store(self, key: str, finding: Finding) -> Finding:
        if isinstance(finding, bool):
            self._cache.set(key, finding, MISSING_TTL if finding else FOUND_TTL)
        return finding

    def check(self, address: str, url: str, timeout: float) -> Finding:
        import httpx

        target = f"{url}{avatar_hash(address)}"
        hit = self._cached(target)
        if hit is not None:
            return hit
        try:
            with httpx.Client(timeout=timeout, follow_redirects=False) as client:
                status = client.get(target, params={"d": "404", "s": "1"}).status_code
        except httpx.TimeoutException:
            return "Gravatar lookup timed out"
        except Exception as exc:  # e.g. a bad proxy setting: an error result, never a raise out of protect()
            return f"Gravatar lookup failed: {type(exc).__name__}: {exc}"
        return self._store(target, _finding(status))

    async def check_async(self, address: str, url: str, timeout: float) -> Finding:
        import httpx

        target = f"{url}{avatar_hash(address)}"
        hit = self._cached(target)
        if hit is not None:
            return hit
        try:
            async with httpx.AsyncClient(timeout=timeout, follow_redirects=False) as client:
                status = (await client.get(target, params={"d": "404", "s": "1"})).status_code
        except httpx.TimeoutException:
            return "Gravatar lookup timed out"
        except Exception as exc:  # e.g. a bad proxy setting: an error result, never a raise out of protect()
            return f"Gravatar lookup failed: {type(exc).__name__}: {exc}"
        return self._store(target, _finding(status))
