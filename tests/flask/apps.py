"""A Flask app factory for the tests (the app-factory pattern the extension supports)."""

from __future__ import annotations

import hashlib
import os
from typing import Any

from flask import Blueprint, Flask, Response, g, jsonify, request

from arcjet_core import fixed_window, protect_signup
from arcjet_flask import Arcjet

aj = Arcjet()

open_bp = Blueprint("open", __name__, url_prefix="/open")


@open_bp.get("/")
def open_index() -> Any:
    return jsonify(decision=None if g.get("arcjet_decision") is None else g.arcjet_decision.id)


aj.exempt(open_bp)


def summary() -> dict[str, Any]:
    decision = g.get("arcjet_decision")
    if decision is None:
        return {"decision": None}
    return {
        "decision": decision.id,
        "conclusion": decision.conclusion.value,
        "reason": decision.reason_v2.type,
        "ip": decision.ip_address,
        "results": [[r.kind, r.conclusion.value, r.state.value] for r in decision.results],
        "pid": os.getpid(),
    }


def create_app(**config: Any) -> Flask:
    app = Flask(__name__)
    app.config.update({"ARCJET_ENVIRONMENT": "development", **config})
    aj.init_app(app)
    app.register_blueprint(open_bp)

    @app.get("/")
    def index() -> Any:
        return jsonify(summary())

    @app.get("/health")
    def health() -> Any:
        return jsonify(summary())

    @app.get("/exempt")
    @aj.exempt
    def exempt() -> Any:
        return jsonify(summary())

    @app.post("/echo")
    def echo() -> Response:
        body = request.get_data()
        return Response(body, headers={"x-sha256": hashlib.sha256(body).hexdigest()},
                        content_type="application/octet-stream")

    @app.post("/signup")
    @aj.protect(
        rules=protect_signup(rate_limit={"max": 3, "interval": 60}, bots={"allow": []}, email={"deny": ["INVALID"]}),
        email=lambda req: req.form["email"],
    )
    def signup() -> Any:
        return jsonify({**summary(), "email": request.form["email"]})

    @app.get("/limited")
    @aj.protect(rules=[fixed_window(max=2, window=60)])
    def limited() -> Any:
        return jsonify(summary())

    @app.get("/stream")
    def stream() -> Response:
        return Response((f"chunk-{i}\n" for i in range(5)), content_type="text/plain")

    return app
