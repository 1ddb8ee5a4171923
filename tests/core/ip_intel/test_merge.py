"""Merging sources into one IpDetails."""

from __future__ import annotations

from arcjet_core.ip_intel import merge
from arcjet_core.ip_intel._bundled import CountryNames

NAMES = CountryNames({"continents": {"EU": "Europe", "NA": "North America"},
                      "countries": {"FR": ["France", "EU"], "US": ["United States", "NA"]}})


def test_nothing_known_is_none() -> None:
    assert merge([]) is None
    assert merge([{}, {"is_vpn": None}]) is None


def test_geo_group_comes_whole_from_the_first_source_with_any_of_it() -> None:
    d = merge([{"city": "Paris", "country": "FR"}, {"country": "US", "region": "Texas", "latitude": 1.0}], NAMES)
    assert d is not None
    assert (d.city, d.country, d.region, d.latitude) == ("Paris", "FR", None, None)
    assert (d.country_name, d.continent, d.continent_name) == ("France", "EU", "Europe")


def test_asn_group_independent_of_geo() -> None:
    d = merge([{"country": "FR"}, {"country": "US", "asn": "AS1", "asn_name": "One"}], NAMES)
    assert d is not None and d.country == "FR" and (d.asn, d.asn_name) == ("AS1", "One")


def test_flags_true_wins_else_first_known() -> None:
    d = merge([{"is_vpn": False, "is_tor": None}, {"is_vpn": True, "is_tor": False, "is_proxy": None}])
    assert d is not None and (d.is_vpn, d.is_tor, d.is_proxy) == (True, False, None)


def test_names_given_by_a_source_are_kept() -> None:
    d = merge([{"country": "US", "country_name": "USA"}], NAMES)
    assert d is not None and d.country_name == "USA" and d.continent == "NA"


def test_unknown_country_code_gets_no_invented_names() -> None:
    d = merge([{"country": "ZZ"}], NAMES)
    assert d is not None and d.country_name is None and d.continent is None
