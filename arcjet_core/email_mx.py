"""NO_MX_RECORDS: can the domain receive mail? One MX lookup, and the A and
AAAA fallback of RFC 5321 §5.1, through dnspython's sync or asyncio resolver.

- MX records naming a host: deliverable.
- A null MX (RFC 7505: the single record ``0 .``): NO_MX_RECORDS.
- NXDOMAIN: NO_MX_RECORDS.
- No MX records at all: the domain itself is the mail host if it has an A or
  AAAA record (deliverable), else NO_MX_RECORDS.
- A timeout or a server failure (SERVFAIL, REFUSED, no server reachable) is
  no verdict: the caller reports an error, never a false NO_MX_RECORDS.

Verdicts are cached for the answer's TTL (negative answers: the SOA's
negative-caching TTL, RFC 2308), capped, in a bounded cache; failures are
not cached. The whole check, up to three lookups, shares one deadline.
"""

from __future__ import annotations

import time
from collections.abc import Generator
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from arcjet_core.cache import TTLCache
from arcjet_core.dns_config import DEFAULT_DNS_TIMEOUT, Server
from arcjet_core.errors import ArcjetMisconfiguration

if TYPE_CHECKING:
    import dns.message

# A check's finding: True when NO_MX_RECORDS applies, False when the domain
# can receive mail, or the message of the failure that left it unknown.
Finding = bool | str
MAX_TTL = 3600.0
# Negative answers without an SOA to say how long they hold.
DEFAULT_NEGATIVE_TTL = 300.0


class Reply(NamedTuple):
    """One lookup's answer: records (MX exchanges or addresses) with their
    TTL, or none ("nodata"/"nxdomain") with the negative TTL."""

    kind: Literal["records", "nodata", "nxdomain"]
    records: tuple[str, ...]
    ttl: float


Question = Literal["MX", "A", "AAAA"]
Verdict = tuple[Finding, float]  # the finding and how long it may be cached


def _deliverability() -> Generator[Question, Reply | Exception, Verdict]:
    """The check as a sequence of questions, shared by the sync and async
    drivers, which only put them to their resolver."""
    mx = yield "MX"
    if isinstance(mx, Exception):
        return _failure("MX", mx), 0.0
    if mx.kind == "nxdomain":
        return True, mx.ttl
    if mx.kind == "records":
        # RFC 7505: "." as the exchange says the domain accepts no mail.
        return all(host == "." for host in mx.records), mx.ttl
    # No MX: RFC 5321 §5.1's implicit MX, the domain's own address records.
    failures: list[str] = []
    negative_ttl = mx.ttl
    for rdtype in ("A", "AAAA"):
        reply = yield rdtype
        if isinstance(reply, Exception):
            failures.append(_failure(rdtype, reply))
            continue
        if reply.kind == "records":
            return False, reply.ttl
        negative_ttl = min(negative_ttl, reply.ttl)
    if failures:
        return "; ".join(failures), 0.0
    return True, negative_ttl


def _failure(rdtype: str, exc: Exception) -> str:
    import dns.exception
    import dns.resolver

    if isinstance(exc, (dns.exception.Timeout, TimeoutError)):
        return f"{rdtype} lookup timed out"
    if isinstance(exc, dns.resolver.NoNameservers):
        return f"{rdtype} lookup failed: no server answered (SERVFAIL, REFUSED or unreachable)"
    return f"{rdtype} lookup failed: {type(exc).__name__}: {exc}"


def _negative_ttl(response: dns.message.Message | None) -> float:
    """RFC 2308: the SOA record's TTL, capped by its MINIMUM field."""
    import dns.rdatatype

    if response is not None:
        for rrset in response.authority:
            if rrset.rdtype == dns.rdatatype.SOA and len(rrset):
                return float(min(rrset.ttl, rrset[0].minimum))
    return DEFAULT_NEGATIVE_TTL


def _reply(answer: Any) -> Reply:
    import dns.rdatatype

    rrset = answer.rrset
    if rrset is None:
        return Reply("nodata", (), _negative_ttl(answer.response))
    if rrset.rdtype == dns.rdatatype.MX:
        return Reply("records", tuple(r.exchange.to_text() for r in rrset), float(rrset.ttl))
    return Reply("records", tuple(r.to_text() for r in rrset), float(rrset.ttl))


def _nxdomain(exc: Any) -> Reply:
    """NXDOMAIN's negative TTL, from the last response in a CNAME chain."""
    responses = list(exc.responses().values())
    return Reply("nxdomain", (), _negative_ttl(responses[-1] if responses else None))


class MxChecker:
    """NO_MX_RECORDS lookups for one client: sync and async resolvers on the
    same servers, one bounded TTL cache."""

    def __init__(self, servers: tuple[Server, ...] | None = None, *, timeout: float = DEFAULT_DNS_TIMEOUT,
                 cache_size: int = 10_000, max_ttl: float = MAX_TTL,
                 clock: Any = time.monotonic) -> None:
        try:
            import dns.asyncresolver
            import dns.nameserver
            import dns.resolver
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise ArcjetMisconfiguration(
                "validate_email with NO_MX_RECORDS needs dnspython: pip install 'arcjet-local[dns]'"
            ) from exc
        try:
            self._sync = dns.resolver.Resolver(configure=servers is None)
            self._async = dns.asyncresolver.Resolver(configure=servers is None)
        except dns.resolver.NoResolverConfiguration as exc:
            raise ArcjetMisconfiguration(
                "validate_email with NO_MX_RECORDS: the system has no DNS resolver configured; "
                "pass dns_servers=[...] to the client or set ARCJET_DNS_SERVERS"
            ) from exc
        for resolver in (self._sync, self._async):
            if servers is not None:
                resolver.nameservers = [dns.nameserver.Do53Nameserver(host, port) for host, port in servers]
            resolver.timeout = timeout
            resolver.lifetime = timeout
            resolver.cache = None  # ours below: bounded, and it caches negative answers too
        self.timeout = timeout
        self._max_ttl = max_ttl
        self._clock = clock
        self._cache: TTLCache[bool] = TTLCache(cache_size, clock=clock)

    def _cached(self, domain: str) -> bool | None:
        hit = self._cache.get(domain)
        return None if hit is None else hit[0]

    def _store(self, domain: str, verdict: Verdict) -> Finding:
        finding, ttl = verdict
        if isinstance(finding, bool):
            self._cache.set(domain, finding, min(ttl, self._max_ttl))
        return finding

    def check(self, domain: str) -> Finding:
        """``domain`` in A-label form."""
        hit = self._cached(domain)
        if hit is not None:
            return hit
        deadline = self._clock() + self.timeout
        steps = _deliverability()
        try:
            question = next(steps)
            while True:
                question = steps.send(self._resolve(domain, question, deadline))
        except StopIteration as stop:
            return self._store(domain, stop.value)

    async def check_async(self, domain: str) -> Finding:
        hit = self._cached(domain)
        if hit is not None:
            return hit
        deadline = self._clock() + self.timeout
        steps = _deliverability()
        try:
            question = next(steps)
            while True:
                question = steps.send(await self._resolve_async(domain, question, deadline))
        except StopIteration as stop:
            return self._store(domain, stop.value)

    def _resolve(self, domain: str, rdtype: str, deadline: float) -> Reply | Exception:
        import dns.resolver

        qname = domain + "."  # absolute: no search domains appended
        remaining = deadline - self._clock()
        if remaining <= 0:
            return TimeoutError()  # the check's deadline passed
        try:
            return _reply(self._sync.resolve(qname, rdtype, raise_on_no_answer=False, lifetime=remaining,
                                             search=False))
        except dns.resolver.NXDOMAIN as exc:
            return _nxdomain(exc)
        except Exception as exc:  # judged by the check: no verdict
            return exc

    async def _resolve_async(self, domain: str, rdtype: str, deadline: float) -> Reply | Exception:
        import dns.resolver

        qname = domain + "."
        remaining = deadline - self._clock()
        if remaining <= 0:
            return TimeoutError()  # the check's deadline passed
        try:
            return _reply(await self._async.resolve(qname, rdtype, raise_on_no_answer=False, lifetime=remaining,
                                                    search=False))
        except dns.resolver.NXDOMAIN as exc:
            return _nxdomain(exc)
        except Exception as exc:  # judged by the check: no verdict
            return exc
