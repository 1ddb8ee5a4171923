"""Flask apps for the client-IP real-server test under waitress: ``/`` on the
default client-IP configuration (no proxies, not development), ``/real-ip``
configured with ARCJET_PROXY_HEADERS = ["x-real-ip"], ``/unix`` with
ARCJET_PROXIES = ["unix:"] (a reverse proxy on a unix socket)."""

from __future__ import annotations

import os
from typing import Any

from flask import Flask, g, jsonify
from werkzeug.middleware.dispatcher import DispatcherMiddleware

from arcjet_core import fixed_window
from arcjet_flask import Arcjet


def _app(name: str, **config: Any) -> Flask:
    app = Flask(name)
    app.config.update(ARCJET_KEY=f"{os.environ['TEST_ARCJET_KEY']}-{name}",
                      ARCJET_RULES=[fixed_window(max=3, window=60)], **config)
    Arcjet(app)

    @app.get("/")
    def index() -> Any:
        decision = g.arcjet_decision
        return jsonify(conclusion=decision.conclusion.value, ip=decision.ip_address)

    return app


app = DispatcherMiddleware(_app("default"), {
    "/real-ip": _app("real-ip", ARCJET_PROXY_HEADERS=["x-real-ip"]),
    "/unix": _app("unix", ARCJET_PROXIES=["unix:"]),
})
