"""Analyzer cost per crossing, by call path, and what the Ruleset's memos save.

    python benchmarks/analyzer.py

Every row is a median over interleaved repeats (benchmarks/_timing.py), so
rows measured together compare fairly on a loaded machine.

- The raw crossing (copy in, analyze, copy out; no encoding or decoding)
  through each call path: the unchecked call (`_unchecked`, the default when
  its probe passes) and wasmtime's public `Func.__call__` (the fallback,
  forced with ARCJET_ANALYZER_CALL=public).
- Ruleset.analyze (encode, cross, decode) through each path, bot + email
  rules, a new user agent and IP each call.
- The Ruleset's two memos (request bytes -> output, output bytes -> decoded
  output) on and off (cache_size=0), for bot + email and for shield + bot:
  a returning-client mix (256 addresses repeating a request) and a
  new-client mix (a new address each call).
- protect() with detect_bot alone, for scale.
"""

from __future__ import annotations

import itertools
import json
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from arcjet_core.analyze import Ruleset, _instance
from arcjet_core.context import RequestContext, raw_from_request
from arcjet_core.enums import EmailType
from arcjet_core.headers_map import Headers
from arcjet_core.rules import detect_bot, shield, validate_email
from benchmarks._machine import machine_line
from benchmarks._timing import interleaved_us

UA = ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
      "Chrome/124.0.0.0 Safari/537.36")
HEADERS = [("host", "example.com"), ("user-agent", UA), ("accept", "text/html,application/xhtml+xml"),
           ("accept-language", "en-US,en;q=0.9"), ("accept-encoding", "gzip, deflate, br")]
FORM = "&".join(f"field{i}=some+value+number+{i}+with%40symbols" for i in range(21)).encode()
EMAIL = "jane.doe@example.com"
N = 2000


def cycling(items: list[RequestContext]) -> Callable[[], RequestContext]:
    it = itertools.cycle(items)
    return lambda: next(it)


def browser(i: int, ua: str = UA) -> RequestContext:
    return RequestContext(ip=f"10.{i // 250 % 250}.{i % 250}.{i // 62500 % 250}", method="GET", protocol="HTTP/1.1",
                          host="example.com", path="/", query="", cookies="",
                          headers=Headers([*HEADERS[:1], ("user-agent", ua), *HEADERS[2:]]))


def form_post(i: int) -> RequestContext:
    ip = f"10.{i // 250 % 250}.{i % 250}.{i // 62500 % 250}"
    req = {"ip": ip, "method": "POST", "path": "/signup", "query": "next=%2Fhome", "body": FORM,
           "headers": {**dict(HEADERS), "content-type": "application/x-www-form-urlencoded",
                       "cookie": "session=abc123; theme=dark"}}
    return raw_from_request(req, need_body=True).to_context(ip)


def row(label: str, us: float) -> None:
    print(f"  {label:<62} {us:7.2f} µs")


def crossings() -> None:
    rules = [detect_bot(allow=[]), validate_email(deny=[EmailType.INVALID])]
    rs = Ruleset.from_rules(rules, cache_size=0)
    data = rs._encode(browser(7), EMAIL)
    unchecked, public = _instance.Instance(call="auto"), _instance.Instance(call="public")
    handles = [json.loads(inst.configure(rs._config))["handle"] for inst in (unchecked, public)]
    assert unchecked.analyze(handles[0], data) == public.analyze(handles[1], data)
    raw = interleaved_us([lambda: unchecked.analyze(handles[0], data), lambda: public.analyze(handles[1], data)], N)
    varied = cycling([browser(i, UA.replace("124.0", f"124.{i}")) for i in range(4096)])

    def on(call: str) -> Callable[[], object]:
        # Each row makes its instance this thread's one before its call.
        inst = _instance.Instance(call=call)

        def run() -> object:
            _instance._local.instance = inst
            return rs.analyze(varied(), email=EMAIL)
        return run

    saved = _instance.current()
    try:
        full = interleaved_us([on("auto"), on("public")], N)
    finally:
        _instance._local.instance = saved
    print(f"per crossing, by call path (unchecked path in use by default: {unchecked.path == 'unchecked'})")
    row("raw crossing, unchecked call", raw[0])
    row("raw crossing, public Func.__call__", raw[1])
    row("Ruleset.analyze bot+email, new UA+IP, unchecked call", full[0])
    row("Ruleset.analyze bot+email, new UA+IP, public Func.__call__", full[1])


def analyzing(rs: Ruleset, requests: Callable[[], RequestContext], email: str | None) -> Callable[[], object]:
    return lambda: rs.analyze(requests(), email=email)


def memos() -> None:
    print("the Ruleset's memos, on (cache_size=1024) and off (cache_size=0)")
    for label, rules, make, email in (
        ("bot+email", [detect_bot(allow=[]), validate_email(deny=[EmailType.INVALID])], browser, EMAIL),
        ("shield+bot", [shield(), detect_bot(allow=[])], form_post, None),
    ):
        on, off = Ruleset.from_rules(rules), Ruleset.from_rules(rules, cache_size=0)
        returning = cycling([make(i) for i in range(256)])
        new = cycling([make(i) for i in range(4096)])  # more addresses than the memo holds
        times = interleaved_us([analyzing(on, returning, email), analyzing(off, returning, email),
                                analyzing(on, new, email), analyzing(off, new, email)], N)
        row(f"{label}, returning clients (256), memos on", times[0])
        row(f"{label}, returning clients (256), memos off", times[1])
        row(f"{label}, new client each call, memos on", times[2])
        row(f"{label}, new client each call, memos off", times[3])


def protect() -> None:
    from arcjet_core import arcjet_sync

    aj = arcjet_sync(key="bench", rules=[detect_bot(allow=[])], proxies=["203.0.113.7"])
    request = {"ip": "203.0.113.7", "method": "GET", "path": "/", "host": "example.com", "headers": dict(HEADERS)}
    assert aj.protect(request).is_allowed()
    row("arcjet_sync.protect(), detect_bot alone, one client", interleaved_us([lambda: aj.protect(request)], N)[0])


def main() -> None:
    print(machine_line())
    crossings()
    memos()
    protect()


if __name__ == "__main__":
    main()
