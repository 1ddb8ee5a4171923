"""Analyzer cost per call, and protect() with detect_bot alone.

    python benchmarks/analyzer.py

Prints medians over many runs (each run times a batch of calls):
- Ruleset.analyze with bot + email rules and one fingerprint on a typical
  request: once repeating the same request (answered from the per-client
  memo, no Wasm call: what a client hammering an endpoint costs), once with a
  different user agent and IP each call (every call crosses into Wasm:
  encoding, the call, decoding);
- the raw Wasm call alone (copy in, call, copy out; no encoding/decoding);
- arcjet_sync(...).protect() with detect_bot alone, if the client exists.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from arcjet_core.analyze import Ruleset, _instance
from arcjet_core.context import RequestContext
from arcjet_core.enums import EmailType
from arcjet_core.headers_map import Headers
from arcjet_core.rules import detect_bot, validate_email
from benchmarks._machine import machine_line

UA = ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
      "Chrome/124.0.0.0 Safari/537.36")
HEADERS = [("host", "example.com"), ("user-agent", UA), ("accept", "text/html,application/xhtml+xml"),
           ("accept-language", "en-US,en;q=0.9"), ("accept-encoding", "gzip, deflate, br")]


def measure(fn: Callable[[], object], batch: int = 2000, runs: int = 41) -> str:
    for _ in range(batch):
        fn()
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        for _ in range(batch):
            fn()
        times.append((time.perf_counter() - t) / batch * 1e6)
    return f"{statistics.median(times):6.2f} us median ({min(times):.2f} best of {runs} runs x {batch})"


def main() -> None:
    rs = Ruleset([detect_bot(allow=[]), validate_email(deny=[EmailType.INVALID])])
    ctx = RequestContext(ip="203.0.113.7", method="GET", protocol="HTTP/1.1", host="example.com", path="/signup",
                         query="", headers=Headers(HEADERS), cookies="")
    sets = (("ip.src",),)
    email = "jane.doe@example.com"

    def crossing() -> None:
        rs.analyze(ctx, email=email, characteristics={}, fingerprint_sets=sets)

    varied = [RequestContext(ip=f"10.{i // 250}.113.{i % 250}", method="GET", protocol="HTTP/1.1", host="example.com",
                             path="/", query="", cookies="",
                             headers=Headers([("user-agent", UA.replace("124.0", f"124.{i}"))]))
              for i in range(4096)]
    it = iter(range(1 << 62))

    def crossing_uncached() -> None:
        rs.analyze(varied[next(it) % 4096], email=email, characteristics={}, fingerprint_sets=sets)

    inst = _instance.current()
    handle = rs._handle(inst)
    data = rs._encode(ctx, email, {}, rs._plan(sets))

    def raw_call() -> None:
        inst.analyze(handle, data)

    print(machine_line())
    print(f"analyzer path: {inst.path}")
    print(f"Ruleset.analyze, bot+email+fp, repeated request (memo):  {measure(crossing)}")
    print(f"Ruleset.analyze, bot+email+fp, new UA+IP each call:      {measure(crossing_uncached)}")
    print(f"raw Wasm call (copy in, analyze, copy out):               {measure(raw_call)}")

    try:
        from arcjet_core import arcjet_sync
    except ImportError:
        print("protect(): arcjet_core.arcjet_sync not available")
        return
    aj = arcjet_sync(key="bench", rules=[detect_bot(allow=[])])
    request = {"ip": "203.0.113.7", "method": "GET", "path": "/", "host": "example.com",
               "headers": dict(HEADERS)}
    assert aj.protect(request).is_allowed()
    print(f"arcjet_sync.protect(), detect_bot alone:                  {measure(lambda: aj.protect(request))}")


if __name__ == "__main__":
    main()
