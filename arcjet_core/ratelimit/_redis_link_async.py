"""Async Redis links of our own, and a bounded pool of them per event loop.

A link is an ``asyncio.Protocol`` on a connection opened through asyncio's
public API (``loop.create_connection`` for TCP and TLS,
``loop.create_unix_connection`` for unix sockets), with AUTH, SELECT and
CLIENT SETNAME sent as its first commands. One command is in flight at a
time: the command is written directly and the caller awaits a single future,
which data_received resolves once the reply is complete (redis-py's asyncio
StreamReader path cost more than a local round trip).

A reply comes back as a value, an error reply as an ``ErrorReply`` (the
caller decides what it means, as on the sync links). Every other failure
closes the link (its state is unknown: a late reply must never be read as
the answer to the next command).

The pool caps the links of one event loop. A caller that finds no idle link
opens one while under the cap (bounded by the connect timeout), and
otherwise waits, up to the caller's pool timeout, for a link another caller
hands back. Without the cap, a burst of N concurrent calls opened N
connections, whose connects then timed out and failed open.
"""

from __future__ import annotations

import asyncio
import select
from collections import deque
from collections.abc import Callable
from typing import Any

from ._redis_config import LinkSpec
from ._resp import ErrorReply, ProtocolError, ReplyError, parse_one

_HAS_POLL = hasattr(select, "poll")


async def open_link(spec: LinkSpec, connect_timeout: float, timeout: float) -> AsyncLink:
    """A connected, authenticated link, within ``connect_timeout`` for all of it."""
    loop = asyncio.get_running_loop()

    def factory() -> AsyncLink:
        return AsyncLink(timeout)

    async def connect() -> AsyncLink:
        try:
            if spec.path is not None:
                _transport, link = await loop.create_unix_connection(factory, spec.path)
            else:
                _transport, link = await loop.create_connection(
                    factory, spec.host, spec.port, ssl=spec.ssl,
                    server_hostname=spec.server_hostname if spec.ssl is not None else None,
                )  # fmt: skip
        except TimeoutError:
            raise
        except OSError as exc:  # refused, unreachable, TLS: one kind of fault for callers
            raise ConnectionError(f"cannot connect to redis at {spec.where()}: {exc}") from exc
        try:
            for cmd in spec.handshake:
                reply = await link.call(cmd, connect_timeout)
                if isinstance(reply, ErrorReply):
                    raise ReplyError(f"{reply} (connecting to redis at {spec.where()})")
        except BaseException:
            link.close()
            raise
        return link

    return await asyncio.wait_for(connect(), connect_timeout)


class AsyncLink(asyncio.Protocol):
    """One connection of ours: ``call`` writes one command and awaits its reply
    (within ``timeout`` unless the call gives its own)."""

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self._transport: Any = None  # an asyncio.Transport (uvloop's do not subclass it)
        self._buffer = b""
        self._waiter: asyncio.Future[Any] | None = None
        self._lost: BaseException | None = None
        self._poll: Any = None
        # A link lives on the loop that opened it (the caller's running loop).
        self._loop = asyncio.get_running_loop()
        self._watchdog = _watchdog(self._loop)
        self._closed: asyncio.Future[None] = self._loop.create_future()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self._transport = transport
        sock = transport.get_extra_info("socket")
        # Not for TLS: a TLS record (a session ticket) may wait on the socket
        # with no reply in it.
        if _HAS_POLL and sock is not None and transport.get_extra_info("sslcontext") is None:
            self._poll = select.poll()
            self._poll.register(sock.fileno(), select.POLLIN)

    def clean(self) -> bool:
        """Open, and nothing waiting to be read: a command may go out. Asks the
        socket too, so a server restart seen by the kernel but not yet by the
        event loop does not cost the next request."""
        transport = self._transport
        if self._lost is not None or self._buffer or transport is None or transport.is_closing():
            return False
        return self._poll is None or not self._poll.poll(0)

    async def call(self, command: bytes, timeout: float | None = None) -> Any:
        transport = self._transport
        if self._lost is not None or transport is None:
            raise ConnectionError(f"redis connection lost: {self._lost}")
        loop = self._loop
        waiter: asyncio.Future[Any] = loop.create_future()
        self._waiter = waiter
        transport.write(command)
        watchdog = self._watchdog
        watchdog.watch(loop, waiter, self.timeout if timeout is None else timeout)
        try:
            return await waiter
        finally:
            watchdog.inflight.pop(waiter, None)
            self._waiter = None

    def close(self) -> None:
        """Close the socket (no QUIT: nothing more is said on a dropped link)."""
        self._lost = self._lost or ConnectionError("closed by the store")
        if self._transport is not None:
            self._transport.close()

    async def wait_closed(self, timeout: float) -> None:
        """Wait, at most ``timeout``, until the transport has let go of its
        socket: a TLS close takes several loop turns, and a loop that ends
        before them leaves the socket to the garbage collector (a
        ResourceWarning). Past the timeout the transport is aborted."""
        if self._transport is None or self._closed.done():
            return
        try:
            await asyncio.wait_for(asyncio.shield(self._closed), timeout)
        except asyncio.TimeoutError:
            self._transport.abort()

    # -- asyncio.Protocol --------------------------------------------------

    def data_received(self, data: bytes) -> None:
        if self._buffer:
            data = self._buffer + data
        waiter = self._waiter
        if waiter is None or waiter.done():
            self._buffer = data  # unexpected bytes: clean() refuses this link from now on
            return
        try:
            parsed = parse_one(data)
        except ProtocolError as exc:
            self._buffer = data
            waiter.set_exception(ConnectionError(str(exc)))
            return
        if parsed is None:
            self._buffer = data
            return
        value, end = parsed
        self._buffer = data[end:]
        waiter.set_result(value)

    def connection_lost(self, exc: Exception | None) -> None:
        self._lost = exc or ConnectionError("connection closed by the server")
        if not self._closed.done():
            self._closed.set_result(None)
        waiter = self._waiter
        if waiter is not None and not waiter.done():
            waiter.set_exception(ConnectionError(f"redis connection lost: {self._lost}"))

    def eof_received(self) -> bool:
        return False  # close the transport


class AsyncPool:
    """At most ``size`` links on one event loop; callers beyond that wait.

    Every link is either idle here or held by one caller, and a new one is
    opened only when none is idle and fewer than ``size`` exist, so the
    count never passes ``size``. A caller that releases a link hands it
    straight to the longest waiter (FIFO); a dropped link hands over its
    place instead, and that waiter opens a new one. Waiting is bounded by the
    caller's timeout, on the loop's watchdog timer.
    """

    __slots__ = ("_idle", "_loop", "_open", "_waiters", "_watchdog", "opened", "size")

    def __init__(self, size: int, opener: Callable[[], Any]) -> None:
        self.size = size
        self._open: Callable[[], Any] = opener  # -> awaitable AsyncLink
        self._idle: list[AsyncLink] = []
        # Futures of waiting callers; each gets a link, or None: a place to open one.
        self._waiters: deque[asyncio.Future[AsyncLink | None]] = deque()
        self._loop = asyncio.get_running_loop()
        self._watchdog = _watchdog(self._loop)
        self.opened = 0  # links that exist: idle + held + being opened

    def take(self) -> AsyncLink | None:
        """An idle link, without awaiting (None: ``acquire`` opens or waits for one)."""
        idle = self._idle
        while idle:
            link = idle.pop()
            if link.clean():
                return link
            link.close()  # closed by the server, or holding stray bytes
            self.opened -= 1
        return None

    async def acquire(self, timeout: float) -> AsyncLink:
        link = self.take()
        if link is not None:
            return link
        if self.opened >= self.size:
            handed = await self._wait(timeout)
            if handed is not None:
                return handed
        else:
            self.opened += 1
        try:
            opened: AsyncLink = await self._open()
        except BaseException:
            self._give_place()
            raise
        return opened

    async def _wait(self, timeout: float) -> AsyncLink | None:
        waiter: asyncio.Future[AsyncLink | None] = self._loop.create_future()
        self._waiters.append(waiter)
        self._watchdog.watch(self._loop, waiter, timeout, "no free redis connection")
        try:
            return await waiter
        except BaseException:
            # Cancelled after being handed a link or a place: pass it on.
            if waiter.done() and not waiter.cancelled() and waiter.exception() is None:
                handed = waiter.result()
                if handed is None:
                    self._give_place()
                else:
                    self.release(handed)
            raise
        finally:
            self._watchdog.inflight.pop(waiter, None)

    def release(self, link: AsyncLink) -> None:
        """A link whose last call ended with a complete reply: reuse it."""
        waiters = self._waiters
        while waiters:
            waiter = waiters.popleft()
            if not waiter.done():
                waiter.set_result(link)
                return
        self._idle.append(link)

    def drop(self, link: AsyncLink) -> None:
        """A link in an unknown state: close it, and give its place on."""
        link.close()
        self._give_place()

    def _give_place(self) -> None:
        waiters = self._waiters
        while waiters:
            waiter = waiters.popleft()
            if not waiter.done():
                waiter.set_result(None)  # the place stays counted in opened
                return
        self.opened -= 1

    def close(self) -> list[AsyncLink]:
        """Close the idle links; returns them, for the caller to wait_closed()."""
        idle, self._idle = self._idle, []
        for link in idle:
            link.close()
            self.opened -= 1
        return idle


class _Watchdog:
    """Deadlines of every call in flight on one event loop, behind one timer.

    A timer per call (loop.call_later, then cancel) cost a noticeable share
    of an async round trip. The watchdog keeps at most one timer, set for the
    earliest deadline it knows; when it fires it fails the calls that are due
    and re-arms for the next. A call that completes just leaves the table, so
    steady traffic arms about one timer per timeout period. The loop is
    passed in rather than kept (see _watchdogs).
    """

    __slots__ = ("_handle", "inflight")

    def __init__(self) -> None:
        self._handle: asyncio.TimerHandle | None = None
        # waiter -> (deadline on the loop's clock, timeout and text for the message)
        self.inflight: dict[asyncio.Future[Any], tuple[float, float, str]] = {}

    def watch(
        self, loop: asyncio.AbstractEventLoop, waiter: asyncio.Future[Any], timeout: float,
        what: str = "no reply from redis",
    ) -> None:
        deadline = loop.time() + timeout
        self.inflight[waiter] = (deadline, timeout, what)
        handle = self._handle
        if handle is None or handle.when() > deadline:
            if handle is not None:
                handle.cancel()
            self._handle = loop.call_at(deadline, self._fire, loop)

    def _fire(self, loop: asyncio.AbstractEventLoop) -> None:
        self._handle = None
        now = loop.time()
        earliest = None
        for waiter, (deadline, timeout, what) in list(self.inflight.items()):
            if deadline <= now:
                del self.inflight[waiter]
                if not waiter.done():
                    waiter.set_exception(asyncio.TimeoutError(f"{what} within {timeout} s"))
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
