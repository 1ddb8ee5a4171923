"""Replaying a proposed rule against logged requests, as far as the log allows.

The log keeps method, path (no query), the client IP as configured (full,
truncated or hashed), the user-agent class and each rule's outcome; never
headers, cookies, query strings or bodies. So:

- ``filter``: the expressions run through the real filter engine on a request
  rebuilt from those fields; an expression needing anything else comes out
  undetermined and is counted as such (never as a deny).
- ``fixed_window`` / ``sliding_window`` / ``token_bucket``: simulated per
  client over the logged times. Keyed by ``ip`` as logged: with
  ``log_ip="truncated"`` a /24 counts as one client; other characteristics
  (user id, API key) are not logged, so such limits cannot be replayed.
- ``bot``: a ``deny`` list of bot ids matched against the bots a logged BOT
  rule identified (its allowed/denied lists).
- Anything else (shield, email, sensitive info, prompt injection) needs the
  payload, which is never logged: not replayable; stage it in DRY_RUN.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

from arcjet_core.report._records import Record

NOT_REPLAYABLE = {
    "shield": "needs the request payload (query, headers, body), which the log never keeps",
    "validate_email": "needs the email address, which the log never keeps",
    "detect_sensitive_info": "needs the body text, which the log never keeps",
    "detect_prompt_injection": "needs the message, which the log never keeps",
}
KINDS = ("filter", "fixed_window", "sliding_window", "token_bucket", "bot")


class _Limiter:
    """One client's state under a simulated rate limit; ``hit(t)`` True when allowed."""

    def __init__(self, kind: str, spec: Mapping[str, Any]) -> None:
        self.kind = kind
        if kind == "token_bucket":
            self.capacity = float(spec["capacity"])
            self.rate = float(spec["refill_rate"]) / float(spec["interval"])
            self.tokens = self.capacity
        else:
            self.max = int(spec["max"])
            self.window = float(spec.get("window", spec.get("interval", 60)))
            self.current = self.previous = 0
        self.start = math.nan
        self.last = math.nan

    def hit(self, t: float) -> bool:
        if self.kind == "token_bucket":
            if not math.isnan(self.last):
                self.tokens = min(self.capacity, self.tokens + (t - self.last) * self.rate)
            self.last = t
            if self.tokens >= 1:
                self.tokens -= 1
                return True
            return False
        window_start = t - (t % self.window)
        if math.isnan(self.start) or window_start != self.start:
            self.previous = self.current if window_start - self.start == self.window else 0
            self.current, self.start = 0, window_start
        count = self.current
        if self.kind == "sliding_window":  # the previous window weighted by how much of it still overlaps
            count += int(self.previous * (1 - (t - window_start) / self.window))
        if count >= self.max:
            return False
        self.current += 1
        return True


def _filter_replay(records: Iterable[Record], spec: Mapping[str, Any], limit: int) -> dict[str, Any]:
    from arcjet_core.client import arcjet_sync
    from arcjet_core.enums import Mode
    from arcjet_core.rules import filter_request

    deny = [str(e) for e in spec.get("deny", [])]
    allow = [str(e) for e in spec.get("allow", [])]
    rule = filter_request(mode=Mode.DRY_RUN, deny=deny, allow=allow)
    denied = undetermined = seen = 0
    paths: dict[str, int] = {}
    with arcjet_sync(key="arcjet-replay", rules=[rule], disable_automatic_ip_detection=True) as aj:
        for record in records:
            if seen >= limit:
                break
            seen += 1
            full_ip = record.raw.get("ip_mode", "full") == "full" and record.ip
            request = {"ip": full_ip or "0.0.0.0", "method": record.method or "GET", "path": record.path or "/",
                       "query": "", "headers": [("host", "localhost")]}
            result = aj.protect(request, ip_src=full_ip or "0.0.0.0").results[0]
            if str(result.conclusion) == "DENY":
                denied += 1
                if record.path in paths or len(paths) < 1000:  # bounded: a log of random paths
                    paths[record.path] = paths.get(record.path, 0) + 1
            elif getattr(result.reason_v2, "undetermined_expressions", ()):
                undetermined += 1
    return {"replayed": seen, "would_deny": denied, "undetermined": undetermined, "top_paths": _top(paths)}


def _top(counts: Mapping[str, int], n: int = 10) -> list[dict[str, Any]]:
    return [{"path": p, "count": c} for p, c in sorted(counts.items(), key=lambda kv: -kv[1])[:n] if c]


def replay(records: Iterable[Record], spec: Mapping[str, Any], limit: int = 1_000_000) -> dict[str, Any]:
    """Would-deny counts for a proposed rule ``spec`` (``{"kind": ..., ...}``) over ``records``."""
    kind = str(spec.get("kind", "")).lower()
    if kind in NOT_REPLAYABLE:
        return {"replayable": False, "why": NOT_REPLAYABLE[kind],
                "advice": "add it in DRY_RUN mode and read its would-denies from the next log"}
    if kind not in KINDS:
        return {"replayable": False, "why": f"unknown kind {kind!r}; replayable kinds: {', '.join(KINDS)}"}
    caveats: list[str] = []
    if kind == "filter":
        from arcjet_core.errors import ArcjetMisconfiguration

        try:
            out = _filter_replay(records, spec, limit)
        except (ArcjetMisconfiguration, TypeError, ValueError) as exc:
            return {"replayable": False, "why": f"bad filter rule: {exc}"}
        caveats.append("headers, cookies and query strings are not logged: expressions on them are undetermined")
    elif kind == "bot":
        wanted = {str(b).upper() for b in spec.get("deny", [])}
        seen = denied = 0
        paths: dict[str, int] = {}
        for record in records:
            seen += 1
            bots = {str(b).upper() for r in record.rules if r.kind == "BOT"
                    for key in ("allowed", "denied") for b in (r.fields.get(key) or [])}
            if bots & wanted:
                denied += 1
                paths[record.path] = paths.get(record.path, 0) + 1
        out = {"replayed": seen, "would_deny": denied, "undetermined": 0, "top_paths": _top(paths)}
        caveats.append("only bots a logged BOT rule identified can match")
    else:
        try:
            _Limiter(kind, spec)
        except (KeyError, ValueError, TypeError, ZeroDivisionError) as exc:
            return {"replayable": False, "why": f"bad {kind} parameters: {exc!r}"}
        limiters: dict[str, _Limiter] = {}
        seen = denied = untimed = 0
        paths = {}
        match = spec.get("path_prefix")
        for record in records:
            if record.time is None:
                untimed += 1
                continue
            if match and not record.path.startswith(str(match)):
                continue
            seen += 1
            limiter = limiters.setdefault(record.ip, _Limiter(kind, spec))
            if not limiter.hit(record.time.timestamp()):
                denied += 1
                paths[record.path] = paths.get(record.path, 0) + 1
        out = {"replayed": seen, "would_deny": denied, "undetermined": untimed, "top_paths": _top(paths)}
        caveats.append("keyed by the logged ip; other characteristics are not logged; requests the app's LIVE "
                       "rules denied are counted too (they reached protect())")
    total = out["replayed"]
    out.update({"replayable": True, "kind": kind, "share": round(out["would_deny"] / total, 6) if total else 0.0,
                "caveats": caveats})
    return out
