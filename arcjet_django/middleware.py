"""``arcjet_django.middleware.ArcjetMiddleware``: settings.ARCJET's rules on every request.

Sync and async capable: under WSGI it uses the sync client, under ASGI the
async one, so there is no thread hop in an async stack and no event loop in a
sync one. Settings are read once, when Django builds the middleware; without
RULES the middleware removes itself (MiddlewareNotUsed).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from asgiref.sync import iscoroutinefunction, markcoroutinefunction
from django.core.exceptions import MiddlewareNotUsed
from django.http import HttpRequest, HttpResponse

from arcjet_core import arcjet, arcjet_sync
from arcjet_core.rules import flatten_rules
from arcjet_django import conf
from arcjet_django._guard import Guard


class ArcjetMiddleware:
    sync_capable = True
    async_capable = True

    def __init__(self, get_response: Callable[[HttpRequest], Any]) -> None:
        self.get_response = get_response
        settings = conf.load()
        if not flatten_rules(settings.client_args["rules"]):
            raise MiddlewareNotUsed("settings.ARCJET has no RULES")
        self.is_async = iscoroutinefunction(get_response)
        if self.is_async:
            markcoroutinefunction(self)
            client: Any = arcjet(**settings.client_args)
        else:
            client = arcjet_sync(**settings.client_args)
        self.guard = Guard(client, exclude=settings.exclude, on_deny=settings.on_deny)

    def __call__(self, request: HttpRequest) -> HttpResponse | Awaitable[HttpResponse]:
        if self.is_async:
            return self.__acall__(request)
        guard = self.guard
        if guard.skips(request):
            response: HttpResponse = self.get_response(request)
            return response
        rejected = guard.too_large(request)
        if rejected is not None:
            return rejected
        decision = guard.protect_sync(request, {})
        denied = guard.denial(request, decision)
        if denied is not None:
            return guard.add_headers(denied, decision)
        return guard.add_headers(self.get_response(request), decision)

    async def __acall__(self, request: HttpRequest) -> HttpResponse:
        guard = self.guard
        if guard.skips(request):
            response: HttpResponse = await self.get_response(request)
            return response
        rejected = guard.too_large(request)
        if rejected is not None:
            return rejected
        decision = await guard.protect_async(request, {})
        denied = await guard.adenial(request, decision)
        if denied is not None:
            return guard.add_headers(denied, decision)
        return guard.add_headers(await self.get_response(request), decision)
