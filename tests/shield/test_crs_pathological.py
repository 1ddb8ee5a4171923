"""Hostile inputs with the OWASP CRS on (issue #16): every request is judged
inside the analyzer's deadline. A request past the deadline is an ERROR,
which fails open, so one slow value would switch the rule off.

No timing is asserted (`benchmarks/crs_pathological.py` measures it); the
deadline itself is the bound checked here.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from arcjet_core import arcjet_sync, shield

from .crs_pathological import SIZE, cases, fragments, request_for, rx_links, targets_of
from .helpers import fresh_ip
from .test_pathological import CASES

pytestmark = pytest.mark.slow


def _failure(decision: Any) -> str | None:
    (result,) = decision.results
    if result.state.value != "RUN" or result.conclusion.value not in ("ALLOW", "DENY"):
        return f"{result.state.value} {result.conclusion.value}: {result.reason_v2}"
    return None


def test_every_crs_regex_fed_its_own_fragments_is_judged_at_pl4() -> None:
    # PL4 runs every rule: the most work one request can cause.
    all_cases = cases(4)
    failures = []
    with arcjet_sync(key="crs-patho", rules=[shield(threshold=1_000_000, paranoia_level=4)],
                     environment="development") as aj:
        for case in all_cases:
            problem = _failure(aj.protect({**case.request, "ip": fresh_ip()}))
            if problem:
                failures.append(f"{case.rule_id} {case.label}: {problem}")
    assert not failures, f"{len(failures)} of {len(all_cases)}:\n" + "\n".join(failures[:20])


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_pathological_sweep_is_judged_with_the_crs(name: str) -> None:
    with arcjet_sync(key="crs-patho-sweep", rules=[shield(threshold=1_000_000, paranoia_level=4)],
                     body_limit=2 << 20, environment="development") as aj:
        problem = _failure(aj.protect({"path": "/", **CASES[name], "ip": fresh_ip()}))
    assert problem is None, problem


def test_every_regex_gets_fragments_placed_where_its_rule_looks() -> None:
    links = list(rx_links())
    assert len(links) > 250  # every @rx of CRS v4, chained links included
    unplaced: Counter[tuple[str, ...]] = Counter()
    for rule_id, _level, link in links:
        frags = fragments(link["operator"]["param"])
        assert frags, rule_id
        assert all(len(v) >= SIZE // 2 for _, v in frags), rule_id
        if request_for(targets_of(rule_id, link), frags[0][1]) is None:
            unplaced[tuple(sorted(t["collection"] for t in link.get("targets", [])))] += 1
    # What a request cannot carry as a 64 KiB value: the method, and the
    # engine's own variables (the body processor, the unique id, TX set by
    # the setup rules).
    assert set(unplaced) <= {("REQUEST_METHOD",), ("REQBODY_PROCESSOR",), ("TX",), ("UNIQUE_ID",)}, unplaced
