"""Decisions: what protect() returns, per-rule results and their typed reasons.

``reason_v2`` is a union discriminated by ``.type``, with the fields the
reference lists for each variant. Everything here is immutable, so a decision
served from the DENY cache can be shared without copying state by accident.
"""

from __future__ import annotations

import itertools
import json
import os
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, is_dataclass
from datetime import datetime, timedelta
from typing import Any, Literal, Protocol, overload

from arcjet_core._frozen import fast_init
from arcjet_core.enums import CONCLUSION_SEVERITY, Conclusion, RuleState
from arcjet_core.errors import ArcjetMisconfiguration
from arcjet_core.metadata import encode_metadata


@fast_init
@dataclass(frozen=True)
class BotReason:
    allowed: Sequence[str]
    denied: Sequence[str]
    spoofed: bool = False
    verified: bool = False
    type: Literal["BOT"] = "BOT"


@fast_init
@dataclass(frozen=True)
class RateLimitReason:
    max: int
    remaining: int
    reset_time: datetime | None
    reset: timedelta
    window: timedelta
    type: Literal["RATE_LIMIT"] = "RATE_LIMIT"


@fast_init
@dataclass(frozen=True)
class ShieldReason:
    shield_triggered: bool
    # Attack classes seen in this request (e.g. "SQL_INJECTION"); empty when the
    # client was blocked for accumulated suspicion rather than this request.
    categories: Sequence[str] = ()
    suspicious: bool = False
    # The OWASP CRS rule ids that matched this request (every logged match,
    # whether or not it reached the threshold; our own engines' matches are
    # not CRS rules and appear only in `categories`), and the CRS inbound
    # anomaly score they add up to.
    rule_ids: Sequence[int] = ()
    anomaly_score: int = 0
    type: Literal["SHIELD"] = "SHIELD"


@fast_init
@dataclass(frozen=True)
class EmailReason:
    email_types: Sequence[str]
    type: Literal["EMAIL"] = "EMAIL"


@fast_init
@dataclass(frozen=True)
class IdentifiedEntity:
    identified_type: str
    start: int
    end: int


@fast_init
@dataclass(frozen=True)
class SensitiveInfoReason:
    allowed: Sequence[IdentifiedEntity]
    denied: Sequence[IdentifiedEntity]
    type: Literal["SENSITIVE_INFO"] = "SENSITIVE_INFO"


@fast_init
@dataclass(frozen=True)
class PromptInjectionReason:
    injection_detected: bool
    type: Literal["PROMPT_INJECTION"] = "PROMPT_INJECTION"
    # The classifier's score in [0, 1] (arcjet-local adds it; the reference
    # returns the verdict alone).
    score: float | None = None


@fast_init
@dataclass(frozen=True)
class FilterReason:
    matched_expressions: Sequence[str]
    undetermined_expressions: Sequence[str]
    type: Literal["FILTER"] = "FILTER"


@fast_init
@dataclass(frozen=True)
class ErrorReason:
    message: str
    type: Literal["ERROR"] = "ERROR"


@fast_init
@dataclass(frozen=True)
class NotRunReason:
    """Reason of a rule that was skipped (an earlier LIVE rule already denied)."""

    message: str
    type: Literal["NOT_RUN"] = "NOT_RUN"


Reason = (
    BotReason
    | EmailReason
    | ErrorReason
    | FilterReason
    | PromptInjectionReason
    | RateLimitReason
    | SensitiveInfoReason
    | ShieldReason
    | NotRunReason
)


def reason_from_dict(data: Mapping[str, Any]) -> Reason:
    """Build a typed reason from the analyzer's JSON-shaped dict (unknown keys ignored)."""
    kind = data.get("type")
    if kind == "BOT":
        return BotReason(
            allowed=tuple(data.get("allowed", ())),
            denied=tuple(data.get("denied", ())),
            spoofed=bool(data.get("spoofed", False)),
            verified=bool(data.get("verified", False)),
        )
    if kind == "EMAIL":
        return EmailReason(email_types=tuple(data.get("email_types", ())))
    if kind == "SHIELD":
        return ShieldReason(
            shield_triggered=bool(data.get("shield_triggered", False)),
            categories=tuple(data.get("categories", ())),
            suspicious=bool(data.get("suspicious", False)),
            rule_ids=tuple(data.get("rule_ids", ())),
            anomaly_score=int(data.get("anomaly_score", 0)),
        )
    if kind == "PROMPT_INJECTION":
        score = data.get("score")
        return PromptInjectionReason(injection_detected=bool(data.get("injection_detected", False)),
                                     score=float(score) if isinstance(score, (int, float)) else None)
    if kind == "FILTER":
        return FilterReason(
            matched_expressions=tuple(data.get("matched_expressions", ())),
            undetermined_expressions=tuple(data.get("undetermined_expressions", ())),
        )
    if kind == "SENSITIVE_INFO":
        def entities(key: str) -> tuple[IdentifiedEntity, ...]:
            return tuple(
                IdentifiedEntity(str(e["identified_type"]), int(e["start"]), int(e["end"]))
                for e in data.get(key, ())
            )
        return SensitiveInfoReason(allowed=entities("allowed"), denied=entities("denied"))
    if kind == "ERROR":
        return ErrorReason(message=str(data.get("message", "")))
    return ErrorReason(message=f"analyzer returned an unknown reason type {kind!r}")


@dataclass(frozen=True, slots=True)
class ThreatIntelligence:
    """Threat data about an IP address (``decision.ip_details.threat``).

    There is no Arcjet threat feed here: this is filled only from an
    ``ip_database=`` MMDB whose records carry a ``threat`` map with these keys
    (a user's own feed, written with e.g. mmdb-writer), and is None otherwise.
    """

    risk_level: str
    confidence: str
    reputation: str
    is_safe: bool
    network_types: tuple[str, ...]
    activities: tuple[str, ...]
    entities: tuple[str, ...]
    entity_name: str | None
    service: str | None


@fast_init
@dataclass(frozen=True)
class IpDetails:
    latitude: float | None = None
    longitude: float | None = None
    accuracy_radius: int | None = None
    timezone: str | None = None
    postal_code: str | None = None
    city: str | None = None
    region: str | None = None
    country: str | None = None
    country_name: str | None = None
    continent: str | None = None
    continent_name: str | None = None
    asn: str | None = None
    asn_name: str | None = None
    asn_domain: str | None = None
    asn_type: str | None = None
    asn_country: str | None = None
    service: str | None = None
    is_hosting: bool | None = None
    is_vpn: bool | None = None
    is_proxy: bool | None = None
    is_tor: bool | None = None
    is_relay: bool | None = None
    is_abuser: bool | None = None
    threat: ThreatIntelligence | None = None


@fast_init
@dataclass(frozen=True)
class IpInfo:
    """Boolean helpers over ``IpDetails``; every helper is False when nothing is known."""

    details: IpDetails | None = None

    def is_hosting(self) -> bool:
        return bool(self.details and self.details.is_hosting)

    def is_vpn(self) -> bool:
        return bool(self.details and self.details.is_vpn)

    def is_proxy(self) -> bool:
        return bool(self.details and self.details.is_proxy)

    def is_tor(self) -> bool:
        return bool(self.details and self.details.is_tor)

    def is_relay(self) -> bool:
        return bool(self.details and self.details.is_relay)

    def is_abuser(self) -> bool:
        return bool(self.details and self.details.is_abuser)


class PendingIpDetails(Protocol):
    """IP details not looked up yet (arcjet_core.ip_intel.PendingIpDetails)."""

    def resolve(self) -> IpDetails | None: ...


class _LazyIpDetails:
    """``Decision.ip_details``: IpDetails, or a pending lookup done on first read.

    A data descriptor, so it sees the field's stored value first; the answer
    replaces the pending lookup in the instance, so it is looked up at most
    once. ``==``, ``hash``, ``asdict``, ``replace`` and ``repr`` read the
    field through here, so they see the answer; pickling a pending lookup
    resolves it (its ``__reduce__``).
    """

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> None: ...
    @overload
    def __get__(self, obj: object, owner: type | None = None) -> IpDetails | None: ...
    def __get__(self, obj: object | None, owner: type | None = None) -> IpDetails | None:
        if obj is None:
            return None  # the dataclass reads this as the field's default
        value = obj.__dict__.get("ip_details")
        if value is None or isinstance(value, IpDetails):
            return value
        resolved: IpDetails | None = value.resolve()
        obj.__dict__["ip_details"] = resolved
        return resolved

    def __set__(self, obj: object, value: IpDetails | PendingIpDetails | None) -> None:
        # Reached only from object.__setattr__ (a frozen dataclass's own
        # __setattr__ refuses assignment before this).
        obj.__dict__["ip_details"] = value


@fast_init
@dataclass(frozen=True)
class RuleResult:
    rule_id: str
    state: RuleState
    conclusion: Conclusion
    reason_v2: Reason
    fingerprint: str | None = None
    ttl: int = 0
    # Which rule kind produced this ("BOT", "RATE_LIMIT", ...) and whether the rule
    # is in DRY_RUN mode; not in the reference's field list, but needed to read
    # results without keeping the rule list around.
    kind: str = ""
    dry_run: bool = False

    def is_denied(self) -> bool:
        return self.conclusion is Conclusion.DENY

    def is_allowed(self) -> bool:
        return self.conclusion is Conclusion.ALLOW

    def is_error(self) -> bool:
        return self.conclusion is Conclusion.ERROR

    def is_challenged(self) -> bool:
        return self.conclusion is Conclusion.CHALLENGE

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = _jsonable(self)
        return data


@fast_init
@dataclass(frozen=True)
class Decision:
    id: str
    conclusion: Conclusion
    reason_v2: Reason
    results: tuple[RuleResult, ...]
    # Looked up on first read when protect() passes a pending lookup.
    ip_details: _LazyIpDetails = _LazyIpDetails()
    ttl: int = 0
    ip_address: str = ""
    # The caller's own request id and context (protect(correlation_id=...,
    # metadata=...)): carried to the decision log, never used to decide.
    # Metadata values are kept JSON-encoded, one string per top-level key.
    correlation_id: str | None = None
    metadata: Mapping[str, str] | None = None

    @property
    def ip(self) -> IpInfo:
        """Boolean helpers over ``ip_details`` (is_hosting(), is_vpn(), ...)."""
        return IpInfo(self.ip_details)

    def is_allowed(self) -> bool:
        # ERROR fails open: the request should go ahead.
        return self.conclusion in (Conclusion.ALLOW, Conclusion.ERROR)

    def is_denied(self) -> bool:
        return self.conclusion is Conclusion.DENY

    def is_error(self) -> bool:
        return self.conclusion is Conclusion.ERROR

    def is_challenged(self) -> bool:
        return self.conclusion is Conclusion.CHALLENGE

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = _jsonable(self)
        return data

    def to_json(self) -> str:
        return json.dumps(self.to_dict())

    def __repr__(self) -> str:
        return f"Decision(id={self.id!r}, conclusion={self.conclusion.value}, reason={self.reason_v2.type})"


def with_caller_context(decision: Decision, correlation_id: object, metadata: object) -> Decision:
    """``decision`` carrying protect()'s ``correlation_id`` and ``metadata``.

    A shallow copy of the instance dict, not dataclasses.replace(): that
    would read ip_details and so run the pending IP lookup nobody asked for.
    A ``correlation_id`` that is not a string is a bug in the caller's code,
    so it raises as other protect() arguments do; ``metadata`` never raises
    (arcjet_core.metadata).
    """
    if correlation_id is not None and not isinstance(correlation_id, str):
        raise ArcjetMisconfiguration(f"protect(): correlation_id must be a string, got {correlation_id!r}")
    copy = object.__new__(Decision)
    state = dict(decision.__dict__)
    state["correlation_id"] = correlation_id[:256] if correlation_id is not None else None
    state["metadata"] = encode_metadata(metadata, where="protect(): metadata")
    object.__setattr__(copy, "__dict__", state)
    return copy


class _IdSource:
    """Unique decision ids: a random per-process prefix and a counter.

    The prefix is renewed when the pid changes, checked on use rather than by
    an at-fork hook: workers that uWSGI forks from C never run Python's hooks,
    and would otherwise hand out the master's ids.
    """

    def __init__(self) -> None:
        self.renew()

    def renew(self) -> None:
        self.pid = os.getpid()
        self.prefix = "lreq_" + uuid.uuid4().hex[:20]
        self.counter = itertools.count(1)

    def __call__(self) -> str:
        if os.getpid() != self.pid:
            self.renew()
        return self.prefix + format(next(self.counter), "012x")


new_decision_id = _IdSource()


def aggregate(
    results: Sequence[RuleResult],
    *,
    ip_details: IpDetails | PendingIpDetails | None = None,
    ip_address: str = "",
    decision_id: str | None = None,
) -> Decision:
    """Combine rule results: DENY > CHALLENGE > ERROR > ALLOW.

    DRY_RUN results are reported but never change the conclusion; the reason
    comes from the first (highest-priority) rule with the winning conclusion.
    """
    winner: RuleResult | None = None
    for result in results:
        if result.dry_run or (result.state is RuleState.NOT_RUN and result.conclusion is Conclusion.ALLOW):
            continue
        if winner is None or CONCLUSION_SEVERITY[result.conclusion] > CONCLUSION_SEVERITY[winner.conclusion]:
            winner = result
    if winner is None or winner.conclusion is Conclusion.ALLOW:
        conclusion = Conclusion.ALLOW
        reason: Reason = winner.reason_v2 if winner is not None else _first_live_reason(results)
        ttl = 0
    else:
        conclusion = winner.conclusion
        reason = winner.reason_v2
        ttl = winner.ttl if conclusion is Conclusion.DENY else 0
    # Positional (id, conclusion, reason_v2, results, ip_details, ttl, ip_address): cheaper per request.
    return Decision(decision_id or new_decision_id(), conclusion, reason, tuple(results), ip_details, ttl, ip_address)


def _first_live_reason(results: Sequence[RuleResult]) -> Reason:
    for r in results:
        if not r.dry_run and r.state is not RuleState.NOT_RUN:
            return r.reason_v2
    # No LIVE rule ran (no rules, or all DRY_RUN): nothing judged this request.
    return NotRunReason(message="no LIVE rule ran") if not results else results[0].reason_v2


def is_spoofed_bot(result: RuleResult) -> bool:
    """True when a bot rule saw a client claiming to be a known crawler from the wrong IPs."""
    r = result.reason_v2
    return isinstance(r, BotReason) and r.spoofed


def is_verified_bot(result: RuleResult) -> bool:
    """True when a bot rule verified the client really is the crawler it claims to be."""
    r = result.reason_v2
    return isinstance(r, BotReason) and r.verified


# The analyzer's message for a bot rule on a request without User-Agent; the
# same words the reference SDK uses, so apps can match on them too.
MISSING_USER_AGENT_MESSAGE = "bot detection requires user-agent header"


def is_missing_user_agent(result: RuleResult) -> bool:
    """True when a bot rule could not run because the request had no User-Agent header."""
    r = result.reason_v2
    return result.kind == "BOT" and isinstance(r, ErrorReason) and MISSING_USER_AGENT_MESSAGE in r.message


def _jsonable(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return {k: _jsonable(v) for k, v in asdict(value).items()}
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (Conclusion, RuleState)):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, timedelta):
        return value.total_seconds()
    return value
