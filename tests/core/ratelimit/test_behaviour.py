"""One behaviour suite for every store (memory, Redis, Redis Cluster), sync and async.

Timing cases use 1-second intervals and real time: Redis reads its own clock
(TIME), so nothing can be faked there. Each case reads the store's own idea
of the window edge from ``reset_seconds`` and sleeps relative to it.
"""

from __future__ import annotations

import asyncio
import uuid

import pytest

from arcjet_core.ratelimit import (
    FixedWindowParams,
    LimitOp,
    LimitOutcome,
    SlidingWindowParams,
    SuspicionOp,
    SuspicionOutcome,
    TokenBucketParams,
    algorithms,
)

from .backends import Run

SEP = "\x1f"


def key(rule: str = "rule") -> str:
    return SEP.join(["ns", rule, uuid.uuid4().hex])


async def limit(run: Run, op: LimitOp) -> LimitOutcome:
    (outcome,) = await run(op)
    assert isinstance(outcome, LimitOutcome)
    return outcome


async def fresh_window(run: Run, seconds: int = 1, need: float = 0.6) -> None:
    """Return right after a window edge when less than ``need`` seconds of it remain."""
    probe = await limit(run, LimitOp(key("probe"), FixedWindowParams(10**6, seconds), 1))
    if probe.reset_seconds < need:
        await asyncio.sleep(probe.reset_seconds + 0.02)


async def test_token_bucket_starts_full_then_denies(run: Run) -> None:
    op = LimitOp(key(), TokenBucketParams(refill_rate=1, interval=10, capacity=3), 1)
    outcomes = [await limit(run, op) for _ in range(4)]
    assert [o.allowed for o in outcomes] == [True, True, True, False]
    assert [o.remaining for o in outcomes] == [2, 1, 0, 0]
    assert all(o.max == 3 and o.window_seconds == 10 for o in outcomes)
    assert all(0 < o.reset_seconds <= 10 for o in outcomes)


async def test_token_bucket_refills_each_interval_up_to_capacity(run: Run) -> None:
    op = LimitOp(key(), TokenBucketParams(refill_rate=5, interval=1, capacity=2), 1)
    await limit(run, op)
    await limit(run, op)
    empty = await limit(run, op)
    assert not empty.allowed and 0 < empty.reset_seconds <= 1
    await asyncio.sleep(empty.reset_seconds + 0.05)
    refilled = await limit(run, op)
    # One refill of 5 tokens is capped at capacity 2, minus this request.
    assert refilled.allowed and refilled.remaining == 1


async def test_token_bucket_requested_takes_that_many(run: Run) -> None:
    params = TokenBucketParams(refill_rate=1, interval=60, capacity=10)
    k = key()
    got = [await limit(run, LimitOp(k, params, n)) for n in (4, 4, 4, 2)]
    assert [(o.allowed, o.remaining) for o in got] == [(True, 6), (True, 2), (False, 2), (True, 0)]


async def test_token_bucket_request_above_capacity_is_denied(run: Run) -> None:
    o = await limit(run, LimitOp(key(), TokenBucketParams(1, 60, 3), 4))
    assert (o.allowed, o.remaining) == (False, 3)


async def test_fixed_window_counts_then_resets_at_the_edge(run: Run) -> None:
    await fresh_window(run)
    op = LimitOp(key(), FixedWindowParams(max=3, window=1), 1)
    got = [await limit(run, op) for _ in range(4)]
    assert [(o.allowed, o.remaining) for o in got] == [(True, 2), (True, 1), (True, 0), (False, 0)]
    resets = [o.reset_seconds for o in got]
    assert resets == sorted(resets, reverse=True) and 0 < resets[-1] <= 1
    await asyncio.sleep(resets[-1] + 0.05)
    after = await limit(run, op)
    assert (after.allowed, after.remaining) == (True, 2)


async def test_fixed_window_requested_counts_as_many(run: Run) -> None:
    await fresh_window(run, seconds=60, need=5)
    params = FixedWindowParams(max=5, window=60)
    k = key()
    got = [await limit(run, LimitOp(k, params, n)) for n in (3, 3, 2)]
    assert [(o.allowed, o.remaining) for o in got] == [(True, 2), (False, 2), (True, 0)]


async def test_sliding_window_weights_the_previous_window(run: Run) -> None:
    await fresh_window(run)
    op = LimitOp(key(), SlidingWindowParams(max=10, interval=1), 1)
    first = [await limit(run, op) for _ in range(11)]
    assert [o.allowed for o in first] == [True] * 10 + [False]
    # Into the next window by ~0.3 s: the previous 10 still weigh ~7.
    await asyncio.sleep(first[-1].reset_seconds + 0.3)
    state: tuple[int, int, int] | None = (0, 10, 0)
    admitted = 0
    for _ in range(12):
        o = await limit(run, op)
        elapsed = round((1 - o.reset_seconds) * 1000)
        # The store's answer must be the formula's answer at the store's own clock.
        state, allowed, remaining, _, _ = algorithms.sliding_window(
            state, 1000 + elapsed, 10, 1000, 1
        )  # type: ignore[assignment]
        assert (o.allowed, o.remaining) == (allowed, remaining)
        admitted += o.allowed
    assert 0 < admitted < 10


async def test_sliding_window_requested_counts_as_many(run: Run) -> None:
    await fresh_window(run, seconds=60, need=5)
    params = SlidingWindowParams(max=5, interval=60)
    k = key()
    got = [await limit(run, LimitOp(k, params, n)) for n in (3, 3, 2)]
    assert [(o.allowed, o.remaining) for o in got] == [(True, 2), (False, 2), (True, 0)]


async def test_many_ops_and_keys_in_one_run_come_back_in_order(run: Run) -> None:
    await fresh_window(run, seconds=60, need=5)
    client = uuid.uuid4().hex
    tb = LimitOp(SEP.join(["ns", "tb", client]), TokenBucketParams(1, 60, 5), 2)
    fw = LimitOp(SEP.join(["ns", "fw", client]), FixedWindowParams(1, 60), 1)
    sw = LimitOp(SEP.join(["ns", "sw", uuid.uuid4().hex]), SlidingWindowParams(3, 60), 1)
    sus = SuspicionOp(
        SEP.join(["ns", "shield", client]), add=1, threshold=5, window_seconds=60, block_seconds=60
    )
    got = await run(tb, fw, sw, sus, tb, fw)
    assert got[0] == LimitOutcome(True, 5, 3, got[0].reset_seconds, 60)
    assert (got[1].allowed, got[1].remaining) == (True, 0)
    assert (got[2].allowed, got[2].remaining, got[2].max) == (True, 2, 3)
    assert got[3] == SuspicionOutcome(blocked=False, score=1, block_remaining_seconds=0.0)
    assert (got[4].allowed, got[4].remaining) == (True, 1)  # sees the first op's spend
    assert (got[5].allowed, got[5].remaining) == (False, 0)


async def test_keys_and_algorithms_do_not_share_state(run: Run) -> None:
    k = key()
    a = LimitOp(k, TokenBucketParams(1, 60, 1), 1)
    b = LimitOp(key(), TokenBucketParams(1, 60, 1), 1)
    same_key_other_algorithm = LimitOp(k, FixedWindowParams(1, 60), 1)
    got = await run(a, a, b, same_key_other_algorithm)
    assert [o.allowed for o in got if isinstance(o, LimitOutcome)] == [True, False, True, True]


async def test_empty_run_returns_nothing(run: Run) -> None:
    assert await run() == []


async def test_suspicion_blocks_at_threshold_for_the_block_period(run: Run) -> None:
    k = key("shield")

    def op(add: int) -> SuspicionOp:
        return SuspicionOp(k, add=add, threshold=3, window_seconds=60, block_seconds=1)

    got = [(await run(op(n)))[0] for n in (1, 1, 0, 1, 0)]
    assert all(isinstance(o, SuspicionOutcome) for o in got)
    assert [(o.blocked, o.score) for o in got] == [  # type: ignore[union-attr]
        (False, 1), (False, 2), (False, 2), (True, 3), (True, 3)
    ]  # fmt: skip
    remaining = got[-1].block_remaining_seconds  # type: ignore[union-attr]
    assert 0 < remaining <= 1
    await asyncio.sleep(remaining + 0.05)
    (after,) = await run(op(0))
    assert after == SuspicionOutcome(blocked=False, score=0, block_remaining_seconds=0.0)


async def test_suspicion_score_expires_after_its_window(run: Run) -> None:
    k = key("shield")
    op = SuspicionOp(k, add=1, threshold=10, window_seconds=1, block_seconds=60)
    await run(op)
    (second,) = await run(op)
    assert isinstance(second, SuspicionOutcome) and second.score == 2
    await asyncio.sleep(1.05)
    (third,) = await run(op)
    assert isinstance(third, SuspicionOutcome) and third.score == 1


@pytest.mark.parametrize("params", [TokenBucketParams(1, 60, 3), FixedWindowParams(3, 60)])
async def test_denied_requests_do_not_count(
    run: Run, params: TokenBucketParams | FixedWindowParams
) -> None:
    await fresh_window(run, seconds=60, need=5)
    k = key()
    big = await limit(run, LimitOp(k, params, 5))
    small = await limit(run, LimitOp(k, params, 3))
    assert (big.allowed, small.allowed, small.remaining) == (False, True, 0)
