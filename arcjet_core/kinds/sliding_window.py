"""Rate limit, sliding window: at most ``max`` requests in any ``interval``
seconds, estimated from the current and previous windows' counts. The maths
is in arcjet_core/ratelimit/algorithms.py."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from arcjet_core.enums import Mode
from arcjet_core.ratelimit import LimitOutcome, LimitParams, SlidingWindowParams

from ._rate_limit import RateLimitRule
from ._spec import MAX_INTERVAL_SECONDS, RuleSpec, coerce_characteristics, coerce_mode, positive_int

if TYPE_CHECKING:
    from arcjet_core.guard._types import Conclusion, RuleResultSlidingWindow


@dataclass(frozen=True, slots=True)
class SlidingWindow(RuleSpec):
    kind: ClassVar[str] = "RATE_LIMIT"
    algorithm: ClassVar[str] = "SLIDING_WINDOW"
    mode: Mode
    max: int
    interval: int
    characteristics: tuple[str, ...] = ()


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
        max=positive_int(max, "max"),
        interval=positive_int(interval, "interval", maximum=MAX_INTERVAL_SECONDS),
        characteristics=coerce_characteristics(characteristics),
    )


class SlidingWindowRule(RateLimitRule):

    __slots__ = ()

    def limit_params(self) -> LimitParams:
        assert isinstance(self.rule, SlidingWindow)
        return SlidingWindowParams(max=self.rule.max, interval=self.rule.interval)

    def interval_seconds(self) -> int:
        assert isinstance(self.rule, SlidingWindow)
        return self.rule.interval


def guard_result(params: SlidingWindowParams, outcome: LimitOutcome, conclusion: Conclusion,
                 reset_at: int) -> RuleResultSlidingWindow:
    """Guard's typed result for a sliding window."""
    from arcjet_core.guard._types import RuleResultSlidingWindow

    return RuleResultSlidingWindow(conclusion=conclusion, remaining_requests=outcome.remaining,
                                   max_requests=outcome.max, interval_seconds=outcome.window_seconds,
                                   reset_at_unix_seconds=reset_at)
