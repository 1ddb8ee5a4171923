"""Starlette and FastAPI behind ArcjetMiddleware (FastAPI: per-route rules through ArcjetDependency).

No `from __future__ import annotations`: FastAPI must see the route's
annotations, which name a dependency local to fastapi_app(). Forms are parsed
with the standard library: Starlette's parser needs python-multipart, which
this project does not depend on.
"""

import asyncio
from collections.abc import AsyncIterator
from email import message_from_bytes
from email.message import Message
from email.policy import HTTP
from typing import Annotated, Any
from urllib.parse import parse_qsl

import httpx
from fastapi import Depends, FastAPI
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp

from arcjet_core import Decision, arcjet
from arcjet_starlette import ArcjetDependency, ArcjetMiddleware, arcjet_denied_handler
from arcjet_starlette.dependency import ArcjetDenied
from tests.adapters.harness import (
    BROWSER_UA,
    CUSTOM_BODY,
    CUSTOM_STATUS,
    OWN_RATELIMIT,
    ROUTE_RULES,
    Reply,
    Setup,
    form_summary,
)


async def index(request: Request) -> Response:
    return PlainTextResponse("hello", headers={"x-view": "yes"})


async def decision(request: Request) -> Response:
    found = getattr(request.state, "arcjet_decision", None)
    return PlainTextResponse(found.conclusion.value if found is not None else "none")


async def own_headers(request: Request) -> Response:
    return PlainTextResponse("own", headers={"RateLimit": OWN_RATELIMIT})


async def echo(request: Request) -> Response:
    return Response(await request.body(), media_type="application/octet-stream")


async def echo_json(request: Request) -> Response:
    return JSONResponse(await request.json())


async def form(request: Request) -> Response:
    body = await request.body()
    content_type = request.headers.get("content-type", "")
    fields: dict[str, str] = {}
    files: dict[str, bytes] = {}
    if content_type.startswith("multipart/form-data"):
        parsed = message_from_bytes(f"content-type: {content_type}\r\n\r\n".encode() + body, policy=HTTP)
        for part in parsed.iter_parts():
            assert isinstance(part, Message)
            name = part.get_param("name", header="content-disposition")
            payload = part.get_payload(decode=True)
            assert isinstance(name, str) and isinstance(payload, bytes)
            if part.get_filename() is None:
                fields[name] = payload.decode()
            else:
                files[name] = payload
    else:
        fields = dict(parse_qsl(body.decode()))
    return JSONResponse(form_summary(fields, files))


ROUTES = [
    Route("/", index),
    Route("/decision", decision),
    Route("/own-headers", own_headers),
    Route("/open", decision),
    Route("/echo", echo, methods=["POST"]),
    Route("/json", echo_json, methods=["POST"]),
    Route("/form", form, methods=["POST"]),
]


async def on_deny(request: Request, decision: Decision) -> Response:
    return PlainTextResponse(CUSTOM_BODY, status_code=CUSTOM_STATUS)


def middleware(setup: Setup) -> Middleware:
    return Middleware(ArcjetMiddleware, client=arcjet(**setup.client_args()), exclude=["/open"],
                      on_deny=on_deny if setup.on_deny else None)


def starlette_app(setup: Setup) -> ASGIApp:
    return Starlette(routes=ROUTES, middleware=[middleware(setup)])


def fastapi_app(setup: Setup) -> ASGIApp:
    app = FastAPI(middleware=[middleware(setup)])
    app.add_exception_handler(ArcjetDenied, arcjet_denied_handler)
    route_args = {**setup.client_args(), "key": setup.key + "-route", "rules": list(ROUTE_RULES)}
    limited_guard = ArcjetDependency(arcjet(**route_args), on_deny=on_deny if setup.on_deny else None)

    # Returns content, not a Response: FastAPI adds the dependency's headers only then.
    @app.get("/limited", response_class=PlainTextResponse)
    async def limited(decision: Annotated[Decision, Depends(limited_guard)]) -> str:
        return decision.conclusion.value

    for route in ROUTES:
        app.router.routes.append(route)
    return app


class StarletteHarness:
    features = frozenset({"stall"})

    def __init__(self, name: str = "starlette") -> None:
        self.name = name
        self.client: httpx.AsyncClient | None = None

    def make(self, setup: Setup) -> ASGIApp:
        return starlette_app(setup)

    def build(self, setup: Setup) -> None:
        transport = httpx.ASGITransport(app=self.make(setup), client=("127.0.0.1", 40000))
        self.client = httpx.AsyncClient(transport=transport, base_url="http://testserver",
                                        headers={"user-agent": BROWSER_UA})

    async def send(self, method: str, path: str, *, headers: dict[str, str] | None = None,
                   content: bytes | None = None, data: dict[str, str] | None = None,
                   files: dict[str, tuple[str, bytes, str]] | None = None, json_body: Any = None) -> Reply:
        assert self.client is not None
        response = await self.client.request(method, path, headers=headers, content=content, data=data,
                                             files=files, json=json_body)
        return Reply(response.status_code, list(response.headers.multi_items()), response.content)

    async def stalled(self, sent: bytes, announced: int) -> Reply:
        async def stalling() -> AsyncIterator[bytes]:
            yield sent
            await asyncio.sleep(30)  # never finishes: the middleware's body_timeout must cut it

        assert self.client is not None
        response = await self.client.post("/echo", content=stalling(),
                                          headers={"content-length": str(announced)})
        return Reply(response.status_code, list(response.headers.multi_items()), response.content)

    async def close(self) -> None:
        if self.client is not None:
            await self.client.aclose()


class FastAPIHarness(StarletteHarness):
    features = frozenset({"stall", "route_rules"})

    def __init__(self) -> None:
        super().__init__("fastapi")

    def make(self, setup: Setup) -> ASGIApp:
        return fastapi_app(setup)
