"""Bot coverage and browser false positives of the packaged analyzer. Not a test.

    python benchmarks/bot_coverage.py [--list-fp]

Runs every user agent through `detect_bot(allow=[])` as an app would, and
counts, per corpus, the user agents named as a catalogue entry ("named"),
and those flagged at all, `UNKNOWN_BOT` included ("any").

Bot corpora: the examples of the two sources the catalogue is built from
(well-known-bots, crawler-user-agents) and a HELD-OUT one the catalogue was
neither built nor tuned from (CrawlerDetect's crawler fixtures). Browser
corpora: CrawlerDetect's device fixtures (165k real device user agents, the
corpus the false-positive fixes were tuned on), fake-useragent's browsers
(held out) and npm user-agents. Sources and licences:
tests/core/analyze/data/bot_corpus/SOURCE and wasm/data/*/SOURCE.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import lzma
import sys
import time
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks._machine import machine_line  # noqa: E402

DATA = ROOT / "tests" / "core" / "analyze" / "data"
CORPUS = DATA / "bot_corpus"


def bot_sources() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bot_sources", ROOT / "wasm" / "bot_sources.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def lines(path: Path) -> list[str]:
    raw = lzma.decompress(path.read_bytes()) if path.suffix == ".xz" else path.read_bytes()
    return [line for line in raw.decode("utf-8").splitlines() if line.strip()]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--list-fp", action="store_true", help="print the browser user agents flagged")
    args = ap.parse_args()

    from arcjet_core.analyze import Ruleset
    from arcjet_core.context import RequestContext
    from arcjet_core.headers_map import Headers
    from arcjet_core.rules import detect_bot

    ruleset = Ruleset.from_rules([detect_bot(allow=[])], cache_size=0)

    def ids(ua: str) -> list[str]:
        ctx = RequestContext(ip="203.0.113.7", method="GET", protocol="HTTP/1.1", host="example.com", path="/",
                             query="", headers=Headers([("user-agent", ua)]), cookies="")
        reason = ruleset.analyze(ctx, email=None).outcomes[0].reason
        return [*reason.get("allowed", []), *reason.get("denied", [])]  # type: ignore[misc]

    sources = bot_sources()
    catalogue = sources.load_catalogue()
    by_source: dict[str, list[str]] = {}
    for entry in catalogue:
        by_source.setdefault(entry["source"], []).extend(entry["instances"]["accepted"])
    bots = {
        "well-known-bots examples (in catalogue)": sorted(set(by_source["well-known-bots"])),
        "crawler-user-agents examples (in catalogue)": sorted(
            {ua for e in json.loads(sources.CRAWLER_USER_AGENTS.read_text("utf-8")) for ua in e["instances"]}),
        "CrawlerDetect crawlers (HELD OUT)": lines(CORPUS / "crawlerdetect_crawlers.txt"),
    }
    browsers = {
        "CrawlerDetect devices (tuned on)": lines(CORPUS / "crawlerdetect_devices.txt.xz"),
        "fake-useragent browsers (held out)": lines(CORPUS / "fake_useragent_browsers.txt"),
        "npm user-agents browsers": lines(DATA / "browser_user_agents.txt"),
    }
    print(machine_line())
    print(f"catalogue: {len(catalogue)} entries "
          + ", ".join(f"{s}: {sum(1 for e in catalogue if e['source'] == s)}" for s in by_source))
    print(f"{'bot corpus':48} {'n':>7} {'named':>15} {'any':>15}")
    total_calls, total_s = 0, 0.0
    for name, uas in bots.items():
        t = time.perf_counter()
        found = [ids(ua) for ua in uas]
        total_s += time.perf_counter() - t
        total_calls += len(uas)
        named = sum(1 for f in found if any(i != "UNKNOWN_BOT" for i in f))
        anyhit = sum(1 for f in found if f)
        print(f"{name:48} {len(uas):7} {named:7} {100 * named / len(uas):6.1f} % {anyhit:7} {100 * anyhit / len(uas):6.1f} %")
    print(f"{'browser corpus':48} {'n':>7} {'flagged':>15} {'1 in':>15}")
    for name, uas in browsers.items():
        t = time.perf_counter()
        flagged = [(ua, f) for ua in uas if (f := ids(ua))]
        total_s += time.perf_counter() - t
        total_calls += len(uas)
        one_in = f"{len(uas) / len(flagged):.0f}" if flagged else "-"
        print(f"{name:48} {len(uas):7} {len(flagged):7} {100 * len(flagged) / len(uas):6.3f} % {one_in:>15}")
        if args.list_fp:
            for ua, f in flagged:
                print(f"    {','.join(f):24} {ua[:150]}")
    print(f"mean analyze() per user agent, memo off: {1e6 * total_s / total_calls:.1f} µs over {total_calls} calls")


if __name__ == "__main__":
    main()
