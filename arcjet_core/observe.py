"""What a client does with a final decision besides returning it: the
decision log, metrics and tracing. All off by default: a client then holds
no Observer at all, and protect() pays one ``is None`` test.
"""

from __future__ import annotations

import time
from typing import Any

from arcjet_core.context import RequestContext
from arcjet_core.decision import Decision
from arcjet_core.decision_log import DecisionLog
from arcjet_core.decision_log._ip import check_mode
from arcjet_core.errors import ArcjetMisconfiguration
from arcjet_core.metrics import Metrics, metrics_from
from arcjet_core.tracing import Tracing, tracing_from


class Observer:
    __slots__ = ("log", "metrics", "owns_log", "timed", "tracing")

    def __init__(self, log: DecisionLog | None, owns_log: bool, metrics: Metrics | None,
                 tracing: Tracing | None) -> None:
        self.log = log
        self.owns_log = owns_log
        self.metrics = metrics
        self.tracing = tracing
        # protect() reads the clock only when the latency is measured.
        self.timed = metrics is not None
        if log is not None and metrics is not None and log.on_drop is None:
            log.on_drop = metrics.dropped

    def observe(self, decision: Decision, ctx: RequestContext, started: float) -> None:
        if self.log is not None:
            self.log.push(decision, ctx.method, ctx.path, ctx.headers.first("user-agent"))
        if self.metrics is not None:
            self.metrics.observe(decision, time.perf_counter() - started)
        if self.tracing is not None:
            self.tracing.annotate(decision)

    def storage_error(self) -> None:
        if self.metrics is not None:
            self.metrics.storage_error()

    def close(self) -> None:
        if self.owns_log and self.log is not None:
            self.log.close()

    async def aclose(self) -> None:
        if self.owns_log and self.log is not None:
            await self.log.aclose()


def observer_from(decision_log: object = None, log_ip: str = "full", metrics: object = None,
                  tracing: object = None) -> Observer | None:
    """The client's Observer, or None when nothing observes (the default)."""
    log: DecisionLog | None
    owns = False
    check_mode(log_ip)  # a typo fails at start-up, even while the log is off
    if decision_log is None or decision_log is False or decision_log == "":
        log = None
    elif isinstance(decision_log, DecisionLog):
        log = decision_log  # the caller's: it closes it (with_rule() clients share the parent's this way)
        if log_ip not in ("full", log.log_ip):
            raise ArcjetMisconfiguration(
                f"log_ip={log_ip!r} conflicts with the DecisionLog's own log_ip={log.log_ip!r}: set it there")
    else:
        log = DecisionLog(decision_log, log_ip=log_ip)
        owns = True
    m = metrics_from(metrics)
    t = tracing_from(tracing)
    if log is None and m is None and t is None:
        return None
    return Observer(log, owns, m, t)


def shared(observer: Observer | None) -> dict[str, Any]:
    """Options that give a derived client (with_rule) the same log and metrics, not owned."""
    if observer is None:
        return {}
    return {"decision_log": observer.log, "metrics": observer.metrics, "tracing": observer.tracing}
