"""Held-out quality of the committed model (regression guards and the issue's targets).

The guards pin what the committed weights measured (tools/prompt_injection/
evaluate.py) so a regression fails; the targets of issue #18 that this model
does not yet reach are strict xfails, which turn into failures (to be
promoted to plain tests) the day a retrained model meets them.
"""

from __future__ import annotations

import pytest

from tools.prompt_injection import data
from tools.prompt_injection.evaluate import Metrics, metrics
from tools.prompt_injection.features import load_model


def _held(source: str, rows: list[data.Row]) -> Metrics:
    model = load_model()
    _, held = data.split(rows)
    sel = [r for r in held if r.source == source]
    return metrics(source, sel, [model.score(r.text) >= model.threshold for r in sel])


def _local_rows() -> list[data.Row]:
    # deepset and everyday need no download; the split is per source, so
    # their held-out rows are the same as in the full evaluation
    return data.dedupe(data.deepset() + data.everyday())


def test_everyday_held_out_guard() -> None:
    m = _held("everyday", _local_rows())
    assert m.n >= 150
    assert m.fp <= 7, m


@pytest.mark.xfail(strict=True, reason="issue #18 target not met yet: 7/205 everyday benign flagged (3.4 %)")
def test_everyday_held_out_target() -> None:
    m = _held("everyday", _local_rows())
    assert m.benign_flagged <= 0.01


def test_deepset_held_out_guard() -> None:
    m = _held("deepset", _local_rows())
    assert m.n >= 120
    assert m.benign_flagged <= 0.02, m
    assert m.f1 >= 0.85, m


@pytest.mark.xfail(strict=True, reason="issue #18 target not met yet: deepset held-out F1 0.867")
def test_deepset_held_out_f1_target() -> None:
    assert _held("deepset", _local_rows()).f1 >= 0.90


def test_everyday_training_half_is_not_flagged() -> None:
    model = load_model()
    train, _ = data.split(_local_rows())
    rows = [r for r in train if r.source == "everyday"]
    flagged = [r.text for r in rows if model.score(r.text) >= model.threshold]
    assert len(flagged) <= 2, flagged
