"""Blocking Redis links of our own, and a bounded pool of them per process.

A link is a plain socket (TCP, TLS or unix) with AUTH, SELECT and CLIENT
SETNAME sent as its first commands, carrying one command at a time (or
one pipelined batch: ``call_many``). Any
failure other than an error reply leaves it in an unknown state (a late
reply must never be read as the answer to the next command): the caller
discards it, and the next call opens a fresh one.

The pool holds at most ``size`` links. A thread that finds none idle opens
one while under the cap (within the connect timeout) and otherwise waits,
up to the pool timeout, for one to be handed back.
"""

from __future__ import annotations

import contextlib
import select
import socket
import struct
import sys
import threading
import time
from typing import Any

from ._redis_config import LinkSpec
from ._resp import ErrorReply, ProtocolError, ReplyError, parse_one, parse_reply

_HAS_POLL = hasattr(select, "poll")  # not on Windows: no probe there, a stale link fails its call
# Where the kernel times out a blocking socket's send and recv (Linux: a
# struct timeval of two longs). A socket with a Python timeout instead polls
# before every send and every recv: two more system calls per command.
_KERNEL_TIMEOUTS = sys.platform == "linux"
_monotonic = time.monotonic


def _kernel_timeout(sock: socket.socket, seconds: float) -> None:
    whole = int(seconds)
    micros = int((seconds - whole) * 1_000_000)
    if not whole and not micros:
        micros = 1  # a zero timeval means "wait forever"
    value = struct.pack("ll", whole, micros)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVTIMEO, value)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDTIMEO, value)


class Link:
    """One blocking connection: ``call`` sends a command and returns its
    reply (an ``ErrorReply`` for an error). It raises ``ConnectionError``
    (bytes that are no reply included) or ``TimeoutError`` when the link can
    no longer be trusted."""

    __slots__ = ("_kernel", "_leftover", "_poll", "_sock", "_waits", "timeout")

    def __init__(self, spec: LinkSpec, connect_timeout: float, timeout: float) -> None:
        self.timeout = timeout
        self._leftover = b""  # bytes after a reply: stray, so the link is not clean
        try:
            self._sock = _connect(spec, connect_timeout)
        except TimeoutError:
            raise
        except OSError as exc:  # refused, unreachable, TLS: one kind of fault for callers
            raise ConnectionError(f"cannot connect to redis at {spec.where()}: {exc}") from exc
        # TLS keeps Python's timeout: SSL reads and writes retry on their own.
        self._kernel = _KERNEL_TIMEOUTS and spec.ssl is None
        if self._kernel:
            self._sock.settimeout(None)
        self._waits = -1.0  # the timeout the socket is set to now
        self._poll: Any = None
        try:
            for cmd in spec.handshake:
                reply = self.call(cmd, connect_timeout)
                if isinstance(reply, ErrorReply):
                    raise ReplyError(f"{reply} (connecting to redis at {spec.where()})")
        except BaseException:
            self._sock.close()
            raise
        if _HAS_POLL and spec.ssl is None:  # TLS: see AsyncLink.connection_made
            self._poll = select.poll()
            self._poll.register(self._sock.fileno(), select.POLLIN)

    def call(self, command: bytes, timeout: float | None = None) -> Any:
        sock = self._sock
        wait = self.timeout if timeout is None else timeout
        if self._waits != wait:  # the socket keeps its timeout between calls
            self._wait(wait)
        started = _monotonic()
        try:
            sock.sendall(command)
            data = sock.recv(65536)
            parsed = parse_one(data) if data else None
        except BlockingIOError as exc:  # a kernel timeout
            raise TimeoutError(f"no reply from redis within {wait} s") from exc
        except ProtocolError as exc:
            raise ConnectionError(str(exc)) from exc
        if parsed is None:  # in pieces, or the server closed the connection
            data, parsed = self._rest(data, started + wait, wait)
        value, end = parsed
        if end != len(data):
            self._leftover = data[end:]
        return value

    def call_many(self, commands: list[bytes], timeout: float | None = None) -> list[Any]:
        """Send every command at once (a pipeline) and return their replies in
        order, all within one timeout: one round trip for many commands (the
        decision log's stream sink). Failures as ``call``'s."""
        sock = self._sock
        wait = self.timeout if timeout is None else timeout
        if self._waits != wait:
            self._wait(wait)
        deadline = _monotonic() + wait
        replies: list[Any] = []
        data = bytearray()
        pos = 0
        try:
            sock.sendall(b"".join(commands))
            while len(replies) < len(commands):
                parsed = parse_reply(data, pos) if pos < len(data) else None
                if parsed is not None:
                    value, pos = parsed
                    replies.append(value)
                    continue
                left = deadline - _monotonic()
                if left <= 0:
                    raise TimeoutError(f"no reply from redis within {wait} s")
                self._wait(left)
                chunk = sock.recv(65536)
                if not chunk:
                    raise ConnectionError("redis connection closed by the server")
                data += chunk
        except BlockingIOError as exc:  # a kernel timeout
            raise TimeoutError(f"no reply from redis within {wait} s") from exc
        except (ProtocolError, ValueError) as exc:  # ValueError: a malformed length
            raise ConnectionError(f"bad reply from redis: {exc}") from exc
        if pos != len(data):
            self._leftover = bytes(data[pos:])
        return replies

    def _wait(self, seconds: float) -> None:
        if self._kernel:
            _kernel_timeout(self._sock, seconds)
        else:
            self._sock.settimeout(seconds)
        self._waits = seconds

    def _rest(self, data: bytes, deadline: float, wait: float) -> tuple[bytes, tuple[Any, int]]:
        """The rest of a reply that came in pieces, all of it by ``deadline``."""
        while True:
            if not data:
                raise ConnectionError("redis connection closed by the server")
            left = deadline - _monotonic()
            if left <= 0:
                raise TimeoutError(f"no reply from redis within {wait} s")
            self._wait(left)
            try:
                chunk = self._sock.recv(65536)
                if not chunk:
                    raise ConnectionError("redis connection closed by the server")
                data += chunk
                parsed = parse_one(data)
            except BlockingIOError as exc:
                raise TimeoutError(f"no reply from redis within {wait} s") from exc
            except ProtocolError as exc:
                raise ConnectionError(str(exc)) from exc
            if parsed is not None:
                return data, parsed

    def clean(self) -> bool:
        """True when nothing is waiting on the connection: a command may go out
        (anything readable between replies is an EOF or stray bytes)."""
        if self._leftover:
            return False
        return self._poll is None or not self._poll.poll(0)

    def close(self) -> None:
        """Close the socket (no QUIT: nothing more is said on a dropped link)."""
        with contextlib.suppress(OSError):
            self._sock.close()


def _connect(spec: LinkSpec, connect_timeout: float) -> socket.socket:
    if spec.path is not None:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            sock.settimeout(connect_timeout)
            sock.connect(spec.path)
        except BaseException:
            sock.close()
            raise
        return sock
    sock = socket.create_connection((spec.host, spec.port), timeout=connect_timeout)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    if spec.ssl is not None:
        try:
            sock = spec.ssl.wrap_socket(sock, server_hostname=spec.server_hostname)
        except BaseException:
            sock.close()
            raise
    return sock


class LinkPool:
    """At most ``size`` links, shared by the threads of one process.

    ``checkout`` takes an idle link, else opens one under the cap, else waits
    for one; ``checkin`` hands back a link whose last call ended with a
    complete reply; ``discard`` closes one in an unknown state and frees its
    place. The fast path takes no lock: list.pop() and append() are atomic.
    """

    __slots__ = ("_freed", "_idle", "_waiting", "connect_timeout", "opened", "pool_timeout", "size", "spec", "timeout")

    def __init__(self, spec: LinkSpec, size: int, *, connect_timeout: float, timeout: float, pool_timeout: float) -> None:
        self.spec = spec
        self.size = size
        self.connect_timeout = connect_timeout
        self.timeout = timeout
        self.pool_timeout = pool_timeout
        self._idle: list[Link] = []  # a link is here only between two complete replies
        self.opened = 0  # links that exist: idle, in use or opening
        self._waiting = 0  # threads waiting for one
        self._freed = threading.Condition(threading.Lock())

    def checkout(self) -> Link:
        """A thread about to wait counts itself in _waiting and looks at the
        idle list again under the lock; a thread handing a link back appends
        it before it reads _waiting, so one of the two always sees the other."""
        idle = self._idle
        deadline = 0.0
        while True:
            try:
                link = idle.pop()
            except IndexError:
                pass
            else:
                if link.clean():
                    return link
                # Closed by the server (restart, idle timeout) or holding stray bytes.
                self.discard(link)
                continue
            with self._freed:
                if idle:
                    continue
                if self.opened < self.size:
                    self.opened += 1
                    break
                if not deadline:
                    deadline = time.monotonic() + self.pool_timeout
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"no free redis connection within {self.pool_timeout} s")
                self._waiting += 1
                try:
                    self._freed.wait(left)
                finally:
                    self._waiting -= 1
        try:
            return Link(self.spec, self.connect_timeout, self.timeout)
        except BaseException:
            self._free_place()
            raise

    def checkin(self, link: Link) -> None:
        self._idle.append(link)
        if self._waiting:  # read after the append: see checkout
            with self._freed:
                self._freed.notify()

    def discard(self, link: Link) -> None:
        link.close()
        self._free_place()

    def _free_place(self) -> None:
        with self._freed:
            self.opened -= 1
            self._freed.notify()

    def close(self) -> None:
        """Close the idle links (links in use are discarded or handed back later)."""
        idle, self._idle = self._idle, []
        for link in idle:
            self.discard(link)

    def __len__(self) -> int:
        """Idle links."""
        return len(self._idle)
