"""RESP, the Redis wire protocol: commands out, replies in. No I/O.

Replies are parsed from any split of the bytes (``parse_reply`` answers None
until a reply is complete), so the sync and async links share one parser.
An error reply is a value here (``ErrorReply``), not an exception: the code
that asked decides what it means (NOSCRIPT asks for EVAL; anything else
where a value was needed raises ``ReplyError``).
"""

from __future__ import annotations

from typing import Any


class ProtocolError(Exception):
    """Bytes from the server that are not a RESP reply."""


class ErrorReply(str):
    """An error reply's text, first word included (``NOSCRIPT No matching script...``)."""


class ReplyError(Exception):
    """The server answered with an error where a value was needed. The
    connection itself is fine: the reply was complete."""


def bulk(value: bytes) -> bytes:
    """One RESP bulk string."""
    return b"$%d\r\n%s\r\n" % (len(value), value)


def command(*parts: bytes | str) -> bytes:
    """One command as a RESP array of bulk strings."""
    encoded = [p.encode() if isinstance(p, str) else p for p in parts]
    return b"*%d\r\n" % len(encoded) + b"".join(bulk(p) for p in encoded)


def parse_reply(buf: bytes | bytearray, pos: int = 0) -> tuple[Any, int] | None:
    """One RESP2/RESP3 reply at ``pos``: (value, end), or None while incomplete.

    Integers are ints, strings bytes, arrays lists, null None, an error reply
    an ``ErrorReply``.
    """
    end = buf.find(b"\r\n", pos)
    if end < 0:
        return None
    kind = buf[pos]
    line = bytes(buf[pos + 1 : end])
    after = end + 2
    if kind == 0x24:  # '$' bulk string: the script's reply, so first
        size = int(line)
        if size < 0:
            return None, after
        if len(buf) < after + size + 2:
            return None
        return bytes(buf[after : after + size]), after + size + 2
    if kind == 0x3A:  # ':' integer
        return int(line), after
    if kind == 0x2A or kind == 0x7E:  # '*' array, '~' set (RESP3)
        count = int(line)
        if count < 0:
            return None, after
        items = []
        for _ in range(count):
            parsed = parse_reply(buf, after)
            if parsed is None:
                return None
            item, after = parsed
            items.append(item)
        return items, after
    if kind == 0x2B:  # '+' simple string
        return line, after
    if kind == 0x2D:  # '-' error
        return ErrorReply(line.decode("utf-8", "replace")), after
    if kind == 0x5F:  # '_' null (RESP3)
        return None, after
    raise ProtocolError(f"unexpected RESP type byte {kind!r}")


def parse_one(buf: bytes | bytearray) -> tuple[Any, int] | None:
    """``parse_reply`` at the start of ``buf``, with garbage as ``ProtocolError``
    (a malformed length is a ValueError inside the parser)."""
    try:
        return parse_reply(buf)
    except ValueError as exc:
        raise ProtocolError(f"bad reply from redis: {exc}") from exc
