"""Which CRS rules deny benign requests, ours beside ModSecurity's: the tool
behind shield's CRS tuning (arcjet_core/kinds/_shield_tuning.py).

    python benchmarks/shield_fp.py [--side tune|holdout] [--paranoia 1] [--show RULE] [--no-modsec]
        [--untuned]

Every benign request (tests/shield/corpus.py; or one side of its split
by source) goes through `shield(paranoia_level=N)` with the anomaly
threshold out of reach, so every matching rule is reported, and through
ModSecurity v3 + the same CRS in DetectionOnly (every rule runs). Per rule:
how many requests it fired on in each engine, and on how many only one of
them fired. A rule that fires here and not in ModSecurity on the same request
is an engine difference to explain (a bug of ours, or of ModSecurity's); one
that fires in both is the CRS's own false positive, for tuning.
`--untuned` runs the CRS as it ships (`crs_tuning=False`).
`--show RULE` prints the requests RULE fired on with the values it matched.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks._machine import machine_line  # noqa: E402
from benchmarks.shield_corpora import as_received, client_ip  # noqa: E402
from tests.shield import corpus  # noqa: E402

# Rules that sum or report the score rather than detect anything.
NOT_DETECTIONS = frozenset({949110, 949111, 980170, 4_900_001})


def our_judge(paranoia: int, untuned: bool) -> Any:
    from arcjet_core import arcjet_sync, shield

    rule = shield(threshold=1_000_000, paranoia_level=paranoia, anomaly_threshold=10_000, crs_tuning=not untuned)
    aj = arcjet_sync(key="fp", rules=[rule], environment="development")

    def judge(i: int, req: dict[str, Any]) -> tuple[set[int], int]:
        (res,) = aj.protect({**req, "ip": client_ip(i)}).results
        reason = res.reason_v2
        return set(getattr(reason, "rule_ids", ())) - NOT_DETECTIONS, int(getattr(reason, "anomaly_score", 0))

    return judge


def modsec_judge(paranoia: int) -> Any:
    from benchmarks._modsec import ModSec, ModSecUnavailable, quiet_stderr
    from benchmarks.shield import modsec_args

    try:
        with quiet_stderr():
            ms = ModSec(paranoia_level=paranoia, detection_only=True)
    except ModSecUnavailable as exc:
        print(f"(ModSecurity unavailable: {exc})")
        return None

    def judge(req: dict[str, Any]) -> tuple[set[int], int, list[str]]:
        with quiet_stderr():
            v = ms.evaluate(*modsec_args(req))
        return v.rule_ids - NOT_DETECTIONS, v.anomaly_score, list(ms.last_log)

    return judge


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--side", choices=corpus.SIDES)
    parser.add_argument("--paranoia", type=int, default=1)
    parser.add_argument("--threshold", type=int, default=5)
    parser.add_argument("--show", type=int, action="append", default=[])
    parser.add_argument("--no-modsec", action="store_true")
    parser.add_argument("--untuned", action="store_true")
    parser.add_argument("--source", action="append", default=[])
    args = parser.parse_args()
    print(machine_line())
    ours = our_judge(args.paranoia, args.untuned)
    peer = None if args.no_modsec else modsec_judge(args.paranoia)
    items = [r for r in corpus.benign_requests(args.side) if not args.source or r.source in args.source]
    fired: dict[int, Counter[str]] = defaultdict(Counter)
    sources: dict[str, Counter[str]] = defaultdict(Counter)
    for i, item in enumerate(items):
        req = as_received(item.request)
        our_ids, our_score = ours(i, req)
        ms_ids, ms_score, ms_log = peer(req) if peer is not None else (set(), 0, [])
        s = sources[item.source]
        s["n"] += 1
        s["ours"] += our_score >= args.threshold
        s["modsec"] += ms_score >= args.threshold
        s["ours_only"] += our_score >= args.threshold > ms_score
        s["modsec_only"] += ms_score >= args.threshold > our_score
        for rule in our_ids | ms_ids:
            c = fired[rule]
            c["ours"] += rule in our_ids
            c["modsec"] += rule in ms_ids
            c["ours_only"] += rule in our_ids and rule not in ms_ids
            c["modsec_only"] += rule in ms_ids and rule not in our_ids
            c["denied_ours"] += rule in our_ids and our_score >= args.threshold
        for rule in args.show:
            if rule in our_ids or rule in ms_ids:
                print(f"\n--- {rule} {item.source}/{item.place} ours={rule in our_ids} ({our_score}) "
                      f"modsec={rule in ms_ids} ({ms_score})")
                print(f"    {req['method']} {req['path']}?{req['query']}")
                for name, value in req["headers"]:
                    print(f"    {name}: {value[:200]}")
                body = req.get("body")
                if body:
                    print(f"    body: {body[:600]!r}")
                for line in ms_log:
                    if f'[id "{rule}"]' in line:
                        data = line.split("[data ")[1].split("] [")[0] if "[data " in line else line[:300]
                        print(f"    modsec: {data[:300]}")
    print(f"\n== benign requests{f' ({args.side} side)' if args.side else ''}: denied at score >= {args.threshold}")
    print(f"{'source':18} {'n':>5} {'ours':>6} {'modsec':>7} {'ours only':>10} {'modsec only':>12}")
    total: Counter[str] = Counter()
    for name in sorted(sources):
        s = sources[name]
        total.update(s)
        print(f"{name:18} {s['n']:>5} {s['ours']:>6} {s['modsec']:>7} {s['ours_only']:>10} {s['modsec_only']:>12}")
    print(f"{'ALL':18} {total['n']:>5} {total['ours']:>6} {total['modsec']:>7} {total['ours_only']:>10} "
          f"{total['modsec_only']:>12}")
    print("\n== rules fired on benign requests (requests)")
    print(f"{'rule':>7} {'ours':>6} {'modsec':>7} {'ours only':>10} {'modsec only':>12} {'in ours-denied':>15}")
    for rule, c in sorted(fired.items(), key=lambda kv: -max(kv[1]["ours"], kv[1]["modsec"])):
        print(f"{rule:>7} {c['ours']:>6} {c['modsec']:>7} {c['ours_only']:>10} {c['modsec_only']:>12} "
              f"{c['denied_ours']:>15}")


if __name__ == "__main__":
    main()
