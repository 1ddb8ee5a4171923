"""The one adapter path: protect -> deny response -> ``on_deny`` -> headers.

Every framework adapter answers a request the same way; this module does it
once, so an adapter only translates its framework's request and response
types. Sync and async twins share one pure core (``decide``).

Build one ``RequestGuard`` per client, at start-up::

    guard = RequestGuard(client, accept=lambda request: request.headers.get("accept"), on_deny=on_deny)

``accept`` reads the request's Accept header (called only when a deny
response is built); ``on_deny(request, decision)`` is the user's hook, called
with the request the adapter passed in, and may return anything the
framework turns into a response (the async twin awaits an awaitable result).

Per request::

    refused = guard.too_large(request, content_length)   # 413 DenyResponse or None (adapters
                                                          # that let protect() read the body)
    outcome = guard.guard_sync(request, kwargs)           # or: await guard.guard_async(request, kwargs)

``Outcome`` fields:

- ``decision``: attach it to the request for views (``request.state``, ``g``, ...).
- ``denied``: ``None`` to run the view; else the ``DenyResponse`` that replaces it.
- ``replacement``: what ``on_deny`` returned (send it instead of ``denied``), or
  ``None`` when ``on_deny`` was not called. It is never called for a 408.
- ``headers``: ``((name, value), ...)`` RateLimit headers for whatever response
  goes out (the view's, the deny response or ``on_deny``'s); add them to a
  response that has no ``RateLimit`` header of its own. Empty without a rate limit.
- ``timed_out`` (property): the request body did not arrive within
  ``body_timeout`` (a 408): a WSGI adapter releases the stalled connection
  (``arcjet_core._body.release_stalled_connection``), an ASGI one closes it.

``ArcjetMisconfiguration`` from protect() propagates: a broken setup must
surface. Any other ``ArcjetError`` (raised only with ``fail_open=False``)
becomes an ERROR decision, answered 503; with ``fail_open=True`` an ERROR
decision lets the request through.

Lower-level pieces, for adapters with their own flow: ``decide(decision,
accept, fail_open)`` (pure), ``RequestGuard.protect_sync`` /
``protect_async`` (the error handling alone), ``RequestGuard.outcome``.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

from arcjet_core.client import Arcjet, ArcjetSync
from arcjet_core.decision import Decision
from arcjet_core.enums import Conclusion
from arcjet_core.errors import ArcjetError, ArcjetMisconfiguration
from arcjet_core.headers import rate_limit_header_pairs
from arcjet_core.responses import (
    REQUEST_TIMEOUT,
    DenyResponse,
    body_timed_out,
    deny_response,
    error_decision,
    payload_too_large,
)

__all__ = ["HeaderPairs", "OnDeny", "Outcome", "RequestGuard", "decide"]

HeaderPairs = tuple[tuple[str, str], ...]
OnDeny = Callable[[Any, Decision], Any]
AcceptOf = Callable[[Any], "str | None"]
_NO_KWARGS: Mapping[str, Any] = {}


class Outcome(NamedTuple):
    """How to answer one request (see the module docstring)."""

    decision: Decision
    denied: DenyResponse | None
    replacement: Any
    headers: HeaderPairs

    @property
    def timed_out(self) -> bool:
        return self.denied is not None and self.denied.status == REQUEST_TIMEOUT


def decide(decision: Decision, accept: str | None, fail_open: bool) -> Outcome:
    """The pure core: the deny response (if any) and the headers for ``decision``."""
    return Outcome(decision, deny_response(decision, accept=accept, fail_open=fail_open), None,
                   rate_limit_header_pairs(decision))


class RequestGuard:
    """One client and how to answer for it; no framework state of its own."""

    __slots__ = ("_accept", "body_limit", "client", "fail_open", "needs_body", "on_deny")

    def __init__(self, client: Arcjet | ArcjetSync, *, accept: AcceptOf, on_deny: OnDeny | None = None) -> None:
        if not isinstance(client, (Arcjet, ArcjetSync)):
            raise TypeError(f"client must be arcjet(...) or arcjet_sync(...), got {type(client).__name__}")
        if on_deny is not None and not callable(on_deny):
            raise TypeError(f"on_deny must be a callable (request, decision) -> response, got {on_deny!r}")
        self.client = client
        self.on_deny = on_deny
        self._accept = accept
        self.fail_open = client.fail_open
        self.needs_body = client.needs_body
        self.body_limit = client.body_limit

    # ---------------------------------------------------------- pure steps

    def too_large(self, request: Any, content_length: int | str | None) -> DenyResponse | None:
        """413 when a body rule would read a body larger than ``body_limit``."""
        if not self.needs_body or content_length is None:
            return None
        if isinstance(content_length, str):
            try:
                content_length = int(content_length.strip() or 0)
            except ValueError:
                return None  # the server rejects an invalid length before the app runs
        if content_length > self.body_limit:
            return payload_too_large(self._accept(request))
        return None

    def outcome(self, request: Any, decision: Decision) -> Outcome:
        """``decide`` for this client; reads Accept only when a response is built."""
        headers = rate_limit_header_pairs(decision)
        conclusion = decision.conclusion
        if conclusion is Conclusion.ALLOW or (
            conclusion is Conclusion.ERROR and self.fail_open and not body_timed_out(decision)
        ):
            return Outcome(decision, None, None, headers)
        denied = deny_response(decision, accept=self._accept(request), fail_open=self.fail_open)
        return Outcome(decision, denied, None, headers)

    # --------------------------------------------------------- sync twin

    def protect_sync(self, request: Any, kwargs: Mapping[str, Any] | None = None) -> Decision:
        client = self.client
        if not isinstance(client, ArcjetSync):
            raise TypeError("this adapter needs the sync client from arcjet_sync(...)")
        try:
            return client.protect(request, **(kwargs or _NO_KWARGS))
        except ArcjetMisconfiguration:
            raise
        except ArcjetError as exc:  # only with fail_open=False: answered 503
            return error_decision(exc)

    def guard_sync(self, request: Any, kwargs: Mapping[str, Any] | None = None) -> Outcome:
        outcome = self.outcome(request, self.protect_sync(request, kwargs))
        if outcome.denied is None or self.on_deny is None or outcome.timed_out:
            return outcome
        return outcome._replace(replacement=self.on_deny(request, outcome.decision))

    # -------------------------------------------------------- async twin

    async def protect_async(self, request: Any, kwargs: Mapping[str, Any] | None = None) -> Decision:
        client = self.client
        if not isinstance(client, Arcjet):
            raise TypeError("this adapter needs the async client from arcjet(...)")
        try:
            return await client.protect(request, **(kwargs or _NO_KWARGS))
        except ArcjetMisconfiguration:
            raise
        except ArcjetError as exc:  # only with fail_open=False: answered 503
            return error_decision(exc)

    async def guard_async(self, request: Any, kwargs: Mapping[str, Any] | None = None) -> Outcome:
        # protect_async inlined: one coroutine less per request.
        client = self.client
        if not isinstance(client, Arcjet):
            raise TypeError("this adapter needs the async client from arcjet(...)")
        try:
            decision = await client.protect(request, **(kwargs or _NO_KWARGS))
        except ArcjetMisconfiguration:
            raise
        except ArcjetError as exc:  # only with fail_open=False: answered 503
            decision = error_decision(exc)
        outcome = self.outcome(request, decision)
        if outcome.denied is None or self.on_deny is None or outcome.timed_out:
            return outcome
        result = self.on_deny(request, outcome.decision)
        if inspect.isawaitable(result):
            result = await result
        return outcome._replace(replacement=result)
