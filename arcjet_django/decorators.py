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
from arcjet_core.rules import flatten_rules
from arcjet_django import conf
from arcjet_django._guard import Guard

F = TypeVar("F", bound=Callable[..., Any])

# Every decorated view's lazily built guard; emptied when settings.ARCJET changes (tests).
_built: list[dict[bool, Guard]] = []


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
    guards: dict[bool, Guard] = {}
    _built.append(guards)

    def guard(is_async: bool) -> Guard:
        found = guards.get(is_async)
        if found is None:
            with lock:
                found = guards.get(is_async)
                if found is None:
                    settings = conf.load()
                    args = dict(settings.client_args, rules=route_rules)
                    client: Arcjet | ArcjetSync = arcjet(**args) if is_async else arcjet_sync(**args)
                    found = guards[is_async] = Guard(client, on_deny=on_deny or settings.on_deny)
        return found

    def decorator(view: F) -> F:
        is_async = iscoroutinefunction(view)

        def values(request: HttpRequest) -> dict[str, Any]:
            return {k: v(request) if callable(v) else v for k, v in protect_kwargs.items()}

        if is_async:

            @functools.wraps(view)
            async def async_view(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
                g = guard(is_async)
                rejected = g.too_large(request)
                if rejected is not None:
                    return rejected
                decision = await g.protect_async(request, values(request))
                denied = await g.adenial(request, decision)
                if denied is not None:
                    return g.add_headers(denied, decision)
                return g.add_headers(await view(request, *args, **kwargs), decision)

            return cast(F, async_view)

        @functools.wraps(view)
        def sync_view(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            g = guard(is_async)
            rejected = g.too_large(request)
            if rejected is not None:
                return rejected
            decision = g.protect_sync(request, values(request))
            denied = g.denial(request, decision)
            if denied is not None:
                return g.add_headers(denied, decision)
            return g.add_headers(view(request, *args, **kwargs), decision)

        return cast(F, sync_view)

    return decorator
