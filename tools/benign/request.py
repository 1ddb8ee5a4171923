"""The request record every source produces, and the sites they talk to."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from . import clients, text, tokens

SITES = [
    "shop.example.com", "www.example.org", "app.example.net", "forum.example.dev", "example.co.uk",
    "store.example.de", "help.example.com", "blog.example.fr", "portal.example.ch", "www.example.jp",
]
API_HOSTS = ["api.example.com", "api.example.net", "mobile-api.example.org", "backend.example.de"]


@dataclass
class Request:
    source: str
    kind: str  # what the request carries: page, form, json, multipart, xml, ...
    method: str
    path: str
    query: str
    headers: list[tuple[str, str]]
    body: bytes | None = None
    notes: dict[str, str] = field(default_factory=dict)

    def record(self) -> dict[str, object]:
        out: dict[str, object] = {"source": self.source, "kind": self.kind, "method": self.method,
                                  "path": self.path, "query": self.query,
                                  "headers": [list(pair) for pair in self.headers]}
        if self.body is not None:
            try:
                out["body"] = self.body.decode("utf-8")
            except UnicodeDecodeError:
                out["body_base64"] = tokens.b64(self.body)
        return out


def site(rng: random.Random) -> str:
    return text.pick(rng, SITES)


def browser(rng: random.Random) -> clients.Browser:
    return rng.choice(clients.BROWSERS)


def form_post(rng: random.Random, source: str, path: str, body: str, *, kind: str = "form",
              query: str = "", host: str | None = None) -> Request:
    """A browser submitting a server-rendered form on the same site."""
    host = host or site(rng)
    b = browser(rng)
    data = body.encode()
    referer = f"https://{host}{path}" + (f"?{query}" if query and rng.random() < 0.5 else "")
    headers = clients.browser_headers(rng, b, host, method="POST", referer=referer,
                                      cookies=tokens.cookie_header(tokens.cookie_jar(rng)),
                                      content_type="application/x-www-form-urlencoded", body_length=len(data))
    return Request(source, kind, "POST", path, query, headers, data)


def xhr(rng: random.Random, source: str, method: str, path: str, body: str | None, *, query: str = "",
        kind: str = "json", host: str | None = None, extra: list[tuple[str, str]] | None = None) -> Request:
    """A single-page app's fetch() to its own backend, with session cookies."""
    host = host or site(rng)
    b = browser(rng)
    data = body.encode() if body is not None else None
    jar = tokens.cookie_jar(rng)
    csrf = [(rng.choice(["x-csrftoken", "x-xsrf-token", "x-csrf-token"]), tokens.chars(rng, tokens.ALNUM, 40))]
    if rng.random() < 0.3:
        csrf.append(("x-requested-with", "XMLHttpRequest"))
    headers = clients.browser_headers(
        rng, b, host, method=method, referer=f"https://{host}/{rng.choice(['app', 'dashboard', 'account', 'orders', ''])}",
        cookies=tokens.cookie_header(jar), content_type="application/json" if data is not None else None,
        body_length=len(data) if data is not None else None, xhr=True, navigate=False, extra=csrf + (extra or []))
    return Request(source, kind, method, path, query, headers, data)
