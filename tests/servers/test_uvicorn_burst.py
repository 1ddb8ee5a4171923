"""Finding 2 of issue #14 over HTTP: a fresh uvicorn worker, 1000 simultaneous
connections from one IP, a Redis-backed limit of 50. Before the bounded pool
each request opened its own Redis connection and most failed open: 1000 of
1000 were admitted. Now exactly 50 are, and the rest get 429."""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter

import pytest

from tests.fixtures.redis_server import RedisServer
from tests.starlette.real_server import serve

pytestmark = [pytest.mark.slow, pytest.mark.redis]

CONNECTIONS = 1000
LIMIT = 50


async def burst(port: int) -> Counter[str]:
    """Open every connection first, then send every request at once."""
    conns = await asyncio.gather(*(asyncio.open_connection("127.0.0.1", port) for _ in range(CONNECTIONS)))
    request = b"GET / HTTP/1.1\r\nhost: x\r\nuser-agent: Mozilla/5.0\r\nconnection: close\r\n\r\n"
    for _reader, writer in conns:
        writer.write(request)

    async def status(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> str:
        try:
            head = await asyncio.wait_for(reader.readline(), 30)
            return head.split(b" ")[1].decode() if head else "closed"
        finally:
            writer.close()

    return Counter(await asyncio.gather(*(status(r, w) for r, w in conns)))


def test_1000_simultaneous_requests_from_one_ip_admit_exactly_the_limit(fresh_redis_server: RedisServer) -> None:
    env = {"TEST_ARCJET_KEY": f"burst-{uuid.uuid4().hex}", "TEST_LIMIT": str(LIMIT),
           "ARCJET_STORAGE": fresh_redis_server.url}  # default timeouts: the store as shipped
    before = fresh_redis_server.command("INFO", "stats")
    with serve(["uvicorn", "tests.servers.burst_app:app", "--host", "127.0.0.1", "--port", "{port}",
                "--log-level", "warning", "--backlog", "2048"], env) as base:
        statuses = asyncio.run(burst(int(base.rsplit(":", 1)[1])))
        after = fresh_redis_server.command("INFO", "stats")
    assert statuses == {"200": LIMIT, "429": CONNECTIONS - LIMIT}, statuses

    def received(info: str) -> int:
        return int(info.split("total_connections_received:")[1].split()[0])

    # The worker never opened more Redis connections than its pool's cap (32).
    assert received(after) - received(before) - 1 <= 32
