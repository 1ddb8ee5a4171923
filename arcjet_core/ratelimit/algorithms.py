"""The rate-limit maths: pure functions, the one source of truth.

Time is integer milliseconds (``now``), so Python and the Lua twin in
``algorithms.lua`` compute the same integers: Lua numbers are doubles and stay
exact below 2**53, which milliseconds since the epoch times any realistic
``max`` never reach. Every function takes the stored state (``None`` when there
is none) and returns ``(new_state, flag, count, reset_ms, ttl_ms)``; a
``ttl_ms`` of 0 means the new state equals "no state" and may be dropped.

A deny also has a "retry after": ``*_retry_ms`` take the state the denying
step returned and say how long until the same request would be allowed if
nothing else happened, so a cached deny lasts exactly that long (not to the
window's end, and not past the refill that lets a smaller request in).

Clocks can step backwards (a Redis failover, an NTP jump); each function then
holds time at the stored state's instant instead of handing out fresh tokens.
"""

from __future__ import annotations

# A state is a plain tuple of ints, which stores keep as it is (the memory
# store's tables hold nothing the cyclic GC has to walk). Its shape per kind:
#   token bucket:   (tokens, last refill instant)
#   fixed window:   (window index, count)
#   sliding window: (window index, current count, previous count)
#   suspicion:      (score, score expiry instant, blocked until)
State = tuple[int, ...]

Step = tuple[State | None, bool, int, int, int]


def token_bucket(
    state: State | None,
    now: int,
    refill_rate: int,
    interval_ms: int,
    capacity: int,
    requested: int,
) -> Step:
    """Full at first sight; ``refill_rate`` tokens every ``interval_ms``, capped.

    Refills are discrete and anchored at the last refill instant, so a bucket
    gains exactly ``refill_rate`` tokens per elapsed interval. While the bucket
    is full the refill clock is idle: it restarts at the next take. Returns
    ``reset_ms`` = time until the next refill (0 when full).
    """
    if state is None:
        tokens, last = capacity, now
    else:
        tokens, last = state
        now = max(now, last)
        refills = (now - last) // interval_ms
        if refills:
            tokens = min(capacity, tokens + refills * refill_rate)
            last += refills * interval_ms
    if tokens >= capacity:
        tokens, last = capacity, now
    allowed = requested <= tokens
    if allowed:
        tokens -= requested
    if tokens >= capacity:
        return None, allowed, tokens, 0, 0
    reset_ms = last + interval_ms - now
    refills_to_full = -(-(capacity - tokens) // refill_rate)
    ttl_ms = last + refills_to_full * interval_ms - now
    return (tokens, last), allowed, tokens, reset_ms, ttl_ms


def fixed_window(
    state: State | None,
    now: int,
    max_: int,
    window_ms: int,
    requested: int,
) -> Step:
    """At most ``max_`` requests per window; windows are aligned to the clock's epoch."""
    index = now // window_ms
    count = 0
    if state is not None:
        if state[0] > index:  # clock stepped back: stay in the stored window
            index, now = state[0], state[0] * window_ms
        if state[0] == index:
            count = state[1]
    allowed = count + requested <= max_
    if allowed:
        count += requested
    reset_ms = (index + 1) * window_ms - now
    return (index, count), allowed, max(0, max_ - count), reset_ms, reset_ms


def sliding_window(
    state: State | None,
    now: int,
    max_: int,
    interval_ms: int,
    requested: int,
) -> Step:
    """``rate = previous * (interval - elapsed) / interval + current`` must stay <= ``max_``.

    Compared multiplied through by ``interval_ms`` so the test is exact in
    integers: a fractional weight can never round an extra request in.
    """
    index = now // interval_ms
    current = previous = 0
    if state is not None:
        if state[0] > index:
            index, now = state[0], state[0] * interval_ms
        if state[0] == index:
            current, previous = state[1], state[2]
        elif state[0] == index - 1:
            previous = state[1]
    elapsed = now - index * interval_ms
    weighted_previous = previous * (interval_ms - elapsed)
    allowed = weighted_previous + (current + requested) * interval_ms <= max_ * interval_ms
    if allowed:
        current += requested
    remaining = max(
        0, (max_ * interval_ms - weighted_previous - current * interval_ms) // interval_ms
    )
    reset_ms = interval_ms - elapsed
    # The current count is still needed as "previous" during the next window.
    return (index, current, previous), allowed, remaining, reset_ms, reset_ms + interval_ms


def token_bucket_retry_ms(
    state: State | None,
    now: int,
    refill_rate: int,
    interval_ms: int,
    capacity: int,
    requested: int,
) -> int:
    """After a deny: ms until the refills give ``requested`` tokens.

    A request for more than the capacity is never allowed; it is asked again
    every interval (state is None only then: a full bucket denied it).
    """
    if state is None or requested > capacity:
        return interval_ms
    tokens, last = state[0], state[1]
    now = max(now, last)
    refills = -(-(requested - tokens) // refill_rate)
    return max(1, last + refills * interval_ms - now)


def fixed_window_retry_ms(
    state: State | None,
    now: int,
    max_: int,
    window_ms: int,
    requested: int,
) -> int:
    """After a deny: ms until the window ends (the count starts again then)."""
    index = now // window_ms if state is None else max(state[0], now // window_ms)
    return max(1, (index + 1) * window_ms - max(now, index * window_ms))


def sliding_window_retry_ms(
    state: State | None,
    now: int,
    max_: int,
    interval_ms: int,
    requested: int,
) -> int:
    """After a deny: ms until the weighted count lets ``requested`` in.

    Within the window, the previous window's weight falls by one per ms: the
    request fits once ``previous * (interval - elapsed) <= (max - current -
    requested) * interval``. If it never fits in this window, the current
    count becomes the previous one and the same test runs in the next window
    (and in the one after, both counts are gone).
    """
    if state is None:
        return 1
    index, current, previous = state[0], state[1], state[2]
    now = max(now, index * interval_ms)
    elapsed = now - index * interval_ms
    room = (max_ - current - requested) * interval_ms
    if room >= 0:
        fits_at = interval_ms - room // previous if previous else 0
        if fits_at < interval_ms:
            return max(1, fits_at - elapsed)
    to_next = interval_ms - elapsed
    room = (max_ - requested) * interval_ms
    if room < 0:  # more than max: never allowed; asked again after two windows
        return to_next + interval_ms
    if current == 0:
        return max(1, to_next)
    fits_at = interval_ms - room // current
    return max(1, to_next + max(0, min(interval_ms, fits_at)))


def suspicion(
    state: State | None,
    now: int,
    add: int,
    threshold: int,
    window_ms: int,
    block_ms: int,
) -> Step:
    """A per-client score that blocks the client for ``block_ms`` once it reaches ``threshold``.

    The score expires ``window_ms`` after its first increment. Reaching the
    threshold starts a block and clears the score, so a client comes back
    clean once the block ends. Returns ``(state, blocked, score,
    block_remaining_ms, ttl_ms)``; ``add`` of 0 only reads.
    """
    score, expires, blocked_until = state if state is not None else (0, 0, 0)
    if blocked_until > now:
        remaining = blocked_until - now
        return (score, expires, blocked_until), True, score, remaining, remaining
    if expires <= now:
        score = 0
    if add <= 0:
        if score == 0:
            return None, False, 0, 0, 0
        return (score, expires, 0), False, score, 0, expires - now
    if score == 0:
        expires = now + window_ms
    score += add
    if score >= threshold:
        # The score rides along only so reads during the block can report it.
        return (score, 0, now + block_ms), True, score, block_ms, block_ms
    return (score, expires, 0), False, score, 0, expires - now
