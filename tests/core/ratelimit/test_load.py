"""Exactness under load: 4 processes x 8 threads on one key admit exactly the limit."""

from __future__ import annotations

import multiprocessing
import threading
import time

import pytest

from arcjet_core.errors import ArcjetStorageError
from arcjet_core.ratelimit import (
    FixedWindowParams,
    LimitOp,
    LimitOutcome,
    RedisStorage,
    TokenBucketParams,
)

pytestmark = [pytest.mark.redis, pytest.mark.slow]

PROCESSES, THREADS, ATTEMPTS = 4, 8, 25  # 800 attempts against a limit of 300
LIMIT = 300


def hammer(url: str, prefix: str, op: LimitOp, start_at: float) -> tuple[int, int]:
    """One process: 8 threads on one key; returns (admitted, storage errors)."""
    # A generous timeout: a timeout after the script ran would hide an admission.
    store = RedisStorage(url, prefix=prefix, timeout=10)
    admitted = [0] * THREADS
    errors = [0] * THREADS

    def worker(slot: int) -> None:
        time.sleep(max(0.0, start_at - time.time()))
        for _ in range(ATTEMPTS):
            try:
                (o,) = store.run([op])
            except ArcjetStorageError:
                errors[slot] += 1
                continue
            assert isinstance(o, LimitOutcome)
            admitted[slot] += o.allowed

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    store.close()
    return sum(admitted), sum(errors)


@pytest.mark.parametrize(
    "params",
    [TokenBucketParams(1, 3600, LIMIT), FixedWindowParams(LIMIT, 3600)],
    ids=["token_bucket", "fixed_window"],
)
@pytest.mark.parametrize("target", ["redis", "cluster"])
def test_processes_and_threads_admit_exactly_the_limit(
    request: pytest.FixtureRequest,
    redis_prefix: str,
    target: str,
    params: TokenBucketParams | FixedWindowParams,
) -> None:
    url = request.getfixturevalue("redis_url" if target == "redis" else "redis_cluster_url")
    op = LimitOp("ns\x1frule\x1fone-client", params, 1)
    if isinstance(params, FixedWindowParams):
        probe = RedisStorage(url, prefix=redis_prefix + "-probe", timeout=2)
        (o,) = probe.run([op])
        assert isinstance(o, LimitOutcome)
        if o.reset_seconds < 30:  # never let the hourly window edge fall inside the run
            time.sleep(o.reset_seconds + 0.1)
        probe.close()
    context = multiprocessing.get_context("spawn")  # no fork of a threaded pytest
    with context.Pool(PROCESSES) as pool:
        start_at = time.time() + 3  # all processes imported and ready before the start
        results = pool.starmap(hammer, [(url, redis_prefix, op, start_at)] * PROCESSES)
    admitted = sum(a for a, _ in results)
    errors = sum(e for _, e in results)
    assert errors == 0
    assert admitted == LIMIT
