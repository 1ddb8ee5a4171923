"""``ArcjetThrottle``: rate-limit rules as a Django REST framework throttle.

    class UserBurst(ArcjetThrottle):
        rules = [token_bucket(refill_rate=5, interval=10, capacity=10, characteristics=["userId"])]

        def get_protect_kwargs(self, request, view):
            return {"characteristics": {"userId": str(request.user.pk)}}

    class ItemList(APIView):
        throttle_classes = [UserBurst]

DRF answers a denial with its own 429 and ``Retry-After`` (from ``wait()``).
Only rate-limit rules belong in a throttle: a bot or shield denial is not a
429; use the middleware or ``arcjet_protect`` for those. A rule failure
(ERROR) lets the request through.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any, ClassVar

from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from rest_framework.throttling import BaseThrottle

from arcjet_core import ArcjetSync, Decision, RuleSpec, arcjet_sync
from arcjet_core.adapter import RequestGuard
from arcjet_core.rules import flatten_rules
from arcjet_django import conf
from arcjet_django._guard import make_guard

_lock = threading.Lock()
# Each throttle class's guard, built on its first request.
_guards: dict[type, RequestGuard] = {}


# DRF ships no type information, so BaseThrottle is Any to mypy.
class ArcjetThrottle(BaseThrottle):  # type: ignore[misc]
    rules: ClassVar[Sequence[RuleSpec]] = ()

    def get_protect_kwargs(self, request: Any, view: Any) -> dict[str, Any]:
        """Extra protect() arguments, e.g. ``{"characteristics": {"userId": ...}}``."""
        return {}

    @classmethod
    def _guard(cls) -> RequestGuard:
        guard = _guards.get(cls)
        if guard is None:
            with _lock:
                guard = _guards.get(cls)
                if guard is None:
                    rules = flatten_rules(cls.rules, f"{cls.__name__}.rules")
                    if not rules or any(r.kind != "RATE_LIMIT" for r in rules):
                        raise ImproperlyConfigured(
                            f"{cls.__name__}.rules must be rate-limit rules (token_bucket, fixed_window, sliding_window)"
                        )
                    client: ArcjetSync = arcjet_sync(**dict(conf.load().client_args, rules=rules))
                    guard = _guards[cls] = make_guard(client)
        return guard

    def allow_request(self, request: Any, view: Any) -> bool:
        # DRF's Request gives Django's request attributes (META, body) through
        # its own: protect() reads it as the HttpRequest it wraps.
        decision: Decision = self._guard().protect_sync(request, self.get_protect_kwargs(request, view))
        self.decision = decision
        request.arcjet_throttle_decision = decision
        return not decision.is_denied()

    def wait(self) -> float | None:
        decision: Decision | None = getattr(self, "decision", None)
        if decision is None:
            return None
        reason = decision.reason_v2
        if reason.type == "RATE_LIMIT":
            return max(1.0, reason.reset.total_seconds())
        return float(decision.ttl) if decision.ttl else None


def _reset_on_settings_change(*, setting: str, **kwargs: Any) -> None:
    if setting == "ARCJET":
        _guards.clear()


setting_changed.connect(_reset_on_settings_change)
