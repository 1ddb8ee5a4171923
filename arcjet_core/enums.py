"""String enums shared by rules, decisions and the public API.

They subclass ``str`` so ``decision.conclusion == "DENY"`` works as the reference shows.
"""

from __future__ import annotations

from enum import Enum


class Mode(str, Enum):
    """Whether a rule enforces (LIVE) or only reports (DRY_RUN)."""

    LIVE = "LIVE"
    DRY_RUN = "DRY_RUN"

    def __str__(self) -> str:
        return self.value


class Conclusion(str, Enum):
    """Outcome of one rule or of a whole decision. Ordered by severity: DENY wins."""

    ALLOW = "ALLOW"
    DENY = "DENY"
    CHALLENGE = "CHALLENGE"
    ERROR = "ERROR"

    def __str__(self) -> str:
        return self.value


# DENY > CHALLENGE > ERROR > ALLOW, as the reference orders them.
CONCLUSION_SEVERITY: dict[Conclusion, int] = {
    Conclusion.ALLOW: 0,
    Conclusion.ERROR: 1,
    Conclusion.CHALLENGE: 2,
    Conclusion.DENY: 3,
}


class RuleState(str, Enum):
    """Whether a rule ran, and in which mode."""

    RUN = "RUN"
    DRY_RUN = "DRY_RUN"
    NOT_RUN = "NOT_RUN"
    CACHED = "CACHED"

    def __str__(self) -> str:
        return self.value


class BotCategory(str, Enum):
    """Bot categories usable in ``detect_bot(allow=...)`` / ``deny=...``."""

    ACADEMIC = "CATEGORY:ACADEMIC"
    ADVERTISING = "CATEGORY:ADVERTISING"
    AI = "CATEGORY:AI"
    AMAZON = "CATEGORY:AMAZON"
    APPLE = "CATEGORY:APPLE"
    ARCHIVE = "CATEGORY:ARCHIVE"
    BOTNET = "CATEGORY:BOTNET"
    FEEDFETCHER = "CATEGORY:FEEDFETCHER"
    GOOGLE = "CATEGORY:GOOGLE"
    META = "CATEGORY:META"
    MICROSOFT = "CATEGORY:MICROSOFT"
    MONITOR = "CATEGORY:MONITOR"
    OPTIMIZER = "CATEGORY:OPTIMIZER"
    PREVIEW = "CATEGORY:PREVIEW"
    PROGRAMMATIC = "CATEGORY:PROGRAMMATIC"
    SEARCH_ENGINE = "CATEGORY:SEARCH_ENGINE"
    SLACK = "CATEGORY:SLACK"
    SOCIAL = "CATEGORY:SOCIAL"
    TOOL = "CATEGORY:TOOL"
    UNKNOWN = "CATEGORY:UNKNOWN"
    VERCEL = "CATEGORY:VERCEL"
    WEBHOOK = "CATEGORY:WEBHOOK"
    YAHOO = "CATEGORY:YAHOO"

    def __str__(self) -> str:
        return self.value


class EmailType(str, Enum):
    """Email classifications usable in ``validate_email(deny=...)`` / ``allow=...``."""

    DISPOSABLE = "DISPOSABLE"
    FREE = "FREE"
    NO_MX_RECORDS = "NO_MX_RECORDS"
    NO_GRAVATAR = "NO_GRAVATAR"
    INVALID = "INVALID"

    def __str__(self) -> str:
        return self.value


class SensitiveInfoEntityType(str, Enum):
    """Sensitive-information entity types.

    The first four are found by the built-in detector (``NATIVE_SENSITIVE_INFO_TYPES``).
    The rest are the reference's names for what a detection ``backend`` (or a
    ``detect=`` function) may report; naming one without either is a
    configuration error, because nothing would ever find it.
    """

    EMAIL = "EMAIL"
    PHONE_NUMBER = "PHONE_NUMBER"
    IP_ADDRESS = "IP_ADDRESS"
    CREDIT_CARD_NUMBER = "CREDIT_CARD_NUMBER"
    GIVEN_NAME = "GIVEN_NAME"
    SURNAME = "SURNAME"
    SSN = "SSN"
    URL = "URL"
    TAX_ID = "TAX_ID"
    BANK_ACCOUNT = "BANK_ACCOUNT"
    ROUTING_NUMBER = "ROUTING_NUMBER"
    GOVERNMENT_ID = "GOVERNMENT_ID"
    PASSPORT = "PASSPORT"
    DRIVERS_LICENSE = "DRIVERS_LICENSE"
    BUILDING_NUMBER = "BUILDING_NUMBER"
    STREET_NAME = "STREET_NAME"
    SECONDARY_ADDRESS = "SECONDARY_ADDRESS"
    CITY = "CITY"
    STATE = "STATE"
    ZIP_CODE = "ZIP_CODE"

    def __str__(self) -> str:
        return self.value


# What the built-in detector (wasm/sensitive) finds.
NATIVE_SENSITIVE_INFO_TYPES: frozenset[str] = frozenset(
    {"EMAIL", "PHONE_NUMBER", "IP_ADDRESS", "CREDIT_CARD_NUMBER"}
)
# The named types only a backend or a detect= function can find.
BACKEND_ONLY_SENSITIVE_INFO_TYPES: frozenset[str] = frozenset(
    t.value for t in SensitiveInfoEntityType
) - NATIVE_SENSITIVE_INFO_TYPES
