"""Memory-store specifics: bounds, clock, threads, asyncio."""

from __future__ import annotations

import asyncio
import threading

import pytest

from arcjet_core.errors import ArcjetMisconfiguration
from arcjet_core.ratelimit import (
    FixedWindowParams,
    LimitOp,
    LimitOutcome,
    MemoryStorage,
    SlidingWindowParams,
    SuspicionOp,
    SuspicionOutcome,
    TokenBucketParams,
)


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000

    def __call__(self) -> int:
        return self.now


def test_eviction_keeps_the_map_bounded_and_drops_the_least_recent() -> None:
    store = MemoryStorage(max_keys=100)
    params = TokenBucketParams(1, 60, 1)
    store.run([LimitOp("hot", params, 1)])
    for n in range(1000):
        store.run([LimitOp(f"cold-{n}", params, 1)])
        if n % 50 == 0:
            (hot,) = store.run([LimitOp("hot", params, 1)])  # touching keeps it recent
            assert isinstance(hot, LimitOutcome) and not hot.allowed
    assert len(store) == 100


def test_expired_state_is_dropped_when_it_stops_mattering() -> None:
    clock = Clock()
    store = MemoryStorage(clock=clock)
    op = LimitOp("k", TokenBucketParams(1, 1, 2), 1)
    store.run([op])
    assert len(store) == 1
    clock.now += 1000
    store.run([op])  # refilled to full, took one: state again
    clock.now += 1000
    store.run([SuspicionOp("s", 0, 3, 1, 1)])  # a read of a clean client stores nothing
    assert len(store) == 1


@pytest.mark.parametrize(
    "params",
    [TokenBucketParams(5, 1, 5), FixedWindowParams(5, 1), SlidingWindowParams(5, 1)],
)
def test_injected_clock_edges(
    params: TokenBucketParams | FixedWindowParams | SlidingWindowParams,
) -> None:
    clock = Clock()
    store = MemoryStorage(clock=clock)
    op = LimitOp("k", params, 5)
    assert [o.allowed for o in store.run([op, op])] == [True, False]  # type: ignore[union-attr]
    clock.now += 999
    (o,) = store.run([op])
    assert isinstance(o, LimitOutcome) and not o.allowed and o.reset_seconds == 0.001
    clock.now += 1
    (o,) = store.run([op])
    # Sliding: the full previous window still weighs at the edge.
    assert isinstance(o, LimitOutcome) and o.allowed is not isinstance(params, SlidingWindowParams)


def test_bad_max_keys_is_a_misconfiguration() -> None:
    with pytest.raises(ArcjetMisconfiguration, match="max_keys"):
        MemoryStorage(max_keys=0)


@pytest.mark.parametrize(
    "params",
    [TokenBucketParams(1, 3600, 500), FixedWindowParams(500, 3600), SlidingWindowParams(500, 3600)],
)
def test_32_threads_admit_exactly_capacity(
    params: TokenBucketParams | FixedWindowParams | SlidingWindowParams,
) -> None:
    # Frozen clock: no refill and no window edge can hide an over-admission.
    store = MemoryStorage(clock=Clock())
    op = LimitOp("one-key", params, 1)
    admitted = [0] * 32
    start = threading.Barrier(32)

    def hammer(slot: int) -> None:
        start.wait()
        for _ in range(100):
            (o,) = store.run([op])
            admitted[slot] += o.allowed  # type: ignore[union-attr]

    threads = [threading.Thread(target=hammer, args=(n,)) for n in range(32)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(admitted) == 500


async def test_asyncio_tasks_admit_exactly_capacity() -> None:
    store = MemoryStorage(clock=Clock())
    op = LimitOp("one-key", TokenBucketParams(1, 3600, 300), 1)

    async def hammer() -> int:
        admitted = 0
        for _ in range(20):
            (o,) = await store.run_async([op])
            admitted += o.allowed  # type: ignore[union-attr]
            await asyncio.sleep(0)
        return admitted

    assert sum(await asyncio.gather(*(hammer() for _ in range(50)))) == 300


def test_suspicion_reads_answer_for_clean_scored_blocked_and_expired_clients() -> None:
    # A read (add 0) of a client with nothing stored skips the algorithm;
    # every other read goes through it. All must answer alike.
    clock = Clock()
    store = MemoryStorage(clock=clock)

    def read(key: str) -> SuspicionOutcome:
        (outcome,) = store.run([SuspicionOp(key, 0, 3, 10, 5)])
        assert isinstance(outcome, SuspicionOutcome)
        return outcome

    assert read("clean") == SuspicionOutcome(False, 0, 0.0)
    store.run([SuspicionOp("scored", 2, 3, 10, 5)])
    assert read("scored") == SuspicionOutcome(False, 2, 0.0)
    store.run([SuspicionOp("blocked", 3, 3, 10, 5)])
    assert read("blocked") == SuspicionOutcome(True, 3, 5.0)
    clock.now += 10_000
    assert read("scored") == SuspicionOutcome(False, 0, 0.0)  # the score expired
    assert read("blocked") == SuspicionOutcome(False, 0, 0.0)  # the block ended
    assert len(store) == 0


# -- suspicion survives floods (issue 14, finding 8) ------------------------------


@pytest.mark.slow
def test_a_flood_of_200k_new_keys_does_not_unblock_a_blocked_client() -> None:
    """The attack: one /64 (or any source of many fingerprints) filled the
    100k-key LRU with fresh buckets and so flushed every client's suspicion.
    Limits and suspicion now live apart, and a full suspicion table evicts
    only expired entries."""
    clock = Clock()
    store = MemoryStorage(clock=clock)  # the defaults: 100k limit keys, 100k suspects
    block = SuspicionOp("attacker", 5, 5, 300, 900)
    scored = SuspicionOp("suspect", 2, 5, 300, 900)
    assert store.run([block, scored])[0] == SuspicionOutcome(True, 5, 900.0)
    params = TokenBucketParams(1, 60, 5)
    for n in range(200_000):
        clock.now += 1  # 200 s of flood: both entries are still live
        store.run([LimitOp(f"flood-{n}", params, 1), SuspicionOp(f"flood-{n}", 1, 5, 300, 900)])
    assert len(store._entries) == store.max_keys and len(store._suspects) == store.max_suspects
    (still,) = store.run([SuspicionOp("attacker", 0, 5, 300, 900)])
    assert isinstance(still, SuspicionOutcome) and still.blocked
    (score,) = store.run([SuspicionOp("suspect", 0, 5, 300, 900)])
    assert score == SuspicionOutcome(False, 2, 0.0)  # a partial score is kept too
    assert len(store._expiry) <= 2 * store.max_suspects + 64


def test_a_full_suspicion_table_makes_room_from_expired_entries_then_for_blocks_only() -> None:
    clock = Clock()
    store = MemoryStorage(max_keys=10, max_suspects=3, clock=clock)
    for k in ("a", "b", "c"):  # a expires first, c last
        store.run([SuspicionOp(k, 1, 5, 10, 100)])
        clock.now += 1
    # Full of live scores: a new score is answered but not kept...
    assert store.run([SuspicionOp("d", 1, 5, 10, 100)]) == [SuspicionOutcome(False, 1, 0.0)]
    assert "d" not in store._suspects and len(store._suspects) == 3
    # ...a new block takes the place of the entry that expires soonest...
    store.run([SuspicionOp("b", 1, 5, 10, 100)])  # b's score grows; its expiry stays
    assert store.run([SuspicionOp("e", 5, 5, 10, 100)])[0].blocked  # type: ignore[union-attr]
    assert set(store._suspects) == {"b", "c", "e"}
    # ...and once scores expire, new ones find room again.
    clock.now += 10_000
    store.run([SuspicionOp("d", 1, 5, 10, 100)])
    assert "d" in store._suspects and store.run([SuspicionOp("e", 0, 5, 10, 100)])[0].blocked  # type: ignore[union-attr]


def test_bad_max_suspects_is_a_misconfiguration() -> None:
    with pytest.raises(ArcjetMisconfiguration, match="max_suspects"):
        MemoryStorage(max_suspects=0)
