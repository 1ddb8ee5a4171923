"""Every store under test, and how the behaviour suite drives it (fixtures in conftest)."""

from __future__ import annotations

from collections.abc import Awaitable
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
