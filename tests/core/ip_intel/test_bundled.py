"""Lookups in the bundled data, against ranges whose owners publish them."""

from __future__ import annotations

import ipaddress
from importlib import resources

import pytest

from arcjet_core.decision import IpDetails
from arcjet_core.ip_intel import lookup
from arcjet_core.ip_intel._bundled import DATA_PACKAGE, bundled


def test_ipv4_google_public_dns() -> None:
    d = lookup("8.8.8.8")
    assert d is not None
    assert (d.country, d.country_name, d.continent, d.continent_name) == ("US", "United States", "NA", "North America")
    assert (d.asn, d.asn_name) == ("AS15169", "Google LLC")
    # Google publishes 8.8.8.0/24 in its goog.json feed.
    assert d.is_hosting is True and d.is_vpn is False and d.is_tor is False and d.is_relay is False
    # No bundled source speaks to these: unknown, not False.
    assert d.is_proxy is None and d.is_abuser is None
    assert d.city is None and d.latitude is None and d.asn_domain is None and d.asn_type is None


def test_ipv6_google_public_dns() -> None:
    d = lookup("2001:4860:4860::8888")
    assert d is not None and d.asn == "AS15169" and d.country == "US" and d.is_hosting is True


def test_ipv4_mapped_ipv6_answers_as_ipv4() -> None:
    assert lookup("::ffff:8.8.8.8") == lookup("8.8.8.8")


def test_aws_range_is_hosting() -> None:
    # 52.95.110.0/24 is in AWS's ip-ranges.json (S3 eu-west-1 is 52.95.x).
    d = lookup("52.95.110.1")
    assert d is not None and d.is_hosting is True and d.asn == "AS16509"


def test_apple_private_relay_is_a_relay_not_a_vpn() -> None:
    d = lookup("172.224.226.1")
    assert d is not None
    assert d.is_relay is True and d.service == "Apple Private Relay" and d.is_vpn is False
    assert d.is_hosting is None  # an anonymiser's exit: the lists do not say


def test_tor_exit() -> None:
    # 185.220.101.0/24: a long-running family of Tor exits.
    d = lookup("185.220.101.1")
    assert d is not None and d.is_tor is True and d.service is None


def test_residential_looking_address_is_in_no_list() -> None:
    # RIPE NCC's own network: a country and an AS, no provider list.
    d = lookup("193.0.6.139")
    assert d is not None and d.country == "NL" and d.asn == "AS3333"
    assert (d.is_hosting, d.is_vpn, d.is_tor, d.is_relay) == (False, False, False, False)


@pytest.mark.parametrize("ip", ["10.0.0.1", "192.168.1.1", "127.0.0.1", "::1", "fe80::1", "fd00::1", "0.0.0.0"])
def test_non_global_addresses_have_no_details(ip: str) -> None:
    assert lookup(ip) is None


@pytest.mark.parametrize("ip", ["", "nonsense", "1.2.3", "1.2.3.4.5", "01.2.3.4", "[::1]", "::1%eth0", "8.8.8.8 "])
def test_garbage_is_none_not_an_error(ip: str) -> None:
    assert lookup(ip) is None


def test_lookup_rejects_non_strings() -> None:
    assert lookup(None) is None  # type: ignore[arg-type]
    assert lookup(134744072) is None  # type: ignore[arg-type]


def test_details_are_shared_per_row() -> None:
    # Same row, same immutable object: a lookup allocates no IpDetails.
    a, b = lookup("8.8.8.8"), lookup("8.8.4.4")
    assert isinstance(a, IpDetails) and a is b


def test_every_ipv4_bucket_edge_answers_like_its_neighbourhood() -> None:
    """The bucket index changes nothing: compare with a plain bisect over all segments."""
    from bisect import bisect_right

    table = bundled().table
    starts, rows = table._v4_starts, table._v4_rows
    for k in range(0, 1 << 16, 97):
        for n in ((k << 16) - 1, k << 16, (k << 16) + 1):
            if 0 <= n < 1 << 32:
                assert table.row_v4(n) == rows[bisect_right(starts, n) - 1], n


def test_excluded_providers_are_absent() -> None:
    from tools.gen_ip_data import EXCLUDED_PROVIDERS

    providers = {p for p, _ in bundled().table.labels}
    assert providers and not providers & EXCLUDED_PROVIDERS


def test_data_files_carry_their_licences_and_provenance() -> None:
    files = resources.files(DATA_PACKAGE)
    for name in ("LICENSE.nro", "LICENSE.routeviews", "LICENSE.dbip", "LICENSE.countries-list",
                 "LICENSE.iporigin", "NOTICE.iporigin", "SOURCE", "countries.json", "ranges.bin"):
        assert files.joinpath(name).is_file(), name
    source = files.joinpath("SOURCE").read_text()
    meta = bundled().table.meta
    for package in ("@ip-location-db/geo-whois-asn-country", "@ip-location-db/asn", "countries-list", "iporigin"):
        assert package in source
    assert set(meta["data_date"]) == {"country", "asn", "label"}


def test_country_codes_are_iso_alpha2() -> None:
    table = bundled().table
    assert table.countries[0] == ""
    assert all(len(c) == 2 and c.isalpha() and c.isupper() for c in table.countries[1:])


def test_a_sample_of_addresses_in_ranges_resolves() -> None:
    """Most allocated space has a country and an AS (a coarse check that the table is not empty or shifted)."""
    import random

    rng = random.Random(7)
    found = 0
    tried = 0
    while tried < 2000:
        n = rng.getrandbits(32)
        addr = ipaddress.IPv4Address(n)
        if not addr.is_global:
            continue
        tried += 1
        d = lookup(str(addr))
        found += d is not None and d.country is not None
    assert found > tried * 0.6
