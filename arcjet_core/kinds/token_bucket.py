"""Rate limit, token bucket: starts full, refills ``refill_rate`` tokens every
``interval`` seconds up to ``capacity``; a request takes ``requested`` tokens.
The maths is in arcjet_core/ratelimit/algorithms.py (and its Lua twin)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from arcjet_core.enums import Mode
from arcjet_core.ratelimit import LimitOutcome, LimitParams, TokenBucketParams

from ._rate_limit import RateLimitRule
from ._spec import MAX_INTERVAL_SECONDS, RuleSpec, coerce_characteristics, coerce_mode, positive_int

if TYPE_CHECKING:
    from arcjet_core.engine import ProtectInput
    from arcjet_core.guard._types import Conclusion, RuleResultTokenBucket


@dataclass(frozen=True, slots=True)
class TokenBucket(RuleSpec):
    kind: ClassVar[str] = "RATE_LIMIT"
    algorithm: ClassVar[str] = "TOKEN_BUCKET"
    mode: Mode
    refill_rate: int
    interval: int
    capacity: int
    characteristics: tuple[str, ...] = ()


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
        refill_rate=positive_int(refill_rate, "refill_rate"),
        interval=positive_int(interval, "interval", maximum=MAX_INTERVAL_SECONDS),
        capacity=positive_int(capacity, "capacity"),
        characteristics=coerce_characteristics(characteristics),
    )


class TokenBucketRule(RateLimitRule):

    __slots__ = ()

    def limit_params(self) -> LimitParams:
        rule = self.rule
        assert isinstance(rule, TokenBucket)
        return TokenBucketParams(refill_rate=rule.refill_rate, interval=rule.interval, capacity=rule.capacity)

    def interval_seconds(self) -> int:
        assert isinstance(self.rule, TokenBucket)
        return self.rule.interval

    def amount(self, inputs: ProtectInput) -> int:
        return inputs.requested  # protect(requested=...) tokens


def guard_result(params: TokenBucketParams, outcome: LimitOutcome, conclusion: Conclusion,
                 reset_at: int) -> RuleResultTokenBucket:
    """Guard's typed result for a token bucket."""
    from arcjet_core.guard._types import RuleResultTokenBucket

    return RuleResultTokenBucket(conclusion=conclusion, remaining_tokens=outcome.remaining, max_tokens=outcome.max,
                                 refill_rate=params.refill_rate, refill_interval_seconds=outcome.window_seconds,
                                 reset_at_unix_seconds=reset_at)
