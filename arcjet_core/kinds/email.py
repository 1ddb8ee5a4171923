"""Email validation of ``protect(email=...)``.

- INVALID: syntax, in the analyzer. An invalid address gets no other check.
- FREE, DISPOSABLE: the domain or a parent domain is on the bundled list
  (``arcjet_core.email_domains``), adjusted by the rule's extra and excluded
  domains. Computed for every valid address: no I/O.
- NO_MX_RECORDS: a DNS lookup, only when the rule lists the type in deny or
  allow (``arcjet_core.email_mx``).
- NO_GRAVATAR: an HTTPS request to Gravatar, only with check_gravatar=True
  (``arcjet_core.gravatar``).

The lookups are the flow's email step (``EmailCheckCall``): ``plan_checks``
says what to ask, ``apply_checks`` folds the answers into the analyzer's
outcome, and ``EmailRule.inspect`` concludes. The reason lists every type
that applies; the rule denies when one is in ``deny`` (or not in ``allow``).
A check that failed makes the result ERROR, unless another type already
denies.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from arcjet_core.decision import EmailReason, RuleResult
from arcjet_core.email_checks import EmailCheck, EmailFacts
from arcjet_core.email_domains import DomainList, address_domain, domain_entries, to_ascii
from arcjet_core.enums import Conclusion, EmailType, Mode, RuleState
from arcjet_core.errors import ArcjetError, ArcjetMisconfiguration
from arcjet_core.gravatar import (
    DEFAULT_GRAVATAR_TIMEOUT,
    GRAVATAR_URL,
    check_gravatar_timeout,
    check_gravatar_url,
)

from ._base import AnalyzedRule, AnalyzerPart, PreparedRule
from ._spec import RuleSpec, coerce_mode, str_list

if TYPE_CHECKING:
    from arcjet_core.context import RequestContext
    from arcjet_core.engine import ProtectInput

DomainSource = Sequence[str] | Path


@dataclass(frozen=True, slots=True)
class EmailValidation(RuleSpec):
    kind: ClassVar[str] = "EMAIL"
    mode: Mode = Mode.LIVE
    deny: tuple[EmailType, ...] = ()
    allow: tuple[EmailType, ...] = ()
    require_top_level_domain: bool = True
    allow_domain_literal: bool = False
    free_domains_extra: tuple[str, ...] = ()
    free_domains_exclude: tuple[str, ...] = ()
    disposable_domains_extra: tuple[str, ...] = ()
    disposable_domains_exclude: tuple[str, ...] = ()
    check_gravatar: bool = False
    gravatar_url: str = GRAVATAR_URL
    gravatar_timeout: float = DEFAULT_GRAVATAR_TIMEOUT

    @property
    def checks_mx(self) -> bool:
        return EmailType.NO_MX_RECORDS in self.deny or EmailType.NO_MX_RECORDS in self.allow


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


def _domain_lists(name: str, extra: object, exclude: object) -> tuple[tuple[str, ...], tuple[str, ...]]:
    extra_t = domain_entries(extra, f"{name}_domains_extra")
    exclude_t = domain_entries(exclude, f"{name}_domains_exclude")
    both = sorted(set(extra_t) & set(exclude_t))
    if both:
        raise ArcjetMisconfiguration(f"{name}_domains_extra and {name}_domains_exclude both list {both}")
    return extra_t, exclude_t


def validate_email(
    *,
    mode: Mode | str = Mode.LIVE,
    deny: Sequence[str | EmailType] = (),
    allow: Sequence[str | EmailType] = (),
    require_top_level_domain: bool = True,
    allow_domain_literal: bool = False,
    free_domains_extra: DomainSource = (),
    free_domains_exclude: DomainSource = (),
    disposable_domains_extra: DomainSource = (),
    disposable_domains_exclude: DomainSource = (),
    check_gravatar: bool = False,
    gravatar_url: str | None = None,
    gravatar_timeout: float = DEFAULT_GRAVATAR_TIMEOUT,
) -> EmailValidation:
    """Validate the address passed as ``protect(email=...)``.

    ``*_domains_extra`` / ``*_domains_exclude`` add domains to, or remove
    them from, the bundled FREE and DISPOSABLE lists: a list of domains or a
    ``pathlib.Path`` to a file of them (one a line, ``#`` comments).
    ``check_gravatar=True`` turns on NO_GRAVATAR (it sends a hash of the
    address to ``gravatar_url``, by default Gravatar's own); ``gravatar_timeout``
    is in seconds.
    """
    deny_t, allow_t = _email_types(deny, "deny"), _email_types(allow, "allow")
    if deny_t and allow_t:
        raise ArcjetMisconfiguration("validate_email: pass either allow or deny, not both")
    if not deny_t and not allow_t:
        raise ArcjetMisconfiguration("validate_email: pass deny=[...] (e.g. EmailType.INVALID) or allow=[...]")
    for name, flag in (("require_top_level_domain", require_top_level_domain),
                       ("allow_domain_literal", allow_domain_literal), ("check_gravatar", check_gravatar)):
        if not isinstance(flag, bool):
            raise TypeError(f"{name} must be a bool")
    if EmailType.NO_GRAVATAR in deny_t and not check_gravatar:
        raise ArcjetMisconfiguration(
            "validate_email: deny=[NO_GRAVATAR] needs check_gravatar=True (it sends a hash of each address "
            "to Gravatar, so it is off unless asked for)"
        )
    free = _domain_lists("free", free_domains_extra, free_domains_exclude)
    disposable = _domain_lists("disposable", disposable_domains_extra, disposable_domains_exclude)
    return EmailValidation(
        mode=coerce_mode(mode),
        deny=deny_t,
        allow=allow_t,
        require_top_level_domain=require_top_level_domain,
        allow_domain_literal=allow_domain_literal,
        free_domains_extra=free[0],
        free_domains_exclude=free[1],
        disposable_domains_extra=disposable[0],
        disposable_domains_exclude=disposable[1],
        check_gravatar=check_gravatar,
        gravatar_url=check_gravatar_url(GRAVATAR_URL if gravatar_url is None else gravatar_url),
        gravatar_timeout=check_gravatar_timeout(gravatar_timeout),
    )


class EmailRule(AnalyzedRule):
    required_inputs = ("email",)
    factory_name = "validate_email"
    reads_request = True  # the lists match protect(email=...)'s domain

    __slots__ = ("_disposable", "_free")

    def __init__(self, rule: RuleSpec, index: int, namespace: str, default_characteristics: tuple[str, ...]) -> None:
        super().__init__(rule, index, namespace, default_characteristics)
        spec = self.spec
        self._free = DomainList("FREE", spec.free_domains_extra, spec.free_domains_exclude)
        self._disposable = DomainList("DISPOSABLE", spec.disposable_domains_extra, spec.disposable_domains_exclude)

    @property
    def spec(self) -> EmailValidation:
        rule = self.rule
        assert isinstance(rule, EmailValidation)
        return rule

    @property
    def needs_io(self) -> bool:
        return self.spec.checks_mx or self.spec.check_gravatar

    def analyzer_part(self) -> AnalyzerPart:
        rule = self.spec
        return AnalyzerPart(self.index, {
            "kind": "EMAIL",
            "index": self.index,
            "require_top_level_domain": rule.require_top_level_domain,
            "allow_domain_literal": rule.allow_domain_literal,
            "deny": [t.value for t in rule.deny],
            "allow": [t.value for t in rule.allow],
        })

    def _listed(self, address: str) -> set[str]:
        """FREE and DISPOSABLE from the bundled lists: no I/O."""
        domain = address_domain(address)
        found: set[str] = set()
        if domain and not domain.startswith("["):
            ascii_domain = to_ascii(domain)
            if self._free.matches(ascii_domain):
                found.add("FREE")
            if self._disposable.matches(ascii_domain):
                found.add("DISPOSABLE")
        return found

    def _denies(self, found: set[str], types: tuple[str, ...]) -> bool:
        spec = self.spec
        if spec.deny:
            return any(t in found for t in spec.deny)
        return any(t not in spec.allow for t in types)

    def denied_without_io(self, address: str) -> bool:
        """The bundled lists alone deny ``address``: no lookup can change that."""
        found = self._listed(address)
        return self._denies(found, tuple(t.value for t in EmailType if t.value in found))

    def check_for(self, address: str) -> EmailCheck:
        spec = self.spec
        domain = address_domain(address)
        literal = domain.startswith("[")
        return EmailCheck(self.index, address, "" if literal else to_ascii(domain), spec.checks_mx and not literal,
                          spec.gravatar_url if spec.check_gravatar else None, spec.gravatar_timeout)

    def inspect(self, ctx: RequestContext, analysis: Any, error: ArcjetError | None,
                inputs: ProtectInput) -> tuple[RuleResult, int | None]:
        syntax = self.analyzed(analysis, error)
        if syntax.state is RuleState.NOT_RUN or syntax.conclusion is Conclusion.ERROR:
            return syntax, None
        reason = analysis.outcomes[self.index].reason
        if "INVALID" in reason.get("email_types", ()):
            return syntax, None
        found = set(reason.get("checked_types", ())) | self._listed(inputs.email or "")
        types = tuple(t.value for t in EmailType if t.value in found)
        if self._denies(found, types):
            return self.result(RuleState.RUN, Conclusion.DENY, EmailReason(email_types=types)), None
        if self.needs_io and "checked_types" not in reason:
            return self.error("email checks did not run"), None  # never an ALLOW that skipped a lookup
        errors = reason.get("check_errors", ())
        if errors:
            return self.error(f"email check failed: {'; '.join(errors)}"), None
        return self.result(RuleState.RUN, Conclusion.ALLOW, EmailReason(email_types=types)), None


# ------------------------------------------------------- the flow's email step

def io_rules(prepared: Sequence[PreparedRule]) -> tuple[EmailRule, ...]:
    """The email rules whose checks need I/O."""
    return tuple(p for p in prepared if isinstance(p, EmailRule) and p.needs_io)


def plan_checks(analysis: Any, email: str | None, rules: Sequence[EmailRule]) -> tuple[EmailCheck, ...]:
    """What to look up: one check per rule that found ``email`` valid."""
    if not email:
        return ()
    checks = []
    for rule in rules:
        outcome = analysis.outcomes.get(rule.index)
        if outcome is None or outcome.conclusion == "ERROR" or "INVALID" in outcome.reason.get("email_types", ()):
            continue
        if not rule.dry_run and rule.denied_without_io(email):
            continue  # a LIVE deny by the bundled list (disposable): no lookup can change it
        checks.append(rule.check_for(email))
    return tuple(checks)


def apply_checks(analysis: Any, checks: Sequence[EmailCheck], answers: Sequence[EmailFacts] | ArcjetError) -> Any:
    """``analysis`` with each checked rule's outcome carrying the answers."""
    outcomes = dict(analysis.outcomes)
    for i, check in enumerate(checks):
        facts = EmailFacts((), (f"{answers}",)) if isinstance(answers, ArcjetError) else answers[i]
        outcome = outcomes[check.rule_index]
        outcomes[check.rule_index] = replace(outcome, reason={
            **outcome.reason, "checked_types": list(facts.types), "check_errors": list(facts.errors)})
    return analysis._replace(outcomes=outcomes)
