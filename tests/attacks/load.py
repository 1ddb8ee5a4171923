"""Background clients for the attack tests: normal traffic that keeps a server busy.

(Also the constants the attack apps and tests share.)

Each of ``connections`` threads keeps one HTTP connection and sends plain GETs,
each request from a new global address (X-Forwarded-For, through the trusted
local proxy the test apps configure), so every background request runs the
whole protect() on a fresh bucket, as traffic from many real clients would.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import httpx

from arcjet_core import rules as _rules

# The largest shield(max_body_bytes=...) accepts; the attack apps inspect that much.
SHIELD_BODY_BYTES: int = getattr(_rules, "MAX_SHIELD_BODY", 4 << 20)
BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0"


@dataclass
class LoadStats:
    sent: int = 0
    failed: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


def _addresses(worker: int) -> Iterator[str]:
    # 9.x.y.z: global unicast, never the attacker's address, unique per request.
    for n in itertools.count():
        yield f"9.{worker}.{n >> 8 & 0xFF}.{n & 0xFF}"


@contextmanager
def background_load(base_url: str, connections: int = 16, path: str = "/") -> Iterator[LoadStats]:
    stats = LoadStats()
    stop = threading.Event()

    def run(worker: int) -> None:
        addresses = _addresses(worker)
        with httpx.Client(base_url=base_url, timeout=10.0) as client:
            while not stop.is_set():
                try:
                    client.get(path, headers={"user-agent": BROWSER_UA, "x-forwarded-for": next(addresses)})
                    with stats.lock:
                        stats.sent += 1
                except httpx.HTTPError:
                    with stats.lock:
                        stats.failed += 1
                    stop.wait(0.05)

    threads = [threading.Thread(target=run, args=(i,), daemon=True) for i in range(connections)]
    for thread in threads:
        thread.start()
    try:
        yield stats
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=15)
