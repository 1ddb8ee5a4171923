"""decision.ip_details through protect(): looked up once, only when read."""

from __future__ import annotations

import asyncio
import copy
import dataclasses
import pickle
from collections.abc import Iterator

import pytest

from arcjet_core import arcjet, arcjet_sync, fixed_window
from arcjet_core.decision import Decision, IpDetails, aggregate
from arcjet_core.ip_intel import IpIntel, PendingIpDetails, default_intel


def req(ip: str) -> dict[str, object]:
    return {"ip": ip, "method": "GET", "path": "/", "headers": {"user-agent": "Mozilla/5.0"}}


@pytest.fixture
def lookups(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    seen: list[str] = []
    real = IpIntel.lookup

    def counting(self: IpIntel, ip: str) -> IpDetails | None:
        seen.append(ip)
        return real(self, ip)

    monkeypatch.setattr(IpIntel, "lookup", counting)
    yield seen


def test_not_looked_up_unless_read(lookups: list[str]) -> None:
    aj = arcjet_sync(key="lazy", rules=[fixed_window(max=10, window=60)])
    d = aj.protect(req("8.8.8.8"))
    assert d.is_allowed() and lookups == []
    assert d.ip_details is not None and d.ip_details.asn == "AS15169"
    assert d.ip.is_hosting() and not d.ip.is_vpn() and not d.ip.is_tor() and not d.ip.is_relay()
    assert not d.ip.is_proxy() and not d.ip.is_abuser()  # unknown reads as False in the helpers
    _ = d.ip_details, d.to_dict(), d == d
    assert lookups == ["8.8.8.8"]


def test_no_rules_still_reports_ip_details() -> None:
    d = arcjet_sync(key="none", rules=[]).protect(req("2001:4860:4860::8888"))
    assert d.ip_details is not None and d.ip_details.country == "US"


def test_async_client() -> None:
    aj = arcjet(key="async", rules=[fixed_window(max=10, window=60)])
    d = asyncio.run(aj.protect(req("52.95.110.1")))
    assert d.ip.is_hosting() and d.ip_details is not None and d.ip_details.asn == "AS16509"


def test_private_client_address_has_none(lookups: list[str]) -> None:
    d = arcjet_sync(key="p", rules=[], environment="development").protect(req("127.0.0.1"))
    assert d.ip_details is None and not d.ip.is_hosting()


def test_to_dict_carries_the_details() -> None:
    d = arcjet_sync(key="dict", rules=[]).protect(req("8.8.8.8"))
    out = d.to_dict()["ip_details"]
    assert out["country"] == "US" and out["asn"] == "AS15169" and out["city"] is None


def test_pickle_resolves_and_carries_no_database() -> None:
    d = aggregate([], ip_details=default_intel().pending("8.8.8.8"), ip_address="8.8.8.8")
    assert isinstance(d.__dict__["ip_details"], PendingIpDetails)
    blob = pickle.dumps(d)
    assert len(blob) < 2000  # the details, not the table
    back = pickle.loads(blob)
    assert type(back.__dict__["ip_details"]) is IpDetails
    assert back == d and hash(back) == hash(d) and back.ip_details == d.ip_details
    assert copy.deepcopy(d).ip_details == d.ip_details


def test_equality_and_replace_see_the_answer() -> None:
    pending = aggregate([], ip_details=default_intel().pending("8.8.8.8"), decision_id="x")
    plain = aggregate([], ip_details=default_intel().lookup("8.8.8.8"), decision_id="x")
    assert pending == plain
    assert dataclasses.replace(pending, ttl=5).ip_details == plain.ip_details
    assert aggregate([], decision_id="x") != plain


def test_frozen_still() -> None:
    d = aggregate([], ip_details=default_intel().pending("8.8.8.8"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        d.ip_details = None  # type: ignore[misc]


def test_default_is_none_and_explicit_details_kept() -> None:
    details = IpDetails(country="FR")
    assert Decision("d", aggregate([]).conclusion, aggregate([]).reason_v2, ()).ip_details is None
    assert aggregate([], ip_details=details).ip_details is details


def test_pending_resolves_once() -> None:
    calls: list[str] = []

    class Counting(IpIntel):
        def lookup(self, ip: str) -> IpDetails | None:
            calls.append(ip)
            return IpDetails(country="JP")

    pending = Counting().pending("1.2.3.4")
    d = aggregate([], ip_details=pending)
    assert pending.resolve() is pending.resolve()
    assert d.ip_details is not None and d.ip_details.country == "JP"
    assert calls == ["1.2.3.4"]


def test_unreadable_bundled_data_gives_none_and_a_warning(monkeypatch: pytest.MonkeyPatch,
                                                         caplog: pytest.LogCaptureFixture) -> None:
    import arcjet_core.ip_intel._intel as intel_module

    def broken() -> None:
        raise OSError("ranges.bin: no such file")

    monkeypatch.setattr(intel_module, "bundled", broken)
    intel = IpIntel()
    assert intel.lookup("8.8.8.8") is None and intel.lookup("1.1.1.1") is None
    assert sum("bundled IP data cannot be read" in r.getMessage() for r in caplog.records) == 1
