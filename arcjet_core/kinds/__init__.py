"""Rule kinds: one module each, registered here.

``prepare(rules, ...)`` compiles a client's rule specs into ``PreparedRule``
objects through this registry; the engine only talks to those. Adding a kind
means writing its module (spec, factory, ``PreparedRule`` subclass) and one
``register`` line below.
"""

from __future__ import annotations

from collections.abc import Sequence

from arcjet_core.errors import ArcjetMisconfiguration

from ._base import KEY_SEPARATOR, AnalyzedRule, AnalyzerPart, PreparedRule, restamped
from ._spec import RuleSpec
from .bot import BotDetection, BotRule
from .email import EmailRule, EmailValidation
from .filter import Filter, FilterRule
from .fixed_window import FixedWindow, FixedWindowRule
from .prompt_injection import PromptInjectionDetection, PromptInjectionRule
from .sensitive_info import SensitiveInfoDetection, SensitiveInfoRule
from .shield import Shield, ShieldRule
from .sliding_window import SlidingWindow, SlidingWindowRule
from .token_bucket import TokenBucket, TokenBucketRule

_REGISTRY: dict[type[RuleSpec], type[PreparedRule]] = {}


def register(spec: type[RuleSpec], prepared: type[PreparedRule]) -> None:
    """Make ``spec`` rules run as ``prepared`` (one call per kind)."""
    if spec in _REGISTRY and _REGISTRY[spec] is not prepared:
        raise ValueError(f"{spec.__name__} is already registered to {_REGISTRY[spec].__name__}")
    _REGISTRY[spec] = prepared


register(TokenBucket, TokenBucketRule)
register(FixedWindow, FixedWindowRule)
register(SlidingWindow, SlidingWindowRule)
register(Shield, ShieldRule)
register(BotDetection, BotRule)
register(EmailValidation, EmailRule)
register(SensitiveInfoDetection, SensitiveInfoRule)
register(PromptInjectionDetection, PromptInjectionRule)
register(Filter, FilterRule)


def prepare(rules: Sequence[RuleSpec], *, namespace: str,
            default_characteristics: tuple[str, ...]) -> tuple[PreparedRule, ...]:
    """Compile one client's rules, in order."""
    out: list[PreparedRule] = []
    for index, rule in enumerate(rules):
        cls = _REGISTRY.get(type(rule))
        if cls is None:
            raise ArcjetMisconfiguration(f"rules[{index}]: {type(rule).__name__} is not a registered rule kind")
        out.append(cls(rule, index, namespace, default_characteristics))
    return tuple(out)


__all__ = [
    "KEY_SEPARATOR",
    "AnalyzedRule",
    "AnalyzerPart",
    "PreparedRule",
    "RuleSpec",
    "prepare",
    "register",
    "restamped",
]
