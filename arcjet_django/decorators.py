"""``@arcjet_protect(rules=[...])``: per-view rules, for sync and async views.

    @arcjet_protect(rules=[protect_signup(...)], email=lambda request: request.POST["email"])
    def signup(request): ...

A callable keyword is called with the request. The view keeps its kind: an
``async def`` view gets the async client, a ``def`` view the sync one. For
class-based views use ``method_decorator(arcjet_protect(...), name="dispatch")``
(sync views) or name the async handler (``name="post"``). The client is built
from settings.ARCJET (key, storage, proxies, ...) with the view's own rules,
on the view's first request.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Sequence
from typing import Any, TypeVar, cast

from asgiref.sync import iscoroutinefunction
from django.core.signals import setting_changed
from django.http import HttpRequest

from arcjet_core import Arcjet, ArcjetMisconfiguration, ArcjetSync, RuleSpec, arcjet, arcjet_sync
from arcjet_core.adapter import RequestGuard
from arcjet_core.rules import flatten_rules
from arcjet_django import conf
from arcjet_django._guard import make_guard, respond_async, respond_sync

F = TypeVar("F", bound=Callable[..., Any])

# Every decorated view's lazily built guard; emptied when settings.ARCJET changes (tests).
_built: list[dict[bool, RequestGuard]] = []


def _reset_on_settings_change(*, setting: str, **kwargs: Any) -> None:
    if setting == "ARCJET":
        for guards in _built:
            guards.clear()


setting_changed.connect(_reset_on_settings_change)


def arcjet_protect(
    rules: RuleSpec | Sequence[RuleSpec],
    *,
    on_deny: conf.OnDeny | None = None,
    **protect_kwargs: Any,
) -> Callable[[F], F]:
    route_rules = flatten_rules(rules)
    if not route_rules:
        raise ArcjetMisconfiguration("arcjet_protect(): pass rules=[...]")

    # State lives here, not in `decorator`: method_decorator re-applies `decorator`
    # on every call, and the view's limits must outlive a request.
    lock = threading.Lock()
    guards: dict[bool, RequestGuard] = {}
    _built.append(guards)

    def guard(is_async: bool) -> RequestGuard:
        found = guards.get(is_async)
        if found is None:
            with lock:
                found = guards.get(is_async)
                if found is None:
                    settings = conf.load()
                    args = dict(settings.client_args, rules=route_rules)
                    client: Arcjet | ArcjetSync = arcjet(**args) if is_async else arcjet_sync(**args)
                    found = guards[is_async] = make_guard(client, on_deny or settings.on_deny)
        return found

    def decorator(view: F) -> F:
        is_async = iscoroutinefunction(view)

        def computed(request: HttpRequest) -> dict[str, Any]:
            return {k: v(request) if callable(v) else v for k, v in protect_kwargs.items()}

        values = computed if protect_kwargs else None

        if is_async:

            @functools.wraps(view)
            async def async_view(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
                return await respond_async(guard(is_async), request, values, view, *args, **kwargs)

            return cast(F, async_view)

        @functools.wraps(view)
        def sync_view(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            return respond_sync(guard(is_async), request, values, view, *args, **kwargs)

        return cast(F, sync_view)

    return decorator
