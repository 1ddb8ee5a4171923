"""The email step of protect(): the checks of validate_email rules that need
I/O (NO_MX_RECORDS, NO_GRAVATAR), done by the client's ``EmailChecker``
when the flow yields an ``EmailCheckCall``, sync or async.

The flow asks only for rules whose address the analyzer found valid, and
only for the checks each rule needs; the answers come back in order, one
``EmailFacts`` per ``EmailCheck``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from arcjet_core.dns_config import DEFAULT_DNS_TIMEOUT, Server
from arcjet_core.email_mx import MxChecker
from arcjet_core.gravatar import GravatarChecker

if TYPE_CHECKING:
    from arcjet_core.kinds.email import EmailRule


class EmailCheck(NamedTuple):
    rule_index: int
    address: str
    domain: str  # A-label form; "" when it has none (nothing to look up)
    mx: bool  # look for NO_MX_RECORDS
    gravatar_url: str | None  # look for NO_GRAVATAR there (None: do not)
    gravatar_timeout: float


class EmailFacts(NamedTuple):
    types: tuple[str, ...]  # the email types the checks found
    errors: tuple[str, ...]  # why a check has no answer


class EmailChecker:
    """One per client; holds the resolvers and the caches."""

    def __init__(self, *, mx: MxChecker | None, gravatar: GravatarChecker | None) -> None:
        self._mx = mx
        self._gravatar = gravatar

    def run(self, checks: Sequence[EmailCheck]) -> list[EmailFacts]:
        out = []
        for check in checks:
            mx = self._mx.check(check.domain) if check.mx and check.domain and self._mx else None
            gravatar = None
            if check.gravatar_url is not None and self._gravatar is not None:
                gravatar = self._gravatar.check(check.address, check.gravatar_url, check.gravatar_timeout)
            out.append(_facts(check, mx, gravatar))
        return out

    async def run_async(self, checks: Sequence[EmailCheck]) -> list[EmailFacts]:
        out = []
        for check in checks:
            mx = await self._mx.check_async(check.domain) if check.mx and check.domain and self._mx else None
            gravatar = None
            if check.gravatar_url is not None and self._gravatar is not None:
                gravatar = await self._gravatar.check_async(check.address, check.gravatar_url,
                                                            check.gravatar_timeout)
            out.append(_facts(check, mx, gravatar))
        return out


def _facts(check: EmailCheck, mx: bool | str | None, gravatar: bool | str | None) -> EmailFacts:
    types: list[str] = []
    errors: list[str] = []
    if check.mx and not check.domain:
        types.append("NO_MX_RECORDS")  # no A-label form: no such name can exist in the DNS
    for name, finding in (("NO_MX_RECORDS", mx), ("NO_GRAVATAR", gravatar)):
        if finding is True:
            types.append(name)
        elif isinstance(finding, str):
            errors.append(finding)
    return EmailFacts(tuple(types), tuple(errors))


def email_checker(rules: Sequence[EmailRule], *, servers: tuple[Server, ...] | None,
                  timeout: float = DEFAULT_DNS_TIMEOUT) -> EmailChecker | None:
    """The client's checker for its email rules with I/O checks, or None when
    there are none. ``servers`` and ``timeout`` are the client's DNS options,
    already checked (``resolve_dns_servers``, ``check_dns_timeout``)."""
    mx = any(rule.spec.checks_mx for rule in rules)
    gravatar = any(rule.spec.check_gravatar for rule in rules)
    if not mx and not gravatar:
        return None
    return EmailChecker(mx=MxChecker(servers, timeout=timeout) if mx else None,
                        gravatar=GravatarChecker() if gravatar else None)
