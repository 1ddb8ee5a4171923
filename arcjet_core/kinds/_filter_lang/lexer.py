"""Turns an expression's text into tokens, each with its character span.

Words are read greedily over ``[A-Za-z0-9_.:/]`` and then classified: a
dotted name (``http.request.uri.path``, ``and``), an integer, a decimal, an
IPv4 or IPv6 address or a CIDR. ``..`` inside a word splits it, so
``10.0.0.1..10.0.0.9`` and ``1..5`` are ranges without spaces, as wirefilter
writes them.
"""

from __future__ import annotations

import ipaddress
import math
import re
from enum import Enum
from typing import NamedTuple

from .errors import Problem

I64_MIN, I64_MAX = -(2**63), 2**63 - 1

# Words that are never field names.
KEYWORDS = frozenset({
    "and", "or", "xor", "not", "eq", "ne", "lt", "le", "gt", "ge",
    "contains", "matches", "wildcard", "strict", "in", "true", "false",
})  # fmt: skip


class Kind(Enum):
    NAME = "name"
    STRING = "string"
    INT = "int"
    FLOAT = "float"
    IP = "ip"
    CIDR = "cidr"
    OP = "operator"
    DOTDOT = ".."
    LPAREN = "("
    RPAREN = ")"
    LBRACE = "{"
    RBRACE = "}"
    LBRACKET = "["
    RBRACKET = "]"
    COMMA = ","
    EOF = "end of input"


class Token(NamedTuple):  # a tuple: tokens are made per character of input
    kind: Kind
    text: str  # as written
    start: int
    end: int
    # STRING: the unescaped text; INT: int; FLOAT: float; IP/CIDR: canonical text.
    value: str | int | float = ""


# Longest first, so "<=" wins over "<".
_SYMBOLS = ("==", "!=", "<=", ">=", "&&", "||", "^^", "<", ">", "~", "!")
_SINGLE_HINTS = {
    "=": "'=' is not an operator; compare with '=='",
    "&": "use '&&' (or 'and')",
    "|": "use '||' (or 'or')",
    "^": "use '^^' (or 'xor')",
}
_PUNCT = {
    "(": Kind.LPAREN,
    ")": Kind.RPAREN,
    "{": Kind.LBRACE,
    "}": Kind.RBRACE,
    "[": Kind.LBRACKET,
    "]": Kind.RBRACKET,
    ",": Kind.COMMA,
}
_WORD_START = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_:")
_WORD_CHARS = _WORD_START | frozenset("./")
_WHITESPACE = frozenset(" \t\r\n")
_ESCAPES = {'"': 0x22, "\\": 0x5C, "n": 0x0A, "r": 0x0D, "t": 0x09}
_HEX = frozenset("0123456789abcdefABCDEF")
_DIGITS = frozenset("0123456789")

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*")
_INT = re.compile(r"-?[0-9]+")
_FLOAT = re.compile(r"-?[0-9]+\.[0-9]+")
_IPV4 = re.compile(r"[0-9]+(\.[0-9]+){3}")
_PREFIX = re.compile(r"[0-9]{1,3}")


def tokenize(source: str) -> list[Token]:
    tokens: list[Token] = []
    i, n = 0, len(source)
    while i < n:
        ch = source[i]
        if ch in _WHITESPACE:
            i += 1
        elif ch == '"':
            token = _string(source, i)
            tokens.append(token)
            i = token.end
        elif ch in _WORD_START or (ch == "-" and source[i + 1 : i + 2] in _DIGITS):
            j = i + 1
            while j < n and source[j] in _WORD_CHARS:
                j += 1
            tokens.extend(_split_word(source[i:j], i))
            i = j
        elif source.startswith("..", i):
            tokens.append(Token(Kind.DOTDOT, "..", i, i + 2))
            i += 2
        elif ch in _PUNCT:
            tokens.append(Token(_PUNCT[ch], ch, i, i + 1))
            i += 1
        else:
            symbol = next((s for s in _SYMBOLS if source.startswith(s, i)), None)
            if symbol is None:
                hint = _SINGLE_HINTS.get(ch)
                raise Problem(
                    i, f"unexpected character {_show_char(ch)}" + (f"; {hint}" if hint else "")
                )
            tokens.append(Token(Kind.OP, symbol, i, i + len(symbol)))
            i += len(symbol)
    end = _eof_offset(source)
    tokens.append(Token(Kind.EOF, "", end, end))
    return tokens


def _eof_offset(source: str) -> int:
    # "Found end of input" points at the last character written, on its line,
    # not past trailing whitespace or newlines.
    stripped = source.rstrip()
    return max(len(stripped) - 1, 0)


def _show_char(ch: str) -> str:
    return repr(ch) if ch.isprintable() else f"U+{ord(ch):04X}"


def _string(source: str, start: int) -> Token:
    # Escapes build bytes (\xHH is a byte, as in wirefilter); the result must
    # be UTF-8, because the IR crosses to the analyzer as JSON text.
    out = bytearray()
    i, n = start + 1, len(source)
    while i < n:
        ch = source[i]
        if ch == '"':
            try:
                text = out.decode("utf-8")
            except UnicodeDecodeError:
                raise Problem(start, "the string's \\x escapes do not form valid UTF-8") from None
            return Token(Kind.STRING, source[start : i + 1], start, i + 1, text)
        if ch == "\\":
            i = _escape(source, i, out)
            continue
        if 0xD800 <= ord(ch) <= 0xDFFF:
            raise Problem(i, "the string holds a lone surrogate, which is not text")
        out += ch.encode("utf-8")
        i += 1
    raise Problem(start, "unterminated string: no closing '\"'")


def _escape(source: str, i: int, out: bytearray) -> int:
    nxt = source[i + 1 : i + 2]
    if nxt in _ESCAPES:
        out.append(_ESCAPES[nxt])
        return i + 2
    if nxt == "x":
        digits = source[i + 2 : i + 4]
        if len(digits) == 2 and all(d in _HEX for d in digits):
            out.append(int(digits, 16))
            return i + 4
        raise Problem(i, "'\\x' needs two hex digits, e.g. \\x41")
    if nxt == "":
        raise Problem(i, "unterminated string: it ends with a lone '\\'")
    raise Problem(i, f"unknown escape '\\{nxt}'; the escapes are \\\" \\\\ \\n \\r \\t \\xHH")


def _split_word(word: str, start: int) -> list[Token]:
    tokens: list[Token] = []
    offset = start
    for k, part in enumerate(word.split("..")):
        if k:
            tokens.append(Token(Kind.DOTDOT, "..", offset, offset + 2))
            offset += 2
        if part:
            tokens.append(_classify(part, offset))
            offset += len(part)
    return tokens


def _classify(word: str, start: int) -> Token:
    end = start + len(word)
    if word[0].isalpha() or word[0] == "_":
        if ":" in word:
            return _ip_token(word, start)
        if _NAME.fullmatch(word):
            return Token(Kind.NAME, word, start, end)
        raise Problem(start, f"{_quoted(word)} is not a valid name")
    if ":" in word or _IPV4.fullmatch(word.split("/", 1)[0]):
        return _ip_token(word, start)
    if _INT.fullmatch(word):
        value = int(word)
        if not I64_MIN <= value <= I64_MAX:
            raise Problem(start, f"integer {_quoted(word)} is out of range (64-bit signed)")
        return Token(Kind.INT, word, start, end, value)
    if _FLOAT.fullmatch(word):
        number = float(word)
        if not math.isfinite(number):
            raise Problem(start, f"number {_quoted(word)} is out of range")
        return Token(Kind.FLOAT, word, start, end, number)
    raise Problem(start, f"{_quoted(word)} is not a number or an IP address")


def _ip_token(word: str, start: int) -> Token:
    end = start + len(word)
    address, slash, prefix = word.partition("/")
    try:
        if not slash:
            return Token(Kind.IP, word, start, end, str(ipaddress.ip_address(address)))
        if not _PREFIX.fullmatch(prefix):
            raise ValueError(prefix)
        network = ipaddress.ip_network(f"{address}/{int(prefix)}", strict=False)
    except ValueError:
        what = "CIDR" if slash else "IP address"
        raise Problem(start, f"{_quoted(word)} is not a valid {what}") from None
    return Token(Kind.CIDR, word, start, end, str(network))


def _quoted(word: str) -> str:
    # A word can be a thousand characters long; the caret shows where it is.
    return f"'{word}'" if len(word) <= 40 else f"'{word[:37]}...'"
