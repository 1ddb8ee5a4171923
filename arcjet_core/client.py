"""The clients: ``arcjet()`` (async) and ``arcjet_sync()`` (sync).

Both build the same Engine; they differ only in how they perform the I/O the
engine asks for (the analyzer crossing and the storage round trip).
"""

from __future__ import annotations

import inspect
import logging
import os
from collections.abc import Callable, Mapping, Sequence
from time import perf_counter
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal, ParamSpec, TypeVar, Union

from arcjet_core._body import DEFAULT_BODY_TIMEOUT, check_body_timeout, mark_body_error
from arcjet_core.cache import TTLCache
from arcjet_core.client_ip import ClientIpDetails, ClientIpProvenance
from arcjet_core.context import (
    DEFAULT_BODY_LIMIT,
    RawRequest,
    RequestContext,
    raw_from_request,
    raw_from_request_async,
    request_kind,
)
from arcjet_core.decision import Decision, RuleResult, with_caller_context
from arcjet_core.dns_config import DEFAULT_DNS_TIMEOUT, check_dns_timeout, resolve_dns_servers
from arcjet_core.email_checks import EmailChecker, email_checker
from arcjet_core.engine import (
    AnalyzeCall,
    EmailCheckCall,
    Engine,
    Flow,
    IOCall,
    ProtectInput,
    StorageCall,
)
from arcjet_core.errors import ArcjetError, ArcjetMisconfiguration
from arcjet_core.fingerprint import check_ipv6_prefix
from arcjet_core.ip import (
    IpResolver,
    TrustedProxies,
    canonical_ip,
    parse_platform,
    parse_proxy_headers,
)
from arcjet_core.ip_intel import IpIntel
from arcjet_core.metadata import Metadata
from arcjet_core.observe import observer_from, shared
from arcjet_core.ratelimit import Storage, storage_from
from arcjet_core.rules import RuleSpec, coerce_characteristics, flatten_rules

# The reference's arguments that name its cloud service. There is no service
# here: saying so at start-up beats silently ignoring a setting someone chose.
_CLOUD_ONLY = {
    "base_url": "the Arcjet cloud API's address",
    "stack": "the hosting stack reported to the Arcjet cloud",
    "sdk_version": "the SDK version reported to the Arcjet cloud",
}


def reject_cloud_only(**given: object) -> None:
    for name, value in given.items():
        if value is not None:
            raise ArcjetMisconfiguration(
                f"{name} is {_CLOUD_ONLY[name]}; arcjet-local decides in-process with no cloud service, "
                f"so {name} does not apply: remove it"
            )

if TYPE_CHECKING:
    from arcjet_core.decision_log import DecisionLog

logger = logging.getLogger("arcjet")
P = ParamSpec("P")
C = TypeVar("C", bound="_ClientBase")

# decision_log=: a JSON Lines path, "redis://..." for a stream, a callable
# given each record, a DecisionLog shared between clients, or None (off).
DecisionLogTarget = Union[
    str, "os.PathLike[str]", Callable[[dict[str, Any]], object], "DecisionLog", None
]
# log_ip=: how the client IP appears in the decision log.
LogIp = Literal["full", "truncated", "hashed"]

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
        base_url: str | None = None,
        timeout_ms: int | None = None,
        stack: str | None = None,
        sdk_version: str | None = None,
        fail_open: bool = True,
        proxies: Sequence[str] | None = None,
        disable_automatic_ip_detection: bool = False,
        environment: str | None = None,
        storage: Storage | str | None = None,
        platform: str | None = None,
        proxy_headers: Sequence[str] | None = None,
        body_limit: int = DEFAULT_BODY_LIMIT,
        body_timeout: float = DEFAULT_BODY_TIMEOUT,
        deny_cache_size: int = 10_000,
        ipv6_prefix: int = 64,
        dns_servers: Sequence[str] | None = None,
        dns_timeout: float = DEFAULT_DNS_TIMEOUT,
        ip_database: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | None = None,
        decision_log: DecisionLogTarget = None,
        log_ip: LogIp = "full",
        metrics: object = None,
        tracing: object = None,
        _shared: tuple[Storage, TTLCache[RuleResult]] | None = None,
    ) -> None:
        reject_cloud_only(base_url=base_url, stack=stack, sdk_version=sdk_version)
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
            timeout_ms=timeout_ms,
        )
        self._options["ipv6_prefix"] = ipv6_prefix
        self._options.update(dns_servers=dns_servers, dns_timeout=dns_timeout)
        # MMDB files checked and opened now: a bad path fails at start-up, naming ip_database.
        ip_intel = IpIntel.from_option(ip_database)
        self._options["ip_database"] = ip_database
        # Decision log, metrics, tracing: None (the default) when all are off.
        self._observer = observer_from(decision_log, log_ip, metrics, tracing)
        self._options.update(shared(self._observer), log_ip=log_ip)
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
            self._storage = storage_from(storage, timeout_ms=timeout_ms)
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
            ip_intel=ip_intel,
        )
        # protect(request) with no keyword arguments is the common call: validate
        # that case once. None when it is invalid (e.g. email is required).
        if self._observer is not None:
            self._engine.on_storage_error = self._observer.storage_error
        try:
            self._bare_inputs: ProtectInput | None = self._engine.validate_inputs()
        except ArcjetMisconfiguration:
            self._bare_inputs = None
        ruleset: Any = None
        if self._engine.analyzes:  # rate limits alone never cross into the analyzer
            from arcjet_core.analyze import Ruleset

            ruleset = Ruleset(self._engine.analyzer_parts)
        # The DNS options are checked whether or not a rule uses them, so a bad
        # one fails when the client is made; email checks and crawler
        # verification (detect_bot(verify_dns=True)) share them.
        servers, timeout = resolve_dns_servers(dns_servers), check_dns_timeout(dns_timeout)
        checker = email_checker(self._engine.email_io_rules, servers=servers, timeout=timeout)
        verifier: Any = None
        if self._engine.verifies_dns:
            from arcjet_core.analyze import client_verifier

            verifier = client_verifier(servers, timeout)
        self._io = _Performer(ruleset, self._storage, verifier, checker)

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

    def _inputs(
        self,
        requested: int | None,
        characteristics: Mapping[str, Any] | None,
        email: str | None,
        sensitive_info_value: str | None,
        detect_prompt_injection_message: str | None,
        extra: Mapping[str, str] | None,
        filter_local: Mapping[str, str] | None,
        ip_src: str | None,
    ) -> ProtectInput:
        if (requested is None and characteristics is None and email is None and sensitive_info_value is None
                and detect_prompt_injection_message is None and extra is None and filter_local is None
                and ip_src is None and self._bare_inputs is not None):
            return self._bare_inputs
        return self._engine.validate_inputs(
            requested=1 if requested is None else requested, characteristics=characteristics, email=email,
            sensitive_info_value=sensitive_info_value, detect_prompt_injection_message=detect_prompt_injection_message,
            extra=extra, filter_local=filter_local, ip_src=ip_src,
        )

    def _finish(self, decision: Decision, raw: RawRequest, ctx: RequestContext, started: float,
                correlation_id: str | None, metadata: Metadata | None) -> Decision:
        """What both protect()s do after the flow: a body that could not be
        read, the caller's context, then the observer (the decision is final)."""
        if raw.body_error is not None:
            decision = mark_body_error(decision, raw.body_error, self.fail_open)
        if correlation_id is not None or metadata is not None:
            decision = with_caller_context(decision, correlation_id, metadata)
        if self._observer is not None:
            self._observer.observe(decision, ctx, started)
        return decision

    def client_ip_details(self, request: object, *, ip_src: str | None = None) -> ClientIpDetails:
        """Which client IP ``protect(request)`` would use, and where it came from.

        The tool for checking a proxy set-up: behind a load balancer that is
        not in ``proxies``, this says ``direct`` with the balancer's address.
        """
        if ip_src is not None:
            text = canonical_ip(ip_src) if isinstance(ip_src, str) else ""
            if not text:
                raise ArcjetMisconfiguration(f"client_ip_details(): ip_src {ip_src!r} is not an IP address")
            return ClientIpDetails(text, ClientIpProvenance.MANUAL, False)
        raw = raw_from_request(request)
        details = self._engine.resolver.explain(raw.peer, raw.headers)
        if request_kind(request) == "mapping" and details.provenance is ClientIpProvenance.DIRECT:
            # A plain mapping is a context the application built, not a connection we saw.
            return ClientIpDetails(details.ip, ClientIpProvenance.REQUEST, False, None)
        return details


class _Performer:
    """Does the flow's I/O steps: the analyzer crossing, DNS verification and
    the storage round trip. An ArcjetError is returned to the flow, not raised."""

    __slots__ = ("_email", "_ruleset", "_storage", "_verifier", "awaits")

    def __init__(self, ruleset: Any, storage: Storage, verifier: Any = None, email: EmailChecker | None = None) -> None:
        self._ruleset = ruleset
        self._email = email
        self._storage = storage
        self._verifier = verifier  # a DnsVerifier when a bot rule verifies crawlers by DNS
        # No step awaits (no DNS verification, an in-process store): the async
        # client then drives the flow as the sync one does, without a
        # coroutine per step.
        self.awaits = verifier is not None or storage.performs_io or email is not None

    def perform(self, call: IOCall) -> Any:
        try:
            if isinstance(call, StorageCall):
                return self._storage.run(call.ops)
            if isinstance(call, AnalyzeCall):
                return self._ruleset.analyze(call.ctx, email=(i := call.inputs).email, text=i.sensitive_info_value,
                                             local=i.filter_local, ip_fields=call.ip_fields,
                                             prompt=i.detect_prompt_injection_message)
            if isinstance(call, EmailCheckCall):
                return self._email.run(call.checks)  # type: ignore[union-attr]  # only yielded with a checker
            return [self._verifier.verify(call.ip, ids) for _, ids in call.checks]
        except ArcjetError as exc:
            return exc

    async def perform_async(self, call: IOCall) -> Any:
        try:
            if isinstance(call, StorageCall):
                if not self._storage.performs_io:
                    return self._storage.run(call.ops)
                return await self._storage.run_async(call.ops)
            if isinstance(call, AnalyzeCall):
                return self._ruleset.analyze(call.ctx, email=(i := call.inputs).email, text=i.sensitive_info_value,
                                             local=i.filter_local, ip_fields=call.ip_fields,
                                             prompt=i.detect_prompt_injection_message)  # CPU only: no await
            if isinstance(call, EmailCheckCall):
                return await self._email.run_async(call.checks)  # type: ignore[union-attr]
            return [await self._verifier.verify_async(call.ip, ids) for _, ids in call.checks]
        except ArcjetError as exc:
            return exc

    def drive(self, flow: Flow) -> Decision:
        try:
            call = next(flow)
            while True:
                call = flow.send(self.perform(call))
        except StopIteration as stop:
            result: Decision = stop.value
            return result

    async def drive_async(self, flow: Flow) -> Decision:
        try:
            call = next(flow)
            while True:
                call = flow.send(await self.perform_async(call))
        except StopIteration as stop:
            result: Decision = stop.value
            return result


class ArcjetSync(_ClientBase):
    """Sync client for Flask, Django and other WSGI frameworks."""

    def protect(
        self,
        request: object,
        *,
        requested: int | None = None,
        characteristics: Mapping[str, Any] | None = None,
        email: str | None = None,
        sensitive_info_value: str | None = None,
        detect_prompt_injection_message: str | None = None,
        extra: Mapping[str, str] | None = None,
        metadata: Metadata | None = None,
        filter_local: Mapping[str, str] | None = None,
        correlation_id: str | None = None,
        ip_src: str | None = None,
    ) -> Decision:
        """Decide on ``request`` (a framework request, ASGI scope or WSGI environ).

        The keywords are the reference's; ``metadata`` and ``correlation_id``
        never change the decision, they travel with it (``decision.metadata``,
        ``decision.correlation_id``, the decision log).
        """
        started = perf_counter() if self._observer is not None and self._observer.timed else 0.0
        inputs = self._inputs(requested, characteristics, email, sensitive_info_value, detect_prompt_injection_message,
                             extra, filter_local, ip_src)
        raw = raw_from_request(request, need_body=self._engine.needs_body, body_limit=self.body_limit,
                               body_timeout=self.body_timeout)
        ctx = self._engine.context_for(raw, inputs)
        decision = self._io.drive(self._engine.flow(ctx, inputs))
        return self._finish(decision, raw, ctx, started, correlation_id, metadata)

    def with_rule(self, rule: RuleSpec | Sequence[RuleSpec]) -> ArcjetSync:
        """A client with these rules added; it shares this client's storage and DENY cache."""
        return ArcjetSync(**self._derive(rule))

    def close(self) -> None:
        if self._observer is not None:
            self._observer.close()  # flushes the decision log
        if self._owns_storage:
            self._storage.close()

    def __enter__(self) -> ArcjetSync:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()


class Arcjet(_ClientBase):
    """Async client for FastAPI, Starlette and other ASGI frameworks."""

    async def protect(
        self,
        request: object,
        *,
        requested: int | None = None,
        characteristics: Mapping[str, Any] | None = None,
        email: str | None = None,
        sensitive_info_value: str | None = None,
        detect_prompt_injection_message: str | None = None,
        extra: Mapping[str, str] | None = None,
        metadata: Metadata | None = None,
        filter_local: Mapping[str, str] | None = None,
        correlation_id: str | None = None,
        ip_src: str | None = None,
    ) -> Decision:
        """Decide on ``request``; see ``ArcjetSync.protect``."""
        started = perf_counter() if self._observer is not None and self._observer.timed else 0.0
        inputs = self._inputs(requested, characteristics, email, sensitive_info_value, detect_prompt_injection_message,
                             extra, filter_local, ip_src)
        if self._engine.needs_body:
            raw = await raw_from_request_async(request, need_body=True, body_limit=self.body_limit,
                                               body_timeout=self.body_timeout)
        else:
            raw = raw_from_request(request)
        ctx = self._engine.context_for(raw, inputs)
        if self._io.awaits:
            decision = await self._io.drive_async(self._engine.flow(ctx, inputs))
        else:
            decision = self._io.drive(self._engine.flow(ctx, inputs))
        return self._finish(decision, raw, ctx, started, correlation_id, metadata)

    def with_rule(self, rule: RuleSpec | Sequence[RuleSpec]) -> Arcjet:
        """A client with these rules added; it shares this client's storage and DENY cache."""
        return Arcjet(**self._derive(rule))

    async def aclose(self) -> None:
        if self._observer is not None:
            await self._observer.aclose()  # flushes the decision log
        if self._owns_storage:
            await self._storage.aclose()

    def close(self) -> None:
        if self._observer is not None:
            self._observer.close()
        if self._owns_storage:
            self._storage.close()

    async def __aenter__(self) -> Arcjet:
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        await self.aclose()


def _factory(cls: Callable[P, C], name: str, doc: str) -> Callable[P, C]:
    """A function with ``cls``'s constructor signature (for mypy, IDEs and
    ``inspect``), as the reference's ``arcjet()`` / ``arcjet_sync()`` are
    functions; the keywords are declared once, on ``_ClientBase``."""

    def make(*args: P.args, **kwargs: P.kwargs) -> C:
        return cls(*args, **kwargs)

    make.__name__ = make.__qualname__ = name
    make.__doc__ = doc
    make.__signature__ = inspect.signature(cls).replace(return_annotation=cls.__name__)  # type: ignore[attr-defined]
    return make


arcjet = _factory(Arcjet, "arcjet", """Create the async client. Call once at start-up and reuse it.

The reference's keywords first (``base_url``, ``stack`` and ``sdk_version``
name its cloud service and raise here), then this project's: ``storage``
(memory or a Redis URL), client-IP trust (``platform``, ``proxy_headers``),
body bounds, DNS, IP data and observability (``decision_log``, ``log_ip``,
``metrics``, ``tracing``).
""")
arcjet_sync = _factory(ArcjetSync, "arcjet_sync",
                       "Create the sync client. Call once at start-up and reuse it (see ``arcjet``).")
