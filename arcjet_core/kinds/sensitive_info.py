"""Sensitive information in ``protect(sensitive_info_value=...)``, or in the
request body when no value is given (as the reference's JS SDK reads it).

The analyzer finds the built-in entities (EMAIL, PHONE_NUMBER, IP_ADDRESS,
CREDIT_CARD_NUMBER; the ``wasm/sensitive`` crate) with code-point offsets;
the host runs the user's ``detect`` function and applies allow/deny
(``_sensitive_judge``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from arcjet_core._body import body_text
from arcjet_core.decision import IdentifiedEntity, RuleResult, SensitiveInfoReason
from arcjet_core.enums import (
    NATIVE_SENSITIVE_INFO_TYPES,
    Conclusion,
    Mode,
    RuleState,
    SensitiveInfoEntityType,
)
from arcjet_core.errors import ArcjetAnalyzerError, ArcjetError, ArcjetMisconfiguration

from ._base import AnalyzerPart, PreparedRule
from ._sensitive_judge import DetectError, judge
from ._spec import RuleSpec, coerce_characteristics, coerce_mode, positive_int, str_list
from ._standalone import standalone_outcome
from .sensitive_backend import BackendError, SensitiveInfoBackend, is_usable_backend

if TYPE_CHECKING:
    from arcjet_core.context import RequestContext
    from arcjet_core.engine import ProtectInput


@dataclass(frozen=True, slots=True)
class SensitiveInfoDetection(RuleSpec):
    kind: ClassVar[str] = "SENSITIVE_INFO"
    mode: Mode = Mode.LIVE
    allow: tuple[str, ...] = ()
    deny: tuple[str, ...] = ()
    context_window_size: int | None = None
    detect: Callable[[list[str]], Sequence[str | None]] | None = field(default=None, compare=False)
    characteristics: tuple[str, ...] = ()
    backend: SensitiveInfoBackend | None = field(default=None, compare=False)


def detect_sensitive_info(
    *,
    mode: Mode | str = Mode.LIVE,
    allow: Sequence[str | SensitiveInfoEntityType] = (),
    deny: Sequence[str | SensitiveInfoEntityType] = (),
    context_window_size: int | None = None,
    detect: Callable[[list[str]], Sequence[str | None]] | None = None,
    characteristics: Sequence[str] = (),
    backend: SensitiveInfoBackend | None = None,
) -> SensitiveInfoDetection:
    """Detect sensitive information in ``protect(sensitive_info_value=...)``
    (or the body). ``backend`` adds a detector beside the built-in one
    (``arcjet_core.kinds.sensitive_backend``)."""
    allow_t, deny_t = str_list(allow, "allow"), str_list(deny, "deny")
    if allow_t and deny_t:
        raise ArcjetMisconfiguration("detect_sensitive_info: pass either allow or deny, not both")
    if context_window_size is not None:
        positive_int(context_window_size, "context_window_size")
    if detect is not None and not callable(detect):
        raise TypeError("detect must be callable: (tokens: list[str]) -> list[str | None]")
    if backend is not None and not is_usable_backend(backend):
        raise ArcjetMisconfiguration(
            f"detect_sensitive_info: backend must be an instance with a detect(context, value, entities, options) "
            f"method, got {backend!r}"
        )
    unknown = [t for t in (*allow_t, *deny_t) if t not in NATIVE_SENSITIVE_INFO_TYPES]
    if unknown and detect is None and backend is None:
        raise ArcjetMisconfiguration(
            f"detect_sensitive_info: {unknown} can only be found by a backend= or a custom detect= function; "
            f"the built-in detector finds {sorted(NATIVE_SENSITIVE_INFO_TYPES)}"
        )
    return SensitiveInfoDetection(
        mode=coerce_mode(mode),
        allow=allow_t,
        deny=deny_t,
        context_window_size=context_window_size,
        detect=detect,
        characteristics=coerce_characteristics(characteristics),
        backend=backend,
    )


# Of a body, this many bytes are read as text and scanned (shield's default
# max_body_bytes); the rest of a larger body is not scanned.
SCANNED_BODY_BYTES = 128 << 10
# A longer sensitive_info_value is refused whole (an ERROR result) rather
# than scanned in part: a prefix scan would pass what it did not read.
MAX_SCANNED_TEXT = 1 << 20


_SCAN_PART = AnalyzerPart(0, {"kind": "SENSITIVE_INFO", "index": 0}, text_bytes=0, text_chars=MAX_SCANNED_TEXT)


def scan_text(text: str) -> list[IdentifiedEntity]:
    """The built-in entities in ``text``, outside any request (Guard's
    ``LocalDetectSensitiveInfo``): the same analyzer call as the rule's.
    Raises ArcjetError when the analyzer fails."""
    outcome = standalone_outcome(_SCAN_PART, text=text)
    if outcome.conclusion != "ALLOW":
        raise ArcjetAnalyzerError(str(outcome.reason.get("message", "analyzer could not scan the text")))
    return entities_of(outcome.reason)


def entities_of(reason: Mapping[str, Any]) -> list[IdentifiedEntity]:
    """The entities of the analyzer's SENSITIVE_INFO_SCAN outcome."""
    return [IdentifiedEntity(str(t), int(s), int(e)) for t, s, e in reason["entities"]]


class SensitiveInfoRule(PreparedRule):
    inspects = True
    reads_request = True

    __slots__ = ()

    def analyzer_part(self) -> AnalyzerPart:
        return AnalyzerPart(self.index, {"kind": "SENSITIVE_INFO", "index": self.index},
                            text_bytes=SCANNED_BODY_BYTES, text_chars=MAX_SCANNED_TEXT)

    def inspect(self, ctx: RequestContext, analysis: Any, error: ArcjetError | None, inputs: ProtectInput) -> tuple[RuleResult, int | None]:
        value = inputs.sensitive_info_value
        if value is None and not ctx.body:
            return self.not_run("no sensitive_info_value was passed to protect() and the request has no body"), None
        if value is not None and len(value) > MAX_SCANNED_TEXT:
            return self.error(f"sensitive_info_value is {len(value)} characters; at most {MAX_SCANNED_TEXT} "
                              "are scanned, so it was not checked"), None
        outcome = self.analyzer_outcome(analysis, error)
        if isinstance(outcome, RuleResult):
            return outcome, None
        if outcome.conclusion != "ALLOW":
            return self.error(str(outcome.reason.get("message", "analyzer could not scan the text"))), None
        rule = self.rule
        assert isinstance(rule, SensitiveInfoDetection)
        found = entities_of(outcome.reason)
        # The text itself is only needed by a custom detect function or backend.
        text = ""
        if rule.detect is not None or rule.backend is not None:
            text = value if value is not None else body_text(ctx.body or b"", SCANNED_BODY_BYTES,
                                                             ctx.headers.first("content-type"))
        try:
            verdict = judge(text, found, allow=rule.allow, deny=rule.deny, detect=rule.detect,
                            window=rule.context_window_size or 1, backend=rule.backend,
                            window_option=rule.context_window_size)
        except (DetectError, BackendError) as exc:
            return self.error(str(exc)), None
        conclusion = Conclusion.DENY if verdict.denied else Conclusion.ALLOW
        return self.result(RuleState.RUN, conclusion, SensitiveInfoReason(verdict.allowed, verdict.denied)), None
