"""evaluate(rules, request) -> Decision, once for sync and async.

The flow is a generator that does no I/O itself: it yields what it needs done
(one analyzer crossing, DNS verification of claimed crawlers, one storage
round trip) and is resumed with the result, or with the ArcjetError that doing
it raised. ``run_sync`` and ``run_async`` in the client are the only places
that differ, so the two clients cannot drift apart.

The engine never asks which kind a rule is: each kind's module
(``arcjet_core.kinds``) compiles its rules into ``PreparedRule`` objects, and
the flow walks them through that interface.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Generator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from arcjet_core.cache import BoundedMemo, TTLCache
from arcjet_core.context import RawRequest, RequestContext
from arcjet_core.decision import Decision, ErrorReason, RuleResult, aggregate
from arcjet_core.email_checks import EmailCheck
from arcjet_core.enums import Conclusion, RuleState
from arcjet_core.errors import ArcjetError, ArcjetMisconfiguration
from arcjet_core.fingerprint import DEFAULT_IPV6_PREFIX, FingerprintPlan
from arcjet_core.ip import IpResolver, canonical_ip
from arcjet_core.ip_intel import IpIntel, filter_fields
from arcjet_core.kinds import AnalyzerPart, PreparedRule, prepare
from arcjet_core.kinds._spec import DEFAULT_CHARACTERISTICS
from arcjet_core.kinds.email import apply_checks, io_rules, plan_checks
from arcjet_core.logsafe import RateLimitedWarning, safe
from arcjet_core.ratelimit import Op
from arcjet_core.rules import RuleSpec

logger = logging.getLogger("arcjet")
# A Redis outage fails every request's rate limit: one warning per rule a minute, not one per request.
_fault_warnings = RateLimitedWarning(logger)

# Content results remembered per client (see Engine._inspect).
CONTENT_MEMO_SIZE = 1024
# The NOT_RUN message of a rule whose lookup was not made: the request was denied without it.
SKIPPED_LOOKUP = "not looked up: an earlier LIVE rule denied the request"
# protect() keyword arguments a kind may require, by PreparedRule.required_inputs.
_REQUIRABLE = ("email",)


@dataclass(frozen=True, slots=True)
class ProtectInput:
    """protect()'s keyword arguments, validated."""

    requested: int = 1
    characteristics: Mapping[str, str] = field(default_factory=dict)
    email: str | None = None
    sensitive_info_value: str | None = None
    detect_prompt_injection_message: str | None = None
    filter_local: Mapping[str, str] = field(default_factory=dict)
    extra: Mapping[str, str] = field(default_factory=dict)
    ip_src: str | None = None


class AnalyzeCall(NamedTuple):
    """Inspect the request with the rules' analyzer parts. Fingerprints are
    not asked for: they are computed on the host (arcjet_core.fingerprint), so
    a failed analyzer call cannot leave a rate limit without a key."""

    ctx: RequestContext
    inputs: ProtectInput
    # The client IP's details as filter fields (flat [name, value, ...]),
    # only when a filter reads ip.src.* (arcjet_core.ip_intel.filter_fields).
    ip_fields: Sequence[str] = ()


class DnsCall(NamedTuple):
    """Verify crawlers by reverse and forward DNS: for each (rule index,
    claimed bot ids), the verifier's verdict comes back in order."""

    ip: str
    checks: tuple[tuple[int, tuple[str, ...]], ...]


class EmailCheckCall(NamedTuple):
    """The I/O checks of validate_email rules (MX lookup, Gravatar) for an
    address the analyzer found valid: one EmailFacts per check comes back,
    in order."""

    checks: tuple[EmailCheck, ...]


class StorageCall(NamedTuple):
    ops: tuple[Op, ...]


class LookupPlan(NamedTuple):
    """A request's lookups, planned once from the analysis: DnsCall's checks,
    EmailCheckCall's checks, and the rules whose verdicts wait on them."""

    dns: tuple[tuple[int, tuple[str, ...]], ...]
    email: tuple[EmailCheck, ...]
    rule_indexes: tuple[int, ...]


IOCall = AnalyzeCall | DnsCall | EmailCheckCall | StorageCall
Flow = Generator[IOCall, Any, Decision]


def _str_mapping(value: object, param: str) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise ArcjetMisconfiguration(f"protect(): {param} must be a mapping, got {type(value).__name__}")
    out: dict[str, str] = {}
    for k, v in value.items():
        if not isinstance(k, str) or not k:
            raise ArcjetMisconfiguration(f"protect(): {param} keys must be non-empty strings, got {k!r}")
        if v is None:
            raise ArcjetMisconfiguration(f"protect(): {param}[{k!r}] is None")
        out[k] = v if isinstance(v, str) else str(v)
    return out


def _optional_str(value: object, param: str) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise ArcjetMisconfiguration(f"protect(): {param} must be a string, got {type(value).__name__}")


class Engine:
    """Everything protect() does that is not I/O. Built once per client."""

    def __init__(
        self,
        *,
        namespace: str,
        rules: Sequence[RuleSpec],
        characteristics: tuple[str, ...],
        resolver: IpResolver,
        disable_automatic_ip_detection: bool,
        fail_open: bool,
        cache: TTLCache[RuleResult],
        ipv6_prefix: int = DEFAULT_IPV6_PREFIX,
        ip_intel: IpIntel | None = None,
    ) -> None:
        self.namespace = namespace
        # IP details for each decision, looked up only when read (None: never).
        self.ip_intel = ip_intel
        self.rules = tuple(rules)
        self.resolver = resolver
        self.disable_automatic_ip_detection = disable_automatic_ip_detection
        self.fail_open = fail_open
        self.cache = cache
        self.prepared = prepare(self.rules, namespace=namespace,
                                default_characteristics=characteristics or DEFAULT_CHARACTERISTICS)
        self.analyzer_parts: tuple[AnalyzerPart, ...] = tuple(
            part for p in self.prepared if (part := p.analyzer_part()) is not None)
        self.analyzes = bool(self.analyzer_parts)  # rate limits alone never cross into the analyzer
        self._dns_rules = tuple(part.index for part in self.analyzer_parts if part.verify_dns)
        self.verifies_dns = bool(self._dns_rules)
        # validate_email rules whose checks need I/O: the flow's email step.
        self.email_io_rules = io_rules(self.prepared)
        self._looks_up = bool(self._dns_rules or self.email_io_rules)
        self.needs_body = any(part.body_bytes >= 0 or part.text_bytes >= 0 or part.prompt_bytes >= 0
                              for part in self.analyzer_parts)
        self._reads_ip_details = any(part.reads_ip_details for part in self.analyzer_parts)
        self._inspectors = tuple(p for p in self.prepared if p.inspects)
        self._stateful = tuple(p for p in self.prepared if p.stateful)
        # One fingerprint plan per distinct characteristics set: rules keyed by
        # the same set share the request's fingerprint.
        sets = list(dict.fromkeys(p.characteristics for p in self._stateful))
        self._plans = tuple(FingerprintPlan(chars, ipv6_prefix) for chars in sets)
        self._slot = {p.index: sets.index(p.characteristics) for p in self._stateful}
        self._required = {name: p.factory_name for p in self.prepared for name in p.required_inputs}
        unknown = set(self._required) - set(_REQUIRABLE)
        if unknown:
            raise ArcjetMisconfiguration(f"a rule kind requires unknown protect() inputs: {sorted(unknown)}")
        # Content results are a pure function of the analyzer's outcomes unless
        # a rule reads protect()'s inputs too; then they are not memoised.
        self._memoise = not any(p.reads_request for p in self._inspectors)
        # By the identity of the analyzer's outcomes object: one entry per
        # distinct verdict (the analyzer shares equal outputs), not per client.
        self._content_memo: BoundedMemo[int, tuple[object, dict[int, RuleResult], dict[int, int], bool]] = (
            BoundedMemo(CONTENT_MEMO_SIZE))
        # Told of each failed storage round trip (the client's metrics); None: nobody asked.
        self.on_storage_error: Callable[[], None] | None = None
        # The DRY_RUN would-deny INFO line is looked for only when a DRY_RUN rule exists.
        self._has_dry_run = any(p.dry_run for p in self.prepared)

    # ------------------------------------------------------------ inputs

    def validate_inputs(
        self,
        *,
        requested: object = 1,
        characteristics: object = None,
        email: object = None,
        sensitive_info_value: object = None,
        detect_prompt_injection_message: object = None,
        filter_local: object = None,
        extra: object = None,
        ip_src: object = None,
    ) -> ProtectInput:
        if isinstance(requested, bool) or not isinstance(requested, int) or requested < 1:
            raise ArcjetMisconfiguration(f"protect(): requested must be a positive integer, got {requested!r}")
        email_s = _optional_str(email, "email")
        prompt = _optional_str(detect_prompt_injection_message, "detect_prompt_injection_message")
        given = {"email": email_s or None, "detect_prompt_injection_message": prompt}
        for name, factory in self._required.items():
            if given[name] is None:
                raise ArcjetMisconfiguration(f"protect(): {factory} is configured, so {name}=... is required")
        ip_s = _optional_str(ip_src, "ip_src")
        if ip_s is not None and not self.disable_automatic_ip_detection:
            raise ArcjetMisconfiguration(
                "protect(): ip_src is only honoured when the client is created with disable_automatic_ip_detection=True"
            )
        if self.disable_automatic_ip_detection and ip_s is None:
            raise ArcjetMisconfiguration(
                "protect(): the client has disable_automatic_ip_detection=True, so ip_src=... is required"
            )
        if ip_s is not None and not canonical_ip(ip_s):
            raise ArcjetMisconfiguration(f"protect(): ip_src {ip_s!r} is not an IP address")
        return ProtectInput(
            requested=requested,
            characteristics=_str_mapping(characteristics, "characteristics"),
            email=email_s,
            sensitive_info_value=_optional_str(sensitive_info_value, "sensitive_info_value"),
            detect_prompt_injection_message=prompt,
            filter_local=_str_mapping(filter_local, "filter_local"),
            extra=_str_mapping(extra, "extra"),
            ip_src=ip_s,
        )

    def context_for(self, raw: RawRequest, inputs: ProtectInput) -> RequestContext:
        if inputs.ip_src is not None:
            ip = canonical_ip(inputs.ip_src)
        else:
            ip = self.resolver.resolve(raw.peer, raw.headers)
        return raw.to_context(ip)

    # -------------------------------------------------------------- flow

    def flow(self, ctx: RequestContext, inputs: ProtectInput) -> Flow:
        # A pending lookup: done at most once, when a step or the caller reads it.
        ip_details = self.ip_intel.pending(ctx.ip) if self.ip_intel is not None and ctx.ip else None
        if not self.prepared:
            return aggregate((), ip_details=ip_details, ip_address=ctx.ip)
        analysis: Any = None
        if self.analyzes:
            fields = filter_fields(ip_details.resolve()) if self._reads_ip_details and ip_details is not None else ()
            analysis = yield AnalyzeCall(ctx, inputs, fields)
        error = analysis if isinstance(analysis, ArcjetError) else None
        results, charges, denied = self._inspect(ctx, analysis, error, inputs)
        # The DNS and email lookups this request's verdicts wait on (made after storage, below).
        plan = self._plan_lookups(analysis, inputs) if self._looks_up and error is None else None

        # Stateful rules need the client's fingerprint and a storage op,
        # unless the DENY cache already knows the answer. After a LIVE deny
        # only ops counted_after_deny still run.
        fingerprints: list[str | None] | None = None
        pending: list[tuple[PreparedRule, str, int]] = []
        cache = self.cache
        for p in self._stateful:
            if p.inspects:
                amount = charges.get(p.index)
                if amount is None:
                    continue  # its content step asked for no charge
            elif denied:
                continue
            else:
                amount = p.amount(inputs)
            slot = self._slot[p.index]
            if fingerprints is None:
                fingerprints = [None] * len(self._plans)
            fingerprint = fingerprints[slot]
            if fingerprint is None:
                fingerprint = fingerprints[slot] = self._plans[slot].compute(ctx, inputs.characteristics)
            if fingerprint is None:
                current = results.get(p.index)
                if current is None or not current.is_denied():
                    results[p.index] = p.result(RuleState.RUN, Conclusion.ERROR,
                                                ErrorReason(self._plans[slot].missing(ctx, inputs.characteristics)))
                continue
            cached = None if cache.empty else cache.get(p.deny_cache_key(fingerprint, amount))
            if cached is None:
                pending.append((p, fingerprint, amount))
                continue
            result, ttl = cached
            results[p.index] = p.from_cache(result, fingerprint, ttl)
            denied = denied or not result.dry_run
        if denied:
            for p in self._stateful:
                if not p.counted_after_deny and p.index not in results:
                    results[p.index] = p.not_run("an earlier LIVE rule denied the request")
            pending = [item for item in pending if item[0].counted_after_deny or item[0].index not in results]

        if pending:
            outcomes = yield StorageCall(tuple([p.op(p.key_prefix + fp, amount) for p, fp, amount in pending]))
            if isinstance(outcomes, ArcjetError) and self.on_storage_error is not None:
                self.on_storage_error()
            for i, (p, fp, amount) in enumerate(pending):
                if isinstance(outcomes, ArcjetError):
                    results[p.index] = p.storage_failed(fp, results.get(p.index), outcomes)
                    continue
                result, cache_seconds = p.conclude(fp, outcomes[i], results.get(p.index))
                if cache_seconds > 0 and not p.dry_run:
                    cache.set(p.deny_cache_key(fp, amount), result, cache_seconds)
                results[p.index] = result

        if plan is not None:
            # Lookups go out to DNS servers and take up to their timeout, at
            # the client's rate and with names of its choosing: they come
            # after the client's limits have been counted, and not at all
            # when anything else already denies the request.
            waiting = plan.rule_indexes
            if any(r.is_denied() and not r.dry_run for i, r in results.items() if i not in waiting):
                for index in waiting:
                    results[index] = self.prepared[index].not_run(SKIPPED_LOOKUP)
            else:
                looked = yield from self._look_up(ctx, analysis, plan)
                looked_error = looked if isinstance(looked, ArcjetError) else None
                for index in waiting:  # only these rules' verdicts changed
                    results[index] = self.prepared[index].inspect(ctx, looked, looked_error, inputs)[0]

        ordered = [results[p.index] for p in self.prepared]
        decision = aggregate(ordered, ip_details=ip_details, ip_address=ctx.ip)
        self._log(decision, inputs, ctx)
        if not self.fail_open:
            errors = [r for r in ordered if r.is_error() and not r.dry_run]
            if errors:
                message = "; ".join(getattr(r.reason_v2, "message", "") for r in errors)
                raise ArcjetError(f"fail_open=False and a rule failed: {message}")
        return decision

    def _plan_lookups(self, analysis: Any, inputs: ProtectInput) -> LookupPlan | None:
        """The crawlers to verify by DNS and the email checks (MX, Gravatar)
        this request's verdicts need; None for most requests."""
        # Imported here: the analyzer package loads wasmtime.
        from arcjet_core.analyze import dns_candidates

        dns = dns_candidates(analysis, self._dns_rules) if self._dns_rules else ()
        email = plan_checks(analysis, inputs.email, self.email_io_rules)
        if not dns and not email:
            return None
        indexes = tuple(dict.fromkeys([index for index, _ in dns] + [check.rule_index for check in email]))
        return LookupPlan(dns, email, indexes)

    def _look_up(self, ctx: RequestContext, analysis: Any, plan: LookupPlan) -> Generator[IOCall, Any, Any]:
        """The analysis with the DNS step's verdicts (crawlers the analyzer
        could not verify by IP) and the email step's answers (addresses the
        analyzer found valid) applied."""
        if plan.dns:
            from arcjet_core.analyze import apply_dns

            verdicts = yield DnsCall(ctx.ip, plan.dns)
            if isinstance(verdicts, ArcjetError):
                return verdicts
            for (index, _), verdict in zip(plan.dns, verdicts, strict=True):
                analysis = apply_dns(analysis, index, verdict)
        if plan.email:
            answers = yield EmailCheckCall(plan.email)
            analysis = apply_checks(analysis, plan.email, answers)
        return analysis

    def _inspect(
        self, ctx: RequestContext, analysis: Any, error: ArcjetError | None, inputs: ProtectInput
    ) -> tuple[dict[int, RuleResult], dict[int, int], bool]:
        """The content steps' results, the charges they ask for, and whether a
        LIVE content rule denied.

        The analyzer hands back the very same outcomes object for requests it
        has seen (its memo), and these results are immutable, so they are
        memoised by that object's identity. The memo holds a reference to the
        object, so its id cannot be reused while the entry lives.
        """
        if not self._inspectors:
            return {}, {}, False
        memo_key = -1
        if self._memoise and error is None and analysis is not None:
            memo_key = id(analysis.outcomes)
            hit = self._content_memo.get(memo_key)
            if hit is not None and hit[0] is analysis.outcomes:
                return dict(hit[1]), hit[2], hit[3]
        results: dict[int, RuleResult] = {}
        charges: dict[int, int] = {}
        for p in self._inspectors:
            result, charge = p.inspect(ctx, analysis, error, inputs)
            results[p.index] = result
            if charge is not None:
                charges[p.index] = charge
        denied = any(r.is_denied() and not r.dry_run for r in results.values())
        if memo_key != -1:
            self._content_memo.put(memo_key, (analysis.outcomes, dict(results), charges, denied))
        return results, charges, denied

    def _log(self, decision: Decision, inputs: ProtectInput, ctx: RequestContext | None = None) -> None:
        # Client-chosen strings (extra, path, error texts quoting input) go through safe():
        # bounded and quoted, so a newline in them cannot forge a log line.
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug("arcjet decision %s %s ip=%s extra=%s", decision.id, decision.conclusion.value,
                         safe(decision.ip_address), safe(dict(inputs.extra)))
        if self._has_dry_run and logger.isEnabledFor(logging.INFO):
            self._log_would_deny(decision, ctx)
        for r in decision.results:
            if r.conclusion is Conclusion.ERROR:
                _fault_warnings.warn(f"{id(self)}:{r.rule_id}", "arcjet rule %s (%s) failed open: %s", r.kind, r.rule_id,
                                     safe(getattr(r.reason_v2, "message", "")))

    def _log_would_deny(self, decision: Decision, ctx: RequestContext | None) -> None:
        """One structured INFO line per DRY_RUN rule that would have denied: what promotion would block."""
        for r in decision.results:
            if r.dry_run and r.conclusion is Conclusion.DENY:
                fields = {"decision_id": decision.id, "rule_id": r.rule_id, "kind": r.kind,
                          "reason": r.reason_v2.type, "ip": decision.ip_address,
                          "method": ctx.method[:16] if ctx is not None else "",
                          "path": ctx.path[:200] if ctx is not None else ""}
                logger.info("arcjet dry-run would deny: decision_id=%s rule_id=%s kind=%s reason=%s ip=%s "
                            "method=%s path=%s", decision.id, r.rule_id, r.kind, r.reason_v2.type,
                            safe(decision.ip_address), safe(fields["method"]), safe(fields["path"]),
                            extra={"arcjet": fields})
