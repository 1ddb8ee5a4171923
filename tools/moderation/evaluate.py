"""Score the held-out rows and report a confusion matrix per source, F1 over all
rows and the share of benign rows flagged, for each of the two held-out files:
data/holdout_v2.jsonl (round 2's fresh set, never fitted or tuned on) and
data/held_out.jsonl (the split train.py writes; scored in round 1, so "seen").

    python -m tools.moderation.evaluate [--data my.jsonl] [--analyzer]

Scores with the Python twin of the Rust scorer by default; `--analyzer` scores
through the built Wasm analyzer (arcjet_core.kinds.moderation.moderate_text),
as the tests do. `--data` scores a file of your own as source `user` as well.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tools.moderation import sources as data
from tools.moderation.paths import HELD_OUT, HOLDOUT_V2, MODEL_BIN
from tools.moderation.sources import Row


@dataclass(frozen=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, flagged: bool, label: int) -> Counts:
        return Counts(self.tp + (flagged and label == 1), self.fp + (flagged and label == 0),
                      self.fn + (not flagged and label == 1), self.tn + (not flagged and label == 0))

    @property
    def f1(self) -> float:
        return 2 * self.tp / max(1, 2 * self.tp + self.fp + self.fn)

    @property
    def benign_flagged(self) -> float:
        return self.fp / max(1, self.fp + self.tn)


def tally(rows: list[Row], flag: Callable[[str], bool]) -> tuple[Counts, dict[str, Counts]]:
    total = Counts()
    per: dict[str, Counts] = {}
    for r in rows:
        f = flag(r.text)
        total = total.add(f, r.label)
        per[r.source] = per.get(r.source, Counts()).add(f, r.label)
    return total, per


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, help="extra labelled JSON lines to score as source 'user'")
    ap.add_argument("--held-out", type=Path, action="append",
                    help=f"a held-out file to score (repeatable; default {HOLDOUT_V2.name} and {HELD_OUT.name})")
    ap.add_argument("--analyzer", action="store_true", help="score through the built Wasm analyzer")
    ap.add_argument("--show", action="store_true", help="print every wrong verdict")
    args = ap.parse_args(argv)

    if args.analyzer:
        from arcjet_core.kinds.moderation import moderate_text

        def flag(text: str) -> bool:
            return moderate_text(text).detected
    else:
        from tools.moderation.model import load

        model = load(MODEL_BIN)

        def flag(text: str) -> bool:
            return model.score(text) >= model.threshold

    sets = [(p.name, data.read_rows(p)) for p in (args.held_out or [HOLDOUT_V2, HELD_OUT])]
    if args.data is not None:
        sets.append((str(args.data), data.user_rows(args.data)))
    for name, rows in sets:
        total, per = tally(rows, flag)
        print(f"{name}\n{'source':<12} {'tp':>4} {'fp':>4} {'fn':>4} {'tn':>4}   F1    benign flagged")
        for source, c in sorted(per.items()):
            print(f"{source:<12} {c.tp:4} {c.fp:4} {c.fn:4} {c.tn:4}  {c.f1:.3f}  {c.benign_flagged:6.2%}")
        print(f"{'all':<12} {total.tp:4} {total.fp:4} {total.fn:4} {total.tn:4}  {total.f1:.3f}  {total.benign_flagged:6.2%}")
        if args.show:
            for r in rows:
                if flag(r.text) != bool(r.label):
                    print(f"  [{r.source}] label {r.label}: {r.text[:120]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
