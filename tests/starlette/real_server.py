"""Start a real ASGI/WSGI server as a subprocess on a free loopback port.

Shared by the Starlette, Flask and Django suites' real-server tests.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import httpx

from tests.fixtures.redis_server import free_port

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT = 30.0


def _accepting(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.2)
        return sock.connect_ex(("127.0.0.1", port)) == 0


@contextmanager
def serve(command: Sequence[str], env: dict[str, str] | None = None) -> Iterator[str]:
    """Run ``command`` (``{port}`` is replaced) and yield its base URL; always stopped."""
    port = free_port()
    argv = [sys.executable, "-m", *(part.replace("{port}", str(port)) for part in command)]
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(argv, cwd=ROOT, env={**os.environ, **(env or {})}, stdout=log,
                                   stderr=subprocess.STDOUT)
        try:
            yield _wait_ready(process, port, log, argv)
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)


def _wait_ready(process: subprocess.Popen[bytes], port: int, log: IO[bytes], argv: list[str]) -> str:
    deadline = time.monotonic() + START_TIMEOUT
    while not _accepting(port):
        if process.poll() is not None or time.monotonic() > deadline:
            log.seek(0)
            raise RuntimeError(f"server {argv} did not start:\n{log.read().decode(errors='replace')}")
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}"


def hammer(url: str, count: int, *, concurrency: int = 12) -> list[httpx.Response]:
    """``count`` GETs, each on its own connection, ``concurrency`` at a time."""

    def one(_: int) -> httpx.Response:
        with httpx.Client(timeout=20.0) as client:
            return client.get(url, headers={"connection": "close"})

    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        return list(pool.map(one, range(count)))


# ------------------------------------------------------------ stalled clients


def port_of(base: str) -> int:
    return int(base.rsplit(":", 1)[1])


def stall(base: str, head: str, body: bytes = b"") -> socket.socket:
    """Open a connection, send ``head`` (a request line and headers, without
    the blank line) and ``body``, then send nothing more: a slowloris client."""
    sock = socket.create_connection(("127.0.0.1", port_of(base)), timeout=10)
    sock.sendall(head.replace("\n", "\r\n").encode("latin-1") + b"\r\n\r\n" + body)
    return sock


def status_of(sock: socket.socket, timeout: float) -> int | None:
    """The status code the server answered on ``sock`` within ``timeout``
    seconds, or None when it answered nothing (still waiting, or closed)."""
    sock.settimeout(timeout)
    data = b""
    try:
        while b"\r\n" not in data:
            piece = sock.recv(4096)
            if not piece:
                break
            data += piece
    except OSError:  # socket.timeout included: no answer in time
        return None
    if not data.startswith(b"HTTP/"):
        return None
    return int(data.split(b" ", 2)[1])


def rss_bytes(pid: int) -> int:
    """Resident set size of a process (Linux)."""
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError(f"no VmRSS for {pid}")
