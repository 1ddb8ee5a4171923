"""Every factory validates its parameters when the rule is made, naming the parameter."""

from __future__ import annotations

from typing import Any

import pytest

from arcjet_core import (
    BotCategory,
    EmailType,
    Mode,
    SensitiveInfoEntityType,
    detect_bot,
    detect_prompt_injection,
    detect_sensitive_info,
    filter_request,
    fixed_window,
    protect_signup,
    shield,
    sliding_window,
    token_bucket,
    validate_email,
)
from arcjet_core.rules import (
    BotDetection,
    EmailValidation,
    SlidingWindow,
    TokenBucket,
    flatten_rules,
)


def test_mode_accepts_enum_and_strings() -> None:
    assert shield(mode=Mode.DRY_RUN).mode is Mode.DRY_RUN
    assert shield(mode="LIVE").mode is Mode.LIVE
    assert shield(mode="dry_run").mode is Mode.DRY_RUN
    assert shield(mode="dry-run").mode is Mode.DRY_RUN
    with pytest.raises(ValueError, match="mode"):
        shield(mode="sometimes")
    with pytest.raises(ValueError, match="mode"):
        shield(mode=1)  # type: ignore[arg-type]


def test_defaults_are_live() -> None:
    assert shield().mode is Mode.LIVE
    assert detect_bot(allow=[]).mode is Mode.LIVE


BAD_RATE_LIMITS: list[tuple[Any, dict[str, Any], type[Exception], str]] = [
    (token_bucket, {"refill_rate": 0, "interval": 10, "capacity": 10}, ValueError, "refill_rate"),
    (token_bucket, {"refill_rate": 5, "interval": -1, "capacity": 10}, ValueError, "interval"),
    (token_bucket, {"refill_rate": 5, "interval": 10, "capacity": 0}, ValueError, "capacity"),
    (token_bucket, {"refill_rate": 5.5, "interval": 10, "capacity": 10}, TypeError, "refill_rate"),
    (token_bucket, {"refill_rate": True, "interval": 10, "capacity": 10}, TypeError, "refill_rate"),
    (token_bucket, {"refill_rate": 5, "interval": 10**9, "capacity": 10}, ValueError, "interval"),
    (token_bucket, {"refill_rate": 5, "interval": "10", "capacity": 10}, TypeError, "interval"),
    (fixed_window, {"max": 0, "window": 60}, ValueError, "max"),
    (fixed_window, {"max": 10, "window": 0}, ValueError, "window"),
    (fixed_window, {"max": None, "window": 60}, TypeError, "max"),
    (sliding_window, {"max": -5, "interval": 60}, ValueError, "max"),
    (sliding_window, {"max": 5, "interval": 0}, ValueError, "interval"),
    (token_bucket, {"refill_rate": 5, "interval": 10, "capacity": 10, "characteristics": "userId"}, TypeError, "characteristics"),
    (token_bucket, {"refill_rate": 5, "interval": 10, "capacity": 10, "characteristics": [""]}, ValueError, "characteristics"),
    (token_bucket, {"refill_rate": 5, "interval": 10, "capacity": 10, "characteristics": ["a", "a"]}, ValueError, "characteristics"),
    (token_bucket, {"refill_rate": 5, "interval": 10, "capacity": 10, "characteristics": [1]}, TypeError, "characteristics"),
    (token_bucket, {"refill_rate": 5, "interval": 10, "capacity": 10,
                    "characteristics": ['http.request.headers["x']}, ValueError, "characteristics"),
]


@pytest.mark.parametrize(("factory", "kwargs", "exc", "param"), BAD_RATE_LIMITS)
def test_rate_limit_validation(factory: Any, kwargs: dict[str, Any], exc: type[Exception], param: str) -> None:
    with pytest.raises(exc, match=param):
        factory(**kwargs)


def test_rate_limit_missing_required_kwargs() -> None:
    with pytest.raises(TypeError, match="capacity"):
        token_bucket(refill_rate=1, interval=1)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="window"):
        fixed_window(max=1)  # type: ignore[call-arg]


def test_rate_limit_fields() -> None:
    tb = token_bucket(refill_rate=5, interval=10, capacity=10, characteristics=["userId"])
    assert (tb.refill_rate, tb.interval, tb.capacity, tb.characteristics) == (5, 10, 10, ("userId",))
    fw = fixed_window(max=100, window=60)
    assert (fw.max, fw.window_in_seconds) == (100, 60)
    sw = sliding_window(mode=Mode.LIVE, interval=3600, max=60)
    assert (sw.max, sw.interval) == (60, 3600)


def test_detect_bot_lists() -> None:
    rule = detect_bot(allow=[BotCategory.SEARCH_ENGINE, "curl", "category:monitor"])
    assert rule.allow == ("CATEGORY:SEARCH_ENGINE", "CURL", "CATEGORY:MONITOR")
    assert rule.uses_allow_list
    deny = detect_bot(deny=["CATEGORY:AI"])
    assert deny.deny == ("CATEGORY:AI",) and not deny.uses_allow_list
    block_all = detect_bot(allow=[])
    assert block_all.allow == () and block_all.uses_allow_list


@pytest.mark.parametrize(
    ("kwargs", "exc", "match"),
    [
        ({"allow": ["CURL"], "deny": ["CURL"]}, ValueError, "either allow or deny"),
        ({}, ValueError, "allow"),
        ({"allow": ["CATEGORY:NOPE"]}, ValueError, "unknown bot category"),
        ({"allow": [""]}, ValueError, "allow"),
        ({"allow": "CURL"}, TypeError, "allow"),
        ({"deny": [3]}, TypeError, "deny"),
        ({"allow": [], "verify_dns": "yes"}, TypeError, "verify_dns"),
    ],
)
def test_detect_bot_validation(kwargs: dict[str, Any], exc: type[Exception], match: str) -> None:
    with pytest.raises(exc, match=match):
        detect_bot(**kwargs)


def test_validate_email() -> None:
    rule = validate_email(deny=[EmailType.DISPOSABLE, "invalid"])
    assert rule.deny == (EmailType.DISPOSABLE, EmailType.INVALID)
    assert rule.require_top_level_domain and not rule.allow_domain_literal
    for kwargs, exc, match in [
        ({"deny": ["NOPE"]}, ValueError, "unknown email type"),
        ({"deny": ["INVALID"], "allow": ["FREE"]}, ValueError, "either allow or deny"),
        ({}, ValueError, "deny"),
        ({"deny": ["INVALID"], "require_top_level_domain": "no"}, TypeError, "require_top_level_domain"),
        ({"deny": ["INVALID"], "allow_domain_literal": 1}, TypeError, "allow_domain_literal"),
    ]:
        with pytest.raises(exc, match=match):
            validate_email(**kwargs)


def test_detect_sensitive_info() -> None:
    rule = detect_sensitive_info(deny=[SensitiveInfoEntityType.EMAIL, "CREDIT_CARD_NUMBER"])
    assert rule.deny == ("EMAIL", "CREDIT_CARD_NUMBER")
    with pytest.raises(ValueError, match="either allow or deny"):
        detect_sensitive_info(allow=["EMAIL"], deny=["PHONE_NUMBER"])
    with pytest.raises(ValueError, match="custom detect"):
        detect_sensitive_info(deny=["CUSTOM_PII"])
    custom = detect_sensitive_info(deny=["CUSTOM_PII"], detect=lambda tokens: [None] * len(tokens))
    assert custom.deny == ("CUSTOM_PII",)
    with pytest.raises(TypeError, match="detect"):
        detect_sensitive_info(deny=["EMAIL"], detect="nope")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="context_window_size"):
        detect_sensitive_info(deny=["EMAIL"], context_window_size=0)


def test_filter_request() -> None:
    rule = filter_request(deny=['ip.src == "1.2.3.4"'])
    assert rule.deny == ('ip.src == "1.2.3.4"',)
    with pytest.raises(ValueError, match="at least one"):
        filter_request()
    with pytest.raises(ValueError, match="either allow or deny"):
        filter_request(allow=["a"], deny=["b"])
    with pytest.raises(ValueError, match="deny"):
        filter_request(deny=[" "])


def test_prompt_injection() -> None:
    assert detect_prompt_injection(mode="DRY_RUN").mode is Mode.DRY_RUN


def test_shield_parameters() -> None:
    rule = shield(characteristics=["userId"], threshold=3, window=60, block_for=120)
    assert (rule.threshold, rule.window, rule.block_for) == (3, 60, 120)
    for name in ("threshold", "window", "block_for"):
        with pytest.raises(ValueError, match=name):
            shield(**{name: 0})


def test_protect_signup_builds_three_rules() -> None:
    rules = protect_signup(
        rate_limit={"mode": "LIVE", "interval": 600, "max": 5},
        bots={"allow": []},
        email={"deny": ["INVALID", "DISPOSABLE"]},
    )
    assert [type(r) for r in rules] == [SlidingWindow, BotDetection, EmailValidation]
    explicit = protect_signup(
        rate_limit=token_bucket(refill_rate=1, interval=60, capacity=3), bots=detect_bot(allow=[]),
        email=validate_email(deny=["INVALID"]),
    )
    assert isinstance(explicit[0], TokenBucket)
    with pytest.raises(TypeError, match="rate_limit"):
        protect_signup(rate_limit={"bogus": 1}, bots={"allow": []}, email={"deny": ["INVALID"]})
    with pytest.raises(TypeError, match="bots"):
        protect_signup(rate_limit={"max": 1, "interval": 1}, bots="all", email={"deny": ["INVALID"]})  # type: ignore[arg-type]


def test_flatten_rules_accepts_nested_lists() -> None:
    nested = [shield(), protect_signup(rate_limit={"max": 1, "interval": 1}, bots={"allow": []}, email={"deny": ["INVALID"]})]
    assert len(flatten_rules(nested)) == 4
    with pytest.raises(TypeError, match="rules"):
        flatten_rules(["shield"])


def test_rule_id_is_stable_and_config_sensitive() -> None:
    a = token_bucket(refill_rate=5, interval=10, capacity=10)
    b = token_bucket(refill_rate=5, interval=10, capacity=10, mode="DRY_RUN")
    c = token_bucket(refill_rate=5, interval=10, capacity=11)
    assert a.rule_id == b.rule_id  # mode does not change which counter a rule uses
    assert a.rule_id != c.rule_id
    assert a.rule_id == "d00fa1ebdebb2340913dac8d"  # pinned: changing it resets every user's counters
