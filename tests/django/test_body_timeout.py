"""settings.ARCJET["BODY_TIMEOUT"]: a stalled upload is answered 408 without
running the view, within the timeout (issue 14, finding 6)."""

from __future__ import annotations

import time
import uuid
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpRequest, HttpResponse

from arcjet_core import shield
from arcjet_django.middleware import ArcjetMiddleware

UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"


def wsgi_request(stream: Any, length: int) -> WSGIRequest:
    return WSGIRequest({
        "REQUEST_METHOD": "POST", "PATH_INFO": "/upload/", "SCRIPT_NAME": "", "QUERY_STRING": "",
        "SERVER_NAME": "testserver", "SERVER_PORT": "80", "REMOTE_ADDR": "127.0.0.1", "HTTP_USER_AGENT": UA,
        "CONTENT_TYPE": "text/plain", "CONTENT_LENGTH": str(length), "wsgi.input": stream,
        "wsgi.url_scheme": "http",
    })


def middleware(settings: Any, views: list[HttpRequest], **values: Any) -> ArcjetMiddleware:
    settings.ARCJET = {"KEY": f"dj-{uuid.uuid4().hex[:8]}", "ENVIRONMENT": "development",
                       "RULES": [shield()], **values}

    def view(request: HttpRequest) -> HttpResponse:
        views.append(request)
        return HttpResponse(request.body)

    return ArcjetMiddleware(view)


def test_stalled_upload_gets_408_without_running_the_view(settings: Any, pipe: Any) -> None:
    client, reader = pipe
    views: list[HttpRequest] = []
    mw = middleware(settings, views, BODY_TIMEOUT=0.3)
    client.sendall(b"x" * 10)  # of 1000 announced, then nothing
    started = time.monotonic()
    response = mw(wsgi_request(reader, 1000))
    assert response.status_code == 408  # type: ignore[union-attr]
    assert time.monotonic() - started < 1.0
    assert views == []


def test_upload_in_time_reaches_the_view_byte_for_byte(settings: Any, pipe: Any) -> None:
    client, reader = pipe
    views: list[HttpRequest] = []
    mw = middleware(settings, views, BODY_TIMEOUT=2)
    client.sendall(b"hello world")
    response = mw(wsgi_request(reader, 11))
    assert response.status_code == 200 and response.content == b"hello world"  # type: ignore[union-attr]
    assert len(views) == 1


@pytest.mark.parametrize("bad", [0, -1, "5", True])
def test_invalid_body_timeout_is_refused_naming_it(settings: Any, bad: object) -> None:
    with pytest.raises(ImproperlyConfigured, match="BODY_TIMEOUT"):
        middleware(settings, [], BODY_TIMEOUT=bad)
