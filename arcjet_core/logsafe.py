"""Log lines that a client cannot forge, and warnings that an outage cannot flood.

Anything a client chose (a path, a header, a message) goes into a log line
through ``safe()``: bounded and JSON-quoted, so a newline, a quote or an ANSI
escape arrives as ``\\n``, ``\\"``, ``\\u001b`` and can never start a line of
its own. Faults that repeat for every request (Redis down) go through
``RateLimitedWarning``: the first one at once, then one summary per interval.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable

MAX_LOGGED = 200
WARN_INTERVAL = 60.0  # seconds between two warnings of the same key


def safe(value: object, limit: int = MAX_LOGGED) -> str:
    """``value`` as a bounded, quoted, ASCII-escaped string for a log line."""
    text = value if isinstance(value, str) else str(value)
    if len(text) > limit:
        text = text[:limit] + "..."
    return json.dumps(text)


class RateLimitedWarning:
    """At most one WARNING per key per interval; the next one says how many were held back."""

    def __init__(self, logger: logging.Logger, interval: float = WARN_INTERVAL,
                 clock: Callable[[], float] = time.monotonic, max_keys: int = 1024) -> None:
        self._logger = logger
        self._interval = interval
        self._clock = clock
        self._max_keys = max_keys
        self._lock = threading.Lock()
        self._last: dict[str, float] = {}
        self._held: dict[str, int] = {}

    def warn(self, key: str, msg: str, *args: object) -> bool:
        """Log ``msg % args`` unless ``key`` was logged within the interval; True when logged."""
        now = self._clock()
        with self._lock:
            last = self._last.get(key)
            if last is not None and now - last < self._interval:
                self._held[key] = self._held.get(key, 0) + 1
                return False
            if last is None and len(self._last) >= self._max_keys:
                self._last.clear()  # bounded: keys are rule ids and sinks, but never trust that
                self._held.clear()
            self._last[key] = now
            held = self._held.pop(key, 0)
        if held:
            self._logger.warning(msg + " (%d similar warnings suppressed in the last %.0f s)", *args, held,
                                 self._interval, stacklevel=2)
        else:
            self._logger.warning(msg, *args, stacklevel=2)
        return True
