"""The report as text: tables, plain or drawn with rich on a terminal.

Both forms come from the same ``sections()``, so piping the output to a
file gives the same numbers as the terminal shows.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import IO, Any

from arcjet_core.report._aggregate import summary_counts

Section = tuple[str, Sequence[str], list[Sequence[str]]]


# C0/C1 controls, and the bidi overrides that could reorder what a line shows.
_CONTROL = {i: f"\\x{i:02x}" if i < 0x100 else f"\\u{i:04x}"
            for i in [*range(0x20), *range(0x7F, 0xA0), 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]}


def safe(value: object) -> str:
    """Client-chosen text (paths, bot ids) with control characters escaped:
    a logged path must not drive the terminal (ANSI escapes) or fake lines."""
    return str(value).translate(_CONTROL)


def _pct(value: float) -> str:
    return f"{value * 100:.1f}%"


def sections(report: Mapping[str, Any]) -> list[Section]:
    """(title, column headers, rows) for each table of the report."""
    out: list[Section] = []
    total = report["total"]
    out.append(("Decisions", ("conclusion", "count", "share"),
                [(c, str(n), _pct(n / total if total else 0)) for c, n in report["by_conclusion"].items()]))
    out.append(("By reason", ("reason", "count", "denied"),
                [(r, str(n), str(report["denied_by_reason"].get(r, 0))) for r, n in report["by_reason"].items()]))
    out.append(("Top denied clients", ("client", "denied", "requests"),
                [(r["client"], str(r["count"]), str(r["requests"])) for r in report["top_denied_clients"]]))
    out.append(("Top paths", ("path", "requests", "denied"),
                [(r["path"], str(r["count"]), str(r["denied"])) for r in report["top_paths"]]))
    out.append(("Top denied paths", ("path", "denied", "requests"),
                [(r["path"], str(r["count"]), str(r["requests"])) for r in report["top_denied_paths"]]))
    out.append(("Rules", ("rule", "kind", "mode", "evaluated", "denied", "hit rate"),
                [(label, r["kind"], r["mode"], str(r["evaluated"]), str(r["denied"]), _pct(r["hit_rate"]))
                 for label, r in report["rules"].items()]))
    out.append(("DRY_RUN: would have denied", ("rule", "kind", "would deny", "share", "not otherwise denied"),
                [(label, d["kind"], str(d["would_deny"]), _pct(d["share"]),
                  f"{d['additional_denies']} ({_pct(d['additional_share'])})")
                 for label, d in report["dry_run"].items()]))
    bots = report["bots"]
    out.append(("Bots seen", ("bot", "denied", "allowed"),
                [(b, str(v["denied"]), str(v["allowed"])) for b, v in bots["ids"].items()]
                + [(c, str(n), "") for c, n in bots["categories"].items()]))
    out.append(("Shield categories", ("category", "requests"),
                [(c, str(n)) for c, n in report["shield"]["categories"].items()]))
    hits = report["rate_limit_hits"]
    out.append((f"Rate-limit denies per {hits['bucket_seconds']} s", ("bucket start", *hits["series"]),
                [(b["start"], *(str(b[s]) for s in hits["series"])) for b in hits["buckets"]
                 if any(b[s] for s in hits["series"])]))
    out.append(("Events (not decisions)", ("event", "action", "count"),
                [(e["event"], e["action"], str(e["count"])) for e in report.get("events", ())]))
    return [(title, headers, [tuple(safe(c) for c in row) for row in rows]) for title, headers, rows in out if rows]


def _footer(report: Mapping[str, Any]) -> list[str]:
    lines = [summary_counts(report)]
    if report["first"]:
        lines.append(safe(f"from {report['first']} to {report['last']}"))
    read = report["read"]
    if read["bad_lines"]:
        lines.append(f"{read['bad_lines']} unreadable line(s) skipped")
    if read["before_since"]:
        lines.append(f"{read['before_since']} record(s) before --since skipped")
    if report["approximate"]:
        lines.append("client and path counts are approximate (too many distinct values to keep all)")
    return lines


def render_plain(report: Mapping[str, Any], out: IO[str]) -> None:
    for title, headers, rows in sections(report):
        widths = [max(len(str(h)), *(len(str(r[i])) for r in rows)) for i, h in enumerate(headers)]
        out.write(f"\n{title}\n")
        out.write("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip() + "\n")
        for row in rows:
            out.write("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() + "\n")
    out.write("\n" + "\n".join(_footer(report)) + "\n")


def render_rich(report: Mapping[str, Any], console: Any) -> None:
    from rich.table import Table
    from rich.text import Text  # cells as Text: a "[bold]" in a logged path is not markup

    for title, headers, rows in sections(report):
        table = Table(title=title, title_justify="left")
        for i, header in enumerate(headers):
            table.add_column(header, justify="left" if i == 0 else "right", overflow="fold")
        for row in rows:
            table.add_row(*(Text(c) for c in row))
        console.print(table)
    for line in _footer(report):
        console.print(line, markup=False, highlight=False)


def render_json(report: Mapping[str, Any], out: IO[str]) -> None:
    json.dump(report, out, indent=2, ensure_ascii=False)
    out.write("\n")
