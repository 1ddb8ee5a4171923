# ruff: noqa: RUF001 - real text uses typographic characters
"""The clients that send the seventh corpus and the small encoders they use:
browsers (each family with its own header order, client hints, fetch
metadata, framework cookies), mobile apps, SDKs, CLIs, webhook senders and
embedded devices; people, streets and phone numbers, all invented.

Everything draws from the `random.Random` it is given, never from the clock
or the OS, so the output is the same on every run.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import random
import struct
import unicodedata
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote

from benign_record import (
    ALNUM,
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
    "ALNUM", "BROWSERS", "LOWER", "Browser", "Headers", "Part", "Request", "address", "ascii_fold",
    "b64url", "bearer", "boundary", "browser", "chars", "client", "cookie_jar", "csrf", "day",
    "doc_ip", "epoch", "fake_gif", "fake_heic", "fake_jpeg", "fake_pdf", "fake_png", "form",
    "hexs", "hmac_hex", "js_json", "jwt", "money", "multipart", "person", "phone", "pick",
    "py_json", "query", "rbytes", "run", "slug", "some", "stamp", "text_parts", "uri_query", "uuid4",
]

Headers = list[tuple[str, str]]


# ------------------------------------------------------------------ small helpers


def query(pairs: Sequence[tuple[str, str]]) -> str:
    """A query string as URLSearchParams or an HTML form GET writes it."""
    return form(pairs)


_FOLD = str.maketrans({"ł": "l", "Ł": "L", "ß": "ss", "ø": "o", "Ø": "O", "æ": "ae", "đ": "d",
                       "ð": "d", "þ": "th", "ı": "i", "œ": "oe"})


def ascii_fold(s: str) -> str:
    d = unicodedata.normalize("NFKD", s.translate(_FOLD))
    return "".join(c for c in d if not unicodedata.combining(c))


def slug(s: str) -> str:
    out: list[str] = []
    for c in ascii_fold(s).lower():
        if c.isalnum():
            out.append(c)
        elif out and out[-1] != "-":
            out.append("-")
    return "".join(out).strip("-")


def money(rng: random.Random, lo: float, hi: float) -> str:
    return f"{rng.uniform(lo, hi):.2f}"


def day(rng: random.Random, *, past: bool = False) -> str:
    """A calendar date in the weeks around early December 2026."""
    if past:
        m = rng.choice([9, 10, 11, 12])
        d = rng.randint(1, 6 if m == 12 else 28)
        return f"2026-{m:02d}-{d:02d}"
    m = rng.choice([12, 12, 1, 2])
    y = 2026 if m == 12 else 2027
    d = rng.randint(8 if m == 12 else 1, 28)
    return f"{y}-{m:02d}-{d:02d}"


def epoch(rng: random.Random) -> int:
    """Unix seconds, November to early December 2026."""
    return 1_793_491_200 + rng.randrange(3_000_000)


def hmac_hex(rng: random.Random, body: bytes) -> str:
    key = rbytes(rng, 24)
    return hmac.new(key, body, hashlib.sha256).hexdigest()


# ------------------------------------------------------------------ binary files


def _exif(make: str, model: str, when: str) -> bytes:
    """A small big-endian TIFF block with Make, Model and DateTime, as cameras write."""
    entries = [(0x010F, make.encode() + b"\0"), (0x0110, model.encode() + b"\0"),
               (0x0132, when.encode() + b"\0")]
    head = b"MM\x00\x2a\x00\x00\x00\x08"
    ifd_len = 2 + 12 * len(entries) + 4
    data_off = 8 + ifd_len
    ifd = struct.pack(">H", len(entries))
    blob = b""
    for tag, val in entries:
        ifd += struct.pack(">HHII", tag, 2, len(val), data_off + len(blob))
        blob += val
    ifd += b"\0\0\0\0"
    return b"Exif\0\0" + head + ifd + blob


def fake_jpeg(rng: random.Random, n: int, *, camera: tuple[str, str] | None = None) -> bytes:
    out = b"\xff\xd8"
    if camera:
        app1 = _exif(camera[0], camera[1], f"2026:{rng.randint(9, 11):02d}:{rng.randint(1, 28):02d} "
                                           f"{rng.randrange(24):02d}:{rng.randrange(60):02d}:{rng.randrange(60):02d}")
        out += b"\xff\xe1" + struct.pack(">H", len(app1) + 2) + app1
    else:
        out += b"\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x48\x00\x48\x00\x00"
    out += b"\xff\xdb\x00\x43\x00" + rbytes(rng, 64)
    out += b"\xff\xda\x00\x0c\x03\x01\x00\x02\x11\x03\x11\x00\x3f\x00" + rbytes(rng, n)
    return out + b"\xff\xd9"


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def fake_png(rng: random.Random, w: int, h: int, n: int) -> bytes:
    ihdr = struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", ihdr) + _png_chunk(b"IDAT", rbytes(rng, n))
            + _png_chunk(b"IEND", b""))


def fake_heic(rng: random.Random, n: int) -> bytes:
    ftyp = b"ftypheic\x00\x00\x00\x00mif1heicmiaf"
    return struct.pack(">I", len(ftyp) + 4) + ftyp + struct.pack(">I", n + 8) + b"mdat" + rbytes(rng, n)


def fake_gif(rng: random.Random, n: int) -> bytes:
    return b"GIF89a\x10\x00\x10\x00\x80\x00\x00" + rbytes(rng, n) + b"\x3b"


def fake_pdf(rng: random.Random, title: str) -> bytes:
    return (b"%PDF-1.6\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
            + f"4 0 obj\n<< /Title ({ascii_fold(title)}) /Producer (Quartz PDFContext) >>\nendobj\n".encode()
            + b"5 0 obj\n<< /Length 96 /Filter /FlateDecode >>\nstream\n" + rbytes(rng, 96)
            + b"\nendstream\nendobj\ntrailer\n<< /Root 1 0 R /Info 4 0 R >>\n%%EOF\n")


# ------------------------------------------------------------------ browsers


@dataclass(frozen=True)
class Browser:
    family: str  # chromium, firefox, safari
    ua: str
    brands: str = ""
    platform: str = ""
    mobile: bool = False


def _chromium(ua: str, brand: str, major: str, platform: str, mobile: bool = False) -> Browser:
    grease = {"141": '"Not?A_Brand";v="8"', "142": '"Chromium";v="142", "Not_A Brand";v="99"',
              "143": '"Not)A;Brand";v="24"'}[major]
    if brand == "Chromium":
        brands = f'"Chromium";v="{major}", "Not?A_Brand";v="8"'
    elif major == "142":
        brands = f'"{brand}";v="{major}", {grease}'
    else:
        brands = f'{grease}, "Chromium";v="{major}", "{brand}";v="{major}"'
    return Browser("chromium", ua, brands, platform, mobile)


_AW = "AppleWebKit/537.36 (KHTML, like Gecko)"
BROWSERS: list[Browser] = [
    _chromium(f"Mozilla/5.0 (Windows NT 10.0; Win64; x64) {_AW} Chrome/143.0.0.0 Safari/537.36", "Google Chrome", "143", "Windows"),
    _chromium(f"Mozilla/5.0 (Windows NT 10.0; Win64; x64) {_AW} Chrome/143.0.0.0 Safari/537.36", "Google Chrome", "143", "Windows"),
    _chromium(f"Mozilla/5.0 (Windows NT 10.0; Win64; x64) {_AW} Chrome/142.0.0.0 Safari/537.36", "Google Chrome", "142", "Windows"),
    _chromium(f"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) {_AW} Chrome/143.0.0.0 Safari/537.36", "Google Chrome", "143", "macOS"),
    _chromium(f"Mozilla/5.0 (X11; Linux x86_64) {_AW} Chrome/143.0.0.0 Safari/537.36", "Google Chrome", "143", "Linux"),
    _chromium(f"Mozilla/5.0 (Windows NT 10.0; Win64; x64) {_AW} Chrome/143.0.0.0 Safari/537.36 Edg/143.0.0.0", "Microsoft Edge", "143", "Windows"),
    _chromium(f"Mozilla/5.0 (Linux; Android 10; K) {_AW} Chrome/143.0.0.0 Mobile Safari/537.36", "Google Chrome", "143", "Android", True),
    _chromium(f"Mozilla/5.0 (Linux; Android 10; K) {_AW} Chrome/142.0.0.0 Mobile Safari/537.36", "Google Chrome", "142", "Android", True),
    _chromium(f"Mozilla/5.0 (Linux; Android 10; K) {_AW} SamsungBrowser/29.0 Chrome/141.0.0.0 Mobile Safari/537.36", "Samsung Internet", "141", "Android", True),
    _chromium(f"Mozilla/5.0 (X11; Linux x86_64) {_AW} Chrome/141.0.0.0 Safari/537.36", "Chromium", "141", "Linux"),
    _chromium(f"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) {_AW} Chrome/142.0.0.0 Safari/537.36 Vivaldi/7.7", "Vivaldi", "142", "macOS"),
    Browser("firefox", "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:146.0) Gecko/20100101 Firefox/146.0"),
    Browser("firefox", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:146.0) Gecko/20100101 Firefox/146.0"),
    Browser("firefox", "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"),
    Browser("firefox", "Mozilla/5.0 (X11; Fedora; Linux x86_64; rv:145.0) Gecko/20100101 Firefox/145.0"),
    Browser("firefox", "Mozilla/5.0 (Android 14; Mobile; rv:146.0) Gecko/146.0 Firefox/146.0", mobile=True),
    Browser("safari", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.1 Safari/605.1.15"),
    Browser("safari", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.6 Safari/605.1.15"),
    Browser("safari", "Mozilla/5.0 (iPhone; CPU iPhone OS 18_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.1 Mobile/15E148 Safari/604.1", mobile=True),
    Browser("safari", "Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.6 Mobile/15E148 Safari/604.1", mobile=True),
    Browser("safari", "Mozilla/5.0 (iPad; CPU OS 18_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.1 Mobile/15E148 Safari/604.1", mobile=True),
]

LANGS: dict[str, list[str]] = {
    "en": ["en-US,en;q=0.9", "en-GB,en;q=0.9", "en-US,en;q=0.5", "en-CA,en-US;q=0.9,en;q=0.8",
           "en-NZ,en;q=0.9", "en-US,en;q=0.9,es;q=0.8"],
    "de": ["de-DE,de;q=0.9,en;q=0.8", "de-CH,de;q=0.9,fr;q=0.8,en;q=0.7"],
    "fr": ["fr-FR,fr;q=0.9,en;q=0.8", "fr-CA,fr;q=0.9,en-CA;q=0.8,en;q=0.7"],
    "es": ["es-ES,es;q=0.9,en;q=0.8", "es-AR,es;q=0.9", "es-US,es;q=0.9,en-US;q=0.8"],
    "pt": ["pt-BR,pt;q=0.9,en;q=0.8"],
    "it": ["it-IT,it;q=0.9,en;q=0.8"],
    "nl": ["nl-BE,nl;q=0.9,fr;q=0.8,en;q=0.7"],
    "ja": ["ja,en-US;q=0.9,en;q=0.8"],
    "ko": ["ko-KR,ko;q=0.9"],
    "da": ["da-DK,da;q=0.9,en;q=0.8"],
    "pl": ["pl-PL,pl;q=0.9,en;q=0.8"],
}

_PAGE = {
    "chromium": "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7",
    "firefox": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "safari": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
}


# API hosts -> the page their same-site fetches come from
_FRONT = {
    "api.saltandember.example.com": "order.saltandember.example.com",
    "api.bazaarly.example.com": "www.bazaarly.example.com",
    "api.lumenshare.example.com": "www.lumenshare.example.com",
    "upload.lumenshare.example.com": "www.lumenshare.example.com",
    "paywall.harbourgazette.example.com": "www.harbourgazette.example.com",
    "api.formwright.example.com": "forms.formwright.example.com",
}


def browser(rng: random.Random, source: str, kind: str, method: str, host: str, path: str,
            qs: str = "", *, body: bytes | None = None, ctype: str | None = None,
            page: bool = False, referer: str | None = None, cookie: str | None = None,
            lang: str = "en", accept: str | None = None, extra: Headers | None = None,
            b: Browser | None = None, site: str = "same-origin") -> Request:
    """A browser request: a page load or form submission (`page`) or a fetch()."""
    b = b or pick(rng, BROWSERS)
    al = pick(rng, LANGS.get(lang, LANGS["en"]))
    acc = accept or (_PAGE[b.family] if page else "application/json, text/plain, */*")
    if site == "none":
        referer = None
    front = referer.split("/", 3)[2] if referer else _FRONT.get(host, host)
    if referer and site != "same-origin":
        referer = f"https://{front}/"  # strict-origin-when-cross-origin: the origin only
    if site == "same-site" and not referer:
        referer = f"https://{front}/"
    cors = not page and site != "same-origin"
    org: Headers = [("origin", f"https://{front}")] if method != "GET" or cors else []
    cl: Headers = [("content-length", str(len(body)))] if body is not None else []
    ct: Headers = [("content-type", ctype)] if ctype is not None and body is not None else []
    rf: Headers = [("referer", referer)] if referer else []
    ck: Headers = [("cookie", cookie)] if cookie else []
    x = extra or []
    mode, dest = ("navigate", "document") if page else ("cors", "empty")
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
                  ("sec-fetch-site", site), ("sec-fetch-mode", mode), ("sec-fetch-user", "?1"),
                  ("sec-fetch-dest", dest), *rf, ("accept-encoding", "gzip, deflate, br, zstd"),
                  ("accept-language", al), *ck, *x, ("priority", "u=0, i")]
        else:
            h += [("connection", "keep-alive"), *cl, ("sec-ch-ua-platform", plat), *x,
                  ("user-agent", b.ua), ("sec-ch-ua", b.brands), *ct, ("sec-ch-ua-mobile", mob),
                  ("accept", acc), *org, ("sec-fetch-site", site), ("sec-fetch-mode", mode),
                  ("sec-fetch-dest", dest), *rf, ("accept-encoding", "gzip, deflate, br, zstd"),
                  ("accept-language", al), *ck, ("priority", "u=1, i")]
    elif b.family == "firefox":
        h += [("user-agent", b.ua), ("accept", acc), ("accept-language", al),
              ("accept-encoding", "gzip, deflate, br, zstd"), *x, *ct, *cl, *org,
              ("connection", "keep-alive"), *rf, *ck]
        if page:
            h.append(("upgrade-insecure-requests", "1"))
        h += [("sec-fetch-dest", dest), ("sec-fetch-mode", mode), ("sec-fetch-site", site)]
        if page:
            h.append(("sec-fetch-user", "?1"))
        h += [("priority", "u=0, i" if page else "u=4"), ("te", "trailers")]
    else:
        h += [*ct, ("accept", acc), ("sec-fetch-site", site), *ck, ("sec-fetch-dest", dest),
              ("accept-language", al), ("sec-fetch-mode", mode), *org, ("user-agent", b.ua),
              *rf, *cl, *x, ("accept-encoding", "gzip, deflate, br")]
        if page and method == "GET":
            h.append(("upgrade-insecure-requests", "1"))
        h += [("priority", "u=0, i" if page else "u=3, i"), ("connection", "keep-alive")]
    return Request(source, kind, method, path, qs, h, body)


def boundary(rng: random.Random, b: Browser | None = None, lib: str = "") -> str:
    """The multipart boundary each sender makes."""
    if b is not None:
        if b.family == "firefox":
            return "----geckoformboundary" + hexs(rng, 32)
        return "----WebKitFormBoundary" + chars(rng, ALNUM, 16)
    if lib in ("requests", "httpx"):
        return hexs(rng, 32)
    if lib == "okhttp":
        return uuid4(rng)
    if lib == "ios":
        return "Boundary-" + uuid4(rng).upper()
    if lib == "go":
        return hexs(rng, 60)
    if lib == "curl":
        return "------------------------" + hexs(rng, 22)
    return "----formdata-undici-0" + "".join(str(rng.randrange(10)) for _ in range(11))


# ------------------------------------------------------------------ cookies and tokens


def _ga(rng: random.Random) -> list[tuple[str, str]]:
    t = 1_785_000_000 + rng.randrange(9_000_000)
    jar = [("_ga", f"GA1.1.{rng.randrange(10**8, 2 * 10**9)}.{t}")]
    if rng.random() < 0.4:
        jar.append((f"_ga_{chars(rng, 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789', 10)}",
                    f"GS2.1.s{t + 700_000}$o{rng.randrange(2, 90)}$g1$t{t + 700_310}$j{rng.randrange(5, 60)}$l0$h0"))
    if rng.random() < 0.2:
        jar.append(("_gcl_au", f"1.1.{rng.randrange(10**8, 2 * 10**9)}.{t}"))
    if rng.random() < 0.2:
        jar.append(("OptanonAlertBoxClosed", f"2026-{rng.randint(6, 11):02d}-{rng.randint(1, 28):02d}T10:1{rng.randrange(10)}:02.118Z"))
    return jar


def _session(rng: random.Random, fw: str) -> list[tuple[str, str]]:
    if fw == "django":
        return [("csrftoken", chars(rng, ALNUM, 32)), ("sessionid", chars(rng, LOWER, 32))]
    if fw == "flask":
        return [("session", "." + b64url(rbytes(rng, 54)) + "." + b64url(rbytes(rng, 4)) + "." + b64url(rbytes(rng, 20)))]
    if fw == "starlette":
        payload = base64.b64encode(js_json({"user_id": rng.randrange(10**6), "_fresh": True}).encode()).decode()
        return [("session", payload + "." + b64url(rbytes(rng, 6)) + "." + b64url(rbytes(rng, 20)))]
    if fw == "express":
        return [("connect.sid", quote("s:" + b64url(rbytes(rng, 24)) + "." + base64.b64encode(rbytes(rng, 32)).decode().rstrip("="), safe=""))]
    if fw == "rails":
        return [("_session_id", quote(base64.b64encode(rbytes(rng, 96)).decode(), safe="") + "--" + hexs(rng, 40))]
    if fw == "laravel":
        blob = quote(base64.b64encode(js_json({"iv": base64.b64encode(rbytes(rng, 16)).decode(),
                                               "value": base64.b64encode(rbytes(rng, 48)).decode(),
                                               "mac": hexs(rng, 64), "tag": ""}).encode()).decode(), safe="")
        return [("XSRF-TOKEN", blob), ("app_session", blob[:40] + hexs(rng, 24))]
    return [("JSESSIONID", hexs(rng, 32).upper())]


def cookie_jar(rng: random.Random, fw: str, *, extra: Sequence[tuple[str, str]] = (), ga: float = 0.5) -> str:
    jar: list[tuple[str, str]] = []
    if rng.random() < ga:
        jar += _ga(rng)
    jar += _session(rng, fw)
    jar += list(extra)
    return "; ".join(f"{k}={v}" for k, v in jar)


def csrf(rng: random.Random, fw: str) -> Headers:
    if fw == "django":
        return [("x-csrftoken", chars(rng, ALNUM, 64))]
    if fw == "flask":
        return [("x-csrftoken", hexs(rng, 40) + "." + b64url(rbytes(rng, 18)))]
    if fw == "rails":
        return [("x-csrf-token", b64url(rbytes(rng, 64)))]
    if fw == "laravel":
        return [("x-xsrf-token", b64url(rbytes(rng, 96)))]
    if fw == "express":
        return [("x-csrf-token", chars(rng, ALNUM + "-_", 36))]
    return []


def jwt(rng: random.Random, claims: dict[str, object], *, alg: str = "RS256") -> str:
    head = b64url(js_json({"alg": alg, "typ": "JWT", "kid": hexs(rng, 10)}).encode())
    body = b64url(js_json(claims).encode())
    sig = b64url(rbytes(rng, 32 if alg == "HS256" else 256))
    return f"{head}.{body}.{sig}"


def bearer(rng: random.Random, iss: str, scope: str = "read write") -> str:
    iat = epoch(rng)
    return "Bearer " + jwt(rng, {"iss": iss, "sub": str(rng.randrange(10**6, 10**8)), "aud": iss.split("//")[-1],
                                 "iat": iat, "exp": iat + 3600, "scope": scope})


# ------------------------------------------------------------------ non-browser clients

_ANDROID = ["Pixel 8", "SM-S921B", "SM-A546B", "moto g54 5G", "Pixel 7a", "CPH2581", "2311DRK48G"]


def client(rng: random.Random, source: str, kind: str, method: str, host: str, path: str,
           qs: str = "", *, body: bytes | None = None, ctype: str | None = None,
           lib: str = "requests", auth: str | None = None, extra: Headers | None = None,
           ua: str | None = None, accept: str | None = None) -> Request:
    """A non-browser HTTP client, in its own header order."""
    cl: Headers = [("content-length", str(len(body)))] if body is not None else []
    ct: Headers = [("content-type", ctype)] if ctype is not None and body is not None else []
    au: Headers = [("authorization", auth)] if auth else []
    x = extra or []
    if lib == "requests":
        h: Headers = [("host", host), ("user-agent", ua or pick(rng, ["python-requests/2.32.5", "python-requests/2.32.3"])),
                      ("accept-encoding", "gzip, deflate"), ("accept", accept or "*/*"), ("connection", "keep-alive"),
                      *au, *x, *cl, *ct]
    elif lib == "httpx":
        h = [("host", host), ("accept", accept or "*/*"), ("accept-encoding", "gzip, deflate"),
             ("connection", "keep-alive"), ("user-agent", ua or "python-httpx/0.28.1"), *au, *x, *cl, *ct]
    elif lib == "aiohttp":
        h = [("host", host), *au, *x, ("accept", accept or "*/*"), ("accept-encoding", "gzip, deflate"),
             ("user-agent", ua or "Python/3.12 aiohttp/3.12.15"), *cl, *ct]
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
             ("accept-encoding", "gzip")]
        if accept:
            h.insert(2, ("accept", accept))
    elif lib == "java":  # java.net.http.HttpClient
        h = [("host", host), *cl, ("user-agent", ua or "Java-http-client/21.0.9"), *au, *x, *ct]
        if accept:
            h.append(("accept", accept))
    elif lib == "curl":
        h = [("host", host), ("user-agent", ua or pick(rng, ["curl/8.17.0", "curl/8.11.1", "curl/7.81.0"])),
             ("accept", accept or "*/*"), *au, *x, *ct, *cl]
    elif lib == "ios":
        h = [("host", host), *ct, ("accept", accept or "application/json"), *au, *x,
             ("accept-language", pick(rng, ["en-GB,en;q=0.9", "en-US,en;q=0.9", "fr-FR,fr;q=0.9", "de-DE,de;q=0.9"])),
             ("accept-encoding", "gzip, deflate, br"), ("user-agent", ua or "App/1.0 CFNetwork/3826.600.41 Darwin/24.6.0"),
             *cl, ("connection", "keep-alive")]
    elif lib == "embedded":
        h = [("host", host), ("user-agent", ua or "ESP32HTTPClient"), ("connection", "close"), *au, *x, *ct, *cl]
    else:  # okhttp
        if accept:
            x = [("accept", accept), *x]
        h = [*au, *x, *ct, *cl, ("host", host), ("connection", "Keep-Alive"),
             ("accept-encoding", "gzip"), ("user-agent", ua or f"okhttp/4.12.0 ({pick(rng, _ANDROID)})")]
    return Request(source, kind, method, path, qs, h, body)


# ------------------------------------------------------------------ people and places (all invented)

GIVEN = ["Ingrid", "Tobias", "Maren", "Kofi", "Adaeze", "Chiara", "Lorenzo", "Bruna", "Thiago", "Élodie",
         "Gaëlle", "Mathis", "Ruairí", "Niamh", "Oisín", "Zsófia", "Bence", "Agnieszka", "Paweł", "Ebru",
         "Emre", "Farida", "Yusuf", "Sakura", "Ren", "Ananya", "Vikram", "Nomvula", "Sipho", "Hanna",
         "Mikael", "Björn", "Ástríður", "Ximena", "Joaquín", "Valentina", "Camille", "Rhys", "Gwen", "Tomasz",
         "Lin", "Wei", "Thảo", "Duc", "Seo-yeon", "Ji-ho", "Marcus", "Delphine", "Hamza", "Ivy"]
FAMILY = ["Lindqvist", "Haugen", "Mensah", "Okonkwo", "Ricci", "Bianchi-Rossi", "Carvalho", "Gonçalves",
          "Moreau", "Le Gall", "Ó Súilleabháin", "MacGowan", "Horváth", "Nowak", "Zieliński", "Demir",
          "Aydın", "Haddad", "Suzuki", "Watanabe", "Iyer", "Banerjee", "Mthembu", "Nkosi", "Korhonen",
          "Strömberg", "Gunnarsdóttir", "Ortega", "Sánchez Ruiz", "Delacroix", "ap Gruffydd", "Pritchard",
          "Lewandowski", "Zhao", "Huang", "Trần", "Park", "Choi", "Fitzgerald", "D'Souza", "O'Callaghan",
          "van Leeuwen", "El Idrissi", "Abernathy", "Quinn-Baptiste"]
MAIL = ["example.com", "example.org", "example.net", "mail.example.net", "example.co.uk", "example.de",
        "example.fr", "example.ie", "example.ca", "example.com.au", "example.jp", "example.it"]


def person(rng: random.Random) -> tuple[str, str, str]:
    """(given, family, e-mail)"""
    g, f = pick(rng, GIVEN), pick(rng, FAMILY)
    local = pick(rng, [f"{g}.{f}", f"{g[0]}{f}", f"{g}{rng.randrange(1, 99)}", f"{g}_{f}", f"{f}{g[0]}",
                       f"{g}+{pick(rng, ['news', 'shop', 'gym', 'lib'])}"])
    local = "".join(c for c in ascii_fold(local).lower() if c.isalnum() or c in "._+-")
    return g, f, f"{local}@{pick(rng, MAIL)}"


def phone(rng: random.Random) -> str:
    """Numbers from ranges kept for drama and documentation."""
    return pick(rng, [f"+1 312-555-01{rng.randrange(10, 100)}", f"(415) 555-01{rng.randrange(10, 100)}",
                      f"+44 113 496 0{rng.randrange(100, 1000)}", f"+44 7700 900{rng.randrange(100, 1000)}",
                      f"+61 2 5550 {rng.randrange(1000, 10000)}", f"+1 (604) 555-01{rng.randrange(10, 100)}",
                      f"0113 496 0{rng.randrange(100, 1000)}", f"+353 20 910 {rng.randrange(1000, 10000)}"])


_STREETS = ["Larkspur Lane", "Quarry Hill Road", "Bellweather Court", "Orchard Row", "Kestrel Way",
            "Tannery Street", "Old Mill Road", "Hazelwood Avenue", "Saltmarsh Drive", "Copperbeech Close",
            "Fernbrook Terrace", "Wrenfield Street", "Juniper Crescent", "Harbourview Parade", "Lindenallee"]
_TOWNS = [("Fairhaven", "MA", "02719"), ("Springfield", "IL", "62704"), ("Riverton", "WY", "82501"),
          ("Brookside", "OR", "97302"), ("Millbrook", "NY", "12545"), ("Ashford", "Kent", "TN23 1AA"),
          ("Kilbride", "Co. Wicklow", "A98 X2Y3"), ("Northcote", "VIC", "3070"), ("Lakeview", "ON", "K1A 0B1")]


def address(rng: random.Random) -> dict[str, str]:
    town, region, post = pick(rng, _TOWNS)
    line2 = pick(rng, ["", "", "", f"Apt {rng.randint(1, 40)}{pick(rng, 'ABCD')}", f"Flat {rng.randint(1, 12)}",
                       f"Unit {rng.randint(2, 30)}, rear entrance", "Suite 300"])
    return {"line1": f"{rng.randint(1, 2400)} {pick(rng, _STREETS)}", "line2": line2,
            "city": town, "region": region, "postcode": post}


# ------------------------------------------------------------------ driving a source


_ = (doc_ip, stamp, py_json)  # re-exported for the sources
