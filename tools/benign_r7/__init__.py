"""A seventh benign request corpus, written blind and held out from shield's
tuning: eight sources of the traffic Python web apps receive from a newsroom
CMS, restaurant ordering, a fitness tracker, marketplace reviews, a public
library catalogue, a link shortener, a form builder and a photo-sharing
community. See README.md; tools/gen_benign_requests_blind.py writes it out.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from benign_record import draw

from .common import Request
from .fitness_app import fitness_app
from .forms_builder import forms_builder
from .library_catalog import library_catalog
from .marketplace_reviews import marketplace_reviews
from .news_cms import news_cms
from .photo_sharing import photo_sharing
from .restaurant_ordering import restaurant_ordering
from .url_shortener import url_shortener

__all__ = ["PER_SOURCE", "SOURCES", "Request", "generate"]

PER_SOURCE = 200

# source -> generator(rng, n)
SOURCES: dict[str, Callable[[random.Random, int], list[Request]]] = {
    "news_cms": news_cms,
    "restaurant_ordering": restaurant_ordering,
    "fitness_app": fitness_app,
    "marketplace_reviews": marketplace_reviews,
    "library_catalog": library_catalog,
    "url_shortener": url_shortener,
    "forms_builder": forms_builder,
    "photo_sharing": photo_sharing,
}


def generate(per_source: int = PER_SOURCE) -> list[Request]:
    """Every source from its own `random.Random(f"r7:{name}")`: the same
    requests, byte for byte, on every run and machine."""
    return draw("r7", SOURCES, per_source)
