"""A third benign request corpus, written blind and held out from shield's
tuning: eight sources of rich-text and structured-input traffic that Python
web apps receive. See README.md; tools/gen_benign_requests_r3.py writes it out.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from .booking import booking_requests
from .cms import cms_blocks
from .common import Request
from .devops import devops_configs
from .forum import forum_bbcode
from .i18n import i18n_strings
from .search import search_dsl
from .sheets import spreadsheet
from .webmail import webmail

__all__ = ["PER_SOURCE", "SOURCES", "Request", "generate"]

PER_SOURCE = 200

# source -> generator(rng, n)
SOURCES: dict[str, Callable[[random.Random, int], list[Request]]] = {
    "cms_blocks": cms_blocks,
    "forum_bbcode": forum_bbcode,
    "webmail": webmail,
    "spreadsheet": spreadsheet,
    "i18n_strings": i18n_strings,
    "search_dsl": search_dsl,
    "booking_requests": booking_requests,
    "devops_configs": devops_configs,
}


def generate(per_source: int = PER_SOURCE) -> list[Request]:
    """Every source from its own `random.Random(f"r3:{name}")`: the same
    requests, byte for byte, on every run and machine."""
    out: list[Request] = []
    for name, make in SOURCES.items():
        requests = make(random.Random(f"r3:{name}"), per_source)
        assert len(requests) == per_source and all(r.source == name for r in requests), name
        out += requests
    return out
