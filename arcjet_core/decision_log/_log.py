"""DecisionLog: a bounded buffer on the request path, a writer thread behind it.

``push`` (``submit``, or its common case in C, ``_cline.Pusher``) is the only
part the request path runs: a length test, the line built from cached
pieces (``_line.py``; for a line sink) and a deque append (atomic under the
GIL). The buffer then holds strings, which the garbage collector does not
track: a buffer of live decisions (thousands of tracked objects between two
writer turns) set it running, and cost more than the line. The writer wakes
every ``FLUSH_INTERVAL`` seconds, when the buffer is half full, or at once
on close, and drains the buffer in batches: what submit() left to it
(records for a dict sink, lines with metadata to decode, events), and the
sink's I/O. A full buffer drops the decision and counts it: a slow disk or a Redis
outage must never slow or fail a request.
"""

from __future__ import annotations

import asyncio
import atexit
import json
import logging
import os
import threading
import time
import weakref
from collections import deque
from collections.abc import Callable, Mapping
from typing import Any

from arcjet_core.decision import Decision
from arcjet_core.errors import ArcjetMisconfiguration
from arcjet_core.logsafe import RateLimitedWarning, safe

from ._ip import IP_KEY_ENV, IpCodec, check_mode, key_bytes
from ._line import LineBuilder, event_line, native_pusher
from ._record import build_record
from ._sinks import DEFAULT_BACKUPS, DEFAULT_MAX_BYTES, FileSink, Sink, sink_from

logger = logging.getLogger("arcjet")
_warnings = RateLimitedWarning(logger)

DEFAULT_BUFFER = 10_000
# Entries per sink write. A turn of the writer takes the GIL back at each of
# its system calls (the wake-up, the file's stat, the write), and while
# it waits for it, every request thread's release of the GIL (a Wasm call,
# socket I/O) wakes it for nothing: with new clients that cost the request
# path more than the log itself (docs/perf-log.md). So turns are few and
# large: a batch holds up to BATCH entries (~1 ms of the GIL to join), a turn
# comes every FLUSH_INTERVAL, or sooner when the buffer is half full.
BATCH = 4096
FLUSH_INTERVAL = 0.25  # seconds; how stale the log may be while requests keep coming
CLOSE_TIMEOUT = 10.0  # seconds close() waits for the writer to drain

# What the buffer holds: a line submit() built; (time.time(), decision, method,
# path, user agent) for the writer to build (a dict sink, or metadata);
# (time.time(), event, fields) from submit_event().
Pending = tuple[float, Decision, str, str, str | None] | tuple[float, str, Mapping[Any, object]]
Entry = str | Pending

_live_logs: weakref.WeakSet[DecisionLog] = weakref.WeakSet()


class DecisionLog:
    """A decision log: ``DecisionLog(path | callable | "redis://...", log_ip=..., ...)``."""

    def __init__(self, target: object, *, log_ip: str = "full", ip_key: str | bytes | None = None,
                 max_bytes: int = DEFAULT_MAX_BYTES, backups: int = DEFAULT_BACKUPS,
                 buffer: int = DEFAULT_BUFFER, on_drop: Callable[[], object] | None = None) -> None:
        if isinstance(buffer, bool) or not isinstance(buffer, int) or not 1 <= buffer <= 10_000_000:
            raise ArcjetMisconfiguration(f"decision_log: buffer must be an int from 1 to 10,000,000, got {buffer!r}")
        self._sink: Sink = sink_from(target, max_bytes=max_bytes, backups=backups)
        mode = check_mode(log_ip)
        # A file log's hashes agree across its writers and restarts: the key lives beside it.
        key_file = f"{self._sink.path}.key" if mode == "hashed" and isinstance(self._sink, FileSink) else None
        self._ip = IpCodec(mode, key_bytes(ip_key, key_file))
        if mode == "hashed" and key_file is None and ip_key is None and not os.environ.get(IP_KEY_ENV):
            # A Redis stream exists for many processes: their hashes would never agree.
            _warnings.warn("ip-key", "arcjet: decision log %s hashes client IPs with a key of this process only, "
                           "so other workers, machines and restarts hash the same client differently; set %s "
                           "(or ip_key=)", safe(self._sink.name), IP_KEY_ENV)
        self._max = buffer
        self._wake_at = max(1, buffer // 2)  # a buffer this full wakes the writer before its interval
        self._lines = LineBuilder(self._ip) if self._sink.takes_lines else None
        self._buffer: deque[Entry] = deque()
        # push(decision, method, path, user_agent): what the request path calls.
        # submit() itself, or its common case in C (a line sink, the C line
        # builder): open while the writer runs, every other case handed back
        # to submit().
        self._wake = threading.Event()
        self._pusher = native_pusher(self._lines, self._buffer, self.submit, self._after_close_push, buffer,
                                     self._wake_at, self._wake_early)
        self.push: Callable[[Decision, str, str, str | None], bool] = self._pusher or self.submit
        self.on_drop = on_drop
        self.written = 0
        self.dropped = 0
        self.failed = 0
        self._closed = False
        self._finished = False  # close() has written its last batch: nothing drains the buffer after this
        self._busy = False
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
        lines = self._lines
        if lines is None or decision.metadata:  # a dict sink, or metadata to decode: the writer builds it
            buf.append((time.time(), decision, method, path, user_agent))
        else:
            # The line is built here, from cached pieces: a str is all the
            # buffer keeps, so no decision outlives its request (a buffer of
            # live decisions is what set the garbage collector running).
            try:
                buf.append(lines.line(time.time(), decision, method, path, user_agent))
            except Exception as exc:  # a bug must cost one record, never the request
                self.failed += 1
                _warnings.warn("record", "arcjet: a decision could not be logged: %s", safe(exc))
                return False
        return self._appended()

    def submit_event(self, event: str, fields: Mapping[str, object]) -> bool:
        """Queue one event line (``{"v":1,"ts":...,"event":event,...fields}``): not a
        protect() decision, e.g. Guard's capture(). The same guarantees as submit():
        never blocks, never raises, False (and counted) when the buffer is full.

        A field JSON cannot encode is left out of the line. For a line sink the
        line is built here, so later changes to ``fields`` never reach it; a dict
        sink gets a shallow copy, encoded on the writer thread.
        """
        buf = self._buffer
        if len(buf) >= self._max or self._closed:
            return self._drop()
        lines = self._lines
        try:
            name = event if type(event) is str else str(event)
            if lines is not None:
                buf.append(lines.event(time.time(), name, fields))
            else:
                buf.append((time.time(), name, dict(fields)))
        except Exception as exc:  # not a mapping, or a str() that raises: the caller's bug, one line lost
            self.failed += 1
            _warnings.warn("event", "arcjet: an event could not be logged: %s", safe(exc))
            return False
        return self._appended()

    def _appended(self) -> bool:
        """After an append: wake the writer early when the buffer is half full,
        start it on the first entry, and count what close() left stranded."""
        if len(self._buffer) >= self._wake_at:
            self._wake_early()
        if self._writer is None:
            self._start()
        if self._finished:  # close() ran to its end between the closed test and the append
            self._count_stranded()
        return True

    def _wake_early(self) -> None:
        """The buffer is half full: the writer's turn now, not at its interval."""
        self._wake.set()

    def _after_close_push(self) -> None:
        """The C push appended while close() ran (a fragment maker ran Python
        code, and with it close()): as submit() after its append."""
        if self._finished:
            self._count_stranded()

    def _count_stranded(self) -> None:
        """Count as dropped what is left in the buffer after close() finished:
        entries a submit() appended after its last drain (it passed the closed
        test just before close() ran). Each entry is popped once, by whichever
        thread gets it."""
        buf = self._buffer
        while True:
            try:
                buf.popleft()
            except IndexError:
                return
            self._drop()

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
            if self._pusher is not None:
                self._pusher.open = True

    def _run(self) -> None:
        buf = self._buffer
        while True:
            if len(buf) < self._wake_at and not self._closed:
                # One turn per interval while requests come in (see BATCH):
                # early only when the buffer fills (submit sets the event).
                self._wake.clear()
                # Not filled, nor closed, between the test and the clear (their set() would be lost).
                if len(buf) < self._wake_at and not self._closed:
                    self._wake.wait(FLUSH_INTERVAL)
            if not buf:
                if self._closed:
                    return
                continue
            self._busy = True  # before popping: flush() must not see an empty buffer and no work
            try:
                self._write(_take(buf))
            finally:
                self._busy = False

    def _build(self, entry: Pending) -> Any:
        """The record of an entry submit() left to the writer; None (counted) when it fails."""
        lines = self._lines
        try:
            if len(entry) == 3:
                ts, event, fields = entry
                if lines is not None:
                    return lines.event(ts, event, fields)
                return json.loads(event_line(ts, event, fields))
            ts, decision, method, path, ua = entry
            if lines is not None:
                return lines.line(ts, decision, method, path, ua)
            return build_record(ts, decision, method, path, ua, self._ip)
        except Exception as exc:  # a bug must cost one record, not the writer
            self.failed += 1
            _warnings.warn("record", "arcjet: a decision could not be logged: %s", safe(exc))
            return None

    def _write(self, batch: list[Entry]) -> None:
        build = self._build
        failed_before = self.failed
        # Lines built by submit() pass as they are.
        records = [entry if isinstance(entry, str) else build(entry) for entry in batch]
        if self.failed != failed_before:
            records = [r for r in records if r is not None]
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
        if self._pusher is not None:
            self._pusher.open = False  # until this process's writer starts
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
            self._write(_take(self._buffer))
        return True

    def close(self, timeout: float = CLOSE_TIMEOUT) -> None:
        """Write everything buffered, stop the writer, close the sink. Idempotent."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            if self._pusher is not None:
                self._pusher.open = False
            writer = self._writer
        self._wake.set()
        if writer is not None and writer.is_alive() and writer is not threading.current_thread():
            writer.join(timeout)
            if writer.is_alive():
                _warnings.warn("close", "arcjet: decision log %s did not drain within %.0f s; %d decisions lost",
                               safe(self._sink.name), timeout, len(self._buffer))
                return
        self._drain_inline()  # no writer ever started (or it died): write what is left here
        self._finished = True
        self._count_stranded()  # appended after that drain: submit() counts those it appends from now on
        self._sink.close()
        _live_logs.discard(self)

    async def aclose(self, timeout: float = CLOSE_TIMEOUT) -> None:
        """close() off the event loop: draining may wait on the disk or Redis."""
        await asyncio.to_thread(self.close, timeout)

    def __repr__(self) -> str:
        return (f"DecisionLog({self._sink.name}, log_ip={self._ip.mode!r}, written={self.written}, "
                f"dropped={self.dropped}, failed={self.failed})")


def _take(buf: deque[Entry]) -> list[Entry]:
    """Up to BATCH entries from the left. Only the one draining thread pops,
    so what len() counted is there to pop."""
    pop = buf.popleft
    return [pop() for _ in range(min(len(buf), BATCH))]


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
