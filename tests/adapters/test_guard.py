"""arcjet_core.adapter without a framework: RequestGuard and decide() over real clients."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from arcjet_core import (
    ArcjetMisconfiguration,
    Conclusion,
    Decision,
    ErrorReason,
    RateLimitReason,
    RuleResult,
    RuleState,
    arcjet,
    arcjet_sync,
    fixed_window,
    validate_email,
)
from arcjet_core._body import timeout_message
from arcjet_core.adapter import Outcome, RequestGuard, decide
from arcjet_core.decision import BotReason, aggregate
from arcjet_core.headers import rate_limit_header_pairs
from tests.fixtures.redis_server import free_port

DEV = {"environment": "development"}
UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"


def request(**headers: str) -> dict[str, Any]:
    return {"ip": "203.0.113.7", "method": "GET", "path": "/", "headers": {"user-agent": UA, **headers}}


class Accept:
    """An accept reader that counts its calls."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, req: dict[str, Any]) -> str | None:
        self.calls += 1
        value: str | None = req["headers"].get("accept")
        return value


def rate_limit(remaining: int, reset: float = 30, max_: int = 10, window: int = 60) -> RateLimitReason:
    return RateLimitReason(max_, remaining, None, timedelta(seconds=reset), timedelta(seconds=window))


def decision_of(conclusion: Conclusion, *reasons: Any) -> Decision:
    results = [RuleResult(f"r{i}", RuleState.RUN, conclusion if i == 0 else Conclusion.ALLOW, reason,
                          kind=reason.type) for i, reason in enumerate(reasons)]
    return aggregate(results)


# --------------------------------------------------------------- the pure core


DECISIONS = {
    "allow": decision_of(Conclusion.ALLOW, rate_limit(4)),
    "rate-limited": decision_of(Conclusion.DENY, rate_limit(0, reset=7.5)),
    "bot": decision_of(Conclusion.DENY, BotReason(allowed=(), denied=("CURL",)), rate_limit(3)),
    "error": decision_of(Conclusion.ERROR, ErrorReason("redis down")),
    "body-timeout": decision_of(Conclusion.ERROR, ErrorReason(timeout_message(5.0))),
}


@pytest.mark.parametrize("name", list(DECISIONS))
@pytest.mark.parametrize("fail_open", [True, False])
def test_outcome_is_decide_reading_accept_only_for_a_denial(name: str, fail_open: bool) -> None:
    decision = DECISIONS[name]
    accept = Accept()
    guard = RequestGuard(arcjet_sync(key="g", rules=[], fail_open=fail_open), accept=accept)
    got = guard.outcome(request(accept="text/plain"), decision)
    assert got == decide(decision, "text/plain", fail_open)
    assert accept.calls == (0 if got.denied is None else 1)


def test_what_each_decision_becomes() -> None:
    statuses = {name: decide(d, None, True).denied for name, d in DECISIONS.items()}
    assert {name: None if r is None else r.status for name, r in statuses.items()} == {
        "allow": None, "rate-limited": 429, "bot": 403, "error": None, "body-timeout": 408}
    assert decide(DECISIONS["error"], None, False).denied.status == 503  # type: ignore[union-attr]
    assert decide(DECISIONS["body-timeout"], None, True).timed_out


def test_headers_travel_with_every_outcome() -> None:
    allowed = decide(DECISIONS["allow"], None, True)
    assert allowed.headers == (("RateLimit", "limit=10, remaining=4, reset=30"), ("RateLimit-Policy", "10;w=60"))
    limited = decide(DECISIONS["rate-limited"], None, True)
    assert dict(limited.headers) == {"RateLimit": "limit=10, remaining=0, reset=8",
                                     "RateLimit-Policy": "10;w=60", "Retry-After": "8"}
    assert decide(DECISIONS["error"], None, True).headers == ()


def test_header_pairs_for_several_limits_and_a_cached_denial() -> None:
    several = decision_of(Conclusion.ALLOW, rate_limit(50, 20, 100, 60), rate_limit(3, 3000, 1000, 3600),
                          rate_limit(4, 1, 5, 1))
    assert rate_limit_header_pairs(several) == (
        ("RateLimit", "limit=1000, remaining=3, reset=3000"),
        ("RateLimit-Policy", "5;w=1, 100;w=60, 1000;w=3600"),
    )
    # From the DENY cache: no results, only the top-level reason.
    cached = Decision("d", Conclusion.DENY, rate_limit(0, reset=0.2), ())
    assert dict(rate_limit_header_pairs(cached))["Retry-After"] == "1"


# ------------------------------------------------------------ the sync twin


def test_guard_sync_allows_and_denies_with_on_deny() -> None:
    seen: list[tuple[Any, Decision]] = []

    def on_deny(req: Any, decision: Decision) -> str:
        seen.append((req, decision))
        return "replaced"

    guard = RequestGuard(arcjet_sync(key="g-sync", rules=[fixed_window(max=1, window=60)], **DEV),
                         accept=Accept(), on_deny=on_deny)
    req = request()
    first, second = guard.guard_sync(req), guard.guard_sync(req)
    assert (first.denied, first.replacement) == (None, None)
    assert second.denied is not None and second.denied.status == 429
    assert second.replacement == "replaced"
    assert seen == [(req, second.decision)]


def test_misconfiguration_propagates_and_errors_become_decisions() -> None:
    guard = RequestGuard(arcjet_sync(key="g-bad", rules=[validate_email(deny=["INVALID"])], **DEV), accept=Accept())
    with pytest.raises(ArcjetMisconfiguration, match="email"):
        guard.guard_sync(request())
    closed = RequestGuard(arcjet_sync(key="g-503", rules=[fixed_window(max=1, window=60)], fail_open=False,
                                      storage=f"redis://127.0.0.1:{free_port()}/0", **DEV), accept=Accept())
    outcome = closed.guard_sync(request())
    assert outcome.decision.conclusion is Conclusion.ERROR
    assert outcome.denied is not None and outcome.denied.status == 503


def test_too_large() -> None:
    from arcjet_core import shield

    guard = RequestGuard(arcjet_sync(key="g-big", rules=[shield()], body_limit=100, **DEV), accept=Accept())
    refused = guard.too_large(request(), "101")
    assert refused is not None and refused.status == 413
    assert [guard.too_large(request(), n) for n in (100, "100", None, "", "x", " 7 ")] == [None] * 6
    no_body_rule = RequestGuard(arcjet_sync(key="g-nb", rules=[], body_limit=1), accept=Accept())
    assert no_body_rule.too_large(request(), 10**9) is None


def test_bad_arguments_are_refused_naming_them() -> None:
    with pytest.raises(TypeError, match="client"):
        RequestGuard(object(), accept=Accept())  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="on_deny"):
        RequestGuard(arcjet_sync(key="g"), accept=Accept(), on_deny="nope")  # type: ignore[arg-type]


async def test_each_twin_needs_its_client() -> None:
    with pytest.raises(TypeError, match="async client"):
        await RequestGuard(arcjet_sync(key="g"), accept=Accept()).guard_async(request())
    with pytest.raises(TypeError, match="sync client"):
        RequestGuard(arcjet(key="g"), accept=Accept()).guard_sync(request())


# ----------------------------------------------------------- the async twin


async def test_guard_async_awaits_an_async_on_deny() -> None:
    async def on_deny(req: Any, decision: Decision) -> str:
        return "async replaced"

    guard = RequestGuard(arcjet(key="g-async", rules=[fixed_window(max=1, window=60)], **DEV),
                         accept=Accept(), on_deny=on_deny)
    assert (await guard.guard_async(request())).denied is None
    denied: Outcome = await guard.guard_async(request())
    assert denied.replacement == "async replaced"
