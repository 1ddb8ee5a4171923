"""Guard decisions and per-rule results."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from arcjet_core.decision import IdentifiedEntity

Conclusion = Literal["ALLOW", "DENY"]
Mode = Literal["LIVE", "DRY_RUN"]


@dataclass(frozen=True, slots=True)
class CustomEvaluateResult:
    """What a LocalCustomRule.evaluate returns."""

    conclusion: Conclusion
    data: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class RuleResultTokenBucket:
    conclusion: Conclusion
    remaining_tokens: int
    max_tokens: int
    refill_rate: int
    refill_interval_seconds: int
    reset_at_unix_seconds: int
    type: Literal["TOKEN_BUCKET"] = "TOKEN_BUCKET"


@dataclass(frozen=True, slots=True)
class RuleResultFixedWindow:
    conclusion: Conclusion
    remaining_requests: int
    max_requests: int
    window_seconds: int
    reset_at_unix_seconds: int
    type: Literal["FIXED_WINDOW"] = "FIXED_WINDOW"


@dataclass(frozen=True, slots=True)
class RuleResultSlidingWindow:
    conclusion: Conclusion
    remaining_requests: int
    max_requests: int
    interval_seconds: int
    reset_at_unix_seconds: int
    type: Literal["SLIDING_WINDOW"] = "SLIDING_WINDOW"


@dataclass(frozen=True, slots=True)
class RuleResultCustom:
    conclusion: Conclusion
    data: Mapping[str, str]
    type: Literal["CUSTOM"] = "CUSTOM"


@dataclass(frozen=True, slots=True)
class RuleResultSensitiveInfo:
    """What ``LocalDetectSensitiveInfo`` found: entities with code-point
    offsets into the text, split by the rule's allow/deny lists."""

    conclusion: Conclusion
    allowed: tuple[IdentifiedEntity, ...]
    denied: tuple[IdentifiedEntity, ...]
    type: Literal["SENSITIVE_INFO"] = "SENSITIVE_INFO"


@dataclass(frozen=True, slots=True)
class RuleResultPromptInjection:
    """``DetectPromptInjection``'s verdict on the text, and the classifier's score."""

    conclusion: Conclusion
    injection_detected: bool
    score: float
    type: Literal["PROMPT_INJECTION"] = "PROMPT_INJECTION"


@dataclass(frozen=True, slots=True)
class RuleResultError:
    """The rule could not be evaluated; guard() fails open, so this never denies."""

    message: str
    conclusion: Conclusion = "ALLOW"
    type: Literal["ERROR"] = "ERROR"


@dataclass(frozen=True, slots=True)
class RuleResultNotRun:
    message: str
    conclusion: Conclusion = "ALLOW"
    type: Literal["NOT_RUN"] = "NOT_RUN"


RuleResult = (
    RuleResultTokenBucket
    | RuleResultFixedWindow
    | RuleResultSlidingWindow
    | RuleResultCustom
    | RuleResultSensitiveInfo
    | RuleResultPromptInjection
    | RuleResultError
    | RuleResultNotRun
)


@dataclass(frozen=True, slots=True)
class _Entry:
    config_id: str
    input_id: str
    dry_run: bool
    result: RuleResult


@dataclass(frozen=True, slots=True)
class Decision:
    """The outcome of one guard() call."""

    conclusion: Conclusion
    label: str
    entries: tuple[_Entry, ...]
    metadata: Mapping[str, str] = field(default_factory=dict)
    id: str = field(default_factory=lambda: "lgrd_" + uuid.uuid4().hex)

    @property
    def results(self) -> tuple[RuleResult, ...]:
        return tuple(e.result for e in self.entries)

    def has_error(self) -> bool:
        return any(isinstance(e.result, RuleResultError) for e in self.entries)

    def is_denied(self) -> bool:
        return self.conclusion == "DENY"

    def is_allowed(self) -> bool:
        return self.conclusion == "ALLOW"
