"""Reports over a decision log (docs/decision-log.md): aggregation, and its
rendering as text, JSON and a self-contained HTML page.

Pure functions over records; the CLI and the MCP server are thin layers on
top, so both say the same numbers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from typing import Any

from arcjet_core.report._aggregate import Aggregator, aggregate, summary_counts
from arcjet_core.report._records import (
    ReadStats,
    Record,
    RuleRecord,
    is_event,
    iter_records,
    parse_since,
    parse_time,
    read_log,
    to_record,
)
from arcjet_core.report._render_html import render_html
from arcjet_core.report._render_text import render_json, render_plain, render_rich, safe, sections

__all__ = [
    "Aggregator",
    "ReadStats",
    "Record",
    "RuleRecord",
    "aggregate",
    "is_event",
    "is_url",
    "iter_records",
    "parse_since",
    "parse_time",
    "read_log",
    "read_sources",
    "render_html",
    "render_json",
    "render_plain",
    "render_rich",
    "safe",
    "sections",
    "summary_counts",
    "to_record",
]


def is_url(source: str) -> bool:
    return source.startswith(("redis://", "rediss://", "unix://"))


def read_sources(sources: Sequence[str], *, since: datetime | None = None, stats: ReadStats | None = None,
                 on_progress: Callable[[int], None] | None = None) -> Iterator[Record]:
    """Records from log files (oldest first: ``log.2 log.1 log``) and Redis stream URLs."""
    stats = stats if stats is not None else ReadStats()
    for source in sources:
        if is_url(source):
            yield from _read_stream(source, since, stats)
        else:
            yield from read_log(source, since=since, stats=stats, on_progress=on_progress)


def _read_stream(url: str, since: datetime | None, stats: ReadStats) -> Iterator[Record]:
    # The Redis sink and its reader belong to the decision log package.
    from arcjet_core.decision_log import read_records

    raw: Any
    for raw in read_records(url):
        stats.lines += 1
        if not isinstance(raw, dict):
            stats.bad_lines += 1
            continue
        if is_event(raw):
            stats.count_event(raw)
            continue
        record = to_record(raw)
        if since is not None and (record.time is None or record.time < since):
            stats.before_since += 1
            continue
        yield record
