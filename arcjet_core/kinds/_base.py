"""The interface between the engine and a rule kind.

A kind's module (``token_bucket.py``, ``shield.py``, ...) holds its spec, its
validating factory and a ``PreparedRule`` subclass: the rule compiled for one
client. The engine walks prepared rules through the methods below and never
asks which kind a rule is, so a kind is added by writing its module and
registering it (``arcjet_core.kinds.register``).

A request goes through up to two steps per rule:

1. ``inspect`` (kinds with ``inspects``): a result from the content of the
   request, usually from the analyzer's outcome for the rule, and optionally
   an amount to charge to the client's state (shield's suspicion points).
2. ``op`` / ``conclude`` (kinds with ``stateful``): a storage operation keyed
   by the client's fingerprint, and the result built from its outcome.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from arcjet_core.decision import ErrorReason, NotRunReason, Reason, RuleResult, reason_from_dict
from arcjet_core.enums import Conclusion, Mode, RuleState
from arcjet_core.errors import ArcjetError

if TYPE_CHECKING:
    from arcjet_core.analyze import RuleOutcome
    from arcjet_core.context import RequestContext
    from arcjet_core.engine import ProtectInput
    from arcjet_core.ratelimit import Op, Outcome

    from ._spec import RuleSpec

# Joins the parts of a storage key; cannot appear in a rule id or fingerprint.
KEY_SEPARATOR = "\x1f"


@dataclass(frozen=True, slots=True)
class AnalyzerPart:
    """What one rule asks of the analyzer (the Wasm module)."""

    index: int  # the rule's position: the analyzer reports outcomes by it
    spec: Mapping[str, object]  # the rule's configuration as the crate reads it
    needs_user_agent: bool = False
    # The request's method, path, query, cookies and headers (shield, filters).
    needs_request: bool = False
    body_bytes: int = -1  # bytes of body to send; -1: none
    # Scans a text: protect(sensitive_info_value=...), else up to this many
    # bytes of the body read as UTF-8; -1: scans nothing.
    text_bytes: int = -1
    # A given text longer than this many characters is not sent (the kind
    # reports it unchecked): one over-long value must not push the whole
    # crossing past its deadline and fail every rule open.
    text_chars: int = 0
    reads_local: bool = False  # protect(filter_local={...})
    reads_ip_details: bool = False  # the client IP's details (filters' ip.src.* fields)
    # Classifies a message: protect(detect_prompt_injection_message=...), else
    # one taken from up to this many body bytes (``prompt_field`` of a JSON or
    # form body, or the whole body); -1: none.
    prompt_bytes: int = -1
    prompt_field: str | None = None
    prompt_chars: int = 0  # as text_chars, for the message
    verify_dns: bool = False  # its outcome may need a DNS verification step
    # The analyze call's deadline in epoch ticks this part needs (0: the
    # analyzer's default, _instance.ANALYZE_TICKS); the longest of a rule
    # set's parts applies to its calls.
    deadline_ticks: int = 0


class PreparedRule:
    """One rule compiled for one client. Subclasses set the traits and
    override the steps their kind has."""

    # Has a content step (``inspect``).
    inspects: ClassVar[bool] = False
    # Keeps per-client state in storage (``op`` and ``conclude``).
    stateful: ClassVar[bool] = False
    # A stateful rule whose op still runs when an earlier LIVE rule denied
    # (suspicion counts most on a denied request; a rate limit is not charged).
    counted_after_deny: ClassVar[bool] = False
    # protect() keyword arguments this kind cannot run without, with the
    # factory's name for the error message.
    required_inputs: ClassVar[tuple[str, ...]] = ()
    factory_name: ClassVar[str] = ""
    # Names the storage in error messages.
    storage_label: ClassVar[str] = "rate-limit"
    # inspect() reads the request or protect()'s inputs, not only the
    # analyzer's outcome, so its result cannot be shared between requests
    # with the same outcome.
    reads_request: ClassVar[bool] = False

    __slots__ = ("characteristics", "dry_run", "index", "key_prefix", "kind", "rule", "rule_id")

    def __init__(self, rule: RuleSpec, index: int, namespace: str, default_characteristics: tuple[str, ...]) -> None:
        self.rule = rule
        self.index = index
        self.rule_id = rule.rule_id
        self.kind = rule.kind
        self.dry_run = rule.mode is Mode.DRY_RUN
        # What a stateful rule keys its state by; empty for the others.
        self.characteristics = (rule.rule_characteristics() or default_characteristics) if self.stateful else ()
        self.key_prefix = KEY_SEPARATOR.join((namespace, self.rule_id, ""))

    # ------------------------------------------------------------ content

    def analyzer_part(self) -> AnalyzerPart | None:
        """What this rule sends to the analyzer; None: it does not cross."""
        return None

    def inspect(self, ctx: RequestContext, analysis: Any, error: ArcjetError | None, inputs: ProtectInput) -> tuple[RuleResult, int | None]:
        """The content step's result, and the amount to charge (None: no op).
        ``ctx`` is the request as the rules see it; ``analysis`` holds the
        analyzer's outcomes (or is None when no rule crossed); ``error`` is
        set when the crossing failed. A kind that reads ``ctx`` or
        ``inputs`` sets ``reads_request``."""
        raise NotImplementedError(f"{type(self).__name__} declares inspects but has no inspect()")

    # ------------------------------------------------------------ state

    def amount(self, inputs: ProtectInput) -> int:
        """What a stateful rule without a content step charges per request."""
        return 1

    def deny_cache_key(self, fingerprint: str, amount: int) -> str:
        """Where a LIVE deny is remembered: it holds for this amount only (a
        token bucket that denied 5 tokens may still have 1)."""
        return f"{self.rule_id}:{fingerprint}:{amount}"

    def op(self, key: str, amount: int) -> Op:
        raise NotImplementedError(f"{type(self).__name__} declares stateful but has no op()")

    def conclude(self, fingerprint: str, outcome: Outcome, inspected: RuleResult | None) -> tuple[RuleResult, float]:
        """The result from the storage outcome, and how many seconds a deny
        may be answered from the DENY cache (0: not cached)."""
        raise NotImplementedError(f"{type(self).__name__} declares stateful but has no conclude()")

    def from_cache(self, cached: RuleResult, fingerprint: str, ttl: int) -> RuleResult:
        return restamped(cached, fingerprint, state=RuleState.CACHED, ttl=ttl)

    def storage_failed(self, fingerprint: str, current: RuleResult | None, error: ArcjetError) -> RuleResult:
        if current is not None and current.is_denied():
            return current  # the content step already denied this request on its own
        return self.result(RuleState.RUN, Conclusion.ERROR, ErrorReason(f"{self.storage_label} storage failed: {error}"),
                           fingerprint)

    # ------------------------------------------------------------ results

    def result(self, state: RuleState, conclusion: Conclusion, reason: Reason,
               fingerprint: str | None = None, ttl: int = 0) -> RuleResult:
        if self.dry_run and state is RuleState.RUN:
            state = RuleState.DRY_RUN
        return RuleResult(self.rule_id, state, conclusion, reason, fingerprint, ttl, self.kind, self.dry_run)

    def not_run(self, message: str) -> RuleResult:
        return self.result(RuleState.NOT_RUN, Conclusion.ALLOW, NotRunReason(message))

    def error(self, message: str, state: RuleState = RuleState.RUN) -> RuleResult:
        return self.result(state, Conclusion.ERROR, ErrorReason(message))

    def analyzer_outcome(self, analysis: Any, error: ArcjetError | None) -> RuleOutcome | RuleResult:
        """This rule's outcome from the crossing, or the ERROR result standing
        in for it when the crossing failed or did not answer for the rule."""
        if error is not None:
            return self.error(f"analyzer failed: {error}")
        outcome: RuleOutcome | None = analysis.outcomes.get(self.index)
        if outcome is None:
            return self.error(f"{self.kind} rule is not evaluated by this analyzer build", RuleState.NOT_RUN)
        return outcome


class AnalyzedRule(PreparedRule):
    """A kind the analyzer evaluates: its result is the analyzer's outcome for it."""

    inspects = True

    __slots__ = ()

    def inspect(self, ctx: RequestContext, analysis: Any, error: ArcjetError | None, inputs: ProtectInput) -> tuple[RuleResult, int | None]:
        return self.analyzed(analysis, error), None

    def analyzed(self, analysis: Any, error: ArcjetError | None) -> RuleResult:
        outcome = self.analyzer_outcome(analysis, error)
        if isinstance(outcome, RuleResult):
            return outcome
        try:
            conclusion = Conclusion(outcome.conclusion)
        except ValueError:
            return self.error(f"analyzer returned an unknown conclusion {outcome.conclusion!r}")
        return self.result(RuleState.RUN, conclusion, reason_from_dict(outcome.reason))


def restamped(result: RuleResult, fingerprint: str, *, state: RuleState | None = None,
              reason: Reason | None = None, ttl: int | None = None) -> RuleResult:
    """A copy of ``result`` with its fingerprint (and optionally state, reason, ttl) set.

    Built directly: dataclasses.replace introspects the fields on every call.
    """
    return RuleResult(
        result.rule_id, result.state if state is None else state, result.conclusion,
        result.reason_v2 if reason is None else reason, fingerprint,
        result.ttl if ttl is None else ttl, result.kind, result.dry_run,
    )
