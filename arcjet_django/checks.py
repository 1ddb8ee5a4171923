"""System checks: ``manage.py check`` reports a bad settings.ARCJET before a request is served.

Ids and hints are data; the message says what exactly is wrong.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register

from arcjet_core.client import _is_development
from arcjet_django.conf import DEFAULTS, problems, raw_settings

MIDDLEWARE_PATH = "arcjet_django.middleware.ArcjetMiddleware"

HINTS: dict[str, str] = {
    "arcjet.E001": "Set ARCJET = {'KEY': 'my-site', 'RULES': [shield(), ...]} in your settings.",
    "arcjet.E002": "ARCJET['KEY'] namespaces this site's rate-limit state; use a stable, non-empty string.",
    "arcjet.E003": "Build rules with shield(), detect_bot(allow=[...]), token_bucket(...), protect_signup(...).",
    "arcjet.E004": "List the IPs or CIDR ranges of your own proxies, e.g. ['10.0.0.0/8'] ('unix:' for one on a unix socket).",
    "arcjet.E005": "Use 'memory://' or a Redis URL such as 'redis://localhost:6379/0'.",
    "arcjet.E006": "List URL paths (prefixes such as '/health') or globs such as '/static/*'.",
    "arcjet.E007": "FAIL_OPEN is True (a failing rule lets the request through) or False (503).",
    "arcjet.E008": "BODY_LIMIT is the number of body bytes a body rule may read, e.g. 1048576.",
    "arcjet.E009": "ENVIRONMENT is a string such as 'development' or 'production'.",
    "arcjet.E010": "CHARACTERISTICS is a list such as ['ip.src'] or ['http.request.headers[\"x-api-key\"]'].",
    "arcjet.E011": "PLATFORM is one of the supported platform names, e.g. 'cloudflare' or 'fly'.",
    "arcjet.E012": "ON_DENY is a callable (request, decision) -> HttpResponse or its dotted path.",
    "arcjet.E013": "BODY_TIMEOUT is the seconds a body rule waits for the whole body, e.g. 5.0.",
    "arcjet.E014": "IPV6_PREFIX is the prefix length IPv6 clients are keyed by, 1 to 128 (default 64).",
    "arcjet.E015": "PROXY_HEADERS lists the headers your proxies write: ['x-forwarded-for'], 'forwarded', 'x-real-ip'.",
    "arcjet.E016": "DNS_SERVERS lists resolvers as 'host:port' strings (None: the system resolver); DNS_TIMEOUT is seconds.",
    "arcjet.E017": "IP_DATABASE is the path (or a list of paths) of MaxMind / IPinfo / DB-IP .mmdb files.",
    "arcjet.E018": ("DECISION_LOG is a file path, a 'redis://...' URL or a callable; LOG_IP is 'full', 'truncated' "
                    "or 'hashed'; METRICS is True or a prometheus_client registry; TRACING is True or False. "
                    "See docs/decision-log.md."),
}

W001_HINT = f"Known keys: {', '.join(sorted(DEFAULTS))}. A misspelt key is ignored."
W002 = Warning(
    "settings.ARCJET has RULES but ArcjetMiddleware is not in MIDDLEWARE, so no request is protected by them.",
    hint=f"Add '{MIDDLEWARE_PATH}' to MIDDLEWARE (after SecurityMiddleware), or drop RULES.",
    id="arcjet.W002",
)


# Django settings that only make sense behind a reverse proxy.
PROXY_SIGNS = ("SECURE_PROXY_SSL_HEADER", "USE_X_FORWARDED_HOST", "USE_X_FORWARDED_PORT")
W003_HINT = (
    "Set ARCJET['PROXIES'] to your proxies' addresses, e.g. ['10.0.0.0/8'] (the first request from an "
    "undeclared proxy logs the exact value), and ARCJET['PROXY_HEADERS'] if they send Forwarded or X-Real-IP "
    "instead of X-Forwarded-For; see docs/client-ip.md. A proxy on this host (loopback) is already trusted "
    "for one hop: then silence this with SILENCED_SYSTEM_CHECKS = ['arcjet.W003']."
)


def check_settings(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    found, unknown = problems(raw_settings())
    messages: list[CheckMessage] = [Error(str(p), hint=HINTS.get(p.check_id), id=p.check_id) for p in found]
    if unknown:
        messages.append(Warning(f"settings.ARCJET has unknown keys: {', '.join(unknown)}", hint=W001_HINT, id="arcjet.W001"))
    return messages


def check_middleware(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    raw = raw_settings()
    if isinstance(raw, dict) and raw.get("RULES") and MIDDLEWARE_PATH not in getattr(settings, "MIDDLEWARE", ()):
        return [W002]
    return []


def check_client_ip(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Warn when Django is set up behind a proxy that ARCJET was not told about.

    Then every request's peer is that proxy unless it is on loopback: all
    clients would share one rate limit (keyed by the proxy's address).
    """
    raw = raw_settings()
    if not isinstance(raw, Mapping) or raw.get("PROXIES") or raw.get("PLATFORM"):
        return []
    environment = raw.get("ENVIRONMENT")
    if _is_development(environment if isinstance(environment, str) else None):
        return []
    signs = [name for name in PROXY_SIGNS if getattr(settings, name, None)]
    if not signs:
        return []
    return [Warning(
        f"Django is configured for a reverse proxy ({', '.join(signs)}) but settings.ARCJET has no PROXIES: "
        "X-Forwarded-For is then read only from a loopback peer, and a proxy on another address (a load "
        "balancer, docker, Kubernetes) is taken as the client, so every client behind it shares one rate limit.",
        hint=W003_HINT, id="arcjet.W003",
    )]


W004_HINT = (
    "Raise DATA_UPLOAD_MAX_MEMORY_SIZE to at least ARCJET['BODY_LIMIT'], or lower BODY_LIMIT: shield reads a "
    "body through request.body, which Django refuses past DATA_UPLOAD_MAX_MEMORY_SIZE."
)


def check_body_limit(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Warn when a body within BODY_LIMIT can still be one Django will not load.

    Such a body is not inspected: shield's on_limit policy answers it (by
    default a deny), even a multipart upload Django itself would accept."""
    raw = raw_settings()
    if not isinstance(raw, Mapping):
        return []
    limit = raw.get("BODY_LIMIT", DEFAULTS["BODY_LIMIT"])
    django_limit = getattr(settings, "DATA_UPLOAD_MAX_MEMORY_SIZE", None)
    if not isinstance(limit, int) or not isinstance(django_limit, int) or limit <= django_limit:
        return []
    return [Warning(
        f"ARCJET['BODY_LIMIT'] ({limit}) is larger than DATA_UPLOAD_MAX_MEMORY_SIZE ({django_limit}): a body "
        "between the two is not inspected by shield, and its on_limit policy applies.",
        hint=W004_HINT, id="arcjet.W004",
    )]


def register_checks() -> None:
    register(check_settings, Tags.security)
    register(check_middleware, Tags.security)
    register(check_client_ip, Tags.security)
    register(check_body_limit, Tags.security)
