# ruff: noqa: RUF001 - real text uses typographic characters
"""Who sends the eighth corpus, and the few encoders they share: browser
profiles (each engine with its own header order, client hints and fetch
metadata), the reverse proxies some apps sit behind, API clients and SDKs in
a dozen languages, webhook senders, session cookies of several frameworks,
small binary files (images, PDF, audio, archives, scientific formats), and
invented people, addresses and phone numbers.

Nothing here reads the clock or the OS: every value comes from the
`random.Random` passed in, so the output is the same on every run.
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
from benign_record import Request as Request  # the sources import it from here
from benign_record import multipart as multipart
from benign_record import run as run
from benign_record import some as some
from benign_record import text_parts as text_parts
from benign_record import uri_query as uri_query

__all__ = [
    "AGENTS", "ALNUM", "HEX", "LOWER", "Agent", "Headers", "Part", "Request", "api", "b64url", "basic",
    "bearer", "boundary_for", "chars", "crockford", "date_on", "doc_ip", "fake_gz", "fake_heic", "fake_jpeg",
    "fake_mp3", "fake_pdf", "fake_png", "fake_webm", "fake_zip", "fold", "form", "hexs", "hmac_hex",
    "human", "jar", "js_json", "jwt", "mailbox", "money", "multipart", "pick", "place", "proxied",
    "py_json", "qs", "rbytes", "run", "slugify", "some", "stamp", "telephone", "text_parts", "traceparent",
    "ulid", "unix", "uri_query", "uuid4", "web", "xsrf",
]

Headers = list[tuple[str, str]]


# ------------------------------------------------------------------ text and numbers


def qs(pairs: Sequence[tuple[str, str]]) -> str:
    """A query string as a browser form GET or URLSearchParams writes it."""
    return form(pairs)


_SPECIAL = str.maketrans({"ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L",
                          "đ": "d", "ð": "d", "þ": "th", "œ": "oe", "ı": "i"})


def fold(s: str) -> str:
    """ASCII letters for an accented string, as e-mail local parts and slugs get them."""
    d = unicodedata.normalize("NFKD", s.translate(_SPECIAL))
    return "".join(c for c in d if not unicodedata.combining(c))


def slugify(s: str) -> str:
    words = "".join(c if c.isalnum() else " " for c in fold(s).lower()).split()
    return "-".join(words)


def money(rng: random.Random, lo: float, hi: float) -> str:
    return f"{rng.uniform(lo, hi):.2f}"


def date_on(rng: random.Random, *, ahead: bool = False) -> str:
    """A date in the autumn of 2026 (or, `ahead`, the winter after)."""
    if ahead:
        y, m = pick(rng, [(2026, 12), (2027, 1), (2027, 2), (2027, 3)])
        lo = 8 if m == 12 else 1
    else:
        y, m = 2026, pick(rng, [8, 9, 10, 11, 11, 12])
        lo = 1
    hi = 6 if (y, m) == (2026, 12) and not ahead else 28
    return f"{y}-{m:02d}-{rng.randint(lo, hi):02d}"


def unix(rng: random.Random) -> int:
    """Seconds since 1970, inside November 2026 and the first week of December."""
    return 1_793_577_600 + rng.randrange(3_100_000)


_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def crockford(rng: random.Random, n: int) -> str:
    return chars(rng, _CROCKFORD, n)


def ulid(rng: random.Random) -> str:
    return "01K" + crockford(rng, 23)


def hmac_hex(rng: random.Random, body: bytes) -> str:
    return hmac.new(rbytes(rng, 32), body, hashlib.sha256).hexdigest()


def traceparent(rng: random.Random) -> str:
    return f"00-{hexs(rng, 32)}-{hexs(rng, 16)}-0{pick(rng, '01')}"


# ------------------------------------------------------------------ small files


def fake_jpeg(rng: random.Random, n: int, *, exif: tuple[str, str] | None = None) -> bytes:
    """SOI, an APP0 (or an APP1 naming the camera), a quant table, scan data, EOI."""
    out = b"\xff\xd8"
    if exif is None:
        out += b"\xff\xe0\x00\x10JFIF\x00\x01\x02\x00\x00\x01\x00\x01\x00\x00"
    else:
        strings = [exif[0].encode() + b"\x00", exif[1].encode() + b"\x00"]
        ifd = struct.pack("<H", 2)
        off = 8 + 2 + 12 * 2 + 4
        blob = b""
        for tag, s in zip((0x010F, 0x0110), strings, strict=True):
            ifd += struct.pack("<HHII", tag, 2, len(s), off + len(blob))
            blob += s
        tiff = b"II*\x00\x08\x00\x00\x00" + ifd + b"\x00\x00\x00\x00" + blob
        seg = b"Exif\x00\x00" + tiff
        out += b"\xff\xe1" + struct.pack(">H", len(seg) + 2) + seg
    out += b"\xff\xdb\x00\x43\x00" + rbytes(rng, 64)
    out += b"\xff\xc0\x00\x11\x08" + struct.pack(">HH", rng.choice([768, 1080, 3024]), rng.choice([1024, 1440, 4032]))
    out += b"\x03\x01\x22\x00\x02\x11\x01\x03\x11\x01"
    out += b"\xff\xda\x00\x0c\x03\x01\x00\x02\x11\x03\x11\x00\x3f\x00" + rbytes(rng, n)
    return out + b"\xff\xd9"


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def fake_png(rng: random.Random, n: int, w: int = 1280, h: int = 800) -> bytes:
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + _chunk(b"sRGB", b"\x00") + _chunk(b"IDAT", rbytes(rng, n)) + _chunk(b"IEND", b""))


def fake_heic(rng: random.Random, n: int) -> bytes:
    ftyp = b"ftypheic\x00\x00\x00\x00mif1MiHEmiafMiHBheic"
    return struct.pack(">I", len(ftyp) + 4) + ftyp + struct.pack(">I", n + 8) + b"mdat" + rbytes(rng, n)


def fake_pdf(rng: random.Random, title: str, producer: str = "Microsoft® Word for Microsoft 365") -> bytes:
    info = f"<< /Title ({fold(title)}) /Producer ({fold(producer)}) /CreationDate (D:2026110{rng.randint(1, 9)}1{rng.randint(0, 9)}2233Z) >>"
    return (b"%PDF-1.7\n%\xb5\xb5\xb5\xb5\n1 0 obj\n<</Type/Catalog/Pages 2 0 R/Lang(en-GB)>>\nendobj\n"
            + b"2 0 obj\n<</Type/Pages/Count 1/Kids[ 3 0 R] >>\nendobj\n"
            + f"7 0 obj\n{info}\nendobj\n".encode("latin-1", "replace")
            + b"4 0 obj\n<</Filter/FlateDecode/Length 120>>\nstream\n" + rbytes(rng, 120)
            + b"\nendstream\nendobj\nxref\n0 8\ntrailer\n<</Size 8/Root 1 0 R/Info 7 0 R>>\nstartxref\n"
            + str(rng.randint(900, 90000)).encode() + b"\n%%EOF\n")


def _syncsafe(n: int) -> bytes:
    return bytes([(n >> 21) & 0x7F, (n >> 14) & 0x7F, (n >> 7) & 0x7F, n & 0x7F])


def fake_mp3(rng: random.Random, n: int, title: str = "", artist: str = "") -> bytes:
    """An ID3v2.4 tag (title, artist) then MPEG-1 Layer III frame headers and noise."""
    frames = b""
    for fid, text in ((b"TIT2", title), (b"TPE1", artist), (b"TSSE", "Lavf61.7.100")):
        if text:
            data = b"\x03" + text.encode("utf-8")
            frames += fid + _syncsafe(len(data)) + b"\x00\x00" + data
    tag = b"ID3\x04\x00\x00" + _syncsafe(len(frames)) + frames
    audio = b""
    while len(audio) < n:
        audio += b"\xff\xfb\x90\x64" + rbytes(rng, 413)
    return tag + audio[:n]


def fake_webm(rng: random.Random, n: int) -> bytes:
    return (b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\xf2\x81\x04\x42\xf3\x81\x08"
            b"\x42\x82\x84webm\x42\x87\x81\x04\x42\x85\x81\x02" + b"\x18\x53\x80\x67\x01\xff\xff\xff\xff\xff\xff\xff"
            + rbytes(rng, n))


def fake_gz(rng: random.Random, n: int) -> bytes:
    """A gzip member header (no timestamp, Unix) and deflate-looking bytes."""
    return b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + rbytes(rng, n) + struct.pack("<II", rng.getrandbits(32), n * 3)


def fake_zip(rng: random.Random, names: Sequence[str], n: int = 200) -> bytes:
    """Local file headers of a ZIP (as an .xlsx, .docx or bundle starts), data not real."""
    out = b""
    for name in names:
        raw = name.encode()
        out += (b"PK\x03\x04\x14\x00\x06\x00\x08\x00" + struct.pack("<HHIII", 0x5A21, 0x5B61, rng.getrandbits(32), n, n * 4)
                + struct.pack("<HH", len(raw), 0) + raw + rbytes(rng, n))
    return out + b"PK\x05\x06\x00\x00\x00\x00" + struct.pack("<HH", len(names), len(names)) + rbytes(rng, 8) + b"\x00\x00"


# ------------------------------------------------------------------ browsers


@dataclass(frozen=True)
class Agent:
    engine: str  # blink, gecko or webkit
    ua: str
    hints: str = ""  # sec-ch-ua, Chromium-based only
    os: str = ""
    handheld: bool = False


_KHTML = "AppleWebKit/537.36 (KHTML, like Gecko)"
_WIN = "Mozilla/5.0 (Windows NT 10.0; Win64; x64)"
_MAC = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)"
_LNX = "Mozilla/5.0 (X11; Linux x86_64)"
_DROID = "Mozilla/5.0 (Linux; Android 10; K)"
_CH143 = '"Google Chrome";v="143", "Chromium";v="143", "Not A(Brand";v="24"'
_CH142 = '"Chromium";v="142", "Google Chrome";v="142", "Not_A Brand";v="99"'

AGENTS: list[Agent] = [
    Agent("blink", f"{_WIN} {_KHTML} Chrome/143.0.0.0 Safari/537.36", _CH143, "Windows"),
    Agent("blink", f"{_WIN} {_KHTML} Chrome/143.0.0.0 Safari/537.36", _CH143, "Windows"),
    Agent("blink", f"{_WIN} {_KHTML} Chrome/142.0.0.0 Safari/537.36", _CH142, "Windows"),
    Agent("blink", f"{_MAC} {_KHTML} Chrome/143.0.0.0 Safari/537.36", _CH143, "macOS"),
    Agent("blink", f"{_MAC} {_KHTML} Chrome/142.0.0.0 Safari/537.36", _CH142, "macOS"),
    Agent("blink", f"{_LNX} {_KHTML} Chrome/143.0.0.0 Safari/537.36", _CH143, "Linux"),
    Agent("blink", f"{_WIN} {_KHTML} Chrome/143.0.0.0 Safari/537.36 Edg/143.0.0.0",
          '"Microsoft Edge";v="143", "Chromium";v="143", "Not A(Brand";v="24"', "Windows"),
    Agent("blink", f"{_MAC} {_KHTML} Chrome/142.0.0.0 Safari/537.36 Edg/142.0.0.0",
          '"Chromium";v="142", "Microsoft Edge";v="142", "Not_A Brand";v="99"', "macOS"),
    Agent("blink", f"{_WIN} {_KHTML} Chrome/141.0.0.0 Safari/537.36 OPR/125.0.0.0",
          '"Opera";v="125", "Not?A_Brand";v="8", "Chromium";v="141"', "Windows"),
    Agent("blink", f"{_MAC} {_KHTML} Chrome/143.0.0.0 Safari/537.36",
          '"Brave";v="143", "Chromium";v="143", "Not A(Brand";v="24"', "macOS"),
    Agent("blink", f"{_DROID} {_KHTML} Chrome/143.0.0.0 Mobile Safari/537.36", _CH143, "Android", True),
    Agent("blink", f"{_DROID} {_KHTML} Chrome/142.0.0.0 Mobile Safari/537.36", _CH142, "Android", True),
    Agent("blink", f"{_DROID} {_KHTML} SamsungBrowser/29.0 Chrome/136.0.0.0 Mobile Safari/537.36",
          '"Samsung Internet";v="29.0", "Chromium";v="136", "Not.A/Brand";v="99"', "Android", True),
    Agent("gecko", "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:146.0) Gecko/20100101 Firefox/146.0"),
    Agent("gecko", "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0"),
    Agent("gecko", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:146.0) Gecko/20100101 Firefox/146.0"),
    Agent("gecko", "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:145.0) Gecko/20100101 Firefox/145.0"),
    Agent("gecko", "Mozilla/5.0 (Android 15; Mobile; rv:146.0) Gecko/146.0 Firefox/146.0", handheld=True),
    Agent("webkit", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.1 Safari/605.1.15"),
    Agent("webkit", "Mozilla/5.0 (iPhone; CPU iPhone OS 18_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.1 Mobile/15E148 Safari/604.1", handheld=True),
    Agent("webkit", "Mozilla/5.0 (iPhone; CPU iPhone OS 18_6_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.6 Mobile/15E148 Safari/604.1", handheld=True),
    Agent("webkit", "Mozilla/5.0 (iPad; CPU OS 18_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.1 Mobile/15E148 Safari/604.1", handheld=True),
    Agent("webkit", "Mozilla/5.0 (iPhone; CPU iPhone OS 18_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/143.0.7499.92 Mobile/15E148 Safari/604.1", handheld=True),
]

_LANG = {
    "en": ["en-US,en;q=0.9", "en-GB,en-US;q=0.9,en;q=0.8", "en-GB,en;q=0.9", "en-US,en;q=0.5", "en-AU,en;q=0.9",
           "en-IE,en-GB;q=0.9,en;q=0.8", "en-US,en;q=0.9,hi;q=0.8", "en-CA,en;q=0.9,fr-CA;q=0.8"],
    "de": ["de-DE,de;q=0.9,en-US;q=0.8,en;q=0.7", "de-AT,de;q=0.9"],
    "fr": ["fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7", "fr-BE,fr;q=0.9,nl;q=0.8"],
    "es": ["es-ES,es;q=0.9", "es-MX,es-419;q=0.9,es;q=0.8,en;q=0.7"],
    "nl": ["nl-NL,nl;q=0.9,en-US;q=0.8,en;q=0.7"],
    "sv": ["sv-SE,sv;q=0.9,en-US;q=0.8,en;q=0.7"],
    "pt": ["pt-PT,pt;q=0.9,en;q=0.8", "pt-BR,pt;q=0.9"],
    "ja": ["ja-JP,ja;q=0.9,en-US;q=0.8,en;q=0.7"],
}

_NAV_ACCEPT = {
    "blink": "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7",
    "gecko": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "webkit": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
}

# host -> how the app receives it: "nginx", "alb", "cdn" or (absent) direct
_PROXY: dict[str, str] = {}


def proxied(style: str, *hosts: str) -> None:
    """Declare that requests to `hosts` arrive through a reverse proxy."""
    for h in hosts:
        _PROXY[h] = style


def _through(rng: random.Random, host: str, h: Headers) -> Headers:
    """What the proxy in front of `host` adds to (and drops from) the client's headers."""
    style = _PROXY.get(host, "")
    if not style:
        return h
    ip = doc_ip(rng)
    rest = [(k, v) for k, v in h if k not in ("host", "connection")]
    if style == "nginx":
        return [("host", host), ("x-real-ip", ip), ("x-forwarded-for", ip), ("x-forwarded-proto", "https"),
                ("connection", "close"), *rest]
    if style == "alb":
        return [("host", host), ("x-forwarded-for", ip), ("x-forwarded-proto", "https"), ("x-forwarded-port", "443"),
                ("x-amzn-trace-id", f"Root=1-{hexs(rng, 8)}-{hexs(rng, 24)}"), *rest]
    country = pick(rng, ["GB", "US", "IE", "DE", "CA", "AU", "NL", "FR"])
    return [("host", host), ("connection", "Keep-Alive"), *rest, ("cdn-loop", "edgecache; loops=1"),
            ("x-edge-client-ip", ip), ("x-edge-country", country),
            ("x-edge-request-id", f"{hexs(rng, 16)}-{pick(rng, ['LHR', 'DUB', 'FRA', 'IAD', 'SJC', 'SYD', 'AMS'])}"),
            ("x-forwarded-for", ip), ("x-forwarded-proto", "https")]


def web(rng: random.Random, source: str, kind: str, method: str, host: str, path: str, query: str = "", *,
        body: bytes | None = None, ctype: str | None = None, nav: bool = False, ref: str | None = None,
        cookie: str | None = None, lang: str = "en", accept: str | None = None, extra: Headers | None = None,
        agent: Agent | None = None, site: str = "same-origin", origin: str | None = None, frame: bool = False) -> Request:
    """A browser request: a navigation or form post (`nav`), an iframe load
    (`frame`, e.g. an embedded player) or a fetch from a page.

    `site` is the Sec-Fetch-Site value; for anything but same-origin the
    Referer is cut to the origin, as strict-origin-when-cross-origin does.
    """
    a = agent or pick(rng, AGENTS)
    nav = nav or frame
    langs = pick(rng, _LANG.get(lang, _LANG["en"]))
    acc = accept or (_NAV_ACCEPT[a.engine] if nav else "application/json, text/plain, */*")
    if site == "none":
        ref = None
    if ref is not None and site != "same-origin":
        ref = "/".join(ref.split("/", 3)[:3]) + "/"
    page_origin = origin or ("/".join(ref.split("/", 3)[:3]) if ref else f"https://{host}")
    sends_origin = method not in ("GET", "HEAD") or (not nav and site not in ("same-origin", "none"))
    o: Headers = [("origin", page_origin)] if sends_origin else []
    cl: Headers = [("content-length", str(len(body)))] if body is not None else []
    ct: Headers = [("content-type", ctype)] if ctype and body is not None else []
    r: Headers = [("referer", ref)] if ref else []
    c: Headers = [("cookie", cookie)] if cookie else []
    x = list(extra or [])
    mode, dest = ("navigate", "iframe" if frame else "document") if nav else ("cors", "empty")
    user: Headers = [] if frame else [("sec-fetch-user", "?1")]
    h: Headers = [("host", host)]
    if a.engine == "blink":
        mob, plat = ("?1" if a.handheld else "?0"), f'"{a.os}"'
        if nav:
            h += [("connection", "keep-alive"), *cl]
            if method == "POST":
                h.append(("cache-control", "max-age=0"))
            h += [("sec-ch-ua", a.hints), ("sec-ch-ua-mobile", mob), ("sec-ch-ua-platform", plat), *o, *ct,
                  ("upgrade-insecure-requests", "1"), ("user-agent", a.ua), ("accept", acc),
                  ("sec-fetch-site", site), ("sec-fetch-mode", mode), *user, ("sec-fetch-dest", dest),
                  *r, ("accept-encoding", "gzip, deflate, br, zstd"), ("accept-language", langs), *c, *x,
                  ("priority", "u=0, i")]
        else:
            h += [("connection", "keep-alive"), *cl, ("sec-ch-ua-platform", plat), *x, ("user-agent", a.ua),
                  ("sec-ch-ua", a.hints), *ct, ("sec-ch-ua-mobile", mob), ("accept", acc), *o,
                  ("sec-fetch-site", site), ("sec-fetch-mode", mode), ("sec-fetch-dest", dest), *r,
                  ("accept-encoding", "gzip, deflate, br, zstd"), ("accept-language", langs), *c, ("priority", "u=1, i")]
    elif a.engine == "gecko":
        h += [("user-agent", a.ua), ("accept", acc), ("accept-language", langs),
              ("accept-encoding", "gzip, deflate, br, zstd"), *x, *ct, *cl, *o, ("connection", "keep-alive"), *r, *c]
        if nav:
            h.append(("upgrade-insecure-requests", "1"))
        h += [("sec-fetch-dest", dest), ("sec-fetch-mode", mode), ("sec-fetch-site", site)]
        h += user if nav else []
        h += [("priority", "u=0, i" if nav and not frame else "u=4"), ("te", "trailers")]
    else:
        h += [*ct, ("accept", acc), ("sec-fetch-site", site), *c, ("sec-fetch-dest", dest), ("accept-language", langs),
              ("sec-fetch-mode", mode), *o, ("user-agent", a.ua), *r, *cl, *x, ("accept-encoding", "gzip, deflate, br")]
        if nav and method == "GET":
            h.append(("upgrade-insecure-requests", "1"))
        h += [("priority", "u=0, i" if nav else "u=3, i"), ("connection", "keep-alive")]
    return Request(source, kind, method, path, query, _through(rng, host, h), body)


def boundary_for(rng: random.Random, agent: Agent | None = None, tool: str = "") -> str:
    """The multipart boundary the sender generates."""
    if agent is not None:
        if agent.engine == "gecko":
            return "----geckoformboundary" + hexs(rng, 32)
        return "----WebKitFormBoundary" + chars(rng, ALNUM, 16)
    if tool in ("requests", "httpx"):
        return hexs(rng, 32)
    if tool in ("okhttp", "dotnet"):
        return uuid4(rng)
    if tool == "cfnetwork":
        return "Boundary-" + uuid4(rng).upper()
    if tool == "go":
        return hexs(rng, 60)
    if tool == "curl":
        return "------------------------" + hexs(rng, 22)
    if tool == "php":
        return uuid4(rng).replace("-", "")[:40]
    if tool == "java":
        return chars(rng, ALNUM + "-_", 30)
    if tool == "r":
        return "------------------------" + hexs(rng, 16)
    if tool == "node":
        return "----formdata-undici-0" + "".join(str(rng.randrange(10)) for _ in range(11))
    return "--------------------------" + "".join(str(rng.randrange(10)) for _ in range(24))


# ------------------------------------------------------------------ cookies, tokens, auth


def _analytics(rng: random.Random) -> list[tuple[str, str]]:
    t = 1_786_000_000 + rng.randrange(7_000_000)
    out: list[tuple[str, str]] = []
    if rng.random() < 0.7:
        out.append(("_ga", f"GA1.1.{rng.randrange(10**8, 2 * 10**9)}.{t}"))
    if rng.random() < 0.3:
        out.append(("_fbp", f"fb.1.{t}{rng.randrange(100, 999)}.{rng.randrange(10**9, 10**10)}"))
    if rng.random() < 0.25:
        out.append(("ajs_anonymous_id", quote(f'"{uuid4(rng)}"', safe="")))
    if rng.random() < 0.2:
        out.append(("_hjSessionUser_" + str(rng.randrange(10**6, 4 * 10**6)),
                    b64url(js_json({"id": uuid4(rng)[:16], "created": t * 1000, "existing": True}).encode())))
    if rng.random() < 0.3:
        out.append(("cookieconsent_status", pick(rng, ["dismiss", "allow", "deny"])))
    return out


def _session(rng: random.Random, stack: str) -> list[tuple[str, str]]:
    if not stack:  # the app sets its own, passed as `extra`
        return []
    if stack == "django":
        return [("csrftoken", chars(rng, ALNUM, 32)), ("sessionid", chars(rng, LOWER, 32))]
    if stack == "rails":
        return [("_app_session", quote(base64.b64encode(rbytes(rng, 120)).decode(), safe="") + "--"
                 + quote(base64.b64encode(rbytes(rng, 12)).decode(), safe="") + "--"
                 + quote(base64.b64encode(rbytes(rng, 16)).decode(), safe=""))]
    if stack == "laravel":
        def blob() -> str:
            return quote(base64.b64encode(js_json({"iv": base64.b64encode(rbytes(rng, 16)).decode(),
                                                   "value": base64.b64encode(rbytes(rng, 64)).decode(),
                                                   "mac": hexs(rng, 64), "tag": ""}).encode()).decode(), safe="")
        return [("XSRF-TOKEN", blob()), ("laravel_session", blob())]
    if stack == "express":
        return [("connect.sid", quote(f"s:{b64url(rbytes(rng, 24))}.{base64.b64encode(rbytes(rng, 32)).decode().rstrip('=')}", safe=""))]
    if stack == "flask":
        return [("session", "." + b64url(rbytes(rng, 60)) + "." + b64url(rbytes(rng, 4)) + "." + b64url(rbytes(rng, 20)))]
    if stack == "aspnet":
        return [(".AspNetCore.Antiforgery." + chars(rng, ALNUM + "_-", 11), "CfDJ8" + b64url(rbytes(rng, 90))),
                (".AspNetCore.Cookies", "CfDJ8" + b64url(rbytes(rng, 300)))]
    if stack == "spring":
        return [("JSESSIONID", hexs(rng, 32).upper()), ("XSRF-TOKEN", uuid4(rng))]
    if stack == "phoenix":
        return [("_app_key", "SFMyNTY." + b64url(rbytes(rng, 110)) + "." + b64url(rbytes(rng, 32)))]
    return [("sid", b64url(rbytes(rng, 24)))]


def jar(rng: random.Random, stack: str, *, extra: Sequence[tuple[str, str]] = (), tracking: float = 0.5) -> str:
    """A Cookie header: maybe analytics and consent cookies, the framework's session, then the app's own."""
    pairs = (_analytics(rng) if rng.random() < tracking else []) + _session(rng, stack) + list(extra)
    return "; ".join(f"{k}={v}" for k, v in pairs)


def xsrf(rng: random.Random, stack: str) -> Headers:
    """The CSRF header the framework's front end echoes back on writes."""
    if stack == "django":
        return [("x-csrftoken", chars(rng, ALNUM, 64))]
    if stack == "rails":
        return [("x-csrf-token", b64url(rbytes(rng, 64)))]
    if stack == "laravel":
        return [("x-xsrf-token", quote(base64.b64encode(rbytes(rng, 150)).decode(), safe="")), ("x-requested-with", "XMLHttpRequest")]
    if stack == "express":
        return [("csrf-token", chars(rng, ALNUM + "-_", 36))]
    if stack == "flask":
        return [("x-csrftoken", "I" + b64url(rbytes(rng, 30)) + "." + b64url(rbytes(rng, 4)) + "." + b64url(rbytes(rng, 20)))]
    if stack == "aspnet":
        return [("requestverificationtoken", "CfDJ8" + b64url(rbytes(rng, 100)))]
    if stack == "spring":
        return [("x-xsrf-token", uuid4(rng))]
    if stack == "phoenix":
        return [("x-csrf-token", chars(rng, ALNUM + "-_", 56))]
    return []


def jwt(rng: random.Random, claims: dict[str, object], *, alg: str = "RS256") -> str:
    head = b64url(js_json({"alg": alg, "kid": b64url(rbytes(rng, 12)), "typ": "JWT"}).encode())
    sig = b64url(rbytes(rng, 32 if alg.startswith("HS") else 256 if alg.startswith("RS") else 64))
    return f"{head}.{b64url(js_json(claims).encode())}.{sig}"


def bearer(rng: random.Random, issuer: str, scope: str = "openid profile") -> str:
    iat = unix(rng)
    return "Bearer " + jwt(rng, {"iss": issuer, "sub": uuid4(rng), "aud": "api", "iat": iat, "exp": iat + 900,
                                 "scope": scope, "jti": b64url(rbytes(rng, 12))})


def basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


# ------------------------------------------------------------------ other clients

_PHONES = ["Pixel 9", "Pixel 8a", "SM-S931B", "SM-A556B", "SM-G991U", "motorola edge 50", "CPH2609", "24069RA21C", "XQ-DQ72"]


def api(rng: random.Random, source: str, kind: str, method: str, host: str, path: str, query: str = "", *,
        body: bytes | None = None, ctype: str | None = None, tool: str = "requests", auth: str | None = None,
        extra: Headers | None = None, ua: str | None = None, accept: str | None = None) -> Request:
    """A non-browser client in its own header order (`tool` names the HTTP stack)."""
    cl: Headers = [("content-length", str(len(body)))] if body is not None else []
    ct: Headers = [("content-type", ctype)] if ctype and body is not None else []
    au: Headers = [("authorization", auth)] if auth else []
    x = list(extra or [])
    if tool == "requests":
        h: Headers = [("host", host), ("user-agent", ua or pick(rng, ["python-requests/2.32.5", "python-requests/2.32.4"])),
                      ("accept-encoding", "gzip, deflate, br, zstd"), ("accept", accept or "*/*"), ("connection", "keep-alive"),
                      *au, *x, *cl, *ct]
    elif tool == "httpx":
        h = [("host", host), ("accept", accept or "*/*"), ("accept-encoding", "gzip, deflate, zstd"), ("connection", "keep-alive"),
             ("user-agent", ua or "python-httpx/0.28.1"), *au, *x, *cl, *ct]
    elif tool == "urllib":
        h = [("accept-encoding", "identity"), *cl, ("host", host), ("user-agent", ua or "Python-urllib/3.12"), *ct, *au, *x,
             ("connection", "close")]
    elif tool == "node":
        h = [("host", host), ("connection", "keep-alive"), *ct, *au, *x, ("accept", accept or "*/*"), ("accept-language", "*"),
             ("sec-fetch-mode", "cors"), ("user-agent", ua or "node"), ("accept-encoding", "gzip, deflate"), *cl]
    elif tool == "axios":
        h = [("host", host), ("accept", accept or "application/json, text/plain, */*"), *ct, *au, *x,
             ("user-agent", ua or "axios/1.13.2"), *cl, ("accept-encoding", "gzip, compress, deflate, br"), ("connection", "keep-alive")]
    elif tool == "go":
        h = [("host", host), ("user-agent", ua or "Go-http-client/1.1"), *cl]
        if accept:
            h.append(("accept", accept))
        h += [*au, *x, *ct, ("accept-encoding", "gzip")]
    elif tool == "java":
        h = [("host", host), *cl, ("user-agent", ua or "Java-http-client/21.0.9"), *au, *x, *ct]
        if accept:
            h.append(("accept", accept))
    elif tool == "curl":
        h = [("host", host), ("user-agent", ua or pick(rng, ["curl/8.17.0", "curl/8.14.1", "curl/8.5.0"])),
             ("accept", accept or "*/*"), *au, *x, *ct, *cl]
    elif tool == "dotnet":  # HttpClient: no user-agent unless the app sets one
        h = [("host", host), *([("user-agent", ua)] if ua else []), ("accept", accept or "application/json"), *au, *x,
             ("traceparent", traceparent(rng)), *ct, *cl]
    elif tool == "php":  # Guzzle
        h = [("host", host), *cl, ("user-agent", ua or "GuzzleHttp/7"), *au, *x, *ct]
        if accept:
            h.append(("accept", accept))
    elif tool == "ruby":  # Net::HTTP
        h = [("host", host), ("accept-encoding", "gzip;q=1.0,deflate;q=0.6,identity;q=0.3"), ("accept", accept or "*/*"),
             ("user-agent", ua or "Ruby"), *au, *x, *ct, *cl, ("connection", "close")]
    elif tool == "r":  # httr2 on libcurl
        h = [("host", host), ("user-agent", ua or "httr2/1.1.2 r-curl/6.2.1 libcurl/8.11.1"),
             ("accept-encoding", "deflate, gzip, br, zstd"), ("accept", accept or "application/json, text/xml, application/xml, */*"),
             *au, *x, *ct, *cl]
    elif tool == "wget":
        h = [("host", host), ("user-agent", ua or "Wget/1.25.0"), ("accept", accept or "*/*"), ("accept-encoding", "identity"),
             *au, *x, ("connection", "Keep-Alive")]
    elif tool == "powershell":
        h = [("host", host), ("user-agent", ua or "Mozilla/5.0 (Windows NT 10.0; Microsoft Windows 10.0.20348; en-US) PowerShell/7.4.6"),
             *au, *x, *ct, *cl]
        if accept:
            h.append(("accept", accept))
    elif tool == "cfnetwork":
        h = [("host", host), *ct, ("accept", accept or "application/json"), *au, *x,
             ("accept-language", pick(rng, ["en-GB,en;q=0.9", "en-US,en;q=0.9", "de-DE,de;q=0.9", "es-ES,es;q=0.9"])),
             ("accept-encoding", "gzip, deflate, br"), ("user-agent", ua or "App/1.0 CFNetwork/3860.100.1 Darwin/25.1.0"), *cl,
             ("connection", "keep-alive")]
    elif tool == "embedded":
        h = [("host", host), ("user-agent", ua or "lwIP/2.1.3"), ("connection", "close"), *au, *x, *ct, *cl]
    else:  # okhttp
        pre: Headers = [("accept", accept)] if accept else []
        h = [*au, *pre, *x, *ct, *cl, ("host", host), ("connection", "Keep-Alive"), ("accept-encoding", "gzip"),
             ("user-agent", ua or f"okhttp/4.12.0 ({pick(rng, _PHONES)})")]
    return Request(source, kind, method, path, query, _through(rng, host, h), body)


# ------------------------------------------------------------------ people (all invented)

_GIVEN = ["Aoife", "Bartosz", "Cressida", "Dmitri", "Eilidh", "Folake", "Gideon", "Hiroko", "Ifeoma", "Jarrah",
          "Kasimir", "Leocadia", "Malak", "Nuno", "Ottilie", "Priyanka", "Quentin", "Rosalind", "Saoirse", "Tendai",
          "Ulla", "Vesna", "Wiremu", "Xochitl", "Yannick", "Zainab", "Anneliese", "Bogdan", "Chidi", "Dagny",
          "Esperanza", "Fintan", "Gulnara", "Håkon", "Inès", "Jovana", "Kwame", "Lucía", "Mirela", "Noor",
          "Oluwaseun", "Pádraig", "Radek", "Siân", "Tomás", "Uchenna", "Violeta", "Wojciech", "Yuki", "Zoltán",
          "Arjun", "Beatriz", "Cormac", "Deepa", "Emeka", "Freya", "Gustavo", "Hyun-woo", "Imogen", "Jasper"]
_FAMILY = ["Achterberg", "Balogun", "Castellanos", "Dunleavy", "Eriksdóttir", "Fairweather", "Grzybowski", "Hollingsworth",
           "Ibáñez", "Jankowska", "Kowalczyk", "Lindgren", "Mbeki-Shaw", "Nakagawa", "O'Riordan", "Pemberton", "Quayle",
           "Rautenbach", "Szabó", "Thistlethwaite", "Underhill", "Vasquez-Mora", "Wainwright", "Yilmazer", "Zubiri",
           "Adeyemi", "Brannigan", "Chaudhry", "de la Cruz", "Espinoza", "Ferreira-Lobo", "Gallagher", "Haverkamp",
           "Ishikawa", "Jovanović", "Kirkpatrick", "Lamontagne", "McAllister", "Nwachukwu", "Oyelaran", "Papadakis",
           "Ramaswamy", "Sørensen", "Tremblay", "Van der Merwe", "Whitcombe", "Xu", "Yeboah", "Zimmermann-Hale"]
_MAIL = ["example.com", "example.org", "example.net", "mail.example.com", "post.example.org", "example.co.uk",
         "example.ie", "example.de", "example.com.au", "example.ca", "example.nl", "inbox.example.net"]


def human(rng: random.Random) -> tuple[str, str]:
    return pick(rng, _GIVEN), pick(rng, _FAMILY)


def mailbox(rng: random.Random, given: str, family: str, domain: str | None = None) -> str:
    g, f = fold(given).lower().replace(" ", ""), fold(family).lower().replace(" ", "").replace("'", "")
    local = pick(rng, [f"{g}.{f}", f"{g[0]}{f}", f"{g}{rng.randint(1, 98)}", f"{g}_{f[:4]}", f"{f}.{g[0]}", f"{g}.{f}+{pick(rng, ['rent', 'bills', 'pods', 'cars'])}"])
    return f"{local}@{domain or pick(rng, _MAIL)}"


def telephone(rng: random.Random) -> str:
    """Only the ranges set aside for fiction and documentation."""
    return pick(rng, [f"(555) 01{rng.randrange(10, 100)}", f"+1 202-555-01{rng.randrange(10, 100)}", f"+1 (773) 555-01{rng.randrange(10, 100)}",
                      f"020 7946 0{rng.randrange(100, 1000)}", f"+44 20 7946 0{rng.randrange(100, 1000)}", f"07700 900{rng.randrange(100, 1000)}",
                      f"+44 161 496 0{rng.randrange(100, 1000)}", f"+61 3 9010 {rng.randrange(1000, 10000)}", f"0491 570 {rng.randrange(100, 160)}",
                      f"+353 20 913 {rng.randrange(1000, 10000)}"])


_ROADS = ["Gorsedown Road", "Pennyroyal Street", "Marlpit Lane", "Weatherby Close", "Cinderford Avenue", "Thimbleby Way",
          "Alder Carr Drive", "Rookery Mews", "Saddler's Row", "Whinmoor Crescent", "Corncrake Terrace", "Fulling Mill Lane",
          "Birchanger Road", "Quillet Place", "Tamarisk Boulevard", "Eastbrook Parade", "Lantern Hill", "Harebell Court"]
_TOWNS = [("Ashcombe", "Devon", "EX7 9ZZ", "GB"), ("Market Deeping", "Lincolnshire", "PE6 8QQ", "GB"),
          ("Glenmoray", "Highland", "IV2 7XZ", "GB"), ("Kilcarrow", "Co. Clare", "V95 XY21", "IE"),
          ("Brackenridge", "PA", "15014", "US"), ("Cedar Falls", "IA", "50613", "US"), ("Port Alder", "WA", "98368", "US"),
          ("Maple Grove", "MN", "55369", "US"), ("Wollaby", "NSW", "2790", "AU"), ("Tarrant Vale", "ON", "L9T 0A1", "CA")]


def place(rng: random.Random, country: str | None = None) -> dict[str, str]:
    towns = [t for t in _TOWNS if country is None or t[3] == country] or _TOWNS
    town, region, post, cc = pick(rng, towns)
    unit = pick(rng, ["", "", "", f"Flat {rng.randint(1, 24)}", f"Apt {rng.randint(1, 30)}{pick(rng, 'ABC')}",
                      f"Unit {rng.randint(1, 12)}", "Basement flat", f"Suite {rng.randint(1, 9)}00"])
    return {"line1": f"{rng.randint(1, 280)} {pick(rng, _ROADS)}", "line2": unit, "city": town, "region": region,
            "postal_code": post, "country": cc}


_ = (HEX, py_json, stamp)  # re-exported for the sources
