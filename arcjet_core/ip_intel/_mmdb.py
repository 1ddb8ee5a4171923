"""The user's own MMDB files (``ip_database=``), read through ``maxminddb``.

One reader understands the layouts in use, by their keys rather than by
vendor, so a file is read the same whatever its ``database_type`` says:

- MaxMind GeoLite2/GeoIP2 City, Country, ASN, ISP, Enterprise and
  Anonymous-IP; DB-IP's Lite and commercial MMDBs use the same layout;
- IPinfo: Lite (``country_code``, ``asn``, ``as_name``, ``as_domain``),
  location (``city``, ``region``, ``lat``, ``lng``, ...), ASN (``asn``,
  ``name``, ``domain``, ``type``) and privacy (``vpn``, ``proxy``, ``tor``,
  ``relay``, ``hosting``, ``service``).

A record yields only the fields it has; a value of the wrong type is
dropped, never trusted.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import Any

from arcjet_core.decision import ThreatIntelligence
from arcjet_core.errors import ArcjetMisconfiguration

PARAM = "ip_database"
INSTALL_HINT = "pip install 'arcjet-local[maxmind]' (the maxminddb package)"

# MaxMind's Anonymous-IP database stores only the flags that are true.
_ANONYMOUS_FLAGS = {
    "is_anonymous_vpn": "is_vpn",
    "is_hosting_provider": "is_hosting",
    "is_public_proxy": "is_proxy",
    "is_residential_proxy": "is_proxy",
    "is_tor_exit_node": "is_tor",
}
# IPinfo privacy keys.
_PRIVACY_FLAGS = {"vpn": "is_vpn", "proxy": "is_proxy", "tor": "is_tor", "relay": "is_relay", "hosting": "is_hosting"}
# asn_type as the reference names it; MaxMind's user_type / IPinfo's type.
_ASN_TYPES = {
    "isp": "isp", "residential": "isp", "cellular": "isp",
    "hosting": "hosting",
    "business": "business",
    "education": "education", "university": "education", "college": "education", "school": "education",
}


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _float(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _flag(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):  # some exports write "true" / ""
        return value.strip().lower() in ("true", "1", "yes")
    if isinstance(value, int):
        return value != 0
    return None


def _name(node: Any) -> str | None:
    """An English name from a MaxMind-style ``{"names": {"en": ...}}`` node."""
    if isinstance(node, Mapping):
        names = node.get("names")
        if isinstance(names, Mapping):
            return _str(names.get("en"))
    return None


def _asn_text(value: Any) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return f"AS{value}"
    text = _str(value)
    if text is None:
        return None
    digits = text[2:] if text[:2].upper() == "AS" else text
    return f"AS{int(digits)}" if digits.isdigit() and int(digits) > 0 else None


def fields_from_record(record: Any, anonymous_ip: bool = False) -> dict[str, Any]:
    """The IpDetails fields an MMDB record holds (any known layout)."""
    if not isinstance(record, Mapping):
        return {}
    out: dict[str, Any] = {}

    def put(name: str, value: Any) -> None:
        if value is not None and out.get(name) is None:
            out[name] = value

    # MaxMind / DB-IP layout.
    country = record.get("country")
    if isinstance(country, Mapping):
        put("country", _str(country.get("iso_code")))
        put("country_name", _name(country))
    continent = record.get("continent")
    if isinstance(continent, Mapping):
        put("continent", _str(continent.get("code")))
        put("continent_name", _name(continent))
    put("city", _name(record.get("city")))
    subdivisions = record.get("subdivisions")
    if isinstance(subdivisions, Sequence) and not isinstance(subdivisions, str) and subdivisions:
        put("region", _name(subdivisions[0]))
    location = record.get("location")
    if isinstance(location, Mapping):
        put("latitude", _float(location.get("latitude")))
        put("longitude", _float(location.get("longitude")))
        put("accuracy_radius", _int(location.get("accuracy_radius")))
        put("timezone", _str(location.get("time_zone")))
    postal = record.get("postal")
    if isinstance(postal, Mapping):
        put("postal_code", _str(postal.get("code")))
    traits = record.get("traits")
    for node in (record, traits if isinstance(traits, Mapping) else {}):
        put("asn", _asn_text(node.get("autonomous_system_number")))
        put("asn_name", _str(node.get("autonomous_system_organization")))
        user_type = _str(node.get("user_type"))
        if user_type:
            put("asn_type", _ASN_TYPES.get(user_type.lower()))
        for key, field in _ANONYMOUS_FLAGS.items():
            if key in node:
                flag = _flag(node[key])
                if flag:
                    out[field] = True
                else:
                    put(field, flag)
    if anonymous_ip:
        # Absent means false in this database.
        for field in set(_ANONYMOUS_FLAGS.values()):
            put(field, False)

    # IPinfo layouts (flat keys).
    code = _str(record.get("country_code"))
    if code:
        put("country", code)
        put("country_name", _str(country))
    elif isinstance(country, str) and len(country) == 2:
        put("country", country.upper())
    put("continent", _str(record.get("continent_code")))
    if isinstance(continent, str):
        put("continent_name", _str(continent))
    if isinstance(record.get("city"), str):
        put("city", _str(record.get("city")))
    put("region", _str(record.get("region")))
    put("latitude", _float(record.get("lat")))
    put("longitude", _float(record.get("lng")))
    put("postal_code", _str(record.get("postal_code")))
    put("timezone", _str(record.get("timezone")))
    if "asn" in record:
        put("asn", _asn_text(record.get("asn")))
        put("asn_name", _str(record.get("as_name")) or _str(record.get("name")))
        put("asn_domain", _str(record.get("as_domain")) or _str(record.get("domain")))
        kind = _str(record.get("type"))
        if kind:
            put("asn_type", _ASN_TYPES.get(kind.lower()))
    for key, field in _PRIVACY_FLAGS.items():
        if key in record:
            flag = _flag(record[key])
            if flag:
                out[field] = True
            else:
                put(field, flag)
    put("service", _str(record.get("service")))
    put("threat", threat_from(record.get("threat")))
    return out


def _strs(value: Any) -> tuple[str, ...]:
    if isinstance(value, Sequence) and not isinstance(value, (str, bytes)):
        return tuple(v for v in value if isinstance(v, str) and v)
    return ()


def threat_from(node: Any) -> ThreatIntelligence | None:
    """A record's ``threat`` map (the reference's field names), or None.

    A map without a risk level says nothing usable and is ignored; other
    missing or mistyped keys read as empty.
    """
    if not isinstance(node, Mapping) or _str(node.get("risk_level")) is None:
        return None
    return ThreatIntelligence(
        risk_level=node["risk_level"],
        confidence=_str(node.get("confidence")) or "",
        reputation=_str(node.get("reputation")) or "",
        is_safe=node.get("is_safe") is True,
        network_types=_strs(node.get("network_types")),
        activities=_strs(node.get("activities")),
        entities=_strs(node.get("entities")),
        entity_name=_str(node.get("entity_name")),
        service=_str(node.get("service")),
    )


class MmdbSource:
    """One opened MMDB file."""

    def __init__(self, path: str, reader: Any) -> None:
        self.path = path
        self._reader = reader
        database_type = str(getattr(reader.metadata(), "database_type", ""))
        self.database_type = database_type
        self._anonymous_ip = "anonymous-ip" in database_type.lower()

    def fields(self, ip: str) -> dict[str, Any]:
        try:
            record = self._reader.get(ip)
        except Exception:  # not an address, or a corrupt file: no data, not a failed request
            return {}
        return fields_from_record(record, self._anonymous_ip) if record is not None else {}

    def close(self) -> None:
        self._reader.close()


def open_databases(value: object) -> tuple[MmdbSource, ...]:
    """``ip_database=`` validated and opened: a path or a sequence of paths.

    Raises ArcjetMisconfiguration naming the parameter for anything that is
    not an existing, readable MMDB file, and when maxminddb is missing.
    """
    if value is None:
        return ()
    paths: Sequence[object]
    if isinstance(value, (str, os.PathLike)):
        paths = (value,)
    elif isinstance(value, Sequence) and not isinstance(value, (bytes, bytearray)):
        paths = value
    else:
        raise ArcjetMisconfiguration(f"{PARAM} must be a path or a list of paths, got {type(value).__name__}")
    if not paths:
        return ()
    try:
        import maxminddb
    except ImportError as exc:
        raise ArcjetMisconfiguration(f"{PARAM} needs the maxminddb package: {INSTALL_HINT}") from exc
    sources = []
    for raw in paths:
        if not isinstance(raw, (str, os.PathLike)):
            raise ArcjetMisconfiguration(f"{PARAM} entries must be paths, got {raw!r}")
        path = os.fspath(raw)
        if not os.path.isfile(path):
            raise ArcjetMisconfiguration(f"{PARAM}: no such file {path!r}")
        try:
            reader = maxminddb.open_database(path)
        except (OSError, ValueError, maxminddb.InvalidDatabaseError) as exc:
            raise ArcjetMisconfiguration(f"{PARAM}: {path!r} is not a readable MMDB file: {exc}") from exc
        sources.append(MmdbSource(path, reader))
    return tuple(sources)
