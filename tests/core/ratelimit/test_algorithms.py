"""The maths, tested directly: tables of cases and properties against independent oracles."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arcjet_core.ratelimit import algorithms

S = 1000  # ms


def test_token_bucket_starts_full() -> None:
    state, allowed, remaining, reset, ttl = algorithms.token_bucket(None, 0, 1, 10 * S, 5, 1)
    assert (allowed, remaining, reset, ttl) == (True, 4, 10 * S, 10 * S)
    assert state == (4, 0)


def test_token_bucket_refills_whole_intervals_only() -> None:
    state = (0, 0)
    _, allowed, remaining, reset, _ = algorithms.token_bucket(state, 9_999, 2, 10 * S, 5, 1)
    assert (allowed, remaining, reset) == (False, 0, 1)
    new, allowed, remaining, reset, _ = algorithms.token_bucket(state, 10_000, 2, 10 * S, 5, 1)
    assert (allowed, remaining, reset) == (True, 1, 10 * S)
    assert new == (1, 10_000)


def test_token_bucket_caps_at_capacity_and_idles_when_full() -> None:
    # 100 intervals later the bucket holds capacity, not 100 * rate, and the
    # refill clock restarts at this take.
    new, allowed, remaining, reset, ttl = algorithms.token_bucket((0, 0), 1_000_000, 3, S, 5, 2)
    assert (allowed, remaining, reset) == (True, 3, S)
    assert new == (3, 1_000_000)
    assert ttl == S  # one refill of 3 tops up 2 missing tokens


def test_token_bucket_requested_more_than_tokens_is_denied_without_spending() -> None:
    new, allowed, remaining, _, _ = algorithms.token_bucket((3, 0), 0, 1, S, 10, 4)
    assert (allowed, remaining, new) == (False, 3, (3, 0))


def test_token_bucket_requested_more_than_capacity_keeps_no_state() -> None:
    new, allowed, remaining, reset, ttl = algorithms.token_bucket(None, 0, 1, S, 3, 4)
    assert (new, allowed, remaining, reset, ttl) == (None, False, 3, 0, 0)


def test_fixed_window_counts_per_aligned_window() -> None:
    state = None
    results = []
    for now in (10_000, 10_500, 10_999, 11_000):
        state, allowed, remaining, reset, _ = algorithms.fixed_window(state, now, 2, S, 1)
        results.append((allowed, remaining, reset))
    assert results == [(True, 1, 1000), (True, 0, 500), (False, 0, 1), (True, 1, 1000)]


def test_fixed_window_requested_counts_as_many() -> None:
    state, allowed, remaining, _, _ = algorithms.fixed_window(None, 0, 5, S, 3)
    assert (allowed, remaining) == (True, 2)
    state, allowed, remaining, _, _ = algorithms.fixed_window(state, 1, 5, S, 3)
    assert (allowed, remaining) == (False, 2)
    _, allowed, remaining, _, _ = algorithms.fixed_window(state, 2, 5, S, 2)
    assert (allowed, remaining) == (True, 0)


@pytest.mark.parametrize(
    ("elapsed", "previous", "current", "allowed", "remaining"),
    [
        # rate = previous * (1000 - elapsed) / 1000 + current (+1 for this request)
        (0, 10, 0, False, 0),  # the whole previous window still weighs in
        (500, 10, 0, True, 4),  # 5 + 1 <= 10; 10 - 5 - 1 = 4
        (500, 10, 4, True, 0),  # 5 + 5 = 10
        (500, 10, 5, False, 0),
        (999, 10, 9, False, 0),  # 0.01 + 9 + 1 = 10.01: a sliver of weight still counts
        (999, 10, 8, True, 0),  # 0.01 + 8 + 1 = 9.01; floor(10 - 9.01) = 0
        (100, 3, 0, True, 6),  # 2.7 + 1 = 3.7; floor(10 - 3.7) = 6
    ],
)
def test_sliding_window_weights_previous_window(
    elapsed: int, previous: int, current: int, allowed: bool, remaining: int
) -> None:
    state = (4, current, previous)
    _, got_allowed, got_remaining, reset, ttl = algorithms.sliding_window(
        state, 4 * S + elapsed, 10, S, 1
    )
    assert (got_allowed, got_remaining) == (allowed, remaining)
    assert reset == S - elapsed
    assert ttl == 2 * S - elapsed


def test_sliding_window_rolls_and_forgets() -> None:
    rolled, allowed, remaining, _, _ = algorithms.sliding_window((4, 7, 2), 5 * S, 10, S, 1)
    assert rolled == (5, 1, 7) and (allowed, remaining) == (True, 2)
    forgot, *_ = algorithms.sliding_window((4, 7, 2), 6 * S, 10, S, 1)
    assert forgot == (6, 1, 0)


def test_clock_stepping_back_never_refills_or_reopens() -> None:
    _, allowed, remaining, _, _ = algorithms.token_bucket((0, 50_000), 1_000, 5, S, 5, 1)
    assert (allowed, remaining) == (False, 0)
    state, allowed, _, _, _ = algorithms.fixed_window((50, 2), 10_000, 2, S, 1)
    assert not allowed and state == (50, 2)
    _, allowed, _, _, _ = algorithms.sliding_window((50, 2, 0), 10_000, 2, S, 1)
    assert not allowed


def test_suspicion_blocks_at_threshold_then_forgets() -> None:
    state, blocked, score, remaining, _ = algorithms.suspicion(None, 0, 1, 3, 10 * S, 5 * S)
    assert (blocked, score) == (False, 1)
    state, blocked, score, _, _ = algorithms.suspicion(state, 1, 0, 3, 10 * S, 5 * S)
    assert (blocked, score) == (False, 1)  # add=0 only reads
    state, blocked, score, _, _ = algorithms.suspicion(state, 2, 2, 3, 10 * S, 5 * S)
    assert (blocked, score) == (True, 3)
    state, blocked, score, remaining, _ = algorithms.suspicion(state, 1002, 0, 3, 10 * S, 5 * S)
    assert (blocked, score, remaining) == (True, 3, 4 * S)
    state, blocked, score, remaining, _ = algorithms.suspicion(state, 5002, 0, 3, 10 * S, 5 * S)
    assert (state, blocked, score, remaining) == (None, False, 0, 0)


def test_suspicion_score_expires_after_window_from_first_increment() -> None:
    state, *_ = algorithms.suspicion(None, 0, 1, 3, 10 * S, 5 * S)
    state, *_ = algorithms.suspicion(state, 9 * S, 1, 3, 10 * S, 5 * S)
    _, blocked, score, _, _ = algorithms.suspicion(state, 10 * S, 1, 3, 10 * S, 5 * S)
    assert (blocked, score) == (False, 1)


def test_suspicion_read_of_unknown_client_keeps_no_state() -> None:
    assert algorithms.suspicion(None, 0, 0, 3, S, S) == (None, False, 0, 0, 0)


# -- properties: zero over-admission, checked against independent oracles ----

steps = st.lists(st.tuples(st.integers(0, 2_500), st.integers(1, 4)), min_size=1, max_size=60)


@settings(max_examples=300, deadline=None)
@given(
    steps=steps,
    rate=st.integers(1, 5),
    interval=st.sampled_from([1, 7, 1000, 1500]),
    capacity=st.integers(1, 10),
)
def test_token_bucket_never_admits_more_than_capacity_plus_refills(
    steps: list[tuple[int, int]], rate: int, interval: int, capacity: int
) -> None:
    state = None
    now = start = 10**12
    admitted = 0
    for dt, requested in steps:
        now += dt
        state, allowed, remaining, _, _ = algorithms.token_bucket(
            state, now, rate, interval, capacity, requested
        )  # type: ignore[assignment]
        admitted += requested if allowed else 0
        assert 0 <= remaining <= capacity
        assert admitted <= capacity + rate * ((now - start) // interval)


@settings(max_examples=300, deadline=None)
@given(steps=steps, max_=st.integers(1, 10), window=st.sampled_from([1, 7, 1000]))
def test_fixed_window_never_exceeds_max_per_window(
    steps: list[tuple[int, int]], max_: int, window: int
) -> None:
    state = None
    now = 10**12
    per_window: Counter[int] = Counter()
    for dt, requested in steps:
        now += dt
        state, allowed, remaining, reset, _ = algorithms.fixed_window(
            state, now, max_, window, requested
        )  # type: ignore[assignment]
        if allowed:
            per_window[now // window] += requested
        assert per_window[now // window] <= max_
        assert remaining == max_ - per_window[now // window]
        assert 0 < reset <= window


@settings(max_examples=300, deadline=None)
@given(steps=steps, max_=st.integers(1, 10), interval=st.sampled_from([7, 1000, 1500]))
def test_sliding_window_estimate_never_exceeds_max(
    steps: list[tuple[int, int]], max_: int, interval: int
) -> None:
    state = None
    now = 10**12
    per_window: Counter[int] = Counter()
    for dt, requested in steps:
        now += dt
        state, allowed, remaining, _, _ = algorithms.sliding_window(
            state, now, max_, interval, requested
        )  # type: ignore[assignment]
        index = now // interval
        if allowed:
            per_window[index] += requested
        elapsed = now - index * interval
        # Oracle: recompute the weighted rate from the log of admitted requests.
        rate = per_window[index - 1] * (interval - elapsed) / interval + per_window[index]
        assert rate <= max_ + 1e-9
        if not allowed:
            assert rate + requested > max_ - 1e-9
        assert remaining == max(0, int(max_ - rate + 1e-9))


# -- retry after a deny: exact, the DENY cache's lifetime (issue 14, finding 9) --

RETRY: dict[str, tuple[Callable[..., algorithms.Step], Callable[..., int]]] = {
    "t": (algorithms.token_bucket, algorithms.token_bucket_retry_ms),
    "f": (algorithms.fixed_window, algorithms.fixed_window_retry_ms),
    "s": (algorithms.sliding_window, algorithms.sliding_window_retry_ms),
}


@settings(max_examples=400, deadline=None)
@given(
    kind=st.sampled_from(["t", "f", "s"]),
    steps=steps,
    a=st.integers(1, 10),
    interval=st.sampled_from([1, 7, 1000, 1500]),
    capacity=st.integers(1, 10),
)
def test_retry_after_is_the_first_instant_the_same_request_is_allowed(
    kind: str, steps: list[tuple[int, int]], a: int, interval: int, capacity: int
) -> None:
    """A deny's retry-after r: with no other traffic, the same request is still
    denied at r - 1 ms (a shorter cache would only cost a storage trip, a
    longer one over-denies) and allowed at r."""
    step, retry_ms = RETRY[kind]
    state = None
    now = 10**12
    for dt, requested in steps:
        now += dt
        args = (a, interval, capacity, requested) if kind == "t" else (capacity, interval, requested)
        new, allowed, *_ = step(state, now, *args)
        if not allowed:
            r = retry_ms(new, now, *args)
            assert r >= 1
            never = requested > capacity
            if not never:
                assert step(new, now + r, *args)[1], (kind, new, now, r, args)
                if r > 1:
                    assert not step(new, now + r - 1, *args)[1], (kind, new, now, r, args)
        state = new  # type: ignore[assignment]


def test_retry_after_examples() -> None:
    # Token bucket: 1 token left, 5 wanted at 2 a refill: 2 refills, the first due in 10 s.
    assert algorithms.token_bucket_retry_ms((1, 0), 0, 2, 10 * S, 10, 5) == 20 * S
    assert algorithms.token_bucket_retry_ms((1, 0), 4 * S, 2, 10 * S, 10, 5) == 16 * S
    # Fixed window: the window's end.
    assert algorithms.fixed_window_retry_ms((3, 10), 3 * S + 250, 10, S, 1) == 750
    # Sliding window, 10 per 10 s, previous 10, current 1, 1 s in: fits at 2 s, not at the window's end.
    assert algorithms.sliding_window_retry_ms((5, 1, 10), 51 * S, 10, 10 * S, 1) == S
