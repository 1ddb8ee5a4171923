"""`arcjet report`: the numbers against logs with known counts, and the reader's limits."""

from __future__ import annotations

import io
import json
from datetime import datetime, timezone
from pathlib import Path

import pytest

from arcjet_core.cli import main
from arcjet_core.report import (
    ReadStats,
    aggregate,
    iter_records,
    parse_since,
    read_log,
    render_plain,
)
from arcjet_core.report._sketch import TimeBuckets, TopK
from tests.cli.logs import EXPECTED, RATE_ID, SHIELD_ID, make_log, record


def report_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, object]:
    assert main(["report", *argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def test_json_report_numbers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = report_json(capsys, str(make_log(tmp_path / "d.jsonl")))
    assert report["total"] == EXPECTED["total"]
    assert report["by_conclusion"] == EXPECTED["by_conclusion"]
    assert report["by_reason"] == EXPECTED["by_reason"]
    assert [(r["client"], r["count"]) for r in report["top_denied_clients"]] == EXPECTED["top_denied_clients"]
    paths = {r["path"]: (r["count"], r["denied"]) for r in report["top_paths"]}
    assert paths == {"/": (60, 0), "/search": (20, 0), "/api/login": (10, 10), "/admin": (10, 10)}
    dry = report["dry_run"]
    assert list(dry) == [SHIELD_ID]
    assert dry[SHIELD_ID]["would_deny"] == 20 and dry[SHIELD_ID]["share"] == 0.2
    assert dry[SHIELD_ID]["additional_denies"] == 20 and dry[SHIELD_ID]["top_paths"] == [{"path": "/search", "count": 20}]
    assert report["rules"][RATE_ID] == {"kind": "RATE_LIMIT", "mode": "LIVE", "evaluated": 100, "denied": 10,
                                        "errors": 0, "hit_rate": 0.1}
    assert report["bots"]["ids"] == {"CURL": {"allowed": 0, "denied": 10},
                                     "GOOGLE_CRAWLER": {"allowed": 10, "denied": 0}}
    assert report["shield"]["categories"] == {"SQL_INJECTION": 20}
    hits = report["rate_limit_hits"]
    assert sum(b[RATE_ID] for b in hits["buckets"]) == 10
    assert sum(b["ALLOW"] + b["DENY"] for b in report["timeline"]["buckets"]) == 100
    assert report["first"] == "2025-03-01T12:00:00Z" and report["last"] == "2025-03-01T13:39:00Z"
    assert report["approximate"] is False


def test_since_and_bad_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log = make_log(tmp_path / "d.jsonl", extra_lines=("not json", "[1]", '{"v": 99}', "{" * 100000))
    report = report_json(capsys, str(log), "--since", "2025-03-01T13:00:00Z")
    assert report["total"] == 40 and report["read"]["before_since"] == 60 and report["read"]["bad_lines"] == 4


def test_rotated_backups_are_read_in_order(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = make_log(tmp_path / "d.jsonl.1", n=50), make_log(tmp_path / "d.jsonl", n=30)
    report = report_json(capsys, str(old), str(new))
    assert report["total"] == 80


def test_text_report_plain_when_not_a_terminal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(make_log(tmp_path / "d.jsonl"))]) == 0
    out = capsys.readouterr().out
    assert "Top denied clients" in out and "198.51.100.9" in out and "DRY_RUN: would have denied" in out
    assert "100 decisions: 80 ALLOW, 20 DENY" in out


def test_rich_tables_on_a_terminal(tmp_path: Path) -> None:
    from rich.console import Console

    from arcjet_core.report import render_rich

    hostile = record(0) | {"path": "/[bold]x\x1b[2J\n"}
    log = make_log(tmp_path / "d.jsonl", n=5, extra_lines=(json.dumps(hostile),))
    report = aggregate(read_log(log))
    console = Console(file=io.StringIO(), force_terminal=True, width=120)
    render_rich(report, console)
    text = console.file.getvalue()  # type: ignore[attr-defined]
    assert "┃" in text or "│" in text  # drawn as tables
    assert "[bold]x\\x1b[2J\\x0a" in text  # markup not interpreted, control characters escaped
    assert "\x1b[2J" not in text


def test_missing_log_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["report", str(tmp_path / "nope.jsonl")])
    assert info.value.code == 2 and "no such file" in capsys.readouterr().err


def test_bad_since_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["report", str(make_log(tmp_path / "d.jsonl")), "--since", "yesterday"])
    assert info.value.code == 2 and "--since" in capsys.readouterr().err


def test_parse_since_durations() -> None:
    now = datetime(2025, 3, 2, tzinfo=timezone.utc)
    assert parse_since("24h", now) == datetime(2025, 3, 1, tzinfo=timezone.utc)
    assert parse_since("2025-03-01T00:00:00+01:00") == datetime(2025, 2, 28, 23, tzinfo=timezone.utc)


def test_memory_stays_bounded_on_many_distinct_clients() -> None:
    """40k distinct clients and paths: the sketches keep at most 2 x capacity keys, and the heavy hitter."""
    lines = []
    for i in range(40_000):
        rec = record(i % 100)
        rec.update(ip=f"10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}", path=f"/p/{i}", conclusion="DENY")
        if i % 4 == 0:
            rec.update(ip="198.51.100.66", path="/hot")
        lines.append(json.dumps(rec))
    stats = ReadStats()
    report = aggregate(iter_records(io.BytesIO("\n".join(lines).encode()), stats=stats))
    assert report["total"] == 40_000 and stats.lines == 40_000
    assert report["top_denied_clients"][0] == {"client": "198.51.100.66", "count": 10_000, "requests": 10_000}
    assert report["top_paths"][0]["path"] == "/hot" and report["approximate"] is True


def test_sketches_are_bounded() -> None:
    top = TopK(capacity=10)
    for i in range(10_000):
        top.add(str(i))
        top.add("hot", 2)
    assert len(top.counts) <= 20 and top.top(1) == [("hot", 20_000)]
    buckets = TimeBuckets(width=60, max_buckets=50)
    for t in (0, 3600, 86400 * 365, 86400 * 365 * 3):
        buckets.add(t, "ALLOW")
    rows = buckets.rows()
    assert len(rows) <= 50 and sum(c["ALLOW"] for _, c in rows) == 4


def test_oversized_line_is_skipped_not_held() -> None:
    data = b'{"v":1,"id":"a","conclusion":"ALLOW"}\n' + b"x" * (3 << 20) + b'\n{"v":1,"id":"b","conclusion":"DENY"}\n'
    stats = ReadStats()
    ids = [r.id for r in iter_records(io.BytesIO(data), stats=stats)]
    assert ids == ["a", "b"] and stats.bad_lines == 1


def test_plain_render_escapes_control_characters() -> None:
    rec = record(0) | {"path": "/a\r\nFAKE LINE"}
    out = io.StringIO()
    render_plain(aggregate(iter_records(io.BytesIO(json.dumps(rec).encode()))), out)
    assert "FAKE LINE" in out.getvalue() and "\nFAKE LINE" not in out.getvalue()
