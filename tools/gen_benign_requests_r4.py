#!/usr/bin/env python3
"""Generate the fourth benign request corpus (tools/benign_r4/), written blind
and held out from shield's tuning, to
tests/shield/data/benign_requests_r4.jsonl (git-ignored).

    python3 tools/gen_benign_requests_r4.py [--check]

Eight sources of everyday application traffic, 200 requests each: recipes,
listings, job_board, qa_site, lms_quiz, patient_portal, legal_docs, gaming
(tools/benign_r4/README.md says what each models). Each request carries the
headers its real client sends and a body encoded as that client encodes it.

Deterministic: every source draws from its own `random.Random(f"r4:{name}")`,
so the output is byte-identical from run to run and machine to machine.
`--check` regenerates in memory and fails if the written file differs.

One JSON object per line, the same record as the earlier corpora: source,
kind, method, path, query, headers (a list of [name, value] pairs in the
order sent, lower-case names), and body (UTF-8 text) or body_base64 (a body
that is not UTF-8, e.g. an image upload). Stdlib only.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benign_r4 import Request, generate

OUT = Path(__file__).resolve().parents[1] / "tests" / "shield" / "data" / "benign_requests_r4.jsonl"

__all__ = ["OUT", "generate", "main", "render"]


def render(requests: list[Request]) -> str:
    return "".join(json.dumps(r.record(), ensure_ascii=False) + "\n" for r in requests)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="fail if the written file is not what the generator makes")
    args = parser.parse_args(argv)
    requests = generate()
    text = render(requests)
    if args.check:
        if not OUT.exists() or OUT.read_text(encoding="utf-8") != text:
            sys.exit(f"{OUT} is stale: run python3 tools/gen_benign_requests_r4.py")
        print(f"{OUT.name} is up to date ({len(requests)} requests)")
        return
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    counts = Counter(r.source for r in requests)
    for source, n in counts.items():
        print(f"{source:18} {n:5}")
    print(f"{'total':18} {len(requests):5}  -> {OUT} ({len(text.encode()) // 1024} KiB)")


if __name__ == "__main__":
    main()
