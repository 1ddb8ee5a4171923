"""Recursive-descent parser: tokens to a syntax tree.

Precedence, loosest first: ``or``, ``xor``, ``and``, ``not``, then one
comparison (or a bare value, which the checker requires to be a boolean).
``and``/``or`` chains become one n-ary node; ``xor`` is binary and
left-associative, as the IR wants. Chains and ``not`` runs are read in loops;
only parentheses and function calls recurse, and they are limited to
``MAX_NESTING`` levels so no input can exhaust the Python stack. (The checker
bounds the depth of the IR itself, for the analyzer.)
"""

from __future__ import annotations

from .errors import Problem
from .lexer import KEYWORDS, Kind, Token
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

MAX_NESTING = 64

COMPARISONS = {
    "eq": "eq", "==": "eq", "ne": "ne", "!=": "ne",
    "lt": "lt", "<": "lt", "le": "le", "<=": "le",
    "gt": "gt", ">": "gt", "ge": "ge", ">=": "ge",
    "contains": "contains", "matches": "matches", "~": "matches", "wildcard": "wildcard",
}  # fmt: skip
_OR = frozenset({"or", "||"})
_XOR = frozenset({"xor", "^^"})
_AND = frozenset({"and", "&&"})
_NOT = frozenset({"not", "!"})
_LOGICAL = _OR | _XOR | _AND
_COMPARE_WORDS = frozenset(COMPARISONS)
_STRICT = frozenset({"strict"})
_IN = frozenset({"in"})
_LITERALS = {
    Kind.STRING: "string",
    Kind.INT: "int",
    Kind.FLOAT: "float",
    Kind.IP: "ip",
    Kind.CIDR: "cidr",
}


def parse(source: str, tokens: list[Token]) -> Condition:
    return _Parser(source, tokens).expression()


def describe(token: Token) -> str:
    """A token as messages show it: 'and', the string "abc", end of input."""
    if token.kind is Kind.EOF:
        return "end of input"
    if token.kind is Kind.STRING:
        text = token.text if len(token.text) <= 24 else token.text[:20] + '..."'
        return f"the string {text}"
    text = token.text if len(token.text) <= 40 else token.text[:37] + "..."
    return f"'{text}'"


class _Parser:
    def __init__(self, source: str, tokens: list[Token]) -> None:
        self.source = source
        self.tokens = tokens
        self.pos = 0
        self.depth = 0

    # Token access ------------------------------------------------------------

    def peek(self) -> Token:
        return self.tokens[self.pos]

    def advance(self) -> Token:
        token = self.tokens[self.pos]
        if token.kind is not Kind.EOF:
            self.pos += 1
        return token

    def at(self, words: frozenset[str]) -> bool:
        token = self.peek()
        return token.kind in (Kind.NAME, Kind.OP) and token.text in words

    def enter(self, token: Token) -> None:
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise Problem(token.start, f"the expression nests more than {MAX_NESTING} levels deep")

    def expected(self, what: str, after: Token | None, found: Token) -> Problem:
        where = f" after '{after.text}'" if after is not None else ""
        return Problem(found.start, f"expected {what}{where}, found {describe(found)}")

    # Conditions --------------------------------------------------------------

    def expression(self) -> Condition:
        condition = self.any_of(None)
        token = self.peek()
        if token.kind is Kind.RPAREN:
            raise Problem(token.start, "unmatched ')'")
        if token.kind is not Kind.EOF:
            reason = (
                f"expected 'and', 'or', 'xor' or the end of the expression, found {describe(token)}"
            )
            raise Problem(token.start, reason + _case_hint(token))
        return condition

    def any_of(self, after: Token | None) -> Condition:
        items = [self.xor(after)]
        first = self.peek().start
        while self.at(_OR):
            items.append(self.xor(self.advance()))
        return items[0] if len(items) == 1 else AnyOf(first, tuple(items))

    def xor(self, after: Token | None) -> Condition:
        left = self.all_of(after)
        while self.at(_XOR):
            operator = self.advance()
            left = Xor(operator.start, left, self.all_of(operator))
        return left

    def all_of(self, after: Token | None) -> Condition:
        items = [self.negation(after)]
        first = self.peek().start
        while self.at(_AND):
            items.append(self.negation(self.advance()))
        return items[0] if len(items) == 1 else AllOf(first, tuple(items))

    def negation(self, after: Token | None) -> Condition:
        operators: list[Token] = []
        while self.at(_NOT):
            after = self.advance()
            operators.append(after)
        condition = self.primary(after)
        for operator in reversed(operators):
            condition = Not(operator.start, condition)
        return condition

    def primary(self, after: Token | None) -> Condition:
        token = self.peek()
        if token.kind is Kind.LPAREN:
            self.advance()
            self.enter(token)
            condition = self.any_of(token)
            close = self.peek()
            if close.kind is not Kind.RPAREN:
                raise Problem(close.start, f"expected ')' to close '(', found {describe(close)}")
            self.advance()
            self.depth -= 1
            return condition
        return self.condition_on(self.value("a condition", after))

    def condition_on(self, lhs: Value) -> Condition:
        token = self.peek()
        if self.at(_COMPARE_WORDS):
            self.advance()
            rhs = self.value("a value", token)
            return Compare(COMPARISONS[token.text], token.text, _span(token), lhs, rhs)
        if self.at(_STRICT):
            self.advance()
            word = self.advance()
            if word.kind is not Kind.NAME or word.text != "wildcard":
                raise self.expected("'wildcard'", token, word)
            span = Span(token.start, word.end)
            return Compare(
                "strict_wildcard", "strict wildcard", span, lhs, self.value("a value", word)
            )
        if self.at(_IN):
            self.advance()
            return Member(lhs, _span(token), self.set_items(token))
        if self.at(_NOT):
            raise Problem(
                token.start,
                f"'{token.text}' goes before the condition it negates, e.g. not ip.src in {{ 10.0.0.0/8 }}",
            )
        if token.kind in (Kind.EOF, Kind.RPAREN) or self.at(_LOGICAL):
            return Truth(lhs)
        shown = " ".join(self.source[lhs.span.start : lhs.span.end].split())[:60]
        reason = f"expected an operator after '{shown}', found {describe(token)}"
        raise Problem(token.start, reason + _case_hint(token))

    # Values ------------------------------------------------------------------

    def value(self, what: str, after: Token | None) -> Value:
        token = self.advance()
        if token.kind in _LITERALS:
            return self._literal(token)
        if token.kind is not Kind.NAME:
            raise self.expected(what, after, token)
        if token.text in ("true", "false"):
            return Literal(_span(token), "bool", token.text == "true")
        if token.text in KEYWORDS:
            raise self.expected(what, after, token)
        if self.peek().kind is Kind.LPAREN:
            return self.call(token)
        return self.field(token)

    def call(self, name: Token) -> Call:
        opening = self.advance()
        self.enter(name)
        arg = self.value("a field", opening)
        close = self.advance()
        if close.kind is not Kind.RPAREN:
            raise Problem(
                close.start, f"expected ')' to close {name.text}(, found {describe(close)}"
            )
        self.depth -= 1
        return Call(Span(name.start, close.end), name.text, _span(name), arg)

    def field(self, name: Token) -> Field:
        if self.peek().kind is not Kind.LBRACKET:
            return Field(_span(name), name.text, None)
        self.advance()
        key = self.advance()
        if key.kind is not Kind.STRING:
            raise Problem(
                key.start,
                f'expected a quoted name inside [ ], e.g. {name.text}["name"], found {describe(key)}',
            )
        close = self.advance()
        if close.kind is not Kind.RBRACKET:
            raise Problem(close.start, f"expected ']' after the name, found {describe(close)}")
        return Field(Span(name.start, close.end), name.text, str(key.value), _span(key))

    # Sets --------------------------------------------------------------------

    def set_items(self, keyword: Token) -> tuple[SetItem, ...]:
        opening = self.advance()
        if opening.kind is not Kind.LBRACE:
            raise Problem(
                opening.start,
                f"expected '{{' after 'in', found {describe(opening)}; write e.g. ip.src in {{ 10.0.0.0/8 }}",
            )
        items: list[SetItem] = []
        separated = True  # just after '{' or ',': a comma here would be empty
        while True:
            token = self.peek()
            if token.kind is Kind.RBRACE:
                if not items:
                    raise Problem(token.start, "empty set: put at least one value inside { }")
                self.advance()
                return tuple(items)
            if token.kind is Kind.COMMA:
                if separated:
                    raise Problem(token.start, "expected a set item before ','")
                self.advance()
                separated = True
                continue
            items.append(self.set_item())
            separated = False

    def set_item(self) -> SetItem:
        token = self.advance()
        if token.kind is Kind.EOF:
            raise Problem(token.start, "expected '}' to close the set, found end of input")
        if token.kind not in _LITERALS:
            raise Problem(
                token.start,
                "expected a set item (a string, number, IP address, CIDR or range) or '}', "
                f"found {describe(token)}",
            )
        low = self._literal(token)
        if self.peek().kind is not Kind.DOTDOT:
            return low
        dots = self.advance()
        end = self.advance()
        if end.kind not in _LITERALS:
            raise self.expected("the end of the range", dots, end)
        high = self._literal(end)
        return Range(Span(token.start, end.end), low, high)

    @staticmethod
    def _literal(token: Token) -> Literal:
        return Literal(_span(token), _LITERALS[token.kind], token.value)


def _case_hint(token: Token) -> str:
    lowered = token.text.lower()
    if token.kind is Kind.NAME and lowered != token.text and lowered in KEYWORDS:
        return f"; keywords are lower-case: '{lowered}'"
    return ""


def _span(token: Token) -> Span:
    return Span(token.start, token.end)
