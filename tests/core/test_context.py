"""RequestContext coercion from every accepted request shape, built with each
framework's own test utilities."""

from __future__ import annotations

import io
from typing import Any

import pytest

from arcjet_core.context import RawRequest, RequestContext, raw_from_request, raw_from_request_async

HEADERS = [("User-Agent", "curl/8.0"), ("X-Forwarded-For", "1.1.1.1"), ("X-Forwarded-For", "2.2.2.2"),
           ("Cookie", "a=1; b=2"), ("Content-Type", "application/x-www-form-urlencoded")]
BODY = b"name=O%27Brien&q=1"


def _check(raw: Any, *, peer: str, repeated_joined: bool = False) -> None:
    assert raw.method == "POST"
    assert raw.path == "/sign/up"
    assert raw.query == "x=1&y=%27"
    assert raw.peer == peer
    assert raw.headers["user-agent"] == "curl/8.0"
    assert raw.headers.get("USER-AGENT") == "curl/8.0"
    xff = raw.headers.get_all("x-forwarded-for")
    assert xff == (("1.1.1.1, 2.2.2.2",) if repeated_joined else ("1.1.1.1", "2.2.2.2"))
    ctx = raw.to_context("8.8.8.8")
    assert ctx.cookies == "a=1; b=2" and ctx.ip == "8.8.8.8"
    # Every field, no more, as the NamedTuple itself would build them.
    assert type(raw) is RawRequest and len(raw) == len(RawRequest._fields)
    assert raw == RawRequest(**raw._asdict())
    assert type(ctx) is RequestContext and len(ctx) == len(RequestContext._fields)
    assert ctx == RequestContext(**ctx._asdict())
    assert (ctx.method, ctx.host, ctx.path, ctx.body, ctx.peer) == (raw.method, raw.host, raw.path, raw.body, raw.peer)


# ------------------------------------------------------------------ ASGI

def _starlette_app(captured: dict[str, Any]) -> Any:
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import PlainTextResponse
    from starlette.routing import Route

    async def endpoint(request: Request) -> PlainTextResponse:
        captured["scope_raw"] = raw_from_request(request.scope)
        captured["raw"] = await raw_from_request_async(request, need_body=True, body_limit=1024)
        captured["small"] = await raw_from_request_async(request, need_body=True, body_limit=4)
        # The app can still read the whole body afterwards.
        captured["app_body"] = await request.body()
        return PlainTextResponse("ok")

    return Starlette(routes=[Route("/sign/up", endpoint, methods=["POST"])])


def test_starlette_request_and_asgi_scope() -> None:
    from starlette.testclient import TestClient

    captured: dict[str, Any] = {}
    with TestClient(_starlette_app(captured), client=("203.0.113.9", 5000)) as client:
        response = client.post("/sign/up?x=1&y=%27", content=BODY, headers=HEADERS)
    assert response.status_code == 200
    for key in ("scope_raw", "raw"):
        _check(captured[key], peer="203.0.113.9")
    assert captured["raw"].host == "testserver" and captured["raw"].protocol == "http"
    assert captured["raw"].body == BODY and not captured["raw"].body_truncated
    assert captured["scope_raw"].body is None  # not asked for, not read
    # Announced past body_limit: not read, flagged for shield's on_limit.
    assert captured["small"].body == b"" and captured["small"].body_truncated
    assert captured["app_body"] == BODY


def test_asgi_header_bytes_decode_as_latin1() -> None:
    scope = {"type": "http", "method": "GET", "path": "/", "raw_path": b"/caf%C3%A9", "query_string": b"",
             "headers": [(b"x-test", "é".encode("latin-1")), (b"x-bin", b"\xff\xfe")], "client": None}
    raw = raw_from_request(scope)
    assert raw.headers["x-test"] == "é" and raw.headers["x-bin"] == "\xff\xfe"
    assert raw.path == "/caf%C3%A9" and raw.peer == ""


# ------------------------------------------------------------ WSGI/Flask

def test_wsgi_environ_body_is_bounded_and_replayed() -> None:
    from werkzeug.test import EnvironBuilder

    builder = EnvironBuilder(path="/sign/up", method="POST", query_string="x=1&y=%27", data=BODY,
                             headers=HEADERS, environ_base={"REMOTE_ADDR": "203.0.113.9"})
    environ = builder.get_environ()
    raw = raw_from_request(environ, need_body=True, body_limit=6)
    _check(raw, peer="203.0.113.9", repeated_joined=True)
    assert raw.body == BODY[:6] and raw.body_truncated
    # The application still reads every byte, in order.
    assert environ["wsgi.input"].read() == BODY


def test_wsgi_environ_without_body_need_reads_nothing() -> None:
    from werkzeug.test import EnvironBuilder

    environ = EnvironBuilder(path="/", method="POST", data=BODY).get_environ()
    stream = environ["wsgi.input"]
    raw = raw_from_request(environ)
    assert raw.body is None and environ["wsgi.input"] is stream


def test_flask_request() -> None:
    from flask import Flask, request

    app = Flask(__name__)
    with app.test_request_context("/sign/up?x=1&y=%27", method="POST", data=BODY, headers=HEADERS,
                                  environ_base={"REMOTE_ADDR": "203.0.113.9"}):
        raw = raw_from_request(request, need_body=True)
        _check(raw, peer="203.0.113.9", repeated_joined=True)
        assert raw.body == BODY
        assert request.form["name"] == "O'Brien"  # the view still gets its form


def test_flask_request_after_view_read_body() -> None:
    from flask import Flask, request

    app = Flask(__name__)
    with app.test_request_context("/sign/up?x=1&y=%27", method="POST", data=BODY, headers=HEADERS):
        assert request.get_data() == BODY
        assert raw_from_request(request, need_body=True).body == BODY  # get_data(cache=True): the app's bytes
        raw = raw_from_request(request, need_body=True, body_limit=3)
        assert raw.body == b"" and raw.body_truncated  # past body_limit: not read, flagged
        assert request.get_data() == BODY


# ---------------------------------------------------------------- Django

@pytest.fixture(scope="module")
def django_settings() -> None:
    import django
    from django.conf import settings

    if not settings.configured:
        settings.configure(DEBUG=False, ALLOWED_HOSTS=["*"], SECRET_KEY="test", ROOT_URLCONF=__name__, USE_TZ=True)
        django.setup()


urlpatterns: list[Any] = []


def test_django_request(django_settings: None) -> None:
    from django.test import RequestFactory

    request = RequestFactory().post("/sign/up?x=1&y=%27", data=BODY, content_type="application/x-www-form-urlencoded",
                                    REMOTE_ADDR="203.0.113.9", HTTP_USER_AGENT="curl/8.0",
                                    HTTP_X_FORWARDED_FOR="1.1.1.1, 2.2.2.2", HTTP_COOKIE="a=1; b=2")
    raw = raw_from_request(request, need_body=True)
    _check(raw, peer="203.0.113.9", repeated_joined=True)
    assert raw.body == BODY
    assert request.POST["name"] == "O'Brien"


def test_django_body_past_the_limit_is_not_read(django_settings: None) -> None:
    from django.test import RequestFactory

    big = b"a=" + b"x" * 5000
    request = RequestFactory().post("/up", data=big, content_type="application/octet-stream")
    raw = raw_from_request(request, need_body=True, body_limit=100)
    # Flagged for shield's on_limit policy, with nothing read.
    assert raw.body == b"" and raw.body_truncated and raw.body_error is None
    assert request.body == big  # the view still sees every byte


def test_django_body_is_read_through_request_body(django_settings: None) -> None:
    from django.test import RequestFactory

    request = RequestFactory().post("/up", data=BODY, content_type="application/x-www-form-urlencoded")
    assert raw_from_request(request, need_body=True).body == BODY
    # Django keeps it: read again (a second rule set, the decorator after the
    # middleware) it is the same bytes, and the form parses from them.
    assert raw_from_request(request, need_body=True).body == BODY
    assert request.POST["name"] == "O'Brien" and request.body == BODY


def test_django_multipart_form_still_parses(django_settings: None) -> None:
    from django.test import RequestFactory

    request = RequestFactory().post("/up", data={"email": "ada@example.com", "file": io.BytesIO(b"PNG...")})
    raw = raw_from_request(request, need_body=True)
    assert raw.body is not None and b"ada@example.com" in raw.body
    assert request.POST["email"] == "ada@example.com"
    assert request.FILES["file"].read() == b"PNG..."


def test_django_stream_the_view_read_itself_is_not_read(django_settings: None) -> None:
    from django.test import RequestFactory

    request = RequestFactory().post("/up", data=BODY, content_type="application/octet-stream")
    assert request.read(4) == BODY[:4]  # a view streaming its upload
    raw = raw_from_request(request, need_body=True)
    assert raw.body is None and raw.body_error is None
    assert request.read() == BODY[4:]


def test_django_body_past_data_upload_max_memory_size_is_not_read(django_settings: None) -> None:
    from django.test import RequestFactory, override_settings

    with override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=10):
        request = RequestFactory().post("/up", data=BODY, content_type="application/octet-stream")
        raw = raw_from_request(request, need_body=True)
    assert raw.body == b"" and raw.body_truncated and raw.body_error is None


def test_django_short_body_is_an_error(django_settings: None) -> None:
    from django.core.handlers.wsgi import WSGIRequest

    request = WSGIRequest({"REQUEST_METHOD": "POST", "PATH_INFO": "/", "SERVER_NAME": "t", "SERVER_PORT": "80",
                           "wsgi.input": io.BytesIO(b"abc"), "CONTENT_LENGTH": "10", "wsgi.url_scheme": "http"})
    raw = raw_from_request(request, need_body=True)
    assert raw.body == b"abc" and raw.body_error is not None and "3 of 10" in raw.body_error


@pytest.mark.parametrize(("bound", "expected", "truncated"), [(None, b"", True), (1000, BODY, False)])
def test_django_asgi_body_without_length(django_settings: None, bound: int | None, expected: bytes,
                                         truncated: bool) -> None:
    from django.test import AsyncRequestFactory, override_settings

    request = AsyncRequestFactory().generic("POST", "/up", data=BODY, content_type="text/plain",
                                            headers={"transfer-encoding": "chunked"})
    del request.META["CONTENT_LENGTH"]
    # Django's ASGI handler holds the whole body already; only
    # DATA_UPLOAD_MAX_MEMORY_SIZE bounds what request.body would load.
    with override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=bound):
        raw = raw_from_request(request, need_body=True)
    assert raw.body == expected and raw.body_truncated is truncated
    assert request.body == BODY


# --------------------------------------------------------------- mapping

def test_plain_mapping() -> None:
    raw = raw_from_request({
        "ip": "203.0.113.9", "method": "post", "protocol": "https", "host": "example.com",
        "path": "/sign/up", "query": "?x=1&y=%27",
        "headers": {"User-Agent": "curl/8.0", "X-Forwarded-For": ["1.1.1.1", "2.2.2.2"]},
        "cookies": {"a": "1", "b": "2"}, "body": "name=O%27Brien&q=1",
    })
    _check(raw, peer="203.0.113.9")
    assert raw.body == BODY and raw.host == "example.com" and raw.protocol == "https"


@pytest.mark.parametrize("bad", [None, 42, "GET /", object(), io.BytesIO()])
def test_unsupported_request_types_raise_type_error(bad: object) -> None:
    with pytest.raises(TypeError, match="protect\\(\\) needs a request"):
        raw_from_request(bad)


def test_django_asgi_request_is_django_not_starlette(django_settings: None) -> None:
    from django.test import AsyncRequestFactory

    request = AsyncRequestFactory().post(
        "/sign/up?x=1&y=%27", data=BODY, content_type="application/x-www-form-urlencoded",
        headers={"user-agent": "curl/8.0", "x-forwarded-for": "1.1.1.1, 2.2.2.2"},
    )
    request.META["HTTP_COOKIE"] = "a=1; b=2"  # the factory's own cookie jar would append to a header
    assert hasattr(request, "scope")  # the shape that used to be mistaken for Starlette
    raw = raw_from_request(request, need_body=True)
    _check(raw, peer=request.META["REMOTE_ADDR"], repeated_joined=True)
    assert raw.body == BODY


@pytest.mark.parametrize(("terminated", "limit", "expected", "truncated"),
                         [(True, 1024, BODY, False), (True, 5, BODY[:5], True), (False, 1024, None, False)])
def test_chunked_wsgi_body(terminated: bool, limit: int, expected: bytes | None, truncated: bool) -> None:
    environ = {"REQUEST_METHOD": "POST", "PATH_INFO": "/", "wsgi.input": io.BytesIO(BODY),
               "HTTP_TRANSFER_ENCODING": "chunked", "wsgi.input_terminated": terminated}
    raw = raw_from_request(environ, need_body=True, body_limit=limit)
    assert raw.body == expected and raw.body_truncated is truncated
    assert environ["wsgi.input"].read() == BODY  # the app still gets every byte


def test_mapping_headers_of_every_shape_give_the_same_headers() -> None:
    # The all-str fast path and the general path agree, whatever form the
    # headers take (list, dict, a one-shot iterator, bytes, several values).
    plain = [("Host", "example.com"), ("X-Forwarded-For", "203.0.113.7"), ("Cookie", "a=1"), ("cookie", "b=2")]
    expected = (("host", "example.com"), ("x-forwarded-for", "203.0.113.7"), ("cookie", "a=1"), ("cookie", "b=2"))
    shapes: list[object] = [
        plain,
        tuple(plain),
        iter(plain),
        [(k.encode(), v.encode()) for k, v in plain],
        [("Host", "example.com"), ("X-Forwarded-For", b"203.0.113.7"), ("Cookie", ["a=1", "b=2"])],
    ]
    for headers in shapes:
        raw = raw_from_request({"ip": "203.0.113.9", "headers": headers})
        assert raw.headers.items() == expected, headers
        assert raw.headers.get_all("cookie") == ("a=1", "b=2")
        assert raw.headers.get("X-FORWARDED-FOR") == "203.0.113.7"
        assert "host" in raw.headers and "absent" not in raw.headers
    as_dict = raw_from_request({"ip": "203.0.113.9", "headers": {"Host": "example.com", "Accept": "*/*"}})
    assert as_dict.headers.items() == (("host", "example.com"), ("accept", "*/*"))
    none = raw_from_request({"ip": "203.0.113.9", "headers": [], "cookies": {"a": "1"}})
    assert none.headers.items() == (("cookie", "a=1"),)
    kept = raw_from_request({"ip": "203.0.113.9", "headers": [("cookie", "x=1")], "cookies": {"a": "1"}})
    assert kept.headers.get_all("cookie") == ("x=1",)


# ------------------------------------------------------- public API only

def test_no_private_attributes_of_other_objects() -> None:
    # Issue 15: no reading or writing another library's private attributes
    # (Django's request._body/_stream, Werkzeug's _cached_data, Starlette's
    # request._body): a framework release could break any of them.
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    files = [root / "arcjet_core" / "context.py", root / "arcjet_core" / "_body.py",
             *sorted((root / "arcjet_django").glob("*.py"))]
    found = []
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            name = node.attr if isinstance(node, ast.Attribute) else None
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("getattr", "hasattr"):
                arg = node.args[1] if len(node.args) > 1 else None
                name = arg.value if isinstance(arg, ast.Constant) and isinstance(arg.value, str) else None
            if not name or not name.startswith("_") or name.startswith("__"):
                continue
            owner = node.value if isinstance(node, ast.Attribute) else None
            if isinstance(owner, ast.Name) and owner.id in ("self", "cls"):
                continue
            found.append(f"{path.name}:{node.lineno} {name}")
    assert found == []


def test_a_proxy_is_classified_by_what_it_stands_for() -> None:
    """flask.request is a LocalProxy: caching its kind by the proxy's type would
    make any other proxied object (here a plain mapping) a Flask request."""
    from werkzeug.local import LocalProxy
    from werkzeug.test import EnvironBuilder
    from werkzeug.wrappers import Request

    flask_like = Request(EnvironBuilder(path="/a", headers={"user-agent": "t"}).get_environ())
    assert raw_from_request(LocalProxy(lambda: flask_like)).path == "/a"
    mapping = {"ip": "198.51.100.4", "method": "GET", "path": "/m", "headers": {}}
    raw = raw_from_request(LocalProxy(lambda: mapping))
    assert (raw.path, raw.peer) == ("/m", "198.51.100.4")
