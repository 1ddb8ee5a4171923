"""Bot detection: the analyzer matches the user agent against the
well-known-bots catalogue (and verifies crawler IPs); with ``verify_dns`` a
claimed crawler is checked by reverse and forward DNS, as its own step."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from arcjet_core.enums import BotCategory, Mode
from arcjet_core.errors import ArcjetMisconfiguration

from ._base import AnalyzedRule, AnalyzerPart
from ._spec import RuleSpec, coerce_mode, str_list


@dataclass(frozen=True, slots=True)
class BotDetection(RuleSpec):
    kind: ClassVar[str] = "BOT"
    mode: Mode = Mode.LIVE
    allow: tuple[str, ...] = ()
    deny: tuple[str, ...] = ()
    # The reference's allow=[] means "block every bot"; remember which list the
    # user gave, because both tuples are empty in that case.
    uses_allow_list: bool = True
    verify_dns: bool = False


def _bot_specifiers(value: object, param: str) -> tuple[str, ...]:
    out: list[str] = []
    for item in str_list(value, param):
        upper = item.upper()
        if upper.startswith("CATEGORY:"):
            known = {c.value for c in BotCategory}
            if upper not in known:
                raise ArcjetMisconfiguration(
                    f"{param}: unknown bot category {item!r}; known: {', '.join(sorted(known))}"
                )
        out.append(upper)
    return tuple(out)


def detect_bot(
    *,
    mode: Mode | str = Mode.LIVE,
    allow: Sequence[str | BotCategory] | None = None,
    deny: Sequence[str | BotCategory] | None = None,
    verify_dns: bool = False,
) -> BotDetection:
    """Detect automated clients. Give exactly one of ``allow`` (block every bot not listed)
    or ``deny`` (block only the listed bots). ``allow=[]`` blocks every bot."""
    if allow is not None and deny is not None:
        raise ArcjetMisconfiguration("detect_bot: pass either allow or deny, not both")
    if allow is None and deny is None:
        raise ArcjetMisconfiguration("detect_bot: pass allow=[...] or deny=[...] (allow=[] blocks every bot)")
    if not isinstance(verify_dns, bool):
        raise TypeError("verify_dns must be a bool")
    return BotDetection(
        mode=coerce_mode(mode),
        allow=_bot_specifiers(allow, "allow") if allow is not None else (),
        deny=_bot_specifiers(deny, "deny") if deny is not None else (),
        uses_allow_list=allow is not None,
        verify_dns=verify_dns,
    )


class BotRule(AnalyzedRule):
    __slots__ = ()

    def analyzer_part(self) -> AnalyzerPart:
        rule = self.rule
        assert isinstance(rule, BotDetection)
        spec: dict[str, object] = {"kind": "BOT", "index": self.index}
        if rule.uses_allow_list and not rule.deny:
            spec["allow"] = list(rule.allow)
        else:
            spec["deny"] = list(rule.deny)
        return AnalyzerPart(self.index, spec, needs_user_agent=True, verify_dns=rule.verify_dns)
