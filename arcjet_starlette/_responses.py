"""Core DenyResponse -> Starlette Response, and the on_deny hook."""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import HTTPConnection
from starlette.responses import Response

from arcjet_core import Decision
from arcjet_core.responses import DenyResponse

OnDeny = Callable[[Any, Decision], Response | Awaitable[Response]]


def to_response(denied: DenyResponse) -> Response:
    response = Response(denied.body, status_code=denied.status, media_type=denied.content_type)
    for name, value in denied.headers:
        response.headers.append(name, value)
    return response


async def call_on_deny(on_deny: OnDeny, request: HTTPConnection, decision: Decision) -> Response:
    result = on_deny(request, decision)
    if inspect.isawaitable(result):
        result = await result
    if not isinstance(result, Response):
        raise TypeError(f"on_deny must return a Starlette/FastAPI Response, got {type(result).__name__}")
    return result
