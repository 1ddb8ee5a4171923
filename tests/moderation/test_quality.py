"""Held-out quality of the committed moderation model (wasm/prompt/model/moderation.bin).

Two held-out files, neither fitted nor tuned on:
- data/holdout_v2.jsonl, written for round 2 before retraining and frozen (its
  SHA-256 below and in DATA.md): the issue's targets, F1 >= 0.85 and at most 2 %
  of benign rows flagged, are judged here;
- data/held_out.jsonl, the split train.py writes: scored in round 1, so it only
  guards against regressions now ("seen in round 1").

Scores come from the Python twin of the analyzer's scorer; the last test checks
the built analyzer gives the same verdicts (it fails while the committed .wasm
still embeds an older moderation.bin: rebuild with wasm/build.sh).
"""

from __future__ import annotations

import hashlib

import pytest

from arcjet_core.kinds.moderation import moderate_text
from tools.moderation import sources as data
from tools.moderation.evaluate import Counts, tally
from tools.moderation.model import load
from tools.moderation.paths import HELD_OUT, HOLDOUT_V2
from tools.prompt_injection.features import Model

HOLDOUT_V2_SHA256 = "3ebf71c6747b0fe4dbb75d007941d9b1f786b77de35ed665e62f4f5c077fb0a4"


@pytest.fixture(scope="module")
def model() -> Model:
    return load()


def _counts(model: Model, rows: list[data.Row]) -> Counts:
    total, _ = tally(rows, lambda t: model.score(t) >= model.threshold)
    return total


@pytest.fixture(scope="module")
def fresh(model: Model) -> Counts:
    return _counts(model, data.holdout_v2())


@pytest.fixture(scope="module")
def seen(model: Model) -> Counts:
    return _counts(model, data.read_rows(HELD_OUT))


def test_holdout_v2_is_frozen() -> None:
    assert hashlib.sha256(HOLDOUT_V2.read_bytes()).hexdigest() == HOLDOUT_V2_SHA256
    rows = data.holdout_v2()
    assert sum(r.label for r in rows) >= 150 and sum(1 - r.label for r in rows) >= 250


def test_held_out_is_the_split_of_the_committed_data() -> None:
    # the local sources (no download) give the same per-source split as the full run
    _, held = data.split(data.dedupe(data.handwritten() + data.everyday() + data.deepset()))
    committed = [r for r in data.read_rows(HELD_OUT) if r.source in ("handwritten", "everyday", "deepset")]
    assert sorted(committed, key=repr) == sorted(held, key=repr)
    assert not any(r.source in data.SYNTHETIC for r in data.read_rows(HELD_OUT))


def test_holdout_v2_texts_are_removed_from_training() -> None:
    train, _ = data.split(data.dedupe(data.handwritten() + data.everyday() + data.deepset()))
    fresh_keys = {r.text.strip().casefold() for r in data.holdout_v2()}
    assert any(r.text.strip().casefold() in fresh_keys for r in train)  # some repeat older rows...
    assert not any(r.text.strip().casefold() in fresh_keys for r in data.without(train, data.holdout_v2()))


def test_f1_target(fresh: Counts) -> None:
    assert fresh.f1 >= 0.85, fresh


def test_benign_flagged_target(fresh: Counts) -> None:
    assert fresh.benign_flagged <= 0.02, fresh


def test_fresh_regression_guard(fresh: Counts) -> None:
    # measured once on the committed model: tp 137, fp 5, fn 36, tn 280
    assert fresh.fp <= 5 and fresh.tp >= 137, fresh


def test_seen_regression_guard(seen: Counts) -> None:
    # round 1's split with the round-2 model: tp 80, fp 10, fn 15, tn 406 (round 1: fp 16)
    assert seen.fp <= 10 and seen.tp >= 80, seen


def test_analyzer_agrees_with_the_committed_model(model: Model) -> None:
    rows = data.holdout_v2() + data.read_rows(HELD_OUT)
    differ = [r.text for r in rows if moderate_text(r.text).detected != (model.score(r.text) >= model.threshold)]
    assert not differ, f"{len(differ)} verdicts differ (analyzer not rebuilt?): {differ[:3]}"
