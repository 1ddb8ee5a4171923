"""The reference SDK's ``arcjet.dataclasses`` names."""

from arcjet_core.decision import (
    BotReason,
    EmailReason,
    ErrorReason,
    FilterReason,
    IdentifiedEntity,
    IpDetails,
    PromptInjectionReason,
    RateLimitReason,
    Reason,
    SensitiveInfoReason,
    ShieldReason,
)

__all__ = [
    "BotReason",
    "EmailReason",
    "ErrorReason",
    "FilterReason",
    "IdentifiedEntity",
    "IpDetails",
    "PromptInjectionReason",
    "RateLimitReason",
    "Reason",
    "SensitiveInfoReason",
    "ShieldReason",
]
