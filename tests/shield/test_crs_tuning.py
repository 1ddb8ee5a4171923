"""Shield's default tuning of the CRS's false positives (kinds/_shield_tuning.py:
DEFAULT_SECOND_OPINION, DEFAULT_EXCLUSIONS), through protect() and the real
analyzer: the benign shapes it was made for pass, the CRS as shipped
(`crs_tuning=False`) still denies them, and attacks in the same places are
still denied."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest

from arcjet_core import ArcjetMisconfiguration, ShieldSecondOpinion, arcjet_sync, shield
from arcjet_core.kinds._shield_tuning import DEFAULT_SECOND_OPINION

from .helpers import fresh_ip

UA = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


def form(fields: dict[str, str]) -> dict[str, Any]:
    from urllib.parse import urlencode

    body = urlencode(fields).encode()
    return {"method": "POST", "path": "/contact", "query": "", "body": body,
            "headers": [("host", "app.example.com"), ("user-agent", UA),
                        ("content-type", "application/x-www-form-urlencoded"), ("content-length", str(len(body)))]}


def json_post(path: str, doc: Any, *, method: str = "POST", content_type: str = "application/json") -> dict[str, Any]:
    body = json.dumps(doc).encode()
    return {"method": method, "path": path, "query": "", "body": body,
            "headers": [("host", "app.example.com"), ("user-agent", "GitHub-Hookshot/1a2b3c"),
                        ("content-type", content_type), ("content-length", str(len(body)))]}


def get(path: str, query: str) -> dict[str, Any]:
    return {"method": "GET", "path": path, "query": query, "body": None,
            "headers": [("host", "api.example.com"), ("user-agent", "okhttp/4.12.0"), ("accept", "application/json")]}


def upload(filename: str) -> dict[str, Any]:
    body = (f'--XyZ\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
            "Content-Type: text/plain\r\n\r\nhello\r\n--XyZ--\r\n").encode()
    return {"method": "POST", "path": "/upload", "query": "", "body": body,
            "headers": [("host", "app.example.com"), ("user-agent", UA),
                        ("content-type", "multipart/form-data; boundary=XyZ"), ("content-length", str(len(body)))]}


BENIGN = {
    "sql words in prose (942190, 942360)": form({"address1": "126 Select Road",
                                                 "message": "Tracking says 'select a pickup point' since Monday."}),
    "command words in prose (932235)": form({"message": "Hallo,\r\n\r\nJoin us for a table tennis tournament."}),
    "graphql (942190, 932235)": json_post("/graphql", {"query": "query GetUser($id: ID!) {\n  user(id: $id) {\n"
                                                                "    orders(first: 10) { edges { node { id } } }\n  }\n}"}),
    "apostrophe in a file name (920120)": upload("Proposal - O'Connor & Sons.docx"),
    "github push webhook (930120)": json_post("/hooks/github", {"commits": [{"id": "a1", "message": "Bump deps",
                                                                             "modified": ["package.json"]}]}),
    "markdown image after a link to #top (941370)": form({"body": "See [the docs](https://docs.example.com/guide#top) "
                                                                 "and ![screenshot](https://cdn.example.com/a.png)"}),
    "odata system options (942290)": get("/v2/feed", "%24top=50&%24filter=Status+eq+%27Active%27&%24count=true"),
    "odata $filter functions (942151, 942290)": get("/v1/messages",
                                                    "%24filter=startswith%28Name%2C%27O%27%27Brien%27%29"),
    "telemetry with a session id and no referer (943120)": json_post("/v1/usage", {"session_id": "a1b2c3",
                                                                                  "event": "app_start"}),
    "graphql variables (942290, rule 904100)": json_post("/graphql", {
        "query": "query Orders($first: Int = 20, $filter: OrderFilter, $sort: [OrderSort!]) {\n"
                 "  orders(first: $first, filter: $filter, sort: $sort) { edges { node { id } } }\n}",
        "variables": {"first": 20, "filter": {"status": "OPEN"}}}),
    "a graphql GET (942290, rule 904101)": get("/graphql", "query=query%20Me(%24first%3A%20Int)%20%7B%20me%20%7B%20"
                                                         "orders(first%3A%20%24first)%20%7B%20id%20%7D%20%7D%20%7D"),
    "a +json media type (920420, rule 903100)": json_post("/fhir/Patient", {"resourceType": "Patient",
                                                                            "name": [{"family": "O'Brien"}]},
                                                          content_type="application/fhir+json; charset=utf-8"),
}

ATTACKS = {
    "sqli in a form field": form({"message": "1' union select password from users--"}),
    "command injection in a form field": form({"message": "x; cat /etc/passwd"}),
    "traversal in a file name": upload("../../../../etc/passwd"),
    "traversal in a webhook file list": json_post("/hooks/github", {"commits": [{"modified": ["../../../etc/passwd"]}]}),
    "a sensitive file name elsewhere in the webhook": json_post("/hooks/github", {"repository": {"name": ".htaccess"}}),
    "a global's computed property (941370)": form({"body": "top[8680439..toString(30)](1)"}),
    "a global's property through a comment (941370)": form({"body": "(document/*foo*/)[\"cookie\"]"}),
    "a mongo operator in a name beside odata options (942290)": get("/v2/feed", "%24top=5&user%5B%24ne%5D=1"),
    "a mongo operator as a name (942290)": get("/v2/feed", "%24where=sleep%28100%29"),
    "sqli in odata's $filter": get("/v2/feed", "%24filter=1%27%20union%20select%20password%20from%20users--"),
    "a framework's session id in json (943120)": json_post("/login", {"jsessionid": "foo"}),
    "a session id in the query (943120)": get("/login", "session_id=attacker-chosen"),
    "sqli in a json patch": json_post("/v1/orders/42", [{"op": "replace", "path": "/note",
                                                         "value": "1' union select password from users--"}],
                                      method="PATCH", content_type="application/json-patch+json"),
    "a mongo operator in graphql variables (942290)": json_post("/graphql", {
        "query": "query Orders($filter: OrderFilter) { orders(filter: $filter) { id } }",
        "variables": {"filter": {"$where": "sleep(100)"}}}),
    "a mongo payload as the graphql query (942290)": json_post("/graphql", {"query": '{"$where": "sleep(100)"}'}),
    "sqli in a graphql document": json_post("/graphql", {
        "query": "query Q($first: Int) { orders(first: $first, note: \"1' union select password from users--\") { id } }"}),
    "sqli in a +json body": json_post("/fhir/Patient", {"name": [{"family": "1' union select password from users--"}]},
                                      content_type="application/fhir+json"),
    "a lookalike of a +json type (920420)": json_post("/fhir/Patient", {"resourceType": "Patient"},
                                                      content_type="application/fhir+json-evil"),
    "a +json suffix on a non-application type (920420)": json_post("/fhir/Patient", {"resourceType": "Patient"},
                                                                   content_type="text/fhir+json"),
}


@pytest.fixture(scope="module")
def clients() -> Iterator[dict[bool, Any]]:
    made = {tuned: arcjet_sync(key="tuning", rules=[shield(threshold=1_000_000, paranoia_level=1, crs_tuning=tuned)],
                               environment="development") for tuned in (True, False)}
    yield made
    for aj in made.values():
        aj.close()


@pytest.mark.parametrize("name", list(BENIGN))
def test_benign_shapes_pass_tuned_and_are_denied_as_shipped(name: str, clients: dict[bool, Any]) -> None:
    req = BENIGN[name]
    tuned = clients[True].protect({**req, "ip": fresh_ip()})
    shipped = clients[False].protect({**req, "ip": fresh_ip()})
    assert shipped.is_denied(), f"{name}: the CRS as shipped no longer denies it: {shipped.results[0].reason_v2}"
    assert not tuned.is_denied(), f"{name}: {tuned.results[0].reason_v2}"


@pytest.mark.parametrize("name", list(ATTACKS))
def test_attacks_in_the_same_places_are_still_denied(name: str, clients: dict[bool, Any]) -> None:
    decision = clients[True].protect({**ATTACKS[name], "ip": fresh_ip()})
    assert decision.is_denied(), f"{name}: {decision.results[0].reason_v2}"
    # A tuned rule named in the case still fires itself (confirmed, not excluded).
    named = re.search(r"\((\d{6})\)", name)
    if named:
        assert int(named[1]) in getattr(decision.results[0].reason_v2, "rule_ids", ()), name


@pytest.mark.parametrize("content_type", ["application/json-patch+json", "application/merge-patch+json"])
def test_json_patch_bodies_are_an_allowed_content_type(content_type: str) -> None:
    """Shield's default content types (not a tuning: crs_tuning=False keeps
    them) take RFC 6902 / RFC 7396 PATCH bodies; crs-setup.conf's list denies
    them (920420)."""
    req = json_post("/v1/orders/42", [{"op": "replace", "path": "/status", "value": "shipped"}], method="PATCH",
                    content_type=content_type)
    assert _crs_verdict(req) == (False, ())
    assert _crs_verdict(req, crs_tuning=False) == (False, ())
    crs_setup = "|application/x-www-form-urlencoded| |multipart/form-data| |text/xml| |application/xml| |application/json|"
    # With crs-setup.conf's list, only shield's tuning (rule 903100: every
    # +json type) lets them through.
    assert _crs_verdict(req, crs_settings={"allowed_request_content_type": crs_setup}) == (False, ())
    assert _crs_verdict(req, crs_settings={"allowed_request_content_type": crs_setup}, crs_tuning=False)[1] == (
        920420, 949110)


def test_a_confirmed_rule_is_still_reported() -> None:
    aj = arcjet_sync(key="tuning", rules=[shield(threshold=1_000_000, paranoia_level=1)], environment="development")
    req = form({"q": "1' union select password from users--"})
    ids = set(aj.protect({**req, "ip": fresh_ip()}).results[0].reason_v2.rule_ids)  # type: ignore[union-attr]
    assert 942190 in ids  # our tokenizer agrees at High: the CRS match stands


def test_an_application_second_opinion_applies() -> None:
    req = form({"message": "Hallo,\r\n\r\nJoin us for a table tennis tournament."})
    mine = shield(threshold=1_000_000, paranoia_level=1, crs_tuning=False, second_opinion={932235: ["COMMAND_INJECTION"]})
    aj = arcjet_sync(key="tuning", rules=[mine], environment="development")
    assert not aj.protect({**req, "ip": fresh_ip()}).is_denied()


def test_defaults_name_rules_and_categories_shield_knows() -> None:
    rules = [r for entry in DEFAULT_SECOND_OPINION for r in entry.rules]
    assert len(rules) == len(set(rules))
    shield(paranoia_level=1, second_opinion={r: list(o.categories) for o in DEFAULT_SECOND_OPINION for r in o.rules})
    assert shield(paranoia_level=1, second_opinion=DEFAULT_SECOND_OPINION).second_opinion == DEFAULT_SECOND_OPINION


# 942190 matches the quoted SQL word; our SQL engine rates it Medium, below the
# HIGH shield's default second opinion asks for 942190, and does not deny it on
# its own. Nothing else of the CRS matches it.
QUOTED_SQL_WORD = form({"message": "Tracking says 'select a pickup point'"})
# 942360 (default: HIGH) matches this, 942190 does not.
SQL_WORD_IN_AN_ADDRESS = form({"address1": "126 Select Road"})


def _crs_verdict(req: dict[str, Any], **kwargs: Any) -> tuple[bool, tuple[int, ...]]:
    aj = arcjet_sync(key="tuning", rules=[shield(threshold=1_000_000, paranoia_level=1, **kwargs)],
                     environment="development")
    try:
        decision = aj.protect({**req, "ip": fresh_ip()})
    finally:
        aj.close()
    reason = decision.results[0].reason_v2
    return decision.is_denied(), tuple(getattr(reason, "rule_ids", ()))


def test_the_default_second_opinion_on_942190_asks_for_high() -> None:
    assert _crs_verdict(QUOTED_SQL_WORD) == (False, ())
    assert _crs_verdict(QUOTED_SQL_WORD, crs_tuning=False) == (True, (942190, 949110))


def test_an_application_entry_replaces_the_default_for_the_rules_it_names() -> None:
    # Any severity, as the mapping says: the Medium finding confirms 942190.
    assert _crs_verdict(QUOTED_SQL_WORD, second_opinion={942190: ["SQL_INJECTION"]}) == (True, (942190, 949110))
    # The typed form with the default's severity behaves as the default...
    high = ShieldSecondOpinion((942190,), ("SQL_INJECTION",), "HIGH")
    assert _crs_verdict(QUOTED_SQL_WORD, second_opinion=[high]) == (False, ())
    # ...and MEDIUM is MEDIUM.
    medium = ShieldSecondOpinion((942190,), ("SQL_INJECTION",), min_severity="MEDIUM")
    assert _crs_verdict(QUOTED_SQL_WORD, second_opinion=[medium]) == (True, (942190, 949110))


def test_an_application_entry_leaves_the_defaults_for_other_rules() -> None:
    # 942360 keeps the default's HIGH though the entry loosens 942190.
    assert _crs_verdict(SQL_WORD_IN_AN_ADDRESS, crs_tuning=False) == (True, (942360, 949110))
    assert _crs_verdict(SQL_WORD_IN_AN_ADDRESS, second_opinion={942190: ["SQL_INJECTION"]}) == (False, ())


def test_an_application_entry_does_not_add_to_the_default() -> None:
    # 942190 now needs an XSS: the High SQL injection the default accepted no
    # longer confirms it (our detectors still deny the request).
    sqli = form({"q": "1' union select password from users--"})
    denied, ids = _crs_verdict(sqli, second_opinion={942190: ["XSS"]})
    assert denied and 942190 not in ids
    assert 942190 in _crs_verdict(sqli)[1]


@pytest.mark.parametrize(("kwargs", "exc"), [
    ({"second_opinion": {942190: ["SQLI"]}}, ArcjetMisconfiguration),
    ({"second_opinion": {942190: []}}, ArcjetMisconfiguration),
    ({"second_opinion": {942190: "SQL_INJECTION"}}, ArcjetMisconfiguration),
    ({"second_opinion": {42: ["XSS"]}}, ArcjetMisconfiguration),
    ({"second_opinion": [942190]}, TypeError),
    ({"second_opinion": "942190"}, TypeError),
    ({"second_opinion": 942190}, TypeError),
    ({"second_opinion": [ShieldSecondOpinion((942190,), ("SQL_INJECTION",), "SEVERE")]}, ArcjetMisconfiguration),
    ({"second_opinion": [ShieldSecondOpinion((942190,), ("SQL_INJECTION",), 3)]}, TypeError),  # type: ignore[arg-type]
    ({"second_opinion": [ShieldSecondOpinion((942190,), ("SQLI",), "HIGH")]}, ArcjetMisconfiguration),
    ({"second_opinion": [ShieldSecondOpinion((942190,), (), "HIGH")]}, ArcjetMisconfiguration),
    ({"second_opinion": [ShieldSecondOpinion((942190,), "SQL_INJECTION", "HIGH")]},  # type: ignore[arg-type]
     ArcjetMisconfiguration),
    ({"second_opinion": [ShieldSecondOpinion((), ("SQL_INJECTION",))]}, ArcjetMisconfiguration),
    ({"second_opinion": [ShieldSecondOpinion((42,), ("SQL_INJECTION",))]}, ArcjetMisconfiguration),
    ({"second_opinion": [ShieldSecondOpinion(942190, ("SQL_INJECTION",))]}, TypeError),  # type: ignore[arg-type]
    ({"second_opinion": [ShieldSecondOpinion(("942190",), ("SQL_INJECTION",))]}, ArcjetMisconfiguration),
    ({"crs_tuning": 1}, TypeError),
])
def test_bad_tuning_raises_naming_the_parameter(kwargs: dict[str, Any], exc: type[Exception]) -> None:
    name = next(iter(kwargs))
    with pytest.raises(exc, match=name):
        shield(paranoia_level=1, **kwargs)


def test_tuning_without_the_crs_raises() -> None:
    with pytest.raises(ArcjetMisconfiguration, match="crs_tuning"):
        shield(crs_tuning=False)
    with pytest.raises(ArcjetMisconfiguration, match="second_opinion"):
        shield(second_opinion={942190: ["SQL_INJECTION"]})
    with pytest.raises(ArcjetMisconfiguration, match="second_opinion"):
        shield(second_opinion=[ShieldSecondOpinion((942190,), ("SQL_INJECTION",), "HIGH")])
