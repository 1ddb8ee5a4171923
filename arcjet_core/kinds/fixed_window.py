"""Rate limit, fixed window: at most ``max`` requests per ``window`` seconds,
windows aligned to the clock. The maths is in arcjet_core/ratelimit/algorithms.py."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from arcjet_core.enums import Mode
from arcjet_core.ratelimit import FixedWindowParams, LimitOutcome, LimitParams

from ._rate_limit import RateLimitRule
from ._spec import MAX_INTERVAL_SECONDS, RuleSpec, coerce_characteristics, coerce_mode, positive_int

if TYPE_CHECKING:
    from arcjet_core.guard._types import Conclusion, RuleResultFixedWindow


@dataclass(frozen=True, slots=True)
class FixedWindow(RuleSpec):
    kind: ClassVar[str] = "RATE_LIMIT"
    algorithm: ClassVar[str] = "FIXED_WINDOW"
    mode: Mode
    max: int
    window_in_seconds: int
    characteristics: tuple[str, ...] = ()


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
        max=positive_int(max, "max"),
        window_in_seconds=positive_int(window, "window", maximum=MAX_INTERVAL_SECONDS),
        characteristics=coerce_characteristics(characteristics),
    )


class FixedWindowRule(RateLimitRule):

    __slots__ = ()

    def limit_params(self) -> LimitParams:
        assert isinstance(self.rule, FixedWindow)
        return FixedWindowParams(max=self.rule.max, window=self.rule.window_in_seconds)

    def interval_seconds(self) -> int:
        assert isinstance(self.rule, FixedWindow)
        return self.rule.window_in_seconds


def guard_result(params: FixedWindowParams, outcome: LimitOutcome, conclusion: Conclusion,
                 reset_at: int) -> RuleResultFixedWindow:
    """Guard's typed result for a fixed window."""
    from arcjet_core.guard._types import RuleResultFixedWindow

    return RuleResultFixedWindow(conclusion=conclusion, remaining_requests=outcome.remaining, max_requests=outcome.max,
                                 window_seconds=outcome.window_seconds, reset_at_unix_seconds=reset_at)
