"""The field and function tables, and turning a field reference into its IR."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from .errors import Problem
from .lexer import KEYWORDS
from .nodes import Field
from .types import Type


@dataclass(frozen=True, slots=True)
class FieldSpec:
    type: Type
    example_key: str = ""  # set for map fields, which need ["name"]

    @property
    def keyed(self) -> bool:
        return bool(self.example_key)


FIELDS: dict[str, FieldSpec] = {
    "http.host": FieldSpec(Type.STRING),
    "http.request.method": FieldSpec(Type.STRING),
    "http.request.uri.path": FieldSpec(Type.STRING),
    "http.request.uri.query": FieldSpec(Type.STRING),
    "http.request.headers": FieldSpec(Type.STRING, "user-agent"),
    "http.request.cookie": FieldSpec(Type.STRING, "session"),
    "http.request.uri.args": FieldSpec(Type.STRING, "q"),
    "local": FieldSpec(Type.STRING, "user_id"),
    "ip.src": FieldSpec(Type.IP),
    **{
        f"ip.src.{name}": FieldSpec(Type.STRING)
        for name in (
            "country", "region", "city", "continent", "asnum.name", "asnum.domain", "asnum.type",
            "asnum.country", "service", "postal_code", "timezone.name",
        )
    },
    "ip.src.asnum": FieldSpec(Type.INT),
    "ip.src.accuracy_radius": FieldSpec(Type.INT),
    "ip.src.lat": FieldSpec(Type.FLOAT),
    "ip.src.lon": FieldSpec(Type.FLOAT),
    **{f"ip.src.{name}": FieldSpec(Type.BOOL) for name in ("hosting", "vpn", "proxy", "tor", "relay")},
}  # fmt: skip

# name -> (argument type, result type)
FUNCTIONS: dict[str, tuple[Type, Type]] = {
    "lower": (Type.STRING, Type.STRING),
    "upper": (Type.STRING, Type.STRING),
    "len": (Type.STRING, Type.INT),
}

# Names from Cloudflare's dialect (and our own characteristics) that people
# will try first; each points at what to write here instead.
_INSTEAD = {
    "http.user_agent": 'http.request.headers["user-agent"]',
    "http.referer": 'http.request.headers["referer"]',
    "http.x_forwarded_for": 'http.request.headers["x-forwarded-for"]',
    "http.cookie": 'http.request.cookie["name"]',
    "http.method": "http.request.method",
    "http.request.uri": "http.request.uri.path or http.request.uri.query",
    "http.request.full_uri": "http.host, http.request.uri.path and http.request.uri.query",
    "ip.geoip.country": "ip.src.country",
    "ip.geoip.continent": "ip.src.continent",
    "ip.geoip.asnum": "ip.src.asnum",
}

# RFC 9110 token characters: a header name with anything else never matches.
_HEADER_NAME = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")


def resolve(field: Field) -> tuple[dict[str, object], Type]:
    """The IR value of a field reference and its type."""
    name, key = field.name, field.key
    if name.startswith("local."):
        return _local_dot(field)
    spec = FIELDS.get(name)
    if spec is None:
        raise Problem(field.span.start, unknown_field_reason(name))
    if not spec.keyed:
        if key is not None:
            raise Problem(_key_offset(field), f'{name} takes no ["..."]')
        return {"field": name}, spec.type
    if key is None:
        raise Problem(field.span.start, f'{name} needs a name, e.g. {name}["{spec.example_key}"]')
    if not key:
        raise Problem(_key_offset(field), f"the name in {name}[...] is empty")
    if name == "http.request.headers":
        if not _HEADER_NAME.fullmatch(key):
            raise Problem(_key_offset(field), f"{key!r} is not a valid header name")
        key = key.lower()  # header names are case-insensitive; the IR wants them lower-case
    return {"field": name, "key": key}, spec.type


def _local_dot(field: Field) -> tuple[dict[str, object], Type]:
    key = field.name[len("local.") :]
    if field.key is not None:
        raise Problem(
            _key_offset(field),
            f'{field.name} takes no ["..."]; write local["{key}"] or local.{key}',
        )
    if "." in key:
        raise Problem(field.span.start, f'after "local." comes a single name; write local["{key}"]')
    return {"field": "local", "key": key}, Type.STRING


def _key_offset(field: Field) -> int:
    return field.key_span.start if field.key_span is not None else field.span.start


def unknown_field_reason(name: str) -> str:
    reason = f"unknown field '{name}'"
    hint = _hint(name)
    return f"{reason}; did you mean {hint}?" if hint else reason


def _hint(name: str) -> str:
    if name in _INSTEAD:
        return _INSTEAD[name]
    if name in FUNCTIONS:
        return f"{name}(...) (a function)"
    for base, spec in FIELDS.items():
        if spec.keyed and name.startswith(base + "."):
            return f'{base}["{name[len(base) + 1 :]}"]'
    if name.lower() in KEYWORDS:
        return f"'{name.lower()}' (keywords are lower-case)"
    close = difflib.get_close_matches(name, list(FIELDS), n=1, cutoff=0.75)
    if close:
        return close[0]
    # No field is a single word but local: a bare word is most likely text
    # someone forgot to quote (http.request.method == GET).
    return f'"{name}" (a string)' if "." not in name else ""
