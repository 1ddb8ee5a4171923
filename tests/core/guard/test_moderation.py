"""ModerateContent: the local harmful-content classifier
(arcjet_core.kinds.moderation), evaluated as DetectPromptInjection is."""

from __future__ import annotations

import pytest

from arcjet.guard import (
    ModerateContent,
    ModerateContentWithInput,
    RuleResultModerateContent,
    TextWithInput,
    experimental_ModerateContent,
    launch_arcjet,
    launch_arcjet_sync,
)
from arcjet_core import ArcjetMisconfiguration

HARMFUL = "I am going to kill you and your whole family, you worthless piece of garbage."
BENIGN = "Could you summarise the release notes for version 2.4, please?"


def test_binding_and_the_deprecated_alias() -> None:
    rule = ModerateContent(label="chat.reply", metadata={"team": "support"})
    bound = rule(BENIGN, metadata={"turn": 3})
    assert isinstance(bound, ModerateContentWithInput) and isinstance(bound, TextWithInput)
    assert (bound.text, bound.mode, bound.label, bound.metadata) == (BENIGN, "LIVE", "chat.reply",
                                                                     {"team": "support", "turn": 3})
    with pytest.warns(DeprecationWarning, match="use ModerateContent"):
        old = experimental_ModerateContent(mode="DRY_RUN")
    assert isinstance(old, ModerateContent) and old(BENIGN).mode == "DRY_RUN"
    with pytest.raises(ArcjetMisconfiguration, match="str"):
        rule(b"bytes")  # type: ignore[arg-type]


def test_harmful_text_denies_benign_allows_dry_run_reports() -> None:
    aj = launch_arcjet_sync(key="mod-1")
    rule = ModerateContent()
    denied = aj.guard(label="chat", rules=[rule(HARMFUL)])
    result = rule.denied_result(denied)
    assert denied.conclusion == "DENY" and denied.reason == "MODERATE_CONTENT"
    assert isinstance(result, RuleResultModerateContent) and result.detected and 0 < result.score <= 1
    allowed = aj.guard(label="chat", rules=[rule(BENIGN)])
    assert allowed.conclusion == "ALLOW" and rule.result(allowed) is not None
    assert not rule.result(allowed).detected  # type: ignore[union-attr]
    dry = ModerateContent(mode="DRY_RUN")
    d = aj.guard(label="chat", rules=[dry(HARMFUL)])
    assert d.conclusion == "ALLOW" and dry.result(d).conclusion == "DENY"  # type: ignore[union-attr]


async def test_async_client() -> None:
    rule = ModerateContent()
    d = await launch_arcjet(key="mod-2").guard(label="chat", rules=[rule(HARMFUL), rule(BENIGN)])
    assert [r.conclusion for r in d.results] == ["DENY", "ALLOW"]


def test_a_text_longer_than_the_classifier_reads_is_an_error_not_a_prefix() -> None:
    from arcjet_core.kinds.moderation import MAX_TEXT_CHARS

    aj = launch_arcjet_sync(key="mod-long")
    rule = ModerateContent()
    # The abuse sits after the part the classifier would read.
    decision = aj.guard(label="chat", rules=[rule("a" * MAX_TEXT_CHARS + " " + HARMFUL)])
    assert decision.conclusion == "ALLOW" and decision.has_failed_open()
    error = rule.error_result(decision)
    assert error is not None and "moderated" in error.message
