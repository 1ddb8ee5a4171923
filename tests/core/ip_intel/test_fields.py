"""IpDetails as request-filter fields."""

from __future__ import annotations

from arcjet_core.decision import IpDetails
from arcjet_core.ip_intel import filter_fields


def pairs(flat: list[str]) -> dict[str, str]:
    assert len(flat) % 2 == 0
    return dict(zip(flat[::2], flat[1::2], strict=True))


def test_every_field_named_as_the_ir_names_it() -> None:
    d = IpDetails(latitude=37.751, longitude=-97.822, accuracy_radius=1000, timezone="America/Chicago",
                  postal_code="94043", city="Mountain View", region="California", country="US",
                  country_name="United States", continent="NA", continent_name="North America", asn="AS15169",
                  asn_name="Google LLC", asn_domain="google.com", asn_type="hosting", asn_country="US",
                  service="Apple Private Relay", is_hosting=True, is_vpn=False, is_proxy=False, is_tor=False,
                  is_relay=True, is_abuser=True)
    assert pairs(filter_fields(d)) == {
        "ip.src.country": "US", "ip.src.region": "California", "ip.src.city": "Mountain View",
        "ip.src.continent": "NA", "ip.src.asnum.name": "Google LLC", "ip.src.asnum.domain": "google.com",
        "ip.src.asnum.type": "hosting", "ip.src.asnum.country": "US", "ip.src.service": "Apple Private Relay",
        "ip.src.postal_code": "94043", "ip.src.timezone.name": "America/Chicago", "ip.src.asnum": "15169",
        "ip.src.accuracy_radius": "1000", "ip.src.lat": "37.751", "ip.src.lon": "-97.822",
        "ip.src.hosting": "true", "ip.src.vpn": "false", "ip.src.proxy": "false", "ip.src.tor": "false",
        "ip.src.relay": "true",
    }


def test_fields_without_data_are_left_out() -> None:
    assert filter_fields(None) == []
    assert filter_fields(IpDetails()) == []
    assert pairs(filter_fields(IpDetails(country="DE", is_vpn=None, is_tor=False))) == {
        "ip.src.country": "DE", "ip.src.tor": "false"}


def test_names_match_the_filter_language() -> None:
    from arcjet_core.kinds._filter_lang.fields import FIELDS  # the parser's own field table

    d = IpDetails(latitude=1.0, longitude=2.0, accuracy_radius=5, timezone="UTC", postal_code="1", city="c",
                  region="r", country="FR", continent="EU", asn="AS1", asn_name="n", asn_domain="d",
                  asn_type="isp", asn_country="FR", service="s", is_hosting=False, is_vpn=False,
                  is_proxy=False, is_tor=False, is_relay=False)
    names = set(pairs(filter_fields(d)))
    ip_fields = {name for name in FIELDS if name.startswith("ip.src.")}
    assert names == ip_fields


def test_odd_asn_text_is_skipped() -> None:
    assert "ip.src.asnum" not in pairs(filter_fields(IpDetails(asn="unknown")))
