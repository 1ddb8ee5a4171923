"""OpenTelemetry span attributes (skipped only without opentelemetry-sdk)."""

from __future__ import annotations

import pytest

pytest.importorskip("opentelemetry.sdk.trace")

from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from arcjet_core import arcjet_sync, detect_bot, fixed_window
from arcjet_core.errors import ArcjetMisconfiguration


def test_protect_annotates_the_current_span() -> None:
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    tracer = provider.get_tracer("test")
    aj = arcjet_sync(key="otel", rules=[detect_bot(mode="DRY_RUN", deny=["CURL"]), fixed_window(max=1, window=60)],
                     tracing=True)
    request = {"ip": "8.8.8.8", "method": "GET", "path": "/", "headers": {"user-agent": "curl/8.4.0"}}
    with tracer.start_as_current_span("GET /"):
        aj.protect(request)
    with tracer.start_as_current_span("GET / again"):
        denied = aj.protect(request)
    aj.protect(request)  # no current span: nothing to annotate, nothing fails
    first, second = exporter.get_finished_spans()
    assert first.attributes is not None and second.attributes is not None
    assert first.attributes["arcjet.decision.conclusion"] == "ALLOW"
    assert tuple(first.attributes["arcjet.rules.dry_run_denied"]) == ("BOT",)  # type: ignore[arg-type]
    assert second.attributes["arcjet.decision.id"] == denied.id
    assert second.attributes["arcjet.decision.conclusion"] == "DENY"
    assert second.attributes["arcjet.decision.reason"] == "RATE_LIMIT"
    assert tuple(second.attributes["arcjet.rules.denied"]) == ("RATE_LIMIT",)  # type: ignore[arg-type]
    assert not any("8.8.8.8" in str(v) for v in second.attributes.values())


def test_tracing_rejects_other_values() -> None:
    with pytest.raises(ArcjetMisconfiguration, match="tracing"):
        arcjet_sync(key="t", tracing="on")
