"""IpDetails as the request filters' ``ip.src.*`` fields (wasm/filter/IR.md)."""

from __future__ import annotations

from arcjet_core.decision import IpDetails

# IpDetails attribute -> filter field, for the text-valued fields.
_TEXT_FIELDS = (
    ("country", "ip.src.country"),
    ("region", "ip.src.region"),
    ("city", "ip.src.city"),
    ("continent", "ip.src.continent"),
    ("asn_name", "ip.src.asnum.name"),
    ("asn_domain", "ip.src.asnum.domain"),
    ("asn_type", "ip.src.asnum.type"),
    ("asn_country", "ip.src.asnum.country"),
    ("service", "ip.src.service"),
    ("postal_code", "ip.src.postal_code"),
    ("timezone", "ip.src.timezone.name"),
)
_BOOL_FIELDS = (
    ("is_hosting", "ip.src.hosting"),
    ("is_vpn", "ip.src.vpn"),
    ("is_proxy", "ip.src.proxy"),
    ("is_tor", "ip.src.tor"),
    ("is_relay", "ip.src.relay"),
)


def filter_fields(details: IpDetails | None) -> list[str]:
    """Flat ``[field, value, ...]`` for the fields that have data, values as text.

    ``ip.src.asnum`` is the AS number alone (``"15169"``), floats are written
    in full (``repr``), bools as ``"true"``/``"false"``. A field without data
    is left out: the filter then reads it as undetermined.
    """
    if details is None:
        return []
    out: list[str] = []
    for attr, field in _TEXT_FIELDS:
        value = getattr(details, attr)
        if value is not None:
            out += (field, value)
    asn = details.asn
    if asn is not None:
        digits = asn[2:] if asn[:2].upper() == "AS" else asn
        if digits.isdigit():
            out += ("ip.src.asnum", str(int(digits)))
    if details.accuracy_radius is not None:
        out += ("ip.src.accuracy_radius", str(details.accuracy_radius))
    for attr, field in (("latitude", "ip.src.lat"), ("longitude", "ip.src.lon")):
        value = getattr(details, attr)
        if value is not None:
            out += (field, repr(float(value)))
    for attr, field in _BOOL_FIELDS:
        value = getattr(details, attr)
        if value is not None:
            out += (field, "true" if value else "false")
    return out
