"""Reading records back: from JSON Lines files or a Redis stream, for the report tools."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from typing import Any

from ._record import SCHEMA_VERSION

Record = dict[str, Any]
_PAGE = 1000


def parse_line(line: str | bytes) -> Record | None:
    """One record, or None for a line that is not a record of a version we read."""
    try:
        value = json.loads(line)
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(value, dict) or value.get("v") != SCHEMA_VERSION:
        return None
    return value


def read_records(*sources: str | os.PathLike[str]) -> Iterator[Record]:
    """The records of each file (or ``redis://`` stream URL), in order; bad lines skipped."""
    for source in sources:
        text = os.fspath(source)
        if "://" in text and text.partition("://")[0].lower() in ("redis", "rediss", "valkey", "valkeys", "unix"):
            yield from _read_stream(text)
            continue
        with open(text, "rb") as fh:
            for raw in fh:
                record = parse_line(raw)
                if record is not None:
                    yield record


def _read_stream(url: str) -> Iterator[Record]:
    from arcjet_core.ratelimit._redis_config import import_redis, link_spec, split_scheme
    from arcjet_core.ratelimit._redis_link import Link
    from arcjet_core.ratelimit._resp import ErrorReply, command

    from ._sinks import REDIS_TIMEOUT, _stream_options

    base, _ = split_scheme(url)
    base, stream, _ = _stream_options(base)
    link = Link(link_spec(import_redis(), base, {}), REDIS_TIMEOUT, 10.0)
    try:
        start = "-"
        while True:
            reply = link.call(command("XRANGE", stream, start, "+", "COUNT", str(_PAGE)))
            if isinstance(reply, ErrorReply):
                raise ValueError(f"cannot read the stream {stream!r}: {reply}")
            entries: Iterable[Any] = reply or []
            last = None
            for entry_id, fields in entries:
                last = entry_id
                pairs = dict(zip(fields[::2], fields[1::2], strict=False))
                record = parse_line(pairs.get(b"r", b""))
                if record is not None:
                    yield record
            if last is None or len(reply) < _PAGE:
                return
            start = "(" + last.decode()
    finally:
        link.close()
