"""Sensitive information in ``protect(sensitive_info_value=...)``. NOT BUILT:
every evaluation is an ERROR result saying so (issue: content rules)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from arcjet_core.decision import RuleResult
from arcjet_core.enums import Mode, SensitiveInfoEntityType
from arcjet_core.errors import ArcjetError, ArcjetMisconfiguration

from ._base import UnbuiltRule
from ._spec import RuleSpec, coerce_characteristics, coerce_mode, positive_int, str_list

if TYPE_CHECKING:
    from arcjet_core.context import RequestContext
    from arcjet_core.engine import ProtectInput


@dataclass(frozen=True, slots=True)
class SensitiveInfoDetection(RuleSpec):
    kind: ClassVar[str] = "SENSITIVE_INFO"
    mode: Mode = Mode.LIVE
    allow: tuple[str, ...] = ()
    deny: tuple[str, ...] = ()
    context_window_size: int | None = None
    detect: Callable[[list[str]], Sequence[str | None]] | None = field(default=None, compare=False)
    characteristics: tuple[str, ...] = ()


def detect_sensitive_info(
    *,
    mode: Mode | str = Mode.LIVE,
    allow: Sequence[str | SensitiveInfoEntityType] = (),
    deny: Sequence[str | SensitiveInfoEntityType] = (),
    context_window_size: int | None = None,
    detect: Callable[[list[str]], Sequence[str | None]] | None = None,
    characteristics: Sequence[str] = (),
) -> SensitiveInfoDetection:
    """Detect sensitive information in ``protect(sensitive_info_value=...)``."""
    allow_t, deny_t = str_list(allow, "allow"), str_list(deny, "deny")
    if allow_t and deny_t:
        raise ArcjetMisconfiguration("detect_sensitive_info: pass either allow or deny, not both")
    if context_window_size is not None:
        positive_int(context_window_size, "context_window_size")
    if detect is not None and not callable(detect):
        raise TypeError("detect must be callable: (tokens: list[str]) -> list[str | None]")
    native = {t.value for t in SensitiveInfoEntityType}
    unknown = [t for t in (*allow_t, *deny_t) if t not in native]
    if unknown and detect is None:
        raise ArcjetMisconfiguration(
            f"detect_sensitive_info: {unknown} can only be found by a custom detect= function; "
            f"built-in types are {sorted(native)}"
        )
    return SensitiveInfoDetection(
        mode=coerce_mode(mode),
        allow=allow_t,
        deny=deny_t,
        context_window_size=context_window_size,
        detect=detect,
        characteristics=coerce_characteristics(characteristics),
    )


class SensitiveInfoRule(UnbuiltRule):
    feature = "detect_sensitive_info"
    reads_request = True

    __slots__ = ()

    def inspect(self, ctx: RequestContext, analysis: Any, error: ArcjetError | None, inputs: ProtectInput) -> tuple[RuleResult, int | None]:
        if inputs.sensitive_info_value is None:
            return self.not_run("no sensitive_info_value was passed to protect()"), None
        return super().inspect(ctx, analysis, error, inputs)
