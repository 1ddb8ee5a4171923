"""A fifth benign request corpus, written blind and held out from shield's
tuning: eight sources of the traffic Python web apps receive from a banking
and payments app, a GraphQL API, a mapping/GIS product, a social network, a
sales CRM, a hosted notebook service, an IoT fleet backend and a travel
booking site. See README.md; tools/gen_benign_requests_blind.py writes it
out.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from benign_record import draw

from .common import Request
from .crm import crm
from .fintech import fintech
from .geo_maps import geo_maps
from .graphql_api import graphql_api
from .iot_devices import iot_devices
from .notebooks import notebooks
from .social_feed import social_feed
from .travel import travel

__all__ = ["PER_SOURCE", "SOURCES", "Request", "generate"]

PER_SOURCE = 200

# source -> generator(rng, n)
SOURCES: dict[str, Callable[[random.Random, int], list[Request]]] = {
    "fintech": fintech,
    "graphql_api": graphql_api,
    "geo_maps": geo_maps,
    "social_feed": social_feed,
    "crm": crm,
    "notebooks": notebooks,
    "iot_devices": iot_devices,
    "travel": travel,
}


def generate(per_source: int = PER_SOURCE) -> list[Request]:
    """Every source from its own `random.Random(f"r5:{name}")`: the same
    requests, byte for byte, on every run and machine."""
    return draw("r5", SOURCES, per_source)
