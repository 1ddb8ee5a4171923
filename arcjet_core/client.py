"""The clients: ``arcjet()`` (async) and ``arcjet_sync()`` (sync).

Both build the same Engine; they differ only in how they perform the I/O the
engine asks for (the analyzer crossing and the storage round trip).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping, Sequence
from types import TracebackType
from typing import Any

from arcjet_core._body import DEFAULT_BODY_TIMEOUT, check_body_timeout, mark_body_error
from arcjet_core.cache import TTLCache
from arcjet_core.context import DEFAULT_BODY_LIMIT, raw_from_request, raw_from_request_async
from arcjet_core.decision import Decision, RuleResult
from arcjet_core.engine import AnalyzeCall, Engine, Flow, IOCall, ProtectInput
from arcjet_core.errors import ArcjetError, ArcjetMisconfiguration
from arcjet_core.fingerprint import check_ipv6_prefix
from arcjet_core.ip import IpResolver, TrustedProxies, parse_platform, parse_proxy_headers
from arcjet_core.ratelimit import Storage, storage_from
from arcjet_core.rules import RuleSpec, coerce_characteristics, flatten_rules

logger = logging.getLogger("arcjet")

_LOG_LEVEL_ENV = "ARCJET_LOG_LEVEL"


def _configure_logging() -> None:
    level = os.environ.get(_LOG_LEVEL_ENV)
    if level:
        logger.setLevel(level.strip().upper())


def _is_development(environment: str | None) -> bool:
    env = environment if environment is not None else os.environ.get("ARCJET_ENV", "")
    return env.strip().lower() in ("development", "dev")


class _ClientBase:
    """Validation and wiring shared by both clients; no I/O."""

    def __init__(
        self,
        *,
        key: str,
        rules: Sequence[RuleSpec] | None = None,
        characteristics: Sequence[str] = (),
        proxies: Sequence[str] | None = None,
        environment: str | None = None,
        fail_open: bool = True,
        storage: Storage | str | None = None,
        disable_automatic_ip_detection: bool = False,
        platform: str | None = None,
        proxy_headers: Sequence[str] | None = None,
        body_limit: int = DEFAULT_BODY_LIMIT,
        body_timeout: float = DEFAULT_BODY_TIMEOUT,
        deny_cache_size: int = 10_000,
        ipv6_prefix: int = 64,
        _shared: tuple[Storage, TTLCache[RuleResult]] | None = None,
    ) -> None:
        if not isinstance(key, str) or not key.strip():
            raise ArcjetMisconfiguration("key must be a non-empty string (it namespaces this client's state)")
        for name, flag in (("fail_open", fail_open), ("disable_automatic_ip_detection", disable_automatic_ip_detection)):
            if not isinstance(flag, bool):
                raise ArcjetMisconfiguration(f"{name} must be a bool, got {flag!r}")
        if isinstance(body_limit, bool) or not isinstance(body_limit, int) or body_limit < 0:
            raise ArcjetMisconfiguration(f"body_limit must be a non-negative int, got {body_limit!r}")
        body_timeout = check_body_timeout(body_timeout)
        check_ipv6_prefix(ipv6_prefix)
        if environment is not None and not isinstance(environment, str):
            raise ArcjetMisconfiguration(f"environment must be a string, got {environment!r}")
        _configure_logging()
        self._options: dict[str, Any] = dict(
            key=key, characteristics=tuple(characteristics), proxies=proxies, environment=environment,
            fail_open=fail_open, disable_automatic_ip_detection=disable_automatic_ip_detection,
            platform=platform, body_limit=body_limit, body_timeout=body_timeout, deny_cache_size=deny_cache_size,
        )
        self._options["ipv6_prefix"] = ipv6_prefix
        self.rules = flatten_rules(rules)
        self.key = key
        self.body_limit = body_limit
        # Seconds a body rule waits for the whole body before giving up (408).
        self.body_timeout = body_timeout
        resolver = IpResolver(TrustedProxies.parse(proxies), parse_platform(platform), _is_development(environment),
                              parse_proxy_headers(proxy_headers))
        self._options["proxy_headers"] = proxy_headers
        if not disable_automatic_ip_detection:
            resolver.announce()  # at start-up, once: whose forwarding headers are believed
        if _shared is not None:
            self._storage, cache = _shared
            self._owns_storage = False
        else:
            self._storage = storage_from(storage)
            self._owns_storage = True
            cache = TTLCache(max_entries=deny_cache_size)
        self._engine = Engine(
            namespace=key,
            rules=self.rules,
            characteristics=coerce_characteristics(characteristics),
            resolver=resolver,
            disable_automatic_ip_detection=disable_automatic_ip_detection,
            fail_open=fail_open,
            cache=cache,
            ipv6_prefix=ipv6_prefix,
        )
        # protect(request) with no keyword arguments is the common call: validate
        # that case once. None when it is invalid (e.g. email is required).
        try:
            self._bare_inputs: ProtectInput | None = self._engine.validate_inputs()
        except ArcjetMisconfiguration:
            self._bare_inputs = None
        self._ruleset: Any = None
        if self._engine.analyzes:  # rate limits alone never cross into the analyzer
            from arcjet_core.analyze import Ruleset

            self._ruleset = Ruleset(self.rules)
        # No step awaits (no DNS verification, an in-process store): the async
        # client then drives the flow as the sync one does, without a
        # coroutine per step.
        self._awaits_io = bool(self._ruleset is not None and self._ruleset.awaits_io) or self._storage.performs_io

    @property
    def storage(self) -> Storage:
        return self._storage

    @property
    def needs_body(self) -> bool:
        """True when a rule (shield) inspects the request body: adapters buffer it then."""
        return self._engine.needs_body

    @property
    def fail_open(self) -> bool:
        return self._engine.fail_open

    def _derive(self, rule: RuleSpec | Sequence[RuleSpec]) -> dict[str, Any]:
        extra = flatten_rules(rule, "rule")
        return dict(self._options, rules=(*self.rules, *extra),
                    _shared=(self._storage, self._engine.cache))

    def _inputs(self, kwargs: Mapping[str, Any]) -> ProtectInput:
        if not kwargs and self._bare_inputs is not None:
            return self._bare_inputs
        return self._engine.validate_inputs(**kwargs)


def _perform(call: IOCall, ruleset: Any, storage: Storage) -> Any:
    """Do one step of the flow synchronously; an ArcjetError is returned, not raised."""
    try:
        if isinstance(call, AnalyzeCall):
            return ruleset.analyze(
                call.ctx, email=call.inputs.email, characteristics=call.inputs.characteristics,
                fingerprint_sets=(),
            )
        return storage.run(call.ops)
    except ArcjetError as exc:
        return exc


async def _perform_async(call: IOCall, ruleset: Any, storage: Storage) -> Any:
    try:
        if isinstance(call, AnalyzeCall):
            return await ruleset.analyze_async(
                call.ctx, email=call.inputs.email, characteristics=call.inputs.characteristics,
                fingerprint_sets=(),
            )
        return await storage.run_async(call.ops)
    except ArcjetError as exc:
        return exc


def _drive_sync(flow: Flow, ruleset: Any, storage: Storage) -> Decision:
    try:
        call = next(flow)
        while True:
            call = flow.send(_perform(call, ruleset, storage))
    except StopIteration as stop:
        result: Decision = stop.value
        return result


async def _drive_async(flow: Flow, ruleset: Any, storage: Storage) -> Decision:
    # A coroutine per step costs microseconds; steps that do no I/O (the
    # analyzer without DNS verification, an in-process store) run directly.
    analyze_awaits = ruleset is not None and ruleset.awaits_io
    try:
        call = next(flow)
        while True:
            awaits = analyze_awaits if isinstance(call, AnalyzeCall) else storage.performs_io
            outcome = await _perform_async(call, ruleset, storage) if awaits else _perform(call, ruleset, storage)
            call = flow.send(outcome)
    except StopIteration as stop:
        result: Decision = stop.value
        return result


class ArcjetSync(_ClientBase):
    """Sync client for Flask, Django and other WSGI frameworks."""

    def protect(self, request: object, **kwargs: Any) -> Decision:
        inputs = self._inputs(kwargs)
        raw = raw_from_request(request, need_body=self._engine.needs_body, body_limit=self.body_limit,
                               body_timeout=self.body_timeout)
        ctx = self._engine.context_for(raw, inputs)
        decision = _drive_sync(self._engine.flow(ctx, inputs), self._ruleset, self._storage)
        if raw.body_error is not None:
            decision = mark_body_error(decision, raw.body_error, self.fail_open)
        return decision

    def with_rule(self, rule: RuleSpec | Sequence[RuleSpec]) -> ArcjetSync:
        """A client with these rules added; it shares this client's storage and DENY cache."""
        return ArcjetSync(**self._derive(rule))

    def close(self) -> None:
        if self._owns_storage:
            self._storage.close()

    def __enter__(self) -> ArcjetSync:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()


class Arcjet(_ClientBase):
    """Async client for FastAPI, Starlette and other ASGI frameworks."""

    async def protect(self, request: object, **kwargs: Any) -> Decision:
        inputs = self._inputs(kwargs)
        if self._engine.needs_body:
            raw = await raw_from_request_async(request, need_body=True, body_limit=self.body_limit,
                                               body_timeout=self.body_timeout)
        else:
            raw = raw_from_request(request)
        ctx = self._engine.context_for(raw, inputs)
        if not self._awaits_io:
            decision = _drive_sync(self._engine.flow(ctx, inputs), self._ruleset, self._storage)
        else:
            decision = await _drive_async(self._engine.flow(ctx, inputs), self._ruleset, self._storage)
        if raw.body_error is not None:
            decision = mark_body_error(decision, raw.body_error, self.fail_open)
        return decision

    def with_rule(self, rule: RuleSpec | Sequence[RuleSpec]) -> Arcjet:
        """A client with these rules added; it shares this client's storage and DENY cache."""
        return Arcjet(**self._derive(rule))

    async def aclose(self) -> None:
        if self._owns_storage:
            await self._storage.aclose()

    def close(self) -> None:
        if self._owns_storage:
            self._storage.close()

    async def __aenter__(self) -> Arcjet:
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        await self.aclose()


def arcjet(**kwargs: Any) -> Arcjet:
    """Create the async client. Call once at start-up and reuse it."""
    return Arcjet(**kwargs)


def arcjet_sync(**kwargs: Any) -> ArcjetSync:
    """Create the sync client. Call once at start-up and reuse it."""
    return ArcjetSync(**kwargs)
