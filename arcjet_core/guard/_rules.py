"""Guard rules: configured once (at module scope), bound to input per call.

``TokenBucket(...)`` is the configured rule; calling it with ``key=`` gives a
``TokenBucketWithInput`` that goes into ``guard(rules=[...])``. The configured
rule then finds its own result in a decision: ``rule.result(decision)``,
``rule.denied_result(decision)``.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from arcjet_core.errors import ArcjetError, ArcjetMisconfiguration
from arcjet_core.guard._types import (
    CustomEvaluateResult,
    Decision,
    Mode,
    RuleResult,
    RuleResultCustom,
    RuleResultError,
    RuleResultPromptInjection,
    RuleResultSensitiveInfo,
)
from arcjet_core.kinds import fixed_window, sliding_window, token_bucket
from arcjet_core.kinds._rate_limit import reset_at
from arcjet_core.kinds._sensitive_judge import judge
from arcjet_core.kinds.prompt_injection import (
    MAX_MESSAGE_CHARS,
    classify_message,
    detect_prompt_injection,
)
from arcjet_core.kinds.sensitive_info import MAX_SCANNED_TEXT, scan_text
from arcjet_core.ratelimit import (
    FixedWindowParams,
    LimitOp,
    LimitOutcome,
    LimitParams,
    SlidingWindowParams,
    TokenBucketParams,
)

TConfig = TypeVar("TConfig")
TInput = TypeVar("TInput")
TData = TypeVar("TData")


def _mode(mode: object) -> Mode:
    value = getattr(mode, "value", mode)  # arcjet_core.Mode works too
    if value == "LIVE":
        return "LIVE"
    if value == "DRY_RUN":
        return "DRY_RUN"
    raise ArcjetMisconfiguration(f"mode must be 'LIVE' or 'DRY_RUN', got {mode!r}")


def _metadata(value: object, param: str = "metadata") -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, Mapping) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise ArcjetMisconfiguration(f"{param} must be a dict[str, str]")
    return dict(value)


def _positive(value: object, param: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ArcjetMisconfiguration(f"{param} must be a positive integer, got {value!r}")
    return value


class _Configured:
    """What every configured guard rule has: mode, label, metadata, an id."""

    def __init__(self, *, mode: object, label: str | None, metadata: object, identity: str | None = None) -> None:
        if label is not None and (not isinstance(label, str) or not label):
            raise ArcjetMisconfiguration("label must be a non-empty string")
        self.mode: Mode = _mode(mode)
        self.label = label
        self.metadata = _metadata(metadata)
        self.config_id = identity or uuid.uuid4().hex

    def results(self, decision: Decision) -> list[RuleResult]:
        return [e.result for e in decision.entries if e.config_id == self.config_id]

    def result(self, decision: Decision) -> Any:
        found = self.results(decision)
        return found[0] if found else None

    def denied_result(self, decision: Decision) -> Any:
        for r in self.results(decision):
            if r.conclusion == "DENY":
                return r
        return None


@dataclass(frozen=True, slots=True)
class _WithInput:
    rule: _Configured
    input_id: str

    def result(self, decision: Decision) -> Any:
        for e in decision.entries:
            if e.input_id == self.input_id:
                return e.result
        return None

    def denied_result(self, decision: Decision) -> Any:
        r = self.result(decision)
        return r if r is not None and r.conclusion == "DENY" else None


# ---------------------------------------------------------------- rate limits


class _RateLimit(_Configured):
    """A Guard rate limit: the same storage op and maths as protect()'s rule
    of the same algorithm (arcjet_core.kinds), with Guard's typed result."""

    algorithm: str
    # Takes the caller's `requested` (a token bucket) or counts one call.
    takes_requested: bool = False

    def __init__(self, *, bucket: str, mode: object, label: str | None, metadata: object, params: LimitParams) -> None:
        if not isinstance(bucket, str) or not bucket:
            raise ArcjetMisconfiguration("bucket must be a non-empty string")
        self.bucket = bucket
        self.params = params
        # State is keyed by bucket + configuration, as the reference does: two
        # rules with the same bucket and settings share counters.
        identity = hashlib.sha256(f"{self.algorithm}|{bucket}|{params!r}".encode()).hexdigest()[:24]
        super().__init__(mode=mode, label=label, metadata=metadata, identity=identity)

    def __call__(self, *, key: str, requested: int = 1, metadata: Mapping[str, str] | None = None) -> RateLimitWithInput:
        if not isinstance(key, str) or not key:
            raise ArcjetMisconfiguration("key must be a non-empty string (user id, session id, tenant...)")
        _positive(requested, "requested")
        return RateLimitWithInput(
            rule=self, input_id=uuid.uuid4().hex,
            # Only a hash of the caller's key is ever stored.
            key_hash=hashlib.sha256(key.encode()).hexdigest(),
            requested=requested, metadata=_metadata(metadata),
        )


    def op(self, key: str, requested: int) -> LimitOp:
        return LimitOp(key, self.params, requested if self.takes_requested else 1)

    def outcome_result(self, outcome: LimitOutcome, now: float) -> RuleResult:
        raise NotImplementedError


@dataclass(frozen=True, slots=True)
class RateLimitWithInput(_WithInput):
    key_hash: str
    requested: int
    metadata: Mapping[str, str]


class TokenBucket(_RateLimit):
    algorithm = "TOKEN_BUCKET"
    takes_requested = True

    def __init__(self, *, refill_rate: int, interval_seconds: int, max_tokens: int, bucket: str = "default",
                 mode: object = "LIVE", label: str | None = None, metadata: Mapping[str, str] | None = None) -> None:
        params = TokenBucketParams(refill_rate=_positive(refill_rate, "refill_rate"),
                                   interval=_positive(interval_seconds, "interval_seconds"),
                                   capacity=_positive(max_tokens, "max_tokens"))
        super().__init__(bucket=bucket, mode=mode, label=label, metadata=metadata, params=params)

    def outcome_result(self, outcome: LimitOutcome, now: float) -> RuleResult:
        assert isinstance(self.params, TokenBucketParams)
        return token_bucket.guard_result(self.params, outcome, "ALLOW" if outcome.allowed else "DENY",
                                         reset_at(outcome, now))


class FixedWindow(_RateLimit):
    algorithm = "FIXED_WINDOW"

    def __init__(self, *, max_requests: int, window_seconds: int, bucket: str = "default",
                 mode: object = "LIVE", label: str | None = None, metadata: Mapping[str, str] | None = None) -> None:
        params = FixedWindowParams(max=_positive(max_requests, "max_requests"),
                                   window=_positive(window_seconds, "window_seconds"))
        super().__init__(bucket=bucket, mode=mode, label=label, metadata=metadata, params=params)

    def outcome_result(self, outcome: LimitOutcome, now: float) -> RuleResult:
        assert isinstance(self.params, FixedWindowParams)
        return fixed_window.guard_result(self.params, outcome, "ALLOW" if outcome.allowed else "DENY",
                                         reset_at(outcome, now))


class SlidingWindow(_RateLimit):
    algorithm = "SLIDING_WINDOW"

    def __init__(self, *, max_requests: int, interval_seconds: int, bucket: str = "default",
                 mode: object = "LIVE", label: str | None = None, metadata: Mapping[str, str] | None = None) -> None:
        params = SlidingWindowParams(max=_positive(max_requests, "max_requests"),
                                     interval=_positive(interval_seconds, "interval_seconds"))
        super().__init__(bucket=bucket, mode=mode, label=label, metadata=metadata, params=params)

    def outcome_result(self, outcome: LimitOutcome, now: float) -> RuleResult:
        assert isinstance(self.params, SlidingWindowParams)
        return sliding_window.guard_result(self.params, outcome, "ALLOW" if outcome.allowed else "DENY",
                                           reset_at(outcome, now))


# ------------------------------------------------------- content detectors


@dataclass(frozen=True, slots=True)
class TextWithInput(_WithInput):
    text: str


class DetectPromptInjection(_Configured):
    """Prompt-injection detection in a text, in this process: the same
    classifier as ``detect_prompt_injection`` (``threshold`` likewise)."""

    def __init__(self, *, mode: object = "LIVE", label: str | None = None, metadata: Mapping[str, str] | None = None,
                 threshold: float | None = None) -> None:
        # The factory validates the threshold with the same words as protect()'s rule.
        self.threshold = detect_prompt_injection(threshold=threshold).threshold
        super().__init__(mode=mode, label=label, metadata=metadata)

    def __call__(self, text: str) -> TextWithInput:
        if not isinstance(text, str):
            raise ArcjetMisconfiguration("DetectPromptInjection expects the text to scan as a str")
        return TextWithInput(rule=self, input_id=uuid.uuid4().hex, text=text)

    def evaluate(self, text: str) -> RuleResultPromptInjection | RuleResultError:
        if len(text) > MAX_MESSAGE_CHARS:
            return RuleResultError(message=f"the text is {len(text)} characters; at most {MAX_MESSAGE_CHARS} "
                                           "are classified, so it was not checked")
        try:
            detected, score = classify_message(text, self.threshold)
        except ArcjetError as exc:
            return RuleResultError(message=f"analyzer failed: {exc}")
        return RuleResultPromptInjection(conclusion="DENY" if detected else "ALLOW", injection_detected=detected,
                                         score=score)


SENSITIVE_INFO_ENTITY_TYPES = ("EMAIL", "PHONE_NUMBER", "IP_ADDRESS", "CREDIT_CARD_NUMBER")


class LocalDetectSensitiveInfo(_Configured):
    """Sensitive-information detection in a text, in this process: the same
    analyzer as ``detect_sensitive_info``. With ``deny``, the listed types
    deny; with ``allow`` (or neither), every type not listed denies."""

    def __init__(self, *, allow: Sequence[str] = (), deny: Sequence[str] = (), mode: object = "LIVE",
                 label: str | None = None, metadata: Mapping[str, str] | None = None) -> None:
        if allow and deny:
            raise ArcjetMisconfiguration("LocalDetectSensitiveInfo: allow and deny are mutually exclusive")
        for name, values in (("allow", allow), ("deny", deny)):
            for v in values:
                if v not in SENSITIVE_INFO_ENTITY_TYPES:
                    raise ArcjetMisconfiguration(f"{name}: {v!r} is not one of {SENSITIVE_INFO_ENTITY_TYPES}")
        self.allow, self.deny = tuple(allow), tuple(deny)
        super().__init__(mode=mode, label=label, metadata=metadata)

    def __call__(self, text: str) -> TextWithInput:
        if not isinstance(text, str):
            raise ArcjetMisconfiguration("LocalDetectSensitiveInfo expects the text to scan as a str")
        return TextWithInput(rule=self, input_id=uuid.uuid4().hex, text=text)

    def evaluate(self, text: str) -> RuleResultSensitiveInfo | RuleResultError:
        if len(text) > MAX_SCANNED_TEXT:
            return RuleResultError(message=f"the text is {len(text)} characters; at most {MAX_SCANNED_TEXT} "
                                           "are scanned, so it was not checked")
        try:
            found = scan_text(text)
        except ArcjetError as exc:
            return RuleResultError(message=f"analyzer failed: {exc}")
        verdict = judge(text, found, allow=self.allow, deny=self.deny, detect=None, window=1)
        return RuleResultSensitiveInfo(conclusion="DENY" if verdict.denied else "ALLOW",
                                       allowed=verdict.allowed, denied=verdict.denied)


# ---------------------------------------------------------------- custom


@dataclass(frozen=True, slots=True)
class LocalCustomWithInput(_WithInput, Generic[TData]):
    outcome: RuleResult


def _custom_outcome(result: object, error: BaseException | None) -> RuleResult:
    if error is not None:
        return RuleResultError(message=f"custom rule raised {type(error).__name__}: {error}")
    if not isinstance(result, CustomEvaluateResult) or result.conclusion not in ("ALLOW", "DENY"):
        return RuleResultError(message=f"custom rule must return CustomEvaluateResult, got {result!r}")
    return RuleResultCustom(conclusion=result.conclusion, data=dict(result.data))


class LocalCustomRule(_Configured, Generic[TConfig, TInput, TData]):
    """Subclass and override ``evaluate`` (and optionally ``evaluate_async``)."""

    def __init__(self, *, config: TConfig, mode: object = "LIVE", label: str | None = None,
                 metadata: Mapping[str, str] | None = None) -> None:
        self.config = config
        super().__init__(mode=mode, label=label, metadata=metadata)

    def evaluate(self, config: TConfig, input: TInput) -> CustomEvaluateResult:
        return CustomEvaluateResult(conclusion="ALLOW")

    async def evaluate_async(self, config: TConfig, input: TInput) -> CustomEvaluateResult:
        return self.evaluate(config, input)

    def __call__(self, *, data: TInput, metadata: Mapping[str, str] | None = None) -> LocalCustomWithInput[TData]:
        try:
            outcome = _custom_outcome(self.evaluate(self.config, data), None)
        except Exception as exc:  # a user rule's bug must not escape guard()
            outcome = _custom_outcome(None, exc)
        return LocalCustomWithInput(rule=self, input_id=uuid.uuid4().hex, outcome=outcome)

    async def call_async(self, *, data: TInput, metadata: Mapping[str, str] | None = None) -> LocalCustomWithInput[TData]:
        try:
            outcome = _custom_outcome(await self.evaluate_async(self.config, data), None)
        except Exception as exc:
            outcome = _custom_outcome(None, exc)
        return LocalCustomWithInput(rule=self, input_id=uuid.uuid4().hex, outcome=outcome)


RuleWithInput = RateLimitWithInput | TextWithInput | LocalCustomWithInput[Any]
