"""The DENY cache: bounded, TTL-based, thread-safe, no timer threads."""

from __future__ import annotations

import threading

import pytest

from arcjet_core.cache import TTLCache


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_ttl_expiry_and_remaining() -> None:
    clock = Clock()
    cache: TTLCache[str] = TTLCache(clock=clock)
    cache.set("k", "v", 10)
    assert cache.get("k") == ("v", 10)
    clock.now += 6.5
    assert cache.get("k") == ("v", 4)  # rounded up: never reports 0 while still cached
    clock.now += 3.5
    assert cache.get("k") is None
    assert len(cache) == 0


def test_zero_ttl_is_not_cached() -> None:
    cache: TTLCache[str] = TTLCache()
    cache.set("k", "v", 0)
    assert cache.get("k") is None


def test_bounded_lru() -> None:
    cache: TTLCache[int] = TTLCache(max_entries=3)
    for i in range(3):
        cache.set(str(i), i, 60)
    cache.get("0")  # touch: 1 is now least recently used
    cache.set("3", 3, 60)
    assert cache.get("1") is None
    assert [cache.get(k) is not None for k in ("0", "2", "3")] == [True, True, True]
    assert len(cache) == 3


def test_rejects_nonpositive_size() -> None:
    with pytest.raises(ValueError, match="max_entries"):
        TTLCache(max_entries=0)


def test_threads_never_exceed_bound_or_corrupt() -> None:
    threads_before = threading.active_count()
    cache: TTLCache[int] = TTLCache(max_entries=100)
    errors: list[BaseException] = []

    def worker(n: int) -> None:
        try:
            for i in range(2000):
                cache.set(f"{n}:{i % 300}", i, 60)
                cache.get(f"{(n + 1) % 8}:{i % 300}")
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(cache) == 100
    assert threading.active_count() == threads_before  # the cache started no timer thread
