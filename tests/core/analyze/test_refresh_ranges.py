"""wasm/refresh_bot_ranges.py parses each operator format (offline: bodies are inline)."""

from __future__ import annotations

import importlib.util
import json
from types import ModuleType

from .helpers import BOTS_JSON, ROOT


def load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("refresh_bot_ranges", ROOT / "wasm" / "refresh_bot_ranges.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_formats() -> None:
    r = load()
    google = {"creationTime": "2025-08-19T14:46:20", "prefixes": [{"ipv6Prefix": "2001:4860:4801:10::/64"},
                                                                 {"ipv4Prefix": "66.249.64.0/27"}]}
    assert r.extract("https://developers.google.com/g.json", "http-json", json.dumps(google).encode()) == [
        "66.249.64.0/27", "2001:4860:4801:10::/64"]
    aws = {"prefixes": [{"ip_prefix": "1.2.3.0/24", "service": "ROUTE53_HEALTHCHECKS"},
                        {"ip_prefix": "5.6.7.0/24", "service": "EC2"}]}
    assert r.extract("https://ip-ranges.amazonaws.com/ip-ranges.json", "http-json", json.dumps(aws).encode()) == [
        "1.2.3.0/24"]
    assert r.extract("u", "http-text", b"173.245.48.0/20\n2400:cb00::/32\n") == ["173.245.48.0/20", "2400:cb00::/32"]
    assert r.extract("u", "http-csv", b"# geofeed\n31.13.24.0/21,IE,IE-D,Dublin,\n") == ["31.13.24.0/21"]
    assert r.extract("u", "http-json", b'["34.66.202.43", "not an ip", "1"]') == ["34.66.202.43/32"]


def test_every_snapshot_source_is_named_by_the_catalogue() -> None:
    r = load()
    snapshot = json.loads((ROOT / "wasm" / "data" / "bot_ranges.json").read_text(encoding="utf-8"))
    known = r.sources(json.loads(BOTS_JSON.read_text(encoding="utf-8")), snapshot["extra_sources"])
    assert set(snapshot["sources"]) <= set(known)
    for entry in snapshot["sources"].values():
        assert entry["prefixes"] and entry["date"] and entry["provenance"]
