"""The report: one pass over the records, bounded memory, a plain dict out.

``Aggregator.add`` is called once per record; ``Aggregator.result`` builds the
report dict that the text, JSON and HTML renderers (and the MCP tools) all
read, so they can never disagree about a number.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from arcjet_core.report._records import ReadStats, Record, RuleRecord
from arcjet_core.report._sketch import TimeBuckets, TopK

CONCLUSIONS = ("ALLOW", "DENY", "CHALLENGE", "ERROR")
SAMPLE_IDS = 5


def _iso(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, tz=timezone.utc).isoformat().replace("+00:00", "Z")


def _share(part: int, whole: int) -> float:
    return round(part / whole, 6) if whole else 0.0


def _list_field(rule: RuleRecord, *names: str) -> list[str]:
    for name in names:
        value = rule.fields.get(name)
        if isinstance(value, (list, tuple)):
            return [str(v) for v in value]
        if isinstance(value, str) and value:
            return [value]
    return []


@dataclass
class _RuleStats:
    kind: str
    mode: str
    evaluated: int = 0  # ran (live, dry-run or cached), i.e. not NOT_RUN
    denied: int = 0  # concluded DENY (for a DRY_RUN rule: would have denied)
    errors: int = 0
    additional: int = 0  # DRY_RUN would-deny on a request the decision let through
    clients: TopK = field(default_factory=lambda: TopK(500))
    paths: TopK = field(default_factory=lambda: TopK(500))
    sample_ids: list[str] = field(default_factory=list)


class Aggregator:
    """Streaming aggregation of decision-log records."""

    def __init__(self, *, top: int = 10, bucket_seconds: int = 60, max_buckets: int = 400) -> None:
        self.top = top
        self.total = 0
        self.by_conclusion: dict[str, int] = dict.fromkeys(CONCLUSIONS, 0)
        self.by_reason: dict[str, int] = {}
        self.denied_by_reason: dict[str, int] = {}
        self.denied_clients = TopK()
        self.clients = TopK()
        self.paths = TopK()
        self.denied_paths = TopK()
        self.methods: dict[str, int] = {}
        self.ua_classes: dict[str, int] = {}
        self.bot_ids: dict[str, dict[str, int]] = {}  # id -> {"allowed": n, "denied": n}
        self.bot_categories: dict[str, int] = {}
        self.shield_categories: dict[str, int] = {}
        self.shield_rule_ids: dict[str, int] = {}
        self.rules: dict[str, _RuleStats] = {}
        self.timeline = TimeBuckets(bucket_seconds, max_buckets)
        self.rate_limit = TimeBuckets(bucket_seconds, max_buckets)
        self.first: datetime | None = None
        self.last: datetime | None = None
        self.untimed = 0

    # -- one record ---------------------------------------------------------

    def add(self, record: Record) -> None:
        self.total += 1
        conclusion = record.conclusion or "ERROR"
        self.by_conclusion[conclusion] = self.by_conclusion.get(conclusion, 0) + 1
        reason = record.reason or "UNKNOWN"
        self.by_reason[reason] = self.by_reason.get(reason, 0) + 1
        client = record.ip or "(unknown)"
        path = record.path or "(unknown)"
        self.clients.add(client)
        self.paths.add(path)
        if record.method:
            self.methods[record.method] = self.methods.get(record.method, 0) + 1
        if record.ua:
            self.ua_classes[record.ua] = self.ua_classes.get(record.ua, 0) + 1
        denied = conclusion == "DENY"
        if denied:
            self.denied_by_reason[reason] = self.denied_by_reason.get(reason, 0) + 1
            self.denied_clients.add(client)
            self.denied_paths.add(path)
        epoch: float | None = None
        if record.time is not None:
            epoch = record.time.timestamp()
            self.timeline.add(epoch, conclusion)
            if self.first is None or record.time < self.first:
                self.first = record.time
            if self.last is None or record.time > self.last:
                self.last = record.time
        else:
            self.untimed += 1
        for rule in record.rules:
            self._add_rule(record, rule, client, path, epoch)

    def _add_rule(self, record: Record, rule: RuleRecord, client: str, path: str, epoch: float | None) -> None:
        stats = self.rules.get(rule.label)
        if stats is None:
            stats = self.rules[rule.label] = _RuleStats(kind=rule.kind, mode=rule.mode)
        if rule.state != "NOT_RUN":
            stats.evaluated += 1
        if rule.conclusion == "ERROR":
            stats.errors += 1
        if rule.conclusion == "DENY":
            stats.denied += 1
            if rule.dry_run:
                stats.clients.add(client)
                stats.paths.add(path)
                if record.conclusion != "DENY":
                    stats.additional += 1
                if len(stats.sample_ids) < SAMPLE_IDS and record.id:
                    stats.sample_ids.append(record.id)
            if rule.kind == "RATE_LIMIT" and epoch is not None:
                self.rate_limit.add(epoch, rule.label + (" (dry run)" if rule.dry_run else ""))
        if rule.kind == "BOT" or rule.reason == "BOT":
            # The lists hold bot ids ("CURL") and categories ("CATEGORY:AI").
            for verdict in ("denied", "allowed"):
                for bot in _list_field(rule, verdict):
                    if bot.startswith("CATEGORY:"):
                        self.bot_categories[bot] = self.bot_categories.get(bot, 0) + 1
                        continue
                    entry = self.bot_ids.setdefault(bot, {"allowed": 0, "denied": 0})
                    entry[verdict] += 1
        if rule.kind == "SHIELD" or rule.reason == "SHIELD":
            for category in _list_field(rule, "categories"):
                self.shield_categories[category] = self.shield_categories.get(category, 0) + 1
            for rule_id in _list_field(rule, "rule_ids"):
                self.shield_rule_ids[rule_id] = self.shield_rule_ids.get(rule_id, 0) + 1

    def add_all(self, records: Iterable[Record]) -> Aggregator:
        for record in records:
            self.add(record)
        return self

    # -- the report ---------------------------------------------------------

    def _top(self, counter: TopK, key: str, extra: TopK | None = None, extra_key: str = "") -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = []
        for name, count in counter.top(self.top):
            row: dict[str, Any] = {key: name, "count": count}
            if extra is not None:
                row[extra_key] = extra.get(name)
            rows.append(row)
        return rows

    def _dry_run(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for label, stats in self.rules.items():
            if stats.mode != "DRY_RUN":
                continue
            out[label] = {
                "kind": stats.kind,
                "evaluated": stats.evaluated,
                "would_deny": stats.denied,
                "share": _share(stats.denied, self.total),
                # Would-denies the decision otherwise allowed: the traffic that
                # promoting this rule adds to what is already blocked.
                "additional_denies": stats.additional,
                "additional_share": _share(stats.additional, self.total),
                "top_clients": [{"client": c, "count": n} for c, n in stats.clients.top(self.top)],
                "top_paths": [{"path": p, "count": n} for p, n in stats.paths.top(self.top)],
                "sample_ids": list(stats.sample_ids),
            }
        return out

    def result(self, stats: ReadStats | None = None) -> dict[str, Any]:
        sketches = (self.clients, self.paths, self.denied_clients, self.denied_paths)
        rules = {
            label: {"kind": s.kind, "mode": s.mode, "evaluated": s.evaluated, "denied": s.denied, "errors": s.errors,
                    "hit_rate": _share(s.denied, s.evaluated)}
            for label, s in self.rules.items()
        }
        return {
            "total": self.total,
            "first": self.first.isoformat().replace("+00:00", "Z") if self.first else None,
            "last": self.last.isoformat().replace("+00:00", "Z") if self.last else None,
            "by_conclusion": dict(self.by_conclusion),
            "by_reason": dict(sorted(self.by_reason.items(), key=lambda kv: (-kv[1], kv[0]))),
            "denied_by_reason": dict(sorted(self.denied_by_reason.items(), key=lambda kv: (-kv[1], kv[0]))),
            "top_denied_clients": self._top(self.denied_clients, "client", self.clients, "requests"),
            "top_clients": self._top(self.clients, "client", self.denied_clients, "denied"),
            "top_paths": self._top(self.paths, "path", self.denied_paths, "denied"),
            "top_denied_paths": self._top(self.denied_paths, "path", self.paths, "requests"),
            "methods": dict(sorted(self.methods.items(), key=lambda kv: -kv[1])),
            "user_agent_classes": dict(sorted(self.ua_classes.items(), key=lambda kv: -kv[1])),
            "bots": {
                "ids": dict(sorted(self.bot_ids.items(), key=lambda kv: -(kv[1]["allowed"] + kv[1]["denied"]))),
                "categories": dict(sorted(self.bot_categories.items(), key=lambda kv: -kv[1])),
            },
            "shield": {
                "categories": dict(sorted(self.shield_categories.items(), key=lambda kv: -kv[1])),
                "rule_ids": dict(sorted(self.shield_rule_ids.items(), key=lambda kv: -kv[1])[:50]),
            },
            "rules": rules,
            "dry_run": self._dry_run(),
            "timeline": _series(self.timeline, CONCLUSIONS),
            "rate_limit_hits": _series(self.rate_limit, None),
            "approximate": any(s.approximate for s in sketches),
            # Event lines are not decisions: counted apart, never in "total".
            "events": [{"event": e, "action": a, "count": n}
                       for (e, a), n in sorted((stats.events if stats else {}).items(), key=lambda kv: -kv[1])],
            "read": {
                "lines": stats.lines if stats else self.total,
                "bad_lines": stats.bad_lines if stats else 0,
                "before_since": stats.before_since if stats else 0,
                "untimed": self.untimed,
            },
        }


def _series(buckets: TimeBuckets, names: Iterable[str] | None) -> dict[str, Any]:
    rows = buckets.rows(names)
    series = list(names) if names is not None else buckets.series_names()
    return {
        "bucket_seconds": buckets.width,
        "series": series,
        "buckets": [{"start": _iso(start), **dict(counts)} for start, counts in rows],
    }


def aggregate(records: Iterable[Record], *, top: int = 10, stats: ReadStats | None = None) -> dict[str, Any]:
    """The report dict for ``records`` (see docs/cli.md for its keys)."""
    return Aggregator(top=top).add_all(records).result(stats)


def summary_counts(report: Mapping[str, Any]) -> str:
    """One line: ``1234 decisions: 1000 ALLOW, 200 DENY, ...``."""
    parts = [f"{n} {c}" for c, n in report["by_conclusion"].items() if n]
    return f"{report['total']} decisions" + (": " + ", ".join(parts) if parts else "")
