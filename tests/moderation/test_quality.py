"""Held-out quality of the committed moderation model, scored through the analyzer.

tools/moderation/data/held_out.jsonl holds the rows train.py set aside (never
fitted or tuned on). The issue's targets: F1 >= 0.85 and at most 2 % of benign
rows flagged. A target the model misses is a strict xfail carrying the measured
numbers, so it fails (to be promoted) the day a retrained model meets it.
"""

from __future__ import annotations

import pytest

from arcjet_core.kinds.moderation import moderate_text
from tools.moderation import sources as data
from tools.moderation.evaluate import Counts, tally
from tools.moderation.paths import HELD_OUT


@pytest.fixture(scope="module")
def counts() -> Counts:
    total, _ = tally(data.read_rows(HELD_OUT), lambda t: moderate_text(t).detected)
    return total


def test_held_out_is_the_split_of_the_committed_data() -> None:
    # the local sources (no download) give the same per-source split as the full run
    _, held = data.split(data.dedupe(data.handwritten() + data.everyday() + data.deepset()))
    committed = [r for r in data.read_rows(HELD_OUT) if r.source in ("handwritten", "everyday", "deepset")]
    assert sorted(committed, key=repr) == sorted(held, key=repr)
    assert not any(r.source == "synth" for r in data.read_rows(HELD_OUT))


def test_held_out_f1_target(counts: Counts) -> None:
    assert counts.tp + counts.fn >= 90 and counts.fp + counts.tn >= 400
    assert counts.f1 >= 0.85, counts


def test_held_out_benign_guard(counts: Counts) -> None:
    # what the committed model measured (16 of 416): a regression fails here
    assert counts.fp <= 16, counts


@pytest.mark.xfail(strict=True, reason="target not met: 16 of 416 held-out benign rows flagged (3.85 %), "
                                       "F1 0.856 (tp 83, fp 16, fn 12)")
def test_held_out_benign_target(counts: Counts) -> None:
    assert counts.benign_flagged <= 0.02, counts
