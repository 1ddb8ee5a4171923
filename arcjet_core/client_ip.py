"""``aj.client_ip_details(request)``: which client IP was chosen, and why.

Rate limits and every per-client rule key on the client IP, so a proxy that
nobody declared makes all its clients one client. This is the answer to "which
address does Arcjet see, and does it trust where it got it": the same choice
``protect()`` makes (arcjet_core.ip.IpResolver), with its provenance.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class ClientIpProvenance(str, Enum):
    """Where the client IP came from.

    ``DIRECT``: the connecting peer. ``TRUSTED_PROXY``: a forwarding or
    platform header from a peer configured in ``proxies`` / ``platform``.
    ``UNVERIFIED_HEADER``: a forwarding header believed without that
    configuration (a loopback peer with no ``proxies``: a local reverse proxy,
    one hop). ``MANUAL``: ``ip_src``. ``DEVELOPMENT``: the development
    stand-in for a request with no peer. ``REQUEST``: an address in a mapping
    the application built. ``NONE``: no usable address.
    """

    DIRECT = "direct"
    TRUSTED_PROXY = "trusted-proxy"
    UNVERIFIED_HEADER = "unverified-header"
    MANUAL = "manual"
    DEVELOPMENT = "development"
    REQUEST = "request"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class ClientIpDetails:
    """The client IP and its provenance.

    ``ip`` is normalised, or None when there is no usable address.
    ``verified`` is true when the source is the connection itself or a proxy
    or platform the configuration names. ``header`` is the lowercase header
    that supplied the address, when one did.
    """

    ip: str | None
    provenance: ClientIpProvenance
    verified: bool
    header: str | None = None
