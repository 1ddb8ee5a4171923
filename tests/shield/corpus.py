"""Shield test data: the crate's case tables and benign corpus, the libinjection lists.

Readers mirror `wasm/shield/tests/common/corpus.rs`, so the Python tests see
exactly the inputs the crate's own tests see. The request corpora at the end
(tests/shield/data: benign requests, public attack payload sets and their
tune/holdout split) are read here only.
"""

from __future__ import annotations

import base64
import functools
import importlib
import importlib.util
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parents[2]
SHIELD_CRATE = REPO / "wasm" / "shield"
CASES_DIR = SHIELD_CRATE / "tests" / "cases"
BENIGN_DIR = SHIELD_CRATE / "tests" / "benign"

CATEGORY = {
    "sqli": "SQL_INJECTION",
    "xss": "XSS",
    "traversal": "PATH_TRAVERSAL",
    "rfi": "FILE_INCLUSION_REMOTE",
    "cmdi": "COMMAND_INJECTION",
    "php": "PHP_INJECTION",
    "java": "JAVA_INJECTION",
    "ssti": "TEMPLATE_INJECTION",
    "ssrf": "SSRF",
    "protocol": "PROTOCOL_ANOMALY",
    "limits": "INSPECTION_LIMIT",
}
_UNRESERVED = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")


def shared_dir() -> Path:
    explicit = os.environ.get("ARCJET_SHARED_DIR")
    return Path(explicit) if explicit else REPO.parent / "shared"


def libinjection_dir() -> Path:
    return shared_dir() / "data" / "shield" / "libinjection"


def corpus_files(directory: Path, prefix: str) -> list[Path]:
    return sorted(p for p in directory.iterdir() if p.name.startswith(prefix) and p.name.endswith(".txt"))


def lines(path: Path) -> list[bytes]:
    """Non-empty lines not starting with `#`, as bytes; a trailing CR removed."""
    out = []
    for line in path.read_bytes().split(b"\n"):
        if line.endswith(b"\r"):
            line = line[:-1]
        if line and not line.startswith(b"#"):
            out.append(line)
    return out


def url_decode(s: bytes) -> bytes:
    """Query-string decoding of one corpus line (`+` is a space), as the crate's tests do."""
    out = bytearray()
    i, n = 0, len(s)
    while i < n:
        c = s[i]
        if c == 0x2B:
            out.append(0x20)
            i += 1
        elif c == 0x25 and i + 2 < n + 0 and i + 2 <= n - 1:
            try:
                out.append(int(s[i + 1:i + 3].decode("ascii"), 16))
                i += 3
            except ValueError:
                out.append(c)
                i += 1
        else:
            out.append(c)
            i += 1
    return bytes(out)


def url_encode(s: bytes) -> str:
    """Percent-encodes every byte but RFC 3986 unreserved ones."""
    return "".join(chr(b) if b in _UNRESERVED else f"%{b:02X}" for b in s)


def unescape_case(s: str) -> bytes:
    r"""Undoes the escapes of the case files: `\n`, `\r`, `\t`, `\\`, `\xNN`."""
    b = s.encode("utf-8")
    out = bytearray()
    i = 0
    while i < len(b):
        if b[i] == 0x5C and i + 1 < len(b):
            nxt = b[i + 1]
            simple = {0x6E: 0x0A, 0x72: 0x0D, 0x74: 0x09, 0x5C: 0x5C}
            if nxt in simple:
                out.append(simple[nxt])
                i += 2
                continue
            if nxt == 0x78 and i + 3 < len(b):
                try:
                    out.append(int(b[i + 2:i + 4].decode("ascii"), 16))
                    i += 4
                    continue
                except ValueError:
                    pass
            out.append(0x5C)
            i += 1
        else:
            out.append(b[i])
            i += 1
    return bytes(out)


@dataclass(frozen=True)
class Case:
    file: str
    expect: str  # high | medium | low | none
    place: str
    value: bytes

    @property
    def category(self) -> str:
        return CATEGORY[self.file]

    def __str__(self) -> str:
        return f"{self.file}:{self.expect}:{self.place}:{self.value!r}"


def cases() -> list[Case]:
    out = []
    for path in sorted(CASES_DIR.glob("*.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line or line.startswith("#"):
                continue
            expect, place, value = line.split("\t", 2)
            out.append(Case(path.stem, expect, place, unescape_case(value)))
    return out


def benign_inputs() -> list[tuple[str, bytes]]:
    """(source, value): libinjection's false_positives.txt and the crate's tests/benign."""
    out = [("false_positives.txt", url_decode(line)) for line in lines(libinjection_dir() / "false_positives.txt")]
    for path in corpus_files(BENIGN_DIR, ""):
        out.extend((path.name, unescape_case(line.decode("utf-8", "surrogateescape"))) for line in lines(path))
    return out


def request(place: str, value: bytes, ip: str = "8.8.8.8") -> dict[str, Any]:
    """The plain-mapping request a case's `where` describes (as tests/cases.rs builds it)."""
    text = value.decode("utf-8", "replace")
    req: dict[str, Any] = {"ip": ip, "method": "POST", "path": "/", "query": "",
                           "headers": {"user-agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"}}
    headers: dict[str, str] = req["headers"]
    if place == "query":
        req["query"] = "q=" + url_encode(value)
    elif place == "rawquery":
        req["query"] = text
    elif place == "path":
        req["path"] = text
    elif place == "cookie":
        headers["cookie"] = "c=" + url_encode(value)
    elif place == "method":
        req["method"] = text
    elif place == "form":
        headers["content-type"] = "application/x-www-form-urlencoded"
        req["body"] = ("f=" + url_encode(value)).encode()
    elif place == "json":
        headers["content-type"] = "application/json"
        escaped = text.replace("\\", "\\\\").replace('"', '\\"')
        req["body"] = ('{"comment": {"text": "' + escaped + '"}}').encode()
    elif place == "realjson":
        # A real JSON encoder's output (control characters escaped too).
        headers["content-type"] = "application/json"
        req["body"] = json.dumps({"comment": {"text": text}}).encode()
    elif place == "text":
        headers["content-type"] = "text/plain"
        req["body"] = value
    elif place == "multipart":
        headers["content-type"] = "multipart/form-data; boundary=XyZ"
        req["body"] = b'--XyZ\r\nContent-Disposition: form-data; name="f"\r\n\r\n' + value + b"\r\n--XyZ--\r\n"
    elif place == "headers":
        pairs = [tuple(line.split(": ", 1)) for line in text.split("\n") if ": " in line]
        req["headers"] = [("user-agent", headers["user-agent"]), *pairs]
    elif place.startswith("header:"):
        headers[place[len("header:"):]] = text
    else:
        raise ValueError(f"unknown place {place}")
    return req


# ------------------------------------------------ request corpora (tests/shield/data)
#
# Whole requests rather than single values: the benign request corpus
# (tools/gen_benign_requests.py) and the public attack payload sets
# (tools/fetch_payloads.py), split by source into a tune and a holdout side.

DATA_DIR = REPO / "tests" / "shield" / "data"
ATTACKS_DIR = DATA_DIR / "attacks"
ATTACK_PLACES = ("query", "form", "realjson")
SIDES = ("tune", "holdout")


@dataclass(frozen=True)
class LabeledRequest:
    """A request mapping for protect(), with where it comes from."""

    source: str
    label: str  # "benign", or the attack class (sqli, xss, cmdi, traversal, ...)
    place: str  # benign: what the request carries (page, form, json, ...); attacks: where the payload sits
    request: dict[str, Any]


@dataclass(frozen=True)
class AttackPayload:
    source: str
    attack: str
    value: bytes  # what the application receives (an operator object: its JSON text)
    operator: Any = None  # a NoSQL operator object, placed as an object rather than a string


def load_tool(name: str) -> ModuleType:
    """tools/<name>.py as a module of its own (its tests call its functions)."""
    spec = importlib.util.spec_from_file_location(name, REPO / "tools" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def _generated(module: str, *args: str) -> tuple[dict[str, Any], ...]:
    """A generated corpus (seeded, ~1 s) rather than a committed one: its
    megabytes would only repeat what the generator in tools/ makes."""
    sys.path.insert(0, str(REPO / "tools"))
    try:
        gen = importlib.import_module(module)
        requests = gen.generate(*args)
    finally:
        sys.path.remove(str(REPO / "tools"))
    return tuple(json.loads(json.dumps(r.record())) for r in requests)


@functools.cache
def _benign_records() -> tuple[dict[str, Any], ...]:
    """The eight benign corpora: tools/gen_benign_requests.py (13 sources) and
    every corpus of tools/gen_benign_requests_blind.py (r2 to r8, 8 sources
    each, written blind)."""
    blind = load_tool("gen_benign_requests_blind").CORPORA
    return _generated("gen_benign_requests") + sum((_generated("gen_benign_requests_blind", c) for c in blind), ())


# The benign sources split by corpus. Shield's CRS tuning
# (kinds/_shield_tuning.py) and its detectors were tuned on the first seven
# corpora: the `tune` side. The eighth (tools/benign_r8/) was written blind,
# by a helper told not to read shield's rules, tuning or detectors nor to
# run a detector on it, and committed before anything was scored on it: the
# `holdout` side says whether the tuning generalises.
#
# History. Until session 17 the first corpus itself was split (a seeded draw
# of 6 of its 13 sources held out: code_comments, markdown_posts, mobile_api,
# page_views, search, webhooks). Session 17 tuned on those sources' false
# positives (941370 on markdown, 942290/942151 on OData queries), so they
# joined the tune side, and a blind corpus (tools/benign_r2/) replaced them.
# After its one scoring (14.9 % denied with the CRS at PL1), session 17 tuned
# on it too (JSON Patch content types, 943120 on JSON session ids, template
# objects, numbered steps), and the third blind corpus replaced it. After
# the third's one scoring (19.1 % denied at PL1; our detectors alone 1.8 %)
# our SQL detector was tuned on the first three (a statement after an
# operator), and the fourth blind corpus replaced it. After the fourth's one
# scoring (8.5 % at PL1; ours alone 0.56 %), session 18 tuned on the first
# four (an interpreter named last, <meta> without http-equiv, a spreadsheet
# formula, every +json content type) and the fifth replaced it. After the
# fifth's one scoring (10.1 % at PL1, ModSecurity 22.3 %; ours alone 2.1 %),
# session 18 tuned on it (<style> without active CSS, GraphQL variables and
# 942290), and the sixth replaced it. After the sixth's one scoring (5.0 %
# at PL1, ModSecurity 13.8 %; ours alone 1.6 %), session 18 tuned on it
# (<meta> and <xml> that cannot act) and the seventh replaced it. The
# seventh's one scoring: 4.0 % at PL1 (ModSecurity 13.8 %), ours alone
# 1.6 %. Session 18 then fixed one bug it showed (a data URL's `;base64,`
# read as a command separator): it has been tuned on once, so it joined the
# tune side in session 19 and the eighth replaced it. The eighth's one
# scoring: 7.7 % at PL1 (ModSecurity 19.2 %), ours alone 1.25 %. Session 19
# then fixed two detector bugs it showed (a backslash anywhere in a value
# made its <style> block active; a web shell's name matched inside a commit
# hash): it has been tuned on once too, so the next round needs a ninth.
R2_SOURCES = ("admin_settings", "catalog_filters", "chat_messages", "docs_wiki", "rest_writes", "sso_flows",
              "support_tickets", "telemetry")
R3_SOURCES = ("booking_requests", "cms_blocks", "devops_configs", "forum_bbcode", "i18n_strings", "search_dsl",
              "spreadsheet", "webmail")
R4_SOURCES = ("gaming", "job_board", "legal_docs", "listings", "lms_quiz", "patient_portal", "qa_site", "recipes")
R5_SOURCES = ("crm", "fintech", "geo_maps", "graphql_api", "iot_devices", "notebooks", "social_feed", "travel")
R6_SOURCES = ("analytics_bi", "ecommerce_admin", "email_marketing", "event_tickets", "gov_forms", "hr_portal",
              "logistics", "support_widget")
R7_SOURCES = ("fitness_app", "forms_builder", "library_catalog", "marketplace_reviews", "news_cms", "photo_sharing",
              "restaurant_ordering", "url_shortener")
R8_SOURCES = ("auto_parts", "code_hosting", "crowdfunding", "insurance_claims", "itsm_helpdesk", "podcast_platform",
              "property_management", "research_data")
# Every source of the blind corpora; the rest are the first corpus's.
BLIND_SOURCES = R2_SOURCES + R3_SOURCES + R4_SOURCES + R5_SOURCES + R6_SOURCES + R7_SOURCES + R8_SOURCES


@functools.cache
def benign_split() -> dict[str, tuple[str, ...]]:
    sources = sorted({r["source"] for r in _benign_records()})
    return {"tune": tuple(s for s in sources if s not in R8_SOURCES), "holdout": R8_SOURCES}


def benign_requests(side: str | None = None) -> list[LabeledRequest]:
    """Every benign request, or those of one side of benign_split()."""
    if side is not None and side not in SIDES:
        raise ValueError(f"side must be one of {SIDES}, not {side!r}")
    keep = set(benign_split()[side]) if side is not None else None
    out = []
    for r in _benign_records():
        if keep is not None and r["source"] not in keep:
            continue
        body = r["body"].encode("utf-8") if "body" in r else (
            base64.b64decode(r["body_base64"]) if "body_base64" in r else None)
        req = {"method": r["method"], "path": r["path"], "query": r["query"],
               "headers": [(k, v) for k, v in r["headers"]], "body": body}
        out.append(LabeledRequest(r["source"], "benign", r["kind"], req))
    return out


def attack_sources() -> dict[str, dict[str, Any]]:
    """attacks/sources.json: package, version, licence, encoding, counts per source."""
    data: dict[str, dict[str, Any]] = json.loads((ATTACKS_DIR / "sources.json").read_text(encoding="utf-8"))
    return data


def attack_split() -> dict[str, list[str]]:
    """The sources on each side of split.json."""
    data = json.loads((DATA_DIR / "split.json").read_text(encoding="utf-8"))
    return {side: list(data[side]) for side in SIDES}


def attack_payloads(side: str) -> list[AttackPayload]:
    if side not in SIDES:
        raise ValueError(f"side must be one of {SIDES}, not {side!r}")
    sources = attack_sources()
    out = []
    for source in attack_split()[side]:
        encoding = sources[source]["encoding"]
        for line in (ATTACKS_DIR / f"{source}.jsonl").read_text(encoding="utf-8").splitlines():
            entry = json.loads(line)
            payload = entry["payload"]
            if isinstance(payload, str):
                raw = payload.encode("utf-8", "surrogatepass")
                out.append(AttackPayload(source, entry["class"], url_decode(raw) if encoding == "url" else raw))
            else:
                text = json.dumps(payload, separators=(",", ":")).encode()
                out.append(AttackPayload(source, entry["class"], text, payload))
    return out


def attack_requests(side: str = "holdout") -> list[LabeledRequest]:
    """Every payload of that side in a query argument, a urlencoded form
    field and a JSON string, as request() builds them; NoSQL operator
    objects as bracketed keys (`q[$ne]=`) and as JSON objects; XXE also as
    an XML body."""
    out = []
    for p in attack_payloads(side):
        if p.operator is not None:
            for place, req in operator_requests(p.operator).items():
                out.append(LabeledRequest(p.source, p.attack, place, req))
            continue
        for place in ATTACK_PLACES:
            out.append(LabeledRequest(p.source, p.attack, place, request(place, p.value)))
        if p.attack == "xxe":
            out.append(LabeledRequest(p.source, p.attack, "xml", xml_request(p.value)))
    return out


def bracket_fields(name: str, value: Any) -> list[tuple[str, str]]:
    """An object as PHP / Express `qs` bracket notation: {"$ne": null} -> [("q[$ne]", "")]."""
    if isinstance(value, dict):
        return [f for k, v in value.items() for f in bracket_fields(f"{name}[{k}]", v)]
    if isinstance(value, list):
        return [f for i, v in enumerate(value) for f in bracket_fields(f"{name}[{i}]", v)]
    if value is None:
        return [(name, "")]
    return [(name, json.dumps(value) if isinstance(value, bool) else str(value))]


def operator_requests(operator: Any) -> dict[str, dict[str, Any]]:
    def fields(name: str) -> str:
        return "&".join(f"{k}={url_encode(v.encode())}" for k, v in bracket_fields(name, operator))
    query = request("query", b"")
    query["query"] = fields("q")
    form = request("form", b"")
    form["body"] = fields("f").encode()
    json_req = request("realjson", b"")
    json_req["body"] = json.dumps({"comment": {"text": operator}}).encode()
    return {"query": query, "form": form, "realjson": json_req}


def xml_request(value: bytes) -> dict[str, Any]:
    req = request("text", value)
    req["headers"]["content-type"] = "application/xml"
    return req
