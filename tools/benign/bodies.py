"""Request bodies as clients encode them: urlencoded forms (the WHATWG
serializer browsers use), JSON, multipart/form-data with files, XML."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from urllib.parse import quote_plus
from xml.sax.saxutils import escape

from . import tokens

Fields = list[tuple[str, str]]


def urlencode(fields: Fields) -> str:
    """application/x-www-form-urlencoded as a browser sends it: UTF-8,
    spaces as `+`, every byte but `*-._` and alphanumerics percent-encoded,
    CR LF line breaks (the form serializer normalizes them)."""
    def enc(s: str) -> str:
        s = s.replace("\r\n", "\n").replace("\n", "\r\n")
        return quote_plus(s, safe="*").replace("~", "%7E")  # Python leaves `~` alone; browsers do not
    return "&".join(f"{enc(k)}={enc(v)}" for k, v in fields)


def query(fields: Fields) -> str:
    return urlencode(fields)


def json_body(rng: random.Random, data: object) -> str:
    """JSON as different serializers write it: compact (JS, Go), with
    spaces (Python's default), or pretty-printed; non-ASCII escaped or not."""
    style = rng.randrange(4)
    if style == 0:
        return json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    if style == 1:
        return json.dumps(data)
    if style == 2:
        return json.dumps(data, indent=2, ensure_ascii=False)
    return json.dumps(data, separators=(",", ":"))


@dataclass(frozen=True)
class Upload:
    field: str
    filename: str
    content_type: str
    data: bytes


def boundary(rng: random.Random, client: str) -> str:
    if client == "chromium" or client == "safari":
        return "----WebKitFormBoundary" + tokens.chars(rng, tokens.ALNUM, 16)
    if client == "firefox":
        return "----geckoformboundary" + tokens.hexstr(rng, 32)
    if client == "curl":
        return "------------------------" + tokens.hexstr(rng, 16)
    return tokens.hexstr(rng, 32)  # requests, okhttp-style


def multipart(bound: str, fields: Fields, uploads: list[Upload]) -> bytes:
    out = bytearray()
    for name, value in fields:
        out += f"--{bound}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n".encode()
        out += value.replace("\r\n", "\n").replace("\n", "\r\n").encode() + b"\r\n"
    for up in uploads:
        # Browsers escape `"` as %22 and CR/LF as %0D/%0A in the filename and
        # send the rest of it as UTF-8.
        filename = up.filename.replace('"', "%22").replace("\r", "%0D").replace("\n", "%0A")
        out += (f"--{bound}\r\nContent-Disposition: form-data; name=\"{up.field}\"; filename=\"{filename}\"\r\n"
                f"Content-Type: {up.content_type}\r\n\r\n").encode()
        out += up.data + b"\r\n"
    out += f"--{bound}--\r\n".encode()
    return bytes(out)


def xml_text(s: str) -> str:
    return escape(s)


def xml_attr(s: str) -> str:
    return escape(s, {'"': "&quot;"})


# ---------------------------------------------------------------- file data

def jpeg(rng: random.Random) -> bytes:
    head = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00H\x00H\x00\x00"
    exif = b"\xff\xe1\x00\x2eExif\x00\x00MM\x00*\x00\x00\x00\x08\x00\x01\x01\x12\x00\x03\x00\x00\x00\x01\x00\x01\x00\x00"
    return head + exif + b"\xff\xdb\x00C\x00" + tokens.random_bytes(rng, rng.randint(300, 1200)) + b"\xff\xd9"


def png(rng: random.Random) -> bytes:
    return (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00\x5c\x72\xa8\x66"
            + b"\x00\x00\x04\x00IDATx\x9c" + tokens.random_bytes(rng, rng.randint(200, 900)) + b"\x00\x00\x00\x00IEND\xaeB`\x82")


def pdf(rng: random.Random, title: str) -> bytes:
    head = (f"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
            f"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
            f"4 0 obj\n<< /Title ({title.encode('ascii', 'replace').decode()}) /Producer (Microsoft Word for Microsoft 365) >>\nendobj\n"
            f"5 0 obj\n<< /Length {rng.randint(500, 900)} /Filter /FlateDecode >>\nstream\n")
    return head.encode("latin-1", "replace") + tokens.random_bytes(rng, rng.randint(300, 900)) + b"\nendstream\nendobj\n%%EOF\n"


def docx(rng: random.Random) -> bytes:
    return b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00" + tokens.random_bytes(rng, 12) + b"[Content_Types].xml" + tokens.random_bytes(rng, rng.randint(300, 900))


def heic(rng: random.Random) -> bytes:
    return b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + tokens.random_bytes(rng, rng.randint(400, 1000))
