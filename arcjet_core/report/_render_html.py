"""The report as one self-contained HTML page: inline SVG charts, no script,
no external assets, so it opens offline and can be mailed as one file.

Every string from the log (paths, clients, bot ids) is HTML-escaped, and the
page's Content-Security-Policy forbids scripts and remote loads, so a hostile
path in the log cannot run in the reader's browser.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from arcjet_core.report._aggregate import summary_counts

COLOURS = {"ALLOW": "#2e7d32", "DENY": "#c62828", "CHALLENGE": "#f9a825", "ERROR": "#6a1b9a"}
BAR = "#1565c0"
DRY = "#ef6c00"
WIDTH = 760


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _empty(name: str, height: int = 60) -> str:
    return (f'<svg class="chart" data-chart="{name}" width="{WIDTH}" height="{height}" role="img">'
            f'<text x="10" y="30" fill="#777">no data</text></svg>')


def hbar_chart(name: str, rows: Sequence[tuple[str, float, str]], colour: str = BAR,
               max_value: float | None = None) -> str:
    """Horizontal bars: (label, value, value text) per row."""
    if not rows:
        return _empty(name)
    label_w, row_h = 300, 24
    top = max_value if max_value is not None else max(v for _, v, _ in rows) or 1.0
    bar_w = WIDTH - label_w - 90
    parts = [f'<svg class="chart" data-chart="{name}" width="{WIDTH}" height="{row_h * len(rows) + 10}" '
             f'role="img" aria-label="{_e(name)}">']
    for i, (label, value, text) in enumerate(rows):
        y = 5 + i * row_h
        w = max(1.0, bar_w * (value / top)) if value > 0 else 0.0
        shown = label if len(label) <= 42 else label[:41] + "…"
        parts.append(f'<text x="{label_w - 6}" y="{y + 16}" text-anchor="end" font-size="12">{_e(shown)}'
                     f'<title>{_e(label)}</title></text>')
        parts.append(f'<rect class="bar" x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row_h - 6}" '
                     f'fill="{colour}"><title>{_e(label)}: {_e(text)}</title></rect>')
        parts.append(f'<text x="{label_w + w + 6:.1f}" y="{y + 16}" font-size="12">{_e(text)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def stacked_time_chart(name: str, series: Mapping[str, Any], colours: Mapping[str, str]) -> str:
    """Stacked columns per time bucket, one colour per series, with a legend."""
    buckets = series["buckets"]
    names = [n for n in series["series"] if any(b.get(n, 0) for b in buckets)]
    if not buckets or not names:
        return _empty(name)
    height, left, bottom, top_pad = 260, 50, 40, 30
    plot_h = height - bottom - top_pad
    plot_w = WIDTH - left - 10
    peak = max(sum(b.get(n, 0) for n in names) for b in buckets) or 1
    col_w = plot_w / len(buckets)
    parts = [f'<svg class="chart" data-chart="{name}" width="{WIDTH}" height="{height}" role="img" '
             f'aria-label="{_e(name)}">',
             f'<line x1="{left}" y1="{top_pad + plot_h}" x2="{WIDTH - 10}" y2="{top_pad + plot_h}" stroke="#999"/>',
             f'<text x="{left - 6}" y="{top_pad + 4}" text-anchor="end" font-size="11">{peak}</text>',
             f'<text x="{left - 6}" y="{top_pad + plot_h}" text-anchor="end" font-size="11">0</text>']
    palette = ["#1565c0", "#ef6c00", "#00838f", "#8e24aa", "#558b2f", "#d81b60"]
    colour_of = {n: colours.get(n, palette[i % len(palette)]) for i, n in enumerate(names)}
    for i, bucket in enumerate(buckets):
        y = top_pad + plot_h
        for n in names:
            count = bucket.get(n, 0)
            if not count:
                continue
            h = plot_h * count / peak
            y -= h
            parts.append(f'<rect class="bar" x="{left + i * col_w:.2f}" y="{y:.2f}" width="{max(col_w - 1, 0.5):.2f}" '
                         f'height="{h:.2f}" fill="{colour_of[n]}"><title>{_e(bucket["start"])} {_e(n)}: {count}'
                         f'</title></rect>')
    parts.append(f'<text x="{left}" y="{height - 20}" font-size="11">{_e(buckets[0]["start"])}</text>')
    parts.append(f'<text x="{WIDTH - 10}" y="{height - 20}" text-anchor="end" font-size="11">'
                 f'{_e(buckets[-1]["start"])}</text>')
    x = left
    for n in names:
        parts.append(f'<rect class="legend" x="{x}" y="8" width="12" height="12" fill="{colour_of[n]}"/>'
                     f'<text x="{x + 16}" y="18" font-size="12">{_e(n)}</text>')
        x += 24 + 7 * len(n)
    parts.append("</svg>")
    return "".join(parts)


def pct(value: float) -> str:
    return f"{value * 100:.1f}%"


def _table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    if not rows:
        return "<p class=\"none\">none</p>"
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def render_html(report: Mapping[str, Any], title: str = "arcjet report") -> str:
    """The whole page as a string."""
    denied_clients = [(r["client"], float(r["count"]), f'{r["count"]} of {r["requests"]}')
                      for r in report["top_denied_clients"]]
    denied_paths = [(r["path"], float(r["count"]), f'{r["count"]} of {r["requests"]}')
                    for r in report["top_denied_paths"]]
    rules = [(f'{r["kind"]} {label}' + (" (dry run)" if r["mode"] == "DRY_RUN" else ""), float(r["hit_rate"]),
              f'{pct(r["hit_rate"])} ({r["denied"]}/{r["evaluated"]})') for label, r in report["rules"].items()]
    dry = [(f'{d["kind"]} {label}', float(d["share"]),
            f'{pct(d["share"])} ({d["would_deny"]}; {d["additional_denies"]} not otherwise denied)')
           for label, d in report["dry_run"].items()]
    by_conclusion = report["by_conclusion"]
    tiles = "".join(f'<div class="tile" style="border-color:{COLOURS.get(c, BAR)}"><b>{n}</b><span>{_e(c)}</span></div>'
                    for c, n in by_conclusion.items())
    notes = []
    if report["approximate"]:
        notes.append("Client and path counts are approximate: the log had too many distinct values to keep all.")
    if report["read"]["bad_lines"]:
        notes.append(f'{report["read"]["bad_lines"]} unreadable line(s) were skipped.')
    sections = [
        ("Decisions over time", f'<p class="sub">per {report["timeline"]["bucket_seconds"]} s</p>'
         + stacked_time_chart("timeline", report["timeline"], COLOURS)),
        ("Top denied clients", hbar_chart("denied-clients", denied_clients, COLOURS["DENY"])),
        ("Top denied paths", hbar_chart("denied-paths", denied_paths, COLOURS["DENY"])),
        ("Rule hit rates", '<p class="sub">share of evaluated requests each rule denied (or would have, in dry run)</p>'
         + hbar_chart("rule-hit-rates", rules, BAR, 1.0)),
        ("DRY_RUN: would-deny share", '<p class="sub">share of all requests each DRY_RUN rule would have denied: '
         "the false-positive budget before promoting it</p>" + hbar_chart("dry-run-share", dry, DRY, 1.0)),
        ("Rate-limit denies over time", stacked_time_chart("rate-limit", report["rate_limit_hits"], {})),
        ("Reasons", _table(("reason", "count", "denied"),
                           [(r, n, report["denied_by_reason"].get(r, 0)) for r, n in report["by_reason"].items()])),
        ("Top paths", _table(("path", "requests", "denied"),
                             [(r["path"], r["count"], r["denied"]) for r in report["top_paths"]])),
        ("Bots seen", _table(("bot", "denied", "allowed"),
                             [(b, v["denied"], v["allowed"]) for b, v in report["bots"]["ids"].items()])),
        ("Shield categories", _table(("category", "requests"), list(report["shield"]["categories"].items()))),
    ]
    body = "".join(f"<section><h2>{_e(h)}</h2>{content}</section>" for h, content in sections)
    span = f'{report["first"]} to {report["last"]}' if report["first"] else "no timed records"
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(title)}</title>
<style>
body{{font-family:system-ui,sans-serif;margin:24px;color:#222;background:#fff;max-width:820px}}
h1{{font-size:22px}} h2{{font-size:17px;margin:28px 0 6px}} .sub{{color:#666;margin:0 0 6px;font-size:13px}}
.tiles{{display:flex;gap:12px;flex-wrap:wrap}} .tile{{border-left:6px solid;padding:6px 12px;background:#f6f6f6}}
.tile b{{display:block;font-size:22px}} table{{border-collapse:collapse;font-size:13px}}
td,th{{border-bottom:1px solid #ddd;padding:3px 10px;text-align:left;word-break:break-all}} .note{{color:#a15c00}}
</style></head><body>
<h1>{_e(title)}</h1>
<p>{_e(summary_counts(report))}, {_e(span)}</p>
<div class="tiles">{tiles}</div>
{"".join(f'<p class="note">{_e(n)}</p>' for n in notes)}
{body}
</body></html>
"""
