"""Body reading under attack (issue 14, findings 6 and 10): only when there is
a body, within body_timeout, never raising, and replayed byte for byte.

WSGI streams here are real sockets (a socketpair's reading end, as a server's
``wsgi.input`` is), so a stall is a real blocked recv."""

from __future__ import annotations

import asyncio
import math
import os
import socket
import threading
import time
from typing import Any

import pytest

from arcjet_core import ArcjetError, ArcjetMisconfiguration, Conclusion, arcjet, arcjet_sync, shield
from arcjet_core._body import BODY_TIMEOUT_MESSAGE, announces_body
from arcjet_core.responses import body_timed_out, deny_response

TIMEOUT = 0.3
UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"


def environ(stream: Any, method: str = "POST", length: int | None = None, chunked: bool = False) -> dict[str, Any]:
    env: dict[str, Any] = {
        "REQUEST_METHOD": method, "PATH_INFO": "/upload", "QUERY_STRING": "", "SERVER_NAME": "t",
        "REMOTE_ADDR": "203.0.113.7", "wsgi.url_scheme": "http", "wsgi.input": stream, "HTTP_USER_AGENT": UA,
        "CONTENT_TYPE": "text/plain",
    }
    if length is not None:
        env["CONTENT_LENGTH"] = str(length)
    if chunked:
        env["HTTP_TRANSFER_ENCODING"] = "chunked"
        env["wsgi.input_terminated"] = True
    return env


def shield_result(decision: Any) -> Any:
    return next(r for r in decision.results if r.kind == "SHIELD")


@pytest.mark.parametrize(("length", "te", "version", "expected"), [
    (None, None, "1.1", False),  # a GET: nothing framed, nothing to wait for
    ("0", None, "1.1", False),
    ("12", None, "1.1", True),
    ("junk", None, "1.1", False),
    (None, "chunked", "1.1", True),
    (None, "gzip, Chunked", "1.1", True),
    (None, None, "2", True),  # HTTP/2: DATA frames may follow without a length
    ("0", None, "2", False),
])
def test_only_a_framed_body_is_read(length: str | None, te: str | None, version: str, expected: bool) -> None:
    assert announces_body(length, te, version) is expected


def test_stalled_wsgi_upload_is_an_error_within_body_timeout_and_replayed_exactly(pipe: Any) -> None:
    client, reader = pipe
    aj = arcjet_sync(key="t", rules=[shield()], body_timeout=TIMEOUT)
    env = environ(reader, length=100)
    client.sendall(b"a" * 10)  # then the client stalls
    started = time.monotonic()
    decision = aj.protect(env)
    elapsed = time.monotonic() - started
    assert TIMEOUT <= elapsed < TIMEOUT + 0.5
    result = shield_result(decision)
    assert result.conclusion is Conclusion.ERROR and BODY_TIMEOUT_MESSAGE in result.reason_v2.message
    assert decision.conclusion is Conclusion.ERROR
    assert body_timed_out(decision)
    denied = deny_response(decision)  # what every adapter sends: 408, even failing open
    assert denied is not None and denied.status == 408
    # A direct protect() caller that goes on anyway reads every byte, in order.
    client.sendall(b"b" * 90)
    assert env["wsgi.input"].read(100) == b"a" * 10 + b"b" * 90  # a server's stream ends at Content-Length


def test_truncated_wsgi_body_is_an_error_not_an_exception(pipe: Any) -> None:
    client, reader = pipe
    aj = arcjet_sync(key="t", rules=[shield()], body_timeout=5.0)
    env = environ(reader, length=100)
    client.sendall(b"q=1&x=2")
    client.shutdown(socket.SHUT_WR)  # the client goes away mid-body
    started = time.monotonic()
    decision = aj.protect(env)
    assert time.monotonic() - started < 1.0
    result = shield_result(decision)
    assert result.conclusion is Conclusion.ERROR
    assert "could not be read" in result.reason_v2.message and "7 of 100" in result.reason_v2.message
    assert not body_timed_out(decision) and deny_response(decision) is None  # fails open, no 408
    assert env["wsgi.input"].read() == b"q=1&x=2"


class BrokenStream:
    """A server stream that fails as gunicorn's does on a truncated chunked
    body (NoMoreData is an IOError), after handing out ``head``."""

    def __init__(self, error: BaseException, head: bytes) -> None:
        self.error = error
        self.head = head

    def read(self, size: int = -1) -> bytes:
        if self.head:
            head, self.head = self.head, b""
            return head
        raise self.error


@pytest.mark.parametrize("head", [b"", b"head="])
@pytest.mark.parametrize("error", [OSError("No more data"), ValueError("bad chunk size"),
                                   ConnectionResetError(104, "reset")])
def test_any_stream_failure_is_an_error_result(error: BaseException, head: bytes) -> None:
    aj = arcjet_sync(key="t", rules=[shield()])
    env = environ(BrokenStream(error, head), chunked=True)
    decision = aj.protect(env)
    result = shield_result(decision)
    assert result.conclusion is Conclusion.ERROR and type(error).__name__ in result.reason_v2.message
    # The app reads what was read, then meets the stream's own failure, as it would have.
    replay = env["wsgi.input"]
    assert replay.read(len(head)) == head
    with pytest.raises(type(error)):
        replay.read(1)


def test_get_without_a_body_never_reads(pipe: Any) -> None:
    _client, reader = pipe
    aj = arcjet_sync(key="t", rules=[shield()], body_timeout=5.0)
    env = environ(reader, method="GET")
    started = time.monotonic()
    decision = aj.protect(env)
    assert time.monotonic() - started < 0.2  # never waited on the silent socket
    assert shield_result(decision).conclusion is Conclusion.ALLOW
    assert env["wsgi.input"] is reader  # untouched


def test_body_that_arrives_slowly_but_in_time_is_inspected(pipe: Any) -> None:
    client, reader = pipe
    aj = arcjet_sync(key="t", rules=[shield()], body_timeout=2.0)
    payload = b"q=1' OR '1'='1' -- &x=<script>alert(1)</script>"
    env = environ(reader, length=len(payload))
    env["CONTENT_TYPE"] = "application/x-www-form-urlencoded"

    def drip() -> None:
        for i in range(0, len(payload), 10):
            client.sendall(payload[i:i + 10])
            time.sleep(0.02)

    sender = threading.Thread(target=drip)
    sender.start()
    decision = aj.protect(env)
    sender.join()
    assert shield_result(decision).conclusion is Conclusion.DENY
    assert env["wsgi.input"].read(len(payload)) == payload


def test_fail_closed_client_raises_and_the_adapters_answer_408(pipe: Any) -> None:
    from arcjet_core.responses import error_decision

    _client, reader = pipe
    aj = arcjet_sync(key="t", rules=[shield()], body_timeout=TIMEOUT, fail_open=False)
    with pytest.raises(ArcjetError) as raised:
        aj.protect(environ(reader, length=10))
    denied = deny_response(error_decision(raised.value), fail_open=False)
    assert denied is not None and denied.status == 408


def test_reader_threads_are_reused(pipe: Any) -> None:
    aj = arcjet_sync(key="t", rules=[shield()])
    _client, reader = pipe
    aj.protect(environ(reader, length=0))
    before = threading.active_count()
    for _ in range(50):
        a, b = socket.socketpair()
        with a, b, b.makefile("rb") as stream:
            a.sendall(b"x=1")
            assert shield_result(aj.protect(environ(stream, length=3))).conclusion is Conclusion.ALLOW
    assert threading.active_count() <= before + 2


def test_stalled_starlette_request_is_an_error_within_body_timeout() -> None:
    from starlette.requests import Request

    never = asyncio.Event()

    async def receive() -> dict[str, Any]:
        await never.wait()
        return {"type": "http.disconnect"}

    scope = {"type": "http", "method": "POST", "path": "/", "query_string": b"", "http_version": "1.1",
             "headers": [(b"content-length", b"100"), (b"user-agent", UA.encode())], "client": ("203.0.113.7", 1)}

    async def run() -> Any:
        aj = arcjet(key="t", rules=[shield()], body_timeout=TIMEOUT)
        return await aj.protect(Request(scope, receive))

    started = time.monotonic()
    decision = asyncio.run(run())
    assert time.monotonic() - started < TIMEOUT + 0.5
    assert BODY_TIMEOUT_MESSAGE in shield_result(decision).reason_v2.message
    assert body_timed_out(decision)


def test_disconnected_starlette_request_is_an_error() -> None:
    from starlette.requests import Request

    messages = [{"type": "http.request", "body": b"abc", "more_body": True}, {"type": "http.disconnect"}]

    async def receive() -> dict[str, Any]:
        return messages.pop(0)

    scope = {"type": "http", "method": "POST", "path": "/", "query_string": b"",
             "headers": [(b"content-length", b"100"), (b"user-agent", UA.encode())], "client": ("203.0.113.7", 1)}

    async def run() -> Any:
        return await arcjet(key="t", rules=[shield()]).protect(Request(scope, receive))

    result = shield_result(asyncio.run(run()))
    assert result.conclusion is Conclusion.ERROR and "ClientDisconnect" in result.reason_v2.message


@pytest.mark.parametrize("body", ["\ud800", "a\udfffb", "\udcff", "x=\ud800<script>"])
def test_plain_mapping_body_with_lone_surrogates_is_a_decision(body: str) -> None:
    aj = arcjet_sync(key="t", rules=[shield()])
    decision = aj.protect({"ip": "203.0.113.7", "method": "POST", "path": "/", "headers": {"user-agent": UA},
                           "body": body})
    assert decision.conclusion in (Conclusion.ALLOW, Conclusion.DENY)


@pytest.mark.parametrize("bad", [0, -1, 0.0, math.inf, math.nan, True, "5", None])
def test_body_timeout_is_validated_naming_it(bad: object) -> None:
    with pytest.raises(ArcjetMisconfiguration, match="body_timeout"):
        arcjet_sync(key="t", rules=[shield()], body_timeout=bad)  # type: ignore[arg-type]


def test_body_timeout_default_and_accepts_ints() -> None:
    assert arcjet_sync(key="t").body_timeout == 5.0
    assert arcjet(key="t", body_timeout=2).body_timeout == 2.0
    assert os.environ.get("ARCJET_BODY_TIMEOUT") is None  # no hidden environment override


def test_werkzeug_request_whose_stream_is_built_is_read_within_body_timeout(pipe: Any) -> None:
    from werkzeug.wrappers import Request

    client, reader = pipe
    aj = arcjet_sync(key="t", rules=[shield()], body_timeout=TIMEOUT)
    request = Request(environ(reader, length=20))
    assert request.stream is not None  # built before protect(): get_data is the only safe read
    client.sendall(b"x" * 5)
    started = time.monotonic()
    assert BODY_TIMEOUT_MESSAGE in shield_result(aj.protect(request)).reason_v2.message
    assert time.monotonic() - started < TIMEOUT + 0.5
    # In time, the same path inspects the body and caches it for the app.
    a, b = socket.socketpair()
    with a, b, b.makefile("rb") as stream:
        a.sendall(b"q=<script>alert(1)</script>")
        request = Request(environ(stream, length=27))
        assert request.stream is not None
        assert shield_result(aj.protect(request)).conclusion is Conclusion.DENY
        assert request.get_data() == b"q=<script>alert(1)</script>"


def _chunked_scope() -> dict[str, Any]:
    return {"type": "http", "method": "POST", "path": "/", "query_string": b"", "http_version": "1.1",
            "headers": [(b"transfer-encoding", b"chunked"), (b"user-agent", UA.encode()),
                        (b"content-type", b"application/x-www-form-urlencoded")],
            "client": ("203.0.113.7", 1)}


def test_starlette_body_without_length_is_read_only_from_a_buffered_receive() -> None:
    # Without a length, request.body() would read without a bound: protect()
    # reads it only when an adapter already read (and bounded) it and hands it
    # over in a BufferedReceive; the app still gets the same bytes.
    from starlette.requests import Request

    from arcjet_core._body import BufferedReceive

    attack = b"q=1' OR '1'='1' --"

    async def server() -> dict[str, Any]:
        return {"type": "http.disconnect"}

    async def run() -> tuple[Any, Any, bytes]:
        aj = arcjet(key="t", rules=[shield()])
        unbuffered = await aj.protect(Request(_chunked_scope(), server))
        request = Request(_chunked_scope(), BufferedReceive(attack, server))
        return unbuffered, await aj.protect(request), await request.body()

    unbuffered, buffered, app_body = asyncio.run(run())
    assert shield_result(unbuffered).conclusion is Conclusion.ALLOW  # nothing read: nothing to see
    assert shield_result(buffered).conclusion is Conclusion.DENY
    assert app_body == attack
