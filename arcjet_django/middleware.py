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
from arcjet_django._guard import make_guard, respond_async, respond_sync


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
        self.guard = make_guard(client, settings.on_deny)
        # None without EXCLUDE: no matcher call per request.
        self.exclude = settings.exclude if settings.exclude else None

    def __call__(self, request: HttpRequest) -> HttpResponse | Awaitable[HttpResponse]:
        if self.is_async:
            return self.__acall__(request)
        if self.exclude is not None and self.exclude(request.path_info):
            response: HttpResponse = self.get_response(request)
            return response
        return respond_sync(self.guard, request, None, self.get_response)

    async def __acall__(self, request: HttpRequest) -> HttpResponse:
        if self.exclude is not None and self.exclude(request.path_info):
            response: HttpResponse = await self.get_response(request)
            return response
        return await respond_async(self.guard, request, None, self.get_response)
