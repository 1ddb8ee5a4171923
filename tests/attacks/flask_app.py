"""The Flask app of the finding-1 attack test, run by gunicorn gthread.

Shield plus a fixed window of 3 per client IP, on memory storage, behind a
trusted local proxy (127.0.0.1), so the test can give each background client
its own address with X-Forwarded-For while the attacker keeps one.
"""

from __future__ import annotations

import os

from flask import Flask, g, jsonify

from arcjet_core import fixed_window, shield
from arcjet_flask import Arcjet

app = Flask(__name__)
app.config.update(
    ARCJET_KEY=os.environ.get("TEST_ARCJET_KEY", "attack-flask"),
    ARCJET_RULES=[shield(), fixed_window(max=3, window=60)],
    ARCJET_PROXIES=["127.0.0.1"],
)
Arcjet(app)


def _decision() -> dict[str, object]:
    decision = g.arcjet_decision
    return {"conclusion": decision.conclusion.value,
            "results": [[r.kind, r.conclusion.value, getattr(r.reason_v2, "message", "")] for r in decision.results]}


@app.get("/")
def index():  # type: ignore[no-untyped-def]
    return jsonify(_decision())


@app.post("/submit")
def submit():  # type: ignore[no-untyped-def]
    return jsonify(_decision())
