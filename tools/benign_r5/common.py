# ruff: noqa: RUF001 - real text uses typographic characters
"""The clients that send the fifth corpus, and the small encoders they use:
browsers (each with its own header order, client hints and fetch metadata),
mobile apps, SDKs, CLIs, server-to-server senders and embedded firmware, and
the JSON, form and multipart encodings each of them writes.

Everything draws from the `random.Random` it is given, never from the clock or
the OS, so the output is the same on every run.
"""

from __future__ import annotations

import base64
import json
import random
import struct
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import quote

from benign_record import (
    ALNUM,
    HEX,
    LOWER,
    b64url,
    chars,
    doc_ip,
    form,
    hexs,
    js_json,
    pick,
    py_json,
    rbytes,
    stamp,
    uuid4,
)
from benign_record import Part as Part
from benign_record import Request as Request  # re-exported: the sources import it from here
from benign_record import multipart as multipart
from benign_record import run as run
from benign_record import some as some
from benign_record import text_parts as text_parts
from benign_record import uri_query as uri_query

__all__ = [
    "ALNUM",
    "BROWSERS",
    "FAMILY",
    "GIVEN",
    "HEX",
    "LOWER",
    "MAIL",
    "Browser",
    "Headers",
    "Part",
    "Request",
    "ascii_fold",
    "b64url",
    "bearer",
    "boundary_for",
    "browser",
    "browser_of",
    "cbor",
    "chars",
    "client",
    "cookie_jar",
    "csrf",
    "doc_ip",
    "dotnet_json",
    "epoch",
    "fake_jpeg",
    "fake_mp4",
    "fake_pdf",
    "fake_png",
    "fake_webp",
    "fake_zip",
    "form",
    "go_json",
    "gson_json",
    "hexs",
    "ios_json",
    "js_json",
    "jwt",
    "later",
    "multipart",
    "person",
    "phone",
    "pick",
    "py_json",
    "rbytes",
    "run",
    "some",
    "stamp",
    "text_parts",
    "upcoming",
    "uri_query",
    "uuid4",
]

Headers = list[tuple[str, str]]


# ------------------------------------------------------------------ small helpers


def epoch(rng: random.Random) -> int:
    """Unix seconds in Nov/Dec 2026."""
    return 1_793_500_000 + rng.randrange(3_200_000)


def upcoming(rng: random.Random, lo: int = 3, hi: int = 150) -> str:
    """A date between early December 2026 and spring 2027."""
    n = rng.randint(lo, hi)
    months = [(2026, 12, 31), (2027, 1, 31), (2027, 2, 28), (2027, 3, 31), (2027, 4, 30), (2027, 5, 31),
              (2027, 6, 30)]
    day = 7 + n
    for y, m, days in months:
        if day <= days:
            return f"{y}-{m:02d}-{day:02d}"
        day -= days
    return "2027-06-30"


def later(rng: random.Random, day: str, lo: int, hi: int) -> str:
    """A date lo..hi days after `day` (a check-out after a check-in, a return after a departure)."""
    return (date.fromisoformat(day) + timedelta(days=rng.randint(lo, hi))).isoformat()


_FOLD = str.maketrans({"ł": "l", "Ł": "L", "ß": "ss", "ø": "o", "Ø": "O", "đ": "d", "ð": "d", "þ": "th",
                       "æ": "ae", "œ": "oe", "ı": "i"})


def ascii_fold(s: str) -> str:
    d = unicodedata.normalize("NFKD", s.translate(_FOLD))
    return "".join(c for c in d if not unicodedata.combining(c))


# ------------------------------------------------------------------ JSON as each client writes it


def go_json(obj: object) -> str:
    """encoding/json: compact, UTF-8 kept, <, > and & escaped."""
    s = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return s.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def gson_json(obj: object) -> str:
    """Gson's default HTML-safe writer: < > & = ' escaped."""
    s = go_json(obj)
    return s.replace("=", "\\u003d").replace("'", "\\u0027")


def ios_json(obj: object) -> str:
    """JSONSerialization: compact, slashes escaped."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).replace("/", "\\/")


def dotnet_json(obj: object) -> str:
    """System.Text.Json's default encoder: non-ASCII and HTML-sensitive characters escaped, upper-case hex."""
    s = json.dumps(obj, ensure_ascii=True, separators=(",", ":"))
    out = []
    i = 0
    while i < len(s):
        if s[i] == "\\" and s[i + 1] == "u":
            out.append("\\u" + s[i + 2:i + 6].upper())
            i += 6
            continue
        c = s[i]
        if c in "<>&'+`":
            out.append(f"\\u{ord(c):04X}")
        else:
            out.append(c)
        i += 1
    return "".join(out)


def cbor(obj: object) -> bytes:
    """A small CBOR encoder (RFC 8949) for firmware payloads."""

    def head(major: int, n: int) -> bytes:
        if n < 24:
            return bytes([major << 5 | n])
        if n < 256:
            return bytes([major << 5 | 24, n])
        if n < 65536:
            return bytes([major << 5 | 25]) + struct.pack(">H", n)
        return bytes([major << 5 | 26]) + struct.pack(">I", n)

    if obj is True:
        return b"\xf5"
    if obj is False:
        return b"\xf4"
    if obj is None:
        return b"\xf6"
    if isinstance(obj, int):
        return head(0, obj) if obj >= 0 else head(1, -1 - obj)
    if isinstance(obj, float):
        return b"\xfa" + struct.pack(">f", obj)
    if isinstance(obj, str):
        raw = obj.encode("utf-8")
        return head(3, len(raw)) + raw
    if isinstance(obj, bytes):
        return head(2, len(obj)) + obj
    if isinstance(obj, list):
        return head(4, len(obj)) + b"".join(cbor(x) for x in obj)
    if isinstance(obj, dict):
        return head(5, len(obj)) + b"".join(cbor(k) + cbor(v) for k, v in obj.items())
    raise TypeError(type(obj))


# ------------------------------------------------------------------ files


def fake_jpeg(rng: random.Random, n: int) -> bytes:
    exif = b"\xff\xe1\x00\x16Exif\x00\x00MM\x00*\x00\x00\x00\x08\x00\x00\x00\x00\x00\x00"
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x01\x00H\x00H\x00\x00" + exif + rbytes(rng, n) + b"\xff\xd9"


def fake_png(rng: random.Random, n: int) -> bytes:
    return (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + struct.pack(">II", 640 + rng.randrange(800), 480 + rng.randrange(600))
            + b"\x08\x06\x00\x00\x00" + rbytes(rng, 4) + rbytes(rng, n) + b"\x00\x00\x00\x00IEND\xaeB`\x82")


def fake_webp(rng: random.Random, n: int) -> bytes:
    return b"RIFF" + struct.pack("<I", n + 4) + b"WEBPVP8 " + rbytes(rng, n)


def fake_mp4(rng: random.Random, n: int) -> bytes:
    return b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00isomiso2avc1mp41" + b"\x00\x00\x00\x08free" + rbytes(rng, n)


def fake_pdf(rng: random.Random, title: str) -> bytes:
    return (b"%PDF-1.4\n%\xc7\xec\x8f\xa2\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
            + f"4 0 obj\n<< /Producer (Quartz PDFContext) /Title ({ascii_fold(title)}) >>\nendobj\n".encode()
            + b"5 0 obj\n<< /Length 96 /Filter /FlateDecode >>\nstream\nx\x9c" + rbytes(rng, 94)
            + b"\nendstream\nendobj\nxref\n0 6\ntrailer\n<< /Size 6 /Root 1 0 R /Info 4 0 R >>\nstartxref\n812\n%%EOF\n")


def fake_zip(rng: random.Random, names: Sequence[str]) -> bytes:
    out = bytearray()
    for name in names:
        raw = name.encode()
        data = rbytes(rng, 40 + rng.randrange(120))
        out += b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + rbytes(rng, 8) + struct.pack("<IIHH", len(data), len(data) * 3, len(raw), 0)
        out += raw + data
    out += b"PK\x05\x06\x00\x00\x00\x00" + struct.pack("<HHII", len(names), len(names), 46 * len(names), len(out)) + b"\x00\x00"
    return bytes(out)


# ------------------------------------------------------------------ multipart


def boundary_for(rng: random.Random, who: str) -> str:
    """The boundary each client generates."""
    if who == "chromium" or who == "safari":
        return "----WebKitFormBoundary" + chars(rng, ALNUM, 16)
    if who == "firefox":
        return "----geckoformboundary" + hexs(rng, 32)
    if who == "requests":
        return hexs(rng, 32)
    if who == "httpx":
        return hexs(rng, 32)
    if who == "curl":
        return "------------------------" + chars(rng, ALNUM, 22)
    if who == "okhttp":
        return uuid4(rng)
    if who == "ios":
        return "alamofire.boundary." + hexs(rng, 16)
    if who == "dart":
        return "dart-http-boundary-" + chars(rng, ALNUM + "-_", 51)
    if who == "node":
        return "----formdata-undici-0" + "".join(str(rng.randrange(10)) for _ in range(11))
    if who == "go":
        return hexs(rng, 60)
    return "----" + chars(rng, ALNUM, 24)


# ------------------------------------------------------------------ browsers


@dataclass(frozen=True)
class Browser:
    family: str  # chromium, firefox, safari
    ua: str
    brands: str = ""
    platform: str = ""
    mobile: bool = False


_AW = "AppleWebKit/537.36 (KHTML, like Gecko)"
_BR141 = '"Google Chrome";v="141", "Not?A_Brand";v="8", "Chromium";v="141"'
_BR142 = '"Chromium";v="142", "Google Chrome";v="142", "Not_A Brand";v="99"'
_BR143 = '"Google Chrome";v="143", "Chromium";v="143", "Not A(Brand";v="24"'
_EDGE143 = '"Microsoft Edge";v="143", "Chromium";v="143", "Not A(Brand";v="24"'
_EDGE142 = '"Chromium";v="142", "Microsoft Edge";v="142", "Not_A Brand";v="99"'
_BRAVE = '"Brave";v="143", "Chromium";v="143", "Not A(Brand";v="24"'
_OPERA = '"Opera";v="125", "Not_A Brand";v="99", "Chromium";v="142"'
_SAMSUNG = '"Samsung Internet";v="29.0", "Chromium";v="136", "Not.A/Brand";v="99"'

BROWSERS: list[Browser] = [
    Browser("chromium", f"Mozilla/5.0 (Windows NT 10.0; Win64; x64) {_AW} Chrome/143.0.0.0 Safari/537.36", _BR143, "Windows"),
    Browser("chromium", f"Mozilla/5.0 (Windows NT 10.0; Win64; x64) {_AW} Chrome/143.0.0.0 Safari/537.36", _BR143, "Windows"),
    Browser("chromium", f"Mozilla/5.0 (Windows NT 10.0; Win64; x64) {_AW} Chrome/142.0.0.0 Safari/537.36", _BR142, "Windows"),
    Browser("chromium", f"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) {_AW} Chrome/143.0.0.0 Safari/537.36", _BR143, "macOS"),
    Browser("chromium", f"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) {_AW} Chrome/141.0.0.0 Safari/537.36", _BR141, "macOS"),
    Browser("chromium", f"Mozilla/5.0 (X11; Linux x86_64) {_AW} Chrome/143.0.0.0 Safari/537.36", _BR143, "Linux"),
    Browser("chromium", f"Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) {_AW} Chrome/142.0.0.0 Safari/537.36", _BR142, "Chrome OS"),
    Browser("chromium", f"Mozilla/5.0 (Windows NT 10.0; Win64; x64) {_AW} Chrome/143.0.0.0 Safari/537.36 Edg/143.0.0.0", _EDGE143, "Windows"),
    Browser("chromium", f"Mozilla/5.0 (Windows NT 10.0; Win64; x64) {_AW} Chrome/142.0.0.0 Safari/537.36 Edg/142.0.0.0", _EDGE142, "Windows"),
    Browser("chromium", f"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) {_AW} Chrome/143.0.0.0 Safari/537.36", _BRAVE, "macOS"),
    Browser("chromium", f"Mozilla/5.0 (Windows NT 10.0; Win64; x64) {_AW} Chrome/142.0.0.0 Safari/537.36 OPR/125.0.0.0", _OPERA, "Windows"),
    Browser("chromium", f"Mozilla/5.0 (Linux; Android 10; K) {_AW} Chrome/143.0.0.0 Mobile Safari/537.36", _BR143, "Android", True),
    Browser("chromium", f"Mozilla/5.0 (Linux; Android 10; K) {_AW} Chrome/142.0.0.0 Mobile Safari/537.36", _BR142, "Android", True),
    Browser("chromium", f"Mozilla/5.0 (Linux; Android 10; K) {_AW} SamsungBrowser/29.0 Chrome/136.0.0.0 Mobile Safari/537.36", _SAMSUNG, "Android", True),
    Browser("firefox", "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:146.0) Gecko/20100101 Firefox/146.0"),
    Browser("firefox", "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:145.0) Gecko/20100101 Firefox/145.0"),
    Browser("firefox", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:146.0) Gecko/20100101 Firefox/146.0"),
    Browser("firefox", "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"),
    Browser("firefox", "Mozilla/5.0 (X11; Fedora; Linux x86_64; rv:146.0) Gecko/20100101 Firefox/146.0"),
    Browser("firefox", "Mozilla/5.0 (Android 16; Mobile; rv:146.0) Gecko/146.0 Firefox/146.0", mobile=True),
    Browser("safari", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.1 Safari/605.1.15"),
    Browser("safari", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.0.1 Safari/605.1.15"),
    Browser("safari", "Mozilla/5.0 (iPhone; CPU iPhone OS 18_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.1 Mobile/15E148 Safari/604.1", mobile=True),
    Browser("safari", "Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.6 Mobile/15E148 Safari/604.1", mobile=True),
    Browser("safari", "Mozilla/5.0 (iPad; CPU OS 18_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.1 Mobile/15E148 Safari/604.1", mobile=True),
]

def browser_of(rng: random.Random, family: str | None = None, *, desktop: bool = False) -> Browser:
    """A browser of one family (so a multipart boundary matches the browser that made it)."""
    pool = [b for b in BROWSERS if (family is None or b.family == family) and not (desktop and b.mobile)]
    return pick(rng, pool)


ACCEPT_LANG: dict[str, list[str]] = {
    "en": ["en-US,en;q=0.9", "en-GB,en;q=0.9", "en-US,en;q=0.5", "en-CA,en-US;q=0.9,en;q=0.8", "en-NZ,en;q=0.9",
           "en-IN,en-GB;q=0.9,en-US;q=0.8,en;q=0.7"],
    "de": ["de-DE,de;q=0.9,en-US;q=0.8,en;q=0.7", "de-CH,de;q=0.9,fr;q=0.8,en;q=0.7", "de,en-US;q=0.7,en;q=0.3"],
    "fr": ["fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7", "fr-CA,fr;q=0.9,en-CA;q=0.8,en;q=0.7", "fr,fr-FR;q=0.8,en-US;q=0.5,en;q=0.3"],
    "es": ["es-ES,es;q=0.9,en;q=0.8", "es-AR,es-419;q=0.9,es;q=0.8,en;q=0.7", "es-MX,es;q=0.9"],
    "pt": ["pt-BR,pt;q=0.9,en-US;q=0.8,en;q=0.7", "pt-PT,pt;q=0.9"],
    "it": ["it-IT,it;q=0.9,en-US;q=0.8,en;q=0.7"],
    "nl": ["nl-NL,nl;q=0.9,en-US;q=0.8,en;q=0.7", "nl-BE,nl;q=0.9,fr-BE;q=0.8,en;q=0.6"],
    "pl": ["pl-PL,pl;q=0.9,en-US;q=0.8,en;q=0.7"],
    "sv": ["sv-SE,sv;q=0.9,en-US;q=0.8,en;q=0.7"],
    "tr": ["tr-TR,tr;q=0.9,en-US;q=0.8,en;q=0.7"],
    "ja": ["ja,en-US;q=0.9,en;q=0.8", "ja-JP,ja;q=0.9"],
    "ko": ["ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7"],
    "zh": ["zh-CN,zh;q=0.9", "zh-TW,zh;q=0.9,en-US;q=0.8,en;q=0.7"],
    "ar": ["ar,en-US;q=0.9,en;q=0.8", "ar-EG,ar;q=0.9,en;q=0.8"],
    "he": ["he-IL,he;q=0.9,en-US;q=0.8,en;q=0.7"],
    "ru": ["ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7"],
    "uk": ["uk-UA,uk;q=0.9,en-US;q=0.8,en;q=0.7"],
    "el": ["el-GR,el;q=0.9,en;q=0.8"],
    "hi": ["hi-IN,hi;q=0.9,en-IN;q=0.8,en;q=0.7"],
    "th": ["th-TH,th;q=0.9,en;q=0.8"],
    "vi": ["vi-VN,vi;q=0.9,en-US;q=0.8,en;q=0.7"],
    "id": ["id-ID,id;q=0.9,en-US;q=0.8,en;q=0.7"],
}

_PAGE_ACCEPT = {
    "chromium": "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7",
    "firefox": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "safari": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
}


def browser(rng: random.Random, source: str, kind: str, method: str, host: str, path: str, qs: str = "", *,
            body: bytes | None = None, ctype: str | None = None, page: bool = False, referer: str | None = None,
            cookie: str | None = None, lang: str = "en", accept: str | None = None,
            extra: Headers | None = None, b: Browser | None = None, site: str = "same-origin",
            origin: str | None = None, dest: str | None = None, mode: str | None = None,
            activated: bool = True) -> Request:
    """A browser request: a page load or a form post (`page`), or a fetch()/XHR/subresource."""
    b = b or pick(rng, BROWSERS)
    if body is None and method in ("POST", "PUT", "PATCH"):
        body = b""  # fetch() with no body still sends content-length: 0
    al = pick(rng, ACCEPT_LANG.get(lang, ACCEPT_LANG["en"]))
    acc = accept or (_PAGE_ACCEPT[b.family] if page else "*/*")
    org: Headers = []
    if method != "GET" or origin:
        org = [("origin", origin or f"https://{host}")]
    cl: Headers = [("content-length", str(len(body)))] if body is not None else []
    ct: Headers = [("content-type", ctype)] if ctype and body is not None else []
    rf: Headers = [("referer", referer)] if referer else []
    ck: Headers = [("cookie", cookie)] if cookie else []
    x = list(extra or [])
    md = mode or ("navigate" if page else "cors")
    ds = dest or ("document" if page else "empty")
    user: Headers = [("sec-fetch-user", "?1")] if page and activated and ds == "document" else []
    h: Headers = [("host", host)]
    if b.family == "chromium":
        mob = "?1" if b.mobile else "?0"
        plat = f'"{b.platform}"'
        if page:
            h += [("connection", "keep-alive"), *cl]
            if method == "POST":
                h.append(("cache-control", "max-age=0"))
            h += [("sec-ch-ua", b.brands), ("sec-ch-ua-mobile", mob), ("sec-ch-ua-platform", plat), *org, *ct,
                  ("upgrade-insecure-requests", "1"), ("user-agent", b.ua), ("accept", acc),
                  ("sec-fetch-site", site), ("sec-fetch-mode", md), *user, ("sec-fetch-dest", ds), *rf,
                  ("accept-encoding", "gzip, deflate, br, zstd"), ("accept-language", al), *ck, *x,
                  ("priority", "u=0, i")]
        else:
            h += [("connection", "keep-alive"), *cl, ("sec-ch-ua-platform", plat), *x, ("user-agent", b.ua),
                  ("accept", acc), ("sec-ch-ua", b.brands), *ct, ("sec-ch-ua-mobile", mob), *org,
                  ("sec-fetch-site", site), ("sec-fetch-mode", md), ("sec-fetch-dest", ds), *rf,
                  ("accept-encoding", "gzip, deflate, br, zstd"), ("accept-language", al), *ck,
                  ("priority", "u=1, i" if ds == "empty" else "u=4, i")]
    elif b.family == "firefox":
        h += [("user-agent", b.ua), ("accept", acc), ("accept-language", al),
              ("accept-encoding", "gzip, deflate, br, zstd"), *x, *ct, *cl, *org, ("connection", "keep-alive"),
              *rf, *ck]
        if page:
            h.append(("upgrade-insecure-requests", "1"))
        h += [("sec-fetch-dest", ds), ("sec-fetch-mode", md), ("sec-fetch-site", site), *user]
        h += [("priority", "u=0, i" if page else "u=4"), ("te", "trailers")]
    else:
        h += [*ct, ("accept", acc), ("sec-fetch-site", site), *ck, ("sec-fetch-dest", ds), ("accept-language", al),
              ("sec-fetch-mode", md), *org, ("user-agent", b.ua), *rf, *cl, *x]
        if page and method == "GET":
            h.append(("upgrade-insecure-requests", "1"))
        h += [("accept-encoding", "gzip, deflate, br"), ("priority", "u=0, i" if page else "u=3, i"),
              ("connection", "keep-alive")]
    return Request(source, kind, method, path, qs, h, body)


# ------------------------------------------------------------------ cookies, CSRF, tokens


def _ga(rng: random.Random) -> list[tuple[str, str]]:
    t = epoch(rng) - rng.randrange(20_000_000)
    jar = [("_ga", f"GA1.1.{rng.randrange(10**8, 2 * 10**9)}.{t}")]
    if rng.random() < 0.6:
        jar.append((f"_ga_{chars(rng, 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789', 10)}",
                    f"GS2.1.s{t + 86_000}$o{rng.randrange(1, 90)}$g{rng.randrange(2)}$t{t + 86_400}$j{rng.randrange(60)}$l0$h0"))
    if rng.random() < 0.25:
        jar.append(("_gcl_au", f"1.1.{rng.randrange(10**9, 2 * 10**9)}.{t}"))
    return jar


def cookie_jar(rng: random.Random, framework: str, *, extra: Sequence[tuple[str, str]] = (),
               analytics: float = 0.5) -> str:
    """The Cookie header a signed-in browser sends to a Python backend."""
    jar: list[tuple[str, str]] = []
    if rng.random() < analytics:
        jar += _ga(rng)
    if framework == "django":
        jar += [("csrftoken", chars(rng, ALNUM, 32)), ("sessionid", chars(rng, LOWER, 32))]
    elif framework == "flask":
        jar.append(("session", "." + b64url(rbytes(rng, 48 + rng.randrange(40))) + "." + b64url(rbytes(rng, 4))
                    + "." + b64url(rbytes(rng, 20))))
    elif framework == "starlette":
        payload = base64.b64encode(js_json({"user_id": rng.randrange(1, 10**6)}).encode()).decode()
        jar.append(("session", payload + "." + b64url(rbytes(rng, 6)) + "." + b64url(rbytes(rng, 20))))
    elif framework == "jupyter":
        jar += [("_xsrf", "2|" + hexs(rng, 8) + "|" + hexs(rng, 32) + "|" + str(epoch(rng))),
                ("jupyterhub-session-id", hexs(rng, 32))]
    elif framework == "fastapi":
        jar.append(("access_token", quote("Bearer " + b64url(rbytes(rng, 24)) + "." + b64url(rbytes(rng, 90))
                                          + "." + b64url(rbytes(rng, 32)), safe="")))
    else:
        jar.append(("sid", b64url(rbytes(rng, 32))))
    jar += list(extra)
    return "; ".join(f"{k}={v}" for k, v in jar)


def csrf(rng: random.Random, framework: str) -> Headers:
    if framework == "django":
        return [("x-csrftoken", chars(rng, ALNUM, 64))]
    if framework == "flask":
        return [("x-csrf-token", "Im" + b64url(rbytes(rng, 30)) + "." + b64url(rbytes(rng, 4)) + "." + b64url(rbytes(rng, 20)))]
    if framework == "jupyter":
        return [("x-xsrftoken", "2|" + hexs(rng, 8) + "|" + hexs(rng, 32) + "|" + str(epoch(rng)))]
    return [("x-csrf-token", b64url(rbytes(rng, 32)))]


def jwt(rng: random.Random, claims: dict[str, object], *, alg: str = "RS256") -> str:
    head = b64url(js_json({"alg": alg, "kid": hexs(rng, 12), "typ": "JWT"}).encode())
    payload = b64url(js_json(claims).encode())
    return f"{head}.{payload}.{b64url(rbytes(rng, 32 if alg.startswith('HS') else 256))}"


def bearer(rng: random.Random, iss: str, scope: str = "openid profile") -> str:
    iat = epoch(rng)
    return "Bearer " + jwt(rng, {"iss": iss, "sub": uuid4(rng), "aud": "web", "iat": iat, "exp": iat + 3600,
                                 "scope": scope})


# ------------------------------------------------------------------ non-browser clients

_EMBEDDED_UA = ["ESP32HTTPClient", "esp-idf/5.2.2 (esp32s3)", "lwIP/2.1.3", "Zephyr-HTTP/3.7",
                "AtlasSense-FW/3.4.1", "thermo-node/2.0.9 (rp2040; mbedTLS 3.6)"]


def client(rng: random.Random, source: str, kind: str, method: str, host: str, path: str, qs: str = "", *,
           body: bytes | None = None, ctype: str | None = None, lib: str = "requests", auth: str | None = None,
           extra: Headers | None = None, ua: str | None = None, accept: str | None = None,
           lang: str | None = None) -> Request:
    """A non-browser client, with the header order that library uses."""
    if body is None and method in ("POST", "PUT", "PATCH") and lib != "curl":
        body = b""
    cl: Headers = [("content-length", str(len(body)))] if body is not None else []
    ct: Headers = [("content-type", ctype)] if ctype and body is not None else []
    au: Headers = [("authorization", auth)] if auth else []
    x = list(extra or [])
    h: Headers
    if lib == "requests":
        h = [("host", host), ("user-agent", ua or pick(rng, ["python-requests/2.32.5", "python-requests/2.32.3"])),
             ("accept-encoding", "gzip, deflate"), ("accept", accept or "*/*"), ("connection", "keep-alive"), *au, *x,
             *cl, *ct]
    elif lib == "httpx":
        h = [("host", host), ("accept", accept or "*/*"), ("accept-encoding", "gzip, deflate, br, zstd"),
             ("connection", "keep-alive"), ("user-agent", ua or "python-httpx/0.28.1"), *au, *x, *cl, *ct]
    elif lib == "aiohttp":
        h = [("host", host), *au, *x, ("accept", accept or "*/*"), ("accept-encoding", "gzip, deflate, br"),
             ("user-agent", ua or "Python/3.12 aiohttp/3.13.2"), *cl, *ct]
    elif lib == "urllib":
        h = [("accept-encoding", "identity"), *cl, ("host", host), ("user-agent", ua or "Python-urllib/3.11"), *ct,
             *au, *x, ("connection", "close")]
    elif lib == "curl":
        h = [("host", host), ("user-agent", ua or pick(rng, ["curl/8.11.1", "curl/8.7.1", "curl/7.88.1"])),
             ("accept", accept or "*/*"), *au, *x, *ct, *cl]
    elif lib == "node":  # undici fetch
        h = [("host", host), ("connection", "keep-alive"), *ct, *au, *x, ("accept", accept or "*/*"),
             ("accept-language", "*"), ("sec-fetch-mode", "cors"), ("user-agent", ua or "node"),
             ("accept-encoding", "gzip, deflate"), *cl]
    elif lib == "axios":
        h = [("host", host), ("accept", accept or "application/json, text/plain, */*"), *ct, *au, *x,
             ("user-agent", ua or "axios/1.13.2"), *cl, ("accept-encoding", "gzip, compress, deflate, br"),
             ("connection", "keep-alive")]
    elif lib == "go":
        h = [("host", host), ("user-agent", ua or "Go-http-client/1.1"), *cl, *au, *x, *ct,
             *([("accept", accept)] if accept else []), ("accept-encoding", "gzip")]
    elif lib == "java":
        h = [*cl, ("host", host), ("user-agent", ua or "Java-http-client/21.0.5"), *au, *x, *ct,
             *([("accept", accept)] if accept else [])]
    elif lib == "dotnet":
        h = [("host", host), *au, *x, *([("accept", accept)] if accept else []), *ct, *cl,
             *([("user-agent", ua)] if ua else [])]
    elif lib == "okhttp":
        h = [*au, *x, *([("accept", accept)] if accept else []), *ct, *cl, ("host", host),
             ("connection", "Keep-Alive"), ("accept-encoding", "gzip"), ("user-agent", ua or "okhttp/4.12.0")]
    elif lib == "ios":
        h = [("host", host), *ct, *au, ("accept", accept or "application/json"), *x,
             ("accept-language", lang or pick(rng, ["en-GB,en;q=0.9", "en-US,en;q=0.9", "de-DE,de;q=0.9", "fr-FR,fr;q=0.9", "ja-JP,ja;q=0.9"])),
             ("accept-encoding", "gzip, deflate, br"), ("user-agent", ua or "App/1 CFNetwork/3860.100.1 Darwin/25.0.0"),
             *cl, ("connection", "keep-alive")]
    elif lib == "dart":
        h = [("user-agent", ua or "Dart/3.8 (dart:io)"), *ct, *au, *x, *([("accept", accept)] if accept else []),
             ("accept-encoding", "gzip"), *cl, ("host", host)]
    elif lib == "embedded":
        h = [("host", host), ("user-agent", ua or pick(rng, _EMBEDDED_UA)), ("connection", pick(rng, ["close", "keep-alive"])),
             *au, *x, *ct, *cl]
    elif lib == "arduino":
        h = [("host", host), ("user-agent", ua or "ESP8266HTTPClient"), ("connection", "keep-alive"),
             ("accept-encoding", "identity;q=1,chunked;q=0.1,*;q=0"), *au, *x, *ct, *cl]
    else:
        raise ValueError(lib)
    seen: set[str] = set()
    out: Headers = []
    for name, value in h:
        if name not in seen:
            seen.add(name)
            out.append((name, value))
    return Request(source, kind, method, path, qs, out, body)


# ------------------------------------------------------------------ people (all invented)

GIVEN = ["Siobhán", "Ciarán", "Niamh", "Eoin", "Zoë", "Chloé", "Éloïse", "Maëlle", "Anaïs", "Gaëtan", "Jérôme",
         "Björn", "Åsa", "Maja", "Jörg", "Lotte", "Stijn", "Agnieszka", "Bartłomiej", "Zuzanna", "Mateusz",
         "Ngũgĩ", "Wanjirũ", "Chidinma", "Adebayo", "Kwame", "Thabo", "Nomvula", "Zeynep", "Emre", "Çağla",
         "Inês", "João", "Conceição", "Álvaro", "Begoña", "Nerea", "Xoán", "Giorgia", "Niccolò", "Ilaria",
         "Haruka", "Sōta", "Ren", "Mei", "Xiaoling", "Wei", "Ji-woo", "Seo-yeon", "Anh", "Thảo", "Arjun",
         "Aarav", "Divya", "Sanjana", "Fatima", "Omar", "Layla", "Youssef", "Noa", "Yael", "Oksana", "Taras",
         "Ekaterina", "Dmitri", "Hannah", "Marcus", "DeShawn", "Keisha", "Ryan", "Megan", "Tyler", "Ashley",
         "Mary-Kate", "Jean-Baptiste", "Ana-Maria", "Kai", "Rowan", "Sinéad", "Pádraig", "Eilís"]
FAMILY = ["O'Brien", "O'Connor", "O'Sullivan", "Ó Súilleabháin", "Mac Giolla", "D'Angelo", "D'Souza", "Dell'Orto",
          "L'Estrange", "DiMaggio", "Müller", "Größer", "Schrödinger-Lenz", "Ødegård", "Åkesson", "Lindqvist",
          "Brzęczyszczykiewicz", "Wróblewska", "Nowak", "Ngũgĩ", "Wa Thiong'o", "Okonkwo", "Mensah", "Ndlovu",
          "Şahin", "Güneş", "Gonçalves", "Magalhães", "Muñoz", "Ibáñez", "Castro-Vázquez", "de la Cruz",
          "Van den Broeck", "van 't Hof", "ter Horst", "Rossi", "Fitz-Simmons", "Smith-Jones", "St. Clair",
          "McDonald", "MacLeod", "Watanabe", "Satō", "Takahashi", "Zhang", "Li", "Park", "Choi", "Trần",
          "Phạm", "Iyer", "Reddy", "Banerjee", "Haddad", "Al-Farsi", "El Amrani", "Ben-David", "Cohen",
          "Shevchenko", "Petrov", "Nguyen-Tran", "Johnson", "Williams", "Garcia", "Brown", "Taylor"]
MAIL = ["example.com", "example.org", "example.net", "mail.example.com", "example.co.uk", "example.de",
        "example.fr", "example.es", "example.it", "example.jp", "example.com.au", "example.ca", "example.ie"]


def person(rng: random.Random) -> tuple[str, str, str]:
    """(given, family, email) — nobody real."""
    g, f = pick(rng, GIVEN), pick(rng, FAMILY)
    local = pick(rng, [f"{g}.{f}", f"{g[0]}{f}", f"{g}{rng.randrange(1, 99)}", f"{f}{g[0]}", f"{g}_{f}",
                       f"{g}+{pick(rng, ['news', 'work', 'bank', 'travel'])}"])
    local = "".join(c for c in ascii_fold(local).lower() if c.isalnum() or c in "._+-")
    return g, f, f"{local}@{pick(rng, MAIL)}"


def phone(rng: random.Random) -> str:
    """Numbers from ranges reserved for drama and documentation."""
    return pick(rng, [f"+1 202-555-01{rng.randrange(10, 100)}", f"(312) 555-01{rng.randrange(10, 100)}",
                      f"+44 20 7946 0{rng.randrange(100, 1000)}", f"+44 7700 900{rng.randrange(100, 1000)}",
                      f"+61 4 9157 0{rng.randrange(100, 160)}", f"+1 613 555 01{rng.randrange(10, 100)}",
                      f"+353 20 910 {rng.randrange(1000, 10000)}", f"020 7946 0{rng.randrange(100, 1000)}"])


# ------------------------------------------------------------------ driving a source

