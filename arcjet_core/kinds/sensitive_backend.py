"""``detect_sensitive_info(backend=...)``: a pluggable detector beside the native one.

The built-in detector (``wasm/sensitive``) finds EMAIL, PHONE_NUMBER,
IP_ADDRESS and CREDIT_CARD_NUMBER. A backend finds more: names, addresses,
national ids, whatever the user's model or rules know. It is the reference's
interface: an object with

    detect(context, value, entities, options) -> result

where ``entities`` is the rule's allow or deny list (``SensitiveInfoEntitiesAllow``
/ ``SensitiveInfoEntitiesDeny``) and ``result`` has ``allowed`` and ``denied``
sequences of spans (``DetectedSensitiveInfoEntity``: ``start``, ``end`` in code
points, ``identified_type``).

Here the backend runs beside the native detector, not instead of it: both see
the same text, and a backend span overrides the native spans it overlaps (as
a ``detect=`` function's tokens do). Whatever the backend calls allowed or
denied, the rule's own allow/deny lists make the final split, so the two
detectors cannot disagree about policy. Types the backend reports that are
neither known names nor in the rule's lists are dropped: a backend cannot
deny on a type nobody asked for. A backend that raises, or answers out of
shape, is an ERROR result naming it (never an exception out of protect()).
Backends are synchronous: they run on the request path, so their latency is
the request's.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from arcjet_core.decision import IdentifiedEntity
from arcjet_core.enums import BACKEND_ONLY_SENSITIVE_INFO_TYPES, NATIVE_SENSITIVE_INFO_TYPES

_log = logging.getLogger("arcjet")


@dataclass(frozen=True, slots=True)
class SensitiveInfoBackendContext:
    """What a backend gets besides the text: a logger for its diagnostics."""

    log: logging.Logger


@dataclass(frozen=True, slots=True)
class SensitiveInfoBackendOptions:
    """The rule's options a backend may use (it ignores the ones it does not know)."""

    context_window_size: int | None = None
    detect: Callable[[list[str]], Sequence[str | None]] | None = None


@dataclass(frozen=True, slots=True)
class SensitiveInfoEntitiesAllow:
    """The rule allows only these types (``detect_sensitive_info(allow=...)``)."""

    entities: list[str]


@dataclass(frozen=True, slots=True)
class SensitiveInfoEntitiesDeny:
    """The rule denies these types (``detect_sensitive_info(deny=...)``)."""

    entities: list[str]


SensitiveInfoEntities = SensitiveInfoEntitiesAllow | SensitiveInfoEntitiesDeny


@dataclass(frozen=True, slots=True)
class DetectedSensitiveInfoEntity:
    """One span a backend found: ``text[start:end]`` is of ``identified_type``."""

    start: int
    end: int
    identified_type: str


@dataclass(frozen=True, slots=True)
class SensitiveInfoResult:
    """A backend's answer."""

    allowed: list[DetectedSensitiveInfoEntity]
    denied: list[DetectedSensitiveInfoEntity]


@runtime_checkable
class SensitiveInfoBackend(Protocol):
    """A sensitive-information detector (see the module docstring)."""

    def detect(
        self,
        context: SensitiveInfoBackendContext,
        value: str,
        entities: SensitiveInfoEntities,
        options: SensitiveInfoBackendOptions | None = None,
    ) -> SensitiveInfoResult: ...


class BackendError(Exception):
    """The backend failed or answered out of shape."""


def is_usable_backend(backend: object) -> bool:
    """An instance with a callable ``detect``; passing the class itself is the usual slip."""
    return not isinstance(backend, type) and callable(getattr(backend, "detect", None))


def accepted_types(allow: Iterable[str], deny: Iterable[str]) -> frozenset[str]:
    """Types a backend may report for a rule: the known names and the rule's own."""
    return NATIVE_SENSITIVE_INFO_TYPES | BACKEND_ONLY_SENSITIVE_INFO_TYPES | frozenset((*allow, *deny))


def _type_name(value: object) -> str | None:
    if isinstance(value, str):
        return value
    # The reference's WIT variants and enums carry the name as ``value``/``tag``.
    for attr in ("value", "tag", "name"):
        inner = getattr(value, attr, None)
        if isinstance(inner, str):
            return inner
    return None


def backend_entities(
    backend: SensitiveInfoBackend,
    text: str,
    *,
    allow: Sequence[str],
    deny: Sequence[str],
    window: int | None,
    detect: Callable[[list[str]], Sequence[str | None]] | None,
) -> list[IdentifiedEntity]:
    """The spans ``backend`` finds in ``text``, checked. Raises BackendError."""
    name = type(backend).__qualname__
    config: SensitiveInfoEntities = (
        SensitiveInfoEntitiesDeny(list(deny)) if deny else SensitiveInfoEntitiesAllow(list(allow))
    )
    try:
        result = backend.detect(SensitiveInfoBackendContext(_log), text, config,
                                SensitiveInfoBackendOptions(window, detect))
        spans = [*result.allowed, *result.denied]
    except Exception as exc:  # the user's code: any failure is an ERROR result
        # The type only: the message may quote the text being scanned.
        raise BackendError(f"sensitive-info backend {name} raised {type(exc).__name__}") from exc
    accepted = accepted_types(allow, deny)
    found: list[IdentifiedEntity] = []
    for span in spans:
        start, end = getattr(span, "start", None), getattr(span, "end", None)
        kind = _type_name(getattr(span, "identified_type", None))
        if (isinstance(start, bool) or isinstance(end, bool) or not isinstance(start, int)
                or not isinstance(end, int) or kind is None):
            raise BackendError(f"sensitive-info backend {name} returned {span!r}; each span needs int start, "
                               "int end and an identified_type name")
        if not 0 <= start < end <= len(text):
            raise BackendError(f"sensitive-info backend {name} returned the span {start}..{end} outside the "
                               f"{len(text)}-character text")
        if kind in accepted:
            found.append(IdentifiedEntity(kind, start, end))
    return found
