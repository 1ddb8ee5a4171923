"""Reverse-DNS verification against a real DNS server on loopback.

The server (tests/fixtures/dns_server.py) answers PTR, A and AAAA queries
from a zone, NXDOMAIN otherwise, and records queries so the cache can be
observed.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator

import dns.exception
import dns.message
import dns.rcode
import dns.rdatatype
import dns.reversename
import dns.rrset
import pytest

from arcjet_core.analyze import DnsVerifier, RuleOutcome, apply_dns, dns_candidates
from arcjet_core.analyze._dns import hostname_matches, mask_regex
from arcjet_core.errors import ArcjetMisconfiguration
from arcjet_core.rules import detect_bot
from tests.fixtures.dns_server import DnsServer, Zone

from .helpers import GOOGLEBOT, ctx, ruleset_of

YANDEX_UA = "Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)"
GENUINE_IP = "5.255.253.10"
LIAR_IP = "198.51.100.66"  # PTR says yandex, but the name does not resolve back
STRANGER_IP = "198.51.100.67"  # PTR points somewhere else entirely
SILENT_IP = "198.51.100.68"  # no PTR record


def yandex_zone() -> Zone:
    zone = Zone()
    zone.add(str(dns.reversename.from_address(GENUINE_IP)), "PTR", "spider-5-255-253-10.spider.yandex.com.")
    zone.add("spider-5-255-253-10.spider.yandex.com.", "A", GENUINE_IP)
    zone.add(str(dns.reversename.from_address(LIAR_IP)), "PTR", "spider-fake.spider.yandex.com.")
    zone.add("spider-fake.spider.yandex.com.", "A", "203.0.113.1")
    zone.add(str(dns.reversename.from_address(STRANGER_IP)), "PTR", "host.example.net.")
    return zone


@pytest.fixture
def server() -> Iterator[DnsServer]:
    r = DnsServer(yandex_zone())
    yield r
    r.close()


RULES = [detect_bot(allow=["CATEGORY:SEARCH_ENGINE"], verify_dns=True)]
DNS_RULES = (0,)


def verifier_for(server: DnsServer, timeout: float = 2.0) -> DnsVerifier:
    return DnsVerifier(nameservers=["127.0.0.1"], port=server.port, timeout=timeout)


def outcome(verifier: DnsVerifier, ip: str) -> RuleOutcome:
    """The flow's two steps: the analyzer, then DNS for what it could not verify."""
    out = ruleset_of(RULES).analyze(ctx(YANDEX_UA, ip), email=None)
    for index, ids in dns_candidates(out, DNS_RULES):
        out = apply_dns(out, index, verifier.verify(ip, ids))
    return out.outcomes[0]


def test_masks() -> None:
    assert hostname_matches("crawl-66-249-66-1.googlebot.com.", ("crawl-***-***-***-***.googlebot.com",))
    assert not hostname_matches("crawl-66-249-66-1.googlebot.com.evil.net", ("crawl-***-***-***-***.googlebot.com",))
    assert hostname_matches("a.b.search.msn.com", ("@.search.msn.com",))
    assert not hostname_matches("search.msn.com", ("@.search.msn.com",))
    assert not hostname_matches("xsearch.msn.com", ("@.search.msn.com",))
    assert mask_regex("ip.uptimerobot.com") == r"ip\.uptimerobot\.com"


def test_genuine_crawler_is_verified_and_cached(server: DnsServer) -> None:
    verifier = verifier_for(server)
    first = outcome(verifier, GENUINE_IP)
    assert first.conclusion == "ALLOW"
    assert first.reason["verified"] is True and first.reason["spoofed"] is False
    assert first.reason["allowed"] == ["YANDEX_CRAWLER"]
    queries = len(server.queries)
    assert queries >= 2  # PTR + forward
    assert outcome(verifier, GENUINE_IP) == first
    assert len(server.queries) == queries  # served from the cache


@pytest.mark.parametrize("ip", [LIAR_IP, STRANGER_IP, SILENT_IP])
def test_spoofed_crawler_is_denied_although_allowed(server: DnsServer, ip: str) -> None:
    result = outcome(verifier_for(server), ip)
    assert result.conclusion == "DENY"
    assert result.reason["spoofed"] is True and result.reason["verified"] is False
    assert result.reason["denied"] == ["YANDEX_CRAWLER"] and result.reason["allowed"] == []


@pytest.mark.parametrize("ip", [GENUINE_IP, LIAR_IP, STRANGER_IP, SILENT_IP])
async def test_async_twin_gives_the_same_verdicts(server: DnsServer, ip: str) -> None:
    sync, concurrent = verifier_for(server), verifier_for(server)
    assert await concurrent.verify_async(ip, ["YANDEX_CRAWLER"]) == sync.verify(ip, ["YANDEX_CRAWLER"])
    assert sync.verify(ip, ["YANDEX_CRAWLER"]) in ("verified", "spoofed")


def test_dns_outage_gives_no_verdict() -> None:
    # A bound socket that never answers: the lookup times out.
    mute = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    mute.bind(("127.0.0.1", 0))
    try:
        verifier = DnsVerifier(nameservers=["127.0.0.1"], port=mute.getsockname()[1], timeout=0.2)
        result = outcome(verifier, GENUINE_IP)
    finally:
        mute.close()
    assert result.conclusion == "ALLOW"
    assert (result.reason["verified"], result.reason["spoofed"]) == (False, False)


def test_without_verify_dns_there_is_nothing_to_verify(server: DnsServer) -> None:
    out = ruleset_of([detect_bot(allow=["CATEGORY:SEARCH_ENGINE"])]).analyze(ctx(YANDEX_UA, GENUINE_IP), email=None)
    assert dns_candidates(out, ()) == ()
    assert dns_candidates(out, DNS_RULES) == ((0, ("YANDEX_CRAWLER",)),)


def test_ip_verdicts_skip_dns(server: DnsServer) -> None:
    out = ruleset_of(RULES).analyze(ctx(GOOGLEBOT, "66.249.66.1"), email=None)
    assert out.outcomes[0].reason["verified"] is True
    assert dns_candidates(out, DNS_RULES) == ()
    assert server.queries == []


def test_no_verdict_leaves_the_output_as_it_is() -> None:
    out = ruleset_of(RULES).analyze(ctx(YANDEX_UA, GENUINE_IP), email=None)
    assert apply_dns(out, 0, None) is out


def test_cache_size_is_checked() -> None:
    with pytest.raises(ArcjetMisconfiguration, match="cache_size"):
        DnsVerifier(cache_size=0)


@pytest.mark.parametrize("ip", [GENUINE_IP, LIAR_IP])
async def test_the_client_s_dns_servers_verify_crawlers(server: DnsServer, ip: str,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """detect_bot(verify_dns=True) asks the client's dns_servers (as the email
    checks do), on their own ports, sync and async; ARCJET_DNS_SERVERS alike."""
    from arcjet_core import arcjet, arcjet_sync

    request = {"ip": ip, "method": "GET", "path": "/", "headers": {"user-agent": YANDEX_UA}}
    servers = [f"127.0.0.1:{server.port}"]
    sync = arcjet_sync(key="k", rules=RULES, dns_servers=servers, dns_timeout=2.0)
    first = sync.protect(request)
    asked = len(server.queries)
    assert asked >= 1  # the loopback server was asked, not the system's resolver
    monkeypatch.setenv("ARCJET_DNS_SERVERS", servers[0])
    for decision in (first, await arcjet(key="k", rules=RULES, dns_timeout=2.0).protect(request)):
        reason = decision.results[0].reason_v2
        assert reason.verified is (ip == GENUINE_IP) and reason.spoofed is (ip != GENUINE_IP)
        assert decision.is_denied() is (ip != GENUINE_IP)
    assert len(server.queries) > asked  # the async client's own verifier asked again


def test_without_dns_servers_clients_share_the_system_resolver_s_verifier(monkeypatch: pytest.MonkeyPatch) -> None:
    from arcjet_core import arcjet_sync

    monkeypatch.delenv("ARCJET_DNS_SERVERS", raising=False)
    a, b = (arcjet_sync(key="k", rules=RULES) for _ in range(2))
    assert a._io._verifier is b._io._verifier  # one cache for the process
    assert arcjet_sync(key="k", rules=RULES, dns_servers=["127.0.0.1:5353"])._io._verifier is not a._io._verifier
