"""The engine's flow, step by step, with a fake analyzer and fake storage."""

from __future__ import annotations

from typing import Any, ClassVar

import pytest

from arcjet_core import (
    ArcjetError,
    ArcjetMisconfiguration,
    Conclusion,
    detect_bot,
    detect_prompt_injection,
    fixed_window,
    shield,
    sliding_window,
    token_bucket,
    validate_email,
)
from arcjet_core.decision import ErrorReason, NotRunReason, RateLimitReason, ShieldReason
from arcjet_core.email_checks import EmailFacts
from arcjet_core.engine import SKIPPED_LOOKUP, EmailCheckCall
from arcjet_core.enums import RuleState
from arcjet_core.errors import ArcjetAnalyzerError, ArcjetStorageError
from arcjet_core.kinds import KEY_SEPARATOR
from arcjet_core.kinds.shield import ANALYZER_FAILURE_POINTS
from arcjet_core.ratelimit import LimitOp, LimitOutcome, Op, Outcome, SuspicionOp, SuspicionOutcome

from .harness import Analysis, FakeStorage, Harness, Outcome_, clean, engine

CLIENT = {"ip": "203.0.113.7", "path": "/", "headers": {"user-agent": "ua"}}


def deny_limit(op: Op) -> Outcome:
    assert isinstance(op, LimitOp)
    return LimitOutcome(False, 3, 0, 20.0, 60, retry_after_seconds=20.0)


def test_no_rules_allow_without_any_step() -> None:
    h = Harness(engine([]))
    assert h.protect().conclusion is Conclusion.ALLOW
    assert h.steps == []


@pytest.mark.parametrize(("rule", "requested", "amount"), [
    (token_bucket(refill_rate=1, interval=60, capacity=10), 4, 4),
    (fixed_window(max=10, window=60), 4, 1),
    (sliding_window(max=10, interval=60), 4, 1),
])
def test_a_rate_limit_is_one_storage_op_keyed_by_namespace_rule_and_fingerprint(
        rule: Any, requested: int, amount: int) -> None:
    h = Harness(engine([rule]))
    decision = h.protect(requested=requested)
    assert h.kinds_of_steps() == ["StorageCall"]  # rate limits alone never cross into the analyzer
    (op,) = h.storage.calls[0]
    assert isinstance(op, LimitOp) and op.requested == amount
    namespace, rule_id, fingerprint = op.key.split(KEY_SEPARATOR)
    assert (namespace, rule_id) == ("test", rule.rule_id)
    result = decision.results[0]
    assert result.fingerprint == fingerprint and result.is_allowed()
    assert isinstance(result.reason_v2, RateLimitReason) and result.reason_v2.remaining == 9


def test_a_live_rate_limit_deny_is_cached_until_retry_after() -> None:
    h = Harness(engine([fixed_window(max=3, window=60)]), storage=FakeStorage(answer=deny_limit))
    first = h.protect()
    assert first.is_denied() and first.results[0].ttl == 20
    again = h.protect()
    assert again.is_denied() and again.results[0].state is RuleState.CACHED
    assert len(h.storage.calls) == 1  # the second answer came from the DENY cache
    assert isinstance(again.results[0].reason_v2, RateLimitReason) and again.results[0].reason_v2.remaining == 0
    other = h.protect({**CLIENT, "ip": "198.51.100.1"})
    assert len(h.storage.calls) == 2 and other.is_denied()  # another client is not answered from the cache


def test_a_token_bucket_deny_is_cached_for_its_amount_only() -> None:
    h = Harness(engine([token_bucket(refill_rate=1, interval=60, capacity=5)]), storage=FakeStorage(answer=deny_limit))
    h.protect(requested=5)
    h.protect(requested=1)
    assert len(h.storage.calls) == 2  # denying 5 tokens says nothing about 1


def test_dry_run_denies_are_reported_not_enforced_nor_cached() -> None:
    h = Harness(engine([fixed_window(mode="DRY_RUN", max=3, window=60)]), storage=FakeStorage(answer=deny_limit))
    for _ in range(2):
        decision = h.protect()
        assert decision.conclusion is Conclusion.ALLOW
        assert decision.results[0].is_denied() and decision.results[0].state is RuleState.DRY_RUN
    assert len(h.storage.calls) == 2


def test_a_live_content_deny_means_rate_limits_are_not_charged() -> None:
    bots = Analysis({0: Outcome_("DENY", {"type": "BOT", "allowed": [], "denied": ["CURL"]})})
    h = Harness(engine([detect_bot(allow=[]), fixed_window(max=3, window=60)]), analyzer=lambda c, i: bots)
    decision = h.protect()
    assert decision.is_denied() and h.kinds_of_steps() == ["AnalyzeCall"]
    limit = decision.results[1]
    assert limit.state is RuleState.NOT_RUN and isinstance(limit.reason_v2, NotRunReason)


def test_shield_charges_its_score_and_a_block_denies_with_the_categories() -> None:
    scored = Analysis({0: Outcome_("ALLOW", {"type": "SHIELD", "shield_triggered": True,
                                             "categories": ["SQL_INJECTION"], "score": 3})})

    def block(op: Op) -> Outcome:
        assert isinstance(op, SuspicionOp) and (op.add, op.threshold, op.window_seconds, op.block_seconds) == (3, 5, 300, 900)
        return SuspicionOutcome(True, 6, 900.0)

    h = Harness(engine([shield()]), analyzer=lambda c, i: scored, storage=FakeStorage(answer=block))
    decision = h.protect()
    assert h.kinds_of_steps() == ["AnalyzeCall", "StorageCall"]
    reason = decision.reason_v2
    assert decision.is_denied() and isinstance(reason, ShieldReason)
    assert reason.suspicious and reason.categories == ("SQL_INJECTION",) and decision.results[0].ttl == 900
    h.protect()
    assert len(h.storage.calls) == 1  # blocked: answered from the DENY cache, whatever it scores


def test_shield_suspicion_is_still_counted_when_another_rule_denied() -> None:
    analysis = Analysis({
        0: Outcome_("DENY", {"type": "BOT", "allowed": [], "denied": ["CURL"]}),
        1: Outcome_("ALLOW", {"type": "SHIELD", "shield_triggered": True, "score": 2}),
    })
    h = Harness(engine([detect_bot(allow=[]), shield(), fixed_window(max=3, window=60)]),
                analyzer=lambda c, i: analysis)
    decision = h.protect()
    (ops,) = h.storage.calls
    assert [type(op).__name__ for op in ops] == ["SuspicionOp"] and ops[0].add == 2  # type: ignore[union-attr]
    assert decision.results[2].state is RuleState.NOT_RUN


def test_an_analyzer_fault_fails_open_but_charges_shield_and_keeps_rate_limits() -> None:
    h = Harness(engine([shield(), detect_bot(allow=[]), fixed_window(max=3, window=60)]),
                analyzer=lambda c, i: ArcjetAnalyzerError("deadline"))
    decision = h.protect()
    assert decision.conclusion is Conclusion.ERROR
    assert [r.conclusion for r in decision.results] == [Conclusion.ERROR, Conclusion.ERROR, Conclusion.ALLOW]
    (ops,) = h.storage.calls
    assert isinstance(ops[0], SuspicionOp) and ops[0].add == ANALYZER_FAILURE_POINTS
    assert isinstance(ops[1], LimitOp)


def test_a_storage_fault_is_an_error_result_but_keeps_a_content_deny() -> None:
    analysis = Analysis({0: Outcome_("DENY", {"type": "SHIELD", "shield_triggered": True, "score": 5})})
    h = Harness(engine([shield(), fixed_window(max=3, window=60)]), analyzer=lambda c, i: analysis,
                storage=FakeStorage(fail=ArcjetStorageError("redis is down")))
    decision = h.protect()
    assert decision.results[0].is_denied()  # detection denied on its own
    h2 = Harness(engine([fixed_window(max=3, window=60)]), storage=FakeStorage(fail=ArcjetStorageError("down")))
    result = h2.protect().results[0]
    assert result.is_error() and isinstance(result.reason_v2, ErrorReason)
    assert "rate-limit storage failed: down" in result.reason_v2.message


def test_fail_open_false_raises_on_an_error() -> None:
    h = Harness(engine([fixed_window(max=3, window=60)], fail_open=False),
                storage=FakeStorage(fail=ArcjetStorageError("down")))
    with pytest.raises(ArcjetError, match="fail_open=False"):
        h.protect()


def test_a_missing_characteristic_is_an_error_naming_it() -> None:
    h = Harness(engine([fixed_window(max=3, window=60, characteristics=["userId"])]))
    result = h.protect().results[0]
    assert result.is_error() and "userId" in getattr(result.reason_v2, "message", "")
    assert h.steps == []
    h.protect(characteristics={"userId": "u1"})
    assert h.kinds_of_steps() == ["StorageCall"]


def test_rules_with_the_same_characteristics_share_one_fingerprint() -> None:
    h = Harness(engine([fixed_window(max=3, window=60), token_bucket(refill_rate=1, interval=1, capacity=2),
                        fixed_window(max=9, window=60, characteristics=["http.host"])]))
    decision = h.protect({**CLIENT, "headers": {"host": "a.example"}})
    fps = [r.fingerprint for r in decision.results]
    assert fps[0] == fps[1] != fps[2]


def test_required_inputs_are_checked_when_protect_is_called() -> None:
    with pytest.raises(ArcjetMisconfiguration, match="validate_email is configured, so email"):
        engine([validate_email(deny=["INVALID"])]).validate_inputs()
    # A prompt-injection rule takes its message from the body when none is given.
    engine([detect_prompt_injection()]).validate_inputs()


def test_content_results_are_shared_for_the_same_analyzer_outcome() -> None:
    h = Harness(engine([detect_bot(allow=[])]), analyzer=clean(0, kind="BOT"))
    a, b = h.protect(), h.protect({**CLIENT, "ip": "198.51.100.2"})
    assert a.results[0] is b.results[0]


def test_dns_is_its_own_step_after_the_analyzer() -> None:
    from arcjet_core.analyze._dns import masks

    crawler = next(iter(masks()))
    claimed = Analysis({0: Outcome_("ALLOW", {"type": "BOT", "allowed": [crawler], "denied": []})})
    asked: list[tuple[str, tuple[str, ...]]] = []

    def spoofed(ip: str, ids: tuple[str, ...]) -> str:
        asked.append((ip, ids))
        return "spoofed"

    h = Harness(engine([detect_bot(allow=["CATEGORY:SEARCH_ENGINE"], verify_dns=True)]),
                analyzer=lambda c, i: claimed, dns=spoofed)
    decision = h.protect()
    assert h.kinds_of_steps() == ["AnalyzeCall", "DnsCall"]
    assert asked == [("203.0.113.7", (crawler,))]
    assert decision.is_denied() and getattr(decision.reason_v2, "spoofed", False)


def test_a_new_kind_plugs_in_through_the_registry() -> None:
    """A kind is a module and a register() call: the engine needs no change.
    This one reads the request itself (no analyzer): it denies listed methods."""
    from dataclasses import dataclass

    from arcjet_core.decision import RuleResult
    from arcjet_core.enums import Mode
    from arcjet_core.kinds import PreparedRule, RuleSpec, register

    @dataclass(frozen=True, slots=True)
    class MethodDeny(RuleSpec):
        kind: ClassVar[str] = "METHOD"
        mode: Mode = Mode.LIVE
        methods: tuple[str, ...] = ()

    class MethodDenyRule(PreparedRule):
        inspects = True
        reads_request = True

        __slots__ = ()

        def inspect(self, ctx: Any, analysis: Any, error: Any, inputs: Any) -> tuple[RuleResult, int | None]:
            assert isinstance(self.rule, MethodDeny)
            denied = ctx.method in self.rule.methods
            conclusion = Conclusion.DENY if denied else Conclusion.ALLOW
            return self.result(RuleState.RUN, conclusion, ErrorReason(f"method {ctx.method}")), None

    register(MethodDeny, MethodDenyRule)
    h = Harness(engine([MethodDeny(methods=("DELETE",)), fixed_window(max=3, window=60)]))
    deleted = h.protect({**CLIENT, "method": "DELETE"})
    assert deleted.is_denied() and deleted.results[0].kind == "METHOD" and h.steps == []
    assert deleted.results[1].state is RuleState.NOT_RUN  # the rate limit is not charged after a LIVE deny
    got = h.protect({**CLIENT, "method": "GET"})
    assert got.is_allowed() and h.kinds_of_steps() == ["StorageCall"]


def over_after(allowed: int) -> FakeStorage:
    """Storage whose limit allows each key ``allowed`` requests, then denies (for 60 s)."""
    counts: dict[str, int] = {}

    def answer(op: Op) -> Outcome:
        assert isinstance(op, LimitOp)
        count = counts[op.key] = counts.get(op.key, 0) + 1
        ok = count <= allowed
        return LimitOutcome(ok, allowed, max(0, allowed - count), 60.0, 60, 0.0 if ok else 60.0)

    return FakeStorage(answer)


def test_lookups_come_after_the_limits_and_not_after_a_deny() -> None:
    """A client over its LIVE limit makes no MX lookup: each would go out to
    DNS at the client's rate, with domains of its choosing, only to be denied.
    So the limits are counted first, and a request they deny is not looked up."""
    lookups: list[str] = []

    def mx(call: EmailCheckCall) -> list[EmailFacts]:
        lookups.extend(check.domain for check in call.checks)
        return [EmailFacts((), ()) for _ in call.checks]

    valid = Analysis({1: Outcome_("ALLOW", {"type": "EMAIL", "email_types": []})})
    h = Harness(engine([sliding_window(max=1, interval=60), validate_email(deny=["NO_MX_RECORDS"])]),
                analyzer=lambda c, i: valid, storage=over_after(1), email=mx)
    assert h.protect(email="ada@example.com").is_allowed()
    assert h.kinds_of_steps() == ["AnalyzeCall", "StorageCall", "EmailCheckCall"]
    assert lookups == ["example.com"]
    for n, steps in ((1, ["AnalyzeCall", "StorageCall"]), (2, ["AnalyzeCall"])):  # denied by storage, then cached
        h.steps.clear()
        decision = h.protect(email=f"ada@a{n}.example")
        assert h.kinds_of_steps() == steps and lookups == ["example.com"]
        assert decision.is_denied() and decision.reason_v2.type == "RATE_LIMIT"
        email_result = decision.results[1]
        assert email_result.state is RuleState.NOT_RUN and email_result.conclusion is Conclusion.ALLOW
        assert isinstance(email_result.reason_v2, NotRunReason) and email_result.reason_v2.message == SKIPPED_LOOKUP
    # Another client is still looked up.
    h.steps.clear()
    h.protect({**CLIENT, "ip": "198.51.100.9"}, email="ada@a3.example")
    assert h.kinds_of_steps() == ["AnalyzeCall", "StorageCall", "EmailCheckCall"]


def test_a_lookup_deny_spends_the_limit() -> None:
    """Addresses at domains with no MX, each a new one: every request is denied
    by the lookup, and each one counts against the client's limit, so a flood
    of made-up domains stops making lookups once the limit is reached."""
    lookups: list[str] = []

    def no_mx(call: EmailCheckCall) -> list[EmailFacts]:
        lookups.extend(check.domain for check in call.checks)
        return [EmailFacts(("NO_MX_RECORDS",), ()) for _ in call.checks]

    valid = Analysis({1: Outcome_("ALLOW", {"type": "EMAIL", "email_types": []})})
    h = Harness(engine([sliding_window(max=3, interval=60), validate_email(deny=["NO_MX_RECORDS"])]),
                analyzer=lambda c, i: valid, storage=over_after(3), email=no_mx)
    decisions = [h.protect(email=f"x@n{n}.example") for n in range(10)]
    assert all(d.is_denied() for d in decisions)
    assert [d.reason_v2.type for d in decisions] == ["EMAIL"] * 3 + ["RATE_LIMIT"] * 7
    assert lookups == ["n0.example", "n1.example", "n2.example"]


def test_a_content_deny_skips_the_lookup_and_spends_nothing() -> None:
    """A request another LIVE content rule denies (shield here) is not looked
    up, and, as before, spends no rate limit."""
    valid_and_attack = Analysis({
        0: Outcome_("DENY", {"type": "SHIELD", "shield_triggered": True, "score": 5}),
        2: Outcome_("ALLOW", {"type": "EMAIL", "email_types": []}),
    })
    h = Harness(engine([shield(), sliding_window(max=5, interval=60), validate_email(deny=["NO_MX_RECORDS"])]),
                analyzer=lambda c, i: valid_and_attack)
    decision = h.protect(email="ada@example.com")
    assert decision.is_denied() and decision.reason_v2.type == "SHIELD"
    assert "EmailCheckCall" not in h.kinds_of_steps()
    assert decision.results[1].state is RuleState.NOT_RUN and decision.results[2].state is RuleState.NOT_RUN


def test_a_denied_client_skips_crawler_dns() -> None:
    from arcjet_core.analyze._dns import masks

    crawler = next(iter(masks()))
    claimed = Analysis({1: Outcome_("ALLOW", {"type": "BOT", "allowed": [crawler], "denied": []})})
    asked: list[str] = []

    def verified(ip: str, ids: tuple[str, ...]) -> str:
        asked.append(ip)
        return "verified"

    h = Harness(engine([fixed_window(max=1, window=60), detect_bot(allow=["CATEGORY:SEARCH_ENGINE"],
                                                                    verify_dns=True)]),
                analyzer=lambda c, i: claimed, storage=over_after(1), dns=verified)
    assert h.protect().is_allowed() and h.protect().is_denied()
    assert len(asked) == 1  # the second request was denied by the limit before its lookup
    h.steps.clear()
    decision = h.protect()
    assert h.kinds_of_steps() == ["AnalyzeCall"] and len(asked) == 1
    assert decision.is_denied() and decision.results[1].state is RuleState.NOT_RUN


def test_a_dry_run_limit_never_skips_a_lookup() -> None:
    """Only a LIVE deny skips a lookup: a DRY_RUN limit that would deny leaves
    every check to run."""
    lookups: list[str] = []

    def mx(call: EmailCheckCall) -> list[EmailFacts]:
        lookups.extend(check.domain for check in call.checks)
        return [EmailFacts((), ()) for _ in call.checks]

    valid = Analysis({1: Outcome_("ALLOW", {"type": "EMAIL", "email_types": []})})
    h = Harness(engine([sliding_window(mode="DRY_RUN", max=1, interval=60), validate_email(deny=["NO_MX_RECORDS"])]),
                analyzer=lambda c, i: valid, storage=over_after(1), email=mx)
    for _ in range(4):
        assert h.protect(email="ada@example.com").is_allowed()
    assert len(lookups) == 4
