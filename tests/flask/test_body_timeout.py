"""Bodies under attack, against real WSGI servers (issue 14, findings 6 and 10).

- Stalled uploads used to hold a gunicorn gthread worker's threads for as long
  as the client liked (20 of them made a 2 x 8 server unreachable): the body is
  now read within body_timeout, or answered 408 and let go.
- A request without a body is never waited for.
- A truncated chunked body made gunicorn's NoMoreData escape protect() as a
  500 on every Flask route: now shield reports ERROR and the view answers.
"""

from __future__ import annotations

import os
import socket
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import httpx
import pytest

from tests.starlette.real_server import serve, stall, status_of

pytestmark = pytest.mark.slow

BODY_TIMEOUT = 0.5
THREADS = 4


@contextmanager
def _server(command: list[str]) -> Iterator[str]:
    env = {"TEST_ARCJET_KEY": f"fb-{uuid.uuid4().hex}", "TEST_LIMIT": "100000",
           "TEST_BODY_TIMEOUT": str(BODY_TIMEOUT), "ARCJET_STORAGE": ""}
    with serve(command, env) as base:
        yield base


def _gthread() -> list[str]:
    return ["gunicorn", "-k", "gthread", "-w", "1", "--threads", str(THREADS), "-b", "127.0.0.1:{port}",
            "--log-level", "warning", "tests.flask.server_app:app"]


def _answered_quickly(base: str) -> float:
    started = time.monotonic()
    with httpx.Client(base_url=base, timeout=10.0) as client:
        assert client.get("/", headers={"connection": "close"}).status_code == 200
    return time.monotonic() - started


def test_gunicorn_gthread_stalled_requests_do_not_take_the_server_down() -> None:
    with _server(_gthread()) as base:
        # A GET that announces no body and never sends more: answered at once.
        bodiless = [stall(base, "GET / HTTP/1.1\nHost: t") for _ in range(THREADS * 2)]
        # GETs and POSTs that announce a body and never send it: the attack.
        stalled = [stall(base, f"{method} /upload HTTP/1.1\nHost: t\nContent-Length: 100000", b"x" * 100)
                   for method in ("GET", "POST") for _ in range(10)]
        try:
            started = time.monotonic()
            assert [status_of(s, 5.0) for s in bodiless] == [200] * len(bodiless)
            assert time.monotonic() - started < BODY_TIMEOUT + 1.0
            # Twenty stalled clients on four threads: a normal request is still
            # answered, behind at most 20 / 4 body timeouts.
            assert _answered_quickly(base) < 20 / THREADS * BODY_TIMEOUT + 2.0
            with ThreadPoolExecutor(max_workers=20) as pool:
                statuses = list(pool.map(lambda s: status_of(s, 10.0), stalled))
            assert statuses == [408] * len(stalled)
            assert time.monotonic() - started < 20 / THREADS * BODY_TIMEOUT + 3.0
            # And the threads are free again.
            assert _answered_quickly(base) < 2.0
        finally:
            for s in bodiless + stalled:
                s.close()


def test_gunicorn_truncated_chunked_body_is_a_normal_response() -> None:
    with _server(_gthread()) as base:
        sock = stall(base, "POST /upload HTTP/1.1\nHost: t\nContent-Type: text/plain\nTransfer-Encoding: chunked",
                     b"5\r\nhello\r\n")
        try:
            sock.shutdown(socket.SHUT_WR)  # the client goes away mid-body
            sock.settimeout(5.0)
            response = b""
            while piece := sock.recv(65536):
                response += piece
        finally:
            sock.close()
        assert response.startswith(b"HTTP/1.1 200"), response[:200]
        # Shield could not read the body it was asked to inspect: ERROR, not a silent ALLOW.
        assert b'"SHIELD":"ERROR"' in response.replace(b" ", b"")
        # And the server is fine.
        assert _answered_quickly(base) < 2.0


def test_gunicorn_body_that_arrives_in_time_is_replayed_exactly() -> None:
    with _server(_gthread()) as base, httpx.Client(base_url=base, timeout=10.0) as client:
        body = os.urandom(3 * 1024 * 1024)
        echoed = client.post("/echo", content=body, headers={"content-type": "application/octet-stream"})
        assert echoed.status_code == 200 and echoed.content == body
        chunks = [os.urandom(70_000) for _ in range(5)]
        chunked = client.post("/echo", content=iter(chunks), headers={"content-type": "application/octet-stream"})
        assert chunked.status_code == 200 and chunked.content == b"".join(chunks)


def test_waitress_stalled_uploads_do_not_take_the_server_down() -> None:
    # waitress buffers a request's whole body before it hands the request to a
    # worker thread, so a stalled upload never reaches the app: this holds the
    # server to that (four threads, twenty stalled uploads, normal service).
    with _server(["waitress", "--listen=127.0.0.1:{port}", "--threads", str(THREADS),
                  "tests.flask.server_app:app"]) as base:
        stalled = [stall(base, "POST /upload HTTP/1.1\nHost: t\nContent-Length: 100000", b"x" * 100)
                   for _ in range(20)]
        try:
            assert _answered_quickly(base) < 2.0
            body = os.urandom(100_000)
            with httpx.Client(base_url=base, timeout=10.0) as client:
                echoed = client.post("/echo", content=body)
            assert echoed.status_code == 200 and echoed.content == body
        finally:
            for s in stalled:
                s.close()


@pytest.mark.parametrize("threads", [[], ["--enable-threads"]], ids=["uwsgi", "uwsgi-threads"])
def test_uwsgi_stalled_upload_gets_408_and_bodies_still_arrive(threads: list[str]) -> None:
    # The body is read on a helper thread: it must run under uWSGI whether or
    # not the app may start threads of its own.
    with _server(["tests.servers.run_uwsgi", "--http-socket", "127.0.0.1:{port}", "--module",
                  "tests.flask.server_app:app", "--master", "--processes", "1", "--die-on-term", "--need-app",
                  "--disable-logging",
                  *threads]) as base:
        sock = stall(base, "POST /upload HTTP/1.1\nHost: t\nContent-Length: 1000", b"x" * 10)
        try:
            started = time.monotonic()
            assert status_of(sock, 10.0) == 408
            assert time.monotonic() - started < BODY_TIMEOUT + 2.0  # slack for a loaded CI machine
        finally:
            sock.close()
        body = os.urandom(300_000)
        with httpx.Client(base_url=base, timeout=10.0) as client:
            echoed = client.post("/echo", content=body)
        assert echoed.status_code == 200 and echoed.content == body
