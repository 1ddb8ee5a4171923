"""Flask + arcjet-local (app-factory style).

- Every request: shield, bot detection and a per-IP sliding window, from
  app.config["ARCJET_RULES"]; /healthz is excluded.
- POST /signup: @aj.protect with protect_signup, the email from the form.
- POST /chat: prompt-injection detection (a classifier shipped in the
  package, run locally); an injection is answered 400.
- GET /api/items: a token bucket per user (X-User-Id header), 2 tokens a call.

Memory store by default; ARCJET_STORAGE=redis://localhost:6379/0 shares the
limits between gunicorn workers.
"""

from __future__ import annotations

import os
from typing import Any

from flask import Flask, g, jsonify, request

from arcjet import (
    Decision,
    detect_bot,
    detect_prompt_injection,
    protect_signup,
    shield,
    sliding_window,
    token_bucket,
)
from arcjet_flask import Arcjet

aj = Arcjet()


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


def create_app() -> Flask:
    app = Flask(__name__)
    app.config.update(
        ARCJET_KEY=os.environ.get("ARCJET_KEY", "flask-example"),
        ARCJET_STORAGE=os.environ.get("ARCJET_STORAGE") or None,
        ARCJET_RULES=[
            shield(),
            detect_bot(allow=["CATEGORY:SEARCH_ENGINE", "CURL"]),  # curl allowed so you can try it
            sliding_window(max=60, interval=60),
        ],
        ARCJET_EXCLUDE=["/healthz"],
    )
    aj.init_app(app)

    @app.get("/")
    def index() -> Any:
        return jsonify(message="Hello from a protected app", arcjet=describe(g.arcjet_decision))

    @app.get("/healthz")
    def healthz() -> Any:
        return jsonify(status="ok")

    @app.post("/signup")
    @aj.protect(
        rules=protect_signup(rate_limit={"max": 5, "interval": 600}, bots={"allow": []}, email={"deny": ["INVALID"]}),
        email=lambda req: req.form.get("email", ""),
    )
    def signup() -> Any:
        return jsonify(welcome=request.form["email"], arcjet=describe(g.arcjet_decision))

    @app.post("/chat")
    @aj.protect(rules=[detect_prompt_injection()],
                detect_prompt_injection_message=lambda req: (req.get_json(silent=True) or {}).get("message", ""))
    def chat() -> Any:
        # An injection was denied (400) before this view ran; the decision shows the
        # classifier's verdict and score for what got through.
        message = (request.get_json(silent=True) or {}).get("message", "")
        return jsonify(reply=f"You said {len(message)} characters.", arcjet=describe(g.arcjet_decision))

    @app.get("/api/items")
    @aj.protect(
        rules=[token_bucket(refill_rate=5, interval=10, capacity=10, characteristics=["userId"])],
        requested=2,
        characteristics=lambda req: {"userId": req.headers.get("X-User-Id", "anonymous")},
    )
    def items() -> Any:
        return jsonify(items=["apple", "pear"], arcjet=describe(g.arcjet_decision))

    return app


app = create_app()
