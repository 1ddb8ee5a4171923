"""Integrity of the benign request corpora written blind (tools/benign_r2 to
benign_r8): each held out from shield's tuning until it was scored once.

Only the data is checked here (counts, determinism, well-formed requests);
nothing runs shield over it: false-positive rates are benchmark output.
"""

from __future__ import annotations

import base64
import json
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from . import corpus as corpus_module

TOOLS = Path(__file__).resolve().parents[2] / "tools"
SOURCES = {
    "r2": {"support_tickets", "admin_settings", "chat_messages", "sso_flows", "rest_writes", "catalog_filters",
           "telemetry", "docs_wiki"},
    "r3": {"cms_blocks", "forum_bbcode", "webmail", "spreadsheet", "i18n_strings", "search_dsl", "booking_requests",
           "devops_configs"},
    "r4": {"recipes", "listings", "job_board", "qa_site", "lms_quiz", "patient_portal", "legal_docs", "gaming"},
    "r5": {"fintech", "graphql_api", "geo_maps", "social_feed", "crm", "notebooks", "iot_devices", "travel"},
    "r6": {"ecommerce_admin", "hr_portal", "event_tickets", "analytics_bi", "email_marketing", "support_widget",
           "gov_forms", "logistics"},
    "r7": {"news_cms", "restaurant_ordering", "fitness_app", "marketplace_reviews", "library_catalog", "url_shortener",
           "forms_builder", "photo_sharing"},
    "r8": {"code_hosting", "property_management", "podcast_platform", "insurance_claims", "crowdfunding", "itsm_helpdesk",
           "research_data", "auto_parts"},
}
METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE"}
# Sources whose clients send JSON under a form content type, as they really
# do: Algolia-style search clients (no CORS preflight that way).
JSON_AS_FORM = {"catalog_filters"}


@pytest.fixture(scope="module")
def gen() -> ModuleType:
    return corpus_module.load_tool("gen_benign_requests_blind")


@pytest.fixture(scope="module", params=sorted(SOURCES))
def corpus(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def requests(gen: ModuleType, corpus: str) -> list[Any]:
    return list(gen.generate(corpus))


@pytest.fixture(scope="module")
def records(gen: ModuleType, requests: list[Any]) -> list[dict[str, Any]]:
    return [json.loads(line) for line in gen.render(requests).splitlines()]


def body_bytes(record: dict[str, Any]) -> bytes | None:
    if "body" in record:
        return str(record["body"]).encode("utf-8")
    if "body_base64" in record:
        return base64.b64decode(record["body_base64"])
    return None


def test_eight_sources_of_200(corpus: str, records: list[dict[str, Any]]) -> None:
    counts = Counter(r["source"] for r in records)
    assert set(counts) == SOURCES[corpus]
    assert all(n == 200 for n in counts.values()), counts
    assert len(records) == 1_600


def test_generator_is_deterministic(gen: ModuleType, corpus: str, requests: list[Any]) -> None:
    assert gen.render(gen.generate(corpus)) == gen.render(requests)


def test_requests_are_mostly_distinct(records: list[dict[str, Any]]) -> None:
    keys = {(r["path"], r["query"], r.get("body"), r.get("body_base64")) for r in records}
    assert len(keys) >= 0.95 * len(records)


def test_requests_are_well_formed(corpus: str, records: list[dict[str, Any]]) -> None:
    for r in records:
        assert set(r) <= {"source", "kind", "method", "path", "query", "headers", "body", "body_base64"}, r
        assert r["method"] in METHODS, r
        assert r["path"].startswith("/"), r
        assert isinstance(r["kind"], str) and r["kind"], r
        names = [name for name, _ in r["headers"]]
        assert all(name == name.lower() for name in names), r
        assert names.count("host") == 1, r
        if corpus != "r2":  # (r2 sends one client's Accept twice)
            assert len(names) == len(set(names)), r
        headers = dict(r["headers"])
        assert headers.get("host"), r  # (a .NET HttpClient sends no user-agent of its own)
        assert not ("body" in r and "body_base64" in r), r
        body = body_bytes(r)
        if body is None:
            assert "content-length" not in headers, r
            continue
        assert headers["content-length"] == str(len(body)), r
        if body:
            assert "content-type" in headers, r


def test_json_bodies_parse(records: list[dict[str, Any]]) -> None:
    n = 0
    for r in records:
        ctype = dict(r["headers"]).get("content-type", "").split(";")[0].strip()
        body = body_bytes(r)
        if body and (ctype.endswith("/json") or ctype.endswith("+json") or ctype == "application/csp-report"):
            json.loads(body.decode("utf-8"))
            n += 1
    assert n >= 150


def test_bodies_match_their_content_type(records: list[dict[str, Any]]) -> None:
    for r in records:
        ctype = dict(r["headers"]).get("content-type", "")
        body = body_bytes(r)
        if not body:
            continue
        if ctype.startswith("multipart/form-data"):
            boundary = ctype.split("boundary=", 1)[1]
            assert body.startswith(f"--{boundary}\r\n".encode()), r["path"]
            assert body.endswith(f"--{boundary}--\r\n".encode()), r["path"]
        elif ctype.startswith("application/x-www-form-urlencoded") and r["source"] not in JSON_AS_FORM:
            assert all("=" in pair for pair in body.decode("ascii").split("&")), r["path"]


def test_each_source_has_several_kinds(records: list[dict[str, Any]]) -> None:
    kinds: dict[str, set[str]] = {}
    for r in records:
        kinds.setdefault(r["source"], set()).add(r["kind"])
    assert all(len(k) >= 2 for k in kinds.values()), kinds


def test_hosts_are_reserved_names(records: list[dict[str, Any]]) -> None:
    for r in records:
        host = dict(r["headers"])["host"].split(":")[0]
        assert "example" in host.split("."), host  # example.com/.org/.net and country variants


def test_check_flag(gen: ModuleType, corpus: str, requests: list[Any], tmp_path: Path,
                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gen, "DATA", tmp_path)
    monkeypatch.setattr(gen, "generate", lambda _corpus: requests)  # determinism is tested above
    out = gen.out_path(corpus)
    with pytest.raises(SystemExit):
        gen.main(["--corpus", corpus, "--check"])  # not written yet
    gen.main(["--corpus", corpus])
    assert out.read_text(encoding="utf-8") == gen.render(requests)
    gen.main(["--corpus", corpus, "--check"])
    out.write_text(out.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    with pytest.raises(SystemExit):
        gen.main(["--corpus", corpus, "--check"])


def test_output_is_git_ignored(corpus: str) -> None:
    ignored = (TOOLS.parent / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert f"tests/shield/data/benign_requests_{corpus}.jsonl" in ignored
