"""Django's side of the core's one adapter path (arcjet_core.adapter).

The middleware, the view decorator and the DRF throttle answer a request the
same way, through a ``RequestGuard``; this module only translates: an
HttpRequest in (its ``META``), an HttpResponse out.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from django.http import HttpRequest, HttpResponse

from arcjet_core import Arcjet, ArcjetSync
from arcjet_core._body import release_stalled_connection
from arcjet_core.adapter import HeaderPairs, Outcome, RequestGuard
from arcjet_core.responses import DenyResponse
from arcjet_django.conf import OnDeny


def _accept(request: HttpRequest) -> str | None:
    # META, not request.headers: that builds a mapping of every header.
    accept: str | None = request.META.get("HTTP_ACCEPT")
    return accept


def _attaching(on_deny: OnDeny) -> OnDeny:
    """``on_deny`` called with ``request.arcjet_decision`` already set, as views see it."""

    def call(request: HttpRequest, decision: Any) -> Any:
        request.arcjet_decision = decision
        return on_deny(request, decision)

    return call


def make_guard(client: Arcjet | ArcjetSync, on_deny: OnDeny | None = None) -> RequestGuard:
    return RequestGuard(client, accept=_accept, on_deny=_attaching(on_deny) if on_deny is not None else None)


def to_response(denied: DenyResponse) -> HttpResponse:
    return HttpResponse(denied.body, status=denied.status, content_type=denied.content_type, headers=dict(denied.headers))


def too_large(guard: RequestGuard, request: HttpRequest) -> HttpResponse | None:
    """413 when a body rule would read a body larger than ``body_limit``."""
    if not guard.needs_body:
        return None
    refused = guard.too_large(request, request.META.get("CONTENT_LENGTH"))
    return None if refused is None else to_response(refused)


def denial(request: HttpRequest, outcome: Outcome) -> HttpResponse:
    """What replaces the view of a denied request (``outcome.denied`` is set)."""
    denied = outcome.denied
    assert denied is not None
    if outcome.timed_out:
        # The body stalled: answer now and let go of the connection's read
        # side, so neither the reader thread nor the server waits for it.
        release_stalled_connection(request.META)
    elif outcome.replacement is not None:
        replacement: HttpResponse = outcome.replacement
        return replacement
    return to_response(denied)


def add_headers(response: HttpResponse, headers: HeaderPairs) -> HttpResponse:
    """The RateLimit headers the response does not set itself."""
    if headers:
        own = response.headers
        # One pass over the response's few headers: a miss in Django's
        # case-insensitive mapping raises and catches a KeyError per name.
        present = {name.lower() for name in own}
        for name, value in headers:
            if name.lower() not in present:
                own[name] = value
    return response


ProtectValues = Callable[[HttpRequest], Mapping[str, Any]] | None


def respond_sync(
    guard: RequestGuard, request: HttpRequest, values: ProtectValues,
    view: Callable[..., HttpResponse], *args: Any, **view_kwargs: Any,
) -> HttpResponse:
    """protect(), then the view's response or the denial, with the headers.
    ``values(request)``: protect()'s keyword arguments, asked for only once
    the request is known not to be refused 413."""
    refused = too_large(guard, request)
    if refused is not None:
        return refused
    outcome = guard.guard_sync(request, values(request) if values is not None else None)
    request.arcjet_decision = outcome.decision
    if outcome.denied is None:
        return add_headers(view(request, *args, **view_kwargs), outcome.headers)
    return add_headers(denial(request, outcome), outcome.headers)


async def respond_async(
    guard: RequestGuard, request: HttpRequest, values: ProtectValues,
    view: Callable[..., Awaitable[HttpResponse]], *args: Any, **view_kwargs: Any,
) -> HttpResponse:
    """respond_sync for an async stack: the async client, an awaited view."""
    refused = too_large(guard, request)
    if refused is not None:
        return refused
    outcome = await guard.guard_async(request, values(request) if values is not None else None)
    request.arcjet_decision = outcome.decision
    if outcome.denied is None:
        return add_headers(await view(request, *args, **view_kwargs), outcome.headers)
    return add_headers(denial(request, outcome), outcome.headers)
