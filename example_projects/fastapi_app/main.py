"""FastAPI + arcjet-local.

- Every request: shield (WAF), bot detection, and a per-IP sliding window,
  by ArcjetMiddleware. /healthz is left alone.
- POST /signup: protect_signup (rate limit + no bots + email validation) as a
  dependency, the email taken from the JSON body.
- POST /chat: prompt-injection detection (a classifier shipped in the
  package, run locally); an injection is answered 400.
- GET /api/items: a token bucket per user (X-User-Id header), 2 tokens a call.

Memory store by default; set ARCJET_STORAGE=redis://localhost:6379/0 to share
limits between workers and machines.
"""

from __future__ import annotations

import os
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Request
from pydantic import BaseModel

from arcjet import (
    Decision,
    arcjet,
    detect_bot,
    detect_prompt_injection,
    protect_signup,
    shield,
    sliding_window,
    token_bucket,
)
from arcjet_starlette import ArcjetDenied, ArcjetDependency, ArcjetMiddleware, arcjet_denied_handler

KEY = os.environ.get("ARCJET_KEY", "fastapi-example")
STORAGE = os.environ.get("ARCJET_STORAGE") or None  # None: in-process memory
# Stage the site-wide rules: ARCJET_MODE=DRY_RUN reports what they would deny
# without denying; ARCJET_DECISION_LOG=decisions.jsonl records every decision
# for `arcjet report` (README: "From dry run to live").
MODE = os.environ.get("ARCJET_MODE", "LIVE")
DECISION_LOG = os.environ.get("ARCJET_DECISION_LOG") or None

aj = arcjet(
    key=KEY,
    rules=[
        shield(mode=MODE),
        detect_bot(mode=MODE, allow=["CATEGORY:SEARCH_ENGINE", "CURL"]),  # curl allowed so you can try it
        sliding_window(mode=MODE, max=60, interval=60),
    ],
    storage=STORAGE,
    decision_log=DECISION_LOG,
)
signup_guard = ArcjetDependency(
    arcjet(
        key=KEY,
        rules=protect_signup(
            rate_limit={"max": 5, "interval": 600},
            bots={"allow": []},
            email={"deny": ["INVALID"]},
        ),
        storage=STORAGE,
    ),
    email=lambda body: body.get("email", "") if isinstance(body, dict) else "",
)
chat_guard = ArcjetDependency(
    arcjet(key=KEY, rules=[detect_prompt_injection()], storage=STORAGE),
    detect_prompt_injection_message=lambda body: body.get("message", "") if isinstance(body, dict) else "",
)
api_guard = ArcjetDependency(
    arcjet(key=KEY, rules=[token_bucket(refill_rate=5, interval=10, capacity=10, characteristics=["userId"])],
           storage=STORAGE),
    requested=2,
    characteristics=lambda body, request: {"userId": request.headers.get("x-user-id", "anonymous")},
)

app = FastAPI(title="arcjet-local FastAPI example")
app.add_middleware(ArcjetMiddleware, client=aj, exclude=["/healthz"])
# Denials from the dependencies get the same {"error", "reason"} body as the middleware's.
app.add_exception_handler(ArcjetDenied, arcjet_denied_handler)


class Signup(BaseModel):
    email: str


class Chat(BaseModel):
    message: str


def describe(decision: Decision) -> dict[str, Any]:
    return {
        "conclusion": decision.conclusion.value,
        "reason": decision.reason_v2.type,
        "ip": decision.ip_address,
        "rules": [
            {"rule": r.kind, "conclusion": r.conclusion.value, "state": r.state.value,
             **({"message": r.reason_v2.message} if hasattr(r.reason_v2, "message") else {})}
            for r in decision.results
        ],
    }


@app.get("/")
async def index(request: Request) -> dict[str, Any]:
    return {"message": "Hello from a protected app", "arcjet": describe(request.state.arcjet_decision)}


@app.get("/healthz")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


@app.post("/signup")
async def signup(data: Signup, decision: Annotated[Decision, Depends(signup_guard)]) -> dict[str, Any]:
    return {"welcome": data.email, "arcjet": describe(decision)}


@app.post("/chat")
async def chat(data: Chat, decision: Annotated[Decision, Depends(chat_guard)]) -> dict[str, Any]:
    # An injection was denied (400) before this view ran; the decision shows the
    # classifier's verdict and score for what got through.
    return {"reply": f"You said {len(data.message)} characters.", "arcjet": describe(decision)}


@app.get("/api/items")
def items(decision: Annotated[Decision, Depends(api_guard)]) -> dict[str, Any]:
    return {"items": ["apple", "pear"], "arcjet": describe(decision)}
