"""IpIntel: the sources of IP details (the user's MMDBs, then the bundled
data) and their merge into one IpDetails."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from arcjet_core.decision import IpDetails
from arcjet_core.ip_intel._bundled import BundledData, CountryNames, bundled
from arcjet_core.ip_intel._mmdb import MmdbSource, open_databases

logger = logging.getLogger("arcjet")

# A group of fields comes whole from one source: a city from one database
# and a country from another could disagree with each other.
GEO_FIELDS = ("latitude", "longitude", "accuracy_radius", "timezone", "postal_code", "city", "region",
              "country", "country_name", "continent", "continent_name")
ASN_FIELDS = ("asn", "asn_name", "asn_domain", "asn_type", "asn_country")
FLAG_FIELDS = ("is_hosting", "is_vpn", "is_proxy", "is_tor", "is_relay", "is_abuser")


def merge(parts: Sequence[Mapping[str, Any]], names: CountryNames | None = None) -> IpDetails | None:
    """One IpDetails from several sources' fields, the earlier source first.

    Geolocation and the AS fields each come from the first source that has
    any of them. A flag is True when any source says so (each list is
    evidence on its own), else the first known value; ``service`` is the
    first one given. None when no source knows anything.
    """
    out: dict[str, Any] = {}
    for group in (GEO_FIELDS, ASN_FIELDS):
        for part in parts:
            if any(part.get(f) is not None for f in group):
                out.update({f: part.get(f) for f in group})
                break
    for flag in FLAG_FIELDS:
        values = [part.get(flag) for part in parts]
        if True in values:
            out[flag] = True
        else:
            out[flag] = next((v for v in values if v is not None), None)
    out["service"] = next((part["service"] for part in parts if part.get("service") is not None), None)
    out["threat"] = next((part["threat"] for part in parts if part.get("threat") is not None), None)
    if names is not None:
        names.fill(out)
    if all(v is None for v in out.values()):
        return None
    return IpDetails(**out)


class IpIntel:
    """Looks IP addresses up in the user's MMDB files and the bundled data.

    Nothing is read until the first lookup. Immutable and thread-safe once
    built; MMDB readers are memory-mapped, so forked workers share them.
    """

    def __init__(self, databases: Sequence[MmdbSource] = (), *, use_bundled: bool = True) -> None:
        self.databases = tuple(databases)
        self.use_bundled = use_bundled
        self._data: BundledData | None = None
        self._failed = False

    @classmethod
    def from_option(cls, ip_database: object) -> IpIntel:
        """The client's ``ip_database=`` option, validated (raises ArcjetMisconfiguration)."""
        databases = open_databases(ip_database)
        return cls(databases) if databases else default_intel()

    def bundled_data(self) -> BundledData | None:
        """The bundled data, or None when it is switched off or cannot be read."""
        if self._data is None and self.use_bundled and not self._failed:
            try:
                self._data = bundled()
            except (OSError, ValueError, KeyError, TypeError) as exc:
                # A broken install must not fail requests: IP details go missing instead.
                self._failed = True
                logger.warning("arcjet: the bundled IP data cannot be read (%s); ip_details will be None", exc)
        return self._data

    def lookup(self, ip: str) -> IpDetails | None:
        """Everything known about ``ip``; None when nothing is (or it is not an address)."""
        if not isinstance(ip, str):
            return None
        data = self._data if self._data is not None else self.bundled_data()
        if not self.databases:
            return data.lookup(ip) if data is not None else None
        parts = [db.fields(ip) for db in self.databases]
        if data is not None:
            parts.append(data.fields(ip))
        return merge(parts, data.names if data is not None else _names())

    def pending(self, ip: str) -> PendingIpDetails:
        """A lookup of ``ip`` done on first use, at most once."""
        return PendingIpDetails(self, ip)

    def close(self) -> None:
        for db in self.databases:
            db.close()


class PendingIpDetails:
    """One request's IP details, looked up when first asked for, then kept.

    Decision.ip_details holds one until it is read. Pickling or copying it
    resolves it, so a pickled Decision carries plain IpDetails and never the
    databases.
    """

    __slots__ = ("_done", "_intel", "_value", "ip")

    def __init__(self, intel: IpIntel, ip: str) -> None:
        self.ip = ip
        self._intel = intel
        self._value: IpDetails | None = None
        self._done = False

    def resolve(self) -> IpDetails | None:
        if not self._done:
            self._value = self._intel.lookup(self.ip)
            self._done = True
        return self._value

    def __reduce__(self) -> tuple[Any, tuple[IpDetails | None]]:
        return _resolved, (self.resolve(),)

    def __repr__(self) -> str:
        return f"PendingIpDetails({self.ip!r}, resolved={self._done})"


def _resolved(details: IpDetails | None) -> IpDetails | None:
    return details


_names_cache: list[CountryNames] = []


def _names() -> CountryNames | None:
    """Country names without the range table (bundled data switched off)."""
    if not _names_cache:
        try:
            _names_cache.append(CountryNames.bundled())
        except (OSError, ValueError, KeyError):
            return None
    return _names_cache[0]


_default: list[IpIntel] = []


def default_intel() -> IpIntel:
    """The process-wide IpIntel over the bundled data alone."""
    if not _default:
        _default.append(IpIntel())
    return _default[0]


def lookup(ip: str) -> IpDetails | None:
    """IP details for ``ip`` from the bundled open data (see docs/ip-intelligence.md)."""
    return default_intel().lookup(ip)
