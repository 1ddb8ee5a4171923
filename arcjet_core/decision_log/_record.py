"""One decision as a log record (docs/decision-log.md): pure, no I/O.

Built on the log's writer thread, never on the request path. Everything a
client chose (path, user agent) is bounded and stripped of what the schema
promises never to hold: email addresses, query strings, header values.
"""

from __future__ import annotations

import json
import math
import re
import time
from collections.abc import Mapping, Sequence
from typing import Any

from arcjet_core.decision import (
    BotReason,
    Decision,
    EmailReason,
    ErrorReason,
    FilterReason,
    IdentifiedEntity,
    NotRunReason,
    PromptInjectionReason,
    RateLimitReason,
    Reason,
    RuleResult,
    SensitiveInfoReason,
    ShieldReason,
)

from ._ip import IpCodec

SCHEMA_VERSION = 1
MAX_PATH = 512
MAX_METHOD = 16
MAX_MESSAGE = 200
MAX_EXPRESSION = 200
MAX_CORRELATION_ID = 256
# The application's metadata, as key + encoded value characters: past this,
# further keys are left out of the record (a log line stays a few KB).
MAX_LOG_METADATA = 8 * 1024
# Classifying reads this much of the User-Agent: a hostile 1 MB header costs no more.
MAX_UA_SCAN = 256

# A path segment or message word holding "@" (raw or percent-encoded): the
# whole run goes, so no part of an address survives.
_EMAIL_RUN = re.compile(r"[^\s/?#;,\"'<>()\[\]]*(?:@|%40)[^\s/?#;,\"'<>()\[\]]*", re.IGNORECASE)

# Cheap substring tests, in this order: crawlers often say "Mozilla/5.0 (compatible; Googlebot...".
_BOT_MARKS = ("bot", "crawl", "spider", "slurp", "scrape", "facebookexternalhit", "preview", "monitor",
              "headless", "lighthouse", "archiver", "fetcher")
_TOOL_MARKS = ("curl/", "wget/", "python-requests", "python-urllib", "python-httpx", "httpx/", "aiohttp",
               "go-http-client", "java/", "okhttp", "libwww-perl", "httpie", "postmanruntime", "insomnia",
               "axios/", "node-fetch", "undici", "guzzle", "ruby", "powershell", "libcurl", "restsharp",
               "apache-httpclient", "dart:io", "reqwest", "php/")


def ua_class(user_agent: str | None) -> str:
    """``browser``, ``bot``, ``tool`` (curl-like), ``other`` or ``none``."""
    if not user_agent or not user_agent.strip():
        return "none"
    ua = user_agent[:MAX_UA_SCAN].lower()
    if any(mark in ua for mark in _BOT_MARKS):
        return "bot"
    if any(mark in ua for mark in _TOOL_MARKS):
        return "tool"
    if ua.startswith("mozilla/") or ua.startswith("opera/"):
        return "browser"
    return "other"


def redact(text: str, limit: int) -> str:
    """``text`` bounded to ``limit`` characters, email-like runs replaced."""
    if "@" in text or "%40" in text.lower():
        text = _EMAIL_RUN.sub("[email]", text)
    if len(text) > limit:
        text = text[: limit - 1] + "\u2026"
    return text


def clean_path(path: str) -> str:
    """The path without any query string or fragment, bounded and redacted."""
    for sep in ("?", "#"):
        cut = path.find(sep)
        if cut >= 0:
            path = path[:cut]
    return redact(path, MAX_PATH)


def utc_iso(ts: float) -> str:
    """``ts`` (seconds since the epoch) as ``2025-03-01T12:00:00.123456Z``."""
    whole = int(ts)
    micros = round((ts - whole) * 1_000_000)
    if micros >= 1_000_000:
        whole, micros = whole + 1, micros - 1_000_000
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(whole)) + f".{micros:06d}Z"


def _types(entities: Sequence[IdentifiedEntity]) -> list[str]:
    return list(dict.fromkeys(str(e.identified_type) for e in entities))


def reason_fields(reason: Reason) -> dict[str, Any]:
    """A reason's key fields, as the schema names them; never raw inputs."""
    if isinstance(reason, RateLimitReason):
        return {"max": int(reason.max), "remaining": int(reason.remaining),
                "reset": int(reason.reset.total_seconds()), "window": int(reason.window.total_seconds())}
    if isinstance(reason, ShieldReason):
        return {"triggered": bool(reason.shield_triggered), "suspicious": bool(reason.suspicious),
                "categories": [str(c) for c in reason.categories], "rule_ids": [int(i) for i in reason.rule_ids],
                "score": int(reason.anomaly_score)}
    if isinstance(reason, BotReason):
        return {"allowed": [str(b) for b in reason.allowed], "denied": [str(b) for b in reason.denied],
                "spoofed": bool(reason.spoofed), "verified": bool(reason.verified)}
    if isinstance(reason, SensitiveInfoReason):
        return {"denied_types": _types(reason.denied), "allowed_types": _types(reason.allowed)}
    if isinstance(reason, EmailReason):
        return {"email_types": [str(t) for t in reason.email_types]}
    if isinstance(reason, PromptInjectionReason):
        return {"detected": bool(reason.injection_detected)}
    if isinstance(reason, FilterReason):
        return {"matched": [redact(str(e), MAX_EXPRESSION) for e in reason.matched_expressions],
                "undetermined": [redact(str(e), MAX_EXPRESSION) for e in reason.undetermined_expressions]}
    if isinstance(reason, (ErrorReason, NotRunReason)):
        return {"message": redact(str(reason.message), MAX_MESSAGE)}
    return {}


def _refuse_constant(name: str) -> object:
    raise ValueError(f"{name} is not JSON")


def _finite(text: str) -> float:
    value = float(text)
    if value in (math.inf, -math.inf):  # "1e400": JSON text, but no finite number to write back
        raise ValueError(f"{text} is out of range")
    return value


def log_metadata(encoded: Mapping[str, str] | None) -> dict[str, Any] | None:
    """``decision.metadata`` (top-level keys to JSON texts) as the record's
    ``metadata`` object: decoded, bounded; a value that is not JSON is left out."""
    if not encoded:
        return None
    out: dict[str, Any] = {}
    size = 0
    for key, text in encoded.items():
        if not isinstance(key, str) or not isinstance(text, str):
            continue
        size += len(key) + len(text)
        if size > MAX_LOG_METADATA:
            break
        try:
            out[key] = json.loads(text, parse_constant=_refuse_constant, parse_float=_finite)
        except (ValueError, RecursionError):
            continue
    return out


def rule_record(result: RuleResult) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": result.rule_id,
        "kind": result.kind,
        "mode": "DRY_RUN" if result.dry_run else "LIVE",
        "state": result.state.value,
        "conclusion": result.conclusion.value,
        "reason": result.reason_v2.type,
    }
    record.update(reason_fields(result.reason_v2))
    return record


def build_record(ts: float, decision: Decision, method: str, path: str, user_agent: str | None,
                 ip: IpCodec) -> dict[str, Any]:
    """The schema-1 record of one decision."""
    record: dict[str, Any] = {
        "v": SCHEMA_VERSION,
        "ts": utc_iso(ts),
        "id": decision.id,
        "conclusion": decision.conclusion.value,
        "reason": decision.reason_v2.type,
        "ip": ip.encode(decision.ip_address),
        "ip_mode": ip.mode,
        "method": redact(method.upper(), MAX_METHOD),
        "path": clean_path(path),
        "ua": ua_class(user_agent),
        "ttl": int(decision.ttl),
        "rules": [rule_record(r) for r in decision.results],
    }
    if decision.correlation_id is not None:
        record["correlation_id"] = str(decision.correlation_id)[:MAX_CORRELATION_ID]
    metadata = log_metadata(decision.metadata)
    if metadata is not None:
        record["metadata"] = metadata
    return record
