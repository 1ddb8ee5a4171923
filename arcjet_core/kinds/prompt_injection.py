"""Prompt injection in ``protect(detect_prompt_injection_message=...)``. NOT
BUILT: every evaluation is an ERROR result saying so (issue: prompt injection)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from arcjet_core.enums import Mode

from ._base import UnbuiltRule
from ._spec import RuleSpec, coerce_mode


@dataclass(frozen=True, slots=True)
class PromptInjectionDetection(RuleSpec):
    kind: ClassVar[str] = "PROMPT_INJECTION"
    mode: Mode = Mode.LIVE


def detect_prompt_injection(*, mode: Mode | str = Mode.LIVE) -> PromptInjectionDetection:
    """Detect prompt injection in ``protect(detect_prompt_injection_message=...)``."""
    return PromptInjectionDetection(mode=coerce_mode(mode))


class PromptInjectionRule(UnbuiltRule):
    feature = "detect_prompt_injection"
    required_inputs = ("detect_prompt_injection_message",)
    factory_name = "detect_prompt_injection"

    __slots__ = ()
