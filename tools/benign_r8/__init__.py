"""An eighth benign request corpus, written blind and held out from shield's
tuning: eight sources of the traffic Python web apps receive from a
self-hosted git forge, property management, podcast hosting, an insurer's
claims portal, crowdfunding, an IT service desk, a scientific data portal
and a car-parts shop. See README.md; tools/gen_benign_requests_blind.py
writes it out.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from benign_record import draw

from .auto_parts import auto_parts
from .code_hosting import code_hosting
from .common import Request
from .crowdfunding import crowdfunding
from .insurance_claims import insurance_claims
from .itsm_helpdesk import itsm_helpdesk
from .podcast_platform import podcast_platform
from .property_management import property_management
from .research_data import research_data

__all__ = ["PER_SOURCE", "SOURCES", "Request", "generate"]

PER_SOURCE = 200

# source -> generator(rng, n)
SOURCES: dict[str, Callable[[random.Random, int], list[Request]]] = {
    "code_hosting": code_hosting,
    "property_management": property_management,
    "podcast_platform": podcast_platform,
    "insurance_claims": insurance_claims,
    "crowdfunding": crowdfunding,
    "itsm_helpdesk": itsm_helpdesk,
    "research_data": research_data,
    "auto_parts": auto_parts,
}


def generate(per_source: int = PER_SOURCE) -> list[Request]:
    """Every source from its own `random.Random(f"r8:{name}")`: the same
    requests, byte for byte, on every run and machine."""
    return draw("r8", SOURCES, per_source)
