"""Guard: security rules where there is no HTTP request (agent tool calls,
MCP servers, queue consumers, background jobs), decided in this process.

Configure rules once, bind input per call, pass them to ``guard()``:

    aj = launch_arcjet(key="my-app")
    limit = TokenBucket(refill_rate=10, interval_seconds=60, max_tokens=100)
    decision = await aj.guard(label="tools.weather", rules=[limit(key=user_id)])

Rate limits run on the same storage as the HTTP clients. The detectors
(prompt injection, content moderation, sensitive information) run the same
analyzer and classifiers as protect()'s rules. ``guard()`` fails open
(``decision.has_failed_open()``); ``guard_action`` fails closed.

The reference SDK's names that only mean something with the Arcjet cloud
(remote policies: ``PolicyEvaluation``, ``PolicyInput``, ``local_input``,
``server_input``, ``RuleResultPolicyExpression``, ``RuleResultIpThreat``,
``RuleResultInputConstraint``, ``Billing``) exist so code written for it
runs; nothing here produces them, and ``guard(inputs=...)`` is reported as
not evaluated.
"""

from arcjet_core.guard._action import capture_action, guard_action, guard_action_sync
from arcjet_core.guard._client import (
    ArcjetGuard,
    ArcjetGuardSync,
    launch_arcjet,
    launch_arcjet_sync,
)
from arcjet_core.guard._context import (
    arcjet_sequence,
    current_correlation_id,
    current_sequence_metadata,
)
from arcjet_core.guard._custom import LocalCustomRule, LocalCustomWithInput, TypedCustomResult
from arcjet_core.guard._detectors import (
    SENSITIVE_INFO_ENTITY_TYPES,
    DetectPromptInjection,
    LocalDetectSensitiveInfo,
    ModerateContent,
    ModerateContentWithInput,
    PromptInjectionWithInput,
    SensitiveInfoWithInput,
    TextWithInput,
    experimental_ModerateContent,
)
from arcjet_core.guard._errors import (
    ArcjetDeniedError,
    ArcjetInvalidLabelError,
    ArcjetUnavailableError,
    OnGuardError,
)
from arcjet_core.guard._label import validate_guard_label
from arcjet_core.guard._policy_input import PolicyInput, PolicyInputMap, local_input, server_input
from arcjet_core.guard._registry import (
    capture,
    flush,
    flush_sync,
    guard,
    guard_sync,
    register_arcjet,
    unregister_arcjet,
)
from arcjet_core.guard._rules import (
    FixedWindow,
    FixedWindowWithInput,
    RateLimitWithInput,
    SlidingWindow,
    SlidingWindowWithInput,
    TokenBucket,
    TokenBucketWithInput,
)
from arcjet_core.guard._types import (
    ArcjetWarning,
    Billing,
    Conclusion,
    CustomEvaluateResult,
    Decision,
    Mode,
    PolicyEvaluation,
    PolicyRuleResult,
    Reason,
    RuleResult,
    RuleResultCustom,
    RuleResultError,
    RuleResultFixedWindow,
    RuleResultInputConstraint,
    RuleResultIpThreat,
    RuleResultModerateContent,
    RuleResultNotRun,
    RuleResultPolicyExpression,
    RuleResultPromptInjection,
    RuleResultSensitiveInfo,
    RuleResultSlidingWindow,
    RuleResultTokenBucket,
    RuleResultUnknown,
    StringMatchOperator,
)
from arcjet_core.guard._unions import RuleWithConfig, RuleWithInput
from arcjet_core.guard._vocabulary import security_metadata
from arcjet_core.metadata import Metadata, MetadataValue

__all__ = [
    "SENSITIVE_INFO_ENTITY_TYPES",
    "ArcjetDeniedError",
    "ArcjetGuard",
    "ArcjetGuardSync",
    "ArcjetInvalidLabelError",
    "ArcjetUnavailableError",
    "ArcjetWarning",
    "Billing",
    "Conclusion",
    "CustomEvaluateResult",
    "Decision",
    "DetectPromptInjection",
    "FixedWindow",
    "FixedWindowWithInput",
    "LocalCustomRule",
    "LocalCustomWithInput",
    "LocalDetectSensitiveInfo",
    "Metadata",
    "MetadataValue",
    "Mode",
    "ModerateContent",
    "ModerateContentWithInput",
    "OnGuardError",
    "PolicyEvaluation",
    "PolicyInput",
    "PolicyInputMap",
    "PolicyRuleResult",
    "PromptInjectionWithInput",
    "RateLimitWithInput",
    "Reason",
    "RuleResult",
    "RuleResultCustom",
    "RuleResultError",
    "RuleResultFixedWindow",
    "RuleResultInputConstraint",
    "RuleResultIpThreat",
    "RuleResultModerateContent",
    "RuleResultNotRun",
    "RuleResultPolicyExpression",
    "RuleResultPromptInjection",
    "RuleResultSensitiveInfo",
    "RuleResultSlidingWindow",
    "RuleResultTokenBucket",
    "RuleResultUnknown",
    "RuleWithConfig",
    "RuleWithInput",
    "SensitiveInfoWithInput",
    "SlidingWindow",
    "SlidingWindowWithInput",
    "StringMatchOperator",
    "TextWithInput",
    "TokenBucket",
    "TokenBucketWithInput",
    "TypedCustomResult",
    "arcjet_sequence",
    "capture",
    "capture_action",
    "current_correlation_id",
    "current_sequence_metadata",
    "experimental_ModerateContent",
    "flush",
    "flush_sync",
    "guard",
    "guard_action",
    "guard_action_sync",
    "guard_sync",
    "launch_arcjet",
    "launch_arcjet_sync",
    "local_input",
    "register_arcjet",
    "security_metadata",
    "server_input",
    "unregister_arcjet",
    "validate_guard_label",
]
