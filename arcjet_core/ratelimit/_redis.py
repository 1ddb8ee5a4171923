"""Redis / Valkey store: every op of one request in one EVALSHA round trip.

Sync and async share all the I/O-free work (key derivation, argument
packing, reply decoding); they differ only in the client and in ``await``.

Why there are no client-side retries: a timeout may arrive after the script
already ran, and re-sending it would count the request twice. A failed call
raises ``ArcjetStorageError`` (the engine fails open), the broken connection is
dropped, and the next call reconnects, so the store recovers by itself.

Speed (single server): the store opens its own connections (plain sockets for
sync calls, asyncio protocols for async ones; redis-py only parses the URL and
options) and sends a pre-encoded EVALSHA (ops' keys and arguments are encoded
once per distinct op and cached), skipping redis-py's client layer and pool
checkout, which on a local Redis cost more than the round trip. A Cluster
goes through redis-py's RedisCluster, which routes by slot.

Bounded: at most ``max_connections`` (default 32, also ``?max_connections=N``
in the URL) connections for the sync path and as many per event loop for the
async one; a caller that finds none free waits for one instead of opening
more. Opening a connection (TCP, TLS, AUTH, SELECT) is bounded by
``connect_timeout`` (default 1 s), waiting for a free one by ``pool_timeout``
(default 5 s), each command by ``timeout`` (default 100 ms). The wait is not
held to the command timeout on purpose: under a burst the queue is local, and
it drains only as fast as the event loop serves everything else (1000
concurrent requests to one uvicorn worker on a loaded 2-core VM took over a
second), so a short bound failed the tail of such a burst open.

Fork safety without at-fork hooks (a fork made from C, as uWSGI makes its
workers, runs none): the store remembers the pid that opened its connections
and checks it on every call. A process that finds another pid drops the
inherited sockets unused (no QUIT, no shutdown: either would end them for the
parent too) and opens its own.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import hashlib
import os
import select
import socket
import ssl
import threading
import time
from collections.abc import Sequence
from importlib import resources
from typing import Any
from urllib.parse import parse_qs, parse_qsl, urlencode, urlsplit

from ..errors import ArcjetMisconfiguration, ArcjetStorageError
from ._resp_async import (
    AsyncPool,
    ErrorReply,
    LinkSpec,
    ProtocolError,
    command,
    open_link,
    parse_int_array,
    parse_reply,
)
from ._types import (
    FixedWindowParams,
    LimitOutcome,
    Op,
    Outcome,
    SlidingWindowParams,
    Storage,
    SuspicionOp,
    SuspicionOutcome,
    TokenBucketParams,
)

DEFAULT_TIMEOUT = 0.1  # seconds; a rate limit that waits longer costs more than it saves
# A connect (TCP, TLS, AUTH, SELECT) is rare and may meet a burst's queue at
# the server's accept: give it room, or the burst it serves fails open.
DEFAULT_CONNECT_TIMEOUT = 1.0
# Waiting for a free connection: a burst's queue drains at the pace of the
# event loop (or the threads) serving everything else, not of Redis.
DEFAULT_POOL_TIMEOUT = 5.0
# aclose() waits this long for each link's socket to be let go (a TLS close
# takes several loop turns), then aborts it.
CLOSE_TIMEOUT = 1.0
# Per process for the sync path, per event loop for the async one. Redis runs
# one script at a time, so more connections only queue at the server.
DEFAULT_MAX_CONNECTIONS = 32
MAX_CONNECTIONS_LIMIT = 10_000
KEY_PART_SEPARATOR = "\x1f"


def load_script() -> str:
    """The Lua sent to Redis: the algorithms, then the request loop."""
    package = resources.files(__package__)
    return (
        package.joinpath("algorithms.lua").read_text(encoding="utf-8")
        + "\n"
        + package.joinpath("run.lua").read_text(encoding="utf-8")
    )


def import_redis() -> Any:
    try:
        import redis
        import redis.asyncio
        import redis.asyncio.cluster
        import redis.asyncio.retry
        import redis.backoff
        import redis.cluster
        import redis.crc
        import redis.retry
    except ImportError as exc:  # pragma: no cover - exercised in a subprocess test
        raise ArcjetMisconfiguration(
            "storage: a redis:// storage needs the redis client; "
            "install it with `pip install 'arcjet-local[redis]'`"
        ) from exc
    return redis


def _fault_types(redis: Any) -> tuple[type[BaseException], ...]:
    # RedisClusterException does not derive from RedisError; OSError and
    # asyncio.TimeoutError can surface from socket and SSL layers directly.
    return (
        redis.exceptions.RedisError,
        redis.exceptions.RedisClusterException,
        OSError,
        asyncio.TimeoutError,
    )


@functools.lru_cache(maxsize=16_384)  # hot clients repeat; two sha256 per op add up
def storage_key(prefix: str, kind: str, key: str) -> str:
    """``prefix:{tag}:digest``: hashed so any logical key is safe and bounded.

    The hash tag is the last key part (the engine puts the client fingerprint
    there), so a request's ops usually share one Cluster slot and one round
    trip. The kind is in the digest so two algorithms never share state.
    """
    tag = key.rpartition(KEY_PART_SEPARATOR)[2]
    tag_digest = hashlib.sha256(tag.encode()).hexdigest()[:16]
    digest = hashlib.sha256(f"{kind}\x00{key}".encode()).hexdigest()[:32]
    return f"{prefix}:{{{tag_digest}}}:{digest}"


def pack(op: Op) -> tuple[str, tuple[int, int, int, int]]:
    """The op's kind letter and its four integer arguments, as run.lua reads them."""
    if isinstance(op, SuspicionOp):
        return "x", (op.add, op.threshold, op.window_seconds * 1000, op.block_seconds * 1000)
    p = op.params
    if isinstance(p, TokenBucketParams):
        return "t", (p.refill_rate, p.interval * 1000, p.capacity, op.requested)
    if isinstance(p, FixedWindowParams):
        return "f", (p.max, p.window * 1000, op.requested, 0)
    if isinstance(p, SlidingWindowParams):
        return "s", (p.max, p.interval * 1000, op.requested, 0)
    raise TypeError(f"unknown rate-limit params: {p!r}")


def unpack(op: Op, flag: int, count: int, ms: int, retry_ms: int = 0) -> Outcome:
    if isinstance(op, SuspicionOp):
        return SuspicionOutcome(bool(flag), int(count), int(ms) / 1000)
    p = op.params
    retry = int(retry_ms) / 1000
    if isinstance(p, TokenBucketParams):
        return LimitOutcome(bool(flag), p.capacity, int(count), int(ms) / 1000, p.interval, retry)
    if isinstance(p, FixedWindowParams):
        return LimitOutcome(bool(flag), p.max, int(count), int(ms) / 1000, p.window, retry)
    return LimitOutcome(bool(flag), p.max, int(count), int(ms) / 1000, p.interval, retry)


def unpack_reply(ops: Sequence[Op], reply: Sequence[int]) -> list[Outcome]:
    """The script's flat reply (flag, count, ms, retry ms per op) as one outcome per op."""
    return [
        unpack(op, reply[n], reply[n + 1], reply[n + 2], reply[n + 3])
        for op, n in zip(ops, range(0, 4 * len(ops), 4), strict=True)
    ]


def _bulk(value: bytes) -> bytes:
    return b"$%d\r\n%s\r\n" % (len(value), value)


@functools.lru_cache(maxsize=16_384)  # the engine sends equal ops for a returning client
def op_wire(prefix: str, op: Op) -> tuple[str, bytes, bytes]:
    """The op's storage key, and its key and arguments as RESP bulk strings.

    Encoding an op costs more than sending it; a client seen again reuses the
    bytes, and a request's command is a join of cached pieces.
    """
    kind, args = pack(op)
    key = storage_key(prefix, kind, op.key)
    encoded = b"".join(_bulk(a) for a in (kind.encode(), *(b"%d" % x for x in args)))
    return key, _bulk(key.encode()), encoded


class _Link:
    """One blocking connection of ours (socket, TLS, AUTH, SELECT), one
    command at a time, with a one-syscall staleness probe.

    Opened from the same LinkSpec as the async links, so redis-py is used
    only to parse the URL. ``call`` raises ``ConnectionError`` /
    ``TimeoutError`` (the caller then drops the link: its state is unknown)
    or the error reply's exception (the link stays usable).
    """

    __slots__ = ("_buffer", "_poll", "_raise_error", "_sock", "_timeout")

    def __init__(self, spec: LinkSpec, raise_error: Any, connect_timeout: float, timeout: float) -> None:
        self._raise_error = raise_error
        self._timeout = timeout
        self._buffer = bytearray()
        try:
            self._sock = self._connect(spec, connect_timeout)
        except TimeoutError:
            raise
        except OSError as exc:  # refused, unreachable, TLS: one kind of fault for callers
            raise ConnectionError(f"cannot connect to redis at {spec.path or (spec.host, spec.port)}: {exc}") from exc
        self._poll: Any = None
        try:
            for cmd in spec.handshake:
                self.call(cmd, connect_timeout)
        except BaseException:
            self._sock.close()
            raise
        if _HAS_POLL and spec.ssl is None:  # TLS: see AsyncLink.connection_made
            self._poll = select.poll()
            self._poll.register(self._sock.fileno(), select.POLLIN)

    @staticmethod
    def _connect(spec: LinkSpec, connect_timeout: float) -> socket.socket:
        if spec.path is not None:
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                sock.settimeout(connect_timeout)
                sock.connect(spec.path)
            except BaseException:
                sock.close()
                raise
        else:
            sock = socket.create_connection((spec.host, spec.port), timeout=connect_timeout)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            if spec.ssl is not None:
                try:
                    sock = spec.ssl.wrap_socket(sock, server_hostname=spec.server_hostname)
                except BaseException:
                    sock.close()
                    raise
        return sock

    def call(self, command: bytes, timeout: float | None = None) -> Any:
        sock = self._sock
        buffer = self._buffer
        wait = self._timeout if timeout is None else timeout
        deadline = time.monotonic() + wait
        # The socket keeps the command timeout between calls (settimeout is
        # two fcntl calls); only a handshake or a reply in pieces changes it.
        if sock.gettimeout() != wait:
            sock.settimeout(wait)
        sock.sendall(command)
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                raise ConnectionError("redis connection closed by the server")
            buffer += chunk
            try:
                parsed = parse_int_array(buffer) or parse_reply(buffer)
            except (ProtocolError, ValueError) as exc:
                raise ConnectionError(f"bad reply from redis: {exc}") from exc
            if parsed is not None:
                break
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"no reply from redis within {wait} s")
            sock.settimeout(left)
        if sock.gettimeout() != self._timeout:
            sock.settimeout(self._timeout)
        value, end = parsed
        del buffer[:end]
        if isinstance(value, ErrorReply):
            raise self._raise_error(str(value))
        return value

    def clean(self) -> bool:
        """True when nothing is waiting on the connection: a request may go out
        (anything readable between replies is an EOF or stray bytes)."""
        if self._buffer:
            return False
        return self._poll is None or not self._poll.poll(0)

    def close(self) -> None:
        """Close the socket (no QUIT: nothing more is said on a dropped link)."""
        with contextlib.suppress(OSError):
            self._sock.close()


_HAS_POLL = hasattr(select, "poll")  # not on Windows: no probe there, a stale link fails its call


_getpid = os.getpid


class RedisStorage(Storage):
    """Rate-limit state on a Redis, Valkey or Redis Cluster server.

    ``url`` accepts ``redis://``, ``rediss://``, ``unix://``, ``valkey://``,
    ``valkeys://`` and, for a cluster, ``redis+cluster://`` /
    ``rediss+cluster://`` (several seed nodes: ``host1:port1,host2:port2``).
    ``timeout`` bounds every command; ``connect_timeout`` bounds opening a
    connection, ``pool_timeout`` waiting for a free one; ``max_connections`` caps them
    (``?max_connections=N`` and ``?pool_timeout=S`` in the URL win). Extra keyword arguments go to
    the redis-py client; query parameters in the URL override them.
    """

    # Connection state, (re)made by _reset_connections in each process.
    _client: Any
    _client_lock: threading.Lock

    def __init__(
        self,
        url: str,
        *,
        prefix: str = "arcjet",
        timeout: float = DEFAULT_TIMEOUT,
        connect_timeout: float = DEFAULT_CONNECT_TIMEOUT,
        max_connections: int = DEFAULT_MAX_CONNECTIONS,
        pool_timeout: float = DEFAULT_POOL_TIMEOUT,
        **client_options: Any,
    ) -> None:
        self._redis = import_redis()
        self._faults = _fault_types(self._redis)
        self._no_script = self._redis.exceptions.NoScriptError
        scheme, sep, rest = url.partition("://")
        scheme = scheme.lower()
        if not sep:
            raise ArcjetMisconfiguration(f"storage: not a URL: {url!r}")
        self.cluster = scheme.endswith("+cluster")
        base = scheme.removesuffix("+cluster")
        # Valkey speaks the Redis protocol; redis-py only knows the redis names.
        base = {"valkey": "redis", "valkeys": "rediss"}.get(base, base)
        if base not in ("redis", "rediss", "unix") or (self.cluster and base == "unix"):
            raise ArcjetMisconfiguration(f"storage: unsupported Redis URL scheme {scheme!r}")
        self._url: str = f"{base}://{rest}"
        self._seeds: list[tuple[str, int]] = []
        if self.cluster:
            self._url, self._seeds = _split_seeds(self._url)
        self.prefix = prefix
        self.timeout = _positive("timeout", timeout)
        self.connect_timeout = _positive("connect_timeout", connect_timeout)
        self.max_connections = _max_connections(url, max_connections)
        # redis-py's own names for the two timeouts, in the URL, win (as they
        # do for its clients).
        self.timeout = _query_seconds(url, "socket_timeout", self.timeout)
        self.connect_timeout = _query_seconds(url, "socket_connect_timeout", self.connect_timeout)
        self.pool_timeout = _query_seconds(url, "pool_timeout", _positive("pool_timeout", pool_timeout))
        self._url = _without_query_param(self._url, "pool_timeout")  # ours: redis-py would pass it on
        self._options = client_options
        self.script = load_script()
        self.sha = hashlib.sha1(self.script.encode()).hexdigest()
        self._link_spec: LinkSpec | None = None
        self._reset_connections()
        self._head = b"$7\r\nEVALSHA\r\n" + _bulk(self.sha.encode())
        self._eval_head = b"$4\r\nEVAL\r\n" + _bulk(self.script.encode())
        self._response_error = self._redis.exceptions.ResponseError
        self._error_reply = functools.partial(error_reply_exception, self._redis.exceptions)

    def __repr__(self) -> str:
        return f"RedisStorage(cluster={self.cluster}, prefix={self.prefix!r})"

    # -- shared, I/O-free -------------------------------------------------

    def _batches(self, ops: Sequence[Op]) -> list[tuple[list[int], list[str], list[Any]]]:
        """Ops grouped so each group is one script call: one group, or one per Cluster slot."""
        groups: dict[int, tuple[list[int], list[str], list[Any]]] = {}
        key_slot = self._redis.crc.key_slot if self.cluster else None
        for index, op in enumerate(ops):
            kind, args = pack(op)
            key = storage_key(self.prefix, kind, op.key)
            slot = key_slot(key.encode()) if key_slot is not None else 0
            group = groups.get(slot)
            if group is None:
                group = groups[slot] = ([], [], [])
            group[0].append(index)
            group[1].append(key)
            group[2].append(kind)
            group[2].extend(args)
        return list(groups.values())

    @staticmethod
    def _decode(
        ops: Sequence[Op], batches: list[tuple[list[int], list[str], list[Any]]], replies: list[Any]
    ) -> list[Outcome]:
        outcomes: list[Outcome | None] = [None] * len(ops)
        for (indexes, _keys, _args), reply in zip(batches, replies, strict=True):
            for n, index in enumerate(indexes):
                outcomes[index] = unpack(
                    ops[index], reply[4 * n], reply[4 * n + 1], reply[4 * n + 2], reply[4 * n + 3]
                )
        return outcomes  # type: ignore[return-value]  # every slot was filled above

    def _fault(self, exc: BaseException) -> ArcjetStorageError:
        return ArcjetStorageError(f"redis storage failed: {type(exc).__name__}: {exc}")

    def _client_options(self) -> dict[str, Any]:
        options: dict[str, Any] = {
            "socket_timeout": self.timeout,
            "socket_connect_timeout": self.connect_timeout,
        }
        options.update(self._options)
        return options

    # -- sync --------------------------------------------------------------

    def _sync_client(self) -> Any:
        client = self._client
        if client is None:
            with self._client_lock:
                if self._client is None:
                    self._client = self._new_client(self._redis, self._redis.retry.Retry)
                client = self._client
        return client

    def _new_client(self, module: Any, retry_type: Any) -> Any:
        options = self._client_options()
        no_retry = retry_type(self._redis.backoff.NoBackoff(), 0)
        if self.cluster:
            cluster = module.cluster
            seeds = [cluster.ClusterNode(host, port) for host, port in self._seeds]
            if seeds:
                options["startup_nodes"] = seeds
            return cluster.RedisCluster.from_url(self._url, retry=no_retry, **options)
        return module.Redis.from_url(self._url, retry=no_retry, **options)

    def _reset_connections(self) -> None:
        """Start with no connections, in this process (see the module doc)."""
        self._pid = _getpid()
        # Single-server fast path: connections this store owns, idle ones here.
        # list.pop()/append() are atomic, so threads share it without a lock;
        # a connection is in the list only between two complete replies.
        self._idle: list[_Link] = []
        self._opened = 0  # sync connections that exist: idle, in use or opening
        self._waiting = 0  # threads waiting for one
        self._freed = threading.Condition(threading.Lock())
        # redis.asyncio connections and our async links belong to the loop
        # that opened them. Plain dicts, not weak ones: a connection refers to
        # its loop, so a weak key would never die; entries of closed loops are
        # dropped when a new loop shows up (_forget_closed_loops).
        self._async_pools: dict[asyncio.AbstractEventLoop, AsyncPool] = {}
        self._async_clients: dict[asyncio.AbstractEventLoop, Any] = {}
        # Cluster, async: redis-py's cluster client opens a connection per
        # concurrent call (or, capped, raises instead of waiting), so calls
        # are let through max_connections at a time per loop; each holds at
        # most one connection, so no node ever has more.
        self._cluster_gates: dict[asyncio.AbstractEventLoop, asyncio.Semaphore] = {}
        self._client = None
        self._client_lock = threading.Lock()

    def _forget_inherited(self) -> None:
        # A forked child's connections are its parent's sockets: drop them
        # unused, with no QUIT or shutdown (either would end them for the
        # parent; the child's copy of the descriptor closes harmlessly when
        # collected), and the redis-py clients holding more of them.
        self._reset_connections()

    def run(self, ops: Sequence[Op]) -> list[Outcome]:
        if not ops:
            return []
        if self._pid != _getpid():
            self._forget_inherited()
        if self.cluster:
            return self._run_cluster(ops)
        try:
            keys, args = self._command(ops)
            reply = self._send(keys, args)
        except self._faults as exc:
            raise self._fault(exc) from exc
        return unpack_reply(ops, reply)

    def _command(self, ops: Sequence[Op]) -> tuple[list[bytes], list[bytes]]:
        """EVALSHA's arguments after the script: numkeys, keys, op arguments.

        Returned as the RESP pieces (key bulks, then the rest) so the EVAL
        fallback can reuse them behind a different head.
        """
        prefix = self.prefix
        if len(ops) == 1:
            _key, key_bulk, args_bulk = op_wire(prefix, ops[0])
            return [key_bulk], [args_bulk]
        wires = [op_wire(prefix, op) for op in ops]
        return [w[1] for w in wires], [w[2] for w in wires]

    def _packed(self, head: bytes, keys: list[bytes], args: list[bytes]) -> bytes:
        count = len(keys)
        return b"".join((b"*%d\r\n" % (3 + 6 * count), head, _bulk(b"%d" % count), *keys, *args))

    def _send(self, keys: list[bytes], args: list[bytes]) -> Any:
        """One EVALSHA on a connection of our own; EVAL once on NOSCRIPT.

        Bypasses redis-py's client layer (command lookup, response callbacks,
        retry wrapper, pool bookkeeping, observability hooks), which costs
        more than the round trip itself on a local Redis. Any failure other
        than an error reply drops the connection: its state is unknown, and
        the next call opens a fresh one.
        """
        link = self._checkout()
        idle = self._idle
        try:
            try:
                reply = link.call(self._packed(self._head, keys, args))
            except self._no_script:
                # EVAL runs the script and caches it on the server, so the
                # next EVALSHA hits; one extra round trip after a restart or flush.
                reply = link.call(self._packed(self._eval_head, keys, args))
        except self._response_error:
            idle.append(link)  # a complete error reply: the connection is fine
            if self._waiting:
                self._notify()
            raise
        except BaseException:
            self._discard(link)
            raise
        idle.append(link)
        if self._waiting:  # read after the append: see _checkout
            self._notify()
        return reply

    def _notify(self) -> None:
        with self._freed:
            self._freed.notify()

    def _discard(self, link: _Link) -> None:
        """Close a connection in an unknown state, and free its place."""
        link.close()
        with self._freed:
            self._opened -= 1
            self._freed.notify()

    def _checkout(self) -> _Link:
        """An idle connection, else a new one under the cap, else wait for one.

        The fast path takes no lock: list.pop() is atomic. A thread about to
        wait counts itself in _waiting and looks at the idle list again under
        the lock; a thread handing a connection back appends it before it
        reads _waiting, so one of the two always sees the other.
        """
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
                self._discard(link)
                continue
            with self._freed:
                if idle:
                    continue
                if self._opened < self.max_connections:
                    self._opened += 1
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
            spec = self._link_spec or self._make_link_spec()
            return _Link(spec, self._error_reply, self.connect_timeout, self.timeout)
        except BaseException:
            with self._freed:
                self._opened -= 1
                self._freed.notify()
            raise

    def _run_cluster(self, ops: Sequence[Op]) -> list[Outcome]:
        try:
            client = self._sync_client()
            batches = self._batches(ops)
            replies = [self._call(client, keys, args) for _i, keys, args in batches]
        except self._faults as exc:
            raise self._fault(exc) from exc
        return self._decode(ops, batches, replies)

    def _call(self, client: Any, keys: list[str], args: list[Any]) -> Any:
        try:
            return client.evalsha(self.sha, len(keys), *keys, *args)
        except self._no_script:
            # EVAL runs the script and caches it on that node, so the next
            # EVALSHA hits; one extra round trip after a restart or flush.
            return client.eval(self.script, len(keys), *keys, *args)

    def close(self) -> None:
        if self._pid != _getpid():
            self._forget_inherited()  # never close a parent's sockets
            return
        idle, self._idle = self._idle, []
        for link in idle:
            self._discard(link)
        with self._client_lock:
            client, self._client = self._client, None
        if client is not None:
            with contextlib.suppress(*self._faults):
                client.close()

    # -- async -------------------------------------------------------------

    def _forget_closed_loops(self) -> None:
        """Drop what belongs to event loops that have closed (each asyncio.run
        makes a new one). Their sockets close when the garbage collector
        finalises them: a transport cannot be closed once its loop has."""
        for table in (self._async_pools, self._async_clients, self._cluster_gates):
            # list() first: a thread running another loop may add its entry meanwhile.
            for loop in [loop for loop in list(table) if loop.is_closed()]:
                table.pop(loop, None)

    def _async_client(self) -> Any:
        loop = asyncio.get_running_loop()
        client = self._async_clients.get(loop)
        if client is None:
            self._forget_closed_loops()
            asyncio_redis = self._redis.asyncio
            client = self._new_client(asyncio_redis, asyncio_redis.retry.Retry)
            self._async_clients[loop] = client
        return client

    def _new_async_pool(self, loop: asyncio.AbstractEventLoop) -> AsyncPool:
        self._forget_closed_loops()
        spec = self._link_spec or self._make_link_spec()
        opener = functools.partial(open_link, spec, self._error_reply, self.connect_timeout)
        pool = self._async_pools[loop] = AsyncPool(self.max_connections, opener)
        return pool

    def _make_link_spec(self) -> LinkSpec:
        """Host, TLS and handshake from the URL and options, as redis-py parses them
        (its client's public connection_class and connection_kwargs)."""
        pool = self._sync_client().connection_pool
        self._link_spec = spec = link_spec(pool.connection_class, pool.connection_kwargs, self._redis)
        return spec

    async def run_async(self, ops: Sequence[Op]) -> list[Outcome]:
        if not ops:
            return []
        if self._pid != _getpid():
            self._forget_inherited()
        if self.cluster:
            return await self._run_cluster_async(ops)
        try:
            keys, args = self._command(ops)
            # Written out here rather than split into helpers: each coroutine
            # layer costs a µs or two.
            loop = asyncio.get_running_loop()
            pool = self._async_pools.get(loop) or self._new_async_pool(loop)
            link = await pool.acquire(self.pool_timeout)
            try:
                try:
                    reply = await link.call(self._packed(self._head, keys, args), self.timeout)
                except self._no_script:
                    reply = await link.call(self._packed(self._eval_head, keys, args), self.timeout)
            except self._response_error:
                pool.release(link)  # a complete error reply: the link is fine
                raise
            except BaseException:  # cancellation included: a reply may still be on its way
                pool.drop(link)
                raise
            pool.release(link)
        except self._faults as exc:
            raise self._fault(exc) from exc
        return unpack_reply(ops, reply)

    async def _run_cluster_async(self, ops: Sequence[Op]) -> list[Outcome]:
        loop = asyncio.get_running_loop()
        gate = self._cluster_gates.get(loop)
        if gate is None:
            gate = self._cluster_gates[loop] = asyncio.Semaphore(self.max_connections)
        try:
            if gate.locked():
                await asyncio.wait_for(gate.acquire(), self.pool_timeout)
            else:
                await gate.acquire()
        except asyncio.TimeoutError as exc:
            raise self._fault(TimeoutError(f"no free redis connection within {self.pool_timeout} s")) from exc
        try:
            client = self._async_client()
            batches = self._batches(ops)
            replies = [await self._call_async(client, keys, args) for _i, keys, args in batches]
        except self._faults as exc:
            raise self._fault(exc) from exc
        finally:
            gate.release()
        return self._decode(ops, batches, replies)

    async def _call_async(self, client: Any, keys: list[str], args: list[Any]) -> Any:
        try:
            return await client.evalsha(self.sha, len(keys), *keys, *args)
        except self._no_script:
            return await client.eval(self.script, len(keys), *keys, *args)

    async def aclose(self) -> None:
        if self._pid != _getpid():
            self._forget_inherited()  # never close a parent's sockets
            return
        loop = asyncio.get_running_loop()
        pool = self._async_pools.pop(loop, None)
        if pool is not None:
            await asyncio.gather(*(link.wait_closed(CLOSE_TIMEOUT) for link in pool.close()))
        client = self._async_clients.pop(loop, None)
        if client is not None:
            with contextlib.suppress(*self._faults):
                await client.aclose()


def _split_seeds(url: str) -> tuple[str, list[tuple[str, int]]]:
    """``redis://a:1,b:2`` -> (``redis://a:1``, [("b", 2)]): extra cluster seed nodes."""
    parts = urlsplit(url)
    netloc = parts.netloc
    userinfo, at, hosts = netloc.rpartition("@")
    first, *others = hosts.split(",")
    seeds: list[tuple[str, int]] = []
    for other in others:
        host, _, port = other.rpartition(":")
        try:
            seeds.append((host or other, int(port) if host else 6379))
        except ValueError as exc:
            raise ArcjetMisconfiguration(f"storage: bad cluster node {other!r}") from exc
    rebuilt = parts._replace(netloc=f"{userinfo}{at}{first}").geturl()
    return rebuilt, seeds


def _positive(name: str, value: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value < 3600:
        raise ArcjetMisconfiguration(f"storage: {name} must be a number of seconds in (0, 3600), got {value!r}")
    return float(value)


def _without_query_param(url: str, name: str) -> str:
    parts = urlsplit(url)
    if name not in parse_qs(parts.query):
        return url
    kept = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != name]
    return parts._replace(query=urlencode(kept)).geturl()


def _query_seconds(url: str, name: str, default: float) -> float:
    values = parse_qs(urlsplit(url).query).get(name)
    if not values:
        return default
    try:
        return _positive(name, float(values[-1]))
    except ValueError as exc:
        raise ArcjetMisconfiguration(f"storage: {name} must be a number of seconds, got {values[-1]!r}") from exc


def error_reply_exception(exceptions: Any, text: str) -> Exception:
    """An error reply as redis-py's public exception class for it, by its
    first word (NOSCRIPT -> NoScriptError, READONLY -> ReadOnlyError, ...)."""
    kind = text.split(" ", 1)[0]
    name = _ERROR_CLASSES.get(kind, "ResponseError")
    cls = getattr(exceptions, name, None) or exceptions.ResponseError
    message = text[len(kind) + 1 :] if name != "ResponseError" else text
    exc: Exception = cls(message)
    return exc


_ERROR_CLASSES = {
    "NOSCRIPT": "NoScriptError",
    "READONLY": "ReadOnlyError",
    "NOAUTH": "AuthenticationError",
    "WRONGPASS": "AuthenticationError",
    "NOPERM": "NoPermissionError",
    "LOADING": "BusyLoadingError",
    "OOM": "OutOfMemoryError",
    "EXECABORT": "ExecAbortError",
    "MOVED": "MovedError",
    "ASK": "AskError",
}


def _max_connections(url: str, default: int) -> int:
    """``max_connections`` from the URL's query, else the argument; validated."""
    raw: object = default
    values = parse_qs(urlsplit(url).query).get("max_connections")
    if values:
        try:
            raw = int(values[-1])
        except ValueError:
            raw = values[-1]
    if isinstance(raw, bool) or not isinstance(raw, int) or not 1 <= raw <= MAX_CONNECTIONS_LIMIT:
        raise ArcjetMisconfiguration(
            f"storage: max_connections must be an integer from 1 to {MAX_CONNECTIONS_LIMIT}, got {raw!r}"
        )
    return raw


_CERT_REQS = {"none": ssl.CERT_NONE, "optional": ssl.CERT_OPTIONAL, "required": ssl.CERT_REQUIRED}


def link_spec(connection_class: type, kwargs: dict[str, Any], redis: Any) -> LinkSpec:
    """A link's address, TLS context and handshake, from redis-py's
    parsed connection settings (so URLs and options mean what they mean there)."""
    handshake: list[bytes] = []
    password = kwargs.get("password")
    username = kwargs.get("username")
    if password is not None:
        handshake.append(command("AUTH", username, password) if username else command("AUTH", password))
    db = int(kwargs.get("db") or 0)
    if db:
        handshake.append(command("SELECT", str(db)))
    name = kwargs.get("client_name")
    if name:
        handshake.append(command("CLIENT", "SETNAME", name))
    if issubclass(connection_class, redis.connection.UnixDomainSocketConnection):
        return LinkSpec(path=kwargs["path"], handshake=tuple(handshake))
    host = kwargs.get("host") or "localhost"
    port = int(kwargs.get("port") or 6379)
    context = None
    if issubclass(connection_class, redis.connection.SSLConnection):
        context = _ssl_context(kwargs)
    return LinkSpec(host=host, port=port, ssl=context, server_hostname=host, handshake=tuple(handshake))


def _ssl_context(kwargs: dict[str, Any]) -> ssl.SSLContext:
    """The TLS settings redis-py's SSLConnection takes, on an SSLContext."""
    reqs = kwargs.get("ssl_cert_reqs", "required")
    if isinstance(reqs, str):
        try:
            reqs = _CERT_REQS[reqs.lower()]
        except KeyError as exc:
            raise ArcjetMisconfiguration(f"storage: bad ssl_cert_reqs {reqs!r}") from exc
    context = ssl.create_default_context()
    check_hostname = kwargs.get("ssl_check_hostname", True)
    context.check_hostname = bool(check_hostname) and reqs != ssl.CERT_NONE
    context.verify_mode = reqs
    certfile = kwargs.get("ssl_certfile")
    if certfile:
        context.load_cert_chain(
            certfile=certfile, keyfile=kwargs.get("ssl_keyfile"),
            password=kwargs.get("ssl_password"),
        )  # fmt: skip
    cafile, capath, cadata = kwargs.get("ssl_ca_certs"), kwargs.get("ssl_ca_path"), kwargs.get("ssl_ca_data")
    if cafile or capath or cadata:
        context.load_verify_locations(cafile=cafile, capath=capath, cadata=cadata)
    if kwargs.get("ssl_min_version") is not None:
        context.minimum_version = kwargs["ssl_min_version"]
    if kwargs.get("ssl_ciphers"):
        context.set_ciphers(kwargs["ssl_ciphers"])
    return context
