"""Rate limiting: µs per check, ours vs the peers, on the same storage. Not a test.

    python benchmarks/ratelimit.py [--redis-url redis://...] [-n 20000] [--round-trip]

Without --redis-url a private redis-server is started on a free port.

1. Storage level: one check of one key, ours vs the `limits` library,
   measured in alternating order (medians of 7; the notes give the ranges).
   Same algorithm where both have it: fixed window vs FixedWindowRateLimiter,
   sliding window vs SlidingWindowCounterRateLimiter (the same weighted
   counter). `limits` has no token bucket; our token bucket is shown next to
   its closest, MovingWindowRateLimiter (exact log, also "N per interval").
2. Redis round trips per check, counted from MONITOR (commands a client
   sent; commands a script ran inside Redis are excluded).
3. Per framework, one limit on one route: protect() with token_bucket vs
   slowapi (Starlette), flask-limiter (Flask), django-ratelimit (Django).
   Needs the client (`arcjet_core.arcjet_sync` / `arcjet`); when it cannot be
   built, the reason is printed instead of numbers.
4. The Redis round trip against a raw PING (issue #15's floor): redis-py's
   PING (sync, and redis.asyncio's for the async rows) next to our
   store.run / run_async of one token bucket, for a returning client (one
   key) and new clients (a key never seen), in rotating order in one
   process. Per row: wall µs per call (median of 9 batch means), the
   process's CPU µs per call over the same batches (time.process_time: the
   client's own work; the rest of the wall time is waiting on the socket and
   the server), and wall / PING. Then the server's side, from INFO
   commandstats after CONFIG RESETSTAT: µs per PING and per EVALSHA of our
   script (returning and new clients), next to a script of the same three
   commands and nothing else (TIME, GET, SET ... PX): what our Lua adds.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from arcjet_core.ratelimit import (
    FixedWindowParams,
    LimitOp,
    MemoryStorage,
    SlidingWindowParams,
    TokenBucketParams,
)
from arcjet_core.ratelimit._redis import RedisStorage  # the lazy public name is untyped
from benchmarks._machine import machine_line
from benchmarks._timing import interleaved_us, interleaved_us_async, rotation

# protect() calls that failed open (storage timeout, ...), per framework: a
# benchmark row says how many there were instead of hiding or crashing on them.
FAILED_OPEN: collections.Counter[str] = collections.Counter()
BIG = 10**9  # limits nobody reaches: every check measured is an allowed one
# A global address: documentation ranges (203.0.113.0/24, ...) are not global,
# so the IP resolver rejects them, the decision is an ERROR, and no rate limit
# would run at all. The views below answer 500 on an ERROR decision, which the
# callers' status checks turn into a failure instead of a flattering number.
CLIENT_IP = "93.184.215.14"
# What a browser sends on a plain GET: every framework row carries these, so
# header handling is part of the cost measured, as in production.
BROWSER_HEADERS = [
    ("host", "bench.example"),
    ("user-agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36"),
    ("accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"),
    ("accept-language", "en-US,en;q=0.9"),
    ("accept-encoding", "gzip, deflate, br"),
    ("referer", "https://bench.example/"),
    ("cookie", "session=8f14e45fceea167a5a36dedd4bea2543; theme=dark"),
    ("sec-fetch-mode", "navigate"),
    ("upgrade-insecure-requests", "1"),
]


def paired_us(
    ours: Callable[[], object], peer: Callable[[], object], n: int, repeats: int = 7
) -> tuple[float, float, str]:
    """Medians of ours and the peer, measured in alternating order, and their ranges."""
    for _ in range(min(n, 1000)):
        ours()
        peer()
    a: list[float] = []
    b: list[float] = []
    for r in range(repeats):
        for fn, samples in ((ours, a), (peer, b)) if r % 2 == 0 else ((peer, b), (ours, a)):
            start = time.perf_counter_ns()
            for _ in range(n):
                fn()
            samples.append((time.perf_counter_ns() - start) / n / 1000)
    ratios = sorted(y / x for x, y in zip(a, b, strict=True))
    spread = (
        f"ours {min(a):.1f}-{max(a):.1f}, peer {min(b):.1f}-{max(b):.1f} µs; "
        f"peer/ours per pair {ratios[0]:.2f}-{ratios[-1]:.2f}"
    )
    return statistics.median(a), statistics.median(b), spread


# -- Redis -------------------------------------------------------------------


def start_redis() -> tuple[str, subprocess.Popen[bytes], Path]:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    directory = Path(tempfile.mkdtemp(prefix="arcjet-bench-"))
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no", "--dir", str(directory)],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    for _ in range(200):
        if (
            subprocess.run(
                ["redis-cli", "-p", str(port), "ping"], capture_output=True
            ).stdout.strip()
            == b"PONG"
        ):
            break
        time.sleep(0.02)
    return f"redis://127.0.0.1:{port}/0", process, directory


def round_trips(url: str, fn: Callable[[], object], calls: int = 50) -> float:
    """Client commands per call, from MONITOR ("lua]" lines are run by scripts)."""
    port = url.rsplit(":", 1)[1].split("/")[0]
    with tempfile.TemporaryFile() as log:
        monitor = subprocess.Popen(["redis-cli", "-p", port, "monitor"], stdout=log)
        time.sleep(0.3)
        for _ in range(calls):
            fn()
        time.sleep(0.3)
        monitor.terminate()
        monitor.wait()
        log.seek(0)
        lines = log.read().decode(errors="replace").splitlines()
    sent = [line for line in lines if " [" in line and "lua]" not in line]
    return len(sent) / calls


# -- 1 + 2: storage level ------------------------------------------------------


def storage_rows(url: str, n: int) -> list[tuple[str, str, float, float, str]]:
    import limits
    import limits.storage
    import limits.strategies

    rows = []
    item = limits.parse(f"{BIG}/hour")
    ours_mem = MemoryStorage()
    ours_redis = RedisStorage(url, prefix="bench", timeout=1)
    cases = [
        ("fixed window", FixedWindowParams(BIG, 3600), limits.strategies.FixedWindowRateLimiter),
        (
            "sliding window",
            SlidingWindowParams(BIG, 3600),
            limits.strategies.SlidingWindowCounterRateLimiter,
        ),
        (
            "token bucket vs moving window",
            TokenBucketParams(BIG, 3600, BIG),
            limits.strategies.MovingWindowRateLimiter,
        ),
    ]
    for name, params, strategy in cases:
        op = [LimitOp("bench\x1frule\x1f" + CLIENT_IP, params, 1)]
        peer_mem = strategy(limits.storage.MemoryStorage())
        peer_redis = strategy(limits.storage.storage_from_string(url))
        ours_m, peer_m, spread = paired_us(
            lambda op=op: ours_mem.run(op),
            lambda p=peer_mem, name=name: p.hit(item, name, CLIENT_IP),
            n,
        )
        rows.append(("memory", name, ours_m, peer_m, spread))
        small = max(n // 10, 500)
        ours_r, peer_r, spread = paired_us(
            lambda op=op: ours_redis.run(op),
            lambda p=peer_redis, name=name: p.hit(item, name, CLIENT_IP),
            small,
        )
        trips = (
            f"round trips/check: ours {round_trips(url, lambda op=op: ours_redis.run(op)):.2f}, "
            f"limits {round_trips(url, lambda p=peer_redis, name=name: p.hit(item, name, CLIENT_IP)):.2f}"
        )
        rows.append(("redis", name, ours_r, peer_r, f"{trips}; {spread}"))
    ours_redis.close()
    return rows


# -- 4: the round trip against a raw PING ------------------------------------------

# A script issuing the same three commands as ours and nothing else: the
# server's floor for one op (what is left is our Lua).
THREE_COMMANDS = "local t = redis.call('TIME') redis.call('GET', KEYS[1]) redis.call('SET', KEYS[1], '1:2', 'PX', 60000) return 1"


def _timed(fns: list[Callable[[], object]], n: int, repeats: int = 9) -> list[tuple[float, float]]:
    """(wall, CPU) µs per call of each row: medians of batch means, rotating order."""
    walls: list[list[float]] = [[] for _ in fns]
    cpus: list[list[float]] = [[] for _ in fns]
    for fn in fns:
        for _ in range(min(n, 1000)):
            fn()
    for i in rotation(len(fns), repeats):
        fn = fns[i]
        cpu0, wall0 = time.process_time_ns(), time.perf_counter_ns()
        for _ in range(n):
            fn()
        walls[i].append((time.perf_counter_ns() - wall0) / n / 1000)
        cpus[i].append((time.process_time_ns() - cpu0) / n / 1000)
    return [(statistics.median(w), statistics.median(c)) for w, c in zip(walls, cpus, strict=True)]


async def _timed_async(fns: list[Callable[[], Any]], n: int, repeats: int = 9) -> list[tuple[float, float]]:
    walls: list[list[float]] = [[] for _ in fns]
    cpus: list[list[float]] = [[] for _ in fns]
    for fn in fns:
        for _ in range(min(n, 1000)):
            await fn()
    for i in rotation(len(fns), repeats):
        fn = fns[i]
        cpu0, wall0 = time.process_time_ns(), time.perf_counter_ns()
        for _ in range(n):
            await fn()
        walls[i].append((time.perf_counter_ns() - wall0) / n / 1000)
        cpus[i].append((time.process_time_ns() - cpu0) / n / 1000)
    return [(statistics.median(w), statistics.median(c)) for w, c in zip(walls, cpus, strict=True)]


def _new_clients(tag: str, count: int) -> Callable[[], list[LimitOp]]:
    """Each call: one op for a client never seen (built before timing starts)."""
    params = TokenBucketParams(BIG, 3600, BIG)
    ops = iter([[LimitOp(f"bench\x1frule\x1f{tag}{i}", params, 1)] for i in range(count)])
    return ops.__next__


def round_trip_rows(url: str, n: int) -> list[tuple[str, float, float, float]]:
    """(row, wall µs, CPU µs, wall / PING) for the sync rows, then the async ones."""
    import redis
    import redis.asyncio

    store = RedisStorage(url, prefix="bench-rt", timeout=1)
    returning = [LimitOp("bench\x1frule\x1f" + CLIENT_IP, TokenBucketParams(BIG, 3600, BIG), 1)]
    calls = max(n // 10, 500)
    budget = calls * 10 + 1000  # warm-up and 9 batches

    client = redis.Redis.from_url(url)
    new_sync = _new_clients("s", budget)
    sync = _timed(
        [client.ping, lambda: store.run(returning), lambda: store.run(new_sync())], calls
    )
    client.close()

    async def run_async() -> list[tuple[float, float]]:
        aclient = redis.asyncio.Redis.from_url(url)
        new_async = _new_clients("a", budget)

        async def ours_returning() -> object:
            return await store.run_async(returning)

        async def ours_new() -> object:
            return await store.run_async(new_async())

        try:
            return await _timed_async([aclient.ping, ours_returning, ours_new], calls)
        finally:
            await aclient.aclose()
            await store.aclose()

    asynchronous = asyncio.run(run_async())
    store.close()
    rows: list[tuple[str, float, float, float]] = []
    for kind, timed in (("sync", sync), ("async", asynchronous)):
        ping = timed[0][0]
        names = (f"redis-py {'asyncio ' if kind == 'async' else ''}PING", f"ours {kind}, returning client",
                 f"ours {kind}, new clients")  # fmt: skip
        rows.extend((name, wall, cpu, wall / ping) for name, (wall, cpu) in zip(names, timed, strict=True))
    return rows


def server_side(url: str, calls: int = 1000, repeats: int = 7) -> str:
    """µs per call on the server (INFO commandstats): PING, our script, three
    bare commands; medians over repeats, the steps in rotating order."""
    import redis

    client = redis.Redis.from_url(url)
    store = RedisStorage(url, prefix="bench-srv", timeout=1)
    params = TokenBucketParams(BIG, 3600, BIG)
    returning = [LimitOp("bench\x1frule\x1f" + CLIENT_IP, params, 1)]
    new = _new_clients("srv", calls * repeats)
    floor = client.script_load(THREE_COMMANDS)
    steps: list[tuple[str, str, Callable[[], object]]] = [
        ("PING", "ping", client.ping),
        ("ours, returning", "evalsha", lambda: store.run(returning)),
        ("ours, new", "evalsha", lambda: store.run(new())),
        ("TIME+GET+SET only", "evalsha", lambda: client.evalsha(floor, 1, "bench-srv:floor")),
    ]
    store.run(returning)  # the script is loaded before counting starts
    samples: list[list[float]] = [[] for _ in steps]
    try:
        for k in rotation(len(steps), repeats):
            _, command, fn = steps[k]
            client.config_resetstat()
            for _ in range(calls):
                fn()
            stats = client.info("commandstats")[f"cmdstat_{command}"]
            samples[k].append(stats["usec"] / stats["calls"])
    except redis.exceptions.ResponseError as exc:  # CONFIG disabled on someone else's server
        return f"server side: not measured ({exc})"
    finally:
        store.close()
        client.close()
    parts = [f"{name} {statistics.median(s):.2f}" for (name, _, _), s in zip(steps, samples, strict=True)]
    return "server µs per call (INFO commandstats, medians of 7): " + ", ".join(parts)


# -- 3: frameworks -------------------------------------------------------------


def make_aj(storage: str, *, asynchronous: bool = False) -> Any:
    from arcjet_core import arcjet, arcjet_sync
    from arcjet_core.rules import token_bucket

    factory = arcjet if asynchronous else arcjet_sync
    return factory(
        key="bench",
        rules=[token_bucket(refill_rate=BIG, interval=3600, capacity=BIG)],
        storage=storage,
    )


def bench_starlette(
    storage: str, peer_storage: str, n: int, concurrency: int = 1, runner: Callable[[Any], Any] = asyncio.run
) -> tuple[float, float, float]:
    """µs per request; with concurrency > 1, that many requests are in flight
    at once (asyncio.gather) and the time is per request. ``runner`` picks the
    event loop (asyncio.run or uvloop.run)."""
    from slowapi import Limiter
    from slowapi.util import get_remote_address
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import PlainTextResponse
    from starlette.routing import Route

    aj = make_aj(storage, asynchronous=True)
    limiter = Limiter(
        key_func=get_remote_address, storage_uri=peer_storage, strategy="fixed-window"
    )

    async def bare(request: Request) -> PlainTextResponse:
        return PlainTextResponse("ok")

    async def ours(request: Request) -> PlainTextResponse:
        decision = await aj.protect(request)
        if decision.is_error():
            FAILED_OPEN["Starlette"] += 1  # the app goes ahead, as a fail-open app does
        return PlainTextResponse("no", 429) if decision.is_denied() else PlainTextResponse("ok")

    @limiter.limit(f"{BIG}/hour")
    async def peer(request: Request) -> PlainTextResponse:
        return PlainTextResponse("ok")

    app = Starlette(routes=[Route("/bare", bare), Route("/ours", ours), Route("/peer", peer)])
    app.state.limiter = limiter

    def caller(path: str) -> Callable[[], Any]:
        scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
                 "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": b"",
                 "root_path": "", "client": (CLIENT_IP, 5000),
                 "headers": [(k.encode(), v.encode()) for k, v in BROWSER_HEADERS],
                 "server": ("bench", 80), "app": app}  # fmt: skip

        async def receive() -> dict[str, Any]:
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                assert message["status"] == 200, message

        if concurrency == 1:
            return lambda: app(dict(scope), receive, send)
        return lambda: asyncio.gather(*[app(dict(scope), receive, send) for _ in range(concurrency)])

    calls = max(n // concurrency, 50)
    bare, ours, peer = interleaved_us_async([caller(p) for p in ("/bare", "/ours", "/peer")], calls, runner=runner)
    return bare / concurrency, ours / concurrency, peer / concurrency


def bench_flask(storage: str, peer_storage: str, n: int) -> tuple[float, float, float]:
    from flask import Flask
    from flask_limiter import Limiter
    from flask_limiter.util import get_remote_address
    from werkzeug.test import EnvironBuilder

    aj = make_aj(storage)
    app = Flask("bench")
    limiter = Limiter(
        get_remote_address, app=app, storage_uri=peer_storage, strategy="fixed-window"
    )

    @app.get("/bare")
    def bare() -> str:
        return "ok"

    @app.get("/ours")
    def ours() -> Any:
        from flask import request

        decision = aj.protect(request)
        if decision.is_error():
            FAILED_OPEN["Flask"] += 1  # the app goes ahead, as a fail-open app does
        return ("no", 429) if decision.is_denied() else "ok"

    @app.get("/peer")
    @limiter.limit(f"{BIG}/hour")
    def peer() -> str:
        return "ok"

    def caller(path: str) -> Callable[[], Any]:
        environ = EnvironBuilder(path=path, headers=BROWSER_HEADERS, environ_base={"REMOTE_ADDR": CLIENT_IP}).get_environ()

        def start_response(status: str, headers: Any) -> None:
            assert status.startswith("200"), status

        def call() -> None:
            body = app.wsgi_app(dict(environ), start_response)
            for _ in body:
                pass

        return call

    bare_us, ours_us, peer_us = interleaved_us([caller(p) for p in ("/bare", "/ours", "/peer")], n)
    return bare_us, ours_us, peer_us


def bench_django(storage: str, peer_storage: str, n: int) -> tuple[float, float, float]:
    import django
    from django.conf import settings

    # Settings can be configured once per process, and this runs twice (memory,
    # then Redis): declare both caches and pick one per run, so the Redis row
    # really measures django-ratelimit on Redis.
    if not settings.configured:
        settings.configure(
            DEBUG=False, ALLOWED_HOSTS=["*"], ROOT_URLCONF=__name__, SECRET_KEY="bench",
            CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
            SILENCED_SYSTEM_CHECKS=["django_ratelimit.E003", "django_ratelimit.W001"],
        )  # fmt: skip
        django.setup()
    if peer_storage.startswith("redis"):
        from django.core.cache import caches

        settings.CACHES["redis"] = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": peer_storage}
        caches.settings = settings.CACHES  # caches read CACHES lazily; refresh after adding one
        settings.RATELIMIT_USE_CACHE = "redis"
    else:
        settings.RATELIMIT_USE_CACHE = "default"
    from django.http import HttpRequest, HttpResponse
    from django.test import RequestFactory
    from django_ratelimit.decorators import ratelimit

    aj = make_aj(storage)

    def bare(request: HttpRequest) -> HttpResponse:
        return HttpResponse("ok")

    def ours(request: HttpRequest) -> HttpResponse:
        decision = aj.protect(request)
        if decision.is_error():
            FAILED_OPEN["Django"] += 1  # the app goes ahead, as a fail-open app does
        return HttpResponse("no", status=429) if decision.is_denied() else HttpResponse("ok")

    @ratelimit(key="ip", rate=f"{BIG}/h", block=True)
    def peer(request: HttpRequest) -> HttpResponse:
        return HttpResponse("ok")

    factory = RequestFactory()

    def caller(view: Callable[[HttpRequest], HttpResponse]) -> Callable[[], Any]:
        def call() -> None:
            request = factory.get("/", REMOTE_ADDR=CLIENT_IP, headers=dict(BROWSER_HEADERS))
            assert view(request).status_code == 200

        return call

    bare_us, ours_us, peer_us = interleaved_us([caller(v) for v in (bare, ours, peer)], n)
    return bare_us, ours_us, peer_us


def failed_open(framework: str) -> str:
    """A note for the row just measured, then the count starts again."""
    count = FAILED_OPEN.pop(framework, 0)
    return f"; ours failed open {count} times (storage errors)" if count else ""


def framework_rows(url: str, n: int) -> list[tuple[str, str, float, float, str]]:
    rows = []
    # Django caches through django.core.cache: "memory" for it is LocMemCache.
    for name, bench, peer_name in (
        ("Starlette", bench_starlette, "slowapi"),
        ("Flask", bench_flask, "flask-limiter"),
        ("Django", bench_django, "django-ratelimit"),
    ):
        for where, ours_storage, peer_storage in (
            ("memory", "memory://", "memory://"),
            ("redis", url, url),
        ):
            try:
                bare, ours, peer = bench(
                    ours_storage, peer_storage, n if where == "memory" else max(n // 10, 500)
                )
            except Exception as exc:  # report, do not hide: the table says what is missing
                rows.append((where, f"{name}: protect() vs {peer_name}", float("nan"), float("nan"),
                             f"not measured: {type(exc).__name__}: {exc}" + failed_open(name)))  # fmt: skip
                continue
            note = f"bare app {bare:.1f} µs; limiter overhead ours {ours - bare:.1f} vs {peer_name} {peer - bare:.1f}"
            rows.append((where, f"{name}: protect() vs {peer_name}", ours, peer, note + failed_open(name)))
    # uvicorn[standard] runs on uvloop: the Starlette rows again on that loop.
    try:
        import uvloop
    except ImportError:
        rows.append(("-", "Starlette on uvloop", float("nan"), float("nan"), "not measured: uvloop not installed"))
    else:
        for where, storage in (("memory", "memory://"), ("redis", url)):
            bare, ours, peer = bench_starlette(storage, storage, n if where == "memory" else max(n // 10, 500),
                                               runner=uvloop.run)  # fmt: skip
            note = f"uvloop; bare app {bare:.1f} µs; limiter overhead ours {ours - bare:.1f} vs slowapi {peer - bare:.1f}"
            rows.append((where, "Starlette on uvloop: protect() vs slowapi", ours, peer, note + failed_open("Starlette")))
    # An async server has many requests in flight. slowapi calls Redis
    # synchronously, blocking the event loop for each round trip; protect()
    # awaits it, so round trips overlap. Time per request with 32 at once:
    try:
        bare, ours, peer = bench_starlette(url, url, max(n // 10, 500), concurrency=32)
        note = f"32 requests in flight; bare app {bare:.1f} µs; overhead ours {ours - bare:.1f} vs slowapi {peer - bare:.1f}"
        rows.append(("redis", "Starlette, 32 concurrent: protect() vs slowapi", ours, peer, note + failed_open("Starlette")))
    except Exception as exc:
        rows.append(("redis", "Starlette, 32 concurrent: protect() vs slowapi", float("nan"), float("nan"),
                     f"not measured: {type(exc).__name__}: {exc}"))  # fmt: skip
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--redis-url")
    parser.add_argument(
        "-n", type=int, default=20000, help="calls per sample (memory); Redis uses n/10"
    )
    parser.add_argument("--round-trip", action="store_true", help="only part 4: the Redis round trip vs PING")
    args = parser.parse_args()
    os.environ.setdefault("ARCJET_LOG_LEVEL", "ERROR")
    process = None
    url = args.redis_url
    if url is None:
        url, process, _ = start_redis()
    try:
        trips = round_trip_rows(url, args.n)
        server = server_side(url)
        rows = [] if args.round_trip else storage_rows(url, args.n) + framework_rows(url, args.n)
    finally:
        if process is not None:
            process.terminate()
            process.wait()
    print(machine_line())
    if rows:
        print(f"{'storage':8} {'case':48} {'ours µs':>9} {'peer µs':>9} {'peer/ours':>9}  notes")
    for where, name, ours, peer, note in rows:
        ratio = peer / ours if ours == ours and ours > 0 else float("nan")
        print(f"{where:8} {name:48} {ours:9.2f} {peer:9.2f} {ratio:9.2f}x  {note}")
    print_round_trips(trips, server)


def print_round_trips(trips: list[tuple[str, float, float, float]], server: str) -> None:
    print("\nRedis round trip vs a raw PING (one token bucket; same process, rotating order, medians of 9)")
    print(f"{'row':34} {'wall µs':>9} {'CPU µs':>9} {'/ PING':>7}")
    for name, wall, cpu, ratio in trips:
        print(f"{name:34} {wall:9.2f} {cpu:9.2f} {ratio:7.2f}")
    print(server)


if __name__ == "__main__":
    main()
