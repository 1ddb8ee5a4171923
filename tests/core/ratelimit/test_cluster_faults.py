"""Redis Cluster faults on a private 3-node cluster: slots moving between nodes
while requests keep coming (ASK and MOVED replies, a stale slot map), and the
node holding a client's slot going down. Only ArcjetStorageError escapes,
counts survive a move, and the store recovers by itself."""

from __future__ import annotations

import asyncio
import time

import pytest
from redis.crc import key_slot

from arcjet_core import arcjet_sync
from arcjet_core.errors import ArcjetStorageError
from arcjet_core.ratelimit import LimitOp, LimitOutcome, TokenBucketParams
from arcjet_core.ratelimit._redis import RedisStorage
from arcjet_core.ratelimit._redis_script import storage_key
from arcjet_core.rules import token_bucket
from tests.fixtures.redis_server import RedisServer, cluster_url, wait_cluster_ok

pytestmark = pytest.mark.redis

CAPACITY = 40
OP = LimitOp("ns\x1frule\x1fclient", TokenBucketParams(1, 3600, CAPACITY), 1)


def slot_of(store: RedisStorage, op: LimitOp) -> int:
    return int(key_slot(storage_key(store.prefix, "token_bucket", op.key).encode()))


def node_id(node: RedisServer) -> str:
    return node.command("CLUSTER", "MYID")


def owner(nodes: list[RedisServer], slot: int) -> RedisServer:
    for line in nodes[0].command("CLUSTER", "NODES").splitlines():
        fields = line.split()
        for part in fields[8:]:
            lo, _, hi = part.partition("-")
            if lo.isdigit() and int(lo) <= slot <= int(hi or lo):
                return next(n for n in nodes if node_id(n) == fields[0])
    raise AssertionError(f"no node owns slot {slot}")


class Counter:
    """Runs the op and tallies what came back."""

    def __init__(self, store: RedisStorage) -> None:
        self.store = store
        self.allowed = self.denied = self.errors = 0

    def call(self, times: int = 1) -> None:
        for _ in range(times):
            try:
                (outcome,) = self.store.run([OP])
            except ArcjetStorageError:
                self.errors += 1
                continue
            self.tally(outcome)

    def tally(self, outcome: object) -> None:
        assert isinstance(outcome, LimitOutcome)
        if outcome.allowed:
            self.allowed += 1
        else:
            self.denied += 1


class AsyncCounter(Counter):
    """The same tally through run_async, every batch on one event loop (so the
    client and its slot map live through the whole storm)."""

    def __init__(self, store: RedisStorage) -> None:
        super().__init__(store)
        self.loop = asyncio.new_event_loop()

    def call(self, times: int = 1) -> None:
        async def batch() -> None:
            for _ in range(times):
                try:
                    (outcome,) = await self.store.run_async([OP])
                except ArcjetStorageError:
                    self.errors += 1
                    continue
                self.tally(outcome)

        self.loop.run_until_complete(batch())


@pytest.mark.parametrize("counter_type", [Counter, AsyncCounter], ids=["sync", "async"])
def test_slot_moved_back_and_forth_under_traffic_keeps_exact_counts(
    fresh_redis_cluster: list[RedisServer], counter_type: type[Counter]
) -> None:
    nodes = fresh_redis_cluster
    store = RedisStorage(cluster_url(nodes), timeout=2)
    counter = counter_type(store)
    slot = slot_of(store, OP)
    counter.call(5)
    assert counter.allowed == 5
    for _ in range(6):  # a storm: the slot visits every node twice
        src = owner(nodes, slot)
        dst = nodes[(nodes.index(src) + 1) % len(nodes)]
        src_id, dst_id = node_id(src), node_id(dst)
        dst.command("CLUSTER", "SETSLOT", str(slot), "IMPORTING", src_id)
        src.command("CLUSTER", "SETSLOT", str(slot), "MIGRATING", dst_id)
        counter.call(3)  # the key is still on the source: served there
        keys = src.command("CLUSTER", "GETKEYSINSLOT", str(slot), "100").split()
        assert keys, "the bucket's key should exist in its slot"
        src.command("MIGRATE", "127.0.0.1", str(dst.port), "", "0", "5000", "KEYS", *keys)
        counter.call(3)  # source answers ASK: the client asks the target
        for node in nodes:
            node.command("CLUSTER", "SETSLOT", str(slot), "NODE", dst_id)
        counter.call(3)  # the client's slot map is stale: MOVED, refresh, retry
    counter.call(CAPACITY)  # drain the rest
    # Every call was answered, and the bucket moved with its state: exactly
    # CAPACITY admitted over the whole storm, never a fresh (full) bucket.
    assert counter.errors == 0
    assert counter.allowed == CAPACITY
    assert counter.allowed + counter.denied == 5 + 6 * 9 + CAPACITY
    if isinstance(counter, AsyncCounter):
        counter.loop.run_until_complete(store.aclose())
        counter.loop.close()
    store.close()


def test_node_down_fails_open_then_recovers_by_itself(fresh_redis_cluster: list[RedisServer]) -> None:
    nodes = fresh_redis_cluster
    url = cluster_url(nodes)
    store = RedisStorage(url, timeout=0.5)
    counter = Counter(store)
    counter.call(2)
    assert (counter.allowed, counter.errors) == (2, 0)
    aj = arcjet_sync(key="cluster-down", rules=[token_bucket(refill_rate=1, interval=3600, capacity=CAPACITY)],
                     storage=url)
    request = {"ip": "93.184.215.14", "path": "/", "headers": {"user-agent": "t"}}
    assert aj.protect(request).conclusion.value == "ALLOW"

    down = owner(nodes, slot_of(store, OP))
    down.stop()
    started = time.monotonic()
    counter.call(3)
    assert counter.errors == 3  # no exception but ArcjetStorageError
    assert time.monotonic() - started < 10  # bounded by timeouts, not hanging
    # protect() fails open with an ERROR result for whichever node its key is on:
    # the cluster as a whole is down (no replica covers the lost slots).
    deadline = time.monotonic() + 10
    decision = aj.protect(request)
    while decision.conclusion.value != "ERROR" and time.monotonic() < deadline:
        time.sleep(0.2)
        decision = aj.protect(request)
    assert decision.conclusion.value == "ERROR" and decision.is_allowed()
    assert "storage failed" in decision.results[0].reason_v2.message  # type: ignore[union-attr]

    down.start()  # same port and node id (nodes.conf): it takes its slots back
    wait_cluster_ok(nodes)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        before = counter.allowed
        counter.call()
        if counter.allowed > before:
            break
        time.sleep(0.2)
    assert counter.allowed == 3  # the same store object recovered, no restart needed
    assert aj.protect(request).conclusion.value in ("ALLOW", "DENY")
    aj.close()
    store.close()
