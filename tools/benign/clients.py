"""The clients that send benign traffic and the headers each really sends, in
its own order: desktop and mobile browsers, mobile apps, SDKs and curl.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from . import text, tokens, vocab


@dataclass(frozen=True)
class Browser:
    name: str
    user_agent: str
    client_hints: tuple[tuple[str, str], ...]  # sec-ch-ua* (Chromium only)
    family: str  # chromium | firefox | safari


def _chromium(brand: str, version: int, platform: str, ua: str, mobile: bool = False) -> Browser:
    hints = (
        ("sec-ch-ua", f'"Chromium";v="{version}", "{brand}";v="{version}", "Not-A.Brand";v="99"'),
        ("sec-ch-ua-mobile", "?1" if mobile else "?0"),
        ("sec-ch-ua-platform", f'"{platform}"'),
    )
    return Browser(f"{brand} {version} {platform}", ua, hints, "chromium")


def browsers() -> list[Browser]:
    out = []
    for v in (122, 123, 124, 125):
        out.append(_chromium("Google Chrome", v, "Windows",
                             f"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{v}.0.0.0 Safari/537.36"))
        out.append(_chromium("Google Chrome", v, "macOS",
                             f"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{v}.0.0.0 Safari/537.36"))
        out.append(_chromium("Google Chrome", v, "Android",
                             f"Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{v}.0.0.0 Mobile Safari/537.36",
                             mobile=True))
    out.append(_chromium("Microsoft Edge", 124, "Windows",
                         "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.0.0"))
    out.append(_chromium("Google Chrome", 124, "Linux",
                         "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36"))
    for v in (115, 124, 125):
        for os_part in ("Windows NT 10.0; Win64; x64", "X11; Linux x86_64", "Macintosh; Intel Mac OS X 14.4",
                        "X11; Ubuntu; Linux x86_64"):
            out.append(Browser(f"Firefox {v}", f"Mozilla/5.0 ({os_part}; rv:{v}.0) Gecko/20100101 Firefox/{v}.0", (), "firefox"))
    for os_version, device in (("17_4", "iPhone; CPU iPhone OS 17_4 like Mac OS X"), ("17_3_1", "iPhone; CPU iPhone OS 17_3_1 like Mac OS X"),
                               ("17_4", "iPad; CPU OS 17_4 like Mac OS X")):
        out.append(Browser("Mobile Safari", f"Mozilla/5.0 ({device}) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                                            f"Version/{os_version.replace('_', '.')[:4]} Mobile/15E148 Safari/604.1", (), "safari"))
    out.append(Browser("Safari", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                                 "Version/17.4 Safari/605.1.15", (), "safari"))
    out.append(Browser("Samsung Internet", "Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) "
                                           "SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36", (), "chromium"))
    return out


BROWSERS = browsers()

ACCEPT_HTML = {
    "chromium": "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,"
                "application/signed-exchange;v=b3;q=0.7",
    "firefox": "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8",
    "safari": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
}

ACCEPT_LANGUAGE = [
    "en-US,en;q=0.9", "en-GB,en-US;q=0.9,en;q=0.8", "de-DE,de;q=0.9,en-US;q=0.8,en;q=0.7",
    "de-CH,de;q=0.9,fr-CH;q=0.8,fr;q=0.7,en;q=0.6", "fr-FR,fr;q=0.9,en;q=0.8", "es-ES,es;q=0.9",
    "ja,en-US;q=0.9,en;q=0.8", "zh-CN,zh;q=0.9", "ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7",
    "pt-BR,pt;q=0.9,en-US;q=0.8,en;q=0.7", "nl-NL,nl;q=0.9,en;q=0.8", "en-US", "en",
    "sv-SE,sv;q=0.9,en-US;q=0.8,en;q=0.7", "pl-PL,pl;q=0.9,en-US;q=0.8,en;q=0.7",
]

REFERRERS = [
    "https://www.google.com/", "https://www.bing.com/", "https://duckduckgo.com/", "https://t.co/",
    "https://www.facebook.com/", "https://l.instagram.com/", "https://news.ycombinator.com/",
    "https://www.reddit.com/", "https://www.linkedin.com/", "https://search.yahoo.co.jp/",
]


def accept_language(rng: random.Random) -> str:
    return text.pick(rng, ACCEPT_LANGUAGE)


def browser_headers(rng: random.Random, browser: Browser, host: str, *, method: str = "GET",
                    referer: str | None = None, cookies: str | None = None, content_type: str | None = None,
                    body_length: int | None = None, xhr: bool = False, navigate: bool = True,
                    extra: list[tuple[str, str]] | None = None) -> list[tuple[str, str]]:
    """Headers as this browser orders them, for a navigation or a fetch()."""
    same_origin = referer is not None and host in referer
    site = "same-origin" if same_origin else ("cross-site" if referer else "none")
    accept = ACCEPT_HTML[browser.family] if navigate and not xhr else rng.choice(
        ["application/json, text/plain, */*", "application/json", "*/*"])
    dest, mode = ("document", "navigate") if navigate and not xhr else ("empty", "cors")
    origin = f"https://{host}" if method != "GET" else None
    lang = accept_language(rng)
    h: list[tuple[str, str]] = [("host", host)]
    body_headers = []
    if body_length is not None:
        body_headers.append(("content-length", str(body_length)))
    if content_type:
        body_headers.append(("content-type", content_type))
    if browser.family == "chromium":
        h += [("connection", "keep-alive"), *body_headers]
        if rng.random() < 0.2:
            h.append(("cache-control", "max-age=0"))
        h += list(browser.client_hints)
        if navigate and not xhr:
            h.append(("upgrade-insecure-requests", "1"))
        if origin:
            h.append(("origin", origin))
        h.append(("user-agent", browser.user_agent))
        h.append(("accept", accept))
        h += [("sec-fetch-site", site), ("sec-fetch-mode", mode)]
        if navigate and not xhr:
            h.append(("sec-fetch-user", "?1"))
        h.append(("sec-fetch-dest", dest))
        if referer:
            h.append(("referer", referer))
        h += [("accept-encoding", "gzip, deflate, br, zstd"), ("accept-language", lang)]
        h += extra or []
        if cookies:
            h.append(("cookie", cookies))
        if rng.random() < 0.3:
            h.append(("priority", "u=0, i" if navigate else "u=1, i"))
    elif browser.family == "firefox":
        h += [("user-agent", browser.user_agent), ("accept", accept), ("accept-language", lang),
              ("accept-encoding", "gzip, deflate, br")]
        h += body_headers
        if origin:
            h.append(("origin", origin))
        if rng.random() < 0.2:
            h.append(("dnt", "1"))
        h += extra or []
        h.append(("connection", "keep-alive"))
        if referer:
            h.append(("referer", referer))
        if cookies:
            h.append(("cookie", cookies))
        if navigate and not xhr:
            h.append(("upgrade-insecure-requests", "1"))
        h += [("sec-fetch-dest", dest), ("sec-fetch-mode", mode), ("sec-fetch-site", site)]
        if navigate and not xhr:
            h.append(("sec-fetch-user", "?1"))
        h.append(("priority", "u=0, i" if navigate else "u=4"))
    else:
        h += body_headers
        h += [("accept", accept), ("sec-fetch-site", site), ("sec-fetch-dest", dest)]
        if cookies:
            h.append(("cookie", cookies))
        h += [("sec-fetch-mode", mode), ("user-agent", browser.user_agent), ("accept-language", lang)]
        if referer:
            h.append(("referer", referer))
        if origin:
            h.append(("origin", origin))
        h += extra or []
        h += [("accept-encoding", "gzip, deflate, br"), ("connection", "keep-alive")]
    return h


# -------------------------------------------------------------- non-browsers

APP_AGENTS = [
    "okhttp/4.12.0", "okhttp/4.9.3", "okhttp/3.14.9",
    "Dalvik/2.1.0 (Linux; U; Android 14; Pixel 8 Build/UQ1A.240205.004)",
    "ShopApp/5.12.1 (com.example.shop; build:5121; iOS 17.4.1) Alamofire/5.9.0",
    "ShopApp/5.12.1 CFNetwork/1494.0.7 Darwin/23.4.0",
    "Fitness%20Log/3.2 CFNetwork/1490.0.4 Darwin/23.2.0",
    "Dart/3.3 (dart:io)", "ExampleBank/8.4.0 (Android 13; SM-A536B; 1080x2400)",
    "RecipeBox/2.0.7 (iPhone; iOS 17.3.1; Scale/3.00)", "Expo/2.31.2 CFNetwork/1494.0.7 Darwin/23.4.0",
]

SDK_AGENTS = [
    "python-requests/2.31.0", "python-httpx/0.27.0", "axios/1.6.8", "node-fetch/1.0 (+https://github.com/bitinn/node-fetch)",
    "node", "undici", "Go-http-client/2.0", "Go-http-client/1.1", "Java/17.0.10", "Apache-HttpClient/4.5.14 (Java/11.0.22)",
    "Ruby", "Faraday v2.9.0", "GuzzleHttp/7", "PostmanRuntime/7.37.3", "insomnia/8.6.1",
    "Stripe/v1 PythonBindings/8.8.0", "aws-sdk-js/3.552.0", "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17328; Pro)",
]

CURL_AGENTS = ["curl/8.5.0", "curl/7.88.1", "curl/8.7.1", "Wget/1.21.4", "HTTPie/3.2.2"]


def app_headers(rng: random.Random, host: str, *, agent: str, method: str = "GET", authorization: str | None = None,
                content_type: str | None = None, body_length: int | None = None,
                extra: list[tuple[str, str]] | None = None) -> list[tuple[str, str]]:
    """Headers of a mobile app, SDK or command-line client."""
    h: list[tuple[str, str]] = [("host", host)]
    if agent.startswith(("curl", "Wget", "HTTPie")):
        h += [("user-agent", agent), ("accept", "*/*" if not agent.startswith("HTTPie") else "application/json, */*;q=0.5")]
    else:
        h += [("accept", rng.choice(["application/json", "application/json, text/plain, */*", "*/*",
                                     "application/vnd.api+json", "application/json; charset=utf-8"])),
              ("accept-encoding", rng.choice(["gzip", "gzip, deflate", "gzip, deflate, br", "br;q=1.0, gzip;q=0.9, deflate;q=0.8"])),
              ("user-agent", agent)]
        if rng.random() < 0.6:
            h.append(("accept-language", rng.choice(["en-US;q=1.0", "de-CH;q=1.0, en-CH;q=0.9", "ja-JP", "en"])))
        if rng.random() < 0.4:
            h.append(("connection", "keep-alive"))
    if authorization:
        h.append(("authorization", authorization))
    if content_type:
        h.append(("content-type", content_type))
    if body_length is not None:
        h.append(("content-length", str(body_length)))
    if rng.random() < 0.5:
        h.append(_trace_header(rng))
    if rng.random() < 0.3:
        h.append(("x-app-version", f"{rng.randint(1, 9)}.{rng.randint(0, 30)}.{rng.randint(0, 9)}"))
    if rng.random() < 0.2:
        h.append(("x-device-id", tokens.uuid4(rng).upper()))
    if rng.random() < 0.15:
        h.append(("x-timezone", text.pick(rng, vocab.TIMEZONES)))
    h += extra or []
    return h


def _trace_header(rng: random.Random) -> tuple[str, str]:
    kind = rng.randrange(3)
    if kind == 0:
        return rng.choice(["x-request-id", "x-correlation-id"]), tokens.uuid4(rng)
    if kind == 1:
        return "x-amzn-trace-id", f"Root=1-{tokens.hexstr(rng, 8)}-{tokens.hexstr(rng, 24)}"
    return "traceparent", f"00-{tokens.hexstr(rng, 32)}-{tokens.hexstr(rng, 16)}-01"


def bearer(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.7:
        return f"Bearer {tokens.jwt(rng)}"
    if r < 0.85:
        return f"Bearer {rng.choice(['sk_live_', 'ghp_', 'xoxb-', 'pat_', 'glpat-'])}{tokens.chars(rng, tokens.ALNUM, 36)}"
    return "Basic " + tokens.b64(f"{rng.choice(['api', 'mary.obrien', 'svc-reporting'])}:{tokens.chars(rng, tokens.ALNUM, 24)}".encode())
