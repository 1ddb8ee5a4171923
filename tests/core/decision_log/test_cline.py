"""The C line builder (``_cline.Formatter``) against the record it must equal.

Each case is one the C path must either build byte for byte as the Python
builder does, or leave to the Python builder (a miss): never a different line.
"""

from __future__ import annotations

import dataclasses
import gc
import os
import sys
from datetime import timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arcjet_core.decision import (
    BotReason,
    Decision,
    RateLimitReason,
    RuleResult,
    ShieldReason,
    aggregate,
)
from arcjet_core.decision_log import build_record
from arcjet_core.decision_log._ip import IpCodec
from arcjet_core.decision_log._line import NATIVE, LineBuilder
from arcjet_core.decision_log._sinks import to_line
from arcjet_core.enums import Conclusion, RuleState

KEY = b"k" * 32
# Skipped where the extension could not be built; in CI it must be (the tests then fail, not skip).
pytestmark = pytest.mark.skipif(not NATIVE and not os.environ.get("CI"),
                                reason="arcjet_core.decision_log._cline is not built here (no C compiler)")
SHIELD_OK = ShieldReason(False)
HOUR = timedelta(hours=1)


def limit(remaining: Any = 4, reset: Any = timedelta(seconds=9), mx: Any = 10, window: timedelta = HOUR,
          conclusion: Conclusion = Conclusion.ALLOW, dry_run: bool = False) -> RuleResult:
    return RuleResult("rl", RuleState.DRY_RUN if dry_run else RuleState.RUN, conclusion,
                      RateLimitReason(mx, remaining, None, reset, window), None, 0, "RATE_LIMIT", dry_run)


def shield(reason: object = SHIELD_OK) -> RuleResult:
    return RuleResult("sh", RuleState.RUN, Conclusion.ALLOW, reason, None, 0, "SHIELD", False)  # type: ignore[arg-type]


def counts(builder: LineBuilder) -> tuple[int, int]:
    line: Any = builder.line
    return line.hits, line.misses


def check(builder: LineBuilder, ts: float, decision: Decision, method: str = "GET", path: str = "/a",
          ua: str | None = "curl/8") -> str:
    line = builder.line(ts, decision, method, path, ua)
    assert line == to_line(build_record(ts, decision, method, path, ua, IpCodec("full", KEY)))
    return line


def warm(builder: LineBuilder, decision: Decision, **request: Any) -> None:
    check(builder, 1_700_000_000.25, decision, **request)  # Python's: fills the caches


def test_a_cached_shape_is_built_in_c_and_a_new_one_left_to_python() -> None:
    builder = LineBuilder(IpCodec("full", KEY))
    decision = aggregate([shield(), limit()], ip_address="203.0.113.7")
    warm(builder, decision)
    assert counts(builder) == (0, 1)
    for remaining in (3, 0, -1, 2**62):
        check(builder, 1_700_000_001.5, aggregate([shield(), limit(remaining)], ip_address="203.0.113.7"))
    assert counts(builder) == (4, 1)
    # A new client, path and user agent: built in C, each fragment made (and cached) by the Python builder.
    check(builder, 1_700_000_001.5, aggregate([shield(), limit()], ip_address="203.0.113.8"), method="PUT",
          path="/new", ua="Mozilla/5.0")
    assert counts(builder) == (5, 1)
    assert ("PUT", "/new") in builder._requests and "Mozilla/5.0" in builder._uas
    assert "203.0.113.8" not in builder._ips  # log_ip="full": a plain address is written as it is, not cached
    check(builder, 1_700_000_001.5, aggregate([shield(ShieldReason(False, (), True)), limit()],
                                              ip_address="203.0.113.8"))  # a new rule shape: Python's
    assert counts(builder) == (5, 2)


@pytest.mark.parametrize("mode", ["full", "truncated", "hashed"])
def test_new_clients_in_every_ip_mode(mode: str) -> None:
    builder = LineBuilder(IpCodec(mode, KEY))
    builder.line(1_700_000_000.5, aggregate([shield()], ip_address="1.2.3.4"), "GET", "/a", "curl/8")
    for i in range(50):
        ip = f"198.51.100.{i}" if i % 2 else f"2001:db8::{i:x}"
        decision = aggregate([shield()], ip_address=ip)
        line = builder.line(1_700_000_000.5, decision, "GET", "/a", "curl/8")
        assert line == to_line(build_record(1_700_000_000.5, decision, "GET", "/a", "curl/8", IpCodec(mode, KEY)))
    assert counts(builder) == (50, 1)
    assert len(builder._ips) == (1 if mode == "full" else 51)  # a truncated or hashed address is made once


def test_a_fragment_maker_that_fails_costs_the_line_to_python_which_raises() -> None:
    class Flaky(IpCodec):
        fail = False

        def encode(self, ip: str) -> str:
            if self.fail:
                raise RuntimeError("boom")
            return super().encode(ip)

    codec = Flaky("hashed", KEY)  # with "full", C writes a plain address itself: no maker to fail
    builder = LineBuilder(codec)
    builder.line(1_700_000_000.5, aggregate([shield()], ip_address="1.2.3.4"), "GET", "/a", "curl/8")
    codec.fail = True
    with pytest.raises(RuntimeError, match="boom"):  # C's call of the maker failed, then Python's line raised
        builder.line(1_700_000_000.5, aggregate([shield()], ip_address="9.9.9.9"), "GET", "/a", "curl/8")
    assert counts(builder) == (0, 2)


@pytest.mark.parametrize("case", [
    {"remaining": True},  # a bool prints as "true" through json: never as 1
    {"remaining": 2**70},
    {"remaining": 3.0},
    {"reset": timedelta(microseconds=-500_000)},  # int() truncates toward zero: 0
    {"reset": timedelta(days=-1, seconds=3)},
    {"reset": timedelta(days=20_000, microseconds=999_999)},  # past the exact-division bound: Python's
    {"reset": timedelta(days=9_999, seconds=86_399, microseconds=999_999)},
    {"mx": 10**30},
])
def test_numbers_of_every_kind_print_as_python_prints_them(case: dict[str, Any]) -> None:
    builder = LineBuilder(IpCodec("full", KEY))
    warm(builder, aggregate([limit()], ip_address="1.2.3.4"))
    check(builder, 1_700_000_000.5, aggregate([limit(**case)], ip_address="1.2.3.4"))
    check(builder, 1_700_000_000.5, aggregate([limit(**case)], ip_address="1.2.3.4"))


@pytest.mark.parametrize("ts", [
    1_700_000_000 + 1 / 128,  # (ts - whole) * 1e6 = 7812.5 exactly: half to even, 7812
    1_700_000_000 + 3 / 128,  # 23437.5: 23438
    1_700_000_000.999_999_7,  # rounds into the next second: Python's
    1_700_000_000.0,
    0.5,  # before 1970-01-01T00:00:01: Python's
    253_402_300_799.25,  # 9999-12-31T23:59:59
])
def test_timestamps_round_as_python_rounds_them(ts: float) -> None:
    builder = LineBuilder(IpCodec("full", KEY))
    decision = aggregate([shield()], ip_address="1.2.3.4")
    warm(builder, decision)
    check(builder, ts, decision)
    check(builder, ts + 1.0, decision)  # the kept second's text is renewed


@pytest.mark.parametrize("decision_id", ['q"uote', "back\\slash", "\u00e9t\u00e9", "x" * 200, "new\nline"])
def test_an_id_that_needs_escaping_is_left_to_python(decision_id: str) -> None:
    builder = LineBuilder(IpCodec("full", KEY))
    warm(builder, aggregate([shield()], ip_address="1.2.3.4"))
    hits = counts(builder)[0]
    check(builder, 1_700_000_000.5, aggregate([shield()], ip_address="1.2.3.4", decision_id=decision_id))
    assert counts(builder)[0] == hits


def test_odd_argument_types_are_left_to_python() -> None:
    class Path(str):
        pass

    builder = LineBuilder(IpCodec("full", KEY))
    decision = aggregate([shield()], ip_address="1.2.3.4")
    warm(builder, decision)
    hits = counts(builder)[0]
    check(builder, 1_700_000_000.5, decision, path=Path("/a"))
    assert builder.line(1_700_000_000, decision, "GET", "/a", "curl/8") == builder._line(
        1_700_000_000, decision, "GET", "/a", "curl/8")  # an int timestamp
    copy = object.__new__(Decision)  # a subclass instance or a copy without a dict: same bytes either way
    object.__setattr__(copy, "__dict__", dict(decision.__dict__))
    check(builder, 1_700_000_000.5, copy)
    assert counts(builder)[0] == hits + 1  # only the plain copy was built in C


def test_rule_shapes_that_alternate_are_served_from_the_second_level() -> None:
    builder = LineBuilder(IpCodec("full", KEY))
    curl, bot = BotReason((), ("CURL",)), BotReason((), ("BOT",))
    bots = [RuleResult("b", RuleState.DRY_RUN, Conclusion.DENY, r, None, 0, "BOT", True) for r in (curl, bot)]
    shapes = [limit(conclusion=Conclusion.ALLOW, dry_run=True), limit(conclusion=Conclusion.DENY, dry_run=True)]
    for i in range(8):
        check(builder, 1_700_000_000.5 + i, aggregate([bots[i % 2], shapes[i % 2]], ip_address="1.2.3.4"))
    assert counts(builder) == (6, 2)


def _shapes_held(native: bool) -> list[int]:
    """References to twelve bot reasons and twelve limit windows left after
    each was seen three times in turn and the builder's own caches forgot them."""
    builder = LineBuilder(IpCodec("full", KEY), native=native)
    reasons = [BotReason((), (f"BOT_{i}",)) for i in range(12)]
    windows = [timedelta(seconds=60 + i) for i in range(12)]
    shapes = (*reasons, *windows)
    baseline = [sys.getrefcount(x) for x in shapes]
    for _ in range(3):
        for i in range(12):
            bot = RuleResult("b", RuleState.RUN, Conclusion.DENY, reasons[i], None, 0, "BOT", False)
            check(builder, 1_700_000_000.5 + i, aggregate([bot, limit(window=windows[i])], ip_address="1.2.3.4"))
    if native:
        assert counts(builder) == (24, 12)  # each shape once to Python, then C: the second level or a memo
    del bot
    for cache in (builder._last, builder._rules, builder._limits, builder._limit_shapes):
        cache.clear()
    gc.collect()
    after = [sys.getrefcount(x) for x in shapes]
    return [a - b for a, b in zip(after, baseline, strict=True)]


def test_the_rule_memos_hold_the_last_eight_shapes_and_let_go_of_older_ones() -> None:
    # More shapes of each kind than the Formatter's eight memo slots: every
    # line has the record's bytes (check()), and C holds the eight shapes of
    # each kind seen last, one reference each; the Python builder none.
    assert _shapes_held(False) == [0] * 24
    assert _shapes_held(True) == [0] * 4 + [1] * 8 + [0] * 4 + [1] * 8


def test_the_formatter_keeps_no_reference_it_took() -> None:
    builder = LineBuilder(IpCodec("full", KEY))
    decision = aggregate([shield(), limit()], ip_address="1.2.3.4")
    warm(builder, decision)
    check(builder, 1_700_000_000.5, decision)  # the one-entry memos now hold this request's fragments
    pieces = [*builder._verdicts.values(), *builder._ips.values(), *builder._requests.values()]
    before = [sys.getrefcount(x) for x in (decision, *pieces)]
    for _ in range(1000):
        check(builder, 1_700_000_000.5, decision)
    gc.collect()
    assert [sys.getrefcount(x) for x in (decision, *pieces)] == before


def test_the_one_entry_memos_let_go_of_what_they_replace() -> None:
    # The last request's verdict, request and user-agent fragments are kept
    # for the next line: only the last one, and never a client's long path.
    builder = LineBuilder(IpCodec("full", KEY))
    decision = aggregate([shield(), limit()], ip_address="1.2.3.4")
    long_path = "/" + "a" * 5000
    paths = [long_path, *(f"/p/{i}" for i in range(3))]
    for path in paths:
        for method in ("GET", "GET", "POST"):
            for ua in ("curl/8", "x" * 3000, None, "curl/9"):
                # Equal text in a new object each time, as a framework hands it
                # over; "/p/0" then "/p/1", "curl/8" then "curl/9": same length.
                check(builder, 1_700_000_000.5, decision, method="".join(method), path="".join(list(path)),
                      ua=None if ua is None else "".join(list(ua)))
    texts = [builder._request("GET", p) for p in paths]
    probe = "".join(list(long_path))
    builder.line(1_700_000_000.5, decision, "GET", probe, "curl/8")
    assert sys.getrefcount(probe) == 2  # this frame's reference and getrefcount's argument
    assert counts(builder)[0] > 0
    del texts


def test_misuse_raises_type_errors() -> None:
    from arcjet_core.decision_log._cline import Formatter

    builder = LineBuilder(IpCodec("full", KEY))
    with pytest.raises(TypeError):
        builder.line(1.0, aggregate([]), "GET")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Formatter(last=[], rules={}, limits={}, limit_shapes={}, verdicts={}, ips={}, requests={}, uas={},  # type: ignore[arg-type]
                  ratelimit=RateLimitReason, decision=Decision, result=RuleResult, slow=builder._line,
                  ip_text=builder._ip_text, request_text=builder._request, ua_text=builder._ua, prefix="")
    with pytest.raises(TypeError, match="callable"):
        Formatter(last={}, rules={}, limits={}, limit_shapes={}, verdicts={}, ips={}, requests={}, uas={},
                  ratelimit=RateLimitReason, decision=Decision, result=RuleResult, slow=builder._line,
                  ip_text=1, request_text=builder._request, ua_text=builder._ua, prefix="")  # type: ignore[arg-type]


def test_pusher_misuse_raises_type_errors() -> None:
    from collections import deque

    from arcjet_core.decision_log._cline import Pusher

    builder = LineBuilder(IpCodec("full", KEY))

    def ok(*args: Any) -> bool:
        return True

    with pytest.raises(TypeError):  # not a Formatter
        Pusher(formatter=builder._line, buffer=deque(), slow=ok, stranded=ok, max=10, wake_at=5, wake=ok)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="callable"):
        Pusher(formatter=builder.line, buffer=deque(), slow=ok, stranded=ok, max=10, wake_at=5, wake=1)  # type: ignore[arg-type]
    pusher = Pusher(formatter=builder.line, buffer=deque(), slow=ok, stranded=ok, max=10, wake_at=5, wake=ok)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="4 positional"):
        pusher(aggregate([]), "GET")  # type: ignore[call-arg]
    with pytest.raises(AttributeError):
        del pusher.open


_conclusions = st.sampled_from(list(Conclusion))
_states = st.sampled_from(list(RuleState))
_ints = st.one_of(st.integers(-(2**63), 2**63 - 1), st.integers(), st.booleans())
_deltas = st.timedeltas(min_value=timedelta(days=-30_000), max_value=timedelta(days=30_000))
_results = st.one_of(
    st.builds(lambda c, s, d, rem, mx, reset, win: dataclasses.replace(
        limit(rem, reset, mx, HOUR if win else timedelta(seconds=60), c, d), state=s),
        _conclusions, _states, st.booleans(), _ints, _ints, _deltas, st.booleans()),
    st.builds(lambda c, d, trig: RuleResult("sh", RuleState.RUN, c, ShieldReason(trig), None, 0, "SHIELD", d),
              _conclusions, st.booleans(), st.booleans()),
)


@settings(max_examples=300, deadline=None)
@given(rules=st.lists(_results, max_size=4), ts=st.floats(0, 3e11, allow_nan=False),
       ip=st.sampled_from(["203.0.113.7", "2001:db8::1", ""]), ttl=_ints,
       path=st.sampled_from(["/a", "/\u00e9", "/a?b=c"]), ua=st.sampled_from([None, "curl/8", "Mozilla/5.0"]))
def test_any_decision_gives_the_record_s_bytes(rules: list[RuleResult], ts: float, ip: str, ttl: Any, path: str,
                                                ua: str | None) -> None:
    builder = LineBuilder(IpCodec("full", KEY))
    decision = dataclasses.replace(aggregate(rules, ip_address=ip), ttl=ttl)
    for _ in range(2):  # Python's line, then (every shape now cached) C's where it can
        assert builder.line(ts, decision, "GET", path, ua) == to_line(
            build_record(ts, decision, "GET", path, ua, IpCodec("full", KEY)))
