"""ArcjetMiddleware: protect every request of a Starlette or FastAPI app.

    app.add_middleware(ArcjetMiddleware, client=aj, exclude=["/health", "/static"])

A pure ASGI middleware: it never wraps the response body, so streaming and
server-sent events are untouched, and contextvars set by the app survive.
It only buffers the request body when one of the client's rules reads it
(shield) and the request has one (Content-Length > 0, chunked, or an HTTP/2
stream), never more than ``client.body_limit`` bytes (a larger body is
answered with 413) nor for longer than ``client.body_timeout`` seconds (a
stalled upload is answered with 408 and its connection closed, without
calling the app), and replays the same bytes to the app. A client that
disconnects mid-body is released at once: there is no one left to answer.

Websockets are protected when they connect (``protect_websockets=True``, the
default): a denied handshake gets the deny response (403, 429, ...) where the
server supports the ASGI websocket denial-response extension (uvicorn does),
otherwise it is closed with code 1008 (policy violation) before it is accepted.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from typing import Any

from starlette.requests import Request

from arcjet_core import Arcjet, ArcjetError, ArcjetMisconfiguration, ArcjetSync, Decision, arcjet
from arcjet_core._body import announces_body
from arcjet_core.responses import (
    PathMatcher,
    client_fails_open,
    client_needs_body,
    deny_response,
    error_decision,
    payload_too_large,
    rate_limit_headers,
    request_timeout,
)
from arcjet_starlette._responses import OnDeny, call_on_deny, to_response
from arcjet_starlette.types import ASGIApp, Message, Receive, Scope, Send

POLICY_VIOLATION = 1008
# _read_body's answer when the client went away before its body was complete.
_DISCONNECTED = object()


class ArcjetMiddleware:
    def __init__(
        self,
        app: ASGIApp,
        *,
        client: Arcjet | None = None,
        exclude: Iterable[str] = (),
        protect_websockets: bool = True,
        on_deny: OnDeny | None = None,
        **client_args: Any,
    ) -> None:
        if client is None:
            if "key" not in client_args:
                raise ArcjetMisconfiguration("ArcjetMiddleware needs client=arcjet(...) or the client's key=..., rules=[...]")
            client = arcjet(**client_args)
        elif client_args:
            raise TypeError(f"ArcjetMiddleware: pass client= or client arguments, not both (got {sorted(client_args)})")
        if isinstance(client, ArcjetSync) or not isinstance(client, Arcjet):
            raise TypeError("ArcjetMiddleware needs the async client from arcjet(...), not arcjet_sync(...)")
        self.app = app
        self.client = client
        self.exclude = PathMatcher(exclude)
        self.protect_websockets = protect_websockets
        self.on_deny = on_deny
        self.needs_body = client_needs_body(client)
        self.body_limit = client.body_limit
        self.body_timeout = client.body_timeout
        self.fail_open = client_fails_open(client)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and not self.exclude(scope["path"]):
            await self._http(scope, receive, send)
        elif scope["type"] == "websocket" and self.protect_websockets and not self.exclude(scope["path"]):
            await self._websocket(scope, receive, send)
        else:
            await self.app(scope, receive, send)

    async def _protect(self, request: object) -> Decision:
        try:
            return await self.client.protect(request)
        except ArcjetMisconfiguration:
            raise
        except ArcjetError as exc:  # only with fail_open=False: deny_response turns it into a 503
            return error_decision(exc)

    async def _http(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope)
        sent = request.headers
        if self.needs_body and announces_body(sent.get("content-length"), sent.get("transfer-encoding"),
                                              str(scope.get("http_version", "1.1"))):
            try:
                # One deadline for the whole body, however it is dripped in.
                body = await asyncio.wait_for(self._read_body(sent.get("content-length"), receive), self.body_timeout)
            except asyncio.TimeoutError:
                response = to_response(request_timeout(sent.get("accept")))
                response.headers["connection"] = "close"  # the server drops the stalled connection
                await response(scope, receive, send)
                return
            if body is _DISCONNECTED:
                return
            if not isinstance(body, bytes):
                await to_response(payload_too_large(sent.get("accept")))(scope, receive, send)
                return
            request._body = body  # protect() reads the cached body; nothing reads `receive` twice
            receive = _replay({"type": "http.request", "body": body, "more_body": False}, receive)

        decision = await self._protect(request)
        scope.setdefault("state", {})["arcjet_decision"] = decision
        denied = deny_response(decision, accept=sent.get("accept"), fail_open=self.fail_open)
        if denied is not None:
            response = await call_on_deny(self.on_deny, request, decision) if self.on_deny else to_response(denied)
            await response(scope, receive, send)
            return
        headers = rate_limit_headers(decision)
        await self.app(scope, receive, _adding_headers(send, headers) if headers else send)

    async def _read_body(self, content_length: str | None, receive: Receive) -> bytes | object | None:
        """The whole body, None when it is larger than body_limit, or _DISCONNECTED."""
        if content_length is not None and content_length.strip().isdigit() and int(content_length) > self.body_limit:
            return None
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":  # http.disconnect: nothing left to protect
                return _DISCONNECTED
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.body_limit:
                return None
            chunks.append(chunk)
            more = message.get("more_body", False)
        return b"".join(chunks)

    async def _websocket(self, scope: Scope, receive: Receive, send: Send) -> None:
        connect = await receive()
        if connect["type"] != "websocket.connect":
            await self.app(scope, _replay(connect, receive), send)
            return
        decision = await self._protect(scope)
        scope.setdefault("state", {})["arcjet_decision"] = decision
        headers = dict((k.decode("latin-1").lower(), v.decode("latin-1")) for k, v in scope.get("headers", ()))
        denied = deny_response(decision, accept=headers.get("accept"), fail_open=self.fail_open)
        if denied is None:
            await self.app(scope, _replay(connect, receive), send)
        elif "websocket.http.response" in scope.get("extensions", {}):
            await to_response(denied)(scope, receive, send)
        else:
            await send({"type": "websocket.close", "code": POLICY_VIOLATION, "reason": denied.message})


def _replay(first: Message, receive: Receive) -> Receive:
    """A receive that gives ``first`` once, then defers to the server's receive."""
    pending: list[Message] = [first]

    async def replay() -> Message:
        if pending:
            return pending.pop()
        return await receive()

    return replay


def _adding_headers(send: Send, headers: list[tuple[str, str]]) -> Send:
    """Add rate-limit headers to the response start, unless the app set its own."""
    encoded = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers]
    names = {k for k, _ in encoded}

    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            existing = list(message.get("headers", ()))
            if not any(bytes(k).lower() in names for k, _ in existing):
                message = {**message, "headers": existing + encoded}
        await send(message)

    return wrapped
