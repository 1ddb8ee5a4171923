"""Decision logs with known counts, written per docs/decision-log.md (schema v1)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

START = datetime(2025, 3, 1, 12, 0, tzinfo=timezone.utc)
SHIELD_ID, RATE_ID, BOT_ID = "5h1e1d00000000000000000a", "7a7e0000000000000000000b", "b0700000000000000000000c"

# What make_log(n=100) contains, for the assertions.
EXPECTED = {
    "total": 100,
    "by_conclusion": {"ALLOW": 80, "DENY": 20, "CHALLENGE": 0, "ERROR": 0},
    "by_reason": {"RATE_LIMIT": 10, "BOT": 10, "SHIELD": 20, "NOT_RUN": 60},
    "top_denied_clients": [("198.51.100.20", 10), ("198.51.100.9", 10)],
    "shield_would_deny": 20,
}


def _rules(i: int) -> list[dict[str, Any]]:
    rate_deny = i % 10 == 0
    bot_deny = i % 10 == 1
    sqli = i % 5 == 2
    shield = {"id": SHIELD_ID, "kind": "SHIELD", "mode": "DRY_RUN", "state": "DRY_RUN",
              "conclusion": "DENY" if sqli else "ALLOW", "reason": "SHIELD", "triggered": sqli, "suspicious": False,
              "categories": ["SQL_INJECTION"] if sqli else [], "rule_ids": [942100] if sqli else [], "score": 5 * sqli}
    rate = {"id": RATE_ID, "kind": "RATE_LIMIT", "mode": "LIVE", "state": "RUN",
            "conclusion": "DENY" if rate_deny else "ALLOW", "reason": "RATE_LIMIT", "max": 5,
            "remaining": 0 if rate_deny else 3, "reset": 30, "window": 60}
    if rate_deny:
        bot = {"id": BOT_ID, "kind": "BOT", "mode": "LIVE", "state": "NOT_RUN", "conclusion": "ALLOW",
               "reason": "NOT_RUN", "message": "an earlier rule denied"}
    else:
        bot = {"id": BOT_ID, "kind": "BOT", "mode": "LIVE", "state": "RUN",
               "conclusion": "DENY" if bot_deny else "ALLOW", "reason": "BOT",
               "allowed": ["GOOGLE_CRAWLER"] if i % 10 == 3 else [], "denied": ["CURL"] if bot_deny else [],
               "spoofed": False, "verified": i % 10 == 3}
    return [shield, rate, bot]


def record(i: int) -> dict[str, Any]:
    ts = START + timedelta(minutes=i)
    if i % 10 == 0:
        conclusion, reason, ip, path, ua = "DENY", "RATE_LIMIT", "198.51.100.9", "/api/login", "tool"
    elif i % 10 == 1:
        conclusion, reason, ip, path, ua = "DENY", "BOT", "198.51.100.20", "/admin", "tool"
    elif i % 5 == 2:
        conclusion, reason, ip, path, ua = "ALLOW", "SHIELD", "203.0.113.5", "/search", "browser"
    else:
        conclusion, reason, ip, path, ua = "ALLOW", "NOT_RUN", f"192.0.2.{i % 7}", "/", "browser"
    return {"v": 1, "ts": ts.isoformat().replace("+00:00", "Z"), "id": f"lreq_{i:032d}", "conclusion": conclusion,
            "reason": reason, "ip": ip, "ip_mode": "full", "method": "GET" if i % 2 else "POST", "path": path,
            "ua": ua, "ttl": 30 if conclusion == "DENY" else 0, "rules": _rules(i)}


def make_log(path: Path, n: int = 100, extra_lines: tuple[str, ...] = ()) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            out.write(json.dumps(record(i)) + "\n")
        for line in extra_lines:
            out.write(line + "\n")
    return path
