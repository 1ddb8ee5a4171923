"""What the three rate-limit kinds share: a LimitOp per request, keyed by the
client's fingerprint, and a RATE_LIMIT reason from its outcome."""

from __future__ import annotations

import math
import time
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

from arcjet_core.decision import RateLimitReason, RuleResult
from arcjet_core.enums import Conclusion, RuleState
from arcjet_core.ratelimit import LimitOp, LimitOutcome, LimitParams

from ._base import PreparedRule, restamped

if TYPE_CHECKING:
    from arcjet_core.ratelimit import Op, Outcome

    from ._spec import RuleSpec

_UTC = timezone.utc


class RateLimitRule(PreparedRule):
    stateful = True

    __slots__ = ("params", "window")

    def __init__(self, rule: RuleSpec, index: int, namespace: str, default_characteristics: tuple[str, ...]) -> None:
        super().__init__(rule, index, namespace, default_characteristics)
        self.params = self.limit_params()
        self.window = timedelta(0, self.interval_seconds())

    def limit_params(self) -> LimitParams:
        raise NotImplementedError

    def interval_seconds(self) -> int:
        raise NotImplementedError

    def op(self, key: str, amount: int) -> Op:
        return LimitOp(key, self.params, amount)

    def conclude(self, fingerprint: str, outcome: Outcome, inspected: RuleResult | None) -> tuple[RuleResult, float]:
        assert isinstance(outcome, LimitOutcome)
        seconds = max(0.0, outcome.reset_seconds)
        # Positional (max, remaining, reset_time, reset, window), and
        # timedelta(0, s) rather than timedelta(seconds=s): built per request.
        reason = RateLimitReason(outcome.max, outcome.remaining,
                                 datetime.fromtimestamp(time.time() + seconds, _UTC),
                                 timedelta(0, seconds), self.window)
        if outcome.allowed:
            return self.result(RuleState.RUN, Conclusion.ALLOW, reason, fingerprint), 0.0
        # Until this request would be allowed, its answer is known: the DENY
        # cache answers it without storage.
        retry = outcome.retry_after_seconds
        return self.result(RuleState.RUN, Conclusion.DENY, reason, fingerprint, max(1, math.ceil(retry))), retry

    def from_cache(self, cached: RuleResult, fingerprint: str, ttl: int) -> RuleResult:
        reason = cached.reason_v2
        if isinstance(reason, RateLimitReason):
            reset = timedelta(seconds=ttl)
            reason = RateLimitReason(max=reason.max, remaining=0, reset_time=datetime.now(_UTC) + reset,
                                     reset=reset, window=reason.window)
        return restamped(cached, fingerprint, state=RuleState.CACHED, reason=reason, ttl=ttl)


def reset_at(outcome: LimitOutcome, now: float) -> int:
    """The Unix second the limit resets (Guard's results carry it)."""
    return math.ceil(now + outcome.reset_seconds)
