"""NO_MX_RECORDS against a real DNS server on loopback, through dnspython's
sync and asyncio resolvers: every answer the check distinguishes, the
cache and its TTLs, and the resolver configuration."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest

from arcjet_core.dns_config import DNS_SERVERS_ENV, resolve_dns_servers
from arcjet_core.email_mx import DEFAULT_NEGATIVE_TTL, MAX_TTL, Finding, MxChecker
from arcjet_core.errors import ArcjetMisconfiguration
from tests.fixtures.dns_server import DnsServer

MODES = ["sync", "async"]


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def checker(server: DnsServer, timeout: float = 2.0, clock: Clock | None = None) -> MxChecker:
    servers = resolve_dns_servers([server.address])
    if clock is None:
        return MxChecker(servers, timeout=timeout)
    return MxChecker(servers, timeout=timeout, clock=clock)


async def check(mx: MxChecker, domain: str, mode: str) -> Finding:
    return mx.check(domain) if mode == "sync" else await mx.check_async(domain)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("domain", "no_mx", "questions"), [
    ("mx.test", False, ["MX"]),
    ("nullmx.test", True, ["MX"]),  # RFC 7505: its A record does not count
    ("a-only.test", False, ["MX", "A"]),  # RFC 5321 §5.1: the implicit MX
    ("aaaa-only.test", False, ["MX", "A", "AAAA"]),
    ("txt-only.test", True, ["MX", "A", "AAAA"]),  # exists, but nowhere to deliver
    ("nxdomain.test", True, ["MX"]),
])
async def test_answers(dns_server: DnsServer, mode: str, domain: str, no_mx: bool, questions: list[str]) -> None:
    assert await check(checker(dns_server), domain, mode) is no_mx
    assert dns_server.queries == [(domain + ".", q) for q in questions]


@pytest.mark.parametrize("mode", MODES)
async def test_servfail_is_an_error_not_no_mx(dns_server: DnsServer, mode: str) -> None:
    finding = await check(checker(dns_server), "servfail.test", mode)
    assert isinstance(finding, str) and "MX lookup failed" in finding and "SERVFAIL" in finding


@pytest.mark.parametrize("mode", MODES)
async def test_timeout_is_an_error_within_the_deadline(dns_server: DnsServer, mode: str) -> None:
    import time

    started = time.monotonic()
    finding = await check(checker(dns_server, timeout=0.3), "silent.test", mode)
    elapsed = time.monotonic() - started
    assert finding == "MX lookup timed out"
    assert elapsed < 1.0


@pytest.mark.parametrize("mode", MODES)
async def test_address_lookups_that_fail_leave_it_unknown(dns_server: DnsServer, mode: str) -> None:
    zone = dns_server.zone
    zone.add("half.test", "TXT", '"x"')  # exists; no MX
    zone.servfail_types |= {("half.test.", "A"), ("half.test.", "AAAA")}
    finding = await check(checker(dns_server), "half.test", mode)
    assert isinstance(finding, str) and "A lookup failed" in finding and "AAAA lookup failed" in finding


@pytest.mark.parametrize("mode", MODES)
async def test_one_address_family_is_enough(dns_server: DnsServer, mode: str) -> None:
    dns_server.zone.servfail_types.add(("aaaa-only.test.", "A"))
    assert await check(checker(dns_server), "aaaa-only.test", mode) is False


@pytest.mark.parametrize("mode", MODES)
async def test_answers_are_cached_with_their_ttl(dns_server: DnsServer, mode: str) -> None:
    clock = Clock()
    mx = checker(dns_server, clock=clock)
    assert await check(mx, "mx.test", mode) is False
    assert await check(mx, "mx.test", mode) is False
    assert len(dns_server.queries) == 1
    clock.now += 599  # the MX record's TTL is 600 s
    assert await check(mx, "mx.test", mode) is False
    assert len(dns_server.queries) == 1
    clock.now += 2
    assert await check(mx, "mx.test", mode) is False
    assert len(dns_server.queries) == 2


@pytest.mark.parametrize("mode", MODES)
async def test_negative_answers_are_cached_with_the_soa_ttl(dns_server: DnsServer, mode: str) -> None:
    clock = Clock()
    mx = checker(dns_server, clock=clock)
    assert dns_server.zone.negative_ttl == 120
    assert await check(mx, "nxdomain.test", mode) is True
    clock.now += 119
    assert await check(mx, "nxdomain.test", mode) is True
    assert len(dns_server.queries) == 1
    clock.now += 2
    assert await check(mx, "nxdomain.test", mode) is True
    assert len(dns_server.queries) == 2


@pytest.mark.parametrize("mode", MODES)
async def test_failures_are_not_cached(dns_server: DnsServer, mode: str) -> None:
    mx = checker(dns_server)
    assert isinstance(await check(mx, "servfail.test", mode), str)
    dns_server.zone.servfail.clear()
    dns_server.zone.add("servfail.test", "MX", "10 mail.mx.test.")
    assert await check(mx, "servfail.test", mode) is False


async def test_ttls_are_capped_and_the_cache_is_bounded(dns_server: DnsServer) -> None:
    dns_server.zone.add("long.test", "MX", "10 mail.mx.test.", ttl=7 * 86400)
    clock = Clock()
    mx = MxChecker(resolve_dns_servers([dns_server.address]), timeout=2.0, cache_size=2, clock=clock)
    assert mx.check("long.test") is False
    clock.now += MAX_TTL + 1
    assert mx.check("long.test") is False
    assert len(dns_server.queries) == 2
    for domain in ("mx.test", "a-only.test", "nullmx.test"):
        mx.check(domain)
    assert len(mx._cache) == 2
    assert DEFAULT_NEGATIVE_TTL <= MAX_TTL


async def test_the_async_check_does_not_block_the_event_loop(dns_server: DnsServer) -> None:
    import asyncio

    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.01)
            ticks += 1

    task = asyncio.ensure_future(ticker())
    try:
        finding = await checker(dns_server, timeout=0.4).check_async("silent.test")
    finally:
        task.cancel()
    assert finding == "MX lookup timed out"
    assert ticks >= 15  # the loop ran all along the 0.4 s wait


# ------------------------------------------------------------ configuration

@pytest.fixture
def no_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    monkeypatch.delenv(DNS_SERVERS_ENV, raising=False)
    yield monkeypatch


def test_dns_servers_forms(no_env: pytest.MonkeyPatch) -> None:
    assert resolve_dns_servers(["192.0.2.53", "192.0.2.54:5353", "2001:db8::53", "[2001:db8::54]:5300"]) == (
        ("192.0.2.53", 53), ("192.0.2.54", 5353), ("2001:db8::53", 53), ("2001:db8::54", 5300))
    assert resolve_dns_servers(None) is None  # the system resolver


@pytest.mark.parametrize("bad", [["dns.google"], ["192.0.2.1:0"], ["192.0.2.1:99999"], ["192.0.2.1:x"],
                                 ["[2001:db8::1"], ["[2001:db8::1]x"], [], [""], [53]])
def test_bad_dns_servers_fail_when_made(no_env: pytest.MonkeyPatch, bad: list[object]) -> None:
    with pytest.raises(ArcjetMisconfiguration, match="dns_servers"):
        resolve_dns_servers(bad)  # type: ignore[arg-type]


def test_dns_servers_from_the_environment(no_env: pytest.MonkeyPatch) -> None:
    no_env.setenv(DNS_SERVERS_ENV, "192.0.2.53:5353, [2001:db8::53]:53")
    assert resolve_dns_servers(None) == (("192.0.2.53", 5353), ("2001:db8::53", 53))
    assert resolve_dns_servers(["192.0.2.1"]) == (("192.0.2.1", 53),)  # the argument wins
    no_env.setenv(DNS_SERVERS_ENV, "192.0.2.53,nameserver.example")
    with pytest.raises(ArcjetMisconfiguration, match=DNS_SERVERS_ENV):
        resolve_dns_servers(None)
    no_env.setenv(DNS_SERVERS_ENV, "  ")
    assert resolve_dns_servers(None) is None


def test_a_dead_server_is_a_timeout_not_a_verdict() -> None:
    mute = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    mute.bind(("127.0.0.1", 0))
    try:
        mx = MxChecker(resolve_dns_servers([f"127.0.0.1:{mute.getsockname()[1]}"]), timeout=0.2)
        assert mx.check("mx.test") == "MX lookup timed out"
    finally:
        mute.close()


def test_the_default_timeout_is_under_a_second() -> None:
    from arcjet_core.dns_config import DEFAULT_DNS_TIMEOUT, check_dns_timeout

    assert DEFAULT_DNS_TIMEOUT < 1.0
    assert check_dns_timeout(2) == 2.0
    for bad in (0, -1, 31, True, "1"):
        with pytest.raises(ArcjetMisconfiguration, match="dns_timeout"):
            check_dns_timeout(bad)
