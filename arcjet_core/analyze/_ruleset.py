"""Ruleset: one client's content rules, configured into each thread's analyzer."""

from __future__ import annotations

import codecs
import hashlib
import itertools
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from arcjet_core.context import new_record
from arcjet_core.errors import ArcjetAnalyzerError, ArcjetMisconfiguration

from . import _instance
from ._dns import DnsVerifier, apply_dns, default_verifier, dns_candidates

if TYPE_CHECKING:
    from arcjet_core.context import RequestContext
    from arcjet_core.rules import RuleSpec

__all__ = ["AnalyzeOutput", "RuleOutcome", "Ruleset"]

# Kinds the analyzer evaluates today; other content rules are left to the engine.
ANALYZED_KINDS = frozenset({"BOT", "EMAIL", "SHIELD"})
# Longer headers are cut before crossing: no bot pattern needs more, and the
# request must fit the instance's memory limit whatever a client sends.
MAX_UA = 16 << 10
MAX_VALUE = 64 << 10
# Shield: body bytes inspected (shield()'s default; the rest is cut here, so it
# never crosses), and headers sent (servers allow ~100; a plain mapping could
# hold any number). Cookies travel separately; credentials are opaque to shield.
SHIELD_MAX_BODY = 128 << 10
SHIELD_MAX_HEADERS = 256
# A multipart body crosses whole up to this: shield skips file contents (a
# delimiter scan, linear and cheap) and counts only the fields it inspects
# toward max_body_bytes, so an upload is not denied for its size. Past this,
# the body is cut and flagged like any other.
SHIELD_MAX_MULTIPART = 8 << 20
# Header bytes (names and values) sent to shield, which inspects 64 KiB of
# values in all (the crate's max_header_bytes): past this the rest is cut and
# flagged. A plain mapping could otherwise send 256 headers of 64 KiB (16 MiB).
SHIELD_MAX_HEADER_BYTES = 256 << 10
_SHIELD_SKIP_HEADERS = frozenset({"cookie", "authorization", "proxy-authorization"})
# Memo keys longer than this are replaced by a 128-bit BLAKE2b digest, so a
# full memo holds at most cache_size * MEMO_RAW_KEY bytes of keys (4 MiB)
# however large the requests (bodies) are. A typical 1 KB form encodes to
# ~1.5 KB: hashing that as a dict key costs ~0.4 µs, a digest ~1.8 µs. Raw
# keys are far longer than 16 bytes, so they never collide with a digest.
MEMO_RAW_KEY = 4096
_HEADER_CHAR = re.compile(r'^http\.request\.headers\["(.+)"\]$')
# The C string escaper behind json.dumps (ensure_ascii=False flavour).
_q: Any = getattr(json.encoder, "c_encode_basestring", None) or json.encoder.py_encode_basestring
# Decoded outcome lines per client; outcomes repeat across requests (same user
# agent, same verdict), fingerprints do not, hence the separate lines.
MEMO_SIZE = 1024
_NO_ERROR: tuple[str | None, ...] = (None,)
_tokens = itertools.count(1)


@dataclass(frozen=True, slots=True)
class RuleOutcome:
    conclusion: str
    reason: dict[str, object]


class AnalyzeOutput(NamedTuple):
    # A NamedTuple (built for every request that crosses): ~0.5 µs cheaper
    # than a frozen dataclass, and as immutable.
    outcomes: Mapping[int, RuleOutcome]
    fingerprints: Sequence[str | None]
    fingerprint_errors: Sequence[str | None]


def _is_multipart(content_type: str | None) -> bool:
    return content_type is not None and content_type.lstrip()[:10].lower() == "multipart/"


def _is_utf8(data: bytes) -> bool:
    """Valid UTF-8, allowing a sequence cut short at the end (bodies are cut)."""
    try:
        codecs.utf_8_decode(data, "strict", False)
    except UnicodeDecodeError:
        return False
    return True


class _FingerprintPlan:
    """What one `fingerprint_sets` value needs from a request, worked out once."""

    __slots__ = ("count", "headers", "json_sets", "needs_cookies", "needs_query")

    def __init__(self, sets: Sequence[tuple[str, ...]]) -> None:
        self.count = len(sets)
        self.json_sets = json.dumps([list(s) for s in sets], ensure_ascii=False, separators=(",", ":"))
        names = {n for s in sets for n in s}
        self.headers = sorted({m.group(1).lower() for n in names if (m := _HEADER_CHAR.match(n))})
        self.needs_cookies = any(n.startswith("http.request.cookie[") for n in names)
        self.needs_query = any(n.startswith("http.request.uri.args[") for n in names)


class Fields(NamedTuple):
    """A request's fields as the analyzer takes them (see wasm/src/request.rs)."""

    ua: str | None
    email: str | None
    ip: str
    method: str
    host: str
    path: str
    query: str
    cookies: str
    headers: list[str]  # flat [name, value, ...]
    custom: list[str]  # flat [name, value, ...]
    json_sets: str
    shield_headers: list[str] | None  # flat [name, value, ...]; None without shield
    cut: str = ""  # what the host cut for shield: "t" the body, "c" headers or fields


_FRAME_MARK = b"\x01"


def _json_request(f: Fields, body: bytes | None) -> bytes:
    """The JSON form of the request (the frame's fallback), hand-assembled."""
    q = _q

    def obj(flat: list[str]) -> str:
        return "{" + ",".join(f"{q(flat[i])}:{q(flat[i + 1])}" for i in range(0, len(flat), 2)) + "}"

    shield = "null" if f.shield_headers is None else "[" + ",".join(map(q, f.shield_headers)) + "]"
    text = (
        f"[{'null' if f.ua is None else q(f.ua)},{q(f.ip)},{'null' if f.email is None else q(f.email)},"
        f"{q(f.method)},{q(f.host)},{q(f.path)},{q(f.query)},{q(f.cookies)},{obj(f.headers)},{obj(f.custom)},"
        f"{f.json_sets},{shield},{'null' if body is None else len(body)}{',' + q(f.cut) if f.cut else ''}]"
    )
    data = text.encode("utf-8", "replace")
    return data if body is None else data + body


class Ruleset:
    """Built once per client from its rule specs; thread-safe; configures each
    thread's analyzer instance lazily (eagerly on the constructing thread, so a
    bad rule fails at construction)."""

    def __init__(self, rules: Sequence[RuleSpec], *, dns_verifier: DnsVerifier | None = None,
                 cache_size: int = MEMO_SIZE) -> None:
        # cache_size bounds the memo (request bytes -> result) and the cache of
        # decoded outcomes; 0 sends every request through the analyzer.
        self._cache_size = cache_size
        self._token = next(_tokens)
        specs: list[dict[str, Any]] = []
        self._dns_rules: list[int] = []
        self._bot_rules: list[int] = []
        self._shield_body = -1  # bytes of body to send; -1: no shield rule
        for index, rule in enumerate(rules):
            kind = rule.kind
            if kind not in ANALYZED_KINDS:
                continue
            if kind == "BOT":
                spec: dict[str, Any] = {"kind": "BOT", "index": index}
                if getattr(rule, "uses_allow_list", True) and not getattr(rule, "deny", ()):
                    spec["allow"] = [str(x) for x in getattr(rule, "allow", ())]
                else:
                    spec["deny"] = [str(x) for x in getattr(rule, "deny", ())]
                if getattr(rule, "verify_dns", False):
                    self._dns_rules.append(index)
                self._bot_rules.append(index)
            elif kind == "SHIELD":
                # The body is cut to the largest limit of the client's shield rules.
                max_body = int(getattr(rule, "max_body_bytes", SHIELD_MAX_BODY))
                self._shield_body = max(self._shield_body, max_body)
                spec = {"kind": "SHIELD", "index": index, "max_body_bytes": max_body,
                        "on_limit": str(getattr(rule, "on_limit", "deny"))}
            else:
                spec = {
                    "kind": "EMAIL",
                    "index": index,
                    "require_top_level_domain": bool(getattr(rule, "require_top_level_domain", True)),
                    "allow_domain_literal": bool(getattr(rule, "allow_domain_literal", False)),
                    "deny": [_enum_value(x) for x in getattr(rule, "deny", ())],
                    "allow": [_enum_value(x) for x in getattr(rule, "allow", ())],
                }
            specs.append(spec)
        self._config = json.dumps({"rules": specs}, separators=(",", ":")).encode()
        self._needs_ua = bool(self._bot_rules)
        self._plans: dict[tuple[tuple[str, ...], ...], _FingerprintPlan] = {}
        self._outcomes: dict[bytes, Mapping[int, RuleOutcome]] = {}
        self._memo: dict[bytes, AnalyzeOutput] = {}
        self._dns = dns_verifier
        self._handle(_instance.current())  # validate now, in the caller's thread

    def _handle(self, inst: _instance.Instance) -> int:
        handle = inst.handles.get(self._token)
        if handle is None:
            out = json.loads(inst.call_json("configure", self._config))
            if "error" in out:
                raise ArcjetMisconfiguration(f"analyzer rejected the rules: {out['error']}")
            handle = int(out["handle"])
            inst.handles[self._token] = handle
        return handle

    def _plan(self, sets: Sequence[tuple[str, ...]]) -> _FingerprintPlan:
        key = tuple(sets)
        plan = self._plans.get(key)
        if plan is None:
            plan = _FingerprintPlan(key)
            if len(self._plans) < 64:  # sets come from rule config: a handful per client
                self._plans[key] = plan
        return plan

    def _encode(self, ctx: RequestContext, email: str | None, characteristics: Mapping[str, str],
                plan: _FingerprintPlan) -> bytes:
        """The request as the analyzer reads it (wasm/src/request.rs): a frame,
        0x01, the text's length (u32 LE), the fields joined by NUL, then the
        raw body. One join and one encode: escaping each string as JSON cost
        ~2.4 µs more, and building the fields as a record first 1.3 µs more
        (1.8 µs amid a whole protect())."""
        headers = ctx.headers  # names below are lower-case: first(), not get()
        ua = headers.first("user-agent") if self._needs_ua else None
        if ua is not None:
            ua = ua[:MAX_UA]
        found: list[str] = []
        if plan.headers:
            found = [x for n in plan.headers if (v := headers.first(n)) is not None for x in (n, v)]
        custom: list[str] = []
        if characteristics and plan.count:
            # Only fingerprints read them; sent otherwise, a per-user value
            # (a user id) would make every request's bytes new to the memo.
            custom = [x for k, v in characteristics.items() for x in (str(k), str(v))]
        shield = self._shield_body >= 0
        body = ctx.body if shield else None
        flat: list[str] | None = None
        # What the host cuts for shield is flagged, never dropped silently: the
        # analyzer applies the rule's on_limit policy to it ("t": the body, cut
        # here or by the read limit; "c": headers past SHIELD_MAX_HEADERS or a
        # field past MAX_VALUE).
        shield_cut = ""
        if shield:
            # What shield inspects: the full query and cookies, every header in
            # order as a flat [name, value, ...] list, and the raw body.
            skip = _SHIELD_SKIP_HEADERS
            items = headers.items()
            flat = [x for pair in items[:SHIELD_MAX_HEADERS] if pair[0] not in skip for x in pair]
            if len(items) > SHIELD_MAX_HEADERS:
                shield_cut = "c"
            cap = self._shield_body
            if body is not None and _is_multipart(headers.first("content-type")):
                cap = SHIELD_MAX_MULTIPART
            if body is not None and (ctx.body_truncated or len(body) > cap):
                body = body[:cap]
                shield_cut += "t"
            if body and not headers.first("content-type") and not _is_utf8(body):
                # Shield reads an untyped body as text; an untyped binary upload
                # (random bytes) would read as noise that now and then looks
                # like an attack. Attack payloads are text: send none.
                body = None
        query = ctx.query if shield or plan.needs_query else ""
        cookies = ctx.cookies if shield or plan.needs_cookies else ""
        flags = ("u" if ua is not None else "") + ("e" if email is not None else "") + (
            "sb" if body is not None else "s" if shield else "") + shield_cut
        parts = [flags, ua or "", ctx.ip, email or "", ctx.method, ctx.host, ctx.path, query, cookies,
                 str(len(found) // 2), *found, str(len(custom) // 2), *custom, plan.json_sets,
                 str(len(flat or ())), *(flat or ())]
        text = "\0".join(parts)
        if len(text) > MAX_VALUE:
            # Only then can one field be longer than MAX_VALUE: cut each, so a
            # request always fits the instance's memory whatever a client sends.
            if shield and "c" not in shield_cut and any(len(p) > MAX_VALUE for p in parts):
                shield_cut += "c"
                parts[0] += "c"
            if flat and sum(map(len, flat)) > SHIELD_MAX_HEADER_BYTES:
                # Shield inspects 64 KiB of header values in all; the rest
                # would only be copied and scanned: send a bounded prefix of
                # whole headers, and flag the cut.
                kept, size = 0, 0
                while kept < len(flat) and size + len(flat[kept]) + len(flat[kept + 1]) <= SHIELD_MAX_HEADER_BYTES:
                    size += len(flat[kept]) + len(flat[kept + 1])
                    kept += 2
                del parts[len(parts) - len(flat) - 1:]
                flat = flat[:kept]
                parts += [str(kept), *flat]
                if "c" not in shield_cut:
                    shield_cut += "c"
                    parts[0] += "c"
            parts = [p[:MAX_VALUE] for p in parts]
            text = "\0".join(parts)
        if text.count("\0") != len(parts) - 1:
            # A field holds a NUL itself and would split: the JSON form.
            def cut(xs: list[str]) -> list[str]:
                return [x[:MAX_VALUE] for x in xs]

            fields = Fields(ua, None if email is None else email[:MAX_VALUE], ctx.ip, ctx.method[:MAX_VALUE],
                            ctx.host[:MAX_VALUE],
                            ctx.path[:MAX_VALUE], query[:MAX_VALUE], cookies[:MAX_VALUE], cut(found), cut(custom),
                            plan.json_sets, None if flat is None else cut(flat), shield_cut)
            return _json_request(fields, body)
        # Lone surrogates (from undecodable bytes) become "?" rather than failing.
        data = text.encode("utf-8", "replace")
        return b"".join((_FRAME_MARK, len(data).to_bytes(4, "little"), data, body or b""))

    def _run(self, ctx: RequestContext, email: str | None, characteristics: Mapping[str, str],
             fingerprint_sets: Sequence[tuple[str, ...]]) -> AnalyzeOutput:
        plan = self._plan(fingerprint_sets)
        data = self._encode(ctx, email, characteristics, plan)
        # The analyzer is a pure function of (rules, request bytes): a client
        # repeating the same request (the usual case under a rate limit) is
        # answered from memory without crossing into Wasm at all.
        key = data if len(data) <= MEMO_RAW_KEY else hashlib.blake2b(data, digest_size=16).digest()
        memo = self._memo.get(key) if self._cache_size else None
        if memo is not None:
            return memo
        inst = _instance.current()
        handle = inst.handles.get(self._token)
        raw = inst.analyze(self._handle(inst) if handle is None else handle, data)
        head, _, tail = raw.partition(b"\n")
        outcomes = self._outcomes.get(head) if self._cache_size else None
        if outcomes is None:
            outcomes = self._decode_outcomes(head)
        count = plan.count
        if count == 1 and tail[:1] not in (b"!", b""):
            # The common shape, one fingerprint and no error, without the loop.
            result = new_record(AnalyzeOutput, (outcomes, (tail.decode("utf-8", "replace"),), _NO_ERROR))
        else:
            result = self._with_fingerprints(outcomes, tail, count)
        if self._cache_size:
            self._remember(key, result)
        return result

    @staticmethod
    def _with_fingerprints(outcomes: Mapping[int, RuleOutcome], tail: bytes, count: int) -> AnalyzeOutput:
        lines = tail.split(b"\n") if count else []
        if len(lines) != count:
            raise ArcjetAnalyzerError(f"analyzer returned {len(lines)} fingerprints for {count} sets")
        fps: list[str | None] = []
        errors: list[str | None] = []
        for line in lines:
            text = line.decode("utf-8", "replace")
            if text.startswith("!"):
                fps.append(None)
                errors.append(text[1:])
            else:
                fps.append(text)
                errors.append(None)
        return AnalyzeOutput(outcomes, tuple(fps), tuple(errors))

    def _remember(self, key: bytes, result: AnalyzeOutput) -> None:
        if len(self._memo) >= self._cache_size:
            self._memo.clear()  # bounded; refills with current traffic
        self._memo[key] = result

    def _decode_outcomes(self, head: bytes) -> Mapping[int, RuleOutcome]:
        try:
            out = json.loads(head)
            if "error" in out:
                raise ArcjetAnalyzerError(f"analyzer rejected the request: {out['error']}")
            outcomes = {int(i): RuleOutcome(c, r) for i, c, r in out["r"]}
        except (ValueError, KeyError, TypeError) as exc:
            raise ArcjetAnalyzerError(f"analyzer returned malformed output: {exc}") from exc
        if self._cache_size:
            if len(self._outcomes) >= self._cache_size:
                self._outcomes.clear()  # crude but bounded; refills with what is current
            self._outcomes[head] = outcomes
        return outcomes

    def analyze(self, ctx: RequestContext, *, email: str | None, characteristics: Mapping[str, str],
                fingerprint_sets: Sequence[tuple[str, ...]]) -> AnalyzeOutput:
        result = self._run(ctx, email, characteristics, fingerprint_sets)
        if self._dns_rules:
            verifier = self._dns or default_verifier()
            for index, ids in dns_candidates(result, self._dns_rules):
                verdict = verifier.verify(ctx.ip, ids)
                result = apply_dns(result, index, verdict)
        return result

    @property
    def awaits_io(self) -> bool:
        """True when analyze_async does I/O (DNS verification); else analyze() is the same, synchronously."""
        return bool(self._dns_rules)

    async def analyze_async(self, ctx: RequestContext, *, email: str | None, characteristics: Mapping[str, str],
                            fingerprint_sets: Sequence[tuple[str, ...]]) -> AnalyzeOutput:
        result = self._run(ctx, email, characteristics, fingerprint_sets)
        if self._dns_rules:
            verifier = self._dns or default_verifier()
            for index, ids in dns_candidates(result, self._dns_rules):
                verdict = await verifier.verify_async(ctx.ip, ids)
                result = apply_dns(result, index, verdict)
        return result


def _enum_value(x: object) -> str:
    value = getattr(x, "value", x)
    return str(value)
