"""``RateLimit``, ``RateLimit-Policy`` and ``Retry-After`` response headers.

Format of draft-ietf-httpapi-ratelimit-headers as the reference SDK writes it:

    RateLimit: limit=10, remaining=4, reset=27
    RateLimit-Policy: 10;w=60, 100;w=3600

``RateLimit`` advertises the nearest limit (fewest remaining, then soonest
reset, then smallest max); ``RateLimit-Policy`` lists every rate-limit rule
of the decision, sorted by limit. ``Retry-After`` is added only when the
decision is a RATE_LIMIT denial. Adapters call this; users may too.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterable, MutableMapping
from datetime import timedelta
from math import ceil
from typing import Any, Protocol

from arcjet_core.cache import BoundedMemo

_log = logging.getLogger("arcjet")


class RateLimitReasonLike(Protocol):
    @property
    def type(self) -> str: ...
    @property
    def max(self) -> int: ...
    @property
    def remaining(self) -> int: ...
    @property
    def reset(self) -> timedelta: ...
    @property
    def window(self) -> timedelta: ...


class ResultLike(Protocol):
    @property
    def reason_v2(self) -> Any: ...


class DecisionLike(Protocol):
    @property
    def reason_v2(self) -> Any: ...
    @property
    def results(self) -> Iterable[ResultLike]: ...
    def is_denied(self) -> bool: ...


def _seconds(delta: timedelta) -> int:
    # Round up: advertising a reset one second early invites a denied retry.
    return max(0, math.ceil(delta.total_seconds()))


def _is_rate_limit(reason: Any) -> bool:
    return getattr(reason, "type", None) == "RATE_LIMIT"


def _nearness(reason: RateLimitReasonLike) -> tuple[int, int, int]:
    return (reason.remaining, _seconds(reason.reset), reason.max)


# "max;w=seconds" per (max, window): a client's policies never change, so
# each string is formatted once, not on every response. Bounded: limits are
# configuration, but a duck-typed reason could bring any numbers.
_POLICIES: BoundedMemo[tuple[int, timedelta], str] = BoundedMemo(1024)


def _policy(reason: RateLimitReasonLike) -> str:
    key = (reason.max, reason.window)
    return _POLICIES.get(key) or _POLICIES.put(key, f"{reason.max};w={_seconds(reason.window)}")


def rate_limit_header_pairs(decision: DecisionLike) -> tuple[tuple[str, str], ...]:
    """``(("RateLimit", ...), ("RateLimit-Policy", ...)[, ("Retry-After", ...)])``
    for ``decision``; empty when no rate-limit rule ran. Adapters call this on
    every request, so the common case (one rate limit) takes the short path."""
    first: Any = None
    more: list[Any] | None = None
    for result in decision.results:
        reason = result.reason_v2
        if getattr(reason, "type", None) == "RATE_LIMIT":
            if first is None:
                first = reason
            elif more is None:
                more = [first, reason]
            else:
                more.append(reason)
    top = decision.reason_v2
    if first is None:
        if not _is_rate_limit(top):
            return ()
        # A decision served from the DENY cache may carry only its top-level reason.
        first = top
    if more is None:
        nearest = first
        policy = _POLICIES.get((first.max, first.window)) or _policy(first)
    else:
        nearest = min(more, key=_nearness)
        by_limit = sorted({(r.max, _seconds(r.window)): r for r in more}.items())
        policy = ", ".join(_policy(r) for _, r in by_limit)
    reset = ceil(nearest.reset.total_seconds())
    ratelimit = f"limit={nearest.max}, remaining={nearest.remaining}, reset={reset if reset > 0 else 0}"
    if getattr(top, "type", None) == "RATE_LIMIT" and decision.is_denied():
        # At least 1: a denied client told "0" would retry at once and be denied again.
        retry = str(max(1, _seconds(top.reset)))
        return (("RateLimit", ratelimit), ("RateLimit-Policy", policy), ("Retry-After", retry))
    return (("RateLimit", ratelimit), ("RateLimit-Policy", policy))


def _header_target(target: Any) -> Any:
    """Where headers are written: ``target`` itself when it is a header map
    (a dict, Starlette's MutableHeaders, werkzeug's Headers) or a response
    that takes ``response[name] = value`` (Django), else its ``.headers``
    (a FastAPI/Starlette or Flask response). None when neither."""
    if isinstance(target, MutableMapping):
        return target
    headers = getattr(target, "headers", None)
    if headers is not None and hasattr(headers, "__setitem__"):
        return headers
    if hasattr(target, "__setitem__") and hasattr(target, "__contains__"):
        return target
    return None


def set_rate_limit_headers(target: Any, decision: DecisionLike) -> None:
    """Set ``RateLimit`` and ``RateLimit-Policy`` (and ``Retry-After`` on a
    rate-limit denial) for ``decision`` on a response or a header map.

    ``target`` is a response (FastAPI/Starlette, Flask, Django) or its
    headers. No-op when no rate limit ran. An existing header is replaced,
    with a warning: two writers of one header usually mean two limiters.
    """
    pairs = rate_limit_header_pairs(decision)
    if not pairs:
        return
    headers = _header_target(target)
    if headers is None:
        _log.warning("set_rate_limit_headers: cannot set headers on %s (pass a response or its headers)",
                     type(target).__name__)
        return
    for name, value in pairs:
        if name in headers and headers[name] != value:
            _log.warning("set_rate_limit_headers: replacing the %s header %r with %r", name, headers[name], value)
        headers[name] = value
