"""The decision log wired into the clients: what reaches it, what never does, and what it costs off."""

from __future__ import annotations

import io
import json
import logging
import threading
from pathlib import Path
from typing import Any

import pytest

from arcjet_core import (
    arcjet,
    arcjet_sync,
    detect_bot,
    detect_sensitive_info,
    fixed_window,
    shield,
    validate_email,
)
from arcjet_core.decision_log import DecisionLog
from arcjet_core.errors import ArcjetMisconfiguration

from .helpers import lines, req

SECRETS = ("victim", "mailinator", "carol", "corp.example", "4111", "QUERYSECRET", "qv@",
           "COOKIESECRET", "UASECRET", "CHARSECRET", "EXTRASECRET", "pathbob", "@")


def test_off_by_default_creates_nothing() -> None:
    before = {t.name for t in threading.enumerate()}
    aj = arcjet_sync(key="off", rules=[fixed_window(max=5, window=60)])
    assert aj._observer is None
    aj.protect(req())
    aj.close()
    assert "arcjet-decision-log" not in {t.name for t in threading.enumerate()} - before


def test_no_secret_reaches_the_log(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    aj = arcjet_sync(key="redact", decision_log=str(path), rules=[
        validate_email(mode="LIVE", deny=["DISPOSABLE", "INVALID"]),
        detect_sensitive_info(mode="DRY_RUN", deny=["EMAIL", "CREDIT_CARD_NUMBER"]),
        fixed_window(mode="LIVE", max=100, window=60, characteristics=["userId"]),
    ])
    request = req(path="/u/pathbob@example.org/x", query="token=QUERYSECRET&e=qv@x.example",
                  ua="curl/8.4 UASECRET", headers={"cookie": "session=COOKIESECRET"})
    decision = aj.protect(request, email="victim@mailinator.com",
                          sensitive_info_value="card 4111 1111 1111 1111 mail carol@corp.example",
                          characteristics={"userId": "CHARSECRET"}, extra={"note": "EXTRASECRET"})
    aj.close()
    text = path.read_text()
    for secret in SECRETS:
        assert secret not in text, secret
    (record,) = lines(path)
    assert record["id"] == decision.id and record["conclusion"] == "DENY" and record["path"] == "/u/[email]/x"
    assert record["ua"] == "tool"
    by_kind = {r["kind"]: r for r in record["rules"]}
    assert by_kind["EMAIL"]["email_types"] == ["DISPOSABLE", "FREE"]
    assert by_kind["SENSITIVE_INFO"]["denied_types"] == ["CREDIT_CARD_NUMBER", "EMAIL"]
    assert by_kind["SENSITIVE_INFO"]["mode"] == "DRY_RUN"


def test_log_ip_modes_reach_the_records(tmp_path: Path) -> None:
    seen: dict[str, str] = {}
    for mode in ("full", "truncated", "hashed"):
        records: list[dict[str, Any]] = []
        with arcjet_sync(key="ip", rules=[shield()], decision_log=records.append, log_ip=mode) as aj:
            aj.protect(req(ip="203.0.113.77"))
        seen[mode] = records[0]["ip"]
        assert records[0]["ip_mode"] == mode
    assert seen["full"] == "203.0.113.77"
    assert seen["truncated"] == "203.0.113.0/24"
    assert seen["hashed"].startswith("h:") and "203.0.113" not in seen["hashed"]


def test_bad_log_ip_fails_even_while_the_log_is_off() -> None:
    with pytest.raises(ArcjetMisconfiguration, match="log_ip"):
        arcjet_sync(key="bad", rules=[shield()], log_ip="everything")  # type: ignore[arg-type]


def test_log_ip_cannot_silently_differ_from_a_logs_own(tmp_path: Path) -> None:
    log = DecisionLog(tmp_path / "d.jsonl", log_ip="hashed")
    with pytest.raises(ArcjetMisconfiguration, match="conflicts"):
        arcjet_sync(key="bad", rules=[shield()], decision_log=log, log_ip="truncated")
    arcjet_sync(key="ok", rules=[shield()], decision_log=log, log_ip="hashed").close()
    log.close()


def test_newlines_cannot_forge_records_or_log_lines(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "d.jsonl"
    forged = '/x\n{"v":1,"id":"forged"}\r\n\u2028\x85\x1b[31m'
    aj = arcjet_sync(key="inject", decision_log=path, rules=[detect_bot(mode="DRY_RUN", deny=["CURL"])])
    with caplog.at_level(logging.INFO, logger="arcjet"):
        aj.protect(req(path=forged, ua="curl/8.4.0"))
    aj.close()
    data = path.read_bytes()
    assert data.count(b"\n") == 1 and data.isascii()
    assert all(len(line.splitlines()) == 1 for line in data.decode().split("\n") if line)
    (record,) = lines(path)
    assert record["path"] == forged and record["rules"][0]["conclusion"] == "DENY"
    (info,) = [r for r in caplog.records if "would deny" in r.getMessage()]
    message = info.getMessage()
    assert info.levelno == logging.INFO
    assert "\n" not in message and "\r" not in message and "\x1b" not in message and "\u2028" not in message
    assert "kind=BOT" in message and f"decision_id={record['id']}" in message
    assert info.arcjet["kind"] == "BOT"  # type: ignore[attr-defined]  # structured, for JSON log handlers


def test_failing_rule_warning_is_rate_limited(caplog: pytest.LogCaptureFixture) -> None:
    # No userId given: the rate limit has no key and fails open, on every request.
    aj = arcjet_sync(key="warn", rules=[fixed_window(max=5, window=60, characteristics=["userId"])])
    with caplog.at_level(logging.WARNING, logger="arcjet"):
        for _ in range(50):
            aj.protect(req())
    assert len([r for r in caplog.records if "failed open" in r.getMessage()]) == 1


def test_with_rule_shares_the_parents_log(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    aj = arcjet_sync(key="derive", rules=[shield()], decision_log=path, log_ip="truncated")
    child = aj.with_rule(fixed_window(max=5, window=60))
    assert child._observer is not None and aj._observer is not None
    assert child._observer.log is aj._observer.log and not child._observer.owns_log
    child.protect(req())
    child.close()  # not the child's to close
    aj.protect(req())
    aj.close()
    records = lines(path)
    assert [len(r["rules"]) for r in records] == [2, 1]
    assert {r["ip_mode"] for r in records} == {"truncated"}


def test_a_decision_log_object_is_the_callers(tmp_path: Path) -> None:
    log = DecisionLog(tmp_path / "d.jsonl")
    with arcjet_sync(key="obj", rules=[shield()], decision_log=log) as aj:
        aj.protect(req())
    assert log.submit(aj.protect(req()), "GET", "/", None)  # still open after the client closed
    log.close()
    assert len(lines(tmp_path / "d.jsonl")) == 3


async def test_async_client_logs_and_aclose_flushes(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    aj = arcjet(key="async", rules=[fixed_window(max=2, window=60)], decision_log=path)
    conclusions = [(await aj.protect(req(method="POST", path="/api"))).conclusion.value for _ in range(3)]
    await aj.aclose()
    records = lines(path)
    assert [r["conclusion"] for r in records] == conclusions == ["ALLOW", "ALLOW", "DENY"]
    assert {(r["method"], r["path"]) for r in records} == {("POST", "/api")}
    assert records[2]["rules"][0]["remaining"] == 0 and records[2]["ttl"] > 0


def test_body_errors_are_in_the_logged_decision() -> None:
    # A body that ends early turns shield into ERROR after the flow: the log sees the final decision.
    records: list[dict[str, Any]] = []
    aj = arcjet_sync(key="body", rules=[shield(mode="LIVE")], decision_log=records.append)
    environ = {"REQUEST_METHOD": "POST", "PATH_INFO": "/f", "REMOTE_ADDR": "8.8.8.8", "CONTENT_LENGTH": "100",
               "CONTENT_TYPE": "text/plain", "wsgi.input": io.BytesIO(b"short"), "SERVER_NAME": "x",
               "wsgi.url_scheme": "http", "HTTP_USER_AGENT": "curl/8"}
    d = aj.protect(environ)
    aj.close()
    assert d.is_error()
    assert (records[0]["conclusion"], records[0]["reason"]) == ("ERROR", "ERROR")
    assert records[0]["rules"][0]["message"].startswith("request body could not be read")


def test_records_are_json_objects_on_their_own_line(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    with arcjet_sync(key="many", rules=[shield()], decision_log=path) as aj:
        for i in range(300):
            aj.protect(req(ip=f"198.51.100.{i % 200}"))
    raw = path.read_text().splitlines()
    assert len(raw) == 300 and all(json.loads(line)["v"] == 1 for line in raw)
