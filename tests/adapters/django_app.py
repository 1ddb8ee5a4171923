"""Django with ArcjetMiddleware from settings.ARCJET: EXCLUDE for /open,
@arcjet_protect on /limited. This module is the harness's ROOT_URLCONF."""

from __future__ import annotations

import json
import socket
from typing import Any
from urllib.parse import urlencode

from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.test import AsyncClient, Client
from django.test.utils import override_settings
from django.urls import path

from arcjet_core import Decision
from arcjet_django.decorators import arcjet_protect
from tests.adapters.harness import (
    BROWSER_UA,
    CUSTOM_BODY,
    CUSTOM_STATUS,
    OWN_RATELIMIT,
    ROUTE_RULES,
    Reply,
    Setup,
    form_summary,
)

SETTINGS = {"key": "KEY", "rules": "RULES", "environment": "ENVIRONMENT", "fail_open": "FAIL_OPEN",
            "storage": "STORAGE", "body_limit": "BODY_LIMIT", "body_timeout": "BODY_TIMEOUT"}


def on_deny(request: HttpRequest, decision: Decision) -> HttpResponse:
    return HttpResponse(CUSTOM_BODY, status=CUSTOM_STATUS, content_type="text/plain")


def index(request: HttpRequest) -> HttpResponse:
    return HttpResponse("hello", content_type="text/plain", headers={"x-view": "yes"})


def decision(request: HttpRequest) -> HttpResponse:
    found = getattr(request, "arcjet_decision", None)
    return HttpResponse(found.conclusion.value if found is not None else "none", content_type="text/plain")


def own_headers(request: HttpRequest) -> HttpResponse:
    return HttpResponse("own", headers={"RateLimit": OWN_RATELIMIT})


@arcjet_protect(rules=list(ROUTE_RULES))
def limited(request: HttpRequest) -> HttpResponse:
    return decision(request)


def echo(request: HttpRequest) -> HttpResponse:
    return HttpResponse(request.body, content_type="application/octet-stream")


def echo_json(request: HttpRequest) -> HttpResponse:
    return JsonResponse(json.loads(request.body), safe=False)


def form(request: HttpRequest) -> HttpResponse:
    files = {name: upload.read() for name, upload in request.FILES.items()}
    return JsonResponse(form_summary(dict(request.POST.items()), files))


urlpatterns = [
    path("", index),
    path("decision", decision),
    path("own-headers", own_headers),
    path("open", decision),
    path("limited", limited),
    path("echo", echo),
    path("json", echo_json),
    path("form", form),
]


def reply(response: Any) -> Reply:
    return Reply(response.status_code, list(response.items()), response.content)


class DjangoHarness:
    """The sync stack (WSGI, Client) or the async one (ASGI, AsyncClient)."""

    def __init__(self, is_async: bool) -> None:
        self.is_async = is_async
        self.name = "django-async" if is_async else "django"
        # Django's ASGI handler reads the whole body before any middleware runs.
        self.features = frozenset({"route_rules"} if is_async else {"route_rules", "stall"})
        self.override: override_settings | None = None

    def build(self, setup: Setup) -> None:
        arcjet = {SETTINGS[name]: value for name, value in setup.client_args().items()}
        arcjet.update(EXCLUDE=["/open"], ON_DENY=on_deny if setup.on_deny else None)
        self.override = override_settings(ROOT_URLCONF=__name__, ARCJET=arcjet,
                                          MIDDLEWARE=["arcjet_django.middleware.ArcjetMiddleware"])
        self.override.enable()
        self.client: Client | AsyncClient = (AsyncClient if self.is_async else Client)(
            headers={"user-agent": BROWSER_UA})

    async def send(self, method: str, path: str, *, headers: dict[str, str] | None = None,
                   content: bytes | None = None, data: dict[str, str] | None = None,
                   files: dict[str, tuple[str, bytes, str]] | None = None, json_body: Any = None) -> Reply:
        kwargs: dict[str, Any] = {"headers": headers or {}}
        if content is not None:
            kwargs.update(data=content, content_type="application/octet-stream")
        elif files is not None:
            form: dict[str, Any] = dict(data or {})
            form.update({name: SimpleUploadedFile(filename, body, ctype)
                         for name, (filename, body, ctype) in files.items()})
            kwargs.update(data=form)  # multipart, Django's default
        elif data is not None:
            kwargs.update(data=urlencode(data), content_type="application/x-www-form-urlencoded")
        elif json_body is not None:
            kwargs.update(data=json_body, content_type="application/json")
        response = (self.client.post if method == "POST" else self.client.get)(path, **kwargs)
        if self.is_async:
            response = await response
        return reply(response)

    async def stalled(self, sent: bytes, announced: int) -> Reply:
        assert not self.is_async
        sender, server = socket.socketpair()
        reader = server.makefile("rb")
        try:
            sender.sendall(sent)
            response = self.client.post("/echo", b"", content_type="text/plain",
                                        **{"wsgi.input": reader, "CONTENT_LENGTH": str(announced)})
            return reply(response)
        finally:
            sender.close()  # first: the reader thread still blocked on the stall gets EOF
            reader.close()
            server.close()

    async def close(self) -> None:
        if self.override is not None:
            self.override.disable()
            self.override = None
