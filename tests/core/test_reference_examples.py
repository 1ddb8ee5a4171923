"""Code examples from the reference (shared/reference/001_*.txt), run unchanged
against the `arcjet` package. Each snippet is kept as the reference prints it;
the tests only drive it (set ARCJET_KEY, send requests, read results).

The contract's Guard example runs in tests/core/guard/test_guard.py; examples
written for the released 1.4.0 in tests/compat/test_examples_1_4_0.py.
"""

from __future__ import annotations

import textwrap
from typing import Any

import pytest

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36"


@pytest.fixture(autouse=True)
def arcjet_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARCJET_KEY", "ajkey_reference_examples")


def run_snippet(source: str, **env: Any) -> dict[str, Any]:
    namespace: dict[str, Any] = {"__name__": "reference_example", **env}
    exec(compile(textwrap.dedent(source), "<reference>", "exec"), namespace)
    return namespace


SHIELD_CLIENT = '''
import os
from arcjet import Mode, arcjet, shield
aj = arcjet(
    # Get your site key from https://app.arcjet.com and set it as an
    # environment variable rather than hard coding it.
    key=os.environ["ARCJET_KEY"],
    rules=[
        # Protect against common attacks with Arcjet Shield
        shield(mode=Mode.LIVE), # Use Mode.DRY_RUN to log only
    ],
)
'''

BOT_DRY_RUN = '''
from arcjet import Mode, detect_bot
detect_bot(mode=Mode.DRY_RUN, allow=[])
'''

DRY_RUN_LOOP = '''
for result in decision.results:
    if result.is_denied():
        print("Rule returned deny conclusion", result)
'''

COMBINED = '''
import os
from arcjet import Mode, arcjet, detect_bot, token_bucket
aj = arcjet(
    key=os.environ["ARCJET_KEY"],
    rules=[
        # Create a token bucket rate limit. Other algorithms are supported
        token_bucket(
            mode=Mode.LIVE, # Use Mode.DRY_RUN to log only
            refill_rate=5, # Refill 5 tokens per interval
            interval=10, # Refill every 10 seconds
            capacity=10, # Bucket capacity of 10 tokens
        ),
        # Detect automated clients
        detect_bot(
            mode=Mode.LIVE,
            allow=[], # An empty allow list blocks all bots
        ),
    ],
)
'''

PROXIES = '''
import os
from arcjet import arcjet
aj = arcjet(
    key=os.environ["ARCJET_KEY"],
    rules=[],
    proxies=[
        "100.100.100.100", # A single IP
        "100.100.100.0/24", # A CIDR for the range
    ],
)
'''

FASTAPI_PER_USER = '''
import os
from arcjet import Mode, arcjet, token_bucket
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
app = FastAPI()
aj = arcjet(
    key=os.environ["ARCJET_KEY"],
    rules=[
        # Create a token bucket rate limit. Other algorithms are supported
        token_bucket(
            mode=Mode.LIVE,
            characteristics=["userId"], # Track requests by a custom user ID
            refill_rate=5, # Refill 5 tokens per interval
            interval=10, # Refill every 10 seconds
            capacity=10, # Bucket capacity of 10 tokens
        ),
    ],
)
@app.get("/")
async def index(request: Request):
    user_id = "user_123" # Replace with your authenticated user ID
    # The "userId" characteristic value is required because it is defined in
    # the characteristics field of the token_bucket rule.
    decision = await aj.protect(
        request,
        requested=5, # Deduct 5 tokens from the bucket
        characteristics={"userId": user_id},
    )
    if decision.is_denied():
        return JSONResponse({"error": "Too Many Requests"}, status_code=429)
    return {"message": "Hello world"}
'''

REASON_SWITCH = '''
def respond(decision):
    if decision.is_denied():
        if decision.reason_v2.type == "RATE_LIMIT":
            return JSONResponse({"error": "Too many requests"}, status_code=429)
        if decision.reason_v2.type in ("EMAIL", "SENSITIVE_INFO", "PROMPT_INJECTION"):
            return JSONResponse({"error": "Bad request"}, status_code=400)
        # BOT, SHIELD, FILTER, and anything else
        return JSONResponse({"error": "Forbidden"}, status_code=403)
'''

SPOOFED = '''
from arcjet import is_spoofed_bot
def check(decision):
    if any(is_spoofed_bot(r) for r in decision.results):
        return jsonify(error="Spoofed bot"), 403
'''

IP_HELPERS = '''
# High-level helpers on decision.ip
if decision.ip.is_hosting():
    # likely a cloud / hosting provider — often suspicious for bots
    pass
if decision.ip.is_vpn() or decision.ip.is_proxy() or decision.ip.is_tor():
    # apply your policy for anonymized traffic
    pass
if decision.ip.is_abuser():
    # IP is associated with known abuse
    pass
# Typed field access via decision.ip_details
ip = decision.ip_details
if ip:
    print(ip.city, ip.country_name) # geolocation
    print(ip.asn, ip.asn_name) # ASN / network
    print(ip.is_vpn, ip.is_hosting) # reputation
'''

FASTAPI_IP = '''
import os
from arcjet import Mode, arcjet, shield
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
app = FastAPI()
aj = arcjet(
    key=os.environ["ARCJET_KEY"],
    rules=[
        shield(mode=Mode.LIVE),
    ],
)
@app.get("/")
async def index(request: Request):
    decision = await aj.protect(request)
    if decision.is_denied():
        return JSONResponse({"error": "Forbidden"}, status_code=403)
    ip = decision.ip_details
    if ip and ip.country:
        return {
            "message": f"Hello {ip.country_name}!",
            "ip": {
                "country": ip.country,
                "country_name": ip.country_name,
                "continent": ip.continent,
                "continent_name": ip.continent_name,
                "asn": ip.asn,
                "asn_name": ip.asn_name,
                "asn_domain": ip.asn_domain,
            },
        }
    return {"message": "Hello world"}
'''

FASTAPI_ERRORS = '''
import logging
import os
from arcjet import Mode, arcjet, sliding_window
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
app = FastAPI()
logger = logging.getLogger(__name__)
aj = arcjet(
    key=os.environ["ARCJET_KEY"],
    rules=[
        sliding_window(mode=Mode.LIVE, interval=3600, max=60),
    ],
)
@app.get("/")
async def index(request: Request):
    decision = await aj.protect(request)
    for result in decision.results:
        if result.reason_v2.type == "ERROR":
            # Fail open by logging the error and continuing
            logger.warning("Arcjet error: %s", result.reason_v2.message)
            # You could also fail closed here for very sensitive routes
            # return JSONResponse({"error": "Service unavailable"}, status_code=503)
    if decision.is_denied():
        return JSONResponse({"error": "Forbidden"}, status_code=403)
    return {"message": "Hello world"}
'''

TOP_LEVEL_ERROR = '''
async def handler(request):
    decision = await aj.protect(request)
    if decision.is_error():
        # Arcjet service error — fail open or apply a fallback policy
        pass
    elif decision.is_denied():
        return JSONResponse({"error": "Denied"}, status_code=403)
    return None
'''


def client_for(app: Any, ip: str = "8.8.8.8") -> Any:
    from starlette.testclient import TestClient

    return TestClient(app, client=(ip, 40000))


def test_clients_build() -> None:
    from arcjet import Arcjet, BotDetection

    for snippet in (SHIELD_CLIENT, COMBINED, PROXIES):
        assert isinstance(run_snippet(snippet)["aj"], Arcjet)
    ns = run_snippet(BOT_DRY_RUN)
    assert isinstance(ns["detect_bot"](mode=ns["Mode"].DRY_RUN, allow=[]), BotDetection)


def test_per_user_token_bucket_route() -> None:
    ns = run_snippet(FASTAPI_PER_USER)
    with client_for(ns["app"]) as client:
        statuses = [client.get("/", headers={"user-agent": BROWSER}).status_code for _ in range(3)]
    # capacity 10, 5 tokens a request: two pass, the third is limited.
    assert statuses == [200, 200, 429]


def test_combined_rules_and_dry_run_loop(capsys: pytest.CaptureFixture[str]) -> None:
    import asyncio

    from arcjet import Mode, arcjet, detect_bot

    ns = run_snippet(COMBINED)
    request = {"ip": "8.8.8.8", "method": "GET", "path": "/", "headers": {"user-agent": "curl/8.4.0"}}
    assert asyncio.run(ns["aj"].protect(request)).reason_v2.type == "BOT"
    dry = arcjet(key="dry", rules=[detect_bot(mode=Mode.DRY_RUN, allow=[])])
    decision = asyncio.run(dry.protect(request))
    assert decision.is_allowed()
    run_snippet(DRY_RUN_LOOP, decision=decision)
    assert "Rule returned deny conclusion" in capsys.readouterr().out


def test_reason_switch_and_spoofed_helper() -> None:
    import asyncio

    from fastapi.responses import JSONResponse
    from flask import Flask, jsonify

    ns = run_snippet(COMBINED)
    respond = run_snippet(REASON_SWITCH, JSONResponse=JSONResponse)["respond"]
    bot = asyncio.run(ns["aj"].protect({"ip": "8.8.8.8", "headers": {"user-agent": "curl/8"}}))
    assert respond(bot).status_code == 403
    limited = [asyncio.run(ns["aj"].protect({"ip": "9.9.9.9", "headers": {"user-agent": BROWSER}})) for _ in range(11)]
    assert respond(limited[-1]).status_code == 429
    check = run_snippet(SPOOFED, jsonify=jsonify)["check"]
    with Flask(__name__).app_context():
        assert check(bot) is None


def test_ip_helpers_and_ip_details_route(capsys: pytest.CaptureFixture[str]) -> None:
    ns = run_snippet(FASTAPI_IP)
    with client_for(ns["app"]) as client:
        response = client.get("/", headers={"user-agent": BROWSER})
    # The test client's address (8.8.8.8 via the example's setup) is answered
    # from the bundled IP data: country and ASN, no city-level fields.
    assert response.json() == {"message": "Hello United States!", "ip": {
        "country": "US", "country_name": "United States", "continent": "NA", "continent_name": "North America",
        "asn": "AS15169", "asn_name": "Google LLC", "asn_domain": None}}
    import asyncio

    decision = asyncio.run(ns["aj"].protect({"ip": "8.8.8.8", "headers": {"user-agent": BROWSER}}))
    run_snippet(IP_HELPERS, decision=decision)
    assert capsys.readouterr().out == "None United States\nAS15169 Google LLC\nFalse True\n"


def test_error_handling_examples(caplog: pytest.LogCaptureFixture) -> None:
    ns = run_snippet(FASTAPI_ERRORS)
    with client_for(ns["app"], ip="not-an-ip") as client:
        # No usable client IP: the rate limit cannot key the request and fails open.
        response = client.get("/", headers={"user-agent": BROWSER})
    assert response.status_code == 200
    assert any("Arcjet error" in r.getMessage() for r in caplog.records)
    from fastapi.responses import JSONResponse

    handler = run_snippet(TOP_LEVEL_ERROR, aj=ns["aj"], JSONResponse=JSONResponse)["handler"]
    import asyncio

    assert asyncio.run(handler({"ip": "", "headers": {"user-agent": BROWSER}})) is None
