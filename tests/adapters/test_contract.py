"""The adapter contract: the same cases against Starlette, FastAPI, Flask and Django (sync and async).

Each case builds an app through the framework's harness (tests/adapters/*_app.py)
and talks to it through the framework's own test client. A case marked
``needs(...)`` runs only where the adapter has that feature: per-route rules
(Starlette has none; FastAPI has ArcjetDependency), or a body that can stall
in front of it (Django's ASGI handler reads the whole body before any middleware).
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Callable

import pytest

from arcjet_core import ArcjetMisconfiguration, detect_bot, fixed_window, shield, validate_email
from tests.adapters.harness import CUSTOM_BODY, CUSTOM_STATUS, OWN_RATELIMIT, Harness, Reply, Setup
from tests.fixtures.redis_server import free_port

JSON = {"accept": "application/json"}
BROWSER_ACCEPT = {"accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
CURL = {"user-agent": "curl/8.5.0", "accept": "application/json"}
RATELIMIT = re.compile(r"limit=\d+, remaining=\d+, reset=\d+")
MakeSetup = Callable[..., Setup]


def has_rate_limit_headers(reply: Reply, policy: str) -> bool:
    ratelimit = reply.header("ratelimit")
    return ratelimit is not None and RATELIMIT.fullmatch(ratelimit) is not None and reply.header(
        "ratelimit-policy") == policy


# ------------------------------------------------------------------ allow


async def test_allowed_request_passes_through_untouched(harness: Harness, setup: MakeSetup) -> None:
    harness.build(setup(rules=[fixed_window(max=5, window=60)]))
    reply = await harness.send("GET", "/")
    assert (reply.status, reply.body, reply.header("x-view")) == (200, b"hello", "yes")
    assert (reply.header("content-type") or "").startswith("text/plain")
    assert has_rate_limit_headers(reply, "5;w=60")
    assert reply.header("retry-after") is None


async def test_the_view_sees_the_decision(harness: Harness, setup: MakeSetup) -> None:
    harness.build(setup(rules=[fixed_window(max=5, window=60)]))
    assert (await harness.send("GET", "/decision")).body == b"ALLOW"


async def test_a_response_with_its_own_ratelimit_header_keeps_it(harness: Harness, setup: MakeSetup) -> None:
    harness.build(setup(rules=[fixed_window(max=5, window=60)]))
    reply = await harness.send("GET", "/own-headers")
    assert reply.all("ratelimit") == [OWN_RATELIMIT]


# ------------------------------------------------------------------- deny


async def test_live_deny_is_403_with_the_deny_body(harness: Harness, setup: MakeSetup) -> None:
    harness.build(setup(rules=[detect_bot(allow=[])]))
    assert (await harness.send("GET", "/")).status == 200
    denied = await harness.send("GET", "/", headers=CURL)
    assert denied.status == 403
    assert denied.json() == {"error": "Forbidden", "reason": "BOT"}
    text = await harness.send("GET", "/", headers={**CURL, **BROWSER_ACCEPT})
    assert (text.status, text.body) == (403, b"Forbidden\n")
    assert (text.header("content-type") or "").startswith("text/plain")


async def test_rate_limit_deny_is_429_with_retry_after(harness: Harness, setup: MakeSetup) -> None:
    harness.build(setup(rules=[fixed_window(max=1, window=60)]))
    allowed = await harness.send("GET", "/")
    denied = await harness.send("GET", "/", headers=JSON)
    assert allowed.status == 200
    assert denied.status == 429
    assert denied.json() == {"error": "Too many requests", "reason": "RATE_LIMIT"}
    assert has_rate_limit_headers(denied, "1;w=60")
    assert (denied.header("ratelimit") or "").startswith("limit=1, remaining=0, ")
    assert 1 <= int(denied.header("retry-after") or 0) <= 60
    # Each header once: the deny response's own are not repeated.
    assert [len(denied.all(name)) for name in ("ratelimit", "ratelimit-policy", "retry-after")] == [1, 1, 1]


async def test_a_deny_for_another_reason_has_no_retry_after(harness: Harness, setup: MakeSetup) -> None:
    harness.build(setup(rules=[fixed_window(max=5, window=60), detect_bot(allow=[])]))
    denied = await harness.send("GET", "/", headers=CURL)
    assert denied.status == 403
    assert denied.header("retry-after") is None


async def test_dry_run_never_blocks(harness: Harness, setup: MakeSetup) -> None:
    harness.build(setup(rules=[fixed_window(mode="DRY_RUN", max=1, window=60), detect_bot(mode="DRY_RUN", allow=[])]))
    replies = [await harness.send("GET", "/", headers=CURL) for _ in range(3)]
    assert [(r.status, r.body) for r in replies] == [(200, b"hello")] * 3


async def test_on_deny_replaces_the_response(harness: Harness, setup: MakeSetup) -> None:
    harness.build(setup(rules=[fixed_window(max=1, window=60)], on_deny=True))
    await harness.send("GET", "/")
    denied = await harness.send("GET", "/")
    assert (denied.status, denied.body) == (CUSTOM_STATUS, CUSTOM_BODY)
    assert has_rate_limit_headers(denied, "1;w=60")


# ---------------------------------------------------------- failure modes


async def test_misconfiguration_raises(harness: Harness, setup: MakeSetup) -> None:
    # validate_email without email=...: protect() cannot run, and must say so.
    harness.build(setup(rules=[validate_email(deny=["INVALID"])]))
    with pytest.raises(ArcjetMisconfiguration, match="email"):
        await harness.send("GET", "/")


async def test_an_error_decision_fails_open(harness: Harness, setup: MakeSetup) -> None:
    harness.build(setup(rules=[fixed_window(max=1, window=60)], storage=f"redis://127.0.0.1:{free_port()}/0"))
    replies = [await harness.send("GET", "/decision") for _ in range(2)]
    assert [(r.status, r.body) for r in replies] == [(200, b"ERROR")] * 2


async def test_an_error_with_fail_open_false_is_503(harness: Harness, setup: MakeSetup) -> None:
    harness.build(setup(rules=[fixed_window(max=1, window=60)], storage=f"redis://127.0.0.1:{free_port()}/0",
                        fail_open=False))
    reply = await harness.send("GET", "/", headers=JSON)
    assert reply.status == 503
    assert reply.json() == {"error": "Service unavailable", "reason": "ERROR"}


# ------------------------------------------------------------------- body


BINARY = bytes(range(256)) * 400  # 100 KiB, every byte value


async def test_raw_body_replayed_byte_for_byte(harness: Harness, setup: MakeSetup) -> None:
    harness.build(setup(rules=[shield()]))
    reply = await harness.send("POST", "/echo", content=BINARY)
    assert reply.status == 200
    assert hashlib.sha256(reply.body).hexdigest() == hashlib.sha256(BINARY).hexdigest()


async def test_json_body_replayed(harness: Harness, setup: MakeSetup) -> None:
    harness.build(setup(rules=[shield()]))
    sent = {"name": "Ada", "tags": ["a", "é"], "n": 1}
    reply = await harness.send("POST", "/json", json_body=sent)
    assert (reply.status, reply.json()) == (200, sent)


async def test_form_body_replayed(harness: Harness, setup: MakeSetup) -> None:
    harness.build(setup(rules=[shield()]))
    reply = await harness.send("POST", "/form", data={"name": "Ada", "city": "Zürich"})
    assert (reply.status, reply.json()) == (200, {"fields": {"name": "Ada", "city": "Zürich"}, "files": {}})


async def test_multipart_body_replayed(harness: Harness, setup: MakeSetup) -> None:
    harness.build(setup(rules=[shield()]))
    upload = BINARY[:5000]
    reply = await harness.send("POST", "/form", data={"name": "Ada"},
                               files={"doc": ("doc.bin", upload, "application/octet-stream")})
    assert reply.status == 200
    assert reply.json() == {"fields": {"name": "Ada"}, "files": {"doc": hashlib.sha256(upload).hexdigest()}}


async def test_attack_in_the_body_is_denied(harness: Harness, setup: MakeSetup) -> None:
    harness.build(setup(rules=[shield()]))
    reply = await harness.send("POST", "/form", data={"q": "1' OR '1'='1' --", "x": "<script>alert(1)</script>"},
                               headers=JSON)
    assert reply.status == 403
    assert reply.json() == {"error": "Forbidden", "reason": "SHIELD"}


async def test_body_over_body_limit_is_413(harness: Harness, setup: MakeSetup) -> None:
    harness.build(setup(rules=[shield()], body_limit=10_000))
    reply = await harness.send("POST", "/echo", content=BINARY, headers=JSON)
    assert reply.status == 413
    assert reply.json() == {"error": "Payload too large", "reason": "BODY_TOO_LARGE"}


@pytest.mark.needs("stall")
async def test_stalled_body_is_408_within_body_timeout(harness: Harness, setup: MakeSetup) -> None:
    harness.build(setup(rules=[shield()], body_timeout=0.3))
    started = time.monotonic()
    reply = await harness.stalled(b"x" * 10, 1000)  # of 1000 announced, then nothing
    assert reply.status == 408
    assert time.monotonic() - started < 2.0


# -------------------------------------------------------------- per route


async def test_opted_out_route_is_not_protected(harness: Harness, setup: MakeSetup) -> None:
    harness.build(setup(rules=[fixed_window(max=1, window=60)]))
    for _ in range(3):
        reply = await harness.send("GET", "/open")
        assert (reply.status, reply.body) == (200, b"none")
        assert reply.header("ratelimit") is None
    assert (await harness.send("GET", "/")).status == 200
    assert (await harness.send("GET", "/")).status == 429


@pytest.mark.needs("route_rules")
async def test_route_rules_apply_to_their_route_only(harness: Harness, setup: MakeSetup) -> None:
    harness.build(setup(rules=[fixed_window(max=100, window=60)]))
    first = await harness.send("GET", "/limited")
    assert (first.status, first.body) == (200, b"ALLOW")
    assert first.header("ratelimit-policy") == "1;w=60"  # the route's own limit is advertised
    denied = await harness.send("GET", "/limited", headers=JSON)
    assert denied.status == 429
    assert denied.json() == {"error": "Too many requests", "reason": "RATE_LIMIT"}
    assert (await harness.send("GET", "/")).status == 200
