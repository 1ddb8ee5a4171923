"""The README's demo: a FastAPI app protected by arcjet-local's ArcjetMiddleware,
driven with a few sample requests, printing the decision each one got.

Runs entirely in-process on the default in-memory store: no Redis, no network.
"""

from __future__ import annotations

import warnings
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from arcjet import Decision, Mode, arcjet, detect_bot, shield, token_bucket
from arcjet_starlette import ArcjetMiddleware

warnings.filterwarnings("ignore", category=DeprecationWarning)

aj = arcjet(
    key="demo",
    rules=[
        shield(mode=Mode.LIVE),
        detect_bot(mode=Mode.LIVE, allow=["CATEGORY:SEARCH_ENGINE"]),
        token_bucket(mode=Mode.LIVE, refill_rate=1, interval=60, capacity=3),
    ],
)

app = FastAPI()
# Every request is protected; a denied one gets 429 / 403 (with Retry-After and
# RateLimit headers) without reaching the route.
app.add_middleware(ArcjetMiddleware, client=aj)
# The demo prints each decision after the fact; a real app would just act on it.
DECISIONS: list[Decision] = []


@app.get("/")
async def index(request: Request) -> JSONResponse:
    return JSONResponse({"message": "Hello world", "decision": request.state.arcjet_decision.id})


async def recording_app(scope: Any, receive: Any, send: Any) -> None:
    """The app, plus a note of the decision the middleware left in scope["state"]."""
    await app(scope, receive, send)
    if scope["type"] == "http":
        DECISIONS.append(scope["state"]["arcjet_decision"])


BROWSER = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15"
SAMPLES: list[tuple[str, str, str, dict[str, str]]] = [
    ("browser, 1st request", "8.8.4.4", "/", {"user-agent": BROWSER}),
    ("browser, 2nd request", "8.8.4.4", "/", {"user-agent": BROWSER}),
    ("browser, 3rd request", "8.8.4.4", "/", {"user-agent": BROWSER}),
    ("browser, 4th request (bucket empty)", "8.8.4.4", "/", {"user-agent": BROWSER}),
    ("another browser", "9.9.9.9", "/", {"user-agent": BROWSER}),
    ("curl", "1.0.0.1", "/", {"user-agent": "curl/8.5.0"}),
    ("Python requests", "1.0.0.2", "/", {"user-agent": "python-requests/2.32.3"}),
    ("empty User-Agent", "1.0.0.3", "/", {"user-agent": ""}),
    ("SQL injection in a query", "1.0.0.4", "/?id=1'%20OR%20'1'='1", {"user-agent": BROWSER}),
    ("XSS in a query", "1.0.0.5", "/?q=%3Cscript%3Ealert(1)%3C/script%3E", {"user-agent": BROWSER}),
]


def summarize(decision: Decision) -> str:
    if decision.conclusion == "ALLOW":
        limits = [r.reason_v2 for r in decision.results if r.reason_v2.type == "RATE_LIMIT"]
        return "; ".join(f"token bucket {r.remaining}/{r.max} left" for r in limits) or "nothing matched"
    reason = decision.reason_v2
    if reason.type == "RATE_LIMIT":
        return f"RATE_LIMIT remaining={reason.remaining}/{reason.max} reset={int(reason.reset.total_seconds())}s"
    if reason.type == "BOT":
        return f"BOT denied={list(reason.denied)} allowed={list(reason.allowed)}"
    if reason.type == "SHIELD":
        return f"SHIELD triggered={reason.shield_triggered} {list(reason.categories)}"
    if reason.type == "ERROR":
        return f"ERROR {reason.message}"
    return reason.type


def main() -> None:
    from starlette.testclient import TestClient

    print(f"{'request':38} {'status':>6}  {'conclusion':10} reason")
    print("-" * 110)
    for label, ip, path, headers in SAMPLES:
        with TestClient(recording_app, client=(ip, 50000)) as client:
            response = client.get(path, headers=headers)
        decision = DECISIONS[-1]
        print(f"{label:38} {response.status_code:>6}  {decision.conclusion.value:10} {summarize(decision)}")
        errors = [r for r in decision.results if r.is_error()]
        for r in errors:
            print(f"{'':48} ! {r.kind} rule: {getattr(r.reason_v2, 'message', '')}")


if __name__ == "__main__":
    main()
