"""Rule specifications and the factory functions that build and validate them.

A rule is a frozen dataclass: pure configuration, no behaviour. Factories
(``shield()``, ``detect_bot()``, ...) are the public way to build one; they
check every parameter when the rule is made, so a bad configuration fails at
start-up with the parameter's name, never on the first request.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from enum import Enum
from typing import Any, ClassVar

from arcjet_core.enums import BotCategory, EmailType, Mode, SensitiveInfoEntityType
from arcjet_core.errors import ArcjetMisconfiguration

# Characteristic names with a parameter, e.g. http.request.headers["x-api-key"];
# plain names other than ip.src, http.host, http.method and
# http.request.uri.path must be supplied through protect(characteristics={...}).
WELL_KNOWN_CHARACTERISTIC_PREFIXES = (
    'http.request.headers["',
    'http.request.cookie["',
    'http.request.uri.args["',
)
DEFAULT_CHARACTERISTICS: tuple[str, ...] = ("ip.src",)

# Longest interval/window we accept: a year. Anything larger is almost
# certainly a unit mistake (milliseconds passed as seconds).
MAX_INTERVAL_SECONDS = 365 * 24 * 3600
# Largest body shield will inspect. Inspection is linear in the bytes read,
# and the worst request this allows (this body of the costliest bytes plus the
# largest head) must finish in half the analyzer's shortest deadline (100 ms),
# so the deadline is a backstop no traffic reaches: see wasm/shield/README.md,
# "Why 256 KiB at most", for the measurements behind the number.
MAX_SHIELD_BODY = 256 << 10
# shield(on_limit=...): what a request past an inspection limit gets.
SHIELD_ON_LIMIT = ("deny", "inspect_prefix")


class RuleSpec:
    """Base of every rule. Use the factory functions to create rules."""

    __slots__ = ()
    kind: ClassVar[str]
    mode: Mode

    @property
    def rule_id(self) -> str:
        """A stable identity for this configuration (same config, same id, across processes)."""
        parts = [self.kind]
        for f in fields(self):  # type: ignore[arg-type]
            if f.name == "mode":
                continue
            value = getattr(self, f.name)
            if callable(value):
                value = f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', repr(value))}"
            parts.append(f"{f.name}={value!r}")
        return hashlib.sha256("|".join(parts).encode()).hexdigest()[:24]

    def rule_characteristics(self) -> tuple[str, ...]:
        """Characteristics configured on the rule itself (empty: use the client's)."""
        return tuple(getattr(self, "characteristics", ()))


def coerce_mode(mode: Mode | str, *, param: str = "mode") -> Mode:
    if isinstance(mode, Mode):
        return mode
    if isinstance(mode, str):
        normalised = mode.strip().upper().replace("-", "_")
        if normalised in ("DRYRUN", "DRY_RUN"):
            return Mode.DRY_RUN
        if normalised == "LIVE":
            return Mode.LIVE
    raise ArcjetMisconfiguration(f"{param} must be Mode.LIVE, Mode.DRY_RUN, 'LIVE' or 'DRY_RUN', got {mode!r}")


def _positive_int(value: object, param: str, *, maximum: int | None = None) -> int:
    # bool is an int subclass; True as a capacity is a bug, not a 1.
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{param} must be an int, got {type(value).__name__}")
    if value <= 0:
        raise ArcjetMisconfiguration(f"{param} must be a positive integer, got {value}")
    if maximum is not None and value > maximum:
        raise ArcjetMisconfiguration(f"{param} must be at most {maximum}, got {value}")
    return value


def coerce_characteristics(value: object, param: str = "characteristics") -> tuple[str, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise TypeError(f"{param} must be a list of strings such as ['ip.src'], got {value!r}")
    out: list[str] = []
    for item in value:
        if not isinstance(item, str):
            raise TypeError(f"{param} entries must be strings, got {item!r}")
        name = item.strip()
        if not name:
            raise ArcjetMisconfiguration(f"{param} entries cannot be empty")
        if any(name.startswith(p) for p in WELL_KNOWN_CHARACTERISTIC_PREFIXES) and not name.endswith('"]'):
            raise ArcjetMisconfiguration(f'{param} entry {name!r} is malformed; expected e.g. http.request.headers["x-api-key"]')
        if name in out:
            raise ArcjetMisconfiguration(f"{param} lists {name!r} twice")
        out.append(name)
    return tuple(out)


def _str_list(value: object, param: str) -> tuple[str, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise TypeError(f"{param} must be a list, got {value!r}")
    out: list[str] = []
    for item in value:
        if isinstance(item, Enum):
            item = item.value
        if not isinstance(item, str):
            raise TypeError(f"{param} entries must be strings, got {item!r}")
        if not item.strip():
            raise ArcjetMisconfiguration(f"{param} entries cannot be empty strings")
        out.append(item.strip())
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Shield(RuleSpec):
    kind: ClassVar[str] = "SHIELD"
    mode: Mode = Mode.LIVE
    characteristics: tuple[str, ...] = ()
    # A client whose suspicion score reaches `threshold` within `window` seconds
    # is blocked for `block_for` seconds (see docs/architecture.md, Shield).
    threshold: int = 5
    window: int = 300
    block_for: int = 900
    # How much of a request body the detectors read (up to MAX_SHIELD_BODY);
    # ModSecurity's recommended SecRequestBodyNoFilesLimit. Multipart file
    # contents are not inspected and do not count.
    max_body_bytes: int = 128 << 10
    # A request past an inspection limit (a longer body, more parameters than
    # the analyzer reads, deeper JSON, headers or fields the host had to cut)
    # is denied ("deny") or inspected up to the limit ("inspect_prefix").
    on_limit: str = "deny"


@dataclass(frozen=True, slots=True)
class BotDetection(RuleSpec):
    kind: ClassVar[str] = "BOT"
    mode: Mode = Mode.LIVE
    allow: tuple[str, ...] = ()
    deny: tuple[str, ...] = ()
    # The reference's allow=[] means "block every bot"; remember which list the
    # user gave, because both tuples are empty in that case.
    uses_allow_list: bool = True
    verify_dns: bool = False


@dataclass(frozen=True, slots=True)
class TokenBucket(RuleSpec):
    kind: ClassVar[str] = "RATE_LIMIT"
    algorithm: ClassVar[str] = "TOKEN_BUCKET"
    mode: Mode
    refill_rate: int
    interval: int
    capacity: int
    characteristics: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class FixedWindow(RuleSpec):
    kind: ClassVar[str] = "RATE_LIMIT"
    algorithm: ClassVar[str] = "FIXED_WINDOW"
    mode: Mode
    max: int
    window_in_seconds: int
    characteristics: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SlidingWindow(RuleSpec):
    kind: ClassVar[str] = "RATE_LIMIT"
    algorithm: ClassVar[str] = "SLIDING_WINDOW"
    mode: Mode
    max: int
    interval: int
    characteristics: tuple[str, ...] = ()


RateLimitRule = TokenBucket | FixedWindow | SlidingWindow


@dataclass(frozen=True, slots=True)
class EmailValidation(RuleSpec):
    kind: ClassVar[str] = "EMAIL"
    mode: Mode = Mode.LIVE
    deny: tuple[EmailType, ...] = ()
    allow: tuple[EmailType, ...] = ()
    require_top_level_domain: bool = True
    allow_domain_literal: bool = False


@dataclass(frozen=True, slots=True)
class SensitiveInfoDetection(RuleSpec):
    kind: ClassVar[str] = "SENSITIVE_INFO"
    mode: Mode = Mode.LIVE
    allow: tuple[str, ...] = ()
    deny: tuple[str, ...] = ()
    context_window_size: int | None = None
    detect: Callable[[list[str]], Sequence[str | None]] | None = field(default=None, compare=False)
    characteristics: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PromptInjectionDetection(RuleSpec):
    kind: ClassVar[str] = "PROMPT_INJECTION"
    mode: Mode = Mode.LIVE


@dataclass(frozen=True, slots=True)
class Filter(RuleSpec):
    kind: ClassVar[str] = "FILTER"
    mode: Mode = Mode.LIVE
    allow: tuple[str, ...] = ()
    deny: tuple[str, ...] = ()


# ---------------------------------------------------------------- factories


def shield(
    *,
    mode: Mode | str = Mode.LIVE,
    characteristics: Sequence[str] = (),
    threshold: int = 5,
    window: int = 300,
    block_for: int = 900,
    max_body_bytes: int = 128 << 10,
    on_limit: str = "deny",
) -> Shield:
    """Detect common attacks (SQL injection, XSS, traversal, ...) and block suspicious clients.

    ``max_body_bytes`` bounds how much of a body is inspected (default 128 KiB,
    as ModSecurity's recommended SecRequestBodyNoFilesLimit; at most 256 KiB):
    a multipart upload's file contents are not inspected and do not count. The
    client's ``body_limit`` bounds how much is read at all.
    ``on_limit`` says what a request past any inspection limit gets: ``"deny"``
    (the default: a SHIELD deny with category ``INSPECTION_LIMIT``, the way
    ModSecurity rejects an over-limit body) or ``"inspect_prefix"`` (the part
    within the limits is inspected, the rest is not; a LOW finding notes it).
    """
    if on_limit not in SHIELD_ON_LIMIT:
        raise ArcjetMisconfiguration(f"on_limit must be one of {', '.join(map(repr, SHIELD_ON_LIMIT))}, got {on_limit!r}")
    return Shield(
        mode=coerce_mode(mode),
        characteristics=coerce_characteristics(characteristics),
        threshold=_positive_int(threshold, "threshold"),
        window=_positive_int(window, "window", maximum=MAX_INTERVAL_SECONDS),
        block_for=_positive_int(block_for, "block_for", maximum=MAX_INTERVAL_SECONDS),
        max_body_bytes=_positive_int(max_body_bytes, "max_body_bytes", maximum=MAX_SHIELD_BODY),
        on_limit=on_limit,
    )


def _bot_specifiers(value: object, param: str) -> tuple[str, ...]:
    out: list[str] = []
    for item in _str_list(value, param):
        upper = item.upper()
        if upper.startswith("CATEGORY:"):
            known = {c.value for c in BotCategory}
            if upper not in known:
                raise ArcjetMisconfiguration(
                    f"{param}: unknown bot category {item!r}; known: {', '.join(sorted(known))}"
                )
        out.append(upper)
    return tuple(out)


def detect_bot(
    *,
    mode: Mode | str = Mode.LIVE,
    allow: Sequence[str | BotCategory] | None = None,
    deny: Sequence[str | BotCategory] | None = None,
    verify_dns: bool = False,
) -> BotDetection:
    """Detect automated clients. Give exactly one of ``allow`` (block every bot not listed)
    or ``deny`` (block only the listed bots). ``allow=[]`` blocks every bot."""
    if allow is not None and deny is not None:
        raise ArcjetMisconfiguration("detect_bot: pass either allow or deny, not both")
    if allow is None and deny is None:
        raise ArcjetMisconfiguration("detect_bot: pass allow=[...] or deny=[...] (allow=[] blocks every bot)")
    if not isinstance(verify_dns, bool):
        raise TypeError("verify_dns must be a bool")
    return BotDetection(
        mode=coerce_mode(mode),
        allow=_bot_specifiers(allow, "allow") if allow is not None else (),
        deny=_bot_specifiers(deny, "deny") if deny is not None else (),
        uses_allow_list=allow is not None,
        verify_dns=verify_dns,
    )


def token_bucket(
    *,
    mode: Mode | str = Mode.LIVE,
    refill_rate: int,
    interval: int,
    capacity: int,
    characteristics: Sequence[str] = (),
) -> TokenBucket:
    """Token bucket: starts full, adds ``refill_rate`` tokens every ``interval`` seconds up to ``capacity``."""
    return TokenBucket(
        mode=coerce_mode(mode),
        refill_rate=_positive_int(refill_rate, "refill_rate"),
        interval=_positive_int(interval, "interval", maximum=MAX_INTERVAL_SECONDS),
        capacity=_positive_int(capacity, "capacity"),
        characteristics=coerce_characteristics(characteristics),
    )


def fixed_window(
    *,
    mode: Mode | str = Mode.LIVE,
    max: int,
    window: int,
    characteristics: Sequence[str] = (),
) -> FixedWindow:
    """Fixed window: at most ``max`` requests per ``window`` seconds."""
    return FixedWindow(
        mode=coerce_mode(mode),
        max=_positive_int(max, "max"),
        window_in_seconds=_positive_int(window, "window", maximum=MAX_INTERVAL_SECONDS),
        characteristics=coerce_characteristics(characteristics),
    )


def sliding_window(
    *,
    mode: Mode | str = Mode.LIVE,
    max: int,
    interval: int,
    characteristics: Sequence[str] = (),
) -> SlidingWindow:
    """Sliding window: at most ``max`` requests in any ``interval`` seconds (weighted estimate)."""
    return SlidingWindow(
        mode=coerce_mode(mode),
        max=_positive_int(max, "max"),
        interval=_positive_int(interval, "interval", maximum=MAX_INTERVAL_SECONDS),
        characteristics=coerce_characteristics(characteristics),
    )


def _email_types(value: object, param: str) -> tuple[EmailType, ...]:
    out: list[EmailType] = []
    for item in _str_list(value, param):
        try:
            out.append(EmailType(item.upper()))
        except ValueError:
            raise ArcjetMisconfiguration(
                f"{param}: unknown email type {item!r}; known: {', '.join(t.value for t in EmailType)}"
            ) from None
    return tuple(out)


def validate_email(
    *,
    mode: Mode | str = Mode.LIVE,
    deny: Sequence[str | EmailType] = (),
    allow: Sequence[str | EmailType] = (),
    require_top_level_domain: bool = True,
    allow_domain_literal: bool = False,
) -> EmailValidation:
    """Validate the address passed as ``protect(email=...)``."""
    deny_t, allow_t = _email_types(deny, "deny"), _email_types(allow, "allow")
    if deny_t and allow_t:
        raise ArcjetMisconfiguration("validate_email: pass either allow or deny, not both")
    if not deny_t and not allow_t:
        raise ArcjetMisconfiguration("validate_email: pass deny=[...] (e.g. EmailType.INVALID) or allow=[...]")
    for name, flag in (("require_top_level_domain", require_top_level_domain), ("allow_domain_literal", allow_domain_literal)):
        if not isinstance(flag, bool):
            raise TypeError(f"{name} must be a bool")
    return EmailValidation(
        mode=coerce_mode(mode),
        deny=deny_t,
        allow=allow_t,
        require_top_level_domain=require_top_level_domain,
        allow_domain_literal=allow_domain_literal,
    )


def detect_sensitive_info(
    *,
    mode: Mode | str = Mode.LIVE,
    allow: Sequence[str | SensitiveInfoEntityType] = (),
    deny: Sequence[str | SensitiveInfoEntityType] = (),
    context_window_size: int | None = None,
    detect: Callable[[list[str]], Sequence[str | None]] | None = None,
    characteristics: Sequence[str] = (),
) -> SensitiveInfoDetection:
    """Detect sensitive information in ``protect(sensitive_info_value=...)``."""
    allow_t, deny_t = _str_list(allow, "allow"), _str_list(deny, "deny")
    if allow_t and deny_t:
        raise ArcjetMisconfiguration("detect_sensitive_info: pass either allow or deny, not both")
    if context_window_size is not None:
        _positive_int(context_window_size, "context_window_size")
    if detect is not None and not callable(detect):
        raise TypeError("detect must be callable: (tokens: list[str]) -> list[str | None]")
    native = {t.value for t in SensitiveInfoEntityType}
    unknown = [t for t in (*allow_t, *deny_t) if t not in native]
    if unknown and detect is None:
        raise ArcjetMisconfiguration(
            f"detect_sensitive_info: {unknown} can only be found by a custom detect= function; "
            f"built-in types are {sorted(native)}"
        )
    return SensitiveInfoDetection(
        mode=coerce_mode(mode),
        allow=allow_t,
        deny=deny_t,
        context_window_size=context_window_size,
        detect=detect,
        characteristics=coerce_characteristics(characteristics),
    )


def detect_prompt_injection(*, mode: Mode | str = Mode.LIVE) -> PromptInjectionDetection:
    """Detect prompt injection in ``protect(detect_prompt_injection_message=...)``."""
    return PromptInjectionDetection(mode=coerce_mode(mode))


def filter_request(
    *,
    mode: Mode | str = Mode.LIVE,
    allow: Sequence[str] = (),
    deny: Sequence[str] = (),
) -> Filter:
    """Allow or deny requests matching filter expressions (e.g. ``'ip.src == "1.2.3.4"'``)."""
    allow_t, deny_t = _str_list(allow, "allow"), _str_list(deny, "deny")
    if allow_t and deny_t:
        raise ArcjetMisconfiguration("filter_request: pass either allow or deny, not both")
    if not allow_t and not deny_t:
        raise ArcjetMisconfiguration("filter_request: pass at least one expression in allow or deny")
    return Filter(mode=coerce_mode(mode), allow=allow_t, deny=deny_t)


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


def interval_of(rule: RateLimitRule) -> int:
    if isinstance(rule, TokenBucket):
        return rule.interval
    if isinstance(rule, FixedWindow):
        return rule.window_in_seconds
    return rule.interval

