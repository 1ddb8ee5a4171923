"""ArcjetMiddleware(decision_log=...) in a Starlette app."""

from __future__ import annotations

from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route
from starlette.testclient import TestClient

from arcjet_core import fixed_window
from arcjet_starlette import ArcjetMiddleware

from .helpers import BROWSER, lines


def test_middleware_arguments_turn_the_log_on(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"

    async def home(request: Request) -> Response:
        return PlainTextResponse("ok")

    app = Starlette(routes=[Route("/items", home)])
    app.add_middleware(ArcjetMiddleware, key="star-log", rules=[fixed_window(max=1, window=60)],
                       decision_log=str(path), log_ip="truncated")
    with TestClient(app, client=("2001:db8:5:6::7", 40000)) as http:
        codes = [http.get("/items?email=x@y.example", headers={"user-agent": BROWSER}).status_code
                 for _ in range(2)]
        middleware = http.app.middleware_stack  # type: ignore[attr-defined]
    while not isinstance(middleware, ArcjetMiddleware):
        middleware = middleware.app
    middleware.client.close()
    records = lines(path)
    assert codes == [200, 429]
    assert [(r["conclusion"], r["path"], r["ip"]) for r in records] == [
        ("ALLOW", "/items", "2001:db8:5::/48"), ("DENY", "/items", "2001:db8:5::/48")]
