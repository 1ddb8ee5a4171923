"""The Flask extension: ``Arcjet(app)`` or ``aj = Arcjet(); aj.init_app(app)``.

Configuration comes from the constructor (defaults for every app) and from
``app.config["ARCJET_*"]`` (wins, per app)::

    ARCJET_KEY          str, required
    ARCJET_RULES        rules run before every request (empty: no global protection)
    ARCJET_PROXIES      trusted proxy IPs / CIDRs
    ARCJET_PROXY_HEADERS  headers read from them: ["x-forwarded-for"] (default), "forwarded", "x-real-ip"
    ARCJET_STORAGE      "memory://" (default) or "redis://..."
    ARCJET_TIMEOUT_MS   milliseconds each Redis command may take (the storage URL's default otherwise)
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
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from flask import Blueprint, Flask, Request, Response, current_app, g, make_response, request
from flask.typing import ResponseReturnValue

from arcjet_core import ArcjetMisconfiguration, ArcjetSync, Decision, RuleSpec, arcjet_sync
from arcjet_core._body import release_stalled_connection
from arcjet_core.adapter import HeaderPairs, RequestGuard
from arcjet_core.responses import DenyResponse, PathMatcher
from arcjet_core.rules import flatten_rules

EXTENSION = "arcjet"
CONFIG_TO_ARGUMENT = {
    "ARCJET_KEY": "key",
    "ARCJET_RULES": "rules",
    "ARCJET_PROXIES": "proxies",
    "ARCJET_PROXY_HEADERS": "proxy_headers",
    "ARCJET_STORAGE": "storage",
    "ARCJET_TIMEOUT_MS": "timeout_ms",
    "ARCJET_FAIL_OPEN": "fail_open",
    "ARCJET_ENVIRONMENT": "environment",
    "ARCJET_BODY_LIMIT": "body_limit",
    "ARCJET_BODY_TIMEOUT": "body_timeout",
    "ARCJET_IPV6_PREFIX": "ipv6_prefix",
    "ARCJET_CHARACTERISTICS": "characteristics",
    "ARCJET_PLATFORM": "platform",
    "ARCJET_DNS_SERVERS": "dns_servers",
    "ARCJET_DNS_TIMEOUT": "dns_timeout",
    "ARCJET_IP_DATABASE": "ip_database",
    "ARCJET_DECISION_LOG": "decision_log",
    "ARCJET_LOG_IP": "log_ip",
    "ARCJET_METRICS": "metrics",
    "ARCJET_TRACING": "tracing",
}
EXEMPT_ATTR = "_arcjet_exempt"
_NO_VALUES: dict[str, Any] = {}

F = TypeVar("F", bound=Callable[..., Any])
Exemptable = TypeVar("Exemptable", bound="Callable[..., Any] | Blueprint")
OnDeny = Callable[[Any, Decision], ResponseReturnValue]


def _accept(req: Request) -> str | None:
    return req.headers.get("Accept")


@dataclass
class _AppState:
    """One app's clients; ``app.extensions["arcjet"]``."""

    guard: RequestGuard
    client_args: dict[str, Any]
    exclude: PathMatcher
    on_deny: OnDeny | None
    route_guards: dict[int, RequestGuard] = field(default_factory=dict)
    # Endpoint -> left out of the global rules (aj.exempt); endpoints are few and fixed.
    exempt: dict[str | None, bool] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def client(self) -> ArcjetSync:
        client = self.guard.client
        assert isinstance(client, ArcjetSync)
        return client

    def route_guard(self, rules: tuple[RuleSpec, ...], on_deny: OnDeny | None) -> RequestGuard:
        """The guard for one decorated view: its own rules, this app's storage."""
        key = id(rules)
        guard = self.route_guards.get(key)
        if guard is None:
            with self.lock:
                guard = self.route_guards.get(key)
                if guard is None:
                    client = arcjet_sync(**dict(self.client_args, rules=rules, storage=self.client.storage))
                    guard = RequestGuard(client, accept=_accept, on_deny=on_deny or self.on_deny)
                    self.route_guards[key] = guard
        return guard


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
        # Whether anything was exempted: until then no request needs its endpoint looked at.
        self._exempting = False
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
            guard=RequestGuard(arcjet_sync(**args), accept=_accept, on_deny=self._on_deny),
            client_args={k: v for k, v in args.items() if k not in ("rules", "storage")},
            exclude=PathMatcher(exclude, "ARCJET_EXCLUDE"),
            on_deny=self._on_deny,
        )
        app.extensions[EXTENSION] = state
        if state.guard.client.rules:
            # Bound to this app's state: no current_app look-up per request.
            app.before_request(functools.partial(self._before_request, state))
        app.after_request(_after_request)

    # ------------------------------------------------------------ public API

    def exempt(self, target: Exemptable) -> Exemptable:
        """Leave a view function (or a whole Blueprint) out of the global rules."""
        if isinstance(target, Blueprint):
            self._exempt_blueprints.add(target.name)
        else:
            setattr(target, EXEMPT_ATTR, True)
        self._exempting = True
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
                guard = _state().route_guard(route_rules, on_deny)
                values = {k: v(request) if callable(v) else v for k, v in protect_kwargs.items()}
                denied = _run(guard, values)
                if denied is not None:
                    return denied
                return current_app.ensure_sync(view)(*args, **kwargs)

            return cast(F, wrapper)

        return decorator

    # --------------------------------------------------------------- hooks

    def _before_request(self, state: _AppState) -> Response | None:
        if state.exclude and state.exclude(request.path):
            return None
        if self._exempting:
            # Exemptions are declared with the routes, before requests: one
            # answer per endpoint.
            endpoint = request.endpoint
            exempt = state.exempt.get(endpoint)
            if exempt is None:
                exempt = state.exempt[endpoint] = self._is_exempt()
            if exempt:
                return None
        return _run(state.guard, _NO_VALUES)

    def _is_exempt(self) -> bool:
        if request.blueprint is not None and any(
            bp in self._exempt_blueprints for bp in request.blueprints
        ):
            return True
        view = current_app.view_functions.get(request.endpoint or "")
        return bool(getattr(view, EXEMPT_ATTR, False))


def _after_request(response: Response) -> Response:
    headers: HeaderPairs | None = g.get("_arcjet_headers")
    if headers and "RateLimit" not in response.headers:
        for name, value in headers:
            response.headers.add(name, value)
    return response


def _state() -> _AppState:
    try:
        state: _AppState = current_app.extensions[EXTENSION]
    except KeyError:
        raise RuntimeError("Arcjet is not initialised on this app: call Arcjet(app) or aj.init_app(app)") from None
    return state


def _run(guard: RequestGuard, kwargs: Mapping[str, Any]) -> Response | None:
    """Protect the current request; the deny response, or None to go ahead.

    The ``request`` proxy itself goes to protect() and on_deny: it is a
    Flask Request to every isinstance check and attribute read."""
    if guard.needs_body:
        refused = guard.too_large(request, request.content_length)
        if refused is not None:
            return _to_response(refused)
    outcome = guard.guard_sync(request, kwargs)
    g.arcjet_decision = outcome.decision
    if outcome.headers:
        # Added in after_request, to whichever response goes out; the most
        # specific decision (a view's rules run after the global ones) wins.
        g._arcjet_headers = outcome.headers
    if outcome.denied is None:
        return None
    if outcome.timed_out:
        # The body stalled: answer now and let go of the connection's
        # read side, so neither the reader nor the server waits for it.
        release_stalled_connection(request.environ)
    if outcome.replacement is not None:
        return make_response(outcome.replacement)
    return _to_response(outcome.denied)


def _to_response(denied: DenyResponse) -> Response:
    return Response(denied.body, status=denied.status, headers=denied.headers, content_type=denied.content_type)
