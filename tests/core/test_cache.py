"""The DENY cache (bounded, TTL-based, thread-safe, no timer threads) and BoundedMemo."""

from __future__ import annotations

import threading

import pytest

from arcjet_core.cache import BoundedMemo, TTLCache


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


def test_memo_hits_and_misses() -> None:
    memo: BoundedMemo[str, int] = BoundedMemo(4)
    assert memo.get("a") is None
    assert memo.put("a", 1) == 1
    assert memo.get("a") == 1
    assert "a" in memo and "b" not in memo
    assert len(memo) == 1


def test_memo_empties_when_a_new_key_finds_it_full() -> None:
    memo: BoundedMemo[int, int] = BoundedMemo(3)
    for i in range(3):
        memo.put(i, i)
    memo.put(1, 10)  # a known key replaces its value: nothing is evicted
    assert len(memo) == 3 and memo.get(1) == 10
    memo.put(3, 3)
    assert len(memo) == 1 and memo.get(3) == 3 and memo.get(0) is None
    for i in range(1000):
        memo.put(i, i)
        assert len(memo) <= 3


def test_memo_of_size_zero_keeps_nothing() -> None:
    memo: BoundedMemo[str, str] = BoundedMemo(0)
    assert memo.put("k", "v") == "v"
    assert memo.get("k") is None and len(memo) == 0


@pytest.mark.parametrize("size", [-1, 1.5, True, "8"])
def test_memo_rejects_a_bad_size(size: object) -> None:
    with pytest.raises(ValueError, match="max_entries"):
        BoundedMemo(size)  # type: ignore[arg-type]


def test_memo_clear() -> None:
    memo: BoundedMemo[str, str] = BoundedMemo(8)
    memo.put("k", "v")
    memo.clear()
    assert memo.get("k") is None and len(memo) == 0


def test_memo_repeat_only_keeps_a_value_from_the_second_put_of_its_key() -> None:
    memo: BoundedMemo[str, object] = BoundedMemo(3, repeat_only=True)
    value = object()
    assert memo.put("a", value) is value and memo.get("a") is None  # first sight: only the key is kept
    memo.put("a", value)
    assert memo.get("a") is value
    for i in range(100):  # a flood of keys seen once keeps no value, and the key set stays bounded
        memo.put(f"new{i}", object())
        assert len(memo) == 1 and len(memo._seen or ()) <= 3
    memo.clear()
    assert memo.get("a") is None and not memo._seen
