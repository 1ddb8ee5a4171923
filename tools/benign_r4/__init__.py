"""A fourth benign request corpus, written blind and held out from shield's
tuning: eight sources of the traffic Python web apps receive from recipe
sites, classifieds, job boards, Q&A sites, learning platforms, patient
portals, contract tools and gaming communities. See README.md;
tools/gen_benign_requests_blind.py writes it out.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from benign_record import draw

from .common import Request
from .gaming import gaming
from .job_board import job_board
from .legal_docs import legal_docs
from .listings import listings
from .lms_quiz import lms_quiz
from .patient_portal import patient_portal
from .qa_site import qa_site
from .recipes import recipes

__all__ = ["PER_SOURCE", "SOURCES", "Request", "generate"]

PER_SOURCE = 200

# source -> generator(rng, n)
SOURCES: dict[str, Callable[[random.Random, int], list[Request]]] = {
    "recipes": recipes,
    "listings": listings,
    "job_board": job_board,
    "qa_site": qa_site,
    "lms_quiz": lms_quiz,
    "patient_portal": patient_portal,
    "legal_docs": legal_docs,
    "gaming": gaming,
}


def generate(per_source: int = PER_SOURCE) -> list[Request]:
    """Every source from its own `random.Random(f"r4:{name}")`: the same
    requests, byte for byte, on every run and machine."""
    return draw("r4", SOURCES, per_source)
