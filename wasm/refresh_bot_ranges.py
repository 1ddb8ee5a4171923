#!/usr/bin/env python3
"""Refresh data/bot_ranges.json from the operators' published IP range files.

    python3 wasm/refresh_bot_ranges.py            # fetch every source, rewrite the snapshot
    python3 wasm/refresh_bot_ranges.py --dry-run  # fetch and report, write nothing

Sources are the `verification[].sources[].url` entries of type cidr/ip in
well-known-bots.json, plus `extra_sources` of the snapshot. Each is fetched
(stdlib only, 20 s timeout); every string in the response that parses as an
IP address or network is taken, except for the AWS file, where only the
ROUTE53_HEALTHCHECKS service is (the selector in the catalogue says so). A
source that fails to download keeps its previous prefixes and provenance, so
an outage never empties a range list. Then run wasm/build.sh and commit both
the snapshot and the rebuilt module.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import io
import ipaddress
import json
import re
import sys
import urllib.request
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SNAPSHOT = HERE / "data" / "bot_ranges.json"
BOTS = HERE / "data" / "well-known-bots" / "well-known-bots.json"
TOKEN = re.compile(r"[0-9A-Fa-f:.]+(?:/\d{1,3})?")


def sources(bots: list[dict[str, Any]], extra: dict[str, list[str]]) -> dict[str, str]:
    """url -> source type (http-json / http-text / http-csv)."""
    out: dict[str, str] = {}
    for bot in bots:
        for ver in bot.get("verification", []):
            if ver["type"] in ("cidr", "ip"):
                for src in ver.get("sources", []):
                    out[src["url"]] = src["type"]
    for urls in extra.values():
        for url in urls:
            out.setdefault(url, "http-json")
    return out


def network(text: str) -> str | None:
    try:
        return str(ipaddress.ip_network(text.strip(), strict=False))
    except ValueError:
        return None


def strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


def extract(url: str, kind: str, body: bytes) -> list[str]:
    text = body.decode("utf-8", "replace")
    if kind == "http-json":
        data = json.loads(text)
        if "ip-ranges.amazonaws.com" in url:
            data = [p for p in data.get("prefixes", []) if p.get("service") == "ROUTE53_HEALTHCHECKS"]
        candidates = strings(data)
    elif kind == "http-csv":  # geofeeds: the prefix is the first column
        candidates = [row[0] for row in csv.reader(io.StringIO(text)) if row and not row[0].startswith("#")]
    else:
        candidates = TOKEN.findall(text)
    nets = {n for c in candidates if (n := network(c)) is not None}
    return sorted(nets, key=lambda n: (ipaddress.ip_network(n).version, ipaddress.ip_network(n)))


def fetch(url: str) -> bytes:
    req = urllib.request.Request(url, headers={"User-Agent": "arcjet-local refresh_bot_ranges.py"})
    with urllib.request.urlopen(req, timeout=20) as resp:  # noqa: S310 - fixed https URLs from the catalogue
        body: bytes = resp.read()
        return body


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dry-run", action="store_true")
    args = ap.parse_args()
    snapshot = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    bots = json.loads(BOTS.read_text(encoding="utf-8"))
    today = datetime.date.today().isoformat()
    failures = 0
    for url, kind in sorted(sources(bots, snapshot.get("extra_sources", {})).items()):
        try:
            nets = extract(url, kind, fetch(url))
        except Exception as exc:  # keep the old entry; report and go on
            failures += 1
            print(f"keep   {url}: {type(exc).__name__}: {exc}", file=sys.stderr)
            continue
        if not nets:
            failures += 1
            print(f"keep   {url}: no prefixes found in the response", file=sys.stderr)
            continue
        snapshot["sources"][url] = {"provenance": f"fetched from {url} by refresh_bot_ranges.py",
                                    "date": today, "prefixes": nets}
        print(f"update {url}: {len(nets)} prefixes")
    if not args.dry_run:
        SNAPSHOT.write_text(json.dumps(snapshot, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
