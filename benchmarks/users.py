"""Rate limiting as users run it: a middleware in front of a hello-world app. Not a test.

    python benchmarks/users.py [--quick] [-n N] [--redis-n N] [--http] [--redis-url redis://...]
    python benchmarks/users.py --http-only            # only the wrk run
    python benchmarks/users.py --no-redis --frameworks Flask,Django -n 20000

Without --redis-url a private redis-server is started on a free port (a
--redis-url is FLUSHALLed before every group: give it a scratch database).
Defaults: 100,000 requests per row on memory, n/5 on Redis, 10 repeats;
--quick: 10,000 and 2,000 (about 2-3 minutes on a 2-core VM).

In-process part (one process; within each group the rows are measured in
rotating order, one batch each per repeat, so every row sees the same load):

- Frameworks: FastAPI (ArcjetMiddleware vs slowapi's SlowAPIASGIMiddleware),
  Flask (the arcjet_flask.Arcjet extension vs flask-limiter), Django
  (arcjet_django's ArcjetMiddleware vs a middleware calling django-ratelimit's
  get_usage(); django-ratelimit has no middleware that limits nor any
  headers of its own, so its "+headers" row sets the X-RateLimit-* headers
  from get_usage(), as an app would).
- Driver: the app's ASGI/WSGI callable called directly, with a prebuilt
  scope/environ copied per request (cheaper than a test client and closer
  to what a server does). The bare app, ours and the peers all go through it.
- Rows: the bare app; ours with one token bucket; ours with shield +
  detect_bot + token bucket; each peer with and without its rate-limit
  headers (ours always sends RateLimit/RateLimit-Policy). On Redis, a raw
  redis-py PING round trip in the same process is the floor (async PING for
  FastAPI, whose Redis path is async; sync PING for Flask and Django).
- Client mixes: "returning" cycles 256 addresses; "new" sends every request
  from an address never seen before, half IPv4, half IPv6 (each IPv6 from its
  own /64: ours keys IPv6 clients per /64).
- Per row: added µs per request (median over repeats of the batch mean,
  minus the bare app's), also scaled to a desktop core by the reference
  loop; p50 and p99 of single requests; the worst GC pause (gc.callbacks
  start/stop) and the number of gen-2 collections during its requests.
- New clients on memory, then each row again alone ("GC alone"): a fresh
  app, the others released, N new clients. Interleaved rows share one heap,
  so a full collection brought on by one row's state (a peer's store that
  keeps an object per client) lands on whichever row's request triggers it
  and walks every row's state; alone, a row's pauses are its own.

--http: wrk (apt-get installs Debian's wrk when missing and we are root)
against uvicorn (FastAPI) and gunicorn (Flask): bare, ours (token bucket),
peer (with headers), every request from a new address in X-Forwarded-For;
the servers listen on loopback, so ours takes the rightmost entry as the
client (its default one-hop rule) and the peers' key_func reads the same.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from array import array
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks._machine import machine_line, reference_us  # noqa: E402
from benchmarks._timing import rotation  # noqa: E402
from benchmarks.ratelimit import BROWSER_HEADERS, start_redis  # noqa: E402

BIG = 10**9  # limits nobody reaches: every request measured is an allowed one
DESKTOP_REFERENCE_US = 8.0  # sum(range(1000)) on a current desktop core (see _machine.py)
RETURNING = 256
WARMUP = 300  # requests per row before timing, from addresses outside the measured ones

# -- client addresses ----------------------------------------------------------


def address(index: int) -> str:
    """The index-th distinct global client address: even indexes IPv4, odd IPv6.

    IPv4 counts up from 23.0.0.1 (global unicast); each IPv6 gets its own /64
    under 2a00::/12 (RIPE, global), since ours keys IPv6 per /64."""
    half, v6 = divmod(index, 2)
    if not v6:
        value = (23 << 24) + 1 + half
        return f"{value >> 24}.{(value >> 16) & 255}.{(value >> 8) & 255}.{value & 255}"
    prefix = half + 1  # 48 bits of /64 under 2a00::/16
    return f"2a00:{(prefix >> 32) & 0xFFFF:x}:{(prefix >> 16) & 0xFFFF:x}:{prefix & 0xFFFF:x}::1"


def addresses(mix: str, row: int, n: int) -> list[str]:
    """Addresses of one row's requests: warm-up first, then the measured ones.

    New clients: distinct per row too, because rows can share a store (Redis)."""
    if mix == "returning":
        return [address(i % RETURNING) for i in range(WARMUP + n)]
    base = row * (WARMUP + n)
    return [address(base + i) for i in range(WARMUP + n)]


# -- measurement -----------------------------------------------------------------


@dataclass
class Row:
    name: str
    kind: str  # "bare", "ours", "peer" or "floor"
    call: Callable[[str], Any]  # one request from this address (sync, or returns an awaitable)
    expect_header: str | None = None  # a response header every request must carry
    batches: list[float] = field(default_factory=list)  # mean µs per request, per repeat
    times: array[int] = field(default_factory=lambda: array("q"))  # ns per request
    gc_max_ms: float = 0.0
    gen2: int = 0
    tracked: int = 0  # growth of GC-tracked objects over this row's batches
    failures: int = 0  # responses other than 200 (or missing headers in the check)
    variant: str = ""  # the app's variant, to build it again for the run alone
    alone: Row | None = None  # the same app measured alone (GC alone)


class GcWatch:
    """Pauses of the cyclic collector, charged to the row whose request ran."""

    def __init__(self) -> None:
        self.row: Row | None = None
        self.started = 0

    def __call__(self, phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            self.started = time.perf_counter_ns()
        elif self.row is not None:
            self.row.gc_max_ms = max(self.row.gc_max_ms, (time.perf_counter_ns() - self.started) / 1e6)
            if info.get("generation") == 2:
                self.row.gen2 += 1

    def __enter__(self) -> GcWatch:
        gc.callbacks.append(self)
        return self

    def __exit__(self, *exc: object) -> None:
        gc.callbacks.remove(self)


def measure_sync(rows: list[Row], mix: str, n: int, repeats: int) -> None:
    batch = n // repeats
    plans = [addresses(mix, k, batch * repeats) for k in range(len(rows))]
    for row, plan in zip(rows, plans, strict=True):
        for ip in plan[:WARMUP]:
            row.call(ip)
    gc.collect()
    clock = time.perf_counter_ns
    with GcWatch() as watch:
        for step, k in enumerate(rotation(len(rows), repeats)):
            row, plan = rows[k], plans[k]
            start = WARMUP + (step // len(rows)) * batch
            call, times = row.call, row.times
            tracked = len(gc.get_objects())
            watch.row = row
            total = 0
            for ip in plan[start : start + batch]:
                t0 = clock()
                call(ip)
                elapsed = clock() - t0
                times.append(elapsed)
                total += elapsed
            watch.row = None
            row.tracked += len(gc.get_objects()) - tracked
            row.batches.append(total / batch / 1000)


async def measure_async(rows: list[Row], mix: str, n: int, repeats: int) -> None:
    """measure_sync for coroutine rows, in the running event loop."""
    batch = n // repeats
    plans = [addresses(mix, k, batch * repeats) for k in range(len(rows))]
    for row, plan in zip(rows, plans, strict=True):
        for ip in plan[:WARMUP]:
            await row.call(ip)
    gc.collect()
    clock = time.perf_counter_ns
    with GcWatch() as watch:
        for step, k in enumerate(rotation(len(rows), repeats)):
            row, plan = rows[k], plans[k]
            start = WARMUP + (step // len(rows)) * batch
            call, times = row.call, row.times
            tracked = len(gc.get_objects())
            watch.row = row
            total = 0
            for ip in plan[start : start + batch]:
                t0 = clock()
                await call(ip)
                elapsed = clock() - t0
                times.append(elapsed)
                total += elapsed
            watch.row = None
            row.tracked += len(gc.get_objects()) - tracked
            row.batches.append(total / batch / 1000)


def percentile_us(times: array[int], q: float) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] / 1000


# -- apps --------------------------------------------------------------------------


def our_rules(with_shield: bool) -> list[Any]:
    from arcjet_core.rules import detect_bot, shield, token_bucket

    bucket = token_bucket(refill_rate=BIG, interval=3600, capacity=BIG)
    return [shield(), detect_bot(allow=[]), bucket] if with_shield else [bucket]


def rightmost_forwarded(header: str | None, fallback: str) -> str:
    """The peers' key for the HTTP run: the entry our loopback one-hop rule trusts."""
    return header.rsplit(",", 1)[-1].strip() if header else fallback


# FastAPI -------------------------------------------------------------------------


def fastapi_app(variant: str, storage: str, *, behind_proxy: bool = False) -> Any:
    """variant: bare, ours, ours-shield, slowapi, slowapi-headers."""
    from fastapi import FastAPI
    from fastapi.responses import PlainTextResponse

    app = FastAPI()

    @app.get("/", response_class=PlainTextResponse)
    async def hello() -> str:
        return "hello, world"

    if variant.startswith("ours"):
        from arcjet_core import arcjet
        from arcjet_starlette import ArcjetMiddleware

        client = arcjet(key=f"bench-{variant}", rules=our_rules(variant == "ours-shield"), storage=storage)
        app.add_middleware(ArcjetMiddleware, client=client)
    elif variant.startswith("slowapi"):
        from slowapi import Limiter
        from slowapi.middleware import SlowAPIASGIMiddleware
        from slowapi.util import get_remote_address
        from starlette.requests import Request

        def forwarded(request: Request) -> str:
            return rightmost_forwarded(request.headers.get("x-forwarded-for"), get_remote_address(request))

        app.state.limiter = Limiter(
            key_func=forwarded if behind_proxy else get_remote_address,
            default_limits=[f"{BIG}/hour"], storage_uri=storage, strategy="fixed-window",
            headers_enabled=variant.endswith("headers"), key_prefix=variant,
        )  # fmt: skip
        app.add_middleware(SlowAPIASGIMiddleware)
    return app


def fastapi_from_env() -> Any:
    """uvicorn factory for the HTTP run: BENCH_VARIANT picks the app."""
    return fastapi_app(os.environ["BENCH_VARIANT"], "memory://", behind_proxy=True)


def asgi_caller(app: Any, expect_header: str | None, row: list[Row]) -> Callable[[str], Awaitable[None]]:
    base = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
            "scheme": "http", "path": "/", "raw_path": b"/", "query_string": b"", "root_path": "",
            "headers": [(k.encode(), v.encode()) for k, v in BROWSER_HEADERS], "server": ("bench", 80)}  # fmt: skip
    wanted = expect_header.lower().encode() if expect_header else None  # ASGI header names are lowercase

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start" and (
            message["status"] != 200 or (wanted and not any(k == wanted for k, _ in message["headers"]))
        ):
            row[0].failures += 1

    def call(ip: str) -> Awaitable[None]:
        scope = dict(base)
        scope["client"] = (ip, 50000)
        return app(scope, receive, send)  # type: ignore[no-any-return]

    return call


# Flask -----------------------------------------------------------------------------


def flask_app(variant: str, storage: str, *, behind_proxy: bool = False) -> Any:
    """variant: bare, ours, ours-shield, flask-limiter, flask-limiter-headers."""
    from flask import Flask, request

    app = Flask(f"bench-{variant}")

    @app.get("/")
    def hello() -> str:
        return "hello, world"

    if variant.startswith("ours"):
        from arcjet_flask import Arcjet

        Arcjet(app, key=f"bench-{variant}", rules=our_rules(variant == "ours-shield"), storage=storage)
    elif variant.startswith("flask-limiter"):
        from flask_limiter import Limiter
        from flask_limiter.util import get_remote_address

        def forwarded() -> str:
            return rightmost_forwarded(request.headers.get("x-forwarded-for"), get_remote_address())

        Limiter(
            forwarded if behind_proxy else get_remote_address, app=app, default_limits=[f"{BIG}/hour"],
            storage_uri=storage, strategy="fixed-window", headers_enabled=variant.endswith("headers"),
            key_prefix=variant,
        )  # fmt: skip
    return app


def flask_from_env() -> Any:
    """gunicorn factory for the HTTP run: BENCH_VARIANT picks the app."""
    return flask_app(os.environ["BENCH_VARIANT"], "memory://", behind_proxy=True)


def wsgi_caller(app: Any, expect_header: str | None, row: list[Row]) -> Callable[[str], None]:
    from werkzeug.test import EnvironBuilder

    base = EnvironBuilder(path="/", headers=BROWSER_HEADERS).get_environ()
    wanted = expect_header.lower() if expect_header else None

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> None:
        if not status.startswith("200") or (wanted and not any(k.lower() == wanted for k, _ in headers)):
            row[0].failures += 1

    def call(ip: str) -> None:
        environ = dict(base)
        environ["REMOTE_ADDR"] = ip
        body = app(environ, start_response)
        for _ in body:
            pass
        close = getattr(body, "close", None)
        if close is not None:
            close()

    return call


# Django ------------------------------------------------------------------------------


def hello_view(request: Any) -> Any:
    from django.http import HttpResponse

    return HttpResponse("hello, world")


urlpatterns: list[Any] = []  # filled by configure_django(); this module is ROOT_URLCONF


class RatelimitMiddleware:
    """django-ratelimit in front of every view, through its public get_usage()."""

    headers = False

    def __init__(self, get_response: Callable[[Any], Any]) -> None:
        self.get_response = get_response

    def __call__(self, request: Any) -> Any:
        from django.http import HttpResponse
        from django_ratelimit.core import get_usage

        usage = get_usage(request, group="bench", key="ip", rate=f"{BIG}/h", increment=True)
        if usage is not None and usage["should_limit"]:
            return HttpResponse("Too Many Requests", status=429)
        response = self.get_response(request)
        if self.headers and usage is not None:
            response["X-RateLimit-Limit"] = str(usage["limit"])
            response["X-RateLimit-Remaining"] = str(max(0, usage["limit"] - usage["count"]))
            response["X-RateLimit-Reset"] = str(usage["time_left"])
        return response


class RatelimitHeadersMiddleware(RatelimitMiddleware):
    headers = True


def configure_django(redis_url: str | None) -> None:
    import django
    from django.conf import settings
    from django.urls import path

    caches: dict[str, Any] = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    if redis_url:
        caches["redis"] = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url}
    settings.configure(
        DEBUG=False, ALLOWED_HOSTS=["*"], ROOT_URLCONF=__name__, SECRET_KEY="bench", MIDDLEWARE=[],
        CACHES=caches, SILENCED_SYSTEM_CHECKS=["django_ratelimit.E003", "django_ratelimit.W001"],
    )  # fmt: skip
    django.setup()
    urlpatterns.append(path("", hello_view))


def django_app(variant: str, storage: str) -> Any:
    """A WSGIHandler whose middleware is the variant's: bare, ours, ours-shield,
    django-ratelimit, django-ratelimit-headers. Django builds the middleware
    chain (and ours reads settings.ARCJET) when the handler is created."""
    from django.conf import settings
    from django.core.handlers.wsgi import WSGIHandler

    settings.RATELIMIT_USE_CACHE = "redis" if storage.startswith("redis") else "default"
    if variant.startswith("ours"):
        settings.ARCJET = {"KEY": f"bench-{variant}", "RULES": our_rules(variant == "ours-shield"), "STORAGE": storage}
        settings.MIDDLEWARE = ["arcjet_django.middleware.ArcjetMiddleware"]
    elif variant == "django-ratelimit":
        settings.MIDDLEWARE = [f"{__name__}.RatelimitMiddleware"]
    elif variant == "django-ratelimit-headers":
        settings.MIDDLEWARE = [f"{__name__}.RatelimitHeadersMiddleware"]
    else:
        settings.MIDDLEWARE = []
    return WSGIHandler()


# -- groups ----------------------------------------------------------------------------

FRAMEWORKS = {
    "FastAPI": ("slowapi", "X-RateLimit-Limit"),
    "Flask": ("flask-limiter", "X-RateLimit-Limit"),
    "Django": ("django-ratelimit", "X-RateLimit-Limit"),
}


def variants(framework: str) -> list[tuple[str, str, str | None]]:
    """(row name, variant, header every response must carry)."""
    peer, peer_header = FRAMEWORKS[framework]
    return [
        ("bare app", "bare", None),
        ("ours: token bucket", "ours", "RateLimit"),
        ("ours: shield+bot+token bucket", "ours-shield", "RateLimit"),
        (f"{peer}, no headers", peer, None),
        (f"{peer} + headers", f"{peer}-headers", peer_header),
    ]


def build_row(framework: str, storage: str, name: str, variant: str, header: str | None) -> Row:
    holder: list[Row] = []
    if framework == "FastAPI":
        call: Callable[[str], Any] = asgi_caller(fastapi_app(variant, storage), header, holder)
    elif framework == "Flask":
        call = wsgi_caller(flask_app(variant, storage), header, holder)
    else:
        call = wsgi_caller(django_app(variant, storage), header, holder)
    kind = "bare" if variant == "bare" else "ours" if variant.startswith("ours") else "peer"
    holder.append(Row(name, kind, call, header, variant=variant))
    return holder[0]


def build_rows(framework: str, storage: str, redis_url: str | None) -> list[Row]:
    rows = [build_row(framework, storage, *spec) for spec in variants(framework)]
    if storage.startswith("redis") and redis_url:
        if framework == "FastAPI":
            import redis.asyncio

            async_client = redis.asyncio.Redis.from_url(redis_url)

            async def aping(ip: str) -> None:
                await async_client.ping()

            rows.append(Row("redis-py async PING (floor)", "floor", aping))
        else:
            import redis

            sync_client = redis.Redis.from_url(redis_url)
            rows.append(Row("redis-py PING (floor)", "floor", lambda ip: sync_client.ping()))
        rows.append(ping_in_front_row(framework, redis_url))
    return rows


def ping_in_front_row(framework: str, redis_url: str) -> Row:
    """The bare app behind a wrapper that makes one redis-py PING per request,
    where our middleware's store call would be: what a round trip costs at
    that point of a request (a back-to-back PING runs with warm caches)."""
    holder: list[Row] = []
    if framework == "FastAPI":
        import redis.asyncio

        app = fastapi_app("bare", redis_url)
        aclient = redis.asyncio.Redis.from_url(redis_url)

        async def pinged(scope: Any, receive: Any, send: Any) -> None:
            await aclient.ping()
            await app(scope, receive, send)

        call: Callable[[str], Any] = asgi_caller(pinged, None, holder)
    else:
        import redis

        # The group's storage, not memory: django_app sets the process-wide
        # cache django-ratelimit's rows use.
        inner = flask_app("bare", redis_url) if framework == "Flask" else django_app("bare", redis_url)
        client = redis.Redis.from_url(redis_url)

        def wsgi_pinged(environ: Any, start_response: Any) -> Any:
            client.ping()
            return inner(environ, start_response)

        call = wsgi_caller(wsgi_pinged, None, holder)
    holder.append(Row("bare app + PING in front (floor)", "pinged", call))
    return holder[0]


def flush(redis_url: str | None) -> None:
    if redis_url:
        import redis

        with redis.Redis.from_url(redis_url) as r:
            r.flushall()


def _spent(ip: str) -> None:
    raise RuntimeError("this row's app was released after its group was measured")


@dataclass
class Group:
    framework: str
    storage: str
    mix: str
    n: int
    rows: list[Row]


def run_group(framework: str, storage: str, redis_url: str | None, mix: str, n: int, repeats: int) -> Group:
    flush(redis_url)
    if framework == "FastAPI":
        async def main() -> list[Row]:
            rows = build_rows(framework, storage, redis_url)  # inside the loop the clients use
            await measure_async(rows, mix, n, repeats)
            return rows

        rows = asyncio.run(main())
    else:
        rows = build_rows(framework, storage, redis_url)
        measure_sync(rows, mix, n, repeats)
    # Only the numbers outlive the group: the apps and their stores (hundreds of
    # thousands of clients) would otherwise stay alive, and every later full GC
    # pass would walk them, charging this group's heap to the next group's rows.
    for row in rows:
        row.call = _spent
    gc.collect()
    if mix == "new" and not storage.startswith("redis"):
        for row in rows:
            if row.kind not in ("floor", "pinged"):
                row.alone = run_alone(framework, storage, row, n)
    return Group(framework, "redis" if storage.startswith("redis") else "memory", mix, n, rows)


def run_alone(framework: str, storage: str, row: Row, n: int) -> Row:
    """The row's app built afresh and measured alone (one batch of n new clients)."""
    if framework == "FastAPI":
        async def main() -> Row:
            alone = build_row(framework, storage, row.name, row.variant, row.expect_header)
            await measure_async([alone], "new", n, 1)
            return alone

        alone = asyncio.run(main())
    else:
        alone = build_row(framework, storage, row.name, row.variant, row.expect_header)
        measure_sync([alone], "new", n, 1)
    alone.call = _spent
    gc.collect()
    return alone


def print_group(group: Group, scale: float) -> None:
    print(f"\n== {group.framework}, {group.storage}, {group.mix} clients: {group.n} requests per row ==")
    print(f"{'row':34} {'added µs':>9} {'desktop':>8} {'p50 µs':>8} {'p99 µs':>8} {'p99/p50':>7} "
          f"{'worst GC ms':>11} {'gen-2':>5} {'tracked/req':>11} {'bad':>4}")  # fmt: skip
    bare = statistics.median(next(r for r in group.rows if r.kind == "bare").batches)
    for row in group.rows:
        median = statistics.median(row.batches)
        added = median if row.kind == "floor" else median - bare
        p50, p99 = percentile_us(row.times, 0.50), percentile_us(row.times, 0.99)
        label = f"{row.name} (per request)" if row.kind == "bare" else row.name
        shown = median if row.kind == "bare" else added
        print(f"{label:34} {shown:9.1f} {shown * scale:8.1f} {p50:8.1f} {p99:8.1f} {p99 / p50:7.2f} "
              f"{row.gc_max_ms:11.2f} {row.gen2:5d} {row.tracked / len(row.times):11.2f} {row.failures:4d}")  # fmt: skip
    alone_rows = [row.alone for row in group.rows if row.alone is not None]
    if alone_rows:
        print(f"-- GC alone: each app afresh, the others released, {group.n} new clients --")
        print(f"{'row':34} {'µs/req':>9} {'p50 µs':>8} {'p99 µs':>8} {'p99/p50':>7} {'worst GC ms':>11} {'gen-2':>5} "
              f"{'tracked/req':>11} {'bad':>4}")  # fmt: skip
        for alone in alone_rows:
            p50, p99 = percentile_us(alone.times, 0.50), percentile_us(alone.times, 0.99)
            print(f"{alone.name:34} {alone.batches[0]:9.1f} {p50:8.1f} {p99:8.1f} {p99 / p50:7.2f} "
                  f"{alone.gc_max_ms:11.2f} {alone.gen2:5d} {alone.tracked / len(alone.times):11.2f} "
                  f"{alone.failures:4d}")  # fmt: skip


def added(group: Group, kind: str, index: int = 0) -> float:
    bare = statistics.median(next(r for r in group.rows if r.kind == "bare").batches)
    row = [r for r in group.rows if r.kind == kind][index]
    median = statistics.median(row.batches)
    return median if kind == "floor" else median - bare


def print_targets(groups: list[Group]) -> None:
    """The issue's 'Done when' ratios, from the rows above (≤ 1.00 / 1.30 / 1.50 meets them)."""
    print("\n== issue #15 targets (added cost ratios; new-client rows decide) ==")
    for g in groups:
        peer_plain, peer_headers = added(g, "peer", 0), added(g, "peer", 1)
        ours, ours_shield = added(g, "ours", 0), added(g, "ours", 1)
        parts = [f"ours TB / peer {ours / peer_plain:.2f} (no headers), {ours / peer_headers:.2f} (+headers)"]
        if g.storage == "memory":
            parts.append(f"shield+bot+TB / peer single limit {ours_shield / peer_plain:.2f} (target ≤ 1.30)")
        else:
            parts.append(f"ours TB / PING {ours / added(g, 'floor'):.2f} (target ≤ 1.50), "
                         f"/ PING in front {ours / added(g, 'pinged'):.2f}")
        ours_row = next(r for r in g.rows if r.kind == "ours")
        parts.append(f"ours p99/p50 {percentile_us(ours_row.times, .99) / percentile_us(ours_row.times, .5):.2f}, "
                     f"worst GC {ours_row.gc_max_ms:.1f} ms")  # fmt: skip
        if ours_row.alone is not None:
            alone = ours_row.alone
            parts.append(f"alone: p99/p50 {percentile_us(alone.times, .99) / percentile_us(alone.times, .5):.2f} "
                         f"(target ≤ 2), worst GC {alone.gc_max_ms:.1f} ms (target ≤ 5)")  # fmt: skip
        print(f"{g.framework:8} {g.storage:6} {g.mix:9}: " + "; ".join(parts))


LEGEND = """\
legend: one row = one app: a hello-world GET / (browser headers) behind that row's middleware/extension,
  called through its ASGI/WSGI callable with a prebuilt scope/environ (no test client, no sockets).
  added µs: median over repeats of the mean µs per request, minus the bare app's (bare: its own µs per
    request); for a PING floor row, its own µs per round trip. desktop: scaled by the reference loop.
  p50/p99: single requests, whole time (not added). worst GC ms / gen-2: the longest cyclic-GC pause and
    the count of full (generation 2) collections during that row's requests (a full pass walks the whole
    process, other rows' state too; the row that fills the heap fastest triggers them; "GC alone" below a
    new-client group has each row's own). tracked/req: growth of
    GC-tracked objects per request over the row's batches (what it leaves behind per client). bad: non-200 responses or
    responses missing the row's rate-limit header, warm-up included (must be 0).
  ours always sends RateLimit + RateLimit-Policy; peers' "+ headers" rows send X-RateLimit-*.
  On Redis, "bare app + PING in front" makes one redis-py PING per request where our store call would be:
    a round trip at that point of a request, beside the back-to-back PING floor.
  returning: 256 addresses in turn; new: each request from an address never seen (half IPv4, half IPv6,
    each IPv6 in its own /64)."""


# -- HTTP under wrk --------------------------------------------------------------------

WRK_SCRIPT = """\
-- Every request from a new client: X-Forwarded-For counts up, half IPv4, half IPv6 (own /64).
local id = 0
local counter = 0
function setup(thread)
  thread:set("id", id)
  id = id + 1
end
function init(args)
  counter = (tonumber(args[1] or "0") * 16 + id) * 10000000
end
function request()
  counter = counter + 1
  local ip
  if counter % 2 == 0 then
    local v = counter / 2
    ip = string.format("24.%d.%d.%d", math.floor(v / 65536) % 256, math.floor(v / 256) % 256, v % 256)
  else
    local v = (counter - 1) / 2 + 1
    ip = string.format("2a01:%x:%x:%x::1", math.floor(v / 4294967296) % 65536, math.floor(v / 65536) % 65536, v % 65536)
  end
  return wrk.format("GET", "/", {["X-Forwarded-For"] = ip, ["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64) Chrome/124.0"})
end
"""


def ensure_wrk() -> str | None:
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() != 0:
        print("--http skipped: wrk is not installed and we are not root to apt-get it")
        return None
    subprocess.run(["apt-get", "install", "-y", "wrk"], capture_output=True)
    found = shutil.which("wrk")
    if not found:
        print("--http skipped: apt-get install wrk failed")
    return found


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_listening(port: int, process: subprocess.Popen[bytes], seconds: float = 20) -> bool:
    import socket

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return True
        except OSError:
            time.sleep(0.1)
    return False


def parse_wrk(output: str) -> tuple[float, float, int]:
    """requests/s, p99 ms and non-2xx count from `wrk --latency`."""
    rps = p99 = float("nan")
    bad = 0
    units = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3}
    for line in output.splitlines():
        words = line.split()
        if line.startswith("Requests/sec:"):
            rps = float(words[1])
        elif words[:1] == ["99%"]:
            value = words[1]
            unit = value.lstrip("0123456789.")
            p99 = float(value[: len(value) - len(unit)]) * units[unit]
        elif "Non-2xx" in line:
            bad += int(words[-1])
    return rps, p99, bad


def wrk_against(wrk: str, script: str, command: Callable[[int], list[str]], variant: str, seconds: int) -> str | None:
    """wrk's output against a fresh server running the variant; None when it did not start."""
    port = free_port()
    env = {**os.environ, "BENCH_VARIANT": variant, "ARCJET_LOG_LEVEL": "ERROR", "PYTHONPATH": str(REPO)}
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(command(port), cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=log)
        try:
            if not wait_listening(port, process):
                log.seek(0)
                print(log.read().decode(errors="replace")[-400:])
                return None
            url = f"http://127.0.0.1:{port}/"
            # Warm-up from other new clients (the script's argument offsets its counter).
            subprocess.run([wrk, "-t1", "-c16", "-d2s", "-s", script, url, "--", "1"], capture_output=True)
            return subprocess.run([wrk, "-t1", "-c16", f"-d{seconds}s", "--latency", "-s", script, url, "--", "0"],
                                  capture_output=True, text=True).stdout  # fmt: skip
        finally:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def http_run(wrk: str, seconds: int) -> None:
    python = sys.executable
    bin_dir = Path(python).parent
    servers: dict[str, tuple[list[str], Callable[[int], list[str]]]] = {
        "uvicorn (FastAPI)": (["slowapi-headers"], lambda port: [str(bin_dir / "uvicorn"), "--factory",
            "benchmarks.users:fastapi_from_env", "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning",
            "--no-access-log"]),
        "gunicorn (Flask)": (["flask-limiter-headers"], lambda port: [str(bin_dir / "gunicorn"), "-w", "1", "-k",
            "gthread", "--threads", "4", "-b", f"127.0.0.1:{port}", "--log-level", "warning",
            "benchmarks.users:flask_from_env()"]),
    }  # fmt: skip
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT)
    print(f"\n== HTTP: wrk -t1 -c16 -d{seconds}s --latency, new client per request (X-Forwarded-For), loopback ==")
    print(f"{'server':20} {'app':24} {'req/s':>9} {'÷ bare':>7} {'p99 ms':>8} {'÷ bare':>7} {'non-2xx':>8}")
    try:
        for server, (peers, command) in servers.items():
            bare: tuple[float, float] | None = None
            for variant in ["bare", "ours", *peers]:
                out = wrk_against(wrk, script.name, command, variant, seconds)
                if out is None:
                    print(f"{server:20} {variant:24} did not start (see its stderr above)")
                    continue
                rps, p99, bad = parse_wrk(out)
                if variant == "bare":
                    bare = (rps, p99)
                ratio_rps = rps / bare[0] if bare else float("nan")
                ratio_p99 = p99 / bare[1] if bare else float("nan")
                print(f"{server:20} {variant:24} {rps:9.0f} {ratio_rps:7.2f} {p99:8.2f} {ratio_p99:7.2f} {bad:8d}")
    finally:
        os.unlink(script.name)
    print("  (ours targets: req/s ÷ bare ≥ 0.60, p99 ÷ bare ≤ 2; the warm-up run's clients are new too)")


# -- main ------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="10k requests per row on memory, 2k on Redis")
    parser.add_argument("-n", type=int, help="requests per row on memory storage (default 100000)")
    parser.add_argument("--redis-n", type=int, help="requests per row on Redis (default n/5)")
    parser.add_argument("--repeats", type=int, default=10, help="batches per row, measured in rotation")
    parser.add_argument("--redis-url", help="a Redis to use (it is FLUSHALLed!); default: a private redis-server")
    parser.add_argument("--no-redis", action="store_true", help="memory rows only")
    parser.add_argument("--frameworks", default="FastAPI,Flask,Django")
    parser.add_argument("--http", action="store_true", help="also the wrk run against uvicorn and gunicorn")
    parser.add_argument("--http-seconds", type=int, default=10)
    parser.add_argument("--http-only", action="store_true", help="only the wrk run")
    args = parser.parse_args()
    n = args.n or (10_000 if args.quick else 100_000)
    redis_n = args.redis_n or max(n // 5, args.repeats * 100)
    os.environ.setdefault("ARCJET_LOG_LEVEL", "ERROR")
    # On SIGTERM still run the finally blocks: they stop our redis-server and servers.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))

    print(machine_line())
    # The other tenant's load comes and goes: the reference loop is taken again
    # before every group, and each group is scaled by the median so far.
    references = [reference_us()]
    print(LEGEND)
    process = None
    url: str | None = None if args.no_redis else args.redis_url
    if args.http_only:
        args.http, args.no_redis, args.frameworks = True, True, ""
    if url is None and not args.no_redis:
        url, process, directory = start_redis()
    groups: list[Group] = []
    try:
        frameworks = [f.strip() for f in args.frameworks.split(",") if f.strip()]
        if "Django" in frameworks:
            configure_django(url)
        for framework in frameworks:
            for storage, count in [("memory://", n)] + ([(url, redis_n)] if url else []):
                for mix in ("returning", "new"):
                    references.append(reference_us())
                    group = run_group(framework, storage, url, mix, count, args.repeats)
                    print_group(group, DESKTOP_REFERENCE_US / statistics.median(references))
                    sys.stdout.flush()
                    groups.append(group)
        if groups:
            print_targets(groups)
    finally:
        if process is not None:
            process.terminate()
            process.wait()
            shutil.rmtree(directory, ignore_errors=True)
    if args.http:
        wrk = ensure_wrk()
        if wrk:
            http_run(wrk, args.http_seconds)
    print(f"\nreference loop over the run: {min(references):.1f}-{max(references):.1f} µs, "
          f"median {statistics.median(references):.1f} (desktop ≈ {DESKTOP_REFERENCE_US:.0f})")
    print(f"(machine at the end: {machine_line()})")


if __name__ == "__main__":
    main()
