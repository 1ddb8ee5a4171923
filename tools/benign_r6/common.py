# ruff: noqa: RUF001
"""What the sixth corpus's sources share: the browsers, apps, SDKs and
webhook senders that talk to a Python backend (each with its own header
order), the cookie jars and CSRF headers of the frameworks behind them, body
encoders (JSON as each client writes it, form encoding, multipart with each
client's boundary), small fake files, and invented people and addresses.

Everything draws from the `random.Random` it is given, never from the clock
or the OS, so the output is the same on every run.
"""

from __future__ import annotations

import base64
import random
import string
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from benign_record import ALNUM, LOWER, form, js_json, py_json, text_parts
from benign_record import Part as Part

# re-exported: the sources import these from here
from benign_record import Request as Request
from benign_record import b64url as b64url
from benign_record import chars as chars
from benign_record import hexs as hexs
from benign_record import multipart as multipart
from benign_record import pick as pick
from benign_record import rbytes as rbytes
from benign_record import run as run
from benign_record import some as some
from benign_record import uuid4 as uuid4

fields = text_parts  # r6's sources call it fields
Headers = list[tuple[str, str]]
Maker = Callable[[random.Random], Request]

DIGITS = string.digits
UPPER = string.ascii_uppercase
UPNUM = string.ascii_uppercase + string.digits


# ------------------------------------------------------------------ small helpers


def chance(rng: random.Random, p: float) -> bool:
    return rng.random() < p


def qs(pairs: Sequence[tuple[str, str]]) -> str:
    """A query string as URLSearchParams and HTML forms write it (spaces as +)."""
    return form(pairs)


def qs_pct(pairs: Sequence[tuple[str, str]]) -> str:
    """A query string built with encodeURIComponent (spaces as %20)."""
    safe = "-_.!~*'()"
    return "&".join(f"{quote(k, safe=safe)}={quote(v, safe=safe)}" for k, v in pairs)


def qs_py(pairs: Sequence[tuple[str, str]]) -> str:
    """requests' params=: urlencode with quote_plus (it keeps no `*`)."""
    return urlencode(list(pairs))


_FOLD = str.maketrans({"ł": "l", "Ł": "L", "ß": "ss", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
                       "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ı": "i"})


def fold(s: str) -> str:
    """Strip accents the way slug and e-mail builders do."""
    d = unicodedata.normalize("NFKD", s.translate(_FOLD))
    return "".join(c for c in d if not unicodedata.combining(c))


def slugify(s: str) -> str:
    out: list[str] = []
    for c in fold(s).lower():
        if c.isalnum() and c.isascii():
            out.append(c)
        elif out and out[-1] != "-":
            out.append("-")
    return "".join(out).strip("-")


def jsb(obj: object) -> bytes:
    """JSON.stringify, UTF-8."""
    return js_json(obj).encode("utf-8")


def pyb(obj: object) -> bytes:
    """json.dumps defaults (requests json=, httpx json=)."""
    return py_json(obj).encode("utf-8")


def formb(pairs: Sequence[tuple[str, str]]) -> bytes:
    return form(pairs).encode("ascii")


def money(rng: random.Random, lo: float, hi: float) -> str:
    return f"{rng.uniform(lo, hi):.2f}"


def digits(rng: random.Random, n: int) -> str:
    return chars(rng, DIGITS, n)


def token(rng: random.Random, n: int = 32) -> str:
    return chars(rng, ALNUM, n)


def sig_hex(rng: random.Random, n: int = 64) -> str:
    return hexs(rng, n)


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


# ------------------------------------------------------------------ dates


def day(rng: random.Random, y0: int = 2026) -> str:
    """A date from November 2026 to March 2027."""
    m = pick(rng, [11, 12, 1, 2, 3])
    y = y0 if m >= 11 else y0 + 1
    return f"{y:04d}-{m:02d}-{rng.randint(1, 28):02d}"


def past_day(rng: random.Random) -> str:
    m = rng.randint(1, 11)
    return f"2026-{m:02d}-{rng.randint(1, 28):02d}"


def hhmm(rng: random.Random, lo: int = 7, hi: int = 19, step: int = 15) -> str:
    return f"{rng.randint(lo, hi):02d}:{pick(rng, list(range(0, 60, step))):02d}"


def iso(rng: random.Random) -> str:
    """Late-2026 instant as Date.toISOString writes it."""
    return (f"2026-{pick(rng, [11, 12])}-{rng.randint(1, 28):02d}T{rng.randrange(24):02d}:"
            f"{rng.randrange(60):02d}:{rng.randrange(60):02d}.{rng.randrange(1000):03d}Z")


def iso_py(rng: random.Random) -> str:
    """datetime.isoformat() with an offset, as Python services write it."""
    return (f"2026-{pick(rng, [11, 12])}-{rng.randint(1, 28):02d}T{rng.randrange(24):02d}:"
            f"{rng.randrange(60):02d}:{rng.randrange(60):02d}.{rng.randrange(10**6):06d}+00:00")


def epoch(rng: random.Random) -> int:
    return 1_793_500_000 + rng.randrange(9_000_000)


# ------------------------------------------------------------------ fake files


def jpeg(rng: random.Random, n: int = 600) -> bytes:
    exif = b"\xff\xe1\x00\x1cExif\x00\x00MM\x00*\x00\x00\x00\x08\x00\x01\x01\x12\x00\x03\x00\x00\x00\x01\x00\x01\x00\x00"
    return b"\xff\xd8" + exif + b"\xff\xdb\x00C\x00" + rbytes(rng, n) + b"\xff\xd9"


def png(rng: random.Random, n: int = 400) -> bytes:
    return (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x02\x80\x00\x00\x01\xe0\x08\x06\x00\x00\x00"
            + rbytes(rng, 4) + b"\x00\x00\x10\x00IDATx\x9c" + rbytes(rng, n) + b"\x00\x00\x00\x00IEND\xaeB`\x82")


def gif1x1() -> bytes:
    return b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"


def heic(rng: random.Random, n: int = 500) -> bytes:
    return b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + rbytes(rng, n)


def pdf(rng: random.Random, title: str, n: int = 300) -> bytes:
    return (b"%PDF-1.6\n%\xc7\xec\x8f\xa2\n1 0 obj\n<</Type/Catalog/Pages 2 0 R>>\nendobj\n"
            + f"4 0 obj\n<</Producer(Quartz PDFContext)/Title({fold(title)})>>\nendobj\n".encode("ascii", "replace")
            + f"5 0 obj\n<</Length {n}/Filter/FlateDecode>>\nstream\n".encode() + rbytes(rng, n)
            + b"\nendstream\nendobj\nxref\n0 6\ntrailer\n<</Size 6/Root 1 0 R/Info 4 0 R>>\nstartxref\n1187\n%%EOF\n")


def xlsx(rng: random.Random, n: int = 700) -> bytes:
    return (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00" + rbytes(rng, 16)
            + b"[Content_Types].xml" + rbytes(rng, n) + b"PK\x05\x06\x00\x00\x00\x00\x05\x00\x05\x00")


# ------------------------------------------------------------------ browsers


@dataclass(frozen=True)
class Browser:
    family: str  # "chrome" (Chromium-based), "firefox", "safari" (WebKit, incl. Chrome on iOS)
    ua: str
    brands: str = ""
    platform: str = ""
    mobile: bool = False


def _chrome(ua: str, brands: str, platform: str, mobile: bool = False) -> Browser:
    return Browser("chrome", ua, brands, platform, mobile)


_G142 = '"Chromium";v="142", "Google Chrome";v="142", "Not_A Brand";v="99"'
_G143 = '"Google Chrome";v="143", "Chromium";v="143", "Not A(Brand";v="24"'
_G144 = '"Not(A:Brand";v="8", "Chromium";v="144", "Google Chrome";v="144"'
_E143 = '"Microsoft Edge";v="143", "Chromium";v="143", "Not A(Brand";v="24"'
_E144 = '"Not(A:Brand";v="8", "Chromium";v="144", "Microsoft Edge";v="144"'
_B143 = '"Brave";v="143", "Chromium";v="143", "Not A(Brand";v="24"'
_S140 = '"Samsung Internet";v="29.0", "Chromium";v="140", "Not=A?Brand";v="24"'
_KHTML = "AppleWebKit/537.36 (KHTML, like Gecko)"

BROWSERS: list[Browser] = [
    _chrome(f"Mozilla/5.0 (Windows NT 10.0; Win64; x64) {_KHTML} Chrome/144.0.0.0 Safari/537.36", _G144, "Windows"),
    _chrome(f"Mozilla/5.0 (Windows NT 10.0; Win64; x64) {_KHTML} Chrome/143.0.0.0 Safari/537.36", _G143, "Windows"),
    _chrome(f"Mozilla/5.0 (Windows NT 10.0; Win64; x64) {_KHTML} Chrome/143.0.0.0 Safari/537.36", _G143, "Windows"),
    _chrome(f"Mozilla/5.0 (Windows NT 10.0; Win64; x64) {_KHTML} Chrome/142.0.0.0 Safari/537.36", _G142, "Windows"),
    _chrome(f"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) {_KHTML} Chrome/144.0.0.0 Safari/537.36", _G144, "macOS"),
    _chrome(f"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) {_KHTML} Chrome/143.0.0.0 Safari/537.36", _G143, "macOS"),
    _chrome(f"Mozilla/5.0 (X11; Linux x86_64) {_KHTML} Chrome/143.0.0.0 Safari/537.36", _G143, "Linux"),
    _chrome(f"Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) {_KHTML} Chrome/143.0.0.0 Safari/537.36", _G143, "Chrome OS"),
    _chrome(f"Mozilla/5.0 (Windows NT 10.0; Win64; x64) {_KHTML} Chrome/144.0.0.0 Safari/537.36 Edg/144.0.0.0", _E144, "Windows"),
    _chrome(f"Mozilla/5.0 (Windows NT 10.0; Win64; x64) {_KHTML} Chrome/143.0.0.0 Safari/537.36 Edg/143.0.3650.96", _E143, "Windows"),
    _chrome(f"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) {_KHTML} Chrome/143.0.0.0 Safari/537.36", _B143, "macOS"),
    _chrome(f"Mozilla/5.0 (Linux; Android 10; K) {_KHTML} Chrome/143.0.0.0 Mobile Safari/537.36", _G143, "Android", True),
    _chrome(f"Mozilla/5.0 (Linux; Android 10; K) {_KHTML} Chrome/144.0.0.0 Mobile Safari/537.36", _G144, "Android", True),
    _chrome(f"Mozilla/5.0 (Linux; Android 10; K) {_KHTML} SamsungBrowser/29.0 Chrome/140.0.0.0 Mobile Safari/537.36", _S140, "Android", True),
    Browser("firefox", "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:146.0) Gecko/20100101 Firefox/146.0"),
    Browser("firefox", "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:147.0) Gecko/20100101 Firefox/147.0"),
    Browser("firefox", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:146.0) Gecko/20100101 Firefox/146.0"),
    Browser("firefox", "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"),
    Browser("firefox", "Mozilla/5.0 (X11; Fedora; Linux x86_64; rv:146.0) Gecko/20100101 Firefox/146.0"),
    Browser("firefox", "Mozilla/5.0 (Android 16; Mobile; rv:146.0) Gecko/146.0 Firefox/146.0", mobile=True),
    Browser("safari", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.2 Safari/605.1.15"),
    Browser("safari", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.1 Safari/605.1.15"),
    Browser("safari", "Mozilla/5.0 (iPhone; CPU iPhone OS 26_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.1 Mobile/15E148 Safari/604.1", mobile=True),
    Browser("safari", "Mozilla/5.0 (iPhone; CPU iPhone OS 18_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.7 Mobile/15E148 Safari/604.1", mobile=True),
    Browser("safari", "Mozilla/5.0 (iPad; CPU OS 26_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.2 Mobile/15E148 Safari/604.1", mobile=True),
    Browser("safari", "Mozilla/5.0 (iPhone; CPU iPhone OS 26_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/143.0.7499.151 Mobile/15E148 Safari/604.1", mobile=True),
]

DESKTOP = [b for b in BROWSERS if not b.mobile]
MOBILE = [b for b in BROWSERS if b.mobile]

ACCEPT_LANGUAGE: dict[str, list[str]] = {
    "en": ["en-US,en;q=0.9", "en-GB,en;q=0.9", "en-US,en;q=0.9,es;q=0.8", "en-CA,en-US;q=0.9,en;q=0.8",
           "en-IE,en;q=0.9,ga;q=0.8", "en-AU,en-GB;q=0.9,en;q=0.8", "en-US", "en-IN,en;q=0.9,hi;q=0.8"],
    "es": ["es-US,es;q=0.9,en;q=0.8", "es-MX,es;q=0.9", "es-ES,es;q=0.9,en;q=0.7"],
    "zh": ["zh-CN,zh;q=0.9,en;q=0.8", "zh-TW,zh;q=0.9,en-US;q=0.8,en;q=0.7", "zh-HK,zh;q=0.9"],
    "ar": ["ar,en-US;q=0.9,en;q=0.8", "ar-EG,ar;q=0.9,en;q=0.8"],
    "ru": ["ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7", "ru,uk;q=0.9,en;q=0.8"],
    "fr": ["fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7", "fr-CA,fr;q=0.9,en-CA;q=0.8"],
    "de": ["de-DE,de;q=0.9,en-US;q=0.8,en;q=0.7", "de-CH,de;q=0.9,fr;q=0.8,en;q=0.7"],
    "pt": ["pt-BR,pt;q=0.9,en-US;q=0.8,en;q=0.7"],
    "vi": ["vi-VN,vi;q=0.9,en-US;q=0.8,en;q=0.7"],
    "ja": ["ja,en-US;q=0.9,en;q=0.8"],
    "ko": ["ko-KR,ko;q=0.9,en-US;q=0.8"],
    "nl": ["nl-NL,nl;q=0.9,en;q=0.8"],
    "pl": ["pl-PL,pl;q=0.9,en-US;q=0.8,en;q=0.7"],
    "tl": ["fil-PH,fil;q=0.9,en-US;q=0.8,en;q=0.7"],
}

_DOC_ACCEPT = {
    "chrome": "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7",
    "firefox": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "safari": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
}


def arrival(rng: random.Random, own: Sequence[str], external: Sequence[str] = (),
            direct: float = 0.25) -> tuple[str | None, str]:
    """(referer, sec-fetch-site) for a page load: from one of the site's own
    pages, from another site, or typed / bookmarked / opened from an app."""
    roll = rng.random()
    if roll < direct:
        return None, "none"
    if external and roll < direct + (1 - direct) * 0.35:
        return pick(rng, external), "cross-site"
    return pick(rng, own), "same-origin"


def origin_of(url: str) -> str:
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0]}"


def _merge(h: Headers, override: Headers) -> Headers:
    """Drop repeated names, keeping the first position and the override's value."""
    val = dict(override)
    seen: set[str] = set()
    out: Headers = []
    for k, v in h:
        if k in seen:
            continue
        seen.add(k)
        out.append((k, val.get(k, v)))
    return out


def nav(rng: random.Random, source: str, kind: str, host: str, path: str, query: str = "", *,
        method: str = "GET", body: bytes | None = None, ctype: str | None = None,
        cookie: str | None = None, referer: str | None = None, lang: str = "en",
        site: str = "same-origin", b: Browser | None = None, user: bool = True, dest: str = "document") -> Request:
    """A page load or a classic HTML form submission (`dest="iframe"` for an embed)."""
    b = b or pick(rng, BROWSERS)
    al = pick(rng, ACCEPT_LANGUAGE.get(lang, ACCEPT_LANGUAGE["en"]))
    cl: Headers = [("content-length", str(len(body)))] if body is not None else []
    ct: Headers = [("content-type", ctype)] if ctype and body is not None else []
    page_origin = origin_of(referer) if referer and site != "same-origin" else f"https://{host}"
    org: Headers = [("origin", page_origin)] if method != "GET" else []
    ref: Headers = [("referer", referer)] if referer else []
    ck: Headers = [("cookie", cookie)] if cookie else []
    su: Headers = [("sec-fetch-user", "?1")] if user else []
    if site == "none":
        ref = []
    elif referer is None and site == "same-origin":
        site = "none"  # nothing to come from: typed, bookmarked or opened from another app
    h: Headers = [("host", host)]
    if b.family == "chrome":
        h += [("connection", "keep-alive"), *cl]
        if method != "GET":
            h += [("cache-control", "max-age=0")]
        h += [("sec-ch-ua", b.brands), ("sec-ch-ua-mobile", "?1" if b.mobile else "?0"),
              ("sec-ch-ua-platform", f'"{b.platform}"'), *org, *ct, ("upgrade-insecure-requests", "1"),
              ("user-agent", b.ua), ("accept", _DOC_ACCEPT["chrome"]), ("sec-fetch-site", site),
              ("sec-fetch-mode", "navigate"), *su, ("sec-fetch-dest", dest), *ref,
              ("accept-encoding", "gzip, deflate, br, zstd"), ("accept-language", al), *ck, ("priority", "u=0, i")]
    elif b.family == "firefox":
        h += [("user-agent", b.ua), ("accept", _DOC_ACCEPT["firefox"]), ("accept-language", al),
              ("accept-encoding", "gzip, deflate, br, zstd"), *ct, *cl, *org, ("connection", "keep-alive"),
              *ref, *ck, ("upgrade-insecure-requests", "1"), ("sec-fetch-dest", dest),
              ("sec-fetch-mode", "navigate"), ("sec-fetch-site", site), *su, ("priority", "u=0, i")]
    else:
        h += [*ct, ("accept", _DOC_ACCEPT["safari"]), ("sec-fetch-site", site), *ck,
              ("sec-fetch-dest", dest), ("accept-language", al), ("sec-fetch-mode", "navigate"),
              *org, ("user-agent", b.ua), *ref, ("upgrade-insecure-requests", "1"), *cl,
              ("accept-encoding", "gzip, deflate, br"), ("priority", "u=0, i"), ("connection", "keep-alive")]
    return Request(source, kind, method, path, query, h, body)


def xhr(rng: random.Random, source: str, kind: str, method: str, host: str, path: str, query: str = "", *,
        body: bytes | None = None, ctype: str | None = None, cookie: str | None = None,
        referer: str | None = None, lang: str = "en", extra: Headers | None = None,
        accept: str = "application/json, text/plain, */*", site: str = "same-origin",
        b: Browser | None = None, mode: str = "cors", dest: str = "empty") -> Request:
    """A fetch()/XMLHttpRequest from a page (SPA, admin JS, embedded widget)."""
    b = b or pick(rng, BROWSERS)
    al = pick(rng, ACCEPT_LANGUAGE.get(lang, ACCEPT_LANGUAGE["en"]))
    cl: Headers = [("content-length", str(len(body)))] if body is not None else []
    ct: Headers = [("content-type", ctype)] if ctype and body is not None else []
    page_origin = origin_of(referer) if referer else f"https://{host}"
    org: Headers = [("origin", page_origin)] \
        if method != "GET" or (site != "same-origin" and mode == "cors") else []
    ref: Headers = [("referer", referer)] if referer else []
    ck: Headers = [("cookie", cookie)] if cookie else []
    x = list(extra or [])
    h: Headers = [("host", host)]
    if b.family == "chrome":
        h += [("connection", "keep-alive"), *cl, ("sec-ch-ua-platform", f'"{b.platform}"'), *x,
              ("sec-ch-ua", b.brands), *ct, ("sec-ch-ua-mobile", "?1" if b.mobile else "?0"),
              ("user-agent", b.ua), ("accept", accept), *org, ("sec-fetch-site", site),
              ("sec-fetch-mode", mode), ("sec-fetch-dest", dest), *ref,
              ("accept-encoding", "gzip, deflate, br, zstd"), ("accept-language", al), *ck, ("priority", "u=1, i")]
    elif b.family == "firefox":
        h += [("user-agent", b.ua), ("accept", accept), ("accept-language", al),
              ("accept-encoding", "gzip, deflate, br, zstd"), *x, *ct, *cl, *org, ("connection", "keep-alive"),
              *ref, *ck, ("sec-fetch-dest", dest), ("sec-fetch-mode", mode), ("sec-fetch-site", site),
              ("priority", "u=4"), ("te", "trailers")]
    else:
        h += [*ct, ("accept", accept), *x, ("sec-fetch-site", site), *ck, ("sec-fetch-dest", dest),
              ("accept-language", al), ("sec-fetch-mode", mode), *org, ("user-agent", b.ua), *ref, *cl,
              ("accept-encoding", "gzip, deflate, br"), ("priority", "u=3, i"), ("connection", "keep-alive")]
    return Request(source, kind, method, path, query, _merge(h, x), body)


def beacon(rng: random.Random, source: str, kind: str, host: str, path: str, body: bytes, ctype: str, *,
           referer: str, cookie: str | None = None, site: str = "same-origin", query: str = "") -> Request:
    """navigator.sendBeacon: a no-cors POST."""
    return xhr(rng, source, kind, "POST", host, path, query, body=body, ctype=ctype, cookie=cookie, referer=referer,
               accept="*/*", site=site, mode="no-cors")


def img(rng: random.Random, source: str, kind: str, host: str, path: str, query: str = "", *,
        referer: str | None = None, cookie: str | None = None, site: str = "same-origin") -> Request:
    """An <img> load (a tracking pixel, a thumbnail)."""
    b = pick(rng, BROWSERS)
    acc = {"chrome": "image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8",
           "firefox": "image/avif,image/webp,image/png,image/svg+xml,image/*;q=0.8,*/*;q=0.5",
           "safari": "image/webp,image/avif,image/jxl,image/heic,image/heic-sequence,video/*;q=0.8,image/png,image/svg+xml,image/*;q=0.8,*/*;q=0.5"}
    return xhr(rng, source, kind, "GET", host, path, query, cookie=cookie, referer=referer,
               accept=acc[b.family], site=site, b=b, mode="no-cors", dest="image")


def browser_boundary(rng: random.Random, b: Browser) -> str:
    if b.family == "firefox":
        return "----geckoformboundary" + hexs(rng, 32)
    return "----WebKitFormBoundary" + chars(rng, ALNUM, 16)


# ------------------------------------------------------------------ framework cookies and CSRF


def ga(rng: random.Random) -> list[tuple[str, str]]:
    t = epoch(rng) - rng.randrange(5_000_000)
    jar = [("_ga", f"GA1.1.{rng.randrange(10**8, 2 * 10**9)}.{t}")]
    if chance(rng, 0.6):
        jar.append((f"_ga_{chars(rng, UPNUM, 10)}", f"GS2.1.s{t + 7777}$o{rng.randrange(1, 90)}$g1$t{t + 7900}$j{rng.randrange(60)}$l0$h0"))
    if chance(rng, 0.2):
        jar.append(("_hjSessionUser_" + digits(rng, 7), b64url(js_json({"id": uuid4(rng)[:16], "created": t * 1000, "existing": True}).encode())))
    if chance(rng, 0.2):
        jar.append(("ajs_anonymous_id", uuid4(rng)))
    return jar


def frame_cookies(rng: random.Random, framework: str) -> list[tuple[str, str]]:
    if framework == "django":
        return [("csrftoken", token(rng, 32)), ("sessionid", chars(rng, LOWER, 32))]
    if framework == "flask":
        return [("session", "." + b64url(rbytes(rng, rng.randint(40, 90))) + "." + b64url(rbytes(rng, 4)) + "." + b64url(rbytes(rng, 20)))]
    if framework == "fab":  # Flask-AppBuilder (Superset-like): a signed session plus a remember-me cookie
        return [("session", b64url(rbytes(rng, 120)) + "." + b64url(rbytes(rng, 4)) + "." + b64url(rbytes(rng, 20)))]
    if framework == "starlette":
        return [("session", b64(js_json({"uid": rng.randrange(10**6), "csrf": hexs(rng, 16)}).encode())
                 + "." + b64url(rbytes(rng, 6)) + "." + b64url(rbytes(rng, 20)))]
    if framework == "fastapi":
        return [("access_token", '"Bearer ' + b64url(rbytes(rng, 30)) + '"')]
    return [("sid", token(rng, 40))]


def jar(rng: random.Random, framework: str, *, extra: Sequence[tuple[str, str]] = (), analytics: float = 0.4) -> str:
    pairs: list[tuple[str, str]] = []
    if chance(rng, analytics):
        pairs += ga(rng)
    pairs += frame_cookies(rng, framework)
    pairs += list(extra)
    return "; ".join(f"{k}={v}" for k, v in pairs)


def csrf(rng: random.Random, framework: str) -> Headers:
    if framework == "django":
        return [("x-csrftoken", token(rng, 64))]
    if framework in ("flask", "fab"):
        return [("x-csrftoken", hexs(rng, 40) + "." + b64url(rbytes(rng, 18)))]
    if framework == "starlette":
        return [("x-csrf-token", b64url(rbytes(rng, 24)))]
    return []


def jwt(rng: random.Random, claims: dict[str, object], alg: str = "RS256") -> str:
    head = b64url(js_json({"alg": alg, "kid": hexs(rng, 12), "typ": "JWT"}).encode())
    return f"{head}.{b64url(js_json(claims).encode())}.{b64url(rbytes(rng, 256 if alg.startswith('RS') else 32))}"


def bearer(rng: random.Random, iss: str, scope: str = "read write") -> str:
    t = epoch(rng)
    return "Bearer " + jwt(rng, {"iss": iss, "sub": str(rng.randrange(10**6, 10**7)), "aud": "api",
                                 "iat": t, "exp": t + 3600, "scope": scope})


def api_key(rng: random.Random, prefix: str) -> str:
    return prefix + chars(rng, ALNUM, 40)


# ------------------------------------------------------------------ apps, SDKs, CLIs, webhook senders

LIBS = ("requests", "httpx", "aiohttp", "urllib3", "node", "axios", "go", "java", "apache", "okhttp",
        "ios", "curl", "dotnet", "ruby", "php")

_DEFAULT_UA = {
    "requests": ["python-requests/2.32.5", "python-requests/2.32.3"],
    "httpx": ["python-httpx/0.28.1", "python-httpx/0.27.2"],
    "aiohttp": ["Python/3.12 aiohttp/3.11.18", "Python/3.13 aiohttp/3.12.15"],
    "urllib3": ["python-urllib3/2.5.0"],
    "node": ["node", "undici"],
    "axios": ["axios/1.12.2", "axios/1.7.9"],
    "go": ["Go-http-client/1.1", "Go-http-client/2.0"],
    "java": ["Java-http-client/21.0.7", "Java-http-client/17.0.13"],
    "apache": ["Apache-HttpClient/5.4.2 (Java/21.0.7)", "Apache-HttpClient/4.5.14 (Java/17.0.13)"],
    "okhttp": ["okhttp/4.12.0", "okhttp/5.1.0"],
    "ios": ["App/1 CFNetwork/3860.100.1 Darwin/25.1.0"],
    "curl": ["curl/8.17.0", "curl/8.5.0", "curl/7.81.0"],
    "dotnet": [""],
    "ruby": ["Faraday v2.13.1", "Ruby"],
    "php": ["GuzzleHttp/7"],
}


def app(rng: random.Random, source: str, kind: str, method: str, host: str, path: str, query: str = "", *,
        lib: str, body: bytes | None = None, ctype: str | None = None, auth: str | None = None,
        extra: Headers | None = None, ua: str | None = None, accept: str | None = None) -> Request:
    """A request from a non-browser client, in that client's header order."""
    agent = ua if ua is not None else pick(rng, _DEFAULT_UA[lib])
    au: Headers = [("authorization", auth)] if auth else []
    x = list(extra or [])
    cl: Headers = [("content-length", str(len(body)))] if body is not None else []
    ct: Headers = [("content-type", ctype)] if ctype and body is not None else []
    uah: Headers = [("user-agent", agent)] if agent else []
    h: Headers
    if lib == "requests":
        h = [("host", host), *uah, ("accept-encoding", "gzip, deflate"), ("accept", accept or "*/*"),
             ("connection", "keep-alive"), *au, *x, *cl, *ct]
    elif lib == "httpx":
        h = [("host", host), ("accept", accept or "*/*"), ("accept-encoding", "gzip, deflate"),
             ("connection", "keep-alive"), *uah, *au, *x, *cl, *ct]
    elif lib == "aiohttp":
        h = [("host", host), *au, *x, ("accept", accept or "*/*"), ("accept-encoding", "gzip, deflate"),
             *uah, *cl, *ct]
    elif lib == "urllib3":
        h = [("host", host), ("accept-encoding", "identity"), *uah, *au, *x, *ct, *cl]
    elif lib == "node":
        h = [("host", host), ("connection", "keep-alive"), *ct, *au, *x, ("accept", accept or "*/*"),
             ("accept-language", "*"), ("sec-fetch-mode", "cors"), *uah, ("accept-encoding", "gzip, deflate"), *cl]
    elif lib == "axios":
        h = [("accept", accept or "application/json, text/plain, */*"), *ct, *au, *x, *uah, *cl,
             ("accept-encoding", "gzip, compress, deflate, br"), ("host", host), ("connection", "keep-alive")]
    elif lib == "go":
        rest = sorted([*au, *x, *ct, *([("accept", accept)] if accept else [])])
        h = [("host", host), *uah, *cl, *rest, ("accept-encoding", "gzip")]
    elif lib == "java":
        h = [*cl, ("host", host), *uah, *au, *x, *ct, *([("accept", accept)] if accept else [])]
    elif lib == "apache":
        h = [*([("accept", accept)] if accept else []), *au, *x, *cl, *ct, ("host", host),
             ("connection", "keep-alive"), *uah, ("accept-encoding", "gzip, x-gzip, deflate")]
    elif lib == "okhttp":
        h = [*au, *x, *([("accept", accept)] if accept else []), *ct, *cl, ("host", host),
             ("connection", "Keep-Alive"), ("accept-encoding", "gzip"), *uah]
    elif lib == "ios":
        h = [("host", host), *ct, *x, ("accept", accept or "*/*"), *au,
             ("accept-language", pick(rng, ["en-US,en;q=0.9", "en-GB,en;q=0.9", "es-US,es;q=0.9", "fr-CA,fr;q=0.9"])),
             ("accept-encoding", "gzip, deflate, br"), *uah, *cl, ("connection", "keep-alive")]
    elif lib == "curl":
        h = [("host", host), *uah, ("accept", accept or "*/*"), *au, *x, *cl, *ct]
    elif lib == "dotnet":
        h = [("host", host), *([("accept", accept)] if accept else []), *au, *x, *uah, *ct, *cl]
    elif lib == "ruby":
        h = [*uah, *au, *x, *ct, ("accept-encoding", "gzip;q=1.0,deflate;q=0.6,identity;q=0.3"),
             ("accept", accept or "*/*"), ("host", host), *cl]
    else:  # php (Guzzle)
        h = [("host", host), *uah, *au, *x, *ct, *([("accept", accept)] if accept else []), *cl]
    return Request(source, kind, method, path, query, _merge(h, x), body)


def lib_boundary(rng: random.Random, lib: str) -> str:
    """The multipart boundary each client library makes."""
    if lib in ("requests", "aiohttp", "urllib3", "httpx"):
        return hexs(rng, 32)
    if lib == "node":
        return "----formdata-undici-0" + digits(rng, 11)
    if lib == "axios":
        return "----axios" + hexs(rng, 24) if chance(rng, 0.5) else "--------------------------" + digits(rng, 24)
    if lib == "go":
        return hexs(rng, 60)
    if lib == "okhttp":
        return uuid4(rng)
    if lib == "ios":
        return "Boundary-" + uuid4(rng).upper()
    if lib == "curl":
        return "------------------------" + chars(rng, ALNUM, 22)
    if lib == "dotnet":
        return uuid4(rng)
    return "----" + chars(rng, ALNUM, 24)


# ------------------------------------------------------------------ people (all invented)

GIVEN = [
    "Siobhán", "Pádraig", "Aisling", "Zoë-Marie", "Caoimhe", "Thanh", "Nguyệt", "Bảo", "Oluwadamilare", "Chiamaka",
    "Kwabena", "Abena", "Søren", "Åsa", "Björn", "Eliška", "Radek", "Zsófia", "Bence", "Ioana", "Mihai", "Xóchitl",
    "Joaquín", "Begoña", "Gonçalo", "Inês", "Ayşe", "Emre", "Noor", "Youssef", "Fatima-Zahra", "Leilani", "Mateus",
    "Ngozi", "Tendai", "Aroha", "Hiroshi", "Sakura", "Seo-yeon", "Ji-ho", "Arjun", "Lakshmi", "Shreya", "Wei",
    "Xiaoling", "Dmitri", "Yekaterina", "Agnieszka", "Grzegorz", "Mary-Kate", "D'Shawn", "Jean-Baptiste", "Maëlle",
    "Anaïs", "Jörg", "Heike", "Ewan", "Morag", "Rhys", "Ffion", "Tomasz", "Marisol", "Ifeoma", "Chloé", "Rafael",
    "Sam", "Alex", "Jordan", "Taylor", "Priya", "Kenji", "Amara", "Elif", "Hannah", "Oisín", "Róisín", "Dylan",
]
FAMILY = [
    "O'Neill", "Ní Bhriain", "Nguyễn", "Mac Giolla Phádraig", "O'Sullivan", "Ó Súilleabháin", "MacDonald",
    "Fitzgerald-Kerr", "Trần", "Phạm", "Lê", "Adeyemi", "Mensah", "Nwosu", "Lindqvist", "Åberg", "Novotná",
    "Dvořák", "Szabó", "Kovács", "Popescu", "Hernández", "de la Cruz", "Núñez", "Gonçalves", "Araújo", "Yılmaz",
    "Çelik", "Haddad", "Al-Farsi", "Kahananui", "Te Awa", "Watanabe", "Kobayashi", "Park", "Choi", "Iyer",
    "Venkataraman", "Banerjee", "Zhang", "Liu", "Huang", "Sokolova", "Volkov", "Wróblewska", "St. John",
    "van den Heuvel", "von Bülow", "Müller-Lüdenscheidt", "D'Souza", "Le Goff", "Ng", "Smith", "Okonkwo",
    "Tshabalala", "García", "Rossi", "Bianchi", "Dubois", "Jansen", "Petrov", "Andersson", "Kaur", "Singh",
]
MAIL_DOMAINS = ["example.com", "example.org", "example.net", "mail.example.com", "example.ie", "example.co.uk",
                "example.de", "example.fr", "example.es", "example.com.au", "example.ca", "example.jp"]


@dataclass(frozen=True)
class Person:
    given: str
    family: str
    email: str
    phone: str

    @property
    def name(self) -> str:
        return f"{self.given} {self.family}"


def phone(rng: random.Random) -> str:
    """Numbers from ranges set aside for drama and documentation."""
    return pick(rng, [
        f"+1 555-01{rng.randrange(10, 100)}", f"(555) 01{rng.randrange(10, 100)}", f"555-01{rng.randrange(10, 100)}",
        f"+1-202-555-01{rng.randrange(10, 100)}", f"+44 20 7946 0{rng.randrange(100, 1000)}",
        f"+44 7700 900{rng.randrange(100, 1000)}", f"07700 900{rng.randrange(100, 1000)}",
        f"+353 20 910 {rng.randrange(1000, 10000)}", f"+61 4 9165 {rng.randrange(7000, 7400)}",
        f"+1 (613) 555-01{rng.randrange(10, 100)}", f"+49 30 {rng.randrange(10**7, 10**8)}",
    ])


def person(rng: random.Random) -> Person:
    g, f = pick(rng, GIVEN), pick(rng, FAMILY)
    local = pick(rng, [f"{g}.{f}", f"{g[0]}{f}", f"{g}{rng.randrange(1, 99)}", f"{g}_{f}", f"{f}.{g[0]}"])
    local = "".join(c for c in fold(local).lower() if c.isascii() and (c.isalnum() or c in "._-"))
    return Person(g, f, f"{local}@{pick(rng, MAIL_DOMAINS)}", phone(rng))


# ------------------------------------------------------------------ addresses (all invented)

STREETS = ["Larkspur Lane", "Quarry Road", "Millbrook Avenue", "Cedar Hollow Drive", "Old Mill Street",
           "Harbourview Terrace", "Fennel Court", "Juniper Way", "Kestrel Close", "Beacon Hill Road",
           "Orchard Row", "Tannery Lane", "Willowmere Crescent", "Saltmarsh Road", "Linden Place"]
CITIES_US = [("Springfield", "IL", "627"), ("Riverton", "WY", "825"), ("Fairview", "OR", "970"),
             ("Lakewood", "CO", "802"), ("Greenville", "SC", "296"), ("Madison", "WI", "537"),
             ("Franklin", "TN", "370"), ("Salem", "MA", "019")]


def address(rng: random.Random, country: str | None = None) -> dict[str, str]:
    """line1, line2, city, region, postal_code, country (ISO 3166-1 alpha-2)."""
    c = country or pick(rng, ["US", "US", "US", "GB", "IE", "CA", "DE", "FR", "AU", "NL", "ES", "JP"])
    n = str(rng.randint(1, 4999))
    st = pick(rng, STREETS)
    line2 = ""
    if c == "US":
        city, region, z = pick(rng, CITIES_US)
        if chance(rng, 0.35):
            line2 = pick(rng, [f"Apt {rng.randint(1, 40)}{pick(rng, 'ABCD')}", f"Suite {rng.randint(100, 900)}",
                               f"Unit {rng.randint(1, 30)}", f"#{rng.randint(100, 999)}"])
        return {"line1": f"{n} {st}", "line2": line2, "city": city, "region": region,
                "postal_code": z + digits(rng, 2), "country": c}
    if c == "GB":
        line2 = f"Flat {rng.randint(1, 12)}" if chance(rng, 0.3) else ""
        return {"line1": f"{rng.randint(1, 220)} {st}", "line2": line2,
                "city": pick(rng, ["Ashford", "Harrowgate", "Kirkby Lonsdale", "Tewkesbury", "Stroud"]),
                "region": "", "postal_code": f"{pick(rng, ['ZX', 'QQ', 'XY'])}{rng.randint(1, 9)} {rng.randint(1, 9)}{chars(rng, 'ABDEFGHJLNPQRSTUWXYZ', 2)}",
                "country": c}
    if c == "IE":
        return {"line1": f"{rng.randint(1, 90)} {pick(rng, ['Bóthar na Trá', 'Church Street', 'Sráid Mhór', 'Glenview Park'])}",
                "line2": pick(rng, ["", "Knocknacarra", "Ballybrack"]), "city": pick(rng, ["Gaillimh", "Cork", "Sligo", "Ennis"]),
                "region": pick(rng, ["Co. Galway", "Co. Cork", "Co. Sligo", "Co. Clare"]),
                "postal_code": f"{pick(rng, ['H91', 'T12', 'F91', 'V95'])} {chars(rng, UPNUM, 4)}", "country": c}
    if c == "CA":
        return {"line1": f"{n} {st}", "line2": line2, "city": pick(rng, ["Kingsford", "Trois-Rivières", "Red Deer"]),
                "region": pick(rng, ["ON", "QC", "AB"]),
                "postal_code": f"{pick(rng, 'KHT')}{rng.randint(1, 9)}{pick(rng, 'ABCEGH')} {rng.randint(1, 9)}{pick(rng, 'JKLMNP')}{rng.randint(1, 9)}",
                "country": c}
    if c == "DE":
        return {"line1": f"{pick(rng, ['Lindenstraße', 'Am Mühlbach', 'Kastanienallee', 'Hauptstraße'])} {rng.randint(1, 140)}{pick(rng, ['', '', 'a', 'b'])}",
                "line2": pick(rng, ["", "3. OG", "Hinterhaus"]), "city": pick(rng, ["Musterstadt", "Neuhausen", "Bad Waldsee"]),
                "region": "", "postal_code": digits(rng, 5), "country": c}
    if c == "FR":
        return {"line1": f"{rng.randint(1, 90)} {pick(rng, ['rue des Tilleuls', 'avenue de la Gare', 'chemin du Moulin', 'place de l’Église'])}",
                "line2": pick(rng, ["", "Bâtiment B", "Appt 12"]), "city": pick(rng, ["Villeneuve", "Saint-Martin", "Beaulieu"]),
                "region": "", "postal_code": digits(rng, 5), "country": c}
    if c == "AU":
        return {"line1": f"{rng.randint(1, 300)} {st}", "line2": pick(rng, ["", f"Unit {rng.randint(1, 20)}"]),
                "city": pick(rng, ["Wattle Grove", "Bayview", "Glenelg North"]), "region": pick(rng, ["NSW", "VIC", "SA", "QLD"]),
                "postal_code": str(rng.randint(2000, 5999)), "country": c}
    if c == "NL":
        return {"line1": f"{pick(rng, ['Kerkstraat', 'Molenweg', 'Prinsengracht'])} {rng.randint(1, 300)}{pick(rng, ['', '-II', 'A'])}",
                "line2": "", "city": pick(rng, ["Zuiderburg", "Nieuwdorp"]), "region": "",
                "postal_code": f"{rng.randint(1000, 9999)} {chars(rng, UPPER, 2)}", "country": c}
    if c == "ES":
        return {"line1": f"Calle {pick(rng, ['del Olivo', 'Mayor', 'de la Luna'])}, {rng.randint(1, 99)}, {rng.randint(1, 6)}º {pick(rng, 'ABCD')}",
                "line2": "", "city": pick(rng, ["Villanueva", "San Roque"]), "region": pick(rng, ["Madrid", "Sevilla", "Valencia"]),
                "postal_code": f"{rng.randint(1, 52):02d}{digits(rng, 3)}", "country": c}
    return {"line1": f"{rng.randint(1, 9)}-{rng.randint(1, 30)}-{rng.randint(1, 20)} {pick(rng, ['Minami-cho', 'Sakuragaoka', 'Higashi'])}",
            "line2": pick(rng, ["", f"Room {rng.randint(101, 909)}"]), "city": pick(rng, ["Shinagawa-ku", "Naka-ku"]),
            "region": pick(rng, ["Tokyo", "Kanagawa", "Aichi"]), "postal_code": f"{digits(rng, 3)}-{digits(rng, 4)}", "country": "JP"}


# ------------------------------------------------------------------ driving a source

