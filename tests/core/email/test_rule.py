"""validate_email end to end: the clients, sync and async, with the Wasm
analyzer for syntax, the bundled lists, and the DNS and Gravatar checks
against servers on loopback."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

from arcjet_core import (
    ArcjetError,
    ArcjetMisconfiguration,
    Conclusion,
    Decision,
    Mode,
    RuleResult,
    RuleState,
    arcjet,
    arcjet_sync,
    protect_signup,
    validate_email,
)
from arcjet_core.dns_config import DNS_SERVERS_ENV
from arcjet_core.kinds.email import EmailValidation
from tests.fixtures.dns_server import DnsServer

from .http_server import AvatarServer

MODES = ["sync", "async"]
BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"
REQUEST = {"ip": "8.8.8.8", "method": "POST", "path": "/signup", "headers": {"user-agent": BROWSER}}


async def protect(rules: Sequence[Any], email: str, mode: str, **client: Any) -> Decision:
    if mode == "sync":
        with arcjet_sync(key="email-tests", rules=rules, **client) as aj:
            return aj.protect(REQUEST, email=email)
    async with arcjet(key="email-tests", rules=rules, **client) as aja:
        return await aja.protect(REQUEST, email=email)


def email_result(decision: Decision) -> RuleResult:
    return next(r for r in decision.results if r.kind == "EMAIL")


def types(decision: Decision) -> tuple[str, ...]:
    return tuple(getattr(email_result(decision).reason_v2, "email_types", ("<not an email reason>",)))


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("deny", "address", "conclusion", "expected"), [
    (["FREE"], "Ada@GMail.com", "DENY", ("FREE",)),
    (["FREE"], "ada@mail.gmail.com", "DENY", ("FREE",)),
    (["DISPOSABLE"], "x@a.b.MAILINATOR.com", "DENY", ("DISPOSABLE", "FREE")),
    (["DISPOSABLE"], "x@guerrillamail.com", "DENY", ("DISPOSABLE",)),
    (["DISPOSABLE"], "ada@gmail.com", "ALLOW", ("FREE",)),  # every type that applies is listed
    (["DISPOSABLE"], "ada@example.com", "ALLOW", ()),
    (["DISPOSABLE", "INVALID"], "not-an-address", "DENY", ("INVALID",)),
    (["DISPOSABLE"], "not-an-address", "ALLOW", ("INVALID",)),
    (["FREE", "INVALID"], "ada@[192.0.2.1]", "DENY", ("INVALID",)),  # no domain literals by default
])
async def test_list_types(mode: str, deny: list[str], address: str, conclusion: str,
                          expected: tuple[str, ...]) -> None:
    decision = await protect([validate_email(deny=deny)], address, mode)
    assert email_result(decision).conclusion.value == conclusion
    assert types(decision) == expected


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("address", "conclusion", "expected"), [
    ("ada@mx.test", "ALLOW", ()),
    ("ada@nullmx.test", "DENY", ("NO_MX_RECORDS",)),
    ("ada@a-only.test", "ALLOW", ()),
    ("ada@aaaa-only.test", "ALLOW", ()),
    ("ada@nxdomain.test", "DENY", ("NO_MX_RECORDS",)),
    ("ada@MX.Test", "ALLOW", ()),
])
async def test_no_mx_records(dns_server: DnsServer, mode: str, address: str, conclusion: str,
                             expected: tuple[str, ...]) -> None:
    decision = await protect([validate_email(deny=["NO_MX_RECORDS"])], address, mode,
                             dns_servers=[dns_server.address])
    assert email_result(decision).conclusion.value == conclusion
    assert types(decision) == expected


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("domain", "message"), [("servfail.test", "SERVFAIL"), ("silent.test", "timed out")])
async def test_dns_failure_is_an_error_not_a_false_no_mx(dns_server: DnsServer, mode: str, domain: str,
                                                         message: str) -> None:
    decision = await protect([validate_email(deny=["NO_MX_RECORDS"])], f"ada@{domain}", mode,
                             dns_servers=[dns_server.address], dns_timeout=0.3)
    result = email_result(decision)
    assert result.conclusion is Conclusion.ERROR and result.state is RuleState.RUN
    assert message in result.reason_v2.message  # type: ignore[union-attr]
    assert decision.conclusion is Conclusion.ERROR and decision.is_allowed()  # fails open by default
    with pytest.raises(ArcjetError, match="fail_open=False"):
        await protect([validate_email(deny=["NO_MX_RECORDS"])], f"ada@{domain}", mode,
                      dns_servers=[dns_server.address], dns_timeout=0.3, fail_open=False)


@pytest.mark.parametrize("mode", MODES)
async def test_a_certain_deny_wins_over_a_failed_lookup(dns_server: DnsServer, mode: str) -> None:
    rule = validate_email(deny=["DISPOSABLE", "NO_MX_RECORDS"], disposable_domains_extra=["servfail.test"])
    decision = await protect([rule], "ada@servfail.test", mode, dns_servers=[dns_server.address])
    assert decision.is_denied() and types(decision) == ("DISPOSABLE",)


@pytest.mark.parametrize("mode", MODES)
async def test_every_type_that_applies_is_listed(dns_server: DnsServer, avatar_server: AvatarServer,
                                                 mode: str) -> None:
    rule = validate_email(deny=["NO_MX_RECORDS", "NO_GRAVATAR"], free_domains_extra=["nullmx.test"],
                          disposable_domains_extra=["nullmx.test"], check_gravatar=True,
                          gravatar_url=avatar_server.url)
    decision = await protect([rule], "ada@nullmx.test", mode, dns_servers=[dns_server.address])
    assert decision.is_denied()
    assert types(decision) == ("DISPOSABLE", "FREE", "NO_MX_RECORDS", "NO_GRAVATAR")
    assert decision.reason_v2.type == "EMAIL"


@pytest.mark.parametrize("mode", MODES)
async def test_an_invalid_address_skips_the_other_checks(dns_server: DnsServer, avatar_server: AvatarServer,
                                                         mode: str) -> None:
    rule = validate_email(deny=["INVALID", "NO_MX_RECORDS", "NO_GRAVATAR"], check_gravatar=True,
                          gravatar_url=avatar_server.url)
    decision = await protect([rule], "ada@@nullmx.test", mode, dns_servers=[dns_server.address])
    assert decision.is_denied() and types(decision) == ("INVALID",)
    assert dns_server.queries == [] and avatar_server.requests == []


@pytest.mark.parametrize("mode", MODES)
async def test_lookups_only_when_asked(dns_server: DnsServer, avatar_server: AvatarServer, mode: str) -> None:
    decision = await protect([validate_email(deny=["DISPOSABLE", "FREE", "INVALID"])], "ada@nullmx.test", mode,
                             dns_servers=[dns_server.address])
    assert decision.is_allowed() and types(decision) == ()
    assert dns_server.queries == [] and avatar_server.requests == []


@pytest.mark.parametrize("mode", MODES)
async def test_no_gravatar(avatar_server: AvatarServer, mode: str) -> None:
    avatar_server.add("ada@example.com")
    rule = validate_email(deny=["NO_GRAVATAR"], check_gravatar=True, gravatar_url=avatar_server.url)
    assert (await protect([rule], "Ada@Example.com", mode)).is_allowed()
    missing = await protect([rule], "bob@example.com", mode)
    assert missing.is_denied() and types(missing) == ("NO_GRAVATAR",)
    avatar_server.status = 500
    failed = await protect([rule], "eve@example.com", mode)
    assert email_result(failed).conclusion is Conclusion.ERROR


def test_no_gravatar_is_opt_in() -> None:
    assert validate_email(deny=["INVALID"]).check_gravatar is False
    with pytest.raises(ArcjetMisconfiguration, match="check_gravatar=True"):
        validate_email(deny=["NO_GRAVATAR"])
    with pytest.raises(ArcjetMisconfiguration, match="gravatar_timeout"):
        validate_email(deny=["NO_GRAVATAR"], check_gravatar=True, gravatar_timeout=0)
    with pytest.raises(TypeError, match="check_gravatar"):
        validate_email(deny=["INVALID"], check_gravatar="yes")  # type: ignore[arg-type]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("address", "conclusion", "expected"), [
    ("ada@gmail.com", "ALLOW", ("FREE",)),
    ("ada@example.com", "ALLOW", ()),
    ("x@mailinator.com", "DENY", ("DISPOSABLE", "FREE")),  # DISPOSABLE is not allowed
    ("nope", "DENY", ("INVALID",)),
])
async def test_allow_mode_denies_any_type_not_listed(mode: str, address: str, conclusion: str,
                                                     expected: tuple[str, ...]) -> None:
    decision = await protect([validate_email(allow=["FREE"])], address, mode)
    assert email_result(decision).conclusion.value == conclusion and types(decision) == expected


@pytest.mark.parametrize("mode", MODES)
async def test_dry_run_reports_without_denying(mode: str) -> None:
    decision = await protect([validate_email(mode=Mode.DRY_RUN, deny=["DISPOSABLE"])], "x@mailinator.com", mode)
    result = email_result(decision)
    assert result.conclusion is Conclusion.DENY and result.state is RuleState.DRY_RUN
    assert decision.is_allowed()


@pytest.mark.parametrize("mode", MODES)
async def test_idn_addresses(dns_server: DnsServer, mode: str) -> None:
    dns_server.zone.add("xn--mnchen-3ya.test", "MX", "0 .")
    dns_server.zone.add("mail.xn--bcher-kva.test", "MX", "10 mail.mx.test.")
    rule = validate_email(deny=["DISPOSABLE", "NO_MX_RECORDS"], disposable_domains_extra=["bücher.test"])
    burner = await protect([rule], "ada@Mail.BÜCHER.test", mode, dns_servers=[dns_server.address])
    assert types(burner) == ("DISPOSABLE",)
    null = await protect([rule], "ada@MÜNCHEN.test", mode, dns_servers=[dns_server.address])
    assert types(null) == ("NO_MX_RECORDS",)
    # The disposable one is denied by the list: no lookup.
    assert dns_server.queries == [("xn--mnchen-3ya.test.", "MX")]


@pytest.mark.parametrize("mode", MODES)
async def test_domain_literal_has_no_lists_and_no_lookup(dns_server: DnsServer, mode: str) -> None:
    rule = validate_email(deny=["NO_MX_RECORDS", "FREE"], allow_domain_literal=True)
    decision = await protect([rule], "ada@[192.0.2.1]", mode, dns_servers=[dns_server.address])
    assert decision.is_allowed() and types(decision) == () and dns_server.queries == []


async def test_client_dns_options_are_validated(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(DNS_SERVERS_ENV, raising=False)
    rules = [validate_email(deny=["INVALID"])]
    with pytest.raises(ArcjetMisconfiguration, match="dns_servers"):
        arcjet_sync(key="k", rules=rules, dns_servers=["resolver.example"])
    with pytest.raises(ArcjetMisconfiguration, match="dns_timeout"):
        arcjet(key="k", rules=rules, dns_timeout=0)
    monkeypatch.setenv(DNS_SERVERS_ENV, "not-an-ip")
    with pytest.raises(ArcjetMisconfiguration, match=DNS_SERVERS_ENV):
        arcjet_sync(key="k", rules=rules)


@pytest.mark.parametrize("mode", MODES)
async def test_dns_servers_from_the_environment(dns_server: DnsServer, monkeypatch: pytest.MonkeyPatch,
                                                mode: str) -> None:
    monkeypatch.setenv(DNS_SERVERS_ENV, dns_server.address)
    decision = await protect([validate_email(deny=["NO_MX_RECORDS"])], "ada@nullmx.test", mode)
    assert decision.is_denied() and dns_server.queries == [("nullmx.test.", "MX")]


async def test_with_rule_keeps_the_dns_servers(dns_server: DnsServer) -> None:
    base = arcjet_sync(key="k", rules=[], dns_servers=[dns_server.address])
    derived = base.with_rule(validate_email(deny=["NO_MX_RECORDS"]))
    assert derived.protect(REQUEST, email="ada@nullmx.test").is_denied()


@pytest.mark.parametrize("mode", MODES)
async def test_protect_signup(dns_server: DnsServer, mode: str) -> None:
    rules = protect_signup(
        rate_limit={"max": 5, "interval": 600},
        bots={"allow": []},
        email={"deny": ["DISPOSABLE", "INVALID", "NO_MX_RECORDS"]},
    )
    assert isinstance(rules[2], EmailValidation)
    ok = await protect(rules, "ada@mx.test", mode, dns_servers=[dns_server.address])
    assert ok.is_allowed() and [r.kind for r in ok.results] == ["RATE_LIMIT", "BOT", "EMAIL"]
    dns_server.zone.add("mailinator.com", "MX", "10 mail.mx.test.")
    for address, expected in (("x@mailinator.com", ("DISPOSABLE", "FREE")), ("ada@nxdomain.test", ("NO_MX_RECORDS",)),
                              ("ada@", ("INVALID",))):
        denied = await protect(rules, address, mode, dns_servers=[dns_server.address])
        assert denied.is_denied() and denied.reason_v2.type == "EMAIL" and types(denied) == expected
