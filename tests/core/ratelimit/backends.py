"""Shared fixtures: every store under test, driven sync or async."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Protocol

import pytest

from arcjet_core.ratelimit import MemoryStorage, Op, Outcome, RedisStorage, Storage

# Tests run on a busy machine next to other suites; production defaults to 100 ms.
TEST_TIMEOUT = 2.0


class Run(Protocol):
    def __call__(self, *ops: Op) -> Awaitable[list[Outcome]]: ...


def make_storage(kind: str, request: pytest.FixtureRequest, prefix: str) -> Storage:
    if kind == "memory":
        return MemoryStorage()
    if kind == "redis":
        url = request.getfixturevalue("redis_url")
        return RedisStorage(url, prefix=prefix, timeout=TEST_TIMEOUT)
    url = request.getfixturevalue("redis_cluster_url")
    return RedisStorage(url, prefix=prefix, timeout=TEST_TIMEOUT)


@pytest.fixture(params=["memory", "redis", "cluster"])
def storage(request: pytest.FixtureRequest, redis_prefix: str) -> Iterator[Storage]:
    store = make_storage(request.param, request, redis_prefix)
    yield store
    store.close()


@pytest.fixture(params=["sync", "async"])
async def run(request: pytest.FixtureRequest, storage: Storage) -> AsyncIterator[Run]:
    async def sync_run(*ops: Op) -> list[Outcome]:
        return storage.run(ops)

    async def async_run(*ops: Op) -> list[Outcome]:
        return await storage.run_async(ops)

    call: Callable[..., Awaitable[list[Outcome]]] = (
        sync_run if request.param == "sync" else async_run
    )
    yield call
    await storage.aclose()
