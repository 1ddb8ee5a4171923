"""skills/arcjet-local/SKILL.md: its header, and every Python block compiles and runs."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

SKILL = Path(__file__).resolve().parents[2] / "skills" / "arcjet-local" / "SKILL.md"
TEXT = SKILL.read_text(encoding="utf-8")
BLOCKS = re.findall(r"```python\n(.*?)```", TEXT, flags=re.S)


def test_header_has_name_and_description() -> None:
    header = re.match(r"---\n(.*?)\n---\n", TEXT, flags=re.S)
    assert header is not None
    fields = dict(line.split(": ", 1) for line in header.group(1).splitlines())
    assert fields["name"] == "arcjet-local" and len(fields["description"]) > 50
    for topic in ("DRY_RUN", "arcjet report", "security_briefing", "Promoting", "Sign-up", "Login", "LLM",
                  "Agent tool call"):
        assert topic in TEXT


@pytest.fixture
def in_tmp(tmp_path: Path) -> Iterator[Path]:
    (tmp_path / "var").mkdir()
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        yield tmp_path
    finally:
        os.chdir(old)


@pytest.mark.parametrize("index", range(len(BLOCKS)))
def test_python_block_runs(index: int, in_tmp: Path) -> None:
    source = BLOCKS[index]
    code = compile(source, f"SKILL.md block {index}", "exec")
    namespace: dict[str, Any] = {"__name__": f"skill_block_{index}"}
    if "read_log(" in source:  # the report snippet reads a log: write one first
        from tests.cli.logs import make_log

        make_log(in_tmp / "var" / "arcjet-decisions.jsonl")
    exec(code, namespace)  # the test runs the documented code
    app = namespace.get("app")
    if type(app).__name__ == "FastAPI":
        from starlette.testclient import TestClient

        with TestClient(app) as client:
            assert client.post("/login").json() == {"ok": True}
    elif type(app).__name__ == "Flask":
        assert app.test_client().post("/signup").get_json()["ok"] is True
    closer = getattr(namespace.get("aj"), "close", None)
    if callable(closer) and type(app).__name__ != "Flask":
        closer()


def test_shell_commands_name_real_options() -> None:
    from click.testing import CliRunner

    from arcjet_core.cli import cli

    runner = CliRunner()
    for line in re.findall(r"^arcjet (\S+) ", TEXT, flags=re.M):
        assert runner.invoke(cli, [line, "--help"]).exit_code == 0, line
