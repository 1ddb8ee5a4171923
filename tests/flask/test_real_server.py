"""The Flask extension under real WSGI servers, over real HTTP."""

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


def test_gunicorn_three_workers_share_the_limit_through_redis(redis_url: str) -> None:
    env = {"TEST_ARCJET_KEY": f"gu-{uuid.uuid4().hex}", "TEST_LIMIT": str(LIMIT), "ARCJET_STORAGE": patient_url(redis_url)}
    with serve(["gunicorn", "-w", "3", "-b", "127.0.0.1:{port}", "--log-level", "warning",
                "tests.flask.server_app:app"], env) as base:
        responses = hammer(base + "/slow", REQUESTS)
        admitted = [r for r in responses if r.status_code == 200]
        # Nothing was let through by failing open: every admission was counted.
        assert [r.json()["conclusion"] for r in admitted] == ["ALLOW"] * len(admitted)
        assert len(admitted) == LIMIT
        assert sum(r.status_code == 429 for r in responses) == REQUESTS - LIMIT
        # More than one worker admitted requests: the limit held across processes.
        assert len({r.json()["pid"] for r in admitted}) >= 2
        assert all("retry-after" in r.headers for r in responses if r.status_code == 429)


def test_waitress_body_replay_and_decisions(redis_url: str) -> None:
    env = {"TEST_ARCJET_KEY": f"wa-{uuid.uuid4().hex}", "TEST_LIMIT": "3", "ARCJET_STORAGE": patient_url(redis_url)}
    with serve(["waitress", "--listen=127.0.0.1:{port}", "tests.flask.server_app:app"], env) as base, \
            httpx.Client(base_url=base, timeout=20.0) as client:
        body = os.urandom(3 * 1024 * 1024)
        echoed = client.post("/echo", content=body, headers={"content-type": "application/octet-stream"})
        assert echoed.status_code == 200
        assert echoed.content == body
        assert client.post("/echo", content=os.urandom(5 * 1024 * 1024)).status_code == 413
        first = client.get("/")
        assert ["RATE_LIMIT", "ALLOW", "RUN"] in first.json()["results"]
        assert first.json()["ip"] == "127.0.0.1"
        assert [client.get("/").status_code for _ in range(2)] == [200, 429]
