"""Redis / Valkey store: every op of one request in one EVALSHA round trip.

Sync and async share all the I/O-free work (key derivation, argument
packing, reply decoding); they differ only in the client and in ``await``.

Why there are no client-side retries: a timeout may arrive after the script
already ran, and re-sending it would count the request twice. A failed call
raises ``ArcjetStorageError`` (the engine fails open), the broken connection is
dropped, and the next call reconnects, so the store recovers by itself.

Speed (single server): the store keeps its own redis-py connections and sends
a pre-encoded EVALSHA (ops' keys and arguments are encoded once per distinct
op and cached), skipping redis-py's client layer and pool checkout, which on
a local Redis cost more than the round trip. A Cluster goes through
redis-py's RedisCluster, which routes by slot.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import hashlib
import os
import select
import threading
import weakref
from collections.abc import Sequence
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

from ..errors import ArcjetMisconfiguration, ArcjetStorageError
from ._resp_async import AsyncLink
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


def unpack(op: Op, flag: int, count: int, ms: int) -> Outcome:
    if isinstance(op, SuspicionOp):
        return SuspicionOutcome(bool(flag), int(count), int(ms) / 1000)
    p = op.params
    if isinstance(p, TokenBucketParams):
        return LimitOutcome(bool(flag), p.capacity, int(count), int(ms) / 1000, p.interval)
    if isinstance(p, FixedWindowParams):
        return LimitOutcome(bool(flag), p.max, int(count), int(ms) / 1000, p.window)
    return LimitOutcome(bool(flag), p.max, int(count), int(ms) / 1000, p.interval)


def unpack_reply(ops: Sequence[Op], reply: Sequence[int]) -> list[Outcome]:
    """The script's flat reply (flag, count, ms per op) as one outcome per op."""
    return [
        unpack(op, reply[n], reply[n + 1], reply[n + 2])
        for op, n in zip(ops, range(0, 3 * len(ops), 3), strict=True)
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
    """One redis-py connection this store owns, with a cheap staleness probe.

    The redis-py pool checks every connection it hands out with
    ``can_read()`` (several Python calls and a syscall). Here a ``poll(0)`` on
    the socket says in one syscall whether anything at all is waiting; only
    then does ``can_read()`` decide whether the server closed the connection
    (after a restart, an idle timeout) or sent something unexpected.
    """

    __slots__ = ("_poll", "conn")

    def __init__(self, conn: Any) -> None:
        self.conn = conn
        conn.connect()
        self._poll: Any = None
        sock = getattr(conn, "_sock", None)
        if _HAS_POLL and sock is not None:
            self._poll = select.poll()
            self._poll.register(sock.fileno(), select.POLLIN)

    def clean(self) -> bool:
        """True when nothing is waiting on the connection: a request may go out."""
        if self._poll is not None and not self._poll.poll(0):
            return True
        return not self.conn.can_read()


_HAS_POLL = hasattr(select, "poll")  # not on Windows: can_read() alone there


class _RedisPyLink:
    """A redis.asyncio connection used through redis-py: the fallback when a
    redis-py version keeps its transport where AsyncLink cannot take it over."""

    __slots__ = ("conn",)

    def __init__(self, conn: Any) -> None:
        self.conn = conn

    def clean(self) -> bool:
        return bool(self.conn.is_connected)

    async def call(self, command: bytes, timeout: float) -> Any:
        await self.conn.send_packed_command((command,))
        return await self.conn.read_response()  # bounded by the socket timeout

    def close(self) -> None:
        # What disconnect(nowait=True) does, without awaiting: a dropped link
        # is never used again.
        writer = getattr(self.conn, "_writer", None)
        if writer is not None:
            writer.close()

# Stores whose idle connections a forked child must not share with its parent.
_stores: weakref.WeakSet[RedisStorage] = weakref.WeakSet()


def _forget_connections_after_fork() -> None:
    for store in list(_stores):
        store._forget_inherited()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_connections_after_fork)


class RedisStorage(Storage):
    """Rate-limit state on a Redis, Valkey or Redis Cluster server.

    ``url`` accepts ``redis://``, ``rediss://``, ``unix://``, ``valkey://``,
    ``valkeys://`` and, for a cluster, ``redis+cluster://`` /
    ``rediss+cluster://`` (several seed nodes: ``host1:port1,host2:port2``).
    ``timeout`` bounds connect and every call. Extra keyword arguments go to
    the redis-py client; query parameters in the URL override them.
    """

    def __init__(
        self,
        url: str,
        *,
        prefix: str = "arcjet",
        timeout: float = DEFAULT_TIMEOUT,
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
        self.timeout = timeout
        self._options = client_options
        self.script = load_script()
        self.sha = hashlib.sha1(self.script.encode()).hexdigest()
        self._client: Any = None
        self._client_lock = threading.Lock()
        # redis.asyncio connections and our async links belong to the loop
        # that opened them. Plain dicts, not weak ones: a connection refers to
        # its loop, so a weak key would never die; entries of closed loops are
        # dropped when a new loop shows up (_forget_closed_loops).
        self._async_clients: dict[asyncio.AbstractEventLoop, Any] = {}
        # Single-server fast path: connections this store owns, idle ones here.
        # list.pop()/append() are atomic, so threads share it without a lock;
        # a connection is in the list only between two complete replies.
        self._idle: list[_Link] = []
        self._async_idle: dict[asyncio.AbstractEventLoop, list[Any]] = {}
        self._head = b"$7\r\nEVALSHA\r\n" + _bulk(self.sha.encode())
        self._eval_head = b"$4\r\nEVAL\r\n" + _bulk(self.script.encode())
        self._response_error = self._redis.exceptions.ResponseError
        # Error reply text -> redis-py's exception (NoScriptError, ReadOnlyError, ...).
        parser = getattr(getattr(self._redis, "_parsers", None), "BaseParser", None)
        self._error_reply: Any = getattr(parser, "parse_error", None) or self._response_error
        _stores.add(self)

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
                    ops[index], reply[3 * n], reply[3 * n + 1], reply[3 * n + 2]
                )
        return outcomes  # type: ignore[return-value]  # every slot was filled above

    def _fault(self, exc: BaseException) -> ArcjetStorageError:
        return ArcjetStorageError(f"redis storage failed: {type(exc).__name__}: {exc}")

    def _client_options(self) -> dict[str, Any]:
        options: dict[str, Any] = {
            "socket_timeout": self.timeout,
            "socket_connect_timeout": self.timeout,
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

    def run(self, ops: Sequence[Op]) -> list[Outcome]:
        if not ops:
            return []
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
        conn = link.conn
        try:
            conn.send_packed_command((self._packed(self._head, keys, args),))
            try:
                reply = conn.read_response()
            except self._no_script:
                # EVAL runs the script and caches it on the server, so the
                # next EVALSHA hits; one extra round trip after a restart or flush.
                conn.send_packed_command((self._packed(self._eval_head, keys, args),))
                reply = conn.read_response()
        except self._response_error:
            self._idle.append(link)  # a complete error reply: the connection is fine
            raise
        except BaseException:
            conn.disconnect()
            raise
        self._idle.append(link)
        return reply

    def _checkout(self) -> _Link:
        try:
            link = self._idle.pop()
        except IndexError:
            return _Link(self._new_connection())
        try:
            if link.clean():
                return link
        except self._faults:
            pass
        # Closed by the server (restart, idle timeout) or holding stray bytes.
        link.conn.disconnect()
        return _Link(self._new_connection())

    def _new_connection(self) -> Any:
        # The client is only a parsed URL and options here: its pool builds
        # connections exactly as redis-py would, but hands none out.
        pool = self._sync_client().connection_pool
        return pool.connection_class(**pool.connection_kwargs)

    def _forget_inherited(self) -> None:
        # In a forked child the idle sockets are the parent's: drop them
        # unclosed (redis-py only shuts a socket down in its own process).
        self._idle = []
        self._async_idle = {}

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
        idle, self._idle = self._idle, []
        for link in idle:
            with contextlib.suppress(*self._faults):
                link.conn.disconnect()
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
        for table in (self._async_idle, self._async_clients):
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

    async def run_async(self, ops: Sequence[Op]) -> list[Outcome]:
        if not ops:
            return []
        if self.cluster:
            return await self._run_cluster_async(ops)
        try:
            keys, args = self._command(ops)
            # _send for the running loop, on links of that loop (_resp_async);
            # written out here because each coroutine layer costs a µs or two.
            loop = asyncio.get_running_loop()
            idle = self._async_idle.get(loop)
            if idle is None:
                self._forget_closed_loops()
                idle = self._async_idle[loop] = []
            link = self._idle_link(idle) or await self._connect_async()
            try:
                try:
                    reply = await link.call(self._packed(self._head, keys, args), self.timeout)
                except self._no_script:
                    reply = await link.call(self._packed(self._eval_head, keys, args), self.timeout)
            except self._response_error:
                idle.append(link)  # a complete error reply: the link is fine
                raise
            except BaseException:  # cancellation included: a reply may still be on its way
                link.close()
                raise
            idle.append(link)
        except self._faults as exc:
            raise self._fault(exc) from exc
        return unpack_reply(ops, reply)

    @staticmethod
    def _idle_link(idle: list[Any]) -> Any:
        while idle:
            link = idle.pop()
            if link.clean():
                return link
            link.close()  # closed by the server, or holding stray bytes
        return None

    async def _connect_async(self) -> Any:
        pool = self._async_client().connection_pool
        conn = pool.connection_class(**pool.connection_kwargs)
        await conn.connect()  # redis-py does TCP/TLS/unix, AUTH, SELECT, HELLO
        return AsyncLink.take_over(conn, self._error_reply) or _RedisPyLink(conn)

    async def _run_cluster_async(self, ops: Sequence[Op]) -> list[Outcome]:
        try:
            client = self._async_client()
            batches = self._batches(ops)
            replies = [await self._call_async(client, keys, args) for _i, keys, args in batches]
        except self._faults as exc:
            raise self._fault(exc) from exc
        return self._decode(ops, batches, replies)

    async def _call_async(self, client: Any, keys: list[str], args: list[Any]) -> Any:
        try:
            return await client.evalsha(self.sha, len(keys), *keys, *args)
        except self._no_script:
            return await client.eval(self.script, len(keys), *keys, *args)

    async def aclose(self) -> None:
        loop = asyncio.get_running_loop()
        for link in self._async_idle.pop(loop, ()):
            with contextlib.suppress(*self._faults):
                link.close()
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
