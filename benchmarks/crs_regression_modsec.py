"""The CRS regression suite through ModSecurity v3 + CRS v4: the oracle.

    python benchmarks/crs_regression_modsec.py [--without-test-setup] [--show-failures]

Every stage of every test in ../shared/data/crs/tests/regression/tests is
loaded by tests/shield/crs_regression.py (the requests go-ftw sends, as a
server parses them) and fed to ModSecurity (benchmarks/_modsec.py) in
DetectionOnly mode with the CRS test run's settings (TEST_SETUP), at
paranoia level 4 (what the CRS's own CI runs) and at 2 (what our regression
test runs). A test passes when, in each of its stages, every expect_id fired,
no no_expect_id did, and the log matches match_regex and not no_match_regex.

Prints the pass rate per rule file at each level: at PL4 for every request
rule's tests, at PL2 for the tests of rules up to PL2. Stages that expect only
an HTTP status (a server's answer, not the WAF's) check nothing here and are
counted apart, as are the tests of RESPONSE-* rules (phases 3-4, not loaded).
This validates the loader (ModSecurity is what the suite was written for) and
gives the engine's authors the fired ids per test to diff against:
benchmarks/results/crs_regression_modsec.json.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks._modsec import ModSec, quiet_stderr  # noqa: E402
from tests.shield import crs_regression  # noqa: E402
from tests.shield.crs_regression import Stage  # noqa: E402

RESULTS = REPO / "benchmarks" / "results" / "crs_regression_modsec.json"
LEVELS = (4, 2)


def checks_log(stage: Stage) -> bool:
    return bool(stage.expect_ids or stage.no_expect_ids or stage.match_regex or stage.no_match_regex)


def stage_passes(stage: Stage, fired: set[int], log: Sequence[str]) -> bool:
    text = "\n".join(log)
    if stage.match_regex is not None and not re.search(stage.match_regex, text):
        return False
    if stage.no_match_regex is not None and re.search(stage.no_match_regex, text):
        return False
    return all(i in fired for i in stage.expect_ids) and not any(i in fired for i in stage.no_expect_ids)


def run_level(level: int, tests: dict[str, list[Stage]], setvars: dict[str, str] | None) -> tuple[
        dict[str, list[list[int]]], dict[str, bool], float]:
    """(fired ids per stage, pass per test, µs per request) at one paranoia level."""
    modsec = ModSec(level, detection_only=True, setvars=setvars)
    fired: dict[str, list[list[int]]] = {}
    passed: dict[str, bool] = {}
    start = time.perf_counter()
    requests = 0
    with quiet_stderr():
        for test_id, stages in tests.items():
            passed[test_id], fired[test_id] = run_test(modsec, stages)
            requests += len(stages)
    modsec.close()
    return fired, passed, (time.perf_counter() - start) / max(requests, 1) * 1e6


def run_test(modsec: ModSec, stages: Sequence[Stage]) -> tuple[bool, list[list[int]]]:
    ok = True
    fired = []
    for s in stages:
        ids, _, _ = modsec.evaluate(s.method, s.uri, s.version, s.headers, s.body)
        fired.append(sorted(ids))
        ok = ok and stage_passes(s, ids, modsec.last_log)
    return ok, fired


def report(level: int, tests: dict[str, list[Stage]], passed: dict[str, bool], show_failures: bool) -> None:
    by_file: dict[str, list[str]] = {}
    for test_id, stages in tests.items():
        by_file.setdefault(stages[0].file, []).append(test_id)
    print(f"\n== PL{level}: tests of request rules{'' if level == 4 else f' up to PL{level}'}")
    print(f"{'rule file':50} {'tests':>6} {'passed':>7} {'rate':>8}")
    total = ok = 0
    for file, ids in sorted(by_file.items()):
        good = sum(passed[i] for i in ids)
        total += len(ids)
        ok += good
        print(f"{file:50} {len(ids):6} {good:7} {100 * good / len(ids):7.2f}%")
        failing = [i for i in ids if not passed[i]]
        if failing and show_failures:
            print("   failing:", " ".join(failing))
    print(f"{'ALL':50} {total:6} {ok:7} {100 * ok / max(total, 1):7.2f}%")
    unreceivable = [i for i, stages in tests.items() if any(s.unreceivable for s in stages)]
    good = sum(passed[i] for i in unreceivable)
    print(f"   of which a Python app could never receive: {len(unreceivable)} ({good} pass); "
          f"without them: {ok - good}/{total - len(unreceivable)} = "
          f"{100 * (ok - good) / max(total - len(unreceivable), 1):.2f}%")


def write_results(path: Path, meta: Mapping[str, object], fired: dict[int, dict[str, list[list[int]]]]) -> None:
    """One line per test, so a diff shows the tests that changed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = ["{", f'"meta": {json.dumps(meta)},', '"fired": {']
    for n, level in enumerate(LEVELS):
        lines.append(f'"PL{level}": {{')
        items = list(fired[level].items())
        for k, (test_id, per_stage) in enumerate(items):
            value = per_stage[0] if len(per_stage) == 1 else per_stage
            lines.append(f"{json.dumps(test_id)}: {json.dumps(value)}{',' if k < len(items) - 1 else ''}")
        lines.append("}" + ("," if n < len(LEVELS) - 1 else ""))
    lines += ["}", "}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--without-test-setup", action="store_true",
                    help="CRS defaults instead of the CRS test run's tx settings (TEST_SETUP)")
    ap.add_argument("--show-failures", action="store_true", help="list the failing test ids per file")
    ap.add_argument("--out", type=Path, default=RESULTS)
    args = ap.parse_args()
    setvars = None if args.without_test_setup else crs_regression.TEST_SETUP

    stages = crs_regression.stages()
    tests = crs_regression.by_test(stages)
    response = [i for i, st in tests.items() if not st[0].request_rule]
    status_only = [i for i, st in tests.items() if st[0].request_rule and not all(checks_log(s) for s in st)]
    runnable = {i: st for i, st in tests.items() if st[0].request_rule and all(checks_log(s) for s in st)}
    print(f"{len(stages)} stages in {len(tests)} tests; run: {len(runnable)}; not run: {len(response)} of "
          f"RESPONSE-* rules (phases 3-4, not loaded), {len(status_only)} that expect only a server's status "
          f"({' '.join(status_only)})")
    print("settings:", "CRS defaults" if setvars is None else ", ".join(f"tx.{k}={v}" for k, v in setvars.items()))

    fired: dict[int, dict[str, list[list[int]]]] = {}
    version = ""
    for level in LEVELS:
        subset = {i: st for i, st in runnable.items() if level == 4 or (st[0].paranoia_level or 1) <= level}
        fired[level], passed, us = run_level(level, subset, setvars)
        report(level, subset, passed, args.show_failures)
        print(f"   ModSecurity: {us:.0f} µs per request (DetectionOnly, the whole suite)")
        version = version or ModSec(level).version
    meta = {"modsecurity": version, "crs": (crs_regression.CRS_DIR / "SOURCE").read_text().splitlines()[0],
            "mode": "DetectionOnly", "setup": setvars or {},
            "note": "test id -> sorted rule ids logged; a list per stage for tests with several stages"}
    write_results(args.out, meta, fired)
    print(f"\nfired ids per test: {args.out.relative_to(REPO) if args.out.is_relative_to(REPO) else args.out}")


if __name__ == "__main__":
    main()
