"""Shared builders for the analyzer tests."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from arcjet_core.analyze import Ruleset
from arcjet_core.analyze._ruleset import MEMO_SIZE
from arcjet_core.context import RequestContext
from arcjet_core.headers_map import Headers
from arcjet_core.rules import RuleSpec

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parents[3]
BOTS_JSON = ROOT / "wasm" / "data" / "well-known-bots" / "well-known-bots.json"

CHROME = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Safari/537.36"
)
GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"


def ctx(ua: str | None = CHROME, ip: str = "203.0.113.7", *, headers: list[tuple[str, str]] | None = None,
        host: str = "example.com", method: str = "GET", path: str = "/", query: str = "",
        cookies: str = "") -> RequestContext:
    pairs = list(headers or [])
    if ua is not None:
        pairs.insert(0, ("user-agent", ua))
    return RequestContext(ip=ip, method=method, protocol="HTTP/1.1", host=host, path=path, query=query,
                          headers=Headers(pairs), cookies=cookies)


def ruleset_of(rules: Sequence[RuleSpec], *, cache_size: int = MEMO_SIZE) -> Ruleset:
    """The Ruleset of these rules, built from their analyzer parts as a client builds it."""
    return Ruleset.from_rules(rules, cache_size=cache_size)
