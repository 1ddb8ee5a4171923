"""System checks: ``manage.py check`` reports a bad settings.ARCJET before a request is served.

Ids and hints are data; the message says what exactly is wrong.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register

from arcjet_django.conf import DEFAULTS, problems, raw_settings

MIDDLEWARE_PATH = "arcjet_django.middleware.ArcjetMiddleware"

HINTS: dict[str, str] = {
    "arcjet.E001": "Set ARCJET = {'KEY': 'my-site', 'RULES': [shield(), ...]} in your settings.",
    "arcjet.E002": "ARCJET['KEY'] namespaces this site's rate-limit state; use a stable, non-empty string.",
    "arcjet.E003": "Build rules with shield(), detect_bot(allow=[...]), token_bucket(...), protect_signup(...).",
    "arcjet.E004": "List the IPs or CIDR ranges of your own proxies, e.g. ['10.0.0.0/8'].",
    "arcjet.E005": "Use 'memory://' or a Redis URL such as 'redis://localhost:6379/0'.",
    "arcjet.E006": "List URL paths (prefixes such as '/health') or globs such as '/static/*'.",
    "arcjet.E007": "FAIL_OPEN is True (a failing rule lets the request through) or False (503).",
    "arcjet.E008": "BODY_LIMIT is the number of body bytes a body rule may read, e.g. 1048576.",
    "arcjet.E009": "ENVIRONMENT is a string such as 'development' or 'production'.",
    "arcjet.E010": "CHARACTERISTICS is a list such as ['ip.src'] or ['http.request.headers[\"x-api-key\"]'].",
    "arcjet.E011": "PLATFORM is one of the supported platform names, e.g. 'cloudflare' or 'fly'.",
    "arcjet.E012": "ON_DENY is a callable (request, decision) -> HttpResponse or its dotted path.",
}

W001_HINT = f"Known keys: {', '.join(sorted(DEFAULTS))}. A misspelt key is ignored."
W002 = Warning(
    "settings.ARCJET has RULES but ArcjetMiddleware is not in MIDDLEWARE, so no request is protected by them.",
    hint=f"Add '{MIDDLEWARE_PATH}' to MIDDLEWARE (after SecurityMiddleware), or drop RULES.",
    id="arcjet.W002",
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


def register_checks() -> None:
    register(check_settings, Tags.security)
    register(check_middleware, Tags.security)
