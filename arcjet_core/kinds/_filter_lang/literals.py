"""Fitting a literal to the type of the field it is compared with."""

from __future__ import annotations

import ipaddress

from .errors import Problem
from .nodes import Literal
from .types import Type

IR = dict[str, object]

_NOUNS = {
    "string": "a string",
    "int": "an integer",
    "float": "a decimal number",
    "ip": "an IP address",
    "cidr": "a CIDR",
    "bool": "a boolean",
}


def literal_noun(literal: Literal) -> str:
    return _NOUNS[literal.kind]


def fit(literal: Literal, want: Type, subject: str, text: str) -> IR:
    """The IR value of ``literal`` compared with ``subject`` (of type ``want``).

    CIDRs are not values (only set items); the caller handles them first.
    ``text`` is the literal as written, for messages.
    """
    kind, value = literal.kind, literal.value
    if want is Type.STRING and kind == "string":
        return {"str": value}
    if want is Type.INT and kind == "int":
        return {"int": value}
    if want is Type.FLOAT and kind in ("int", "float"):
        return {kind: value}
    if want is Type.BOOL and kind == "bool":
        return {"bool": value}
    if want is Type.IP and kind == "ip":
        return {"ip": value}
    if want is Type.IP and kind == "string":
        address = parse_ip(str(value))
        if address is not None:
            return {"ip": address}
    raise Problem(literal.span.start, _mismatch(literal, want, subject, text))


def parse_ip(text: str) -> str | None:
    """The canonical form of an IP address written in a string, or None."""
    if "%" in text:  # a scoped IPv6 address ("fe80::1%eth0") is no client address
        return None
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return None


def parse_cidr(text: str) -> str | None:
    """The canonical network of a CIDR written in a string, or None."""
    address, slash, prefix = text.partition("/")
    if (
        "%" in address
        or not slash
        or not prefix.isascii()
        or not prefix.isdigit()
        or len(prefix) > 3
    ):
        return None
    try:
        return str(ipaddress.ip_network(f"{address}/{int(prefix)}", strict=False))
    except ValueError:
        return None


def _mismatch(literal: Literal, want: Type, subject: str, text: str) -> str:
    reason = f"{subject} is {want.noun} but {text} is {literal_noun(literal)}"
    hint = _hint(literal, want, text)
    return f"{reason}; {hint}" if hint else reason


def _hint(literal: Literal, want: Type, text: str) -> str:
    if literal.kind == "string":
        inner = str(literal.value)
        unquoted = {
            Type.INT: inner.lstrip("-").isdigit() and inner.isascii(),
            Type.FLOAT: _is_number(inner),
            Type.BOOL: inner in ("true", "false"),
        }.get(want, False)
        return f"remove the quotes: {inner}" if unquoted else ""
    if want is Type.STRING:
        return f'quote it: "{text}"'
    if want is Type.INT and literal.kind == "float":
        return "compare it with a whole number"
    return ""


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return text.isascii() and not any(c.isalpha() for c in text)
