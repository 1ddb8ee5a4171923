"""``arcjet report LOG...``: what the rules did (and would have done) to the
logged traffic, as tables, JSON or a self-contained HTML page."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from arcjet_core.report import Aggregator, ReadStats, is_url, parse_since, read_sources

# Logs smaller than this read in well under a second: no progress bar.
PROGRESS_MIN_BYTES = 16 << 20


def since_option(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        return parse_since(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--since") from None


def check_sources(logs: tuple[str, ...]) -> None:
    for log in logs:
        if not is_url(log) and not Path(log).is_file():
            raise click.BadParameter(f"no such file: {log}", param_hint="LOG")


@contextmanager
def _progress(total: int, enabled: bool) -> Iterator[Callable[[int], None] | None]:
    if not enabled or total < PROGRESS_MIN_BYTES:
        yield None
        return
    try:
        from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn
    except ImportError:
        yield None
        return
    with Progress("reading log", BarColumn(), DownloadColumn(), TimeRemainingColumn(), transient=True,
                  console=_console(stderr=True)) as progress:
        task = progress.add_task("log", total=total)
        pending = [0]

        def advance(n: int) -> None:
            # rich's update per line would cost more than the parse: batch it.
            pending[0] += n
            if pending[0] >= 1 << 20:
                progress.advance(task, pending[0])
                pending[0] = 0

        yield advance


def _console(stderr: bool = False) -> Any:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False)


def build_report(logs: tuple[str, ...], since: datetime | None, top: int, progress: bool) -> dict[str, Any]:
    """The report dict over ``logs`` (files oldest first, or Redis stream URLs)."""
    stats = ReadStats()
    total = sum(os.path.getsize(log) for log in logs if not is_url(log))
    aggregator = Aggregator(top=top)
    with _progress(total, progress) as advance:
        aggregator.add_all(read_sources(logs, since=since, stats=stats, on_progress=advance))
    return aggregator.result(stats)


def _rich_available() -> bool:
    try:
        import rich  # noqa: F401
    except ImportError:
        return False
    return True


@click.command("report")
@click.argument("logs", nargs=-1, required=True, metavar="LOG...")
@click.option("--since", help="only decisions from then on: ISO 8601 time, or a duration back from now (15m, 24h, 7d)")
@click.option("--json", "as_json", is_flag=True, help="print the report as one JSON object")
@click.option("--html", "html_out", type=click.Path(dir_okay=False, writable=True), metavar="OUT",
              help="also write a self-contained HTML page with charts to OUT")
@click.option("--top", default=10, show_default=True, type=click.IntRange(1, 1000), help="rows in each top-N table")
def report_command(logs: tuple[str, ...], since: str | None, as_json: bool, html_out: str | None, top: int) -> int:
    """Summarise decision logs: totals, reasons, top denied clients and paths,
    bots, rate-limit hits and what each DRY_RUN rule would have denied.

    LOG is a decision-log file (give rotated backups too, oldest first:
    log.2 log.1 log) or a redis:// stream URL.
    """
    from arcjet_core.report import render_html, render_json, render_plain, render_rich

    check_sources(logs)
    tty = sys.stdout.isatty()
    report = build_report(logs, since_option(since), top, progress=sys.stderr.isatty())
    if html_out:
        Path(html_out).write_text(render_html(report, title=f"arcjet report: {', '.join(logs)}"), encoding="utf-8")
    out = sys.stdout
    if as_json:
        render_json(report, out)
    elif tty and _rich_available():
        render_rich(report, _console())
    else:
        render_plain(report, out)
    if html_out and not as_json:
        click.echo(f"HTML report written to {html_out}", err=True)
    return 0
