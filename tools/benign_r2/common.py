# ruff: noqa: RUF001 - real text uses these characters: en dashes, multiplication signs, full-width punctuation
"""The request record, and the clients that send requests: browsers with their
client hints and fetch metadata, server-side SDKs, cookie jars of common
frameworks, and the small encoders (forms, multipart, JWTs, ids) they use.

Everything draws from the `random.Random` it is given, never from the clock
or the OS, so the corpus is the same on every run.
"""

from __future__ import annotations

import base64
import json
import random
import string
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar
from urllib.parse import quote, quote_plus

from benign_record import Request as Request  # re-exported: the sources import it from here

T = TypeVar("T")

Headers = list[tuple[str, str]]




# ------------------------------------------------------------------ small ids

HEX = "0123456789abcdef"
ALNUM = string.ascii_letters + string.digits
LOWER_ALNUM = string.ascii_lowercase + string.digits
B64URL = string.ascii_letters + string.digits + "-_"
CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def pick(rng: random.Random, items: Sequence[T]) -> T:
    return items[rng.randrange(len(items))]


def chars(rng: random.Random, alphabet: str, n: int) -> str:
    return "".join(alphabet[rng.randrange(len(alphabet))] for _ in range(n))


def hexs(rng: random.Random, n: int) -> str:
    return chars(rng, HEX, n)


def uuid4(rng: random.Random) -> str:
    h = hexs(rng, 32)
    variant = pick(rng, "89ab")
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{variant}{h[17:20]}-{h[20:32]}"


def ulid(rng: random.Random) -> str:
    # 48-bit millisecond time (late 2026) then 80 random bits, Crockford base32
    ms = 1_796_000_000_000 + rng.randrange(5_000_000_000)
    t = ""
    for _ in range(10):
        t = CROCKFORD[ms % 32] + t
        ms //= 32
    return t + chars(rng, CROCKFORD, 16)


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def randbytes(rng: random.Random, n: int) -> bytes:
    return bytes(rng.randrange(256) for _ in range(n))


def compact(obj: object) -> str:
    """JSON the way JSON.stringify writes it."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def pyjson(obj: object) -> str:
    """JSON the way Python's json.dumps (requests' json=) writes it."""
    return json.dumps(obj)


def jwt(rng: random.Random, payload: dict[str, object], *, alg: str = "RS256", kid: str | None = None) -> str:
    header: dict[str, object] = {"alg": alg, "typ": "JWT"}
    if kid is not None:
        header["kid"] = kid
    sig_len = {"RS256": 256, "PS256": 256, "ES256": 64, "HS256": 32}.get(alg, 256)
    return ".".join([b64url(compact(header).encode()), b64url(compact(payload).encode()),
                     b64url(randbytes(rng, sig_len))])


def epoch(rng: random.Random) -> int:
    """A Unix time in November/December 2026."""
    return 1_793_500_000 + rng.randrange(3_400_000)


def iso(ts: int, *, millis: int | None = None, z: bool = True) -> str:
    days, rem = divmod(ts, 86_400)
    hh, rem = divmod(rem, 3600)
    mm, ss = divmod(rem, 60)
    y, m, d = civil(days)
    frac = f".{millis:03d}" if millis is not None else ""
    return f"{y:04d}-{m:02d}-{d:02d}T{hh:02d}:{mm:02d}:{ss:02d}{frac}{'Z' if z else '+00:00'}"


def civil(days: int) -> tuple[int, int, int]:
    """Days since 1970-01-01 to (year, month, day) (Howard Hinnant's algorithm)."""
    z = days + 719_468
    era = z // 146_097
    doe = z - era * 146_097
    yoe = (doe - doe // 1460 + doe // 36_524 - doe // 146_096) // 365
    y = yoe + era * 400
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + 3 if mp < 10 else mp - 9
    return (y + 1 if m <= 2 else y, m, d)


# ------------------------------------------------------------------ encoders


def form(pairs: Sequence[tuple[str, str]]) -> str:
    """application/x-www-form-urlencoded as a browser encodes a form."""
    return "&".join(f"{quote_plus(k, safe='*')}={quote_plus(v, safe='*')}" for k, v in pairs)


def query(pairs: Sequence[tuple[str, str]], *, raw_brackets: bool = False) -> str:
    """A query string; `raw_brackets` keeps [] as hand-built or qs-built URLs often do."""
    safe = "*[]" if raw_brackets else "*"
    return "&".join(f"{quote_plus(k, safe=safe)}={quote_plus(v, safe=safe)}" for k, v in pairs)


def url_query(pairs: Sequence[tuple[str, str]]) -> str:
    """encodeURIComponent-style: spaces as %20, as fetch() callers build them."""
    safe = "-_.!~*'()"
    return "&".join(f"{quote(k, safe=safe)}={quote(v, safe=safe)}" for k, v in pairs)


@dataclass
class Part:
    name: str
    value: bytes
    filename: str | None = None
    content_type: str | None = None


def multipart(parts: Sequence[Part], boundary: str) -> bytes:
    out = bytearray()
    for p in parts:
        out += f"--{boundary}\r\n".encode()
        disp = f'Content-Disposition: form-data; name="{p.name}"'
        if p.filename is not None:
            disp += f'; filename="{p.filename}"'
        out += disp.encode() + b"\r\n"
        if p.content_type is not None:
            out += f"Content-Type: {p.content_type}\r\n".encode()
        out += b"\r\n" + p.value + b"\r\n"
    out += f"--{boundary}--\r\n".encode()
    return bytes(out)


# ------------------------------------------------------------------ browsers


@dataclass(frozen=True)
class Browser:
    family: str  # chrome (any Chromium), firefox, safari
    ua: str
    brands: str = ""  # sec-ch-ua, Chromium only
    mobile: bool = False
    platform: str = ""


def _chromium(ua: str, brand: str, version: str, platform: str, *, mobile: bool = False) -> Browser:
    grease = {"131": '"Not_A Brand";v="24"', "130": '"Not?A_Brand";v="99"',
              "132": '"Not A(Brand";v="8"'}[version]
    if brand == "Google Chrome":
        brands = f'"Google Chrome";v="{version}", "Chromium";v="{version}", {grease}'
    else:
        brands = f'"{brand}";v="{version}", "Chromium";v="{version}", {grease}'
    return Browser("chrome", ua, brands, mobile, platform)


BROWSERS: list[Browser] = [
    _chromium("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
              "Google Chrome", "131", "Windows"),
    _chromium("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36",
              "Google Chrome", "130", "Windows"),
    _chromium("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
              "Google Chrome", "131", "macOS"),
    _chromium("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/132.0.0.0 Safari/537.36",
              "Google Chrome", "132", "Linux"),
    _chromium("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
              "Microsoft Edge", "131", "Windows"),
    _chromium("Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
              "Google Chrome", "131", "Android", mobile=True),
    _chromium("Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/27.0 Chrome/130.0.0.0 Mobile Safari/537.36",
              "Samsung Internet", "130", "Android", mobile=True),
    _chromium("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 OPR/115.0.0.0",
              "Opera", "130", "macOS"),
    Browser("firefox", "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"),
    Browser("firefox", "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"),
    Browser("firefox", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:132.0) Gecko/20100101 Firefox/132.0"),
    Browser("firefox", "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"),
    Browser("safari", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15"),
    Browser("safari", "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1.1 Mobile/15E148 Safari/604.1",
            mobile=True),
    Browser("safari", "Mozilla/5.0 (iPad; CPU OS 17_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.7 Mobile/15E148 Safari/604.1",
            mobile=True),
]

ACCEPT_LANGUAGE = {
    "en": ["en-US,en;q=0.9", "en-GB,en-US;q=0.9,en;q=0.8", "en-US,en;q=0.5", "en-AU,en;q=0.9"],
    "de": ["de-DE,de;q=0.9,en-US;q=0.8,en;q=0.7", "de,en-US;q=0.7,en;q=0.3", "de-AT,de;q=0.9"],
    "fr": ["fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7", "fr,fr-FR;q=0.8,en-US;q=0.5,en;q=0.3", "fr-BE,fr;q=0.9"],
    "es": ["es-ES,es;q=0.9", "es-MX,es-419;q=0.9,es;q=0.8,en;q=0.7", "es,en;q=0.5"],
    "it": ["it-IT,it;q=0.9,en-US;q=0.8,en;q=0.7", "it,en-US;q=0.7,en;q=0.3"],
    "pl": ["pl-PL,pl;q=0.9,en-US;q=0.8,en;q=0.7", "pl,en-US;q=0.7,en;q=0.3"],
    "tr": ["tr-TR,tr;q=0.9,en-US;q=0.8,en;q=0.7", "tr,en;q=0.5"],
    "ja": ["ja,en-US;q=0.9,en;q=0.8", "ja-JP,ja;q=0.9"],
    "pt": ["pt-BR,pt;q=0.9,en-US;q=0.8,en;q=0.7"],
    "nl": ["nl-NL,nl;q=0.9,en-US;q=0.8,en;q=0.7"],
}

NAV_ACCEPT = {
    "chrome": "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7",
    "firefox": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "safari": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
}


def accept_language(rng: random.Random, lang: str) -> str:
    return pick(rng, ACCEPT_LANGUAGE.get(lang, ACCEPT_LANGUAGE["en"]))


def browser_request(rng: random.Random, source: str, kind: str, method: str, host: str, path: str,
                    query_string: str = "", *, body: bytes | None = None, content_type: str | None = None,
                    mode: str = "navigate", fetch_site: str = "same-origin", referer: str | None = None,
                    origin: str | None = None, cookie: str | None = None, lang: str = "en",
                    accept: str | None = None, extra: Headers | None = None,
                    browser: Browser | None = None, dest: str | None = None) -> Request:
    """A browser request: a navigation or form post (`navigate`), a fetch()
    (`cors`), or a beacon/no-cors send, with each family's header order."""
    b = browser or pick(rng, BROWSERS)
    if accept is None:
        accept = NAV_ACCEPT[b.family] if mode == "navigate" else "*/*"
    if origin is None and method != "GET":
        origin = f"https://{host}"
    dest = dest or ("document" if mode == "navigate" else "empty")
    al = accept_language(rng, lang)
    h: Headers = [("host", host)]
    length = [("content-length", str(len(body)))] if body is not None else []
    ctype = [("content-type", content_type)] if content_type is not None else []
    org = [("origin", origin)] if origin is not None and (method != "GET" or (mode == "cors" and fetch_site != "same-origin")) else []
    ref = [("referer", referer)] if referer else []
    ck = [("cookie", cookie)] if cookie else []
    xtra = extra or []
    if b.family == "chrome":
        hints = [("sec-ch-ua", b.brands), ("sec-ch-ua-mobile", "?1" if b.mobile else "?0"),
                 ("sec-ch-ua-platform", f'"{b.platform}"')]
        if mode == "navigate":
            if method == "POST":
                h += [*length, ("cache-control", "max-age=0"), *hints, *org, *ctype]
            else:
                h += hints
            h += [("upgrade-insecure-requests", "1"), ("user-agent", b.ua), ("accept", accept),
                  ("sec-fetch-site", fetch_site), ("sec-fetch-mode", "navigate")]
            if fetch_site != "same-origin" or rng.random() < 0.8:
                h.append(("sec-fetch-user", "?1"))
            h += [("sec-fetch-dest", dest), *ref]
            h += [("accept-encoding", "gzip, deflate, br, zstd"), ("accept-language", al), *ck]
            h += [*xtra, ("priority", "u=0, i")]
        else:
            h += [*length, ("sec-ch-ua-platform", f'"{b.platform}"'), *xtra]
            h += [("user-agent", b.ua), ("sec-ch-ua", b.brands), *ctype]
            h += [("sec-ch-ua-mobile", "?1" if b.mobile else "?0"), ("accept", accept), *org]
            h += [("sec-fetch-site", fetch_site), ("sec-fetch-mode", mode), ("sec-fetch-dest", dest), *ref]
            h += [("accept-encoding", "gzip, deflate, br, zstd"), ("accept-language", al), *ck]
            h += [("priority", "u=1, i" if mode == "cors" else "u=4, i")]
    elif b.family == "firefox":
        h += [("user-agent", b.ua), ("accept", accept), ("accept-language", al),
              ("accept-encoding", "gzip, deflate, br, zstd")]
        h += xtra + ctype + length + org
        h += [("connection", "keep-alive")] if rng.random() < 0.3 else []
        h += ref + ck
        if mode == "navigate":
            h.append(("upgrade-insecure-requests", "1"))
        h += [("sec-fetch-dest", dest), ("sec-fetch-mode", mode), ("sec-fetch-site", fetch_site)]
        if mode == "navigate":
            h.append(("sec-fetch-user", "?1"))
        h += [("priority", "u=0, i" if mode == "navigate" else "u=4")]
        if rng.random() < 0.5:
            h.append(("te", "trailers"))
    else:  # safari
        h += [*ctype, ("accept", accept), ("sec-fetch-site", fetch_site), *ck]
        h += [("sec-fetch-dest", dest), ("accept-language", al), ("sec-fetch-mode", mode), *org]
        h += [("user-agent", b.ua), *ref, *length, *xtra]
        h += [("accept-encoding", "gzip, deflate, br")]
        if mode == "navigate" and method == "GET":
            h.append(("upgrade-insecure-requests", "1"))
        h += [("priority", "u=0, i" if mode == "navigate" else "u=3, i")]
    return Request(source, kind, method, path, query_string, h, body)


def webkit_boundary(rng: random.Random) -> str:
    return "----WebKitFormBoundary" + chars(rng, ALNUM, 16)


def gecko_boundary(rng: random.Random) -> str:
    return "----geckoformboundary" + hexs(rng, 32)


def boundary_for(rng: random.Random, b: Browser) -> str:
    return gecko_boundary(rng) if b.family == "firefox" else webkit_boundary(rng)


# ------------------------------------------------------------------ cookies


def ga_cookies(rng: random.Random) -> list[tuple[str, str]]:
    ts = epoch(rng) - rng.randrange(40_000_000)
    out = [("_ga", f"GA1.1.{rng.randrange(10**9, 2 * 10**9)}.{ts}")]
    if rng.random() < 0.6:
        out.append((f"_ga_{chars(rng, string.ascii_uppercase + string.digits, 10)}",
                    f"GS1.1.{epoch(rng)}.{rng.randrange(1, 60)}.1.{epoch(rng)}.0.0.0"))
    if rng.random() < 0.4:
        out.append(("_gcl_au", f"1.1.{rng.randrange(10**9, 2 * 10**9)}.{ts}"))
    if rng.random() < 0.3:
        out.append(("_fbp", f"fb.1.{ts}{rng.randrange(100, 999)}.{rng.randrange(10**8, 10**9)}"))
    return out


def consent_cookie(rng: random.Random) -> tuple[str, str]:
    if rng.random() < 0.5:
        return ("cookieyes-consent", f"consentid:{b64url(randbytes(rng, 24))},consent:yes,action:yes,"
                "necessary:yes,functional:yes,analytics:yes,performance:no,advertisement:no")
    stamp = quote("Mon Dec 07 2026 10:14:03 GMT+0100 (Central European Standard Time)")
    return ("OptanonConsent", f"isGpcEnabled=0&datestamp={stamp}&version=202409.1.0&isIABGlobal=false"
            f"&hosts=&consentId={uuid4(rng)}&interactionCount=1&landingPath=NotLandingPage"
            "&groups=C0001%3A1%2CC0002%3A1%2CC0003%3A0%2CC0004%3A0")


def session_cookies(rng: random.Random, framework: str | None = None) -> list[tuple[str, str]]:
    fw = framework or pick(rng, ["django", "rails", "laravel", "php", "express", "aspnet", "flask", "spring", "next"])
    if fw == "django":
        return [("csrftoken", chars(rng, ALNUM, 32)), ("sessionid", chars(rng, LOWER_ALNUM, 32))]
    if fw == "rails":
        return [("_app_session", quote(b64(randbytes(rng, 96))) + "--" + hexs(rng, 40))]
    if fw == "laravel":
        xsrf = quote(b64(compact({"iv": b64(randbytes(rng, 16)), "value": b64(randbytes(rng, 48)),
                                  "mac": hexs(rng, 64), "tag": ""}).encode()))
        return [("XSRF-TOKEN", xsrf), ("laravel_session", quote(b64(randbytes(rng, 120))))]
    if fw == "php":
        return [("PHPSESSID", chars(rng, LOWER_ALNUM, 26))]
    if fw == "express":
        return [("connect.sid", quote("s:" + b64url(randbytes(rng, 24)) + "." + b64(randbytes(rng, 32)).rstrip("="), safe=""))]
    if fw == "aspnet":
        return [(".AspNetCore.Antiforgery." + chars(rng, ALNUM, 11), "CfDJ8" + b64url(randbytes(rng, 90))),
                (".AspNetCore.Cookies", "CfDJ8" + b64url(randbytes(rng, 300)))]
    if fw == "flask":
        return [("session", "." + b64url(randbytes(rng, 60)) + "." + b64url(randbytes(rng, 4)) + "." + b64url(randbytes(rng, 20)))]
    if fw == "spring":
        return [("JSESSIONID", hexs(rng, 32).upper()), ("XSRF-TOKEN", uuid4(rng))]
    return [("__Host-next-auth.csrf-token", quote(hexs(rng, 64) + "|" + hexs(rng, 64), safe="")),
            ("__Secure-next-auth.session-token", b64url(randbytes(rng, 200)))]


def cookie_header(pairs: Sequence[tuple[str, str]]) -> str:
    return "; ".join(f"{k}={v}" for k, v in pairs)


def site_cookies(rng: random.Random, framework: str | None = None, *, analytics: float = 0.6) -> str:
    jar: list[tuple[str, str]] = []
    if rng.random() < analytics:
        jar += ga_cookies(rng)
    if rng.random() < 0.35:
        jar.append(consent_cookie(rng))
    if rng.random() < 0.2:
        jar.append(("__cf_bm", b64url(randbytes(rng, 32)) + "-" + str(epoch(rng)) + "-1.0.1.1-" + b64url(randbytes(rng, 60))))
    jar += session_cookies(rng, framework)
    if rng.random() < 0.25:
        jar.append(pick(rng, [("theme", "dark"), ("lang", "de"), ("locale", "fr_FR"), ("tz", "Europe%2FBerlin"),
                              ("sidebar_collapsed", "true"), ("currency", "EUR")]))
    return cookie_header(jar)


# ------------------------------------------------------------------ SDK clients

SDKS = {
    "python": ["python-requests/2.32.3", "python-requests/2.31.0", "python-httpx/0.27.2"],
    "go": ["Go-http-client/1.1", "Go-http-client/2.0"],
    "java": ["okhttp/4.12.0", "okhttp/4.11.0"],
    "node": ["axios/1.7.7", "axios/1.6.8"],
}


def sdk_headers(rng: random.Random, sdk: str, host: str, *, body: bytes | None, content_type: str | None,
                extra: Headers, ua: str | None = None) -> Headers:
    """Headers in the order each HTTP library writes them."""
    agent = ua or pick(rng, SDKS[sdk])
    length = [("content-length", str(len(body)))] if body is not None else []
    ctype = [("content-type", content_type)] if content_type is not None and body is not None else []
    if sdk == "python":
        if agent.startswith("python-httpx"):
            return ([("host", host), ("accept", "*/*"), ("accept-encoding", "gzip, deflate"), ("connection", "keep-alive"), ("user-agent", agent), *length, *ctype, *extra])
        return ([("host", host), ("user-agent", agent), ("accept-encoding", "gzip, deflate"), ("accept", "*/*"), ("connection", "keep-alive"), *extra, *length, *ctype])
    if sdk == "go":
        return [("host", host), ("user-agent", agent), *length, *extra, *ctype, ("accept-encoding", "gzip")]
    if sdk == "java":
        return extra + ctype + length + [("host", host), ("connection", "Keep-Alive"),
                                         ("accept-encoding", "gzip"), ("user-agent", agent)]
    return ([("accept", "application/json, text/plain, */*"), *ctype, *extra, ("user-agent", agent), *length, ("accept-encoding", "gzip, compress, deflate, br"), ("host", host), ("connection", "keep-alive")])


# ------------------------------------------------------------------ people

FIRST = ["Aoife", "Siobhán", "Seán", "Zoë", "Chloé", "François", "Jürgen", "Małgorzata", "Łukasz", "Çağla",
         "Müge", "Ayşe", "Gülşen", "José", "María José", "Núria", "Giuseppe", "Niccolò", "Haruto", "Yui",
         "Priya", "Oluwaseun", "Thandiwe", "Bartholomew", "Kristóf", "Ingrid", "Björn", "Dmitri", "Fatima",
         "Mei", "Liam", "Olivia", "Noah", "Emma", "Mateo", "Sofía", "Hannah", "Felix", "Léa", "Matteo",
         "Anaïs", "D'Andre", "Jean-Luc", "Mary-Kate", "Renée", "Ólafur", "Eun-ji", "Tomasz", "Zeynep", "Kenji"]
LAST = ["O'Neill", "O'Brien", "D'Angelo", "McDonald", "van der Berg", "de la Cruz", "Müller", "Schröder",
        "Lefèvre", "Dubois", "Nowak", "Wiśniewski", "Kowalczyk", "Yılmaz", "Öztürk", "Şahin", "García Márquez",
        "Fernández", "Rossi", "Esposito", "Dell'Acqua", "Tanaka", "Sato", "Nakamura", "Okafor", "Ndlovu",
        "Smith-Jones", "St. John", "Hernández", "Kim", "Nguyen", "Ó Súilleabháin", "Björnsson", "Andersen",
        "L'Écuyer", "D'Arcy", "Al-Hassan", "Bianchi", "Kaczmarek", "Demir"]
MAIL_DOMAINS = ["example.com", "example.org", "example.net", "mail.example.de", "example.fr", "post.example.it",
                "example.co.uk", "example.jp", "example.es", "example.pl", "example.com.tr"]


def person(rng: random.Random) -> tuple[str, str]:
    """(display name, email)"""
    first, last = pick(rng, FIRST), pick(rng, LAST)
    local = pick(rng, [f"{first}.{last}", f"{first[0]}{last}", f"{first}{rng.randrange(1, 99)}",
                       f"{first}.{last}+support", f"{last}.{first[0]}"])
    ascii_local = "".join(c for c in _fold(local).lower() if c.isalnum() or c in ".+-_")
    return f"{first} {last}", f"{ascii_local}@{pick(rng, MAIL_DOMAINS)}"


_FOLD = str.maketrans({"ł": "l", "Ł": "L", "ı": "i", "ø": "o", "Ø": "O", "ß": "ss", "ä": "ae", "ö": "oe", "ü": "ue"})


def _fold(s: str) -> str:
    decomposed = unicodedata.normalize("NFKD", s.translate(_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


DOC_IPS = ["192.0.2.", "198.51.100.", "203.0.113."]


def doc_ip(rng: random.Random) -> str:
    return pick(rng, DOC_IPS) + str(rng.randrange(1, 255))


def doc_ip6(rng: random.Random) -> str:
    return f"2001:db8:{rng.randrange(0x10000):x}:{rng.randrange(0x10000):x}::{rng.randrange(1, 0xffff):x}"
