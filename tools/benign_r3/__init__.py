"""A third benign request corpus, written blind and held out from shield's
tuning: eight sources of rich-text and structured-input traffic that Python
web apps receive. See README.md; tools/gen_benign_requests_blind.py writes it out.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from benign_record import draw

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
    return draw("r3", SOURCES, per_source)
