"""ArcjetMiddleware: protect every request of a Starlette or FastAPI app.

    app.add_middleware(ArcjetMiddleware, client=aj, exclude=["/health", "/static"])

A pure ASGI middleware: it never wraps the response body, so streaming and
server-sent events are untouched, and contextvars set by the app survive.
It only buffers the request body when one of the client's rules reads it
(shield) and the request has one (Content-Length > 0, chunked, or an HTTP/2
stream), never more than ``client.body_limit`` bytes (a larger body is
answered with 413) nor for longer than ``client.body_timeout`` seconds (a
stalled upload is answered with 408 and its connection closed, without
calling the app), and replays the same bytes to the app through its
``receive``. A client that disconnects mid-body is released at once: there
is no one left to answer.

Websockets are protected when they connect (``protect_websockets=True``, the
default): a denied handshake gets the deny response (403, 429, ...) where the
server supports the ASGI websocket denial-response extension (uvicorn does),
otherwise it is closed with code 1008 (policy violation) before it is accepted.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterable, Sequence
from typing import Any

from starlette.requests import HTTPConnection, Request

from arcjet_core import Arcjet, ArcjetMisconfiguration, ArcjetSync, RuleSpec, arcjet
from arcjet_core._body import BufferedReceive, announces_body
from arcjet_core.adapter import HeaderPairs, Outcome, RequestGuard
from arcjet_core.ratelimit import Storage
from arcjet_core.responses import PathMatcher, payload_too_large, request_timeout
from arcjet_starlette._responses import OnDeny, accept_of, check_response, to_response, with_headers
from arcjet_starlette.types import ASGIApp, Message, Receive, Scope, Send

POLICY_VIOLATION = 1008
# _read_body's answer when the client went away before its body was complete.
_DISCONNECTED = object()
# ASGI names of the headers an Outcome carries (ASGI header names are lower-case bytes).
_ASGI_NAMES = {"RateLimit": b"ratelimit", "RateLimit-Policy": b"ratelimit-policy", "Retry-After": b"retry-after"}


class ArcjetMiddleware:
    """``client=arcjet(...)``, or the client's own arguments (``key=..., rules=[...]``).

    Every client argument is spelled out, rather than taken as ``**kwargs``,
    so ``app.add_middleware(ArcjetMiddleware, ...)`` type-checks against
    Starlette's middleware factory protocol; ``None`` means the client's default.
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        client: Arcjet | None = None,
        exclude: Iterable[str] = (),
        protect_websockets: bool = True,
        on_deny: OnDeny | None = None,
        key: str | None = None,
        rules: Sequence[RuleSpec] | None = None,
        characteristics: Sequence[str] | None = None,
        base_url: str | None = None,
        timeout_ms: int | None = None,
        stack: str | None = None,
        sdk_version: str | None = None,
        proxies: Sequence[str] | None = None,
        proxy_headers: Sequence[str] | None = None,
        environment: str | None = None,
        fail_open: bool | None = None,
        storage: Storage | str | None = None,
        disable_automatic_ip_detection: bool | None = None,
        platform: str | None = None,
        body_limit: int | None = None,
        body_timeout: float | None = None,
        deny_cache_size: int | None = None,
        ipv6_prefix: int | None = None,
        dns_servers: Sequence[str] | None = None,
        dns_timeout: float | None = None,
        ip_database: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | None = None,
        decision_log: object = None,
        log_ip: str | None = None,
        metrics: object = None,
        tracing: bool | None = None,
    ) -> None:
        given: dict[str, Any] = {name: value for name, value in (
            ("key", key), ("rules", rules), ("characteristics", characteristics), ("base_url", base_url),
            ("timeout_ms", timeout_ms), ("stack", stack), ("sdk_version", sdk_version), ("proxies", proxies),
            ("proxy_headers", proxy_headers), ("environment", environment), ("fail_open", fail_open),
            ("storage", storage), ("disable_automatic_ip_detection", disable_automatic_ip_detection),
            ("platform", platform), ("body_limit", body_limit), ("body_timeout", body_timeout),
            ("deny_cache_size", deny_cache_size), ("ipv6_prefix", ipv6_prefix), ("dns_servers", dns_servers),
            ("dns_timeout", dns_timeout), ("ip_database", ip_database),
            ("decision_log", decision_log), ("log_ip", log_ip), ("metrics", metrics), ("tracing", tracing),
        ) if value is not None}  # fmt: skip
        if client is None:
            if key is None:
                raise ArcjetMisconfiguration("ArcjetMiddleware needs client=arcjet(...) or the client's key=..., rules=[...]")
            client = arcjet(**given)
        elif given:
            raise TypeError(f"ArcjetMiddleware: pass client= or client arguments, not both (got {sorted(given)})")
        if isinstance(client, ArcjetSync) or not isinstance(client, Arcjet):
            raise TypeError("ArcjetMiddleware needs the async client from arcjet(...), not arcjet_sync(...)")
        self.app = app
        self.client = client
        self.exclude = PathMatcher(exclude)
        self._exclude = self.exclude if self.exclude else None  # most apps exclude nothing: no call then
        self.protect_websockets = protect_websockets
        self.guard = RequestGuard(client, accept=accept_of, on_deny=on_deny)
        self.body_limit = client.body_limit
        self.body_timeout = client.body_timeout

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        kind = scope["type"]
        protected = kind == "http" or (kind == "websocket" and self.protect_websockets)
        if not protected or (self._exclude is not None and self._exclude(scope["path"])):
            await self.app(scope, receive, send)
        elif kind == "http":
            await self._http(scope, receive, send)
        else:
            await self._websocket(scope, receive, send)

    async def _http(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.guard.needs_body:
            buffered = await self._buffer(scope, receive, send)
            if buffered is None:
                return  # answered (408, 413) or the client left
            request, receive = buffered
        else:
            request = Request(scope)
        outcome = await self.guard.guard_async(request)
        scope.setdefault("state", {})["arcjet_decision"] = outcome.decision
        if outcome.denied is not None:
            await _denial(outcome, scope, receive, send)
            return
        headers = outcome.headers
        await self.app(scope, receive, _adding_headers(send, headers) if headers else send)

    async def _buffer(self, scope: Scope, receive: Receive, send: Send) -> tuple[Request, Receive] | None:
        """The request for protect() and the app's receive, with the body read
        once and replayed to both; None when the request was answered here."""
        request = Request(scope)
        length, encoding = _framing(scope)
        if not announces_body(length, encoding, str(scope.get("http_version", "1.1"))):
            return request, receive
        sent = request.headers
        try:
            # One deadline for the whole body, however it is dripped in.
            body = await asyncio.wait_for(self._read_body(length, receive), self.body_timeout)
        except asyncio.TimeoutError:
            response = to_response(request_timeout(sent.get("accept")))
            response.headers["connection"] = "close"  # the server drops the stalled connection
            await response(scope, receive, send)
            return None
        if body is _DISCONNECTED:
            return None
        if not isinstance(body, bytes):
            await to_response(payload_too_large(sent.get("accept")))(scope, receive, send)
            return None
        # protect() reads the body through its request's receive, the app
        # through its own: each is given the same bytes once. A
        # BufferedReceive tells protect() the body is whole and bounded.
        return Request(scope, BufferedReceive(body, receive)), BufferedReceive(body, receive)

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
            await self.app(scope, _replay_message(connect, receive), send)
            return
        # The scope itself: a handshake has no body to read, whatever the rules.
        decision = await self.guard.protect_async(scope)
        scope.setdefault("state", {})["arcjet_decision"] = decision
        outcome = self.guard.outcome(HTTPConnection(scope), decision)
        if outcome.denied is None:
            await self.app(scope, _replay_message(connect, receive), send)
        elif "websocket.http.response" in scope.get("extensions", {}):
            await with_headers(to_response(outcome.denied), outcome.headers)(scope, receive, send)
        else:
            await send({"type": "websocket.close", "code": POLICY_VIOLATION, "reason": outcome.denied.message})


def _framing(scope: Scope) -> tuple[str | None, str | None]:
    """The first Content-Length and Transfer-Encoding of the scope's raw
    headers (ASGI names are lower-case bytes). Most requests carry neither:
    Starlette's Headers.get finds that out by decoding every name and
    raising a KeyError for each, a few µs of every GET."""
    length = encoding = None
    for name, value in scope.get("headers") or ():
        if name == b"content-length":
            if length is None:
                length = value.decode("latin-1")
        elif name == b"transfer-encoding" and encoding is None:
            encoding = value.decode("latin-1")
    return length, encoding


async def _denial(outcome: Outcome, scope: Scope, receive: Receive, send: Send) -> None:
    assert outcome.denied is not None
    if outcome.replacement is not None:
        response = check_response(outcome.replacement)
    else:
        response = to_response(outcome.denied)
        if outcome.timed_out:
            response.headers["connection"] = "close"  # the server drops the stalled connection
    await with_headers(response, outcome.headers)(scope, receive, send)


def _replay_message(first: Message, receive: Receive) -> Receive:
    """A receive that gives ``first`` once, then defers to the server's receive."""
    pending: list[Message] = [first]

    async def replay() -> Message:
        if pending:
            return pending.pop()
        return await receive()

    return replay


def _adding_headers(send: Send, headers: HeaderPairs) -> Send:
    """Add rate-limit headers to the response start, unless the app set its own."""

    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            existing = message.get("headers") or ()
            for name, _ in existing:
                if name.lower() == b"ratelimit":
                    break
            else:
                message["headers"] = [*existing, *[(_ASGI_NAMES.get(k) or k.lower().encode("latin-1"),
                                                     v.encode("latin-1")) for k, v in headers]]
        await send(message)

    return wrapped
