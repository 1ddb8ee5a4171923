"""What every Guard rule shares: mode, label, metadata, a config id, and the
accessors that find a rule's own result in a decision.

A configured rule (``TokenBucket(...)``) has a ``config_id`` shared by every
input bound to it; each bound rule (``TokenBucketWithInput``) has its own
``_input_id``. ``rule.results(decision)`` matches the first,
``bound.results(decision)`` both. The non-error accessors return only the
rule's typed result; ``error_result`` returns its ``RuleResultError``.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from typing import Any, ClassVar, Generic, TypeVar, cast

from arcjet_core.errors import ArcjetMisconfiguration
from arcjet_core.guard._label import check_label
from arcjet_core.guard._types import Decision, InternalResult, Mode, RuleResultError
from arcjet_core.metadata import Metadata, decode_metadata, encode_metadata

R = TypeVar("R")


def check_mode(mode: object, where: str) -> Mode:
    value = getattr(mode, "value", mode)  # arcjet_core.Mode works too
    if value == "LIVE":
        return "LIVE"
    if value == "DRY_RUN":
        return "DRY_RUN"
    raise ArcjetMisconfiguration(f"{where}: mode must be 'LIVE' or 'DRY_RUN', got {mode!r}")


def config_metadata(value: object, where: str) -> Metadata | None:
    """Metadata given when a rule is configured: checked strictly (it is code, not data)."""
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise ArcjetMisconfiguration(f"{where}: metadata must be a mapping of str to JSON values")
    for key, item in value.items():
        if not isinstance(key, str):
            raise ArcjetMisconfiguration(f"{where}: metadata keys must be str, got {key!r}")
        try:
            json.dumps(item, allow_nan=False)
        except (TypeError, ValueError, RecursionError) as exc:
            raise ArcjetMisconfiguration(f"{where}: metadata[{key!r}] is not JSON-encodable ({exc})") from None
    return dict(value)


def call_metadata(value: object, where: str) -> dict[str, Any] | None:
    """Metadata given per call: often built from request data, so never raises;
    a key that cannot be JSON-encoded is dropped and logged."""
    return decode_metadata(encode_metadata(value, where=where))


def merge_metadata(config: Metadata | None, call: Metadata | None) -> Metadata | None:
    """The rule's metadata, then the call's on top (shallow; the call wins)."""
    if not config and not call:
        return None
    merged: dict[str, Any] = {}
    merged.update(config or {})
    merged.update(call or {})
    return merged


def _entries(decision: Decision) -> tuple[InternalResult, ...]:
    return decision._internal_results


class _Accessors(Generic[R]):
    """results / result / denied_result / error_result over a decision."""

    __slots__ = ()
    _result_type: ClassVar[type]

    def _matches(self, entry: InternalResult) -> bool:
        raise NotImplementedError

    def _view(self, result: Any) -> R:
        return cast(R, result)

    def results(self, decision: Decision) -> list[R]:
        return [self._view(e.result) for e in _entries(decision)
                if self._matches(e) and isinstance(e.result, self._result_type)]

    def result(self, decision: Decision) -> R | None:
        found = self.results(decision)
        return found[0] if found else None

    def denied_result(self, decision: Decision) -> R | None:
        for r in self.results(decision):
            if getattr(r, "conclusion", None) == "DENY":
                return r
        return None

    def error_result(self, decision: Decision) -> RuleResultError | None:
        for e in _entries(decision):
            if self._matches(e) and isinstance(e.result, RuleResultError):
                return e.result
        return None


class ConfiguredRule(_Accessors[R]):
    """Base of every configured rule: mode, label and metadata checked once."""

    def __init__(self, *, mode: object, label: str | None, metadata: object) -> None:
        where = type(self).__name__
        self._mode: Mode = check_mode(mode, where)
        self._label = None if label is None else check_label(label, f"{where}(label=...)")
        self._metadata = config_metadata(metadata, where)
        self._config_id = str(uuid.uuid4())

    @property
    def config_id(self) -> str:
        """Shared by every input bound to this rule."""
        return self._config_id

    @property
    def mode(self) -> Mode:
        return self._mode

    @property
    def label(self) -> str | None:
        return self._label

    @property
    def metadata(self) -> Metadata:
        return self._metadata or {}

    def _bind_metadata(self, metadata: object) -> Metadata | None:
        return merge_metadata(self._metadata, call_metadata(metadata, f"{type(self).__name__}(metadata=...)"))

    def _matches(self, entry: InternalResult) -> bool:
        return entry.config_id == self._config_id


class BoundRule(_Accessors[R]):
    """Base of every ``*WithInput``: a configured rule bound to one call's input.

    Subclasses are frozen dataclasses with the reference's fields, among them
    ``_input_id``, ``_config_id`` and ``mode``.
    """

    __slots__ = ()
    _input_id: str
    _config_id: str
    mode: Mode

    def _matches(self, entry: InternalResult) -> bool:
        return entry.config_id == self._config_id and entry.input_id == self._input_id


def new_input_id() -> str:
    return str(uuid.uuid4())
