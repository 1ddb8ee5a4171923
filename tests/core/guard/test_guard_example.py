"""The Guard example project (example_projects/guard_agent): an agent tool
call behind guard_action with a token bucket, prompt-injection and PII
detection; fail closed when the rate-limit store is down."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from arcjet.guard import launch_arcjet
from example_projects.guard_agent import agent
from tests.fixtures.redis_server import free_port


def test_each_rule_denies_its_own_case(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    log = tmp_path / "guard.jsonl"
    client = launch_arcjet(key="guard-agent-test", decision_log=str(log))
    agent.SENT.clear()
    replies = asyncio.run(agent.main(client))
    assert [r.ok for r in replies] == [True, False, False, True, False]
    assert replies[1].text == "blocked: the message looks like a prompt injection"
    assert replies[2].text == "blocked: the reply would leak CREDIT_CARD_NUMBER"
    assert replies[4].text.startswith("rate limited: retry in ")
    # Only the allowed calls ran the effect.
    assert [text for _, text in agent.SENT] == [replies[0].text, replies[3].text]
    assert len(capsys.readouterr().out.splitlines()) == len(agent.SAMPLES)
    asyncio.run(client.flush())
    events = [json.loads(line) for line in log.read_text().splitlines()]
    outcomes = [e["metadata"]["outcome"] for e in events if e["event"] == "capture"]
    assert outcomes == ["success", "denied", "denied", "success", "denied"]
    assert len({e["correlation_id"] for e in events}) == 1  # one agent run, one sequence
    assert "4111" not in log.read_text()


def test_tool_call_fails_closed_when_the_store_is_down() -> None:
    down = launch_arcjet(key="guard-agent-down", storage=f"redis://127.0.0.1:{free_port()}/0?socket_connect_timeout=0.2")
    agent.SENT.clear()
    reply = asyncio.run(agent.handle_tool_call("bob", "Summarise the release notes.", down))
    assert reply.ok is False and reply.text.startswith("unavailable")
    assert agent.SENT == []
