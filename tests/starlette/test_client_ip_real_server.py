"""Findings 3 and 4 of issue 14 through uvicorn on loopback, the app on its
default configuration: forwarded entries a client writes cannot buy it fresh
rate-limit buckets, and a request with no usable forwarded address is
limited by its peer instead of passing as ERROR."""

from __future__ import annotations

import random
import uuid

import httpx
import pytest

from tests.starlette.real_server import serve

pytestmark = pytest.mark.slow


def _random_global() -> str:
    return f"8.{random.randrange(256)}.{random.randrange(256)}.{random.randrange(1, 255)}"


def test_uvicorn_default_config_gives_no_fresh_buckets() -> None:
    env = {"TEST_ARCJET_KEY": f"ip-{uuid.uuid4().hex}", "ARCJET_ENV": ""}
    command = ["uvicorn", "tests.starlette.client_ip_app:app", "--host", "127.0.0.1", "--port", "{port}",
               "--log-level", "warning"]
    with serve(command, env) as base, httpx.Client(base_url=base, timeout=20.0) as client:
        # A local reverse proxy appends the address it saw (a LAN client,
        # 192.168.1.50) to whatever the client wrote: random entries to the
        # left of it buy nothing. (uvicorn's own --forwarded-allow-ips
        # default trusts 127.0.0.1 the same way.)
        forwarded = [client.get("/", headers={"x-forwarded-for": f"{_random_global()}, 192.168.1.50"})
                     for _ in range(6)]
        assert [r.status_code for r in forwarded] == [200] * 3 + [429] * 3
        assert {r.json()["ip"] for r in forwarded[:3]} == {"192.168.1.50"}
        assert {r.json()["conclusion"] for r in forwarded[:3]} == {"ALLOW"}
        # A local proxy that sends only X-Real-IP, only Forwarded, or nothing:
        # limited by its own address, not ERROR and allowed.
        unforwarded = [client.get("/", headers=h) for h in (
            {"x-real-ip": _random_global()}, {"forwarded": f"for={_random_global()}"}, {},
            {"x-real-ip": _random_global()}, {"forwarded": f"for={_random_global()}"})]
        assert [r.status_code for r in unforwarded] == [200] * 3 + [429] * 2
        assert [r.json() for r in unforwarded[:3]] == [{"conclusion": "ALLOW", "ip": "127.0.0.1"}] * 3
