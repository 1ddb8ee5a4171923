"""Rate limiting state: the algorithms and the stores the engine calls.

``storage_from()`` turns the client's ``storage=`` argument into a
``Storage``; ``Storage.run()`` evaluates every stateful op of one request
together (one Redis round trip) and returns outcomes in op order.
"""

from ._types import (
    FixedWindowParams,
    LimitOp,
    LimitOutcome,
    LimitParams,
    Op,
    Outcome,
    SlidingWindowParams,
    Storage,
    SuspicionOp,
    SuspicionOutcome,
    TokenBucketParams,
)
from .factory import storage_from
from .memory import MemoryStorage


def __getattr__(name: str) -> object:
    # RedisStorage imports redis-py lazily; only touching the name pays for it.
    if name == "RedisStorage":
        from ._redis import RedisStorage

        return RedisStorage
    raise AttributeError(name)


__all__ = [
    "FixedWindowParams",
    "LimitOp",
    "LimitOutcome",
    "LimitParams",
    "MemoryStorage",
    "Op",
    "Outcome",
    "RedisStorage",
    "SlidingWindowParams",
    "Storage",
    "SuspicionOp",
    "SuspicionOutcome",
    "TokenBucketParams",
    "storage_from",
]
