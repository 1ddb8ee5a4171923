"""Which requests the middleware reads a body from, called as the ASGI app it
is: HTTP/1.1 frames a body with Content-Length or chunked encoding, HTTP/2
and 3 with END_STREAM (so a request there may carry one without a length)."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from starlette.responses import PlainTextResponse

from arcjet_core import arcjet, shield
from arcjet_starlette import ArcjetMiddleware

UA = b"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"
ATTACK = b"q=1' OR '1'='1' -- &x=<script>alert(1)</script>"


async def _call(http_version: str, headers: list[tuple[bytes, bytes]], messages: list[dict[str, Any]],
                method: str = "POST") -> tuple[int | None, int, bool]:
    """(status or None when nothing was sent, receive() calls, whether the app
    ran). Past ``messages`` the client stalls, as a slowloris does."""
    calls = 0
    ran = False

    async def receive() -> dict[str, Any]:
        nonlocal calls
        calls += 1
        if messages:
            return messages.pop(0)
        await asyncio.sleep(3600)
        raise AssertionError("unreachable")

    async def app(scope: Any, receive: Any, send: Any) -> None:
        nonlocal ran
        ran = True
        await PlainTextResponse("ok")(scope, receive, send)

    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    middleware = ArcjetMiddleware(app, client=arcjet(key="br", rules=[shield()], body_timeout=0.3,
                                                     environment="development"))
    scope = {"type": "http", "http_version": http_version, "method": method, "path": "/", "raw_path": b"/",
             "query_string": b"", "headers": [(b"user-agent", UA), *headers], "client": ("127.0.0.1", 5000),
             "server": ("127.0.0.1", 80), "scheme": "http"}
    await middleware(scope, receive, send)
    return (sent[0]["status"] if sent else None), calls, ran


def test_http1_get_without_a_body_is_never_read() -> None:
    started = time.monotonic()
    status, calls, ran = asyncio.run(_call("1.1", [], [], method="GET"))
    assert (status, ran) == (200, True)
    assert calls == 0 and time.monotonic() - started < 0.3  # no receive(), no wait


def test_http2_stream_without_a_length_is_read_and_inspected() -> None:
    messages = [{"type": "http.request", "body": ATTACK[:10], "more_body": True},
                {"type": "http.request", "body": ATTACK[10:], "more_body": False}]
    status, calls, ran = asyncio.run(_call("2", [(b"content-type", b"application/x-www-form-urlencoded")], messages))
    assert (status, calls, ran) == (403, 2, False)  # shield saw the body: denied


def test_http2_stream_that_stalls_gets_408() -> None:
    started = time.monotonic()
    status, _, ran = asyncio.run(_call("2", [], [{"type": "http.request", "body": b"a", "more_body": True}]))
    assert (status, ran) == (408, False)
    assert time.monotonic() - started < 1.0


def test_client_that_disconnects_mid_body_is_released_without_running_the_app() -> None:
    messages = [{"type": "http.request", "body": b"a", "more_body": True}, {"type": "http.disconnect"}]
    assert asyncio.run(_call("1.1", [(b"content-length", b"100")], messages)) == (None, 2, False)
