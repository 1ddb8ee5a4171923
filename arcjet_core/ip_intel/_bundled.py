"""The bundled open data: one range table, read from the package on first use.

A lookup yields a *row* (a country, an AS, a provider label); rows repeat
across many ranges, so each row's IpDetails is built once and shared (it is
immutable): a lookup allocates nothing but the address's integer.
"""

from __future__ import annotations

import json
import socket
import threading
from importlib import resources
from typing import Any

from arcjet_core.decision import IpDetails
from arcjet_core.ip_intel._table import RangeTable

_pton = socket.inet_pton
_AF_INET = socket.AF_INET
_AF_INET6 = socket.AF_INET6
_from_bytes = int.from_bytes

DATA_PACKAGE = "arcjet_core.analyze.data.ip"
TABLE_FILE = "ranges.bin"
COUNTRIES_FILE = "countries.json"

# What a provider label says about its addresses. A flag is False when the
# address is in none of the bundled lists (the lists are not complete: see
# docs/ip-intelligence.md) and None where no list speaks to it: an anonymiser
# exit may or may not sit in a datacenter, and nothing bundled lists proxies
# or abusers at all.
_FLAGS_BY_KIND: dict[str, dict[str, bool | None]] = {
    "": {"is_hosting": False, "is_vpn": False, "is_tor": False, "is_relay": False},
    "hosting": {"is_hosting": True, "is_vpn": False, "is_tor": False, "is_relay": False},
    "cdn": {"is_hosting": True, "is_vpn": False, "is_tor": False, "is_relay": False},
    "bot": {"is_hosting": True, "is_vpn": False, "is_tor": False, "is_relay": False},
    "vpn": {"is_hosting": None, "is_vpn": True, "is_tor": False, "is_relay": False},
    "relay": {"is_hosting": None, "is_vpn": False, "is_tor": False, "is_relay": True},
    "tor": {"is_hosting": None, "is_vpn": False, "is_tor": True, "is_relay": False},
}
# Kinds whose provider names the anonymising service (IpDetails.service).
_SERVICE_KINDS = frozenset({"vpn", "relay"})


class CountryNames:
    """ISO 3166 alpha-2 code -> (name, continent code), continent code -> name."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.continents: dict[str, str] = dict(data["continents"])
        self.countries: dict[str, tuple[str, str]] = {k: (v[0], v[1]) for k, v in data["countries"].items()}

    @classmethod
    def bundled(cls) -> CountryNames:
        return cls(json.loads(resources.files(DATA_PACKAGE).joinpath(COUNTRIES_FILE).read_bytes()))

    def fill(self, fields: dict[str, Any]) -> None:
        """Add the names and continent that follow from ``fields["country"]``, where missing."""
        code = fields.get("country")
        known = self.countries.get(code) if isinstance(code, str) else None
        if known is None:
            return
        if fields.get("country_name") is None:
            fields["country_name"] = known[0]
        if fields.get("continent") is None:
            fields["continent"] = known[1]
        continent = fields.get("continent")
        if fields.get("continent_name") is None and isinstance(continent, str):
            fields["continent_name"] = self.continents.get(continent)


class BundledData:
    """Lookups over a decoded table; ``row_details`` is memoised per row."""

    def __init__(self, table: RangeTable, names: CountryNames) -> None:
        self.table = table
        self.names = names
        self._row_v4 = table.row_v4
        self._row_v6 = table.row_v6
        self._columns = {c: table.row_columns[c] for c in table.columns}
        rows = len(next(iter(self._columns.values()))) if self._columns else 1
        # False: not built yet (None is a built answer: no data).
        self._details: list[IpDetails | bool | None] = [False] * rows

    def lookup(self, ip: str) -> IpDetails | None:
        row = self.row(ip)
        if row <= 0:
            return None
        cached = self._details[row]
        if cached is False:
            cached = self._build(row)
        return cached  # type: ignore[return-value]  # False was replaced above

    def row(self, ip: str) -> int:
        """The table row of ``ip`` (0: no data), -1 when it is not an address."""
        try:
            if ":" in ip:
                n = _from_bytes(_pton(_AF_INET6, ip), "big")
                if n >> 32 != 0xFFFF:
                    return self._row_v6(n)
                n &= 0xFFFF_FFFF  # IPv4-mapped: the IPv4 address's answer
            else:
                n = _from_bytes(_pton(_AF_INET, ip), "big")
        except (OSError, ValueError, TypeError):
            return -1
        return self._row_v4(n)

    def fields(self, ip: str) -> dict[str, Any]:
        details = self.lookup(ip)
        return {} if details is None else dict(details.__dict__)

    def _build(self, row: int) -> IpDetails | None:
        fields: dict[str, Any] = {}
        columns = self._columns
        if "country" in columns:
            country = columns["country"][row]
            if country:
                fields["country"] = self.table.countries[country]
                self.names.fill(fields)
        if "asn" in columns:
            asn = columns["asn"][row]
            if asn:
                number, name = self.table.asn(asn)
                fields["asn"] = f"AS{number}"
                fields["asn_name"] = name or None
        if "label" in columns:
            provider, kind = self.table.labels[columns["label"][row]]
            fields.update(_FLAGS_BY_KIND.get(kind, {}))
            if kind in _SERVICE_KINDS and provider:
                fields["service"] = provider
        # Two threads may build the same row at once: both answers are equal.
        details = self._details[row] = IpDetails(**fields) if fields else None
        return details


_bundled: BundledData | None = None
_load_lock = threading.Lock()


def bundled() -> BundledData:
    """The package's data, decoded on first call (about 14 MB, read once per process)."""
    global _bundled
    data = _bundled
    if data is None:
        with _load_lock:
            data = _bundled
            if data is None:
                table = RangeTable(resources.files(DATA_PACKAGE).joinpath(TABLE_FILE).read_bytes())
                data = _bundled = BundledData(table, CountryNames.bundled())
    return data
