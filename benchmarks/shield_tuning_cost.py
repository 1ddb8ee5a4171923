"""What shield's CRS tuning costs in detection on the CRS's own attack tests.

    python benchmarks/shield_tuning_cost.py [--paranoia 1]

Every CRS regression test (tests/shield/crs_regression.py) of a request rule
up to the paranoia level that expects a rule to fire, i.e. an attack,
through `shield(paranoia_level=N)` with `crs_tuning=False` (the CRS as it
ships) and `crs_tuning=True` (the default), each from a fresh client. Per
rule file: the tests whose expected rules all fire, and the requests denied
(our detectors and the CRS together, as a deployment decides). The
conformance run itself (expect and no-expect ids, PL2, untuned) is
tests/shield/test_crs_regression.py.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks._machine import machine_line  # noqa: E402
from benchmarks.shield_corpora import client_ip  # noqa: E402
from tests.shield import crs_regression  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--paranoia", type=int, default=1)
    args = parser.parse_args()
    print(machine_line())
    from arcjet_core import arcjet_sync, shield

    settings: dict[str, int | str] = {k: int(v) for k, v in crs_regression.TEST_SETUP.items()}
    clients = {tuned: arcjet_sync(key="cost", rules=[shield(threshold=1_000_000, paranoia_level=args.paranoia,
                                                            crs_settings=settings, crs_tuning=tuned)],
                                  environment="development")
               for tuned in (False, True)}
    stages = [s for s in crs_regression.stages()
              if s.request_rule and (s.paranoia_level or 1) <= args.paranoia and s.expect_ids and not s.unreceivable
              and s.checks_ids and s.rule_id not in (949110, 999999)]
    totals: dict[str, Counter[str]] = defaultdict(Counter)
    lost: list[str] = []
    for i, s in enumerate(stages):
        req = {"ip": client_ip(i), "method": s.method, "path": s.path, "query": s.query, "headers": list(s.headers),
               "body": s.body, "http_version": s.http_version}
        t = totals[s.file]
        t["n"] += 1
        denied = {}
        for tuned, aj in clients.items():
            d = aj.protect(req)
            fired = set(getattr(d.results[0].reason_v2, "rule_ids", ()))
            tag = "tuned" if tuned else "shipped"
            t[f"{tag}_ids"] += all(x in fired for x in s.expect_ids)
            t[f"{tag}_denied"] += d.is_denied()
            denied[tuned] = d.is_denied()
        if denied[False] and not denied[True]:
            lost.append(s.key)
    print(f"\n== CRS regression attack tests (PL{args.paranoia} rules): expected ids fired / request denied")
    print(f"{'rule file':44} {'n':>5} {'ids shipped':>12} {'ids tuned':>10} {'denied shipped':>15} {'denied tuned':>13}")
    total: Counter[str] = Counter()
    for name in sorted(totals):
        t = totals[name]
        total.update(t)
        print(f"{name:44} {t['n']:>5} {t['shipped_ids']:>12} {t['tuned_ids']:>10} {t['shipped_denied']:>15} "
              f"{t['tuned_denied']:>13}")
    print(f"{'ALL':44} {total['n']:>5} {total['shipped_ids']:>12} {total['tuned_ids']:>10} "
          f"{total['shipped_denied']:>15} {total['tuned_denied']:>13}")
    print(f"denied as shipped, allowed tuned ({len(lost)}): {' '.join(lost)}")


if __name__ == "__main__":
    main()
