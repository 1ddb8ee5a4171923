"""ArcjetMiddleware under gunicorn (WSGI, 3 workers) and uvicorn (ASGI), over real HTTP."""

from __future__ import annotations

import os
import uuid

import httpx
import pytest

from tests.fixtures.redis_server import patient_url
from tests.starlette.real_server import hammer, serve

pytestmark = [pytest.mark.slow, pytest.mark.redis]

LIMIT = 10
REQUESTS = 40


def env(redis_url: str, limit: int) -> dict[str, str]:
    return {"TEST_ARCJET_KEY": f"dj-{uuid.uuid4().hex}", "TEST_LIMIT": str(limit), "ARCJET_STORAGE": patient_url(redis_url),
            "DJANGO_SETTINGS_MODULE": "tests.django.server_settings"}


def test_gunicorn_three_workers_share_the_limit_through_redis(redis_url: str) -> None:
    with serve(["gunicorn", "-w", "3", "-b", "127.0.0.1:{port}", "--log-level", "warning",
                "tests.django.server_wsgi:application"], env(redis_url, LIMIT)) as base:
        responses = hammer(base + "/slow/", REQUESTS)
        admitted = [r for r in responses if r.status_code == 200]
        assert len(admitted) == LIMIT
        assert sum(r.status_code == 429 for r in responses) == REQUESTS - LIMIT
        assert len({r.json()["pid"] for r in admitted}) >= 2
        assert all(["RATE_LIMIT", "ALLOW", "RUN"] in r.json()["results"] for r in admitted)


def test_uvicorn_asgi(redis_url: str) -> None:
    with serve(["uvicorn", "tests.django.server_asgi:application", "--host", "127.0.0.1", "--port", "{port}",
                "--log-level", "warning"], env(redis_url, 3)) as base, \
            httpx.Client(base_url=base, timeout=20.0) as client:
        body = os.urandom(3 * 1024 * 1024)
        echoed = client.post("/async/echo/", content=body, headers={"content-type": "application/octet-stream"})
        assert echoed.status_code == 200
        assert echoed.content == body
        assert client.post("/async/echo/", content=os.urandom(5 * 1024 * 1024)).status_code == 413
        first = client.get("/async/")
        assert ["RATE_LIMIT", "ALLOW", "RUN"] in first.json()["results"]
        assert first.json()["ip"] == "127.0.0.1"
        assert [client.get("/async/").status_code for _ in range(2)] == [200, 429]
        assert int(client.get("/async/").headers["retry-after"]) >= 1
