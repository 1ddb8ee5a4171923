"""One guard() call, without I/O: check the call, plan the storage ops, build
the decision, and describe it for the decision log. Both clients run this;
they differ only in how they await the storage call.

What raises (the programmer's mistakes, fixed once): a label that breaks the
label grammar (``ArcjetInvalidLabelError``), ``rules`` that are not bound
rules (``ArcjetMisconfiguration``). What never raises (data, often the
user's): metadata that cannot be encoded loses those keys; a bad
``correlation_id`` or ``actor`` is dropped with an ``ArcjetWarning``
(``AJ1001``); ``inputs`` are kept out of evaluation with a warning
(``LOCAL_INPUTS_NOT_EVALUATED``), because no remote policy exists here.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from arcjet_core.errors import ArcjetError, ArcjetMisconfiguration
from arcjet_core.guard import _codes
from arcjet_core.guard._context import correlation_id_problem, current_correlation_id
from arcjet_core.guard._custom import LocalCustomWithInput
from arcjet_core.guard._detectors import TextWithInput
from arcjet_core.guard._ids import decision_id
from arcjet_core.guard._label import check_label
from arcjet_core.guard._rule_base import call_metadata
from arcjet_core.guard._rules import RateLimitWithInput
from arcjet_core.guard._types import (
    ArcjetWarning,
    Decision,
    InternalResult,
    Reason,
    RuleResult,
    RuleResultError,
)
from arcjet_core.guard._unions import RuleWithInput
from arcjet_core.ratelimit import LimitOp, LimitOutcome, Outcome

_BOUND = (RateLimitWithInput, TextWithInput, LocalCustomWithInput)


@dataclass(frozen=True, slots=True)
class Call:
    """A checked guard() call."""

    label: str
    rules: tuple[RuleWithInput, ...]
    metadata: dict[str, Any] | None
    correlation_id: str | None
    actor: str | None
    warnings: tuple[ArcjetWarning, ...]


def _dropped(name: str, problem: str) -> ArcjetWarning:
    return ArcjetWarning(_codes.OPTION_DROPPED, f"guard.{name} was dropped: {problem}")


def check_call(rules: object, label: object, metadata: object, correlation_id: object, actor: object,
               inputs: object) -> Call:
    checked_label = check_label(label, "guard(label=...)")
    if isinstance(rules, (str, bytes)) or not isinstance(rules, Sequence):
        raise ArcjetMisconfiguration("guard: rules must be a list of bound rules, e.g. [limit(key=user_id)]")
    bound = tuple(rules)
    for r in bound:
        if not isinstance(r, _BOUND):
            raise ArcjetMisconfiguration(
                f"guard: rules entries must be bound rules (call the rule: limit(key=...), scan(text)); got {r!r}")
    warnings: list[ArcjetWarning] = []
    # The explicit id first, then the enclosing arcjet_sequence's (also when the explicit one is unusable).
    resolved_id: str | None = None
    if correlation_id is not None:
        problem = correlation_id_problem(correlation_id)
        if problem is None:
            assert isinstance(correlation_id, str)
            resolved_id = correlation_id
        else:
            warnings.append(_dropped("correlation_id", problem))
    if resolved_id is None:
        resolved_id = current_correlation_id()
    if actor is not None and (not isinstance(actor, str) or not actor):
        warnings.append(_dropped("actor", "must be a non-empty str"))
        actor = None
    if inputs is not None and (not isinstance(inputs, Mapping) or inputs):
        warnings.append(ArcjetWarning(
            _codes.INPUTS_NOT_EVALUATED,
            "guard.inputs feed a remotely configured policy; there is none here, so nothing evaluated them"))
    return Call(checked_label, bound, call_metadata(metadata, "guard(metadata=...)"), resolved_id,
                actor if isinstance(actor, str) else None, tuple(warnings))


def storage_ops(call: Call, namespace: str) -> list[LimitOp]:
    return [r._op(namespace) for r in call.rules if isinstance(r, RateLimitWithInput)]


def decide(call: Call, outcomes: Sequence[Outcome] | ArcjetError, client_backend: object) -> Decision:
    """The decision, given the storage's answers (or its failure)."""
    now = time.time()
    limits = iter(outcomes) if not isinstance(outcomes, ArcjetError) else None
    entries: list[InternalResult] = []
    for r in call.rules:
        result: RuleResult
        if isinstance(r, RateLimitWithInput):
            outcome = next(limits) if limits is not None else None
            if isinstance(outcome, LimitOutcome):
                result = r._conclude(outcome, now)
            else:
                result = RuleResultError(message=f"rate-limit storage failed: {outcomes}", code=_codes.STORAGE_ERROR)
        elif isinstance(r, TextWithInput):
            result = r._evaluate(client_backend)
        else:
            result = r.outcome
        entries.append(InternalResult(result, r._config_id, r._input_id, r.mode == "DRY_RUN"))
    denied = next((e.result for e in entries if e.result.conclusion == "DENY" and not e.dry_run), None)
    reason: Reason = "UNKNOWN"
    if denied is not None:
        reason = denied.reason
    elif any(isinstance(e.result, RuleResultError) and not e.dry_run for e in entries):
        reason = "ERROR"
    return Decision(
        conclusion="DENY" if denied is not None else "ALLOW",
        id=decision_id(),
        results=tuple(e.result for e in entries),
        reason=reason,
        warnings=call.warnings,
        _internal_results=tuple(entries),
        label=call.label,
        metadata=call.metadata or {},
        correlation_id=call.correlation_id,
    )


def no_client_decision(message: str) -> Decision:
    """The free guard() with no client of its flavor: fails open, visibly."""
    return Decision(conclusion="ALLOW", id="", results=(RuleResultError(message=message, code=_codes.NO_CLIENT),),
                    reason="ERROR", correlation_id=current_correlation_id())


def event_fields(decision: Decision, call: Call) -> dict[str, object]:
    """The decision log's "guard" line: what was decided and why, never the
    text a detector read nor a rate-limit key."""
    rules = []
    for e in decision._internal_results:
        item: dict[str, object] = {"type": e.result.type, "conclusion": e.result.conclusion,
                                   "mode": "DRY_RUN" if e.dry_run else "LIVE"}
        if isinstance(e.result, RuleResultError):
            item["code"] = e.result.code
        rules.append(item)
    fields: dict[str, object] = {
        "id": decision.id,
        "label": call.label,
        "conclusion": decision.conclusion,
        "reason": decision.reason,
        "failed_open": decision.has_failed_open(),
        "rules": rules,
        "correlation_id": call.correlation_id,
        "actor": call.actor,
        "metadata": call.metadata,
    }
    if decision.warnings:
        fields["warnings"] = [w.code for w in decision.warnings]
    return fields
