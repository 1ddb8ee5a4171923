"""Integrity of the fourth benign request corpus (tools/benign_r4), the one
written blind and held out from shield's tuning.

Only the data is checked here (counts, determinism, well-formed requests);
nothing runs shield over it: false-positive rates are benchmark output.
"""

from __future__ import annotations

import base64
import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

TOOLS = Path(__file__).resolve().parents[2] / "tools"
SOURCES = {"recipes", "listings", "job_board", "qa_site", "lms_quiz", "patient_portal", "legal_docs", "gaming"}
METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE"}


def load_tool(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, TOOLS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def gen() -> ModuleType:
    return load_tool("gen_benign_requests_r4")


@pytest.fixture(scope="module")
def requests(gen: ModuleType) -> list[Any]:
    return list(gen.generate())


@pytest.fixture(scope="module")
def records(gen: ModuleType, requests: list[Any]) -> list[dict[str, Any]]:
    return [json.loads(line) for line in gen.render(requests).splitlines()]


def body_bytes(record: dict[str, Any]) -> bytes | None:
    if "body" in record:
        return str(record["body"]).encode("utf-8")
    if "body_base64" in record:
        return base64.b64decode(record["body_base64"])
    return None


def test_eight_sources_of_200(records: list[dict[str, Any]]) -> None:
    counts = Counter(r["source"] for r in records)
    assert set(counts) == SOURCES
    assert all(n == 200 for n in counts.values()), counts
    assert len(records) == 1_600


def test_generator_is_deterministic(gen: ModuleType, requests: list[Any]) -> None:
    assert gen.render(gen.generate()) == gen.render(requests)


def test_requests_are_mostly_distinct(records: list[dict[str, Any]]) -> None:
    keys = {(r["path"], r["query"], r.get("body"), r.get("body_base64")) for r in records}
    assert len(keys) >= 0.95 * len(records)


def test_requests_are_well_formed(records: list[dict[str, Any]]) -> None:
    for r in records:
        assert set(r) <= {"source", "kind", "method", "path", "query", "headers", "body", "body_base64"}, r
        assert r["method"] in METHODS, r
        assert r["path"].startswith("/"), r
        assert isinstance(r["kind"], str) and r["kind"], r
        names = [name for name, _ in r["headers"]]
        assert all(name == name.lower() for name in names), r
        assert names.count("host") == 1, r
        headers = dict(r["headers"])
        assert headers["host"], r
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
    assert n >= 400


def test_bodies_match_their_content_type(records: list[dict[str, Any]]) -> None:
    for r in records:
        ctype = dict(r["headers"]).get("content-type", "")
        body = body_bytes(r)
        if body is None:
            continue
        if body and not ctype:
            raise AssertionError(r)
        if ctype.startswith("multipart/form-data"):
            boundary = ctype.split("boundary=", 1)[1]
            assert body.startswith(f"--{boundary}\r\n".encode()), r["path"]
            assert body.endswith(f"--{boundary}--\r\n".encode()), r["path"]
        elif ctype.startswith("application/x-www-form-urlencoded"):
            assert all("=" in pair for pair in body.decode("ascii").split("&")), r["path"]


def test_each_source_has_several_kinds(records: list[dict[str, Any]]) -> None:
    kinds: dict[str, set[str]] = {}
    for r in records:
        kinds.setdefault(r["source"], set()).add(r["kind"])
    assert all(len(k) >= 5 for k in kinds.values()), kinds


def test_header_names_are_not_repeated(records: list[dict[str, Any]]) -> None:
    for r in records:
        names = [name for name, _ in r["headers"]]
        assert len(names) == len(set(names)), r


def test_hosts_are_reserved_names(records: list[dict[str, Any]]) -> None:
    for r in records:
        host = dict(r["headers"])["host"].split(":")[0]
        assert "example" in host.split("."), host  # example.com/.org/.net and country variants


def test_check_flag(gen: ModuleType, requests: list[Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "benign_requests_r4.jsonl"
    monkeypatch.setattr(gen, "OUT", out)
    monkeypatch.setattr(gen, "generate", lambda: requests)  # determinism is tested above
    with pytest.raises(SystemExit):
        gen.main(["--check"])  # not written yet
    gen.main([])
    assert out.read_text(encoding="utf-8") == gen.render(requests)
    gen.main(["--check"])
    out.write_text(out.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    with pytest.raises(SystemExit):
        gen.main(["--check"])


def test_output_is_git_ignored() -> None:
    ignored = (TOOLS.parent / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "tests/shield/data/benign_requests_r4.jsonl" in ignored
