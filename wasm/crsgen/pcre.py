"""PCRE patterns, read the way ModSecurity v3 compiles them, as a small syntax tree.

ModSecurity v3 (`src/utils/regex.cc`) compiles `@rx` with PCRE2_DOTALL |
PCRE2_MULTILINE and without UTF: `.` is any byte (newline included), `^` and `$`
match at line boundaries, classes, `\\w`, `\\d`, `\\s` and `\\b` are ASCII,
`(?i)` folds ASCII letters only, and each byte of a non-ASCII character in the
pattern is a character of its own. The tree keeps exactly that meaning: every
one-byte matcher (literal, class, `.`, `\\d`, case-folded letter) is a set of
byte values, so nothing downstream depends on flags.

Constructs that have no exact equivalent in the Rust `regex` crate (lookaround,
backreferences, atomic groups, possessive quantifiers, `\\Z`, ...) are recorded
in `Parsed.unsupported`; a rule using one cannot run. A pattern PCRE itself
would reject raises `PcreError`.
"""

from __future__ import annotations

from dataclasses import dataclass

ByteSet = frozenset[int]

ALL: ByteSet = frozenset(range(256))
DIGIT: ByteSet = frozenset(range(0x30, 0x3A))
UPPER: ByteSet = frozenset(range(0x41, 0x5B))
LOWER: ByteSet = frozenset(range(0x61, 0x7B))
WORD: ByteSet = DIGIT | UPPER | LOWER | {0x5F}
# PCRE2 (and PCRE >= 8.34) include VT in \s, like Rust's ASCII \s.
SPACE: ByteSet = frozenset({0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20})
# Non-UTF PCRE2: \h and \v include the Latin-1 NBSP and NEL bytes.
HSPACE: ByteSet = frozenset({0x09, 0x20, 0xA0})
VSPACE: ByteSet = frozenset({0x0A, 0x0B, 0x0C, 0x0D, 0x85})
NEWLINE = 0x0A

POSIX: dict[str, ByteSet] = {
    "alpha": UPPER | LOWER,
    "digit": DIGIT,
    "alnum": UPPER | LOWER | DIGIT,
    "upper": UPPER,
    "lower": LOWER,
    "space": SPACE,
    "blank": frozenset({0x09, 0x20}),
    "cntrl": frozenset(range(0x20)) | {0x7F},
    "graph": frozenset(range(0x21, 0x7F)),
    "print": frozenset(range(0x20, 0x7F)),
    "punct": frozenset(range(0x21, 0x7F)) - (UPPER | LOWER | DIGIT),
    "xdigit": DIGIT | frozenset(b"abcdefABCDEF"),
    "word": WORD,
    "ascii": frozenset(range(0x80)),
}

TYPE_ESCAPES: dict[str, ByteSet] = {
    "d": DIGIT,
    "D": ALL - DIGIT,
    "w": WORD,
    "W": ALL - WORD,
    "s": SPACE,
    "S": ALL - SPACE,
    "h": HSPACE,
    "H": ALL - HSPACE,
    "v": VSPACE,
    "V": ALL - VSPACE,
}

SIMPLE_ESCAPES: dict[str, int] = {"n": 0x0A, "r": 0x0D, "t": 0x09, "f": 0x0C, "e": 0x1B, "a": 0x07}

MAX_REPEAT = 65535  # PCRE2's limit on {n,m}


class PcreError(ValueError):
    """The pattern is not valid PCRE2 (ModSecurity would refuse to load the rule)."""


@dataclass(frozen=True)
class Chars:
    """One byte out of `members`."""

    members: ByteSet


@dataclass(frozen=True)
class Assert:
    """A zero-width assertion: `line_start`, `line_end` (multiline `^`/`$`),
    `text_start` (`\\A`), `text_end` (`\\z`), `word`, `not_word` (`\\b`, `\\B`)."""

    kind: str


@dataclass(frozen=True)
class Group:
    """A capturing group, numbered from 1 as PCRE numbers them."""

    index: int
    child: Node


@dataclass(frozen=True)
class Concat:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Alt:
    branches: tuple[Node, ...]


@dataclass(frozen=True)
class Repeat:
    child: Node
    min: int
    max: int | None  # None: unbounded
    greedy: bool


Node = Chars | Assert | Group | Concat | Alt | Repeat
EMPTY = Concat(())


@dataclass(frozen=True)
class Parsed:
    tree: Node
    groups: int
    # Constructs without an exact translation, in pattern order (may repeat).
    unsupported: tuple[str, ...]


@dataclass(frozen=True)
class _Flags:
    caseless: bool = False
    dotall: bool = True  # PCRE2_DOTALL, as ModSecurity v3 compiles @rx
    multiline: bool = True  # PCRE2_MULTILINE


def parse(pattern: str) -> Parsed:
    """Parse `pattern` (as written in the rule, after SecLang unquoting)."""
    parser = _Parser(pattern.encode("utf-8"))
    tree, _ = parser.alternation(_Flags())
    if not parser.at_end():
        raise PcreError(f"unmatched closing parenthesis at offset {parser.pos}")
    return Parsed(tree, parser.groups, tuple(parser.unsupported))


def fold(byte: int, caseless: bool) -> ByteSet:
    if caseless and (0x41 <= byte <= 0x5A or 0x61 <= byte <= 0x7A):
        return frozenset({byte, byte ^ 0x20})
    return frozenset({byte})


def fold_set(members: ByteSet) -> ByteSet:
    out = set(members)
    for b in members:
        if 0x41 <= b <= 0x5A or 0x61 <= b <= 0x7A:
            out.add(b ^ 0x20)
    return frozenset(out)


class _Parser:
    def __init__(self, pattern: bytes) -> None:
        self.src = pattern
        self.pos = 0
        self.groups = 0
        self.unsupported: list[str] = []

    # -- cursor ------------------------------------------------------------
    def at_end(self) -> bool:
        return self.pos >= len(self.src)

    def peek(self, ahead: int = 0) -> str:
        i = self.pos + ahead
        return chr(self.src[i]) if i < len(self.src) else ""

    def take(self) -> str:
        if self.at_end():
            raise PcreError("unexpected end of pattern")
        c = chr(self.src[self.pos])
        self.pos += 1
        return c

    def expect(self, c: str) -> None:
        if self.take() != c:
            raise PcreError(f"expected {c!r} at offset {self.pos - 1}")

    def note(self, construct: str) -> None:
        self.unsupported.append(construct)

    # -- structure ---------------------------------------------------------
    def alternation(self, flags: _Flags) -> tuple[Node, _Flags]:
        # An option set inside a group carries into its later branches (PCRE2).
        branches = []
        node, flags = self.sequence(flags)
        branches.append(node)
        while self.peek() == "|":
            self.pos += 1
            node, flags = self.sequence(flags)
            branches.append(node)
        return (branches[0] if len(branches) == 1 else Alt(tuple(branches))), flags

    def sequence(self, flags: _Flags) -> tuple[Node, _Flags]:
        items: list[Node] = []
        while not self.at_end() and self.peek() not in "|)":
            atom, flags = self.atom(flags)
            if atom is None:  # an option setting or a comment
                continue
            items.append(self.quantified(atom))
        return (items[0] if len(items) == 1 else Concat(tuple(items))), flags

    def atom(self, flags: _Flags) -> tuple[Node | None, _Flags]:
        c = self.take()
        if c == "(":
            return self.group(flags)
        if c == "[":
            return Chars(self.char_class(flags)), flags
        if c == ".":
            return Chars(ALL if flags.dotall else ALL - {NEWLINE}), flags
        if c == "^":
            return Assert("line_start" if flags.multiline else "text_start"), flags
        if c == "$":
            if not flags.multiline:
                self.note("$ without multiline (end or before a final newline)")
            return Assert("line_end" if flags.multiline else "text_end"), flags
        if c == "\\":
            return self.escape(flags), flags
        if c in "*+?":
            raise PcreError(f"quantifier does not follow a repeatable item at offset {self.pos - 1}")
        if c == "{" and self.quantifier_bounds(self.pos - 1) is not None:
            raise PcreError(f"quantifier does not follow a repeatable item at offset {self.pos - 1}")
        return Chars(fold(ord(c), flags.caseless)), flags

    def quantifier_bounds(self, at: int) -> tuple[int, int | None, int] | None:
        """`{n}`, `{n,}`, `{n,m}` at `at`: (min, max, end offset), or None when
        the brace is a literal (as in PCRE2 before 10.43, `{,m}` is literal)."""
        src, i = self.src, at + 1
        start = i
        while i < len(src) and 0x30 <= src[i] <= 0x39:
            i += 1
        if i == start:
            return None
        lo = int(src[start:i])
        if i < len(src) and src[i] == 0x7D:
            return lo, lo, i + 1
        if i >= len(src) or src[i] != 0x2C:
            return None
        i += 1
        start = i
        while i < len(src) and 0x30 <= src[i] <= 0x39:
            i += 1
        hi = int(src[start:i]) if i > start else None
        if i >= len(src) or src[i] != 0x7D:
            return None
        return lo, hi, i + 1

    def quantified(self, atom: Node) -> Node:
        c = self.peek()
        if c == "*":
            lo, hi, end = 0, None, self.pos + 1
        elif c == "+":
            lo, hi, end = 1, None, self.pos + 1
        elif c == "?":
            lo, hi, end = 0, 1, self.pos + 1
        elif c == "{" and (bounds := self.quantifier_bounds(self.pos)) is not None:
            lo, hi, end = bounds
        else:
            return atom
        if lo > MAX_REPEAT or (hi is not None and hi > MAX_REPEAT):
            raise PcreError("number too big in {} quantifier")
        if hi is not None and hi < lo:
            raise PcreError("numbers out of order in {} quantifier")
        self.pos = end
        greedy = True
        if self.peek() == "?":
            greedy = False
            self.pos += 1
        elif self.peek() == "+":
            self.note("possessive quantifier")
            self.pos += 1
        if self.peek() in ("*", "+", "?") or (
            self.peek() == "{" and self.quantifier_bounds(self.pos) is not None
        ):
            raise PcreError(f"quantifier does not follow a repeatable item at offset {self.pos}")
        if isinstance(atom, Assert):
            # PCRE treats a repeated assertion as at most one: optional = nothing.
            return EMPTY if lo == 0 else atom
        return Repeat(atom, lo, hi, greedy)

    def group(self, flags: _Flags) -> tuple[Node | None, _Flags]:
        if self.peek() == "*":
            self.note("backtracking control verb (*...)")
            while self.take() != ")":
                pass
            return None, flags
        if self.peek() != "?":
            self.groups += 1
            index = self.groups
            inner, _ = self.alternation(flags)
            self.expect(")")
            return Group(index, inner), flags
        self.pos += 1
        c = self.take()
        if c == ":":
            return self.close(flags), flags
        if c == "|":
            before = self.groups
            node = self.close(flags)
            if self.groups != before:
                self.note("branch reset group (?|...) with captures")
            return node, flags
        if c == ">":
            self.note("atomic group (?>...)")
            return self.close(flags), flags
        if c in "=!":
            self.note("lookahead (?=...) / (?!...)")
            self.close(flags)
            return EMPTY, flags
        if c == "<" and self.peek() in ("=", "!"):
            self.pos += 1
            self.note("lookbehind (?<=...) / (?<!...)")
            self.close(flags)
            return EMPTY, flags
        if c == "#":
            while self.take() != ")":
                pass
            return None, flags
        if c in "<'" or (c == "P" and self.peek() == "<"):
            if c == "P":
                self.pos += 1
            closer = "'" if c == "'" else ">"
            while self.take() != closer:
                pass
            # Named groups number like plain ones; the name is dropped.
            self.groups += 1
            index = self.groups
            inner, _ = self.alternation(flags)
            self.expect(")")
            return Group(index, inner), flags
        if c == "P" or c == "R" or c == "&" or c.isdigit() or (c in "+-" and self.peek().isdigit()):
            self.note("backreference or recursion (?P=...) / (?R) / (?1)")
            while self.take() != ")":
                pass
            return EMPTY, flags
        if c == "(":
            self.note("conditional group (?(...)...)")
            depth = 1
            while depth:
                ch = self.take()
                depth += {"(": 1, ")": -1}.get(ch, 0)
                if ch == "\\":
                    self.take()
            return EMPTY, flags
        if c == "C":
            self.note("callout (?C...)")
            while self.take() != ")":
                pass
            return None, flags
        self.pos -= 1
        new_flags = self.option_letters(flags)
        end = self.take()
        if end == ")":
            return None, new_flags
        if end == ":":
            return self.close(new_flags), flags
        raise PcreError(f"unrecognized character after (? at offset {self.pos - 1}")

    def close(self, flags: _Flags) -> Node:
        inner, _ = self.alternation(flags)
        self.expect(")")
        return inner

    def option_letters(self, flags: _Flags) -> _Flags:
        on = True
        caseless, dotall, multiline = flags.caseless, flags.dotall, flags.multiline
        while self.peek() not in (")", ":", ""):
            c = self.take()
            if c == "-":
                on = False
            elif c == "i":
                caseless = on
            elif c == "s":
                dotall = on
            elif c == "m":
                multiline = on
            elif c in "xnUJ":
                self.note(f"option (?{c})")
            else:
                raise PcreError(f"unrecognized option letter {c!r}")
        return _Flags(caseless, dotall, multiline)

    # -- escapes -----------------------------------------------------------
    def escape(self, flags: _Flags) -> Node:
        c = self.take()
        if c in TYPE_ESCAPES:
            return Chars(TYPE_ESCAPES[c])
        if c == "N":
            return Chars(ALL - {NEWLINE})
        if c == "b":
            return Assert("word")
        if c == "B":
            return Assert("not_word")
        if c == "A":
            return Assert("text_start")
        if c == "z":
            return Assert("text_end")
        if c == "Z":
            self.note("\\Z (end or before a final newline)")
            return Assert("text_end")
        if c == "G":
            self.note("\\G")
            return Assert("text_start")
        if c == "Q":
            return Concat(tuple(Chars(fold(b, flags.caseless)) for b in self.quoted_run()))
        if c == "E":
            return EMPTY
        if c in "123456789":
            self.note("backreference \\N")
            while self.peek().isdigit():
                self.pos += 1
            return EMPTY
        if c in "gk":
            self.note("backreference \\g / \\k")
            self.skip_braced_argument()
            return EMPTY
        if c in "pP":
            self.note("Unicode property \\p / \\P")
            self.skip_braced_argument()
            return Chars(ALL)
        if c in "KRXC":
            self.note(f"\\{c}")
            return Chars(ALL) if c in "XC" else EMPTY
        return Chars(fold(self.escaped_byte(c), flags.caseless))

    def skip_braced_argument(self) -> None:
        if self.peek() in ("{", "<", "'"):
            closer = {"{": "}", "<": ">", "'": "'"}[self.take()]
            while self.take() != closer:
                pass
        elif self.peek():
            self.pos += 1

    def quoted_run(self) -> list[int]:
        out: list[int] = []
        while not self.at_end():
            if self.peek() == "\\" and self.peek(1) == "E":
                self.pos += 2
                break
            out.append(ord(self.take()))
        return out

    def escaped_byte(self, c: str) -> int:
        if c == "x":
            if self.peek() == "{":
                self.pos += 1
                digits = self.digits("0123456789abcdefABCDEF", 8)
                self.expect("}")
                if not digits:
                    raise PcreError("\\x{} needs hex digits")
                value = int(digits, 16)
                if value > 0xFF:
                    raise PcreError("character code point in \\x{} too large without UTF")
                return value
            digits = self.digits("0123456789abcdefABCDEF", 2)
            return int(digits, 16) if digits else 0
        if c == "0":
            digits = self.digits("01234567", 2)
            return int(digits, 8) if digits else 0
        if c == "o":
            self.expect("{")
            digits = self.digits("01234567", 11)
            self.expect("}")
            if not digits or int(digits, 8) > 0xFF:
                raise PcreError("bad \\o{} value")
            return int(digits, 8)
        if c == "c":
            ctrl = self.take()
            if not " " <= ctrl <= "~":
                raise PcreError("\\c must be followed by a printable ASCII character")
            return ord(ctrl.upper()) ^ 0x40
        if c in SIMPLE_ESCAPES:
            return SIMPLE_ESCAPES[c]
        if c.isascii() and c.isalnum():
            raise PcreError(f"unrecognized escape \\{c}")
        return ord(c)

    def digits(self, allowed: str, limit: int) -> str:
        start = self.pos
        while self.pos - start < limit and self.peek() != "" and self.peek() in allowed:
            self.pos += 1
        return self.src[start : self.pos].decode("ascii")

    # -- classes -----------------------------------------------------------
    def char_class(self, flags: _Flags) -> ByteSet:
        negate = False
        if self.peek() == "^":
            negate = True
            self.pos += 1
        members: set[int] = set()
        first = True
        while True:
            if self.at_end():
                raise PcreError("missing terminating ] for character class")
            if self.peek() == "]" and not first:
                self.pos += 1
                break
            first = False
            if self.peek() == "[" and self.peek(1) in (":", ".", "="):
                members |= self.posix_class()
                continue
            low = self.class_item()
            if isinstance(low, int) and self.peek() == "-" and self.peek(1) not in ("]", ""):
                self.pos += 1
                if self.peek() == "[" and self.peek(1) in (":", ".", "="):
                    raise PcreError("invalid range in character class")
                high = self.class_item()
                if not isinstance(high, int):
                    raise PcreError("invalid range in character class")
                if high < low:
                    raise PcreError("range out of order in character class")
                members.update(range(low, high + 1))
            elif isinstance(low, int):
                members.add(low)
            else:
                members |= low
        result = fold_set(frozenset(members)) if flags.caseless else frozenset(members)
        return ALL - result if negate else result

    def class_item(self) -> int | ByteSet:
        c = self.take()
        if c != "\\":
            return ord(c)
        e = self.take()
        if e in TYPE_ESCAPES:
            return TYPE_ESCAPES[e]
        if e == "b":
            return 0x08
        if e == "E":
            return frozenset()
        if e in "01234567":
            digits = e + self.digits("01234567", 2)
            value = int(digits, 8)
            if value > 0xFF:
                raise PcreError("octal value too large in class")
            return value
        if e in "pP":
            self.note("Unicode property \\p / \\P")
            self.skip_braced_argument()
            return ALL
        if e == "Q":
            self.note("\\Q...\\E inside a character class")
            return frozenset(self.quoted_run())
        if e in "89NRXBAzZGKgk":
            raise PcreError(f"escape \\{e} is invalid in a character class")
        return self.escaped_byte(e)

    def posix_class(self) -> ByteSet:
        self.pos += 1  # [
        kind = self.take()
        if kind != ":":
            raise PcreError("POSIX collating elements are not supported")
        negate = self.peek() == "^"
        if negate:
            self.pos += 1
        start = self.pos
        while self.peek() not in (":", ""):
            self.pos += 1
        name = self.src[start : self.pos].decode("ascii", "replace")
        self.expect(":")
        self.expect("]")
        if name not in POSIX:
            raise PcreError(f"unknown POSIX class name {name!r}")
        return ALL - POSIX[name] if negate else POSIX[name]
