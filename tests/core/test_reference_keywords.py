"""The reference's arcjet()/protect() keywords that mean something different
here: cloud-only settings, timeout_ms, metadata and correlation_id."""

from __future__ import annotations

import time

import pytest

from arcjet import arcjet_sync, fixed_window, shield
from arcjet_core.errors import ArcjetMisconfiguration
from arcjet_core.ratelimit import RedisStorage
from tests.core.ratelimit.test_faults import slow_down
from tests.fixtures.redis_server import RedisServer

REQUEST = {"ip": "8.8.8.8", "method": "GET", "path": "/", "headers": {}}


@pytest.mark.parametrize("name", ["base_url", "stack", "sdk_version"])
def test_cloud_only_settings_raise_naming_themselves(name: str) -> None:
    with pytest.raises(ArcjetMisconfiguration, match=rf"^{name} is .*does not apply"):
        arcjet_sync(key="k", rules=[], **{name: "https://decide.arcjet.com"})  # type: ignore[arg-type]


def test_timeout_ms_bounds_each_redis_command(fresh_redis_server: RedisServer) -> None:
    aj = arcjet_sync(key="tmo", rules=[fixed_window(mode="LIVE", max=100, window=60)],
                     storage=fresh_redis_server.url, timeout_ms=150)
    assert isinstance(aj.storage, RedisStorage) and aj.storage.timeout == 0.15
    assert aj.protect(REQUEST).is_allowed()
    sleeper = slow_down(fresh_redis_server, 1.5)
    started = time.monotonic()
    decision = aj.protect(REQUEST)
    elapsed = time.monotonic() - started
    sleeper.join()
    assert decision.is_error() and decision.is_allowed()  # fail open, bounded by timeout_ms
    assert elapsed < 1.0
    aj.close()


@pytest.mark.parametrize("bad", [0, -5, 1.5, True, "100"])
def test_timeout_ms_must_be_a_positive_int(bad: object) -> None:
    with pytest.raises(ArcjetMisconfiguration, match="timeout_ms"):
        arcjet_sync(key="k", rules=[], timeout_ms=bad)  # type: ignore[arg-type]


def test_timeout_ms_with_a_storage_object_is_ambiguous(redis_url: str) -> None:
    store = RedisStorage(redis_url)
    with pytest.raises(ArcjetMisconfiguration, match="timeout_ms"):
        arcjet_sync(key="k", rules=[], storage=store, timeout_ms=100)
    store.close()


def test_metadata_and_correlation_id_travel_with_the_decision() -> None:
    aj = arcjet_sync(key="meta", rules=[shield(mode="LIVE")])
    plain = aj.protect(REQUEST)
    assert plain.correlation_id is None and plain.metadata is None
    d = aj.protect(REQUEST, correlation_id="req-42", metadata={"user": {"id": 7, "roles": ["a"]}, "n": 1.5})
    assert d.correlation_id == "req-42"
    assert d.metadata == {"user": '{"id":7,"roles":["a"]}', "n": "1.5"}
    assert d.conclusion == plain.conclusion and d.id != plain.id
    assert '"correlation_id": "req-42"' in d.to_json()


def test_metadata_that_json_cannot_encode_loses_that_key_only(caplog: pytest.LogCaptureFixture) -> None:
    aj = arcjet_sync(key="meta", rules=[])
    d = aj.protect(REQUEST, metadata={"ok": "yes", "when": time, "nan": float("nan"), 3: "x"})  # type: ignore[dict-item]
    assert d.metadata == {"ok": '"yes"'}
    assert "dropped 3 key(s)" in caplog.text
    assert aj.protect(REQUEST, metadata="not a mapping").metadata is None  # type: ignore[arg-type]


def test_correlation_id_must_be_a_string() -> None:
    with pytest.raises(ArcjetMisconfiguration, match="correlation_id"):
        arcjet_sync(key="meta", rules=[]).protect(REQUEST, correlation_id=123)  # type: ignore[arg-type]


def test_requested_none_is_the_default_of_one() -> None:
    aj = arcjet_sync(key="req", rules=[fixed_window(mode="LIVE", max=2, window=60)])
    assert aj.protect(REQUEST, requested=None).is_allowed()
    assert aj.protect(REQUEST, requested=None).is_allowed()
    assert aj.protect(REQUEST).is_denied()
