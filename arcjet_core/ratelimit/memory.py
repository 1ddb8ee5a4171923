"""In-process store: the default. One lock, two bounded tables, no threads."""

from __future__ import annotations

import heapq
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence

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

# The index of each kind of limit in a state's key: two kinds of limit on
# one key are two states, as on Redis.
_KINDS: dict[type, int] = {TokenBucketParams: 0, FixedWindowParams: 1, SlidingWindowParams: 2}

# What a read of a client with no suspicion score gives (immutable: shared).
_NO_SUSPICION = SuspicionOutcome(False, 0, 0.0)


def monotonic_ms() -> int:
    return time.monotonic_ns() // 1_000_000


class MemoryStorage(Storage):
    """Bounded limit and suspicion state, safe across threads and asyncio tasks.

    Rate-limit state is an LRU map of at most ``max_keys`` entries: an expired
    entry is treated as absent and, being least recently used, is the first
    to go. Evicting a live entry forgets that bucket's usage; a flood that
    does so needs as many distinct fingerprints, each of which is a fresh
    bucket anyway, so it gains the flooder nothing it did not already have.

    Shield suspicion (scores and blocks) is kept apart, in at most
    ``max_suspects`` entries, so no flood of rate-limit keys can touch it.
    When that table is full, only expired entries are evicted (soonest expiry
    first); a new score that finds no room is not stored (it would otherwise
    push out a live one), and a new block takes the place of the entry that
    expires soonest. So a client's score or block is lost early only if more
    than ``max_suspects`` other clients were scored or blocked and outlast it.
    """

    performs_io = False

    def __init__(
        self,
        max_keys: int = 100_000,
        *,
        max_suspects: int | None = None,
        clock: Callable[[], int] = monotonic_ms,
    ) -> None:
        from ..errors import ArcjetMisconfiguration

        if isinstance(max_keys, bool) or not isinstance(max_keys, int) or max_keys < 1:
            raise ArcjetMisconfiguration(f"max_keys must be an int >= 1, got {max_keys!r}")
        if max_suspects is None:
            max_suspects = max_keys
        if isinstance(max_suspects, bool) or not isinstance(max_suspects, int) or max_suspects < 1:
            raise ArcjetMisconfiguration(f"max_suspects must be an int >= 1, got {max_suspects!r}")
        self.max_keys = max_keys
        self.max_suspects = max_suspects
        self._clock = clock
        # Per client, only flat tuples of ints and strs: the collector stops
        # tracking them at their first pass, so a table of a million clients
        # adds nothing to any later collection (tests/core/test_gc_pressure.py).
        # (A tuple holding a tuple is untracked a pass later, and one holding a
        # type object or a list never is.)
        # (kind, key) -> (expires_at_ms, *state); kind is the params' index in _KINDS.
        self._entries: OrderedDict[tuple[int, str], tuple[int, ...]] = OrderedDict()
        # key -> (expires_at_ms, *state)
        self._suspects: dict[str, tuple[int, ...]] = {}
        # (expires_at_ms, key) of suspicion entries, for eviction by expiry.
        # Updates push a new item and leave the old one (checked against the
        # table when popped); rebuilt when stale items outnumber live ones,
        # so it holds at most 2 * max_suspects + 64 items.
        self._expiry: list[tuple[int, str]] = []
        # One lock for the whole run(): a request's ops are applied atomically
        # and no other thread can interleave between read and write.
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries) + len(self._suspects)

    def run(self, ops: Sequence[Op]) -> list[Outcome]:
        with self._lock:
            now = self._clock()
            return [self._suspicion(op, now) if type(op) is SuspicionOp else self._limit(op, now)  # type: ignore[arg-type]
                    for op in ops]

    async def run_async(self, ops: Sequence[Op]) -> list[Outcome]:
        # No I/O and a lock held for microseconds: calling through is cheaper
        # than any hop to a thread.
        return self.run(ops)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._suspects.clear()
            self._expiry.clear()

    # ------------------------------------------------------------ limits

    def _limit(self, op: LimitOp, now: int) -> Outcome:
        params = op.params
        kind = _KINDS.get(type(params))
        if kind is None:
            raise TypeError(f"unknown rate-limit params: {params!r}")
        slot = (kind, op.key)
        entries = self._entries
        entry = entries.get(slot)
        state = None
        if entry is not None:
            if entry[0] > now:
                state = entry[1:]
            entries.move_to_end(slot)

        if isinstance(params, TokenBucketParams):
            tb = (params.refill_rate, params.interval * 1000, params.capacity, op.requested)
            new_state, flag, count, ms, ttl = algorithms.token_bucket(state, now, *tb)
            retry = 0 if flag else algorithms.token_bucket_retry_ms(new_state, now, *tb)
            outcome = LimitOutcome(flag, params.capacity, count, ms / 1000, params.interval, retry / 1000)
        elif isinstance(params, FixedWindowParams):
            fw = (params.max, params.window * 1000, op.requested)
            new_state, flag, count, ms, ttl = algorithms.fixed_window(state, now, *fw)
            retry = 0 if flag else algorithms.fixed_window_retry_ms(new_state, now, *fw)
            outcome = LimitOutcome(flag, params.max, count, ms / 1000, params.window, retry / 1000)
        else:
            sw = (params.max, params.interval * 1000, op.requested)
            new_state, flag, count, ms, ttl = algorithms.sliding_window(state, now, *sw)
            retry = 0 if flag else algorithms.sliding_window_retry_ms(new_state, now, *sw)
            outcome = LimitOutcome(flag, params.max, count, ms / 1000, params.interval, retry / 1000)

        if new_state is None or ttl <= 0:
            if entry is not None:
                del entries[slot]
        else:
            entries[slot] = (now + ttl, *new_state)
            if entry is None and len(entries) > self.max_keys:
                entries.popitem(last=False)
        return outcome

    # --------------------------------------------------------- suspicion

    def _suspicion(self, op: SuspicionOp, now: int) -> Outcome:
        table = self._suspects
        entry = table.get(op.key)
        state = None
        if entry is not None:
            if entry[0] > now:
                state = entry[1:]
        elif op.add <= 0:
            # Reading a client with no score (every clean request of shield):
            # nothing is stored and nothing blocks, so skip the algorithm.
            return _NO_SUSPICION
        new_state, blocked, score, ms, ttl = algorithms.suspicion(
            state, now, op.add, op.threshold, op.window_seconds * 1000, op.block_seconds * 1000
        )
        outcome = SuspicionOutcome(blocked, score, ms / 1000)
        if new_state is None or ttl <= 0:
            if entry is not None:
                del table[op.key]
            return outcome
        expires = now + ttl
        if entry is not None:
            if entry[0] != expires:
                self._push_expiry(expires, op.key)
            table[op.key] = (expires, *new_state)
            return outcome
        if len(table) >= self.max_suspects and not self._make_room(now, blocked):
            return outcome  # full of live scores: this one is not kept (see the class docstring)
        table[op.key] = (expires, *new_state)
        self._push_expiry(expires, op.key)
        return outcome

    def _push_expiry(self, expires: int, key: str) -> None:
        heap = self._expiry
        heapq.heappush(heap, (expires, key))
        if len(heap) > 2 * len(self._suspects) + 64:
            # Mostly stale items: rebuild from the table (amortised O(1) per push).
            self._expiry = [(entry[0], k) for k, entry in self._suspects.items()]
            heapq.heapify(self._expiry)

    def _make_room(self, now: int, for_block: bool) -> bool:
        """Evict expired suspicion entries (soonest first); for a block, the
        soonest-expiring live one if none has expired. True when there is room."""
        heap, table = self._expiry, self._suspects
        while heap:
            expires, key = heap[0]
            entry = table.get(key)
            if entry is None or entry[0] != expires:
                heapq.heappop(heap)  # stale: that entry changed or is gone
                continue
            if expires > now and not for_block:
                return False
            heapq.heappop(heap)
            del table[key]
            return True
        return len(table) < self.max_suspects
