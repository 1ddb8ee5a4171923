"""RequestContext and its coercion from every request shape we accept.

Framework objects are recognised by shape (duck typing), never by importing
the framework, so the core stays framework-free. Bodies are read only when a
rule needs them and the request has one, never past ``body_limit`` bytes nor
for longer than ``body_timeout`` seconds, and always left readable for the
application afterwards (see _body.py). A body that cannot be read is reported
in ``RawRequest.body_error``, never raised.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Any, NamedTuple

from arcjet_core._body import (
    DEFAULT_BODY_TIMEOUT,
    content_length,
    has_body,
    invalid_message,
    read_bounded,
    replay_stream,
    timeout_message,
)
from arcjet_core.headers_map import Headers, latin1_text

__all__ = ["Headers", "RawRequest", "RequestContext", "raw_from_request", "raw_from_request_async"]

DEFAULT_BODY_LIMIT = 1 << 20  # 1 MiB


# Per-request records are NamedTuples: immutable like frozen dataclasses, but
# about ten times cheaper to build, which matters at a few µs per protect().
# RecordType(...) runs a generated Python __new__; tuple.__new__ with every
# field, in order, builds the same record ~0.17 µs sooner. The hot paths use
# it; it checks neither the count nor the types, so tests compare the records
# with ones built the ordinary way.
new_record = tuple.__new__


class RequestContext(NamedTuple):
    """What the rules see of one request. ``ip`` is the resolved client address."""

    ip: str
    method: str
    protocol: str
    host: str
    path: str
    query: str
    headers: Headers
    cookies: str
    body: bytes | None = None
    # True when the body was larger than body_limit and only a prefix is in `body`.
    body_truncated: bool = False
    peer: str = ""


class RawRequest(NamedTuple):
    """A request before client-IP resolution: the transport peer plus what was sent."""

    peer: str
    method: str
    protocol: str
    host: str
    path: str
    query: str
    headers: Headers
    body: bytes | None = None
    body_truncated: bool = False
    # Set by the plain-mapping form, which may name the client IP directly.
    declared_ip: str | None = None
    # Why the body could not be read (timed out, truncated, broken stream);
    # the client turns it into an ERROR result for shield.
    body_error: str | None = None

    def to_context(self, ip: str) -> RequestContext:
        # Every field, in order (see new_record).
        return new_record(RequestContext, (
            ip, self.method, self.protocol, self.host, self.path, self.query, self.headers,
            "; ".join(self.headers.get_all("cookie")), self.body, self.body_truncated, self.peer,
        ))


def _host_of(headers: Headers, fallback: str = "") -> str:
    return headers.get("host", fallback) or fallback


# --------------------------------------------------------------------- ASGI


def _is_asgi_scope(obj: object) -> bool:
    return isinstance(obj, Mapping) and obj.get("type") in ("http", "websocket") and "headers" in obj


def _from_asgi_scope(scope: Mapping[str, Any]) -> RawRequest:
    # ASGI: names are lower-case bytes, values bytes, both latin-1.
    headers = Headers.from_asgi(scope.get("headers") or ())
    client = scope.get("client")
    peer = str(client[0]) if client else ""
    scheme = str(scope.get("scheme") or ("ws" if scope.get("type") == "websocket" else "http"))
    host = headers.first("host")
    if not host:
        server = scope.get("server")
        host = f"{server[0]}:{server[1]}" if server else ""
    raw_path = scope.get("raw_path")
    path = latin1_text(raw_path) if raw_path else str(scope.get("path", "/"))
    if "?" in path:  # some servers leave the query on raw_path
        path = path.split("?", 1)[0]
    # Every field, in order (see new_record): peer, method, protocol, host,
    # path, query, headers, body, body_truncated, declared_ip, body_error.
    return new_record(RawRequest, (
        peer,
        str(scope.get("method", "GET" if scope.get("type") == "websocket" else "")).upper(),
        scheme,
        host,
        path,
        latin1_text(scope.get("query_string") or b""),
        headers,
        None,
        False,
        None,
        None,
    ))


def _starlette_scope(request: object) -> Mapping[str, Any] | None:
    scope = getattr(request, "scope", None)
    return scope if _is_asgi_scope(scope) else None


# --------------------------------------------------------------------- WSGI


def _is_wsgi_environ(obj: object) -> bool:
    return isinstance(obj, Mapping) and "REQUEST_METHOD" in obj


# WSGI environ key -> header name, or "" for keys that are not headers. The
# same few dozen keys recur on every request; bounded against hostile input.
_META_HEADER_NAMES: dict[str, str] = {}


def _meta_header_name(key: str) -> str:
    name = _META_HEADER_NAMES.get(key)
    if name is None:
        if key.startswith("HTTP_"):
            name = key[5:].replace("_", "-").lower()
        elif key in ("CONTENT_TYPE", "CONTENT_LENGTH"):
            name = key.replace("_", "-").lower()
        else:
            name = ""
        if len(_META_HEADER_NAMES) < 1024:
            _META_HEADER_NAMES[key] = name
    return name


def _headers_from_meta(meta: Mapping[str, Any]) -> Headers:
    pairs: list[tuple[str, str]] = []
    names = _META_HEADER_NAMES
    for key, value in meta.items():
        # The cache first, inline: an environ has some thirty keys, and a
        # call per key cost ~2 µs a request.
        name = names.get(key) if type(key) is str else ""
        if name is None:
            name = _meta_header_name(key)
        if not name or value is None or value == "":
            continue
        pairs.append((name, value if type(value) is str else latin1_text(value) if isinstance(value, bytes) else str(value)))
    return Headers.from_lowercase(pairs)


def _from_meta(meta: Mapping[str, Any]) -> RawRequest:
    headers = _headers_from_meta(meta)
    path = str(meta.get("SCRIPT_NAME", "")) + str(meta.get("PATH_INFO", "") or "/")
    # Every field, in order (see new_record).
    return new_record(RawRequest, (
        str(meta.get("REMOTE_ADDR", "") or ""),  # peer
        str(meta.get("REQUEST_METHOD", "")).upper(),
        str(meta.get("wsgi.url_scheme", "http")),  # protocol
        _host_of(headers, str(meta.get("SERVER_NAME", ""))),
        path,
        str(meta.get("QUERY_STRING", "") or ""),  # query
        headers,
        None,  # body
        False,  # body_truncated
        None,  # declared_ip
        None,  # body_error
    ))


def _with_body(raw: RawRequest, body: bytes | None, truncated: bool, error: str | None = None) -> RawRequest:
    """``raw`` with its body set: NamedTuple._replace costs ~1 µs more."""
    return new_record(RawRequest, (*raw[:7], body, truncated, raw.declared_ip, error))


# (body, truncated, error): what a body reader found.
BodyRead = tuple[bytes | None, bool, str | None]


def _peek_stream(stream: Any, size: int, timeout: float) -> tuple[bytes, str | None, Any]:
    """Read up to ``size`` bytes within ``timeout``: the bytes, the error if
    any, and the stream to hand back to the application in its place."""
    job, finished = read_bounded(stream, size, timeout)
    if not finished:
        return b"", timeout_message(timeout), replay_stream(job, False, stream)
    error = invalid_message(job.error) if job.error is not None else None
    return job.data, error, replay_stream(job, True, stream)


def _peek_wsgi_body(environ: Any, headers: Headers, limit: int, timeout: float = DEFAULT_BODY_TIMEOUT) -> BodyRead:
    """Read at most `limit` bytes of a WSGI body and put them back for the app."""
    stream = environ.get("wsgi.input")
    length = content_length(headers)
    if length == 0:
        return b"", False, None
    if stream is None or not has_body(headers):
        return None, False, None  # a GET without a body is never waited for
    if length is None:
        # Chunked upload: only safe to read to EOF when the server says the
        # stream is terminated (PEP 3333 extension, gunicorn and others).
        if not environ.get("wsgi.input_terminated"):
            return None, False, None
        data, error, environ["wsgi.input"] = _peek_stream(stream, limit + 1, timeout)
        return data[:limit], len(data) > limit, error
    data, error, environ["wsgi.input"] = _peek_stream(stream, min(length, limit), timeout)
    if error is None and len(data) < min(length, limit):
        error = invalid_message(EOFError(f"body ended after {len(data)} of {length} bytes"))
    return data, length > limit, error


def _werkzeug_body(request: Any, headers: Headers, limit: int, timeout: float) -> BodyRead:
    cached = getattr(request, "_cached_data", None)
    if isinstance(cached, bytes):
        return cached[:limit], len(cached) > limit, None
    if not has_body(headers):
        return (b"" if content_length(headers) == 0 else None), False, None
    # Before Werkzeug builds request.stream we may swap environ["wsgi.input"];
    # after, the only safe read is get_data(cache=True), bounded by length.
    if "stream" not in getattr(request, "__dict__", {}):
        return _peek_wsgi_body(request.environ, headers, limit, timeout)
    length = content_length(headers)
    if length is not None and length <= limit:
        job, finished = read_bounded(_WholeBody(request.get_data), 1, timeout)
        if not finished:
            return None, False, timeout_message(timeout)
        if job.error is not None:
            return None, False, invalid_message(job.error)
        return job.data, False, None
    return None, length is not None, None


class _WholeBody:
    """A framework's read-it-all call (get_data) as a stream read_bounded can run."""

    def __init__(self, read_all: Any) -> None:
        self._read_all = read_all
        self._done = False

    def read(self, _size: int) -> bytes:
        if self._done:
            return b""
        self._done = True
        data = self._read_all(cache=True)
        return data if isinstance(data, bytes) else b""


def _django_body(request: Any, headers: Headers, limit: int, timeout: float) -> BodyRead:
    if hasattr(request, "_body"):
        body = request._body
        return (bytes(body[:limit]) if body is not None else None), len(body or b"") > limit, None
    if not has_body(headers):
        return (b"" if content_length(headers) == 0 else None), False, None
    stream = getattr(request, "_stream", None)
    if stream is None or getattr(request, "_read_started", False):
        return None, False, None  # the app already consumed the stream (a multipart parse)
    length = content_length(headers)
    if length is None:
        # Django reads an unframed body to EOF (its handler caps it at
        # Content-Length, else the server's stream ends); so do we, bounded.
        data, error, request._stream = _peek_stream(stream, limit + 1, timeout)
        return data[:limit], len(data) > limit, error
    want = min(length, limit)
    data, error, request._stream = _peek_stream(stream, want, timeout)
    if error is None and len(data) < want:
        error = invalid_message(EOFError(f"body ended after {len(data)} of {length} bytes"))
    return data, length > limit, error


# ------------------------------------------------------------------ mapping


def _from_mapping(data: Mapping[str, Any], body_limit: int = DEFAULT_BODY_LIMIT) -> RawRequest:
    raw_headers = data.get("headers") or {}
    pairs: list[tuple[str, str]] = []
    # Lists and dicts by type first: isinstance(Mapping) is an ABC check.
    kind = type(raw_headers)
    if kind is list or kind is tuple:
        items = raw_headers
    else:
        items = raw_headers.items() if kind is dict or isinstance(raw_headers, Mapping) else raw_headers
    for key, value in items:
        if type(value) is str and type(key) is str:
            pairs.append((key.lower(), value))
        elif isinstance(value, (list, tuple)):
            name = latin1_text(key).lower()
            pairs.extend((name, latin1_text(v)) for v in value)
        else:
            pairs.append((latin1_text(key).lower(), latin1_text(value)))
    cookies = data.get("cookies")
    if cookies and not any(k == "cookie" for k, _ in pairs):
        if isinstance(cookies, Mapping):
            cookies = "; ".join(f"{k}={v}" for k, v in cookies.items())
        pairs.append(("cookie", str(cookies)))
    headers = Headers.from_lowercase(pairs)
    body = data.get("body")
    if isinstance(body, str):
        text = body
        try:
            # Bytes decoded with surrogateescape come back as they were sent.
            body = text.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:
            # Other lone surrogates ("\ud800") have no UTF-8 form: kept as
            # their three-byte sequences, which no decoder takes for text.
            body = text.encode("utf-8", "surrogatepass")
    truncated = False
    if isinstance(body, (bytes, bytearray)):
        truncated = len(body) > body_limit
        body = bytes(body[:body_limit]) if truncated or type(body) is not bytes else body
    else:
        body = None
    ip = data.get("ip")
    host = data.get("host")
    # Every field, in order (see new_record): peer, method, protocol, host,
    # path, query, headers, body, body_truncated, declared_ip, body_error.
    return new_record(RawRequest, (
        str(ip or ""),
        str(data.get("method", "GET")).upper(),
        str(data.get("protocol", "http")).rstrip(":"),
        str(host) if host else headers.first("host") or "",
        str(data.get("path", "/")),
        str(data.get("query", "")).lstrip("?"),
        headers,
        body,
        truncated,
        str(ip) if ip else None,
        None,
    ))


# ----------------------------------------------------------------- dispatch


# Framework request classes map to one shape forever; remember them so the
# duck-typing probes run once per class, not once per request. Plain dicts are
# never cached: a dict can be an ASGI scope, a WSGI environ or a mapping.
_KIND_BY_TYPE: dict[type, str] = {}


def _classify(request: object) -> str:
    cls = type(request)
    if cls is dict:
        # _is_asgi_scope without its isinstance(Mapping): an ABC check costs
        # more than the two look-ups, and a dict is one.
        if "REQUEST_METHOD" in request:  # type: ignore[operator]
            return "wsgi"
        if request.get("type") in ("http", "websocket") and "headers" in request:  # type: ignore[attr-defined,operator]
            return "asgi"
        return "mapping"
    kind = _KIND_BY_TYPE.get(cls)
    if kind is None:
        kind = _classify_shape(request)
        if kind != "mapping" and len(_KIND_BY_TYPE) < 256:
            _KIND_BY_TYPE[cls] = kind
    return kind


def _classify_shape(request: object) -> str:
    # Django's ASGIRequest also has a .scope, and a Starlette Request is itself a
    # Mapping over its scope: test the most specific shapes first.
    if hasattr(request, "META") and isinstance(getattr(request, "META", None), Mapping):
        return "django"
    if _starlette_scope(request) is not None:
        return "starlette"
    if _is_asgi_scope(request):
        return "asgi"
    if hasattr(request, "environ") and _is_wsgi_environ(getattr(request, "environ", None)):
        return "werkzeug"
    if _is_wsgi_environ(request):
        return "wsgi"
    if isinstance(request, Mapping):
        return "mapping"
    raise TypeError(
        "protect() needs a request: a Starlette/FastAPI Request, an ASGI scope, a Flask/Werkzeug "
        "request, a WSGI environ, a Django HttpRequest, or a mapping with ip/method/path/headers; "
        f"got {type(request).__name__}"
    )


def raw_from_request(
    request: object, *, need_body: bool = False, body_limit: int = DEFAULT_BODY_LIMIT,
    body_timeout: float = DEFAULT_BODY_TIMEOUT,
) -> RawRequest:
    """Coerce any supported request to a RawRequest (sync: the body of an ASGI
    request can only be used if the app already read it)."""
    kind = _classify(request)
    read: BodyRead = (None, False, None)
    if kind == "asgi":
        return _from_asgi_scope(request)  # type: ignore[arg-type]
    if kind == "starlette":
        raw = _from_asgi_scope(request.scope)  # type: ignore[attr-defined]
        cached = getattr(request, "_body", None)
        if need_body and isinstance(cached, bytes):
            return _with_body(raw, cached[:body_limit], len(cached) > body_limit)
        return raw
    if kind == "django":
        raw = _from_meta(request.META)  # type: ignore[attr-defined]
        if need_body:
            read = _django_body(request, raw.headers, body_limit, body_timeout)
    elif kind in ("werkzeug", "wsgi"):
        environ = request.environ if kind == "werkzeug" else request  # type: ignore[attr-defined]
        raw = _from_meta(environ)  # type: ignore[arg-type]
        if need_body:
            if kind == "werkzeug":
                read = _werkzeug_body(request, raw.headers, body_limit, body_timeout)
            else:
                read = _peek_wsgi_body(environ, raw.headers, body_limit, body_timeout)
    else:
        return _from_mapping(request, body_limit)  # type: ignore[arg-type]
    if not need_body:
        return raw
    if read[2] is not None and not read[0]:
        read = (None, read[1], read[2])  # nothing arrived: no body to inspect, not an empty one
    return _with_body(raw, *read)


async def raw_from_request_async(
    request: object, *, need_body: bool = False, body_limit: int = DEFAULT_BODY_LIMIT,
    body_timeout: float = DEFAULT_BODY_TIMEOUT,
) -> RawRequest:
    """Like raw_from_request, but can await a Starlette request's body."""
    if need_body and _classify(request) == "starlette":
        raw = _from_asgi_scope(_starlette_scope(request))  # type: ignore[arg-type]
        cached = getattr(request, "_body", None)
        if isinstance(cached, bytes):
            return _with_body(raw, cached[:body_limit], len(cached) > body_limit)
        scope = request.scope  # type: ignore[attr-defined]
        if not has_body(raw.headers, str(scope.get("http_version", "1.1"))):
            return _with_body(raw, b"" if content_length(raw.headers) == 0 else None, False)
        length = content_length(raw.headers)
        if length is not None and length <= body_limit:
            try:
                data = await asyncio.wait_for(request.body(), body_timeout)  # type: ignore[attr-defined]
            except asyncio.TimeoutError:
                return _with_body(raw, None, False, timeout_message(body_timeout))
            except Exception as exc:  # ClientDisconnect, a server's stream error: never raised from protect()
                return _with_body(raw, None, False, invalid_message(exc))
            return _with_body(raw, bytes(data), False)
        # Unknown or oversized length: reading it all here would be unbounded,
        # and a Starlette Request cannot be given back a part of its stream.
        # The ASGI middleware buffers bounded bodies itself and replays them.
        return _with_body(raw, None, True)
    return raw_from_request(request, need_body=need_body, body_limit=body_limit, body_timeout=body_timeout)
