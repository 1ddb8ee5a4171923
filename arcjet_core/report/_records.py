"""Reading a decision log: JSON Lines in, one normalised Record per line out.

The schema is docs/decision-log.md (version 1).

The reader streams (one line in memory at a time), so a 1 GB log costs the
aggregates, not the file. Lines that are not JSON objects are counted and
skipped rather than fatal: a log that was being rotated or cut mid-line must
still report.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import IO, Any

# Longest line read as a record; a longer one is skipped (a hostile or broken
# log cannot make the reader hold an unbounded line).
MAX_LINE = 1 << 20
# docs/decision-log.md: the record schema this reader understands.
SCHEMA_VERSION = 1


@dataclass(frozen=True, slots=True)
class RuleRecord:
    """One rule's outcome in a logged decision."""

    label: str  # stable name for the rule across lines (its id, else kind#index)
    kind: str
    mode: str  # "LIVE" | "DRY_RUN"
    state: str  # "RUN" | "DRY_RUN" | "NOT_RUN" | "CACHED"
    conclusion: str
    reason: str
    fields: Mapping[str, Any] = field(default_factory=dict)

    @property
    def dry_run(self) -> bool:
        return self.mode == "DRY_RUN" or self.state == "DRY_RUN"

    @property
    def would_deny(self) -> bool:
        """A DRY_RUN rule that concluded DENY: what it would have done if LIVE."""
        return self.dry_run and self.conclusion == "DENY"


@dataclass(frozen=True, slots=True)
class Record:
    """One logged decision."""

    time: datetime | None
    id: str
    conclusion: str
    reason: str
    ip: str
    method: str
    path: str
    ua: str
    rules: Sequence[RuleRecord]
    raw: Mapping[str, Any]


def _first(obj: Mapping[str, Any], *keys: str, default: Any = None) -> Any:
    for key in keys:
        if key in obj and obj[key] is not None:
            return obj[key]
    return default


def _text(value: Any) -> str:
    return value if isinstance(value, str) else "" if value is None else str(value)


def parse_time(value: Any) -> datetime | None:
    """An ISO 8601 time (``Z`` accepted) or epoch seconds, as an aware UTC datetime."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return datetime.fromtimestamp(float(value), tz=timezone.utc)
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str) or not value:
        return None
    text = value[:-1] + "+00:00" if value.endswith(("Z", "z")) else value
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    return parsed.replace(tzinfo=timezone.utc) if parsed.tzinfo is None else parsed.astimezone(timezone.utc)


_RULE_CORE = {"id", "rule_id", "name", "kind", "type", "mode", "state", "conclusion", "reason", "reason_type"}


def _rule(obj: Mapping[str, Any], index: int) -> RuleRecord:
    kind = _text(_first(obj, "kind", "type")).upper()
    state = _text(obj.get("state")).upper()
    mode = _text(obj.get("mode")).upper() or ("DRY_RUN" if state == "DRY_RUN" else "LIVE")
    reason: Any = _first(obj, "reason_type", "reason")
    extra: dict[str, Any] = {k: v for k, v in obj.items() if k not in _RULE_CORE}
    if isinstance(reason, Mapping):  # a nested reason object: its type plus its key fields
        extra.update({k: v for k, v in reason.items() if k != "type"})
        reason = reason.get("type")
    label = _text(_first(obj, "id", "rule_id", "name")) or f"{kind or 'RULE'}#{index}"
    return RuleRecord(label=label, kind=kind, mode=mode, state=state,
                      conclusion=_text(obj.get("conclusion")).upper(), reason=_text(reason).upper(), fields=extra)


def to_record(obj: Mapping[str, Any]) -> Record:
    """A Record from one decoded log line; missing fields become empty strings."""
    request = obj.get("request")
    req: Mapping[str, Any] = request if isinstance(request, Mapping) else obj
    rules_raw = obj.get("rules")
    rules = [_rule(r, i) for i, r in enumerate(rules_raw if isinstance(rules_raw, list) else [])
             if isinstance(r, Mapping)]
    reason: Any = _first(obj, "reason_type", "reason")
    if isinstance(reason, Mapping):
        reason = reason.get("type")
    return Record(
        time=parse_time(_first(obj, "time", "ts", "timestamp")),
        id=_text(_first(obj, "id", "decision_id")),
        conclusion=_text(obj.get("conclusion")).upper(),
        reason=_text(reason).upper(),
        ip=_text(_first(req, "ip", "client_ip", "ip_hash")),
        method=_text(req.get("method")).upper(),
        path=_text(req.get("path")),
        ua=_text(_first(req, "ua", "user_agent_class", "ua_class", "user_agent")),
        rules=tuple(rules),
        raw=obj,
    )


# Distinct (event, action) pairs counted; the rest are counted under "(other)".
MAX_EVENT_KINDS = 1000


@dataclass
class ReadStats:
    """What the reader skipped, so a report can say its numbers are partial,
    and the event lines (not decisions: Guard's capture(), guard decisions)
    counted by event and action."""

    lines: int = 0
    bad_lines: int = 0
    before_since: int = 0
    bytes_read: int = 0
    events: dict[tuple[str, str], int] = field(default_factory=dict)

    def count_event(self, obj: Mapping[str, Any]) -> None:
        # "action" names what a capture() recorded; a guard line has a conclusion instead.
        key = (_text(obj.get("event")), _text(_first(obj, "action", "conclusion", default="")))
        if key not in self.events and len(self.events) >= MAX_EVENT_KINDS:
            key = ("(other)", "")
        self.events[key] = self.events.get(key, 0) + 1


def is_event(obj: Mapping[str, Any]) -> bool:
    """An event line (``"event"`` key), as opposed to a protect() decision."""
    return "event" in obj


def iter_records(stream: IO[bytes], *, since: datetime | None = None, stats: ReadStats | None = None,
                 on_progress: Callable[[int], None] | None = None) -> Iterator[Record]:
    """Records from a binary JSON Lines stream, oldest filter applied (``since``)."""
    stats = stats if stats is not None else ReadStats()
    while True:
        line = stream.readline(MAX_LINE + 1)
        if not line:
            return
        stats.bytes_read += len(line)
        if on_progress is not None:
            on_progress(len(line))
        if len(line) > MAX_LINE and not line.endswith(b"\n"):
            stats.bad_lines += 1
            while line and not line.endswith(b"\n"):  # skip the rest of the oversized line
                line = stream.readline(MAX_LINE)
                stats.bytes_read += len(line)
                if on_progress is not None:
                    on_progress(len(line))
            continue
        if not line.strip():
            continue
        stats.lines += 1
        try:
            obj = json.loads(line)
        except (ValueError, UnicodeDecodeError, RecursionError):
            stats.bad_lines += 1
            continue
        if not isinstance(obj, dict) or obj.get("v", SCHEMA_VERSION) != SCHEMA_VERSION:
            stats.bad_lines += 1  # not a record, or a schema this reader does not know
            continue
        if is_event(obj):
            stats.count_event(obj)
            continue
        record = to_record(obj)
        if since is not None and (record.time is None or record.time < since):
            stats.before_since += 1
            continue
        yield record


def read_log(path: str | Path, *, since: datetime | None = None, stats: ReadStats | None = None,
             on_progress: Callable[[int], None] | None = None) -> Iterator[Record]:
    """Records from a log file, streamed."""
    with open(path, "rb") as stream:
        yield from iter_records(stream, since=since, stats=stats, on_progress=on_progress)


def parse_since(text: str, now: datetime | None = None) -> datetime:
    """``--since``: an ISO 8601 time, or a duration back from now (``90s``, ``15m``, ``24h``, ``7d``)."""
    now = now or datetime.now(timezone.utc)
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
    stripped = text.strip()
    if stripped[-1:].lower() in units and stripped[:-1].isdigit():
        return now - timedelta(seconds=int(stripped[:-1]) * units[stripped[-1].lower()])
    parsed = parse_time(stripped)
    if parsed is None:
        raise ValueError(f"--since must be an ISO 8601 time or a duration like 15m, 24h, 7d; got {text!r}")
    return parsed
