"""LocalCustomRule: the application's own rule, evaluated when it is bound.

Subclass, override ``evaluate`` (and ``evaluate_async`` for async work),
then bind per call: ``rule(data=...)`` runs ``evaluate`` at once,
``await rule.call_async(data=...)`` runs ``evaluate_async``. What it returned
(or raised) travels in the bound rule; ``guard()`` turns it into a
``RuleResultCustom`` or, for an exception or a wrong return, a
``RuleResultError``. The user's exception never escapes.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Generic, Literal, TypeVar, cast

from arcjet_core.guard import _codes
from arcjet_core.guard._rule_base import BoundRule, ConfiguredRule, new_input_id
from arcjet_core.guard._types import (
    CustomEvaluateResult,
    Mode,
    RuleResultCustom,
    RuleResultError,
)
from arcjet_core.metadata import Metadata

TConfig = TypeVar("TConfig")
TInput = TypeVar("TInput")
TData = TypeVar("TData")


class TypedCustomResult(Generic[TData]):
    """A ``RuleResultCustom`` whose ``data`` is typed as the rule's ``TData``."""

    __slots__ = ("_inner",)

    def __init__(self, inner: RuleResultCustom) -> None:
        self._inner = inner

    @property
    def conclusion(self) -> Literal["ALLOW", "DENY"]:
        return self._inner.conclusion

    @property
    def reason(self) -> Literal["CUSTOM"]:
        return self._inner.reason

    @property
    def type(self) -> Literal["CUSTOM"]:
        return self._inner.type

    @property
    def data(self) -> TData:
        return cast(TData, self._inner.data)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, TypedCustomResult) and other._inner == self._inner

    def __hash__(self) -> int:
        return hash(self._inner)

    def __repr__(self) -> str:
        return f"TypedCustomResult({self._inner!r})"


def _str_dict(value: object) -> dict[str, str]:
    # What the reference keeps of config and input: string keys, values as text.
    if not isinstance(value, Mapping):
        return {}
    return {k: v if isinstance(v, str) else repr(v) for k, v in value.items() if isinstance(k, str)}


def custom_outcome(result: object, error: str | None) -> RuleResultCustom | RuleResultError:
    if error is not None:
        return RuleResultError(message=error, code=_codes.CUSTOM_RULE_ERROR)
    if not isinstance(result, CustomEvaluateResult) or result.conclusion not in ("ALLOW", "DENY"):
        return RuleResultError(message=f"custom rule must return CustomEvaluateResult, got {result!r}",
                               code=_codes.CUSTOM_RULE_ERROR)
    data = result.data if isinstance(result.data, Mapping) else {}
    return RuleResultCustom(conclusion=result.conclusion, data=dict(data))


class _CustomAccessors(Generic[TData]):
    __slots__ = ()

    def _view(self, result: Any) -> TypedCustomResult[TData]:
        return TypedCustomResult(result)


@dataclass(frozen=True, slots=True)
class LocalCustomWithInput(_CustomAccessors[TData], BoundRule[TypedCustomResult[TData]]):
    _input_id: str
    _config_id: str
    config_data: Mapping[str, str]
    input_data: Mapping[str, str]
    evaluate_result: CustomEvaluateResult | None
    evaluate_error: str | None
    evaluate_duration_ms: int
    mode: Mode = "LIVE"
    label: str | None = None
    metadata: Metadata | None = None
    _result_type = RuleResultCustom

    @property
    def outcome(self) -> RuleResultCustom | RuleResultError:
        """The result guard() records for this binding."""
        return custom_outcome(self.evaluate_result, self.evaluate_error)


class LocalCustomRule(_CustomAccessors[TData], ConfiguredRule[TypedCustomResult[TData]],
                      Generic[TConfig, TInput, TData]):
    """Subclass and override ``evaluate`` (and optionally ``evaluate_async``)."""

    _result_type = RuleResultCustom

    def __init__(self, *, config: TConfig, mode: Mode = "LIVE", label: str | None = None,
                 metadata: Metadata | None = None) -> None:
        self._config: TConfig = config
        super().__init__(mode=mode, label=label, metadata=metadata)

    @property
    def config(self) -> TConfig:
        return self._config

    def evaluate(self, config: TConfig, input: TInput) -> CustomEvaluateResult:
        """Override: decide on ``input`` given ``config``. The default allows."""
        return CustomEvaluateResult(conclusion="ALLOW")

    async def evaluate_async(self, config: TConfig, input: TInput) -> CustomEvaluateResult:
        """Override for async work; the default calls ``evaluate``."""
        return self.evaluate(config, input)

    def _bound(self, data: TInput, metadata: object, result: CustomEvaluateResult | None, error: str | None,
               started: float) -> LocalCustomWithInput[TData]:
        return LocalCustomWithInput(new_input_id(), self._config_id, _str_dict(self._config), _str_dict(data),
                                    result, error, int((time.monotonic() - started) * 1000), self._mode,
                                    self._label, self._bind_metadata(metadata))

    def __call__(self, *, data: TInput, metadata: Metadata | None = None) -> LocalCustomWithInput[TData]:
        started = time.monotonic()
        try:
            result = self.evaluate(self._config, data)
        except Exception as exc:  # the user's rule: its bug must not escape guard()
            return self._bound(data, metadata, None, f"custom rule raised {type(exc).__name__}: {exc}", started)
        return self._bound(data, metadata, result, None, started)

    async def call_async(self, *, data: TInput, metadata: Metadata | None = None) -> LocalCustomWithInput[TData]:
        started = time.monotonic()
        try:
            result = await self.evaluate_async(self._config, data)
        except Exception as exc:
            return self._bound(data, metadata, None, f"custom rule raised {type(exc).__name__}: {exc}", started)
        return self._bound(data, metadata, result, None, started)
