"""The Flask app the real-server tests run under gunicorn / waitress (configured by environment)."""

from __future__ import annotations

import os
import time

from flask import g, jsonify

from arcjet_core import fixed_window, shield
from tests.flask.apps import create_app

app = create_app(
    ARCJET_KEY=os.environ["TEST_ARCJET_KEY"],
    ARCJET_RULES=[shield(), fixed_window(max=int(os.environ.get("TEST_LIMIT", "10")), window=60)],
    ARCJET_STORAGE=os.environ.get("ARCJET_STORAGE") or None,
    ARCJET_BODY_LIMIT=4 * 1024 * 1024,
    ARCJET_BODY_TIMEOUT=float(os.environ.get("TEST_BODY_TIMEOUT", "5")),
)


@app.post("/upload")
def upload():  # type: ignore[no-untyped-def]
    # Does not read the body: what it answers is the extension's doing.
    results = {r.kind: r.conclusion.value for r in g.arcjet_decision.results}
    return jsonify(conclusion=g.arcjet_decision.conclusion.value, results=results)


@app.get("/slow")
def slow():  # type: ignore[no-untyped-def]
    # Long enough that concurrent requests land on different workers.
    time.sleep(0.05)
    return jsonify(pid=os.getpid(), conclusion=g.arcjet_decision.conclusion.value)
