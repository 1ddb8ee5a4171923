"""No GC-tracked object per client: what the stores and memos keep must be
invisible to the cyclic collector.

Every object the collector tracks and that outlives a few collections is
walked by every full pass: a store that keeps one tracked container per new
client makes full passes more frequent and longer with each client (issue 15
measured pauses of tens of ms over 100k new clients). So after a warm-up that
fills every bounded memo, new clients must leave (almost) no tracked object
behind. Memos that empty when full keep their size within bounds, so only
what is kept per client counts here, not timing.
"""

from __future__ import annotations

import asyncio
import gc
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from arcjet_core import arcjet, arcjet_sync, detect_bot, shield, token_bucket
from arcjet_core.context import Headers, RequestContext
from arcjet_core.fingerprint import FingerprintPlan
from arcjet_core.ip import IpResolver, TrustedProxies, canonical_ip, parse_proxy_headers
from arcjet_core.ratelimit._types import (
    FixedWindowParams,
    LimitOp,
    Op,
    SlidingWindowParams,
    SuspicionOp,
    TokenBucketParams,
)
from arcjet_core.ratelimit.memory import MemoryStorage

WARMUP = 12_000  # more than any memo holds (the largest: 8192)
MEASURED = 20_000
# Tracked objects a new client may leave behind on average: 0.01 is 200 over
# the measured clients, room for the process's own noise (a logger's dict, a
# weakref), far below one per client.
PER_CLIENT = 0.01
BIG = 10**9
BROWSER = [(b"host", b"example.com"), (b"user-agent", b"Mozilla/5.0 (X11; Linux x86_64) Chrome/124.0"),
           (b"accept", b"text/html"), (b"accept-language", b"en")]


def client_ip(index: int) -> str:
    """The index-th distinct global address: IPv4 and IPv6 in turn, each IPv6 in its own /64."""
    half, v6 = divmod(index, 2)
    if not v6:
        value = (23 << 24) + 1 + half
        return f"{value >> 24}.{(value >> 16) & 255}.{(value >> 8) & 255}.{value & 255}"
    return f"2a00:{(half >> 16) & 0xFFFF:x}:{half & 0xFFFF:x}:1::1"


def scope(ip: str) -> dict[str, Any]:
    return {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
            "scheme": "http", "path": "/", "raw_path": b"/", "query_string": b"", "root_path": "",
            "headers": BROWSER, "client": (ip, 50000), "server": ("app", 80)}


def collect() -> None:
    # Twice: a tuple holding a tuple is untracked one pass after its contents.
    gc.collect()
    gc.collect()


CHECKPOINTS = 10  # a memo that empties when full is caught at some fill, whatever its size


class Survivors:
    """The tracked objects created after start() that are still tracked at a checkpoint.

    A bounded memo that keeps a tracked object per client does not grow, but
    each such object lives through collections into the oldest generation,
    and that churn is what triggers full passes: so everything new that is
    still tracked counts, not only growth. (The objects seen at start() are
    held, so no new object can take one's id.)
    """

    def __init__(self) -> None:
        collect()
        self._before = gc.get_objects()
        self._seen = set(map(id, self._before))
        self.worst: tuple[int, list[tuple[str, int]]] = (0, [])

    def checkpoint(self) -> None:
        collect()
        mine = (id(self._before), id(self._seen))
        new = [o for o in gc.get_objects() if id(o) not in self._seen and id(o) not in mine]
        if len(new) > self.worst[0]:
            self.worst = (len(new), Counter(type(o).__qualname__ for o in new).most_common(10))
        del new

    def check(self) -> None:
        del self._before, self._seen
        count, by_type = self.worst
        assert count < PER_CLIENT * MEASURED, (
            f"{count} tracked objects made by {MEASURED} new clients outlived them (by type: {by_type})")


def assert_nothing_kept(serve: Callable[[int], object]) -> None:
    """serve(i) handles new client i: WARMUP clients first, then MEASURED counted ones."""
    for i in range(WARMUP):
        serve(i)
    survivors = Survivors()
    step = MEASURED // CHECKPOINTS
    for start in range(WARMUP, WARMUP + MEASURED, step):
        for i in range(start, start + step):
            serve(i)
        survivors.checkpoint()
    survivors.check()


@pytest.fixture(autouse=True)
def collector_on() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.enable()
    yield
    if not enabled:
        gc.disable()


# ----------------------------------------------------------------- protect()

RULES: dict[str, Callable[[], list[Any]]] = {
    "token bucket": lambda: [token_bucket(refill_rate=BIG, interval=3600, capacity=BIG)],
    "shield+bot+token bucket": lambda: [shield(), detect_bot(allow=[]),
                                        token_bucket(refill_rate=BIG, interval=3600, capacity=BIG)],
}


@pytest.mark.slow
@pytest.mark.parametrize("rules", RULES)
def test_sync_protect_keeps_nothing_tracked_per_new_client(rules: str) -> None:
    aj = arcjet_sync(key="gc", rules=RULES[rules]())

    def serve(i: int) -> None:
        assert aj.protect(scope(client_ip(i))).is_allowed()

    assert_nothing_kept(serve)


@pytest.mark.slow
@pytest.mark.parametrize("rules", RULES)
def test_async_protect_keeps_nothing_tracked_per_new_client(rules: str) -> None:
    async def main() -> None:
        aj = arcjet(key="gc", rules=RULES[rules]())
        for i in range(WARMUP):
            assert (await aj.protect(scope(client_ip(i)))).is_allowed()
        survivors = Survivors()
        step = MEASURED // CHECKPOINTS
        for start in range(WARMUP, WARMUP + MEASURED, step):
            for i in range(start, start + step):
                assert (await aj.protect(scope(client_ip(i)))).is_allowed()
            survivors.checkpoint()
        survivors.check()

    asyncio.run(main())


# ------------------------------------------------------- the parts, one by one

@pytest.mark.parametrize("params", [TokenBucketParams(BIG, 60, BIG), FixedWindowParams(BIG, 60),
                                    SlidingWindowParams(BIG, 60)])
def test_memory_store_keeps_nothing_tracked_per_key(params: Any) -> None:
    store = MemoryStorage(max_keys=4 * (WARMUP + MEASURED))  # nothing evicted: every key stays

    def serve(i: int) -> None:
        ops: list[Op] = [LimitOp(f"k{i}", params, 1), SuspicionOp(f"s{i}", 1, 10, 60, 60)]
        store.run(ops)

    assert_nothing_kept(serve)
    assert len(store) == 2 * (WARMUP + MEASURED)


def test_ip_resolution_keeps_nothing_tracked_per_client() -> None:
    direct = IpResolver(TrustedProxies.parse(None))
    proxied = IpResolver(TrustedProxies.parse(["10.0.0.0/8"]), proxy_headers=parse_proxy_headers(["x-forwarded-for"]))
    platform = IpResolver(TrustedProxies.parse(None), platform="cloudflare")
    no_headers = Headers()

    def serve(i: int) -> None:
        ip = client_ip(i)
        assert direct.resolve(ip, no_headers) == ip
        assert proxied.resolve("10.0.0.1", Headers([("x-forwarded-for", f"{ip}, 10.0.0.2")])) == ip
        assert platform.resolve("10.0.0.1", Headers([("cf-connecting-ip", ip)])) == ip
        assert canonical_ip(f"[{ip}]:443" if ":" in ip else f"{ip}:443") == ip

    assert_nothing_kept(serve)


def test_fingerprints_keep_nothing_tracked_per_client() -> None:
    plan = FingerprintPlan(["ip.src"])

    def serve(i: int) -> None:
        ctx = RequestContext(client_ip(i), "GET", "HTTP/1.1", "app", "/", "", Headers(), "")
        assert plan.compute(ctx, {}) is not None

    assert_nothing_kept(serve)
