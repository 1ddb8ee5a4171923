"""`arcjet check-ip`, `arcjet test-filter --request`, `arcjet version`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from arcjet_core.cli import main


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, object]:
    assert main([*argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def test_check_ip_details(capsys: pytest.CaptureFixture[str]) -> None:
    out = run_json(capsys, "check-ip", "8.8.8.8")
    assert out["ip"] == "8.8.8.8" and out["details"]["country"] == "US" and out["details"]["asn"] == "AS15169"
    assert "decision" not in out


def test_check_ip_with_rules(capsys: pytest.CaptureFixture[str]) -> None:
    denied = run_json(capsys, "check-ip", "198.51.100.7", "--rules", "tests.cli.rules_fixture:RULES")
    decision = denied["decision"]
    assert decision["conclusion"] == "DENY"  # type: ignore[index]
    assert [(r["kind"], r["mode"], r["conclusion"]) for r in decision["rules"]] == [  # type: ignore[index]
        ("SHIELD", "LIVE", "ALLOW"), ("FILTER", "LIVE", "DENY"), ("FILTER", "DRY_RUN", "ALLOW"),
        ("RATE_LIMIT", "LIVE", "ALLOW")]
    us = run_json(capsys, "check-ip", "8.8.8.8", "--settings", "tests.cli.rules_fixture")
    assert us["decision"]["conclusion"] == "ALLOW"  # type: ignore[index]
    text_code = main(["check-ip", "8.8.8.8", "--rules", "tests.cli.rules_fixture:RULES"])
    text = capsys.readouterr().out
    assert text_code == 0 and "GET / from 8.8.8.8: ALLOW" in text and "DRY_RUN" in text


@pytest.mark.parametrize(("argv", "message"), [
    (["check-ip", "not-an-ip"], "is not an IPv4 or IPv6 address"),
    (["check-ip", "8.8.8.8", "--rules", "nomodule_xyz:RULES"], "cannot import"),
    (["check-ip", "8.8.8.8", "--rules", "tests.cli.rules_fixture:NOPE"], "has no attribute"),
    (["check-ip", "8.8.8.8", "--rules", "tests.cli.logs:START"], "is not a rule list"),
])
def test_check_ip_errors(capsys: pytest.CaptureFixture[str], argv: list[str], message: str) -> None:
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2 and message in capsys.readouterr().err


def test_test_filter_reads_a_raw_http_request(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    request = tmp_path / "req.http"
    request.write_text("POST /login?next=/admin HTTP/1.1\r\nHost: shop.example.com\r\nUser-Agent: curl/8.5\r\n"
                       "Cookie: theme=dark\r\n\r\nuser=a")
    code = main(["test-filter", 'http.request.method == "POST"', 'http.request.uri.args["next"] == "/admin"',
                 'http.request.headers["user-agent"] contains "curl"', 'http.request.cookie["theme"] == "dark"',
                 'http.host == "shop.example.com"', "--request", str(request)])
    assert code == 0
    assert [line.split()[0] for line in capsys.readouterr().out.splitlines()] == ["true"] * 5


def test_test_filter_json_request_and_overrides(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    request = tmp_path / "req.json"
    request.write_text(json.dumps({"method": "GET", "path": "/a", "ip": "10.0.0.1", "headers": {"x-k": "v"}}))
    assert main(["test-filter", "ip.src in { 10.0.0.0/8 }", 'http.request.headers["x-k"] == "w"',
                 "--request", str(request), "-H", "X-K: w", "--json"]) == 0
    values = [json.loads(line)["value"] for line in capsys.readouterr().out.splitlines()]
    assert values == ["true", "true"]


def test_test_filter_bad_request_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{nope")
    with pytest.raises(SystemExit) as info:
        main(["test-filter", "true", "--request", str(bad)])
    assert info.value.code == 2 and "not valid JSON" in capsys.readouterr().err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["version"]) == 0
    assert capsys.readouterr().out.startswith("arcjet-local ")


def test_help_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    assert "report" in capsys.readouterr().out
