"""The guard label grammar, as the reference states it: 1 to 256 bytes of
ASCII letters, digits, '-', '.' and '_', starting and ending with a letter or
digit. Case-sensitive."""

from __future__ import annotations

from arcjet_core.guard._errors import ArcjetInvalidLabelError

MAX_LABEL_BYTES = 256
_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
_ALLOWED = _ALNUM | frozenset("-._")


def label_problem(label: object) -> str | None:
    """Why *label* is unusable, or None. Never raises (capture() only warns)."""
    if not isinstance(label, str):
        return f"must be a str, got {type(label).__name__}"
    if not label:
        return "empty"
    if len(label.encode("utf-8")) > MAX_LABEL_BYTES:
        return f"longer than {MAX_LABEL_BYTES} bytes"
    if label[0] not in _ALNUM:
        return "must start with an ASCII letter or digit"
    if label[-1] not in _ALNUM:
        return "must end with an ASCII letter or digit"
    for ch in label:
        if ch not in _ALLOWED:
            return f"invalid character {ch!r}"
    return None


def check_label(label: object, where: str) -> str:
    problem = label_problem(label)
    if problem is not None:
        raise ArcjetInvalidLabelError(str(label), where, problem)
    assert isinstance(label, str)
    return label


def validate_guard_label(label: str) -> None:
    """Raise ``ArcjetInvalidLabelError`` when *label* breaks the grammar.

    For labels built at run time: ``validate_guard_label(f"tools.{name}")``.
    """
    check_label(label, "validate_guard_label")
