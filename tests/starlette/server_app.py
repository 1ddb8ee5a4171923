"""The FastAPI app the real-server test runs under uvicorn (configured by environment)."""

from __future__ import annotations

import hashlib
import os

from fastapi import FastAPI, Request
from fastapi.responses import Response

from arcjet_core import arcjet, fixed_window, shield
from arcjet_starlette import ArcjetMiddleware

aj = arcjet(
    key=os.environ["TEST_ARCJET_KEY"],
    rules=[shield(), fixed_window(max=int(os.environ.get("TEST_LIMIT", "5")), window=60)],
    storage=os.environ.get("ARCJET_STORAGE") or None,
    body_limit=4 * 1024 * 1024,
    body_timeout=float(os.environ.get("TEST_BODY_TIMEOUT", "5")),
    environment="development",
)
app = FastAPI()
app.add_middleware(ArcjetMiddleware, client=aj, exclude=["/health"])


@app.get("/")
async def index(request: Request) -> dict[str, object]:
    decision = request.state.arcjet_decision
    results = {r.kind: r.conclusion.value for r in decision.results}
    return {"conclusion": decision.conclusion.value, "results": results, "ip": decision.ip_address, "pid": os.getpid()}


@app.get("/health")
async def health() -> dict[str, str]:
    return {"status": "ok"}


@app.post("/echo")
async def echo(request: Request) -> Response:
    body = await request.body()
    return Response(body, headers={"x-sha256": hashlib.sha256(body).hexdigest()})
