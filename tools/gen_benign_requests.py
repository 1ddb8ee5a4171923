#!/usr/bin/env python3
"""Generate the benign request corpus. tests/shield/corpus.py calls
`generate()` directly; this script writes it out for reading or other tools:
tests/shield/data/benign_requests.jsonl (git-ignored).

    python3 tools/gen_benign_requests.py [--check]

Realistic requests, not bare strings: browsers, mobile apps, SDKs and
webhooks, each with the headers it really sends (client hints, fetch
metadata, cookies of common frameworks, analytics and CDN cookies, JWTs),
and bodies as those clients encode them (urlencoded forms, JSON, multipart
uploads with binary files, SOAP and XML). The text in them is written for
this project (tools/benign/): names with apostrophes and diacritics, prose
in a dozen languages full of SQL and shell words, markdown, URLs with query
strings, base64 blobs, emoji. Code pasted into comment fields is its own
source (`code_comments`) so that its false positives are reported apart.

Deterministic: every source draws from its own seeded generator, so the
output is byte-identical from run to run and machine to machine. `--check`
regenerates in memory and fails if the written file differs.

One JSON object per line: source, kind, method, path, query, headers (a list
of [name, value] pairs in the order sent), and body (UTF-8 text) or
body_base64 (a body that is not UTF-8, e.g. an upload). Stdlib only.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benign import api, web
from benign.request import Request

SEED = 16
OUT = Path(__file__).resolve().parents[1] / "tests" / "shield" / "data" / "benign_requests.jsonl"

# source -> (generator, number of requests)
SOURCES: dict[str, tuple[Callable[[random.Random, int], list[Request]], int]] = {
    "page_views": (web.page_views, 340),
    "search": (web.search, 280),
    "signup_forms": (web.signup_forms, 300),
    "checkout_forms": (web.checkout_forms, 240),
    "comments": (web.comments, 300),
    "markdown_posts": (web.markdown_posts, 220),
    "code_comments": (web.code_comments, 260),
    "uploads": (web.uploads, 180),
    "auth_flows": (web.auth_flows, 240),
    "json_api": (api.json_api, 300),
    "mobile_api": (api.mobile_api, 280),
    "xml_soap": (api.xml_soap, 160),
    "webhooks": (api.webhooks, 200),
}


def generate() -> list[Request]:
    out: list[Request] = []
    for name, (make, count) in SOURCES.items():
        rng = random.Random(f"{SEED}:{name}")
        requests = make(rng, count)
        assert len(requests) == count and all(r.source == name for r in requests), name
        out += requests
    return out


def render(requests: list[Request]) -> str:
    return "".join(json.dumps(r.record(), ensure_ascii=False) + "\n" for r in requests)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="fail if the committed file is not what the generator makes")
    args = parser.parse_args()
    requests = generate()
    text = render(requests)
    if args.check:
        if not OUT.exists() or OUT.read_text(encoding="utf-8") != text:
            sys.exit(f"{OUT} is stale: run python3 tools/gen_benign_requests.py")
        print(f"{OUT.name} is up to date ({len(requests)} requests)")
        return
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    counts = Counter(r.source for r in requests)
    for source, n in counts.items():
        print(f"{source:16} {n:5}")
    print(f"{'total':16} {len(requests):5}  -> {OUT} ({len(text.encode()) // 1024} KiB)")


if __name__ == "__main__":
    main()
