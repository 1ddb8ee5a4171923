"""Request filters: ``filter_request(allow=[...] | deny=[...])``.

Expressions are the reference's Wireshark/wirefilter dialect. They are parsed
and type-checked here when the rule is made (``_filter_lang``: a bad one
raises with line:column and a caret), then compiled by the analyzer (the
``wasm/filter`` crate: regexes, IPs) at once, so an invalid regex raises here
too. Per request the analyzer evaluates them three-valued: a missing header,
cookie, argument, ``local`` key or IP detail makes an expression
undetermined, not false. ``deny`` denies when an expression is true; ``allow``
denies unless one is.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from arcjet_core.enums import Mode
from arcjet_core.errors import ArcjetMisconfiguration

from ._base import AnalyzedRule, AnalyzerPart
from ._filter_lang import check_expressions
from ._spec import RuleSpec, coerce_mode, str_list


@dataclass(frozen=True, slots=True)
class Filter(RuleSpec):
    kind: ClassVar[str] = "FILTER"
    mode: Mode = Mode.LIVE
    allow: tuple[str, ...] = ()
    deny: tuple[str, ...] = ()


def _spec(index: int, sources: Sequence[str], irs: Sequence[object], allow_mode: bool) -> dict[str, object]:
    return {"kind": "FILTER", "index": index, "allow_mode": allow_mode,
            "expressions": [{"source": s, "ir": ir} for s, ir in zip(sources, irs, strict=True)]}


def _compile_in_analyzer(spec: dict[str, object], param: str) -> None:
    """What only the analyzer can check (regex syntax and size): configure
    the expressions once now, so the error comes when the rule is made."""
    from arcjet_core.analyze import Ruleset

    try:
        Ruleset([AnalyzerPart(0, spec, needs_request=True, reads_local=True)], cache_size=0)
    except ArcjetMisconfiguration as exc:
        # The crate names the expression by index ("expression 2: ..."); say
        # it as the parser does, by parameter: "deny[2]: ...".
        message = str(exc).removeprefix("analyzer rejected the rules: ")
        message = re.sub(r"^expression (\d+): ", lambda m: f"{param}[{m[1]}]: ", message)
        raise ArcjetMisconfiguration(f"filter_request: {message}") from None


def filter_request(
    *,
    mode: Mode | str = Mode.LIVE,
    allow: Sequence[str] = (),
    deny: Sequence[str] = (),
) -> Filter:
    """Allow or deny requests matching filter expressions, e.g.
    ``deny=['http.request.uri.path wildcard "/admin*" and not ip.src in { 10.0.0.0/8 }']``.
    ``protect(filter_local={...})`` gives the ``local.*`` fields."""
    allow_t, deny_t = str_list(allow, "allow"), str_list(deny, "deny")
    if allow_t and deny_t:
        raise ArcjetMisconfiguration("filter_request: pass either allow or deny, not both")
    if not allow_t and not deny_t:
        raise ArcjetMisconfiguration("filter_request: pass at least one expression in allow or deny")
    param, sources = ("allow", allow_t) if allow_t else ("deny", deny_t)
    irs = check_expressions(sources, param)
    _compile_in_analyzer(_spec(0, sources, irs, bool(allow_t)), param)
    return Filter(mode=coerce_mode(mode), allow=allow_t, deny=deny_t)


class FilterRule(AnalyzedRule):
    __slots__ = ()

    def analyzer_part(self) -> AnalyzerPart:
        rule = self.rule
        assert isinstance(rule, Filter)
        sources = rule.allow or rule.deny
        irs = check_expressions(sources, "allow" if rule.allow else "deny")
        spec = _spec(self.index, sources, irs, bool(rule.allow))
        # IP details are looked up for a request only when an expression reads them.
        reads_ip_details = '"field": "ip.src.' in json.dumps(spec)
        return AnalyzerPart(self.index, spec, needs_request=True, reads_local=True, reads_ip_details=reads_ip_details)
