"""ArcjetDependency: per-route rules for FastAPI.

    signup_guard = ArcjetDependency(aj_signup, email=lambda body: body["email"])

    @app.post("/signup")
    async def signup(form: SignupForm, decision: Decision = Depends(signup_guard)): ...

Every keyword is passed to ``protect()``; a callable is called with the parsed
request body (JSON, or a dict of form fields), or with ``(body, request)`` if
it takes two arguments. A denied request raises ``ArcjetDenied``, an
``HTTPException``: without any setup FastAPI answers with its status, its
headers (``Retry-After``, ``RateLimit``...) and ``{"detail": "..."}``; register
``arcjet_denied_handler`` for the same body the middleware sends. Rate-limit
headers are added to allowed responses. Works for ``async def`` and ``def``
routes alike (the dependency itself is async).

The dependency runs every rule of the client it is given: give it a client
with only the route's rules, not the one the middleware already runs.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from arcjet_core import Arcjet, ArcjetSync, Decision
from arcjet_core.adapter import RequestGuard
from arcjet_starlette._responses import OnDeny, accept_of, check_response, to_response, with_headers


class ArcjetDenied(HTTPException):
    """Raised by ArcjetDependency for a denied request; ``response`` is the full deny response."""

    def __init__(self, response: Response, decision: Decision, detail: str) -> None:
        headers = {k: v for k, v in response.headers.items() if k not in ("content-type", "content-length")}
        super().__init__(status_code=response.status_code, detail=detail, headers=headers)
        self.response = response
        self.decision = decision


async def arcjet_denied_handler(request: Request, exc: Exception) -> Response:
    """``app.add_exception_handler(ArcjetDenied, arcjet_denied_handler)``: send the deny response as built."""
    assert isinstance(exc, ArcjetDenied)
    return exc.response


def _arity(fn: Callable[..., Any]) -> int:
    try:
        params = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):
        return 1
    positional = [p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    return 2 if len(positional) >= 2 or any(p.kind is p.VAR_POSITIONAL for p in params) else 1


class ArcjetDependency:
    def __init__(self, client: Arcjet, *, on_deny: OnDeny | None = None, **protect_kwargs: Any) -> None:
        if isinstance(client, ArcjetSync) or not isinstance(client, Arcjet):
            raise TypeError("ArcjetDependency needs the async client from arcjet(...), not arcjet_sync(...)")
        self.client = client
        self.guard = RequestGuard(client, accept=accept_of, on_deny=on_deny)
        self._constants = {k: v for k, v in protect_kwargs.items() if not callable(v)}
        self._callables = {k: (v, _arity(v)) for k, v in protect_kwargs.items() if callable(v)}

    async def __call__(self, request: Request, response: Response) -> Decision:
        kwargs = dict(self._constants)
        if self._callables:
            body = await _parsed_body(request)
            for name, (fn, arity) in self._callables.items():
                kwargs[name] = fn(body, request) if arity == 2 else fn(body)
        outcome = await self.guard.guard_async(request, kwargs)
        if outcome.denied is not None:
            if outcome.replacement is not None:
                denied = check_response(outcome.replacement)
            else:
                denied = to_response(outcome.denied)
            raise ArcjetDenied(with_headers(denied, outcome.headers), outcome.decision, outcome.denied.message)
        for name, value in outcome.headers:
            response.headers[name] = value
        return outcome.decision


async def _parsed_body(request: Request) -> Any:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "application/json" or content_type.endswith("+json"):
        try:
            return await request.json()
        except ValueError:
            return None
    if content_type == "application/x-www-form-urlencoded":
        # Parsed here so a urlencoded form needs no python-multipart.
        return dict(parse_qsl((await request.body()).decode("utf-8", "replace"), keep_blank_values=True))
    if content_type == "multipart/form-data":
        form = await request.form()  # needs python-multipart, as FastAPI's Form() does
        return {key: form.get(key) for key in form}
    return None
