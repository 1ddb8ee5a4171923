"""DecisionLog: a bounded buffer on the request path, a writer thread behind it.

``submit`` is the only part the request path runs: a length test and a deque
append (the deque's append is atomic under the GIL). The writer wakes every
``FLUSH_INTERVAL`` seconds, or at once on close, and drains the buffer in
batches: record building, JSON and the sink's I/O all happen there. A full
buffer drops the decision and counts it: a slow disk or a Redis outage must
never slow or fail a request.
"""

from __future__ import annotations

import asyncio
import atexit
import logging
import os
import threading
import time
import weakref
from collections import deque
from collections.abc import Callable
from typing import Any

from arcjet_core.decision import Decision
from arcjet_core.errors import ArcjetMisconfiguration
from arcjet_core.logsafe import RateLimitedWarning, safe

from ._ip import IpCodec, check_mode, key_bytes
from ._line import LineBuilder
from ._record import build_record
from ._sinks import DEFAULT_BACKUPS, DEFAULT_MAX_BYTES, Sink, sink_from

logger = logging.getLogger("arcjet")
_warnings = RateLimitedWarning(logger)

DEFAULT_BUFFER = 10_000
BATCH = 512
FLUSH_INTERVAL = 0.05  # seconds; how stale the log may be while requests keep coming
CLOSE_TIMEOUT = 10.0  # seconds close() waits for the writer to drain

# (time.time(), decision, method, path, user agent): what submit() keeps.
Entry = tuple[float, Decision, str, str, "str | None"]

_live_logs: weakref.WeakSet[DecisionLog] = weakref.WeakSet()


class DecisionLog:
    """A decision log: ``DecisionLog(path | callable | "redis://...", log_ip=..., ...)``."""

    def __init__(self, target: object, *, log_ip: str = "full", ip_key: str | bytes | None = None,
                 max_bytes: int = DEFAULT_MAX_BYTES, backups: int = DEFAULT_BACKUPS,
                 buffer: int = DEFAULT_BUFFER, on_drop: Callable[[], object] | None = None) -> None:
        if isinstance(buffer, bool) or not isinstance(buffer, int) or not 1 <= buffer <= 10_000_000:
            raise ArcjetMisconfiguration(f"decision_log: buffer must be an int from 1 to 10,000,000, got {buffer!r}")
        self._sink: Sink = sink_from(target, max_bytes=max_bytes, backups=backups)
        self._ip = IpCodec(check_mode(log_ip), key_bytes(ip_key))
        self._max = buffer
        self._lines = LineBuilder(self._ip) if self._sink.takes_lines else None
        self._buffer: deque[Entry] = deque()
        self.on_drop = on_drop
        self.written = 0
        self.dropped = 0
        self.failed = 0
        self._closed = False
        self._busy = False
        self._wake = threading.Event()
        self._lock = threading.Lock()  # start/stop of the writer, never taken by submit()
        self._pid = os.getpid()
        self._writer: threading.Thread | None = None
        _live_logs.add(self)

    @property
    def log_ip(self) -> str:
        return self._ip.mode

    @property
    def sink_name(self) -> str:
        return self._sink.name

    @property
    def pending(self) -> int:
        return len(self._buffer)

    # ------------------------------------------------------- request path

    def submit(self, decision: Decision, method: str, path: str, user_agent: str | None) -> bool:
        """Queue one decision; False (and counted) when the buffer is full or the log closed."""
        buf = self._buffer
        if len(buf) >= self._max or self._closed:
            return self._drop()
        buf.append((time.time(), decision, method, path, user_agent))
        if self._writer is None:
            self._start()
        return True

    def _drop(self) -> bool:
        # A process forked by C (uWSGI) runs no at-fork hook: its writer is the
        # parent's dead thread. Its buffer filling up is the sign; restart then.
        if not self._closed and os.getpid() != self._pid:
            self._after_fork()
            self._start()
        self.dropped += 1
        if self.on_drop is not None:
            self.on_drop()
        return False

    # ------------------------------------------------------------- writer

    def _start(self) -> None:
        with self._lock:
            if self._writer is not None or self._closed:
                return
            self._writer = threading.Thread(target=self._run, name="arcjet-decision-log", daemon=True)
            self._writer.start()

    def _run(self) -> None:
        buf = self._buffer
        while True:
            if not buf:
                if self._closed:
                    return
                self._wake.wait(FLUSH_INTERVAL)
                self._wake.clear()
                continue
            self._busy = True  # before popping: flush() must not see an empty buffer and no work
            try:
                batch: list[Entry] = []
                while buf and len(batch) < BATCH:
                    batch.append(buf.popleft())
                self._write(batch)
            finally:
                self._busy = False

    def _write(self, batch: list[Entry]) -> None:
        records: list[Any] = []
        lines = self._lines
        for ts, decision, method, path, ua in batch:
            try:
                if lines is not None:
                    records.append(lines.line(ts, decision, method, path, ua))
                else:
                    records.append(build_record(ts, decision, method, path, ua, self._ip))
            except Exception as exc:  # a bug must cost one record, not the writer
                self.failed += 1
                _warnings.warn("record", "arcjet: a decision could not be logged: %s", safe(exc))
        if not records:
            return
        try:
            failed = self._sink.write(records)
        except Exception as exc:
            failed = len(records)
            _warnings.warn("sink:" + self._sink.name, "arcjet: decision log %s failed, %d decisions lost: %s",
                           safe(self._sink.name), failed, safe(exc))
        else:
            if failed:
                _warnings.warn("sink:" + self._sink.name, "arcjet: decision log %s refused %d decisions",
                               safe(self._sink.name), failed)
        self.failed += failed
        self.written += len(records) - failed

    # ------------------------------------------------------- lifecycle

    def _after_fork(self) -> None:
        """In a child: the writer thread did not come along; the buffer is the parent's to write."""
        self._pid = os.getpid()
        self._buffer.clear()
        self.written = self.dropped = self.failed = 0  # counters are per process
        self._writer = None
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._sink.after_fork()

    def flush(self, timeout: float = CLOSE_TIMEOUT) -> bool:
        """Wait until everything submitted so far is written; False on timeout."""
        deadline = time.monotonic() + timeout
        while (self._buffer or self._busy) and self._writer is not None and self._writer.is_alive():
            self._wake.set()
            if time.monotonic() > deadline:
                return False
            time.sleep(0.002)
        if self._buffer:  # no live writer: write here
            self._drain_inline()
        return True

    def _drain_inline(self) -> bool:
        while self._buffer:
            batch: list[Entry] = []
            while self._buffer and len(batch) < BATCH:
                batch.append(self._buffer.popleft())
            self._write(batch)
        return True

    def close(self, timeout: float = CLOSE_TIMEOUT) -> None:
        """Write everything buffered, stop the writer, close the sink. Idempotent."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            writer = self._writer
        self._wake.set()
        if writer is not None and writer.is_alive() and writer is not threading.current_thread():
            writer.join(timeout)
            if writer.is_alive():
                _warnings.warn("close", "arcjet: decision log %s did not drain within %.0f s; %d decisions lost",
                               safe(self._sink.name), timeout, len(self._buffer))
                return
        self._drain_inline()  # no writer ever started (or it died): write what is left here
        self._sink.close()
        _live_logs.discard(self)

    async def aclose(self, timeout: float = CLOSE_TIMEOUT) -> None:
        """close() off the event loop: draining may wait on the disk or Redis."""
        await asyncio.to_thread(self.close, timeout)

    def __repr__(self) -> str:
        return (f"DecisionLog({self._sink.name}, log_ip={self._ip.mode!r}, written={self.written}, "
                f"dropped={self.dropped}, failed={self.failed})")


def _close_all() -> None:
    """At exit: write what is buffered (the writer is a daemon thread and would be cut off)."""
    for log in list(_live_logs):
        log.close(timeout=2.0)


atexit.register(_close_all)


def _reset_after_fork() -> None:
    for log in list(_live_logs):
        log._after_fork()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_reset_after_fork)
