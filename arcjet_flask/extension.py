"""The Flask extension: ``Arcjet(app)`` or ``aj = Arcjet(); aj.init_app(app)``.

Configuration comes from the constructor (defaults for every app) and from
``app.config["ARCJET_*"]`` (wins, per app)::

    ARCJET_KEY          str, required
    ARCJET_RULES        rules run before every request (empty: no global protection)
    ARCJET_PROXIES      trusted proxy IPs / CIDRs
    ARCJET_PROXY_HEADERS  headers read from them: ["x-forwarded-for"] (default), "forwarded", "x-real-ip"
    ARCJET_STORAGE      "memory://" (default) or "redis://..."
    ARCJET_EXCLUDE      paths (prefixes) or globs left alone, e.g. ["/health", "/static"]
    ARCJET_FAIL_OPEN    bool, default True; False answers 503 when a rule fails
    ARCJET_ENVIRONMENT  "development" accepts private and loopback client IPs
    ARCJET_BODY_LIMIT   bytes of body a body rule may read; larger bodies get 413
    ARCJET_BODY_TIMEOUT seconds a body rule waits for the whole body (default 5); a stalled one gets 408
    ARCJET_IPV6_PREFIX  IPv6 clients are keyed by this network (default 64)
    ARCJET_CHARACTERISTICS, ARCJET_PLATFORM   as the client's arguments

Everything an app needs lives in ``app.extensions["arcjet"]``, so one
extension object serves several apps. The decision is ``g.arcjet_decision``.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from flask import Blueprint, Flask, Response, current_app, g, make_response, request
from flask.typing import ResponseReturnValue

from arcjet_core import (
    ArcjetError,
    ArcjetMisconfiguration,
    ArcjetSync,
    Decision,
    RuleSpec,
    arcjet_sync,
)
from arcjet_core._body import release_stalled_connection
from arcjet_core.responses import (
    REQUEST_TIMEOUT,
    DenyResponse,
    PathMatcher,
    client_fails_open,
    client_needs_body,
    deny_response,
    error_decision,
    payload_too_large,
    rate_limit_headers,
)
from arcjet_core.rules import flatten_rules

EXTENSION = "arcjet"
CONFIG_TO_ARGUMENT = {
    "ARCJET_KEY": "key",
    "ARCJET_RULES": "rules",
    "ARCJET_PROXIES": "proxies",
    "ARCJET_PROXY_HEADERS": "proxy_headers",
    "ARCJET_STORAGE": "storage",
    "ARCJET_FAIL_OPEN": "fail_open",
    "ARCJET_ENVIRONMENT": "environment",
    "ARCJET_BODY_LIMIT": "body_limit",
    "ARCJET_BODY_TIMEOUT": "body_timeout",
    "ARCJET_IPV6_PREFIX": "ipv6_prefix",
    "ARCJET_CHARACTERISTICS": "characteristics",
    "ARCJET_PLATFORM": "platform",
}
EXEMPT_ATTR = "_arcjet_exempt"

F = TypeVar("F", bound=Callable[..., Any])
OnDeny = Callable[[Any, Decision], ResponseReturnValue]


@dataclass
class _AppState:
    """One app's clients; ``app.extensions["arcjet"]``."""

    client: ArcjetSync
    client_args: dict[str, Any]
    exclude: PathMatcher
    on_deny: OnDeny | None
    route_clients: dict[int, ArcjetSync] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def route_client(self, rules: tuple[RuleSpec, ...]) -> ArcjetSync:
        """The client for one decorated view: its own rules, this app's storage."""
        key = id(rules)
        client = self.route_clients.get(key)
        if client is None:
            with self.lock:
                client = self.route_clients.get(key)
                if client is None:
                    client = arcjet_sync(**dict(self.client_args, rules=rules, storage=self.client.storage))
                    self.route_clients[key] = client
        return client


class Arcjet:
    def __init__(
        self,
        app: Flask | None = None,
        *,
        exclude: Iterable[str] = (),
        on_deny: OnDeny | None = None,
        **client_args: Any,
    ) -> None:
        self._client_args = client_args
        self._exclude = tuple(exclude)
        self._on_deny = on_deny
        self._exempt_blueprints: set[str] = set()
        if app is not None:
            self.init_app(app)

    def init_app(self, app: Flask) -> None:
        args = dict(self._client_args)
        for name, argument in CONFIG_TO_ARGUMENT.items():
            if name in app.config:
                args[argument] = app.config[name]
        if not args.get("key"):
            raise ArcjetMisconfiguration("Arcjet: set app.config['ARCJET_KEY'] or pass key=... to Arcjet()")
        exclude = app.config.get("ARCJET_EXCLUDE", self._exclude)
        state = _AppState(
            client=arcjet_sync(**args),
            client_args={k: v for k, v in args.items() if k not in ("rules", "storage")},
            exclude=PathMatcher(exclude, "ARCJET_EXCLUDE"),
            on_deny=self._on_deny,
        )
        app.extensions[EXTENSION] = state
        app.before_request(self._before_request)
        app.after_request(self._after_request)

    # ------------------------------------------------------------ public API

    def exempt(self, target: F) -> F:
        """Leave a view function (or a whole Blueprint) out of the global rules."""
        if isinstance(target, Blueprint):
            self._exempt_blueprints.add(target.name)
        else:
            setattr(target, EXEMPT_ATTR, True)
        return target

    def protect(
        self,
        rules: RuleSpec | Sequence[RuleSpec] | None = None,
        *,
        on_deny: OnDeny | None = None,
        **protect_kwargs: Any,
    ) -> Callable[[F], F]:
        """Per-view rules. A callable keyword is called with the request:
        ``@aj.protect(rules=[...], email=lambda req: req.form["email"])``."""
        route_rules = flatten_rules(rules)
        if not route_rules:
            raise ArcjetMisconfiguration("aj.protect(): pass rules=[...]")

        def decorator(view: F) -> F:
            @functools.wraps(view)
            def wrapper(*args: Any, **kwargs: Any) -> Any:
                state = _state()
                client = state.route_client(route_rules)
                values = {k: v(request) if callable(v) else v for k, v in protect_kwargs.items()}
                denied = _run(state, client, values, on_deny or state.on_deny)
                if denied is not None:
                    return denied
                return current_app.ensure_sync(view)(*args, **kwargs)

            return cast(F, wrapper)

        return decorator

    # --------------------------------------------------------------- hooks

    def _before_request(self) -> Response | None:
        state = _state()
        if not state.client.rules or state.exclude(request.path) or self._is_exempt():
            return None
        return _run(state, state.client, {}, state.on_deny)

    def _is_exempt(self) -> bool:
        if request.blueprint is not None and any(
            bp in self._exempt_blueprints for bp in request.blueprints
        ):
            return True
        view = current_app.view_functions.get(request.endpoint or "")
        return bool(getattr(view, EXEMPT_ATTR, False))

    def _after_request(self, response: Response) -> Response:
        for name, value in g.get("_arcjet_headers", ()):
            if name not in response.headers:
                response.headers[name] = value
        return response


def _state() -> _AppState:
    try:
        state: _AppState = current_app.extensions[EXTENSION]
    except KeyError:
        raise RuntimeError("Arcjet is not initialised on this app: call Arcjet(app) or aj.init_app(app)") from None
    return state


def _run(state: _AppState, client: ArcjetSync, kwargs: dict[str, Any], on_deny: OnDeny | None) -> Response | None:
    """Protect the current request; the deny response, or None to go ahead."""
    accept = request.headers.get("Accept")
    if client_needs_body(client) and (request.content_length or 0) > client.body_limit:
        return _to_response(payload_too_large(accept))
    try:
        # Flask types its `request` proxy as Request, which hides LocalProxy's
        # documented _get_current_object(); hence the attr-defined ignores here.
        decision = client.protect(request._get_current_object(), **kwargs)  # type: ignore[attr-defined]
    except ArcjetMisconfiguration:
        raise
    except ArcjetError as exc:  # only with fail_open=False
        decision = error_decision(exc)
    g.arcjet_decision = decision
    denied = deny_response(decision, accept=accept, fail_open=client_fails_open(client))
    if denied is not None:
        if denied.status == REQUEST_TIMEOUT:
            # The body stalled: answer now and let go of the connection's
            # read side, so neither the reader nor the server waits for it.
            release_stalled_connection(request.environ)
            return _to_response(denied)
        if on_deny is not None:
            return make_response(on_deny(request._get_current_object(), decision))  # type: ignore[attr-defined]
        return _to_response(denied)
    headers = rate_limit_headers(decision)
    if headers:
        # The most specific decision (a view's rules run after the global ones) wins.
        g._arcjet_headers = headers
    return None


def _to_response(denied: DenyResponse) -> Response:
    return Response(denied.body, status=denied.status, headers=denied.headers, content_type=denied.content_type)
