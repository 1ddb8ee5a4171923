"""Shared by the decision-log tests: requests and reading a log back."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36"


def req(ip: str = "8.8.8.8", ua: str | None = BROWSER, path: str = "/", **extra: Any) -> dict[str, Any]:
    headers = {"user-agent": ua} if ua is not None else {}
    headers.update(extra.pop("headers", {}))
    return {"ip": ip, "method": extra.pop("method", "GET"), "path": path, "headers": headers, **extra}


def lines(path: Path) -> list[dict[str, Any]]:
    raw = path.read_text(encoding="ascii").split("\n")
    assert raw[-1] == "", "every record ends in a newline"
    records = [json.loads(line) for line in raw[:-1]]
    assert all(isinstance(r, dict) for r in records)
    return records
