"""The value types of the filter language."""

from __future__ import annotations

from enum import Enum


class Type(Enum):
    STRING = "string"
    INT = "int"
    FLOAT = "float"
    IP = "ip"
    BOOL = "bool"

    @property
    def noun(self) -> str:
        """The type with its article, for messages: "a string", "an IP address"."""
        return _NOUNS[self]

    @property
    def numeric(self) -> bool:
        return self in (Type.INT, Type.FLOAT)


_NOUNS = {
    Type.STRING: "a string",
    Type.INT: "an integer",
    Type.FLOAT: "a decimal number",
    Type.IP: "an IP address",
    Type.BOOL: "a boolean",
}
