"""Guard decisions and per-rule results, shaped as the reference SDK's.

Each rule kind has its own frozen ``RuleResult*`` with a ``type``
discriminant. Three layers, as in the reference: ``decision.conclusion`` /
``decision.reason``; ``decision.warnings``, ``error_results()``,
``has_failed_open()``; and each rule's own ``rule.result(decision)``.

Some results only a cloud service produces (a remote policy's expression, an
IP-threat lookup of destinations, typed input constraints). They are defined
so code written for the reference type-checks and pattern-matches, but this
process never produces them: there is no Arcjet cloud and no remote policy.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal, Union

from arcjet_core.decision import IdentifiedEntity

Conclusion = Literal["ALLOW", "DENY"]
"""A Guard decision is only ever ``"ALLOW"`` or ``"DENY"``."""

Mode = Literal["LIVE", "DRY_RUN"]
"""``"LIVE"`` enforces a rule; ``"DRY_RUN"`` evaluates and reports it only."""

Reason = Literal[
    "RATE_LIMIT",
    "PROMPT_INJECTION",
    "MODERATE_CONTENT",
    "SENSITIVE_INFO",
    "INPUT_CONSTRAINT",
    "CUSTOM",
    "POLICY_EXPRESSION",
    "IP_THREAT",
    "ERROR",
    "NOT_RUN",
    "UNKNOWN",
]
"""Broad reason category of a decision or a rule result."""

StringMatchOperator = Literal["EXACT", "EMAIL_DOMAIN", "UNKNOWN"]
InputConstraintType = Literal[
    "ALLOWED_STRING_VALUES", "DENIED_STRING_VALUES", "STRING_LENGTH", "STRING_LIST_MEMBERSHIP"
]
PolicyStatus = Literal["NOT_CONFIGURED", "APPLIED", "INCOMPLETE", "UNAVAILABLE", "UNKNOWN"]
PolicyExecution = Literal["SDK", "SERVER", "UNKNOWN"]


@dataclass(frozen=True, slots=True)
class ArcjetWarning:
    """The decision is trustworthy, but something about the call should be
    fixed (an option that was dropped, inputs nothing evaluated). Never
    changes a conclusion; contrast ``RuleResultError``."""

    code: str = ""
    message: str = ""


@dataclass(frozen=True, slots=True)
class Billing:
    """Usage billed by the Arcjet cloud. Never set here: nothing is billed locally."""

    unit: str
    count: int


@dataclass(frozen=True, slots=True)
class CustomEvaluateResult:
    """What a ``LocalCustomRule.evaluate`` returns."""

    conclusion: Conclusion
    data: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class RuleResultTokenBucket:
    conclusion: Conclusion
    reason: Literal["RATE_LIMIT"] = "RATE_LIMIT"
    type: Literal["TOKEN_BUCKET"] = "TOKEN_BUCKET"
    warnings: tuple[ArcjetWarning, ...] = ()
    remaining_tokens: int = 0
    max_tokens: int = 0
    reset_at_unix_seconds: int = 0
    refill_rate: int = 0
    refill_interval_seconds: int = 0


@dataclass(frozen=True, slots=True)
class RuleResultFixedWindow:
    conclusion: Conclusion
    reason: Literal["RATE_LIMIT"] = "RATE_LIMIT"
    type: Literal["FIXED_WINDOW"] = "FIXED_WINDOW"
    warnings: tuple[ArcjetWarning, ...] = ()
    remaining_requests: int = 0
    max_requests: int = 0
    reset_at_unix_seconds: int = 0
    window_seconds: int = 0


@dataclass(frozen=True, slots=True)
class RuleResultSlidingWindow:
    conclusion: Conclusion
    reason: Literal["RATE_LIMIT"] = "RATE_LIMIT"
    type: Literal["SLIDING_WINDOW"] = "SLIDING_WINDOW"
    warnings: tuple[ArcjetWarning, ...] = ()
    remaining_requests: int = 0
    max_requests: int = 0
    reset_at_unix_seconds: int = 0
    interval_seconds: int = 0


@dataclass(frozen=True, slots=True)
class RuleResultPromptInjection:
    """``DetectPromptInjection``'s verdict. ``injection_detected`` and
    ``score`` (the local classifier's) are ours; the reference has neither."""

    conclusion: Conclusion
    reason: Literal["PROMPT_INJECTION"] = "PROMPT_INJECTION"
    type: Literal["PROMPT_INJECTION"] = "PROMPT_INJECTION"
    warnings: tuple[ArcjetWarning, ...] = ()
    billing: Billing | None = None
    injection_detected: bool = False
    score: float = 0.0


@dataclass(frozen=True, slots=True)
class RuleResultModerateContent:
    """``ModerateContent``'s verdict; ``score`` is the local classifier's (ours)."""

    conclusion: Conclusion
    detected: bool
    reason: Literal["MODERATE_CONTENT"] = "MODERATE_CONTENT"
    type: Literal["MODERATE_CONTENT"] = "MODERATE_CONTENT"
    warnings: tuple[ArcjetWarning, ...] = ()
    billing: Billing | None = None
    score: float = 0.0


@dataclass(frozen=True, slots=True)
class RuleResultSensitiveInfo:
    """What ``LocalDetectSensitiveInfo`` found. ``detected_entity_types`` are
    the types that denied, as the reference reports them; ``allowed`` and
    ``denied`` (ours) hold every entity with code-point offsets into the text."""

    conclusion: Conclusion
    reason: Literal["SENSITIVE_INFO"] = "SENSITIVE_INFO"
    type: Literal["SENSITIVE_INFO"] = "SENSITIVE_INFO"
    warnings: tuple[ArcjetWarning, ...] = ()
    detected_entity_types: tuple[str, ...] = ()
    billing: Billing | None = None
    allowed: tuple[IdentifiedEntity, ...] = ()
    denied: tuple[IdentifiedEntity, ...] = ()


@dataclass(frozen=True, slots=True)
class RuleResultIpThreat:
    """A cloud policy's IP-threat assessment of destinations. Never produced here."""

    conclusion: Conclusion
    detected: bool
    reason: Literal["IP_THREAT"] = "IP_THREAT"
    type: Literal["IP_THREAT"] = "IP_THREAT"
    warnings: tuple[ArcjetWarning, ...] = ()
    risk_level: str = ""
    reputation: str = ""
    activities: tuple[str, ...] = ()
    host: str = ""
    ip: str = ""


@dataclass(frozen=True, slots=True)
class RuleResultCustom:
    conclusion: Conclusion
    reason: Literal["CUSTOM"] = "CUSTOM"
    type: Literal["CUSTOM"] = "CUSTOM"
    warnings: tuple[ArcjetWarning, ...] = ()
    data: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class RuleResultPolicyExpression:
    """A remote policy's expression result. Never produced here (no remote policy)."""

    conclusion: Conclusion = "ALLOW"
    reason: Reason = "POLICY_EXPRESSION"
    type: Literal["POLICY_EXPRESSION"] = "POLICY_EXPRESSION"
    warnings: tuple[ArcjetWarning, ...] = ()


@dataclass(frozen=True, slots=True)
class RuleResultNotRun:
    conclusion: Literal["ALLOW"] = "ALLOW"
    reason: Reason = "NOT_RUN"
    type: Literal["NOT_RUN"] = "NOT_RUN"
    warnings: tuple[ArcjetWarning, ...] = ()


@dataclass(frozen=True, slots=True)
class RuleResultError:
    """The rule could not be evaluated. ``guard()`` fails open, so this never
    denies; ``has_failed_open()`` and ``guard_action`` (fail closed) read it.
    ``code`` is one of the ``*_ERROR`` constants in ``arcjet_core.guard._codes``."""

    conclusion: Literal["ALLOW"] = "ALLOW"
    reason: Reason = "ERROR"
    type: Literal["RULE_ERROR"] = "RULE_ERROR"
    warnings: tuple[ArcjetWarning, ...] = ()
    message: str = ""
    code: str = ""


@dataclass(frozen=True, slots=True)
class RuleResultUnknown:
    """The reference's fallback for a rule type its server sent and it did not know."""

    conclusion: Conclusion = "ALLOW"
    reason: Literal["UNKNOWN"] = "UNKNOWN"
    type: Literal["UNKNOWN"] = "UNKNOWN"
    warnings: tuple[ArcjetWarning, ...] = ()


@dataclass(frozen=True, slots=True)
class RuleResultInputConstraint:
    """A remotely configured input constraint. Never produced here."""

    conclusion: Conclusion
    reason: Literal["INPUT_CONSTRAINT"] = "INPUT_CONSTRAINT"
    type: InputConstraintType = "STRING_LENGTH"
    match_operator: StringMatchOperator | None = None
    matched: bool | None = None
    warnings: tuple[ArcjetWarning, ...] = ()


RuleResult = Union[  # noqa: UP007 (typing.Union, as the reference's: subscriptable at run time)
    RuleResultTokenBucket,
    RuleResultFixedWindow,
    RuleResultSlidingWindow,
    RuleResultPromptInjection,
    RuleResultModerateContent,
    RuleResultSensitiveInfo,
    RuleResultIpThreat,
    RuleResultCustom,
    RuleResultPolicyExpression,
    RuleResultNotRun,
    RuleResultError,
    RuleResultInputConstraint,
    RuleResultUnknown,
]


@dataclass(frozen=True, slots=True)
class PolicyEvaluation:
    """A remote policy's status. Always ``None`` on a local decision."""

    revision: str
    status: PolicyStatus
    refresh_required: bool = False


@dataclass(frozen=True, slots=True)
class PolicyRuleResult:
    """One remote-policy rule's result. A local decision has none."""

    policy_id: str
    policy_revision: str
    rule_id: str
    mode: Mode
    execution: PolicyExecution
    result: RuleResult
    source: Literal["REMOTE"] = "REMOTE"


@dataclass(frozen=True, slots=True)
class InternalResult:
    """One bound rule's result, keyed for ``rule.result(decision)``."""

    result: RuleResult
    config_id: str
    input_id: str
    dry_run: bool = False


@dataclass(frozen=True, slots=True)
class Decision:
    """The outcome of one ``guard()`` call.

    ``results`` holds one result per bound rule, in order (a decision made
    without any client, from the free ``guard()``, holds a single error).
    ``label``, ``metadata`` and ``correlation_id`` are ours: what the call
    carried, as the decision log records it. ``policy_evaluation`` is always
    ``None`` and ``policy_results`` empty: there is no remote policy here.
    """

    conclusion: Conclusion
    id: str
    results: tuple[RuleResult, ...]
    reason: Reason = "UNKNOWN"
    warnings: tuple[ArcjetWarning, ...] = ()
    _internal_results: tuple[InternalResult, ...] = field(default=(), repr=False, compare=False)
    policy_evaluation: PolicyEvaluation | None = None
    policy_results: tuple[PolicyRuleResult, ...] = ()
    _policy_errors: tuple[RuleResultError, ...] = field(default=(), repr=False, compare=False)
    label: str = ""
    metadata: Mapping[str, object] = field(default_factory=dict)
    correlation_id: str | None = None

    @property
    def entries(self) -> tuple[InternalResult, ...]:
        return self._internal_results

    def error_results(self) -> list[RuleResultError]:
        """Every result that could not be evaluated (DRY_RUN rules' too)."""
        return [*(r for r in self.results if isinstance(r, RuleResultError)), *self._policy_errors]

    def has_failed_open(self) -> bool:
        """True when this ALLOW stands only because something that could have
        denied was not evaluated: a LIVE rule errored, or no client decided at
        all. A DRY_RUN rule's error does not count: it could never deny.
        Gate a fail-closed policy on this (``guard_action`` does)."""
        if self.conclusion != "ALLOW":
            return False
        if not self._internal_results:
            return bool(self.error_results())
        return any(isinstance(e.result, RuleResultError) and not e.dry_run for e in self._internal_results)

    def has_error(self) -> bool:
        """True if any rule errored or the decision carries a warning.

        The reference deprecates this for ``warnings`` / ``error_results()`` /
        ``has_failed_open()``; it stays here, without a warning, because our
        own callers used it before those existed."""
        return bool(self.warnings) or bool(self.error_results())

    def is_denied(self) -> bool:
        return self.conclusion == "DENY"

    def is_allowed(self) -> bool:
        return self.conclusion == "ALLOW"
