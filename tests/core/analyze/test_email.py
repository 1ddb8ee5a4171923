from __future__ import annotations

import json

import pytest

from arcjet_core.analyze import Ruleset
from arcjet_core.enums import EmailType
from arcjet_core.rules import validate_email

from .helpers import DATA, ctx, ruleset_of

CASES = [json.loads(line) for line in (DATA / "email_syntax_cases.jsonl").read_text(encoding="utf-8").splitlines()[1:]]
_RULESETS: dict[str, Ruleset] = {}


def ruleset(options: str) -> Ruleset:
    if options not in _RULESETS:
        _RULESETS[options] = ruleset_of([validate_email(
            deny=[EmailType.INVALID],
            require_top_level_domain="tld=0" not in options,
            allow_domain_literal="literal=1" in options,
        )])
    return _RULESETS[options]


def test_table_is_big_and_balanced() -> None:
    assert len(CASES) >= 150
    assert sum(c["expected"] == "valid" for c in CASES) >= 60
    assert sum(c["expected"] == "invalid" for c in CASES) >= 60


@pytest.mark.parametrize("case", CASES, ids=[f"{i}-{c['expected']}" for i, c in enumerate(CASES)])
def test_syntax_table(case: dict[str, str]) -> None:
    out = ruleset(case["options"]).analyze(ctx(), email=case["address"])
    outcome = out.outcomes[0]
    if case["expected"] == "valid":
        assert outcome == type(outcome)("ALLOW", {"type": "EMAIL", "email_types": []}), case["note"]
    else:
        assert outcome.conclusion == "DENY", case["note"]
        assert outcome.reason["email_types"] == ["INVALID"]
        assert isinstance(outcome.reason["message"], str) and outcome.reason["message"]


def test_invalid_is_allowed_when_not_denied() -> None:
    rs = ruleset_of([validate_email(deny=[EmailType.DISPOSABLE])])
    outcome = rs.analyze(ctx(), email="nope").outcomes[0]
    assert outcome.conclusion == "ALLOW" and outcome.reason["email_types"] == ["INVALID"]


def test_allow_list_without_invalid_denies_invalid() -> None:
    rs = ruleset_of([validate_email(allow=[EmailType.FREE])])
    assert rs.analyze(ctx(), email="nope").outcomes[0].conclusion == "DENY"


def test_reasons_name_the_problem() -> None:
    rs = ruleset("")
    msg = rs.analyze(ctx(), email="a" * 65 + "@example.com").outcomes[0]
    assert "64" in str(msg.reason["message"])
    msg = rs.analyze(ctx(), email="user@localhost").outcomes[0]
    assert "top-level" in str(msg.reason["message"])


def test_missing_email_is_an_error_result() -> None:
    outcome = ruleset("").analyze(ctx(), email=None).outcomes[0]
    assert outcome.conclusion == "ERROR" and outcome.reason["type"] == "ERROR"
