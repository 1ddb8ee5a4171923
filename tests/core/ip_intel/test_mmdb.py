"""User MMDB files (ip_database=): layouts, validation, merge with the bundled data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from arcjet_core.errors import ArcjetMisconfiguration
from arcjet_core.ip_intel import IpIntel, fields_from_record, open_databases

mmdb_writer = pytest.importorskip("mmdb_writer", reason="mmdb-writer (dev extra) builds the test MMDB files")
pytest.importorskip("maxminddb", reason="maxminddb (the maxmind extra) reads MMDB files")
from netaddr import IPSet  # noqa: E402  # mmdb-writer's own dependency

CITY_RECORD = {
    "city": {"geoname_id": 5375480, "names": {"en": "Mountain View", "de": "Mountain View"}},
    "continent": {"code": "NA", "names": {"en": "North America"}},
    "country": {"iso_code": "US", "names": {"en": "United States"}},
    "location": {"accuracy_radius": 1000, "latitude": 37.386, "longitude": -122.0838,
                 "time_zone": "America/Los_Angeles"},
    "postal": {"code": "94035"},
    "subdivisions": [{"iso_code": "CA", "names": {"en": "California"}}],
}


def write_mmdb(path: Path, database_type: str, networks: dict[str, dict[str, Any]]) -> Path:
    writer = mmdb_writer.MMDBWriter(ip_version=6, database_type=database_type, ipv4_compatible=True)
    for network, record in networks.items():
        writer.insert_network(IPSet([network]), record)
    writer.to_db_file(str(path))
    return path


def test_maxmind_city_layout_overrides_bundled_geo_and_keeps_bundled_asn(tmp_path: Path) -> None:
    db = write_mmdb(tmp_path / "city.mmdb", "GeoLite2-City", {"8.8.8.0/24": CITY_RECORD})
    intel = IpIntel(open_databases(str(db)))
    d = intel.lookup("8.8.8.8")
    assert d is not None
    assert (d.city, d.region, d.postal_code, d.timezone) == ("Mountain View", "California", "94035",
                                                             "America/Los_Angeles")
    assert (d.latitude, d.longitude, d.accuracy_radius) == (37.386, -122.0838, 1000)
    assert (d.country, d.country_name, d.continent, d.continent_name) == ("US", "United States", "NA",
                                                                          "North America")
    # The bundled data still answers what the city file does not have.
    assert d.asn == "AS15169" and d.is_hosting is True
    # Outside the file's networks: the bundled answer alone.
    other = intel.lookup("1.1.1.1")
    assert other is not None and other.city is None and other.asn == "AS13335"


def test_maxmind_asn_and_anonymous_ip_layouts(tmp_path: Path) -> None:
    asn = write_mmdb(tmp_path / "asn.mmdb", "GeoLite2-ASN", {
        "203.0.113.0/24": {"autonomous_system_number": 64500, "autonomous_system_organization": "Example Net"}})
    anon = write_mmdb(tmp_path / "anon.mmdb", "GeoIP2-Anonymous-IP", {
        "203.0.113.0/25": {"is_anonymous": True, "is_public_proxy": True},
        "203.0.113.128/25": {"is_anonymous": True, "is_anonymous_vpn": True, "is_hosting_provider": True}})
    intel = IpIntel(open_databases([asn, anon]))
    low = intel.lookup("203.0.113.5")
    assert low is not None and low.asn == "AS64500" and low.asn_name == "Example Net"
    # Anonymous-IP stores only true flags: absent ones are False there.
    assert (low.is_proxy, low.is_vpn, low.is_hosting, low.is_tor) == (True, False, False, False)
    high = intel.lookup("203.0.113.200")
    assert high is not None and (high.is_vpn, high.is_hosting, high.is_proxy) == (True, True, False)


def test_ipinfo_lite_and_privacy_layouts(tmp_path: Path) -> None:
    lite = write_mmdb(tmp_path / "ipinfo_lite.mmdb", "ipinfo_lite.mmdb", {
        "198.51.100.0/24": {"asn": "AS64501", "as_name": "Example ISP", "as_domain": "example.net",
                            "country_code": "DE", "country": "Germany", "continent_code": "EU",
                            "continent": "Europe"}})
    privacy = write_mmdb(tmp_path / "privacy.mmdb", "ipinfo privacy.mmdb", {
        "198.51.100.0/24": {"vpn": "true", "proxy": "", "tor": "false", "relay": False, "hosting": True,
                            "service": "ExampleVPN"}})
    d = IpIntel(open_databases([lite, privacy]), use_bundled=False).lookup("198.51.100.7")
    assert d is not None
    assert (d.asn, d.asn_name, d.asn_domain) == ("AS64501", "Example ISP", "example.net")
    assert (d.country, d.country_name, d.continent, d.continent_name) == ("DE", "Germany", "EU", "Europe")
    assert (d.is_vpn, d.is_proxy, d.is_tor, d.is_relay, d.is_hosting) == (True, False, False, False, True)
    assert d.service == "ExampleVPN"


def test_ipv6_records(tmp_path: Path) -> None:
    db = write_mmdb(tmp_path / "v6.mmdb", "DBIP-City-Lite", {"2001:4860::/32": CITY_RECORD})
    d = IpIntel(open_databases(db)).lookup("2001:4860:4860::8888")
    assert d is not None and d.city == "Mountain View" and d.asn == "AS15169"


def test_a_flag_any_source_sets_wins(tmp_path: Path) -> None:
    # The user's file says "not a relay"; Apple's published egress list says it is.
    db = write_mmdb(tmp_path / "p.mmdb", "ipinfo privacy.mmdb", {"172.224.226.0/24": {"relay": False}})
    d = IpIntel(open_databases(db)).lookup("172.224.226.1")
    assert d is not None and d.is_relay is True and d.service == "Apple Private Relay"


def test_missing_file_names_the_parameter(tmp_path: Path) -> None:
    with pytest.raises(ArcjetMisconfiguration, match=r"ip_database: no such file .*nope\.mmdb"):
        open_databases(str(tmp_path / "nope.mmdb"))


def test_not_an_mmdb_names_the_parameter(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.mmdb"
    bogus.write_bytes(b"not a database" * 10)
    with pytest.raises(ArcjetMisconfiguration, match=r"ip_database: .* is not a readable MMDB file"):
        open_databases(bogus)


@pytest.mark.parametrize("value", [42, b"/tmp/x.mmdb", [42]])
def test_wrong_types_name_the_parameter(value: object) -> None:
    with pytest.raises(ArcjetMisconfiguration, match="ip_database"):
        open_databases(value)


def test_client_validates_ip_database_at_construction(tmp_path: Path) -> None:
    from arcjet_core import arcjet, arcjet_sync

    for factory in (arcjet, arcjet_sync):
        with pytest.raises(ArcjetMisconfiguration, match="ip_database"):
            factory(key="k", rules=[], ip_database=str(tmp_path / "missing.mmdb"))


def test_client_uses_ip_database(tmp_path: Path) -> None:
    from arcjet_core import arcjet_sync

    db = write_mmdb(tmp_path / "city.mmdb", "GeoLite2-City", {"8.8.8.0/24": CITY_RECORD})
    aj = arcjet_sync(key="k", rules=[], ip_database=db)
    d = aj.protect({"ip": "8.8.8.8", "method": "GET", "path": "/", "headers": {}})
    assert d.ip_details is not None and d.ip_details.city == "Mountain View"
    assert aj.with_rule([]).protect({"ip": "8.8.8.8", "headers": {}}).ip_details.city == "Mountain View"  # type: ignore[union-attr]


# ------------------------------------------------------- records, no file


def test_record_values_of_the_wrong_type_are_dropped() -> None:
    record = {"country": {"iso_code": 7, "names": "x"}, "location": {"latitude": "north", "accuracy_radius": True},
              "city": {"names": {"en": ""}}, "subdivisions": "CA", "asn": [1], "vpn": None}
    assert fields_from_record(record) == {}
    assert fields_from_record(None) == {}
    assert fields_from_record(["not", "a", "map"]) == {}


def test_enterprise_traits() -> None:
    record = {"traits": {"autonomous_system_number": 15169, "autonomous_system_organization": "Google LLC",
                         "user_type": "hosting", "is_anonymous_vpn": False}}
    assert fields_from_record(record) == {"asn": "AS15169", "asn_name": "Google LLC", "asn_type": "hosting",
                                          "is_vpn": False}


def test_ipinfo_asn_layout() -> None:
    record = {"asn": "AS3320", "name": "Deutsche Telekom AG", "domain": "telekom.com", "type": "isp",
              "country": "DE"}
    assert fields_from_record(record) == {"asn": "AS3320", "asn_name": "Deutsche Telekom AG",
                                          "asn_domain": "telekom.com", "asn_type": "isp", "country": "DE"}


def test_a_threat_map_in_the_users_mmdb_becomes_threat_intelligence(tmp_path: Path) -> None:
    from arcjet_core import ThreatIntelligence, arcjet_sync

    threat = {"risk_level": "high", "confidence": "medium", "reputation": "malicious", "is_safe": False,
              "network_types": ["tor", "vpn"], "activities": ["scanning", 7], "entities": [],
              "entity_name": "Example Exit", "service": "Tor"}
    db = write_mmdb(tmp_path / "threat.mmdb", "My-Threat-Feed",
                    {"198.51.100.0/24": {"threat": threat}, "203.0.113.0/24": {"threat": {"confidence": "low"}}})
    intel = IpIntel(open_databases(str(db)), use_bundled=False)
    d = intel.lookup("198.51.100.7")
    assert d is not None and d.threat == ThreatIntelligence(
        risk_level="high", confidence="medium", reputation="malicious", is_safe=False,
        network_types=("tor", "vpn"), activities=("scanning",), entities=(), entity_name="Example Exit",
        service="Tor")
    # A map without a risk level says nothing usable; no feed at all is None.
    assert intel.lookup("203.0.113.9") is None
    aj = arcjet_sync(key="threat", rules=[], ip_database=str(db))
    decision = aj.protect({"ip": "198.51.100.7", "method": "GET", "path": "/", "headers": {}})
    assert decision.ip_details is not None and decision.ip_details.threat is not None
    assert decision.ip_details.threat.risk_level == "high"
    plain = arcjet_sync(key="plain", rules=[]).protect({"ip": "8.8.8.8", "method": "GET", "path": "/", "headers": {}})
    assert plain.ip_details is None or plain.ip_details.threat is None
