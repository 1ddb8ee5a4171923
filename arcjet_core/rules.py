"""The public rule API: every kind's spec and factory, and the helpers that
combine rules. Each kind lives in its own module under ``arcjet_core.kinds``;
this module is where users (and the reference's import paths) find them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from arcjet_core.kinds._shield_tuning import ShieldExclusion, ShieldSecondOpinion
from arcjet_core.kinds._spec import (
    DEFAULT_CHARACTERISTICS,
    MAX_INTERVAL_SECONDS,
    WELL_KNOWN_CHARACTERISTIC_PREFIXES,
    RuleSpec,
    coerce_characteristics,
    coerce_mode,
)
from arcjet_core.kinds.bot import BotDetection, detect_bot
from arcjet_core.kinds.email import EmailValidation, validate_email
from arcjet_core.kinds.filter import Filter, filter_request
from arcjet_core.kinds.fixed_window import FixedWindow, fixed_window
from arcjet_core.kinds.prompt_injection import PromptInjectionDetection, detect_prompt_injection
from arcjet_core.kinds.sensitive_info import SensitiveInfoDetection, detect_sensitive_info
from arcjet_core.kinds.shield import MAX_SHIELD_BODY, SHIELD_ON_LIMIT, Shield, shield
from arcjet_core.kinds.sliding_window import SlidingWindow, sliding_window
from arcjet_core.kinds.token_bucket import TokenBucket, token_bucket

RateLimitRule = TokenBucket | FixedWindow | SlidingWindow

__all__ = [
    "DEFAULT_CHARACTERISTICS",
    "MAX_INTERVAL_SECONDS",
    "MAX_SHIELD_BODY",
    "SHIELD_ON_LIMIT",
    "WELL_KNOWN_CHARACTERISTIC_PREFIXES",
    "BotDetection",
    "EmailValidation",
    "Filter",
    "FixedWindow",
    "PromptInjectionDetection",
    "RateLimitRule",
    "RuleSpec",
    "SensitiveInfoDetection",
    "Shield",
    "ShieldExclusion",
    "ShieldSecondOpinion",
    "SlidingWindow",
    "TokenBucket",
    "coerce_characteristics",
    "coerce_mode",
    "detect_bot",
    "detect_prompt_injection",
    "detect_sensitive_info",
    "filter_request",
    "fixed_window",
    "flatten_rules",
    "protect_signup",
    "shield",
    "sliding_window",
    "token_bucket",
    "validate_email",
]


def _build(value: object, cls: type[RuleSpec], factory: Callable[..., RuleSpec], param: str) -> RuleSpec:
    if isinstance(value, cls):
        return value
    if isinstance(value, Mapping):
        try:
            return factory(**value)
        except TypeError as exc:
            raise TypeError(f"protect_signup({param}=...): {exc}") from exc
    raise TypeError(f"protect_signup: {param} must be a {cls.__name__} rule or a dict of its arguments")


def protect_signup(
    *,
    rate_limit: SlidingWindow | TokenBucket | FixedWindow | Mapping[str, Any],
    bots: BotDetection | Mapping[str, Any],
    email: EmailValidation | Mapping[str, Any],
) -> list[RuleSpec]:
    """Signup-form protection: a rate limit, bot detection and email validation together.

    Each argument is a rule or a dict of arguments; a dict ``rate_limit`` builds a
    sliding window (``{"max": 5, "interval": 600}``).
    """
    if isinstance(rate_limit, (TokenBucket, FixedWindow, SlidingWindow)):
        limit: RuleSpec = rate_limit
    else:
        limit = _build(rate_limit, SlidingWindow, sliding_window, "rate_limit")
    return [
        limit,
        _build(bots, BotDetection, detect_bot, "bots"),
        _build(email, EmailValidation, validate_email, "email"),
    ]


def flatten_rules(rules: object, param: str = "rules") -> tuple[RuleSpec, ...]:
    """Accept a list of rules, possibly nested (protect_signup returns a list)."""
    if rules is None:
        return ()
    if isinstance(rules, RuleSpec):
        return (rules,)
    if isinstance(rules, (str, bytes)) or not isinstance(rules, Iterable):
        raise TypeError(f"{param} must be a list of rules, got {type(rules).__name__}")
    out: list[RuleSpec] = []
    for item in rules:
        if isinstance(item, RuleSpec):
            out.append(item)
        elif isinstance(item, (list, tuple)):
            out.extend(flatten_rules(item, param))
        else:
            raise TypeError(f"{param} entries must be rules made by shield(), detect_bot(), ...; got {item!r}")
    return tuple(out)
