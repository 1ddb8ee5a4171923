"""Held-out quality of the committed model (regression guards and the issue's targets).

The guards pin what the committed weights measured (tools/prompt_injection/
evaluate.py) so a regression fails; the targets of issue #18 that this model
does not yet reach are strict xfails, which turn into failures (to be
promoted to plain tests) the day a retrained model meets them.

Benign yardsticks: deepset's held-out rows, data/everyday_holdout.jsonl
(round 5's), written by another author, blind, before the model it scores was
trained, and never tuned on, and data/everyday_holdout_r6.jsonl, written the
same way in session 15 for the next round and scored once with round 5's
model (DATA.md). Earlier rounds' hold-outs now train (data/everyday_r3.jsonl,
data/everyday_r4.jsonl).
"""

from __future__ import annotations

import pytest

from tools.prompt_injection import data, synth
from tools.prompt_injection.evaluate import Metrics, metrics
from tools.prompt_injection.features import load_model
from tools.prompt_injection.normalize import tokens


def _held(source: str) -> Metrics:
    model = load_model()
    _, held = data.split(_local_rows())
    sel = [r for r in held if r.source == source]
    return metrics(source, sel, [model.score(r.text) >= model.threshold for r in sel])


def _local_rows() -> list[data.Row]:
    # these sources need no download; the split is per source, so their
    # held-out rows are the same as in the full evaluation
    return data.dedupe(data.deepset() + data.everyday() + data.everyday_holdout() + data.everyday_trained()
                       + data.everyday_holdout_r6())


@pytest.mark.parametrize("source", ["holdout", "holdout_r6"])
def test_everyday_holdouts_are_fully_held_out_and_unseen(source: str) -> None:
    train, held = data.split(_local_rows())
    assert not [r for r in train if r.source == source]
    rows = [r for r in held if r.source == source]
    assert len(rows) >= 300
    # not even a normalised copy of it is trained on
    seen = {" ".join(tokens(r.text)) for r in train + synth.rows()}
    assert not [r.text for r in rows if " ".join(tokens(r.text)) in seen]


def test_everyday_holdout_guard() -> None:
    m = _held("holdout")
    assert m.fp <= 10, m


@pytest.mark.xfail(strict=True, reason="issue #18 target not met yet: 10/403 everyday hold-out flagged (2.5 %)")
def test_everyday_holdout_target() -> None:
    assert _held("holdout").benign_flagged <= 0.01


def test_everyday_holdout_r6_guard() -> None:
    m = _held("holdout_r6")
    assert m.n >= 370 and m.fp <= 6, m


@pytest.mark.xfail(strict=True, reason="issue #18 target not met yet: 6/375 of the second blind hold-out flagged (1.6 %)")
def test_everyday_holdout_r6_target() -> None:
    assert _held("holdout_r6").benign_flagged <= 0.01


def test_deepset_held_out_guard() -> None:
    m = _held("deepset")
    assert m.n >= 120
    assert m.f1 >= 0.81, m


def test_deepset_held_out_benign_target() -> None:
    assert _held("deepset").benign_flagged <= 0.02


@pytest.mark.xfail(strict=True, reason="issue #18 target not met yet: deepset held-out F1 0.818 (36/51 caught, 1/78 benign flagged)")
def test_deepset_held_out_f1_target() -> None:
    assert _held("deepset").f1 >= 0.90


def test_everyday_training_rows_are_not_flagged() -> None:
    model = load_model()
    flagged = [r.text for r in data.everyday() if model.score(r.text) >= model.threshold]
    assert len(flagged) <= 2, flagged
