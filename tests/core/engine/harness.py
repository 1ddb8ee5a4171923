"""Drive Engine.flow with a fake analyzer and fake storage: no Wasm, no Redis.

Like httpx's mock transport, the fakes stand in for the I/O the engine asks
for, so these tests pin the flow itself: which steps it yields, with what,
and how outcomes become results.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from arcjet_core.cache import TTLCache
from arcjet_core.context import RequestContext, raw_from_request
from arcjet_core.decision import Decision, RuleResult
from arcjet_core.engine import (
    AnalyzeCall,
    DnsCall,
    EmailCheckCall,
    Engine,
    IOCall,
    ProtectInput,
    StorageCall,
)
from arcjet_core.errors import ArcjetError
from arcjet_core.ip import IpResolver, TrustedProxies, parse_platform, parse_proxy_headers
from arcjet_core.kinds import RuleSpec
from arcjet_core.ratelimit import LimitOp, LimitOutcome, Op, Outcome, SuspicionOp, SuspicionOutcome


@dataclass(frozen=True)
class Outcome_:
    """What the analyzer reports for one rule (duck-typed as RuleOutcome)."""

    conclusion: str
    reason: dict[str, object]


class Analysis(NamedTuple):
    """The analyzer's output (duck-typed as AnalyzeOutput)."""

    outcomes: Mapping[int, Outcome_]


AnalyzerFn = Callable[[RequestContext, ProtectInput], "Analysis | ArcjetError"]


def clean(*indexes: int, kind: str = "SHIELD") -> AnalyzerFn:
    """An analyzer that allows every listed rule with an empty reason."""
    reasons: dict[str, dict[str, object]] = {
        "SHIELD": {"type": "SHIELD", "shield_triggered": False, "score": 0},
        "BOT": {"type": "BOT", "allowed": [], "denied": []},
        "EMAIL": {"type": "EMAIL", "email_types": []},
    }
    analysis = Analysis({i: Outcome_("ALLOW", reasons[kind]) for i in indexes})
    return lambda ctx, inputs: analysis


@dataclass
class FakeStorage:
    """Answers ops from a script (a function of the op) and records them."""

    answer: Callable[[Op], Outcome] | None = None
    fail: ArcjetError | None = None
    calls: list[tuple[Op, ...]] = field(default_factory=list)

    def run(self, ops: Sequence[Op]) -> list[Outcome] | ArcjetError:
        self.calls.append(tuple(ops))
        if self.fail is not None:
            return self.fail
        return [self.answer(op) if self.answer is not None else default_answer(op) for op in ops]


def default_answer(op: Op) -> Outcome:
    if isinstance(op, LimitOp):
        return LimitOutcome(True, 10, 9, 1.0, 60)
    assert isinstance(op, SuspicionOp)
    return SuspicionOutcome(False, op.add, 0.0)


@dataclass
class Harness:
    engine: Engine
    analyzer: AnalyzerFn | None = None
    storage: FakeStorage = field(default_factory=FakeStorage)
    dns: Callable[[str, tuple[str, ...]], Any] | None = None
    email: Callable[[EmailCheckCall], Any] | None = None
    steps: list[IOCall] = field(default_factory=list)

    def protect(self, request: Mapping[str, object] | None = None, **kwargs: Any) -> Decision:
        inputs = self.engine.validate_inputs(**kwargs)
        raw = raw_from_request(dict(request or {"ip": "203.0.113.7", "path": "/", "headers": {"user-agent": "ua"}}))
        flow = self.engine.flow(self.engine.context_for(raw, inputs), inputs)
        try:
            call = next(flow)
            while True:
                self.steps.append(call)
                call = flow.send(self._perform(call))
        except StopIteration as stop:
            decision: Decision = stop.value
            return decision

    def _perform(self, call: IOCall) -> Any:
        if isinstance(call, AnalyzeCall):
            assert self.analyzer is not None, "the flow crossed into the analyzer, which this test did not expect"
            return self.analyzer(call.ctx, call.inputs)
        if isinstance(call, DnsCall):
            assert self.dns is not None, "the flow asked for DNS, which this test did not expect"
            return [self.dns(call.ip, ids) for _, ids in call.checks]
        if isinstance(call, EmailCheckCall):
            assert self.email is not None, "the flow asked for email checks, which this test did not expect"
            return self.email(call)
        assert isinstance(call, StorageCall)
        return self.storage.run(call.ops)

    def kinds_of_steps(self) -> list[str]:
        return [type(s).__name__ for s in self.steps]


def engine(rules: Sequence[RuleSpec], *, fail_open: bool = True, characteristics: tuple[str, ...] = (),
           cache: TTLCache[RuleResult] | None = None) -> Engine:
    resolver = IpResolver(TrustedProxies.parse(None), parse_platform(None), False, parse_proxy_headers(None))
    return Engine(namespace="test", rules=rules, characteristics=characteristics, resolver=resolver,
                  disable_automatic_ip_detection=False, fail_open=fail_open,
                  cache=cache if cache is not None else TTLCache(max_entries=100))
