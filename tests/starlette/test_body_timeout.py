"""Slowloris through body buffering (issue 14, finding 6) against a real uvicorn.

With shield configured the middleware buffers the body before protect(); a
client that announces a body and stalls used to hold that buffer and its
connection for as long as it liked (300 stalled chunked uploads took uvicorn
from 62 to 396 MB). Now the whole body must arrive within body_timeout, or the
client gets 408 and its connection is closed.
"""

from __future__ import annotations

import os
import socket
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager

import httpx
import pytest

from tests.starlette.real_server import rss_bytes, serve, stall, status_of

pytestmark = pytest.mark.slow

BODY_TIMEOUT = 0.5
STALLED = 60
SENT_EACH = 256 * 1024  # bytes each stalled upload sends before it stalls


def _uvicorn() -> AbstractContextManager[str]:
    env = {"TEST_ARCJET_KEY": f"bt-{uuid.uuid4().hex}", "TEST_LIMIT": "100000",
           "TEST_BODY_TIMEOUT": str(BODY_TIMEOUT), "ARCJET_STORAGE": ""}
    return serve(["uvicorn", "tests.starlette.server_app:app", "--host", "127.0.0.1", "--port", "{port}",
                  "--log-level", "warning"], env)


def closed(sock: socket.socket) -> bool:
    """True when the server closes the connection after its answer."""
    sock.settimeout(5.0)
    try:
        while sock.recv(65536):
            pass
    except OSError:
        return False
    return True


def _chunk(data: bytes) -> bytes:
    return f"{len(data):x}\r\n".encode() + data + b"\r\n"


def _wave(base: str, client: httpx.Client) -> None:
    """STALLED chunked uploads that each send SENT_EACH bytes and stall; all
    must get 408 within about body_timeout and be closed, while a normal
    request is served."""
    head = "POST /echo HTTP/1.1\nHost: t\nContent-Type: application/octet-stream\nTransfer-Encoding: chunked"
    started = time.monotonic()
    socks = [stall(base, head, _chunk(os.urandom(SENT_EACH))) for _ in range(STALLED)]
    try:
        # Served meanwhile: the stalled uploads hold nothing the next client needs.
        body = os.urandom(1000)
        echoed = client.post("/echo", content=body)
        assert echoed.status_code == 200 and echoed.content == body
        with ThreadPoolExecutor(max_workers=16) as pool:
            statuses = list(pool.map(lambda s: status_of(s, 5.0), socks))
        assert statuses == [408] * STALLED
        # Each within about body_timeout (all were opened within the first moments).
        assert time.monotonic() - started < BODY_TIMEOUT + 3.0
        # The server closed them: nothing of theirs is kept.
        assert all(closed(s) for s in socks)
    finally:
        for s in socks:
            s.close()


def test_stalled_chunked_uploads_get_408_and_memory_stays_bounded() -> None:
    with _uvicorn() as base, httpx.Client(base_url=base, timeout=10.0) as client:
        pid = client.get("/").json()["pid"]
        _wave(base, client)
        after_first = rss_bytes(pid)
        for _ in range(3):
            _wave(base, client)
        grown = rss_bytes(pid) - after_first
        # Memory of released uploads is reused: three more waves cost less
        # than one wave held (15 MiB), where held ones would add 3 * 15 MiB.
        assert grown < STALLED * SENT_EACH, f"RSS grew {grown / 2**20:.1f} MiB over three waves"


def test_stalled_get_without_a_body_is_answered_at_once() -> None:
    with _uvicorn() as base:
        socks = [stall(base, "GET / HTTP/1.1\nHost: t") for _ in range(20)]
        try:
            started = time.monotonic()
            assert [status_of(s, 5.0) for s in socks] == [200] * 20
            # Not one waited for a body that was never announced.
            assert time.monotonic() - started < BODY_TIMEOUT
        finally:
            for s in socks:
                s.close()


def test_a_dripping_upload_is_cut_at_body_timeout() -> None:
    # One small chunk every 0.2 s: each read returns quickly, only the whole
    # body's deadline catches it.
    with _uvicorn() as base:
        sock = stall(base, "POST /echo HTTP/1.1\nHost: t\nTransfer-Encoding: chunked", _chunk(b"a"))
        try:
            started = time.monotonic()
            status = None
            for _ in range(20):
                try:
                    sock.sendall(_chunk(b"b"))
                except OSError:
                    break
                status = status_of(sock, 0.2)
                if status is not None:
                    break
            assert status == 408
            assert time.monotonic() - started < BODY_TIMEOUT + 1.0
        finally:
            sock.close()
