"""Starlette's side of the adapter path: its Request's Accept, DenyResponse -> Response."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import HTTPConnection
from starlette.responses import Response

from arcjet_core import Decision
from arcjet_core.adapter import HeaderPairs
from arcjet_core.responses import DenyResponse

OnDeny = Callable[[Any, Decision], Response | Awaitable[Response]]


def accept_of(request: HTTPConnection) -> str | None:
    return request.headers.get("accept")


def to_response(denied: DenyResponse) -> Response:
    response = Response(denied.body, status_code=denied.status, media_type=denied.content_type)
    for name, value in denied.headers:
        response.headers.append(name, value)
    return response


def check_response(result: object) -> Response:
    """What on_deny returned, which must be a Response."""
    if not isinstance(result, Response):
        raise TypeError(f"on_deny must return a Starlette/FastAPI Response, got {type(result).__name__}")
    return result


def with_headers(response: Response, headers: HeaderPairs) -> Response:
    """``response`` with the rate-limit headers it does not set itself."""
    if headers and "ratelimit" not in response.headers:
        for name, value in headers:
            if name not in response.headers:
                response.headers.append(name, value)
    return response
