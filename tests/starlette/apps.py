"""Small ASGI apps the Starlette tests drive through ArcjetMiddleware."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route, WebSocketRoute
from starlette.websockets import WebSocket

from arcjet_starlette import ArcjetMiddleware


def decision_summary(request: Request) -> dict[str, Any]:
    decision = getattr(request.state, "arcjet_decision", None)
    if decision is None:
        return {"decision": None}
    return {
        "decision": decision.id,
        "conclusion": decision.conclusion.value,
        "reason": decision.reason_v2.type,
        "ip": decision.ip_address,
        "results": [[r.kind, r.conclusion.value, r.state.value] for r in decision.results],
    }


async def index(request: Request) -> JSONResponse:
    return JSONResponse(decision_summary(request))


async def echo(request: Request) -> Response:
    body = await request.body()
    return Response(body, media_type="application/octet-stream",
                    headers={"x-sha256": hashlib.sha256(body).hexdigest(), "x-length": str(len(body))})


async def echo_stream(request: Request) -> Response:
    # Read the body the way streaming handlers do: chunk by chunk from receive().
    digest = hashlib.sha256()
    size = 0
    async for chunk in request.stream():
        digest.update(chunk)
        size += len(chunk)
    return PlainTextResponse(f"{size} {digest.hexdigest()}")


async def health(request: Request) -> JSONResponse:
    return JSONResponse(decision_summary(request))


async def stream(request: Request) -> StreamingResponse:
    async def chunks() -> AsyncIterator[bytes]:
        for i in range(5):
            yield f"chunk-{i}\n".encode()

    return StreamingResponse(chunks(), media_type="text/plain")


async def own_headers(request: Request) -> Response:
    return PlainTextResponse("own", headers={"RateLimit": "limit=1, remaining=1, reset=1"})


async def ws(websocket: WebSocket) -> None:
    await websocket.accept()
    decision = getattr(websocket.state, "arcjet_decision", None)
    await websocket.send_text("hello " + (decision.conclusion.value if decision else "unprotected"))
    await websocket.close()


ROUTES = [
    Route("/", index),
    Route("/echo", echo, methods=["POST", "PUT"]),
    Route("/echo-stream", echo_stream, methods=["POST"]),
    Route("/health", health),
    Route("/health/live", health),
    Route("/static/app.css", health),
    Route("/stream", stream),
    Route("/own-headers", own_headers),
    WebSocketRoute("/ws", ws),
]


def make_app(**middleware_args: Any) -> Starlette:
    return Starlette(routes=ROUTES, middleware=[Middleware(ArcjetMiddleware, **middleware_args)])
