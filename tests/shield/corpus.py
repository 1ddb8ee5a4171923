"""Shield test data: the crate's case tables and benign corpus, the libinjection lists.

Readers mirror `wasm/shield/tests/common/corpus.rs`, so the Python tests see
exactly the inputs the crate's own tests see.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
SHIELD_CRATE = REPO / "wasm" / "shield"
CASES_DIR = SHIELD_CRATE / "tests" / "cases"
BENIGN_DIR = SHIELD_CRATE / "tests" / "benign"

CATEGORY = {
    "sqli": "SQL_INJECTION",
    "xss": "XSS",
    "traversal": "PATH_TRAVERSAL",
    "rfi": "FILE_INCLUSION_REMOTE",
    "cmdi": "COMMAND_INJECTION",
    "php": "PHP_INJECTION",
    "java": "JAVA_INJECTION",
    "ssti": "TEMPLATE_INJECTION",
    "ssrf": "SSRF",
    "protocol": "PROTOCOL_ANOMALY",
    "limits": "INSPECTION_LIMIT",
}
_UNRESERVED = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")


def shared_dir() -> Path:
    explicit = os.environ.get("ARCJET_SHARED_DIR")
    return Path(explicit) if explicit else REPO.parent / "shared"


def libinjection_dir() -> Path:
    return shared_dir() / "data" / "shield" / "libinjection"


def corpus_files(directory: Path, prefix: str) -> list[Path]:
    return sorted(p for p in directory.iterdir() if p.name.startswith(prefix) and p.name.endswith(".txt"))


def lines(path: Path) -> list[bytes]:
    """Non-empty lines not starting with `#`, as bytes; a trailing CR removed."""
    out = []
    for line in path.read_bytes().split(b"\n"):
        if line.endswith(b"\r"):
            line = line[:-1]
        if line and not line.startswith(b"#"):
            out.append(line)
    return out


def url_decode(s: bytes) -> bytes:
    """Query-string decoding of one corpus line (`+` is a space), as the crate's tests do."""
    out = bytearray()
    i, n = 0, len(s)
    while i < n:
        c = s[i]
        if c == 0x2B:
            out.append(0x20)
            i += 1
        elif c == 0x25 and i + 2 < n + 0 and i + 2 <= n - 1:
            try:
                out.append(int(s[i + 1:i + 3].decode("ascii"), 16))
                i += 3
            except ValueError:
                out.append(c)
                i += 1
        else:
            out.append(c)
            i += 1
    return bytes(out)


def url_encode(s: bytes) -> str:
    """Percent-encodes every byte but RFC 3986 unreserved ones."""
    return "".join(chr(b) if b in _UNRESERVED else f"%{b:02X}" for b in s)


def unescape_case(s: str) -> bytes:
    r"""Undoes the escapes of the case files: `\n`, `\r`, `\t`, `\\`, `\xNN`."""
    b = s.encode("utf-8")
    out = bytearray()
    i = 0
    while i < len(b):
        if b[i] == 0x5C and i + 1 < len(b):
            nxt = b[i + 1]
            simple = {0x6E: 0x0A, 0x72: 0x0D, 0x74: 0x09, 0x5C: 0x5C}
            if nxt in simple:
                out.append(simple[nxt])
                i += 2
                continue
            if nxt == 0x78 and i + 3 < len(b):
                try:
                    out.append(int(b[i + 2:i + 4].decode("ascii"), 16))
                    i += 4
                    continue
                except ValueError:
                    pass
            out.append(0x5C)
            i += 1
        else:
            out.append(b[i])
            i += 1
    return bytes(out)


@dataclass(frozen=True)
class Case:
    file: str
    expect: str  # high | medium | low | none
    place: str
    value: bytes

    @property
    def category(self) -> str:
        return CATEGORY[self.file]

    def __str__(self) -> str:
        return f"{self.file}:{self.expect}:{self.place}:{self.value!r}"


def cases() -> list[Case]:
    out = []
    for path in sorted(CASES_DIR.glob("*.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line or line.startswith("#"):
                continue
            expect, place, value = line.split("\t", 2)
            out.append(Case(path.stem, expect, place, unescape_case(value)))
    return out


def benign_inputs() -> list[tuple[str, bytes]]:
    """(source, value): libinjection's false_positives.txt and the crate's tests/benign."""
    out = [("false_positives.txt", url_decode(line)) for line in lines(libinjection_dir() / "false_positives.txt")]
    for path in corpus_files(BENIGN_DIR, ""):
        out.extend((path.name, unescape_case(line.decode("utf-8", "surrogateescape"))) for line in lines(path))
    return out


def request(place: str, value: bytes, ip: str = "8.8.8.8") -> dict[str, Any]:
    """The plain-mapping request a case's `where` describes (as tests/cases.rs builds it)."""
    text = value.decode("utf-8", "replace")
    req: dict[str, Any] = {"ip": ip, "method": "POST", "path": "/", "query": "",
                           "headers": {"user-agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"}}
    headers: dict[str, str] = req["headers"]
    if place == "query":
        req["query"] = "q=" + url_encode(value)
    elif place == "rawquery":
        req["query"] = text
    elif place == "path":
        req["path"] = text
    elif place == "cookie":
        headers["cookie"] = "c=" + url_encode(value)
    elif place == "method":
        req["method"] = text
    elif place == "form":
        headers["content-type"] = "application/x-www-form-urlencoded"
        req["body"] = ("f=" + url_encode(value)).encode()
    elif place == "json":
        headers["content-type"] = "application/json"
        escaped = text.replace("\\", "\\\\").replace('"', '\\"')
        req["body"] = ('{"comment": {"text": "' + escaped + '"}}').encode()
    elif place == "realjson":
        # A real JSON encoder's output (control characters escaped too).
        headers["content-type"] = "application/json"
        req["body"] = json.dumps({"comment": {"text": text}}).encode()
    elif place == "text":
        headers["content-type"] = "text/plain"
        req["body"] = value
    elif place == "multipart":
        headers["content-type"] = "multipart/form-data; boundary=XyZ"
        req["body"] = b'--XyZ\r\nContent-Disposition: form-data; name="f"\r\n\r\n' + value + b"\r\n--XyZ--\r\n"
    elif place == "headers":
        pairs = [tuple(line.split(": ", 1)) for line in text.split("\n") if ": " in line]
        req["headers"] = [("user-agent", headers["user-agent"]), *pairs]
    elif place.startswith("header:"):
        headers[place[len("header:"):]] = text
    else:
        raise ValueError(f"unknown place {place}")
    return req
