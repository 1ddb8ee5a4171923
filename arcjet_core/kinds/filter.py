"""Request filters (``filter_request(allow=[...] | deny=[...])``). NOT BUILT:
every evaluation is an ERROR result saying so (issue: content rules)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from arcjet_core.enums import Mode
from arcjet_core.errors import ArcjetMisconfiguration

from ._base import UnbuiltRule
from ._spec import RuleSpec, coerce_mode, str_list


@dataclass(frozen=True, slots=True)
class Filter(RuleSpec):
    kind: ClassVar[str] = "FILTER"
    mode: Mode = Mode.LIVE
    allow: tuple[str, ...] = ()
    deny: tuple[str, ...] = ()


def filter_request(
    *,
    mode: Mode | str = Mode.LIVE,
    allow: Sequence[str] = (),
    deny: Sequence[str] = (),
) -> Filter:
    """Allow or deny requests matching filter expressions (e.g. ``'ip.src == "1.2.3.4"'``)."""
    allow_t, deny_t = str_list(allow, "allow"), str_list(deny, "deny")
    if allow_t and deny_t:
        raise ArcjetMisconfiguration("filter_request: pass either allow or deny, not both")
    if not allow_t and not deny_t:
        raise ArcjetMisconfiguration("filter_request: pass at least one expression in allow or deny")
    return Filter(mode=coerce_mode(mode), allow=allow_t, deny=deny_t)


class FilterRule(UnbuiltRule):
    feature = "filter_request"

    __slots__ = ()
