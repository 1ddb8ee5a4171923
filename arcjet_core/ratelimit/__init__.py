"""Rate limiting state: the algorithms and the stores the engine calls.

``storage_from()`` turns the client's ``storage=`` argument into a
``Storage``; ``Storage.run()`` evaluates every stateful op of one request
together (one Redis round trip) and returns outcomes in op order.

Redis URL options (query parameters; ``RedisStorage`` takes the same as
keyword arguments, and the URL wins):

- ``max_connections=N``: connections per process for sync calls and per
  event loop for async ones (default 32, 1..10000). A caller that finds none
  free waits for one rather than opening more.
- ``socket_connect_timeout=S``: opening a connection (TCP, TLS, AUTH,
  SELECT); default 1 s.
- ``pool_timeout=S``: waiting for a free connection when all
  ``max_connections`` are busy (default 5 s).
- ``socket_timeout=S``: each command (default 0.1 s). No retries: a late
  reply may mean the script ran.

A bad value raises ``ArcjetMisconfiguration`` naming the option.
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
