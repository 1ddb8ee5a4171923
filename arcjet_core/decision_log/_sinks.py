"""Where records go: a JSON Lines file rotated by size, a callable, a Redis stream.

Sinks run on the log's writer thread only, one batch at a time. ``write``
returns how many records of the batch failed; raising means all of them did.
A sink with ``takes_lines`` gets each record as its JSON line (built by
``_line.LineBuilder``, cheaper than a dict); the others get dicts.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable
from typing import Any, Protocol
from urllib.parse import parse_qs, urlsplit

from arcjet_core.errors import ArcjetMisconfiguration

Record = dict[str, Any]

DEFAULT_MAX_BYTES = 50_000_000
DEFAULT_BACKUPS = 5
DEFAULT_STREAM = "arcjet:decisions"
DEFAULT_MAXLEN = 1_000_000
REDIS_TIMEOUT = 1.0  # seconds: the writer thread may wait, the request path never does
PIPELINE = 1024  # XADDs per round trip to the stream: ~1 MB out, ~20 KB of ids back


def to_line(record: Record) -> str:
    # ASCII only: no U+2028 or NEL that a reader's splitlines() would cut a record at.
    return json.dumps(record, separators=(",", ":"), ensure_ascii=True) + "\n"


class Sink(Protocol):
    name: str
    takes_lines: bool

    def write(self, records: list[Any]) -> int: ...
    def after_fork(self) -> None: ...
    def close(self) -> None: ...


class FileSink:
    """Appends lines with O_APPEND; rotates ``path`` -> ``path.1`` ... ``path.<backups>`` by size."""

    takes_lines = True

    def __init__(self, path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES,
                 backups: int = DEFAULT_BACKUPS) -> None:
        if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes < 1024:
            raise ArcjetMisconfiguration(f"decision_log: max_bytes must be an int >= 1024, got {max_bytes!r}")
        if isinstance(backups, bool) or not isinstance(backups, int) or not 0 <= backups <= 1000:
            raise ArcjetMisconfiguration(f"decision_log: backups must be an int from 0 to 1000, got {backups!r}")
        # Absolute now, as logging.FileHandler does: a later chdir() (a daemon,
        # a test) must not move the log, or lose it at exit.
        self.path = os.path.abspath(os.fspath(path))
        parent = os.path.dirname(self.path)
        if not os.path.isdir(parent):
            raise ArcjetMisconfiguration(f"decision_log: directory {parent!r} does not exist")
        self.name = f"file {self.path}"
        self.max_bytes = max_bytes
        self.backups = backups
        self._fd = -1
        self._size = 0
        self._file_id = (0, 0)  # (st_ino, st_dev) of the file our descriptor is open on

    def _open(self) -> None:
        self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)
        mine = os.fstat(self._fd)
        self._size = mine.st_size
        self._file_id = (mine.st_ino, mine.st_dev)

    def _close_fd(self) -> None:
        if self._fd >= 0:
            with contextlib.suppress(OSError):
                os.close(self._fd)
        self._fd = -1

    def _ours(self) -> os.stat_result | None:
        """The file at our path, None when another process rotated or removed
        it from under our descriptor. One stat: the descriptor's own file is
        known since it was opened. (Each system call hands the GIL over and
        takes it back: the writer makes as few as it can; see _log.BATCH.)"""
        try:
            on_disk = os.stat(self.path)
        except FileNotFoundError:
            return None
        return on_disk if (on_disk.st_ino, on_disk.st_dev) == self._file_id else None

    def _rotate(self) -> None:
        self._close_fd()
        if self.backups == 0:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.path)
        else:
            for i in range(self.backups - 1, 0, -1):
                with contextlib.suppress(FileNotFoundError):
                    os.replace(f"{self.path}.{i}", f"{self.path}.{i + 1}")
            with contextlib.suppress(FileNotFoundError):
                os.replace(self.path, f"{self.path}.1")
        self._open()

    def write(self, records: list[str]) -> int:
        mine = self._ours() if self._fd >= 0 else None
        if mine is None:
            self._close_fd()
            self._open()
        else:
            self._size = mine.st_size  # the file's size: other processes append too
        data = "".join(records).encode("ascii")
        if self._size + len(data) <= self.max_bytes:  # the usual batch: no rotation inside it
            self._flush([data])
            return 0
        chunk: list[bytes] = []
        chunk_size = 0
        for record in records:
            line = record.encode("ascii")
            if self._size + chunk_size + len(line) > self.max_bytes and self._size + chunk_size > 0:
                self._flush(chunk)
                chunk, chunk_size = [], 0
                if self._ours() is not None:
                    self._rotate()
                else:  # another writer rotated it first: append to the new file
                    self._close_fd()
                    self._open()
            chunk.append(line)
            chunk_size += len(line)
        self._flush(chunk)
        return 0

    def _flush(self, chunk: list[bytes]) -> None:
        if not chunk:
            return
        data = memoryview(b"".join(chunk))
        while data:
            written = os.write(self._fd, data)
            data = data[written:]
            self._size += written

    def after_fork(self) -> None:
        self._close_fd()  # the child opens its own descriptor

    def close(self) -> None:
        self._close_fd()


class CallableSink:
    """Hands each record (a dict) to a function of the application's."""

    takes_lines = False

    def __init__(self, fn: Callable[[Record], object]) -> None:
        self._fn = fn
        self.name = f"callable {getattr(fn, '__qualname__', type(fn).__name__)}"
        self.last_error: BaseException | None = None

    def write(self, records: list[Record]) -> int:
        failed = 0
        for record in records:
            try:
                self._fn(record)
            except Exception as exc:  # the application's code: any failure is its own
                failed += 1
                self.last_error = exc
        return failed

    def after_fork(self) -> None:
        pass

    def close(self) -> None:
        pass


def _stream_options(url: str) -> tuple[str, str, int]:
    """The URL without our query parameters, the stream name and its MAXLEN."""
    parts = urlsplit(url)
    query = parse_qs(parts.query, keep_blank_values=True)
    stream = (query.pop("stream", None) or [DEFAULT_STREAM])[-1]
    if not stream:
        raise ArcjetMisconfiguration("decision_log: the Redis stream name is empty")
    raw = (query.pop("maxlen", None) or [str(DEFAULT_MAXLEN)])[-1]
    try:
        maxlen = int(raw)
    except ValueError:
        maxlen = -1
    if maxlen < 1:
        raise ArcjetMisconfiguration(f"decision_log: maxlen must be a positive integer, got {raw!r}")
    from urllib.parse import urlencode

    rest = urlencode([(k, v) for k, values in query.items() for v in values])
    return parts._replace(query=rest).geturl(), stream, maxlen


class RedisStreamSink:
    """``XADD stream MAXLEN ~ n * r <line>`` per record, over the project's own Redis link."""

    takes_lines = True

    def __init__(self, url: str) -> None:
        from arcjet_core.ratelimit._redis_config import import_redis, link_spec, split_scheme

        base, cluster = split_scheme(url)
        if cluster:
            raise ArcjetMisconfiguration("decision_log: a Redis Cluster URL is not supported; name one node")
        base, self.stream, self.maxlen = _stream_options(base)
        self._spec = link_spec(import_redis(), base, {})
        self.name = f"redis stream {self.stream} at {self._spec.where()}"
        self._link: Any = None

    def _connect(self) -> Any:
        from arcjet_core.ratelimit._redis_link import Link

        if self._link is None:
            self._link = Link(self._spec, REDIS_TIMEOUT, REDIS_TIMEOUT)
        return self._link

    def write(self, records: list[str]) -> int:
        from arcjet_core.ratelimit._resp import ErrorReply, bulk, command

        # Every XADD is the same but for its record: encode the rest once.
        head = command("XADD", self.stream, "MAXLEN", "~", str(self.maxlen), "*", "r", "")[:-len(bulk(b""))]
        failed = 0
        # Pipelined, PIPELINE records a round trip: one XADD per round trip
        # held the writer to ~10k records a second on loopback (the buffer
        # then filled and dropped), and each trip took the GIL back from the
        # request threads (see _log.BATCH).
        for start in range(0, len(records), PIPELINE):
            link = self._connect()
            commands = [head + bulk(record[:-1].encode()) for record in records[start:start + PIPELINE]]
            try:
                replies = link.call_many(commands)
            except BaseException:
                self._drop_link()
                raise
            failed += sum(isinstance(reply, ErrorReply) for reply in replies)  # e.g. WRONGTYPE: not stored
        return failed

    def _drop_link(self) -> None:
        if self._link is not None:
            self._link.close()
        self._link = None

    def after_fork(self) -> None:
        self._drop_link()  # closing our copy of the socket leaves the parent's link alone

    def close(self) -> None:
        self._drop_link()


def sink_from(target: object, *, max_bytes: int = DEFAULT_MAX_BYTES, backups: int = DEFAULT_BACKUPS) -> Sink:
    """The sink a ``decision_log=`` value names."""
    if callable(target):
        return CallableSink(target)
    if isinstance(target, (str, os.PathLike)):
        text = os.fspath(target)
        if not text:
            raise ArcjetMisconfiguration("decision_log: empty path")
        scheme = text.partition("://")[0].lower() if "://" in text else ""
        if scheme in ("redis", "rediss", "valkey", "valkeys", "unix"):
            return RedisStreamSink(text)
        if scheme:
            raise ArcjetMisconfiguration(f"decision_log: unsupported URL scheme {scheme!r}")
        return FileSink(text, max_bytes, backups)
    raise ArcjetMisconfiguration(
        f"decision_log must be a file path, a redis:// URL or a callable, got {type(target).__name__}")
