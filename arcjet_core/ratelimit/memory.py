"""In-process store: the default. One lock, one ordered dict, no threads."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any

from . import algorithms
from ._types import (
    FixedWindowParams,
    LimitOp,
    LimitOutcome,
    Op,
    Outcome,
    SlidingWindowParams,
    Storage,
    SuspicionOp,
    SuspicionOutcome,
    TokenBucketParams,
)

# What a read of a client with no suspicion score gives (immutable: shared).
_NO_SUSPICION = SuspicionOutcome(False, 0, 0.0)


def monotonic_ms() -> int:
    return time.monotonic_ns() // 1_000_000


class MemoryStorage(Storage):
    """Bounded LRU map of limit state, safe across threads and asyncio tasks.

    Each entry remembers when its state stops mattering; an expired entry is
    treated as absent when read and is the first to go when the map is full,
    because the least recently used entries sit at the front. Eviction of a
    live entry forgets that client's usage, so size ``max_keys`` above the
    number of clients active within your longest window.
    """

    performs_io = False

    def __init__(
        self,
        max_keys: int = 100_000,
        *,
        clock: Callable[[], int] = monotonic_ms,
    ) -> None:
        if max_keys < 1:
            from ..errors import ArcjetMisconfiguration

            raise ArcjetMisconfiguration(f"max_keys must be >= 1, got {max_keys!r}")
        self.max_keys = max_keys
        self._clock = clock
        # key -> [state, expires_at_ms]
        self._entries: OrderedDict[tuple[type, str], list[Any]] = OrderedDict()
        # One lock for the whole run(): a request's ops are applied atomically
        # and no other thread can interleave between read and write.
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    def run(self, ops: Sequence[Op]) -> list[Outcome]:
        with self._lock:
            now = self._clock()
            return [self._apply(op, now) for op in ops]

    async def run_async(self, ops: Sequence[Op]) -> list[Outcome]:
        # No I/O and a lock held for microseconds: calling through is cheaper
        # than any hop to a thread.
        return self.run(ops)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def _apply(self, op: Op, now: int) -> Outcome:
        params = op.params if isinstance(op, LimitOp) else None
        slot = (type(params), op.key)
        entries = self._entries
        entry = entries.get(slot)
        state = None
        if entry is not None:
            if entry[1] > now:
                state = entry[0]
            entries.move_to_end(slot)
        elif type(op) is SuspicionOp and op.add <= 0:
            # Reading a client with no score (every clean request of shield):
            # nothing is stored and nothing blocks, so skip the algorithm.
            return _NO_SUSPICION

        if isinstance(op, SuspicionOp):
            new_state, flag, count, ms, ttl = algorithms.suspicion(
                state, now, op.add, op.threshold, op.window_seconds * 1000, op.block_seconds * 1000
            )
            outcome: Outcome = SuspicionOutcome(flag, count, ms / 1000)
        elif isinstance(params, TokenBucketParams):
            new_state, flag, count, ms, ttl = algorithms.token_bucket(
                state,
                now,
                params.refill_rate,
                params.interval * 1000,
                params.capacity,
                op.requested,
            )
            outcome = LimitOutcome(flag, params.capacity, count, ms / 1000, params.interval)
        elif isinstance(params, FixedWindowParams):
            new_state, flag, count, ms, ttl = algorithms.fixed_window(
                state, now, params.max, params.window * 1000, op.requested
            )
            outcome = LimitOutcome(flag, params.max, count, ms / 1000, params.window)
        elif isinstance(params, SlidingWindowParams):
            new_state, flag, count, ms, ttl = algorithms.sliding_window(
                state, now, params.max, params.interval * 1000, op.requested
            )
            outcome = LimitOutcome(flag, params.max, count, ms / 1000, params.interval)
        else:
            raise TypeError(f"unknown rate-limit params: {params!r}")

        if new_state is None or ttl <= 0:
            if entry is not None:
                del entries[slot]
        elif entry is not None:
            entry[0] = new_state
            entry[1] = now + ttl
        else:
            entries[slot] = [new_state, now + ttl]
            if len(entries) > self.max_keys:
                entries.popitem(last=False)
        return outcome
