"""Email validation of ``protect(email=...)``: syntax in the analyzer. The
other email types (DISPOSABLE, FREE, NO_MX_RECORDS, NO_GRAVATAR) are not built."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from arcjet_core.enums import EmailType, Mode
from arcjet_core.errors import ArcjetMisconfiguration

from ._base import AnalyzedRule, AnalyzerPart
from ._spec import RuleSpec, coerce_mode, str_list


@dataclass(frozen=True, slots=True)
class EmailValidation(RuleSpec):
    kind: ClassVar[str] = "EMAIL"
    mode: Mode = Mode.LIVE
    deny: tuple[EmailType, ...] = ()
    allow: tuple[EmailType, ...] = ()
    require_top_level_domain: bool = True
    allow_domain_literal: bool = False


def _email_types(value: object, param: str) -> tuple[EmailType, ...]:
    out: list[EmailType] = []
    for item in str_list(value, param):
        try:
            out.append(EmailType(item.upper()))
        except ValueError:
            raise ArcjetMisconfiguration(
                f"{param}: unknown email type {item!r}; known: {', '.join(t.value for t in EmailType)}"
            ) from None
    return tuple(out)


def validate_email(
    *,
    mode: Mode | str = Mode.LIVE,
    deny: Sequence[str | EmailType] = (),
    allow: Sequence[str | EmailType] = (),
    require_top_level_domain: bool = True,
    allow_domain_literal: bool = False,
) -> EmailValidation:
    """Validate the address passed as ``protect(email=...)``."""
    deny_t, allow_t = _email_types(deny, "deny"), _email_types(allow, "allow")
    if deny_t and allow_t:
        raise ArcjetMisconfiguration("validate_email: pass either allow or deny, not both")
    if not deny_t and not allow_t:
        raise ArcjetMisconfiguration("validate_email: pass deny=[...] (e.g. EmailType.INVALID) or allow=[...]")
    for name, flag in (("require_top_level_domain", require_top_level_domain), ("allow_domain_literal", allow_domain_literal)):
        if not isinstance(flag, bool):
            raise TypeError(f"{name} must be a bool")
    return EmailValidation(
        mode=coerce_mode(mode),
        deny=deny_t,
        allow=allow_t,
        require_top_level_domain=require_top_level_domain,
        allow_domain_literal=allow_domain_literal,
    )


class EmailRule(AnalyzedRule):
    required_inputs = ("email",)
    factory_name = "validate_email"

    __slots__ = ()

    def analyzer_part(self) -> AnalyzerPart:
        rule = self.rule
        assert isinstance(rule, EmailValidation)
        return AnalyzerPart(self.index, {
            "kind": "EMAIL",
            "index": self.index,
            "require_top_level_domain": rule.require_top_level_domain,
            "allow_domain_literal": rule.allow_domain_literal,
            "deny": [t.value for t in rule.deny],
            "allow": [t.value for t in rule.allow],
        })
