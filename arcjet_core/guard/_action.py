"""guard_action / guard_action_sync: guard a callable, run it if allowed.

Fail closed by default, unlike ``guard()``: these wrap an effect (a tool
call, a payment, an e-mail), and an unvetted effect must not run.

* DENY (a LIVE rule denied): ``ArcjetDeniedError``, whatever ``on_guard_error`` says.
* The guard could not evaluate: ``ArcjetUnavailableError`` with
  ``on_guard_error="deny"`` (the default); with ``"allow"`` the callable runs
  (and a warning is logged). "Could not evaluate" means exactly one of:

  1. ``guard()`` raised: an invalid ``action`` (it is the guard label), rules
     that are not bound rules, the wrong flavor of client passed (an async
     client to ``guard_action_sync``), or any other exception inside it
     (the error's ``cause``);
  2. no client: ``guard=None`` and none of this flavor registered (the
     decision's only result is a ``NO_CLIENT`` error);
  3. the decision failed open: a LIVE rule's result is a ``RuleResultError``
     (rate-limit storage down, analyzer failure, a text too long to check,
     a custom rule that raised). A DRY_RUN rule's error does not count.

Each run records its outcome as a capture (``metadata["outcome"]``: success,
degraded, denied, unavailable, error) when the client has a decision log.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Literal, TypeVar

from arcjet_core.errors import ArcjetMisconfiguration
from arcjet_core.guard import _registry
from arcjet_core.guard._client import ArcjetGuard, ArcjetGuardSync
from arcjet_core.guard._context import current_correlation_id
from arcjet_core.guard._errors import ArcjetDeniedError, ArcjetUnavailableError, OnGuardError
from arcjet_core.guard._policy_input import PolicyInputMap
from arcjet_core.guard._types import Decision
from arcjet_core.guard._unions import RuleWithInput
from arcjet_core.metadata import Metadata

T = TypeVar("T")
Outcome = Literal["success", "degraded", "denied", "unavailable", "error"]


def _check_on_guard_error(value: object) -> OnGuardError:
    if value == "deny":
        return "deny"
    if value == "allow":
        return "allow"
    raise ArcjetMisconfiguration(f"on_guard_error must be 'deny' or 'allow', got {value!r}")


def _logger(client: object) -> logging.Logger:
    logger = getattr(client if client is not None else _registry.registered_client(), "logger", None)
    return logger if isinstance(logger, logging.Logger) else logging.getLogger("arcjet")


class _Checkpoint:
    """What both twins share: everything but the awaits."""

    __slots__ = ("action", "client", "correlation_id", "decision", "logger", "metadata", "mode")

    def __init__(self, client: object, action: str, metadata: Metadata | None, correlation_id: str | None,
                 on_guard_error: object) -> None:
        self.mode = _check_on_guard_error(on_guard_error)
        self.client = client
        self.action = action
        self.metadata = metadata
        self.correlation_id = correlation_id if correlation_id is not None else current_correlation_id()
        self.logger = _logger(client)
        self.decision: Decision | None = None

    def guard_raised(self, exc: Exception) -> None:
        if self.mode == "deny":
            self.record("unavailable")
            raise ArcjetUnavailableError(self.action, cause=exc) from exc
        self.logger.warning("arcjet: guard for action %r raised %s; it runs because on_guard_error is 'allow'",
                            self.action, type(exc).__name__)

    def judge(self, decision: Decision) -> None:
        """Raise what the decision calls for, or return to run the action."""
        self.decision = decision
        if decision.conclusion == "DENY":
            self.record("denied")
            raise ArcjetDeniedError(self.action, decision)
        if decision.has_failed_open():
            if self.mode == "deny":
                self.record("unavailable")
                raise ArcjetUnavailableError(self.action, decision=decision)
            self.logger.warning("arcjet: the rules for action %r could not be evaluated; it runs because "
                                "on_guard_error is 'allow'", self.action)

    def finished(self, raised: bool) -> None:
        decision = self.decision
        if raised:
            self.record("error")
        elif decision is not None and not decision.has_failed_open():
            self.record("success")
        else:
            self.record("degraded")

    def record(self, outcome: Outcome) -> None:
        """Capture the outcome; never raises (the audit trail must not fail the action)."""
        try:
            merged = dict(self.metadata or {})
            merged["outcome"] = outcome  # last: a caller's key cannot overwrite what happened
            decision = self.decision
            target = self.client if self.client is not None else _registry.registered_client()
            if isinstance(target, (ArcjetGuard, ArcjetGuardSync)):
                target.capture(action=self.action, correlation_id=self.correlation_id,
                               decision_id=decision.id if decision is not None and decision.id else None,
                               metadata=merged)
        except Exception:
            self.logger.warning("arcjet: could not record the outcome of action %r", self.action)


async def guard_action(fn: Callable[[], Awaitable[T]], *, action: str, guard: ArcjetGuard | None = None,
                       actor: str | None = None, inputs: PolicyInputMap | None = None,
                       rules: Sequence[RuleWithInput] = (), metadata: Metadata | None = None,
                       correlation_id: str | None = None, on_guard_error: OnGuardError = "deny") -> T:
    """Guard ``action`` with ``rules`` on ``guard`` (else the registered async
    client), then await ``fn()`` and return its value (see the module docstring).
    Raises ``ArcjetDeniedError`` or ``ArcjetUnavailableError`` instead of running it."""
    cp = _Checkpoint(guard, action, metadata, correlation_id, on_guard_error)
    try:
        if guard is None:
            decision = await _registry.guard(rules, label=action, metadata=metadata,
                                             correlation_id=cp.correlation_id, actor=actor, inputs=inputs)
        else:
            method = _registry.awaitable_guard(guard)
            if method is None:
                raise TypeError("guard_action needs the async client (launch_arcjet); "
                                "use guard_action_sync with launch_arcjet_sync")
            decision = await method(rules, label=action, metadata=metadata, correlation_id=cp.correlation_id,
                                    actor=actor, inputs=inputs)
    except Exception as exc:
        cp.guard_raised(exc)
    else:
        cp.judge(decision)
    try:
        result = await fn()
    except Exception:
        cp.finished(raised=True)
        raise
    cp.finished(raised=False)
    return result


def guard_action_sync(fn: Callable[[], T], *, action: str, guard: ArcjetGuardSync | None = None,
                      actor: str | None = None, inputs: PolicyInputMap | None = None,
                      rules: Sequence[RuleWithInput] = (), metadata: Metadata | None = None,
                      correlation_id: str | None = None, on_guard_error: OnGuardError = "deny") -> T:
    """``guard_action`` for the sync client: call ``fn()`` if allowed."""
    cp = _Checkpoint(guard, action, metadata, correlation_id, on_guard_error)
    try:
        if guard is None:
            decision = _registry.guard_sync(rules, label=action, metadata=metadata,
                                             correlation_id=cp.correlation_id, actor=actor, inputs=inputs)
        else:
            method = _registry.blocking_guard(guard)
            if method is None:
                raise TypeError("guard_action_sync needs the sync client (launch_arcjet_sync); "
                                "use guard_action with launch_arcjet")
            decision = method(rules, label=action, metadata=metadata, correlation_id=cp.correlation_id,
                                    actor=actor, inputs=inputs)
    except Exception as exc:
        cp.guard_raised(exc)
    else:
        cp.judge(decision)
    try:
        result = fn()
    except Exception:
        cp.finished(raised=True)
        raise
    cp.finished(raised=False)
    return result


def capture_action(*, action: str, metadata: Metadata | None = None, correlation_id: str | None = None,
                   decision_id: str | None = None) -> None:
    """``capture()`` on the registered client, for agent code: the enclosing
    sequence's correlation id and metadata apply (the call's metadata wins).
    Never raises."""
    _registry.capture(action=action, correlation_id=correlation_id, decision_id=decision_id, metadata=metadata)
