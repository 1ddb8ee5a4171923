"""The async fast path: RESP replies parsed from any split of the bytes, and
links of our own on real servers (TCP, TLS, unix, AUTH, SELECT), under
timeouts, cancellation and error replies."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from arcjet_core.errors import ArcjetStorageError
from arcjet_core.ratelimit import LimitOp, LimitOutcome, TokenBucketParams
from arcjet_core.ratelimit._redis import RedisStorage
from arcjet_core.ratelimit._redis_link_async import AsyncLink
from arcjet_core.ratelimit._resp import ErrorReply, ProtocolError, parse_one, parse_reply
from tests.fixtures.redis_server import RedisServer, free_port

REPLIES: list[tuple[bytes, Any]] = [
    (b":42\r\n", 42),
    (b":-7\r\n", -7),
    (b"*3\r\n:1\r\n:39\r\n:0\r\n", [1, 39, 0]),
    (b"*6\r\n:1\r\n:9\r\n:60000\r\n:0\r\n:3\r\n:1000\r\n", [1, 9, 60000, 0, 3, 1000]),
    (b"*2\r\n*1\r\n:1\r\n$3\r\nabc\r\n", [[1], b"abc"]),
    (b"$0\r\n\r\n", b""),
    (b"$-1\r\n", None),
    (b"*-1\r\n", None),
    (b"*0\r\n", []),
    (b"+OK\r\n", b"OK"),
    (b"_\r\n", None),
    (b"~2\r\n:1\r\n:2\r\n", [1, 2]),
    (b"$4\r\na\r\nb\r\n", b"a\r\nb"),
    (b"-NOSCRIPT No matching script. Please use EVAL.\r\n", ErrorReply("NOSCRIPT No matching script. Please use EVAL.")),
]


@pytest.mark.parametrize(("wire", "value"), REPLIES, ids=[repr(w[:12]) for w, _ in REPLIES])
def test_every_prefix_is_incomplete_and_the_whole_reply_parses(wire: bytes, value: Any) -> None:
    for cut in range(len(wire)):
        assert parse_reply(wire[:cut]) is None, cut
    assert parse_reply(wire) == (value, len(wire))
    assert parse_reply(wire + b":1\r\n") == (value, len(wire))  # the next reply is left alone
    assert parse_reply(b"xx" + wire, 2) == (value, len(wire) + 2)


def test_garbage_is_a_protocol_error() -> None:
    for bad in (b"?1\r\n", b"HTTP/1.1 400\r\n", b":12x\r\n", b"$x\r\n"):
        with pytest.raises(ProtocolError):
            parse_one(bad)


# --------------------------------------------------------------- real servers

needs_redis = pytest.mark.redis


# EVALSHA of a script the server does not have: it answers NOSCRIPT.
UNKNOWN_SCRIPT_HEAD = b"$7\r\nEVALSHA\r\n$40\r\n" + b"0" * 40 + b"\r\n"


def op() -> LimitOp:
    return LimitOp(uuid.uuid4().hex, TokenBucketParams(1, 60, 5), 1)


def links(store: RedisStorage) -> list[Any]:
    return list(store._async_pools[asyncio.get_running_loop()]._idle)


@needs_redis
async def test_the_fast_link_is_the_one_in_use(redis_url: str, redis_prefix: str) -> None:
    store = RedisStorage(redis_url, prefix=redis_prefix, timeout=2)
    o = op()
    assert [r.remaining for r in await store.run_async([o, o])] == [4, 3]  # type: ignore[union-attr]
    assert [type(link) for link in links(store)] == [AsyncLink]
    await store.aclose()


@needs_redis
async def test_noscript_and_other_error_replies_keep_the_link(redis_url: str, redis_prefix: str) -> None:
    store = RedisStorage(redis_url, prefix=redis_prefix, timeout=2)
    o = op()
    await store.run_async([o])
    (link,) = links(store)
    store._script._sha_head = UNKNOWN_SCRIPT_HEAD  # NOSCRIPT -> EVAL on the same link
    (again,) = await store.run_async([o])
    assert isinstance(again, LimitOutcome) and again.remaining == 3
    assert links(store) == [link]
    store._script._sha_head = b"$4\r\nECHO\r\n$1\r\nx\r\n"  # ECHO with extra arguments: an error reply
    with pytest.raises(ArcjetStorageError, match="ReplyError: ERR"):
        await store.run_async([o])
    assert links(store) == [link]  # a complete error reply leaves the link usable
    await store.aclose()



async def slow_down(server: RedisServer, seconds: float, head_start: float = 0.1) -> asyncio.Future[str]:
    """The server blocks for ``seconds`` (DEBUG SLEEP, sent from a thread);
    returns once that command has had ``head_start`` to reach the server."""
    sleeper = asyncio.get_running_loop().run_in_executor(None, server.command, "DEBUG", "SLEEP", str(seconds))
    await asyncio.sleep(head_start)
    return sleeper

@needs_redis
async def test_cancelled_call_drops_its_link_and_counts_stay_exact(fresh_redis_server: RedisServer) -> None:
    store = RedisStorage(fresh_redis_server.url, timeout=5)
    o = op()
    await store.run_async([o])
    sleeper = await slow_down(fresh_redis_server, 0.5)
    task = asyncio.ensure_future(store.run_async([o]))  # the script runs after the sleep
    await asyncio.sleep(0.1)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    await sleeper
    assert links(store) == []  # its reply was still on the way: the link is gone
    (after,) = await store.run_async([o])  # a new link; the late reply is never read as this one's
    assert isinstance(after, LimitOutcome) and after.remaining == 2  # the cancelled call did count
    await store.aclose()


@needs_redis
async def test_timeout_then_the_late_reply_is_not_mistaken(fresh_redis_server: RedisServer) -> None:
    store = RedisStorage(fresh_redis_server.url, timeout=0.1)
    o = op()
    await store.run_async([o])
    sleeper = await slow_down(fresh_redis_server, 0.4)
    with pytest.raises(ArcjetStorageError, match="Timeout"):
        await store.run_async([o])
    await sleeper
    (after,) = await store.run_async([o])
    assert isinstance(after, LimitOutcome) and after.remaining == 2
    await store.aclose()


@pytest.fixture
def tls_server(redis_server_factory: Callable[..., RedisServer], tmp_path: Path) -> tuple[RedisServer, int, Path]:
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl not found: cannot make a certificate for the TLS test")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run([openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
                    "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
                   check=True, capture_output=True, timeout=60)  # fmt: skip
    port = free_port()
    server = redis_server_factory("--tls-port", str(port), "--tls-cert-file", str(cert), "--tls-key-file", str(key),
                                  "--tls-ca-cert-file", str(cert), "--tls-auth-clients", "no")  # fmt: skip
    return server, port, cert


@needs_redis
async def test_tls_links_sync_and_async(tls_server: tuple[RedisServer, int, Path]) -> None:
    _server, port, cert = tls_server
    store = RedisStorage(f"rediss://127.0.0.1:{port}/0?ssl_ca_certs={cert}", timeout=2)
    o = op()
    assert [r.remaining for r in await store.run_async([o])] == [4]  # type: ignore[union-attr]
    assert [type(link) for link in links(store)] == [AsyncLink]
    assert [r.remaining for r in store.run([o])] == [3]  # type: ignore[union-attr]
    assert [r.remaining for r in await store.run_async([o])] == [2]  # type: ignore[union-attr]
    await store.aclose()
    store.close()


@needs_redis
async def test_links_survive_the_garbage_collector(redis_url: str, redis_prefix: str) -> None:
    # The redis-py connection a link was taken from is garbage; its __del__
    # used to close "its" writer -- our transport -- whenever gc ran.
    import gc

    store = RedisStorage(redis_url, prefix=redis_prefix, timeout=2)
    o = op()
    await store.run_async([o])
    gc.collect()
    await asyncio.sleep(0.01)  # let a close, if any, reach the link
    (link,) = links(store)
    assert link.clean()
    (after,) = await store.run_async([o])
    assert isinstance(after, LimitOutcome) and after.remaining == 3
    assert links(store) == [link]
    await store.aclose()


@needs_redis
def test_links_on_uvloop(fresh_redis_server: RedisServer) -> None:
    # uvicorn[standard] runs apps on uvloop: its transports must be taken over
    # as well, time out, and be replaced after the server drops them.
    uvloop = pytest.importorskip("uvloop", reason="uvloop not installed (it is in the dev extras)")

    async def scenario() -> None:
        store = RedisStorage(fresh_redis_server.url, timeout=0.1)
        o = op()
        assert [r.remaining for r in await store.run_async([o, o])] == [4, 3]  # type: ignore[union-attr]
        assert [type(link) for link in links(store)] == [AsyncLink]
        sleeper = await slow_down(fresh_redis_server, 0.4)
        with pytest.raises(ArcjetStorageError, match="Timeout"):
            await store.run_async([o])
        await sleeper
        assert [r.remaining for r in await store.run_async([o])] == [1]  # type: ignore[union-attr]
        await asyncio.get_running_loop().run_in_executor(None, fresh_redis_server.restart)
        await asyncio.sleep(0.05)
        assert [r.remaining for r in await store.run_async([o])] == [4]  # a new, empty server
        await store.aclose()

    uvloop.run(scenario())


@needs_redis
async def test_one_watchdog_times_out_each_call_at_its_own_deadline(fresh_redis_server: RedisServer) -> None:
    # Calls with different timeouts share the loop's single timer: each must
    # fail at its deadline (not before), including the later ones the timer is
    # re-armed for, while the server is still asleep (it answers at 0.6 s).
    import time

    stores = [RedisStorage(fresh_redis_server.url, timeout=t) for t in (0.3, 0.1, 0.2)]
    o = op()
    for store in stores:
        await store.run_async([o])  # a link each, before the server sleeps
    sleeper = await slow_down(fresh_redis_server, 0.6, head_start=0.05)

    async def timed(store: RedisStorage) -> tuple[float, str]:
        started = time.monotonic()
        try:
            await store.run_async([o])
            outcome = "answered"
        except ArcjetStorageError as exc:
            outcome = "timeout" if "Timeout" in str(exc) else str(exc)
        return time.monotonic() - started, outcome

    results = await asyncio.gather(*(timed(s) for s in stores))
    await sleeper
    for store, (elapsed, outcome) in zip(stores, results, strict=True):
        assert outcome == "timeout", (store.timeout, outcome)
        assert elapsed >= store.timeout - 0.005  # never before its own deadline
    assert sorted(results)[0][0] < sorted(results)[-1][0]
    for store in stores:
        (after,) = await store.run_async([o])
        assert isinstance(after, LimitOutcome)
        await store.aclose()


@needs_redis
def test_closed_event_loops_and_their_sockets_are_let_go(redis_url: str, redis_prefix: str) -> None:
    # Each asyncio.run makes a loop. Links, redis-py clients and the timeout
    # watchdog all refer to their loop, so weak tables keyed by loop kept
    # every loop -- and every socket -- alive. Now what belongs to a closed
    # loop is dropped when the next loop shows up.
    #
    # Those sockets are closed by the garbage collector, not by us (a transport
    # cannot be closed once its loop has), and the collector says so with a
    # ResourceWarning each. That is the scenario under test, so the warnings
    # are recorded here -- and the last loop's sockets finalised here too --
    # instead of failing this test or surfacing in whichever test runs next.
    import gc
    import os
    import warnings
    import weakref

    def open_fds() -> int:
        return len(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else 0

    def run_loops() -> None:
        store = RedisStorage(redis_url, prefix=redis_prefix, timeout=2)
        o = op()
        loops: list[weakref.ref[asyncio.AbstractEventLoop]] = []

        async def once() -> None:
            loops.append(weakref.ref(asyncio.get_running_loop()))
            await store.run_async([o])

        asyncio.run(once())
        gc.collect()
        before = open_fds()
        for _ in range(10):
            asyncio.run(once())
        gc.collect()
        assert sum(ref() is not None for ref in loops) <= 1  # only the newest loop's entries remain
        assert len(store._async_pools) <= 1
        assert open_fds() <= before + 1
        store.close()

    with warnings.catch_warnings(record=True) as finalised:
        warnings.simplefilter("always", ResourceWarning)
        run_loops()
        gc.collect()  # the newest loop's sockets, now that the store is gone
    assert finalised  # the dropped loops' sockets were closed by the collector
    assert {w.category for w in finalised} == {ResourceWarning}, [str(w.message) for w in finalised]
