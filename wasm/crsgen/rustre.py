"""Write a `pcre` syntax tree in the Rust `regex` 1.7 crate's syntax.

The engine compiles with `regex::bytes::RegexBuilder::new(p).unicode(false)`.
The output spells every construct out so that its meaning depends on no builder
flag: `.` becomes `(?s:.)`, `^`/`$` become `(?m:^)`/`(?m:$)`, classes are explicit
byte ranges, case-folded letters are grouped into `(?i:...)` (or the whole
pattern starts with `(?i)` when all its letters are folded). The output is
pure ASCII (other bytes are `\\xHH`), and a backslash is always `\\x5c`, so the
same text also compiles with Python's `re` on bytes (tests rely on that,
after rewriting `\\z` as `\\Z`).
"""

from __future__ import annotations

from .pcre import (
    ALL,
    DIGIT,
    NEWLINE,
    SPACE,
    WORD,
    Alt,
    Assert,
    ByteSet,
    Chars,
    Concat,
    Group,
    Node,
    Repeat,
)

# regex-syntax 0.6 accepts a backslash only before these; a backslash before
# any other punctuation is an error there (PCRE takes it as the character).
_META = set("\\.+*?()|[]{}^$#&-~")
# Inside a class, everything but these prints as itself.
_CLASS_SAFE = {chr(c) for c in range(0x21, 0x7F)} - set("\\[]-^&~")

_NAMED: dict[ByteSet, str] = {
    DIGIT: r"\d",
    ALL - DIGIT: r"\D",
    WORD: r"\w",
    ALL - WORD: r"\W",
    SPACE: r"\s",
    ALL - SPACE: r"\S",
    ALL: "(?s:.)",
    ALL - {NEWLINE}: r"[^\n]",
}

_ASSERTIONS = {
    "line_start": "(?m:^)",
    "line_end": "(?m:$)",
    "text_start": r"\A",
    "text_end": r"\z",
    "word": r"\b",
    "not_word": r"\B",
}


def to_rust(node: Node) -> str:
    """The pattern in Rust's syntax. When every letter of the pattern matches
    in both cases (`(?i)` at the start of the PCRE pattern, typically), one
    leading `(?i)` says so and the letters are written bare."""
    if _case_closed(node) and _has_folded_letter(node):
        return "(?i)" + _Writer(folded=True).emit(node, "alt")
    return _Writer(folded=False).emit(node, "alt")


def _children(node: Node) -> tuple[Node, ...]:
    if isinstance(node, (Group, Repeat)):
        return (node.child,)
    if isinstance(node, Concat):
        return node.items
    if isinstance(node, Alt):
        return node.branches
    return ()


def _case_closed(node: Node) -> bool:
    if isinstance(node, Chars):
        return all(b ^ 0x20 in node.members for b in node.members if chr(b).isascii() and chr(b).isalpha())
    return all(_case_closed(c) for c in _children(node))


def _has_folded_letter(node: Node) -> bool:
    """A letter in either case, alone (what `(?i)` makes shorter to write)."""
    if isinstance(node, Chars):
        return len(node.members) == 2 and min(node.members) ^ 0x20 == max(node.members) and chr(
            min(node.members)
        ).isalpha()
    return any(_has_folded_letter(c) for c in _children(node))


class _Writer:
    def __init__(self, folded: bool) -> None:
        # Under a leading `(?i)`: every set is closed under case already.
        self.folded = folded

    def emit(self, node: Node, context: str) -> str:
        """`context`: what the text is embedded in: `alt` (anything goes),
        `concat` (an alternation needs a group) or `atom` (a quantifier follows)."""
        if isinstance(node, Chars):
            return self.chars(node.members)
        if isinstance(node, Assert):
            return _ASSERTIONS[node.kind]
        if isinstance(node, Group):
            return "(" + self.emit(node.child, "alt") + ")"
        if isinstance(node, Alt):
            text = "|".join(self.emit(b, "alt") for b in node.branches)
            return text if context == "alt" else "(?:" + text + ")"
        if isinstance(node, Concat):
            if context == "atom":
                if len(node.items) == 1:
                    return self.emit(node.items[0], "atom")
                return "(?:" + "".join(self.concat_parts(node.items)) + ")"
            return "".join(self.concat_parts(node.items))
        text = self.emit(node.child, "atom") + _quantifier(node)
        # A quantified repeat needs a group: `(?:\d+)?` is not `\d+?` (lazy).
        return "(?:" + text + ")" if context == "atom" else text

    def literal_kind(self, members: ByteSet) -> str | None:
        """`cs`: one exact letter, `ci`: a letter in either case (written
        bare when folded), `any`: one byte that is not a letter; None: not a
        single literal."""
        if len(members) == 1:
            (b,) = members
            return "cs" if chr(b).isascii() and chr(b).isalpha() else "any"
        if len(members) == 2:
            lo, hi = sorted(members)
            if 0x41 <= lo <= 0x5A and hi == lo + 0x20:
                return "any" if self.folded else "ci"
        return None

    def concat_parts(self, items: tuple[Node, ...]) -> list[str]:
        # Runs of literals are written together; a run of case-folded letters
        # (and the punctuation among them) becomes one `(?i:...)`.
        parts: list[str] = []
        run: list[str] = []
        mode = "any"

        def flush() -> None:
            nonlocal mode
            if run:
                text = "".join(run)
                parts.append("(?i:" + text + ")" if mode == "ci" else text)
                run.clear()
            mode = "any"

        for item in items:
            kind = self.literal_kind(item.members) if isinstance(item, Chars) else None
            if kind is None:
                flush()
                parts.append(self.emit(item, "concat"))
                continue
            assert isinstance(item, Chars)
            if kind != "any" and mode not in ("any", kind):
                flush()
            if kind != "any":
                mode = kind
            run.append(_literal(max(item.members)))
        flush()
        return parts

    def chars(self, members: ByteSet) -> str:
        if members in _NAMED:
            return _NAMED[members]
        kind = self.literal_kind(members)
        if kind in ("cs", "any"):
            return _literal(max(members))
        if kind == "ci":
            return "(?i:" + _literal(max(members)) + ")"
        if len(members) > 128:
            return "[^" + _ranges(ALL - members) + "]"
        if not members:
            return r"[^\x00-\xff]"
        return "[" + _ranges(members) + "]"


def _quantifier(node: Repeat) -> str:
    lo, hi = node.min, node.max
    if (lo, hi) == (0, None):
        q = "*"
    elif (lo, hi) == (1, None):
        q = "+"
    elif (lo, hi) == (0, 1):
        q = "?"
    elif hi is None:
        q = f"{{{lo},}}"
    elif lo == hi:
        q = f"{{{lo}}}"
    else:
        q = f"{{{lo},{hi}}}"
    return q if node.greedy else q + "?"


def _literal(b: int) -> str:
    c = chr(b)
    if b == 0x5C:
        return r"\x5c"
    if c in _META:
        return "\\" + c
    if 0x20 <= b < 0x7F:
        return c
    return f"\\x{b:02x}"


def _class_char(b: int) -> str:
    c = chr(b)
    return c if c in _CLASS_SAFE else f"\\x{b:02x}"


def _ranges(members: ByteSet) -> str:
    out: list[str] = []
    values = sorted(members)
    i = 0
    while i < len(values):
        j = i
        while j + 1 < len(values) and values[j + 1] == values[j] + 1:
            j += 1
        lo, hi = values[i], values[j]
        if lo == hi:
            out.append(_class_char(lo))
        elif hi == lo + 1:
            out.append(_class_char(lo) + _class_char(hi))
        else:
            out.append(_class_char(lo) + "-" + _class_char(hi))
        i = j + 1
    return "".join(out)
