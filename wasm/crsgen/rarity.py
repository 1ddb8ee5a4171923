"""How often benign request values contain a byte or a literal: the cost the
prefilter analysis minimises when several sound sets are on offer (the engine
runs the regex on every value that contains one member of the set).

The shares come from `benign_stats.json` (written by `measure_benign.py` from
the benign corpus only). A string the stats do not list is taken as half as
common as the rarest listed one; a literal longer than the longest measured
string is as common as its rarest measured piece, halved for every extra byte.
Estimates only: they choose between sets, never decide soundness.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path

STATS = Path(__file__).resolve().parent / "benign_stats.json"


@cache
def _stats() -> tuple[dict[int, float], dict[str, float], int, float]:
    doc = json.loads(STATS.read_text(encoding="utf-8"))
    byte_share = {int(b): float(s) for b, s in doc["bytes"].items()}
    grams = {str(g): float(s) for g, s in doc["grams"].items()}
    longest = max((len(g) for g in grams), default=1)
    return byte_share, grams, longest, float(doc["min_share"]) / 2


def byte_share(byte: int) -> float:
    shares, _, _, unseen = _stats()
    return shares.get(byte, unseen)


def literal_share(literal: str) -> float:
    """Share of benign values containing `literal` (lower case, ASCII case-insensitively)."""
    _, grams, longest, unseen = _stats()
    if len(literal) <= longest:
        return grams.get(literal, unseen)
    pieces = (grams.get(literal[i : i + longest], unseen) for i in range(len(literal) - longest + 1))
    return min(pieces) * 0.5 ** (len(literal) - longest)


def any_share(shares: Iterable[float]) -> float:
    """Share of values containing at least one member, members taken as independent."""
    miss = 1.0
    for s in shares:
        miss *= 1.0 - min(s, 1.0)
    return 1.0 - miss


def literals_cost(literals: Iterable[str]) -> float:
    return any_share(literal_share(lit) for lit in literals)


def bytes_cost(members: Iterable[int]) -> float:
    return any_share(byte_share(b) for b in members)
