"""A sixth benign request corpus, written blind and held out from shield's
tuning: eight sources of the traffic Python web apps receive from a shop's
seller admin, an HR and payroll portal, event ticketing, a BI dashboard, an
e-mail marketing tool, a support chat widget, a municipal services portal
and a shipping platform. See README.md; tools/gen_benign_requests_blind.py
writes it out.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from benign_record import draw

from .analytics_bi import analytics_bi
from .common import Request
from .ecommerce_admin import ecommerce_admin
from .email_marketing import email_marketing
from .event_tickets import event_tickets
from .gov_forms import gov_forms
from .hr_portal import hr_portal
from .logistics import logistics
from .support_widget import support_widget

__all__ = ["PER_SOURCE", "SOURCES", "Request", "generate"]

PER_SOURCE = 200

# source -> generator(rng, n)
SOURCES: dict[str, Callable[[random.Random, int], list[Request]]] = {
    "ecommerce_admin": ecommerce_admin,
    "hr_portal": hr_portal,
    "event_tickets": event_tickets,
    "analytics_bi": analytics_bi,
    "email_marketing": email_marketing,
    "support_widget": support_widget,
    "gov_forms": gov_forms,
    "logistics": logistics,
}


def generate(per_source: int = PER_SOURCE) -> list[Request]:
    """Every source from its own `random.Random(f"r6:{name}")`: the same
    requests, byte for byte, on every run and machine."""
    return draw("r6", SOURCES, per_source)
