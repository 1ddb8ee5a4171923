"""Shield on whole-request corpora: false positives on benign traffic and
detection on public attack payload sets, the held-out side reported apart,
beside ModSecurity v3 + the same CRS on the same requests.

    python benchmarks/shield_corpora.py [--no-modsec] [--paranoia 1]

Corpora (tests/shield/corpus.py), each split into a `tune` and a `holdout`
side, nothing tuned on the holdout side: the benign requests (three generated
corpora; the third, written blind, is the holdout side) and the attack
payload sets, split by source (seed 16, tests/shield/data/split.json).
Each request goes through protect() from a fresh client IP, so suspicion
never interferes. Configurations: our detectors alone (`shield()`), the CRS
alone (`shield(paranoia_level=N)` with our detectors' verdict ignored: a
request counts as denied by the CRS when its anomaly score reaches the
threshold), and both (`shield(paranoia_level=N)`, the real decision).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks._machine import machine_line  # noqa: E402
from tests.shield import corpus  # noqa: E402

Verdicts = dict[str, bool]  # configuration -> denied


def client_ip(i: int) -> str:
    return f"2001:db8:{i >> 16 & 0xffff:x}:{i & 0xffff:x}::1"


def as_received(req: dict[str, Any]) -> dict[str, Any]:
    """The request as a server hands it on: with a Host header (HTTP/1.1
    requires one; tests/shield/corpus.request() builds none, and CRS 920280
    would score every such request)."""
    headers = req["headers"]
    pairs = list(headers.items()) if isinstance(headers, dict) else list(headers)
    if not any(name.lower() == "host" for name, _ in pairs):
        pairs.append(("host", "app.example.com"))
    return {**req, "headers": pairs}


def ours(paranoia: int) -> Callable[[int, dict[str, Any]], Verdicts]:
    from arcjet_core import arcjet_sync, shield

    own = arcjet_sync(key="bench", rules=[shield(threshold=1_000_000)], environment="development")
    crs = arcjet_sync(key="bench", rules=[shield(threshold=1_000_000, paranoia_level=paranoia)],
                      environment="development")

    def judge(i: int, req: dict[str, Any]) -> Verdicts:
        r = {**req, "ip": client_ip(i)}
        d_own = own.protect(r)
        d_both = crs.protect(r)
        (res,) = d_both.results
        reason = res.reason_v2
        crs_denied = getattr(reason, "anomaly_score", 0) >= 5
        return {"ours": d_own.is_denied(), "crs": crs_denied, "both": d_both.is_denied()}

    return judge


def modsec(paranoia: int) -> Callable[[int, dict[str, Any]], bool] | None:
    try:
        from benchmarks._modsec import ModSec, ModSecUnavailable, quiet_stderr
        from benchmarks.shield import modsec_args
    except ImportError:
        return None
    try:
        with quiet_stderr():
            ms = ModSec(paranoia_level=paranoia)
    except ModSecUnavailable as exc:
        print(f"(ModSecurity unavailable: {exc})")
        return None

    def judge(i: int, req: dict[str, Any]) -> bool:
        with quiet_stderr():
            _, _, denied = ms.evaluate(*modsec_args(req))
        return bool(denied)

    return judge


def rate(n: int, total: int) -> str:
    return f"{100 * n / total:6.2f} %" if total else "      -"


def run(title: str, items: Iterable[corpus.LabeledRequest], group: Callable[[corpus.LabeledRequest], str],
        judge: Callable[[int, dict[str, Any]], Verdicts], peer: Callable[[int, dict[str, Any]], bool] | None,
        start: int) -> None:
    totals: dict[str, Counter[str]] = defaultdict(Counter)
    for i, item in enumerate(items):
        g = group(item)
        req = as_received(item.request)
        verdicts = judge(start + i, req)
        if peer is not None:
            verdicts["modsec"] = peer(start + i, req)
        totals[g]["n"] += 1
        totals["ALL"]["n"] += 1
        for k, v in verdicts.items():
            totals[g][k] += v
            totals["ALL"][k] += v
    cols = ["ours", "crs", "both"] + (["modsec"] if peer is not None else [])
    print(f"\n== {title}: share denied")
    print(f"{'':22} {'n':>6} " + " ".join(f"{c:>9}" for c in cols))
    for g in sorted(totals, key=lambda k: (k == "ALL", k)):
        t = totals[g]
        print(f"{g:22} {t['n']:>6} " + " ".join(f"{rate(t[c], t['n']):>9}" for c in cols))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-modsec", action="store_true")
    parser.add_argument("--paranoia", type=int, default=1)
    args = parser.parse_args()
    print(machine_line())
    print(f"columns: ours = shield() (our detectors); crs = the CRS at PL{args.paranoia} alone (anomaly score >= 5);"
          f" both = shield(paranoia_level={args.paranoia}); modsec = ModSecurity v3 + CRS PL{args.paranoia}")
    judge = ours(args.paranoia)
    peer = None if args.no_modsec else modsec(args.paranoia)
    for i, side in enumerate(corpus.SIDES):
        run(f"benign requests ({side} side), by source", corpus.benign_requests(side), lambda r: r.source, judge, peer,
            i << 18)
    for side in corpus.SIDES:
        run(f"attack payloads ({side} side), by class", corpus.attack_requests(side), lambda r: r.label, judge, peer,
            1 << 20 if side == "tune" else 2 << 20)


if __name__ == "__main__":
    main()
