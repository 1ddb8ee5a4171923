"""What the blind benign corpora (tools/benign_r2 to benign_r7) share: the
request record, the loop that draws their sources, and the ids and encoders
their authors wrote alike (random ids, JSON as browsers and requests write
it, form and multipart encoding, documentation addresses).
Only scaffolding: each corpus's text, vocabularies and header sets are its
own, written blind (see each README).
"""

from __future__ import annotations

import base64
import json
import random
import string
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar
from urllib.parse import quote, quote_plus

T = TypeVar("T")
Headers = list[tuple[str, str]]


@dataclass
class Request:
    """One HTTP request; `record()` gives the same JSON shape as tools/benign."""

    source: str
    kind: str
    method: str
    path: str
    query: str
    headers: Headers
    body: bytes | None = None

    def record(self) -> dict[str, object]:
        out: dict[str, object] = {"source": self.source, "kind": self.kind, "method": self.method,
                                  "path": self.path, "query": self.query,
                                  "headers": [list(pair) for pair in self.headers]}
        if self.body is not None:
            try:
                out["body"] = self.body.decode("utf-8")
            except UnicodeDecodeError:
                out["body_base64"] = base64.b64encode(self.body).decode("ascii")
        return out


Source = Callable[[random.Random, int], list[Request]]


def draw(corpus: str, sources: Mapping[str, Source], per_source: int) -> list[Request]:
    """Every source from its own `random.Random(f"{corpus}:{name}")`: the same
    requests, byte for byte, on every run and machine."""
    out: list[Request] = []
    for name, make in sources.items():
        requests = make(random.Random(f"{corpus}:{name}"), per_source)
        assert len(requests) == per_source and all(r.source == name for r in requests), name
        out += requests
    return out


HEX = "0123456789abcdef"


ALNUM = string.ascii_letters + string.digits


LOWER = string.ascii_lowercase + string.digits


def pick(rng: random.Random, items: Sequence[T]) -> T:
    return items[rng.randrange(len(items))]


def chars(rng: random.Random, alphabet: str, n: int) -> str:
    return "".join(alphabet[rng.randrange(len(alphabet))] for _ in range(n))


def hexs(rng: random.Random, n: int) -> str:
    return chars(rng, HEX, n)


def uuid4(rng: random.Random) -> str:
    h = hexs(rng, 32)
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{pick(rng, '89ab')}{h[17:20]}-{h[20:]}"


def rbytes(rng: random.Random, n: int) -> bytes:
    return bytes(rng.randrange(256) for _ in range(n))


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def js_json(obj: object) -> str:
    """JSON.stringify output."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def py_json(obj: object) -> str:
    """json.dumps defaults, as requests/httpx send json=."""
    return json.dumps(obj)


def form(pairs: Sequence[tuple[str, str]]) -> str:
    """application/x-www-form-urlencoded the way browsers encode it."""
    return "&".join(f"{quote_plus(k, safe='*')}={quote_plus(v, safe='*')}" for k, v in pairs)


def some(rng: random.Random, items: Sequence[T], lo: int, hi: int) -> list[T]:
    """Between lo and hi distinct items (fewer when there are fewer)."""
    return rng.sample(list(items), min(len(items), rng.randint(lo, hi)))


def uri_query(pairs: Sequence[tuple[str, str]]) -> str:
    """A query string as URLSearchParams-less clients (fetch with a template,
    requests' params=) write it: more characters left alone than form()."""
    safe = "-_.!~*'()"
    return "&".join(f"{quote(k, safe=safe)}={quote(v, safe=safe)}" for k, v in pairs)


def run(rng: random.Random, n: int, makers: Sequence[tuple[int, Callable[[random.Random], Request]]]) -> list[Request]:
    """n requests, each from a maker drawn by weight."""
    weights = [w for w, _ in makers]
    fns = [f for _, f in makers]
    return [rng.choices(fns, weights)[0](rng) for _ in range(n)]


Part = tuple[str, bytes, str | None, str | None]  # (name, value, filename, content type)


def multipart(parts: Sequence[Part], boundary: str) -> bytes:
    """multipart/form-data as browsers lay it out: CRLF framed, one part per
    (name, value, filename, content type), no part headers beyond those."""
    out = bytearray()
    for name, value, filename, ctype in parts:
        out += f"--{boundary}\r\n".encode()
        disp = f'Content-Disposition: form-data; name="{name}"'
        if filename is not None:
            disp += f'; filename="{filename}"'
        out += disp.encode("utf-8") + b"\r\n"
        if ctype is not None:
            out += f"Content-Type: {ctype}\r\n".encode()
        out += b"\r\n" + value + b"\r\n"
    out += f"--{boundary}--\r\n".encode()
    return bytes(out)


def text_parts(pairs: Sequence[tuple[str, str]]) -> list[Part]:
    """Plain text fields as multipart parts."""
    return [(k, v.encode("utf-8"), None, None) for k, v in pairs]


def stamp(rng: random.Random) -> str:
    """An ISO time in late 2026, millisecond precision, as Date.toISOString writes."""
    m = rng.choice([11, 12])
    d = rng.randint(1, 30 if m == 11 else 6)
    return (f"2026-{m:02d}-{d:02d}T{rng.randrange(24):02d}:{rng.randrange(60):02d}:"
            f"{rng.randrange(60):02d}.{rng.randrange(1000):03d}Z")


DOC_NETS = ["192.0.2.", "198.51.100.", "203.0.113."]


def doc_ip(rng: random.Random) -> str:
    return pick(rng, DOC_NETS) + str(rng.randrange(1, 255))
