"""Fuzz bytes <-> one HTTP request, in every shape protect() accepts.

A small format of our own rather than atheris' FuzzedDataProvider, so the
seeds in ``seeds.py`` can be written by hand with ``encode`` and still mean
what they say after decoding. Every read past the end of the data gives 0, so
any byte string decodes to some request.

Values are "amplified": ``prefix + fragment * repeat + suffix``, with
``repeat`` up to 2**22 and the whole request bounded by ``BUDGET`` bytes, so
a few fuzz bytes can reach the sizes where cost becomes the attack (issue
#14: 100 headers of 16 KB of ``||``, a 4 MiB body, 30k repeated header names,
a payload after 16 KiB of padding).
"""

from __future__ import annotations

import io
import types
import zlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

BUDGET = 6 << 20  # bytes of header values and body per request

# Strings the fuzzer is more likely to need whole than to guess.
DICTIONARY: tuple[bytes, ...] = (
    b"||", b"' OR '1'='1' --", b"1 UNION SELECT password FROM users", b"<script>alert(1)</script>",
    b"../../../../etc/passwd", b"${jndi:ldap://x/a}", b";cat /etc/passwd", b"{{7*7}}",
    b"\xed\xa0\x80", b"%ff", b"%fe", b"%EF%BF%BD", b"\xff\xfe", b"\x00", b"\r\n", b"%00",
    b"1.2.3.4", b"10.0.0.1", b"192.168.1.50", b"127.0.0.1", b"::1", b"2001:db8::1",
    b"2a00:1450:4001:81c::200e", b"[2a00:1450::1]:443", b"fe80::1%eth0", b"::ffff:8.8.8.8",
    b"100.64.0.1", b"8.8.8.8:1234", b"unknown", b"for=1.2.3.4;proto=https", b'for="[2001:db8::1]:80"',
    b"1.2.3.4, 10.0.0.1, 127.0.0.1", b"Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0", b"curl/8.0",
    b"Googlebot/2.1 (+http://www.google.com/bot.html)", b"a@b.co", b"user@mailinator.com", b"@",
    b"a=1&b=2", b"=", b"&", b"%", b"[", b"{", b'{"a":', b"[[[[[[[[", b"}", b'"', b"--X", b"\\u0000",
)

HEADER_NAMES: tuple[bytes, ...] = (
    b"host", b"user-agent", b"x-forwarded-for", b"forwarded", b"x-real-ip", b"cookie",
    b"content-type", b"content-length", b"transfer-encoding", b"accept", b"referer",
    b"authorization", b"cf-connecting-ip", b"fly-client-ip", b"x-vercel-forwarded-for",
    b"true-client-ip", b"x-client-ip", b"origin", b"accept-language", b"x-custom",
)

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "CONNECT", "TRACE")

PEERS: tuple[str | None, ...] = (
    "8.8.8.8", "1.2.3.4", "127.0.0.1", "10.0.0.1", "192.168.1.50", "100.64.1.2", "::1",
    "2a00:1450:4001:81c::200e", "2a00:1450:4001:81c::1", "fe80::1%eth0", "::ffff:1.2.3.4",
    "", None, "not-an-ip", "unix:/tmp/sock",
)

CONTENT_TYPES: tuple[bytes | None, ...] = (
    None, b"application/json", b"application/x-www-form-urlencoded", b"multipart/form-data; boundary=X",
    b"text/plain", b"text/plain; charset=utf-8", b"application/xml", b"application/octet-stream",
    b"application/json; charset=latin-1", b"multipart/form-data", b"text/html",
)

# Body shapes: the payload as sent, or wrapped where the analyzer's caps bite
# (nesting depth, parameter count, multipart parts).
SHAPES = ("raw", "json-value", "json-deep", "form-many", "multipart", "urlencoded-json")

# How the body's length is announced: right, chunked, not at all, wrong, huge.
FRAMINGS = ("content-length", "chunked", "none", "wrong", "huge")


class Reader:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0
        self.budget = BUDGET

    def byte(self) -> int:
        if self.pos >= len(self.data):
            return 0
        self.pos += 1
        return self.data[self.pos - 1]

    def u16(self) -> int:
        return self.byte() << 8 | self.byte()

    def chunk(self) -> bytes:
        kind = self.byte()
        if kind >= 0xF0:
            return DICTIONARY[self.byte() % len(DICTIONARY)]
        length = self.u16() if kind >= 0xE0 else kind
        out = self.data[self.pos : self.pos + length]
        self.pos += length
        return out

    def repeat(self) -> int:
        b = self.byte()
        return 1 if b < 0x80 else 1 << (b & 0x7F) % 23

    def amplified(self) -> bytes:
        prefix, fragment, count, suffix = self.chunk(), self.chunk(), self.repeat(), self.chunk()
        if fragment and count > 1:
            count = max(1, min(count, self.budget // len(fragment)))
        value = (prefix + fragment * count + suffix)[: max(0, self.budget)]
        self.budget -= len(value)
        return value


@dataclass
class FuzzRequest:
    mode: int = 0
    windows: bool = False
    method: str = "GET"
    path: bytes = b"/"
    query: bytes = b""
    peer: str | None = "8.8.8.8"
    headers: list[tuple[bytes, bytes]] = field(default_factory=list)
    body: bytes = b""
    framing: str = "none"
    chunks: list[bytes] = field(default_factory=list)
    truncated: bool = False
    body_as_text: bool = False
    email: str | None = None
    user: str = ""
    requested: int = 1

    # ------------------------------------------------------------ shapes

    def header_text(self) -> list[tuple[str, str]]:
        return [(_text(n).lower(), _text(v)) for n, v in self.headers]

    def as_mapping(self) -> dict[str, Any]:
        pairs = self.header_text()
        headers: Any = pairs if any(n == b"cookie" for n, _ in self.headers) or len(pairs) > 8 else dict(pairs)
        body: Any = self.body.decode("utf-8", "surrogateescape") if self.body_as_text else self.body
        return {
            "ip": self.peer, "method": self.method, "protocol": "http", "path": _text(self.path),
            "query": _text(self.query), "headers": headers, "body": body if self.body or self.framing != "none" else None,
        }

    def as_asgi_scope(self) -> dict[str, Any]:
        return {
            "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": self.method,
            "scheme": "http", "path": self.path.decode("latin-1"), "raw_path": self.path,
            "query_string": self.query, "root_path": "",
            "headers": [(n.lower(), v) for n, v in self.headers],
            "client": (self.peer, 40000) if self.peer is not None else None,
            "server": ("127.0.0.1", 8000),
        }

    def receive_channel(self) -> Callable[[], Awaitable[dict[str, Any]]]:
        """The body as ASGI messages; a truncated upload ends in http.disconnect."""
        messages = [{"type": "http.request", "body": c, "more_body": True} for c in self.chunks]
        if not self.truncated:
            if messages:
                messages[-1]["more_body"] = False
            else:
                messages.append({"type": "http.request", "body": b"", "more_body": False})
        queue = iter(messages)

        async def receive() -> dict[str, Any]:
            return next(queue, {"type": "http.disconnect"})

        return receive

    def as_wsgi_environ(self) -> dict[str, Any]:
        """A WSGI environ whose body is read by gunicorn's own body readers."""
        from gunicorn.http.body import Body, ChunkedReader, LengthReader
        from gunicorn.http.unreader import IterUnreader

        environ: dict[str, Any] = {
            "REQUEST_METHOD": self.method, "SCRIPT_NAME": "", "PATH_INFO": self.path.decode("latin-1"),
            "QUERY_STRING": self.query.decode("latin-1"), "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "8000",
            "SERVER_PROTOCOL": "HTTP/1.1", "wsgi.url_scheme": "http", "wsgi.errors": io.StringIO(),
        }
        if self.peer is not None:
            environ["REMOTE_ADDR"] = self.peer
        # Repeated names joined as WSGI servers join them (one list per key:
        # appending to a string would be quadratic in the repeats).
        joined: dict[str, list[str]] = {}
        for name, value in self.header_text():
            key = name.upper().replace("-", "_")
            key = key if key in ("CONTENT_TYPE", "CONTENT_LENGTH") else "HTTP_" + key
            joined.setdefault(key, []).append(value)
        for key, values in joined.items():
            environ[key] = ("; " if key == "HTTP_COOKIE" else ", ").join(values)
        if self.framing == "chunked":
            wire = b"".join(b"%x\r\n%s\r\n" % (len(c), c) for c in self.chunks if c)
            if not self.truncated:
                wire += b"0\r\n\r\n"
            stub = types.SimpleNamespace(limit_request_field_size=8190, trailers=[],
                                         parse_headers=lambda data, from_trailer=False: [])
            environ["wsgi.input"] = Body(ChunkedReader(stub, IterUnreader([wire])))
            environ["wsgi.input_terminated"] = True
            environ.pop("CONTENT_LENGTH", None)
        else:
            length = _int_or(environ.get("CONTENT_LENGTH"), 0)
            environ["wsgi.input"] = Body(LengthReader(IterUnreader(self.chunks), max(0, length)))
        return environ

    def describe(self) -> str:
        sizes = sorted((len(v) for _, v in self.headers), reverse=True)[:3]
        return (f"{self.method} path={len(self.path)}B query={len(self.query)}B peer={self.peer!r} "
                f"headers={len(self.headers)} largest={sizes} body={len(self.body)}B "
                f"framing={self.framing} truncated={self.truncated}")


def _text(value: bytes) -> str:
    # Mapping callers hand us str: UTF-8 where it is, lone surrogates where not.
    return value.decode("utf-8", "surrogateescape")


def _int_or(value: object, default: int) -> int:
    try:
        return int(str(value).strip())
    except ValueError:
        return default


def _shaped_body(shape: str, payload: bytes, n: int) -> bytes:
    if shape == "json-value":
        return b'{"q": "' + payload.replace(b"\\", b"\\\\").replace(b'"', b'\\"') + b'"}'
    if shape == "json-deep":
        depth = 1 + n * 2  # up to 511: past the 64 levels of issue #14
        return b'{"a":' * depth + b'"' + payload.replace(b'"', b"") + b'"' + b"}" * depth
    if shape == "form-many":
        count = 1 + n * 4  # up to 1021: past the 512 parameters of issue #14
        return b"&".join(b"p%d=x" % i for i in range(count)) + b"&q=" + payload
    if shape == "multipart":
        return (b"--X\r\nContent-Disposition: form-data; name=\"q\"\r\n\r\n" + payload + b"\r\n--X--\r\n")
    if shape == "urlencoded-json":
        return b"q=" + payload + b"&j=%7B%22a%22%3A1%7D"
    return payload


def decode(data: bytes) -> FuzzRequest:
    r = Reader(data)
    req = FuzzRequest()
    req.mode = r.byte()
    req.windows = bool(r.byte() & 1)
    m = r.byte()
    req.method = METHODS[m % len(METHODS)] if m < 0xF0 else r.chunk().decode("latin-1").upper()
    req.path = b"/" + r.amplified()
    req.query = r.amplified()
    p = r.byte()
    req.peer = PEERS[p % len(PEERS)] if p < 0xF0 else r.chunk().decode("latin-1")
    if req.peer == "8.8.8.8":
        # A global peer of the input's own: rate limits and shield suspicion
        # are per client, and one shared address would soon be denied on
        # everything, hiding the paths behind the deny. Derived from the
        # input, so a crash reproduces.
        h = zlib.crc32(data)
        req.peer = f"8.{8 + (h >> 16 & 0x3F)}.{h >> 8 & 0xFF}.{h & 0xFF}"
    for _ in range(r.byte() % 48):
        n = r.byte()
        name = HEADER_NAMES[n % len(HEADER_NAMES)] if n < 0xF0 else r.chunk()
        value = r.amplified()
        copies = 1 if (c := r.byte()) < 0xC0 else 1 << (c & 0x0F)  # up to 32768 repeats of one name
        copies = max(1, min(copies, r.budget // max(1, len(name) + len(value))))
        r.budget -= copies * (len(name) + len(value))
        req.headers.extend([(name, value)] * copies)
    ctype = CONTENT_TYPES[r.byte() % len(CONTENT_TYPES)]
    shape = SHAPES[r.byte() % len(SHAPES)]
    req.body = _shaped_body(shape, r.amplified(), r.byte()) if shape != "raw" else r.amplified()
    req.framing = FRAMINGS[r.byte() % len(FRAMINGS)]
    pieces = 1 + r.byte() % 8
    step = max(1, -(-len(req.body) // pieces))
    req.chunks = [req.body[i : i + step] for i in range(0, len(req.body), step)]
    req.truncated = bool(r.byte() & 1)
    req.body_as_text = bool(r.byte() & 1)
    if ctype is not None and req.body:
        req.headers.append((b"content-type", ctype))
    if req.framing == "content-length":
        req.headers.append((b"content-length", b"%d" % len(req.body)))
    elif req.framing == "chunked":
        req.headers.append((b"transfer-encoding", b"chunked"))
    elif req.framing == "wrong":
        req.headers.append((b"content-length", r.chunk()))
    elif req.framing == "huge":
        req.headers.append((b"content-length", b"99999999999999999999"))
    if r.byte() & 1:
        req.email = r.chunk().decode("utf-8", "surrogateescape")
    req.user = r.chunk().decode("utf-8", "surrogateescape")
    req.requested = 1 + r.byte() % 12
    return req


# ------------------------------------------------------------------ encoding


def raw(data: bytes) -> bytes:
    """A chunk of literal bytes."""
    if len(data) < 0xE0:
        return bytes([len(data)]) + data
    if len(data) > 0xFFFF:
        raise ValueError("a literal chunk holds at most 65535 bytes; amplify instead")
    return bytes([0xE0, len(data) >> 8, len(data) & 0xFF]) + data


def word(data: bytes) -> bytes:
    """A chunk naming a DICTIONARY entry."""
    return bytes([0xF0, DICTIONARY.index(data)])


def amp(fragment: bytes = b"", times: int = 1, prefix: bytes = b"", suffix: bytes = b"") -> bytes:
    """An amplified value: prefix + fragment * times (a power of two) + suffix."""
    if times & (times - 1):
        raise ValueError("times must be a power of two")
    rep = b"\x00" if times == 1 else bytes([0x80 | (times.bit_length() - 1)])
    return raw(prefix) + raw(fragment) + rep + raw(suffix)


def encode(
    *, mode: int = 0, windows: bool = False, method: str = "GET", path: bytes = b"", query: bytes = b"",
    peer: str | None = "8.8.8.8", headers: tuple[tuple[bytes, bytes, int], ...] = (),
    content_type: bytes | None = None, shape: str = "raw", body: bytes = b"", shape_n: int = 0,
    framing: str = "content-length", pieces: int = 1, truncated: bool = False, body_as_text: bool = False,
    email: bytes | None = None, user: bytes = b"", requested: int = 1,
) -> bytes:
    """Bytes that ``decode`` turns into this request. ``path``/``query``/``body`` and
    each header value are amplified specs from ``amp``; headers are (name, value, copies)."""
    out = bytearray([mode, int(windows), METHODS.index(method)])
    out += path or amp()
    out += query or amp()
    out += bytes([PEERS.index(peer)])
    out += bytes([len(headers)])
    for name, value, copies in headers:
        out += bytes([HEADER_NAMES.index(name)]) + value
        out += b"\x00" if copies == 1 else bytes([0xC0 | (copies.bit_length() - 1)])
    out += bytes([CONTENT_TYPES.index(content_type), SHAPES.index(shape)])
    out += body or amp()
    if shape != "raw":
        out += bytes([shape_n])
    out += bytes([FRAMINGS.index(framing), pieces - 1, int(truncated), int(body_as_text)])
    if framing == "wrong":
        out += raw(b"12")
    out += b"\x01" + raw(email) if email is not None else b"\x00"
    out += raw(user) + bytes([requested - 1])
    return bytes(out)
