"""RateLimit / RateLimit-Policy / Retry-After from real Decision objects."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from arcjet_core.decision import Decision, ErrorReason, RateLimitReason, RuleResult, ShieldReason
from arcjet_core.enums import Conclusion, RuleState
from arcjet_core.headers import set_rate_limit_headers


def rl(max_: int, remaining: int, reset: float, window: int) -> RateLimitReason:
    return RateLimitReason(
        max=max_,
        remaining=remaining,
        reset_time=datetime.now(timezone.utc) + timedelta(seconds=reset),
        reset=timedelta(seconds=reset),
        window=timedelta(seconds=window),
    )


def result(reason: object, conclusion: Conclusion = Conclusion.ALLOW) -> RuleResult:
    return RuleResult("r", RuleState.RUN, conclusion, reason)  # type: ignore[arg-type]


def decision(conclusion: Conclusion, reason: object, *results: RuleResult) -> Decision:
    return Decision("d", conclusion, reason, tuple(results))  # type: ignore[arg-type]


def test_allowed_single_limit() -> None:
    headers: dict[str, str] = {}
    reason = rl(10, 4, 26.2, 60)
    set_rate_limit_headers(headers, decision(Conclusion.ALLOW, reason, result(reason)))
    assert headers == {
        "RateLimit": "limit=10, remaining=4, reset=27",
        "RateLimit-Policy": "10;w=60",
    }


def test_nearest_limit_advertised_and_policies_sorted() -> None:
    hour = rl(1000, 3, 3000, 3600)
    minute = rl(100, 3, 20, 60)
    second = rl(5, 4, 1, 1)
    headers: dict[str, str] = {}
    d = decision(Conclusion.ALLOW, minute, result(hour), result(minute), result(second))
    set_rate_limit_headers(headers, d)
    # Equal remaining: the sooner reset wins.
    assert headers["RateLimit"] == "limit=100, remaining=3, reset=20"
    assert headers["RateLimit-Policy"] == "5;w=1, 100;w=60, 1000;w=3600"
    assert "Retry-After" not in headers


def test_denied_by_rate_limit_sets_retry_after() -> None:
    reason = rl(10, 0, 7.5, 60)
    headers: dict[str, str] = {}
    d = decision(
        Conclusion.DENY, reason, result(reason, Conclusion.DENY), result(ShieldReason(False))
    )
    set_rate_limit_headers(headers, d)
    assert headers["Retry-After"] == "8"
    assert headers["RateLimit"] == "limit=10, remaining=0, reset=8"


def test_retry_after_is_at_least_one_second() -> None:
    reason = rl(3, 3, 0, 60)  # token bucket asked for more than its capacity
    headers: dict[str, str] = {}
    set_rate_limit_headers(
        headers, decision(Conclusion.DENY, reason, result(reason, Conclusion.DENY))
    )
    assert headers["Retry-After"] == "1"


def test_denied_for_another_reason_has_no_retry_after() -> None:
    reason = rl(10, 5, 30, 60)
    headers: dict[str, str] = {}
    d = decision(
        Conclusion.DENY,
        ShieldReason(True),
        result(reason),
        result(ShieldReason(True), Conclusion.DENY),
    )
    set_rate_limit_headers(headers, d)
    assert "Retry-After" not in headers and headers["RateLimit-Policy"] == "10;w=60"


def test_cached_decision_without_results_uses_top_level_reason() -> None:
    reason = rl(10, 0, 12, 60)
    headers: dict[str, str] = {}
    set_rate_limit_headers(headers, decision(Conclusion.DENY, reason))
    assert headers == {
        "RateLimit": "limit=10, remaining=0, reset=12",
        "RateLimit-Policy": "10;w=60",
        "Retry-After": "12",
    }


def test_no_rate_limit_no_headers() -> None:
    headers: dict[str, str] = {}
    d = decision(
        Conclusion.ERROR,
        ErrorReason("redis down"),
        result(ErrorReason("redis down"), Conclusion.ERROR),
    )
    set_rate_limit_headers(headers, d)
    assert headers == {}


def _limited() -> Any:
    from arcjet_core import arcjet_sync, fixed_window

    aj = arcjet_sync(key="hdr", rules=[fixed_window(mode="LIVE", max=5, window=60)])
    return aj.protect({"ip": "8.8.8.8", "method": "GET", "path": "/", "headers": {}})


def test_set_on_framework_responses() -> None:
    import flask
    from starlette.responses import PlainTextResponse

    from arcjet_core.headers import set_rate_limit_headers as set_headers

    decision = _limited()
    starlette_response = PlainTextResponse("ok")
    set_headers(starlette_response, decision)
    assert starlette_response.headers["RateLimit"].startswith("limit=5, remaining=4, reset=")
    with flask.Flask(__name__).app_context():
        flask_response = flask.make_response("ok")
    set_headers(flask_response, decision)
    assert flask_response.headers["RateLimit-Policy"] == "5;w=60"
    # Django's HttpResponse: tests/django/test_set_rate_limit_headers.py (needs its settings).


def test_unsupported_target_is_a_warning_not_an_exception(caplog: pytest.LogCaptureFixture) -> None:
    from arcjet_core.headers import set_rate_limit_headers as set_headers

    set_headers(object(), _limited())
    assert "cannot set headers on object" in caplog.text
