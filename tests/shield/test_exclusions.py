"""Exclusions reach shield's own detectors, not only the CRS: leaving a field
out of "attack-sqli" leaves it out of SQL injection detection, through
protect() and the real analyzer, with and without the CRS."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

import pytest

from arcjet_core import ArcjetMisconfiguration, ShieldExclusion, arcjet_sync, shield

from .helpers import fresh_ip

UA = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
# A wiki page's SQL example and a script tag: what a docs editor posts.
SQL = "Run this on a replica:\n\n1' union select password from users--"
XSS = "<script>alert(document.cookie)</script>"


def form(fields: dict[str, str]) -> dict[str, Any]:
    body = urlencode(fields).encode()
    return {"method": "POST", "path": "/wiki/save", "query": "", "body": body,
            "headers": [("host", "app.example.com"), ("user-agent", UA),
                        ("content-type", "application/x-www-form-urlencoded"), ("content-length", str(len(body)))]}


def json_post(doc: Any) -> dict[str, Any]:
    body = json.dumps(doc).encode()
    return {"method": "POST", "path": "/api/pages", "query": "", "body": body,
            "headers": [("host", "app.example.com"), ("user-agent", UA),
                        ("content-type", "application/json"), ("content-length", str(len(body)))]}


def verdict(req: dict[str, Any], **kwargs: Any) -> tuple[bool, tuple[str, ...]]:
    aj = arcjet_sync(key="exclusions", rules=[shield(threshold=1_000_000, **kwargs)], environment="development")
    try:
        decision = aj.protect({**req, "ip": fresh_ip()})
    finally:
        aj.close()
    (result,) = decision.results
    assert result.state.name == "RUN", result
    return decision.is_denied(), tuple(getattr(result.reason_v2, "categories", ()))


@pytest.mark.parametrize("crs", [None, 1], ids=["detectors", "detectors+crs"])
def test_a_field_left_out_of_a_tag_passes_and_the_others_do_not(crs: int | None) -> None:
    sqli_in_body = form({"title": "Replica queries", "body": SQL})
    assert verdict(sqli_in_body, paranoia_level=crs)[0]
    excluded = {"ARGS:body": ["attack-sqli"]}
    assert verdict(sqli_in_body, paranoia_level=crs, exclusions=excluded) == (False, ())
    # The same attack in another field, and another attack in the field, still deny.
    assert verdict(form({"title": SQL, "body": "ok"}), paranoia_level=crs, exclusions=excluded)[0]
    denied, categories = verdict(form({"title": "x", "body": XSS}), paranoia_level=crs, exclusions=excluded)
    assert denied and "XSS" in categories


@pytest.mark.parametrize("crs", [None, 1], ids=["detectors", "detectors+crs"])
def test_json_members_are_named_as_modsecurity_names_them(crs: int | None) -> None:
    page = json_post({"page": {"title": "Replica queries", "blocks": [{"html": XSS}, {"sql": SQL}]}})
    assert verdict(page, paranoia_level=crs)[0]
    everything = [ShieldExclusion(r"ARGS:/^json\.page\.blocks\./")]
    assert verdict(page, paranoia_level=crs, exclusions=everything) == (False, ())
    only_html = [ShieldExclusion("ARGS:json.page.blocks.array_0.html", ("attack-xss",))]
    denied, categories = verdict(page, paranoia_level=crs, exclusions=only_html)
    assert denied and "XSS" not in categories and "SQL_INJECTION" in categories


def test_an_exclusion_without_rules_leaves_out_every_detector() -> None:
    both = form({"body": f"{SQL} {XSS}"})
    assert verdict(both, exclusions=[ShieldExclusion("ARGS_POST:body")]) == (False, ())
    # ...but not the same value in the query string (ARGS_POST).
    req = {**form({"body": "ok"}), "query": urlencode({"body": SQL})}
    assert verdict(req, exclusions=[ShieldExclusion("ARGS_POST:body")])[0]


@pytest.mark.parametrize("exclusions", [
    {"ARGS:body": [942100]},  # an id: CRS rules only
    {"ARGS:body": ["attack-protocol"]},  # a tag no detector of ours stands for
    {"REQUEST_URI": []},  # a part our detectors do not read by name
])
def test_an_exclusion_only_the_crs_would_read_raises_without_it(exclusions: dict[str, list[int | str]]) -> None:
    with pytest.raises(ArcjetMisconfiguration, match="exclusions"):
        shield(exclusions=exclusions)
    shield(paranoia_level=1, exclusions=exclusions)  # fine with the CRS


def test_an_exclusion_regex_the_analyzer_cannot_compile_is_a_configuration_error() -> None:
    # Python's re takes a lookahead; the analyzer's regex engine does not.
    rule = shield(exclusions={"ARGS:/^(?=body)/": ["attack-sqli"]})
    with pytest.raises(ArcjetMisconfiguration, match=r"\(\?=body\)"):
        arcjet_sync(key="exclusions", rules=[rule], environment="development").protect(
            {**form({"body": "x"}), "ip": fresh_ip()})
