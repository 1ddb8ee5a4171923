"""Finding 5 of issue #14 under real preforking servers: uWSGI with the app
loaded in the master (its workers are forked from C, so no Python at-fork
hook runs) and gunicorn --preload. The app (fork_app.py) calls protect() in
the master with Redis storage and shield before the workers exist.

Before: uWSGI workers never got an epoch ticker, so a runaway analyzer call
was never cut; and all workers shared the master's Redis socket and read each
other's replies. Now each worker finds its new pid on use: its own analyzer
instance and ticker, its own Redis connections."""

from __future__ import annotations

import random
import uuid
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from tests.fixtures.redis_server import patient_url
from tests.starlette.real_server import serve

pytestmark = [pytest.mark.slow, pytest.mark.redis]

REQUESTS = 400
CAP = 1_000_000  # fork_app.CAP (not imported: importing the app needs its environment)

SERVERS: dict[str, list[str]] = {
    # --master, --processes 2, no --lazy-apps: the app is loaded in the master.
    "uwsgi": ["tests.servers.run_uwsgi", "--master", "--processes", "2", "--http-socket", "127.0.0.1:{port}",
              "--wsgi-file", "tests/servers/fork_app.py", "--callable", "app", "--disable-logging",
              "--die-on-term", "--need-app"],
    "gunicorn --preload": ["gunicorn", "--preload", "--workers", "2", "--bind", "127.0.0.1:{port}",
                           "--log-level", "warning", "tests.servers.fork_app:app"],
}


def get_all(base: str, paths: Sequence[str], concurrency: int = 16) -> list[dict[str, object]]:
    # One client (building one costs an SSL context); a hung worker fails the
    # test by the timeout instead of hanging the run.
    with httpx.Client(base_url=base, timeout=10.0) as client:

        def one(path: str) -> dict[str, object]:
            response = client.get(path, headers={"connection": "close"})
            response.raise_for_status()
            body: dict[str, object] = response.json()
            return body

        with ThreadPoolExecutor(max_workers=concurrency) as pool:
            return list(pool.map(one, paths))


@pytest.mark.parametrize("server", list(SERVERS))
def test_workers_forked_from_a_protecting_master_are_independent(redis_url: str, server: str) -> None:
    env = {"TEST_ARCJET_KEY": f"fork-{uuid.uuid4().hex}", "ARCJET_STORAGE": patient_url(redis_url)}
    with serve(SERVERS[server], env) as base:
        # (a) A runaway analyzer call in a worker is cut by that worker's own
        # ticker within its 2-tick deadline (100-200 ms), in every worker.
        spins = get_all(base, ["/spin"] * 8, concurrency=4)
        assert all(s["trapped"] for s in spins), spins
        assert max(float(s["seconds"]) for s in spins) < 1.0, spins  # type: ignore[arg-type]
        assert all(s["pid"] != s["master"] for s in spins)

        # (b) Many requests across workers: every reply is the request's own.
        rng = random.Random(5)
        wanted = {f"k{i}-{uuid.uuid4().hex[:8]}": rng.randint(1, 5000) for i in range(REQUESTS)}
        answers = get_all(base, [f"/limit?key={k}&n={n}" for k, n in wanted.items()])
        wrong = [(k, n, a["remaining"]) for (k, n), a in zip(wanted.items(), answers, strict=True)
                 if a["remaining"] != [CAP - n, CAP - 2 * n]]
        assert wrong == [], f"{len(wrong)} of {REQUESTS} requests read another request's reply: {wrong[:5]}"
        assert len({a["pid"] for a in answers}) == 2  # both workers served
