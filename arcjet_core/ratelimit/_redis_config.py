"""A Redis storage URL and options, checked: where links connect, how they
authenticate, and the store's bounds.

redis-py parses the URL and its options (its public ``ConnectionPool.from_url``,
which opens nothing), so a URL means what it means to redis-py; the links are
ours. Anything wrong raises ``ArcjetMisconfiguration`` naming the option.
"""

from __future__ import annotations

import asyncio
import ssl
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, parse_qsl, urlencode, urlsplit

from ..errors import ArcjetMisconfiguration
from ._resp import ProtocolError, ReplyError, command

DEFAULT_TIMEOUT = 0.1  # seconds; a rate limit that waits longer costs more than it saves
# A connect (TCP, TLS, AUTH, SELECT) is rare and may meet a burst's queue at
# the server's accept: give it room, or the burst it serves fails open.
DEFAULT_CONNECT_TIMEOUT = 1.0
# Waiting for a free connection: a burst's queue drains at the pace of the
# event loop (or the threads) serving everything else, not of Redis.
DEFAULT_POOL_TIMEOUT = 5.0
# Per process for the sync path, per event loop for the async one. Redis runs
# one script at a time, so more connections only queue at the server.
DEFAULT_MAX_CONNECTIONS = 32
MAX_CONNECTIONS_LIMIT = 10_000


@dataclass(frozen=True)
class LinkSpec:
    """Where and how links connect: a TCP host and port (with ``ssl`` for
    TLS) or a unix socket ``path``, and the commands that prepare a link."""

    host: str = "127.0.0.1"
    port: int = 6379
    path: str | None = None
    ssl: ssl.SSLContext | None = None
    server_hostname: str | None = None
    handshake: tuple[bytes, ...] = ()

    def where(self) -> str:
        return self.path or f"{self.host}:{self.port}"


def import_redis() -> Any:
    try:
        import redis
        import redis.asyncio
        import redis.asyncio.cluster
        import redis.asyncio.retry
        import redis.backoff
        import redis.cluster
        import redis.crc
        import redis.retry
    except ImportError as exc:  # pragma: no cover - exercised in a subprocess test
        raise ArcjetMisconfiguration(
            "storage: a redis:// storage needs the redis client; "
            "install it with `pip install 'arcjet-local[redis]'`"
        ) from exc
    return redis


def fault_types(redis: Any) -> tuple[type[BaseException], ...]:
    """Everything a backend fault can raise; the store turns each into ArcjetStorageError."""
    # RedisClusterException does not derive from RedisError; OSError and
    # asyncio.TimeoutError can surface from socket and SSL layers directly.
    return (
        redis.exceptions.RedisError,
        redis.exceptions.RedisClusterException,
        OSError,
        asyncio.TimeoutError,
        ReplyError,
        ProtocolError,
    )


def split_scheme(url: str) -> tuple[str, bool]:
    """The URL in redis-py's spelling, and whether it names a Cluster."""
    scheme, sep, rest = url.partition("://")
    scheme = scheme.lower()
    if not sep:
        raise ArcjetMisconfiguration(f"storage: not a URL: {url!r}")
    cluster = scheme.endswith("+cluster")
    base = scheme.removesuffix("+cluster")
    # Valkey speaks the Redis protocol; redis-py only knows the redis names.
    base = {"valkey": "redis", "valkeys": "rediss"}.get(base, base)
    if base not in ("redis", "rediss", "unix") or (cluster and base == "unix"):
        raise ArcjetMisconfiguration(f"storage: unsupported Redis URL scheme {scheme!r}")
    return f"{base}://{rest}", cluster


def split_seeds(url: str) -> tuple[str, list[tuple[str, int]]]:
    """``redis://a:1,b:2`` -> (``redis://a:1``, [("b", 2)]): extra cluster seed nodes."""
    parts = urlsplit(url)
    netloc = parts.netloc
    userinfo, at, hosts = netloc.rpartition("@")
    first, *others = hosts.split(",")
    seeds: list[tuple[str, int]] = []
    for other in others:
        host, _, port = other.rpartition(":")
        try:
            seeds.append((host or other, int(port) if host else 6379))
        except ValueError as exc:
            raise ArcjetMisconfiguration(f"storage: bad cluster node {other!r}") from exc
    rebuilt = parts._replace(netloc=f"{userinfo}{at}{first}").geturl()
    return rebuilt, seeds


def positive(name: str, value: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value < 3600:
        raise ArcjetMisconfiguration(f"storage: {name} must be a number of seconds in (0, 3600), got {value!r}")
    return float(value)


def without_query_param(url: str, name: str) -> str:
    parts = urlsplit(url)
    if name not in parse_qs(parts.query):
        return url
    kept = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != name]
    return parts._replace(query=urlencode(kept)).geturl()


def query_seconds(url: str, name: str, default: float) -> float:
    values = parse_qs(urlsplit(url).query).get(name)
    if not values:
        return default
    try:
        return positive(name, float(values[-1]))
    except ValueError as exc:
        raise ArcjetMisconfiguration(f"storage: {name} must be a number of seconds, got {values[-1]!r}") from exc


def max_connections(url: str, default: int) -> int:
    """``max_connections`` from the URL's query, else the argument; validated."""
    raw: object = default
    values = parse_qs(urlsplit(url).query).get("max_connections")
    if values:
        try:
            raw = int(values[-1])
        except ValueError:
            raw = values[-1]
    if isinstance(raw, bool) or not isinstance(raw, int) or not 1 <= raw <= MAX_CONNECTIONS_LIMIT:
        raise ArcjetMisconfiguration(
            f"storage: max_connections must be an integer from 1 to {MAX_CONNECTIONS_LIMIT}, got {raw!r}"
        )
    return raw


def link_spec(redis: Any, url: str, options: dict[str, Any]) -> LinkSpec:
    """A link's address, TLS context and handshake, from the URL and options
    as redis-py parses them (its pool's public ``connection_class`` and
    ``connection_kwargs``)."""
    try:
        pool = redis.ConnectionPool.from_url(url, **options)
    except (TypeError, ValueError) as exc:
        raise ArcjetMisconfiguration(f"storage: bad Redis URL or option: {exc}") from exc
    connection_class, kwargs = pool.connection_class, pool.connection_kwargs
    handshake: list[bytes] = []
    password = kwargs.get("password")
    username = kwargs.get("username")
    if password is not None:
        handshake.append(command("AUTH", username, password) if username else command("AUTH", password))
    db = int(kwargs.get("db") or 0)
    if db:
        handshake.append(command("SELECT", str(db)))
    name = kwargs.get("client_name")
    if name:
        handshake.append(command("CLIENT", "SETNAME", name))
    if issubclass(connection_class, redis.connection.UnixDomainSocketConnection):
        return LinkSpec(path=kwargs["path"], handshake=tuple(handshake))
    host = kwargs.get("host") or "localhost"
    port = int(kwargs.get("port") or 6379)
    context = None
    if issubclass(connection_class, redis.connection.SSLConnection):
        try:
            context = _ssl_context(kwargs)
        except (OSError, ssl.SSLError, ValueError) as exc:  # unreadable or bad certificate files
            raise ArcjetMisconfiguration(f"storage: bad TLS settings: {exc}") from exc
    return LinkSpec(host=host, port=port, ssl=context, server_hostname=host, handshake=tuple(handshake))


_CERT_REQS = {"none": ssl.CERT_NONE, "optional": ssl.CERT_OPTIONAL, "required": ssl.CERT_REQUIRED}


def _ssl_context(kwargs: dict[str, Any]) -> ssl.SSLContext:
    """The TLS settings redis-py's SSLConnection takes, on an SSLContext."""
    reqs = kwargs.get("ssl_cert_reqs", "required")
    if isinstance(reqs, str):
        try:
            reqs = _CERT_REQS[reqs.lower()]
        except KeyError as exc:
            raise ArcjetMisconfiguration(f"storage: bad ssl_cert_reqs {reqs!r}") from exc
    context = ssl.create_default_context()
    check_hostname = kwargs.get("ssl_check_hostname", True)
    context.check_hostname = bool(check_hostname) and reqs != ssl.CERT_NONE
    context.verify_mode = reqs
    certfile = kwargs.get("ssl_certfile")
    if certfile:
        context.load_cert_chain(
            certfile=certfile, keyfile=kwargs.get("ssl_keyfile"),
            password=kwargs.get("ssl_password"),
        )  # fmt: skip
    cafile, capath, cadata = kwargs.get("ssl_ca_certs"), kwargs.get("ssl_ca_path"), kwargs.get("ssl_ca_data")
    if cafile or capath or cadata:
        context.load_verify_locations(cafile=cafile, capath=capath, cadata=cadata)
    if kwargs.get("ssl_min_version") is not None:
        context.minimum_version = kwargs["ssl_min_version"]
    if kwargs.get("ssl_ciphers"):
        context.set_ciphers(kwargs["ssl_ciphers"])
    return context
