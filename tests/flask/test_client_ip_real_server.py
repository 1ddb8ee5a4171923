"""Findings 3 and 4 of issue 14 through waitress, gunicorn and uWSGI on loopback.

waitress drops X-Forwarded-For and Forwarded unless given --trusted-proxy,
which used to leave every request without a client IP, ERROR and allowed. On
the default configuration requests are now limited by their peer; with
ARCJET_PROXY_HEADERS = ["x-real-ip"] by the address a local proxy names.
gunicorn and uWSGI pass the headers through: a client's own entries buy no
bucket."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx
import pytest

from tests.starlette.real_server import ROOT, START_TIMEOUT, serve

pytestmark = pytest.mark.slow


def _random_global() -> str:
    return f"8.{random.randrange(256)}.{random.randrange(256)}.{random.randrange(1, 255)}"


def test_waitress_default_config_limits_by_peer_and_proxy_headers_by_client() -> None:
    env = {"TEST_ARCJET_KEY": f"ip-{uuid.uuid4().hex}", "ARCJET_ENV": ""}
    with serve(["waitress", "--listen=127.0.0.1:{port}", "tests.flask.client_ip_app:app"], env) as base, \
            httpx.Client(base_url=base, timeout=20.0) as client:
        # Random forwarded values (XFF, X-Real-IP, Forwarded, none): one bucket, the peer's.
        mixed = [client.get("/", headers=h) for h in (
            {"x-forwarded-for": _random_global()}, {"x-real-ip": _random_global()},
            {"forwarded": f"for={_random_global()}"}, {}, {"x-forwarded-for": _random_global()})]
        assert [r.status_code for r in mixed] == [200] * 3 + [429] * 2
        assert [r.json() for r in mixed[:3]] == [{"conclusion": "ALLOW", "ip": "127.0.0.1"}] * 3
        # X-Real-IP configured: each client the local proxy names has its own limit.
        for ip in ("8.8.8.8", "9.9.9.9"):
            named = [client.get("/real-ip/", headers={"x-real-ip": ip}) for _ in range(4)]
            assert [r.status_code for r in named] == [200] * 3 + [429]
            assert {r.json()["ip"] for r in named[:3]} == {ip}


@pytest.mark.parametrize("command", [
    ["gunicorn", "-b", "127.0.0.1:{port}", "--log-level", "warning", "tests.flask.client_ip_app:app"],
    ["tests.servers.run_uwsgi", "--http-socket", "127.0.0.1:{port}", "--module", "tests.flask.client_ip_app:app",
     "--need-app", "--disable-logging"],
], ids=["gunicorn", "uwsgi"])
def test_gunicorn_and_uwsgi_default_config_give_no_fresh_buckets(command: list[str]) -> None:
    # Both pass X-Forwarded-For through and leave REMOTE_ADDR alone: behind
    # a local proxy that appends the LAN client's address, random entries to
    # its left buy nothing; a local proxy that sends no X-Forwarded-For is
    # limited by its own address.
    env = {"TEST_ARCJET_KEY": f"ip-{uuid.uuid4().hex}", "ARCJET_ENV": ""}
    # One connection per request: uWSGI's --http-socket does not keep connections alive.
    with serve(command, env) as base, \
            httpx.Client(base_url=base, timeout=20.0, headers={"connection": "close"}) as client:
        forwarded = [client.get("/", headers={"x-forwarded-for": f"{_random_global()}, 192.168.1.50"})
                     for _ in range(5)]
        assert [r.status_code for r in forwarded] == [200] * 3 + [429] * 2
        assert {r.json()["ip"] for r in forwarded[:3]} == {"192.168.1.50"}
        unforwarded = [client.get("/", headers=h) for h in (
            {"x-real-ip": _random_global()}, {"forwarded": f"for={_random_global()}"}, {}, {})]
        assert [r.status_code for r in unforwarded] == [200] * 3 + [429]
        assert {r.json()["ip"] for r in unforwarded[:3]} == {"127.0.0.1"}


def test_gunicorn_on_a_unix_socket_behind_a_declared_proxy_limits_each_client() -> None:
    # nginx -> gunicorn over a unix socket: no peer address. Undeclared, the
    # request cannot be keyed (ERROR, with a one-time warning saying how to
    # fix it); with ARCJET_PROXIES = ["unix:"] the proxy's entry is the key.
    with tempfile.TemporaryDirectory(prefix="aj-ip-") as short:  # a socket path has ~100 bytes at most
        _unix_socket_case(Path(short) / "app.sock")


def _unix_socket_case(sock: Path) -> None:
    env = {**os.environ, "TEST_ARCJET_KEY": f"ip-{uuid.uuid4().hex}", "ARCJET_ENV": ""}
    process = subprocess.Popen([sys.executable, "-m", "gunicorn", "-b", f"unix:{sock}", "--log-level", "warning",
                                "tests.flask.client_ip_app:app"], cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not sock.exists():
            assert process.poll() is None and time.monotonic() < deadline, "gunicorn did not start"
            time.sleep(0.05)
        with httpx.Client(transport=httpx.HTTPTransport(uds=str(sock)), base_url="http://app", timeout=20.0) as client:
            unkeyed = client.get("/", headers={"x-forwarded-for": "8.8.8.8"})
            assert unkeyed.json() == {"conclusion": "ERROR", "ip": ""}
            for ip in ("8.8.8.8", "9.9.9.9"):
                named = [client.get("/unix/", headers={"x-forwarded-for": f"{_random_global()}, {ip}"})
                         for _ in range(4)]
                assert [r.status_code for r in named] == [200] * 3 + [429]
                assert {r.json()["ip"] for r in named[:3]} == {ip}
    finally:
        process.terminate()
        process.wait(timeout=15)
