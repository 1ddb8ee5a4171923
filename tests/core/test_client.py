"""The clients end to end: protect() over real requests, the memory store and a
real Redis, with the Wasm analyzer in the loop."""

from __future__ import annotations

import asyncio
import socket
from typing import Any

import pytest

from arcjet_core import (
    ArcjetError,
    ArcjetMisconfiguration,
    Conclusion,
    Mode,
    RuleState,
    arcjet,
    arcjet_sync,
    detect_bot,
    detect_prompt_injection,
    fixed_window,
    is_missing_user_agent,
    sliding_window,
    token_bucket,
    validate_email,
)

BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36"


def req(ip: str = "8.8.8.8", ua: str | None = BROWSER, **extra: Any) -> dict[str, Any]:
    headers = {"user-agent": ua} if ua is not None else {}
    headers.update(extra.pop("headers", {}))
    return {"ip": ip, "method": "GET", "path": "/", "headers": headers, **extra}


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_missing_user_agent_is_reported() -> None:
    aj = arcjet_sync(key="ua", rules=[detect_bot(allow=[])])
    d = aj.protect(req(ua=None))
    assert d.is_error() and is_missing_user_agent(d.results[0])
    assert not is_missing_user_agent(aj.protect(req()).results[0])


def test_no_rules_allows() -> None:
    aj = arcjet_sync(key="t")
    d = aj.protect(req())
    assert d.is_allowed() and d.conclusion is Conclusion.ALLOW and d.results == ()


def test_key_is_required() -> None:
    with pytest.raises(ArcjetMisconfiguration, match="key"):
        arcjet_sync(key="")
    with pytest.raises(ArcjetMisconfiguration, match="key"):
        arcjet(key=None)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "param"),
    [({"fail_open": "yes"}, "fail_open"), ({"storage": "mongodb://x"}, "storage"),
     ({"proxies": ["nope"]}, "proxies"), ({"body_limit": -1}, "body_limit"),
     ({"characteristics": "userId"}, "characteristics"), ({"platform": "nowhere"}, "platform")],
)
def test_client_misconfiguration_names_the_parameter(kwargs: dict[str, Any], param: str) -> None:
    with pytest.raises((ArcjetMisconfiguration, TypeError), match=param):
        arcjet_sync(key="t", **kwargs)


def test_token_bucket_sync() -> None:
    aj = arcjet_sync(key="tb-sync", rules=[token_bucket(refill_rate=1, interval=60, capacity=3)])
    decisions = [aj.protect(req()) for _ in range(4)]
    assert [d.conclusion for d in decisions] == [Conclusion.ALLOW] * 3 + [Conclusion.DENY]
    assert [d.reason_v2.remaining for d in decisions[:3]] == [2, 1, 0]  # type: ignore[union-attr]
    denied = decisions[3]
    assert denied.reason_v2.type == "RATE_LIMIT" and denied.ttl > 0
    assert denied.results[0].fingerprint and denied.results[0].fingerprint == decisions[0].results[0].fingerprint
    # Another client IP has its own bucket.
    assert aj.protect(req(ip="9.9.9.9")).is_allowed()


async def test_token_bucket_async_matches_sync() -> None:
    aj = arcjet(key="tb-async", rules=[token_bucket(refill_rate=1, interval=60, capacity=3)])
    decisions = [await aj.protect(req()) for _ in range(4)]
    assert [d.conclusion for d in decisions] == [Conclusion.ALLOW] * 3 + [Conclusion.DENY]
    await aj.aclose()


def test_deny_is_cached_and_fresh() -> None:
    aj = arcjet_sync(key="cache", rules=[fixed_window(max=1, window=30)])
    first, second, third = (aj.protect(req()) for _ in range(3))
    assert first.is_allowed() and second.is_denied() and third.is_denied()
    assert third.results[0].state is RuleState.CACHED
    assert second.results[0].state is RuleState.RUN
    assert third.id != second.id and 0 < third.ttl <= 30
    assert third.results[0] is not second.results[0]


def test_requested_tokens() -> None:
    aj = arcjet_sync(key="req", rules=[token_bucket(refill_rate=5, interval=10, capacity=10)])
    assert aj.protect(req(), requested=5).reason_v2.remaining == 5  # type: ignore[union-attr]
    assert aj.protect(req(), requested=5).is_allowed()
    assert aj.protect(req(), requested=1).is_denied()
    with pytest.raises(ArcjetMisconfiguration, match="requested"):
        aj.protect(req(), requested=0)


def test_custom_characteristics() -> None:
    aj = arcjet_sync(key="chars", rules=[token_bucket(characteristics=["userId"], refill_rate=1, interval=60, capacity=1)])
    assert aj.protect(req(), characteristics={"userId": "alice"}).is_allowed()
    assert aj.protect(req(), characteristics={"userId": "alice"}).is_denied()
    assert aj.protect(req(), characteristics={"userId": "bob"}).is_allowed()
    missing = aj.protect(req())
    assert missing.is_error() and missing.is_allowed()
    assert "userId" in missing.results[0].reason_v2.message  # type: ignore[union-attr]


def test_client_level_characteristics_apply_to_rules_without_their_own() -> None:
    aj = arcjet_sync(key="gchars", characteristics=["userId"],
                     rules=[sliding_window(max=1, interval=60)])
    assert aj.protect(req(ip="1.1.1.1"), characteristics={"userId": "u"}).is_allowed()
    assert aj.protect(req(ip="2.2.2.2"), characteristics={"userId": "u"}).is_denied()


def test_dry_run_reports_but_allows() -> None:
    aj = arcjet_sync(key="dry", rules=[fixed_window(mode=Mode.DRY_RUN, max=1, window=60)])
    aj.protect(req())
    d = aj.protect(req())
    assert d.is_allowed() and d.results[0].is_denied() and d.results[0].state is RuleState.DRY_RUN


def test_live_content_deny_spends_no_tokens() -> None:
    aj = arcjet_sync(key="order", rules=[detect_bot(allow=[]), token_bucket(refill_rate=1, interval=60, capacity=1)])
    bot = aj.protect(req(ua="curl/8.4.0"))
    assert bot.is_denied() and bot.reason_v2.type == "BOT"
    assert bot.results[1].state is RuleState.NOT_RUN
    # The bucket was untouched by the bot's request: the browser still has its token.
    assert aj.protect(req()).is_allowed()


def test_storage_fault_fails_open() -> None:
    aj = arcjet_sync(key="down", rules=[token_bucket(refill_rate=1, interval=60, capacity=1)],
                     storage=f"redis://127.0.0.1:{closed_port()}/0")
    d = aj.protect(req())
    assert d.is_error() and d.is_allowed() and d.results[0].reason_v2.type == "ERROR"


def test_fail_open_false_raises() -> None:
    aj = arcjet_sync(key="closed", fail_open=False, rules=[token_bucket(refill_rate=1, interval=60, capacity=1)],
                     storage=f"redis://127.0.0.1:{closed_port()}/0")
    with pytest.raises(ArcjetError, match="fail_open=False"):
        aj.protect(req())


def test_required_kwargs() -> None:
    aj = arcjet_sync(key="email", rules=[validate_email(deny=["INVALID"])])
    with pytest.raises(ArcjetMisconfiguration, match="email"):
        aj.protect(req())
    assert aj.protect(req(), email="alice@example.com").is_allowed()
    invalid = aj.protect(req(), email="not-an-email")
    assert invalid.is_denied() and invalid.reason_v2.type == "EMAIL"
    # Prompt injection takes its message from the body when none is given:
    # no body, nothing to classify (NOT_RUN), not a misconfiguration.
    pi = arcjet_sync(key="pi", rules=[detect_prompt_injection()])
    assert pi.protect(req()).results[0].state is RuleState.NOT_RUN


def test_ip_src_override() -> None:
    with pytest.raises(ArcjetMisconfiguration, match="disable_automatic_ip_detection"):
        arcjet_sync(key="ip").protect(req(), ip_src="8.8.8.8")
    aj = arcjet_sync(key="ip", disable_automatic_ip_detection=True, rules=[fixed_window(max=1, window=60)])
    with pytest.raises(ArcjetMisconfiguration, match="ip_src"):
        aj.protect(req())
    assert aj.protect(req(ip="1.1.1.1"), ip_src="4.4.4.4").is_allowed()
    assert aj.protect(req(ip="2.2.2.2"), ip_src="4.4.4.4").is_denied()
    with pytest.raises(ArcjetMisconfiguration, match="ip_src"):
        aj.protect(req(), ip_src="not-an-ip")


def test_with_rule_shares_storage() -> None:
    base = arcjet_sync(key="shared", rules=[detect_bot(allow=[])])
    limited = base.with_rule(fixed_window(max=1, window=60))
    assert limited.storage is base.storage and len(limited.rules) == 2 and len(base.rules) == 1
    assert limited.protect(req()).is_allowed() and limited.protect(req()).is_denied()
    assert base.protect(req()).is_allowed()


def test_context_managers_close_owned_storage(redis_url: str) -> None:
    with arcjet_sync(key="cm", rules=[fixed_window(max=5, window=60)], storage=redis_url) as aj:
        assert aj.protect(req()).is_allowed()

    async def run() -> None:
        async with arcjet(key="cm", rules=[fixed_window(max=5, window=60)], storage=redis_url) as aja:
            assert (await aja.protect(req())).is_allowed()

    asyncio.run(run())


def _evalsha_calls(url: str) -> int:
    import redis

    stats = redis.Redis.from_url(url).info("commandstats")
    return int(stats.get("cmdstat_evalsha", {}).get("calls", 0)) + int(stats.get("cmdstat_eval", {}).get("calls", 0))


def test_redis_one_round_trip_and_cached_denies_skip_storage(redis_url: str, redis_prefix: str) -> None:
    aj = arcjet_sync(key=redis_prefix, storage=redis_url, rules=[
        token_bucket(refill_rate=1, interval=60, capacity=2),
        fixed_window(max=100, window=60),
        sliding_window(max=100, interval=60, characteristics=["userId"]),
    ])
    before = _evalsha_calls(redis_url)
    for _ in range(2):
        assert aj.protect(req(), characteristics={"userId": "u"}).is_allowed()
    assert _evalsha_calls(redis_url) - before == 2  # three rules, one script call per protect()
    assert aj.protect(req(), characteristics={"userId": "u"}).is_denied()
    calls = _evalsha_calls(redis_url)
    for _ in range(5):
        d = aj.protect(req(), characteristics={"userId": "u"})
        assert d.is_denied() and d.results[0].state is RuleState.CACHED
        assert d.results[1].state is RuleState.NOT_RUN
    # While the client is blocked, nothing reaches Redis.
    assert _evalsha_calls(redis_url) - calls == 0
    aj.close()


def test_log_level_from_environment(monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    import logging

    logger = logging.getLogger("arcjet")
    previous = logger.level
    monkeypatch.setenv("ARCJET_LOG_LEVEL", "debug")
    try:
        aj = arcjet_sync(key="log", rules=[fixed_window(max=5, window=60)])
        assert logger.level == logging.DEBUG
        with caplog.at_level(logging.DEBUG, logger="arcjet"):
            aj.protect(req())
        assert any("arcjet decision" in r.getMessage() for r in caplog.records)
    finally:
        logger.setLevel(previous)


def test_development_environment_accepts_private_addresses(monkeypatch: pytest.MonkeyPatch) -> None:
    rules = [fixed_window(max=1, window=60)]
    prod = arcjet_sync(key="env-prod", rules=rules)
    # A private peer in production is still a client: it is keyed by that
    # address (once warned about), never let through unlimited.
    first = prod.protect(req(ip="192.168.1.10"))
    assert first.is_allowed() and first.ip_address == "192.168.1.10"
    assert prod.protect(req(ip="192.168.1.10")).is_denied()
    dev = arcjet_sync(key="env-dev", rules=rules, environment="development")
    assert dev.protect(req(ip="192.168.1.10")).is_allowed()
    monkeypatch.setenv("ARCJET_ENV", "development")
    from_env = arcjet_sync(key="env-var", rules=rules)
    first = from_env.protect(req(ip="127.0.0.1"))
    assert first.is_allowed() and first.ip_address == "127.0.0.1"


def test_proxies_pick_the_client_behind_a_load_balancer() -> None:
    aj = arcjet_sync(key="lb", proxies=["100.100.100.0/24"], rules=[fixed_window(max=1, window=60)])
    behind = req(ip="100.100.100.100", headers={"x-forwarded-for": "6.6.6.6, 8.8.8.8"})
    assert aj.protect(behind).ip_address == "8.8.8.8"
    # A client cannot pick its IP when it connects directly.
    spoof = req(ip="9.9.9.9", headers={"x-forwarded-for": "8.8.8.8"})
    assert aj.protect(spoof).ip_address == "9.9.9.9"
