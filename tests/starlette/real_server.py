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
