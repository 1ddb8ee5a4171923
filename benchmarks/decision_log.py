"""The decision log's cost per protect(): off vs a file sink (and with metrics). Not a test.

    python benchmarks/decision_log.py [-n 2000] [--repeats 25] [--no-ablation]

Rows, measured in rotating order, one client each, the same rules (shield +
fixed_window on in-process storage), the same request:

1. log off (no Observer at all);
2. log on, a JSON Lines file in a temporary directory;
3. log on + Prometheus metrics (when prometheus_client is installed);
4. log on with every decision through DecisionLog.submit (the C line
   builder still builds the line): what the C push (_cline.Pusher) buys;
5. as 2, with the C line builder's rule memos off: what they buy (rules
   that switch between a few shapes, in mixed traffic);
6. log on with the Python line builder alone: what the C hot path
   (arcjet_core/decision_log/_cline.c, built by setup.py) buys;
7. ablation rows: the file log with the Python builder and one of its
   caches replaced by one that never hits, to show what each cache buys
   (the C hot path reads the same caches: without one, it misses every time).

Times are CPU time, not wall time: on a shared machine wall time mostly
measures the neighbours. "request path" is the CPU the calling thread spends
per protect() while the writer thread runs behind it (the DESIGN target:
log on - log off <= 3 µs). "with the writer" is the CPU of the whole process
(every thread) for N protect() calls then a flush, per call, so the work the
writer does in the same interpreter (the GIL) is not hidden. Decisions
dropped because the buffer filled are printed: a row with drops measured
something cheaper than writing. "added" is the median of the per-round
differences from "log off" (rows are measured back to back in each round),
with a 95 % bootstrap interval of that median.

"new clients" repeats rows 1, 2 and 4 to 6 with every request from a new
address (204,000 of them: no row's request comes from an address it has
seen), in 50 rounds of 2,000 requests: their per-round differences vary
~10x more than a returning client's. "mixed traffic"
repeats them over requests that vary (16 client IPs, one of them making
every other request, 64 paths, 4 user agents, a DRY_RUN limit that would
deny that busy client and allows the rest, a DRY_RUN bot rule that would
deny curl): the caches must not only pay off when every request is the same.
"""

from __future__ import annotations

import argparse
import ipaddress
import random
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from arcjet_core import arcjet_sync, detect_bot, fixed_window, shield
from arcjet_core.client import ArcjetSync
from arcjet_core.decision_log._line import NATIVE, LineBuilder, native_pusher
from benchmarks._machine import machine_line
from benchmarks._timing import rotating_samples, rotation

REQUEST = {"ip": "203.0.113.9", "method": "GET", "path": "/api/items/42", "query": "page=2",
           "headers": {"user-agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/125.0", "accept": "text/html"}}
UAS = ("Mozilla/5.0 (X11; Linux x86_64) Firefox/125.0", "curl/8.4.0", "python-requests/2.31",
       "Mozilla/5.0 (compatible; Googlebot/2.1)")
# Every other request comes from one client (198.51.100.0), the rest from 15 others.
MIXED = [{"ip": f"198.51.100.{i % 16 if i % 2 else 0}", "method": "GET" if i % 5 else "POST", "path": f"/api/items/{i % 64}",
          "headers": {"user-agent": UAS[i % 4]}} for i in range(1024)]

# Every request from an address no earlier request to that client used: each
# row walks on through the list (2 x NEW_ROUNDS x NEW_N requests, and a warm-up).
NEW_ROUNDS = 50
NEW_N = 2000
NEW_CLIENTS = [dict(REQUEST, ip=str(ipaddress.IPv4Address(0x0A000000 + i)))
               for i in range(2 * NEW_ROUNDS * NEW_N + 2 * NEW_N)]
BOOTSTRAP = 2000


def client(**options: Any) -> ArcjetSync:
    return arcjet_sync(key="bench", rules=[shield(mode="LIVE"), fixed_window(max=10**9, window=3600)], **options)


def mixed_client(**options: Any) -> ArcjetSync:
    # The DRY_RUN limit would deny the busy client and allow the others, the
    # DRY_RUN bot rule would deny curl: both rules' fragments alternate
    # between their ALLOW and DENY shapes.
    return arcjet_sync(key="bench-mixed", rules=[shield(mode="LIVE"), detect_bot(mode="DRY_RUN", deny=["CURL"]),
                                                 fixed_window(max=10**9, window=3600),
                                                 fixed_window(mode="DRY_RUN", max=1000, window=1)], **options)


class _NeverHit(dict[Any, Any]):
    """A cache that forgets everything: what the builder costs without it."""

    def get(self, key: Any, default: Any = None) -> Any:
        return default

    def __setitem__(self, key: Any, value: Any) -> None:
        pass


def python_submit(aj: ArcjetSync) -> None:
    """Have ``aj``'s log take every decision through DecisionLog.submit (the
    C line builder still builds the line): what the C push
    (``_cline.Pusher``) buys."""
    log = aj._observer.log if aj._observer is not None else None
    assert log is not None
    log._pusher = None
    log.push = log.submit


def python_builder(aj: ArcjetSync) -> LineBuilder:
    """Give ``aj``'s log the Python line builder alone (no C hot path)."""
    python_submit(aj)
    log = aj._observer.log if aj._observer is not None else None
    assert log is not None and log._lines is not None
    log._lines = LineBuilder(log._ip, native=False)
    return log._lines


def without_memos(aj: ArcjetSync) -> None:
    """Give ``aj``'s log a C line builder without its rule memos (the
    Formatter's last rule shapes, kept in the object): what they buy."""
    log = aj._observer.log if aj._observer is not None else None
    assert log is not None and log._lines is not None and log._writer is None  # before its first decision
    log._lines = LineBuilder(log._ip, memos=False)
    log._pusher = native_pusher(log._lines, log._buffer, log.submit, log._after_close_push, log._max,
                                log._wake_at, log._wake_early)
    log.push = log._pusher or log.submit


def without(cache: str) -> Callable[[ArcjetSync], None]:
    def patch(aj: ArcjetSync) -> None:
        setattr(python_builder(aj), cache, _NeverHit())
    return patch


Paired = tuple[float, float, float, float]  # a row's median; its added median and that median's 95 % interval


def _paired(samples: list[list[float]]) -> list[Paired]:
    """Each row's median, and its median excess over row 0 measured in the
    same round, with a 95 % bootstrap interval of that median (seeded).

    A round measures every row back to back, so a load that comes and goes
    over seconds (a neighbour's job on a shared machine) mostly cancels in
    the per-round difference, where it would widen a difference of medians.
    The interval says whether the rounds were enough: new clients vary by
    ~10 µs from round to round (the store growing, the collector), a
    returning client by ~1.
    """
    base = samples[0]
    rows = []
    for s in samples:
        diffs = [x - b for x, b in zip(s, base, strict=True)]
        rng = random.Random(0)
        medians = sorted(statistics.median(rng.choices(diffs, k=len(diffs))) for _ in range(BOOTSTRAP))
        rows.append((statistics.median(s), statistics.median(diffs), medians[int(BOOTSTRAP * 0.025)],
                     medians[int(BOOTSTRAP * 0.975) - 1]))
    return rows


def cpu_rows_us(fns: Sequence[Callable[[], object]], n: int, repeats: int) -> list[Paired]:
    """CPU µs of the calling thread per call (median, added over row 0), rows in rotating order."""
    return _paired(rotating_samples(fns, n, repeats, time.thread_time_ns))


def with_writer_us(clients: Sequence[ArcjetSync], requests: Sequence[Any], n: int, repeats: int,
                   first_request: Sequence[int]) -> list[Paired]:
    """Process CPU µs per protect(), the flush of what those calls logged included (median, added)."""
    samples: list[list[float]] = [[] for _ in clients]
    offsets = list(first_request)  # each client walks on through the requests (new clients stay new)
    k = len(requests)
    for i in rotation(len(clients), repeats):
        aj = clients[i]
        log = aj._observer.log if aj._observer is not None else None
        first = offsets[i]
        offsets[i] += n
        start = time.process_time_ns()
        for j in range(first, first + n):
            aj.protect(requests[j % k])
        if log is not None:
            log.flush(60)
        samples[i].append((time.process_time_ns() - start) / n / 1000)
    return _paired(samples)


def table(title: str, rows: list[tuple[str, ArcjetSync]], requests: Sequence[Any], n: int, repeats: int) -> None:
    k = len(requests)
    counters = [0] * len(rows)

    def caller(i: int) -> Callable[[], object]:
        aj = rows[i][1]

        def call() -> object:
            counters[i] += 1
            return aj.protect(requests[counters[i] % k])
        return call

    path_us = cpu_rows_us([caller(i) for i in range(len(rows))], n, repeats)
    writer_us = with_writer_us([aj for _, aj in rows], requests, n, repeats, [c + 1 for c in counters])
    print(f"\n{title} ({repeats} rounds of {n})")
    print(f"{'row':<30} {'request path µs':>15} {'added [95 % interval]':>23} {'with the writer µs':>18} "
          f"{'added [95 % interval]':>23} {'written':>8} {'dropped':>7}")
    for (name, aj), path, writer in zip(rows, path_us, writer_us, strict=True):
        log = aj._observer.log if aj._observer is not None else None
        aj.close()
        written = f"{log.written}" if log is not None else "-"
        dropped = f"{log.dropped}" if log is not None else "-"
        print(f"{name:<30} {path[0]:>15.2f} {_added(path):>23} {writer[0]:>18.2f} {_added(writer):>23} "
              f"{written:>8} {dropped:>7}")


def _added(row: Paired) -> str:
    return f"{row[1]:+.2f} [{row[2]:+.2f}, {row[3]:+.2f}]"


def cpu_reference_us() -> float:
    """The reference loop of _machine.py in thread CPU time (the rows' clock)."""
    best = []
    for _ in range(7):
        start = time.thread_time_ns()
        for _ in range(2000):
            sum(range(1000))
        best.append((time.thread_time_ns() - start) / 2000 / 1000)
    return statistics.median(best)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("-n", type=int, default=2000, help="protect() calls per sample")
    parser.add_argument("--repeats", type=int, default=25, help="samples per row")
    parser.add_argument("--no-ablation", action="store_true", help="skip the rows without one cache each")
    args = parser.parse_args()
    print(machine_line())
    print(f"reference loop in CPU time: {cpu_reference_us():.1f} µs")
    with tempfile.TemporaryDirectory() as tmp:
        def file_client(name: str, make: Callable[..., ArcjetSync] = client, **options: Any) -> ArcjetSync:
            return make(decision_log=str(Path(tmp) / f"{name}.jsonl"), **options)

        def without_c(name: str, make: Callable[..., ArcjetSync] = client) -> list[tuple[str, ArcjetSync]]:
            """The rows that show what the C parts buy: submit() in Python, the
            C line builder without its rule memos, the Python builder."""
            if not NATIVE:
                return []
            rows = []
            for tag, label, strip in (("submit", "Python submit()", python_submit),
                                      ("memos", "no C rule memos", without_memos),
                                      ("python", "Python builder", python_builder)):
                aj = file_client(f"{name}-{tag}", make)
                strip(aj)
                rows.append((f"log on (file), {label}", aj))
            return rows

        rows: list[tuple[str, ArcjetSync]] = [("log off", client()), ("log on (file)", file_client("file"))]
        try:
            import prometheus_client

            rows.append(("log on (file) + metrics",
                         file_client("metrics", metrics=prometheus_client.CollectorRegistry())))
        except ImportError:
            print("prometheus_client not installed: no metrics row")
        rows += without_c("one")
        if not NATIVE:
            print("arcjet_core.decision_log._cline is not built: every row builds its lines in Python")
        if not args.no_ablation:
            for cache in ("_last", "_rules", "_limits", "_limit_shapes", "_verdicts", "_requests", "_ips", "_uas"):
                aj = file_client(cache)
                without(cache)(aj)
                rows.append((f"log on (file), no {cache} cache", aj))
        table("one request, repeated", rows, [REQUEST], args.n, args.repeats)
        mixed = [("log off", mixed_client()), ("log on (file)", file_client("mixed", mixed_client)),
                 *without_c("mixed", mixed_client)]
        table("mixed traffic", mixed, MIXED, args.n, args.repeats)
        new = [("log off", client()), ("log on (file)", file_client("new")), *without_c("new")]
        # More rounds: a new client's request varies ~10x more from round to
        # round. Not shorter ones: each round of the writer column ends in a
        # flush, whose fixed cost a shorter round would spread over fewer calls.
        table("new clients", new, NEW_CLIENTS, NEW_N, NEW_ROUNDS)

        # The two halves on their own: what submit() does, and the writer's work per record.
        from arcjet_core.decision_log import DecisionLog

        aj = client()
        decisions = [aj.protect(REQUEST) for _ in range(args.n)]
        log = DecisionLog(Path(tmp) / "halves.jsonl", buffer=2 * args.n)
        log._writer = threading.current_thread()  # hold the writer off: submit only
        start = time.thread_time_ns()
        for d in decisions:
            log.submit(d, "GET", "/api/items/42", "Mozilla/5.0")
        submit_us = (time.thread_time_ns() - start) / args.n / 1000
        log._writer = None
        start = time.thread_time_ns()
        log.close()  # no writer ran: close() drains here, in this thread
        drain_us = (time.thread_time_ns() - start) / args.n / 1000
        print(f"\nsubmit() alone: {submit_us:.2f} µs CPU per decision (builds the line); "
              f"the writer's work: {drain_us:.2f} µs CPU per record")
        size = (Path(tmp) / "file.jsonl").stat().st_size
        lines = max(1, (Path(tmp) / "file.jsonl").read_bytes().count(b"\n"))
        print(f"file sink: {lines} records, {size / lines:.0f} bytes per record")


if __name__ == "__main__":
    main()
