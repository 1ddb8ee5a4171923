"""Aggregation: DENY > CHALLENGE > ERROR > ALLOW; DRY_RUN visible but never decisive."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta

import pytest

from arcjet_core.decision import (
    BotReason,
    Decision,
    ErrorReason,
    IpDetails,
    IpInfo,
    NotRunReason,
    RateLimitReason,
    RuleResult,
    ShieldReason,
    aggregate,
    is_missing_user_agent,
    is_spoofed_bot,
    is_verified_bot,
    reason_from_dict,
)
from arcjet_core.enums import Conclusion, RuleState


def rr(conclusion: Conclusion, reason: object = None, *, dry_run: bool = False, state: RuleState | None = None,
       ttl: int = 0, rid: str = "r") -> RuleResult:
    return RuleResult(
        rule_id=rid,
        state=state or (RuleState.DRY_RUN if dry_run else RuleState.RUN),
        conclusion=conclusion,
        reason_v2=reason or ShieldReason(shield_triggered=conclusion is Conclusion.DENY),  # type: ignore[arg-type]
        ttl=ttl,
        dry_run=dry_run,
    )


ALLOW, DENY, ERROR, CHALLENGE = Conclusion.ALLOW, Conclusion.DENY, Conclusion.ERROR, Conclusion.CHALLENGE


@pytest.mark.parametrize(
    ("conclusions", "expected"),
    [
        ([], ALLOW),
        ([ALLOW], ALLOW),
        ([ALLOW, ERROR], ERROR),
        ([ERROR, DENY], DENY),
        ([DENY, ERROR], DENY),
        ([ERROR, CHALLENGE], CHALLENGE),
        ([CHALLENGE, DENY, ALLOW], DENY),
        ([ALLOW, ALLOW, ALLOW], ALLOW),
    ],
)
def test_severity_order(conclusions: list[Conclusion], expected: Conclusion) -> None:
    decision = aggregate([rr(c) for c in conclusions])
    assert decision.conclusion is expected


def test_reason_comes_from_first_rule_with_winning_conclusion() -> None:
    bot = BotReason(allowed=(), denied=("CURL",))
    rate = RateLimitReason(max=1, remaining=0, reset_time=None, reset=timedelta(seconds=5), window=timedelta(seconds=10))
    d = aggregate([rr(ALLOW), rr(DENY, bot, ttl=3, rid="a"), rr(DENY, rate, ttl=9, rid="b")])
    assert d.reason_v2 is bot and d.ttl == 3
    assert d.is_denied() and not d.is_allowed() and not d.is_error()


def test_error_reason_when_only_errors() -> None:
    err = ErrorReason(message="redis down")
    d = aggregate([rr(ALLOW), rr(ERROR, err)])
    assert d.is_error() and d.reason_v2 is err
    assert d.is_allowed()  # fail open: an error lets the request through


def test_dry_run_never_changes_conclusion_but_is_visible() -> None:
    d = aggregate([rr(DENY, dry_run=True), rr(ERROR, ErrorReason("x"), dry_run=True), rr(ALLOW)])
    assert d.conclusion is ALLOW
    assert [r.is_denied() for r in d.results] == [True, False, False]
    assert d.results[0].state is RuleState.DRY_RUN


def test_all_dry_run_is_allow() -> None:
    assert aggregate([rr(DENY, dry_run=True)]).is_allowed()


def test_not_run_allow_is_ignored_but_not_run_error_counts() -> None:
    skipped = rr(ALLOW, NotRunReason("skipped"), state=RuleState.NOT_RUN)
    unbuilt = rr(ERROR, ErrorReason("not built yet"), state=RuleState.NOT_RUN)
    assert aggregate([skipped]).conclusion is ALLOW
    assert aggregate([skipped, unbuilt]).conclusion is ERROR


def test_results_are_immutable() -> None:
    d = aggregate([rr(DENY)])
    with pytest.raises(AttributeError):
        d.conclusion = ALLOW  # type: ignore[misc]
    assert isinstance(d.results, tuple)


def test_to_dict_is_json() -> None:
    rate = RateLimitReason(max=5, remaining=0, reset_time=None, reset=timedelta(seconds=5), window=timedelta(seconds=10))
    d = aggregate([rr(DENY, rate, ttl=5)], ip_address="8.8.8.8")
    data = json.loads(d.to_json())
    assert data["conclusion"] == "DENY"
    assert data["reason_v2"] == {"max": 5, "remaining": 0, "reset_time": None, "reset": 5.0, "window": 10.0, "type": "RATE_LIMIT"}
    assert data["results"][0]["state"] == "RUN"
    assert "DENY" in repr(d)


def test_string_comparisons_work_like_the_reference() -> None:
    d = aggregate([rr(DENY)])
    assert d.conclusion == "DENY"
    assert d.reason_v2.type == "SHIELD"


def test_ip_helpers() -> None:
    details = IpDetails(is_hosting=True, is_vpn=None, is_tor=True, country="US")
    info = IpInfo(details)
    assert info.is_hosting() and info.is_tor() and not info.is_vpn() and not info.is_proxy() and not info.is_abuser()
    assert not IpInfo(None).is_hosting()
    d = aggregate([], ip_details=details)
    assert d.ip.is_hosting() and d.ip_details is details
    assert isinstance(aggregate([]), Decision) and aggregate([]).ip_details is None


def test_bot_helpers() -> None:
    spoofed = rr(DENY, BotReason(allowed=(), denied=("GOOGLE_CRAWLER",), spoofed=True))
    verified = rr(ALLOW, BotReason(allowed=("GOOGLE_CRAWLER",), denied=(), verified=True))
    missing = replace(rr(ERROR, ErrorReason("bot detection requires user-agent header")), kind="BOT")
    assert is_spoofed_bot(spoofed) and not is_spoofed_bot(verified)
    assert is_verified_bot(verified) and not is_verified_bot(spoofed)
    assert is_missing_user_agent(missing) and not is_missing_user_agent(spoofed)
    assert not is_spoofed_bot(rr(DENY))


@pytest.mark.parametrize(
    "data",
    [
        {"type": "BOT", "allowed": ["CURL"], "denied": [], "verified": True},
        {"type": "EMAIL", "email_types": ["INVALID"]},
        {"type": "SHIELD", "shield_triggered": True, "categories": ["XSS"]},
        {"type": "PROMPT_INJECTION", "injection_detected": True},
        {"type": "FILTER", "matched_expressions": ["a"], "undetermined_expressions": []},
        {"type": "SENSITIVE_INFO", "allowed": [], "denied": [{"identified_type": "EMAIL", "start": 0, "end": 5}]},
        {"type": "ERROR", "message": "boom"},
    ],
)
def test_reason_from_dict(data: dict[str, object]) -> None:
    reason = reason_from_dict(data)
    assert reason.type == data["type"]


def test_unknown_reason_type_is_an_error_reason() -> None:
    reason = reason_from_dict({"type": "MYSTERY"})
    assert isinstance(reason, ErrorReason) and "MYSTERY" in reason.message


def test_decision_ids_differ_in_a_child_forked_from_c() -> None:
    # uWSGI forks its workers from C, so no Python at-fork hook runs: the id
    # prefix must be renewed by the pid check, or workers repeat the master's ids.
    import os

    from arcjet_core.decision import new_decision_id
    from tests.fixtures.c_fork import fork_from_c

    parent_id = new_decision_id()
    read_end, write_end = os.pipe()
    pid = fork_from_c()
    if pid == 0:  # the child: write one id and leave without running cleanup
        os.write(write_end, new_decision_id().encode())
        os._exit(0)
    os.close(write_end)
    child_id = os.read(read_end, 100).decode()
    os.close(read_end)
    os.waitpid(pid, 0)
    assert child_id and child_id[:25] != parent_id[:25]
    assert new_decision_id()[:25] == parent_id[:25]
