"""``metadata=``: the application's own context attached to a decision.

``protect(..., metadata=...)`` and Guard's ``guard(..., metadata=...)`` take a
mapping of string keys to JSON values (nested objects and arrays allowed). It
never changes a decision; it travels with it, onto ``decision.metadata`` and
into the decision log, so a decision can be joined to the caller's own
records.

The values are the caller's, so encoding never raises: a key whose value JSON
cannot encode (a ``datetime``, a set, ``NaN``, a cycle) or whose name is not a
string is dropped and logged, and the rest is kept. The whole mapping is
bounded, because metadata is often built from request data: past
``MAX_METADATA_BYTES`` further keys are dropped the same way.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from typing import Any, Union

MetadataValue = Union[
    None,
    bool,
    int,
    float,
    str,
    "list[Any]",
    "tuple[Any, ...]",
    "Mapping[str, Any]",
]
"""One metadata value: anything JSON can encode, nested as deep as needed."""

Metadata = Mapping[str, MetadataValue]
"""``metadata=`` as ``protect()``, ``guard()`` and Guard rules take it."""

# Far above what anyone attaches on purpose; it stops request-derived
# metadata from growing the decision log without bound.
MAX_METADATA_BYTES = 64 * 1024

_log = logging.getLogger("arcjet")


def encode_metadata(value: object, *, where: str = "metadata") -> dict[str, str] | None:
    """Each top-level value JSON-encoded on its own, in key order.

    ``None`` stays ``None``. A value that is not a mapping at all is a bug at
    the call site, not data, but it still must not break the request: it is
    logged and treated as no metadata.
    """
    if value is None:
        return None
    if not isinstance(value, Mapping):
        _log.warning("%s must be a mapping of str to JSON values, got %s; ignored", where, type(value).__name__)
        return None
    out: dict[str, str] = {}
    dropped: list[str] = []
    size = 0
    for key, item in value.items():
        if not isinstance(key, str):
            dropped.append(repr(key)[:64])
            continue
        try:
            encoded = json.dumps(item, allow_nan=False, separators=(",", ":"), ensure_ascii=False)
        except (TypeError, ValueError, RecursionError):
            dropped.append(key[:64])
            continue
        size += len(key) + len(encoded)
        if size > MAX_METADATA_BYTES:
            dropped.append(key[:64])
            continue
        out[key] = encoded
    if dropped:
        _log.warning(
            "%s: dropped %d key(s) that could not be JSON-encoded or went past %d bytes: %s",
            where, len(dropped), MAX_METADATA_BYTES, ", ".join(dropped[:10]),
        )
    return out


def decode_metadata(encoded: Mapping[str, str] | None) -> dict[str, Any] | None:
    """The JSON values back from ``encode_metadata``'s strings."""
    if encoded is None:
        return None
    return {k: json.loads(v) for k, v in encoded.items()}
