"""algorithms.lua must compute exactly what algorithms.py computes.

The production script is algorithms.lua + run.lua; here algorithms.lua is
EVALed on a real Redis with a small driver instead of run.lua, so the Lua
functions run on chosen clock values and their outputs are compared with the
Python functions, step by step, state fed back in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from importlib import resources
from typing import Any

import pytest
import redis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from arcjet_core.ratelimit import algorithms

pytestmark = pytest.mark.redis

DRIVER = """
local step = algorithms[ARGV[1]]
local now = tonumber(ARGV[2])
local n = tonumber(ARGV[3])
local state = nil
if n > 0 then
  state = {}
  for i = 1, n do state[i] = tonumber(ARGV[3 + i]) end
end
local b = 3 + n
local new, flag, count, ms, ttl = step(state, now,
  tonumber(ARGV[b + 1]), tonumber(ARGV[b + 2]), tonumber(ARGV[b + 3]), tonumber(ARGV[b + 4]))
local out = {flag and 1 or 0, count, ms, ttl}
if new then
  for i = 1, #new do out[#out + 1] = new[i] end
end
return out
"""

PY: dict[str, Callable[..., algorithms.Step]] = {
    "t": algorithms.token_bucket,
    "f": algorithms.fixed_window,
    "s": algorithms.sliding_window,
    "x": algorithms.suspicion,
}
ARITY = {"t": 4, "f": 3, "s": 3, "x": 4}


@pytest.fixture(scope="module")
def lua(redis_url: str) -> Iterator[Callable[..., algorithms.Step]]:
    source = resources.files("arcjet_core.ratelimit").joinpath("algorithms.lua").read_text()
    client = redis.Redis.from_url(redis_url)
    script = client.register_script(source + DRIVER)

    def call(kind: str, state: tuple[int, ...] | None, now: int, *args: int) -> algorithms.Step:
        padded = (*args, 0, 0, 0, 0)[:4]
        reply = script(args=[kind, now, len(state or ()), *(state or ()), *padded])
        flag, count, ms, ttl, *new = (int(x) for x in reply)
        return (tuple(new) or None), bool(flag), count, ms, ttl

    yield call
    client.close()


def both(lua: Callable[..., Any], kind: str, state: Any, now: int, *args: int) -> algorithms.Step:
    expected = PY[kind](state, now, *args[: ARITY[kind]])
    got = lua(kind, state, now, *args)
    # Lua has no empty-vs-nil distinction for the "no state" case; compare as Python does.
    assert got == expected, f"{kind} state={state} now={now} args={args}"
    return expected


NOW = 1_763_000_000_000  # a realistic epoch-milliseconds value: exactness near 2**40 matters

CASES = [
    ("t", None, NOW, 1, 10_000, 5, 1),
    ("t", (0, NOW), NOW + 9_999, 2, 10_000, 5, 1),
    ("t", (0, NOW), NOW + 10_000, 2, 10_000, 5, 1),
    ("t", (0, NOW), NOW + 1_000_000, 3, 1_000, 5, 2),
    ("t", (3, NOW), NOW, 1, 1_000, 10, 4),
    ("t", None, NOW, 1, 1_000, 3, 4),
    ("t", (0, NOW + 50_000), NOW, 5, 1_000, 5, 1),
    ("t", (1, NOW), NOW + 86_400_000 * 30, 1_000_000, 86_400_000, 10**9, 7),
    ("f", None, NOW, 2, 1_000, 1),
    ("f", (NOW // 1_000, 2), NOW + 1, 2, 1_000, 1),
    ("f", (NOW // 1_000, 1), NOW + 999, 5, 1_000, 3),
    ("f", (NOW // 1_000 + 5, 1), NOW, 5, 1_000, 1),
    ("f", None, NOW, 10**6, 86_400_000 * 30, 1),
    ("s", (NOW // 1_000, 0, 10), NOW - NOW % 1_000, 10, 1_000, 1),
    ("s", (NOW // 1_000, 0, 10), NOW - NOW % 1_000 + 500, 10, 1_000, 1),
    ("s", (NOW // 1_000, 9, 10), NOW - NOW % 1_000 + 999, 10, 1_000, 1),
    ("s", (NOW // 1_000 - 1, 7, 2), NOW, 10, 1_000, 1),
    ("s", (NOW // 1_000 - 2, 7, 2), NOW, 10, 1_000, 1),
    ("s", (NOW // 3_600_000, 999_999, 1_000_000), NOW, 10**6, 3_600_000, 1),
    ("s", (NOW // 86_400_000, 3, 10**6), NOW, 10**6, 86_400_000, 2),
    ("x", None, NOW, 1, 3, 10_000, 5_000),
    ("x", (1, NOW + 10_000, 0), NOW + 1, 0, 3, 10_000, 5_000),
    ("x", (2, NOW + 10_000, 0), NOW + 2, 1, 3, 10_000, 5_000),
    ("x", (3, 0, NOW + 5_000), NOW + 1_000, 0, 3, 10_000, 5_000),
    ("x", (3, 0, NOW + 5_000), NOW + 5_000, 0, 3, 10_000, 5_000),
    ("x", (2, NOW, 0), NOW, 1, 3, 10_000, 5_000),
    ("x", None, NOW, 0, 3, 10_000, 5_000),
]


@pytest.mark.parametrize("case", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_lua_matches_python_on_table(lua: Callable[..., Any], case: tuple[Any, ...]) -> None:
    kind, state, now, *args = case
    both(lua, kind, state, now, *args)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    kind=st.sampled_from(["t", "f", "s", "x"]),
    a=st.integers(1, 20),
    interval=st.sampled_from([1, 7, 1_000, 1_500, 3_600_000]),
    c=st.integers(1, 20),
    steps=st.lists(st.tuples(st.integers(0, 4_000), st.integers(0, 5)), min_size=1, max_size=25),
)
def test_lua_matches_python_on_random_sequences(
    lua: Callable[..., Any],
    kind: str,
    a: int,
    interval: int,
    c: int,
    steps: list[tuple[int, int]],
) -> None:
    state = None
    now = NOW
    for dt, n in steps:
        now += dt
        if kind == "t":
            args: tuple[int, ...] = (a, interval, c, max(1, n))
        elif kind in "fs":
            args = (a, interval, max(1, n))
        else:
            args = (n, c, interval, interval * 2)
        state = both(lua, kind, state, now, *args)[0]


RETRY_DRIVER = """
local n = tonumber(ARGV[3])
local state = nil
if n > 0 then
  state = {}
  for i = 1, n do state[i] = tonumber(ARGV[3 + i]) end
end
local b = 3 + n
return retry_after[ARGV[1]](state, tonumber(ARGV[2]),
  tonumber(ARGV[b + 1]), tonumber(ARGV[b + 2]), tonumber(ARGV[b + 3]), tonumber(ARGV[b + 4]))
"""

PY_RETRY: dict[str, Callable[..., int]] = {
    "t": algorithms.token_bucket_retry_ms,
    "f": algorithms.fixed_window_retry_ms,
    "s": algorithms.sliding_window_retry_ms,
}


@pytest.fixture(scope="module")
def lua_retry(redis_url: str) -> Iterator[Callable[..., int]]:
    source = resources.files("arcjet_core.ratelimit").joinpath("algorithms.lua").read_text()
    client = redis.Redis.from_url(redis_url)
    script = client.register_script(source + RETRY_DRIVER)

    def call(kind: str, state: tuple[int, ...] | None, now: int, *args: int) -> int:
        padded = (*args, 0, 0, 0, 0)[:4]
        return int(script(args=[kind, now, len(state or ()), *(state or ()), *padded]))

    yield call
    client.close()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    kind=st.sampled_from(["t", "f", "s"]),
    a=st.integers(1, 20),
    interval=st.sampled_from([1, 7, 1_000, 1_500, 3_600_000]),
    c=st.integers(1, 20),
    steps=st.lists(st.tuples(st.integers(0, 4_000), st.integers(1, 25)), min_size=1, max_size=25),
)
def test_lua_retry_after_matches_python(
    lua_retry: Callable[..., int],
    kind: str,
    a: int,
    interval: int,
    c: int,
    steps: list[tuple[int, int]],
) -> None:
    """The retry-after of every deny (what the DENY cache keeps it for), same on both sides."""
    state = None
    now = NOW
    for dt, n in steps:
        now += dt
        args: tuple[int, ...] = (a, interval, c, n) if kind == "t" else (c, interval, n)
        new, allowed, *_ = PY[kind](state, now, *args)
        if not allowed:
            expected = PY_RETRY[kind](new, now, *args)
            assert lua_retry(kind, new, now, *args) == expected, (kind, new, now, args)
        state = new
