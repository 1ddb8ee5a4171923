"""Redis-store specifics: one round trip, script reload, key layout, cluster slots, URLs."""

from __future__ import annotations

import subprocess
import sys
import uuid

import pytest
import redis
import redis.cluster

from arcjet_core.errors import ArcjetMisconfiguration
from arcjet_core.ratelimit import (
    FixedWindowParams,
    LimitOp,
    LimitOutcome,
    MemoryStorage,
    RedisStorage,
    SlidingWindowParams,
    SuspicionOp,
    TokenBucketParams,
    storage_from,
)
from arcjet_core.ratelimit._redis_script import storage_key
from tests.fixtures.redis_server import RedisServer

pytestmark = pytest.mark.redis
SEP = "\x1f"


def request_ops(fingerprint: str) -> list[LimitOp | SuspicionOp]:
    return [
        LimitOp(SEP.join(["ns", "r1", fingerprint]), TokenBucketParams(1, 10, 5), 1),
        LimitOp(SEP.join(["ns", "r2", fingerprint]), FixedWindowParams(5, 10), 1),
        LimitOp(SEP.join(["ns", "r3", fingerprint]), SlidingWindowParams(5, 10), 1),
        SuspicionOp(SEP.join(["ns", "shield", fingerprint]), 1, 5, 60, 60),
    ]


# Commands our Lua script issues itself; commandstats counts them too.
SCRIPT_INTERNAL = {"cmdstat_time", "cmdstat_get", "cmdstat_set", "cmdstat_del"}


def commands_served(client: redis.Redis) -> int:
    """Commands clients sent (round trips), not counting the INFO that asks.

    Commands run inside the script are recognised by type: the store never
    sends TIME/GET/SET/DEL itself, and each script call runs exactly one TIME,
    which is checked so the subtraction cannot hide a stray client command.
    """
    stats = client.info("commandstats")
    calls = {k: int(v["calls"]) for k, v in stats.items()}
    ran = sum(
        int(stats[k]["calls"]) - int(stats[k].get("failed_calls", 0))  # NOSCRIPT fails count too
        for k in ("cmdstat_evalsha", "cmdstat_eval")
        if k in stats
    )
    assert calls.get("cmdstat_time", 0) == ran
    return sum(v for k, v in calls.items() if k != "cmdstat_info" and k not in SCRIPT_INTERNAL)


def test_one_run_is_one_command_on_the_server(fresh_redis_server: RedisServer) -> None:
    store = RedisStorage(fresh_redis_server.url, timeout=2)
    observer = redis.Redis.from_url(fresh_redis_server.url)
    store.run(request_ops("warm-up"))  # first call may add EVAL after NOSCRIPT
    for n in range(5):
        before = commands_served(observer)
        store.run(request_ops(f"client-{n}"))
        assert commands_served(observer) - before == 1
    assert int(observer.info("commandstats")["cmdstat_evalsha"]["calls"]) >= 5
    store.close()
    observer.close()


async def test_one_async_run_is_one_command_on_the_server(fresh_redis_server: RedisServer) -> None:
    store = RedisStorage(fresh_redis_server.url, timeout=2)
    observer = redis.Redis.from_url(fresh_redis_server.url)
    await store.run_async(request_ops("warm-up"))
    before = commands_served(observer)
    await store.run_async(request_ops("client"))
    assert commands_served(observer) - before == 1
    await store.aclose()
    observer.close()


def test_cluster_run_is_one_command_per_slot(redis_cluster_url: str, redis_prefix: str) -> None:
    store = RedisStorage(redis_cluster_url, prefix=redis_prefix, timeout=2)
    nodes = [
        redis.Redis(host=h, port=int(p))
        for h, p in (n.split(":") for n in redis_cluster_url.split("://")[1].split(","))
    ]

    def served() -> int:
        return sum(commands_served(n) for n in nodes)

    # Warm-up: the first call to each node opens a pooled connection (HELLO,
    # CLIENT SETINFO) and may meet NOSCRIPT; both happen once per node, not per run.
    for n in range(30):
        store.run(request_ops(f"warm-up-{n}"))
    before = served()
    store.run(request_ops(f"fp-{uuid.uuid4().hex}"))
    assert served() - before == 1  # four ops, one fingerprint, one slot
    # Two fingerprints in one call: grouped per slot, one command per slot.
    a, b = "fp-a-" + uuid.uuid4().hex, "fp-b-" + uuid.uuid4().hex
    slots = {
        redis.cluster.key_slot(storage_key(redis_prefix, "t", f"x{SEP}{f}").encode())
        for f in (a, b)
    }
    before = served()
    got = store.run(request_ops(a) + request_ops(b))
    assert served() - before == len(slots)
    assert all(o.allowed for o in got if isinstance(o, LimitOutcome))
    store.close()
    for n in nodes:
        n.close()


def test_noscript_reloads_transparently(fresh_redis_server: RedisServer) -> None:
    store = RedisStorage(fresh_redis_server.url, timeout=2)
    op = LimitOp("k", TokenBucketParams(1, 60, 3), 1)
    store.run([op])
    fresh_redis_server.command("SCRIPT", "FLUSH")
    (o,) = store.run([op])
    assert isinstance(o, LimitOutcome) and o.remaining == 1
    observer = redis.Redis.from_url(fresh_redis_server.url)
    before = commands_served(observer)
    store.run([op])
    assert commands_served(observer) - before == 1  # back to EVALSHA alone
    store.close()
    observer.close()


def test_keys_are_namespaced_hashed_and_hash_tagged(redis_url: str, redis_prefix: str) -> None:
    store = RedisStorage(redis_url, prefix=redis_prefix, timeout=2)
    secret = "user@example.com"
    store.run(request_ops(secret))
    client = redis.Redis.from_url(redis_url)
    keys = [k.decode() for k in client.scan_iter(match=f"{redis_prefix}:*")]
    assert len(keys) == 4
    assert all(secret not in k for k in keys)
    tags = {k.split("{")[1].split("}")[0] for k in keys}
    assert len(tags) == 1  # one fingerprint -> one hash tag -> one cluster slot
    assert all(0 < client.pttl(k) <= 60_000 for k in keys)
    store.close()
    client.close()


def test_state_is_shared_across_store_instances(redis_url: str, redis_prefix: str) -> None:
    op = LimitOp("shared", TokenBucketParams(1, 60, 2), 1)
    a = RedisStorage(redis_url, prefix=redis_prefix, timeout=2)
    b = RedisStorage(redis_url, prefix=redis_prefix, timeout=2)
    other = RedisStorage(redis_url, prefix=redis_prefix + "-other", timeout=2)
    got = [s.run([op])[0] for s in (a, b, a, other)]
    assert [o.allowed for o in got] == [True, True, False, True]  # type: ignore[union-attr]
    for s in (a, b, other):
        s.close()


def test_unix_socket_url(redis_server_factory, tmp_path) -> None:  # type: ignore[no-untyped-def]
    sock = tmp_path / "redis.sock"
    redis_server_factory("--unixsocket", str(sock), "--unixsocketperm", "700")
    store = storage_from(f"unix://{sock}?db=0")
    (o,) = store.run([LimitOp("k", TokenBucketParams(1, 60, 1), 1)])
    assert isinstance(o, LimitOutcome) and o.allowed
    store.close()


def test_valkey_scheme_uses_the_same_client(redis_url: str) -> None:
    store = storage_from(redis_url.replace("redis://", "valkey://", 1))
    assert isinstance(store, RedisStorage)
    (o,) = store.run([LimitOp(uuid.uuid4().hex, TokenBucketParams(1, 60, 1), 1)])
    assert isinstance(o, LimitOutcome) and o.allowed
    store.close()


def test_storage_from_resolves_specs() -> None:
    assert isinstance(storage_from(None), MemoryStorage)
    assert isinstance(storage_from("memory://"), MemoryStorage)
    assert storage_from("memory://?max_keys=7").max_keys == 7  # type: ignore[attr-defined]
    mine = MemoryStorage()
    assert storage_from(mine) is mine
    assert storage_from("redis://127.0.0.1:1/0").cluster is False  # type: ignore[attr-defined]
    assert storage_from("rediss://127.0.0.1:1/0").cluster is False  # type: ignore[attr-defined]
    assert storage_from("redis+cluster://127.0.0.1:1,127.0.0.1:2").cluster is True  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "spec", ["mongodb://x", "memcached://x:11211", "localhost:6379", "unix+cluster:///x"]
)
def test_unknown_storage_is_a_misconfiguration_naming_storage(spec: str) -> None:
    with pytest.raises(ArcjetMisconfiguration, match="storage"):
        storage_from(spec)


def test_missing_redis_driver_says_how_to_install() -> None:
    code = (
        "import sys; sys.modules['redis'] = None\n"
        "from arcjet_core.ratelimit import storage_from\n"
        "try:\n    storage_from('redis://localhost')\n"
        "except Exception as e:\n    print(type(e).__name__, e)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "ArcjetMisconfiguration" in out.stdout and "arcjet-local[redis]" in out.stdout


def test_stored_state_is_plain_colon_separated_integers(redis_url: str, redis_prefix: str) -> None:
    """run.lua writes "a:b" / "a:b:c": the format every version reads, so upgrades keep state."""
    store = RedisStorage(redis_url, prefix=redis_prefix, timeout=2)
    fp = uuid.uuid4().hex
    store.run(request_ops(fp))
    client = redis.Redis.from_url(redis_url)
    fields = {
        kind: client.get(storage_key(redis_prefix, kind, SEP.join(["ns", rule, fp])))
        for kind, rule in (("t", "r1"), ("f", "r2"), ("s", "r3"), ("x", "shield"))
    }
    assert {k: len(v.split(b":")) for k, v in fields.items() if v} == {
        "t": 2,
        "f": 2,
        "s": 3,
        "x": 3,
    }
    assert all(part.isdigit() for v in fields.values() if v for part in v.split(b":"))
    store.close()
    client.close()


def test_state_written_by_hand_is_read_and_garbage_is_no_state(
    redis_url: str, redis_prefix: str
) -> None:
    store = RedisStorage(redis_url, prefix=redis_prefix, timeout=2)
    client = redis.Redis.from_url(redis_url)
    op = LimitOp(f"ns{SEP}hand{SEP}{uuid.uuid4().hex}", FixedWindowParams(3, 3600), 1)
    key = storage_key(redis_prefix, "f", op.key)
    seconds, _micros = client.time()
    # A window index ahead of the server clock: the script stays in that
    # window (clock stepped back), so the stored count decides, not the time.
    client.set(key, f"{seconds // 3600 + 5}:3", px=60_000)
    (o,) = store.run([op])
    assert isinstance(o, LimitOutcome) and not o.allowed and o.remaining == 0
    client.set(key, "not:a:number", px=60_000)
    (o,) = store.run([op])
    assert isinstance(o, LimitOutcome) and o.allowed and o.remaining == 2
    index, count = client.get(key).split(b":")  # overwritten with well-formed state
    assert index.isdigit() and count == b"1"
    store.close()
    client.close()


def test_idle_connection_closed_by_the_server_is_replaced(
    redis_url: str, redis_prefix: str
) -> None:
    """The store's own connections: one the server dropped while idle is not used."""
    store = RedisStorage(redis_url, prefix=redis_prefix, timeout=2)
    op = LimitOp(uuid.uuid4().hex, TokenBucketParams(1, 60, 5), 1)
    store.run([op])
    observer = redis.Redis.from_url(redis_url)
    store_ids = [c["id"] for c in observer.client_list() if c["cmd"] in ("evalsha", "eval")]
    assert store_ids
    for client_id in store_ids:
        observer.client_kill_filter(_id=client_id)
    (o,) = store.run([op])  # first call after the kill already works
    assert isinstance(o, LimitOutcome) and o.allowed and o.remaining == 3
    store.close()
    observer.close()


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="needs os.fork")
@pytest.mark.parametrize("fork", ["os.fork", "fork from C"])
def test_forked_child_opens_its_own_connection(redis_url: str, redis_prefix: str, fork: str) -> None:
    # A fork from C (uWSGI's workers) runs no at-fork hook: the store finds
    # the new pid on use, and never touches the inherited socket.
    import os

    from tests.fixtures.c_fork import fork_from_c

    fork_call = os.fork if fork == "os.fork" else fork_from_c
    store = RedisStorage(redis_url, prefix=redis_prefix, timeout=2)
    op = LimitOp(uuid.uuid4().hex, TokenBucketParams(1, 60, 10), 1)
    store.run([op])
    pool = store._pool
    assert pool is not None
    (inherited,) = pool._idle  # the parent keeps an idle connection
    pid = fork_call()
    if pid == 0:  # pragma: no cover - runs in the child
        ok = store.run([op])[0].remaining == 8  # type: ignore[union-attr]
        child_pool = store._pool
        ok = ok and child_pool is not pool and child_pool is not None and child_pool._idle != []
        ok = ok and all(link is not inherited for link in child_pool._idle)  # type: ignore[union-attr]
        store.close()  # closes the child's own connection only
        os._exit(0 if ok else 1)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert store._pool is pool and pool._idle == [inherited]
    (o,) = store.run([op])  # the parent's connection was not disturbed
    assert isinstance(o, LimitOutcome) and o.remaining == 7
    assert pool._idle == [inherited]
    store.close()


async def test_async_idle_connection_closed_by_the_server_is_replaced(
    redis_url: str, redis_prefix: str
) -> None:
    import asyncio

    store = RedisStorage(redis_url, prefix=redis_prefix, timeout=2)
    op = LimitOp(uuid.uuid4().hex, TokenBucketParams(1, 60, 5), 1)
    await store.run_async([op])
    observer = redis.Redis.from_url(redis_url)
    for c in observer.client_list():
        if c["cmd"] in ("evalsha", "eval"):
            observer.client_kill_filter(_id=c["id"])
    await asyncio.sleep(0.05)  # let the loop see the EOF
    (o,) = await store.run_async([op])
    assert isinstance(o, LimitOutcome) and o.allowed and o.remaining == 3
    await store.aclose()
    observer.close()
