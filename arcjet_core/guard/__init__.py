"""Guard: security rules where there is no HTTP request (agent tool calls,
MCP servers, queue consumers, background jobs).

Configure rules once, bind input per call, pass them to ``guard()``.
Rate limits run on the same storage as the HTTP clients.
``LocalDetectSensitiveInfo`` and ``DetectPromptInjection`` run the same
analyzer as ``detect_sensitive_info`` and ``detect_prompt_injection``.
"""

from arcjet_core.guard._client import (
    ArcjetGuard,
    ArcjetGuardSync,
    launch_arcjet,
    launch_arcjet_sync,
)
from arcjet_core.guard._rules import (
    SENSITIVE_INFO_ENTITY_TYPES,
    DetectPromptInjection,
    FixedWindow,
    LocalCustomRule,
    LocalCustomWithInput,
    LocalDetectSensitiveInfo,
    RateLimitWithInput,
    RuleWithInput,
    SlidingWindow,
    TextWithInput,
    TokenBucket,
)
from arcjet_core.guard._types import (
    Conclusion,
    CustomEvaluateResult,
    Decision,
    Mode,
    RuleResult,
    RuleResultCustom,
    RuleResultError,
    RuleResultFixedWindow,
    RuleResultNotRun,
    RuleResultPromptInjection,
    RuleResultSensitiveInfo,
    RuleResultSlidingWindow,
    RuleResultTokenBucket,
)

__all__ = [
    "SENSITIVE_INFO_ENTITY_TYPES",
    "ArcjetGuard",
    "ArcjetGuardSync",
    "Conclusion",
    "CustomEvaluateResult",
    "Decision",
    "DetectPromptInjection",
    "FixedWindow",
    "LocalCustomRule",
    "LocalCustomWithInput",
    "LocalDetectSensitiveInfo",
    "Mode",
    "RateLimitWithInput",
    "RuleResult",
    "RuleResultCustom",
    "RuleResultError",
    "RuleResultFixedWindow",
    "RuleResultNotRun",
    "RuleResultPromptInjection",
    "RuleResultSensitiveInfo",
    "RuleResultSlidingWindow",
    "RuleResultTokenBucket",
    "RuleWithInput",
    "SlidingWindow",
    "TextWithInput",
    "TokenBucket",
    "launch_arcjet",
    "launch_arcjet_sync",
]
