"""Redis / Valkey store: every op of one request in one script call.

What is sent, and what the replies mean, is decided once, I/O-free, in
``_redis_script.py``: EVALSHA, EVAL once after NOSCRIPT, one call per
Cluster slot, taken by its ``drive`` / ``drive_async``. This module only
hands those a transport, one of four:

- a single server, sync: a blocking link of our own (``_redis_link.py``);
- a single server, async: an asyncio link of our own (``_redis_link_async.py``);
- a Cluster, sync or async: redis-py's ``RedisCluster`` (its public API),
  which routes each call by slot and follows MOVED and ASK.

On a single server redis-py only parses the URL: its client layer (command
lookup, response callbacks, retry wrapper, pool checkout) cost more than the
round trip on a local Redis.

Why there are no client-side retries: a timeout may arrive after the script
already ran, and re-sending it would count the request twice. A failed call
raises ``ArcjetStorageError`` (the engine fails open), a link in an unknown
state is dropped, and the next call opens a new one, so the store recovers
by itself.

Bounded: at most ``max_connections`` (default 32, also ``?max_connections=N``
in the URL) connections for the sync path and as many per event loop for the
async one; a caller that finds none free waits for one instead of opening
more. Opening a connection (TCP, TLS, AUTH, SELECT) is bounded by
``connect_timeout`` (default 1 s), waiting for a free one by ``pool_timeout``
(default 5 s), each command by ``timeout`` (default 100 ms). The wait is not
held to the command timeout on purpose: under a burst the queue is local, and
it drains only as fast as the event loop serves everything else, so a short
bound failed the tail of such a burst open.

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
import os
import threading
from collections.abc import Sequence
from typing import Any

from ..errors import ArcjetStorageError
from ._redis_config import (
    DEFAULT_CONNECT_TIMEOUT,
    DEFAULT_MAX_CONNECTIONS,
    DEFAULT_POOL_TIMEOUT,
    DEFAULT_TIMEOUT,
    fault_types,
    import_redis,
    link_spec,
    positive,
    query_seconds,
    split_scheme,
    split_seeds,
    without_query_param,
)
from ._redis_config import max_connections as url_max_connections
from ._redis_link import LinkPool
from ._redis_link_async import AsyncPool, open_link
from ._redis_script import Script, drive, drive_async
from ._resp import ErrorReply, ReplyError
from ._types import Op, Outcome, Storage

__all__ = ["RedisStorage"]

# aclose() waits this long for each link's socket to be let go (a TLS close
# takes several loop turns), then aborts it.
CLOSE_TIMEOUT = 1.0

_getpid = os.getpid


class RedisStorage(Storage):
    """Rate-limit state on a Redis, Valkey or Redis Cluster server.

    ``url`` accepts ``redis://``, ``rediss://``, ``unix://``, ``valkey://``,
    ``valkeys://`` and, for a cluster, ``redis+cluster://`` /
    ``rediss+cluster://`` (several seed nodes: ``host1:port1,host2:port2``).
    ``timeout`` bounds every command; ``connect_timeout`` bounds opening a
    connection, ``pool_timeout`` waiting for a free one; ``max_connections`` caps them
    (``?max_connections=N`` and ``?pool_timeout=S`` in the URL win). Extra keyword arguments go to
    redis-py (its URL parser, and its client for a Cluster); query parameters in the URL override them.
    """

    # Connection state, (re)made by _reset_connections in each process.
    _pool: LinkPool | None  # None for a Cluster
    _async_pools: dict[asyncio.AbstractEventLoop, AsyncPool]
    _cluster: Any  # redis-py's RedisCluster, made on first use
    _async_clusters: dict[asyncio.AbstractEventLoop, Any]
    _cluster_gates: dict[asyncio.AbstractEventLoop, asyncio.Semaphore]

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
        self._redis = redis = import_redis()
        self._faults = fault_types(redis)
        self._url, self.cluster = split_scheme(url)
        self._seeds: list[tuple[str, int]] = []
        if self.cluster:
            self._url, self._seeds = split_seeds(self._url)
        self.prefix = prefix
        # redis-py's own names for the two timeouts, in the URL, win (as they
        # do for its clients).
        self.timeout = query_seconds(url, "socket_timeout", positive("timeout", timeout))
        self.connect_timeout = query_seconds(
            url, "socket_connect_timeout", positive("connect_timeout", connect_timeout)
        )
        self.pool_timeout = query_seconds(url, "pool_timeout", positive("pool_timeout", pool_timeout))
        self.max_connections = url_max_connections(url, max_connections)
        self._url = without_query_param(self._url, "pool_timeout")  # ours: redis-py would pass it on
        self._options: dict[str, Any] = {"socket_timeout": self.timeout, "socket_connect_timeout": self.connect_timeout}
        self._options.update(client_options)
        self._script = Script(prefix, redis.crc.key_slot if self.cluster else None)
        # What each transport sends: RESP bytes on our links, arguments to redis-py's Cluster.
        self._encode: Any = self._script.args if self.cluster else self._script.wire
        self._spec = None if self.cluster else link_spec(redis, self._url, self._options)
        self._response_error = redis.exceptions.ResponseError
        self._no_script = redis.exceptions.NoScriptError
        self._cluster_lock = threading.Lock()
        self._reset_connections()

    def __repr__(self) -> str:
        return f"RedisStorage(cluster={self.cluster}, prefix={self.prefix!r})"

    def _reset_connections(self) -> None:
        """Start with no connections, in this process (see the module doc).

        A forked child's connections are its parent's sockets: they are
        dropped here unused, with no QUIT or shutdown (either would end them
        for the parent; the child's copy of each descriptor closes harmlessly
        when collected).
        """
        self._pid = _getpid()
        spec = self._spec
        self._pool = None if spec is None else LinkPool(
            spec, self.max_connections, connect_timeout=self.connect_timeout,
            timeout=self.timeout, pool_timeout=self.pool_timeout,
        )  # fmt: skip
        # Async links and redis-py's async clients belong to the loop that
        # opened them. Plain dicts, not weak ones: a connection refers to its
        # loop, so a weak key would never die; entries of closed loops are
        # dropped when a new loop shows up (_forget_closed_loops).
        self._async_pools = {}
        self._cluster = None
        self._async_clusters = {}
        # Cluster, async: redis-py's cluster client opens a connection per
        # concurrent call (or, capped, raises instead of waiting), so calls
        # are let through max_connections at a time per loop; each holds at
        # most one connection, so no node ever has more.
        self._cluster_gates = {}

    def _fault(self, exc: BaseException) -> ArcjetStorageError:
        return ArcjetStorageError(f"redis storage failed: {type(exc).__name__}: {exc}")

    # -- sync --------------------------------------------------------------

    def run(self, ops: Sequence[Op]) -> list[Outcome]:
        if not ops:
            return []
        if self._pid != _getpid():
            self._reset_connections()
        try:
            pool = self._pool
            if pool is None:
                return drive(self._script, ops, self._encode, self._cluster_send)
            link = pool.checkout()
            try:
                outcomes = drive(self._script, ops, self._encode, link.call)
            except ReplyError:
                pool.checkin(link)  # a complete error reply: the link is fine
                raise
            except BaseException:
                pool.discard(link)
                raise
            pool.checkin(link)
            return outcomes
        except self._faults as exc:
            raise self._fault(exc) from exc

    def _cluster_send(self, args: tuple[Any, ...]) -> Any:
        client = self._cluster
        if client is None:
            with self._cluster_lock:
                if self._cluster is None:
                    self._cluster = self._new_cluster_client(self._redis.cluster, self._redis.retry.Retry)
                client = self._cluster
        try:
            return client.execute_command(*args)
        except self._response_error as exc:
            return self._error_reply(exc)

    def _error_reply(self, exc: BaseException) -> ErrorReply:
        """redis-py's exception for an error reply, as the reply (NOSCRIPT by its name)."""
        if isinstance(exc, self._no_script):
            return ErrorReply(f"NOSCRIPT {exc}")
        return ErrorReply(f"{type(exc).__name__}: {exc}")

    def _new_cluster_client(self, module: Any, retry_type: Any) -> Any:
        options = dict(self._options)
        if self._seeds:
            options["startup_nodes"] = [module.ClusterNode(host, port) for host, port in self._seeds]
        no_retry = retry_type(self._redis.backoff.NoBackoff(), 0)
        return module.RedisCluster.from_url(self._url, retry=no_retry, **options)

    def close(self) -> None:
        if self._pid != _getpid():
            self._reset_connections()  # never close a parent's sockets
            return
        if self._pool is not None:
            self._pool.close()
        with self._cluster_lock:
            client, self._cluster = self._cluster, None
        if client is not None:
            with contextlib.suppress(*self._faults):
                client.close()

    # -- async -------------------------------------------------------------

    async def run_async(self, ops: Sequence[Op]) -> list[Outcome]:
        if not ops:
            return []
        if self._pid != _getpid():
            self._reset_connections()
        try:
            if self._pool is None:
                return await self._run_cluster_async(ops)
            loop = asyncio.get_running_loop()
            pool = self._async_pools.get(loop) or self._new_async_pool(loop)
            link = pool.take() or await pool.acquire(self.pool_timeout)
            try:
                outcomes = await drive_async(self._script, ops, self._encode, link.call)
            except ReplyError:
                pool.release(link)  # a complete error reply: the link is fine
                raise
            except BaseException:  # cancellation included: a reply may still be on its way
                pool.drop(link)
                raise
            pool.release(link)
            return outcomes
        except self._faults as exc:
            raise self._fault(exc) from exc

    def _new_async_pool(self, loop: asyncio.AbstractEventLoop) -> AsyncPool:
        self._forget_closed_loops()
        assert self._spec is not None  # a single server's store has its link spec
        opener = functools.partial(open_link, self._spec, self.connect_timeout, self.timeout)
        pool = self._async_pools[loop] = AsyncPool(self.max_connections, opener)
        return pool

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
        except asyncio.TimeoutError:
            raise TimeoutError(f"no free redis connection within {self.pool_timeout} s") from None
        try:
            client = self._async_clusters.get(loop)
            if client is None:
                self._forget_closed_loops()
                asyncio_redis = self._redis.asyncio
                client = self._async_clusters[loop] = self._new_cluster_client(
                    asyncio_redis.cluster, asyncio_redis.retry.Retry
                )

            async def send(args: tuple[Any, ...]) -> Any:
                try:
                    return await client.execute_command(*args)
                except self._response_error as exc:
                    return self._error_reply(exc)

            return await drive_async(self._script, ops, self._encode, send)
        finally:
            gate.release()

    def _forget_closed_loops(self) -> None:
        """Drop what belongs to event loops that have closed (each asyncio.run
        makes a new one). Their sockets close when the garbage collector
        finalises them: a transport cannot be closed once its loop has."""
        for table in (self._async_pools, self._async_clusters, self._cluster_gates):
            # list() first: a thread running another loop may add its entry meanwhile.
            for loop in [loop for loop in list(table) if loop.is_closed()]:
                table.pop(loop, None)

    async def aclose(self) -> None:
        if self._pid != _getpid():
            self._reset_connections()  # never close a parent's sockets
            return
        loop = asyncio.get_running_loop()
        pool = self._async_pools.pop(loop, None)
        if pool is not None:
            await asyncio.gather(*(link.wait_closed(CLOSE_TIMEOUT) for link in pool.close()))
        client = self._async_clusters.pop(loop, None)
        if client is not None:
            with contextlib.suppress(*self._faults):
                await client.aclose()

