"""Real faults on a real server: only ArcjetStorageError escapes, and the store recovers."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest

from arcjet_core.errors import ArcjetStorageError
from arcjet_core.ratelimit import LimitOp, LimitOutcome, RedisStorage, TokenBucketParams
from tests.fixtures.redis_server import RedisServer, free_port

pytestmark = pytest.mark.redis

OP = LimitOp("ns\x1frule\x1fclient", TokenBucketParams(1, 60, 100), 1)


def allowed(store: RedisStorage) -> bool:
    (o,) = store.run([OP])
    assert isinstance(o, LimitOutcome)
    return o.allowed


def test_connection_refused_is_a_storage_error() -> None:
    store = RedisStorage(f"redis://127.0.0.1:{free_port()}/0")
    with pytest.raises(ArcjetStorageError, match="ConnectionError"):
        store.run([OP])


def test_server_stopped_mid_run_then_restarted(fresh_redis_server: RedisServer) -> None:
    store = RedisStorage(fresh_redis_server.url, timeout=0.5)
    assert allowed(store)
    fresh_redis_server.stop()
    for _ in range(3):
        with pytest.raises(ArcjetStorageError):
            store.run([OP])
    fresh_redis_server.start()  # same port, empty (no persistence), script cache gone
    assert allowed(store)  # first call after the restart already works
    store.close()


async def test_async_server_stopped_then_restarted(fresh_redis_server: RedisServer) -> None:
    store = RedisStorage(fresh_redis_server.url, timeout=0.5)
    assert (await store.run_async([OP]))[0].allowed  # type: ignore[union-attr]
    fresh_redis_server.stop()
    with pytest.raises(ArcjetStorageError):
        await store.run_async([OP])
    fresh_redis_server.start()
    assert (await store.run_async([OP]))[0].allowed  # type: ignore[union-attr]
    await store.aclose()


def slow_down(server: RedisServer, seconds: float) -> threading.Thread:
    thread = threading.Thread(target=server.command, args=("DEBUG", "SLEEP", str(seconds)))
    thread.start()
    time.sleep(0.1)  # let DEBUG SLEEP reach the server first
    return thread


def test_slow_server_times_out_then_recovers(fresh_redis_server: RedisServer) -> None:
    store = RedisStorage(fresh_redis_server.url, timeout=0.1)
    assert allowed(store)
    sleeper = slow_down(fresh_redis_server, 1.0)
    started = time.monotonic()
    with pytest.raises(ArcjetStorageError, match="Timeout"):
        store.run([OP])
    assert time.monotonic() - started < 0.9  # bounded by our timeout, not by the server
    sleeper.join()
    assert allowed(store)
    store.close()


async def test_async_slow_server_times_out_then_recovers(fresh_redis_server: RedisServer) -> None:
    store = RedisStorage(fresh_redis_server.url, timeout=0.1)
    assert (await store.run_async([OP]))[0].allowed  # type: ignore[union-attr]
    sleeper = slow_down(fresh_redis_server, 1.0)
    with pytest.raises(ArcjetStorageError):
        await store.run_async([OP])
    sleeper.join()
    assert (await store.run_async([OP]))[0].allowed  # type: ignore[union-attr]
    await store.aclose()


def test_wrong_or_missing_password(redis_server_factory: Callable[..., RedisServer]) -> None:
    server = redis_server_factory("--requirepass", "s3cret")
    for url in (server.url_without_password(), f"redis://:wrong@127.0.0.1:{server.port}/0"):
        store = RedisStorage(url)
        with pytest.raises(ArcjetStorageError) as info:
            store.run([OP])
        assert "s3cret" not in str(info.value)
        store.close()
    store = RedisStorage(server.url)
    assert allowed(store)
    store.close()


def test_read_only_replica_then_promoted(
    fresh_redis_server: RedisServer, redis_server_factory: Callable[..., RedisServer]
) -> None:
    primary = redis_server_factory()
    store = RedisStorage(fresh_redis_server.url, timeout=0.5)
    assert allowed(store)
    fresh_redis_server.command("REPLICAOF", "127.0.0.1", str(primary.port))
    with pytest.raises(ArcjetStorageError, match=r"ReadOnly|READONLY"):
        store.run([OP])
    fresh_redis_server.command("REPLICAOF", "NO", "ONE")
    assert allowed(store)
    store.close()


def test_only_storage_errors_escape_a_flapping_server(fresh_redis_server: RedisServer) -> None:
    store = RedisStorage(fresh_redis_server.url, timeout=0.2)
    outcomes: list[str] = []
    for round_ in range(3):
        for _ in range(20):
            try:
                store.run([OP])
                outcomes.append("ok")
            except ArcjetStorageError:
                outcomes.append("storage-error")
        if round_ < 2:
            fresh_redis_server.stop() if round_ == 0 else fresh_redis_server.start()
    assert outcomes[:20] == ["ok"] * 20
    assert outcomes[20:40] == ["storage-error"] * 20
    assert outcomes[40:] == ["ok"] * 20
    store.close()
