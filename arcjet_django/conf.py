"""``settings.ARCJET``: defaults, validation and the client arguments it yields.

    ARCJET = {
        "KEY": "my-site",                  # required: namespaces this site's state
        "RULES": [shield(), detect_bot(allow=[])],
        "PROXIES": ["10.0.0.0/8"],         # trusted proxies; X-Forwarded-For is read only behind them
        "PROXY_HEADERS": None,             # read from PROXIES: ["x-forwarded-for"] (default), "forwarded", "x-real-ip"
        "STORAGE": "redis://localhost:6379/0",   # default "memory://"
        "TIMEOUT_MS": None,                # ms each Redis command may take
        "EXCLUDE": ["/health", "/static/"],
        "FAIL_OPEN": True,
        "ENVIRONMENT": None,               # "development" accepts private/loopback client IPs
        "BODY_LIMIT": 1048576,             # bytes a body rule may read; larger bodies get 413
        "BODY_TIMEOUT": 5.0,               # seconds a body rule waits for the body; a stalled one gets 408
        "IPV6_PREFIX": 64,                 # IPv6 clients are keyed by this network (a subscriber gets a /64)
        "CHARACTERISTICS": [],
        "PLATFORM": None,                  # "cloudflare", "fly", ...
        "ON_DENY": None,                   # callable(request, decision) -> HttpResponse, or a dotted path
    }

The same validators back the system checks (``manage.py check``) and the
middleware, which raises ImproperlyConfigured when it is built with bad
settings.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from arcjet_core import ArcjetMisconfiguration, Decision
from arcjet_core._body import DEFAULT_BODY_TIMEOUT, check_body_timeout
from arcjet_core.context import DEFAULT_BODY_LIMIT
from arcjet_core.dns_config import DEFAULT_DNS_TIMEOUT, check_dns_timeout, resolve_dns_servers
from arcjet_core.fingerprint import DEFAULT_IPV6_PREFIX, check_ipv6_prefix
from arcjet_core.ip import TrustedProxies, parse_platform, parse_proxy_headers
from arcjet_core.ip_intel import open_databases
from arcjet_core.ratelimit import storage_from
from arcjet_core.responses import PathMatcher
from arcjet_core.rules import coerce_characteristics, flatten_rules

DEFAULTS: dict[str, Any] = {
    "KEY": None,
    "RULES": (),
    "PROXIES": None,
    "PROXY_HEADERS": None,
    "STORAGE": None,
    "TIMEOUT_MS": None,
    "EXCLUDE": (),
    "FAIL_OPEN": True,
    "ENVIRONMENT": None,
    "BODY_LIMIT": DEFAULT_BODY_LIMIT,
    "BODY_TIMEOUT": DEFAULT_BODY_TIMEOUT,
    "IPV6_PREFIX": DEFAULT_IPV6_PREFIX,
    "CHARACTERISTICS": (),
    "PLATFORM": None,
    "ON_DENY": None,
    "DNS_SERVERS": None,
    "DNS_TIMEOUT": DEFAULT_DNS_TIMEOUT,
    "IP_DATABASE": None,
    "DECISION_LOG": None,
    "LOG_IP": "full",
    "METRICS": None,
    "TRACING": False,
}

# Setting name -> client argument.
CLIENT_ARGUMENTS = {
    "KEY": "key",
    "RULES": "rules",
    "PROXIES": "proxies",
    "PROXY_HEADERS": "proxy_headers",
    "STORAGE": "storage",
    "TIMEOUT_MS": "timeout_ms",
    "FAIL_OPEN": "fail_open",
    "ENVIRONMENT": "environment",
    "BODY_LIMIT": "body_limit",
    "BODY_TIMEOUT": "body_timeout",
    "IPV6_PREFIX": "ipv6_prefix",
    "CHARACTERISTICS": "characteristics",
    "PLATFORM": "platform",
    "DNS_SERVERS": "dns_servers",
    "DNS_TIMEOUT": "dns_timeout",
    "IP_DATABASE": "ip_database",
    "DECISION_LOG": "decision_log",
    "LOG_IP": "log_ip",
    "METRICS": "metrics",
    "TRACING": "tracing",
}

OnDeny = Callable[[Any, Decision], Any]


class SettingProblem(Exception):
    """One bad entry of settings.ARCJET; ``check_id`` names the system check."""

    def __init__(self, check_id: str, message: str) -> None:
        super().__init__(message)
        self.check_id = check_id


def _key(value: Any) -> None:
    if not isinstance(value, str) or not value.strip():
        raise SettingProblem("arcjet.E002", f"ARCJET['KEY'] must be a non-empty string, got {value!r}")


def _rules(value: Any) -> None:
    try:
        flatten_rules(value, "ARCJET['RULES']")
    except (TypeError, ValueError) as exc:
        raise SettingProblem("arcjet.E003", str(exc)) from None


def _proxies(value: Any) -> None:
    try:
        TrustedProxies.parse(value, "ARCJET['PROXIES']")
    except ArcjetMisconfiguration as exc:
        raise SettingProblem("arcjet.E004", str(exc)) from None


def _proxy_headers(value: Any) -> None:
    try:
        parse_proxy_headers(value, "ARCJET['PROXY_HEADERS']")
    except ArcjetMisconfiguration as exc:
        raise SettingProblem("arcjet.E015", str(exc)) from None


def _storage(value: Any) -> None:
    if value is None:
        return
    try:
        storage = storage_from(value)  # builds the client only; no connection is made
    except (ArcjetMisconfiguration, ImportError) as exc:
        raise SettingProblem("arcjet.E005", f"ARCJET['STORAGE']: {exc}") from None
    if storage is not value:
        storage.close()


def _exclude(value: Any) -> None:
    try:
        PathMatcher(value, "ARCJET['EXCLUDE']")
    except (TypeError, ValueError) as exc:
        raise SettingProblem("arcjet.E006", str(exc)) from None


def _fail_open(value: Any) -> None:
    if not isinstance(value, bool):
        raise SettingProblem("arcjet.E007", f"ARCJET['FAIL_OPEN'] must be True or False, got {value!r}")


def _body_limit(value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise SettingProblem("arcjet.E008", f"ARCJET['BODY_LIMIT'] must be a non-negative int, got {value!r}")


def _body_timeout(value: Any) -> None:
    try:
        check_body_timeout(value, "ARCJET['BODY_TIMEOUT']")
    except ArcjetMisconfiguration as exc:
        raise SettingProblem("arcjet.E013", str(exc)) from None


def _ipv6_prefix(value: Any) -> None:
    try:
        check_ipv6_prefix(value, "ARCJET['IPV6_PREFIX']")
    except ArcjetMisconfiguration as exc:
        raise SettingProblem("arcjet.E014", str(exc)) from None


def _environment(value: Any) -> None:
    if value is not None and not isinstance(value, str):
        raise SettingProblem("arcjet.E009", f"ARCJET['ENVIRONMENT'] must be a string, got {value!r}")


def _characteristics(value: Any) -> None:
    try:
        coerce_characteristics(value, "ARCJET['CHARACTERISTICS']")
    except (TypeError, ValueError) as exc:
        raise SettingProblem("arcjet.E010", str(exc)) from None


def _platform(value: Any) -> None:
    try:
        parse_platform(value)
    except ArcjetMisconfiguration as exc:
        raise SettingProblem("arcjet.E011", f"ARCJET['PLATFORM']: {exc}") from None


def _dns_servers(value: Any) -> None:
    try:
        resolve_dns_servers(value) if value is not None else None
    except ArcjetMisconfiguration as exc:
        raise SettingProblem("arcjet.E016", f"ARCJET['DNS_SERVERS']: {exc}") from None


def _dns_timeout(value: Any) -> None:
    try:
        check_dns_timeout(value)
    except ArcjetMisconfiguration as exc:
        raise SettingProblem("arcjet.E016", f"ARCJET['DNS_TIMEOUT']: {exc}") from None


def _ip_database(value: Any) -> None:
    try:
        open_databases(value)
    except (ArcjetMisconfiguration, TypeError) as exc:
        raise SettingProblem("arcjet.E017", f"ARCJET['IP_DATABASE']: {exc}") from None


def _observing(name: str, check: Callable[[Any], object]) -> Callable[[Any], None]:
    """A validator for DECISION_LOG / LOG_IP / METRICS / TRACING: the client's own check."""
    def validate(value: Any) -> None:
        try:
            made = check(value)
        except ArcjetMisconfiguration as exc:
            raise SettingProblem("arcjet.E018", f"ARCJET[{name!r}]: {exc}") from None
        close = getattr(made, "close", None)
        if callable(close):
            close()  # only checked here: the middleware's client opens its own
    return validate


def _decision_log(value: Any) -> object:
    from arcjet_core.observe import observer_from

    return observer_from(value)


def _log_ip(value: Any) -> object:
    from arcjet_core.decision_log._ip import check_mode

    return check_mode(value)


def _metrics(value: Any) -> object:
    from arcjet_core.metrics import metrics_from

    return metrics_from(value)


def _tracing(value: Any) -> object:
    from arcjet_core.tracing import tracing_from

    return tracing_from(value)


def _on_deny(value: Any) -> None:
    try:
        resolve_on_deny(value)
    except ImportError as exc:
        raise SettingProblem("arcjet.E012", f"ARCJET['ON_DENY'] {value!r} cannot be imported: {exc}") from None
    except TypeError as exc:
        raise SettingProblem("arcjet.E012", str(exc)) from None


VALIDATORS: dict[str, Callable[[Any], None]] = {
    "KEY": _key,
    "RULES": _rules,
    "PROXIES": _proxies,
    "PROXY_HEADERS": _proxy_headers,
    "STORAGE": _storage,
    "EXCLUDE": _exclude,
    "FAIL_OPEN": _fail_open,
    "BODY_LIMIT": _body_limit,
    "BODY_TIMEOUT": _body_timeout,
    "IPV6_PREFIX": _ipv6_prefix,
    "ENVIRONMENT": _environment,
    "CHARACTERISTICS": _characteristics,
    "PLATFORM": _platform,
    "ON_DENY": _on_deny,
    "DNS_SERVERS": _dns_servers,
    "DNS_TIMEOUT": _dns_timeout,
    "IP_DATABASE": _ip_database,
    "DECISION_LOG": _observing("DECISION_LOG", _decision_log),
    "LOG_IP": _observing("LOG_IP", _log_ip),
    "METRICS": _observing("METRICS", _metrics),
    "TRACING": _observing("TRACING", _tracing),
}


def resolve_on_deny(value: Any) -> OnDeny | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = import_string(value)
    if not callable(value):
        raise TypeError(f"ARCJET['ON_DENY'] must be a callable (request, decision) -> HttpResponse, got {value!r}")
    on_deny: OnDeny = value
    return on_deny


def raw_settings() -> Any:
    return getattr(settings, "ARCJET", None)


def problems(raw: Any) -> tuple[list[SettingProblem], list[str]]:
    """Every problem with a settings.ARCJET value, and the unknown keys."""
    if raw is None:
        return [SettingProblem("arcjet.E001", "settings.ARCJET is not set")], []
    if not isinstance(raw, Mapping):
        return [SettingProblem("arcjet.E001", f"settings.ARCJET must be a dict, got {type(raw).__name__}")], []
    found: list[SettingProblem] = []
    if "KEY" not in raw:
        found.append(SettingProblem("arcjet.E002", "settings.ARCJET has no 'KEY'"))
    for name, value in raw.items():
        validate = VALIDATORS.get(name)
        if validate is None:
            continue
        try:
            validate(value)
        except SettingProblem as problem:
            found.append(problem)
    unknown = sorted(str(k) for k in raw if k not in DEFAULTS)
    return found, unknown


@dataclass(frozen=True)
class ArcjetSettings:
    client_args: dict[str, Any]
    exclude: PathMatcher
    on_deny: OnDeny | None


def load() -> ArcjetSettings:
    """settings.ARCJET merged with the defaults; ImproperlyConfigured when invalid."""
    raw = raw_settings()
    found, _unknown = problems(raw)  # unknown keys are a system-check warning (arcjet.W001)
    if found:
        raise ImproperlyConfigured("; ".join(f"{p.check_id}: {p}" for p in found))
    merged = {**DEFAULTS, **raw}
    return ArcjetSettings(
        client_args={arg: merged[name] for name, arg in CLIENT_ARGUMENTS.items()},
        exclude=PathMatcher(merged["EXCLUDE"], "ARCJET['EXCLUDE']"),
        on_deny=resolve_on_deny(merged["ON_DENY"]),
    )
