"""Sensitive information and request filters: cost per request, through the
real analyzer.

    python benchmarks/content_rules.py [--quick]

Every row is a median over interleaved repeats (benchmarks/_timing.py). The
Ruleset rows use cache_size=0, so every call encodes, crosses into Wasm and
decodes, and each call's text or request differs (no memo could answer it).

- Sensitive information, per KB: Ruleset.analyze with one
  detect_sensitive_info rule on ~1 KB and ~16 KB of prose holding a few
  entities, against the same call with an empty text. The difference is the
  scan; the 16 KB row divided by 16 is the per-KB slope without the crossing.
- Filters: Ruleset.analyze with ten typical expressions (header equality, path
  wildcard, UA regex, IP in CIDR sets, local lookups, len/lower) against one
  `false` expression on the same request: the difference is what the ten
  cost beyond the crossing.
- Prompt injection, per KB: Ruleset.analyze with one detect_prompt_injection
  rule on a ~1 KB chat message, against an empty message: the difference is
  the classifier in Wasm.
- protect() with each rule alone (sync client, memory store, a new client IP
  each call), and with no rule, for scale.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from arcjet_core import (
    arcjet_sync,
    detect_prompt_injection,
    detect_sensitive_info,
    filter_request,
    token_bucket,
)
from arcjet_core.analyze import Ruleset
from arcjet_core.context import raw_from_request
from benchmarks._machine import machine_line
from benchmarks._timing import interleaved_us

PROSE = (
    "Hi team, following up on ticket 48213 from last Tuesday (2024-03-12 09:41). The customer, Ada Lovelace, "
    "wrote from ada.lovelace@example.co.uk and asked us to call her back on +44 20 7946 0958 before 5pm. "
    "She upgraded to v2.4.1 of the desktop app and the sync error persists; logs show the client at "
    "203.0.113.42 retrying every 30 seconds. Order #100234577 was refunded ($129.99) and the new card "
    "ending 4242 is on file. Please do not paste full card numbers such as 4111 1111 1111 1111 into the "
    "ticket. Her office address is 12 Baker Street, London NW1 6XE; the parcel tracking number is "
    "1Z999AA10123456784. See https://status.example.com/incidents/2024/0312 for the incident timeline, "
    "and loop in @ops-oncall if it happens again. Thanks, and have a good weekend! "
)
KB = (PROSE * 2)[:1024]
KB16 = (PROSE * 32)[:16384]
REQUEST = {
    "ip": "203.0.113.7", "method": "GET", "path": "/api/items/42", "query": "q=shoes&page=2",
    "headers": {"host": "shop.example.com", "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/126.0",
                "accept": "application/json", "x-api-key": "K-123", "cookie": "session=abc123; theme=dark"},
}
LOCAL = {"plan": "pro", "region": "eu"}
TEN = [
    'http.request.headers["x-api-key"] == "K-999"',
    'http.request.uri.path wildcard "/admin*"',
    'http.request.headers["user-agent"] matches "(?i)(curl|wget|python-requests|scrapy)"',
    "ip.src in { 10.0.0.0/8 172.16.0.0/12 192.168.0.0/16 }",
    'local.plan == "free" and http.request.uri.path contains "/export"',
    'http.request.method in { "PUT" "DELETE" } and not http.request.cookie["session"] == "admin"',
    "len(http.request.uri.query) > 2000",
    'lower(http.host) == "internal.example.com"',
    'http.request.uri.args["debug"] == "1"',
    'local.region == "cn" or ip.src in { 198.51.100.0/24 2001:db8::/32 }',
]


def ctx_for(request: dict[str, object]) -> object:
    return raw_from_request(request).to_context(str(request["ip"]))


def rows(quick: bool) -> None:
    n = 300 if quick else 2000
    sens = Ruleset.from_rules([detect_sensitive_info(deny=["CREDIT_CARD_NUMBER"])], cache_size=0)
    ten = Ruleset.from_rules([filter_request(deny=TEN)], cache_size=0)
    one = Ruleset.from_rules([filter_request(deny=["false"])], cache_size=0)
    ctx = ctx_for(REQUEST)
    counter = itertools.count()

    def sens_call(text: str) -> Callable[[], object]:
        # A different final character each call: nothing could be remembered.
        return lambda: sens.analyze(ctx, email=None, text=text + str(next(counter) % 10))  # type: ignore[arg-type]

    def filter_call(rs: Ruleset) -> Callable[[], object]:
        return lambda: rs.analyze(ctx, email=None, local={**LOCAL, "n": str(next(counter))})  # type: ignore[arg-type]

    empty, kb, kb16 = interleaved_us([sens_call(""), sens_call(KB), sens_call(KB16)], n)
    print(f"sensitive info, Ruleset.analyze: empty text {empty:.1f} µs, 1 KB {kb:.1f} µs, 16 KB {kb16:.1f} µs")
    print(f"  scan of 1 KB (1 KB - empty): {kb - empty:.1f} µs; per KB at 16 KB: {(kb16 - empty) / 16:.1f} µs")
    t_one, t_ten = interleaved_us([filter_call(one), filter_call(ten)], n)
    print(f"filters, Ruleset.analyze: 1 expression {t_one:.1f} µs, 10 expressions {t_ten:.1f} µs; "
          f"the ten beyond the crossing: {t_ten - t_one:.1f} µs")

    # Global unicast (not a special-purpose range): a real client would be one.
    chat = ("I'm building a small Flask app that stores recipes, and I'd like the search box to accept "
            "free text. Could you explain how to write a SQLAlchemy query that matches any of the words, "
            "ignoring case, and how to paginate the results twenty at a time? Also, what is the usual way to "
            "keep the system prompt of my own assistant feature separate from what users type? ") * 4
    chat = chat[:1024]
    prompt = Ruleset.from_rules([detect_prompt_injection()], cache_size=0)

    def prompt_call(message: str) -> Callable[[], object]:
        return lambda: prompt.analyze(ctx, email=None, prompt=message + str(next(counter) % 10))  # type: ignore[arg-type]

    p_empty, p_kb = interleaved_us([prompt_call(""), prompt_call(chat)], n)
    print(f"prompt injection, Ruleset.analyze: empty message {p_empty:.1f} µs, 1 KB {p_kb:.1f} µs; "
          f"the classifier on 1 KB: {p_kb - p_empty:.1f} µs")

    ips = (f"45.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}" for i in itertools.count(1))
    clients = {
        "no rule (token_bucket only)": arcjet_sync(key="b0", rules=[token_bucket(refill_rate=1000, interval=1,
                                                                                   capacity=10**9)]),
        "detect_sensitive_info, 1 KB value": arcjet_sync(key="b1", rules=[detect_sensitive_info(deny=["EMAIL"])]),
        "filter_request, 10 expressions": arcjet_sync(key="b2", rules=[filter_request(deny=TEN)]),
    }

    def protect_call(name: str) -> Callable[[], object]:
        aj = clients[name]
        return lambda: aj.protect({**REQUEST, "ip": next(ips)}, sensitive_info_value=KB, filter_local=LOCAL)

    names = list(clients)
    for name, us in zip(names, interleaved_us([protect_call(k) for k in names], n // 2), strict=True):
        print(f"protect(), new client each call, {name}: {us:.1f} µs")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer iterations (a smoke run)")
    args = parser.parse_args()
    print(machine_line())
    rows(args.quick)


if __name__ == "__main__":
    main()
