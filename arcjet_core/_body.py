"""Reading a request body for inspection: only when there is one, bounded in
bytes and in time, and never raising.

A body rule (shield) needs the body before the view runs, so protect() reads
it on the request's own thread. A client that announces a body and then
stalls would hold that thread (a WSGI worker) for as long as it likes, and a
truncated or broken stream would raise from the server's reader. Here:

- a request without Content-Length > 0 or ``Transfer-Encoding: chunked`` (or,
  over HTTP/2 and 3, a stream that may still carry DATA) is never read;
- a blocking stream (WSGI ``wsgi.input``) is read by a helper thread that the
  request thread waits for at most ``body_timeout`` seconds, for the whole
  body; threads are reused, and one is started whenever none is idle, so
  stalled reads can never queue legitimate ones behind them;
- whatever the stream raises (gunicorn's NoMoreData, IncompleteRead, OSError,
  ValueError, ...) becomes an error message, never an exception;
- the application still reads exactly what it would have: a raw WSGI
  stream is put back as the bytes read so far, then the rest of the original
  stream; a framework request is read through the framework's own caching
  read (Django's ``request.body``, Werkzeug's ``get_data(cache=True)``),
  whole or not at all (ReadAllJob), so nothing of the framework's is touched
  but its public API.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import queue
import socket
import tempfile
import threading
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import parse_qs, unquote_plus

from arcjet_core.decision import Decision, ErrorReason, RuleResult, aggregate
from arcjet_core.enums import Conclusion, RuleState
from arcjet_core.errors import ArcjetError
from arcjet_core.headers_map import Headers

DEFAULT_BODY_TIMEOUT = 5.0
# The message of a shield result whose body did not arrive in time; the
# adapters answer such a decision with 408 (responses.body_timed_out).
BODY_TIMEOUT_MESSAGE = "request body not received within body_timeout"
BODY_INVALID_MESSAGE = "request body could not be read"
# Pieces a reader thread asks the stream for: what was read before a failure
# is kept for the application.
_READ_PIECE = 64 * 1024
# An idle reader thread waits this long for another read, then exits.
_IDLE_SECONDS = 30.0


def body_text(body: bytes, limit: int, content_type: str | None) -> str:
    """The first ``limit`` bytes of a body as text, undecodable bytes as
    U+FFFD, and a URL-encoded form decoded (``a%40b.co`` is an address a
    client typed as ``a@b.co``): what sensitive-information rules scan, and
    what their offsets index."""
    text = body[:limit].decode("utf-8", "replace")
    return unquote_plus(text, errors="replace") if _is_form(content_type) else text


def _is_form(content_type: str | None) -> bool:
    return content_type is not None and content_type.lstrip()[:33].lower() == "application/x-www-form-urlencoded"


def body_message(body: bytes, limit: int, content_type: str | None, field: str | None) -> str | None:
    """The message a prompt-injection rule classifies when protect() was not
    given one: with ``field``, that field of a JSON object body (a dotted
    path: ``messages.-1.content``) or of a URL-encoded form; without, the
    whole body as text (``body_text``). None when the field is not there or
    is not a string: there is then no message to classify."""
    if field is None:
        return body_text(body, limit, content_type)
    if _is_form(content_type):
        values = parse_qs(body[:limit].decode("utf-8", "replace"), keep_blank_values=True).get(field)
        return values[0] if values else None
    try:
        value: object = json.loads(body[:limit])
    except ValueError:
        return None  # not JSON (or cut): the field cannot be found
    for step in field.split("."):
        if isinstance(value, dict):
            value = value.get(step)
        elif isinstance(value, list) and step.lstrip("-").isdigit() and -len(value) <= int(step) < len(value):
            value = value[int(step)]
        else:
            return None
    return value if isinstance(value, str) else None


def content_length(headers: Headers) -> int | None:
    return parse_length(headers.get("content-length"))


def parse_length(value: str | None) -> int | None:
    """A Content-Length value as a byte count; None when absent or invalid."""
    if value is None:
        return None
    try:
        n = int(value.strip())
    except ValueError:
        return None
    return n if n >= 0 else None


def has_body(headers: Headers, http_version: str = "1.1") -> bool:
    """Whether the request carries a body worth reading.

    HTTP/1.x frames a body with Content-Length or chunked encoding, and
    without either there is none: a GET whose client then stalls is never
    waited for. HTTP/2 and 3 end a request with END_STREAM instead, so a
    request there without Content-Length may still carry data (the server
    says so at once when it does not)."""
    return announces_body(headers.first("content-length"), headers.first("transfer-encoding"), http_version)


def announces_body(length: str | None, transfer_encoding: str | None, http_version: str = "1.1") -> bool:
    """has_body from the two header values (adapters with their own header types)."""
    if length is not None:
        # An invalid length: the server rejects the request before the app runs.
        n = parse_length(length)
        return n is not None and n > 0
    if transfer_encoding is not None and "chunked" in transfer_encoding.lower():
        return True
    return http_version in ("2", "2.0", "3", "3.0")


def check_body_timeout(value: object, param: str = "body_timeout") -> float:
    """A positive, finite number of seconds, or ArcjetMisconfiguration naming ``param``."""
    from arcjet_core.errors import ArcjetMisconfiguration

    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value < float("inf"):
        raise ArcjetMisconfiguration(f"{param} must be a number of seconds > 0, got {value!r}")
    return float(value)


def timeout_message(timeout: float) -> str:
    return f"{BODY_TIMEOUT_MESSAGE} ({timeout:g} s)"


def invalid_message(exc: BaseException) -> str:
    detail = str(exc)[:200]
    return f"{BODY_INVALID_MESSAGE}: {type(exc).__name__}" + (f": {detail}" if detail else "")


# ------------------------------------------------------------ reader threads


class ReadJob:
    """One bounded read, done on a reader thread; ``done`` is set when it ends."""

    __slots__ = ("chunks", "done", "error", "read", "size")

    def __init__(self, read: Callable[[int], Any], size: int) -> None:
        self.read = read
        self.size = size
        self.chunks: list[bytes] = []
        self.error: BaseException | None = None
        self.done = threading.Event()

    def run(self) -> None:
        try:
            left = self.size
            while left > 0:
                piece = self.read(min(left, _READ_PIECE))
                if not piece:
                    break
                self.chunks.append(bytes(piece))
                left -= len(piece)
        except Exception as exc:  # any stream failure is reported to the request thread, never lost
            self.error = exc
        finally:
            self.done.set()

    @property
    def data(self) -> bytes:
        chunks = self.chunks
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)


class ReadAllJob(ReadJob):
    """A framework's own read-it-all call (Django's ``request.body``, Werkzeug's
    ``get_data(cache=True)``) as a job: the framework keeps the bytes for the
    application, so nothing needs replaying afterwards."""

    __slots__ = ("read_all",)

    def __init__(self, read_all: Callable[[], Any]) -> None:
        super().__init__(_read_nothing, 0)
        self.read_all = read_all

    def run(self) -> None:
        try:
            data = self.read_all()
            self.chunks.append(data if type(data) is bytes else bytes(data))
        except Exception as exc:  # reported to the request thread, as ReadJob does
            self.error = exc
        finally:
            self.done.set()


def _read_nothing(_size: int) -> bytes:
    return b""


class _ReaderThreads:
    """Daemon threads that run ReadJobs: reused when idle, started when none is.

    Never a bounded pool: a pool full of stalled reads would make every other
    body wait behind them. A stalled read holds its thread until the client
    sends or the connection closes (the adapters shut the read side down when
    the server exposes its socket)."""

    def __init__(self) -> None:
        self._reset()

    def _reset(self) -> None:
        self._pid = os.getpid()
        self._lock = threading.Lock()
        self._jobs: queue.SimpleQueue[ReadJob] = queue.SimpleQueue()
        # Threads waiting for a job, less the jobs already promised to them.
        self._idle = 0

    def submit(self, job: ReadJob) -> None:
        if self._pid != os.getpid():
            self._reset()  # threads do not survive a fork; a copied lock may be held
        with self._lock:
            reuse = self._idle > 0
            if reuse:
                self._idle -= 1
        if reuse:
            self._jobs.put(job)
        else:
            threading.Thread(target=self._work, args=(job,), name="arcjet-body-reader", daemon=True).start()

    def _work(self, job: ReadJob) -> None:
        jobs = self._jobs
        while True:
            job.run()
            del job
            with self._lock:
                self._idle += 1
            while True:
                try:
                    job = jobs.get(timeout=_IDLE_SECONDS)
                    break
                except queue.Empty:
                    with self._lock:
                        # idle > 0: some waiting thread has no job promised,
                        # so this one may leave without stranding a job.
                        if self._idle > 0:
                            self._idle -= 1
                            return


_readers = _ReaderThreads()


def in_memory(stream: object) -> bool:
    # Already buffered by the server (waitress, Django's ASGI handler, test
    # clients): a read cannot stall, so no thread is needed.
    return isinstance(stream, (io.BytesIO, tempfile.SpooledTemporaryFile))


def read_bounded(stream: Any, size: int, timeout: float) -> tuple[ReadJob, bool]:
    """Read up to ``size`` bytes of ``stream`` within ``timeout`` seconds: the
    job, and whether it finished in time. A job that did not is still running."""
    job = ReadJob(stream.read, size)
    return job, run_bounded(job, timeout, inline=in_memory(stream))


def run_bounded(job: ReadJob, timeout: float, *, inline: bool = False) -> bool:
    """Run ``job`` and wait at most ``timeout`` seconds for it: whether it ended
    in time. ``inline``: the source is in memory and cannot stall, so the
    request thread runs the job itself."""
    if inline:
        job.run()
        return True
    _readers.submit(job)
    return job.done.wait(timeout)


# ------------------------------------------------------------- replay streams


class PrefixedStream(io.RawIOBase):
    """Gives back the bytes we read, then the rest of the original stream."""

    def __init__(self, prefix: bytes, rest: Any) -> None:
        self._prefix = io.BytesIO(prefix)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> bytes:
        size = -1 if size is None else size
        head = self._prefix.read(size)
        if size < 0:
            return head + bytes(self._rest.read())
        if len(head) < size:
            return head + bytes(self._rest.read(size - len(head)))
        return head

    def readinto(self, buffer: Any) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def readline(self, size: int | None = -1) -> bytes:
        line = self._prefix.readline(-1 if size is None else size)
        if line.endswith(b"\n") or (size is not None and 0 <= size <= len(line)):
            return line
        remaining = -1 if size is None or size < 0 else size - len(line)
        return line + bytes(self._rest.readline(remaining))


class PendingStream(PrefixedStream):
    """The stream after a read that timed out: the first use waits (without a
    limit, as the application's own read would have) for that read to end,
    then gives back what it read and the rest, as PrefixedStream does."""

    def __init__(self, job: ReadJob, rest: Any) -> None:
        super().__init__(b"", rest)
        self._job: ReadJob | None = job

    def _settle(self) -> None:
        job = self._job
        if job is not None:
            job.done.wait()
            self._prefix = io.BytesIO(job.data)
            self._job = None

    def read(self, size: int | None = -1) -> bytes:
        self._settle()
        return super().read(size)

    def readline(self, size: int | None = -1) -> bytes:
        self._settle()
        return super().readline(size)


def replay_stream(job: ReadJob, finished: bool, rest: Any) -> PrefixedStream:
    return PrefixedStream(job.data, rest) if finished else PendingStream(job, rest)


class BufferedReceive:
    """An ASGI ``receive`` that gives a body already read, as one message, then
    defers to the server's receive.

    An ASGI adapter that reads and bounds the body itself (the Starlette
    middleware) builds its request with this receive: protect() then knows the
    body is whole and within ``body_limit`` even without a Content-Length, and
    reads it through the request's public ``body()``."""

    __slots__ = ("_receive", "_sent", "body")

    def __init__(self, body: bytes, receive: Callable[[], Any]) -> None:
        self.body = body
        self._receive = receive
        self._sent = False

    async def __call__(self) -> Any:
        if not self._sent:
            self._sent = True
            return {"type": "http.request", "body": self.body, "more_body": False}
        return await self._receive()


def release_stalled_connection(environ: Mapping[str, Any]) -> None:
    """After a WSGI body read timed out: shut the read side of the server's
    socket when the server exposes it (gunicorn's ``gunicorn.socket``), so the
    reader thread blocked on it returns and the server does not wait for the
    rest of the body before the next request. The response still goes out."""
    sock = environ.get("gunicorn.socket")
    if isinstance(sock, socket.socket):
        with contextlib.suppress(OSError):  # already closed by the client: nothing to release
            sock.shutdown(socket.SHUT_RD)


# ---------------------------------------------------------- decision marking


def mark_body_error(decision: Decision, message: str, fail_open: bool) -> Decision:
    """``decision`` with every shield result that did not deny turned into
    ERROR (``message``): shield could not see the body it was asked to inspect.
    With ``fail_open=False`` a LIVE one raises ArcjetError, as any rule error does."""
    results = list(decision.results)
    changed = False
    for i, r in enumerate(results):
        if r.kind == "SHIELD" and r.conclusion is not Conclusion.DENY:
            results[i] = RuleResult(r.rule_id, RuleState.RUN, Conclusion.ERROR, ErrorReason(message), r.fingerprint,
                                    0, r.kind, r.dry_run)
            changed = True
            if not fail_open and not r.dry_run:
                raise ArcjetError(f"fail_open=False and a rule failed: {message}")
    if not changed:
        return decision
    return aggregate(results, ip_details=decision.ip_details, ip_address=decision.ip_address, decision_id=decision.id)
