from __future__ import annotations

import sys
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator

import pytest

from arcjet_core.ratelimit import Op, Outcome, Storage

from .backends import Run, make_storage

# The root tests/conftest.py registers these fixtures as a plugin for every
# suite; until it does, expose them here (pytest_plugins is root-only).
if "tests.fixtures.redis_server" not in sys.modules:
    from tests.fixtures.redis_server import *  # noqa: F403


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
