"""Correlation: which run (a Sequence) a guard decision or capture belongs to.

Carried in context variables, so it follows the code that sets it:
``asyncio.create_task`` and ``asyncio.to_thread`` copy it; a bare
``ThreadPoolExecutor.submit`` or ``loop.run_in_executor`` does not (submit
``copy_context().run`` instead); across processes or a job queue, carry the
id as data and reopen ``arcjet_sequence`` on the far side.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar

from arcjet_core.errors import ArcjetMisconfiguration
from arcjet_core.guard._ids import sortable_id
from arcjet_core.metadata import Metadata

MAX_CORRELATION_ID_BYTES = 256

_correlation_id: ContextVar[str | None] = ContextVar("arcjet_correlation_id", default=None)
_sequence_metadata: ContextVar[Metadata | None] = ContextVar("arcjet_sequence_metadata", default=None)


def correlation_id_problem(value: object) -> str | None:
    """Why *value* is not a usable correlation id, or None."""
    if not isinstance(value, str):
        return f"must be a str, got {type(value).__name__}"
    if not value:
        return "must not be empty"
    if not value.isascii() or not value.isprintable():
        return "must be printable ASCII"
    if len(value) > MAX_CORRELATION_ID_BYTES:
        return f"must be at most {MAX_CORRELATION_ID_BYTES} bytes, got {len(value)}"
    return None


@contextmanager
def arcjet_sequence(*, correlation_id: str | None = None, metadata: Metadata | None = None) -> Iterator[str]:
    """Scope a correlation id (and metadata) over a block; yields the id.

    With no ``correlation_id`` a time-sortable one is made: right for a new
    entry point, but prefer an id the application already has (a session,
    a job). ``metadata=None`` keeps an enclosing block's metadata. Both are
    restored on exit, also when the block raises.
    """
    if correlation_id is None:
        resolved = sortable_id()
    else:
        problem = correlation_id_problem(correlation_id)
        if problem is not None:
            raise ArcjetMisconfiguration(f"arcjet_sequence: correlation_id {problem}")
        resolved = correlation_id
    if metadata is not None and not isinstance(metadata, Mapping):
        raise ArcjetMisconfiguration(f"arcjet_sequence: metadata must be a mapping, got {type(metadata).__name__}")
    id_token = _correlation_id.set(resolved)
    meta_token = None if metadata is None else _sequence_metadata.set(metadata)
    try:
        yield resolved
    finally:
        if meta_token is not None:
            _sequence_metadata.reset(meta_token)
        _correlation_id.reset(id_token)


def current_correlation_id() -> str | None:
    """The enclosing ``arcjet_sequence``'s id, or None outside any."""
    return _correlation_id.get()


def current_sequence_metadata() -> Metadata | None:
    """The enclosing ``arcjet_sequence``'s metadata, or None."""
    return _sequence_metadata.get()
