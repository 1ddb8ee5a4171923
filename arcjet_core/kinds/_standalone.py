"""An analyzer part run on an input outside any request: Guard's content
rules (``LocalDetectSensitiveInfo``, ``DetectPromptInjection``) call the same
analyzer as protect()'s rules, through a Ruleset built once per part."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._base import AnalyzerPart

if TYPE_CHECKING:
    from arcjet_core.analyze import RuleOutcome, Ruleset
    from arcjet_core.context import RequestContext

# By the part's repr (its spec and limits): a handful of configurations.
_rulesets: dict[str, Ruleset] = {}
_no_request: list[RequestContext] = []


def standalone_outcome(part: AnalyzerPart, *, text: str | None = None, prompt: str | None = None) -> RuleOutcome:
    """``part``'s outcome for ``text`` / ``prompt`` alone (no request: an
    empty context). Raises ArcjetError when the analyzer fails."""
    from arcjet_core.analyze import Ruleset
    from arcjet_core.context import raw_from_request

    if not _no_request:
        _no_request.append(raw_from_request({"ip": ""}).to_context(""))
    key = repr(part)
    ruleset = _rulesets.get(key)
    if ruleset is None:
        ruleset = _rulesets.setdefault(key, Ruleset([part]))
    return ruleset.analyze(_no_request[0], email=None, text=text, prompt=prompt).outcomes[part.index]
