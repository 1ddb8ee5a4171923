"""ArcjetMiddleware under a real uvicorn process, over real HTTP."""

from __future__ import annotations

import os
import uuid

import httpx
import pytest

from tests.fixtures.redis_server import patient_url
from tests.starlette.real_server import hammer, serve

pytestmark = pytest.mark.slow


@pytest.mark.redis
def test_uvicorn_with_redis(redis_url: str) -> None:
    env = {"TEST_ARCJET_KEY": f"uv-{uuid.uuid4().hex}", "TEST_LIMIT": "5", "ARCJET_STORAGE": patient_url(redis_url)}
    with serve(["uvicorn", "tests.starlette.server_app:app", "--host", "127.0.0.1", "--port", "{port}",
                "--log-level", "warning"], env) as base, httpx.Client(base_url=base, timeout=20.0) as client:
        body = os.urandom(3 * 1024 * 1024)
        echoed = client.post("/echo", content=body)
        assert echoed.status_code == 200
        assert echoed.content == body

        first = client.get("/")
        assert first.status_code == 200
        assert first.json()["results"]["RATE_LIMIT"] == "ALLOW"
        assert first.json()["conclusion"] in ("ALLOW", "ERROR")  # ERROR while shield is not integrated
        assert first.json()["ip"] == "127.0.0.1"
        assert first.headers["ratelimit-policy"] == "5;w=60"

        # /echo spent one, / one: three left, then 429s.
        statuses = [r.status_code for r in hammer(base + "/", 8)]
        assert sorted(statuses) == [200] * 3 + [429] * 5
        denied = client.get("/")
        assert denied.status_code == 429
        assert int(denied.headers["retry-after"]) >= 1

        assert client.get("/health").json() == {"status": "ok"}
        too_big = client.post("/echo", content=os.urandom(5 * 1024 * 1024))
        assert too_big.status_code == 413
