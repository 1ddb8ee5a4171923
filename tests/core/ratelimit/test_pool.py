"""The bounded Redis pools: a burst never opens more than max_connections, callers
wait for a free connection instead, and admission under the burst is exact.

Finding 2 of issue #14: every concurrent async protect() without an idle link
opened a new connection (no cap, 100 ms connect timeout), so a gather of 1000
calls on one key under a cap of 100 gave 100 ALLOW, 255 DENY, 645 ERROR.
The server's ``total_connections_received`` counts every connection it ever
accepted, so it bounds the peak, not just what is left open afterwards.
"""

from __future__ import annotations

import asyncio
import threading
import uuid
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from arcjet_core import arcjet, fixed_window, token_bucket
from arcjet_core.errors import ArcjetMisconfiguration, ArcjetStorageError
from arcjet_core.ratelimit import (
    LimitOp,
    LimitOutcome,
    RedisStorage,
    TokenBucketParams,
    storage_from,
)
from tests.fixtures.redis_server import RedisServer

pytestmark = pytest.mark.redis

BURST = 1000
CAP = 100


def connections_received(server: RedisServer) -> int:
    """Connections the server ever accepted (redis-cli's own included)."""
    info = server.command("INFO", "stats")
    return int(info.split("total_connections_received:")[1].split()[0])


def connected_clients(server: RedisServer) -> int:
    info = server.command("INFO", "clients")
    return int(info.split("connected_clients:")[1].split()[0])


@pytest.mark.parametrize(
    "rule",
    [
        token_bucket(refill_rate=1, interval=3600, capacity=CAP),
        fixed_window(max=CAP, window=3600),
    ],
    ids=["token_bucket", "fixed_window"],
)
async def test_a_burst_of_1000_protects_on_one_key_admits_exactly_the_cap(
    fresh_redis_server: RedisServer, rule: object
) -> None:
    # Default timeouts (100 ms command, 1 s connect) and the default cap: the
    # store as users get it.
    store = RedisStorage(fresh_redis_server.url)
    aj = arcjet(key="ajkey_burst", rules=[rule], storage=store)
    before = connections_received(fresh_redis_server)
    request = {"ip": "8.8.4.4", "method": "GET", "path": "/", "headers": {"user-agent": "Mozilla/5.0"}}
    decisions = await asyncio.gather(*(aj.protect(request) for _ in range(BURST)))
    counts = Counter(d.conclusion.value for d in decisions)
    opened = connections_received(fresh_redis_server) - before - 1  # minus the INFO call itself
    assert counts == {"ALLOW": CAP, "DENY": BURST - CAP}, counts
    assert 1 <= opened <= store.max_connections, opened
    assert connected_clients(fresh_redis_server) <= store.max_connections + 1  # + redis-cli
    await store.aclose()


async def test_the_cap_holds_and_waiters_are_served_in_turn(fresh_redis_server: RedisServer) -> None:
    store = RedisStorage(fresh_redis_server.url + "?max_connections=3", timeout=5)
    assert store.max_connections == 3
    op = LimitOp(uuid.uuid4().hex, TokenBucketParams(1, 3600, 50), 1)
    before = connections_received(fresh_redis_server)
    outcomes = await asyncio.gather(*(store.run_async([op]) for _ in range(200)))
    assert connections_received(fresh_redis_server) - before - 1 <= 3
    allowed = [o for (o,) in outcomes if isinstance(o, LimitOutcome) and o.allowed]
    assert len(allowed) == 50
    assert sorted(o.remaining for o in allowed) == list(range(50))  # every reply was its own
    pool = store._async_pools[asyncio.get_running_loop()]
    assert pool.opened <= 3 and not pool._waiters
    await store.aclose()


async def test_a_wait_longer_than_the_pool_timeout_fails_that_call_only(fresh_redis_server: RedisServer) -> None:
    # One connection, held by a call the server answers in 0.4 s: a second
    # caller waits for it up to pool_timeout (0.1 s), then gets a storage
    # error (fail open, ERROR), without a second connection being opened.
    store = RedisStorage(fresh_redis_server.url + "?max_connections=1", timeout=0.1, pool_timeout=0.1)
    slow = RedisStorage(fresh_redis_server.url, timeout=5)
    op = LimitOp(uuid.uuid4().hex, TokenBucketParams(1, 3600, 5), 1)
    await store.run_async([op])
    before = connections_received(fresh_redis_server)
    sleeper = asyncio.get_running_loop().run_in_executor(None, fresh_redis_server.command, "DEBUG", "SLEEP", "0.4")
    await asyncio.sleep(0.05)
    first = asyncio.ensure_future(store.run_async([op]))
    await asyncio.sleep(0)
    with pytest.raises(ArcjetStorageError, match="no free redis connection"):
        await store.run_async([op])
    with pytest.raises(ArcjetStorageError):  # its own reply comes too late as well
        await first
    await sleeper
    (after,) = await store.run_async([op])
    assert isinstance(after, LimitOutcome)
    assert connections_received(fresh_redis_server) - before <= 3  # DEBUG SLEEP, INFO, one reconnect
    await store.aclose()
    await slow.aclose()


async def test_cancelled_waiters_give_their_place_on(fresh_redis_server: RedisServer) -> None:
    store = RedisStorage(fresh_redis_server.url + "?max_connections=2", timeout=5)
    op = LimitOp(uuid.uuid4().hex, TokenBucketParams(1, 3600, 1000), 1)
    tasks = [asyncio.ensure_future(store.run_async([op])) for _ in range(50)]
    await asyncio.sleep(0)
    for task in tasks[10:40]:
        task.cancel()
    results = await asyncio.gather(*tasks, return_exceptions=True)
    done = [r for r in results if not isinstance(r, BaseException)]
    assert len(done) >= 20
    pool = store._async_pools[asyncio.get_running_loop()]
    assert pool.opened <= 2 and not pool._waiters
    more = await asyncio.gather(*(store.run_async([op]) for _ in range(20)))  # nothing leaked
    assert len(more) == 20 and pool.opened <= 2
    await store.aclose()


def test_sync_threads_share_at_most_max_connections(fresh_redis_server: RedisServer) -> None:
    store = RedisStorage(fresh_redis_server.url, timeout=5, max_connections=2)
    op = LimitOp(uuid.uuid4().hex, TokenBucketParams(1, 3600, 160), 1)
    before = connections_received(fresh_redis_server)
    allowed: list[int] = []
    start = threading.Barrier(16)

    def worker() -> None:
        start.wait()
        for _ in range(20):
            (o,) = store.run([op])
            assert isinstance(o, LimitOutcome)
            if o.allowed:
                allowed.append(o.remaining)

    threads = [threading.Thread(target=worker) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(allowed) == list(range(160))  # 320 calls, exactly 160 admitted, each reply its own
    assert connections_received(fresh_redis_server) - before - 1 <= 2
    assert store._pool is not None and store._pool.opened <= 2
    store.close()


@pytest.mark.parametrize("query", ["max_connections=0", "max_connections=-3", "max_connections=lots",
                                   "max_connections=100000"])
def test_a_bad_max_connections_is_a_misconfiguration_naming_it(query: str) -> None:
    with pytest.raises(ArcjetMisconfiguration, match="max_connections"):
        storage_from(f"redis://127.0.0.1:6379/0?{query}")


def test_timeouts_and_cap_are_validated_and_documented_defaults() -> None:
    store = RedisStorage("redis://127.0.0.1:6379/0")
    assert (store.timeout, store.connect_timeout, store.pool_timeout, store.max_connections) == (0.1, 1.0, 5.0, 32)
    assert storage_from("redis://127.0.0.1:6379/0?max_connections=64").max_connections == 64  # type: ignore[attr-defined]
    from_url = RedisStorage("redis://127.0.0.1:6379/0?pool_timeout=2.5")
    assert from_url.pool_timeout == 2.5 and "pool_timeout" not in from_url._url  # not passed on to redis-py
    for name, value in (("timeout", 0), ("connect_timeout", -1.0), ("timeout", "1"), ("pool_timeout", 0)):
        with pytest.raises(ArcjetMisconfiguration, match=name):
            RedisStorage("redis://127.0.0.1:6379/0", **{name: value})  # type: ignore[arg-type]
    with pytest.raises(ArcjetMisconfiguration, match="max_connections"):
        RedisStorage("redis://127.0.0.1:6379/0", max_connections=0)
    patient = RedisStorage("redis://127.0.0.1:6379/0?socket_timeout=2&socket_connect_timeout=3")
    assert (patient.timeout, patient.connect_timeout) == (2.0, 3.0)  # redis-py's names, in the URL, win
    for name in ("socket_timeout", "socket_connect_timeout", "pool_timeout"):
        for bad in ("soon", "0", "-1"):
            with pytest.raises(ArcjetMisconfiguration, match=name):
                RedisStorage(f"redis://127.0.0.1:6379/0?{name}={bad}")


async def test_async_links_do_auth_select_and_unix_sockets(
    redis_server_factory: Callable[..., RedisServer], tmp_path: Path
) -> None:
    # The links are opened by us (asyncio's public API), not taken over from
    # redis-py: AUTH, SELECT and unix sockets are ours to get right.
    sock = tmp_path / "r.sock"
    server = redis_server_factory("--requirepass", "s3cret", "--unixsocket", str(sock), "--unixsocketperm", "700")
    op = LimitOp(uuid.uuid4().hex, TokenBucketParams(1, 3600, 5), 1)
    tcp = RedisStorage(f"redis://:s3cret@127.0.0.1:{server.port}/3", timeout=2)
    unix = RedisStorage(f"unix://:s3cret@{sock}?db=3", timeout=2)
    assert [o.remaining for o in await tcp.run_async([op])] == [4]  # type: ignore[union-attr]
    assert [o.remaining for o in await unix.run_async([op])] == [3]  # type: ignore[union-attr]
    assert [o.remaining for o in tcp.run([op])] == [2]  # type: ignore[union-attr]  # sync agrees: same db
    assert server.command("-n", "3", "DBSIZE") != "0" and server.command("-n", "0", "DBSIZE") == "0"
    wrong = RedisStorage(f"redis://:nope@127.0.0.1:{server.port}/3", timeout=2)
    with pytest.raises(ArcjetStorageError):
        await wrong.run_async([op])
    for store in (tcp, unix, wrong):
        await store.aclose()
        store.close()


async def test_a_cluster_burst_is_bounded_and_exact(redis_cluster_url: str, redis_prefix: str) -> None:
    # redis-py's async cluster client opens a connection per concurrent call;
    # the store lets max_connections calls through at a time instead. Counted
    # by the nodes themselves: open connections whose last command was the
    # script (not the client's slot-map discovery), per node.
    import redis

    nodes = [
        redis.Redis(host=h, port=int(p))
        for h, p in (n.split(":") for n in redis_cluster_url.split("://")[1].split(","))
    ]

    def open_per_node() -> list[int]:
        return [sum(c["cmd"] in ("evalsha", "eval") for c in n.client_list()) for n in nodes]

    before = open_per_node()
    store = RedisStorage(redis_cluster_url, prefix=redis_prefix, timeout=5, max_connections=4)
    op = LimitOp(uuid.uuid4().hex, TokenBucketParams(1, 3600, 100), 1)
    outcomes = await asyncio.gather(*(store.run_async([op]) for _ in range(300)))
    allowed = [o for (o,) in outcomes if isinstance(o, LimitOutcome) and o.allowed]
    assert len(allowed) == 100
    per_node = [after - b for after, b in zip(open_per_node(), before, strict=True)]
    assert max(per_node) <= 4, per_node
    await store.aclose()
    for n in nodes:
        n.close()
