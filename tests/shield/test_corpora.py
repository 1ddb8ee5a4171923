"""Integrity of the request corpora in tests/shield/data: the benign requests,
the public attack payload sets and their tune/holdout split.

Only the data is checked here (counts, shapes, provenance, the split);
detection and false-positive rates are benchmark output.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from . import corpus

TOOLS = corpus.REPO / "tools"
load_tool = corpus.load_tool
PERMISSIVE = {"MIT", "Apache-2.0"}


@pytest.fixture(scope="module")
def benign() -> list[corpus.LabeledRequest]:
    """The first benign corpus (test_corpus_blind.py checks the others)."""
    return [r for r in corpus.benign_requests("tune") if r.source not in corpus.BLIND_SOURCES]


@pytest.fixture(scope="module")
def manifest() -> dict[str, dict[str, Any]]:
    return corpus.attack_sources()


# ------------------------------------------------------------------- benign


def test_benign_corpus_is_large_and_spread_over_sources(benign: list[corpus.LabeledRequest]) -> None:
    counts = Counter(r.source for r in benign)
    assert len(benign) >= 3_000
    assert len(counts) >= 8
    assert min(counts.values()) >= 100, counts
    assert "code_comments" in counts  # reported apart: where rule sets false-positive most
    assert {r.label for r in benign} == {"benign"}


def test_benign_generator_is_deterministic() -> None:
    gen = load_tool("gen_benign_requests")
    assert gen.render(gen.generate()) == gen.render(gen.generate())


def test_benign_requests_are_distinct(benign: list[corpus.LabeledRequest]) -> None:
    keys = {(r.request["path"], r.request["query"], r.request["body"]) for r in benign}
    assert len(keys) >= 0.95 * len(benign)


def test_benign_requests_are_well_formed(benign: list[corpus.LabeledRequest]) -> None:
    for r in benign:
        req = r.request
        headers = dict(req["headers"])
        assert req["method"] in {"GET", "POST", "PUT", "PATCH", "DELETE"}, r
        assert req["path"].startswith("/"), r
        assert headers.get("host") and headers.get("user-agent"), r
        assert all(name == name.lower() for name, _ in req["headers"]), r
        body = req["body"]
        if body is None:
            assert "content-length" not in headers, r
            continue
        assert headers["content-length"] == str(len(body)), r
        ctype = headers["content-type"]
        if ctype.startswith("application/json"):
            json.loads(body)
        elif ctype.startswith("multipart/form-data"):
            boundary = ctype.split("boundary=", 1)[1]
            assert body.startswith(f"--{boundary}\r\n".encode()) and body.endswith(f"--{boundary}--\r\n".encode()), r
        elif ctype.startswith("application/x-www-form-urlencoded"):
            assert re.fullmatch(rb"[A-Za-z0-9%+*._\-]+=[A-Za-z0-9%+*._\-]*(&[A-Za-z0-9%+*._\-]+=[A-Za-z0-9%+*._\-]*)*", body), r


def test_benign_corpus_carries_what_the_issue_asks_for(benign: list[corpus.LabeledRequest]) -> None:
    """Spot checks that the generator still puts the hard cases in."""
    blob = b"\n".join(r.request["query"].encode() + b" " + " ".join(v for _, v in r.request["headers"]).encode()
                       + b" " + (r.request["body"] or b"") for r in benign)
    for needle in (b"O%27Brien", b"O'Brien", b"csrftoken=", b"sessionid=", b"_session=", b"_ga=", b"__cf_bm=",
                   b"Bearer eyJ", b"multipart/form-data", b"filename=", b"soap:Envelope", b"```", b"Zo%C3%AB", b"select",
                   b"union", b"\xf0\x9f", "注文".encode(), "Größe".encode()):
        assert needle in blob, needle
    kinds = Counter(r.place for r in benign)
    assert {"page", "form", "json", "multipart", "xml", "query"} <= set(kinds), kinds


# ------------------------------------------------------------------ attacks


def test_every_attack_source_has_its_file_counts_and_licence(manifest: dict[str, dict[str, Any]]) -> None:
    files = {p.stem for p in corpus.ATTACKS_DIR.glob("*.jsonl")}
    assert files == set(manifest), files ^ set(manifest)
    for source, entry in manifest.items():
        lines = [json.loads(line) for line in (corpus.ATTACKS_DIR / f"{source}.jsonl").read_text(encoding="utf-8").splitlines()]
        assert len(lines) == entry["payloads"] > 0, source
        assert dict(Counter(e["class"] for e in lines)) == entry["classes"], source
        assert len({json.dumps(e["payload"], sort_keys=True) for e in lines}) == len(lines), f"{source}: duplicates"
        assert entry["licence"] in PERMISSIVE, source
        licence = corpus.DATA_DIR / entry["licence_copy"]
        assert licence.is_file() and licence.stat().st_size > 100, source
        assert re.fullmatch(r"[0-9a-f]{64}", entry["sha256"]), source
        assert entry["registry"] in {"pypi", "npm"} and entry["version"] and entry["files"], source
        assert entry["encoding"] in {"raw", "url"}, source


def test_attack_classes_are_covered(manifest: dict[str, dict[str, Any]]) -> None:
    classes = {c for entry in manifest.values() for c in entry["classes"]}
    assert {"sqli", "xss", "cmdi", "traversal", "rfi", "ssrf", "ssti", "xxe", "log4shell", "nosql"} <= classes


def test_readme_lists_every_source(manifest: dict[str, dict[str, Any]]) -> None:
    readme = (corpus.ATTACKS_DIR / "README.md").read_text(encoding="utf-8")
    for source, entry in manifest.items():
        assert f"`{source}`" in readme and entry["package"] in readme, source


# -------------------------------------------------------------------- split


def test_benign_split_holds_out_the_last_blind_corpus() -> None:
    """Tuned on the first seven corpora; the eighth (written blind) is held out whole."""
    split = corpus.benign_split()
    first = set(load_tool("gen_benign_requests").SOURCES)
    blind_corpora = load_tool("gen_benign_requests_blind")
    *tuned, blind = ({r.source for r in blind_corpora.generate(c)} for c in blind_corpora.CORPORA)
    assert tuned == [set(corpus.R2_SOURCES), set(corpus.R3_SOURCES), set(corpus.R4_SOURCES), set(corpus.R5_SOURCES),
                     set(corpus.R6_SOURCES), set(corpus.R7_SOURCES)]
    assert set(split["tune"]) == first.union(*tuned)
    assert set(split["holdout"]) == blind == set(corpus.R8_SOURCES)
    assert {r.source for r in corpus.benign_requests("holdout")} == blind


def test_split_is_disjoint_and_complete(manifest: dict[str, dict[str, Any]]) -> None:
    split = corpus.attack_split()
    tune, holdout = set(split["tune"]), set(split["holdout"])
    assert not tune & holdout
    assert tune | holdout == set(manifest)
    assert 0.3 <= len(holdout) / len(manifest) <= 0.5


def test_split_holds_out_a_source_of_every_class(manifest: dict[str, dict[str, Any]]) -> None:
    fetch = load_tool("fetch_payloads")
    held = {fetch.main_class(manifest[s]) for s in corpus.attack_split()["holdout"]}
    assert held == {fetch.main_class(e) for e in manifest.values()}


def test_split_is_the_seeded_draw(manifest: dict[str, dict[str, Any]]) -> None:
    """split.json is what the documented rule draws, not a hand edit."""
    fetch = load_tool("fetch_payloads")
    committed = json.loads((corpus.DATA_DIR / "split.json").read_text(encoding="utf-8"))
    assert committed == fetch.draw_split(manifest, committed["seed"], committed["holdout_share"])


# ------------------------------------------------------------------ readers


@pytest.mark.parametrize("side", corpus.SIDES)
def test_attack_requests_place_every_payload(side: str, manifest: dict[str, dict[str, Any]]) -> None:
    payloads = corpus.attack_payloads(side)
    requests = corpus.attack_requests(side)
    sources = set(corpus.attack_split()[side])
    assert len(payloads) == sum(manifest[s]["payloads"] for s in sources)
    xxe = sum(p.attack == "xxe" and p.operator is None for p in payloads)
    assert len(requests) == 3 * len(payloads) + xxe
    assert {r.source for r in requests} == sources
    assert all(p.value for p in payloads)
    places = Counter(r.place for r in requests)
    assert places["query"] == places["form"] == places["realjson"] == len(payloads)


def test_url_encoded_sources_are_decoded_once() -> None:
    """lfimap splices its wordlist into URLs as it stands: the application
    sees each line URL-decoded once (a double-encoded line stays encoded once)."""
    values = {p.value for p in corpus.attack_payloads("tune") + corpus.attack_payloads("holdout")
              if p.source == "lfimap-traversal"}
    assert b"/../../../../../../../../../../etc/passwd" in values  # listed as %2F..%2F..(...)%2Fetc%2Fpasswd
    assert b"..%2f..%2f..%2f..%2f..%2f..%2f..%2f..%2f..%2f/etc/passwd" in values  # listed as ..%252f..


def test_operator_payloads_become_brackets_and_objects() -> None:
    reqs = corpus.operator_requests({"$ne": None, "$in": ["a", 1]})
    assert reqs["query"]["query"] == "q[$ne]=&q[$in][0]=a&q[$in][1]=1"
    assert reqs["form"]["body"] == b"f[$ne]=&f[$in][0]=a&f[$in][1]=1"
    assert json.loads(reqs["realjson"]["body"]) == {"comment": {"text": {"$ne": None, "$in": ["a", 1]}}}


def test_unknown_side_is_an_error() -> None:
    with pytest.raises(ValueError, match="side"):
        corpus.attack_payloads("all")


def test_licence_copies_are_kept() -> None:
    copies = {p.name for p in (corpus.DATA_DIR / "licenses").iterdir()}
    used = {Path(e["licence_copy"]).name for e in corpus.attack_sources().values()}
    assert used <= copies
