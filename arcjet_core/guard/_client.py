"""Guard clients: ``launch_arcjet()`` (async) and ``launch_arcjet_sync()``.

Both share planning and result building; only the storage call differs.
Rate-limit state lives in the same storage as the HTTP clients' (memory by
default, Redis by URL), namespaced by ``key``.
"""

from __future__ import annotations

import re
import time
from collections.abc import Mapping, Sequence
from types import TracebackType

from arcjet_core.errors import ArcjetError, ArcjetMisconfiguration
from arcjet_core.guard._rules import (
    DetectPromptInjection,
    LocalCustomWithInput,
    LocalDetectSensitiveInfo,
    RateLimitWithInput,
    RuleWithInput,
    TextWithInput,
    _metadata,
    _RateLimit,
)
from arcjet_core.guard._types import (
    Decision,
    RuleResult,
    RuleResultError,
    _Entry,
)
from arcjet_core.ratelimit import LimitOp, LimitOutcome, Outcome, Storage, storage_from

# The reference's label rule: lowercase slug, dots and dashes, at most 256 bytes.
_LABEL = re.compile(r"^[a-z0-9](?:[a-z0-9.\-]{0,254}[a-z0-9])?$")
_SEP = "\x1f"


def _check_call(label: object, rules: object) -> tuple[str, tuple[RuleWithInput, ...]]:
    if not isinstance(label, str) or not _LABEL.match(label):
        raise ArcjetMisconfiguration(
            f"label must be a lowercase slug such as 'tools.weather' (letters, digits, '.', '-'), got {label!r}"
        )
    if isinstance(rules, (str, bytes)) or not isinstance(rules, Sequence):
        raise ArcjetMisconfiguration("rules must be a list of bound rules, e.g. [limit(key=user_id)]")
    bound = tuple(rules)
    for r in bound:
        if not isinstance(r, (RateLimitWithInput, TextWithInput, LocalCustomWithInput)):
            raise ArcjetMisconfiguration(
                f"rules entries must be bound rules (call the rule: limit(key=...), scan(text)); got {r!r}"
            )
    return label, bound


class _GuardBase:
    def __init__(self, *, key: str, storage: Storage | str | None = None) -> None:
        if not isinstance(key, str) or not key.strip():
            raise ArcjetMisconfiguration("key must be a non-empty string (it namespaces this client's state)")
        self.key = key
        self._storage = storage_from(storage)

    def _ops(self, rules: tuple[RuleWithInput, ...]) -> list[LimitOp]:
        ops = []
        for r in rules:
            if isinstance(r, RateLimitWithInput):
                rule = r.rule
                assert isinstance(rule, _RateLimit)
                ops.append(rule.op(_SEP.join((self.key, "guard", rule.config_id, r.key_hash)), r.requested))
        return ops

    def _decide(self, label: str, rules: tuple[RuleWithInput, ...], metadata: object,
                outcomes: list[Outcome] | ArcjetError) -> Decision:
        now = time.time()
        entries: list[_Entry] = []
        limits = iter(outcomes) if not isinstance(outcomes, ArcjetError) else None
        for r in rules:
            result: RuleResult
            if isinstance(r, RateLimitWithInput):
                if limits is None:
                    result = RuleResultError(message=f"rate-limit storage failed: {outcomes}")
                else:
                    outcome = next(limits)
                    assert isinstance(outcome, LimitOutcome)
                    assert isinstance(r.rule, _RateLimit)
                    result = r.rule.outcome_result(outcome, now)
            elif isinstance(r, TextWithInput):
                assert isinstance(r.rule, (DetectPromptInjection, LocalDetectSensitiveInfo))
                result = r.rule.evaluate(r.text)
            else:
                result = r.outcome
            entries.append(_Entry(r.rule.config_id, r.input_id, r.rule.mode == "DRY_RUN", result))
        denied = any(e.result.conclusion == "DENY" and not e.dry_run for e in entries)
        return Decision(conclusion="DENY" if denied else "ALLOW", label=label, entries=tuple(entries),
                        metadata=_metadata(metadata))


class ArcjetGuardSync(_GuardBase):
    def guard(self, *, label: str, rules: Sequence[RuleWithInput], metadata: Mapping[str, str] | None = None) -> Decision:
        label, bound = _check_call(label, rules)
        ops = self._ops(bound)
        outcomes: list[Outcome] | ArcjetError = []
        if ops:
            try:
                outcomes = self._storage.run(ops)
            except ArcjetError as exc:
                outcomes = exc
        return self._decide(label, bound, metadata, outcomes)

    def close(self) -> None:
        self._storage.close()

    def __enter__(self) -> ArcjetGuardSync:
        return self

    def __exit__(self, t: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None) -> None:
        self.close()


class ArcjetGuard(_GuardBase):
    async def guard(self, *, label: str, rules: Sequence[RuleWithInput],
                    metadata: Mapping[str, str] | None = None) -> Decision:
        label, bound = _check_call(label, rules)
        ops = self._ops(bound)
        outcomes: list[Outcome] | ArcjetError = []
        if ops:
            try:
                outcomes = await self._storage.run_async(ops)
            except ArcjetError as exc:
                outcomes = exc
        return self._decide(label, bound, metadata, outcomes)

    async def aclose(self) -> None:
        await self._storage.aclose()

    async def __aenter__(self) -> ArcjetGuard:
        return self

    async def __aexit__(self, t: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None) -> None:
        await self.aclose()


def launch_arcjet(*, key: str, storage: Storage | str | None = None) -> ArcjetGuard:
    """The async guard client. Create one at start-up and reuse it."""
    return ArcjetGuard(key=key, storage=storage)


def launch_arcjet_sync(*, key: str, storage: Storage | str | None = None) -> ArcjetGuardSync:
    """The sync guard client. Create one at start-up and reuse it."""
    return ArcjetGuardSync(key=key, storage=storage)
