"""Prometheus metrics, scraped from a real Starlette app (skipped only without prometheus_client)."""

from __future__ import annotations

import re

import pytest

prometheus_client = pytest.importorskip("prometheus_client")

from starlette.applications import Starlette  # noqa: E402
from starlette.requests import Request  # noqa: E402
from starlette.responses import PlainTextResponse, Response  # noqa: E402
from starlette.routing import Route  # noqa: E402
from starlette.testclient import TestClient  # noqa: E402

from arcjet_core import arcjet, arcjet_sync, fixed_window, shield  # noqa: E402
from arcjet_core.errors import ArcjetMisconfiguration  # noqa: E402
from arcjet_core.metrics import metrics_from  # noqa: E402
from arcjet_starlette import ArcjetMiddleware  # noqa: E402


def sample(text: str, name: str, **labels: str) -> float:
    for line in text.splitlines():
        if not line.startswith(name + "{") and not line.startswith(name + " "):
            continue
        found = dict(re.findall(r'(\w+)="([^"]*)"', line.partition(" ")[0]))
        if all(found.get(k) == v for k, v in labels.items()):
            return float(line.rsplit(" ", 1)[1])
    raise AssertionError(f"{name} {labels} not in the scrape")


def test_metrics_scraped_from_a_real_app() -> None:
    registry = prometheus_client.CollectorRegistry()
    client = arcjet(key="metrics", rules=[shield(mode="DRY_RUN"), fixed_window(max=3, window=60)], metrics=registry)

    async def home(request: Request) -> Response:
        return PlainTextResponse("ok")

    async def metrics(request: Request) -> Response:
        return Response(prometheus_client.generate_latest(registry), media_type=prometheus_client.CONTENT_TYPE_LATEST)

    app = Starlette(routes=[Route("/", home), Route("/metrics", metrics)])
    app.add_middleware(ArcjetMiddleware, client=client, exclude=["/metrics"])
    with TestClient(app, client=("203.0.113.5", 40000)) as http:
        codes = [http.get("/").status_code for _ in range(5)]
        scrape = http.get("/metrics").text
    assert codes == [200, 200, 200, 429, 429]
    assert sample(scrape, "arcjet_decisions_total", conclusion="ALLOW", reason="RATE_LIMIT") == 3
    assert sample(scrape, "arcjet_decisions_total", conclusion="DENY", reason="RATE_LIMIT") == 2
    assert sample(scrape, "arcjet_rule_results_total", kind="SHIELD", mode="DRY_RUN", conclusion="ALLOW") == 5
    assert sample(scrape, "arcjet_rule_results_total", kind="RATE_LIMIT", mode="LIVE", conclusion="DENY") == 2
    assert sample(scrape, "arcjet_protect_duration_seconds_count") == 5
    assert 0 < sample(scrape, "arcjet_protect_duration_seconds_sum") < 5
    assert sample(scrape, "arcjet_storage_errors_total") == 0
    assert sample(scrape, "arcjet_decision_log_dropped_total") == 0


def test_storage_errors_and_log_drops_are_counted() -> None:
    import socket
    import threading

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    registry = prometheus_client.CollectorRegistry()
    release = threading.Event()
    aj = arcjet_sync(key="faults", rules=[fixed_window(max=3, window=60)], metrics=registry,
                     storage=f"redis://127.0.0.1:{port}/0", decision_log=lambda r: release.wait(10))
    assert aj._observer is not None and aj._observer.log is not None
    aj._observer.log._max = 2  # a tiny buffer: the stalled writer makes it overflow
    for _ in range(10):
        aj.protect({"ip": "8.8.8.8", "method": "GET", "path": "/", "headers": {"user-agent": "curl/8"}})
    dropped = aj._observer.log.dropped
    release.set()
    aj.close()
    scrape = prometheus_client.generate_latest(registry).decode()
    assert sample(scrape, "arcjet_storage_errors_total") == 10
    assert dropped >= 7 and sample(scrape, "arcjet_decision_log_dropped_total") == dropped


def test_clients_sharing_a_registry_share_the_metrics() -> None:
    registry = prometheus_client.CollectorRegistry()
    assert metrics_from(registry) is metrics_from(registry)
    a = arcjet_sync(key="a", rules=[shield()], metrics=registry)
    b = arcjet_sync(key="b", rules=[shield()], metrics=registry)
    for aj in (a, b):
        aj.protect({"ip": "8.8.8.8", "method": "GET", "path": "/", "headers": {"user-agent": "curl/8"}})
    scrape = prometheus_client.generate_latest(registry).decode()
    assert sample(scrape, "arcjet_decisions_total", conclusion="ALLOW") == 2


def test_metrics_off_by_default_and_bad_values_refused() -> None:
    assert arcjet_sync(key="off", rules=[shield()])._observer is None
    with pytest.raises(ArcjetMisconfiguration, match="metrics"):
        arcjet_sync(key="bad", rules=[shield()], metrics="yes")
