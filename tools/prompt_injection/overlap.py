"""Drop the rows of a new hold-out that overlap a text the project already has.

    python -m tools.prompt_injection.overlap NEW.jsonl OUT.jsonl

A row goes when it shares with one text of any source (training, earlier
hold-outs, the synthetic rows, both labels) more than half of the distinct
words (lower-cased \\w+ runs) of each of the two: a second writer drifts
into the same messages as the first, and an overlapping row would score
what training already saw. Both sides, because a long jailbreak text holds
half the words of almost any short message without being anything like it.
Rows are dropped, never rewritten, so no row of a blind hold-out is touched
by the project's author; only the counts are printed, not the rows. Run it
before data.py reads the new file (else every row meets itself).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from tools.prompt_injection import data

WORD = re.compile(r"\w+")
SHARE = 0.5


def words(text: str) -> frozenset[str]:
    return frozenset(WORD.findall(text.lower()))


def overlapping(candidates: list[str], known: Iterable[str], share: float = SHARE) -> list[bool]:
    """Per candidate: does it share more than ``share`` of the distinct words of
    both itself and one known text?"""
    index: dict[str, list[int]] = defaultdict(list)
    known_words = [words(t) for t in known]
    for k, ws in enumerate(known_words):
        for w in ws:
            index[w].append(k)
    out = []
    for text in candidates:
        ws = words(text)
        hits: dict[int, int] = defaultdict(int)
        for w in ws:
            for k in index.get(w, ()):
                hits[k] += 1
        out.append(any(h > share * max(len(ws), len(known_words[k])) for k, h in hits.items()))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("new", type=Path)
    ap.add_argument("out", type=Path)
    args = ap.parse_args(argv)
    lines = [line for line in args.new.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [json.loads(line) for line in lines]
    known = [r.text for r in data.load_all(None)]  # every source, earlier hold-outs and synthetic rows too
    drop = overlapping([str(r["text"]) for r in rows], known)
    kept = [line for line, d in zip(lines, drop, strict=True) if not d]
    args.out.write_text("".join(line + "\n" for line in kept), encoding="utf-8")
    print(f"{len(rows)} rows, {sum(drop)} overlap a known text (dropped), {len(kept)} kept -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
