"""ARCJET["DECISION_LOG"] / ["LOG_IP"] / ["METRICS"] / ["TRACING"]: checked at start-up, used by the middleware."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from arcjet_core import fixed_window
from arcjet_core.decision_log import DecisionLog
from arcjet_django.checks import check_settings
from tests.django.test_middleware import BROWSER_UA, arcjet_settings


def test_the_middleware_logs_each_decision(settings: Any, tmp_path: Path) -> None:
    log = DecisionLog(tmp_path / "d.jsonl", log_ip="truncated")
    arcjet_settings(settings, RULES=[fixed_window(max=1, window=60)], DECISION_LOG=log)
    client = Client(headers={"user-agent": BROWSER_UA}, REMOTE_ADDR="203.0.113.50")
    codes = [client.get("/?q=secret").status_code for _ in range(2)]
    log.close()
    records = [json.loads(line) for line in (tmp_path / "d.jsonl").read_text().splitlines()]
    assert codes == [200, 429]
    assert [r["conclusion"] for r in records] == ["ALLOW", "DENY"]
    assert {(r["ip"], r["path"], r["ua"]) for r in records} == {("203.0.113.0/24", "/", "browser")}


@pytest.mark.parametrize("values", [
    {"DECISION_LOG": 42},
    {"DECISION_LOG": "/no/such/dir/log.jsonl"},
    {"LOG_IP": "partial"},
    {"METRICS": "yes"},
    {"TRACING": "on"},
])
def test_bad_values_are_check_errors(settings: Any, values: dict[str, Any]) -> None:
    settings.ARCJET = {"KEY": "k", **values}
    messages = check_settings()
    assert [m.id for m in messages] == ["arcjet.E018"] and messages[0].hint


def test_good_values_pass(settings: Any, tmp_path: Path) -> None:
    settings.ARCJET = {"KEY": "k", "DECISION_LOG": str(tmp_path / "d.jsonl"), "LOG_IP": "hashed", "TRACING": True}
    assert check_settings() == []
    assert list(tmp_path.iterdir()) == []  # checking opens nothing
