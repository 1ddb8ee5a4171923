"""The flow's email step, driven by hand with a fake analyzer and fake
answers: when it is yielded, with what, and how the answers conclude."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from arcjet_core.context import raw_from_request
from arcjet_core.decision import Decision
from arcjet_core.email_checks import EmailFacts
from arcjet_core.engine import AnalyzeCall, EmailCheckCall, Engine, IOCall, StorageCall
from arcjet_core.enums import Conclusion
from arcjet_core.errors import ArcjetError
from arcjet_core.rules import RuleSpec, sliding_window, validate_email

from ..engine.harness import Analysis, FakeStorage, Outcome_, engine

VALID = Analysis({0: Outcome_("ALLOW", {"type": "EMAIL", "email_types": []})})
INVALID = Analysis({0: Outcome_("DENY", {"type": "EMAIL", "email_types": ["INVALID"], "message": "no @"})})


def run(rules: Sequence[RuleSpec], email: str, analysis: Any,
        answer: Callable[[EmailCheckCall], Any] | None = None) -> tuple[Decision, list[IOCall]]:
    eng: Engine = engine(rules)
    inputs = eng.validate_inputs(email=email)
    raw = raw_from_request({"ip": "203.0.113.7", "path": "/", "headers": {"user-agent": "ua"}})
    flow = eng.flow(eng.context_for(raw, inputs), inputs)
    steps: list[IOCall] = []
    storage = FakeStorage()
    try:
        call = next(flow)
        while True:
            steps.append(call)
            if isinstance(call, AnalyzeCall):
                reply: Any = analysis
            elif isinstance(call, EmailCheckCall):
                assert answer is not None, "the flow asked for email checks, which this test did not expect"
                reply = answer(call)
            else:
                assert isinstance(call, StorageCall)
                reply = storage.run(call.ops)
            call = flow.send(reply)
    except StopIteration as stop:
        return stop.value, steps


def no_mx(call: EmailCheckCall) -> list[EmailFacts]:
    return [EmailFacts(("NO_MX_RECORDS",), ()) for _ in call.checks]


def test_the_email_step_comes_after_the_analyzer_and_after_storage() -> None:
    rules = [validate_email(deny=["NO_MX_RECORDS"]), sliding_window(max=5, interval=60)]
    deliverable = run(rules, "Ada@MÜNCHEN.de", VALID, lambda call: [EmailFacts((), ())])
    decision, steps = deliverable
    assert [type(s).__name__ for s in steps] == ["AnalyzeCall", "StorageCall", "EmailCheckCall"]
    email_step = steps[2]
    assert isinstance(email_step, EmailCheckCall)
    (check,) = email_step.checks
    assert (check.rule_index, check.address, check.domain, check.mx, check.gravatar_url) == (
        0, "Ada@MÜNCHEN.de", "xn--mnchen-3ya.de", True, None)
    assert decision.is_allowed()
    # The limit is counted before the lookup, so a deny by the lookup spends it
    # (a flood of made-up domains is rate limited); a deny by the bundled
    # lists needs no lookup and spends nothing.
    decision, steps = run(rules, "ada@example.com", VALID, no_mx)
    assert decision.is_denied() and [type(s).__name__ for s in steps] == ["AnalyzeCall", "StorageCall", "EmailCheckCall"]
    decision, steps = run([validate_email(deny=["DISPOSABLE", "NO_MX_RECORDS"]), sliding_window(max=5, interval=60)],
                          "ada@mailinator.com", VALID)
    assert decision.is_denied() and decision.reason_v2.email_types == ("DISPOSABLE", "FREE")  # type: ignore[union-attr]
    assert [type(s).__name__ for s in steps] == ["AnalyzeCall"]


def test_no_email_step_without_a_lookup_to_make() -> None:
    _, steps = run([validate_email(deny=["DISPOSABLE", "FREE", "INVALID"])], "ada@gmail.com", VALID)
    assert [type(s).__name__ for s in steps] == ["AnalyzeCall"]


def test_no_email_step_for_an_invalid_address() -> None:
    decision, steps = run([validate_email(deny=["INVALID", "NO_MX_RECORDS"])], "ada", INVALID)
    assert [type(s).__name__ for s in steps] == ["AnalyzeCall"]
    assert decision.is_denied() and decision.reason_v2.email_types == ("INVALID",)  # type: ignore[union-attr]


def test_no_email_step_when_the_analyzer_failed() -> None:
    decision, steps = run([validate_email(deny=["NO_MX_RECORDS"])], "ada@example.com", ArcjetError("trap"))
    assert [type(s).__name__ for s in steps] == ["AnalyzeCall"]
    assert decision.results[0].conclusion is Conclusion.ERROR


def test_a_failed_email_step_is_an_error_result() -> None:
    decision, _ = run([validate_email(deny=["NO_MX_RECORDS"])], "ada@example.com", VALID,
                      lambda call: ArcjetError("resolver exploded"))
    result = decision.results[0]
    assert result.conclusion is Conclusion.ERROR and "resolver exploded" in result.reason_v2.message  # type: ignore[union-attr]


def test_each_rule_gets_its_own_answer() -> None:
    # The second is DRY_RUN: a LIVE rule the bundled list already denies is not looked up.
    rules = [validate_email(deny=["NO_MX_RECORDS"]), validate_email(mode="DRY_RUN", deny=["FREE"], check_gravatar=True)]
    analysis = Analysis({i: Outcome_("ALLOW", {"type": "EMAIL", "email_types": []}) for i in (0, 1)})
    decision, steps = run(rules, "ada@gmail.com", analysis,
                          lambda call: [EmailFacts((), ()), EmailFacts(("NO_GRAVATAR",), ())])
    email_step = steps[1]
    assert isinstance(email_step, EmailCheckCall)
    assert [(c.rule_index, c.mx, c.gravatar_url is not None) for c in email_step.checks] == [(0, True, False),
                                                                                            (1, False, True)]
    first, second = decision.results
    assert first.is_allowed() and first.reason_v2.email_types == ("FREE",)  # type: ignore[union-attr]
    assert second.is_denied() and second.reason_v2.email_types == ("FREE", "NO_GRAVATAR")  # type: ignore[union-attr]
