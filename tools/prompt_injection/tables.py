# ruff: noqa: RUF001, RUF002, RUF003  (look-alike letters are the point of this file)
"""The fold table: one code point -> up to three code points (or none).

Built once from Python's unicodedata plus hand-written homoglyph maps and
committed as wasm/prompt/model/fold.bin. Both the Rust inference and the
Python featuriser READ that file, so a different Unicode version in another
Python cannot make them disagree; rebuilding it means retraining.

    python -m tools.prompt_injection.tables [--check]

What it folds (code points >= 0x80; ASCII is handled in code):
- compatibility forms and accents: NFKD, combining marks dropped, lower-cased
  (fullwidth "ｉｇｎｏｒｅ", math bold, ligatures, "é" -> "e", "ü" -> "u");
- Cyrillic and Greek look-alikes of Latin letters -> the Latin letter;
- format characters (zero-width space/joiner, BOM, soft hyphen) and
  combining marks -> nothing, so "ig\u200bnore" reads "ignore";
- control characters and Unicode spaces -> " ".

Format: b"APIF", u32 count, then count records of four u32 (little endian):
code point, then up to three output code points, 0 meaning none. Records
are sorted by code point for binary search.
"""

from __future__ import annotations

import argparse
import struct
import sys
import unicodedata
from functools import lru_cache
from pathlib import Path

from tools.prompt_injection.paths import FOLD_BIN

MAGIC = b"APIF"
MAX_OUT = 3

# Letters that render like Latin ones. Upper case maps straight to Latin lower
# case; lower-case Cyrillic only where the glyph is the Latin one (а, е, о, р,
# с, у, х ...), so that ordinary Cyrillic words are otherwise left alone.
HOMOGLYPHS: dict[str, str] = {
    # Cyrillic upper case
    "А": "a", "В": "b", "Е": "e", "К": "k", "М": "m", "Н": "h", "О": "o", "Р": "p",
    "С": "c", "Т": "t", "Х": "x", "У": "y", "І": "i", "Ј": "j", "Ѕ": "s", "Ԛ": "q", "Ԝ": "w",
    # Cyrillic lower case
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i",
    "ј": "j", "ѕ": "s", "ԁ": "d", "һ": "h", "ԛ": "q", "ԝ": "w", "ӏ": "l", "ѵ": "v",
    # Greek upper case
    "Α": "a", "Β": "b", "Ε": "e", "Ζ": "z", "Η": "h", "Ι": "i", "Κ": "k", "Μ": "m",
    "Ν": "n", "Ο": "o", "Ρ": "p", "Τ": "t", "Υ": "y", "Χ": "x",
    # Greek lower case
    "α": "a", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t",
    "υ": "u", "χ": "x",
    # Latin letters NFKD leaves alone
    "ß": "ss", "ẞ": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ø": "o", "Ø": "o",
    "đ": "d", "Đ": "d", "ł": "l", "Ł": "l", "ı": "i", "ħ": "h", "ŧ": "t", "ɡ": "g",
    "ɑ": "a", "ſ": "s",
}

REMOVE = frozenset({"Mn", "Me", "Cf"})
SPACE = frozenset({"Cc", "Zs", "Zl", "Zp"})


def fold_one(ch: str) -> str:
    """What `ch` (code point >= 0x80) folds to; `ch` itself when unchanged."""
    if ch in HOMOGLYPHS:
        return HOMOGLYPHS[ch]
    cat = unicodedata.category(ch)
    if cat in REMOVE:
        return ""
    if cat in SPACE:
        return " "
    decomposed = unicodedata.normalize("NFKD", ch)
    kept = "".join(c for c in decomposed if unicodedata.category(c) not in REMOVE)
    out = "".join(HOMOGLYPHS.get(c, c) for c in kept.lower())
    out = "".join(" " if unicodedata.category(c) in SPACE else c for c in out)
    if len(out) > MAX_OUT or "\x00" in out:
        # Long expansions (Arabic ligatures, "㍿") are left as one symbol.
        low = ch.lower()
        return low if len(low) == 1 else ch
    return out


def build() -> list[tuple[int, str]]:
    table: list[tuple[int, str]] = []
    for cp in range(0x80, 0x110000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        ch = chr(cp)
        out = fold_one(ch)
        if out != ch:
            table.append((cp, out))
    return table


def encode(table: list[tuple[int, str]]) -> bytes:
    parts = [MAGIC, struct.pack("<I", len(table))]
    for cp, out in table:
        cps = [ord(c) for c in out] + [0] * (MAX_OUT - len(out))
        parts.append(struct.pack("<4I", cp, *cps))
    return b"".join(parts)


def decode(blob: bytes) -> dict[int, str]:
    if blob[:4] != MAGIC:
        raise ValueError("not a fold table")
    (count,) = struct.unpack_from("<I", blob, 4)
    out: dict[int, str] = {}
    for i in range(count):
        cp, a, b, c = struct.unpack_from("<4I", blob, 8 + 16 * i)
        out[cp] = "".join(chr(x) for x in (a, b, c) if x)
    return out


@lru_cache(maxsize=1)
def load(path: Path = FOLD_BIN) -> dict[int, str]:
    """The committed fold table, as the Rust crate reads it."""
    return decode(path.read_bytes())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="fail if the committed table differs")
    args = ap.parse_args(argv)
    blob = encode(build())
    if args.check:
        same = FOLD_BIN.exists() and FOLD_BIN.read_bytes() == blob
        print("fold table up to date" if same else "fold table differs from this Python's unicodedata")
        return 0 if same else 1
    FOLD_BIN.parent.mkdir(parents=True, exist_ok=True)
    FOLD_BIN.write_bytes(blob)
    print(f"wrote {FOLD_BIN} ({len(blob)} bytes, unicodedata {unicodedata.unidata_version})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
