"""capture(): one "capture" line in the client's decision log.

It records what the application did, never changes a decision and never
raises: a bad optional field is dropped (warning ``AJ1001`` in the line and on
the client's logger), an unusable ``action`` drops the event (``AJ3000``).
An action that breaks the label grammar is recorded anyway, with ``AJ1023``.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime
from typing import Any

from arcjet_core.guard import _codes
from arcjet_core.guard._context import (
    correlation_id_problem,
    current_correlation_id,
    current_sequence_metadata,
)
from arcjet_core.guard._label import label_problem
from arcjet_core.guard._rule_base import call_metadata


def _optional_str(value: object, name: str, warnings: list[str], logger: logging.Logger) -> str | None:
    if value is None:
        return None
    if isinstance(value, str) and value:
        return value
    warnings.append(_codes.OPTION_DROPPED)
    logger.warning("arcjet: capture.%s was invalid and was dropped [%s]", name, _codes.OPTION_DROPPED)
    return None


def _occurred_at_ms(value: object, warnings: list[str], logger: logging.Logger) -> int:
    if value is None:
        return time.time_ns() // 1_000_000
    if isinstance(value, datetime):
        try:
            ms = int(value.timestamp() * 1000)  # a naive datetime is local time, as timestamp() reads it
        except (OverflowError, OSError, ValueError):
            ms = -1
        if ms >= 0:
            return ms
    warnings.append(_codes.OPTION_DROPPED)
    logger.warning("arcjet: capture.occurred_at was invalid and was dropped [%s]", _codes.OPTION_DROPPED)
    return time.time_ns() // 1_000_000


def merged_metadata(explicit: object) -> dict[str, Any] | None:
    """The enclosing sequence's metadata, then the call's on top."""
    merged: dict[str, Any] = {}
    merged.update(call_metadata(current_sequence_metadata(), "arcjet_sequence(metadata=...)") or {})
    merged.update(call_metadata(explicit, "capture(metadata=...)") or {})
    return merged or None


def capture_fields(*, action: object, correlation_id: object, decision_id: object, occurred_at: object,
                   metadata: object, logger: logging.Logger) -> dict[str, object] | None:
    """The event's fields, or None when it must be dropped. Never raises."""
    try:
        if not isinstance(action, str) or not action:
            logger.warning("arcjet: capture() needs a non-empty str action; the event was dropped [%s]",
                           _codes.CAPTURE_INPUT_INVALID)
            return None
        warnings: list[str] = []
        correlation = _optional_str(correlation_id, "correlation_id", warnings, logger)
        if correlation is not None and correlation_id_problem(correlation) is not None:
            warnings.append(_codes.OPTION_DROPPED)
            correlation = None
        if correlation is None:
            correlation = current_correlation_id()
        fields: dict[str, object] = {
            "action": action,
            "correlation_id": correlation,
            "decision_id": _optional_str(decision_id, "decision_id", warnings, logger),
            "occurred_at_ms": _occurred_at_ms(occurred_at, warnings, logger),
            "metadata": merged_metadata(metadata),
        }
        problem = label_problem(action)
        if problem is not None:
            warnings.append(_codes.LABEL_INVALID)
            logger.warning("arcjet: capture.action is not a valid label (%s); recorded anyway [%s]",
                           problem, _codes.LABEL_INVALID)
        if warnings:
            fields["warnings"] = warnings
        return fields
    except Exception:  # a user object whose __str__/__iter__ raised: the event is lost, the call is not
        logger.warning("arcjet: capture() input could not be read; the event was dropped [%s]",
                       _codes.CAPTURE_INPUT_INVALID)
        return None
