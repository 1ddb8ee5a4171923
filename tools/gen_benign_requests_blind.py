#!/usr/bin/env python3
"""Generate the benign request corpora written blind (tools/benign_r2 to
benign_r8): each by a helper session told not to read shield's rules,
tuning or detectors and not to run a detector on it, and committed before
anything was scored on it. tests/shield/corpus.py calls `generate()`
directly; this script writes them out for reading or other tools, to
tests/shield/data/benign_requests_<corpus>.jsonl (git-ignored).

    python3 tools/gen_benign_requests_blind.py [--corpus r2] [--check]

Eight sources of 200 requests each per corpus (each package's README.md
says what they model): r2 support tickets, admin settings, chat, SSO, REST
writes, catalog filters, telemetry, a docs wiki; r3 CMS blocks, forums,
webmail, spreadsheets, translation strings, search syntax, bookings, CI and
infra configs; r4 recipes, listings, a job board, a Q&A site, a learning
platform, a patient portal, legal documents, gaming; r5 banking and
payments, a GraphQL API, maps and GIS, a social feed, a sales CRM, hosted
notebooks, an IoT fleet, travel booking; r6 a shop's seller admin, an HR and
payroll portal, event ticketing, a BI dashboard with analysts' SQL, e-mail
marketing, a support chat widget, a municipal services portal, a shipping
and logistics platform; r7 a newsroom CMS, restaurant ordering and a POS, a
fitness tracker, marketplace reviews and Q&A, a public library catalogue, a
link shortener, an online form builder, a photo-sharing community; r8 a
self-hosted git forge, property management, podcast hosting, an insurer's
claims portal, crowdfunding, an IT service desk and asset inventory, a
scientific data portal, a car-parts shop and dealer catalogue.

Deterministic: every source draws from its own `random.Random(f"<corpus>:<source>")`
(tools/benign_record.py), so the output is byte-identical from run to run
and machine to machine. `--check` regenerates in memory and fails if a
written file differs.

One JSON object per line, the same record as tools/gen_benign_requests.py:
source, kind, method, path, query, headers (a list of [name, value] pairs in
the order sent), and body (UTF-8 text) or body_base64 (a body that is not
UTF-8, e.g. an attachment). Stdlib only.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benign_record import Request

CORPORA = ("r2", "r3", "r4", "r5", "r6", "r7", "r8")
DATA = Path(__file__).resolve().parents[1] / "tests" / "shield" / "data"

__all__ = ["CORPORA", "generate", "main", "out_path", "render"]


def generate(corpus: str) -> list[Request]:
    if corpus not in CORPORA:
        raise ValueError(f"corpus must be one of {CORPORA}, not {corpus!r}")
    requests: list[Request] = importlib.import_module(f"benign_{corpus}").generate()
    return requests


def out_path(corpus: str) -> Path:
    return DATA / f"benign_requests_{corpus}.jsonl"


def render(requests: list[Request]) -> str:
    return "".join(json.dumps(r.record(), ensure_ascii=False) + "\n" for r in requests)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", action="append", choices=CORPORA, help="one corpus (default: all)")
    parser.add_argument("--check", action="store_true", help="fail if a written file is not what the generator makes")
    args = parser.parse_args(argv)
    for corpus in args.corpus or CORPORA:
        requests = generate(corpus)
        text = render(requests)
        out = out_path(corpus)
        if args.check:
            if not out.exists() or out.read_text(encoding="utf-8") != text:
                sys.exit(f"{out} is stale: run python3 tools/gen_benign_requests_blind.py --corpus {corpus}")
            print(f"{out.name} is up to date ({len(requests)} requests)")
            continue
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
        counts = Counter(r.source for r in requests)
        print(f"{out.name}: {len(requests)} requests, " + ", ".join(f"{s} {n}" for s, n in counts.items()))


if __name__ == "__main__":
    main()
