"""Type-checks the syntax tree and lowers it to the IR (wasm/filter/IR.md).

The IR crosses to the analyzer as JSON inside the rule configuration, about
five levels down; serde_json (and the evaluator) stop at 128 levels. So the
IR of one expression is kept within ``MAX_IR_DEPTH`` levels of JSON objects
and arrays, its own top object counting as 1, with room to spare.
"""

from __future__ import annotations

import ipaddress

from .errors import Problem
from .fields import FUNCTIONS, resolve
from .literals import IR, fit, literal_noun, parse_cidr
from .nodes import (
    AllOf,
    AnyOf,
    Call,
    Compare,
    Condition,
    Field,
    Literal,
    Member,
    Not,
    Range,
    SetItem,
    Span,
    Truth,
    Value,
    Xor,
)
from .types import Type

MAX_IR_DEPTH = 100

_ORDERING = frozenset({"lt", "le", "gt", "ge"})
_STRING_MATCH = frozenset({"contains", "matches", "wildcard", "strict_wildcard"})
_EXAMPLES = {
    Type.STRING: '{} == "example.com"',
    Type.INT: "{} > 0",
    Type.FLOAT: "{} > 0.5",
    Type.IP: "{} in {{ 10.0.0.0/8 }}",
}
_LITERAL_EXAMPLES = {
    "string": "http.host == {}",
    "int": "ip.src.asnum == {}",
    "float": "ip.src.lat > {}",
    "ip": "ip.src == {}",
    "cidr": "ip.src in {{ {} }}",
}


def lower(source: str, condition: Condition) -> IR:
    return _Checker(source).condition(condition, 1)


class _Checker:
    def __init__(self, source: str) -> None:
        self.source = source

    def text(self, span: Span) -> str:
        """Source text for messages: one line, not too long."""
        text = " ".join(self.source[span.start : span.end].split())
        return text if len(text) <= 60 else text[:57] + "..."

    # Conditions --------------------------------------------------------------

    @staticmethod
    def limit(depth: int, offset: int) -> None:
        if depth > MAX_IR_DEPTH:
            raise Problem(
                offset,
                f"the expression nests too deeply (more than {MAX_IR_DEPTH} levels once compiled); "
                "flatten it, e.g. a or b or c rather than a or (b or (c))",
            )

    def condition(self, node: Condition, depth: int) -> IR:
        # A list operand sits two levels down: its operator's object, then the array.
        if isinstance(node, AllOf | AnyOf):
            self.limit(depth, node.at)
            key = "and" if isinstance(node, AllOf) else "or"
            return {key: [self.condition(item, depth + 2) for item in node.items]}
        if isinstance(node, Xor):
            self.limit(depth, node.at)
            return {
                "xor": [self.condition(node.left, depth + 2), self.condition(node.right, depth + 2)]
            }
        if isinstance(node, Not):
            self.limit(depth, node.at)
            return {"not": self.condition(node.item, depth + 1)}
        if isinstance(node, Truth):
            self.limit(depth, node.value.span.start)
            return self.truth(node.value, depth + 1)
        self.limit(depth + 1, node.op_span.start)  # the operands' level
        if isinstance(node, Compare):
            return self.compare(node, depth + 1)
        return self.member(node, depth + 1)

    def truth(self, node: Value, depth: int) -> IR:
        self.limit(depth, node.span.start)
        if isinstance(node, Literal):
            if node.kind == "bool":
                return {"truth": {"bool": node.value}}
            text = self.text(node.span)
            example = _LITERAL_EXAMPLES[node.kind].format(text)
            raise Problem(
                node.span.start,
                f"{text} on its own is not a condition; compare a field with it, e.g. {example}",
            )
        value, kind = self.value(node, depth)
        if kind is not Type.BOOL:
            subject = self.text(node.span)
            example = _EXAMPLES[kind].format(subject)
            raise Problem(node.span.start, f"{subject} is {kind.noun}; compare it, e.g. {example}")
        return {"truth": value}

    def compare(self, node: Compare, depth: int) -> IR:
        lhs, kind = self.subject(node.lhs, node.op_text, node.rhs, depth)
        subject = self.text(node.lhs.span)
        if node.op in _STRING_MATCH:
            if kind is not Type.STRING:
                raise Problem(
                    node.lhs.span.start,
                    f"'{node.op_text}' needs a string on its left; {subject} is {kind.noun}",
                )
            return {"cmp": node.op, "lhs": lhs, "rhs": self.pattern(node)}
        if node.op in _ORDERING and kind is Type.BOOL:
            raise Problem(
                node.op_span.start, f"'{node.op_text}' does not order booleans; use == or !="
            )
        return {"cmp": node.op, "lhs": lhs, "rhs": self.operand(node, kind, subject, depth)}

    def pattern(self, node: Compare) -> IR:
        rhs = node.rhs
        if not isinstance(rhs, Literal) or rhs.kind != "string":
            raise Problem(
                rhs.span.start,
                f"'{node.op_text}' needs a quoted string on its right, found {self.text(rhs.span)}",
            )
        text = str(rhs.value)
        if node.op == "matches":
            return {"regex": text}  # the analyzer's regex crate checks the syntax
        if node.op in ("wildcard", "strict_wildcard"):
            _check_wildcard(text, rhs.span.start)
        return {"str": text}

    def operand(self, node: Compare, kind: Type, subject: str, depth: int) -> IR:
        rhs = node.rhs
        if not isinstance(rhs, Literal):
            value, other = self.value(rhs, depth)
            if other is not kind and not (kind.numeric and other.numeric):
                raise Problem(
                    rhs.span.start,
                    f"{subject} is {kind.noun} but {self.text(rhs.span)} is {other.noun}",
                )
            return value
        text = self.text(rhs.span)
        cidr = self.cidr(rhs) if kind is Type.IP else None
        if cidr is not None:
            if node.op == "eq":
                fix = f"use {subject} in {{ {cidr} }}"
            elif node.op == "ne":
                fix = f"use not {subject} in {{ {cidr} }}"
            else:
                fix = "compare with an address"
            raise Problem(rhs.span.start, f"a CIDR cannot be compared with '{node.op_text}'; {fix}")
        return fit(rhs, kind, subject, text)

    def member(self, node: Member, depth: int) -> IR:
        lhs, kind = self.subject(node.lhs, "in", None, depth)
        subject = self.text(node.lhs.span)
        if kind is Type.BOOL:
            raise Problem(
                node.op_span.start, f"'in' does not apply to booleans; {subject} is a boolean"
            )
        for item in node.items:
            # set array, item object, and for a range its array and end objects
            self.limit(depth + (3 if isinstance(item, Range) else 1), item.span.start)
        return {"in": lhs, "set": [self.item(item, kind, subject) for item in node.items]}

    def item(self, item: SetItem, kind: Type, subject: str) -> IR:
        if isinstance(item, Range):
            return self.range(item, kind, subject)
        if kind is Type.IP:
            cidr = self.cidr(item)
            if cidr is not None:
                return {"cidr": cidr}
        return fit(item, kind, subject, self.text(item.span))

    def range(self, item: Range, kind: Type, subject: str) -> IR:
        if kind not in (Type.INT, Type.IP):
            fix = f"; use {subject} >= ... and {subject} <= ..." if kind is Type.FLOAT else ""
            raise Problem(
                item.span.start,
                f"{subject} is {kind.noun}; ranges are of integers or IP addresses{fix}",
            )
        ends = []
        for end in (item.low, item.high):
            if kind is Type.IP and self.cidr(end) is not None:
                raise Problem(end.span.start, "a range runs between two addresses, not CIDRs")
            ends.append(fit(end, kind, subject, self.text(end.span)))
        low, high = ends
        if kind is Type.IP:
            first, last = (
                ipaddress.ip_address(str(low["ip"])),
                ipaddress.ip_address(str(high["ip"])),
            )
            if first.version != last.version:
                raise Problem(item.span.start, "a range's two ends must both be IPv4 or both IPv6")
            empty = int(first) > int(last)
        else:
            first_n, last_n = low["int"], high["int"]
            empty = isinstance(first_n, int) and isinstance(last_n, int) and first_n > last_n
        if empty:
            raise Problem(
                item.span.start,
                f"the range {self.text(item.span)} is empty: its start is after its end",
            )
        return {"range": [low, high]}

    # Values ------------------------------------------------------------------

    def subject(
        self, node: Value, op_text: str, other: Value | None, depth: int
    ) -> tuple[IR, Type]:
        """The left side of an operator, which must be a field or a function."""
        if isinstance(node, Literal):
            reason = f"the left side of '{op_text}' must be a field or a function, found {self.text(node.span)}"
            if other is not None and not isinstance(other, Literal):
                reason += f"; write {self.text(other.span)} {op_text} {self.text(node.span)}"
            raise Problem(node.span.start, reason)
        return self.value(node, depth)

    def value(self, node: Field | Call, depth: int) -> tuple[IR, Type]:
        self.limit(depth, node.span.start)
        if isinstance(node, Field):
            return resolve(node)
        signature = FUNCTIONS.get(node.name)
        if signature is None:
            names = ", ".join(FUNCTIONS)
            raise Problem(
                node.name_span.start, f"unknown function '{node.name}'; the functions are {names}"
            )
        want, result = signature
        if isinstance(node.arg, Literal):
            raise Problem(
                node.arg.span.start,
                f"{node.name}() takes a field, e.g. {node.name}(http.host), not {literal_noun(node.arg)}",
            )
        arg, kind = self.value(node.arg, depth + 1)
        if kind is not want:
            raise Problem(
                node.arg.span.start,
                f"{node.name}() takes {want.noun}; {self.text(node.arg.span)} is {kind.noun}",
            )
        return {"fn": node.name, "arg": arg}, result

    @staticmethod
    def cidr(node: Literal) -> str | None:
        """The network a literal names, if it is a CIDR (bare or quoted)."""
        if node.kind == "cidr":
            return str(node.value)
        if node.kind == "string":
            return parse_cidr(str(node.value))
        return None


def _check_wildcard(pattern: str, offset: int) -> None:
    # The IR defines only \* and \\; anything else after a backslash would be
    # read differently by different people, so it is refused here.
    escaped = False
    for ch in pattern:
        if escaped:
            if ch not in "*\\":
                raise Problem(
                    offset,
                    f"in a wildcard pattern '\\' must be followed by '*' or '\\', not {ch!r}",
                )
            escaped = False
        elif ch == "\\":
            escaped = True
    if escaped:
        raise Problem(offset, "a wildcard pattern cannot end with a lone '\\'")
