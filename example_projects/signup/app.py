"""A FastAPI signup form protected by protect_signup, with every email type.

- POST /signup {"email": ...}: ``protect_signup`` (a per-IP sliding window,
  no bots, and ``validate_email``) denies INVALID, DISPOSABLE and
  NO_MX_RECORDS addresses with a message per type.
- FREE addresses are accepted but reported by a DRY_RUN rule, the way a B2B
  product might ask a gmail.com user for a work address later.
- NO_GRAVATAR is opt-in (it sends a hash of the address to Gravatar): set
  ARCJET_GRAVATAR=1 and the same DRY_RUN rule reports it too.

DNS: the system resolver, or ARCJET_DNS_SERVERS=host:port,... . Memory
store by default; ARCJET_STORAGE=redis://... shares the rate limit.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from arcjet import Decision, EmailType, Mode, arcjet, protect_signup, validate_email

MESSAGES = {
    "INVALID": "That is not an email address.",
    "DISPOSABLE": "Disposable addresses are not accepted; use the address you keep.",
    "NO_MX_RECORDS": "That domain cannot receive email.",
}


class Signup(BaseModel):
    email: str


def email_types(decision: Decision) -> list[str]:
    """Every email type any email rule found (the DRY_RUN one included)."""
    found: dict[str, None] = {}
    for result in decision.results:
        for t in getattr(result.reason_v2, "email_types", ()):
            found[t] = None
    return list(found)


def create_app(*, dns_servers: Sequence[str] | None = None, gravatar: bool | None = None,
               gravatar_url: str | None = None) -> FastAPI:
    """Arguments override the environment (the tests point them at loopback servers)."""
    if gravatar is None:
        gravatar = os.environ.get("ARCJET_GRAVATAR") == "1"
    report: list[str | EmailType] = [EmailType.FREE, *([EmailType.NO_GRAVATAR] if gravatar else [])]
    aj = arcjet(
        key=os.environ.get("ARCJET_KEY", "signup-example"),
        rules=[
            *protect_signup(
                rate_limit={"max": 5, "interval": 600},
                bots={"allow": []},
                email={"deny": ["INVALID", "DISPOSABLE", "NO_MX_RECORDS"]},
            ),
            validate_email(mode=Mode.DRY_RUN, deny=report, check_gravatar=gravatar, gravatar_url=gravatar_url),
        ],
        storage=os.environ.get("ARCJET_STORAGE") or None,
        dns_servers=dns_servers,
    )
    app = FastAPI(title="arcjet-local signup example")

    @app.post("/signup")
    async def signup(data: Signup, request: Request) -> Any:
        decision = await aj.protect(request, email=data.email)
        types = email_types(decision)
        if decision.is_denied():
            reason = decision.reason_v2
            if reason.type == "EMAIL":
                message = next((MESSAGES[t] for t in reason.email_types if t in MESSAGES), "Email rejected.")
                return JSONResponse({"error": message, "email_types": types}, status_code=400)
            if reason.type == "RATE_LIMIT":
                return JSONResponse({"error": "Too many signups; try again later."}, status_code=429)
            return JSONResponse({"error": "Forbidden"}, status_code=403)
        notes = []
        if "FREE" in types:
            notes.append("free email provider: we may ask for a work address")
        if "NO_GRAVATAR" in types:
            notes.append("no Gravatar image")
        errors = [r.reason_v2.message for r in decision.results if r.is_error() and hasattr(r.reason_v2, "message")]
        return {"welcome": data.email, "email_types": types, "notes": notes, "errors": errors}

    return app
