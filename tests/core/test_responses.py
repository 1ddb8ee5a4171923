"""arcjet_core.responses (framework-free); lives here because tests/core belongs to the core's owners."""

from __future__ import annotations

from datetime import timedelta

import pytest

from arcjet_core import Conclusion, Decision, ErrorReason, RateLimitReason, RuleResult, RuleState
from arcjet_core.decision import (
    BotReason,
    EmailReason,
    FilterReason,
    PromptInjectionReason,
    SensitiveInfoReason,
    ShieldReason,
    aggregate,
)
from arcjet_core.responses import PathMatcher, deny_response, error_decision, wants_json


def decision(reason: object, conclusion: Conclusion = Conclusion.DENY, kind: str = "") -> Decision:
    result = RuleResult(rule_id="r", state=RuleState.RUN, conclusion=conclusion, reason_v2=reason,  # type: ignore[arg-type]
                        kind=kind or reason.type, ttl=5)  # type: ignore[attr-defined]
    return aggregate([result])


@pytest.mark.parametrize(
    ("reason", "status"),
    [
        (RateLimitReason(max=5, remaining=0, reset_time=None, reset=timedelta(seconds=7), window=timedelta(seconds=60)), 429),
        (EmailReason(email_types=("INVALID",)), 400),
        (SensitiveInfoReason(allowed=(), denied=()), 400),
        (PromptInjectionReason(injection_detected=True), 400),
        (BotReason(allowed=(), denied=("CURL",)), 403),
        (ShieldReason(shield_triggered=True), 403),
        (FilterReason(matched_expressions=("x",), undetermined_expressions=()), 403),
    ],
)
def test_status_per_reason(reason: object, status: int) -> None:
    denied = deny_response(decision(reason))
    assert denied is not None
    assert denied.status == status
    names = {k for k, _ in denied.headers}
    assert ("Retry-After" in names) is (status == 429)
    assert ("RateLimit" in names) is (status == 429)


def test_retry_after_from_reset() -> None:
    reason = RateLimitReason(max=5, remaining=0, reset_time=None, reset=timedelta(seconds=7), window=timedelta(seconds=60))
    denied = deny_response(decision(reason))
    assert denied is not None
    assert dict(denied.headers)["Retry-After"] == "7"
    assert dict(denied.headers)["RateLimit-Policy"] == "5;w=60"


def test_allow_and_error_pass_unless_fail_closed() -> None:
    allowed = decision(BotReason(allowed=(), denied=()), Conclusion.ALLOW)
    assert deny_response(allowed) is None
    error = decision(ErrorReason("redis down"), Conclusion.ERROR)
    assert deny_response(error) is None
    closed = deny_response(error, fail_open=False)
    assert closed is not None and closed.status == 503
    raised = deny_response(error_decision(RuntimeError("boom")), fail_open=False)
    assert raised is not None and raised.status == 503


def test_dry_run_deny_never_blocks() -> None:
    result = RuleResult(rule_id="r", state=RuleState.DRY_RUN, conclusion=Conclusion.DENY,
                        reason_v2=BotReason(allowed=(), denied=("CURL",)), kind="BOT", dry_run=True)
    assert deny_response(aggregate([result])) is None


@pytest.mark.parametrize(
    ("accept", "json"),
    [
        (None, True),
        ("", True),
        ("*/*", True),
        ("application/json", True),
        ("application/problem+json", True),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", False),
        ("text/plain", False),
        ("text/*", False),
        ("application/json;q=0.5, text/plain", False),
        ("text/plain;q=0.1, application/json", True),
        ("application/json;q=0", False),
    ],
)
def test_negotiation(accept: str | None, json: bool) -> None:
    assert wants_json(accept) is json
    denied = deny_response(decision(BotReason(allowed=(), denied=("CURL",))), accept=accept)
    assert denied is not None
    assert denied.content_type.startswith("application/json" if json else "text/plain")


def test_path_matcher() -> None:
    match = PathMatcher(["/health", "/static/", "/*.ico"])
    assert match("/health") and match("/health/live") and match("/static/app.css") and match("/favicon.ico")
    assert not match("/healthz") and not match("/") and not match("/staticx")
    with pytest.raises(TypeError):
        PathMatcher("/health")  # a str is an iterable of str: refused at run time
    with pytest.raises(ValueError):
        PathMatcher(["health"])
