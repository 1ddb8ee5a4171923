"""The shield crate's per-detector tables (wasm/shield/tests/cases/*.tsv),
run through protect(): each case where its table puts it, every query case
also in a form body, a JSON body, a multipart field, a text body, a header
and a cookie, and every high query case encoded again (double, triple,
%u, HTML entities)."""

from __future__ import annotations

import pytest

from . import corpus
from .helpers import Probe

CASES = corpus.cases()
DETECTORS = sorted(corpus.CATEGORY)
# Where a value the table puts in the query is moved to.
PLACES = ["form", "json", "realjson", "multipart", "text", "cookie", "header:x-search"]


def verdict(probe: Probe, case: corpus.Case, place: str, value: bytes | None = None) -> str | None:
    """None when the decision matches the case's expectation, else what went wrong."""
    denied, categories = probe.categories(corpus.request(place, case.value if value is None else value))
    if case.expect == "high":
        ok = denied and case.category in categories
    elif case.expect == "none":
        ok = not denied and case.category not in categories
    elif case.expect == "medium-only":
        ok = not denied and case.category in categories
    else:  # medium / low: reported (severity is checked in tests/core/analyze/test_shield.py)
        ok = case.category in categories
    return None if ok else f"{case} at {place}: denied={denied} categories={categories}"


def test_every_detector_has_positive_and_negative_cases() -> None:
    for name in DETECTORS:
        assert any(c.file == name and c.expect != "none" for c in CASES), name
        assert any(c.file == name and c.expect == "none" for c in CASES), name
    assert len(CASES) > 150


@pytest.mark.parametrize("detector", DETECTORS)
def test_cases_where_the_table_puts_them(probe: Probe, detector: str) -> None:
    cases = [c for c in CASES if c.file == detector]
    failures = [f for c in cases if (f := verdict(probe, c, c.place))]
    assert not failures, "\n".join(failures)


def _moved(detector: str, place: str) -> list[corpus.Case]:
    cases = [c for c in CASES if c.file == detector and c.place == "query"]
    if place.startswith("header:"):
        # A header value cannot hold CR/LF (and one that does is a protocol anomaly).
        cases = [c for c in cases if b"\n" not in c.value and b"\r" not in c.value]
    return cases


@pytest.mark.parametrize(("detector", "place"), [(d, p) for d in DETECTORS for p in PLACES if _moved(d, p)])
def test_query_cases_in_other_places(probe: Probe, detector: str, place: str) -> None:
    failures = [f for c in _moved(detector, place) if (f := verdict(probe, c, place))]
    assert not failures, "\n".join(failures)


def _html_entities(v: bytes) -> bytes:
    return "".join(f"&#{b};" for b in v).encode()


def _percent_u(v: bytes) -> str:
    return "".join(chr(b) if chr(b).isascii() and chr(b).isalnum() else f"%u{b:04X}" for b in v)


def test_encoded_variants_of_high_cases_still_denied(probe: Probe) -> None:
    failures: list[str] = []
    n = 0
    for c in (c for c in CASES if c.expect == "high" and c.place == "query"):
        once = corpus.url_encode(c.value)
        variants = [
            ("double-encoded", "q=" + corpus.url_encode(once.encode())),
            ("triple-encoded", "q=" + corpus.url_encode(corpus.url_encode(once.encode()).encode())),
            ("%u-encoded", "q=" + _percent_u(c.value)),
        ]
        for how, query in variants:
            n += 1
            if (f := verdict(probe, c, "rawquery", query.encode())):
                failures.append(f"{how}: {f}")
        if c.file == "xss":
            n += 1
            if (f := verdict(probe, c, "query", _html_entities(c.value))):
                failures.append(f"html entities: {f}")
        # Double-encoded in a form body too (the app decodes it once).
        n += 1
        if (f := verdict(probe, c, "form", once.encode())):
            failures.append(f"double-encoded form: {f}")
    assert n > 200, n
    assert not failures, f"{len(failures)} of {n} variants missed:\n" + "\n".join(failures)


def test_clean_request_reports_nothing(probe: Probe) -> None:
    decision, result = probe.protect({
        "method": "POST", "path": "/account/settings", "query": "tab=profile&lang=en",
        "headers": {"user-agent": "Mozilla/5.0", "content-type": "application/x-www-form-urlencoded",
                    "cookie": "session=abc123; theme=dark", "referer": "https://example.com/account"},
        "body": b"name=Mary+O%27Brien&bio=I+select+the+best+union+of+ideas&city=Z%C3%BCrich",
    })
    assert decision.conclusion.value == "ALLOW"
    assert result.reason_v2.type == "SHIELD"
    assert result.reason_v2.shield_triggered is False
    assert tuple(result.reason_v2.categories) == ()
