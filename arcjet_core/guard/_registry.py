"""Optional process-wide client, for code that cannot be handed one.

``register_arcjet(client)`` once at start-up; then the free ``guard()`` /
``guard_sync()``, ``capture()`` and ``flush()`` / ``flush_sync()`` reach it.
Passing the client explicitly is still the recommended path;
``launch_arcjet()`` never registers anything by itself.

A module global, not a context variable: a value set at start-up must be
seen by every worker thread of a WSGI server, and a fresh thread starts with
an empty context.

With no client of the call's flavor registered, ``guard()`` fails open into
an ALLOW whose only result is a ``RuleResultError`` (code ``NO_CLIENT``), so
``has_failed_open()`` is true and ``guard_action`` fails closed; ``capture()``
drops the event; ``flush()`` returns.
"""

from __future__ import annotations

import inspect
import threading
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from arcjet_core.guard import _codes
from arcjet_core.guard._client import ArcjetGuard, ArcjetGuardSync
from arcjet_core.guard._evaluate import no_client_decision
from arcjet_core.guard._policy_input import PolicyInputMap
from arcjet_core.guard._types import Decision
from arcjet_core.guard._unions import RuleWithInput
from arcjet_core.metadata import Metadata

AnyArcjetGuard = ArcjetGuard | ArcjetGuardSync

_registered: AnyArcjetGuard | None = None
# Protects the check-then-set, so two threads registering at once cannot both win.
_lock = threading.Lock()


def _diagnose(client: object, code: str, message: str) -> None:
    logger = getattr(client, "logger", None)
    try:
        if logger is not None:
            logger.warning("arcjet: %s [%s]", message, code)
    except Exception:  # a logging handler's failure must not become the caller's
        pass


def register_arcjet(client: AnyArcjetGuard) -> None:
    """Register *client* for the free calls. A second, different client is
    refused (the first stays, ``AJ3004`` on its logger), so a library cannot
    quietly take over an application's client. Registering the same client
    again is a no-op. Never raises."""
    global _registered
    with _lock:
        incumbent = _registered
        if incumbent is None:
            _registered = client
            return
        if incumbent is client:
            return
    _diagnose(incumbent, _codes.CLIENT_ALREADY_REGISTERED,
              "a Guard client is already registered; the existing one was kept")


def unregister_arcjet() -> None:
    """Forget the registered client, if any. Libraries should not call this. Never raises."""
    global _registered
    with _lock:
        _registered = None


def registered_client() -> AnyArcjetGuard | None:
    return _registered


def _mismatch(client: AnyArcjetGuard | None) -> None:
    if client is not None:
        _diagnose(client, _codes.CLIENT_FLAVOR_MISMATCH,
                  "the registered Guard client is the other of sync/async from this call; it failed open")


async def guard(rules: Sequence[RuleWithInput] = (), *, label: str, metadata: Metadata | None = None,
                correlation_id: str | None = None, actor: str | None = None,
                inputs: PolicyInputMap | None = None) -> Decision:
    """``guard()`` on the registered async client (see the module docstring
    for what happens without one)."""
    client = _registered
    if isinstance(client, ArcjetGuard):
        return await client.guard(rules, label=label, metadata=metadata, correlation_id=correlation_id,
                                  actor=actor, inputs=inputs)
    _mismatch(client)
    return no_client_decision("guard() was called with no registered async Guard client")


def guard_sync(rules: Sequence[RuleWithInput] = (), *, label: str, metadata: Metadata | None = None,
               correlation_id: str | None = None, actor: str | None = None,
               inputs: PolicyInputMap | None = None) -> Decision:
    """``guard()`` on the registered sync client."""
    client = _registered
    if isinstance(client, ArcjetGuardSync):
        return client.guard(rules, label=label, metadata=metadata, correlation_id=correlation_id, actor=actor,
                            inputs=inputs)
    _mismatch(client)
    return no_client_decision("guard_sync() was called with no registered sync Guard client")


def capture(*, action: str, correlation_id: str | None = None, decision_id: str | None = None,
            occurred_at: datetime | None = None, metadata: Metadata | None = None) -> None:
    """``capture()`` on the registered client, either flavor (it only queues).
    Dropped when nothing is registered. Never raises."""
    client = _registered
    if client is not None:
        client.capture(action=action, correlation_id=correlation_id, decision_id=decision_id,
                       occurred_at=occurred_at, metadata=metadata)


async def flush(timeout_ms: int | None = None) -> None:
    """``flush()`` on the registered async client."""
    client = _registered
    if isinstance(client, ArcjetGuard):
        await client.flush(timeout_ms)
        return
    _mismatch(client)


def flush_sync(timeout_ms: int | None = None) -> None:
    """``flush()`` on the registered sync client."""
    client = _registered
    if isinstance(client, ArcjetGuardSync):
        client.flush(timeout_ms)
        return
    _mismatch(client)


def awaitable_guard(client: object) -> Any:
    """The client's ``guard`` when it is a coroutine function, else None."""
    method = getattr(client, "guard", None)
    return method if inspect.iscoroutinefunction(method) else None


def blocking_guard(client: object) -> Any:
    """The client's blocking ``guard``, else None."""
    method = getattr(client, "guard", None)
    return method if callable(method) and not inspect.iscoroutinefunction(method) else None
