"""Guard clients: ``launch_arcjet()`` (async) and ``launch_arcjet_sync()``.

Everything but the storage call is shared (``_evaluate``). Rate-limit state
lives in the same storage as the HTTP clients' (memory by default, Redis by
URL), namespaced by ``key``. With ``decision_log=`` (as ``arcjet()`` takes it:
a path, a callable, a ``redis://`` URL or a ``DecisionLog``), every decision
is a "guard" line and every ``capture()`` a "capture" line in it.

There is no Arcjet cloud here: ``key`` only namespaces state, ``base_url``
is refused, and ``timeout_ms`` bounds each Redis command, the only call
that leaves the process (as ``arcjet(timeout_ms=...)``).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from datetime import datetime
from types import TracebackType

from arcjet_core.client import reject_cloud_only
from arcjet_core.decision_log import DecisionLog
from arcjet_core.errors import ArcjetError, ArcjetMisconfiguration
from arcjet_core.guard._capture import capture_fields
from arcjet_core.guard._evaluate import Call, check_call, decide, event_fields, storage_ops
from arcjet_core.guard._policy_input import PolicyInputMap
from arcjet_core.guard._types import Decision
from arcjet_core.guard._unions import RuleWithInput
from arcjet_core.kinds.sensitive_backend import is_usable_backend
from arcjet_core.metadata import Metadata
from arcjet_core.ratelimit import Outcome, Storage, storage_from

DEFAULT_FLUSH_TIMEOUT_MS = 1000


def _decision_log(value: object) -> tuple[DecisionLog | None, bool]:
    """(the log, whether this client owns it and so closes it)."""
    if value is None or value is False or value == "":
        return None, False
    if isinstance(value, DecisionLog):
        return value, False
    return DecisionLog(value), True


def _flush_seconds(timeout_ms: object) -> float:
    if timeout_ms is None:
        return DEFAULT_FLUSH_TIMEOUT_MS / 1000
    if isinstance(timeout_ms, bool) or not isinstance(timeout_ms, (int, float)) or timeout_ms < 0:
        raise ArcjetMisconfiguration(f"flush: timeout_ms must be a non-negative number, got {timeout_ms!r}")
    return timeout_ms / 1000


class _GuardBase:
    def __init__(self, *, key: str, storage: Storage | str | None = None, decision_log: object = None,
                 timeout_ms: int | None = None, logger: logging.Logger | None = None,
                 sensitive_info_backend: object = None) -> None:
        if not isinstance(key, str) or not key.strip():
            raise ArcjetMisconfiguration("key must be a non-empty string (it namespaces this client's state)")
        if logger is not None and not isinstance(logger, logging.Logger):
            raise ArcjetMisconfiguration(f"logger must be a logging.Logger, got {logger!r}")
        if sensitive_info_backend is not None and not is_usable_backend(sensitive_info_backend):
            raise ArcjetMisconfiguration(
                "sensitive_info_backend must be an instance with a callable detect() (not a class)")
        self.key = key
        self.timeout_ms = timeout_ms
        self.logger = logger if logger is not None else logging.getLogger("arcjet")
        # The default backend of this client's LocalDetectSensitiveInfo rules
        # (a rule's own backend= wins): see _detectors.sensitive_info_backend.
        self.sensitive_info_backend = sensitive_info_backend
        self._storage = storage_from(storage, timeout_ms=timeout_ms)  # checks timeout_ms too
        self.decision_log, self._owns_log = _decision_log(decision_log)

    def capture(self, *, action: str, correlation_id: str | None = None, decision_id: str | None = None,
                occurred_at: datetime | None = None, metadata: Metadata | None = None) -> None:
        """Record something the application did: a "capture" line in the
        decision log. Returns at once (the log's writer thread does the I/O),
        never raises, never affects a decision. Without a decision log there
        is nowhere to record it, and it is dropped. An omitted
        ``correlation_id`` is the enclosing ``arcjet_sequence``'s; its
        metadata goes under the call's."""
        log = self.decision_log
        if log is None:
            return
        fields = capture_fields(action=action, correlation_id=correlation_id, decision_id=decision_id,
                                occurred_at=occurred_at, metadata=metadata, logger=self.logger)
        if fields is not None:
            log.submit_event("capture", fields)

    def _check(self, rules: object, label: object, metadata: object, correlation_id: object, actor: object,
               inputs: object) -> Call:
        return check_call(rules, label, metadata, correlation_id, actor, inputs)

    def _finish(self, call: Call, outcomes: Sequence[Outcome] | ArcjetError) -> Decision:
        decision = decide(call, outcomes, self.sensitive_info_backend)
        if self.decision_log is not None:
            self.decision_log.submit_event("guard", event_fields(decision, call))
        return decision

    def _flush_log(self, timeout_ms: object) -> None:
        if self.decision_log is not None:
            self.decision_log.flush(_flush_seconds(timeout_ms))


class ArcjetGuardSync(_GuardBase):
    """The sync Guard client. Create one at start-up (``launch_arcjet_sync``) and reuse it."""

    def guard(self, rules: Sequence[RuleWithInput] = (), *, label: str, metadata: Metadata | None = None,
              correlation_id: str | None = None, actor: str | None = None,
              inputs: PolicyInputMap | None = None) -> Decision:
        """Evaluate bound rules; ALLOW or DENY. A rule that cannot be evaluated
        (storage down, analyzer failure) is a ``RuleResultError`` and the
        decision fails open (``has_failed_open()``). ``actor`` is recorded;
        ``inputs`` are not evaluated (no remote policy; see the warning)."""
        call = self._check(rules, label, metadata, correlation_id, actor, inputs)
        ops = storage_ops(call, self.key)
        outcomes: Sequence[Outcome] | ArcjetError = []
        if ops:
            try:
                outcomes = self._storage.run(ops)
            except ArcjetError as exc:
                outcomes = exc
        return self._finish(call, outcomes)

    def flush(self, timeout_ms: int | None = None) -> None:
        """Wait (up to ``timeout_ms``, default 1000) until the decision log has written what is queued."""
        self._flush_log(timeout_ms)

    def close(self) -> None:
        self._storage.close()
        if self._owns_log and self.decision_log is not None:
            self.decision_log.close()

    def __enter__(self) -> ArcjetGuardSync:
        return self

    def __exit__(self, t: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None) -> None:
        self.close()


class ArcjetGuard(_GuardBase):
    """The async Guard client. Create one at start-up (``launch_arcjet``) and reuse it."""

    async def guard(self, rules: Sequence[RuleWithInput] = (), *, label: str, metadata: Metadata | None = None,
                    correlation_id: str | None = None, actor: str | None = None,
                    inputs: PolicyInputMap | None = None) -> Decision:
        """Evaluate bound rules; as ``ArcjetGuardSync.guard``. Only the storage
        call is awaited; the detectors are CPU work and run inline."""
        call = self._check(rules, label, metadata, correlation_id, actor, inputs)
        ops = storage_ops(call, self.key)
        outcomes: Sequence[Outcome] | ArcjetError = []
        if ops:
            try:
                outcomes = await self._storage.run_async(ops)
            except ArcjetError as exc:
                outcomes = exc
        return self._finish(call, outcomes)

    async def flush(self, timeout_ms: int | None = None) -> None:
        """Wait (up to ``timeout_ms``, default 1000) until the decision log has
        written what is queued, off the event loop."""
        seconds = _flush_seconds(timeout_ms)
        if self.decision_log is not None:
            await asyncio.to_thread(self.decision_log.flush, seconds)

    async def aclose(self) -> None:
        await self._storage.aclose()
        if self._owns_log and self.decision_log is not None:
            await self.decision_log.aclose()

    async def __aenter__(self) -> ArcjetGuard:
        return self

    async def __aexit__(self, t: type[BaseException] | None, e: BaseException | None,
                        tb: TracebackType | None) -> None:
        await self.aclose()


def launch_arcjet(*, key: str, base_url: str | None = None, timeout_ms: int | None = None,
                  logger: logging.Logger | None = None, sensitive_info_backend: object = None,
                  storage: Storage | str | None = None, decision_log: object = None) -> ArcjetGuard:
    """The async Guard client. ``storage`` (ours): where rate limits count
    (memory, or a ``redis://`` URL to share them between processes).
    ``decision_log`` (ours): as ``arcjet(decision_log=...)``. ``logger``:
    where Guard's diagnostics go (default: the "arcjet" logger)."""
    reject_cloud_only(base_url=base_url)
    return ArcjetGuard(key=key, storage=storage, decision_log=decision_log, timeout_ms=timeout_ms, logger=logger,
                       sensitive_info_backend=sensitive_info_backend)


def launch_arcjet_sync(*, key: str, base_url: str | None = None, timeout_ms: int | None = None,
                       logger: logging.Logger | None = None, sensitive_info_backend: object = None,
                       storage: Storage | str | None = None, decision_log: object = None) -> ArcjetGuardSync:
    """The sync Guard client; the options are ``launch_arcjet``'s."""
    reject_cloud_only(base_url=base_url)
    return ArcjetGuardSync(key=key, storage=storage, decision_log=decision_log, timeout_ms=timeout_ms,
                           logger=logger, sensitive_info_backend=sensitive_info_backend)
