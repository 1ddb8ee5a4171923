"""Sortable identifiers for decisions and sequences.

A UUIDv7 (48-bit millisecond clock, then random bits) written as 26 Crockford
base32 characters: lowercase, URL-safe, and sorted by creation time, so a
decision log read in id order is read in time order.
"""

from __future__ import annotations

import os
import time

_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"


def _uuid7() -> int:
    ms = time.time_ns() // 1_000_000
    rand = int.from_bytes(os.urandom(10), "big")
    rand_a = rand >> 68  # 12 bits
    rand_b = rand & ((1 << 62) - 1)
    return (ms << 80) | (0x7 << 76) | (rand_a << 64) | (0b10 << 62) | rand_b


def sortable_id() -> str:
    """26 characters; ids made later sort after ids made earlier (per millisecond)."""
    n = _uuid7()
    out = []
    for _ in range(26):
        out.append(_ALPHABET[n & 31])
        n >>= 5
    return "".join(reversed(out))


def decision_id() -> str:
    # "gdec" is the reference's prefix for Guard decision ids (a TypeID).
    return "gdec_" + sortable_id()
