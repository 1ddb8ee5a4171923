"""shield()'s CRS tuning parameters: checked when the rule is made, naming the parameter."""

from __future__ import annotations

from typing import Any

import pytest

from arcjet_core import ArcjetMisconfiguration, ShieldExclusion, ShieldSecondOpinion, shield


def test_the_crs_is_opt_in_with_threshold_5() -> None:
    rule = shield()
    assert (rule.paranoia_level, rule.anomaly_threshold, rule.disabled_rules, rule.exclusions) == (None, 5, (), ())
    assert shield(paranoia_level=1).paranoia_level == 1


def test_tuning_reaches_the_analyzer_configuration() -> None:
    from arcjet_core.kinds.shield import ShieldRule

    rule = shield(paranoia_level=2, anomaly_threshold=10, disabled_rules=[942100, "941000-941999", "attack-rce"],
                  exclusions={"args:body": ["attack-xss", 942101]})
    part = ShieldRule(rule, 0, "test", ("ip.src",)).analyzer_part().spec
    assert part["paranoia_level"] == 2 and part["anomaly_threshold"] == 10
    assert part["disabled_ids"] == [[941000, 941999], [942100, 942100]]
    assert part["disabled_tags"] == ["attack-rce"]
    assert part["exclusions"] == [{"target": "ARGS:body", "ids": [[942101, 942101]], "tags": ["attack-xss"]}]
    # Our detectors get the categories the tags stand for; the id is the CRS's alone.
    assert part["detector_exclusions"] == [{"target": "ARGS:body", "categories": ["XSS"]}]


def test_exclusions_without_the_crs_reach_our_detectors() -> None:
    from arcjet_core.kinds.shield import ShieldRule

    rule = shield(exclusions={"ARGS:body": [], "REQUEST_COOKIES:prefs": ["attack-sqli", "attack-rce"]})
    part = ShieldRule(rule, 0, "test", ("ip.src",)).analyzer_part().spec
    every = ["COMMAND_INJECTION", "FILE_INCLUSION_REMOTE", "JAVA_INJECTION", "PATH_TRAVERSAL", "PHP_INJECTION",
             "SQL_INJECTION", "SSRF", "TEMPLATE_INJECTION", "XSS"]
    assert part["detector_exclusions"] == [{"target": "ARGS:body", "categories": every},
                                           {"target": "REQUEST_COOKIES:prefs",
                                            "categories": ["COMMAND_INJECTION", "SQL_INJECTION"]}]
    assert part["paranoia_level"] is None


def test_exclusions_take_the_typed_form_too() -> None:
    rule = shield(paranoia_level=1,
                  exclusions=[ShieldExclusion("REQUEST_COOKIES:/^_ga/"), ShieldExclusion("ARGS", (942100,))])
    assert rule.exclusions == (ShieldExclusion("REQUEST_COOKIES:/^_ga/"), ShieldExclusion("ARGS", (942100,)))


def test_second_opinion_takes_the_typed_form_with_a_severity() -> None:
    from arcjet_core.kinds._shield_tuning import DEFAULT_SECOND_OPINION
    from arcjet_core.kinds.shield import ShieldRule

    typed = [ShieldSecondOpinion([942190, "attack-xss"], ["SQL_INJECTION", "XSS"], min_severity="MEDIUM")]  # type: ignore[arg-type]
    rule = shield(paranoia_level=1, second_opinion=typed)
    assert rule.second_opinion == (ShieldSecondOpinion((942190, "attack-xss"), ("SQL_INJECTION", "XSS"), "MEDIUM"),)
    assert hash(rule)  # tuples all the way down
    # The mapping form means LOW, as it always did.
    assert shield(paranoia_level=1, second_opinion={"942100-942199": ["SQL_INJECTION"]}).second_opinion == (
        ShieldSecondOpinion(("942100-942199",), ("SQL_INJECTION",), "LOW"),)
    # Sent after shield's defaults (the analyzer lets the last entry naming a
    # rule decide), and alone with crs_tuning=False.
    mine = {"ids": [[942190, 942190]], "tags": ["attack-xss"], "categories": ["SQL_INJECTION", "XSS"], "min_severity": "MEDIUM"}
    sent = ShieldRule(rule, 0, "test", ("ip.src",)).analyzer_part().spec["second_opinions"]
    assert isinstance(sent, list) and len(sent) == len(DEFAULT_SECOND_OPINION) + 1 and sent[-1] == mine
    untuned = shield(paranoia_level=1, crs_tuning=False, second_opinion=typed)
    assert ShieldRule(untuned, 0, "test", ("ip.src",)).analyzer_part().spec["second_opinions"] == [mine]


def test_second_opinion_categories_and_severity_are_read_without_case() -> None:
    # As mode, bot ids and email types are: what the user wrote, normalised.
    typed = [ShieldSecondOpinion((942190,), (" sql_injection", "Xss"), min_severity="medium ")]
    assert shield(paranoia_level=1, second_opinion=typed).second_opinion == (
        ShieldSecondOpinion((942190,), ("SQL_INJECTION", "XSS"), "MEDIUM"),)
    assert shield(paranoia_level=1, second_opinion={942190: ["xss"]}).second_opinion == (
        ShieldSecondOpinion((942190,), ("XSS",), "LOW"),)
    with pytest.raises(ArcjetMisconfiguration, match=r"second_opinion.*'sqli' is not a shield category"):
        shield(paranoia_level=1, second_opinion={942190: ["sqli"]})
    with pytest.raises(ArcjetMisconfiguration, match=r"min_severity must be one of .*'severe'"):
        shield(paranoia_level=1, second_opinion=[ShieldSecondOpinion((942190,), ("XSS",), "severe")])


@pytest.mark.parametrize(("kwargs", "names"), [
    ({"paranoia_level": 0}, "paranoia_level"),
    ({"paranoia_level": 5}, "paranoia_level"),
    ({"anomaly_threshold": 0}, "anomaly_threshold"),
    ({"disabled_rules": [42]}, "disabled_rules"),
    ({"disabled_rules": ["942100"]}, "disabled_rules"),
    ({"disabled_rules": ["942200-942100"]}, "disabled_rules"),
    ({"disabled_rules": ["no spaces allowed"]}, "disabled_rules"),
    ({"exclusions": {"BODY:x": []}}, "exclusions"),
    ({"exclusions": {"ARGS:": []}}, "exclusions"),
    ({"exclusions": {"ARGS:/(/": []}}, "exclusions"),
    ({"exclusions": {"ARGS:x": [1]}}, "exclusions"),
])
def test_bad_values_raise_naming_the_parameter(kwargs: dict[str, Any], names: str) -> None:
    with pytest.raises(ArcjetMisconfiguration, match=names):
        shield(**{"paranoia_level": 1, **kwargs})


@pytest.mark.parametrize("kwargs", [
    {"paranoia_level": "1"},
    {"paranoia_level": True},
    {"anomaly_threshold": 5.0},
    {"disabled_rules": 942100},
    {"disabled_rules": [942100.0]},
    {"exclusions": "ARGS:x"},
    {"exclusions": [("ARGS:x", [])]},
])
def test_wrong_types_raise_type_error(kwargs: dict[str, Any]) -> None:
    with pytest.raises(TypeError):
        shield(**{"paranoia_level": 1, **kwargs})


def test_crs_settings_are_checked_and_sent_sorted() -> None:
    from arcjet_core.kinds._shield_tuning import DEFAULT_CRS_SETTINGS
    from arcjet_core.kinds.shield import ShieldRule

    rule = shield(paranoia_level=1, crs_settings={"max_num_args": 255, "allowed_methods": " GET POST ", "crs_validate_utf8_encoding": True})
    types = DEFAULT_CRS_SETTINGS["allowed_request_content_type"]
    assert rule.crs_settings == (("allowed_methods", "GET POST"), ("allowed_request_content_type", types),
                                 ("crs_validate_utf8_encoding", "1"), ("max_num_args", "255"))
    part = ShieldRule(rule, 0, "test", ("ip.src",)).analyzer_part().spec
    assert part["settings"] == [list(p) for p in rule.crs_settings]
    # REST methods pass by default: the framework answers routes it lacks.
    assert dict(shield().crs_settings)["allowed_methods"] == "GET HEAD POST OPTIONS PUT PATCH DELETE"


@pytest.mark.parametrize("settings", [
    {"sampling_percentage": 50},  # would switch the rules off for half the requests
    {"blocking_paranoia_level": 2},  # paranoia_level= is the parameter
    {"max_num_args": -1},
    {"max_num_args": "255"},
    {"crs_validate_utf8_encoding": 2},
    {"allowed_methods": ""},
    {"allowed_methods": "GET\nPOST"},
])
def test_bad_crs_settings_raise_naming_the_parameter(settings: dict[str, Any]) -> None:
    with pytest.raises(ArcjetMisconfiguration, match="crs_settings"):
        shield(paranoia_level=1, crs_settings=settings)


@pytest.mark.parametrize("kwargs", [
    {"anomaly_threshold": 10}, {"disabled_rules": [942100]}, {"crs_settings": {"max_num_args": 9}},
])
def test_crs_tuning_without_the_crs_raises(kwargs: dict[str, Any]) -> None:
    name = next(iter(kwargs))
    with pytest.raises(ArcjetMisconfiguration, match=f"{name} tune the OWASP CRS, which runs only when paranoia_level"):
        shield(**kwargs)
