"""DecisionLog: the buffer, the writer thread, the file sink's rotation, drops, flush on close."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path
from typing import Any

import pytest

from arcjet_core.decision import aggregate
from arcjet_core.decision_log import DecisionLog, read_records
from arcjet_core.errors import ArcjetMisconfiguration

from .helpers import lines


def decision(ip: str = "198.51.100.1") -> Any:
    return aggregate((), ip_address=ip)


def test_file_sink_writes_on_close(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    log = DecisionLog(path)
    ids = [log.submit(d := decision(), "GET", f"/p/{i}", "curl/8") and d.id for i in range(100)]
    log.close()
    records = lines(path)
    assert [r["id"] for r in records] == ids
    assert [r["path"] for r in records] == [f"/p/{i}" for i in range(100)]
    assert (log.written, log.dropped, log.failed) == (100, 0, 0)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    log.close()  # idempotent


def test_flush_waits_for_the_writer(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    log = DecisionLog(path)
    for _ in range(10):
        log.submit(decision(), "GET", "/", None)
    assert log.flush(5.0)
    assert len(lines(path)) == 10 and log.pending == 0
    log.close()


def test_rotation_by_size(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    log = DecisionLog(path, max_bytes=4096, backups=2)
    for i in range(200):
        log.submit(decision(), "GET", f"/{i:04d}", None)
    log.close()
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == ["d.jsonl", "d.jsonl.1", "d.jsonl.2"]
    for name in files:
        assert 0 < (tmp_path / name).stat().st_size <= 4096
    # The oldest lines went with the deleted backups; the rest is in order, oldest first.
    kept = list(read_records(path.with_suffix(".jsonl.2"), path.with_suffix(".jsonl.1"), path))
    paths = [r["path"] for r in kept]
    assert paths == sorted(paths) and paths[-1] == "/0199"
    assert len(paths) < 200 and log.written == 200


def test_another_process_rotating_is_followed(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    log = DecisionLog(path)
    log.submit(decision(), "GET", "/before", None)
    assert log.flush(5.0)
    os.replace(path, tmp_path / "moved.jsonl")  # as another writer's rotation would
    log.submit(decision(), "GET", "/after", None)
    log.close()
    assert [r["path"] for r in lines(path)] == ["/after"]
    assert [r["path"] for r in lines(tmp_path / "moved.jsonl")] == ["/before"]


def test_drops_are_counted_under_a_stalled_writer() -> None:
    entered, release = threading.Event(), threading.Event()
    seen: list[dict[str, Any]] = []

    def slow(record: dict[str, Any]) -> None:
        entered.set()
        release.wait(10)
        seen.append(record)

    drops: list[int] = []
    log = DecisionLog(slow, buffer=50, on_drop=lambda: drops.append(1))
    assert log.submit(decision(), "GET", "/first", None)
    assert entered.wait(5)  # the writer holds /first and waits: nothing else drains
    accepted = [log.submit(decision(), "GET", f"/{i}", None) for i in range(80)]
    assert accepted == [True] * 50 + [False] * 30
    assert log.dropped == 30 and len(drops) == 30 and log.pending == 50
    release.set()
    log.close()
    assert log.written == 51 and len(seen) == 51
    assert [r["path"] for r in seen] == ["/first"] + [f"/{i}" for i in range(50)]


def test_submit_never_waits_on_the_sink() -> None:
    release = threading.Event()
    log = DecisionLog(lambda r: release.wait(10), buffer=10)
    import time

    started = time.perf_counter()
    for _ in range(1000):
        log.submit(decision(), "GET", "/", None)
    assert time.perf_counter() - started < 0.5
    release.set()
    log.close()


def test_callable_sink_failures_are_counted_and_warned(caplog: pytest.LogCaptureFixture) -> None:
    calls: list[str] = []

    def flaky(record: dict[str, Any]) -> None:
        calls.append(record["path"])
        if record["path"] == "/bad":
            raise RuntimeError("boom\nFAKE LOG LINE")

    log = DecisionLog(flaky)
    with caplog.at_level("WARNING", logger="arcjet"):
        for p in ("/a", "/bad", "/b"):
            log.submit(decision(), "GET", p, None)
        log.close()
    assert calls == ["/a", "/bad", "/b"]
    assert (log.written, log.failed) == (2, 1)
    assert any("refused 1 decisions" in r.getMessage() for r in caplog.records)


def test_sink_fault_is_warned_once_per_interval(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "d.jsonl"
    log = DecisionLog(path)
    path.mkdir()  # the file sink cannot open a directory for appending
    with caplog.at_level("WARNING", logger="arcjet"):
        for _ in range(5):
            log.submit(decision(), "GET", "/", None)
            assert log.flush(5.0)
        log.close()
    assert log.failed == 5 and log.written == 0
    warned = [r for r in caplog.records if "decision log" in r.getMessage()]
    assert len(warned) == 1


def test_close_without_any_decision_creates_nothing(tmp_path: Path) -> None:
    log = DecisionLog(tmp_path / "d.jsonl")
    log.close()
    assert list(tmp_path.iterdir()) == []


def test_submit_after_close_is_a_drop(tmp_path: Path) -> None:
    log = DecisionLog(tmp_path / "d.jsonl")
    log.close()
    assert not log.submit(decision(), "GET", "/", None)
    assert log.dropped == 1


@pytest.mark.parametrize("event", [False, True])
def test_a_submit_that_close_overtakes_is_counted(tmp_path: Path, event: bool) -> None:
    """submit() passed its closed test, then close() ran to its end before the
    append: nothing will drain that entry, so it is counted as dropped, not lost."""
    log = DecisionLog(tmp_path / "d.jsonl")
    log.submit(decision(), "GET", "/first", None)
    builder: Any = log._lines
    name = "event" if event else "line"
    build = getattr(builder, name)

    def close_first(*args: Any) -> str:  # runs between submit()'s test and its append
        log.close()
        return str(build(*args))

    setattr(builder, name, close_first)
    ok = log.submit_event("late", {}) if event else log.submit(decision(), "GET", "/late", None)
    assert ok  # accepted, as far as submit() could tell
    assert (log.written, log.dropped, len(log._buffer)) == (1, 1, 0)
    assert [r["path"] for r in lines(tmp_path / "d.jsonl")] == ["/first"]


async def test_aclose_flushes(tmp_path: Path) -> None:
    log = DecisionLog(tmp_path / "d.jsonl")
    for _ in range(3):
        log.submit(decision(), "GET", "/", None)
    await log.aclose()
    assert len(lines(tmp_path / "d.jsonl")) == 3


@pytest.mark.parametrize(("target", "kwargs", "match"), [
    (42, {}, "decision_log must be"),
    ("", {}, "empty path"),
    ("ftp://x/y", {}, "unsupported URL scheme"),
    ("/no/such/dir/d.jsonl", {}, "does not exist"),
    ("d.jsonl", {"max_bytes": 10}, "max_bytes"),
    ("d.jsonl", {"backups": -1}, "backups"),
    ("d.jsonl", {"buffer": 0}, "buffer"),
    ("d.jsonl", {"log_ip": "none"}, "log_ip"),
    ("redis://localhost/0?maxlen=0", {}, "maxlen"),
])
def test_bad_options_fail_at_start_up(target: object, kwargs: dict[str, Any], match: str,
                                      monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ArcjetMisconfiguration, match=match):
        DecisionLog(target, **kwargs)


def test_a_relative_path_stays_where_it_was_opened(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As logging.FileHandler: a chdir() after start-up (a daemon, a test) neither moves the log nor loses it."""
    (tmp_path / "app").mkdir()
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "app")
    log = DecisionLog("d.jsonl")
    monkeypatch.chdir(tmp_path / "elsewhere")
    log.submit(decision(), "GET", "/after-chdir", None)
    log.close()
    assert (log.written, log.failed) == (1, 0)
    assert [r["path"] for r in lines(tmp_path / "app" / "d.jsonl")] == ["/after-chdir"]
    assert not (tmp_path / "elsewhere" / "d.jsonl").exists()


def test_forked_child_writes_its_own_decisions(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    log = DecisionLog(path)
    log.submit(decision(), "GET", "/parent", None)
    assert log.flush(5.0)
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child's result is its exit code
        code = 1
        try:
            log.submit(decision(), "GET", "/child", None)
            log.close()
            code = 0 if log.written == 1 else 2
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    log.submit(decision(), "GET", "/parent2", None)
    log.close()
    assert sorted(r["path"] for r in lines(path)) == ["/child", "/parent", "/parent2"]


def test_the_buffer_keeps_lines_not_decisions(tmp_path: Path) -> None:
    # A buffer of live decisions (thousands of GC-tracked objects between two
    # writer turns) set the garbage collector running on the request path.
    import weakref

    log = DecisionLog(tmp_path / "d.jsonl")
    log._writer = threading.current_thread()  # hold the writer off: the entry stays buffered
    d = decision()
    ref = weakref.ref(d)
    assert log.submit(d, "GET", "/kept-as-text", None)
    del d
    assert ref() is None and log.pending == 1
    log._writer = None
    log.close()
    assert [r["path"] for r in lines(tmp_path / "d.jsonl")] == ["/kept-as-text"]


def test_metadata_and_correlation_id_reach_the_file(tmp_path: Path) -> None:
    import dataclasses

    from arcjet_core.metadata import encode_metadata

    log = DecisionLog(tmp_path / "d.jsonl")
    with_meta = dataclasses.replace(decision(), correlation_id="corr-1",
                                    metadata=encode_metadata({"user": "u-1", "n": [1, 2]}))
    log.submit(with_meta, "GET", "/m", None)  # metadata is decoded on the writer thread
    log.submit(dataclasses.replace(decision(), correlation_id="corr-2"), "GET", "/c", None)
    log.close()
    first, second = lines(tmp_path / "d.jsonl")
    assert (first["correlation_id"], first["metadata"]) == ("corr-1", {"user": "u-1", "n": [1, 2]})
    assert second["correlation_id"] == "corr-2" and "metadata" not in second


# -- push(): submit()'s common case in C (_cline.Pusher) ------------------------


@pytest.fixture
def c_push() -> None:
    from arcjet_core.decision_log._line import NATIVE

    if not NATIVE:
        if os.environ.get("CI"):
            pytest.fail("arcjet_core.decision_log._cline is not built: setup.py's extension did not compile")
        pytest.skip("arcjet_core.decision_log._cline is not built here")


def held_off(log: DecisionLog) -> DecisionLog:
    """The push path open, the writer held off: what is pushed stays buffered."""
    log._writer = threading.current_thread()
    log._pusher.open = True  # type: ignore[union-attr]
    return log


def test_push_writes_what_submit_writes(tmp_path: Path, c_push: None) -> None:
    import dataclasses

    pushed, submitted = DecisionLog(tmp_path / "p.jsonl"), DecisionLog(tmp_path / "s.jsonl")
    assert pushed.push is not pushed.submit and pushed._pusher is not None and not pushed._pusher.open
    for i in range(50):
        d = dataclasses.replace(decision(f"198.51.100.{i % 7}"), correlation_id="c" if i % 5 == 0 else None)
        assert pushed.push(d, "GET" if i % 3 else "POST", f"/p/{i % 4}", None if i % 2 else f"curl/{i % 3}")
        assert submitted.submit(d, "GET" if i % 3 else "POST", f"/p/{i % 4}", None if i % 2 else f"curl/{i % 3}")
        assert pushed._pusher.open  # the first push went to submit(), which started the writer
    formatter: Any = pushed._lines.line  # type: ignore[union-attr]
    hits = formatter.hits
    pushed.close()
    submitted.close()
    strip = [({**r, "ts": None}) for r in lines(tmp_path / "p.jsonl")]
    assert strip == [({**r, "ts": None}) for r in lines(tmp_path / "s.jsonl")] and len(strip) == 50
    assert hits >= 35 and not pushed._pusher.open  # the correlation ids (10) take the Python line


def test_push_counts_drops_when_the_buffer_is_full_or_the_log_closed(tmp_path: Path, c_push: None) -> None:
    drops: list[int] = []
    log = held_off(DecisionLog(tmp_path / "d.jsonl", buffer=5, on_drop=lambda: drops.append(1)))
    assert [log.push(decision(), "GET", f"/{i}", None) for i in range(8)] == [True] * 5 + [False] * 3
    assert log.dropped == 3 and len(drops) == 3 and log.pending == 5
    log._writer = None
    log.close()
    assert not log.push(decision(), "GET", "/late", None)
    assert log.dropped == 4 and [r["path"] for r in lines(tmp_path / "d.jsonl")] == [f"/{i}" for i in range(5)]


def test_push_leaves_metadata_to_the_writer_and_a_failed_line_to_submit(tmp_path: Path, c_push: None,
                                                                        caplog: pytest.LogCaptureFixture) -> None:
    import dataclasses

    from arcjet_core.metadata import encode_metadata

    log = held_off(DecisionLog(tmp_path / "d.jsonl"))
    meta = dataclasses.replace(decision(), metadata=encode_metadata({"user": "u-1"}))
    assert log.push(meta, "GET", "/m", None)
    assert not isinstance(log._buffer[-1], str)  # queued as a decision: decoded on the writer thread
    broken = dataclasses.replace(decision(), ip_address=None)  # no line can be built from it
    assert not log.push(broken, "GET", "/broken", None)
    assert log.failed == 1 and "could not be logged" in caplog.text
    log._writer = None
    log.close()
    assert [(r["path"], r.get("metadata")) for r in lines(tmp_path / "d.jsonl")] == [("/m", {"user": "u-1"})]


def test_a_push_that_close_overtakes_is_counted(tmp_path: Path, c_push: None) -> None:
    """A new client's IP fragment is made by Python code, during which close()
    can run to its end: the entry pushed after it is counted, not lost."""
    log = DecisionLog(tmp_path / "d.jsonl", log_ip="hashed")
    assert log.push(decision("198.51.100.1"), "GET", "/first", None)
    builder: Any = log._lines
    codec = builder._ip

    class CloseFirst:
        mode = codec.mode

        def encode(self, ip: str) -> str:
            log.close()
            return codec.encode(ip)

    builder._ip = CloseFirst()
    assert log.push(decision("198.51.100.2"), "GET", "/late", None)  # accepted, as far as push() could tell
    assert (log.written, log.dropped, len(log._buffer)) == (1, 1, 0)
    assert [r["path"] for r in lines(tmp_path / "d.jsonl")] == ["/first"]


def test_a_forked_child_pushes_through_submit_until_its_writer_runs(tmp_path: Path, c_push: None) -> None:
    log = DecisionLog(tmp_path / "d.jsonl")
    log.push(decision(), "GET", "/parent", None)
    assert log._pusher is not None and log._pusher.open
    log._after_fork()  # what the at-fork hook runs in a child
    assert not log._pusher.open and log._writer is None
    assert log.push(decision(), "GET", "/child", None) and log._pusher.open
    log.close()
    assert [r["path"] for r in lines(tmp_path / "d.jsonl")][-1] == "/child"


@pytest.mark.parametrize("via", ["submit", "push"])
def test_a_half_full_buffer_wakes_the_writer_before_its_interval(tmp_path: Path, via: str) -> None:
    # Turns are few (each takes the GIL back several times), so the buffer
    # must not wait for the interval when it is filling up.
    log = DecisionLog(tmp_path / "d.jsonl", buffer=10)
    log._writer = threading.current_thread()  # hold the writer off
    if via == "push" and log._pusher is not None:
        log._pusher.open = True
    enter = getattr(log, via)
    for i in range(4):
        assert enter(decision(), "GET", f"/{i}", None)
    assert not log._wake.is_set()
    assert enter(decision(), "GET", "/4", None)  # 5 of 10
    assert log._wake.is_set()
    log._writer = None
    log.close()
    assert len(lines(tmp_path / "d.jsonl")) == 5


def test_events_wake_the_writer_too_when_the_buffer_is_half_full(tmp_path: Path) -> None:
    log = DecisionLog(tmp_path / "d.jsonl", buffer=4)
    log._writer = threading.current_thread()  # hold the writer off
    assert log.submit_event("e1", {})
    assert not log._wake.is_set()
    assert log.submit_event("e2", {})  # 2 of 4
    assert log._wake.is_set()
    log._writer = None
    log.close()
    assert [r["event"] for r in lines(tmp_path / "d.jsonl")] == ["e1", "e2"]
