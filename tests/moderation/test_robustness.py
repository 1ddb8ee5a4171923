"""Hostile texts never raise, and moderation is deterministic and total."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from arcjet_core.kinds.moderation import ModerationVerdict, moderate_text


def _ok(text: str) -> ModerationVerdict:
    v = moderate_text(text)
    assert isinstance(v.detected, bool)
    assert 0.0 <= v.score <= 1.0
    return v


def test_one_megabyte() -> None:
    text = ("Thanks for the help with my order, have a nice day. " * 21000)[: 1 << 20]
    assert len(text) == 1 << 20
    assert not _ok(text).detected
    _ok("x" * (1 << 20))
    # abuse past the first 64 Ki characters is not read: the verdict is on the prefix
    assert not _ok("hello there " * 6000 + "you worthless idiot").detected


def test_lone_surrogates_emoji_and_nul() -> None:
    _ok("\ud800 you \udfff idiot \udbff")
    assert _ok("😀" * 10_000).score == 0.0
    _ok("\0" * 10_000)
    assert _ok("you\0worthless\0idiot").detected
    _ok("")


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_total_and_deterministic(text: str) -> None:
    assert _ok(text) == moderate_text(text)
