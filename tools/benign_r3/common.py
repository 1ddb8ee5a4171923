# ruff: noqa: RUF001 - real text uses typographic characters
"""The request record and the clients that send this corpus's requests:
browsers (client hints, fetch metadata, framework cookies), SDKs and CLIs,
and the small encoders they use.

Everything draws from the `random.Random` it is given, never from the clock
or the OS, so the output is the same on every run.
"""

from __future__ import annotations

import base64
import random
import string
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote

from benign_record import ALNUM, LOWER, b64url, chars, hexs, js_json, pick, rbytes, uuid4
from benign_record import Request as Request  # re-exported: the sources import it from here
from benign_record import multipart as multipart
from benign_record import some as some
from benign_record import uri_query as uri_query

Headers = list[tuple[str, str]]


# ------------------------------------------------------------------ small helpers


# ------------------------------------------------------------------ dates

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def day_in(rng: random.Random, year: int = 2027, lo_month: int = 1, hi_month: int = 12) -> tuple[int, int, int]:
    m = rng.randint(lo_month, hi_month)
    d = rng.randint(1, 28)
    return year, m, d


def ymd(d: tuple[int, int, int]) -> str:
    return f"{d[0]:04d}-{d[1]:02d}-{d[2]:02d}"


def add_days(d: tuple[int, int, int], n: int) -> tuple[int, int, int]:
    y, m, day = d
    day += n
    while day > 28:
        day -= 28
        m += 1
        if m > 12:
            m, y = 1, y + 1
    return y, m, day


# ------------------------------------------------------------------ browsers


@dataclass(frozen=True)
class Browser:
    family: str  # chromium, firefox, safari
    ua: str
    brands: str = ""
    platform: str = ""
    mobile: bool = False


def _cr(ua: str, brand: str, v: str, platform: str, mobile: bool = False) -> Browser:
    grease = {"130": '"Not?A_Brand";v="99"', "131": '"Not_A Brand";v="24"',
              "132": '"Not A(Brand";v="8"', "133": '"Not(A:Brand";v="99"'}[v]
    if brand == "Chromium":
        brands = f'"Chromium";v="{v}", {grease}'
    else:
        brands = f'"{brand}";v="{v}", "Chromium";v="{v}", {grease}'
    return Browser("chromium", ua, brands, platform, mobile)


_WK = "AppleWebKit/537.36 (KHTML, like Gecko)"
BROWSERS: list[Browser] = [
    _cr(f"Mozilla/5.0 (Windows NT 10.0; Win64; x64) {_WK} Chrome/133.0.0.0 Safari/537.36", "Google Chrome", "133", "Windows"),
    _cr(f"Mozilla/5.0 (Windows NT 10.0; Win64; x64) {_WK} Chrome/132.0.0.0 Safari/537.36", "Google Chrome", "132", "Windows"),
    _cr(f"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) {_WK} Chrome/133.0.0.0 Safari/537.36", "Google Chrome", "133", "macOS"),
    _cr(f"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) {_WK} Chrome/131.0.0.0 Safari/537.36", "Google Chrome", "131", "macOS"),
    _cr(f"Mozilla/5.0 (X11; Linux x86_64) {_WK} Chrome/132.0.0.0 Safari/537.36", "Google Chrome", "132", "Linux"),
    _cr(f"Mozilla/5.0 (Windows NT 10.0; Win64; x64) {_WK} Chrome/132.0.0.0 Safari/537.36 Edg/132.0.0.0", "Microsoft Edge", "132", "Windows"),
    _cr(f"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) {_WK} Chrome/133.0.0.0 Safari/537.36", "Brave", "133", "macOS"),
    _cr(f"Mozilla/5.0 (Linux; Android 10; K) {_WK} Chrome/133.0.0.0 Mobile Safari/537.36", "Google Chrome", "133", "Android", True),
    _cr(f"Mozilla/5.0 (X11; Linux x86_64) {_WK} Chrome/130.0.0.0 Safari/537.36", "Chromium", "130", "Linux"),
    _cr(f"Mozilla/5.0 (Windows NT 10.0; Win64; x64) {_WK} Chrome/131.0.0.0 Safari/537.36 OPR/116.0.0.0", "Opera", "131", "Windows"),
    Browser("firefox", "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:134.0) Gecko/20100101 Firefox/134.0"),
    Browser("firefox", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:133.0) Gecko/20100101 Firefox/133.0"),
    Browser("firefox", "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"),
    Browser("firefox", "Mozilla/5.0 (X11; Fedora; Linux x86_64; rv:134.0) Gecko/20100101 Firefox/134.0"),
    Browser("safari", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.2 Safari/605.1.15"),
    Browser("safari", "Mozilla/5.0 (iPhone; CPU iPhone OS 18_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.2 Mobile/15E148 Safari/604.1", mobile=True),
    Browser("safari", "Mozilla/5.0 (iPad; CPU OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1", mobile=True),
]

LANGS: dict[str, list[str]] = {
    "en": ["en-US,en;q=0.9", "en-GB,en;q=0.9", "en-US,en;q=0.5", "en-CA,en-US;q=0.9,en;q=0.8"],
    "de": ["de-DE,de;q=0.9,en-US;q=0.8,en;q=0.7", "de-CH,de;q=0.9,en;q=0.8"],
    "fr": ["fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7", "fr-CA,fr;q=0.9,en-CA;q=0.8"],
    "es": ["es-ES,es;q=0.9", "es-419,es;q=0.9,en;q=0.8"],
    "pt": ["pt-BR,pt;q=0.9,en-US;q=0.8,en;q=0.7", "pt-PT,pt;q=0.9"],
    "it": ["it-IT,it;q=0.9,en;q=0.8"],
    "nl": ["nl-NL,nl;q=0.9,en;q=0.8"],
    "pl": ["pl-PL,pl;q=0.9,en;q=0.8"],
    "ru": ["ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7"],
    "uk": ["uk-UA,uk;q=0.9,en;q=0.8"],
    "tr": ["tr-TR,tr;q=0.9,en;q=0.8"],
    "ar": ["ar,en-US;q=0.9,en;q=0.8", "ar-EG,ar;q=0.9"],
    "he": ["he-IL,he;q=0.9,en-US;q=0.8,en;q=0.7"],
    "fa": ["fa-IR,fa;q=0.9,en;q=0.8"],
    "ja": ["ja,en-US;q=0.9,en;q=0.8", "ja-JP"],
    "zh": ["zh-CN,zh;q=0.9,en;q=0.8", "zh-TW,zh;q=0.9"],
    "ko": ["ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7"],
    "hi": ["hi-IN,hi;q=0.9,en-IN;q=0.8,en;q=0.7"],
    "sv": ["sv-SE,sv;q=0.9,en;q=0.8"],
    "el": ["el-GR,el;q=0.9,en;q=0.8"],
    "vi": ["vi-VN,vi;q=0.9,en;q=0.8"],
    "th": ["th-TH,th;q=0.9,en;q=0.8"],
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
    origin = [("origin", f"https://{host}")] if method != "GET" else []
    clen = [("content-length", str(len(body)))] if body is not None else []
    ct = [("content-type", ctype)] if ctype is not None and body is not None else []
    ref = [("referer", referer)] if referer else []
    ck = [("cookie", cookie)] if cookie else []
    x = extra or []
    mode = "navigate" if navigate else "cors"
    dest = "document" if navigate else "empty"
    h: Headers = [("host", host)]
    if b.family == "chromium":
        hints: Headers = [("sec-ch-ua", b.brands), ("sec-ch-ua-mobile", "?1" if b.mobile else "?0"),
                          ("sec-ch-ua-platform", f'"{b.platform}"')]
        if navigate:
            if method == "POST":
                h += [("connection", "keep-alive"), *clen, ("cache-control", "max-age=0"), *hints, *origin, *ct]
            else:
                h += [("connection", "keep-alive"), *hints]
            h += [("upgrade-insecure-requests", "1"), ("user-agent", b.ua), ("accept", acc),
                  ("sec-fetch-site", site), ("sec-fetch-mode", mode), ("sec-fetch-user", "?1"),
                  ("sec-fetch-dest", dest), *ref, ("accept-encoding", "gzip, deflate, br, zstd"),
                  ("accept-language", al), *ck, *x, ("priority", "u=0, i")]
        else:
            h += [("connection", "keep-alive"), *clen, ("sec-ch-ua-platform", f'"{b.platform}"'), *x,
                  ("sec-ch-ua", b.brands), ("sec-ch-ua-mobile", "?1" if b.mobile else "?0"),
                  ("user-agent", b.ua), ("accept", acc), *ct, *origin,
                  ("sec-fetch-site", site), ("sec-fetch-mode", mode), ("sec-fetch-dest", dest), *ref,
                  ("accept-encoding", "gzip, deflate, br, zstd"), ("accept-language", al), *ck,
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
    t = 1_760_000_000 + rng.randrange(30_000_000)
    jar = [("_ga", f"GA1.1.{rng.randrange(100_000_000, 2_000_000_000)}.{t}")]
    if rng.random() < 0.5:
        jar.append((f"_ga_{chars(rng, string.ascii_uppercase + string.digits, 10)}",
                    f"GS2.1.s{t + 3_000_000}$o{rng.randrange(2, 90)}$g1$t{t + 3_000_400}$j60$l0$h0"))
    if rng.random() < 0.3:
        jar.append(("ajs_anonymous_id", uuid4(rng)))
    if rng.random() < 0.25:
        jar.append(("_hjSessionUser_" + str(rng.randrange(1_000_000, 4_000_000)),
                    b64url(js_json({"id": hexs(rng, 16), "created": t * 1000, "existing": True}).encode())))
    return jar


def session(rng: random.Random, framework: str) -> list[tuple[str, str]]:
    if framework == "django":
        return [("csrftoken", chars(rng, ALNUM, 32)), ("sessionid", chars(rng, LOWER, 32))]
    if framework == "flask":
        return [("session", "." + b64url(rbytes(rng, 54)) + "." + b64url(rbytes(rng, 4)) + "." + b64url(rbytes(rng, 20)))]
    if framework == "fastapi":
        return [("access_token", quote('"Bearer ' + jwt(rng, {"sub": str(rng.randrange(10**5)), "exp": 1_797_000_000}, alg="HS256") + '"', safe=""))]
    if framework == "rails":
        return [("_app_session", quote(base64.b64encode(rbytes(rng, 90)).decode(), safe="") + "--" + hexs(rng, 40))]
    if framework == "laravel":
        inner = js_json({"iv": base64.b64encode(rbytes(rng, 16)).decode(), "value": base64.b64encode(rbytes(rng, 48)).decode(),
                         "mac": hexs(rng, 64), "tag": ""})
        return [("XSRF-TOKEN", quote(base64.b64encode(inner.encode()).decode(), safe="")),
                ("app_session", quote(base64.b64encode(rbytes(rng, 120)).decode(), safe=""))]
    if framework == "express":
        return [("connect.sid", quote("s:" + b64url(rbytes(rng, 24)) + "." + base64.b64encode(rbytes(rng, 32)).decode().rstrip("="), safe=""))]
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
    if framework in ("laravel", "rails"):
        return [("x-csrf-token", b64url(rbytes(rng, 48)))]
    if framework == "flask":
        return [("x-csrftoken", hexs(rng, 40) + "." + b64url(rbytes(rng, 18)))]
    return []


def jwt(rng: random.Random, claims: dict[str, object], *, alg: str = "RS256") -> str:
    head = b64url(js_json({"alg": alg, "typ": "JWT"}).encode())
    body = b64url(js_json(claims).encode())
    sig = b64url(rbytes(rng, 32 if alg == "HS256" else 256))
    return f"{head}.{body}.{sig}"


# ------------------------------------------------------------------ SDKs and CLIs


def client(rng: random.Random, source: str, kind: str, method: str, host: str, path: str,
           qs: str = "", *, body: bytes | None = None, ctype: str | None = None,
           lib: str = "requests", auth: str | None = None, extra: Headers | None = None,
           ua: str | None = None) -> Request:
    """A non-browser HTTP client, with its own header order."""
    clen = [("content-length", str(len(body)))] if body is not None else []
    ct = [("content-type", ctype)] if ctype is not None and body is not None else []
    au = [("authorization", auth)] if auth else []
    x = extra or []
    if lib == "requests":
        agent = ua or pick(rng, ["python-requests/2.32.3", "python-requests/2.32.4"])
        h: Headers = [("host", host), ("user-agent", agent), ("accept-encoding", "gzip, deflate"),
                      ("accept", "*/*"), ("connection", "keep-alive"), *au, *x, *clen, *ct]
    elif lib == "httpx":
        agent = ua or "python-httpx/0.28.1"
        h = [("host", host), ("accept", "*/*"), ("accept-encoding", "gzip, deflate"),
             ("connection", "keep-alive"), ("user-agent", agent), *au, *x, *clen, *ct]
    elif lib == "curl":
        agent = ua or pick(rng, ["curl/8.5.0", "curl/8.11.1", "curl/7.88.1"])
        h = [("host", host), ("user-agent", agent), ("accept", "*/*"), *au, *ct, *x, *clen]
    elif lib == "go":
        agent = ua or "Go-http-client/1.1"
        h = [("host", host), ("user-agent", agent), *clen, *au, *ct, *x, ("accept-encoding", "gzip")]
    elif lib == "node":
        agent = ua or "node"
        h = [("host", host), ("connection", "keep-alive"), *ct, *au, *x, ("accept", "*/*"),
             ("accept-language", "*"), ("sec-fetch-mode", "cors"), ("user-agent", agent),
             ("accept-encoding", "gzip, deflate"), *clen]
    else:  # okhttp
        agent = ua or "okhttp/4.12.0"
        h = [*au, *x, *ct, *clen, ("host", host), ("connection", "Keep-Alive"),
             ("accept-encoding", "gzip"), ("user-agent", agent)]
    # a header the caller sets replaces the library's default of the same name
    override = {name for name, _ in x}
    h = [pair for pair in h if pair[0] not in override or pair in x]
    return Request(source, kind, method, path, qs, h, body)


# ------------------------------------------------------------------ people

GIVEN = ["Saoirse", "Eoghan", "Niamh", "Ciarán", "Zoé", "Hélène", "Gérard", "Jörg", "Björk", "Grzegorz",
         "Agnieszka", "Paweł", "Emre", "Elif", "Şule", "Inés", "Joaquín", "Begoña", "Alessandro", "Chiara",
         "Sakura", "Ren", "Ananya", "Arjun", "Chukwuemeka", "Nomvula", "Astrid", "Sigríður", "Yevgenia",
         "Oleksandr", "Layla", "Omar", "Noa", "Yonatan", "Wei", "Xiaoling", "Minh", "Thảo", "Ji-woo",
         "Seo-yeon", "Ethan", "Ava", "Lucas", "Isla", "Malik", "Ines", "Tobias", "Maëlle", "Rúben", "Jan-Erik"]
FAMILY = ["O'Connor", "O'Sullivan", "Mac Giolla", "D'Souza", "Müller", "Großmann", "Lévesque", "Dupont",
          "Zieliński", "Wójcik", "Kaya", "Çelik", "Ruiz-Picasso", "Gutiérrez", "Romano", "De Luca",
          "Watanabe", "Kobayashi", "Iyer", "Banerjee", "Adeyemi", "Mokoena", "Lindqvist", "Guðmundsdóttir",
          "Shevchenko", "Haddad", "Cohen", "Li", "Zhang", "Trần", "Park", "Choi", "van den Heuvel",
          "ter Horst", "Smith", "Nakashima-Reyes", "Fitzgerald", "D'Amico", "Al-Khouri", "Petrov"]
MAIL = ["example.com", "example.org", "example.net", "example.de", "example.fr", "example.co.uk",
        "example.jp", "mail.example.com", "example.es", "example.it", "example.com.br", "example.nl"]

_FOLDS = str.maketrans({"ł": "l", "ß": "ss", "ø": "o", "ð": "d", "þ": "th", "ı": "i", "đ": "d"})


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
    """Numbers from ranges set aside for drama and documentation."""
    return pick(rng, [f"+1 202-555-0{rng.randrange(100, 200)}", f"+44 20 7946 0{rng.randrange(100, 1000):03d}",
                      f"+61 491 570 {rng.randrange(100, 160)}", f"+1 (613) 555-01{rng.randrange(10, 100)}",
                      f"+44 7700 900{rng.randrange(100, 1000):03d}"])


