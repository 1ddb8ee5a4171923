"""IP intelligence: geolocation, AS and reputation for a client address.

The bundled data (open licences, see docs/ip-intelligence.md) answers the
country, continent, AS number and organisation, and the hosting, VPN, Tor
and relay flags; the user's MMDB files (``ip_database=``) add city-level
data and anything else they carry. Nothing is read until the first lookup.
"""

from arcjet_core.ip_intel._fields import filter_fields
from arcjet_core.ip_intel._intel import IpIntel, PendingIpDetails, default_intel, lookup, merge
from arcjet_core.ip_intel._mmdb import fields_from_record, open_databases

__all__ = [
    "IpIntel",
    "PendingIpDetails",
    "default_intel",
    "fields_from_record",
    "filter_fields",
    "lookup",
    "merge",
    "open_databases",
]
