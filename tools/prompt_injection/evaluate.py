"""Held-out metrics of the committed model, per source.

    python -m tools.prompt_injection.evaluate [--data my.jsonl] [--rust BIN] [--json]

Scores the HELD-OUT split (data.split) with the committed weights: by
default through the Python twin of the inference (features.Model), or with
--rust through the prompt_scan binary (the parity test shows they agree).
Prints, per source and over all real sources: F1, precision, recall, the
benign-flagged rate and the confusion matrix. Needs no scikit-learn.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from tools.prompt_injection import data
from tools.prompt_injection.data import Row
from tools.prompt_injection.features import load_model


@dataclass(frozen=True)
class Metrics:
    source: str
    n: int
    tp: int
    fp: int
    fn: int
    tn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.tp + self.fp + self.fn else 0.0

    @property
    def benign_flagged(self) -> float:
        return self.fp / (self.fp + self.tn) if self.fp + self.tn else 0.0

    def as_dict(self) -> dict[str, object]:
        return asdict(self) | {"f1": self.f1, "precision": self.precision, "recall": self.recall,
                               "benign_flagged": self.benign_flagged}


def metrics(source: str, rows: list[Row], flagged: list[bool]) -> Metrics:
    tp = sum(1 for r, f in zip(rows, flagged, strict=True) if f and r.label == 1)
    fp = sum(1 for r, f in zip(rows, flagged, strict=True) if f and r.label == 0)
    fn = sum(1 for r, f in zip(rows, flagged, strict=True) if not f and r.label == 1)
    tn = sum(1 for r, f in zip(rows, flagged, strict=True) if not f and r.label == 0)
    return Metrics(source, len(rows), tp, fp, fn, tn)


def rust_scores(binary: Path, texts: list[str]) -> list[float]:
    stdin = "".join(json.dumps({"text": t}) + "\n" for t in texts)
    out = subprocess.run([str(binary)], input=stdin.encode(), capture_output=True, check=True).stdout
    return [float(json.loads(line)["score"]) for line in out.decode().splitlines()]


def evaluate(rows: list[Row], rust: Path | None = None) -> tuple[list[Metrics], float]:
    model = load_model()
    texts = [r.text for r in rows]
    scores = rust_scores(rust, texts) if rust else [model.score(t) for t in texts]
    flagged = [s >= model.threshold for s in scores]
    out: list[Metrics] = []
    for source in sorted({r.source for r in rows}):
        idx = [i for i, r in enumerate(rows) if r.source == source]
        out.append(metrics(source, [rows[i] for i in idx], [flagged[i] for i in idx]))
    out.append(metrics("ALL", rows, flagged))
    return out, model.threshold


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, help="the extra data train.py was given")
    ap.add_argument("--rust", type=Path, help="score with this prompt_scan binary")
    ap.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = ap.parse_args(argv)
    _, held = data.split(data.load_all(args.data))
    results, threshold = evaluate(held, args.rust)
    if args.json:
        print(json.dumps({"threshold": threshold, "sources": [m.as_dict() for m in results]}, indent=1))
        return 0
    print(f"held-out split, threshold {threshold:.2f}")
    print(f"{'source':<9} {'n':>5} {'F1':>6} {'prec':>6} {'recall':>6} {'benign flagged':>15}   "
          f"confusion [[tn fp] [fn tp]]")
    for m in results:
        print(f"{m.source:<9} {m.n:>5} {m.f1:>6.3f} {m.precision:>6.3f} {m.recall:>6.3f} "
              f"{m.benign_flagged:>8.2%} ({m.fp}/{m.fp + m.tn}){'':>1}   [[{m.tn} {m.fp}] [{m.fn} {m.tp}]]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
