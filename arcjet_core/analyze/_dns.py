"""Opt-in reverse-DNS verification of crawlers (`detect_bot(verify_dns=True)`).

A crawler that claims to be, say, Applebot is genuine when the PTR record of
its IP is a host under the operator's domain (`*.applebot.apple.com`) and that
host resolves back to the same IP (forward confirmation; a PTR record alone is
set by whoever owns the IP). Masks come from well-known-bots.json: `*` is one
character of a hostname label (a run of n stars: 1..n characters), `@` any
number of labels.

Verdicts are cached per (IP, masks). A lookup that times out or fails gives
no verdict: the request is neither verified nor called spoofed on a DNS
outage. A missing PTR record (NXDOMAIN) or a mismatch is a spoof.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from dataclasses import replace
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any, Literal

from arcjet_core.errors import ArcjetMisconfiguration

if TYPE_CHECKING:
    from ._ruleset import AnalyzeOutput

Verdict = Literal["verified", "spoofed"] | None


@lru_cache(maxsize=1)
def masks() -> dict[str, tuple[str, ...]]:
    raw = resources.files(__package__).joinpath("data/bot_dns_masks.json").read_text(encoding="utf-8")
    return {k: tuple(v) for k, v in json.loads(raw).items()}


def mask_regex(mask: str) -> str:
    out: list[str] = []
    for m in re.finditer(r"\*+|@|[^*@]+", mask):
        token = m.group(0)
        if token.startswith("*"):
            out.append(f"[0-9a-z]{{1,{len(token)}}}")
        elif token == "@":
            out.append(r"(?:[0-9a-z_-]+\.)*[0-9a-z_-]+")
        else:
            out.append(re.escape(token))
    return "".join(out)


@lru_cache(maxsize=256)
def _compiled(mask_set: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{mask_regex(m)})" for m in mask_set), re.IGNORECASE)


def hostname_matches(host: str, mask_set: tuple[str, ...]) -> bool:
    return _compiled(mask_set).fullmatch(host.rstrip(".")) is not None


class DnsVerifier:
    """Reverse + forward DNS checks with a bounded TTL cache; sync and async."""

    def __init__(self, *, nameservers: Sequence[str] | None = None, port: int = 53, timeout: float = 1.0,
                 cache_size: int = 4096, positive_ttl: float = 3600.0, negative_ttl: float = 300.0) -> None:
        try:
            import dns.asyncresolver
            import dns.resolver
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise ArcjetMisconfiguration(
                "detect_bot(verify_dns=True) needs dnspython: pip install 'arcjet-local[dns]'"
            ) from exc
        self._sync = dns.resolver.Resolver(configure=nameservers is None)
        self._async = dns.asyncresolver.Resolver(configure=nameservers is None)
        for r in (self._sync, self._async):
            if nameservers is not None:
                r.nameservers = list(nameservers)
            r.port = port
            r.lifetime = timeout
            r.timeout = timeout
        self._cache: OrderedDict[tuple[str, tuple[str, ...]], tuple[float, Verdict]] = OrderedDict()
        self._cache_size = cache_size
        self._ttl = {"verified": positive_ttl, "spoofed": negative_ttl}
        self._lock = threading.Lock()

    # -- cache -------------------------------------------------------------------

    def _cached(self, key: tuple[str, tuple[str, ...]]) -> tuple[bool, Verdict]:
        with self._lock:
            hit = self._cache.get(key)
            if hit is None:
                return False, None
            if hit[0] < time.monotonic():
                del self._cache[key]
                return False, None
            self._cache.move_to_end(key)
            return True, hit[1]

    def _store(self, key: tuple[str, tuple[str, ...]], verdict: Verdict) -> Verdict:
        if verdict is None:
            return None  # failures are not cached: the next request tries again
        with self._lock:
            self._cache[key] = (time.monotonic() + self._ttl[verdict], verdict)
            self._cache.move_to_end(key)
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return verdict

    @staticmethod
    def _key(ip: str, ids: Sequence[str]) -> tuple[str, tuple[str, ...]] | None:
        table = masks()
        mask_set = tuple(sorted({m for i in ids for m in table.get(i, ())}))
        if not ip or not mask_set:
            return None
        return ip, mask_set

    # -- lookups -----------------------------------------------------------------

    def verify(self, ip: str, ids: Sequence[str]) -> Verdict:
        key = self._key(ip, ids)
        if key is None:
            return None
        hit, verdict = self._cached(key)
        if hit:
            return verdict
        import dns.exception
        import dns.resolver
        import dns.reversename

        try:
            answer = self._sync.resolve(dns.reversename.from_address(ip), "PTR")
            names = [str(r.target) for r in answer]
            for name in names:
                if hostname_matches(name, key[1]) and ip in self._forward_sync(name):
                    return self._store(key, "verified")
            return self._store(key, "spoofed")
        except (dns.resolver.NXDOMAIN, dns.resolver.NoAnswer):
            return self._store(key, "spoofed")
        except (dns.exception.DNSException, ValueError, OSError):
            return None

    def _forward_sync(self, name: str) -> set[str]:
        import dns.exception

        found: set[str] = set()
        for rdtype in ("A", "AAAA"):
            try:
                found.update(str(r.address) for r in self._sync.resolve(name, rdtype))
            except dns.exception.DNSException:
                continue
        return found

    async def verify_async(self, ip: str, ids: Sequence[str]) -> Verdict:
        key = self._key(ip, ids)
        if key is None:
            return None
        hit, verdict = self._cached(key)
        if hit:
            return verdict
        import dns.exception
        import dns.resolver
        import dns.reversename

        try:
            answer = await self._async.resolve(dns.reversename.from_address(ip), "PTR")
            names = [str(r.target) for r in answer]
            for name in names:
                if hostname_matches(name, key[1]) and ip in await self._forward_async(name):
                    return self._store(key, "verified")
            return self._store(key, "spoofed")
        except (dns.resolver.NXDOMAIN, dns.resolver.NoAnswer):
            return self._store(key, "spoofed")
        except (dns.exception.DNSException, ValueError, OSError):
            return None

    async def _forward_async(self, name: str) -> set[str]:
        import dns.exception

        found: set[str] = set()
        for rdtype in ("A", "AAAA"):
            try:
                found.update(str(r.address) for r in await self._async.resolve(name, rdtype))
            except dns.exception.DNSException:
                continue
        return found


_default: DnsVerifier | None = None
_default_lock = threading.Lock()


def default_verifier() -> DnsVerifier:
    """A verifier on the system's resolver configuration, shared by the process."""
    global _default
    with _default_lock:
        if _default is None:
            _default = DnsVerifier()
        return _default


def dns_candidates(result: AnalyzeOutput, rule_indexes: Sequence[int]) -> Iterator[tuple[int, list[str]]]:
    """(rule index, detected ids with DNS masks) still lacking an IP verdict."""
    table = masks()
    for index in rule_indexes:
        outcome = result.outcomes.get(index)
        if outcome is None or outcome.reason.get("type") != "BOT":
            continue
        reason = outcome.reason
        if reason.get("verified") or reason.get("spoofed"):
            continue
        ids = [i for i in _ids(reason, "allowed") + _ids(reason, "denied") if i in table]
        if ids:
            yield index, ids


def _ids(reason: dict[str, object], key: str) -> list[str]:
    value = reason.get(key)
    return [str(v) for v in value] if isinstance(value, list) else []


def apply_dns(result: AnalyzeOutput, index: int, verdict: Verdict) -> AnalyzeOutput:
    if verdict is None:
        return result
    outcome = result.outcomes[index]
    reason: dict[str, Any] = dict(outcome.reason)
    if verdict == "verified":
        reason["verified"] = True
        new = replace(outcome, reason=reason)
    else:
        # Same rule as for IP ranges: a spoofed crawler is denied whatever the lists say.
        table = masks()
        spoofed = [i for i in _ids(reason, "allowed") if i in table]
        reason["allowed"] = [i for i in _ids(reason, "allowed") if i not in table]
        reason["denied"] = _ids(reason, "denied") + spoofed
        reason["spoofed"] = True
        new = replace(outcome, conclusion="DENY", reason=reason)
    outcomes = dict(result.outcomes)
    outcomes[index] = new
    return result._replace(outcomes=outcomes)
