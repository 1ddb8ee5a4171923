"""The request-filter language: a Wireshark / wirefilter dialect.

``compile_expression`` parses and type-checks one expression and returns its
IR (``wasm/filter/IR.md``), the JSON the analyzer evaluates per request;
``check_expressions`` does it for a rule's list, naming the parameter in
errors. Everything here runs once, when the rule is made.

    source --lexer--> tokens --parser--> syntax tree --checker--> IR
"""

from __future__ import annotations

from collections.abc import Sequence

from arcjet_core.errors import ArcjetMisconfiguration

from .checker import MAX_IR_DEPTH, lower
from .errors import FilterExpressionError, Problem
from .lexer import tokenize
from .parser import MAX_NESTING, parse

__all__ = [
    "MAX_EXPRESSIONS",
    "MAX_EXPRESSION_BYTES",
    "MAX_IR_DEPTH",
    "MAX_NESTING",
    "FilterExpressionError",
    "check_expressions",
    "compile_expression",
]

# The reference's limits.
MAX_EXPRESSION_BYTES = 1024
MAX_EXPRESSIONS = 10


def compile_expression(source: str) -> dict[str, object]:
    """The IR of one filter expression; raises ``FilterExpressionError``."""
    return _compile(source, "")


def check_expressions(sources: Sequence[str], param: str) -> tuple[dict[str, object], ...]:
    """The IR of each expression of a rule's ``param`` (``allow`` or ``deny``), in order.

    Errors name the expression as ``param[index]``.
    """
    if isinstance(sources, str):
        raise ArcjetMisconfiguration(f"{param} must be a list of expressions, not a single string")
    if len(sources) > MAX_EXPRESSIONS:
        raise ArcjetMisconfiguration(
            f"{param}: at most {MAX_EXPRESSIONS} filter expressions are allowed, got {len(sources)}"
        )
    compiled = []
    for index, source in enumerate(sources):
        if not isinstance(source, str):
            raise ArcjetMisconfiguration(
                f"{param}[{index}] must be a string, got {type(source).__name__}"
            )
        compiled.append(_compile(source, f"{param}[{index}]"))
    return tuple(compiled)


def _compile(source: str, where: str) -> dict[str, object]:
    try:
        _check_size(source)
        return lower(source, parse(source, tokenize(source)))
    except Problem as problem:
        raise FilterExpressionError.at(source, problem.offset, problem.reason, where) from None


def _check_size(source: str) -> None:
    if not source.strip():
        raise Problem(0, "the expression is empty")
    encoded = source.encode("utf-8", "surrogatepass")
    if len(encoded) > MAX_EXPRESSION_BYTES:
        # Point at the first character that does not fit.
        fits = len(encoded[:MAX_EXPRESSION_BYTES].decode("utf-8", "ignore"))
        raise Problem(
            fits,
            f"the expression is {len(encoded)} bytes long; the limit is {MAX_EXPRESSION_BYTES} bytes (UTF-8)",
        )
