"""A record straight to its JSON line, for the file and Redis sinks: the
writer's hot loop.

The writer runs in the same interpreter as the requests, so its CPU is
taken from them (the GIL): ``json.dumps(build_record(...))`` costs several
times more than the request path's append. Here the line is assembled from
cached pieces instead: the same bytes as ``to_line(build_record(...))`` (a
test checks it), without a dict per rule. Results and reasons the engine
shares between requests (memoised content results, cached denies) are
serialised once; the caches are bounded and hold the objects they are keyed
by, so an id is never reused while its entry lives.
"""

from __future__ import annotations

import json
import time
from json.encoder import encode_basestring_ascii as _quote
from typing import Any

from arcjet_core.decision import Decision, RateLimitReason, Reason, RuleResult
from arcjet_core.enums import Conclusion, RuleState

from ._ip import IpCodec
from ._record import MAX_METHOD, SCHEMA_VERSION, clean_path, reason_fields, redact, ua_class

_CACHE = 4096
_dumps = json.JSONEncoder(ensure_ascii=True, separators=(",", ":")).encode
# An enum's .value is a Python-level property: look the quoted text up instead.
_ENUM: dict[object, str] = {m: _quote(m.value) for e in (Conclusion, RuleState) for m in e}


class LineBuilder:
    def __init__(self, ip: IpCodec) -> None:
        self._ip = ip
        self._second = -1
        self._second_text = ""
        # By the reason's identity and what else the fragment shows: results are
        # new objects per request, their reasons mostly shared ones.
        self._results: dict[tuple[Any, ...], tuple[Reason, str]] = {}
        self._reasons: dict[int, tuple[Reason, str]] = {}
        self._heads: dict[tuple[str, str, bool], str] = {}
        self._uas: dict[str | None, str] = {}
        self._ips: dict[str, str] = {}
        self._head = '{"v":' + str(SCHEMA_VERSION) + ',"ts":"'

    def _ts(self, ts: float) -> str:
        whole = int(ts)
        micros = round((ts - whole) * 1_000_000)
        if micros >= 1_000_000:
            whole, micros = whole + 1, micros - 1_000_000
        if whole != self._second:
            self._second = whole
            self._second_text = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(whole))
        return f"{self._second_text}.{micros:06d}Z"

    def _reason(self, reason: Reason) -> str:
        if isinstance(reason, RateLimitReason):  # new for every request: never worth caching
            return (f',"max":{int(reason.max)},"remaining":{int(reason.remaining)},'
                    f'"reset":{int(reason.reset.total_seconds())},"window":{int(reason.window.total_seconds())}')
        held = self._reasons.get(id(reason))
        if held is not None and held[0] is reason:
            return held[1]
        fields = reason_fields(reason)
        text = "," + _dumps(fields)[1:-1] if fields else ""
        if len(self._reasons) >= _CACHE:
            self._reasons.clear()
        self._reasons[id(reason)] = (reason, text)
        return text

    def _rule(self, r: RuleResult) -> str:
        reason = r.reason_v2
        cacheable = not isinstance(reason, RateLimitReason)
        if cacheable:
            rkey = (id(reason), r.rule_id, r.state, r.conclusion, r.dry_run, r.kind)
            held = self._results.get(rkey)
            if held is not None and held[0] is reason:
                return held[1]
        key = (r.rule_id, r.kind, r.dry_run)
        head = self._heads.get(key)
        if head is None:
            if len(self._heads) >= _CACHE:
                self._heads.clear()
            head = self._heads[key] = (f'{{"id":{_quote(r.rule_id)},"kind":{_quote(r.kind)},'
                                       f'"mode":"{"DRY_RUN" if r.dry_run else "LIVE"}"')
        text = (f'{head},"state":{_ENUM[r.state]},"conclusion":{_ENUM[r.conclusion]},'
                f'"reason":{_quote(reason.type)}{self._reason(reason)}}}')
        if cacheable:
            if len(self._results) >= _CACHE:
                self._results.clear()
            self._results[rkey] = (reason, text)
        return text

    def _ua(self, ua: str | None) -> str:
        cls = self._uas.get(ua)
        if cls is None:
            cls = ua_class(ua)
            if len(self._uas) >= _CACHE:
                self._uas.clear()
            self._uas[ua if ua is None or len(ua) <= 512 else ua[:512]] = cls
        return cls

    def _ip_text(self, ip: str) -> str:
        text = self._ips.get(ip)
        if text is None:
            text = _quote(self._ip.encode(ip))
            if len(self._ips) >= _CACHE:
                self._ips.clear()
            self._ips[ip] = text
        return text

    def line(self, ts: float, decision: Decision, method: str, path: str, user_agent: str | None) -> str:
        rules = ",".join([self._rule(r) for r in decision.results])
        return (f'{self._head}{self._ts(ts)}","id":{_quote(decision.id)},'
                f'"conclusion":{_ENUM[decision.conclusion]},"reason":{_quote(decision.reason_v2.type)},'
                f'"ip":{self._ip_text(decision.ip_address)},"ip_mode":"{self._ip.mode}",'
                f'"method":{_quote(redact(method.upper(), MAX_METHOD))},"path":{_quote(clean_path(path))},'
                f'"ua":"{self._ua(user_agent)}","ttl":{int(decision.ttl)},"rules":[{rules}]}}\n')


def line_of(record: dict[str, Any]) -> str:
    """The reference serialisation the builder must equal (sinks' to_line)."""
    return _dumps(record) + "\n"
