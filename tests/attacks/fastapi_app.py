"""The FastAPI app of the finding-1 attack test, run by uvicorn.

Shield inspecting bodies up to the largest max_body_bytes it accepts (4 MiB)
plus a fixed window of 3 per client IP, on memory storage, behind a trusted
local proxy (127.0.0.1).
"""

from __future__ import annotations

import os

from fastapi import FastAPI, Request

from arcjet_core import arcjet, fixed_window, shield
from arcjet_starlette import ArcjetMiddleware
from tests.attacks.load import SHIELD_BODY_BYTES as BODY_BYTES

aj = arcjet(
    key=os.environ.get("TEST_ARCJET_KEY", "attack-fastapi"),
    rules=[shield(max_body_bytes=BODY_BYTES), fixed_window(max=3, window=60)],
    proxies=["127.0.0.1"],
    body_limit=2 * BODY_BYTES,
)
app = FastAPI()
app.add_middleware(ArcjetMiddleware, client=aj)  # type: ignore[arg-type]  # Starlette's factory protocol


def _decision(request: Request) -> dict[str, object]:
    decision = request.state.arcjet_decision
    return {"conclusion": decision.conclusion.value,
            "results": [[r.kind, r.conclusion.value, getattr(r.reason_v2, "message", "")] for r in decision.results]}


@app.get("/")
async def index(request: Request) -> dict[str, object]:
    return _decision(request)


@app.post("/submit")
async def submit(request: Request) -> dict[str, object]:
    await request.body()
    return _decision(request)
