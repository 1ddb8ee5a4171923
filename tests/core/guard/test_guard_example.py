"""The Guard example project (example_projects/guard_agent): an agent tool
call behind a token bucket, prompt-injection and PII detection."""

from __future__ import annotations

import asyncio

import pytest

from example_projects.guard_agent import agent


def test_each_rule_denies_its_own_case(capsys: pytest.CaptureFixture[str]) -> None:
    replies = asyncio.run(agent.main())
    assert [r.ok for r in replies] == [True, False, False, True, False]
    assert replies[1].text == "blocked: the message looks like a prompt injection"
    assert replies[2].text == "blocked: the reply would leak CREDIT_CARD_NUMBER"
    assert replies[4].text.startswith("rate limited: retry in ")
    assert len(capsys.readouterr().out.splitlines()) == len(agent.SAMPLES)
