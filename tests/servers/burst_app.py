"""A Redis-backed Starlette app for the burst test under a real uvicorn.

One rule, a fixed window of TEST_LIMIT on the client IP; the store as users
get it (default timeouts and pool), from ARCJET_STORAGE.
"""

from __future__ import annotations

import os

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from arcjet_core import arcjet, fixed_window
from arcjet_starlette import ArcjetMiddleware

aj = arcjet(
    key=os.environ["TEST_ARCJET_KEY"],
    rules=[fixed_window(max=int(os.environ["TEST_LIMIT"]), window=3600)],
    storage=os.environ["ARCJET_STORAGE"],
    environment="development",  # the loopback peer is the client
)


async def index(request: Request) -> PlainTextResponse:
    return PlainTextResponse(request.state.arcjet_decision.conclusion.value)


app = Starlette(routes=[Route("/", index)])
app.add_middleware(ArcjetMiddleware, client=aj)
