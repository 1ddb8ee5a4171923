"""Prompt injection in ``protect(detect_prompt_injection_message=...)``, or,
when no message is given, in the request body: the rule's ``message_field``
of a JSON or form body, else the whole body (bounded).

The analyzer classifies the message locally (the ``wasm/prompt`` crate: the
message de-obfuscated, hashed word and character n-grams, a logistic
regression whose weights are compiled in); the reason carries
``injection_detected`` and the score.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from arcjet_core.decision import ErrorReason, PromptInjectionReason, RuleResult
from arcjet_core.enums import Conclusion, Mode, RuleState
from arcjet_core.errors import ArcjetAnalyzerError, ArcjetError, ArcjetMisconfiguration

from ._base import AnalyzerPart, PreparedRule
from ._spec import RuleSpec, coerce_mode
from ._standalone import standalone_outcome

if TYPE_CHECKING:
    from arcjet_core.context import RequestContext
    from arcjet_core.engine import ProtectInput

# Of a body, this many bytes are read for the message.
MESSAGE_BODY_BYTES = 64 << 10
# A longer message is refused whole (an ERROR result, not checked): a partial
# verdict would pass what it did not read, and the classifier (~100 µs per KB
# in Wasm) must finish well inside the analyzer's deadline, shared with every
# other rule of the request, even for 3-byte characters (~20 ms here).
MAX_MESSAGE_CHARS = 64 << 10


@dataclass(frozen=True, slots=True)
class PromptInjectionDetection(RuleSpec):
    kind: ClassVar[str] = "PROMPT_INJECTION"
    mode: Mode = Mode.LIVE
    threshold: float | None = None
    message_field: str | None = None


def detect_prompt_injection(
    *,
    mode: Mode | str = Mode.LIVE,
    threshold: float | None = None,
    message_field: str | None = None,
) -> PromptInjectionDetection:
    """Detect prompt injection in ``protect(detect_prompt_injection_message=...)``.

    Without that argument (middleware use) the message comes from the body:
    ``message_field`` names a field of a JSON body (a dotted path such as
    ``"messages.-1.content"``) or of a form; without it the whole body is
    classified. ``threshold`` (0..1) overrides the model's default: lower
    catches more and flags more benign messages."""
    if threshold is not None:
        if isinstance(threshold, bool) or not isinstance(threshold, (int, float)) or not math.isfinite(threshold) \
                or not 0 < threshold < 1:
            raise ArcjetMisconfiguration(f"detect_prompt_injection: threshold must be a number in (0, 1), got {threshold!r}")
        threshold = float(threshold)
    if message_field is not None and (not isinstance(message_field, str) or not message_field.strip()):
        raise ArcjetMisconfiguration(f"detect_prompt_injection: message_field must be a non-empty string, got {message_field!r}")
    return PromptInjectionDetection(mode=coerce_mode(mode), threshold=threshold, message_field=message_field)


class PromptInjectionRule(PreparedRule):
    inspects = True
    reads_request = True

    __slots__ = ()

    def analyzer_part(self) -> AnalyzerPart:
        rule = self.rule
        assert isinstance(rule, PromptInjectionDetection)
        spec: dict[str, object] = {"kind": "PROMPT_INJECTION", "index": self.index}
        if rule.threshold is not None:
            spec["threshold"] = rule.threshold
        return AnalyzerPart(self.index, spec, prompt_bytes=MESSAGE_BODY_BYTES, prompt_field=rule.message_field,
                            prompt_chars=MAX_MESSAGE_CHARS)

    def inspect(self, ctx: RequestContext, analysis: Any, error: ArcjetError | None, inputs: ProtectInput) -> tuple[RuleResult, int | None]:
        message = inputs.detect_prompt_injection_message
        if message is None and not ctx.body:
            return self.not_run("no detect_prompt_injection_message was passed to protect() and the request "
                                "has no body"), None
        if message is not None and len(message) > MAX_MESSAGE_CHARS:
            return self.error(f"detect_prompt_injection_message is {len(message)} characters; at most "
                              f"{MAX_MESSAGE_CHARS} are classified, so it was not checked"), None
        return outcome_result(self, analysis, error), None


def classify_message(message: str, threshold: float | None = None) -> tuple[bool, float]:
    """(injection detected, score) for a message outside any request (Guard's
    ``DetectPromptInjection``): the same analyzer call as the rule's.
    Raises ArcjetError when the analyzer fails."""
    spec: dict[str, object] = {"kind": "PROMPT_INJECTION", "index": 0}
    if threshold is not None:
        spec["threshold"] = threshold
    outcome = standalone_outcome(AnalyzerPart(0, spec, prompt_bytes=0, prompt_chars=MAX_MESSAGE_CHARS), prompt=message)
    if outcome.conclusion == "ERROR":
        raise ArcjetAnalyzerError(str(outcome.reason.get("message", "analyzer could not classify the message")))
    score = outcome.reason.get("score")
    return bool(outcome.reason.get("injection_detected")), float(score) if isinstance(score, (int, float)) else 0.0


def outcome_result(rule: PreparedRule, analysis: Any, error: ArcjetError | None) -> RuleResult:
    outcome = rule.analyzer_outcome(analysis, error)
    if isinstance(outcome, RuleResult):
        return outcome
    if outcome.conclusion == "ERROR":
        message = str(outcome.reason.get("message", ""))
        if "requires a message" in message:
            # A body without the configured field: nothing to classify.
            return rule.not_run("the request body has no message to classify (message_field not found)")
        return rule.result(RuleState.RUN, Conclusion.ERROR, ErrorReason(message))
    reason = outcome.reason
    score = reason.get("score")
    detected = bool(reason.get("injection_detected", False))
    return rule.result(RuleState.RUN, Conclusion.DENY if detected else Conclusion.ALLOW,
                       PromptInjectionReason(injection_detected=detected,
                                             score=float(score) if isinstance(score, (int, float)) else None))
