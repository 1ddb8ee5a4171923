"""Train the moderation classifier and export its weights.

    python -m tools.moderation.train [--data my.jsonl] [--bits 16]

Reproducible: committed and pinned data (data.py), a seeded split, a seeded
cross-validation, liblinear's deterministic solver. Only the TRAIN split is
read for fitting and tuning: C and the threshold are chosen by 5-fold
cross-validation inside it, judged on real rows only (templates are easy and
would flatter any choice). The threshold is the one with the best
out-of-fold F1 among those flagging at most MAX_OOF_BENIGN of the real
benign rows: the target is 2 % on held-out rows, kept with a margin.
The texts of data/holdout_v2.jsonl (round 2's frozen hold-out) are removed
from the training split before anything is fitted.

Writes wasm/prompt/model/moderation.bin (threshold inside) and
tools/moderation/data/held_out.jsonl (the rows evaluate.py and the tests
score). Needs scikit-learn and numpy (dev only). Rebuild the analyzer after.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

from tools.moderation import sources as data
from tools.moderation.model import encode
from tools.moderation.paths import HELD_OUT, MODEL_BIN
from tools.moderation.sources import Row
from tools.prompt_injection.features import f32
from tools.prompt_injection.train import balanced_weights, fit, folds, matrices, oof_scores

DEFAULT_BITS = 16
C_GRID = (32.0, 64.0, 128.0)
# Round 1's 1 % out of fold became 3.85 % on held-out rows: the margin is wider now.
MAX_OOF_BENIGN = 0.005
# A (source, label) group weighs as much as its rows, capped at CAP rows' worth,
# then scaled by its weight here (default 1): templates count half, their hard
# negatives fully, and real benign text twice (round 2; DATA.md has the CV table).
CAP = 400.0
GROUP_WEIGHT: dict[tuple[str, int], float] = {
    ("synth", 1): 0.5, ("synth", 0): 0.5, ("synth2", 1): 0.5, ("synth2", 0): 1.0,
    ("everyday", 0): 2.0, ("donotanswer", 0): 2.0, ("dna_more", 0): 2.0, ("handwritten", 0): 2.0,
    ("bastion", 0): 2.0,
}


def sample_weights(rows: list[Row], group_weight: dict[tuple[str, int], float] | None = None) -> np.ndarray:
    """Groups capped at CAP rows' worth, times GROUP_WEIGHT (the prompt tools' weighting)."""
    gw = GROUP_WEIGHT if group_weight is None else group_weight
    return balanced_weights(rows, CAP, lambda source, label: gw.get((source, label), 1.0))


def best_threshold(scores: np.ndarray, y: np.ndarray, max_benign: float = MAX_OOF_BENIGN) -> tuple[float, float, float]:
    """(threshold, F1, benign-flagged rate): best F1 with at most max_benign of benign rows flagged."""
    best = (0.5, -1.0, 1.0)
    benign = max(1, int((y == 0).sum()))
    for t in np.arange(0.20, 0.951, 0.01):
        pred = scores >= t
        tp = int((pred & (y == 1)).sum())
        fp = int((pred & (y == 0)).sum())
        fn = int((~pred & (y == 1)).sum())
        f1 = 2 * tp / max(1, 2 * tp + fp + fn)
        if fp <= max_benign * benign and f1 > best[1]:
            best = (float(round(t, 2)), f1, fp / benign)
    return best


def confusion(pred: np.ndarray, y: np.ndarray) -> tuple[int, int, int, int]:
    return (int((pred & (y == 1)).sum()), int((pred & (y == 0)).sum()),
            int((~pred & (y == 1)).sum()), int((~pred & (y == 0)).sum()))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, help="extra labelled JSON lines: {text, label} (1 = flag)")
    ap.add_argument("--bits", type=int, default=DEFAULT_BITS, help="log2 of hashed buckets")
    ap.add_argument("--out", type=Path, default=MODEL_BIN)
    ap.add_argument("--held-out", type=Path, default=HELD_OUT)
    args = ap.parse_args(argv)

    train, held = data.split(data.load_all(args.data))
    data.write_rows(held, args.held_out)
    # round 2's fresh hold-out: none of its texts may be fitted (a few repeat older rows)
    before = len(train)
    train = data.without(train, data.holdout_v2())
    print(f"train {len(train)} rows ({before - len(train)} dropped: in holdout_v2); "
          f"held out {len(held)} -> {args.held_out} and holdout_v2 (neither read here)")
    x, sx, owner = matrices(train, args.bits)
    y = np.array([r.label for r in train])
    w = sample_weights(train)
    fold = np.array(folds(train))
    real = np.array([r.source not in data.SYNTHETIC for r in train])

    best_c, best, best_oof = C_GRID[0], (0.5, -1.0, 1.0), np.zeros(len(y))
    for c in C_GRID:
        oof = oof_scores(x, sx, owner, y, w, fold, c)
        t, f1, fpr = best_threshold(oof[real], y[real])
        print(f"  C={c:<5} out-of-fold real F1 {f1:.4f} at threshold {t:.2f}, real benign flagged {fpr:.2%}")
        if f1 > best[1]:
            best_c, best, best_oof = c, (t, f1, fpr), oof
    threshold = best[0]
    print(f"chosen C={best_c}, threshold {threshold}; out-of-fold per source (train split):")
    for source in sorted({r.source for r in train}):
        sel = np.array([r.source == source for r in train])
        tp, fp, fn, tn = confusion(best_oof[sel] >= threshold, y[sel])
        print(f"    {source:<12} tp {tp:4} fp {fp:4} fn {fn:4} tn {tn:4}")

    model = fit(x, y, w, best_c)
    weights = [f32(float(v)) for v in model.coef_[0]]
    bias = f32(float(model.intercept_[0]))
    args.out.write_bytes(encode(args.bits, bias, threshold, weights))
    nonzero = sum(1 for v in weights if v != 0.0)
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes, {nonzero} non-zero weights)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
