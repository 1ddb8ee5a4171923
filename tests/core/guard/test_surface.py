"""The reference's arcjet.guard names: result shapes, the decision's layers,
bound-rule classes and accessors, labels, errors, policy-input names."""

from __future__ import annotations

import dataclasses

import pytest

from arcjet.guard import (
    ArcjetDeniedError,
    ArcjetInvalidLabelError,
    ArcjetUnavailableError,
    ArcjetWarning,
    Billing,
    CustomEvaluateResult,
    Decision,
    FixedWindow,
    FixedWindowWithInput,
    LocalCustomRule,
    LocalCustomWithInput,
    LocalDetectSensitiveInfo,
    PolicyInput,
    PromptInjectionWithInput,
    RateLimitWithInput,
    RuleResultError,
    RuleResultIpThreat,
    RuleResultModerateContent,
    RuleResultSensitiveInfo,
    RuleResultTokenBucket,
    SensitiveInfoWithInput,
    SlidingWindow,
    SlidingWindowWithInput,
    TextWithInput,
    TokenBucket,
    TokenBucketWithInput,
    TypedCustomResult,
    launch_arcjet_sync,
    local_input,
    security_metadata,
    server_input,
    validate_guard_label,
)
from arcjet.guard import DetectPromptInjection as PromptScan
from arcjet_core import ArcjetMisconfiguration


def test_result_defaults_match_the_reference() -> None:
    tb = RuleResultTokenBucket(conclusion="ALLOW")
    assert (tb.reason, tb.type, tb.warnings, tb.remaining_tokens) == ("RATE_LIMIT", "TOKEN_BUCKET", (), 0)
    err = RuleResultError(message="m", code="C")
    assert (err.conclusion, err.reason, err.type) == ("ALLOW", "ERROR", "RULE_ERROR")
    mod = RuleResultModerateContent(conclusion="DENY", detected=True)
    assert (mod.reason, mod.type, mod.billing) == ("MODERATE_CONTENT", "MODERATE_CONTENT", None)
    threat = RuleResultIpThreat(conclusion="ALLOW", detected=False)
    assert (threat.reason, threat.risk_level, threat.activities) == ("IP_THREAT", "", ())
    assert Billing(unit="tokens", count=3).count == 3
    with pytest.raises(dataclasses.FrozenInstanceError):
        tb.conclusion = "DENY"  # type: ignore[misc]


def test_bound_rules_are_the_reference_classes_and_our_bases() -> None:
    tb, fw, sw = (TokenBucket(refill_rate=1, interval_seconds=1, max_tokens=1),
                  FixedWindow(max_requests=1, window_seconds=1), SlidingWindow(max_requests=1, interval_seconds=1))
    bound = [tb(key="k", requested=1), fw(key="k"), sw(key="k")]
    assert [type(b) for b in bound] == [TokenBucketWithInput, FixedWindowWithInput, SlidingWindowWithInput]
    assert all(isinstance(b, RateLimitWithInput) for b in bound)
    first = bound[0]
    assert isinstance(first, TokenBucketWithInput)
    assert first.key == "k" and len(first.key_hash) == 64 and first.config_bucket == "default-token-bucket"
    assert first.config.max_tokens == 1 and first._config_id == tb.config_id
    pi = PromptScan()("hello")
    si = LocalDetectSensitiveInfo(deny=["EMAIL"])("hello")
    assert isinstance(pi, PromptInjectionWithInput) and isinstance(si, SensitiveInfoWithInput)
    assert isinstance(pi, TextWithInput) and isinstance(si, TextWithInput)
    assert si.config.deny == ("EMAIL",)
    # The reference's positional order of the bound classes.
    made = TokenBucketWithInput("i", "c", tb.config, "key", 2)
    assert (made._input_id, made._config_id, made.requested, made.mode) == ("i", "c", 2, "LIVE")


def test_rule_metadata_merges_under_the_calls_and_labels_are_checked() -> None:
    tb = TokenBucket(refill_rate=1, interval_seconds=1, max_tokens=1, label="tools.Send_Email",
                     metadata={"team": "a", "tier": {"n": 1}})
    assert tb(key="k", metadata={"tier": "gold"}).metadata == {"team": "a", "tier": "gold"}
    assert tb.label == "tools.Send_Email"
    with pytest.raises(ArcjetInvalidLabelError, match="label"):
        FixedWindow(max_requests=1, window_seconds=1, label="bad label")
    with pytest.raises(ArcjetMisconfiguration, match="metadata"):
        FixedWindow(max_requests=1, window_seconds=1, metadata={"when": object()})  # type: ignore[dict-item]
    with pytest.raises(ArcjetMisconfiguration, match="bucket"):
        FixedWindow(max_requests=1, window_seconds=1, bucket="Upper Case")


def test_decision_layers_and_accessors() -> None:
    aj = launch_arcjet_sync(key="surface-1")
    tb = TokenBucket(refill_rate=1, interval_seconds=60, max_tokens=1)
    pi = PromptScan()
    one, two = tb(key="a"), tb(key="a")
    d = aj.guard(label="tools.x", rules=[one, pi("What is the weather?"), two])
    assert isinstance(d, Decision) and d.id.startswith("gdec_") and len(d.id) == 31
    assert d.conclusion == "DENY" and d.reason == "RATE_LIMIT"
    assert [r.type for r in d.results] == ["TOKEN_BUCKET", "PROMPT_INJECTION", "TOKEN_BUCKET"]
    assert d.policy_evaluation is None and d.policy_results == () and d.warnings == ()
    assert not d.has_failed_open() and d.error_results() == [] and d.is_denied()
    # Per-input and per-rule accessors: two inputs of one rule resolve apart.
    assert one.result(d) is d.results[0] and two.result(d) is d.results[2]
    assert one.denied_result(d) is None and two.denied_result(d) is d.results[2]
    assert tb.results(d) == [d.results[0], d.results[2]] and tb.denied_result(d) is d.results[2]
    assert pi.result(d) is d.results[1] and pi.error_result(d) is None


def test_error_results_are_only_in_error_accessors() -> None:
    aj = launch_arcjet_sync(key="surface-2")
    pi = PromptScan()
    bound = pi("x" * (64 * 1024 + 1))  # longer than the classifier reads: not checked
    d = aj.guard(label="chat", rules=[bound])
    assert d.conclusion == "ALLOW" and d.reason == "ERROR" and d.has_failed_open() and d.has_error()
    (err,) = d.error_results()
    assert err.code == "INPUT_TOO_LONG" and bound.error_result(d) is err and pi.error_result(d) is err
    assert bound.result(d) is None and pi.results(d) == []
    dry = PromptScan(mode="DRY_RUN")
    d = aj.guard(label="chat", rules=[dry("y" * (64 * 1024 + 1))])
    # A DRY_RUN rule's error could never have denied: not failed open, still reported.
    assert not d.has_failed_open() and len(d.error_results()) == 1 and d.reason == "UNKNOWN"


class Topic(LocalCustomRule[dict[str, str], dict[str, str], dict[str, str]]):
    def evaluate(self, config: dict[str, str], input: dict[str, str]) -> CustomEvaluateResult:
        if input.get("topic") == "raise":
            raise RuntimeError("boom")
        if input.get("topic") == "wrong":
            return "DENY"  # type: ignore[return-value]
        deny = input.get("topic") == config["blocked"]
        return CustomEvaluateResult(conclusion="DENY" if deny else "ALLOW", data={"seen": input["topic"]})


def test_custom_rule_binding_and_typed_results() -> None:
    rule = Topic(config={"blocked": "weapons"})
    bound = rule(data={"topic": "weapons"})
    assert isinstance(bound, LocalCustomWithInput)
    assert bound.config_data == {"blocked": "weapons"} and bound.input_data == {"topic": "weapons"}
    assert bound.evaluate_result is not None and bound.evaluate_error is None and bound.evaluate_duration_ms >= 0
    d = launch_arcjet_sync(key="surface-3").guard(label="content", rules=[bound])
    result = bound.result(d)
    assert isinstance(result, TypedCustomResult)
    assert (result.conclusion, result.reason, result.type, result.data) == ("DENY", "CUSTOM", "CUSTOM",
                                                                             {"seen": "weapons"})
    assert rule.denied_result(d) == result
    raised, wrong = rule(data={"topic": "raise"}), rule(data={"topic": "wrong"})
    assert raised.evaluate_error == "custom rule raised RuntimeError: boom"
    d = launch_arcjet_sync(key="surface-3").guard(label="content", rules=[raised, wrong])
    assert [e.code for e in d.error_results()] == ["CUSTOM_RULE_ERROR"] * 2
    assert raised.result(d) is None and raised.error_result(d) is d.results[0] and d.has_failed_open()


def test_sensitive_info_reports_denied_types_and_needs_a_backend_for_the_rest() -> None:
    si = LocalDetectSensitiveInfo(deny=["EMAIL"])
    d = launch_arcjet_sync(key="surface-4").guard(label="chat", rules=[si("mail ada@example.com, call 202 555 0143")])
    result = si.result(d)
    assert isinstance(result, RuleResultSensitiveInfo) and result.detected_entity_types == ("EMAIL",)
    with pytest.raises(ArcjetMisconfiguration, match="backend"):
        LocalDetectSensitiveInfo(deny=["SSN"])
    with pytest.raises(ArcjetMisconfiguration, match="not one of"):
        LocalDetectSensitiveInfo(deny=["SHOE_SIZE"])
    with pytest.raises(ArcjetMisconfiguration, match="backend"):
        LocalDetectSensitiveInfo(deny=["EMAIL"], backend=object)


@pytest.mark.parametrize(
    ("label", "ok"),
    [("tools.weather", True), ("getWeather.invoked", True), ("send_email.invoked", True), ("a", True),
     ("get weather", False), ("", False), ("-lead", False), ("trail.", False), ("é", False), ("x" * 257, False)],
)
def test_validate_guard_label(label: str, ok: bool) -> None:
    if ok:
        validate_guard_label(label)
    else:
        with pytest.raises(ArcjetInvalidLabelError) as info:
            validate_guard_label(label)
        assert isinstance(info.value, ArcjetMisconfiguration) and isinstance(info.value, ValueError)
        assert info.value.label == label and info.value.where == "validate_guard_label"


def test_error_classes() -> None:
    d = Decision(conclusion="DENY", id="gdec_1", results=(), reason="RATE_LIMIT")
    denied = ArcjetDeniedError("send", d)
    assert denied.action == "send" and denied.decision is d and "RATE_LIMIT" in str(denied)
    cause = OSError("down")
    unavailable = ArcjetUnavailableError("send", cause=cause)
    assert unavailable.__cause__ is cause and unavailable.action == "send"
    assert ArcjetUnavailableError("send").__cause__ is None
    assert not isinstance(denied, ArcjetMisconfiguration)


def test_vocabulary_and_policy_inputs() -> None:
    assert security_metadata(user="u1", data_class="pii", reversibility="irreversible") == {
        "user": "u1", "data-class": "pii", "reversibility": "irreversible"}
    assert security_metadata() == {}
    assert server_input.string_list(["a", "b"]) == PolicyInput("SERVER", "STRING_LIST", ("a", "b"))
    assert local_input.string("s") == PolicyInput("LOCAL", "STRING", "s")
    assert server_input.integer(3).kind == "INTEGER" and server_input.boolean(True).value is True
    assert ArcjetWarning().code == ""
