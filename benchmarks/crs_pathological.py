"""Shield with the CRS on hostile input: every CRS regex fed 64 KiB of fragments of its own pattern.

    python benchmarks/crs_pathological.py [--levels 1,2,4] [--top 10]

The requests are `tests/shield/crs_pathological.py`'s (several fragments per
`@rx`, each placed where its rule looks). Each goes once through `protect()`
with `shield(paranoia_level=N)` from a new client, and once with `shield()`
(our detectors alone) for scale. Per level: how many requests, the median,
p99 and worst ms, how many took over 10 ms (issue #16's bound) and how many
ended in ERROR (the analyzer's deadline: an ERROR fails open), then the
slowest requests by rule and fragment. "desktop" scales by the reference loop.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks._machine import machine_line, reference_us  # noqa: E402
from tests.shield.crs_pathological import cases  # noqa: E402
from tests.shield.helpers import fresh_ip  # noqa: E402

BOUND_MS = 10.0
DESKTOP_REFERENCE_US = 8.0


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("--levels", default="1,2,4", help="paranoia levels to run")
    ap.add_argument("--top", type=int, default=10, help="slowest requests to list per level")
    args = ap.parse_args()
    from arcjet_core import arcjet_sync, shield

    print(machine_line())
    scale = DESKTOP_REFERENCE_US / reference_us()
    for level in (int(x) for x in args.levels.split(",")):
        todo = cases(level)
        crs = arcjet_sync(key=f"crs-{level}", rules=[shield(threshold=10**9, paranoia_level=level)],
                          environment="development")
        ours = arcjet_sync(key=f"ours-{level}", rules=[shield(threshold=10**9)], environment="development")
        rows = []
        ours_ms: list[float] = []
        errors = 0
        for case in todo:
            for client, sink in ((crs, None), (ours, ours_ms)):
                request = {**case.request, "ip": fresh_ip()}
                start = time.perf_counter()
                decision = client.protect(request)
                ms = (time.perf_counter() - start) * 1e3
                if sink is not None:
                    sink.append(ms)
                    continue
                (result,) = decision.results
                if result.conclusion.value == "ERROR":
                    errors += 1
                rows.append((ms, case.rule_id, case.label, result.conclusion.value))
        crs.close()
        ours.close()
        times = sorted(r[0] for r in rows)
        p99 = times[int(len(times) * 0.99)]
        over = sum(1 for t in times if t > BOUND_MS)
        print(f"\nPL{level}: {len(todo)} requests ({len({c.rule_id for c in todo})} rules), 64 KiB each")
        print(f"  shield(paranoia_level={level}): median {statistics.median(times):.2f} ms, p99 {p99:.2f}, "
              f"worst {times[-1]:.2f} (desktop {times[-1] * scale:.2f}); over {BOUND_MS:.0f} ms: {over}; "
              f"ERROR (deadline): {errors}")
        print(f"  shield() alone, same requests: median {statistics.median(ours_ms):.2f} ms, "
              f"worst {max(ours_ms):.2f}")
        for ms, rule_id, label, conclusion in sorted(rows, reverse=True)[: args.top]:
            print(f"    {ms:8.2f} ms  {rule_id}  {label:<24} {conclusion}")


if __name__ == "__main__":
    main()
