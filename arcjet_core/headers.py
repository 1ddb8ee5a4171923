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

import math
from collections.abc import Iterable, MutableMapping
from datetime import timedelta
from typing import Any, Protocol


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


def set_rate_limit_headers(headers: MutableMapping[str, str], decision: DecisionLike) -> None:
    """Set the rate-limit headers for ``decision`` on ``headers``; no-op without a rate limit."""
    reasons: list[RateLimitReasonLike] = [
        r.reason_v2 for r in decision.results if _is_rate_limit(r.reason_v2)
    ]
    if not reasons and _is_rate_limit(decision.reason_v2):
        # A decision served from the DENY cache may carry only its top-level reason.
        reasons = [decision.reason_v2]
    if not reasons:
        return

    nearest = min(reasons, key=_nearness)
    headers["RateLimit"] = (
        f"limit={nearest.max}, remaining={nearest.remaining}, reset={_seconds(nearest.reset)}"
    )
    policies = sorted({(r.max, _seconds(r.window)) for r in reasons})
    headers["RateLimit-Policy"] = ", ".join(f"{limit};w={window}" for limit, window in policies)

    if decision.is_denied() and _is_rate_limit(decision.reason_v2):
        # At least 1: a denied client told "0" would retry at once and be denied again.
        headers["Retry-After"] = str(max(1, _seconds(decision.reason_v2.reset)))
