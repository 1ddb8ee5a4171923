"""A bounded, thread-safe TTL cache for DENY decisions.

A client that keeps hammering after being denied is answered from here without
running any rule or touching storage. Entries expire by a monotonic clock; the
cache holds at most ``max_entries`` and drops the least recently used first.
No timer threads: expired entries are dropped when touched or evicted.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

V = TypeVar("V")


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
