"""ArcjetMiddleware and arcjet_protect through Django's test clients, sync and async."""

from __future__ import annotations

import hashlib
import os
import re
import uuid
from typing import Any

import pytest
from asgiref.sync import iscoroutinefunction
from django.core.exceptions import ImproperlyConfigured, MiddlewareNotUsed
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.test import AsyncClient, Client

from arcjet_core import Arcjet, ArcjetSync, Decision, detect_bot, fixed_window, shield
from arcjet_django.middleware import ArcjetMiddleware
from tests.fixtures.redis_server import free_port

BROWSER_UA = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15"
MB = 1024 * 1024


def arcjet_settings(settings: Any, **values: Any) -> None:
    settings.ARCJET = {"KEY": f"dj-{uuid.uuid4().hex[:8]}", "ENVIRONMENT": "development", **values}


class PeerAsyncClient(AsyncClient):
    """AsyncClient from a chosen peer address (ASGI scope["client"])."""

    def __init__(self, peer: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.peer = peer

    def _base_scope(self, **request: Any) -> dict[str, Any]:
        scope: dict[str, Any] = super()._base_scope(**request)
        scope["client"] = [self.peer, 40000]
        return scope


def clients(peer: str = "127.0.0.1") -> tuple[Client, AsyncClient]:
    return (Client(headers={"user-agent": BROWSER_UA}, REMOTE_ADDR=peer),
            PeerAsyncClient(peer, headers={"user-agent": BROWSER_UA}))


async def get(client: Client | AsyncClient, path: str, **extra: Any) -> Any:
    response = client.get(path, **extra)
    return await response if isinstance(client, AsyncClient) else response


async def post(client: Client | AsyncClient, path: str, data: Any, **extra: Any) -> Any:
    response = client.post(path, data, **extra)
    return await response if isinstance(client, AsyncClient) else response


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def make_client(mode: str) -> Any:
    def make(peer: str = "127.0.0.1") -> Client | AsyncClient:
        return clients(peer)[0 if mode == "sync" else 1]

    return make


def index_path(mode: str) -> str:
    return "/" if mode == "sync" else "/async/"


# ------------------------------------------------------------ construction


def _sync_get_response(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


async def _async_get_response(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


def test_middleware_uses_the_sync_client_in_a_sync_stack(settings) -> None:
    arcjet_settings(settings, RULES=[fixed_window(max=5, window=60)])
    middleware = ArcjetMiddleware(_sync_get_response)
    assert not iscoroutinefunction(middleware)
    assert isinstance(middleware.guard.client, ArcjetSync)


def test_middleware_uses_the_async_client_in_an_async_stack(settings) -> None:
    arcjet_settings(settings, RULES=[fixed_window(max=5, window=60)])
    middleware = ArcjetMiddleware(_async_get_response)
    assert iscoroutinefunction(middleware)
    assert isinstance(middleware.guard.client, Arcjet)


def test_no_rules_means_middleware_not_used(settings) -> None:
    arcjet_settings(settings)
    with pytest.raises(MiddlewareNotUsed):
        ArcjetMiddleware(_sync_get_response)


def test_bad_settings_raise_improperly_configured(settings) -> None:
    arcjet_settings(settings, RULES=[fixed_window(max=5, window=60)], PROXIES=["not-an-ip"])
    with pytest.raises(ImproperlyConfigured, match=r"arcjet\.E004"):
        ArcjetMiddleware(_sync_get_response)


async def test_async_view_runs_on_the_event_loop_thread(settings) -> None:
    import threading

    arcjet_settings(settings, RULES=[fixed_window(max=5, window=60)])
    response = await clients()[1].get("/async/")
    assert response.json()["conclusion"] == "ALLOW"
    assert response.json()["thread"] == threading.get_ident()


# --------------------------------------------------------------- decisions


async def test_allowed_with_decision_and_rate_limit_headers(settings, make_client, mode) -> None:
    arcjet_settings(settings, RULES=[fixed_window(max=5, window=60)])
    response = await get(make_client(), index_path(mode))
    assert response.status_code == 200
    assert response.json()["conclusion"] == "ALLOW"
    assert response.json()["results"] == [["RATE_LIMIT", "ALLOW", "RUN"]]
    assert re.fullmatch(r"limit=5, remaining=4, reset=\d+", response.headers["RateLimit"])
    assert response.headers["RateLimit-Policy"] == "5;w=60"


async def test_rate_limit_429(settings, make_client, mode) -> None:
    arcjet_settings(settings, RULES=[fixed_window(max=2, window=60)])
    client = make_client()
    assert [(await get(client, index_path(mode))).status_code for _ in range(2)] == [200, 200]
    denied = await get(client, index_path(mode), headers={"accept": "application/json"})
    assert denied.status_code == 429
    assert denied.json() == {"error": "Too many requests", "reason": "RATE_LIMIT"}
    assert 1 <= int(denied.headers["Retry-After"]) <= 60
    assert denied.headers["RateLimit"].startswith("limit=2, remaining=0")


async def test_plain_text_for_browsers(settings, make_client, mode) -> None:
    arcjet_settings(settings, RULES=[fixed_window(max=1, window=60)])
    client = make_client()
    await get(client, index_path(mode))
    denied = await get(client, index_path(mode), headers={"accept": "text/html,*/*;q=0.8"})
    assert denied.status_code == 429
    assert denied["Content-Type"].startswith("text/plain")
    assert denied.content == b"Too many requests\n"


async def test_bot_403(settings, make_client, mode) -> None:
    arcjet_settings(settings, RULES=[detect_bot(allow=[])])
    client = make_client()
    assert (await get(client, index_path(mode))).status_code == 200
    denied = await get(client, index_path(mode), headers={"user-agent": "curl/8.5.0"})
    assert denied.status_code == 403
    assert denied.json() == {"error": "Forbidden", "reason": "BOT"}


async def test_shield_403(settings, make_client, mode) -> None:
    arcjet_settings(settings, RULES=[shield()])
    client = make_client()
    assert (await get(client, index_path(mode), query_params={"q": "hello"})).status_code == 200
    denied = await get(client, index_path(mode), query_params={"id": "1' OR '1'='1' --"})
    assert denied.status_code == 403
    assert denied.json()["reason"] == "SHIELD"


async def test_dry_run_never_blocks(settings, make_client, mode) -> None:
    arcjet_settings(settings, RULES=[fixed_window(mode="DRY_RUN", max=1, window=60)])
    client = make_client()
    responses = [await get(client, index_path(mode)) for _ in range(3)]
    assert [r.status_code for r in responses] == [200, 200, 200]
    assert responses[-1].json()["results"] == [["RATE_LIMIT", "DENY", "DRY_RUN"]]


async def test_excluded_paths(settings, make_client) -> None:
    arcjet_settings(settings, RULES=[fixed_window(max=1, window=60)], EXCLUDE=["/health"])
    client = make_client()
    for _ in range(3):
        response = await get(client, "/health/")
        assert response.status_code == 200
        assert response.json() == {"decision": None}
    assert (await get(client, "/")).status_code == 200
    assert (await get(client, "/")).status_code == 429


async def test_streaming_response_gets_headers(settings, make_client) -> None:
    arcjet_settings(settings, RULES=[fixed_window(max=5, window=60)])
    response = await get(make_client(), "/stream/")
    content = b"".join([c async for c in response.streaming_content]) if response.is_async else response.getvalue()
    assert content == b"".join(f"chunk-{i}\n".encode() for i in range(5))
    assert response.headers["RateLimit-Policy"] == "5;w=60"


def custom_deny(request: HttpRequest, decision: Decision) -> HttpResponse:
    assert request.arcjet_decision is decision  # type: ignore[attr-defined]
    return JsonResponse({"custom": decision.reason_v2.type, "path": request.path}, status=418)


async def acustom_deny(request: HttpRequest, decision: Decision) -> HttpResponse:
    return custom_deny(request, decision)


async def test_on_deny_from_a_dotted_path(settings, make_client, mode) -> None:
    arcjet_settings(settings, RULES=[fixed_window(max=1, window=60)], ON_DENY="tests.django.test_middleware.custom_deny")
    client = make_client()
    await get(client, index_path(mode))
    denied = await get(client, index_path(mode))
    assert (denied.status_code, denied.json()) == (418, {"custom": "RATE_LIMIT", "path": index_path(mode)})
    assert denied.headers["RateLimit"].startswith("limit=1, remaining=0")  # on_deny's response gets them too


async def test_async_on_deny_is_awaited(settings) -> None:
    arcjet_settings(settings, RULES=[fixed_window(max=1, window=60)], ON_DENY="tests.django.test_middleware.acustom_deny")
    client = clients()[1]
    await client.get("/async/")
    denied = await client.get("/async/")
    assert (denied.status_code, denied.json()) == (418, {"custom": "RATE_LIMIT", "path": "/async/"})


def test_shield_sees_a_body_past_body_limit_as_past_its_limit(settings) -> None:
    # A view calling protect() itself (no 413 from the middleware first): the
    # body is not read, and shield's on_limit policy (deny) answers.
    from django.test import RequestFactory

    from arcjet_core import arcjet_sync

    aj = arcjet_sync(key=f"dj-{uuid.uuid4().hex[:8]}", rules=[shield()], body_limit=100, environment="development")
    body = b"q=" + b"x" * 500
    request = RequestFactory().post("/", data=body, content_type="application/x-www-form-urlencoded",
                                    HTTP_USER_AGENT=BROWSER_UA)
    decision = aj.protect(request)
    assert decision.is_denied() and decision.reason_v2.type == "SHIELD"
    assert request.body == body


# ----------------------------------------------------------------- client IP


async def test_proxies_configured_reads_forwarded_for(settings, make_client, mode) -> None:
    arcjet_settings(settings, RULES=[fixed_window(max=1, window=60)], PROXIES=["1.1.1.1"], ENVIRONMENT=None)
    client = make_client(peer="1.1.1.1")
    first = await get(client, index_path(mode), headers={"x-forwarded-for": "8.8.8.8"})
    assert first.json()["ip"] == "8.8.8.8"
    assert (await get(client, index_path(mode), headers={"x-forwarded-for": "9.9.9.9"})).status_code == 200
    spoofed = await get(client, index_path(mode), headers={"x-forwarded-for": "4.4.4.4, 8.8.8.8"})
    assert spoofed.status_code == 429


async def test_forwarded_for_ignored_without_proxies(settings, make_client, mode) -> None:
    arcjet_settings(settings, RULES=[fixed_window(max=5, window=60)], ENVIRONMENT=None)
    response = await get(make_client(peer="1.1.1.1"), index_path(mode), headers={"x-forwarded-for": "8.8.8.8"})
    assert response.json()["ip"] == "1.1.1.1"


# ------------------------------------------------------------ failure modes


async def test_storage_fault_fails_open(settings, make_client, mode) -> None:
    arcjet_settings(settings, RULES=[fixed_window(max=1, window=60)], STORAGE=f"redis://127.0.0.1:{free_port()}/0")
    client = make_client()
    responses = [await get(client, index_path(mode)) for _ in range(3)]
    assert [r.status_code for r in responses] == [200, 200, 200]
    assert responses[0].json()["conclusion"] == "ERROR"
    assert responses[0].json()["results"] == [["RATE_LIMIT", "ERROR", "RUN"]]


async def test_storage_fault_fail_closed_503(settings, make_client, mode) -> None:
    arcjet_settings(settings, RULES=[fixed_window(max=1, window=60)], STORAGE=f"redis://127.0.0.1:{free_port()}/0",
                    FAIL_OPEN=False)
    response = await get(make_client(), index_path(mode))
    assert response.status_code == 503


# -------------------------------------------------------------------- body


@pytest.mark.parametrize("size", [0, 1, 65_536, 3 * MB])
async def test_body_replayed_byte_exact(settings, make_client, mode, size: int) -> None:
    arcjet_settings(settings, RULES=[shield()], BODY_LIMIT=4 * MB)
    body = os.urandom(size)
    path = "/echo/" if mode == "sync" else "/async/echo/"
    response = await post(make_client(), path, body, content_type="application/octet-stream")
    assert response.status_code == 200
    assert response.headers["x-sha256"] == hashlib.sha256(body).hexdigest()
    assert response.content == body


async def test_body_over_limit_413(settings, make_client, mode) -> None:
    arcjet_settings(settings, RULES=[shield()], BODY_LIMIT=1 * MB)
    path = "/echo/" if mode == "sync" else "/async/echo/"
    response = await post(make_client(), path, os.urandom(3 * MB), content_type="application/octet-stream")
    assert response.status_code == 413
    assert response.json() == {"error": "Payload too large", "reason": "BODY_TOO_LARGE"}


# -------------------------------------------------------------- view rules


async def test_arcjet_protect_signup(settings, make_client, mode) -> None:
    arcjet_settings(settings, RULES=[fixed_window(max=100, window=60)])
    client = make_client()
    path = "/signup/" if mode == "sync" else "/async/signup/"
    ok = await post(client, path, {"email": "ada@example.com"})
    assert ok.status_code == 200
    assert ok.json()["email"] == "ada@example.com"
    assert ok.json()["results"][0] == ["RATE_LIMIT", "ALLOW", "RUN"]
    assert ok.headers["RateLimit-Policy"] == "3;w=60"  # the view's limit, not the global one
    bad = await post(client, path, {"email": "not-an-email"})
    assert (bad.status_code, bad.json()) == (400, {"error": "Bad request", "reason": "EMAIL"})
    bot = await post(client, path, {"email": "ada@example.com"}, headers={"user-agent": "curl/8.5.0"})
    assert bot.status_code == 403


async def test_class_based_views_with_method_decorator(settings, make_client, mode) -> None:
    arcjet_settings(settings, RULES=[fixed_window(max=100, window=60)])
    client = make_client()
    path = "/limited/" if mode == "sync" else "/async/limited/"
    assert [(await get(client, path)).status_code for _ in range(3)] == [200, 200, 429]


def test_decorator_keeps_the_view_kind() -> None:
    from tests.django import views

    assert iscoroutinefunction(views.asignup)
    assert not iscoroutinefunction(views.signup)


# --------------------------------------------------------------------- DRF


def test_drf_view_sees_decision_and_throttle_429(settings) -> None:
    arcjet_settings(settings, RULES=[fixed_window(max=100, window=60)])
    client = clients()[0]
    first = client.get("/drf/items/")
    assert first.json() == {"conclusion": "ALLOW", "items": [1, 2]}
    assert client.get("/drf/items/").status_code == 200
    throttled = client.get("/drf/items/")
    assert throttled.status_code == 429
    assert int(throttled.headers["Retry-After"]) >= 1


def test_drf_post_body_still_parsed_after_shield(settings) -> None:
    arcjet_settings(settings, RULES=[shield()])
    response = clients()[0].post("/drf/items/", {"name": "ada"}, content_type="application/json")
    assert response.json() == {"received": {"name": "ada"}}
