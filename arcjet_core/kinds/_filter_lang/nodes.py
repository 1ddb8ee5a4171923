"""The syntax tree the parser builds and the checker lowers to the IR.

Every node keeps the character span it came from, so type errors point at
the right place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeAlias


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


# Values ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Field:
    span: Span
    name: str  # as written: "http.host", "local.user", "http.request.headers"
    key: str | None  # the ["..."] part, unescaped
    key_span: Span | None = None


@dataclass(frozen=True, slots=True)
class Call:
    span: Span
    name: str
    name_span: Span
    arg: Value


@dataclass(frozen=True, slots=True)
class Literal:
    """A literal as the lexer read it: ``kind`` is the token kind's name
    (``string``, ``int``, ``float``, ``ip``, ``cidr``, ``bool``)."""

    span: Span
    kind: str
    value: str | int | float | bool


Value: TypeAlias = Field | Call | Literal


@dataclass(frozen=True, slots=True)
class Range:
    span: Span
    low: Literal
    high: Literal


SetItem: TypeAlias = Literal | Range


# Conditions -----------------------------------------------------------------


# ``at``: where the node's (first) operator is, for "nests too deeply".


@dataclass(frozen=True, slots=True)
class AllOf:
    at: int
    items: tuple[Condition, ...]


@dataclass(frozen=True, slots=True)
class AnyOf:
    at: int
    items: tuple[Condition, ...]


@dataclass(frozen=True, slots=True)
class Xor:
    at: int
    left: Condition
    right: Condition


@dataclass(frozen=True, slots=True)
class Not:
    at: int
    item: Condition


@dataclass(frozen=True, slots=True)
class Truth:
    value: Value


@dataclass(frozen=True, slots=True)
class Compare:
    op: str  # the IR name: eq, ne, lt, le, gt, ge, contains, matches, wildcard, strict_wildcard
    op_text: str  # as written, for messages: "==", "eq", "strict wildcard"
    op_span: Span
    lhs: Value
    rhs: Value


@dataclass(frozen=True, slots=True)
class Member:
    lhs: Value
    op_span: Span
    items: tuple[SetItem, ...]


Condition: TypeAlias = AllOf | AnyOf | Xor | Not | Truth | Compare | Member
