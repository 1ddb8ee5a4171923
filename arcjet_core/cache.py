"""The two bounded caches of the core.

- ``TTLCache``: DENY decisions. A client that keeps hammering after being
  denied is answered from here without running any rule or touching storage.
  Entries expire by a monotonic clock; the cache holds at most ``max_entries``
  and drops the least recently used first. No timer threads: expired entries
  are dropped when touched or evicted.
- ``BoundedMemo``: every memo of a pure result (a parsed address, a
  fingerprint, a built op). One bound and one eviction policy, written once.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class BoundedMemo(Generic[K, V]):
    """A dict of at most ``max_entries`` items, for results that are a pure
    function of their key.

    Eviction: when a new key finds the memo full, the memo is emptied first;
    the keys in use fill it again, one miss each. So a flood of new keys costs
    one recomputation per key, never memory; and no order is kept per entry,
    so a hit is one plain dict look-up, with nothing to update.
    ``max_entries=0`` turns the memo off: ``put`` keeps nothing.

    ``get(key)`` is the dict's own ``get``: a hit costs one dict look-up.
    Values must not be None (None means a miss). Safe across threads: each
    step is one dict operation, and a race can only cost a miss.

    Per-client memos should hold untracked values (str, bytes, numbers, tuples
    of those): a GC-tracked value per client, even in a bounded memo, lives
    into the collector's oldest generation and brings on full passes
    (tests/core/test_gc_pressure.py). Where the value must be an object,
    ``repeat_only=True`` keeps it only for a key put once before (since that
    key set was last emptied, with the same bound): a key seen once, a new
    client's, leaves only the key behind, and returning keys are answered
    from their third request on.
    """

    __slots__ = ("_data", "_seen", "get", "max_entries")

    get: Callable[[K], V | None]

    def __init__(self, max_entries: int, *, repeat_only: bool = False) -> None:
        if isinstance(max_entries, bool) or not isinstance(max_entries, int) or max_entries < 0:
            raise ValueError(f"max_entries must be an int >= 0, got {max_entries!r}")
        self.max_entries = max_entries
        self._data: dict[K, V] = {}
        self._seen: set[K] | None = set() if repeat_only else None
        self.get = self._data.get

    def put(self, key: K, value: V) -> V:
        """Remember ``value`` for ``key`` (emptying the memo first when full); returns ``value``."""
        data = self._data
        if key not in data:
            seen = self._seen
            if seen is not None and key not in seen:
                if len(seen) >= self.max_entries:
                    seen.clear()
                if self.max_entries:
                    seen.add(key)
                return value
            if len(data) >= self.max_entries:
                if not self.max_entries:
                    return value
                data.clear()
        data[key] = value
        return value

    def clear(self) -> None:
        self._data.clear()
        if self._seen is not None:
            self._seen.clear()

    def __len__(self) -> int:
        return len(self._data)

    def __contains__(self, key: object) -> bool:
        return key in self._data


class TTLCache(Generic[V]):
    def __init__(self, max_entries: int = 10_000, clock: Callable[[], float] = time.monotonic) -> None:
        if max_entries <= 0:
            raise ValueError("max_entries must be positive")
        self._max = max_entries
        self._clock = clock
        self._data: OrderedDict[str, tuple[float, V]] = OrderedDict()
        self._lock = threading.Lock()

    @property
    def empty(self) -> bool:
        """True when nothing is cached (a dict's truthiness is atomic under the GIL).
        Lets a caller skip building a key for the usual miss."""
        return not self._data

    def get(self, key: str) -> tuple[V, int] | None:
        """The value and its remaining TTL in whole seconds (rounded up), or None."""
        if not self._data:  # the usual case; a dict's truthiness is atomic under the GIL
            return None
        now = self._clock()
        with self._lock:
            item = self._data.get(key)
            if item is None:
                return None
            expires, value = item
            if expires <= now:
                del self._data[key]
                return None
            self._data.move_to_end(key)
        return value, max(1, math.ceil(expires - now))

    def set(self, key: str, value: V, ttl_seconds: float) -> None:
        if ttl_seconds <= 0:
            return
        expires = self._clock() + ttl_seconds
        with self._lock:
            self._data[key] = (expires, value)
            self._data.move_to_end(key)
            while len(self._data) > self._max:
                self._data.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._data.clear()

    def __len__(self) -> int:
        with self._lock:
            return len(self._data)
