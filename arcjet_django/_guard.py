"""What the middleware, the view decorator and the DRF throttle share."""

from __future__ import annotations

import inspect
from typing import Any

from django.http import HttpRequest, HttpResponse

from arcjet_core import Arcjet, ArcjetError, ArcjetMisconfiguration, ArcjetSync, Decision
from arcjet_core._body import release_stalled_connection
from arcjet_core.responses import (
    REQUEST_TIMEOUT,
    DenyResponse,
    PathMatcher,
    client_fails_open,
    client_needs_body,
    deny_response,
    error_decision,
    payload_too_large,
    rate_limit_headers,
)
from arcjet_django.conf import OnDeny


def to_response(denied: DenyResponse) -> HttpResponse:
    return HttpResponse(denied.body, status=denied.status, content_type=denied.content_type, headers=dict(denied.headers))


def _content_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


class Guard:
    """One client plus how to answer for it; no framework state of its own."""

    def __init__(self, client: Arcjet | ArcjetSync, *, exclude: PathMatcher | None = None, on_deny: OnDeny | None = None) -> None:
        self.client = client
        self.exclude = exclude or PathMatcher()
        self.on_deny = on_deny
        self.needs_body = client_needs_body(client)
        self.fail_open = client_fails_open(client)

    def skips(self, request: HttpRequest) -> bool:
        return self.exclude(request.path_info)

    def too_large(self, request: HttpRequest) -> HttpResponse | None:
        if self.needs_body and _content_length(request) > self.client.body_limit:
            return to_response(payload_too_large(request.headers.get("accept")))
        return None

    def protect_sync(self, request: HttpRequest, kwargs: dict[str, Any]) -> Decision:
        assert isinstance(self.client, ArcjetSync)
        try:
            return self.client.protect(request, **kwargs)
        except ArcjetMisconfiguration:
            raise
        except ArcjetError as exc:  # only with fail_open=False
            return error_decision(exc)

    async def protect_async(self, request: HttpRequest, kwargs: dict[str, Any]) -> Decision:
        assert isinstance(self.client, Arcjet)
        try:
            return await self.client.protect(request, **kwargs)
        except ArcjetMisconfiguration:
            raise
        except ArcjetError as exc:
            return error_decision(exc)

    def denial(self, request: HttpRequest, decision: Decision) -> Any:
        """Attach the decision; the deny response (maybe awaitable from an async on_deny) or None."""
        request.arcjet_decision = decision
        denied = deny_response(decision, accept=request.headers.get("accept"), fail_open=self.fail_open)
        if denied is None:
            return None
        if denied.status == REQUEST_TIMEOUT:
            # The body stalled: answer now and let go of the connection's
            # read side, so neither the reader nor the server waits for it.
            release_stalled_connection(request.META)
            return to_response(denied)
        if self.on_deny is not None:
            return self.on_deny(request, decision)
        return to_response(denied)

    async def adenial(self, request: HttpRequest, decision: Decision) -> HttpResponse | None:
        response = self.denial(request, decision)
        if inspect.isawaitable(response):
            response = await response
        return response

    @staticmethod
    def add_headers(response: HttpResponse, decision: Decision) -> HttpResponse:
        for name, value in rate_limit_headers(decision):
            if name not in response.headers:
                response.headers[name] = value
        return response
