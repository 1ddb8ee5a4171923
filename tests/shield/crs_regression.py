"""The OWASP CRS regression tests (go-ftw YAML) as the requests a web app receives.

Each test stage becomes a `Stage`: the request go-ftw would put on the wire,
parsed back the way an HTTP server hands it to the app, with the rule ids the
stage expects to fire (`expect_ids`) and not to fire (`no_expect_ids`).

What go-ftw sends (github.com/coreruleset/go-ftw, ftwhttp/request.go,
test/data.go, test/defaults.go), and so what this loader rebuilds:
- the request line is ``"{method} {uri} {version}\\r\\n"`` verbatim (defaults
  GET, ``/``, HTTP/1.1); the uri is not encoded;
- ``headers`` is a YAML map: go-ftw writes it sorted by name (byte order), not
  in file order;
- ``data`` is a Go template (only ``{{ "x" | repeat N }}`` appears; anything
  else raises here). With ``autocomplete_headers`` (default true) and data:
  a missing Content-Type becomes application/x-www-form-urlencoded, and when
  the Content-Type is exactly that and the data has nothing to unescape (no
  ``%``, no ``+``), each ``key=value`` pair of ``&``-separated data is
  query-escaped (Go's url.QueryEscape: space is ``+``); then ``Connection:
  close`` and ``Content-Length`` are appended when absent (Content-Length also
  for an empty body when the method matches ``^POST|PUT|PATCH|DELETE$``);
- a multipart/form-data body has every LF replaced by CRLF (with or without
  autocomplete);
- ``encoded_request`` is the whole request, base64, sent as is.

The bytes are then parsed as a server would: headers split at CRLF, the body
framed by Transfer-Encoding (de-chunked) or Content-Length (cut to it; data
past it is not part of this request), none when neither is present. Text
fields are those wire bytes decoded as Latin-1 (one character per byte, the
way ASGI servers hand over raw paths and headers), so nothing is lost.

`Stage.unreceivable` lists why a Python web app could never see the request
(servers reject it before any app code runs); empty when it can.
"""

from __future__ import annotations

import base64
import functools
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote_plus

import yaml

from .corpus import shared_dir

CRS_DIR = shared_dir() / "data" / "crs"
RULES_DIR = CRS_DIR / "rules"
TESTS_DIR = CRS_DIR / "tests" / "regression" / "tests"

# The CRS settings its own test run uses (coreruleset tests/docker-compose.yml
# and tests/regression/README.md): rules 920250 and 920360-920410 only run
# when these are set.
TEST_SETUP = {
    "crs_validate_utf8_encoding": "1",
    "arg_name_length": "100",
    "arg_length": "400",
    "total_arg_length": "6400",
    "max_num_args": "255",
    "max_file_size": "64100",
    "combined_file_sizes": "65535",
}

# go-ftw's log check `no_match_regex: \[id "\d+"\]`: no rule logged at all.
ANY_RULE_LOGGED = r'\[id "\d+"\]'

_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)  # every scalar a str, as Go's typed fields read them
_TOKEN = re.compile(rb"[!#$%&'*+.^_`|~0-9A-Za-z-]+")
_METHODS_WITH_BODY = re.compile(r"^POST|PUT|PATCH|DELETE$")  # go-ftw's, precedence and all
_REPEAT = re.compile(r'\{\{\s*"([^"\\]*)"\s*\|\s*repeat\s+(\d+)\s*\}\}')
_CHUNK_SIZE = re.compile(rb"([0-9A-Fa-f]+)[ \t]*(?:;[^\r\n]*)?")
_CTL_OR_SPACE = re.compile(rb"[\x00-\x20\x7f]")

_INPUT_KEYS = frozenset({
    "dest_addr", "port", "protocol", "uri", "method", "version", "headers", "data",
    "encoded_data", "encoded_request", "autocomplete_headers", "stop_magic",
})
_OUTPUT_KEYS = frozenset({"status", "log", "expect_error", "retry_once"})
_LOG_KEYS = frozenset({"expect_ids", "no_expect_ids", "match_regex", "no_match_regex"})


class LoaderError(Exception):
    """A test file uses something this loader does not reproduce."""


@dataclass(frozen=True)
class Stage:
    rule_id: int
    test_id: int
    stage: int  # 1-based
    stages: int  # how many the test has
    file: str  # the rule file's folder, e.g. "REQUEST-942-APPLICATION-ATTACK-SQLI"
    paranoia_level: int | None  # the rule's paranoia-level/N tag; None: no tag (949110, 999999)
    desc: str
    method: str
    uri: str  # the request target, raw
    version: str  # as in the request line, e.g. "HTTP/1.1"
    headers: tuple[tuple[str, str], ...]  # in wire order, names as sent
    data: bytes  # the bytes after the head, as sent
    body: bytes  # what the server hands the app (de-chunked, cut to Content-Length)
    wire: bytes  # the whole request as sent
    encoded: bool  # from `encoded_request`
    expect_ids: tuple[int, ...]
    no_expect_ids: tuple[int, ...]
    match_regex: str | None
    no_match_regex: str | None
    status: int | None  # the HTTP status the test expects (a server's, not the WAF's)
    unreceivable: tuple[str, ...]  # why no Python web app could get this request; empty when one can

    @property
    def id(self) -> str:
        """The test's id, as go-ftw names it: "<rule_id>-<test_id>"."""
        return f"{self.rule_id}-{self.test_id}"

    @property
    def key(self) -> str:
        """The stage's id: the test's, with ":<stage>" when the test has several."""
        return self.id if self.stages == 1 else f"{self.id}:{self.stage}"

    @property
    def request_rule(self) -> bool:
        return self.file.startswith("REQUEST-")

    @property
    def expects_no_rule(self) -> bool:
        """The stage asserts no rule at all is logged."""
        return self.no_match_regex == ANY_RULE_LOGGED and self.match_regex is None

    @property
    def checks_ids(self) -> bool:
        """The stage's expectation is about rule ids only (not log text, not a status)."""
        if self.match_regex is not None or (self.no_match_regex is not None and not self.expects_no_rule):
            return False
        return bool(self.expect_ids or self.no_expect_ids or self.expects_no_rule)

    @property
    def path(self) -> str:
        return self.uri.partition("?")[0]

    @property
    def query(self) -> str:
        return self.uri.partition("?")[2]

    @property
    def http_version(self) -> str:
        """"1.1" for "HTTP/1.1": the version as ASGI and WSGI report it."""
        version = self.version[5:] if self.version.upper().startswith("HTTP/") else self.version
        return "2" if version in ("2", "2.0") else version

    def passes(self, fired: set[int] | frozenset[int]) -> bool:
        """Whether `fired` (the rule ids logged) meets the stage's id expectations."""
        if self.expects_no_rule and fired:
            return False
        return all(i in fired for i in self.expect_ids) and not any(i in fired for i in self.no_expect_ids)


def stages(tests_dir: Path = TESTS_DIR) -> list[Stage]:
    """Every stage of every test file, in file and test order."""
    return list(_stages(tests_dir))


def by_test(items: Sequence[Stage]) -> dict[str, list[Stage]]:
    """Stages grouped by test id, in order."""
    out: dict[str, list[Stage]] = {}
    for s in items:
        out.setdefault(s.id, []).append(s)
    return out


@functools.lru_cache(maxsize=1)
def rule_paranoia_levels(rules_dir: Path = RULES_DIR) -> Mapping[int, int]:
    """Rule id -> its `paranoia-level/N` tag, for every tagged rule."""
    levels: dict[int, int] = {}
    for conf in sorted(rules_dir.glob("*.conf")):
        text = conf.read_text(encoding="utf-8").replace("\\\n", " ")
        for line in text.splitlines():
            if not line.lstrip().startswith(("SecRule", "SecAction")):
                continue
            rule_id = re.search(r"\bid:'?(\d+)", line)
            level = re.search(r"tag:'paranoia-level/(\d)'", line)
            if rule_id and level:
                levels[int(rule_id.group(1))] = int(level.group(1))
    return levels


# ------------------------------------------------------------------ reading


def _stages(tests_dir: Path) -> Iterator[Stage]:
    levels = rule_paranoia_levels()
    files = sorted(p for p in tests_dir.glob("*/*") if p.suffix in (".yaml", ".yml"))
    if not files:
        raise LoaderError(f"no go-ftw test files under {tests_dir}")
    for path in files:
        doc = yaml.load(path.read_bytes(), Loader=_LOADER)  # a BaseLoader: builds no objects
        if doc is None:
            continue  # a file that is all comments (920539.yaml)
        where = f"{path.parent.name}/{path.name}"
        rule_id = int(doc["rule_id"])
        # The level of the rule the file is named after when rule_id has no
        # tag: 933200.yaml declares rule_id 9331200 (a typo go-ftw keeps in
        # its test names, so it stays in ours).
        level = levels.get(rule_id) or (levels.get(int(path.stem)) if path.stem.isdigit() else None)
        for n, test in enumerate(doc["tests"], 1):
            test_id = int(test.get("test_id") or n)  # go-ftw: the position when test_id is absent
            raw_stages = test["stages"]
            for k, raw in enumerate(raw_stages, 1):
                try:
                    yield _stage(raw, rule_id, test_id, k, len(raw_stages), path.parent.name,
                                 level, str(test.get("desc", "")).strip())
                except LoaderError as exc:
                    raise LoaderError(f"{where} test {test_id}: {exc}") from None


def _stage(raw: Mapping[str, Any], rule_id: int, test_id: int, number: int, count: int,
           file: str, level: int | None, desc: str) -> Stage:
    extra = set(raw) - {"input", "output", "description"}
    if extra:
        raise LoaderError(f"unsupported stage fields {sorted(extra)}")
    inp, out = raw["input"], raw["output"]
    _no_unknown(inp, _INPUT_KEYS, "input")
    _no_unknown(out, _OUTPUT_KEYS, "output")
    log = out.get("log") or {}
    _no_unknown(log, _LOG_KEYS, "output.log")

    if inp.get("encoded_request"):
        wire = base64.b64decode(inp["encoded_request"])
        request = _parse(wire, None)
    else:
        line = (inp.get("method", "GET"), inp.get("uri", "/"), inp.get("version", "HTTP/1.1"))
        wire = _build(*line, inp.get("headers") or {}, _data(inp), _autocomplete(inp))
        request = _parse(wire, tuple(s.encode("utf-8") for s in line))
    method, uri, version, headers, data, body, unreceivable = request
    status = out.get("status")
    return Stage(
        rule_id=rule_id, test_id=test_id, stage=number, stages=count, file=file, paranoia_level=level,
        desc=desc, method=method, uri=uri, version=version, headers=headers, data=data, body=body, wire=wire,
        encoded=bool(inp.get("encoded_request")),
        expect_ids=_ids(log.get("expect_ids")), no_expect_ids=_ids(log.get("no_expect_ids")),
        match_regex=log.get("match_regex"), no_match_regex=log.get("no_match_regex"),
        status=int(status) if status else None, unreceivable=unreceivable,
    )


def _no_unknown(section: Mapping[str, Any], known: frozenset[str], name: str) -> None:
    unknown = set(section) - known
    if unknown:
        raise LoaderError(f"unsupported go-ftw {name} fields {sorted(unknown)}")


def _ids(value: Any) -> tuple[int, ...]:
    if value is None:
        return ()
    return tuple(int(v) for v in (value if isinstance(value, list) else [value]))


def _autocomplete(inp: Mapping[str, Any]) -> bool:
    if "autocomplete_headers" in inp:
        return _bool(inp["autocomplete_headers"])
    if "stop_magic" in inp:  # the deprecated inverse
        return not _bool(inp["stop_magic"])
    return True


def _bool(text: str) -> bool:
    if text.lower() not in ("true", "false"):
        raise LoaderError(f"not a boolean: {text!r}")
    return text.lower() == "true"


def _data(inp: Mapping[str, Any]) -> bytes:
    if "data" in inp:
        return _render(inp["data"]).encode("utf-8")
    if "encoded_data" in inp:
        return base64.b64decode(inp["encoded_data"])
    return b""


def _render(template: str) -> str:
    """go-ftw runs `data` through Go's text/template (with sprig); only `repeat` is used."""
    text = _REPEAT.sub(lambda m: m.group(1) * int(m.group(2)), template)
    if "{{" in _REPEAT.sub("", template):
        raise LoaderError(f"a Go template other than {{{{ \"x\" | repeat N }}}} in data: {template[:80]!r}")
    return text


# ------------------------------------------------------------------ go-ftw's request


def _build(method: str, uri: str, version: str, header_map: Mapping[str, str], data: bytes,
           autocomplete: bool) -> bytes:
    headers = [(k, header_map[k]) for k in sorted(header_map)]  # go-ftw: NewHeaderFromMap sorts

    def has(name: str) -> bool:
        return any(k.lower() == name for k, _ in headers)

    if data and autocomplete:
        if not has("content-type"):
            headers.append(("Content-Type", "application/x-www-form-urlencoded"))
        data = _encode_form(headers, data)
    if any(k.lower() == "content-type" and "multipart/form-data;" in v.lower() for k, v in headers):
        data = data.replace(b"\n", b"\r\n")
    if autocomplete:
        if not has("connection"):
            headers.append(("Connection", "close"))
        if not has("content-length") and (data or _METHODS_WITH_BODY.search(method)):
            headers.append(("Content-Length", str(len(data))))
    head = f"{method} {uri} {version}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers) + "\r\n"
    return head.encode("utf-8") + data


def _encode_form(headers: Sequence[tuple[str, str]], data: bytes) -> bytes:
    """go-ftw's encodeDataParameters."""
    if not any(k.lower() == "content-type" and v.lower() == "application/x-www-form-urlencoded" for k, v in headers):
        return data
    if b"%" in data or b"+" in data:
        return data  # Go's QueryUnescape changes it (or fails): taken as already encoded
    pairs = []
    for token in data.split(b"&"):
        key, eq, value = token.partition(b"=")
        pairs.append(quote_plus(key, safe="") + (("=" + quote_plus(value, safe="")) if eq else ""))
    return "&".join(pairs).encode("ascii")


# ------------------------------------------------------------------ what a server makes of it


def _parse(wire: bytes, line: tuple[bytes, bytes, bytes] | None) -> tuple[
        str, str, str, tuple[tuple[str, str], ...], bytes, bytes, tuple[str, ...]]:
    """(method, uri, version, headers, data, body, unreceivable) from the wire bytes.

    `line` is the request line's three fields when known (built from YAML, where
    a method may itself hold spaces); else the first line is split at spaces.
    """
    why: list[str] = []
    if line is None:
        request_line, _, rest = wire.partition(b"\r\n")
        parts = request_line.split(b" ")
        if len(parts) == 3:
            line = (parts[0], parts[1], parts[2])
        elif len(parts) == 2:
            line = (parts[0], parts[1], b"")
        else:
            line = (request_line, b"", b"")
            why.append(f"request line {request_line[:60]!r} is not 'METHOD target VERSION'")
    else:
        rest = wire[len(b" ".join(line)) + 2:]
    if rest.startswith(b"\r\n"):
        header_block, blank, data = b"", b"\r\n", rest[2:]
    else:
        header_block, blank, data = rest.partition(b"\r\n\r\n")
    if not blank:
        why.append("the head does not end in an empty line: the server waits for the rest")
    method, uri, version = line
    why += _request_line_problems(method, uri, version)

    headers: list[tuple[bytes, bytes]] = []
    for raw in header_block.split(b"\r\n") if header_block else []:
        name, colon, value = raw.partition(b":")
        if b"\n" in raw or b"\r" in raw:
            why.append(f"a bare CR or LF in header line {raw[:40]!r}: servers answer 400")
        elif raw[:1] in (b" ", b"\t"):
            why.append(f"a folded header line {raw[:40]!r}: servers answer 400")
        elif not colon or not _TOKEN.fullmatch(name):
            why.append(f"header line {raw[:40]!r} has no valid name: servers answer 400")
        elif b"\x00" in value:
            why.append(f"a NUL byte in header {name.decode('latin-1')!r}: servers answer 400")
        headers.append((name, value.strip(b" \t")))

    body, framing = _frame(headers, data)
    why += framing
    return (method.decode("latin-1"), uri.decode("latin-1"), version.decode("latin-1"),
            tuple((k.decode("latin-1"), v.decode("latin-1")) for k, v in headers),
            data, body, tuple(why))


def _request_line_problems(method: bytes, uri: bytes, version: bytes) -> list[str]:
    why = []
    if not _TOKEN.fullmatch(method):
        why.append(f"method {method.decode('latin-1')!r} is not an HTTP token: servers answer 400")
    if not uri or _CTL_OR_SPACE.search(uri):
        why.append("the request target is empty or holds a space or control byte: servers answer 400")
    if version in (b"", b"HTTP/0.9"):
        why.append("an HTTP/0.9 request line: Python servers speak HTTP/1.0 and later only")
    elif version not in (b"HTTP/1.0", b"HTTP/1.1", b"HTTP/2", b"HTTP/2.0"):
        why.append(f"HTTP version {version.decode('latin-1')!r}: servers answer 400 or 505")
    return why


def _frame(headers: Sequence[tuple[bytes, bytes]], data: bytes) -> tuple[bytes, list[str]]:
    """The body the server reads, and why it could not."""
    lengths = {v for k, v in headers if k.lower() == b"content-length"}
    codings = [c.strip().lower() for k, v in headers if k.lower() == b"transfer-encoding" for c in v.split(b",")]
    if codings:
        if codings[-1] != b"chunked":
            return b"", ["Transfer-Encoding without chunked last: servers answer 400 or 501"]
        # With Content-Length too, h11 ignores the length; llhttp and gunicorn
        # answer 400. One server delivering it is enough to keep the request.
        return _dechunk(data)
    if not lengths:
        return b"", []  # no framing: a request without either has no body
    if len(lengths) > 1 or not next(iter(lengths)).isdigit():
        return b"", ["an invalid or repeated Content-Length: servers answer 400"]
    n = int(next(iter(lengths)))
    if n > len(data):
        return data, [f"Content-Length {n} but {len(data)} bytes follow: the server waits for the rest"]
    return data[:n], []


def _dechunk(data: bytes) -> tuple[bytes, list[str]]:
    out = bytearray()
    pos = 0
    while True:
        end = data.find(b"\r\n", pos)
        size = _CHUNK_SIZE.fullmatch(data, pos, end) if end >= 0 else None
        if size is None:
            return bytes(out), ["a malformed chunked body: servers answer 400"]
        n = int(size.group(1), 16)
        if n == 0:
            return bytes(out), []
        start = end + 2
        if data[start + n:start + n + 2] != b"\r\n":
            return bytes(out), ["a malformed chunked body: servers answer 400"]
        out += data[start:start + n]
        pos = start + n + 2
