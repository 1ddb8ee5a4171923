"""Flask with the Arcjet extension: @aj.exempt on /open, @aj.protect on /limited."""

from __future__ import annotations

import io
import socket
from typing import Any

from flask import Flask, Response, g, jsonify, request

from arcjet_core import Decision
from arcjet_flask import Arcjet
from tests.adapters.harness import (
    BROWSER_UA,
    CUSTOM_BODY,
    CUSTOM_STATUS,
    OWN_RATELIMIT,
    ROUTE_RULES,
    Reply,
    Setup,
    form_summary,
)

CONFIG = {"key": "ARCJET_KEY", "rules": "ARCJET_RULES", "environment": "ARCJET_ENVIRONMENT",
          "fail_open": "ARCJET_FAIL_OPEN", "storage": "ARCJET_STORAGE", "body_limit": "ARCJET_BODY_LIMIT",
          "body_timeout": "ARCJET_BODY_TIMEOUT"}


def on_deny(req: Any, decision: Decision) -> Any:
    return Response(CUSTOM_BODY, status=CUSTOM_STATUS, content_type="text/plain")


def flask_app(setup: Setup) -> Flask:
    app = Flask(__name__)
    app.testing = True  # exceptions (a misconfiguration) reach the test
    app.config.update({CONFIG[name]: value for name, value in setup.client_args().items()})
    aj = Arcjet(app, on_deny=on_deny if setup.on_deny else None)

    @app.get("/")
    def index() -> Response:
        return Response("hello", content_type="text/plain", headers={"x-view": "yes"})

    @app.get("/decision")
    def decision() -> str:
        found = g.get("arcjet_decision")
        return found.conclusion.value if found is not None else "none"

    @app.get("/own-headers")
    def own_headers() -> Response:
        return Response("own", headers={"RateLimit": OWN_RATELIMIT})

    @app.get("/open")
    @aj.exempt
    def open_view() -> str:
        return decision()

    @app.get("/limited")
    @aj.protect(rules=list(ROUTE_RULES))
    def limited() -> str:
        return str(g.arcjet_decision.conclusion.value)

    @app.post("/echo")
    def echo() -> Response:
        return Response(request.get_data(), content_type="application/octet-stream")

    @app.post("/json")
    def echo_json() -> Any:
        return jsonify(request.get_json())

    @app.post("/form")
    def form() -> Any:
        files = {name: storage.read() for name, storage in request.files.items()}
        return jsonify(form_summary(dict(request.form.items()), files))

    return app


class FlaskHarness:
    name = "flask"
    features = frozenset({"stall", "route_rules"})

    def build(self, setup: Setup) -> None:
        self.client = flask_app(setup).test_client()
        self.client.environ_base.update({"REMOTE_ADDR": "127.0.0.1", "HTTP_USER_AGENT": BROWSER_UA})

    async def send(self, method: str, path: str, *, headers: dict[str, str] | None = None,
                   content: bytes | None = None, data: dict[str, str] | None = None,
                   files: dict[str, tuple[str, bytes, str]] | None = None, json_body: Any = None) -> Reply:
        kwargs: dict[str, Any] = {"headers": headers or {}}
        if content is not None:
            kwargs.update(data=content, content_type="application/octet-stream")
        elif files is not None:
            form: dict[str, Any] = dict(data or {})
            form.update({name: (io.BytesIO(body), filename, ctype) for name, (filename, body, ctype) in files.items()})
            kwargs.update(data=form, content_type="multipart/form-data")
        elif data is not None:
            kwargs.update(data=data)
        elif json_body is not None:
            kwargs.update(json=json_body)
        response = self.client.open(path, method=method, **kwargs)
        return Reply(response.status_code, list(response.headers.items()), response.get_data())

    async def stalled(self, sent: bytes, announced: int) -> Reply:
        # wsgi.input is a real socket, as a server's is; the sender then goes quiet.
        sender, server = socket.socketpair()
        reader = server.makefile("rb")
        try:
            sender.sendall(sent)
            response = self.client.post("/echo", content_type="text/plain", environ_overrides={
                "wsgi.input": reader, "CONTENT_LENGTH": str(announced)})
            return Reply(response.status_code, list(response.headers.items()), response.get_data())
        finally:
            sender.close()  # first: the reader thread still blocked on the stall gets EOF
            reader.close()
            server.close()

    async def close(self) -> None:
        pass
