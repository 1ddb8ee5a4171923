"""A FastAPI app with the default client-IP configuration (no proxies, not
development) for the client-IP real-server test under uvicorn."""

from __future__ import annotations

import os

from fastapi import FastAPI, Request

from arcjet_core import arcjet, fixed_window
from arcjet_starlette import ArcjetMiddleware

aj = arcjet(key=os.environ["TEST_ARCJET_KEY"], rules=[fixed_window(max=3, window=60)])
app = FastAPI()
app.add_middleware(ArcjetMiddleware, client=aj)


@app.get("/")
async def index(request: Request) -> dict[str, object]:
    decision = request.state.arcjet_decision
    return {"conclusion": decision.conclusion.value, "ip": decision.ip_address}
