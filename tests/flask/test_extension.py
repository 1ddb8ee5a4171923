"""The Flask extension through Flask's test client."""

from __future__ import annotations

import hashlib
import os
import re
import uuid
from typing import Any

import pytest
from flask import Flask, jsonify

from arcjet_core import ArcjetMisconfiguration, Decision, detect_bot, fixed_window, shield
from arcjet_flask import Arcjet
from tests.fixtures.redis_server import free_port
from tests.flask.apps import create_app

BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0"


def key() -> str:
    return f"flask-{uuid.uuid4().hex[:8]}"


def client_for(app: Flask, peer: str = "127.0.0.1") -> Any:
    client = app.test_client()
    client.environ_base.update({"REMOTE_ADDR": peer, "HTTP_USER_AGENT": BROWSER_UA})
    return client


def limited_app(max_: int = 2, **config: Any) -> Flask:
    return create_app(ARCJET_KEY=key(), ARCJET_RULES=[fixed_window(max=max_, window=60)], **config)


# ------------------------------------------------------------ configuration


def test_key_required() -> None:
    with pytest.raises(ArcjetMisconfiguration, match="ARCJET_KEY"):
        Arcjet(Flask(__name__))


def test_state_lives_in_app_extensions_not_on_the_extension() -> None:
    ext = Arcjet(key=key())
    first, second = Flask("first"), Flask("second")
    ext.init_app(first)
    ext.init_app(second)
    assert first.extensions["arcjet"] is not second.extensions["arcjet"]
    assert not hasattr(ext, "app")


def test_config_overrides_constructor_defaults() -> None:
    app = Flask(__name__)
    app.config.update(ARCJET_KEY="from-config", ARCJET_BODY_LIMIT=123)
    Arcjet(app, key="from-constructor", body_limit=7)
    client = app.extensions["arcjet"].client
    assert (client.key, client.body_limit) == ("from-config", 123)


def test_several_apps_keep_separate_limits() -> None:
    first, second = limited_app(1), limited_app(1)
    a, b = client_for(first), client_for(second)
    assert a.get("/").status_code == 200
    assert a.get("/").status_code == 429
    assert b.get("/").status_code == 200


# --------------------------------------------------------------- decisions


def test_allowed_with_decision_on_g_and_rate_limit_headers() -> None:
    response = client_for(limited_app(5)).get("/")
    assert response.status_code == 200
    assert response.json["conclusion"] == "ALLOW"
    assert response.json["results"] == [["RATE_LIMIT", "ALLOW", "RUN"]]
    assert re.fullmatch(r"limit=5, remaining=4, reset=\d+", response.headers["RateLimit"])
    assert response.headers["RateLimit-Policy"] == "5;w=60"


def test_rate_limit_429_with_retry_after() -> None:
    client = client_for(limited_app(2))
    assert [client.get("/").status_code for _ in range(2)] == [200, 200]
    denied = client.get("/", headers={"Accept": "application/json"})
    assert denied.status_code == 429
    assert denied.json == {"error": "Too many requests", "reason": "RATE_LIMIT"}
    assert 1 <= int(denied.headers["Retry-After"]) <= 60
    assert denied.headers["RateLimit"].startswith("limit=2, remaining=0")


def test_plain_text_for_browsers() -> None:
    client = client_for(limited_app(1))
    client.get("/")
    denied = client.get("/", headers={"Accept": "text/html,*/*;q=0.8"})
    assert denied.status_code == 429
    assert denied.mimetype == "text/plain"
    assert denied.get_data(as_text=True) == "Too many requests\n"


def test_bot_403() -> None:
    client = client_for(create_app(ARCJET_KEY=key(), ARCJET_RULES=[detect_bot(allow=[])]))
    assert client.get("/").status_code == 200
    denied = client.get("/", headers={"User-Agent": "curl/8.5.0"})
    assert denied.status_code == 403
    assert denied.json == {"error": "Forbidden", "reason": "BOT"}


def test_shield_403() -> None:
    client = client_for(create_app(ARCJET_KEY=key(), ARCJET_RULES=[shield()]))
    assert client.get("/?q=hello").status_code == 200
    denied = client.get("/", query_string={"id": "1' OR '1'='1' --"})
    assert denied.status_code == 403
    assert denied.json["reason"] == "SHIELD"


def test_dry_run_never_blocks() -> None:
    client = client_for(create_app(ARCJET_KEY=key(), ARCJET_RULES=[fixed_window(mode="DRY_RUN", max=1, window=60)]))
    responses = [client.get("/") for _ in range(3)]
    assert [r.status_code for r in responses] == [200, 200, 200]
    assert responses[-1].json["results"] == [["RATE_LIMIT", "DENY", "DRY_RUN"]]


def test_exclude_exempt_view_and_blueprint() -> None:
    client = client_for(limited_app(1, ARCJET_EXCLUDE=["/health"]))
    for path in ("/health", "/exempt", "/open/") * 2:
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.json["decision"] is None, path
    assert client.get("/").status_code == 200
    assert client.get("/").status_code == 429


def test_streaming_response_gets_headers() -> None:
    response = client_for(limited_app(5)).get("/stream")
    assert response.get_data(as_text=True) == "".join(f"chunk-{i}\n" for i in range(5))
    assert response.headers["RateLimit-Policy"] == "5;w=60"


def test_on_deny_replaces_response() -> None:
    def on_deny(request: Any, decision: Decision) -> Any:
        return jsonify(custom=decision.reason_v2.type, path=request.path), 418

    app = Flask(__name__)
    app.config.update(ARCJET_KEY=key(), ARCJET_RULES=[fixed_window(max=1, window=60)], ARCJET_ENVIRONMENT="development")
    Arcjet(app, on_deny=on_deny)
    app.add_url_rule("/", "index", lambda: "ok")
    client = client_for(app)
    assert client.get("/").status_code == 200
    denied = client.get("/")
    assert (denied.status_code, denied.json) == (418, {"custom": "RATE_LIMIT", "path": "/"})


# ------------------------------------------------------------- view rules


def test_protect_decorator_email_from_form() -> None:
    client = client_for(create_app(ARCJET_KEY=key()))
    ok = client.post("/signup", data={"email": "ada@example.com"})
    assert ok.status_code == 200
    assert ok.json["email"] == "ada@example.com"
    assert ok.json["results"][0] == ["RATE_LIMIT", "ALLOW", "RUN"]
    assert ok.headers["RateLimit-Policy"] == "3;w=60"
    bad = client.post("/signup", data={"email": "not-an-email"})
    assert bad.status_code == 400
    assert bad.json == {"error": "Bad request", "reason": "EMAIL"}
    bot = client.post("/signup", data={"email": "ada@example.com"}, headers={"User-Agent": "curl/8.5.0"})
    assert bot.status_code == 403


def test_view_rules_stack_on_global_rules_and_advertise_the_view_limit() -> None:
    client = client_for(create_app(ARCJET_KEY=key(), ARCJET_RULES=[fixed_window(max=100, window=60)]))
    first = client.get("/limited")
    assert first.headers["RateLimit-Policy"] == "2;w=60"
    assert client.get("/limited").status_code == 200
    assert client.get("/limited").status_code == 429
    # The global limit was spent once per request and still allows the rest of the app.
    assert client.get("/").headers["RateLimit"].startswith("limit=100, remaining=96")


# ----------------------------------------------------------------- client IP


def test_proxies_configured_reads_forwarded_for() -> None:
    client = client_for(limited_app(1, ARCJET_PROXIES=["1.1.1.1"], ARCJET_ENVIRONMENT=None), peer="1.1.1.1")
    first = client.get("/", headers={"X-Forwarded-For": "8.8.8.8"})
    assert first.json["ip"] == "8.8.8.8"
    assert client.get("/", headers={"X-Forwarded-For": "9.9.9.9"}).status_code == 200
    assert client.get("/", headers={"X-Forwarded-For": "4.4.4.4, 8.8.8.8"}).status_code == 429


def test_forwarded_for_ignored_without_proxies() -> None:
    client = client_for(limited_app(5, ARCJET_ENVIRONMENT=None), peer="1.1.1.1")
    assert client.get("/", headers={"X-Forwarded-For": "8.8.8.8"}).json["ip"] == "1.1.1.1"


# ------------------------------------------------------------ failure modes


def test_storage_fault_fails_open() -> None:
    client = client_for(limited_app(1, ARCJET_STORAGE=f"redis://127.0.0.1:{free_port()}/0"))
    responses = [client.get("/") for _ in range(3)]
    assert [r.status_code for r in responses] == [200, 200, 200]
    assert responses[0].json["conclusion"] == "ERROR"
    assert responses[0].json["results"] == [["RATE_LIMIT", "ERROR", "RUN"]]


def test_storage_fault_fail_closed_is_503() -> None:
    client = client_for(limited_app(1, ARCJET_STORAGE=f"redis://127.0.0.1:{free_port()}/0", ARCJET_FAIL_OPEN=False))
    response = client.get("/")
    assert response.status_code == 503
    assert response.json == {"error": "Service unavailable", "reason": "ERROR"}


# -------------------------------------------------------------------- body


@pytest.mark.parametrize("size", [0, 1, 65_536, 3 * 1024 * 1024])
def test_body_replayed_byte_exact(size: int) -> None:
    body = os.urandom(size)
    client = client_for(create_app(ARCJET_KEY=key(), ARCJET_RULES=[shield()], ARCJET_BODY_LIMIT=4 * 1024 * 1024))
    response = client.post("/echo", data=body, content_type="application/octet-stream")
    assert response.status_code == 200
    assert response.headers["x-sha256"] == hashlib.sha256(body).hexdigest()
    assert response.get_data() == body


def test_body_over_limit_is_413() -> None:
    client = client_for(create_app(ARCJET_KEY=key(), ARCJET_RULES=[shield()], ARCJET_BODY_LIMIT=1024 * 1024))
    response = client.post("/echo", data=os.urandom(3 * 1024 * 1024), content_type="application/octet-stream")
    assert response.status_code == 413
    assert response.json == {"error": "Payload too large", "reason": "BODY_TOO_LARGE"}


def test_body_not_limited_without_body_rule() -> None:
    body = os.urandom(3 * 1024 * 1024)
    client = client_for(limited_app(5, ARCJET_BODY_LIMIT=10))
    assert client.post("/echo", data=body, content_type="application/octet-stream").get_data() == body


def test_stalled_upload_gets_408_within_body_timeout() -> None:
    # Issue 14, finding 6: a body that never arrives held the worker thread.
    # wsgi.input here is a real socket, as a server's is.
    import socket
    import time

    app = create_app(ARCJET_KEY=key(), ARCJET_RULES=[shield()], ARCJET_BODY_TIMEOUT=0.3)
    sender, server = socket.socketpair()
    reader = server.makefile("rb")
    try:
        sender.sendall(b"x" * 10)  # of 1000 announced, then nothing
        started = time.monotonic()
        response = app.test_client().post("/echo", content_type="text/plain", environ_overrides={
            "wsgi.input": reader, "CONTENT_LENGTH": "1000"})
        assert response.status_code == 408
        assert time.monotonic() - started < 1.0
    finally:
        sender.close()  # first: the reader thread still blocked on the stall gets EOF
        reader.close()
        server.close()


@pytest.mark.parametrize("bad", [0, -2.5, "5"])
def test_invalid_body_timeout_is_refused_naming_it(bad: object) -> None:
    with pytest.raises(ArcjetMisconfiguration, match="body_timeout"):
        create_app(ARCJET_KEY=key(), ARCJET_RULES=[shield()], ARCJET_BODY_TIMEOUT=bad)


@pytest.mark.parametrize("bad", [0, 129, "64"])
def test_invalid_ipv6_prefix_is_refused_naming_it(bad: object) -> None:
    with pytest.raises(ArcjetMisconfiguration, match="ipv6_prefix"):
        create_app(ARCJET_KEY=key(), ARCJET_RULES=[shield()], ARCJET_IPV6_PREFIX=bad)
