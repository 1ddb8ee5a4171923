"""Sensitive information and request filters through every adapter: the body
is read for sensitive information and replayed intact, a deny maps to 400
(SENSITIVE_INFO) or 403 (FILTER), and DRY_RUN never blocks."""

from __future__ import annotations

import hashlib

from arcjet_core import detect_sensitive_info, filter_request, shield
from tests.adapters.harness import Harness
from tests.adapters.test_contract import JSON, MakeSetup

CARD = "4111 1111 1111 1111"


async def test_sensitive_info_in_the_body_is_400(harness: Harness, setup: MakeSetup) -> None:
    harness.build(setup(rules=[detect_sensitive_info(deny=["CREDIT_CARD_NUMBER", "EMAIL"])]))
    denied = await harness.send("POST", "/json", json_body={"note": f"my card is {CARD}"}, headers=JSON)
    assert denied.status == 400
    assert denied.json() == {"error": "Bad request", "reason": "SENSITIVE_INFO"}
    clean = {"note": "call me maybe, order #123456789 ships 2024-03-15"}
    allowed = await harness.send("POST", "/json", json_body=clean, headers=JSON)
    assert (allowed.status, allowed.json()) == (200, clean)


async def test_sensitive_info_scan_replays_the_body_byte_for_byte(harness: Harness, setup: MakeSetup) -> None:
    harness.build(setup(rules=[detect_sensitive_info(deny=["EMAIL"]), shield()]))
    body = "pay attention: café, ½ price, and no addresses here\n".encode() * 200 + bytes(range(256))
    reply = await harness.send("POST", "/echo", content=body)
    assert reply.status == 200
    assert hashlib.sha256(reply.body).hexdigest() == hashlib.sha256(body).hexdigest()


async def test_sensitive_info_allow_list_denies_what_it_does_not_name(harness: Harness, setup: MakeSetup) -> None:
    harness.build(setup(rules=[detect_sensitive_info(allow=["EMAIL"])]))
    ok = await harness.send("POST", "/form", data={"contact": "ada@example.com"})
    assert ok.status == 200
    denied = await harness.send("POST", "/form", data={"contact": "ada@example.com, +44 20 7946 0958"}, headers=JSON)
    assert denied.status == 400


async def test_sensitive_info_dry_run_never_blocks(harness: Harness, setup: MakeSetup) -> None:
    harness.build(setup(rules=[detect_sensitive_info(mode="DRY_RUN", deny=["CREDIT_CARD_NUMBER"])]))
    reply = await harness.send("POST", "/json", json_body={"card": CARD})
    assert (reply.status, reply.json()) == (200, {"card": CARD})


async def test_filter_deny_is_403(harness: Harness, setup: MakeSetup) -> None:
    harness.build(setup(rules=[filter_request(deny=['http.request.headers["x-client"] eq "evil"',
                                                    'http.request.uri.args["debug"] == "1"'])]))
    assert (await harness.send("GET", "/")).status == 200
    denied = await harness.send("GET", "/", headers={**JSON, "x-client": "evil"})
    assert denied.status == 403
    assert denied.json() == {"error": "Forbidden", "reason": "FILTER"}
    assert (await harness.send("GET", "/?debug=1", headers=JSON)).status == 403
    assert (await harness.send("GET", "/?debug=0", headers=JSON)).status == 200


async def test_filter_allow_list_denies_everything_else(harness: Harness, setup: MakeSetup) -> None:
    harness.build(setup(rules=[filter_request(allow=['http.request.method in { "GET" "HEAD" }'])]))
    assert (await harness.send("GET", "/")).status == 200
    assert (await harness.send("POST", "/echo", content=b"x")).status == 403


async def test_filter_dry_run_never_blocks(harness: Harness, setup: MakeSetup) -> None:
    harness.build(setup(rules=[filter_request(mode="DRY_RUN", deny=['http.request.uri.path wildcard "/*"'])]))
    reply = await harness.send("GET", "/")
    assert (reply.status, reply.body) == (200, b"hello")
