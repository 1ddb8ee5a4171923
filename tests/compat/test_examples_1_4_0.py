"""Examples written for the reference SDK 1.4.0, run unchanged against ours.

``set_rate_limit_headers`` in a FastAPI route is the example from the
reference's own docstring for it (arcjet/_headers.py in the 1.4.0 wheel),
with the app around it. The Guard example (``guard_action``) lives with the
Guard tests in tests/core/guard/.
"""

from __future__ import annotations

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse
from fastapi.testclient import TestClient


def test_set_rate_limit_headers_in_a_fastapi_route() -> None:
    from arcjet import Mode, arcjet, set_rate_limit_headers, token_bucket

    aj = arcjet(
        key="ajkey_dummy",
        rules=[token_bucket(mode=Mode.LIVE, refill_rate=1, interval=3600, capacity=2)],
    )
    app = FastAPI()

    @app.get("/")
    async def index(request: Request, response: Response) -> object:
        decision = await aj.protect(request, requested=1)
        set_rate_limit_headers(response, decision)
        if decision.is_denied():
            return JSONResponse({"error": "Too many requests"}, status_code=429)
        return {"message": "Hello world"}

    with TestClient(app, client=("8.8.8.8", 4000)) as client:
        first, second, third = (client.get("/") for _ in range(3))
    assert first.status_code == 200 and first.json() == {"message": "Hello world"}
    assert first.headers["ratelimit"] == "limit=2, remaining=1, reset=3600"
    assert first.headers["ratelimit-policy"] == "2;w=3600"
    assert second.headers["ratelimit"].startswith("limit=2, remaining=0")
    assert third.status_code == 429 and third.json() == {"error": "Too many requests"}
