"""What every rule specification shares: the base class and the validators
its factory uses.

A rule is a frozen dataclass: pure configuration, no behaviour. Factories
(``shield()``, ``detect_bot()``, ...) are the public way to build one; they
check every parameter when the rule is made, so a bad configuration fails at
start-up with the parameter's name, never on the first request.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import fields
from enum import Enum
from typing import ClassVar

from arcjet_core.enums import Mode
from arcjet_core.errors import ArcjetMisconfiguration

# Characteristic names with a parameter, e.g. http.request.headers["x-api-key"];
# plain names other than ip.src, http.host, http.method and
# http.request.uri.path must be supplied through protect(characteristics={...}).
WELL_KNOWN_CHARACTERISTIC_PREFIXES = (
    'http.request.headers["',
    'http.request.cookie["',
    'http.request.uri.args["',
)
DEFAULT_CHARACTERISTICS: tuple[str, ...] = ("ip.src",)

# Longest interval/window we accept: a year. Anything larger is almost
# certainly a unit mistake (milliseconds passed as seconds).
MAX_INTERVAL_SECONDS = 365 * 24 * 3600


class RuleSpec:
    """Base of every rule. Use the factory functions to create rules."""

    __slots__ = ()
    kind: ClassVar[str]
    mode: Mode

    @property
    def rule_id(self) -> str:
        """A stable identity for this configuration (same config, same id, across processes)."""
        parts = [self.kind]
        for f in fields(self):  # type: ignore[arg-type]
            if f.name == "mode":
                continue
            value = getattr(self, f.name)
            if callable(value):
                value = f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', repr(value))}"
            parts.append(f"{f.name}={value!r}")
        return hashlib.sha256("|".join(parts).encode()).hexdigest()[:24]

    def rule_characteristics(self) -> tuple[str, ...]:
        """Characteristics configured on the rule itself (empty: use the client's)."""
        return tuple(getattr(self, "characteristics", ()))


def coerce_mode(mode: Mode | str, *, param: str = "mode") -> Mode:
    if isinstance(mode, Mode):
        return mode
    if isinstance(mode, str):
        normalised = mode.strip().upper().replace("-", "_")
        if normalised in ("DRYRUN", "DRY_RUN"):
            return Mode.DRY_RUN
        if normalised == "LIVE":
            return Mode.LIVE
    raise ArcjetMisconfiguration(f"{param} must be Mode.LIVE, Mode.DRY_RUN, 'LIVE' or 'DRY_RUN', got {mode!r}")


def positive_int(value: object, param: str, *, maximum: int | None = None) -> int:
    # bool is an int subclass; True as a capacity is a bug, not a 1.
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{param} must be an int, got {type(value).__name__}")
    if value <= 0:
        raise ArcjetMisconfiguration(f"{param} must be a positive integer, got {value}")
    if maximum is not None and value > maximum:
        raise ArcjetMisconfiguration(f"{param} must be at most {maximum}, got {value}")
    return value


def coerce_characteristics(value: object, param: str = "characteristics") -> tuple[str, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise TypeError(f"{param} must be a list of strings such as ['ip.src'], got {value!r}")
    out: list[str] = []
    for item in value:
        if not isinstance(item, str):
            raise TypeError(f"{param} entries must be strings, got {item!r}")
        name = item.strip()
        if not name:
            raise ArcjetMisconfiguration(f"{param} entries cannot be empty")
        if any(name.startswith(p) for p in WELL_KNOWN_CHARACTERISTIC_PREFIXES) and not name.endswith('"]'):
            raise ArcjetMisconfiguration(f'{param} entry {name!r} is malformed; expected e.g. http.request.headers["x-api-key"]')
        if name in out:
            raise ArcjetMisconfiguration(f"{param} lists {name!r} twice")
        out.append(name)
    return tuple(out)


def str_list(value: object, param: str) -> tuple[str, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise TypeError(f"{param} must be a list, got {value!r}")
    out: list[str] = []
    for item in value:
        if isinstance(item, Enum):
            item = item.value
        if not isinstance(item, str):
            raise TypeError(f"{param} entries must be strings, got {item!r}")
        if not item.strip():
            raise ArcjetMisconfiguration(f"{param} entries cannot be empty strings")
        out.append(item.strip())
    return tuple(out)
