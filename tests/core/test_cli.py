"""`arcjet test-filter`: expressions tried against a sample request."""

from __future__ import annotations

import subprocess
import sys

import pytest

from arcjet_core.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str]]:
    code = main(["test-filter", *argv])
    return code, capsys.readouterr().out.splitlines()


def test_each_expression_gets_its_value(capsys: pytest.CaptureFixture[str]) -> None:
    code, lines = run(capsys, 'http.request.uri.path wildcard "/admin*"', 'http.request.headers["x-token"] == "s"',
                      'http.request.method == "POST"', "ip.src in { 10.0.0.0/8 }", 'local.plan == "pro"',
                      'http.request.cookie["theme"] == "dark"', 'http.host == "shop.example.com"',
                      'http.request.uri.args["page"] == "2"',
                      "--url", "https://shop.example.com/admin/users?page=2", "-H", "User-Agent: curl/8.5",
                      "--ip", "10.1.2.3", "--local", "plan=pro", "--cookie", "theme=dark; a=b")
    assert code == 0
    assert [line.split()[0] for line in lines] == ["true", "undetermined", "false", "true", "true", "true", "true",
                                                   "true"]


def test_a_bad_expression_prints_its_caret_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, lines = run(capsys, "ip.src.city ==", 'http.request.uri.path matches "(x"', "true")
    assert code == 2
    assert lines[0].startswith("error") and "1:14" in lines[0] and lines[2].strip() == "^"
    assert any("invalid regex" in line for line in lines)
    assert lines[-1].split() == ["true", "true"]


def test_bad_options_are_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["test-filter", "true", "-H", "no-colon"])
    assert exit_info.value.code == 2
    assert "--header must look like 'name:value'" in capsys.readouterr().err


@pytest.mark.parametrize("module", ["arcjet_core.cli", "arcjet"])
def test_runs_as_a_module(module: str) -> None:
    out = subprocess.run([sys.executable, "-m", module, "test-filter", 'http.request.method == "GET"'],
                         capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["true", 'http.request.method', '==', '"GET"']
