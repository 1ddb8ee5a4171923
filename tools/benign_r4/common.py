# ruff: noqa: RUF001 - real text uses typographic characters
"""The request record and the clients that send the fourth corpus: browsers
(client hints, fetch metadata, framework cookies), mobile apps, SDKs and CLIs,
and the small encoders they use.

Everything draws from the `random.Random` it is given, never from the clock or
the OS, so the output is the same on every run.
"""

from __future__ import annotations

import base64
import random
import string
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote

from benign_record import ALNUM, LOWER, b64url, chars, form, hexs, js_json, pick, rbytes
from benign_record import Request as Request  # re-exported: the sources import it from here
from benign_record import multipart as multipart
from benign_record import run as run
from benign_record import some as some
from benign_record import text_parts as text_parts
from benign_record import uri_query as uri_query

Headers = list[tuple[str, str]]


# ------------------------------------------------------------------ small helpers


def query(pairs: Sequence[tuple[str, str]]) -> str:
    """A query string as URLSearchParams writes it (same as a form body)."""
    return form(pairs)


def slug(s: str) -> str:
    out = []
    for c in ascii_fold(s).lower():
        if c.isalnum():
            out.append(c)
        elif out and out[-1] != "-":
            out.append("-")
    return "".join(out).strip("-")


def fake_jpeg(rng: random.Random, n: int) -> bytes:
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + rbytes(rng, n) + b"\xff\xd9"


def fake_png(rng: random.Random, n: int) -> bytes:
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + rbytes(rng, n) + b"\x00\x00\x00\x00IEND\xaeB`\x82"


def fake_pdf(rng: random.Random, title: str) -> bytes:
    return (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
            + f"2 0 obj\n<< /Title ({ascii_fold(title)}) >>\nendobj\n".encode()
            + b"3 0 obj\n<< /Length 64 /Filter /FlateDecode >>\nstream\n" + rbytes(rng, 64)
            + b"\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")


# ------------------------------------------------------------------ dates


def future_day(rng: random.Random) -> str:
    m = rng.choice([12, 1, 2, 3])
    y = 2026 if m == 12 else 2027
    d = rng.randint(8 if m == 12 else 1, 28)
    return f"{y:04d}-{m:02d}-{d:02d}"


def epoch_ms(rng: random.Random) -> int:
    return 1_796_000_000_000 + rng.randrange(3_000_000_000)


# ------------------------------------------------------------------ browsers


@dataclass(frozen=True)
class Browser:
    family: str  # chromium, firefox, safari
    ua: str
    brands: str = ""
    platform: str = ""
    mobile: bool = False


_GREASE = {"141": '"Not?A_Brand";v="8"', "142": '"Not_A Brand";v="99"', "143": '"Not)A;Brand";v="24"'}


def _cr(ua: str, brand: str, v: str, platform: str, mobile: bool = False) -> Browser:
    grease = _GREASE[v]
    if brand == "Chromium":
        brands = f'"Chromium";v="{v}", {grease}'
    else:
        brands = f'{grease}, "Chromium";v="{v}", "{brand}";v="{v}"'
    return Browser("chromium", ua, brands, platform, mobile)


_WK = "AppleWebKit/537.36 (KHTML, like Gecko)"
BROWSERS: list[Browser] = [
    _cr(f"Mozilla/5.0 (Windows NT 10.0; Win64; x64) {_WK} Chrome/143.0.0.0 Safari/537.36", "Google Chrome", "143", "Windows"),
    _cr(f"Mozilla/5.0 (Windows NT 10.0; Win64; x64) {_WK} Chrome/142.0.0.0 Safari/537.36", "Google Chrome", "142", "Windows"),
    _cr(f"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) {_WK} Chrome/143.0.0.0 Safari/537.36", "Google Chrome", "143", "macOS"),
    _cr(f"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) {_WK} Chrome/142.0.0.0 Safari/537.36", "Google Chrome", "142", "macOS"),
    _cr(f"Mozilla/5.0 (X11; Linux x86_64) {_WK} Chrome/142.0.0.0 Safari/537.36", "Google Chrome", "142", "Linux"),
    _cr(f"Mozilla/5.0 (Windows NT 10.0; Win64; x64) {_WK} Chrome/143.0.0.0 Safari/537.36 Edg/143.0.0.0", "Microsoft Edge", "143", "Windows"),
    _cr(f"Mozilla/5.0 (Windows NT 10.0; Win64; x64) {_WK} Chrome/142.0.0.0 Safari/537.36 Edg/142.0.0.0", "Microsoft Edge", "142", "Windows"),
    _cr(f"Mozilla/5.0 (Linux; Android 10; K) {_WK} Chrome/143.0.0.0 Mobile Safari/537.36", "Google Chrome", "143", "Android", True),
    _cr(f"Mozilla/5.0 (Linux; Android 10; K) {_WK} Chrome/142.0.0.0 Mobile Safari/537.36", "Google Chrome", "142", "Android", True),
    _cr(f"Mozilla/5.0 (Linux; Android 10; K) {_WK} SamsungBrowser/28.0 Chrome/141.0.0.0 Mobile Safari/537.36", "Samsung Internet", "141", "Android", True),
    _cr(f"Mozilla/5.0 (X11; Linux x86_64) {_WK} Chrome/141.0.0.0 Safari/537.36", "Chromium", "141", "Linux"),
    _cr(f"Mozilla/5.0 (Windows NT 10.0; Win64; x64) {_WK} Chrome/142.0.0.0 Safari/537.36 OPR/125.0.0.0", "Opera", "142", "Windows"),
    Browser("firefox", "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:146.0) Gecko/20100101 Firefox/146.0"),
    Browser("firefox", "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:145.0) Gecko/20100101 Firefox/145.0"),
    Browser("firefox", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:146.0) Gecko/20100101 Firefox/146.0"),
    Browser("firefox", "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"),
    Browser("firefox", "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:146.0) Gecko/20100101 Firefox/146.0"),
    Browser("firefox", "Mozilla/5.0 (Android 15; Mobile; rv:146.0) Gecko/146.0 Firefox/146.0", mobile=True),
    Browser("safari", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.1 Safari/605.1.15"),
    Browser("safari", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.6 Safari/605.1.15"),
    Browser("safari", "Mozilla/5.0 (iPhone; CPU iPhone OS 18_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.1 Mobile/15E148 Safari/604.1", mobile=True),
    Browser("safari", "Mozilla/5.0 (iPhone; CPU iPhone OS 18_6_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.6 Mobile/15E148 Safari/604.1", mobile=True),
    Browser("safari", "Mozilla/5.0 (iPad; CPU OS 18_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.0 Mobile/15E148 Safari/604.1", mobile=True),
]

LANGS: dict[str, list[str]] = {
    "en": ["en-US,en;q=0.9", "en-GB,en-US;q=0.9,en;q=0.8", "en-US,en;q=0.5", "en-AU,en;q=0.9", "en-IE,en-GB;q=0.9,en;q=0.8"],
    "de": ["de-DE,de;q=0.9,en-US;q=0.8,en;q=0.7", "de-AT,de;q=0.9,en;q=0.8", "de"],
    "fr": ["fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7", "fr-BE,fr;q=0.9,nl;q=0.8,en;q=0.7"],
    "es": ["es-ES,es;q=0.9", "es-MX,es-419;q=0.9,es;q=0.8,en;q=0.7"],
    "pt": ["pt-BR,pt;q=0.9,en-US;q=0.8,en;q=0.7", "pt-PT,pt;q=0.9,en;q=0.8"],
    "it": ["it-IT,it;q=0.9,en-US;q=0.8,en;q=0.7"],
    "nl": ["nl-NL,nl;q=0.9,en-US;q=0.8,en;q=0.7"],
    "pl": ["pl-PL,pl;q=0.9,en-US;q=0.8,en;q=0.7"],
    "ru": ["ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7"],
    "tr": ["tr-TR,tr;q=0.9,en-US;q=0.8,en;q=0.7"],
    "ja": ["ja-JP,ja;q=0.9,en-US;q=0.8,en;q=0.7", "ja"],
    "zh": ["zh-CN,zh;q=0.9,en;q=0.8", "zh-TW,zh-Hant;q=0.9,en;q=0.8"],
    "ko": ["ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7"],
    "hi": ["hi-IN,hi;q=0.9,en-IN;q=0.8,en;q=0.7"],
    "ar": ["ar-SA,ar;q=0.9,en-US;q=0.8,en;q=0.7"],
    "sv": ["sv-SE,sv;q=0.9,en-US;q=0.8,en;q=0.7"],
    "vi": ["vi-VN,vi;q=0.9,fr-FR;q=0.8,en;q=0.7"],
}

_NAV = {
    "chromium": "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7",
    "firefox": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "safari": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
}


def browser(rng: random.Random, source: str, kind: str, method: str, host: str, path: str,
            qs: str = "", *, body: bytes | None = None, ctype: str | None = None,
            navigate: bool = False, referer: str | None = None, cookie: str | None = None,
            lang: str = "en", accept: str | None = None, extra: Headers | None = None,
            b: Browser | None = None, site: str = "same-origin") -> Request:
    """A browser request: a page load or form post (`navigate`) or a fetch()."""
    b = b or pick(rng, BROWSERS)
    al = pick(rng, LANGS.get(lang, LANGS["en"]))
    acc = accept or (_NAV[b.family] if navigate else "application/json, text/plain, */*")
    origin: Headers = [("origin", f"https://{host}")] if method != "GET" else []
    clen: Headers = [("content-length", str(len(body)))] if body is not None else []
    ct: Headers = [("content-type", ctype)] if ctype is not None and body is not None else []
    ref: Headers = [("referer", referer)] if referer else []
    ck: Headers = [("cookie", cookie)] if cookie else []
    x = extra or []
    mode = "navigate" if navigate else "cors"
    dest = "document" if navigate else "empty"
    h: Headers = [("host", host)]
    if b.family == "chromium":
        mob = "?1" if b.mobile else "?0"
        plat = f'"{b.platform}"'
        if navigate:
            h += [("connection", "keep-alive"), *clen]
            if method == "POST":
                h += [("cache-control", "max-age=0")]
            h += [("sec-ch-ua", b.brands), ("sec-ch-ua-mobile", mob), ("sec-ch-ua-platform", plat), *origin, *ct,
                  ("upgrade-insecure-requests", "1"), ("user-agent", b.ua), ("accept", acc),
                  ("sec-fetch-site", site), ("sec-fetch-mode", mode), ("sec-fetch-user", "?1"),
                  ("sec-fetch-dest", dest), *ref, ("accept-encoding", "gzip, deflate, br, zstd"),
                  ("accept-language", al), *ck, *x, ("priority", "u=0, i")]
        else:
            h += [("connection", "keep-alive"), *clen, ("sec-ch-ua-platform", plat), *x,
                  ("sec-ch-ua", b.brands), ("sec-ch-ua-mobile", mob), ("user-agent", b.ua), ("accept", acc),
                  *ct, *origin, ("sec-fetch-site", site), ("sec-fetch-mode", mode), ("sec-fetch-dest", dest),
                  *ref, ("accept-encoding", "gzip, deflate, br, zstd"), ("accept-language", al), *ck,
                  ("priority", "u=1, i")]
    elif b.family == "firefox":
        h += [("user-agent", b.ua), ("accept", acc), ("accept-language", al),
              ("accept-encoding", "gzip, deflate, br, zstd"), *x, *ct, *clen, *origin,
              ("connection", "keep-alive"), *ref, *ck]
        if navigate:
            h.append(("upgrade-insecure-requests", "1"))
        h += [("sec-fetch-dest", dest), ("sec-fetch-mode", mode), ("sec-fetch-site", site)]
        if navigate:
            h.append(("sec-fetch-user", "?1"))
        h += [("priority", "u=0, i" if navigate else "u=4"), ("te", "trailers")]
    else:
        h += [*ct, ("accept", acc), ("sec-fetch-site", site), *ck, ("sec-fetch-dest", dest),
              ("accept-language", al), ("sec-fetch-mode", mode), *origin, ("user-agent", b.ua),
              *ref, *clen, *x, ("accept-encoding", "gzip, deflate, br")]
        if navigate and method == "GET":
            h.append(("upgrade-insecure-requests", "1"))
        h += [("priority", "u=0, i" if navigate else "u=3, i"), ("connection", "keep-alive")]
    return Request(source, kind, method, path, qs, h, body)


def boundary(rng: random.Random, b: Browser) -> str:
    if b.family == "firefox":
        return "----geckoformboundary" + hexs(rng, 32)
    return "----WebKitFormBoundary" + chars(rng, ALNUM, 16)


# ------------------------------------------------------------------ cookies


def analytics(rng: random.Random) -> list[tuple[str, str]]:
    t = 1_790_000_000 + rng.randrange(8_000_000)
    jar = [("_ga", f"GA1.1.{rng.randrange(100_000_000, 2_000_000_000)}.{t}")]
    if rng.random() < 0.5:
        jar.append((f"_ga_{chars(rng, string.ascii_uppercase + string.digits, 10)}",
                    f"GS2.1.s{t + 900_000}$o{rng.randrange(2, 60)}$g1$t{t + 900_250}$j{rng.randrange(10, 60)}$l0$h0"))
    if rng.random() < 0.3:
        jar.append(("_fbp", f"fb.1.{t * 1000 + rng.randrange(1000)}.{rng.randrange(10**9, 10**10)}"))
    if rng.random() < 0.25:
        jar.append(("cookieconsent_status", pick(rng, ["allow", "dismiss", "deny"])))
    return jar


def session(rng: random.Random, framework: str) -> list[tuple[str, str]]:
    if framework == "django":
        return [("csrftoken", chars(rng, ALNUM, 32)), ("sessionid", chars(rng, LOWER, 32))]
    if framework == "flask":
        return [("session", "." + b64url(rbytes(rng, 60)) + "." + b64url(rbytes(rng, 4)) + "." + b64url(rbytes(rng, 20)))]
    if framework == "fastapi":
        return [("session", b64url(rbytes(rng, 80)) + "." + b64url(rbytes(rng, 6)) + "." + b64url(rbytes(rng, 20)))]
    if framework == "starlette":
        return [("session", base64.b64encode(js_json({"uid": rng.randrange(10**6)}).encode()).decode()
                 + "." + b64url(rbytes(rng, 6)) + "." + b64url(rbytes(rng, 20)))]
    if framework == "rails":
        return [("_app_session", quote(base64.b64encode(rbytes(rng, 90)).decode(), safe="") + "--" + hexs(rng, 40))]
    if framework == "express":
        return [("connect.sid", quote("s:" + b64url(rbytes(rng, 24)) + "." + base64.b64encode(rbytes(rng, 32)).decode().rstrip("="), safe=""))]
    if framework == "nextauth":
        return [("__Host-next-auth.csrf-token", quote(hexs(rng, 64) + "|" + hexs(rng, 64), safe="")),
                ("__Secure-next-auth.session-token", b64url(rbytes(rng, 160)))]
    return [("JSESSIONID", hexs(rng, 32).upper())]


def cookies(rng: random.Random, framework: str, *, extra: Sequence[tuple[str, str]] = (), ga: float = 0.5) -> str:
    jar: list[tuple[str, str]] = []
    if rng.random() < ga:
        jar += analytics(rng)
    jar += session(rng, framework)
    jar += list(extra)
    return "; ".join(f"{k}={v}" for k, v in jar)


def csrf_header(rng: random.Random, framework: str) -> Headers:
    if framework == "django":
        return [("x-csrftoken", chars(rng, ALNUM, 64))]
    if framework == "rails":
        return [("x-csrf-token", b64url(rbytes(rng, 64)))]
    if framework == "flask":
        return [("x-csrftoken", hexs(rng, 40) + "." + b64url(rbytes(rng, 18)))]
    return []


def jwt(rng: random.Random, claims: dict[str, object], *, alg: str = "RS256") -> str:
    head = b64url(js_json({"alg": alg, "typ": "JWT", "kid": hexs(rng, 8)}).encode())
    body = b64url(js_json(claims).encode())
    sig = b64url(rbytes(rng, 32 if alg == "HS256" else 256))
    return f"{head}.{body}.{sig}"


def bearer(rng: random.Random, iss: str) -> str:
    return "Bearer " + jwt(rng, {"iss": iss, "sub": str(rng.randrange(10**7)), "aud": "api",
                                 "iat": 1_796_000_000 + rng.randrange(10**6), "exp": 1_797_500_000,
                                 "scope": "read write"})


# ------------------------------------------------------------------ apps, SDKs and CLIs


def client(rng: random.Random, source: str, kind: str, method: str, host: str, path: str,
           qs: str = "", *, body: bytes | None = None, ctype: str | None = None,
           lib: str = "requests", auth: str | None = None, extra: Headers | None = None,
           ua: str | None = None) -> Request:
    """A non-browser HTTP client, with its own header order."""
    clen: Headers = [("content-length", str(len(body)))] if body is not None else []
    ct: Headers = [("content-type", ctype)] if ctype is not None and body is not None else []
    au: Headers = [("authorization", auth)] if auth else []
    x = extra or []
    if lib == "requests":
        agent = ua or pick(rng, ["python-requests/2.32.5", "python-requests/2.32.4"])
        h: Headers = [("host", host), ("user-agent", agent), ("accept-encoding", "gzip, deflate, zstd"),
                      ("accept", "*/*"), ("connection", "keep-alive"), *au, *x, *clen, *ct]
    elif lib == "httpx":
        agent = ua or "python-httpx/0.28.1"
        h = [("host", host), ("accept", "*/*"), ("accept-encoding", "gzip, deflate, zstd"),
             ("connection", "keep-alive"), ("user-agent", agent), *au, *x, *clen, *ct]
    elif lib == "curl":
        agent = ua or pick(rng, ["curl/8.14.1", "curl/8.5.0", "curl/8.17.0"])
        h = [("host", host), ("user-agent", agent), ("accept", "*/*"), *au, *ct, *x, *clen]
    elif lib == "node":
        agent = ua or "node"
        h = [("host", host), ("connection", "keep-alive"), *ct, *au, *x, ("accept", "*/*"),
             ("accept-language", "*"), ("sec-fetch-mode", "cors"), ("user-agent", agent),
             ("accept-encoding", "gzip, deflate"), *clen]
    elif lib == "ios":
        agent = ua or "App/1.0 CFNetwork/3826.600.41 Darwin/24.6.0"
        h = [("host", host), *ct, ("accept", "application/json"), *au, *x, ("accept-language", pick(rng, ["en-US,en;q=0.9", "de-DE,de;q=0.9", "fr-FR,fr;q=0.9"])),
             ("accept-encoding", "gzip, deflate, br"), ("user-agent", agent), *clen, ("connection", "keep-alive")]
    else:  # okhttp
        agent = ua or "okhttp/4.12.0"
        h = [*au, *x, *ct, *clen, ("host", host), ("connection", "Keep-Alive"),
             ("accept-encoding", "gzip"), ("user-agent", agent)]
    override = {name for name, _ in x}
    h = [pair for pair in h if pair[0] not in override or pair in x]
    return Request(source, kind, method, path, qs, h, body)


# ------------------------------------------------------------------ people (all fictional)

GIVEN = ["Aoife", "Cillian", "Siobhán", "Dara", "Léa", "Benoît", "Amélie", "Jürgen", "Søren", "Małgorzata",
         "Wojciech", "Krzysztof", "Tuğba", "Barış", "Nuñez", "Lucía", "Íñigo", "Mercè", "Giulia", "Matteo",
         "Haruto", "Yui", "Priya", "Rohan", "Oluwaseun", "Thandiwe", "Freyja", "Þórunn", "Anastasiia", "Dmytro",
         "Yasmin", "Karim", "Tamar", "Avi", "Jun", "Meiling", "Quang", "Hương", "Min-jun", "Hye-jin",
         "Liam", "Olivia", "Noah", "Emma", "Jamal", "Zoë", "Renée", "José", "Anne-Marie", "Jean-Luc"]
FAMILY = ["O'Brien", "O'Neill", "Ní Bhriain", "D'Arcy", "Schäfer", "Weiß", "Lefèvre", "Bélanger", "Kowalczyk",
          "Wiśniewski", "Yıldız", "Öztürk", "García-Márquez", "Peña", "Esposito", "Dell'Acqua", "Tanaka",
          "Yamamoto", "Krishnan", "Chatterjee", "Okafor", "Dlamini", "Sørensen", "Jónsdóttir", "Kovalenko",
          "Nasser", "Levi", "Wang", "Chen", "Nguyễn", "Kim", "Lee", "de Vries", "van der Berg", "Johnson",
          "Brown-Okoye", "McAllister", "D'Angelo", "El-Amin", "Ivanova"]
MAIL = ["example.com", "example.org", "example.net", "mail.example.com", "example.de", "example.fr",
        "example.co.uk", "example.jp", "example.es", "example.it", "example.com.br", "example.nl"]

_FOLDS = str.maketrans({"ł": "l", "ß": "ss", "ø": "o", "ð": "d", "þ": "th", "Þ": "Th", "ı": "i", "đ": "d"})


def ascii_fold(s: str) -> str:
    d = unicodedata.normalize("NFKD", s.translate(_FOLDS))
    return "".join(c for c in d if not unicodedata.combining(c))


def person(rng: random.Random) -> tuple[str, str, str]:
    """(given, family, email)"""
    g, f = pick(rng, GIVEN), pick(rng, FAMILY)
    local = pick(rng, [f"{g}.{f}", f"{g[0]}{f}", f"{g}{rng.randrange(2, 99)}", f"{f}.{g}", f"{g}_{f[0]}"])
    local = "".join(c for c in ascii_fold(local).lower() if c.isalnum() or c in "._-")
    return g, f, f"{local}@{pick(rng, MAIL)}"


def phone(rng: random.Random) -> str:
    """Numbers from ranges set aside for fiction and documentation."""
    return pick(rng, [f"+1 202-555-0{rng.randrange(100, 200)}", f"+1 (202) 555-01{rng.randrange(10, 100)}",
                      f"+44 20 7946 0{rng.randrange(100, 1000):03d}", f"+61 491 570 {rng.randrange(100, 160)}",
                      f"+1 (613) 555-01{rng.randrange(10, 100)}", f"07700 900{rng.randrange(100, 1000):03d}"])


# ------------------------------------------------------------------ driving a source
