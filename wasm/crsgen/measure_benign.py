"""Measure how common bytes and short strings are in benign request values,
for the prefilter's choice between sound literal (or byte) sets: of two sets
that every match must hit, the engine should test the one ordinary traffic
rarely contains. Writes `benign_stats.json` beside this file, which the
generator reads (the generator itself stays standard-library only and never
reads the corpus).

Only the first benign corpus is read (`tests/shield/corpus.py`, its 13 sources):
the choice is tuned on what benign values look like, never on attacks. Run
from the repository root with the project venv:

    .venv/bin/python wasm/crsgen/measure_benign.py
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote_plus, unquote_to_bytes

REPO = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent / "benign_stats.json"
MAX_GRAM = 4
# Strings rarer than this (a fraction of values) are left out: the generator
# treats an unlisted string as at most this common.
MIN_SHARE = 0.001


def _pairs(text: str, sep: str) -> Iterator[bytes]:
    for part in text.split(sep):
        name, _, value = part.partition("=")
        yield unquote_plus(name.strip()).encode("utf-8", "surrogateescape")
        yield unquote_plus(value).encode("utf-8", "surrogateescape")


def _json_strings(doc: Any) -> Iterator[bytes]:
    if isinstance(doc, dict):
        for key, value in doc.items():
            yield str(key).encode()
            yield from _json_strings(value)
    elif isinstance(doc, list):
        for value in doc:
            yield from _json_strings(value)
    elif doc is not None:
        yield str(doc).encode("utf-8", "surrogateescape")


def request_values(request: dict[str, Any]) -> Iterator[bytes]:
    """The values rules see: the path, arguments and their names, header and
    cookie values, body fields (the raw body for XML and multipart)."""
    yield unquote_to_bytes(request["path"])
    if request.get("query"):
        yield from _pairs(request["query"], "&")
    for name, value in request["headers"]:
        yield value.encode("utf-8", "surrogateescape")
        if name.lower() == "cookie":
            yield from _pairs(value, ";")
    body = request.get("body")
    if not body:
        return
    text = body.decode("utf-8", "surrogateescape")
    try:
        yield from _json_strings(json.loads(text))
        return
    except ValueError:
        pass
    if "=" in text and "<" not in text[:1]:
        yield from _pairs(text, "&")
    else:
        yield body


def document_frequency(values: list[bytes]) -> tuple[Counter[int], Counter[str]]:
    byte_df: Counter[int] = Counter()
    gram_df: Counter[str] = Counter()
    for value in values:
        byte_df.update(set(value))
        lowered = value.lower().decode("latin-1")
        grams = {lowered[i : i + n] for n in range(1, MAX_GRAM + 1) for i in range(len(lowered) - n + 1)}
        gram_df.update(grams)
    return byte_df, gram_df


def main() -> None:
    sys.path.insert(0, str(REPO))
    from tests.shield.corpus import R2_SOURCES, R3_SOURCES, benign_requests

    first = [r for r in benign_requests("tune") if r.source not in R2_SOURCES + R3_SOURCES]
    values = [v for r in first for v in request_values(r.request) if v]
    byte_df, gram_df = document_frequency(values)
    total = len(values)
    floor = MIN_SHARE * total
    stats: dict[str, Any] = {
        "values": total,
        "min_share": MIN_SHARE,
        "bytes": {str(b): round(n / total, 5) for b, n in sorted(byte_df.items())},
        "grams": {g: round(n / total, 5) for g, n in sorted(gram_df.items()) if n >= floor and g.isascii()},
    }
    OUT.write_text(json.dumps(stats, sort_keys=True, indent=0) + "\n", encoding="utf-8")
    print(f"{total} values, {len(stats['bytes'])} bytes, {len(stats['grams'])} strings -> {OUT}")


if __name__ == "__main__":
    main()
