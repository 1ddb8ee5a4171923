"""RequestContext and its coercion from every request shape we accept.

Framework objects are recognised by shape (duck typing), never by importing
the framework, so the core stays framework-free. Bodies are read only when a
rule needs them and the request has one, never past ``body_limit`` bytes nor
for longer than ``body_timeout`` seconds, and always left readable for the
application afterwards (see _body.py). A body that cannot be read is reported
in ``RawRequest.body_error``, never raised.

Only the frameworks' public API is used. A framework request is read through
the framework's own caching read (Django's ``request.body``, Werkzeug's
``get_data(cache=True)``, Starlette's ``await request.body()``), so the
application finds the same bytes afterwards; a raw WSGI environ through its
``wsgi.input``, which is put back as a replaying stream. A framework request
whose body is announced larger than ``body_limit`` is therefore not read at
all: its context says ``body_truncated`` with an empty body, and shield's
``on_limit`` policy decides (the adapters answer such requests 413 first).
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Any, NamedTuple

from arcjet_core._body import (
    DEFAULT_BODY_TIMEOUT,
    BufferedReceive,
    ReadAllJob,
    content_length,
    has_body,
    in_memory,
    invalid_message,
    read_bounded,
    replay_stream,
    run_bounded,
    timeout_message,
)
from arcjet_core.headers_map import Headers, latin1_text

__all__ = ["Headers", "RawRequest", "RequestContext", "raw_from_request", "raw_from_request_async"]

DEFAULT_BODY_LIMIT = 1 << 20  # 1 MiB


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
    # The HTTP version without "HTTP/": "1.1", "2", ... (shield's CRS reads it).
    http_version: str = "1.1"


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
    http_version: str = "1.1"

    def to_context(self, ip: str) -> RequestContext:
        return RequestContext(
            ip, self.method, self.protocol, self.host, self.path, self.query, self.headers,
            "; ".join(self.headers.get_all("cookie")), self.body, self.body_truncated, self.peer,
            self.http_version,
        )


def _host_of(headers: Headers, fallback: str = "") -> str:
    return headers.get("host", fallback) or fallback


# --------------------------------------------------------------------- ASGI


def _is_asgi_scope(obj: object) -> bool:
    return isinstance(obj, Mapping) and obj.get("type") in ("http", "websocket") and "headers" in obj


def _from_asgi_scope(scope: Mapping[str, Any], *, every_header: bool = False) -> RawRequest:
    """``every_header``: the analyzer will read every header (a rule reads
    the request's body and headers), so decode them all now and answer the
    single look-ups before it (host, body framing, client IP) from the index."""
    # ASGI: names are lower-case bytes, values bytes, both latin-1.
    headers = Headers.from_asgi(scope.get("headers") or ())
    if every_header:
        headers.decode()
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
    return RawRequest(
        peer,
        str(scope.get("method", "GET" if scope.get("type") == "websocket" else "")).upper(),
        scheme,
        host,
        path,
        latin1_text(scope.get("query_string") or b""),
        headers,
        http_version=str(scope.get("http_version") or "1.1"),
    )


def _starlette_scope(request: object) -> Mapping[str, Any] | None:
    scope = getattr(request, "scope", None)
    return scope if _is_asgi_scope(scope) else None


# --------------------------------------------------------------------- WSGI


def _is_wsgi_environ(obj: object) -> bool:
    return isinstance(obj, Mapping) and "REQUEST_METHOD" in obj


# WSGI environ key -> header name, or "" for keys that are not headers. The
# same few dozen keys recur on every request; bounded against hostile input.
def _from_meta(meta: Mapping[str, Any]) -> RawRequest:
    headers = Headers.from_environ(meta)
    # The path as sent (still percent-encoded) where the server passes it on:
    # PATH_INFO is already decoded, and shield judges what the client sent.
    raw_uri = meta.get("RAW_URI") or meta.get("REQUEST_URI")
    if isinstance(raw_uri, str) and raw_uri.startswith("/"):
        path = raw_uri.split("?", 1)[0]
    else:
        path = str(meta.get("SCRIPT_NAME", "")) + str(meta.get("PATH_INFO", "") or "/")
    return RawRequest(
        str(meta.get("REMOTE_ADDR", "") or ""),  # peer
        str(meta.get("REQUEST_METHOD", "")).upper(),
        str(meta.get("wsgi.url_scheme", "http")),  # protocol
        _host_of(headers, str(meta.get("SERVER_NAME", ""))),
        path,
        str(meta.get("QUERY_STRING", "") or ""),  # query
        headers,
        http_version=_version_of(meta.get("SERVER_PROTOCOL")),
    )


def _version_of(protocol: object) -> str:
    """ "HTTP/1.1" (WSGI's SERVER_PROTOCOL) -> "1.1"."""
    text = str(protocol or "")
    return text[5:] if text.upper().startswith("HTTP/") else text or "1.1"


def _with_body(raw: RawRequest, body: bytes | None, truncated: bool, error: str | None = None) -> RawRequest:
    """``raw`` with its body set (NamedTuple._replace is slower)."""
    return RawRequest(*raw[:7], body, truncated, raw.declared_ip, error, raw.http_version)


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


# What a framework request whose body is announced larger than body_limit
# gets: not read (a framework's caching read takes the whole body or nothing),
# an empty body flagged truncated, so shield applies its on_limit policy.
_NOT_READ: BodyRead = (b"", True, None)


def _read_all(read_all: Any, timeout: float, inline: bool) -> tuple[bytes | None, BaseException | None, str | None]:
    """Run a framework's whole-body read within ``timeout``: (bytes, what it
    raised, the timeout message)."""
    job = ReadAllJob(read_all)
    if not run_bounded(job, timeout, inline=inline):
        return None, None, timeout_message(timeout)
    if job.error is not None:
        return None, job.error, None
    return job.data, None, None


def _werkzeug_body(request: Any, headers: Headers, limit: int, timeout: float) -> BodyRead:
    if not has_body(headers):
        return (b"" if content_length(headers) == 0 else None), False, None
    # Before Werkzeug builds request.stream (a cached_property: it appears in
    # the instance dict once built) we may swap environ["wsgi.input"]; after,
    # the only safe read is get_data(cache=True), which returns the bytes the
    # application already read, or reads and keeps them for it.
    if "stream" not in vars(request):
        return _peek_wsgi_body(request.environ, headers, limit, timeout)
    length = content_length(headers)
    if length is None:
        return None, False, None  # unbounded: neither read here nor flagged, as before it was built
    if length > limit:
        return _NOT_READ
    inline = in_memory(request.environ.get("wsgi.input"))
    data, error, late = _read_all(lambda: request.get_data(cache=True), timeout, inline)
    if error is not None:
        return None, False, invalid_message(error)
    return data, False, late


def _django_body(request: Any, headers: Headers, limit: int, timeout: float) -> BodyRead:
    """The body through Django's public ``request.body``, which keeps it for
    request.POST/FILES and the view: read only when it fits ``limit``."""
    if not has_body(headers):
        return (b"" if content_length(headers) == 0 else None), False, None
    length = content_length(headers)
    if length is not None and length > limit:
        return _NOT_READ
    stream = request.META.get("wsgi.input")
    if stream is None:
        # ASGI: Django's handler received the whole body before the view, so
        # the read cannot stall; without a length only DATA_UPLOAD_MAX_MEMORY_SIZE
        # bounds it, and with that unset it is not read.
        if length is None and not _django_bounds_body():
            return _NOT_READ
        inline = True
    else:
        # WSGI: Django reads nothing of a body without Content-Length.
        inline = in_memory(stream)
    data, error, late = _read_all(lambda: request.body, timeout, inline)
    if late is not None:
        return None, False, late
    if error is not None:
        return _django_read_failed(error)
    assert data is not None
    if length is not None and len(data) < length:
        return data, False, invalid_message(EOFError(f"body ended after {len(data)} of {length} bytes"))
    return data[:limit], len(data) > limit, None


def _django_bounds_body() -> bool:
    from django.conf import settings

    return settings.DATA_UPLOAD_MAX_MEMORY_SIZE is not None


def _django_read_failed(error: BaseException) -> BodyRead:
    from django.core.exceptions import RequestDataTooBig
    from django.http import RawPostDataException

    if isinstance(error, RawPostDataException):
        return None, False, None  # the view read the stream itself (a streamed upload): nothing left to see
    if isinstance(error, RequestDataTooBig):
        return _NOT_READ  # past DATA_UPLOAD_MAX_MEMORY_SIZE: Django refused to load it, before reading
    return None, False, invalid_message(error)


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
    return RawRequest(
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
        http_version=_version_of(data.get("http_version") or "1.1"),
    )


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
        # A proxy (flask.request is a Werkzeug LocalProxy) reports the class
        # of what it stands for: cache by that, never by the proxy's own type,
        # which any other proxied object shares.
        real = request.__class__
        if real is not cls:
            kind = _KIND_BY_TYPE.get(real)
            if kind is not None:
                return kind
            cls = real
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


def request_kind(request: object) -> str:
    """What ``request`` is: "asgi", "starlette", "django", "werkzeug", "wsgi",
    or "mapping" (a context the application built itself)."""
    kind = _classify(request)
    return kind if kind in ("asgi", "starlette", "django", "werkzeug", "wsgi") else "mapping"


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
        # A Starlette body is read by awaiting request.body(): only the async
        # client (raw_from_request_async) can.
        return _from_asgi_scope(request.scope)  # type: ignore[attr-defined]
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
        scope = request.scope  # type: ignore[attr-defined]
        raw = _from_asgi_scope(scope, every_header=True)
        if not has_body(raw.headers, str(scope.get("http_version", "1.1"))):
            return _with_body(raw, b"" if content_length(raw.headers) == 0 else None, False)
        length = content_length(raw.headers)
        if length is not None and length > body_limit:
            return _with_body(raw, *_NOT_READ)
        if length is None and not isinstance(request.receive, BufferedReceive):  # type: ignore[attr-defined]
            # Unknown length: request.body() would read without a bound, and
            # a Starlette Request cannot be given back a part of its stream.
            # The ASGI middleware reads bounded bodies itself and hands them
            # over in a BufferedReceive.
            return _with_body(raw, None, True)
        try:
            data = await asyncio.wait_for(request.body(), body_timeout)  # type: ignore[attr-defined]
        except asyncio.TimeoutError:
            return _with_body(raw, None, False, timeout_message(body_timeout))
        except Exception as exc:  # ClientDisconnect, a server's stream error: never raised from protect()
            return _with_body(raw, None, False, invalid_message(exc))
        data = bytes(data)
        return _with_body(raw, data[:body_limit], len(data) > body_limit)
    return raw_from_request(request, need_body=need_body, body_limit=body_limit, body_timeout=body_timeout)
