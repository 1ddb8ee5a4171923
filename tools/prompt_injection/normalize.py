"""Normalisation: undo obfuscation, then split into word tokens.

The Python twin of wasm/prompt/src/normalize.rs and decode.rs; every rule
here is mirrored there exactly (the parity test compares scores over the
whole corpus). Steps:

1. Fold each code point (fold table, tables.py): case, compatibility forms,
   accents, homoglyphs, zero-width characters, control characters.
2. Split into tokens: runs of word characters plus "@" and "$".
3. Leetspeak: in a token holding a letter, 0 1 3 4 5 7 8 @ $ read as
   o i e a s t b a s ("1gn0r3" -> "ignore"); a token of digits stays.
4. Spacing: three or more one-character tokens a short gap apart join into
   one ("i g n o r e", "i-g-n-o-r-e" -> "ignore").
5. Tokens are cut to MAX_TOKEN characters (a 1 MB run of letters costs one
   token, not a million n-grams).
6. Each token carries its sentence number (sentence ends: SENTENCE_END after
   folding, and line breaks), so an instruction appended to an innocent
   question can be scored on its own (features.Model.score).

Decoding (payloads): ASCII runs of at least MIN_RUN base64 or hex characters
that decode to mostly-letter UTF-8 text are classified as messages of their
own (two levels deep, at most MAX_PAYLOADS of them).
"""

from __future__ import annotations

from tools.prompt_injection.tables import load

MAX_TOKEN = 40
MAX_GAP = 2
# Sentence ends (after folding); line breaks end a sentence too.
SENTENCE_END = ".!?:;"
MIN_SENTENCE = 2
MIN_RUN = 16
MIN_DECODED = 6
MAX_PAYLOADS = 8
MAX_DEPTH = 2

LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "@": "a", "$": "s"}

# Non-ASCII code points that are not word characters: punctuation, symbols,
# arrows, box drawing, dingbats, CJK punctuation, private use, specials and
# emoji. Everything else from U+00C0 up counts as a letter of some script.
NON_WORD_RANGES: tuple[tuple[int, int], ...] = (
    (0x00D7, 0x00D7),
    (0x00F7, 0x00F7),
    (0x2000, 0x2BFF),
    (0x2E00, 0x2E7F),
    (0x3000, 0x303F),
    (0xD800, 0xF8FF),
    (0xFE10, 0xFE6F),
    (0xFFF0, 0xFFFF),
    (0x1F000, 0x1FAFF),
)


def is_word(c: str) -> bool:
    cp = ord(c)
    if cp < 0x80:
        return ("a" <= c <= "z") or ("0" <= c <= "9")
    if cp < 0xC0:
        return False
    return not any(lo <= cp <= hi for lo, hi in NON_WORD_RANGES)


def is_letter(c: str) -> bool:
    """A word character that is not an ASCII digit."""
    return is_word(c) and not ("0" <= c <= "9")


def fold_char(c: str) -> str:
    cp = ord(c)
    if cp < 0x80:
        if "A" <= c <= "Z":
            return chr(cp + 32)
        if cp < 0x20 or cp == 0x7F:
            return " "
        return c
    return load().get(cp, c)


def fold(text: str) -> str:
    return "".join(fold_char(c) for c in text)


def _raw_tokens(text: str) -> list[tuple[str, int, int]]:
    """(token, gap before it, segment): gap counts the separator characters
    between tokens; segment counts the sentence ends (SENTENCE_END after
    folding, a line break before) before the token's first character."""
    tokens: list[tuple[str, int, int]] = []
    cur: list[str] = []
    gap = 0
    seg = 0
    cur_seg = 0
    for ch in text:
        for c in fold_char(ch):
            if is_word(c) or c == "@" or c == "$":
                if not cur:
                    cur_seg = seg
                cur.append(c)
                continue
            if cur:
                gap = _flush(tokens, cur, gap, cur_seg)
            gap += 1
            if c in SENTENCE_END:
                seg += 1
        if ch in "\n\r":
            seg += 1
    if cur:
        _flush(tokens, cur, gap, cur_seg)
    return tokens


def _flush(tokens: list[tuple[str, int, int]], cur: list[str], gap: int, seg: int) -> int:
    """Emit `cur` unless it is only "@"/"$" (then it is separator): the new gap."""
    tok = "".join(cur)
    cur.clear()
    if any(is_word(c) for c in tok):
        tokens.append((tok, gap, seg))
        return 0
    return gap + len(tok)


def _deleet(tok: str) -> str:
    if any(is_letter(c) for c in tok) and any(c in LEET for c in tok):
        return "".join(LEET.get(c, c) for c in tok)
    return tok


def _collapsible(tok: str) -> bool:
    return len(tok) == 1 and (is_letter(tok) or tok in LEET)


def tokens_and_segments(text: str) -> tuple[list[str], list[int]]:
    """The normalised tokens, and each one's sentence number (non-decreasing)."""
    raw = _raw_tokens(text)
    out: list[str] = []
    segs: list[int] = []
    i = 0
    n = len(raw)
    while i < n:
        j = i
        if _collapsible(raw[i][0]):
            j = i + 1
            while j < n and _collapsible(raw[j][0]) and raw[j][1] <= MAX_GAP:
                j += 1
        segs.append(raw[i][2])
        if j - i >= 3:
            out.append("".join(LEET.get(t, t) for t, _, _ in raw[i:j])[:MAX_TOKEN])
            i = j
        else:
            out.append(_deleet(raw[i][0])[:MAX_TOKEN])
            i += 1
    return out, segs


def tokens(text: str) -> list[str]:
    return tokens_and_segments(text)[0]


def sentences(segs: list[int]) -> list[tuple[int, int]]:
    """Token ranges [a, b) of the sentences worth scoring on their own: at least
    MIN_SENTENCE tokens, and not the whole message."""
    out: list[tuple[int, int]] = []
    a = 0
    for b in range(1, len(segs) + 1):
        if b == len(segs) or segs[b] != segs[a]:
            if b - a >= MIN_SENTENCE and (a, b) != (0, len(segs)):
                out.append((a, b))
            a = b
    return out


# --- payload decoding -----------------------------------------------------------------

B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
B64_VALUE = {c: i for i, c in enumerate(B64)} | {"-": 62, "_": 63}
HEX = "0123456789abcdefABCDEF"


def _is_run_char(c: str) -> bool:
    return c in B64_VALUE or c == "="


def _runs(text: str) -> list[str]:
    runs: list[str] = []
    start = -1
    for i, c in enumerate(text):
        if _is_run_char(c):
            if start < 0:
                start = i
        else:
            if start >= 0 and i - start >= MIN_RUN:
                runs.append(text[start:i])
            start = -1
    if start >= 0 and len(text) - start >= MIN_RUN:
        runs.append(text[start:])
    return runs


def _hex(run: str) -> bytes | None:
    if len(run) % 2 or any(c not in HEX for c in run):
        return None
    return bytes(int(run[i : i + 2], 16) for i in range(0, len(run), 2))


def _b64(run: str) -> bytes | None:
    body = run.rstrip("=")
    if "=" in body:
        return None
    out = bytearray()
    acc = 0
    bits = 0
    for c in body:
        acc = ((acc << 6) | B64_VALUE[c]) & 0xFFFFFF
        bits += 6
        if bits >= 8:
            bits -= 8
            out.append((acc >> bits) & 0xFF)
    return bytes(out)


def _readable(raw: bytes) -> str | None:
    try:
        s = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if len(s) < MIN_DECODED:
        return None
    good = 0
    for c in s:
        cp = ord(c)
        if cp < 0x20 and c not in "\t\n\r":
            return None
        if c == " " or ("a" <= c <= "z") or ("A" <= c <= "Z") or cp >= 0xC0:
            good += 1
    # at least 70 % letters and spaces: prose, not a hash or a key
    return s if good * 10 >= len(s) * 7 else None


def payloads(text: str) -> list[str]:
    """Readable texts hidden in base64 or hex runs of `text`, breadth first."""
    found: list[str] = []
    frontier = [text]
    for _ in range(MAX_DEPTH):
        nxt: list[str] = []
        for t in frontier:
            for run in _runs(t):
                raw = _hex(run)
                if raw is None:
                    raw = _b64(run)
                s = _readable(raw) if raw is not None else None
                if s is not None:
                    found.append(s)
                    nxt.append(s)
                    if len(found) >= MAX_PAYLOADS:
                        return found
        frontier = nxt
    return found
