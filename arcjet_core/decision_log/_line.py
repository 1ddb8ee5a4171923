"""A record straight to its JSON line, for the file and Redis sinks; and
event lines (``DecisionLog.submit_event``).

``LineBuilder.line`` runs on the request thread, inside submit(): the buffer
then holds a str, not the decision (see ``_log.py`` for why). So it must be
cheap: the line is assembled from cached pieces, the same bytes as
``to_line(build_record(...))`` (tests check it, and that every cache follows
every change of shape), without a dict per rule. Per request only the
timestamp, the decision id and a rate limit's remaining/reset are formatted;
a rule's fragment is the last one seen for its id when the result matches it
by identity, else looked up by everything it shows. The caches are bounded,
keep no client-chosen key longer than ``_MAX_KEY``, and hold the objects
they are keyed by the id of, so an id is never reused while its entry lives.
What each cache buys is a row of benchmarks/decision_log.py.

When the C extension ``_cline`` is built (setup.py; optional, so an install
without a compiler still works), ``line`` is its ``Formatter``: the same
lookups in these same caches without the interpreter, behind its own memos
of the last rule shapes seen (``memos=False`` turns those off, for the
benchmark's row that shows what they buy). A new client IP, path
or user agent costs it one call of the method here that makes (and caches)
that fragment; anything else not cached (a new rule shape, an odd type,
caller fields) goes to this module's ``_line``, which fills the caches.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping
from json.encoder import encode_basestring_ascii as _quote
from typing import TYPE_CHECKING, Any, TypeVar

from arcjet_core.decision import Decision, RateLimitReason, Reason, RuleResult
from arcjet_core.enums import Conclusion, RuleState

from ._ip import IpCodec
from ._record import (
    MAX_CORRELATION_ID,
    MAX_METHOD,
    SCHEMA_VERSION,
    clean_path,
    log_metadata,
    reason_fields,
    redact,
    ua_class,
    utc_iso,
)

if TYPE_CHECKING:
    from collections import deque

    from ._cline import Formatter, Pusher


def _native() -> tuple[type[Formatter], type[Pusher]] | tuple[None, None]:
    try:
        from ._cline import Formatter, Pusher
    except ImportError:  # installed without a C compiler: the Python builder alone
        return None, None
    return Formatter, Pusher


_Formatter, _Pusher = _native()
NATIVE = _Formatter is not None
_CACHE = 4096
_MAX_KEY = 1024  # characters of a client-chosen cache key (path, user agent)
K = TypeVar("K")
V = TypeVar("V")
_dumps = json.JSONEncoder(ensure_ascii=True, separators=(",", ":")).encode
# For the caller's values (event fields): NaN and Infinity are not JSON, so such a value is refused.
_strict_dumps = json.JSONEncoder(ensure_ascii=True, separators=(",", ":"), allow_nan=False).encode
# An event line's own keys: a field of the same name is dropped, not allowed to overwrite them.
EVENT_KEYS = frozenset(("v", "ts", "event"))
MAX_EVENT_NAME = 64
# Fields are the caller's and may be built from request data: past this many
# bytes of encoded fields, further fields are dropped (the line stays).
MAX_EVENT_FIELDS_BYTES = 64 * 1024
# An enum's .value is a Python-level property: look the quoted text up instead.
_ENUM: dict[object, str] = {m: _quote(m.value) for e in (Conclusion, RuleState) for m in e}


def _put(cache: dict[K, V], key: K, value: V) -> V:
    if len(cache) >= _CACHE:
        cache.clear()  # bounded: a burst of new shapes costs recomputing, never memory
    cache[key] = value
    return value


def _rule_text(r: RuleResult, reason: Reason) -> str:
    fields = reason_fields(reason)
    return (f'{{"id":{_quote(r.rule_id)},"kind":{_quote(r.kind)},"mode":"{"DRY_RUN" if r.dry_run else "LIVE"}",'
            f'"state":{_ENUM[r.state]},"conclusion":{_ENUM[r.conclusion]},"reason":{_quote(reason.type)}'
            f'{"," + _dumps(fields)[1:-1] if fields else ""}}}')


class LineBuilder:
    """Builds lines; safe to share between request threads (each cache is one
    dict, and the timestamp's second is swapped as one tuple)."""

    def __init__(self, ip: IpCodec, *, native: bool = True, memos: bool = True) -> None:
        self._ip = ip
        self._second: tuple[int, str] = (-1, "")
        # A rule's fragment, by rule id: the last one seen, checked by identity
        # against the result (a rule's steady shape is one dict hit and a few
        # ``is`` tests); by everything it shows otherwise, so a rule switching
        # between shapes (ALLOW/DENY, one bot then another) is still cached.
        self._last: dict[str, tuple[Any, ...]] = {}
        self._rules: dict[tuple[Any, ...], tuple[Reason, str]] = {}
        # A rate limit's fragment around the two numbers that change per request:
        # the same two levels.
        self._limits: dict[str, tuple[Any, ...]] = {}
        self._limit_shapes: dict[tuple[Any, ...], tuple[str, str]] = {}
        self._verdicts: dict[tuple[int, str], str] = {}  # by id(conclusion), as _rules
        self._requests: dict[tuple[str, str], str] = {}
        self._ips: dict[str, str] = {}
        self._uas: dict[str | None, str] = {}
        # line(ts, decision, method, path, user_agent) -> the JSON line.
        self.line: Callable[[float, Decision, str, str, str | None], str] = self._line
        if native and _Formatter is not None:
            self.line = _Formatter(
                last=self._last, rules=self._rules, limits=self._limits, limit_shapes=self._limit_shapes,
                verdicts=self._verdicts, ips=self._ips, requests=self._requests, uas=self._uas,
                ratelimit=RateLimitReason, decision=Decision, result=RuleResult, slow=self._line,
                ip_text=self._ip_text, request_text=self._request, ua_text=self._ua,
                prefix=f'{{"v":{SCHEMA_VERSION},"ts":"', full_ip=ip.mode == "full", memos=memos)

    def _new_second(self, ts: float) -> tuple[str, int]:
        whole = int(ts)
        micros = round((ts - whole) * 1_000_000)
        if micros >= 1_000_000:
            whole, micros = whole + 1, micros - 1_000_000
        text = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(whole))
        self._second = (whole, text)
        return text, micros

    def _rule(self, r: RuleResult, reason: Reason) -> str:
        # Enum members by id(), not by value: an Enum's __hash__ is Python code
        # (members live as long as their class, so an id names one member).
        key = (id(reason), r.rule_id, id(r.state), id(r.conclusion), r.dry_run, r.kind)
        held = self._rules.get(key)
        if held is None or held[0] is not reason:
            held = _put(self._rules, key, (reason, _rule_text(r, reason)))
        _put(self._last, r.rule_id, (reason, r.state, r.conclusion, r.dry_run, r.kind, held[1]))
        return held[1]

    def _limit(self, r: RuleResult, reason: RateLimitReason) -> tuple[Any, ...]:
        key = (r.rule_id, id(r.state), id(r.conclusion), r.dry_run, r.kind, reason.type, reason.max, reason.window)
        parts = self._limit_shapes.get(key)
        if parts is None:
            head = (f'{{"id":{_quote(r.rule_id)},"kind":{_quote(r.kind)},'
                    f'"mode":"{"DRY_RUN" if r.dry_run else "LIVE"}","state":{_ENUM[r.state]},'
                    f'"conclusion":{_ENUM[r.conclusion]},"reason":{_quote(reason.type)},'
                    f'"max":{int(reason.max)},"remaining":')
            parts = _put(self._limit_shapes, key, (head, f',"window":{int(reason.window.total_seconds())}}}'))
        return _put(self._limits, r.rule_id, (r.state, r.conclusion, *key[3:], *parts))

    def _verdict(self, decision: Decision) -> str:
        return _put(self._verdicts, (id(decision.conclusion), decision.reason_v2.type),
                    f'"conclusion":{_ENUM[decision.conclusion]},"reason":{_quote(decision.reason_v2.type)}')

    def _ip_text(self, ip: str) -> str:
        return _put(self._ips, ip, f'{_quote(self._ip.encode(ip))},"ip_mode":"{self._ip.mode}"')

    def _request(self, method: str, path: str) -> str:
        text = f'"method":{_quote(redact(method.upper(), MAX_METHOD))},"path":{_quote(clean_path(path))}'
        # Keys are kept whole: a client's 1 MB path is formatted, never held.
        return _put(self._requests, (method, path), text) if len(method) + len(path) <= _MAX_KEY else text

    def _ua(self, ua: str | None) -> str:
        return _put(self._uas, ua, ua_class(ua)) if ua is None or len(ua) <= _MAX_KEY else ua_class(ua)

    def event(self, ts: float, event: str, fields: Mapping[Any, object]) -> str:
        sec, text = self._second
        whole = int(ts)
        micros = round((ts - whole) * 1_000_000)
        if whole != sec or micros >= 1_000_000:
            text, micros = self._new_second(ts)
        return f'{{"v":{SCHEMA_VERSION},"ts":"{text}.{str(micros).zfill(6)}Z' + event_tail(event, fields)

    def _line(self, ts: float, decision: Decision, method: str, path: str, user_agent: str | None) -> str:
        # The Python line: the whole hot path without the C extension, and the
        # C Formatter's fallback (which fills the caches it reads). Every piece
        # that repeats between requests is looked up; only the timestamp, the
        # id and a rate limit's remaining/reset are formatted each time.
        rules = []
        for r in decision.results:
            reason = r.reason_v2
            if reason.__class__ is RateLimitReason:
                lim = self._limits.get(r.rule_id)
                if (lim is None or lim[0] is not r.state or lim[1] is not r.conclusion or lim[2] is not r.dry_run
                        or lim[3] is not r.kind or lim[4] is not reason.type or lim[5] != reason.max
                        or lim[6] is not reason.window):
                    lim = self._limit(r, reason)
                rules.append(f'{lim[7]}{int(reason.remaining)},"reset":{int(reason.reset.total_seconds())}{lim[8]}')
            else:
                last = self._last.get(r.rule_id)
                if (last is not None and last[0] is reason and last[1] is r.state and last[2] is r.conclusion
                        and last[3] is r.dry_run and last[4] is r.kind):
                    rules.append(last[5])
                else:
                    rules.append(self._rule(r, reason))
        sec, text = self._second
        whole = int(ts)
        micros = round((ts - whole) * 1_000_000)
        if whole != sec or micros >= 1_000_000:
            text, micros = self._new_second(ts)
        verdict = self._verdicts.get((id(decision.conclusion), decision.reason_v2.type)) or self._verdict(decision)
        ip = self._ips.get(decision.ip_address) or self._ip_text(decision.ip_address)
        request = self._requests.get((method, path)) or self._request(method, path)
        ua = self._uas.get(user_agent) or self._ua(user_agent)
        return (f'{{"v":{SCHEMA_VERSION},"ts":"{text}.{str(micros).zfill(6)}Z","id":{_quote(decision.id)},{verdict},"ip":{ip},'
                f'{request},"ua":"{ua}","ttl":{int(decision.ttl)},"rules":[{",".join(rules)}]'
                f'{_caller_fields(decision) if decision.correlation_id is not None or decision.metadata else ""}}}\n')


def native_pusher(lines: LineBuilder | None, buffer: deque[Any], submit: Callable[..., bool],
                  stranded: Callable[[], None], max_entries: int, wake_at: int,
                  wake: Callable[[], None]) -> Pusher | None:
    """DecisionLog.submit's common case in C (``_cline.Pusher``), when the
    lines are built by the C Formatter; None otherwise."""
    if lines is None or _Pusher is None or _Formatter is None or not isinstance(lines.line, _Formatter):
        return None
    return _Pusher(formatter=lines.line, buffer=buffer, slow=submit, stranded=stranded, max=max_entries,
                   wake_at=wake_at, wake=wake)


def _caller_fields(decision: Decision) -> str:
    """The application's own fields, after ``rules``: rare, so not cached."""
    text = ""
    if decision.correlation_id is not None:
        text = ',"correlation_id":' + _quote(str(decision.correlation_id)[:MAX_CORRELATION_ID])
    metadata = log_metadata(decision.metadata)
    if metadata is not None:
        text += ',"metadata":' + _dumps(metadata)
    return text


def event_tail(event: str, fields: Mapping[Any, object]) -> str:
    """Everything of an event line after its timestamp: the name, then each
    field JSON can encode, in the caller's order."""
    parts = ['","event":', _quote(event[:MAX_EVENT_NAME])]
    size = 0
    for key, value in fields.items():
        if not isinstance(key, str) or key in EVENT_KEYS:
            continue
        try:
            text = _strict_dumps(value)
        except (TypeError, ValueError, RecursionError):
            continue  # a datetime, a set, NaN, a cycle: this field goes, the line stays
        size += len(key) + len(text)
        if size > MAX_EVENT_FIELDS_BYTES:
            break
        parts += [",", _quote(key), ":", text]
    parts.append("}\n")
    return "".join(parts)


def event_line(ts: float, event: str, fields: Mapping[Any, object]) -> str:
    """An event line without the builder's caches (for the dict sinks)."""
    return '{"v":' + str(SCHEMA_VERSION) + ',"ts":"' + utc_iso(ts) + event_tail(event, fields)


def line_of(record: dict[str, Any]) -> str:
    """The reference serialisation the builder must equal (sinks' to_line)."""
    return _dumps(record) + "\n"
