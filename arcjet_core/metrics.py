"""Prometheus metrics (the optional ``prometheus`` extra): off unless ``metrics=`` is given.

``arcjet(..., metrics=True)`` registers in prometheus_client's default
registry; ``metrics=registry`` in that one. Clients that share a registry
share the metrics (a name can be registered only once per registry).

- ``arcjet_decisions_total{conclusion, reason}``
- ``arcjet_rule_results_total{rule, kind, mode, conclusion, reason}``: ``rule`` is
  the rule id, so the label's values are bounded by the rules configured
- ``arcjet_protect_duration_seconds``: protect() latency, histogram
- ``arcjet_storage_errors_total``: storage round trips that failed
- ``arcjet_decision_log_dropped_total``: decisions the log dropped (buffer full)
"""

from __future__ import annotations

import threading
from typing import Any

from arcjet_core.decision import Decision
from arcjet_core.errors import ArcjetMisconfiguration

# protect() takes tens of microseconds to a few milliseconds (a Redis round trip).
LATENCY_BUCKETS = (0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0)

_lock = threading.Lock()
_by_registry: dict[int, tuple[Any, Metrics]] = {}


def _prometheus() -> Any:
    try:
        import prometheus_client
    except ImportError as exc:
        raise ArcjetMisconfiguration(
            "metrics= needs prometheus_client; install it with `pip install 'arcjet-local[prometheus]'`") from exc
    return prometheus_client


class Metrics:
    """The metric objects of one registry; labelled children cached, so a decision costs dict lookups."""

    def __init__(self, registry: Any) -> None:
        prom = _prometheus()
        self.decisions = prom.Counter("arcjet_decisions_total", "protect() decisions by conclusion and reason",
                                      ("conclusion", "reason"), registry=registry)
        self.rule_results = prom.Counter(
            "arcjet_rule_results_total", "Rule results by rule, kind, mode, conclusion and reason",
            ("rule", "kind", "mode", "conclusion", "reason"), registry=registry)
        self.latency = prom.Histogram("arcjet_protect_duration_seconds", "protect() latency in seconds",
                                      buckets=LATENCY_BUCKETS, registry=registry)
        self.storage_errors = prom.Counter("arcjet_storage_errors_total",
                                           "Rate-limit storage round trips that failed", registry=registry)
        self.log_dropped = prom.Counter("arcjet_decision_log_dropped_total",
                                        "Decisions the decision log dropped because its buffer was full",
                                        registry=registry)
        self._decision_children: dict[tuple[str, ...], Any] = {}
        self._rule_children: dict[tuple[str, ...], Any] = {}

    @staticmethod
    def _child(children: dict[tuple[str, ...], Any], metric: Any, labels: tuple[str, ...]) -> Any:
        child = children.get(labels)
        if child is None:
            child = children[labels] = metric.labels(*labels)
        return child

    def observe(self, decision: Decision, seconds: float) -> None:
        self._child(self._decision_children, self.decisions,
                    (decision.conclusion.value, decision.reason_v2.type)).inc()
        for r in decision.results:
            self._child(self._rule_children, self.rule_results, (
                r.rule_id, r.kind, "DRY_RUN" if r.dry_run else "LIVE", r.conclusion.value, r.reason_v2.type)).inc()
        self.latency.observe(seconds)

    def storage_error(self) -> None:
        self.storage_errors.inc()

    def dropped(self) -> None:
        self.log_dropped.inc()


def metrics_from(option: object) -> Metrics | None:
    """``metrics=``: None/False (off), True (the default registry) or a CollectorRegistry."""
    if option is None or option is False:
        return None
    prom = _prometheus()
    if option is True:
        registry = prom.REGISTRY
    elif isinstance(option, prom.CollectorRegistry):
        registry = option
    elif isinstance(option, Metrics):
        return option
    else:
        raise ArcjetMisconfiguration(
            f"metrics must be True, False or a prometheus_client CollectorRegistry, got {type(option).__name__}")
    with _lock:
        held = _by_registry.get(id(registry))
        if held is not None and held[0] is registry:
            return held[1]
        metrics = Metrics(registry)
        _by_registry[id(registry)] = (registry, metrics)
        return metrics
