"""The OWASP CRS regression suite through protect(), for every request rule up to PL2.

Each go-ftw test (crs_regression.py rebuilds the request it sends) goes
through one shield-only client, `shield(mode="LIVE", paranoia_level=2,
crs_tuning=False)` (the CRS as it ships: a conformance run), from
a fresh client IP so suspicion never interferes; the rule ids the SHIELD
result's reason lists must include every `expect_ids` and none of the
`no_expect_ids` (a stage asserting that no rule logs at all needs none).

Tests listed in crs_known_failures.txt ("<test id> <reason>", one a line) are
xfail with that reason while they fail, and an error once they pass (the line
is stale). The pass rate per rule file and the failing ids print at the end.
Requests no Python web app can receive (servers reject them first) are
skipped with the reason; stages that check log text or a server's status,
not rule ids, are left out.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from arcjet_core import arcjet_sync, shield

from . import crs_regression
from .crs_regression import Stage
from .helpers import fresh_ip

PARANOIA_LEVEL = 2
KNOWN_FAILURES = Path(__file__).with_name("crs_known_failures.txt")


def select(stages: Sequence[Stage], level: int) -> dict[str, list[Stage]]:
    """Tests of request rules up to `level` whose every stage checks rule ids."""
    return {
        test_id: group for test_id, group in crs_regression.by_test(stages).items()
        if group[0].request_rule and (group[0].paranoia_level or 1) <= level
        and all(s.checks_ids for s in group)
    }


def read_known_failures(path: Path) -> dict[str, str]:
    """test id -> reason, from lines "<test id> <reason>"; `#` starts a comment line."""
    known: dict[str, str] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        test_id, _, reason = line.partition(" ")
        if not reason.strip():
            raise ValueError(f"{path.name}:{n}: {test_id} has no reason")
        if test_id in known:
            raise ValueError(f"{path.name}:{n}: {test_id} is listed twice")
        known[test_id] = reason.strip()
    return known


ALL_STAGES = crs_regression.stages()
SELECTED = select(ALL_STAGES, PARANOIA_LEVEL)
KNOWN = read_known_failures(KNOWN_FAILURES)


def request_of(stage: Stage) -> dict[str, Any]:
    """The plain-mapping request protect() takes, from the stage as a server parsed it."""
    return {
        "ip": fresh_ip(), "method": stage.method, "path": stage.path, "query": stage.query,
        "headers": list(stage.headers), "body": stage.body, "http_version": stage.http_version,
    }


# ------------------------------------------------------------------ summary


@dataclass
class Summary:
    """Outcomes per rule file, printed after the run (registered as a plugin)."""

    outcomes: dict[str, dict[str, str]] = field(default_factory=dict)  # file -> test id -> outcome

    def record(self, stage: Stage, outcome: str) -> None:
        self.outcomes.setdefault(stage.file, {})[stage.id] = outcome

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        if not self.outcomes:
            return
        write = terminalreporter.write_line
        terminalreporter.section(f"CRS regression through protect() (PL{PARANOIA_LEVEL})")
        write(f"{'rule file':48} {'tests':>6} {'pass':>6} {'known':>6} {'fail':>6} {'skip':>5} {'rate':>8}")
        totals = [0, 0, 0, 0, 0]
        for file, results in sorted(self.outcomes.items()):
            counts = [len(results), *(sum(v == k for v in results.values())
                                      for k in ("passed", "known", "failed", "skipped"))]
            totals = [a + b for a, b in zip(totals, counts, strict=True)]
            write(f"{file:48} {counts[0]:6} {counts[1]:6} {counts[2]:6} {counts[3]:6} {counts[4]:5} "
                  f"{_rate(counts)}")
        write(f"{'ALL':48} {totals[0]:6} {totals[1]:6} {totals[2]:6} {totals[3]:6} {totals[4]:5} {_rate(totals)}")
        failing = [i for results in self.outcomes.values() for i, v in results.items() if v == "failed"]
        if failing:
            write(f"failing ({len(failing)}), not in {KNOWN_FAILURES.name}: {' '.join(failing)}")


def _rate(counts: Sequence[int]) -> str:
    run = counts[0] - counts[4]
    return f"{100 * counts[1] / run:7.2f}%" if run else "    n/a"


@pytest.fixture(scope="module")
def summary(request: pytest.FixtureRequest) -> Summary:
    s = Summary()
    request.config.pluginmanager.register(s, "crs-regression-summary")
    return s


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    # The CRS CI's crs-setup values (argument limits, UTF-8 validation), through
    # shield's crs_settings, as an application would set them.
    # crs-setup.conf's own methods and content types, where shield's defaults
    # differ (see DEFAULT_CRS_SETTINGS): this is a conformance run.
    settings: dict[str, int | str] = {k: int(v) for k, v in crs_regression.TEST_SETUP.items()}
    settings["allowed_methods"] = "GET HEAD POST OPTIONS"
    settings["allowed_request_content_type"] = (
        "|application/x-www-form-urlencoded| |multipart/form-data| |text/xml| |application/xml| "
        "|application/soap+xml| |application/json|")
    # crs_tuning=False: the CRS as it ships. Shield's tuning makes some of
    # these tests' payloads (SQL words in prose, an apostrophe in a file
    # name, a +json content type) no longer count, by design; what it costs
    # in detection is benchmarks/shield_tuning_cost.py.
    rules = [shield(mode="LIVE", paranoia_level=PARANOIA_LEVEL, crs_settings=settings, crs_tuning=False)]
    aj = arcjet_sync(key="crs-regression", rules=rules,
                     environment="development")
    yield aj
    aj.close()


# ------------------------------------------------------------------ tests


def fired_ids(client: Any, stage: Stage) -> frozenset[int]:
    decision = client.protect(request_of(stage))
    (result,) = decision.results
    assert result.kind == "SHIELD"
    if result.state.value != "RUN":
        pytest.fail(f"{stage.key}: shield did not run: {result}", pytrace=False)
    return frozenset(getattr(result.reason_v2, "rule_ids", ()))


def mismatch(stage: Stage, fired: frozenset[int]) -> str:
    missing = [i for i in stage.expect_ids if i not in fired]
    unwanted = [i for i in stage.no_expect_ids if i in fired]
    if stage.expects_no_rule:
        unwanted = sorted(fired)
    return (f"{stage.key} [{stage.desc.splitlines()[0][:70] if stage.desc else ''}]: "
            f"missing {missing}, unwanted {unwanted}, fired {sorted(fired)}")


@pytest.mark.parametrize("test_id", list(SELECTED))
def test_crs_regression(test_id: str, client: Any, summary: Summary) -> None:
    stages = SELECTED[test_id]
    known = KNOWN.get(test_id)
    why_not = [why for s in stages for why in s.unreceivable]
    if why_not:
        summary.record(stages[0], "skipped")
        if known:
            pytest.fail(f"{test_id} is skipped ({why_not[0]}) but {KNOWN_FAILURES.name} lists it", pytrace=False)
        pytest.skip(f"no Python web app receives this request: {why_not[0]}")
    failures = []
    for stage in stages:
        fired = fired_ids(client, stage)
        if not stage.passes(fired):
            failures.append(mismatch(stage, fired))
    if failures:
        summary.record(stages[0], "known" if known else "failed")
        if known:
            pytest.xfail(known)
        pytest.fail("\n".join(failures), pytrace=False)
    summary.record(stages[0], "passed")
    if known:
        pytest.fail(f"{test_id} passes: remove it from {KNOWN_FAILURES.name} (listed: {known})", pytrace=False)


def test_known_failures_name_selected_tests() -> None:
    stale = sorted(set(KNOWN) - set(SELECTED))
    assert not stale, f"{KNOWN_FAILURES.name} lists tests this suite does not run: {stale}"


def test_selection_covers_the_suite() -> None:
    """Guards the loader: the PL1-2 request tests are all there, each with a check."""
    assert len(ALL_STAGES) > 5000
    assert len(SELECTED) > 4000
    files = {group[0].file for group in SELECTED.values()}
    assert {"REQUEST-920-PROTOCOL-ENFORCEMENT", "REQUEST-942-APPLICATION-ATTACK-SQLI",
            "REQUEST-949-BLOCKING-EVALUATION", "REQUEST-999-COMMON-EXCEPTIONS-AFTER"} <= files
    assert all(any(s.expect_ids or s.no_expect_ids or s.expects_no_rule for s in g) for g in SELECTED.values())
