"""Async Redis links for the single-server fast path: one command in flight.

redis-py's asyncio connection reads a reply through a StreamReader and several
layers of coroutines; on a local Redis that costs more than the round trip,
and it is what made async protect() slower than a sync limiter that simply
blocks the event loop. A link lets redis-py open the connection (TCP, TLS or
unix socket; AUTH, SELECT, HELLO), then takes over its transport with a
protocol of its own: the command is written directly and the caller awaits a
single future, which data_received resolves once the reply is complete.

Every failure other than an error reply closes the link (its state is
unknown: a late reply must never be read as the answer to the next command).
Error replies become redis-py's exception classes, so callers handle NOSCRIPT,
READONLY and the rest exactly as on the sync path.
"""

from __future__ import annotations

import asyncio
import select
from typing import Any

_HAS_POLL = hasattr(select, "poll")


class ProtocolError(Exception):
    """Bytes from the server that are not a RESP reply."""


def parse_reply(buf: bytes | bytearray, pos: int = 0) -> tuple[Any, int] | None:
    """One RESP2/RESP3 reply at ``pos``: (value, end), or None while incomplete.

    Integers are ints, strings bytes, arrays lists, null None; an error reply
    is returned as an ``ErrorReply`` (a str) for the caller to raise.
    """
    end = buf.find(b"\r\n", pos)
    if end < 0:
        return None
    kind = buf[pos]
    line = bytes(buf[pos + 1 : end])
    after = end + 2
    if kind == 0x3A:  # ':' integer
        return int(line), after
    if kind == 0x2A or kind == 0x7E:  # '*' array, '~' set (RESP3)
        count = int(line)
        if count < 0:
            return None, after
        items = []
        for _ in range(count):
            parsed = parse_reply(buf, after)
            if parsed is None:
                return None
            item, after = parsed
            items.append(item)
        return items, after
    if kind == 0x24:  # '$' bulk string
        size = int(line)
        if size < 0:
            return None, after
        if len(buf) < after + size + 2:
            return None
        return bytes(buf[after : after + size]), after + size + 2
    if kind == 0x2B:  # '+' simple string
        return line, after
    if kind == 0x2D:  # '-' error
        return ErrorReply(line.decode("utf-8", "replace")), after
    if kind == 0x5F:  # '_' null (RESP3)
        return None, after
    raise ProtocolError(f"unexpected RESP type byte {kind!r}")


def parse_int_array(buf: bytes | bytearray) -> tuple[list[int], int] | None:
    """The script's usual reply, an array of integers that is all of ``buf``,
    in one split; None for anything else (then ``parse_reply`` decides)."""
    if buf[:1] != b"*" or buf[-2:] != b"\r\n":
        return None
    parts = bytes(buf).split(b"\r\n")
    try:
        count = int(parts[0][1:])
    except ValueError:
        return None
    if count < 0 or len(parts) != count + 2 or any(p[:1] != b":" for p in parts[1:-1]):
        return None
    return [int(p[1:]) for p in parts[1:-1]], len(buf)


class ErrorReply(str):
    """An error reply's text (e.g. ``NOSCRIPT No matching script``)."""


class AsyncLink(asyncio.Protocol):
    """A taken-over connection: ``call`` writes one command and awaits its reply."""

    def __init__(self, transport: asyncio.Transport, raise_error: Any) -> None:
        self._transport = transport
        self._raise_error = raise_error  # ErrorReply -> the redis-py exception to raise
        self._buffer = bytearray()
        self._waiter: asyncio.Future[Any] | None = None
        self._lost: BaseException | None = None
        self._poll: Any = None
        self._streams: tuple[Any, Any] = (None, None)
        # A link lives on the loop that opened it (the caller's running loop).
        self._loop = asyncio.get_running_loop()
        self._watchdog = _watchdog(self._loop)
        sock = transport.get_extra_info("socket")
        if _HAS_POLL and sock is not None:
            self._poll = select.poll()
            self._poll.register(sock.fileno(), select.POLLIN)
        transport.set_protocol(self)

    @classmethod
    def take_over(cls, conn: Any, raise_error: Any) -> AsyncLink | None:
        """The transport of a connected redis.asyncio connection, or None when
        this redis-py keeps it somewhere else (the caller then uses redis-py)."""
        writer = getattr(conn, "_writer", None)
        reader = getattr(conn, "_reader", None)
        transport = getattr(writer, "transport", None)
        if transport is None or transport.is_closing():
            return None
        if reader is not None and len(getattr(reader, "_buffer", b"")):
            return None  # bytes already read past the handshake: not ours to drop
        link = cls(transport, raise_error)
        # Detach the streams from the connection: its __del__ closes "its"
        # writer, i.e. our transport, whenever the garbage collector gets to it.
        # The link keeps them alive instead, and closes the transport itself.
        link._streams = (reader, writer)
        conn._reader = conn._writer = None
        return link

    def clean(self) -> bool:
        """Open, and nothing waiting to be read: a command may go out. Asks the
        socket too, so a server restart seen by the kernel but not yet by the
        event loop does not cost the next request."""
        if self._lost is not None or self._buffer or self._transport.is_closing():
            return False
        return self._poll is None or not self._poll.poll(0)

    async def call(self, command: bytes, timeout: float) -> Any:
        if self._lost is not None:
            raise ConnectionError(f"redis connection lost: {self._lost}")
        waiter: asyncio.Future[Any] = self._loop.create_future()
        self._waiter = waiter
        self._transport.write(command)
        watchdog = self._watchdog
        watchdog.watch(self._loop, waiter, timeout)
        try:
            reply = await waiter
        finally:
            watchdog.inflight.pop(waiter, None)
            self._waiter = None
        if isinstance(reply, ErrorReply):
            raise self._raise_error(str(reply))
        return reply

    def close(self) -> None:
        self._lost = self._lost or ConnectionError("closed by the store")
        self._transport.close()

    # -- asyncio.Protocol --------------------------------------------------

    def data_received(self, data: bytes) -> None:
        self._buffer += data
        waiter = self._waiter
        if waiter is None or waiter.done():
            return  # unexpected bytes: clean() refuses this link from now on
        try:
            parsed = parse_int_array(self._buffer) or parse_reply(self._buffer)
        except (ProtocolError, ValueError) as exc:
            waiter.set_exception(ConnectionError(f"bad reply from redis: {exc}"))
            return
        if parsed is None:
            return
        value, end = parsed
        del self._buffer[:end]
        waiter.set_result(value)

    def connection_lost(self, exc: Exception | None) -> None:
        self._lost = exc or ConnectionError("connection closed by the server")
        waiter = self._waiter
        if waiter is not None and not waiter.done():
            waiter.set_exception(ConnectionError(f"redis connection lost: {self._lost}"))

    def eof_received(self) -> bool:
        return False  # close the transport


class _Watchdog:
    """Deadlines of every call in flight on one event loop, behind one timer.

    A timer per call (loop.call_later, then cancel) cost ~17 µs a call here,
    ~13 % of an async round trip. The watchdog keeps at most one timer, set
    for the earliest deadline it knows; when it fires it fails the calls
    that are due and re-arms for the next. A call that completes just leaves
    the table, so steady traffic arms about one timer per timeout period.
    The loop is passed in rather than kept (see _watchdogs).
    """

    __slots__ = ("_handle", "inflight")

    def __init__(self) -> None:
        self._handle: asyncio.TimerHandle | None = None
        # waiter -> (deadline on the loop's clock, timeout for the message)
        self.inflight: dict[asyncio.Future[Any], tuple[float, float]] = {}

    def watch(self, loop: asyncio.AbstractEventLoop, waiter: asyncio.Future[Any], timeout: float) -> None:
        deadline = loop.time() + timeout
        self.inflight[waiter] = (deadline, timeout)
        handle = self._handle
        if handle is None or handle.when() > deadline:
            if handle is not None:
                handle.cancel()
            self._handle = loop.call_at(deadline, self._fire, loop)

    def _fire(self, loop: asyncio.AbstractEventLoop) -> None:
        self._handle = None
        now = loop.time()
        earliest = None
        for waiter, (deadline, timeout) in list(self.inflight.items()):
            if deadline <= now:
                del self.inflight[waiter]
                if not waiter.done():
                    waiter.set_exception(asyncio.TimeoutError(f"no reply from redis within {timeout} s"))
            elif earliest is None or deadline < earliest:
                earliest = deadline
        if earliest is not None:
            self._handle = loop.call_at(earliest, self._fire, loop)


# One watchdog per loop. A plain dict: a pending timer refers to its loop, so
# a weak key would never die; watchdogs of closed loops go when a new loop
# shows up.
_watchdogs: dict[asyncio.AbstractEventLoop, _Watchdog] = {}


def _watchdog(loop: asyncio.AbstractEventLoop) -> _Watchdog:
    watchdog = _watchdogs.get(loop)
    if watchdog is None:
        # list() first: another thread's loop may add its watchdog meanwhile.
        for closed in [other for other in list(_watchdogs) if other.is_closed()]:
            _watchdogs.pop(closed, None)
        watchdog = _watchdogs[loop] = _Watchdog()
    return watchdog
