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
from collections.abc import Generator, Sequence
from dataclasses import replace
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any, Literal

from arcjet_core.cache import TTLCache
from arcjet_core.dns_config import Server
from arcjet_core.errors import ArcjetMisconfiguration

if TYPE_CHECKING:
    import dns.name

    from ._ruleset import AnalyzeOutput

Verdict = Literal["verified", "spoofed"] | None
_Known = Literal["verified", "spoofed"]
# One DNS question, (name, record type), and its answer: the records as text,
# or the exception the resolver raised.
Lookup = tuple["dns.name.Name | str", str]
Answer = list[str] | Exception


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


def _verification(ip: str, mask_set: tuple[str, ...]) -> Generator[Lookup, Answer, Verdict]:
    """The verification as a sequence of lookups, shared by the sync and the
    async verifier, which only put the questions to their resolver.

    Genuine: a PTR name matching the masks that resolves back to `ip`.
    Spoofed: no PTR record (NXDOMAIN or no answer), or no such name. No
    verdict: the PTR lookup failed otherwise (timeout, server failure)."""
    import dns.exception
    import dns.resolver
    import dns.reversename

    try:
        reverse = dns.reversename.from_address(ip)
    except (dns.exception.DNSException, ValueError):
        return None
    names = yield reverse, "PTR"
    if isinstance(names, (dns.resolver.NXDOMAIN, dns.resolver.NoAnswer)):
        return "spoofed"
    if isinstance(names, Exception):
        return None
    for name in names:
        if not hostname_matches(name, mask_set):
            continue
        for rdtype in ("A", "AAAA"):
            addresses = yield name, rdtype
            # A failed forward lookup only means this family gives no match.
            if not isinstance(addresses, Exception) and ip in addresses:
                return "verified"
    return "spoofed"


class DnsVerifier:
    """Reverse + forward DNS checks with a bounded TTL cache; sync and async."""

    def __init__(self, *, nameservers: Sequence[str] | None = None, port: int = 53, timeout: float = 1.0,
                 cache_size: int = 4096, positive_ttl: float = 3600.0, negative_ttl: float = 300.0,
                 servers: Sequence[Server] | None = None) -> None:
        """``servers``: (host, port) pairs, each with its own port (the client's
        ``dns_servers``); else ``nameservers`` on ``port``; else the system's."""
        try:
            import dns.asyncresolver
            import dns.nameserver
            import dns.resolver
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise ArcjetMisconfiguration(
                "detect_bot(verify_dns=True) needs dnspython: pip install 'arcjet-local[dns]'"
            ) from exc
        if isinstance(cache_size, bool) or not isinstance(cache_size, int) or cache_size < 1:
            raise ArcjetMisconfiguration(f"DnsVerifier: cache_size must be an int >= 1, got {cache_size!r}")
        configure = nameservers is None and servers is None
        self._sync = dns.resolver.Resolver(configure=configure)
        self._async = dns.asyncresolver.Resolver(configure=configure)
        for r in (self._sync, self._async):
            if servers is not None:
                r.nameservers = [dns.nameserver.Do53Nameserver(host, p) for host, p in servers]
            elif nameservers is not None:
                r.nameservers = list(nameservers)
            r.port = port
            r.lifetime = timeout
            r.timeout = timeout
        # Verdicts by IP and mask set; failures are not cached (the next
        # request tries again).
        self._cache: TTLCache[_Known] = TTLCache(cache_size)
        self._ttl = {"verified": positive_ttl, "spoofed": negative_ttl}

    @staticmethod
    def _key(ip: str, ids: Sequence[str]) -> tuple[str, tuple[str, ...]] | None:
        table = masks()
        mask_set = tuple(sorted({m for i in ids for m in table.get(i, ())}))
        if not ip or not mask_set:
            return None
        return "\x1f".join((ip, *mask_set)), mask_set

    def _cached(self, key: str) -> tuple[bool, Verdict]:
        hit = self._cache.get(key)
        return (False, None) if hit is None else (True, hit[0])

    def _store(self, key: str, verdict: Verdict) -> Verdict:
        if verdict is not None:
            self._cache.set(key, verdict, self._ttl[verdict])
        return verdict

    def verify(self, ip: str, ids: Sequence[str]) -> Verdict:
        found = self._key(ip, ids)
        if found is None:
            return None
        key, mask_set = found
        hit, verdict = self._cached(key)
        if hit:
            return verdict
        steps = _verification(ip, mask_set)
        try:
            lookup = next(steps)
            while True:
                lookup = steps.send(self._resolve(lookup))
        except StopIteration as stop:
            return self._store(key, stop.value)

    async def verify_async(self, ip: str, ids: Sequence[str]) -> Verdict:
        found = self._key(ip, ids)
        if found is None:
            return None
        key, mask_set = found
        hit, verdict = self._cached(key)
        if hit:
            return verdict
        steps = _verification(ip, mask_set)
        try:
            lookup = next(steps)
            while True:
                lookup = steps.send(await self._resolve_async(lookup))
        except StopIteration as stop:
            return self._store(key, stop.value)

    def _resolve(self, lookup: Lookup) -> Answer:
        try:
            return [r.to_text() for r in self._sync.resolve(*lookup)]
        except Exception as exc:  # handed to the verification, which judges it
            return exc

    async def _resolve_async(self, lookup: Lookup) -> Answer:
        try:
            return [r.to_text() for r in await self._async.resolve(*lookup)]
        except Exception as exc:  # handed to the verification, which judges it
            return exc


_defaults: dict[float, DnsVerifier] = {}
_default_lock = threading.Lock()


def default_verifier(timeout: float = 1.0) -> DnsVerifier:
    """A verifier on the system's resolver configuration, shared by the
    process's clients with the same timeout (and so their cache)."""
    with _default_lock:
        verifier = _defaults.get(timeout)
        if verifier is None:
            verifier = _defaults[timeout] = DnsVerifier(timeout=timeout)
        return verifier


def client_verifier(servers: Sequence[Server] | None, timeout: float) -> DnsVerifier:
    """A client's verifier: its own on its ``dns_servers`` (or
    ``ARCJET_DNS_SERVERS``), else the shared one on the system's resolver."""
    return default_verifier(timeout) if servers is None else DnsVerifier(servers=servers, timeout=timeout)


def dns_candidates(result: AnalyzeOutput, rule_indexes: Sequence[int]) -> tuple[tuple[int, tuple[str, ...]], ...]:
    """What the DNS step has to verify: (rule index, detected ids with DNS
    masks) for each of `rule_indexes` (the rules with verify_dns) whose
    outcome still lacks an IP verdict. Empty: no DNS step."""
    table = masks()
    found: list[tuple[int, tuple[str, ...]]] = []
    for index in rule_indexes:
        outcome = result.outcomes.get(index)
        if outcome is None or outcome.reason.get("type") != "BOT":
            continue
        reason = outcome.reason
        if reason.get("verified") or reason.get("spoofed"):
            continue
        ids = tuple(i for i in _ids(reason, "allowed") + _ids(reason, "denied") if i in table)
        if ids:
            found.append((index, ids))
    return tuple(found)


def _ids(reason: dict[str, object], key: str) -> list[str]:
    value = reason.get(key)
    return [str(v) for v in value] if isinstance(value, list) else []


def apply_dns(result: AnalyzeOutput, index: int, verdict: Verdict) -> AnalyzeOutput:
    """`result` with rule `index`'s outcome updated by the DNS verdict (no
    verdict: unchanged)."""
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
