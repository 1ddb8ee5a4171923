"""Suspicion: Low/Medium findings add to a per-client score kept in storage;
reaching the threshold blocks the client for block_for seconds. On the
memory store and on Redis, sync and async, LIVE and DRY_RUN.

Real time, no timed assertions: the block is 2 s; the test waits past it and
then polls (generously bounded) until the client is let through."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest

from arcjet_core import Decision, arcjet, arcjet_sync, shield
from arcjet_core.analyze import Ruleset
from arcjet_core.context import raw_from_request

from .helpers import fresh_ip

THRESHOLD = 3
BLOCK_FOR = 2
# `{{7*7}}` in a query is a Medium template-injection finding (2 points) and
# nothing else; a Low finding is 1 point. The score of each request is
# checked against the analyzer first, so the arithmetic below is not assumed.
MEDIUM = {"method": "GET", "path": "/search", "query": "q=%7B%7B7*7%7D%7D", "headers": {"user-agent": "Mozilla/5.0"}}
HIGH = {"method": "GET", "path": "/search", "query": "q=1%27%20or%201%3D1--", "headers": {"user-agent": "Mozilla/5.0"}}
CLEAN = {"method": "GET", "path": "/search", "query": "q=shoes", "headers": {"user-agent": "Mozilla/5.0"}}
POLL_LIMIT = 30.0


def _score(req: dict[str, Any]) -> tuple[str, int]:
    rules = [shield()]
    ctx = raw_from_request({**req, "ip": "8.8.8.8"}, need_body=True).to_context("8.8.8.8")
    out = Ruleset.from_rules(rules).analyze(ctx, email=None)
    outcome = out.outcomes[0]
    score = outcome.reason["score"]
    assert isinstance(score, int)
    return outcome.conclusion, score


def test_request_scores_are_what_the_tests_assume() -> None:
    assert _score(MEDIUM) == ("ALLOW", 2)
    assert _score(HIGH) == ("DENY", 3)
    assert _score(CLEAN) == ("ALLOW", 0)


def _shield_result(decision: Decision) -> Any:
    (result,) = [r for r in decision.results if r.kind == "SHIELD"]
    return result


def _storage(backend: str, request: pytest.FixtureRequest) -> dict[str, Any]:
    if backend == "memory":
        return {"key": f"susp-{fresh_ip()}"}
    url = request.getfixturevalue("redis_url")
    prefix = request.getfixturevalue("redis_prefix")
    return {"key": prefix, "storage": url}


@pytest.fixture(params=["memory", pytest.param("redis", marks=pytest.mark.redis)])
def client_kwargs(request: pytest.FixtureRequest) -> dict[str, Any]:
    return _storage(request.param, request)


def test_suspicion_blocks_after_threshold_and_expires(client_kwargs: dict[str, Any]) -> None:
    rules = [shield(threshold=THRESHOLD, window=60, block_for=BLOCK_FOR)]
    with arcjet_sync(rules=rules, environment="development", **client_kwargs) as aj:
        ip, other = fresh_ip(), fresh_ip()
        first = aj.protect({**MEDIUM, "ip": ip})
        assert first.conclusion.value == "ALLOW"  # 2 points < 3
        assert _shield_result(first).reason_v2.categories == ("TEMPLATE_INJECTION",)
        second = aj.protect({**MEDIUM, "ip": ip})  # 4 points >= 3: blocked
        assert second.conclusion.value == "DENY"
        reason = _shield_result(second).reason_v2
        assert reason.type == "SHIELD" and reason.suspicious and reason.shield_triggered
        assert _shield_result(second).ttl >= 1
        # Blocked: even a clean request is refused; another client is not.
        blocked = aj.protect({**CLEAN, "ip": ip})
        assert blocked.conclusion.value == "DENY"
        assert _shield_result(blocked).reason_v2.suspicious
        assert aj.protect({**CLEAN, "ip": other}).conclusion.value == "ALLOW"
        # The block ends after block_for seconds.
        time.sleep(BLOCK_FOR)
        deadline = time.monotonic() + POLL_LIMIT
        while aj.protect({**CLEAN, "ip": ip}).conclusion.value == "DENY":
            assert time.monotonic() < deadline, "block never expired"
            time.sleep(0.1)
        # And the client comes back clean: one Medium request is below the threshold again.
        assert aj.protect({**MEDIUM, "ip": ip}).conclusion.value == "ALLOW"


def test_high_finding_denies_at_once_and_counts(client_kwargs: dict[str, Any]) -> None:
    rules = [shield(threshold=5, window=60, block_for=BLOCK_FOR)]
    with arcjet_sync(rules=rules, environment="development", **client_kwargs) as aj:
        ip = fresh_ip()
        first = aj.protect({**HIGH, "ip": ip})
        assert first.conclusion.value == "DENY"
        assert not _shield_result(first).reason_v2.suspicious  # denied on its own, 3 points
        assert aj.protect({**CLEAN, "ip": ip}).conclusion.value == "ALLOW"
        aj.protect({**HIGH, "ip": ip})  # 6 points: blocked
        assert _shield_result(aj.protect({**CLEAN, "ip": ip})).reason_v2.suspicious


def test_dry_run_reports_without_blocking(client_kwargs: dict[str, Any]) -> None:
    rules = [shield(mode="DRY_RUN", threshold=THRESHOLD, window=60, block_for=BLOCK_FOR)]
    with arcjet_sync(rules=rules, environment="development", **client_kwargs) as aj:
        ip = fresh_ip()
        for _ in range(3):
            decision = aj.protect({**MEDIUM, "ip": ip})
            assert decision.conclusion.value == "ALLOW"
        high = aj.protect({**HIGH, "ip": ip})
        assert high.conclusion.value == "ALLOW"
        result = _shield_result(high)
        assert result.dry_run and result.state.value == "DRY_RUN"
        assert result.conclusion.value == "DENY"  # what LIVE would have done
        assert "SQL_INJECTION" in result.reason_v2.categories
        assert aj.protect({**CLEAN, "ip": ip}).conclusion.value == "ALLOW"


async def test_async_client_blocks_and_expires(client_kwargs: dict[str, Any]) -> None:
    rules = [shield(threshold=THRESHOLD, window=60, block_for=BLOCK_FOR)]
    async with arcjet(rules=rules, environment="development", **client_kwargs) as aj:
        ip = fresh_ip()
        assert (await aj.protect({**MEDIUM, "ip": ip})).conclusion.value == "ALLOW"
        assert (await aj.protect({**MEDIUM, "ip": ip})).conclusion.value == "DENY"
        assert (await aj.protect({**CLEAN, "ip": ip})).conclusion.value == "DENY"
        await asyncio.sleep(BLOCK_FOR)
        deadline = time.monotonic() + POLL_LIMIT
        while (await aj.protect({**CLEAN, "ip": ip})).conclusion.value == "DENY":
            assert time.monotonic() < deadline, "block never expired"
            await asyncio.sleep(0.1)


def test_characteristics_select_the_client(client_kwargs: dict[str, Any]) -> None:
    rules = [shield(threshold=THRESHOLD, window=60, block_for=BLOCK_FOR, characteristics=["userId"])]
    with arcjet_sync(rules=rules, environment="development", **client_kwargs) as aj:
        ip = fresh_ip()
        aj.protect({**MEDIUM, "ip": ip}, characteristics={"userId": "u1"})
        aj.protect({**MEDIUM, "ip": ip}, characteristics={"userId": "u1"})
        assert aj.protect({**CLEAN, "ip": ip}, characteristics={"userId": "u1"}).conclusion.value == "DENY"
        # Same IP, another user: not blocked.
        assert aj.protect({**CLEAN, "ip": ip}, characteristics={"userId": "u2"}).conclusion.value == "ALLOW"


def test_each_client_gets_its_own_fingerprint_on_clean_requests() -> None:
    # Clean requests share one detection result; stamping it with the
    # client's fingerprint is memoised, and must never hand one client's
    # fingerprint to another.
    client = arcjet_sync(key=f"fp-{fresh_ip()}", rules=[shield()], environment="development")
    ips = [fresh_ip() for _ in range(3)]
    seen: dict[str, str] = {}
    for _ in range(3):
        for ip in ips:
            result = _shield_result(client.protect({**CLEAN, "ip": ip}))
            assert result.conclusion.value == "ALLOW" and result.fingerprint
            assert seen.setdefault(ip, result.fingerprint) == result.fingerprint
    assert len(set(seen.values())) == len(ips)
