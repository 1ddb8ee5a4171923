"""OpenTelemetry span attributes (the optional ``otel`` extra): off unless ``tracing=True``.

protect() annotates the span that is current when it runs (the request's
server span, when the app is instrumented); it starts no span of its own.
Attributes (all under ``arcjet.``): ``decision.id``, ``decision.conclusion``,
``decision.reason``, ``decision.ttl``, ``rules.denied`` (kinds of the LIVE
rules that denied), ``rules.dry_run_denied`` (kinds that would have denied),
``rules.errored``. Never the client's address or any input.
"""

from __future__ import annotations

from typing import Any

from arcjet_core.decision import Decision
from arcjet_core.enums import Conclusion
from arcjet_core.errors import ArcjetMisconfiguration


class Tracing:
    def __init__(self) -> None:
        try:
            from opentelemetry import trace
        except ImportError as exc:
            raise ArcjetMisconfiguration(
                "tracing=True needs opentelemetry-api; install it with `pip install 'arcjet-local[otel]'`") from exc
        self._current_span: Any = trace.get_current_span

    def annotate(self, decision: Decision) -> None:
        span = self._current_span()
        if not span.is_recording():
            return
        denied: list[str] = []
        would: list[str] = []
        errored: list[str] = []
        for r in decision.results:
            if r.conclusion is Conclusion.DENY:
                (would if r.dry_run else denied).append(r.kind)
            elif r.conclusion is Conclusion.ERROR:
                errored.append(r.kind)
        span.set_attributes({
            "arcjet.decision.id": decision.id,
            "arcjet.decision.conclusion": decision.conclusion.value,
            "arcjet.decision.reason": decision.reason_v2.type,
            "arcjet.decision.ttl": int(decision.ttl),
            "arcjet.rules.denied": denied,
            "arcjet.rules.dry_run_denied": would,
            "arcjet.rules.errored": errored,
        })


def tracing_from(option: object) -> Tracing | None:
    if option is None or option is False:
        return None
    if isinstance(option, Tracing):
        return option
    if option is True:
        return Tracing()
    raise ArcjetMisconfiguration(f"tracing must be True or False, got {option!r}")
