"""detect_sensitive_info through protect(): where the text comes from, the
allow/deny lists, the custom detect function, and what a client can send."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from arcjet_core import (
    ArcjetMisconfiguration,
    Conclusion,
    IdentifiedEntity,
    RuleState,
    SensitiveInfoReason,
    arcjet_sync,
    detect_sensitive_info,
)
from arcjet_core.kinds.sensitive_info import MAX_SCANNED_TEXT

GET = {"ip": "203.0.113.7", "method": "GET", "path": "/", "headers": {"user-agent": "x"}}


def protect(rules: list[object], request: dict[str, object] = GET, **kwargs: object) -> object:
    with arcjet_sync(key="sensitive-rule", rules=rules) as aj:  # type: ignore[arg-type]
        return aj.protect(request, **kwargs)


def reason_of(decision: object) -> SensitiveInfoReason:
    reason = decision.results[0].reason_v2  # type: ignore[attr-defined]
    assert isinstance(reason, SensitiveInfoReason), reason
    return reason


def test_deny_list_denies_listed_types_and_reports_code_point_offsets() -> None:
    text = "Größe: write to «ada@example.com» or call +44 20 7946 0958."
    decision = protect([detect_sensitive_info(deny=["EMAIL"])], sensitive_info_value=text)
    reason = reason_of(decision)
    assert decision.is_denied()  # type: ignore[attr-defined]
    assert [(e.identified_type, text[e.start:e.end]) for e in reason.denied] == [("EMAIL", "ada@example.com")]
    assert [(e.identified_type, text[e.start:e.end]) for e in reason.allowed] == [
        ("PHONE_NUMBER", "+44 20 7946 0958")]


def test_allow_list_denies_every_other_type() -> None:
    text = "card 4111-1111-1111-1111, mail ada@example.com"
    decision = protect([detect_sensitive_info(allow=["EMAIL"])], sensitive_info_value=text)
    reason = reason_of(decision)
    assert [e.identified_type for e in reason.denied] == ["CREDIT_CARD_NUMBER"]
    assert [e.identified_type for e in reason.allowed] == ["EMAIL"]
    assert decision.is_denied()  # type: ignore[attr-defined]


def test_clean_text_allows_with_empty_lists() -> None:
    text = "Release v1.2.3.4-beta shipped 2024-03-15 12:30:45, order #123456789, $1,234.56"
    decision = protect([detect_sensitive_info(deny=["EMAIL", "PHONE_NUMBER", "IP_ADDRESS", "CREDIT_CARD_NUMBER"])],
                       sensitive_info_value=text)
    assert decision.is_allowed()  # type: ignore[attr-defined]
    assert reason_of(decision) == SensitiveInfoReason(allowed=(), denied=())


def test_body_is_scanned_when_no_value_is_given() -> None:
    post = {**GET, "method": "POST", "body": b'{"ip": "10.1.2.3"}', "headers": {"content-type": "application/json"}}
    decision = protect([detect_sensitive_info(deny=["IP_ADDRESS"])], post)
    denied = reason_of(decision).denied
    assert [(e.identified_type, e.start, e.end) for e in denied] == [("IP_ADDRESS", 8, 16)]
    # A value, when given, is what is scanned (not the body).
    decision = protect([detect_sensitive_info(deny=["IP_ADDRESS"])], post, sensitive_info_value="nothing here")
    assert decision.is_allowed()  # type: ignore[attr-defined]


def test_nothing_to_scan_is_not_run() -> None:
    decision = protect([detect_sensitive_info(deny=["EMAIL"])])
    result = decision.results[0]  # type: ignore[attr-defined]
    assert result.state is RuleState.NOT_RUN
    assert result.conclusion is Conclusion.ALLOW


def test_over_long_value_is_an_error_not_a_partial_scan() -> None:
    decision = protect([detect_sensitive_info(deny=["EMAIL"])], sensitive_info_value="a" * (MAX_SCANNED_TEXT + 1))
    result = decision.results[0]  # type: ignore[attr-defined]
    assert result.conclusion is Conclusion.ERROR
    assert "not checked" in result.reason_v2.message


def dashes(tokens: list[str]) -> Sequence[str | None]:
    return ["CONTAINS_DASH" if "-" in t else None for t in tokens]


def test_custom_detect_names_tokens_and_overrides_built_ins() -> None:
    text = "ticket A-17 from ada@example.com, call 202-555-0143"
    rule = detect_sensitive_info(deny=["CONTAINS_DASH"], detect=dashes)
    reason = reason_of(protect([rule], sensitive_info_value=text))
    assert [(e.identified_type, text[e.start:e.end]) for e in reason.denied] == [
        ("CONTAINS_DASH", "A-17"), ("CONTAINS_DASH", "202-555-0143")]
    assert [(e.identified_type, text[e.start:e.end]) for e in reason.allowed] == [("EMAIL", "ada@example.com")]


def test_custom_detect_gets_windows_of_context_window_size() -> None:
    seen: list[list[str]] = []

    def after_word_pin(tokens: list[str]) -> list[str | None]:
        seen.append(list(tokens))
        labels: list[str | None] = [None] * len(tokens)
        if len(tokens) == 2 and tokens[0].lower() == "pin":
            labels[1] = "PIN"
        return labels

    rule = detect_sensitive_info(deny=["PIN"], detect=after_word_pin, context_window_size=2)
    reason = reason_of(protect([rule], sensitive_info_value="my PIN 4821 ok"))
    assert seen == [["my", "PIN"], ["PIN", "4821"], ["4821", "ok"]]
    assert [(e.identified_type, e.start, e.end) for e in reason.denied] == [("PIN", 7, 11)]


@pytest.mark.parametrize("bad", [
    lambda tokens: 1 / 0,
    lambda tokens: "EMAIL",
    lambda tokens: [None] * (len(tokens) + 1),
    lambda tokens: [42] * len(tokens),
])
def test_a_failing_detect_function_is_an_error_result_naming_it(bad: object) -> None:
    rule = detect_sensitive_info(deny=["X"], detect=bad)  # type: ignore[arg-type]
    result = protect([rule], sensitive_info_value="some words here").results[0]  # type: ignore[attr-defined]
    assert result.conclusion is Conclusion.ERROR
    assert "detect function" in result.reason_v2.message


def test_custom_types_need_a_detect_function() -> None:
    with pytest.raises(ArcjetMisconfiguration, match="detect="):
        detect_sensitive_info(deny=["PIN"])
    with pytest.raises(ArcjetMisconfiguration, match="either allow or deny"):
        detect_sensitive_info(allow=["EMAIL"], deny=["PHONE_NUMBER"])


@pytest.mark.parametrize("text", [
    "", "\x00" * 1000, "@" * 65536, "." * 65536, ":" * 65536, "4" * 65536, "1-" * 30000, "\ud800 lone",
    "🙂" * 10000 + "ada@example.com", "a@b." * 10000,
])
def test_hostile_text_never_escapes_protect(text: str) -> None:
    decision = protect([detect_sensitive_info(deny=["EMAIL", "PHONE_NUMBER", "IP_ADDRESS", "CREDIT_CARD_NUMBER"])],
                       sensitive_info_value=text)
    assert not decision.is_error(), decision.results  # type: ignore[attr-defined]
    for e in reason_of(decision).allowed + reason_of(decision).denied:
        assert 0 <= e.start < e.end <= len(text)


def test_entity_offsets_after_astral_characters_index_the_python_string() -> None:
    text = "🙂🙂 ada@example.com"
    entity = reason_of(protect([detect_sensitive_info(deny=["EMAIL"])], sensitive_info_value=text)).denied[0]
    assert entity == IdentifiedEntity("EMAIL", 3, 18)


def test_urlencoded_form_body_is_decoded_before_scanning() -> None:
    post = {**GET, "method": "POST", "body": b"contact=ada%40example.com&note=hi+there",
            "headers": {"content-type": "application/x-www-form-urlencoded"}}
    denied = reason_of(protect([detect_sensitive_info(deny=["EMAIL"])], post)).denied
    # Offsets index the decoded form: "contact=ada@example.com&note=hi there".
    assert denied == (IdentifiedEntity("EMAIL", 8, 23),)


def test_an_over_long_value_does_not_cross_so_other_rules_still_run() -> None:
    from arcjet_core import shield

    decision = protect([detect_sensitive_info(deny=["EMAIL"]), shield()], {**GET, "query": "q=1' OR '1'='1"},
                       sensitive_info_value="a@b.co " * (MAX_SCANNED_TEXT // 2))
    scan, shield_result = decision.results  # type: ignore[attr-defined]
    assert scan.conclusion is Conclusion.ERROR and "not checked" in scan.reason_v2.message
    assert shield_result.conclusion is Conclusion.DENY


def test_custom_detect_runs_on_the_body_text_too() -> None:
    post = {**GET, "method": "POST", "body": b"ref=A-17&note=hello",
            "headers": {"content-type": "application/x-www-form-urlencoded"}}
    denied = reason_of(protect([detect_sensitive_info(deny=["CONTAINS_DASH"], detect=dashes)], post)).denied
    # One token, "ref=A-17&note=hello" (no whitespace), named by the function.
    assert denied == (IdentifiedEntity("CONTAINS_DASH", 0, 19),)
