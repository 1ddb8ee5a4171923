"""The engine under attack (issue 14): rate limits never depend on the analyzer
(finding 1), a failed inspection is charged as suspicion, and the DENY cache
holds a deny exactly as long as the algorithm would (finding 9)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from arcjet_core import (
    arcjet,
    arcjet_sync,
    detect_bot,
    fixed_window,
    shield,
    sliding_window,
    token_bucket,
)
from arcjet_core.analyze import _instance
from arcjet_core.cache import TTLCache
from arcjet_core.client import ArcjetSync
from arcjet_core.context import raw_from_request
from arcjet_core.decision import RuleResult
from arcjet_core.engine import StorageCall
from arcjet_core.enums import Conclusion, RuleState
from arcjet_core.ratelimit import MemoryStorage, RedisStorage

CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"


def req(path: str = "/", ip: str = "8.8.8.8") -> dict[str, object]:
    return {"ip": ip, "path": path, "headers": {"user-agent": CHROME}}


@pytest.fixture
def analyzer_traps(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[], None]]:
    """From the call on, every analyzer call hits its deadline at once: what a
    request crafted to run past the deadline (finding 1) causes, without the
    wait. Called after the client is built (building configures the analyzer)."""
    yield lambda: monkeypatch.setattr(_instance, "ANALYZE_TICKS", 0)


def test_rate_limits_alone_never_cross_into_the_analyzer(analyzer_traps: Callable[[], None]) -> None:
    analyzer_traps()
    with arcjet_sync(key="rl-only", rules=[fixed_window(max=3, window=60)]) as aj:
        assert not aj._engine.analyzes
        inputs = aj._engine.validate_inputs()
        flow = aj._engine.flow(aj._engine.context_for(raw_from_request(req()), inputs), inputs)
        assert type(next(flow)) is StorageCall  # the first and only step is storage
        flow.close()
        got = [aj.protect(req(f"/{n}")).conclusion for n in range(6)]
    assert got == [Conclusion.ALLOW] * 3 + [Conclusion.DENY] * 3


def test_rate_limits_hold_when_the_analyzer_traps(analyzer_traps: Callable[[], None]) -> None:
    """The attack (finding 1): every request trapped the analyzer and every rule,
    rate limit included, answered ERROR, so 20 of 20 got through a cap of 3."""
    rules = [shield(threshold=10_000), detect_bot(allow=[]), fixed_window(max=3, window=60)]
    with arcjet_sync(key="trap-rl", rules=rules) as aj:
        analyzer_traps()
        decisions = [aj.protect(req(f"/x{n}")) for n in range(20)]
    limits = [d.results[2] for d in decisions]
    assert [r.conclusion for r in limits] == [Conclusion.ALLOW] * 3 + [Conclusion.DENY] * 17
    assert all(r.fingerprint for r in limits)
    assert all(d.results[0].conclusion is Conclusion.ERROR for d in decisions[:3])  # shield fails open
    assert sum(d.is_denied() for d in decisions) == 17


async def test_the_async_client_keeps_limits_when_the_analyzer_traps(analyzer_traps: Callable[[], None]) -> None:
    aj = arcjet(key="trap-rl-async", rules=[shield(threshold=10_000), fixed_window(max=3, window=60)])
    analyzer_traps()
    decisions = [await aj.protect(req(f"/y{n}")) for n in range(10)]
    await aj.aclose()
    assert [d.results[1].conclusion for d in decisions] == [Conclusion.ALLOW] * 3 + [Conclusion.DENY] * 7


def test_an_analyzer_deadline_counts_toward_suspicion(analyzer_traps: Callable[[], None]) -> None:
    """A deadline hit scores like a High-severity finding (3 points): with the
    default threshold of 5, the second such request blocks the client."""
    dry = arcjet_sync(key="trap-shield-dry", rules=[shield(mode="DRY_RUN")])
    with arcjet_sync(key="trap-shield", rules=[shield(), token_bucket(refill_rate=100, interval=1, capacity=100)]) as aj:
        analyzer_traps()
        first = aj.protect(req("/a"))
        assert first.results[0].conclusion is Conclusion.ERROR and first.is_error()  # fail open...
        second = aj.protect(req("/b"))
        assert second.is_denied() and second.results[0].conclusion is Conclusion.DENY  # ...but not for free
        assert second.results[0].reason_v2.suspicious  # type: ignore[union-attr]
        assert aj.protect(req("/c", ip="9.9.9.9")).is_error()  # another client starts clean
    with dry:
        assert not any(dry.protect(req(f"/{n}")).is_denied() for n in range(3))


# -- the DENY cache (finding 9) -------------------------------------------------


class Clock:
    """One fake clock for the store (ms) and the DENY cache (seconds)."""

    def __init__(self) -> None:
        self.ms = 1_000_000_000

    def store(self) -> int:
        return self.ms

    def cache(self) -> float:
        return self.ms / 1000


def clocked(rules: list[object], clock: Clock) -> ArcjetSync:
    cache: TTLCache[RuleResult] = TTLCache(clock=clock.cache)
    return ArcjetSync(key="deny-cache", rules=rules,  # type: ignore[arg-type]
                      _shared=(MemoryStorage(clock=clock.store), cache))


def test_a_cached_deny_holds_only_for_the_amount_denied() -> None:
    """The attack's mirror (over-denial): requested=5 denied, then requested=1 was
    answered DENY from the cache with a token left."""
    with arcjet_sync(key="tb-requested", rules=[token_bucket(refill_rate=1, interval=60, capacity=10)]) as aj:
        assert aj.protect(req(), requested=9).is_allowed()
        denied = aj.protect(req(), requested=5)
        assert denied.is_denied() and denied.results[0].state is RuleState.RUN
        assert aj.protect(req(), requested=5).results[0].state is RuleState.CACHED  # the cache still works
        one = aj.protect(req(), requested=1)
        assert one.is_allowed() and one.results[0].state is RuleState.RUN
        assert aj.protect(req(), requested=1).is_denied()


def test_a_token_bucket_deny_is_cached_until_enough_tokens_refill() -> None:
    clock = Clock()
    aj = clocked([token_bucket(refill_rate=2, interval=10, capacity=10)], clock)
    assert aj.protect(req(), requested=10).is_allowed()
    denied = aj.protect(req(), requested=5)  # 3 refills (30 s) until 6 tokens
    assert denied.is_denied() and denied.results[0].ttl == 30
    clock.ms += 29_999
    assert aj.protect(req(), requested=5).results[0].state is RuleState.CACHED
    clock.ms += 1
    assert aj.protect(req(), requested=5).is_allowed()


def test_a_sliding_window_deny_is_cached_until_the_next_allow_not_the_window_end() -> None:
    clock = Clock()
    clock.ms = 10_000 * 100_000  # the start of a 10 s window
    aj = clocked([sliding_window(max=10, interval=10)], clock)
    assert all(aj.protect(req()).is_allowed() for _ in range(10))
    clock.ms += 11_000  # 1 s into the next window: the previous 10 weigh 9
    assert aj.protect(req()).is_allowed()
    denied = aj.protect(req())  # 9 + 2 > 10; it fits again once the weight is 8: at 2 s
    assert denied.is_denied() and denied.results[0].ttl == 1
    clock.ms += 999
    again = aj.protect(req())
    assert again.is_denied() and again.results[0].state is RuleState.CACHED
    clock.ms += 1
    allowed = aj.protect(req())  # the old cache held this deny to the window's end (8 s more)
    assert allowed.is_allowed() and allowed.results[0].state is RuleState.RUN


@pytest.mark.redis
def test_the_redis_script_reports_the_same_retry_after(redis_url: str, redis_prefix: str) -> None:
    storage = RedisStorage(redis_url, prefix=redis_prefix, timeout=2.0)
    try:
        aj = ArcjetSync(key="deny-cache-redis", rules=[token_bucket(refill_rate=2, interval=10, capacity=10)],
                        _shared=(storage, TTLCache()))
        assert aj.protect(req(), requested=9).is_allowed()
        denied = aj.protect(req(), requested=5)
        assert denied.is_denied() and 20 <= denied.results[0].ttl <= 30  # 2 refills; the first is <= 10 s away
        assert aj.protect(req(), requested=1).is_allowed()
    finally:
        storage.close()
