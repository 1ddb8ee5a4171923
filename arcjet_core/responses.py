"""Decision -> HTTP response: the part of every adapter that is not framework code.

An adapter asks ``deny_response(decision, accept=...)``: ``None`` means let the
request through; otherwise it gets a status, headers and a body, and only has
to wrap them in its framework's response class. The mapping follows the
reference: RATE_LIMIT 429 (with ``Retry-After`` and the IETF ``RateLimit``
headers), EMAIL / SENSITIVE_INFO / PROMPT_INJECTION 400, everything else 403.
An ERROR decision fails open unless the client was built with
``fail_open=False``; then it is a 503. A decision whose body did not arrive
within the client's ``body_timeout`` is a 408 either way: the view would only
block on the same stalled upload.

The adapters reach this through arcjet_core.adapter, the one path every
request takes (protect, this response, on_deny, headers). Path exclusion, at
the end, is shared by the adapters for the same reason: so no adapter grows
its own rules.
"""

from __future__ import annotations

import fnmatch
import json
from collections.abc import Iterable
from dataclasses import dataclass

from arcjet_core._body import BODY_TIMEOUT_MESSAGE
from arcjet_core.decision import Decision, ErrorReason, new_decision_id
from arcjet_core.enums import Conclusion
from arcjet_core.headers import rate_limit_header_pairs

__all__ = [
    "DenyResponse",
    "PathMatcher",
    "body_timed_out",
    "deny_response",
    "error_decision",
    "payload_too_large",
    "rate_limit_headers",
    "request_timeout",
    "status_for",
    "wants_json",
]

STATUS_BY_REASON: dict[str, int] = {
    "RATE_LIMIT": 429,
    "EMAIL": 400,
    "SENSITIVE_INFO": 400,
    "PROMPT_INJECTION": 400,
}
DEFAULT_DENY_STATUS = 403
FAIL_CLOSED_STATUS = 503
PAYLOAD_TOO_LARGE = 413
REQUEST_TIMEOUT = 408

MESSAGES: dict[int, str] = {
    400: "Bad request",
    403: "Forbidden",
    408: "Request timeout",
    413: "Payload too large",
    429: "Too many requests",
    503: "Service unavailable",
}

JSON_TYPE = "application/json"
TEXT_TYPE = "text/plain; charset=utf-8"


@dataclass(frozen=True, slots=True)
class DenyResponse:
    """What to send instead of running the view."""

    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    content_type: str
    message: str
    reason: str

    def all_headers(self) -> list[tuple[str, str]]:
        """Headers including Content-Type (Content-Length is the framework's job)."""
        return [("content-type", self.content_type), *self.headers]


def status_for(decision: Decision) -> int:
    """The HTTP status for a denied decision."""
    return STATUS_BY_REASON.get(decision.reason_v2.type, DEFAULT_DENY_STATUS)


def rate_limit_headers(decision: Decision) -> list[tuple[str, str]]:
    """``RateLimit`` / ``RateLimit-Policy`` (and ``Retry-After`` on a denial); empty
    when no rate-limit rule ran. Adapters add these to allowed responses too."""
    return list(rate_limit_header_pairs(decision))


def deny_response(decision: Decision, *, accept: str | None = None, fail_open: bool = True) -> DenyResponse | None:
    """The response that replaces the view, or ``None`` to let the request go ahead."""
    if decision.conclusion in (Conclusion.DENY, Conclusion.CHALLENGE):
        status = status_for(decision)
    elif decision.conclusion is Conclusion.ERROR:
        if body_timed_out(decision):
            return request_timeout(accept)
        if fail_open:
            return None
        status = FAIL_CLOSED_STATUS
    else:
        return None
    headers = rate_limit_header_pairs(decision) if status == 429 else ()
    return _build(status, decision.reason_v2.type, accept, headers)


def payload_too_large(accept: str | None = None) -> DenyResponse:
    """413: a body rule needs the body, and it is larger than the client's ``body_limit``."""
    return _build(PAYLOAD_TOO_LARGE, "BODY_TOO_LARGE", accept, ())


def request_timeout(accept: str | None = None) -> DenyResponse:
    """408: a body rule waited ``body_timeout`` seconds and the body did not arrive."""
    return _build(REQUEST_TIMEOUT, "BODY_TIMEOUT", accept, ())


def body_timed_out(decision: Decision) -> bool:
    """True when a rule errored because the request body did not arrive in time."""
    for result in decision.results:
        reason = result.reason_v2
        if isinstance(reason, ErrorReason) and BODY_TIMEOUT_MESSAGE in reason.message:
            return True
    reason = decision.reason_v2
    return isinstance(reason, ErrorReason) and BODY_TIMEOUT_MESSAGE in reason.message


def error_decision(exc: BaseException) -> Decision:
    """An ERROR decision for a protect() that raised (a client with ``fail_open=False``)."""
    return Decision(
        id=new_decision_id(),
        conclusion=Conclusion.ERROR,
        reason_v2=ErrorReason(message=str(exc) or type(exc).__name__),
        results=(),
    )


def _build(status: int, reason: str, accept: str | None, headers: Iterable[tuple[str, str]]) -> DenyResponse:
    message = MESSAGES.get(status, "Forbidden")
    if wants_json(accept):
        body = json.dumps({"error": message, "reason": reason}).encode()
        content_type = JSON_TYPE
    else:
        body = f"{message}\n".encode()
        content_type = TEXT_TYPE
    return DenyResponse(status, (*headers, ("vary", "Accept")), body, content_type, message, reason)


# ------------------------------------------------------------ negotiation


def _quality(accept: str, candidates: tuple[str, ...]) -> float:
    """Best q-value the Accept header gives any of ``candidates`` (most specific range wins)."""
    best = 0.0
    for media_type in candidates:
        main = media_type.split("/", 1)[0]
        found: tuple[int, float] | None = None  # (specificity, q)
        for part in accept.split(","):
            fields = [f.strip() for f in part.split(";")]
            rng = fields[0].lower()
            q = 1.0
            for param in fields[1:]:
                name, _, value = param.partition("=")
                if name.strip().lower() == "q":
                    try:
                        q = max(0.0, min(1.0, float(value)))
                    except ValueError:
                        q = 0.0
            if rng == media_type:
                specificity = 3
            elif rng == f"{main}/*":
                specificity = 2
            elif rng == "*/*":
                specificity = 1
            else:
                continue
            if found is None or specificity > found[0]:
                found = (specificity, q)
        if found is not None:
            best = max(best, found[1])
    return best


def wants_json(accept: str | None) -> bool:
    """JSON unless the client prefers text: ``*/*`` or no Accept at all means JSON,
    a browser's ``text/html,...,*/*;q=0.8`` means plain text."""
    if not accept or not accept.strip():
        return True
    json_q = _quality(accept, (JSON_TYPE,))
    if "+json" in accept.lower():
        json_q = max(json_q, 1.0)
    text_q = _quality(accept, ("text/html", "text/plain"))
    return json_q > 0 and json_q >= text_q


# -------------------------------------------------------- adapter support


class PathMatcher:
    """Paths an adapter leaves alone (health checks, static files).

    An entry with a glob character (``*?[``) is matched with fnmatch against the
    whole path; any other entry is a prefix on a segment boundary: ``/health``
    matches ``/health`` and ``/health/live`` but not ``/healthz``.
    """

    __slots__ = ("_globs", "_prefixes")

    def __init__(self, patterns: Iterable[str] | None = (), param: str = "exclude") -> None:
        if patterns is None:
            patterns = ()
        if isinstance(patterns, (str, bytes)):
            raise TypeError(f"{param} must be a list of paths or globs, not a single string")
        prefixes: list[str] = []
        globs: list[str] = []
        for pattern in patterns:
            if not isinstance(pattern, str) or not pattern.startswith(("/", "*")):
                raise ValueError(f"{param} entries must be paths starting with '/' (or globs), got {pattern!r}")
            if any(c in pattern for c in "*?["):
                globs.append(pattern)
            else:
                prefixes.append(pattern)
        self._prefixes = tuple(prefixes)
        self._globs = tuple(globs)

    def __bool__(self) -> bool:
        return bool(self._prefixes or self._globs)

    def __call__(self, path: str) -> bool:
        for prefix in self._prefixes:
            if path == prefix or path.startswith(prefix if prefix.endswith("/") else prefix + "/"):
                return True
        return any(fnmatch.fnmatchcase(path, g) for g in self._globs)

