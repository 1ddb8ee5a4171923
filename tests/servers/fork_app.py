"""A WSGI app for the fork-safety tests (finding 5 of issue #14), run by
uWSGI (--master, app loaded in the master) and gunicorn --preload.

At import -- in the master, before any worker is forked -- it calls protect()
once with Redis storage and shield, so the master holds an analyzer instance,
a ticker thread and a Redis connection that every worker inherits.

    GET /limit?key=K&n=N  two protect() calls spending N tokens each on K's
                          own bucket: "remaining" must read CAP-N, then CAP-2N
    GET /spin             a Wasm call that never ends on its own, under a
                          2-tick deadline: the worker's ticker must cut it
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import parse_qs

from arcjet_core import RateLimitReason, arcjet_sync, shield, token_bucket
from arcjet_core.analyze import _instance
from arcjet_core.errors import ArcjetAnalyzerError

CAP = 1_000_000

aj = arcjet_sync(
    key=os.environ["TEST_ARCJET_KEY"],
    rules=[shield(), token_bucket(refill_rate=1, interval=3600, capacity=CAP, characteristics=["key"])],
    storage=os.environ["ARCJET_STORAGE"],
    environment="development",
)
MASTER_PID = os.getpid()
_warm = aj.protect({"ip": "127.0.0.1", "method": "GET", "path": "/", "headers": {"user-agent": "Mozilla/5.0"}},
                   characteristics={"key": "master"})
assert _warm.conclusion.value == "ALLOW", _warm


def _limit(key: str, n: int) -> dict[str, Any]:
    request = {"ip": "127.0.0.1", "method": "GET", "path": "/limit", "headers": {"user-agent": "Mozilla/5.0"}}
    remaining: list[object] = []
    for _ in range(2):
        decision = aj.protect(request, characteristics={"key": key}, requested=n)
        (result,) = [r for r in decision.results if isinstance(r.reason_v2, RateLimitReason)]
        reason = result.reason_v2
        assert isinstance(reason, RateLimitReason)
        remaining.append(reason.remaining if result.conclusion.value == "ALLOW" else result.conclusion.value)
    return {"remaining": remaining}


def _spin() -> dict[str, Any]:
    started = time.monotonic()
    try:
        _instance.current().call_debug("debug_spin", 1, ticks=2)
        trapped = False
    except ArcjetAnalyzerError:
        trapped = True
    return {"trapped": trapped, "seconds": time.monotonic() - started}


def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    query = parse_qs(environ.get("QUERY_STRING", ""))
    path = environ.get("PATH_INFO", "/")
    if path == "/limit":
        body: dict[str, Any] = _limit(query["key"][0], int(query["n"][0]))
    elif path == "/spin":
        body = _spin()
    else:
        body = {}
    body["pid"] = os.getpid()
    body["master"] = MASTER_PID
    data = json.dumps(body).encode()
    start_response("200 OK", [("content-type", "application/json"), ("content-length", str(len(data)))])
    return [data]
