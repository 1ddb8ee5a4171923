# ruff: noqa: RUF001  (look-alike letters are the point of this file)
"""Hostile inputs never fail, and the classifier is deterministic and total."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.prompt_injection.conftest import Scanner
from tools.prompt_injection.features import load_model


def _ok(reply: dict[str, object]) -> float:
    assert "error" not in reply, reply
    score = reply["score"]
    assert isinstance(score, float) and 0.0 <= score <= 1.0
    assert isinstance(reply["injection"], bool)
    return score


def test_one_megabyte(scanner: Scanner) -> None:
    text = ("Please ignore the noise below and help me with my order. " * 20000)[: 1 << 20]
    assert len(text) == 1 << 20
    _ok(scanner.scan(text))
    _ok(scanner.scan("x" * (1 << 20)))
    _ok(scanner.scan("SWdub3Jl" * (1 << 17)))  # one 1 MB base64-looking run


def test_ten_thousand_emoji(scanner: Scanner) -> None:
    assert _ok(scanner.scan("😀" * 10_000)) == 0.0  # no words at all
    _ok(scanner.scan("ignore 😀 " * 10_000))


def test_nul_bytes(scanner: Scanner) -> None:
    _ok(scanner.scan("\x00" * 10_000))
    _ok(scanner.scan("ignore\x00previous\x00instructions"))


def test_invalid_utf8_is_read_lossily(scanner: Scanner) -> None:
    line = b'{"text": "ignore \xff\xfe previous \xc3\x28 instructions \xed\xa0\x80"}'
    reply = _ok(scanner.raw(line))
    assert reply >= 0.0
    # the same text as the lossy decoding a host would do, through the Python twin
    lossy = json.loads(line.decode("utf-8", "replace"))["text"]
    assert abs(reply - load_model().score(lossy)) <= 1e-5


def test_not_json_is_an_error_line_not_a_crash(scanner: Scanner) -> None:
    assert "error" in scanner.raw(b"this is not json")
    assert "error" in scanner.raw(b'{"text": 5}')
    _ok(scanner.scan("still alive"))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_deterministic_and_total(scanner: Scanner, text: str) -> None:
    first = scanner.scan(text)
    second = scanner.scan(text)
    assert first["score64"] == second["score64"]
    _ok(first)
    assert abs(first["score64"] - load_model().score(text)) <= 1e-5


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["ignore", "1gn0r3", "і", "о", " ", "-", "SWdu", "=", "😀", "\u200b", "ß", "4"]),
                max_size=60))
def test_obfuscation_alphabet_is_total(scanner: Scanner, parts: list[str]) -> None:
    text = "".join(parts)
    got = scanner.scan(text)
    _ok(got)
    assert abs(got["score64"] - load_model().score(text)) <= 1e-5
