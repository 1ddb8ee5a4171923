"""Guard's text detectors: DetectPromptInjection, ModerateContent,
LocalDetectSensitiveInfo. Each is bound to one text per call
(``prompt_scan(message)``) and evaluated in this process, by the same
analyzer and classifiers as protect()'s rules; the text never leaves it and
is never logged.

Evaluation is pure CPU (no I/O), so both clients run it inline. A detector
that fails gives a ``RuleResultError`` (fail open in ``guard()``, fail closed
in ``guard_action``), never an exception.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from arcjet_core.enums import BACKEND_ONLY_SENSITIVE_INFO_TYPES, NATIVE_SENSITIVE_INFO_TYPES
from arcjet_core.errors import ArcjetError, ArcjetMisconfiguration
from arcjet_core.guard import _codes
from arcjet_core.guard._rule_base import BoundRule, ConfiguredRule, new_input_id
from arcjet_core.guard._types import (
    Mode,
    RuleResultError,
    RuleResultModerateContent,
    RuleResultPromptInjection,
    RuleResultSensitiveInfo,
)
from arcjet_core.kinds._sensitive_judge import DetectError, judge
from arcjet_core.kinds.prompt_injection import (
    MAX_MESSAGE_CHARS,
    classify_message,
    detect_prompt_injection,
)
from arcjet_core.kinds.sensitive_backend import BackendError, is_usable_backend
from arcjet_core.kinds.sensitive_info import MAX_SCANNED_TEXT, scan_text
from arcjet_core.metadata import Metadata

SENSITIVE_INFO_ENTITY_TYPES: frozenset[str] = NATIVE_SENSITIVE_INFO_TYPES | BACKEND_ONLY_SENSITIVE_INFO_TYPES
"""Every entity type a Guard rule may list. The built-in detector finds the
four native ones; the others need a ``backend`` that finds them."""


def _too_long(text: str, limit: int, what: str) -> RuleResultError:
    return RuleResultError(message=f"the text is {len(text)} characters; at most {limit} are {what}, "
                                   "so it was not checked", code=_codes.INPUT_TOO_LONG)


def _analyzer_error(exc: BaseException) -> RuleResultError:
    return RuleResultError(message=f"analyzer failed: {exc}", code=_codes.ANALYZER_ERROR)


def _text(rule: str, text: object) -> str:
    if not isinstance(text, str):
        raise ArcjetMisconfiguration(f"{rule} expects the text to scan as a str, got {type(text).__name__}")
    return text


R = TypeVar("R", RuleResultPromptInjection, RuleResultModerateContent, RuleResultSensitiveInfo)


class TextWithInput(BoundRule[R]):
    """Base of the detectors' ``*WithInput`` classes (our name, kept)."""

    __slots__ = ()
    text: str

    def _evaluate(self, client_backend: object) -> R | RuleResultError:
        raise NotImplementedError


# ------------------------------------------------------------ prompt injection


@dataclass(frozen=True, slots=True)
class PromptInjectionWithInput(TextWithInput[RuleResultPromptInjection]):
    _input_id: str
    _config_id: str
    text: str
    mode: Mode = "LIVE"
    label: str | None = None
    metadata: Metadata | None = None
    threshold: float | None = None  # ours: DetectPromptInjection(threshold=...)
    _result_type = RuleResultPromptInjection

    def _evaluate(self, client_backend: object) -> RuleResultPromptInjection | RuleResultError:
        if len(self.text) > MAX_MESSAGE_CHARS:
            return _too_long(self.text, MAX_MESSAGE_CHARS, "classified")
        try:
            detected, score = classify_message(self.text, self.threshold)
        except ArcjetError as exc:
            return _analyzer_error(exc)
        return RuleResultPromptInjection(conclusion="DENY" if detected else "ALLOW",
                                         injection_detected=detected, score=score)


class DetectPromptInjection(ConfiguredRule[RuleResultPromptInjection]):
    """Prompt-injection detection: the classifier of ``detect_prompt_injection``
    (``wasm/prompt``), run here. ``threshold`` (ours) is that rule's too."""

    _result_type = RuleResultPromptInjection

    def __init__(self, *, mode: Mode = "LIVE", label: str | None = None, metadata: Metadata | None = None,
                 threshold: float | None = None) -> None:
        # The factory checks the threshold with the same words as protect()'s rule.
        self.threshold = detect_prompt_injection(threshold=threshold).threshold
        super().__init__(mode=mode, label=label, metadata=metadata)

    def __call__(self, text: str, *, metadata: Metadata | None = None) -> PromptInjectionWithInput:
        return PromptInjectionWithInput(new_input_id(), self._config_id, _text("DetectPromptInjection", text),
                                        self._mode, self._label, self._bind_metadata(metadata), self.threshold)


# ---------------------------------------------------------- content moderation


@dataclass(frozen=True, slots=True)
class ModerateContentWithInput(TextWithInput[RuleResultModerateContent]):
    _input_id: str
    _config_id: str
    text: str
    mode: Mode = "LIVE"
    label: str | None = None
    metadata: Metadata | None = None
    _result_type = RuleResultModerateContent

    def _evaluate(self, client_backend: object) -> RuleResultModerateContent | RuleResultError:
        # Imported here: the classifier loads with the analyzer, on first use.
        from arcjet_core.kinds.moderation import MAX_TEXT_CHARS, moderate_text

        # As for prompt injection: a text longer than the classifier reads is
        # not passed on a prefix (abuse after it would go unseen).
        if len(self.text) > MAX_TEXT_CHARS:
            return _too_long(self.text, MAX_TEXT_CHARS, "moderated")
        try:
            verdict = moderate_text(self.text)
        except ArcjetError as exc:
            return _analyzer_error(exc)
        detected = bool(verdict.detected)
        return RuleResultModerateContent(conclusion="DENY" if detected else "ALLOW", detected=detected,
                                         score=float(verdict.score))


class ModerateContent(ConfiguredRule[RuleResultModerateContent]):
    """Harmful-content detection, by the local classifier
    (``arcjet_core.kinds.moderation``); the reference sends the text to the
    Arcjet cloud instead. The result says ``detected`` and the ``score``."""

    _result_type = RuleResultModerateContent

    def __init__(self, *, mode: Mode = "LIVE", label: str | None = None, metadata: Metadata | None = None) -> None:
        super().__init__(mode=mode, label=label, metadata=metadata)

    def __call__(self, text: str, *, metadata: Metadata | None = None) -> ModerateContentWithInput:
        return ModerateContentWithInput(new_input_id(), self._config_id, _text(type(self).__name__, text),
                                        self._mode, self._label, self._bind_metadata(metadata))


class experimental_ModerateContent(ModerateContent):
    """Deprecated alias of ``ModerateContent`` (a DeprecationWarning when made)."""

    def __init__(self, *, mode: Mode = "LIVE", label: str | None = None, metadata: Metadata | None = None) -> None:
        warnings.warn("experimental_ModerateContent is deprecated; use ModerateContent instead.",
                      DeprecationWarning, stacklevel=2)
        super().__init__(mode=mode, label=label, metadata=metadata)


# ------------------------------------------------------- sensitive information


@dataclass(frozen=True, slots=True)
class SensitiveInfoConfig:
    allow: tuple[str, ...] = ()
    deny: tuple[str, ...] = ()
    backend: Any = None


def sensitive_info_backend(rule_backend: object, client_backend: object) -> Any:
    """The backend a LocalDetectSensitiveInfo runs beside the native detector:
    the rule's own ``backend=``, else the client's ``sensitive_info_backend=``,
    else None (the native detector alone). The one place that picks it."""
    return rule_backend if rule_backend is not None else client_backend


@dataclass(frozen=True, slots=True)
class SensitiveInfoWithInput(TextWithInput[RuleResultSensitiveInfo]):
    _input_id: str
    _config_id: str
    config: SensitiveInfoConfig
    text: str
    mode: Mode = "LIVE"
    label: str | None = None
    metadata: Metadata | None = None
    _result_type = RuleResultSensitiveInfo

    def _evaluate(self, client_backend: object) -> RuleResultSensitiveInfo | RuleResultError:
        text, config = self.text, self.config
        if len(text) > MAX_SCANNED_TEXT:
            return _too_long(text, MAX_SCANNED_TEXT, "scanned")
        try:
            found = scan_text(text)
            verdict = judge(text, found, allow=config.allow, deny=config.deny, detect=None, window=1,
                            backend=sensitive_info_backend(config.backend, client_backend))
        except ArcjetError as exc:
            return _analyzer_error(exc)
        except (BackendError, DetectError) as exc:
            return RuleResultError(message=str(exc), code=_codes.ANALYZER_ERROR)
        denied_types = tuple(dict.fromkeys(e.identified_type for e in verdict.denied))
        return RuleResultSensitiveInfo(conclusion="DENY" if verdict.denied else "ALLOW",
                                       detected_entity_types=denied_types,
                                       allowed=verdict.allowed, denied=verdict.denied)


class LocalDetectSensitiveInfo(ConfiguredRule[RuleResultSensitiveInfo]):
    """Sensitive-information detection in a text: the analyzer of
    ``detect_sensitive_info``, plus ``backend`` beside it when given. With
    ``deny``, the listed types deny; with ``allow`` (or neither), every type
    not listed denies. Types beyond the four native ones need a backend."""

    _result_type = RuleResultSensitiveInfo

    def __init__(self, *, allow: Sequence[str] = (), deny: Sequence[str] = (), mode: Mode = "LIVE",
                 label: str | None = None, metadata: Metadata | None = None, backend: object = None) -> None:
        if allow and deny:
            raise ArcjetMisconfiguration("LocalDetectSensitiveInfo: allow and deny are mutually exclusive")
        for name, values in (("allow", allow), ("deny", deny)):
            if isinstance(values, str):
                raise ArcjetMisconfiguration(f"LocalDetectSensitiveInfo: {name} must be a list of entity types")
            for v in values:
                if v not in SENSITIVE_INFO_ENTITY_TYPES:
                    raise ArcjetMisconfiguration(
                        f"LocalDetectSensitiveInfo: {name}: {v!r} is not one of {sorted(SENSITIVE_INFO_ENTITY_TYPES)}")
        if backend is not None and not is_usable_backend(backend):
            raise ArcjetMisconfiguration(
                "LocalDetectSensitiveInfo: backend must be an instance with a callable detect() (not a class)")
        needs_backend = [t for t in (*allow, *deny) if t in BACKEND_ONLY_SENSITIVE_INFO_TYPES]
        if needs_backend and backend is None:
            raise ArcjetMisconfiguration(
                f"LocalDetectSensitiveInfo: {', '.join(needs_backend)} only found by a backend; "
                "pass backend=... (the built-in detector finds EMAIL, PHONE_NUMBER, IP_ADDRESS, CREDIT_CARD_NUMBER)")
        self._config = SensitiveInfoConfig(allow=tuple(allow), deny=tuple(deny), backend=backend)
        super().__init__(mode=mode, label=label, metadata=metadata)

    @property
    def allow(self) -> tuple[str, ...]:
        return self._config.allow

    @property
    def deny(self) -> tuple[str, ...]:
        return self._config.deny

    @property
    def backend(self) -> Any:
        return self._config.backend

    @property
    def config(self) -> SensitiveInfoConfig:
        return self._config

    def __call__(self, text: str, *, metadata: Metadata | None = None) -> SensitiveInfoWithInput:
        return SensitiveInfoWithInput(new_input_id(), self._config_id, self._config,
                                      _text("LocalDetectSensitiveInfo", text), self._mode, self._label,
                                      self._bind_metadata(metadata))
