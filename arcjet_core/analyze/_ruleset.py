"""Ruleset: one client's analyzer parts, configured into each thread's analyzer.

A Ruleset knows no rule kind: each kind says what it sends (an
``AnalyzerPart``: its configuration as the crate reads it, whether it reads
the user agent, how much of the request and body it inspects), and the
Ruleset encodes requests to match and decodes the outcomes. It is pure: DNS
verification of crawlers is a step of its own (see ``_dns``).
"""

from __future__ import annotations

import codecs
import hashlib
import itertools
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from arcjet_core._body import body_message, body_text
from arcjet_core.cache import BoundedMemo
from arcjet_core.errors import ArcjetAnalyzerError, ArcjetMisconfiguration

from . import _instance

if TYPE_CHECKING:
    from arcjet_core.context import RequestContext
    from arcjet_core.headers_map import Headers
    from arcjet_core.kinds import AnalyzerPart
    from arcjet_core.rules import RuleSpec

__all__ = ["AnalyzeOutput", "RuleOutcome", "Ruleset"]

# Longer user agents are cut before crossing: no bot pattern needs more, and
# the request must fit the instance's memory limit whatever a client sends.
MAX_UA = 16 << 10
MAX_VALUE = 64 << 10
# A part that inspects the request (shield) gets at most this many headers
# (servers allow ~100; a plain mapping could hold any number). Cookies travel
# separately; credentials are opaque to it.
MAX_HEADERS = 256
# A multipart body crosses whole up to this: shield skips file contents (a
# delimiter scan, linear and cheap) and counts only the fields it inspects
# toward max_body_bytes, so an upload is not denied for its size. Past this,
# the body is cut and flagged like any other.
MAX_MULTIPART = 8 << 20
# Header bytes (names and values) sent, of which shield inspects 64 KiB of
# values (the crate's max_header_bytes): past this the rest is cut and
# flagged. A plain mapping could otherwise send 256 headers of 64 KiB (16 MiB).
MAX_HEADER_BYTES = 256 << 10
# Cookies cross as their own field. Credentials cross too: the CRS inspects
# every header, as ModSecurity does, and nothing leaves the process.
_SKIP_HEADERS = frozenset({"cookie"})
# Memo keys longer than this are replaced by a 128-bit BLAKE2b digest, so a
# full memo holds at most cache_size * MEMO_RAW_KEY bytes of keys (4 MiB)
# however large the requests (bodies) are; hashing a short key as a dict key
# is cheaper than a digest. Raw keys are far longer than 16 bytes, so they
# never collide with a digest.
MEMO_RAW_KEY = 4096
# Requests remembered per client (request bytes -> output), and outputs
# decoded (outcomes repeat across requests: same user agent, same verdict).
MEMO_SIZE = 1024
_FRAME_MARK = b"\x01"
_tokens = itertools.count(1)


@dataclass(frozen=True, slots=True)
class RuleOutcome:
    conclusion: str
    reason: dict[str, object]


class AnalyzeOutput(NamedTuple):
    """The analyzer's outcome per rule index. The same object comes back for
    requests with the same output, so callers may memoise by its identity."""

    outcomes: Mapping[int, RuleOutcome]


def _is_multipart(content_type: str | None) -> bool:
    return content_type is not None and content_type.lstrip()[:10].lower() == "multipart/"


def _is_utf8(data: bytes) -> bool:
    """Valid UTF-8, allowing a sequence cut short at the end (bodies are cut)."""
    try:
        codecs.utf_8_decode(data, "strict", False)
    except UnicodeDecodeError:
        return False
    return True


class Ruleset:
    """Built once per client from its analyzer parts; thread-safe; configures
    each thread's analyzer instance lazily (eagerly on the constructing
    thread, so a bad rule fails at construction)."""

    def __init__(self, parts: Sequence[AnalyzerPart], *, cache_size: int = MEMO_SIZE) -> None:
        # cache_size bounds the memo (request bytes -> output) and the decoded
        # outputs; 0 sends every request through the analyzer.
        if isinstance(cache_size, bool) or not isinstance(cache_size, int) or cache_size < 0:
            raise ArcjetMisconfiguration(f"cache_size must be an int >= 0, got {cache_size!r}")
        for part in parts:
            if not hasattr(part, "spec"):
                raise TypeError(f"Ruleset takes analyzer parts, got {type(part).__name__} "
                                "(Ruleset.from_rules builds them from rule specs)")
        self._token = next(_tokens)
        specs = [{**part.spec, "index": part.index} for part in parts]
        self._config = json.dumps({"rules": specs}, separators=(",", ":")).encode()
        self._needs_ua = any(part.needs_user_agent for part in parts)
        # Body bytes to send; -1: no part reads the body.
        self._body_bytes = max((part.body_bytes for part in parts), default=-1)
        # The request's fields cross only when a part reads them; otherwise
        # requests that differ only there share the memo.
        self._needs_request = self._body_bytes >= 0 or any(part.needs_request for part in parts)
        # Body bytes read as text when no text is given; -1: no part scans text.
        self._text_bytes = max((part.text_bytes for part in parts), default=-1)
        self._text_chars = max((part.text_chars for part in parts), default=0)
        self._reads_local = any(part.reads_local for part in parts)
        # Body bytes a message is taken from when none is given; -1: no part
        # classifies one. The first part's field says where it is.
        self._prompt_bytes = max((part.prompt_bytes for part in parts), default=-1)
        self._prompt_field = next((part.prompt_field for part in parts if part.prompt_bytes >= 0), None)
        self._prompt_chars = max((part.prompt_chars for part in parts), default=0)
        # The analyze call's deadline: the longest any part needs (None: the default).
        self._deadline_ticks = max((part.deadline_ticks for part in parts), default=0) or None
        self._cache_size = cache_size
        self._memo: BoundedMemo[bytes, AnalyzeOutput] = BoundedMemo(cache_size)
        self._outputs: BoundedMemo[bytes, AnalyzeOutput] = BoundedMemo(cache_size)
        self._handle(_instance.current())  # validate now, in the caller's thread

    @classmethod
    def from_rules(cls, rules: Sequence[RuleSpec], *, cache_size: int = MEMO_SIZE) -> Ruleset:
        """The Ruleset of these rules' analyzer parts (as the engine builds it)."""
        from arcjet_core.kinds import prepare
        from arcjet_core.rules import DEFAULT_CHARACTERISTICS

        prepared = prepare(rules, namespace="", default_characteristics=DEFAULT_CHARACTERISTICS)
        return cls([part for p in prepared if (part := p.analyzer_part()) is not None], cache_size=cache_size)

    def _handle(self, inst: _instance.Instance) -> int:
        handle = inst.handles.get(self._token)
        if handle is None:
            out = json.loads(inst.configure(self._config))
            if "error" in out:
                raise ArcjetMisconfiguration(f"analyzer rejected the rules: {out['error']}")
            handle = int(out["handle"])
            inst.handles[self._token] = handle
        return handle

    def analyze(self, ctx: RequestContext, *, email: str | None, text: str | None = None,
                local: Mapping[str, str] | None = None, ip_fields: Sequence[str] = (),
                prompt: str | None = None) -> AnalyzeOutput:
        """Every part's outcome for this request: `email` for email rules,
        `text` for sensitive-information rules (else the body, read as text),
        `local` for filters' `local.*` fields, `ip_fields` (flat name, value
        pairs) for their `ip.src.*` fields, `prompt` for prompt-injection
        rules (else a message from the body)."""
        data = self._encode(ctx, email, self.text_to_scan(ctx, text), local, ip_fields,
                            self.prompt_to_classify(ctx, prompt))
        # The analyzer is a pure function of (rules, request bytes): a client
        # repeating the same request (the usual case under a rate limit) is
        # answered from memory without crossing into Wasm at all.
        key = data if len(data) <= MEMO_RAW_KEY else hashlib.blake2b(data, digest_size=16).digest()
        hit = self._memo.get(key)
        if hit is not None:
            return hit
        inst = _instance.current()
        handle = inst.handles.get(self._token)
        raw = inst.analyze(self._handle(inst) if handle is None else handle, data, self._deadline_ticks)
        output = self._outputs.get(raw)
        if output is None:
            output = self._outputs.put(raw, _decode(raw))
        return self._memo.put(key, output)

    def text_to_scan(self, ctx: RequestContext, text: str | None) -> str | None:
        """What sensitive-information parts scan: the given text, else the
        body as text (``_body.body_text``: its offsets index that text), cut to
        the parts' limit; None when no part scans text or there is nothing to
        scan."""
        if self._text_bytes < 0:
            return None
        if text is not None:
            return text if len(text) <= self._text_chars else None  # the kind reports it unchecked
        return None if ctx.body is None else body_text(ctx.body, self._text_bytes, ctx.headers.first("content-type"))

    def prompt_to_classify(self, ctx: RequestContext, prompt: str | None) -> str | None:
        """What prompt-injection parts classify: the given message, else one
        from the body (``_body.body_message``); None when no part classifies
        or there is none."""
        if self._prompt_bytes < 0:
            return None
        if prompt is not None:
            return prompt if len(prompt) <= self._prompt_chars else None  # the kind reports it unchecked
        if not ctx.body:
            return None
        return body_message(ctx.body, self._prompt_bytes, ctx.headers.first("content-type"), self._prompt_field)

    def _encode(self, ctx: RequestContext, email: str | None, text: str | None = None,
                local: Mapping[str, str] | None = None, ip_fields: Sequence[str] = (),
                prompt: str | None = None) -> bytes:
        """The request as the analyzer reads it (wasm/src/request.rs): a frame,
        0x01, the text's length (u32 LE), the fields joined by NUL, then the
        raw body. One join and one encode: escaping each string as JSON, or
        building the fields as a record first, costs more.

        Fields: flags, ua, ip, email, method, path, query, cookies, the HTTP
        version, the count of header strings and the headers as names and
        values, the text to scan, the count of `local` strings and its keys and
        values, the count of IP-detail strings and their names and values, then
        the message to classify. Only a part that reads the request gets method, path,
        query, cookies, version and headers, and only one that reads the body
        the body; otherwise they are sent empty, so that requests which differ
        only there share the memo. (The host name, headers and
        custom characteristics by name, and the fingerprint sets crossed too
        until fingerprints moved to the host: see wasm/src/request.rs.)"""
        headers = ctx.headers  # names below are lower-case: first(), not get()
        ua = headers.first("user-agent") if self._needs_ua else None
        if ua is not None:
            ua = ua[:MAX_UA]
        full = self._needs_request
        body: bytes | None = None
        flat: list[str] = []
        # What the host cuts is flagged, never dropped silently: the analyzer
        # applies the rule's on_limit policy to it ("t": the body, cut here or
        # by the read limit; "c": headers past MAX_HEADERS or a field past
        # MAX_VALUE).
        cut = ""
        if full:
            # Every header in order as a flat [name, value, ...] list.
            skip = _SKIP_HEADERS
            items = headers.items()
            flat = [x for pair in items[:MAX_HEADERS] if pair[0] not in skip for x in pair]
            if len(items) > MAX_HEADERS:
                cut = "c"
            flat += _transport_headers(headers, ctx)
            body = ctx.body if self._body_bytes >= 0 else None
            cap = self._body_bytes
            if body is not None and _is_multipart(headers.first("content-type")):
                cap = max(cap, MAX_MULTIPART)
            if body is not None and (ctx.body_truncated or len(body) > cap):
                body = body[:cap]
                cut += "t"
            if body and not headers.first("content-type") and not _is_utf8(body):
                # Shield reads an untyped body as text; an untyped binary upload
                # (random bytes) would read as noise that now and then looks
                # like an attack. Attack payloads are text: send none.
                body = None
            method, path, query, cookies, version = ctx.method, ctx.path, ctx.query, ctx.cookies, ctx.http_version
        else:
            method = path = query = cookies = version = ""
        flags = ("u" if ua is not None else "") + ("e" if email is not None else "") + (
            "sb" if body is not None else "s" if full else "") + ("i" if text is not None else "") + (
            "p" if prompt is not None else "")
        parts = [flags + cut, ua or "", ctx.ip, email or "", method, path, query, cookies, version, str(len(flat)), *flat]
        framed = "\0".join(parts)
        if len(framed) > MAX_VALUE:
            # Only then can one field be longer than MAX_VALUE: cut each, so a
            # request always fits the instance's memory whatever a client sends.
            if full and "c" not in cut and any(len(p) > MAX_VALUE for p in parts):
                cut += "c"
            if sum(map(len, flat)) > MAX_HEADER_BYTES:
                # Shield inspects 64 KiB of header values in all; the rest
                # would only be copied and scanned: send a bounded prefix of
                # whole headers, and flag the cut.
                kept, size = 0, 0
                while kept < len(flat) and size + len(flat[kept]) + len(flat[kept + 1]) <= MAX_HEADER_BYTES:
                    size += len(flat[kept]) + len(flat[kept + 1])
                    kept += 2
                flat = flat[:kept]
                if "c" not in cut:
                    cut += "c"
            parts = [p[:MAX_VALUE] for p in (flags + cut, *parts[1:9], str(len(flat)), *flat)]
            framed = "\0".join(parts)
        # The text to scan is never cut here (its source bounds it: the
        # body's read limit, or the kind refuses an over-long value), and
        # filter_local comes from the app, each string bounded like a field.
        pairs = [x[:MAX_VALUE] for item in local.items() for x in item] if local and self._reads_local else []
        framed = "\0".join((framed, text or "", str(len(pairs)), *pairs, str(len(ip_fields)), *ip_fields,
                             prompt or ""))
        if framed.count("\0") != len(parts) + len(pairs) + len(ip_fields) + 3:
            # A field holds a NUL itself and would split: the JSON form.
            return _json_request(parts, ua is not None, email is not None, full, body, cut, text, pairs,
                                 list(ip_fields), prompt)
        # Lone surrogates (from undecodable bytes) become "?" rather than failing.
        data = framed.encode("utf-8", "replace")
        return b"".join((_FRAME_MARK, len(data).to_bytes(4, "little"), data, body or b""))


def _transport_headers(headers: Headers, ctx: RequestContext) -> list[str]:
    """What the transport carried that the request's headers may not say: the
    CRS judges a request as a server received it (920280 flags a missing
    Host, 920180 a POST without Content-Length). A server that gives the host
    apart (ASGI's `server`, WSGI's SERVER_NAME, a mapping's "host") and a
    mapping whose body has no framing header get them back here; nothing is
    invented when the request says nothing."""
    extra: list[str] = []
    if ctx.host and headers.first("host") is None:
        extra += ("host", ctx.host)
    if ctx.body and headers.first("content-length") is None and headers.first("transfer-encoding") is None:
        extra += ("content-length", str(len(ctx.body)))
    return extra


def _json_request(parts: list[str], has_ua: bool, has_email: bool, full: bool, body: bytes | None,
                  cut: str, text: str | None, local: list[str], ip_fields: list[str], prompt: str | None) -> bytes:
    """The JSON form of the framed fields (wasm/src/request.rs), for a request
    the frame cannot carry: `[ua, ip, email, method, path, query, cookies,
    headers, body_len, cut, version, text, local, ip_details, prompt]`, then
    the raw body."""
    _, ua, ip, email, method, path, query, cookies, version = parts[:9]
    fields: list[object] = [ua if has_ua else None, ip, email if has_email else None, method, path, query,
                            cookies, parts[10:] if full else None, None if body is None else len(body),
                            cut or None, version or None, text, local, ip_fields, prompt]
    data = json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "replace")
    return data if body is None else data + body


def _decode(raw: bytes) -> AnalyzeOutput:
    try:
        out = json.loads(raw)
        if "error" in out:
            raise ArcjetAnalyzerError(f"analyzer rejected the request: {out['error']}")
        return AnalyzeOutput({int(i): RuleOutcome(c, r) for i, c, r in out["r"]})
    except (ValueError, KeyError, TypeError) as exc:
        raise ArcjetAnalyzerError(f"analyzer returned malformed output: {exc}") from exc
