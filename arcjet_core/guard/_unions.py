"""The unions of bound and configured rule types."""

from __future__ import annotations

from typing import Any, Union

from arcjet_core.guard._custom import LocalCustomRule, LocalCustomWithInput
from arcjet_core.guard._detectors import (
    DetectPromptInjection,
    LocalDetectSensitiveInfo,
    ModerateContent,
    ModerateContentWithInput,
    PromptInjectionWithInput,
    SensitiveInfoWithInput,
)
from arcjet_core.guard._rules import (
    FixedWindow,
    FixedWindowWithInput,
    SlidingWindow,
    SlidingWindowWithInput,
    TokenBucket,
    TokenBucketWithInput,
)

RuleWithInput = Union[  # noqa: UP007 (typing.Union, as the reference's: subscriptable at run time)
    TokenBucketWithInput,
    FixedWindowWithInput,
    SlidingWindowWithInput,
    PromptInjectionWithInput,
    ModerateContentWithInput,
    SensitiveInfoWithInput,
    LocalCustomWithInput[Any],
]
"""A rule bound to one call's input: what ``guard(rules=[...])`` takes."""

RuleWithConfig = Union[  # noqa: UP007 (typing.Union, as the reference's: subscriptable at run time)
    TokenBucket,
    FixedWindow,
    SlidingWindow,
    DetectPromptInjection,
    ModerateContent,
    LocalDetectSensitiveInfo,
    LocalCustomRule[Any, Any, Any],
]
"""A configured rule (call it with input to bind it)."""
