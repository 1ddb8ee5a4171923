"""Issue #14, finding 2 (high): async Redis must not fail open under a burst.

The attack: 1000 protect() calls at once on one key, over Redis, against a
cap of 100. Before the fix each call without an idle connection opened its
own (100 ms connect timeout, no cap): 100 ALLOW, 255 DENY and 645 ERROR,
every ERROR a request let through. Now admission must be exact and nothing
may fail: a bounded pool makes the burst wait for a connection instead.

The same burst over HTTP (a fresh uvicorn worker, 1000 simultaneous
connections, cap 50) is tests/servers/test_uvicorn_burst.py.

Runs on the suite's real redis-server (tests/fixtures/redis_server.py) with
the store's default timeouts: the burst is the point, a patient URL would
hide it.
"""

from __future__ import annotations

import asyncio
import collections
import uuid

import pytest

from arcjet_core import arcjet, fixed_window

pytestmark = [pytest.mark.slow, pytest.mark.redis]

BURST = 1000
CAP = 100


async def test_a_thousand_concurrent_calls_on_one_key_admit_exactly_the_cap(redis_url: str) -> None:
    aj = arcjet(key=f"burst-{uuid.uuid4().hex}", rules=[fixed_window(max=CAP, window=600)], storage=redis_url)
    request = {"ip": "8.8.4.4", "method": "GET", "path": "/", "headers": {"user-agent": "burst"}}
    try:
        decisions = await asyncio.wait_for(asyncio.gather(*(aj.protect(request) for _ in range(BURST))), 20)
    finally:
        await aj.aclose()
    counts = collections.Counter(d.conclusion.value for d in decisions)
    errors = {getattr(r.reason_v2, "message", "") for d in decisions for r in d.results if r.conclusion.value == "ERROR"}
    assert counts == {"ALLOW": CAP, "DENY": BURST - CAP}, f"{dict(counts)}; errors: {sorted(errors)[:3]}"

