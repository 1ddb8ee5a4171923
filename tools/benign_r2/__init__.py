"""A second benign request corpus, written blind and held out from shield's
CRS tuning: eight sources of traffic the first corpus (tools/benign) does not
have. See README.md; tools/gen_benign_requests_blind.py writes it out.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from benign_record import draw

from .admin import admin_settings
from .catalog import catalog_filters
from .chat import chat_messages
from .common import Request
from .rest import rest_writes
from .sso import sso_flows
from .support import support_tickets
from .telemetry import telemetry
from .wiki import docs_wiki

__all__ = ["SOURCES", "Request", "generate"]

PER_SOURCE = 200

# source -> generator(rng, n)
SOURCES: dict[str, Callable[[random.Random, int], list[Request]]] = {
    "support_tickets": support_tickets,
    "admin_settings": admin_settings,
    "chat_messages": chat_messages,
    "sso_flows": sso_flows,
    "rest_writes": rest_writes,
    "catalog_filters": catalog_filters,
    "telemetry": telemetry,
    "docs_wiki": docs_wiki,
}


def generate(per_source: int = PER_SOURCE) -> list[Request]:
    """Every source from its own `random.Random(f"r2:{name}")`: the same
    requests, byte for byte, on every run and machine."""
    return draw("r2", SOURCES, per_source)
