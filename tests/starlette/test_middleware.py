"""ArcjetMiddleware through httpx's ASGI transport (and Starlette's TestClient for websockets)."""

from __future__ import annotations

import hashlib
import inspect
import os
import re
from collections.abc import AsyncIterator

import pytest
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.testclient import TestClient, WebSocketDenialResponse

from arcjet_core import (
    Arcjet,
    ArcjetMisconfiguration,
    Decision,
    arcjet,
    arcjet_sync,
    detect_bot,
    fixed_window,
    shield,
)
from arcjet_starlette import ArcjetMiddleware
from tests.fixtures.redis_server import free_port
from tests.starlette.apps import make_app
from tests.starlette.conftest import BROWSER_UA

DEV = {"environment": "development"}


# ------------------------------------------------------------- configuration


def test_client_or_client_args_not_both(key: str) -> None:
    aj = arcjet(key=key, rules=[], **DEV)
    with pytest.raises(TypeError, match="not both"):
        make_app(client=aj, key=key).build_middleware_stack()


def test_sync_client_rejected(key: str) -> None:
    with pytest.raises(TypeError, match="async client"):
        make_app(client=arcjet_sync(key=key, rules=[])).build_middleware_stack()


def test_missing_key_is_a_clear_error() -> None:
    with pytest.raises(ArcjetMisconfiguration, match="key"):
        make_app(rules=[]).build_middleware_stack()


def test_middleware_takes_every_client_argument() -> None:
    # Spelled out for the type checker (see ArcjetMiddleware's docstring): keep them in step.
    own = {"self", "app", "client", "exclude", "protect_websockets", "on_deny"}
    middleware_args = set(inspect.signature(ArcjetMiddleware.__init__).parameters) - own
    client_args = {name for name in inspect.signature(Arcjet.__init__).parameters if not name.startswith("_")}
    assert middleware_args == client_args - {"self"}


def test_client_arguments_build_the_client(key: str) -> None:
    middleware = ArcjetMiddleware(make_app(), key=key, rules=[fixed_window(max=1, window=60)], fail_open=False,
                                  body_limit=123)
    assert (middleware.client.key, middleware.client.fail_open, middleware.client.body_limit) == (key, False, 123)


def test_exclude_entries_validated(key: str) -> None:
    with pytest.raises(ValueError, match="exclude"):
        make_app(key=key, exclude=["health"]).build_middleware_stack()


# --------------------------------------------------------------- decisions


async def test_allowed_request_gets_decision_and_rate_limit_headers(http_factory, key) -> None:
    app = make_app(key=key, rules=[fixed_window(max=5, window=60)], **DEV)
    response = await http_factory(app).get("/")
    assert response.status_code == 200
    body = response.json()
    assert body["conclusion"] == "ALLOW"
    assert body["decision"].startswith("lreq_")
    assert body["results"] == [["RATE_LIMIT", "ALLOW", "RUN"]]
    assert re.fullmatch(r"limit=5, remaining=4, reset=\d+", response.headers["ratelimit"])
    assert response.headers["ratelimit-policy"] == "5;w=60"
    assert "retry-after" not in response.headers


async def test_rate_limit_denies_with_429_retry_after_and_ratelimit_headers(http_factory, key) -> None:
    client = http_factory(make_app(key=key, rules=[fixed_window(max=2, window=60)], **DEV))
    statuses = [(await client.get("/")).status_code for _ in range(2)]
    denied = await client.get("/", headers={"accept": "application/json"})
    assert statuses == [200, 200]
    assert denied.status_code == 429
    assert denied.json() == {"error": "Too many requests", "reason": "RATE_LIMIT"}
    assert 1 <= int(denied.headers["retry-after"]) <= 60
    assert denied.headers["ratelimit"].startswith("limit=2, remaining=0, reset=")
    assert denied.headers["ratelimit-policy"] == "2;w=60"


async def test_deny_body_is_plain_text_for_browsers(http_factory, key) -> None:
    client = http_factory(make_app(key=key, rules=[fixed_window(max=1, window=60)], **DEV))
    await client.get("/")
    denied = await client.get("/", headers={"accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert denied.status_code == 429
    assert denied.headers["content-type"].startswith("text/plain")
    assert denied.text == "Too many requests\n"


async def test_bot_denied_403_browser_allowed(http_factory, key) -> None:
    client = http_factory(make_app(key=key, rules=[detect_bot(allow=[])], **DEV))
    assert (await client.get("/")).status_code == 200
    denied = await client.get("/", headers={"user-agent": "curl/8.5.0"})
    assert denied.status_code == 403
    assert denied.json() == {"error": "Forbidden", "reason": "BOT"}


async def test_dry_run_never_blocks(http_factory, key) -> None:
    client = http_factory(make_app(key=key, rules=[fixed_window(mode="DRY_RUN", max=1, window=60)], **DEV))
    responses = [await client.get("/") for _ in range(3)]
    assert [r.status_code for r in responses] == [200, 200, 200]
    assert responses[-1].json()["conclusion"] == "ALLOW"
    # The DRY_RUN rule itself did conclude DENY; it just never changes the outcome.
    assert responses[-1].json()["results"] == [["RATE_LIMIT", "DENY", "DRY_RUN"]]


async def test_excluded_paths_skip_protection(http_factory, key) -> None:
    app = make_app(key=key, rules=[fixed_window(max=1, window=60)], exclude=["/health", "/static/*"], **DEV)
    client = http_factory(app)
    for path in ("/health", "/health/live", "/static/app.css") * 3:
        response = await client.get(path)
        assert response.status_code == 200, path
        assert response.json() == {"decision": None}
        assert "ratelimit" not in response.headers
    assert (await client.get("/")).status_code == 200
    assert (await client.get("/")).status_code == 429


async def test_on_deny_replaces_the_response(http_factory, key) -> None:
    seen: list[Decision] = []

    async def on_deny(request: Request, decision: Decision) -> PlainTextResponse:
        seen.append(decision)
        return PlainTextResponse(f"slow down {request.url.path}", status_code=418)

    client = http_factory(make_app(key=key, rules=[fixed_window(max=1, window=60)], on_deny=on_deny, **DEV))
    await client.get("/")
    denied = await client.get("/")
    assert (denied.status_code, denied.text) == (418, "slow down /")
    assert seen[0].reason_v2.type == "RATE_LIMIT"


async def test_streaming_response_untouched_and_headers_added(http_factory, key) -> None:
    client = http_factory(make_app(key=key, rules=[fixed_window(max=5, window=60)], **DEV))
    response = await client.get("/stream")
    assert response.text == "".join(f"chunk-{i}\n" for i in range(5))
    assert response.headers["ratelimit-policy"] == "5;w=60"


async def test_app_headers_win_over_ours(http_factory, key) -> None:
    client = http_factory(make_app(key=key, rules=[fixed_window(max=5, window=60)], **DEV))
    response = await client.get("/own-headers")
    assert response.headers.get_list("ratelimit") == ["limit=1, remaining=1, reset=1"]


# ----------------------------------------------------------------- client IP


async def test_proxies_configured_reads_forwarded_for(http_factory, key) -> None:
    app = make_app(key=key, rules=[fixed_window(max=1, window=60)], proxies=["1.1.1.1"])
    client = http_factory(app, peer="1.1.1.1")
    first = await client.get("/", headers={"x-forwarded-for": "8.8.8.8"})
    assert first.json()["ip"] == "8.8.8.8"
    # A different client behind the same proxy has its own bucket...
    assert (await client.get("/", headers={"x-forwarded-for": "9.9.9.9"})).status_code == 200
    # ...and a client cannot pick its IP by prepending to the header.
    assert (await client.get("/", headers={"x-forwarded-for": "4.4.4.4, 8.8.8.8"})).status_code == 429


async def test_forwarded_for_ignored_without_proxies(http_factory, key) -> None:
    client = http_factory(make_app(key=key, rules=[fixed_window(max=5, window=60)]), peer="1.1.1.1")
    response = await client.get("/", headers={"x-forwarded-for": "8.8.8.8"})
    assert response.json()["ip"] == "1.1.1.1"


# ------------------------------------------------------------ failure modes


async def test_storage_fault_fails_open(http_factory, key) -> None:
    port = free_port()  # nothing listens there
    aj = arcjet(key=key, rules=[fixed_window(max=1, window=60)], storage=f"redis://127.0.0.1:{port}/0", **DEV)
    client = http_factory(make_app(client=aj))
    responses = [await client.get("/") for _ in range(3)]
    assert [r.status_code for r in responses] == [200, 200, 200]
    assert responses[0].json()["conclusion"] == "ERROR"
    assert responses[0].json()["results"] == [["RATE_LIMIT", "ERROR", "RUN"]]


async def test_storage_fault_with_fail_open_false_is_503(http_factory, key) -> None:
    port = free_port()
    aj = arcjet(key=key, rules=[fixed_window(max=1, window=60)], storage=f"redis://127.0.0.1:{port}/0",
                fail_open=False, **DEV)
    response = await http_factory(make_app(client=aj)).get("/")
    assert response.status_code == 503
    assert response.json() == {"error": "Service unavailable", "reason": "ERROR"}


# -------------------------------------------------------------------- body


@pytest.mark.parametrize("size", [0, 1, 65_536, 3 * 1024 * 1024])
async def test_body_replayed_byte_exact(http_factory, key, size: int) -> None:
    body = os.urandom(size)
    app = make_app(key=key, rules=[shield()], body_limit=4 * 1024 * 1024, **DEV)
    response = await http_factory(app).post("/echo", content=body)
    assert response.status_code == 200
    assert response.headers["x-length"] == str(size)
    assert response.content == body


async def test_chunked_body_replayed_to_streaming_reader(http_factory, key) -> None:
    parts = [os.urandom(100_000) for _ in range(10)]

    async def gen() -> AsyncIterator[bytes]:
        for part in parts:
            yield part

    app = make_app(key=key, rules=[shield()], body_limit=2 * 1024 * 1024, **DEV)
    response = await http_factory(app).post("/echo-stream", content=gen())
    joined = b"".join(parts)
    assert response.text == f"{len(joined)} {hashlib.sha256(joined).hexdigest()}"


async def test_body_over_limit_is_413(http_factory, key) -> None:
    app = make_app(key=key, rules=[shield()], body_limit=1024 * 1024, **DEV)
    response = await http_factory(app).post("/echo", content=os.urandom(3 * 1024 * 1024))
    assert response.status_code == 413
    assert response.json() == {"error": "Payload too large", "reason": "BODY_TOO_LARGE"}


async def test_chunked_body_over_limit_is_413(http_factory, key) -> None:
    async def gen() -> AsyncIterator[bytes]:
        for _ in range(30):
            yield os.urandom(100_000)

    app = make_app(key=key, rules=[shield()], body_limit=1024 * 1024, **DEV)
    response = await http_factory(app).post("/echo", content=gen())
    assert response.status_code == 413


async def test_body_not_buffered_without_a_body_rule(http_factory, key) -> None:
    # No body rule: any size goes through, whatever body_limit says.
    app = make_app(key=key, rules=[fixed_window(max=5, window=60)], body_limit=10, **DEV)
    body = os.urandom(3 * 1024 * 1024)
    response = await http_factory(app).post("/echo", content=body)
    assert response.status_code == 200
    assert response.content == body


async def test_shield_blocks_attack_in_query(http_factory, key) -> None:
    client = http_factory(make_app(key=key, rules=[shield()], **DEV))
    assert (await client.get("/", params={"q": "hello world"})).status_code == 200
    denied = await client.get("/", params={"id": "1' OR '1'='1' --"})
    assert denied.status_code == 403
    assert denied.json()["reason"] == "SHIELD"


# --------------------------------------------------------------- websockets


def test_websocket_protected_on_connect(key) -> None:
    app = make_app(key=key, rules=[fixed_window(max=1, window=60)], **DEV)
    with TestClient(app, headers={"user-agent": BROWSER_UA}) as client:
        with client.websocket_connect("/ws") as ws:
            assert ws.receive_text() == "hello ALLOW"
        with pytest.raises(WebSocketDenialResponse) as denied, client.websocket_connect("/ws"):
            pass
        assert denied.value.status_code == 429
        assert "retry-after" in denied.value.headers


def test_websocket_passed_through_when_not_protected(key) -> None:
    app = make_app(key=key, rules=[fixed_window(max=1, window=60)], protect_websockets=False, **DEV)
    with TestClient(app) as client:
        for _ in range(3):
            with client.websocket_connect("/ws") as ws:
                assert ws.receive_text() == "hello unprotected"
