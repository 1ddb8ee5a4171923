"""A client flooding made-up domains is rate limited, and once over its
limit makes no MX lookups: the real client, the real analyzer and a DNS
server on loopback that counts its questions."""

from __future__ import annotations

import asyncio

from arcjet_core import arcjet, arcjet_sync, sliding_window, validate_email
from arcjet_core.decision import Decision, NotRunReason
from arcjet_core.engine import SKIPPED_LOOKUP
from arcjet_core.enums import RuleState
from tests.fixtures.dns_server import DnsServer

RULES = [sliding_window(mode="LIVE", max=2, interval=60), validate_email(mode="LIVE", deny=["NO_MX_RECORDS"])]


def request(ip: str) -> dict[str, object]:
    return {"ip": ip, "method": "POST", "path": "/signup", "headers": {"user-agent": "Mozilla/5.0"}}


def domains_asked(server: DnsServer) -> set[str]:
    return {name for name, _ in server.queries}


def check_skipped(decision: Decision) -> None:
    results = decision.results
    assert decision.is_denied() and results[0].is_denied()
    email = results[1]
    assert email.state is RuleState.NOT_RUN and isinstance(email.reason_v2, NotRunReason)
    assert email.reason_v2.message == SKIPPED_LOOKUP


def test_a_flood_of_made_up_domains_stops_being_looked_up(dns_server: DnsServer) -> None:
    aj = arcjet_sync(key="k", rules=RULES, dns_servers=[dns_server.address])
    try:
        # Domains with no MX: the first two are looked up and denied, and spend the limit.
        for n in range(2):
            decision = aj.protect(request("203.0.113.20"), email=f"ada@d{n}.test")
            assert decision.is_denied() and decision.reason_v2.type == "EMAIL"
        asked = domains_asked(dns_server)
        assert {"d0.test.", "d1.test."} <= asked
        for n in range(2, 40):
            check_skipped(aj.protect(request("203.0.113.20"), email=f"ada@d{n}.test"))
        assert domains_asked(dns_server) == asked
        # Another client's first request is looked up.
        aj.protect(request("203.0.113.21"), email="ada@other.test")
        assert "other.test." in domains_asked(dns_server)
    finally:
        aj.close()


def test_a_listed_domain_needs_no_lookup_and_spends_nothing(dns_server: DnsServer) -> None:
    rules = [RULES[0], validate_email(mode="LIVE", deny=["DISPOSABLE", "NO_MX_RECORDS"])]
    aj = arcjet_sync(key="k", rules=rules, dns_servers=[dns_server.address])
    try:
        for _ in range(5):
            decision = aj.protect(request("203.0.113.22"), email="ada@mailinator.com")
            assert decision.is_denied() and decision.reason_v2.type == "EMAIL"
            assert decision.results[0].state is RuleState.NOT_RUN
        assert dns_server.queries == []
    finally:
        aj.close()


def test_the_same_through_the_async_client(dns_server: DnsServer) -> None:
    async def main() -> None:
        aj = arcjet(key="k", rules=RULES, dns_servers=[dns_server.address])
        try:
            for n in range(2):
                decision = await aj.protect(request("203.0.113.30"), email=f"bo@e{n}.test")
                assert decision.is_denied() and decision.reason_v2.type == "EMAIL"
            asked = domains_asked(dns_server)
            assert {"e0.test.", "e1.test."} <= asked
            for n in range(2, 40):
                check_skipped(await aj.protect(request("203.0.113.30"), email=f"bo@e{n}.test"))
            assert domains_asked(dns_server) == asked
        finally:
            await aj.aclose()

    asyncio.run(main())
