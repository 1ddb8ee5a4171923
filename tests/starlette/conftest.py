from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest
from starlette.types import ASGIApp

BROWSER_UA = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0.0.0 Safari/537.36"
)


@pytest.fixture
def key() -> str:
    return f"test-{uuid.uuid4().hex[:8]}"


@pytest.fixture
async def http_factory() -> AsyncIterator[Callable[..., httpx.AsyncClient]]:
    clients: list[httpx.AsyncClient] = []

    def make(app: ASGIApp, peer: str = "127.0.0.1", **kwargs: Any) -> httpx.AsyncClient:
        transport = httpx.ASGITransport(app=app, client=(peer, 40000))
        headers = {"user-agent": BROWSER_UA, **kwargs.pop("headers", {})}
        client = httpx.AsyncClient(transport=transport, base_url="http://testserver", headers=headers, **kwargs)
        clients.append(client)
        return client

    yield make
    for client in clients:
        await client.aclose()
