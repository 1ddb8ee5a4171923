"""The Redis stream sink against the real Redis the suite starts (ARCJET_REQUIRE_REDIS=1: never skipped)."""

from __future__ import annotations

import uuid

import pytest

from arcjet_core import arcjet_sync, fixed_window, shield
from arcjet_core.decision_log import DecisionLog, read_records
from arcjet_core.ratelimit._redis_config import import_redis, link_spec
from arcjet_core.ratelimit._redis_link import Link
from arcjet_core.ratelimit._resp import command

from .helpers import req

pytestmark = pytest.mark.redis


def _call(url: str, *parts: str) -> object:
    link = Link(link_spec(import_redis(), url, {}), 1.0, 1.0)
    try:
        return link.call(command(*parts))
    finally:
        link.close()


def test_records_reach_the_stream_and_read_back(redis_url: str) -> None:
    stream = f"arcjet-test:{uuid.uuid4().hex}"
    url = f"{redis_url.rstrip('/')}?stream={stream}&maxlen=1000"
    with arcjet_sync(key="redis-log", rules=[shield(), fixed_window(max=2, window=60)], decision_log=url) as aj:
        ids = [aj.protect(req(path=f"/r/{i}")).id for i in range(5)]
    assert _call(redis_url, "XLEN", stream) == 5
    records = list(read_records(url))
    assert [r["id"] for r in records] == ids
    assert [r["conclusion"] for r in records] == ["ALLOW", "ALLOW", "DENY", "DENY", "DENY"]
    assert records[0]["path"] == "/r/0" and records[0]["rules"][1]["kind"] == "RATE_LIMIT"
    _call(redis_url, "DEL", stream)


def test_stream_is_trimmed_to_maxlen(redis_url: str) -> None:
    stream = f"arcjet-test:{uuid.uuid4().hex}"
    log = DecisionLog(f"{redis_url.rstrip('/')}?stream={stream}&maxlen=10")
    with arcjet_sync(key="trim", rules=[shield()], decision_log=log) as aj:
        for _ in range(500):
            aj.protect(req())
    log.close()
    length = _call(redis_url, "XLEN", stream)
    assert isinstance(length, int) and length < 500  # MAXLEN ~ trims by whole nodes: about, not exactly, 10
    assert log.written == 500
    _call(redis_url, "DEL", stream)


def test_a_wrong_type_key_is_refused_and_counted(redis_url: str) -> None:
    key = f"arcjet-test:{uuid.uuid4().hex}"
    _call(redis_url, "SET", key, "not a stream")
    log = DecisionLog(f"{redis_url.rstrip('/')}?stream={key}")
    with arcjet_sync(key="wrongtype", rules=[shield()], decision_log=log) as aj:
        aj.protect(req())
    log.close()
    assert (log.written, log.failed) == (0, 1)
    _call(redis_url, "DEL", key)


def test_redis_down_loses_records_but_never_requests(caplog: pytest.LogCaptureFixture) -> None:
    from tests.fixtures.redis_server import free_port

    log = DecisionLog(f"redis://127.0.0.1:{free_port()}/0")
    with caplog.at_level("WARNING", logger="arcjet"), arcjet_sync(key="down", rules=[shield()],
                                                                    decision_log=log) as aj:
        decisions = [aj.protect(req()) for _ in range(20)]
        log.flush(10)
    log.close()
    assert all(d.is_allowed() for d in decisions)
    assert log.failed == 20 and log.written == 0
    assert len([r for r in caplog.records if "decision log \"redis stream" in r.getMessage()]) == 1


def test_a_batch_larger_than_one_pipeline_arrives_whole_and_in_order(redis_url: str) -> None:
    from arcjet_core.decision_log._sinks import PIPELINE, RedisStreamSink

    stream = f"arcjet-test:{uuid.uuid4().hex}"
    sink = RedisStreamSink(f"{redis_url.rstrip('/')}?stream={stream}&maxlen=100000")
    n = 2 * PIPELINE + 7
    assert sink.write([f'{{"i":{i}}}\n' for i in range(n)]) == 0
    sink.close()
    assert _call(redis_url, "XLEN", stream) == n
    first = _call(redis_url, "XRANGE", stream, "-", "+", "COUNT", "1")
    last = _call(redis_url, "XREVRANGE", stream, "+", "-", "COUNT", "1")
    assert first[0][1] == [b"r", b'{"i":0}'] and last[0][1] == [b"r", f'{{"i":{n - 1}}}'.encode()]  # type: ignore[index]
    _call(redis_url, "DEL", stream)
