# ruff: noqa: RUF001  (look-alike letters are the point of this file)
"""Obfuscated abuse is caught (the prompt classifier's normalisation undoes it),
and the everyday phrases the brief names stay allowed."""

from __future__ import annotations

import pytest

from arcjet_core.kinds.moderation import moderate_text

ABUSE = (
    "you are a worthless idiot",
    "y0u 4r3 4 w0rthl3ss 1d10t",  # leetspeak
    "y o u  a r e  a  w o r t h l e s s  i d i o t",  # spaced out
    "f u c k you",
    "fuk u asshole",
    "you w\u200borthless i\u200bdiot",  # zero-width characters
    "уоu аrе а wоrthlеss idiot",  # Cyrillic look-alikes
    "ＦＵＣＫ ＹＯＵ",  # full-width forms
    "k1ll y0urs3lf",
    "I will k-i-l-l you",
)

BENIGN = (
    "How do I kill the process that is holding port 8080?",
    "Can you shoot me an email with the details?",
    "This bug is killing me, the test only fails on CI.",
    "Good morning! Could you review my pull request?",
)


@pytest.mark.parametrize("text", ABUSE)
def test_obfuscated_abuse_is_detected(text: str) -> None:
    assert moderate_text(text).detected, moderate_text(text)


@pytest.mark.parametrize("text", BENIGN)
def test_everyday_phrases_are_allowed(text: str) -> None:
    assert not moderate_text(text).detected, moderate_text(text)
