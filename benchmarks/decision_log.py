"""The decision log's cost per protect(): off vs a file sink (and with metrics). Not a test.

    python benchmarks/decision_log.py [-n 20000] [--repeats 9]

Rows, measured in rotating order (benchmarks/_timing.py), one client each,
the same rules (shield + fixed_window on in-process storage), the same
request:

1. log off (no Observer at all);
2. log on, a JSON Lines file in a temporary directory;
3. log on + Prometheus metrics (when prometheus_client is installed).

"request path" is the median µs per protect() while the writer thread runs
behind it (the DESIGN target: log on - log off <= 3 µs). "with the writer"
also counts the writer's work: N protect() calls then a flush, per call, so
the CPU the writer takes from the same interpreter (the GIL) is not hidden.
Decisions dropped because the buffer filled are printed: a row with drops
measured something cheaper than writing.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from arcjet_core import arcjet_sync, fixed_window, shield
from arcjet_core.client import ArcjetSync
from benchmarks._machine import machine_line
from benchmarks._timing import interleaved_us

REQUEST = {"ip": "203.0.113.9", "method": "GET", "path": "/api/items/42", "query": "page=2",
           "headers": {"user-agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/125.0", "accept": "text/html"}}


def client(**options: Any) -> ArcjetSync:
    return arcjet_sync(key="bench", rules=[shield(mode="LIVE"), fixed_window(max=10**9, window=3600)], **options)


def with_writer_us(aj: ArcjetSync, n: int, repeats: int) -> float:
    """µs per protect() including the flush of what those calls logged."""
    observer = aj._observer
    samples = []
    for _ in range(repeats):
        start = time.perf_counter_ns()
        for _ in range(n):
            aj.protect(REQUEST)
        if observer is not None and observer.log is not None:
            observer.log.flush(60)
        samples.append((time.perf_counter_ns() - start) / n / 1000)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=20000)
    parser.add_argument("--repeats", type=int, default=9)
    args = parser.parse_args()
    print(machine_line())
    with tempfile.TemporaryDirectory() as tmp:
        rows: list[tuple[str, ArcjetSync]] = [
            ("log off", client()),
            ("log on (file)", client(decision_log=str(Path(tmp) / "file.jsonl"))),
        ]
        try:
            import prometheus_client

            rows.append(("log on (file) + metrics", client(decision_log=str(Path(tmp) / "metrics.jsonl"),
                                                           metrics=prometheus_client.CollectorRegistry())))
        except ImportError:
            print("prometheus_client not installed: no metrics row")
        path_us = interleaved_us([lambda aj=aj: aj.protect(REQUEST) for _, aj in rows], args.n, args.repeats)
        writer_us = [with_writer_us(aj, args.n, max(3, args.repeats // 3)) for _, aj in rows]
        base_path, base_writer = path_us[0], writer_us[0]
        print(f"{'row':<26} {'request path µs':>16} {'added':>8} {'with the writer µs':>20} {'added':>8} "
              f"{'written':>9} {'dropped':>8}")
        for (name, aj), p, w in zip(rows, path_us, writer_us, strict=True):
            log = aj._observer.log if aj._observer is not None else None
            aj.close()
            written = f"{log.written}" if log is not None else "-"
            dropped = f"{log.dropped}" if log is not None else "-"
            print(f"{name:<26} {p:>16.2f} {p - base_path:>+8.2f} {w:>20.2f} {w - base_writer:>+8.2f} "
                  f"{written:>9} {dropped:>8}")
        # The two halves on their own: the append protect() does, and the writer's work per record.
        from arcjet_core.decision_log import DecisionLog

        aj = client()
        decisions = [aj.protect(REQUEST) for _ in range(args.n)]
        log = DecisionLog(Path(tmp) / "halves.jsonl", buffer=2 * args.n)
        log._writer = threading.current_thread()  # type: ignore[assignment]  # hold the writer off: append only
        start = time.perf_counter_ns()
        for d in decisions:
            log.submit(d, "GET", "/api/items/42", "Mozilla/5.0")
        submit_us = (time.perf_counter_ns() - start) / args.n / 1000
        log._writer = None
        start = time.perf_counter_ns()
        log.close()  # no writer ran: close() drains here, in this thread
        drain_us = (time.perf_counter_ns() - start) / args.n / 1000
        print(f"submit() alone: {submit_us:.2f} µs per decision; the writer's work: {drain_us:.2f} µs per record")
        size = (Path(tmp) / "file.jsonl").stat().st_size
        lines = max(1, (Path(tmp) / "file.jsonl").read_bytes().count(b"\n"))
        print(f"file sink: {lines} records, {size / lines:.0f} bytes per record")


if __name__ == "__main__":
    main()
