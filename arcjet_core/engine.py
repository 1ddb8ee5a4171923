"""evaluate(rules, request) -> Decision, once for sync and async.

The flow is a generator that does no I/O itself: it yields what it needs done
(one analyzer crossing, one storage round trip) and is resumed with the
result, or with the ArcjetError that doing it raised. ``run_sync`` and
``run_async`` are the only places that differ, so the two clients cannot
drift apart.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Generator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any, NamedTuple

from arcjet_core.cache import TTLCache
from arcjet_core.context import RawRequest, RequestContext, new_record
from arcjet_core.decision import (
    Decision,
    ErrorReason,
    NotRunReason,
    RateLimitReason,
    Reason,
    RuleResult,
    ShieldReason,
    aggregate,
    reason_from_dict,
)
from arcjet_core.enums import Conclusion, Mode, RuleState
from arcjet_core.errors import ArcjetAnalyzerError, ArcjetError, ArcjetMisconfiguration
from arcjet_core.fingerprint import DEFAULT_IPV6_PREFIX, FingerprintPlan
from arcjet_core.ip import IpResolver, ip_text, parse_ip
from arcjet_core.ratelimit import (
    FixedWindowParams,
    LimitOp,
    LimitOutcome,
    LimitParams,
    SlidingWindowParams,
    SuspicionOp,
    SuspicionOutcome,
    TokenBucketParams,
)
from arcjet_core.rules import (
    DEFAULT_CHARACTERISTICS,
    EmailValidation,
    FixedWindow,
    PromptInjectionDetection,
    RuleSpec,
    SensitiveInfoDetection,
    Shield,
    SlidingWindow,
    TokenBucket,
    interval_of,
)

_UTC = timezone.utc
logger = logging.getLogger("arcjet")

# Joins the parts of a storage key; cannot appear in a rule id or fingerprint.
KEY_SEPARATOR = "\x1f"
# Content results remembered per client (see Engine._content_results).
CONTENT_MEMO_SIZE = 1024
# Rule kinds the analyzer evaluates (analyze._ruleset.ANALYZED_KINDS; a test
# holds the two equal). A client with none of them never crosses into it.
ANALYZED_KINDS = frozenset({"BOT", "EMAIL", "SHIELD"})
# Suspicion points for a request whose inspection failed (deadline, trap):
# what a High-severity finding scores, so input crafted to exhaust the
# analyzer counts against its sender instead of being a free pass.
ANALYZER_FAILURE_POINTS = 3


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
    """Inspect the request with the content rules. Fingerprints are not asked
    for: they are computed on the host (arcjet_core.fingerprint), so a failed
    analyzer call cannot leave a rate limit without a key."""

    ctx: RequestContext
    inputs: ProtectInput


class StorageCall(NamedTuple):
    ops: tuple[LimitOp | SuspicionOp, ...]


IOCall = AnalyzeCall | StorageCall
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


def rate_limit_params(rule: TokenBucket | FixedWindow | SlidingWindow) -> LimitParams:
    if isinstance(rule, TokenBucket):
        return TokenBucketParams(refill_rate=rule.refill_rate, interval=rule.interval, capacity=rule.capacity)
    if isinstance(rule, FixedWindow):
        return FixedWindowParams(max=rule.max, window=rule.window_in_seconds)
    return SlidingWindowParams(max=rule.max, interval=rule.interval)


@dataclass(frozen=True, slots=True)
class _Prepared:
    """Per-rule facts computed once per client, not per request."""

    index: int
    rule: RuleSpec
    rule_id: str
    dry_run: bool
    fingerprint_slot: int | None  # index into fingerprint_sets, for stateful rules
    key_prefix: str = ""  # storage key up to the fingerprint
    params: LimitParams | None = None  # rate-limit maths parameters
    window: timedelta = timedelta(0)
    is_shield: bool = False  # rule.kind == "SHIELD"
    uses_requested: bool = False  # a token bucket: takes protect(requested=...) tokens


_UNBUILT = {
    "SENSITIVE_INFO": "detect_sensitive_info is not built yet in arcjet-local; the rule was not evaluated",
    "PROMPT_INJECTION": "detect_prompt_injection is not built yet in arcjet-local; the rule was not evaluated",
    "FILTER": "filter_request is not built yet in arcjet-local; the rule was not evaluated",
}


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
    ) -> None:
        self.namespace = namespace
        self.rules = tuple(rules)
        self.resolver = resolver
        self.disable_automatic_ip_detection = disable_automatic_ip_detection
        self.fail_open = fail_open
        self.cache = cache
        default_chars = characteristics or DEFAULT_CHARACTERISTICS
        sets: list[tuple[str, ...]] = []
        prepared: list[_Prepared] = []
        for i, rule in enumerate(self.rules):
            slot: int | None = None
            if rule.kind in ("RATE_LIMIT", "SHIELD"):
                chars = rule.rule_characteristics() or default_chars
                if chars not in sets:
                    sets.append(chars)
                slot = sets.index(chars)
            rule_id = rule.rule_id
            params = rate_limit_params(rule) if isinstance(rule, (TokenBucket, FixedWindow, SlidingWindow)) else None
            window = timedelta(seconds=interval_of(rule)) if isinstance(rule, (TokenBucket, FixedWindow, SlidingWindow)) else timedelta(0)
            prepared.append(_Prepared(i, rule, rule_id, rule.mode is Mode.DRY_RUN, slot,
                                      KEY_SEPARATOR.join((namespace, rule_id, "")), params, window,
                                      rule.kind == "SHIELD", isinstance(rule, TokenBucket)))
        self.fingerprint_sets = tuple(sets)
        self._plans = tuple(FingerprintPlan(s, ipv6_prefix) for s in sets)
        self.prepared = tuple(prepared)
        self.needs_body = any(r.kind == "SHIELD" for r in self.rules)
        self.needs_email = any(isinstance(r, EmailValidation) for r in self.rules)
        self.needs_prompt = any(isinstance(r, PromptInjectionDetection) for r in self.rules)
        self.has_content_rules = any(r.kind != "RATE_LIMIT" for r in self.rules)
        self.analyzes = any(r.kind in ANALYZED_KINDS for r in self.rules)
        self._content_memo: dict[tuple[int, bool], tuple[object, dict[int, RuleResult], dict[int, int], bool]] = {}
        # Shield results stamped with a fingerprint, by (id of the detection result, fingerprint).
        self._stamped: dict[tuple[int, str], tuple[RuleResult, RuleResult]] = {}
        # Storage ops by (rule index, fingerprint, amount); see _op.
        self._ops: dict[tuple[int, str, int], LimitOp | SuspicionOp] = {}

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
        if self.needs_email and not email_s:
            raise ArcjetMisconfiguration("protect(): validate_email is configured, so email=... is required")
        prompt = _optional_str(detect_prompt_injection_message, "detect_prompt_injection_message")
        if self.needs_prompt and prompt is None:
            raise ArcjetMisconfiguration(
                "protect(): detect_prompt_injection is configured, so detect_prompt_injection_message=... is required"
            )
        ip_s = _optional_str(ip_src, "ip_src")
        if ip_s is not None and not self.disable_automatic_ip_detection:
            raise ArcjetMisconfiguration(
                "protect(): ip_src is only honoured when the client is created with disable_automatic_ip_detection=True"
            )
        if self.disable_automatic_ip_detection and ip_s is None:
            raise ArcjetMisconfiguration(
                "protect(): the client has disable_automatic_ip_detection=True, so ip_src=... is required"
            )
        if ip_s is not None and parse_ip(ip_s) is None:
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
            ip = ip_text(addr) if (addr := parse_ip(inputs.ip_src)) is not None else ""
        else:
            ip = self.resolver.resolve(raw.peer, raw.headers)
        return raw.to_context(ip)

    # -------------------------------------------------------------- flow

    def flow(self, ctx: RequestContext, inputs: ProtectInput) -> Flow:
        if not self.rules:
            return aggregate((), ip_address=ctx.ip)
        analysis: Any = None
        if self.analyzes:
            analysis = yield new_record(AnalyzeCall, (ctx, inputs))
        analyzer_error = analysis if isinstance(analysis, ArcjetError) else None
        results, scores, content_denied = self._content_results(analysis, analyzer_error, inputs)
        # Each characteristic set's fingerprint, computed when first needed.
        fingerprints: list[str | None] | None = None

        # Stateful rules (rate limits, shield suspicion) need a fingerprint and
        # maybe storage. A LIVE deny known from the DENY cache, like a LIVE
        # content deny, means no rate limit is charged.
        pending: list[tuple[_Prepared, str]] = []
        cache_denied = False
        cache = self.cache
        for p in self.prepared:
            slot = p.fingerprint_slot
            if slot is None:
                continue
            if p.is_shield:
                if p.index not in scores:
                    continue  # detection did not run: nothing to score
            elif content_denied:
                continue  # a rate limit after a LIVE content deny is not charged
            if fingerprints is None:
                fingerprints = [None] * len(self._plans)
            fingerprint = fingerprints[slot]
            if fingerprint is None:
                fingerprint = fingerprints[slot] = self._plans[slot].compute(ctx, inputs.characteristics)
            if fingerprint is None:
                current = results.get(p.index)
                if current is None or not current.is_denied():
                    reason = ErrorReason(self._plans[slot].missing(ctx, inputs.characteristics))
                    results[p.index] = self._result(p, RuleState.RUN, Conclusion.ERROR, reason)
                continue
            cached = None if cache.empty else cache.get(self._cache_key(p, fingerprint, inputs))
            if cached is None:
                pending.append((p, fingerprint))
                continue
            result, ttl = cached
            results[p.index] = _restamped(result, fingerprint, state=RuleState.CACHED,
                                          reason=_with_reset(result.reason_v2, ttl), ttl=ttl)
            cache_denied = cache_denied or not result.dry_run
        if content_denied or cache_denied:
            for p in self.prepared:
                if p.rule.kind == "RATE_LIMIT" and p.index not in results:
                    results[p.index] = self._result(p, RuleState.NOT_RUN, Conclusion.ALLOW,
                                                    NotRunReason("an earlier LIVE rule denied the request"))
            # Rate limits are not charged now; suspicion is still counted on a
            # denied request: that is when it matters.
            pending = [(p, fp) for p, fp in pending if p.is_shield or p.index not in results]

        if pending:
            outcomes = yield new_record(StorageCall, (tuple([self._op(p, fp, inputs, scores) for p, fp in pending]),))
            for i, (p, fp) in enumerate(pending):
                if isinstance(outcomes, ArcjetError):
                    results[p.index] = self._storage_failed(p, fp, results.get(p.index), outcomes)
                    continue
                outcome = outcomes[i]
                if isinstance(outcome, LimitOutcome):
                    results[p.index] = self._rate_limit_result(p, fp, outcome, inputs)
                else:
                    results[p.index] = self._shield_result(p, fp, results[p.index], outcome)

        ordered = [results[p.index] for p in self.prepared]
        decision = aggregate(ordered, ip_address=ctx.ip)
        self._log(decision, inputs)
        if not self.fail_open:
            errors = [r for r in ordered if r.is_error() and not r.dry_run]
            if errors:
                message = "; ".join(getattr(r.reason_v2, "message", "") for r in errors)
                raise ArcjetError(f"fail_open=False and a rule failed: {message}")
        return decision

    def _op(self, p: _Prepared, fingerprint: str, inputs: ProtectInput, scores: Mapping[int, int]) -> LimitOp | SuspicionOp:
        rule = p.rule
        if isinstance(rule, Shield):
            amount = scores.get(p.index, 0)
        else:
            amount = inputs.requested if p.uses_requested else 1
        # Ops are immutable, and a client's requests bring the same op again
        # and again: built once per (rule, fingerprint, amount), ~0.4 µs less.
        memo_key = (p.index, fingerprint, amount)
        op = self._ops.get(memo_key)
        if op is not None:
            return op
        key = p.key_prefix + fingerprint
        if isinstance(rule, Shield):
            op = SuspicionOp(key, amount, rule.threshold, rule.window, rule.block_for)
        else:
            assert p.params is not None
            op = LimitOp(key, p.params, amount)
        if len(self._ops) >= CONTENT_MEMO_SIZE:
            self._ops.clear()
        self._ops[memo_key] = op
        return op

    def _storage_failed(self, p: _Prepared, fingerprint: str, current: RuleResult | None, error: ArcjetError) -> RuleResult:
        if current is not None and current.is_denied():
            return current  # shield detection already denied this request on its own
        what = "shield suspicion" if p.is_shield else "rate-limit"
        return self._result(p, RuleState.RUN, Conclusion.ERROR, ErrorReason(f"{what} storage failed: {error}"), fingerprint)

    def _shield_result(self, p: _Prepared, fingerprint: str, detection: RuleResult, outcome: SuspicionOutcome) -> RuleResult:
        if not outcome.blocked:
            # A returning client's clean requests bring the same detection
            # result (the content memo) and fingerprint: the stamped result is
            # immutable, so it is built once and shared (~0.3 µs a request).
            key = (id(detection), fingerprint)
            hit = self._stamped.get(key)
            if hit is not None and hit[0] is detection:
                return hit[1]
            stamped = _restamped(detection, fingerprint)
            if len(self._stamped) >= CONTENT_MEMO_SIZE:
                self._stamped.clear()
            self._stamped[key] = (detection, stamped)
            return stamped
        categories = getattr(detection.reason_v2, "categories", ())
        reason = ShieldReason(shield_triggered=True, categories=tuple(categories), suspicious=True)
        ttl = max(1, math.ceil(outcome.block_remaining_seconds))
        result = self._result(p, RuleState.RUN, Conclusion.DENY, reason, fingerprint, ttl)
        if not p.dry_run:
            self.cache.set(self._cache_key(p, fingerprint, None), result, outcome.block_remaining_seconds)
        return result

    # ----------------------------------------------------------- helpers

    def _result(
        self, p: _Prepared, state: RuleState, conclusion: Conclusion, reason: Reason,
        fingerprint: str | None = None, ttl: int = 0,
    ) -> RuleResult:
        if p.dry_run and state is RuleState.RUN:
            state = RuleState.DRY_RUN
        # Positional (rule_id, state, conclusion, reason_v2, fingerprint, ttl, kind, dry_run): cheaper per request.
        return RuleResult(p.rule_id, state, conclusion, reason, fingerprint, ttl, p.rule.kind, p.dry_run)

    def _content_results(
        self, analysis: Any, error: ArcjetError | None, inputs: ProtectInput
    ) -> tuple[dict[int, RuleResult], dict[int, int], bool]:
        """Results of the content rules, each shield rule's suspicion score, and
        whether a LIVE content rule denied.

        The analyzer hands back the very same outcomes object for requests it
        has seen (its memo), and these results are immutable, so they are
        memoised by that object's identity. The memo holds a reference to the
        object, so its id cannot be reused while the entry lives.
        """
        if not self.has_content_rules:
            return {}, {}, False
        if not self.analyzes:
            # Only rules that are not built: nothing crossed, nothing to memoise.
            unbuilt = {p.index: self._content_result(p, None, None, inputs)
                       for p in self.prepared if p.rule.kind != "RATE_LIMIT"}
            return unbuilt, {}, any(r.is_denied() and not r.dry_run for r in unbuilt.values())
        memo_key = (id(analysis.outcomes) if error is None else 0, inputs.sensitive_info_value is None)
        hit = self._content_memo.get(memo_key) if error is None else None
        if hit is not None and hit[0] is analysis.outcomes:
            return dict(hit[1]), hit[2], hit[3]
        results: dict[int, RuleResult] = {}
        scores: dict[int, int] = {}
        for p in self.prepared:
            if p.rule.kind == "RATE_LIMIT":
                continue
            results[p.index] = self._content_result(p, analysis, error, inputs)
            if p.is_shield and results[p.index].state is not RuleState.NOT_RUN:
                if error is None:
                    scores[p.index] = _suspicion_score(analysis.outcomes.get(p.index))
                elif isinstance(error, ArcjetAnalyzerError):
                    # The inspection itself failed (deadline, trap): the
                    # result stays ERROR (fail open), but it is charged.
                    scores[p.index] = ANALYZER_FAILURE_POINTS
        denied = any(r.is_denied() and not r.dry_run for r in results.values())
        if error is None:
            if len(self._content_memo) >= CONTENT_MEMO_SIZE:
                self._content_memo.clear()
            self._content_memo[memo_key] = (analysis.outcomes, dict(results), scores, denied)
        return results, scores, denied

    def _content_result(self, p: _Prepared, analysis: Any, error: ArcjetError | None, inputs: ProtectInput) -> RuleResult:
        if p.rule.kind in _UNBUILT:
            if isinstance(p.rule, SensitiveInfoDetection) and inputs.sensitive_info_value is None:
                return self._result(p, RuleState.NOT_RUN, Conclusion.ALLOW,
                                    NotRunReason("no sensitive_info_value was passed to protect()"))
            return self._result(p, RuleState.NOT_RUN, Conclusion.ERROR, ErrorReason(_UNBUILT[p.rule.kind]))
        if error is not None:
            return self._result(p, RuleState.RUN, Conclusion.ERROR, ErrorReason(f"analyzer failed: {error}"))
        outcome = analysis.outcomes.get(p.index)
        if outcome is None:
            return self._result(p, RuleState.NOT_RUN, Conclusion.ERROR,
                                ErrorReason(f"{p.rule.kind} rule is not evaluated by this analyzer build"))
        try:
            conclusion = Conclusion(outcome.conclusion)
        except ValueError:
            return self._result(p, RuleState.RUN, Conclusion.ERROR,
                                ErrorReason(f"analyzer returned an unknown conclusion {outcome.conclusion!r}"))
        return self._result(p, RuleState.RUN, conclusion, reason_from_dict(outcome.reason))

    @staticmethod
    def _cache_key(p: _Prepared, fingerprint: str, inputs: ProtectInput | None) -> str:
        """A rate limit's deny holds for one amount: a token bucket that denied
        5 tokens may still have 1. Shield blocks (inputs None) hold for all."""
        if p.is_shield or inputs is None:
            return f"{p.rule_id}:{fingerprint}"
        return f"{p.rule_id}:{fingerprint}:{inputs.requested if p.uses_requested else 1}"

    def _rate_limit_result(self, p: _Prepared, fingerprint: str, outcome: LimitOutcome,
                           inputs: ProtectInput) -> RuleResult:
        seconds = max(0.0, outcome.reset_seconds)
        # Positional (max, remaining, reset_time, reset, window): cheaper per request.
        # timedelta(0, s) and a bound tz: ~0.6 µs less than timedelta(seconds=s), timezone.utc.
        reason = RateLimitReason(outcome.max, outcome.remaining,
                                 datetime.fromtimestamp(time.time() + seconds, _UTC),
                                 timedelta(0, seconds), p.window)
        if outcome.allowed:
            return self._result(p, RuleState.RUN, Conclusion.ALLOW, reason, fingerprint)
        # Until this request would be allowed, its answer is known: skip storage.
        retry = outcome.retry_after_seconds
        ttl = max(1, math.ceil(retry))
        result = self._result(p, RuleState.RUN, Conclusion.DENY, reason, fingerprint, ttl)
        if not p.dry_run:
            self.cache.set(self._cache_key(p, fingerprint, inputs), result, retry)
        return result

    def _log(self, decision: Decision, inputs: ProtectInput) -> None:
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug("arcjet decision %s %s ip=%s extra=%s", decision.id, decision.conclusion.value,
                         decision.ip_address, dict(inputs.extra))
        for r in decision.results:
            if r.conclusion is Conclusion.ERROR:
                logger.warning("arcjet rule %s (%s) failed open: %s", r.kind, r.rule_id,
                               getattr(r.reason_v2, "message", ""))


def _restamped(result: RuleResult, fingerprint: str, *, state: RuleState | None = None,
               reason: Reason | None = None, ttl: int | None = None) -> RuleResult:
    """A copy of ``result`` with its fingerprint (and optionally state, reason, ttl) set.

    Built directly: dataclasses.replace costs several µs on this hot path.
    """
    # Positional (rule_id, state, conclusion, reason_v2, fingerprint, ttl, kind, dry_run).
    return RuleResult(
        result.rule_id, result.state if state is None else state, result.conclusion,
        result.reason_v2 if reason is None else reason, fingerprint,
        result.ttl if ttl is None else ttl, result.kind, result.dry_run,
    )


def _suspicion_score(outcome: Any) -> int:
    """Points the analyzer gave this request's shield findings (0 when clean)."""
    if outcome is None:
        return 0
    score = outcome.reason.get("score", 0)
    return score if isinstance(score, int) and score > 0 else 0


def _with_reset(reason: Reason, ttl: int) -> Reason:
    if isinstance(reason, RateLimitReason):
        reset = timedelta(seconds=ttl)
        return RateLimitReason(max=reason.max, remaining=0, reset_time=datetime.now(timezone.utc) + reset,
                               reset=reset, window=reason.window)
    return reason


