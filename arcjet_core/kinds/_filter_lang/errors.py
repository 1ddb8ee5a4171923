"""The error a filter expression raises: where it went wrong, with a caret."""

from __future__ import annotations

from arcjet_core.errors import ArcjetMisconfiguration

# Characters of context kept either side of the caret when a line is long
# (an expression may be 1024 bytes on one line).
_CONTEXT = 60


class Problem(Exception):
    """Raised inside the compiler at a character offset of the source.

    The public entry points turn it into a ``FilterExpressionError``; keeping the
    inner modules free of line/column bookkeeping keeps them small.
    """

    def __init__(self, offset: int, reason: str) -> None:
        super().__init__(reason)
        self.offset = offset
        self.reason = reason


class FilterExpressionError(ArcjetMisconfiguration):
    """A filter expression that does not parse or type-check.

    ``line`` and ``column`` are 1-based and count characters, not bytes;
    ``where`` names the parameter and index (``deny[2]``) when known.
    """

    def __init__(
        self, expression: str, line: int, column: int, reason: str, where: str = ""
    ) -> None:
        self.expression = expression
        self.line = line
        self.column = column
        self.reason = reason
        self.where = where
        super().__init__(_render(expression, line, column, reason, where))

    def __reduce__(self) -> tuple[type[FilterExpressionError], tuple[str, int, int, str, str]]:
        # The default pickling passes only the message back to __init__.
        return (type(self), (self.expression, self.line, self.column, self.reason, self.where))

    @classmethod
    def at(
        cls, expression: str, offset: int, reason: str, where: str = ""
    ) -> FilterExpressionError:
        offset = max(0, min(offset, len(expression)))
        line_start = expression.rfind("\n", 0, offset) + 1
        line = expression.count("\n", 0, offset) + 1
        return cls(expression, line, offset - line_start + 1, reason, where)


def _render(expression: str, line: int, column: int, reason: str, where: str) -> str:
    head = f"{where}: " if where else ""
    lines = expression.split("\n")
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    shown, caret_at = _window(_printable(text), column - 1)
    pad = "".join("\t" if ch == "\t" else " " for ch in shown[:caret_at])
    pad += " " * (caret_at - len(shown[:caret_at]))
    return f"{head}filter expression {line}:{column}: {reason}\n  {shown}\n  {pad}^"


def _printable(text: str) -> str:
    # One character in, one character out, so the caret stays aligned; control
    # characters (a stray \r, escape sequences) must not reach a log verbatim.
    return "".join(ch if ch == "\t" or ch.isprintable() else "\ufffd" for ch in text)


def _window(text: str, index: int) -> tuple[str, int]:
    if len(text) <= 2 * _CONTEXT + 20:
        return text, index
    start = max(0, index - _CONTEXT)
    end = min(len(text), index + _CONTEXT)
    prefix = "..." if start > 0 else ""
    suffix = "..." if end < len(text) else ""
    return prefix + text[start:end] + suffix, len(prefix) + index - start
