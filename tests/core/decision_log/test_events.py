"""Event lines (DecisionLog.submit_event): Guard's capture() and guard decisions.

Same guarantees as submit(): never blocks, bounded, dropped and counted when
full, never raises; a field JSON cannot encode leaves the line, not the line.
The report counts event lines apart from protect() decisions.
"""

from __future__ import annotations

import io
import json
import math
import re
import threading
import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from arcjet_core import arcjet_sync, shield
from arcjet_core.decision import aggregate
from arcjet_core.decision_log import DecisionLog, read_records
from arcjet_core.decision_log._line import MAX_EVENT_FIELDS_BYTES, MAX_EVENT_NAME
from arcjet_core.report import Aggregator, ReadStats, read_log, read_sources, render_plain

from .helpers import lines, req

TS = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z")


def test_event_line_shape(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    log = DecisionLog(path)
    assert log.submit_event("capture", {"action": "send_email", "correlation_id": "c-1", "n": 3,
                                        "ok": True, "nested": {"a": [1, 2.5, None]}, "text": "\u00fcber\u2028"})
    log.close()
    raw = path.read_bytes()
    assert raw.isascii() and raw.count(b"\n") == 1  # U+2028 escaped: no reader splits the line
    (record,) = lines(path)
    assert list(record) == ["v", "ts", "event", "action", "correlation_id", "n", "ok", "nested", "text"]
    assert record["v"] == 1 and TS.fullmatch(record["ts"])
    assert record["event"] == "capture" and record["action"] == "send_email"
    assert record["nested"] == {"a": [1, 2.5, None]} and record["text"] == "\u00fcber\u2028"
    assert (log.written, log.dropped, log.failed) == (1, 0, 0)


class Unencodable:
    pass


def test_a_field_json_cannot_encode_is_dropped_not_the_line(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    cycle: list[Any] = []
    cycle.append(cycle)
    log = DecisionLog(path)
    fields: dict[Any, object] = {
        "when": datetime(2025, 1, 1), "tags": {"a"}, "nan": math.nan, "inf": [math.inf], "cycle": cycle,
        "obj": Unencodable(), "tuple_key": {(1, 2): "x"}, 7: "non-str key",
        "v": 99, "ts": "forged", "event": "forged",  # the line's own keys are not the caller's to set
        "kept": "yes",
    }
    assert log.submit_event("guard", fields)
    log.close()
    (record,) = lines(path)
    assert record == {"v": 1, "ts": record["ts"], "event": "guard", "kept": "yes"}
    assert TS.fullmatch(record["ts"])
    assert (log.written, log.failed) == (1, 0)


def test_fields_are_bounded_and_the_name_too(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    log = DecisionLog(path)
    big = "x" * (MAX_EVENT_FIELDS_BYTES // 4)
    fields = {f"k{i}": big for i in range(8)}
    assert log.submit_event("e" * 500, fields)
    log.close()
    (record,) = lines(path)
    kept = [k for k in record if k.startswith("k")]
    assert kept == ["k0", "k1", "k2"]  # the fourth would pass the bound; the rest go with it
    assert record["event"] == "e" * MAX_EVENT_NAME
    assert path.stat().st_size < MAX_EVENT_FIELDS_BYTES + 500


def test_fields_are_copied_when_submitted(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    log = DecisionLog(path)
    fields: dict[str, object] = {"action": "before"}
    log._writer = threading.current_thread()  # hold the writer off: submit only
    log.submit_event("capture", fields)
    fields["action"] = "after"
    fields["added"] = 1
    log._writer = None
    log.close()
    assert lines(path)[0]["action"] == "before" and "added" not in lines(path)[0]


def test_events_and_decisions_keep_their_order(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    log = DecisionLog(path)
    d1, d2 = aggregate((), ip_address="198.51.100.1"), aggregate((), ip_address="198.51.100.2")
    log.submit(d1, "GET", "/one", None)
    log.submit_event("capture", {"action": "a"})
    log.submit(d2, "GET", "/two", None)
    log.submit_event("capture", {"action": "b"})
    log.close()
    got = [(r.get("event"), r.get("action") or r.get("path")) for r in lines(path)]
    assert got == [(None, "/one"), ("capture", "a"), (None, "/two"), ("capture", "b")]


def test_a_full_buffer_drops_and_counts_events() -> None:
    entered, release = threading.Event(), threading.Event()
    seen: list[dict[str, Any]] = []

    def slow(record: dict[str, Any]) -> None:
        entered.set()
        release.wait(10)
        seen.append(record)

    drops: list[int] = []
    log = DecisionLog(slow, buffer=5, on_drop=lambda: drops.append(1))
    assert log.submit_event("capture", {"i": -1})
    assert entered.wait(5)
    accepted = [log.submit_event("capture", {"i": i}) for i in range(8)]
    assert accepted == [True] * 5 + [False] * 3
    assert log.dropped == 3 and len(drops) == 3
    release.set()
    log.close()
    # The callable sink gets the same record as a file line would hold, as a dict.
    assert [r["i"] for r in seen] == [-1, 0, 1, 2, 3, 4]
    assert all(list(r) == ["v", "ts", "event", "i"] and r["event"] == "capture" for r in seen)


def test_bad_arguments_never_raise(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    class Exploding:
        def __str__(self) -> str:
            raise RuntimeError("no name")

    log = DecisionLog(tmp_path / "d.jsonl")
    with caplog.at_level("WARNING", logger="arcjet"):
        assert log.submit_event("capture", 42) is False  # type: ignore[arg-type]
        assert log.submit_event(Exploding(), {}) is False  # type: ignore[arg-type]
        assert log.submit_event(17, {"ok": 1}) is True  # type: ignore[arg-type]  # a name that str() can make
    log.close()
    assert log.failed == 2 and log.written == 1
    assert lines(tmp_path / "d.jsonl")[0]["event"] == "17"
    assert log.submit_event("capture", {}) is False and log.dropped == 1  # closed


def test_the_report_counts_events_apart_from_decisions(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    with arcjet_sync(key="events", rules=[shield()], decision_log=str(path)) as aj:
        log = aj._observer.log if aj._observer is not None else None
        assert log is not None
        for _ in range(3):
            aj.protect(req())
        log.submit_event("capture", {"action": "send_email"})
        log.submit_event("capture", {"action": "send_email"})
        log.submit_event("capture", {"action": "refund"})
        log.submit_event("guard", {"label": "tools.search", "conclusion": "DENY"})
    stats = ReadStats()
    report = Aggregator().add_all(read_log(path, stats=stats)).result(stats)
    assert report["total"] == 3 and report["by_conclusion"]["ALLOW"] == 3
    assert report["read"]["bad_lines"] == 0
    assert report["events"] == [{"event": "capture", "action": "send_email", "count": 2},
                                {"event": "capture", "action": "refund", "count": 1},
                                {"event": "guard", "action": "DENY", "count": 1}]
    out = io.StringIO()
    render_plain(report, out)
    assert "Events (not decisions)" in out.getvalue() and "send_email" in out.getvalue()
    assert "3 decisions" in out.getvalue()


@pytest.mark.redis
def test_event_lines_through_a_redis_stream(redis_url: str) -> None:
    stream = f"arcjet-test:{uuid.uuid4().hex}"
    url = f"{redis_url.rstrip('/')}?stream={stream}"
    log = DecisionLog(url)
    log.submit(aggregate((), ip_address="198.51.100.1"), "GET", "/", None)
    log.submit_event("capture", {"action": "x", "bad": {1, 2}})
    log.close()
    raw = list(read_records(url))
    assert [r.get("event") for r in raw] == [None, "capture"] and "bad" not in raw[1]
    stats = ReadStats()
    report = Aggregator().add_all(read_sources([url], stats=stats)).result(stats)
    assert report["total"] == 1 and report["events"] == [{"event": "capture", "action": "x", "count": 1}]
    from arcjet_core.ratelimit._redis_config import import_redis, link_spec
    from arcjet_core.ratelimit._redis_link import Link
    from arcjet_core.ratelimit._resp import command

    link = Link(link_spec(import_redis(), redis_url, {}), 1.0, 1.0)
    try:
        link.call(command("DEL", stream))
    finally:
        link.close()


def test_event_lines_parse_as_json_objects(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    log = DecisionLog(path)
    log.submit_event("capture", {"q": 'a"b\\c\n'})
    log.close()
    assert json.loads(path.read_text())["q"] == 'a"b\\c\n'


def test_the_builder_s_event_line_equals_the_plain_one() -> None:
    from arcjet_core.decision_log._ip import IpCodec
    from arcjet_core.decision_log._line import LineBuilder, event_line

    builder = LineBuilder(IpCodec("full", b"k" * 32))
    fields = {"action": "a\u2028", "n": [1, None], "bad": {1}}
    for ts in (1_700_000_000.999_999_7, 1.5, 1.5, 1_800_000_000.25):
        assert builder.event(ts, "capture", fields) == event_line(ts, "capture", fields)
