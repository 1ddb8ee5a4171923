"""The storage contract the engine calls: operations in, outcomes out."""

from __future__ import annotations

import abc
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from arcjet_core._frozen import fast_init


@dataclass(frozen=True, slots=True)
class TokenBucketParams:
    refill_rate: int
    interval: int
    capacity: int


@dataclass(frozen=True, slots=True)
class FixedWindowParams:
    max: int
    window: int


@dataclass(frozen=True, slots=True)
class SlidingWindowParams:
    max: int
    interval: int


LimitParams = TokenBucketParams | FixedWindowParams | SlidingWindowParams


@fast_init
@dataclass(frozen=True)
class LimitOp:
    # Logical key built by the engine (namespace, rule id, fingerprint joined
    # with "\x1f"); stores hash it, so it may hold anything.
    key: str
    params: LimitParams
    # Token bucket: tokens to take; windows: requests to count (>= 1).
    requested: int = 1


@fast_init
@dataclass(frozen=True)
class LimitOutcome:
    allowed: bool
    max: int
    remaining: int
    # Seconds until the limit resets. Windows: until the current window ends.
    # Token bucket: until the next refill adds tokens (0 when the bucket is full).
    reset_seconds: float
    window_seconds: int
    # A deny only: seconds until this same request (same `requested`) would be
    # allowed if nothing else were counted; the DENY cache keeps it that long.
    retry_after_seconds: float = 0.0


@fast_init
@dataclass(frozen=True)
class SuspicionOp:
    key: str
    add: int
    threshold: int
    window_seconds: int
    block_seconds: int


@fast_init
@dataclass(frozen=True)
class SuspicionOutcome:
    blocked: bool
    score: int
    block_remaining_seconds: float


Op = LimitOp | SuspicionOp
Outcome = LimitOutcome | SuspicionOutcome


class Storage(abc.ABC):
    """Evaluates every stateful operation of one request together.

    ``performs_io`` False means ``run`` never blocks (an in-process store), so
    async callers may call it directly instead of awaiting ``run_async``.

    Outcomes come back in the order of ``ops``. Backend faults raise
    ``ArcjetStorageError``; nothing else escapes.
    """

    performs_io: ClassVar[bool] = True

    @abc.abstractmethod
    def run(self, ops: Sequence[Op]) -> list[Outcome]: ...

    @abc.abstractmethod
    async def run_async(self, ops: Sequence[Op]) -> list[Outcome]: ...

    def close(self) -> None:  # noqa: B027 - optional hook, most stores hold nothing
        pass

    async def aclose(self) -> None:  # noqa: B027
        pass
