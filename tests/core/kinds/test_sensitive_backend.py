"""detect_sensitive_info(backend=...): a user's detector beside the native one."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from arcjet import (
    DetectedSensitiveInfoEntity,
    SensitiveInfoBackend,
    SensitiveInfoBackendContext,
    SensitiveInfoBackendOptions,
    SensitiveInfoEntitiesAllow,
    SensitiveInfoEntitiesDeny,
    SensitiveInfoResult,
    arcjet_sync,
    detect_sensitive_info,
)
from arcjet_core.errors import ArcjetMisconfiguration

REQUEST = {"ip": "8.8.8.8", "method": "GET", "path": "/", "headers": {}}


class NameBackend:
    """Finds capitalised first names from a list, and street addresses; records its calls."""

    NAMES = re.compile(r"\b(Alice|Bruno|Chiara)\b")
    STREETS = re.compile(r"\b\d+ [A-Z][a-z]+ (Street|Road)\b")

    def __init__(self) -> None:
        self.calls: list[tuple[str, object, SensitiveInfoBackendOptions | None]] = []

    def detect(self, context: SensitiveInfoBackendContext, value: str,
               entities: SensitiveInfoEntitiesAllow | SensitiveInfoEntitiesDeny,
               options: SensitiveInfoBackendOptions | None = None) -> SensitiveInfoResult:
        context.log.debug("scanning %d characters", len(value))
        self.calls.append((value, entities, options))
        found = [DetectedSensitiveInfoEntity(m.start(), m.end(), "GIVEN_NAME") for m in self.NAMES.finditer(value)]
        found += [DetectedSensitiveInfoEntity(m.start(), m.end(), "STREET_NAME") for m in self.STREETS.finditer(value)]
        # Something nobody asked for: must be dropped, not denied on.
        found += [DetectedSensitiveInfoEntity(m.start(), m.end(), "FAVOURITE_COLOUR")
                  for m in re.finditer(r"\bteal\b", value)]
        return SensitiveInfoResult(allowed=[], denied=found)


def test_the_backend_satisfies_the_protocol() -> None:
    assert isinstance(NameBackend(), SensitiveInfoBackend)


def test_backend_types_are_denied_beside_native_ones() -> None:
    backend = NameBackend()
    aj = arcjet_sync(key="bk", rules=[detect_sensitive_info(
        mode="LIVE", deny=["GIVEN_NAME", "EMAIL"], backend=backend, context_window_size=3)])
    text = "Alice lives at 12 Baker Street, likes teal, mail alice@example.com"
    d = aj.protect(REQUEST, sensitive_info_value=text)
    assert d.is_denied()
    reason = d.reason_v2
    denied = sorted((e.identified_type, text[e.start:e.end]) for e in reason.denied)  # type: ignore[union-attr]
    allowed = sorted((e.identified_type, text[e.start:e.end]) for e in reason.allowed)  # type: ignore[union-attr]
    assert denied == [("EMAIL", "alice@example.com"), ("GIVEN_NAME", "Alice")]
    assert allowed == [("STREET_NAME", "12 Baker Street")]  # found, not on the deny list
    value, entities, options = backend.calls[-1]
    assert value == text
    assert entities == SensitiveInfoEntitiesDeny(["GIVEN_NAME", "EMAIL"])
    assert options is not None and options.context_window_size == 3


def test_allow_list_decides_the_split_and_a_clean_text_passes() -> None:
    backend = NameBackend()
    aj = arcjet_sync(key="bk", rules=[detect_sensitive_info(mode="LIVE", allow=["GIVEN_NAME"], backend=backend)])
    assert aj.protect(REQUEST, sensitive_info_value="Chiara says hi").is_allowed()
    assert aj.protect(REQUEST, sensitive_info_value="Chiara lives at 3 Elm Road").is_denied()
    assert aj.protect(REQUEST, sensitive_info_value="nothing here").is_allowed()
    assert backend.calls[0][1] == SensitiveInfoEntitiesAllow(["GIVEN_NAME"])


def test_a_backend_span_overrides_the_native_span_it_overlaps() -> None:
    @dataclass
    class Internal:
        """Calls internal addresses an INTERNAL_HOST, not an IP_ADDRESS."""

        def detect(self, context: SensitiveInfoBackendContext, value: str, entities: object,
                   options: object = None) -> SensitiveInfoResult:
            return SensitiveInfoResult([DetectedSensitiveInfoEntity(m.start(), m.end(), "INTERNAL_HOST")
                                        for m in re.finditer(r"10\.\d+\.\d+\.\d+", value)], [])

    # allow: only the listed types pass; the native IP_ADDRESS span under an
    # internal host is replaced by the backend's INTERNAL_HOST.
    aj = arcjet_sync(key="bk", rules=[detect_sensitive_info(mode="LIVE", allow=["INTERNAL_HOST"],
                                                            backend=Internal())])
    assert aj.protect(REQUEST, sensitive_info_value="ping 10.1.2.3").is_allowed()
    assert aj.protect(REQUEST, sensitive_info_value="ping 8.8.4.4").is_denied()


def test_the_backend_reads_the_body_when_no_value_is_passed() -> None:
    backend = NameBackend()
    aj = arcjet_sync(key="bk", rules=[detect_sensitive_info(mode="LIVE", deny=["GIVEN_NAME"], backend=backend)])
    request = {**REQUEST, "method": "POST", "headers": {"content-type": "text/plain"}, "body": b"from Bruno"}
    assert aj.protect(request).is_denied()


class Raising:
    def detect(self, context: object, value: str, entities: object, options: object = None) -> SensitiveInfoResult:
        raise RuntimeError(f"model crashed on {value}")


class Malformed:
    def __init__(self, answer: object) -> None:
        self.answer = answer

    def detect(self, context: object, value: str, entities: object, options: object = None) -> object:
        return self.answer


@pytest.mark.parametrize(("backend", "message"), [
    (Raising(), "backend Raising raised RuntimeError"),
    (Malformed("nope"), "backend Malformed raised AttributeError"),
    (Malformed(SensitiveInfoResult([], [DetectedSensitiveInfoEntity(0, 99, "EMAIL")])), "outside the"),
    (Malformed(SensitiveInfoResult([], [DetectedSensitiveInfoEntity(0, 2, None)])), "identified_type"),  # type: ignore[arg-type]
])
def test_a_failing_backend_is_an_error_result_naming_it(backend: object, message: str) -> None:
    aj = arcjet_sync(key="bk", rules=[detect_sensitive_info(mode="LIVE", deny=["EMAIL"], backend=backend)])  # type: ignore[arg-type]
    d = aj.protect(REQUEST, sensitive_info_value="secret text")
    assert d.is_error() and d.is_allowed()
    assert message in d.results[0].reason_v2.message  # type: ignore[union-attr]
    assert "secret text" not in d.results[0].reason_v2.message  # type: ignore[union-attr]


def test_misconfigured_backends_raise_at_configuration() -> None:
    with pytest.raises(ArcjetMisconfiguration, match="backend"):
        detect_sensitive_info(mode="LIVE", backend=NameBackend)  # type: ignore[arg-type]  # the class
    with pytest.raises(ArcjetMisconfiguration, match="backend"):
        detect_sensitive_info(mode="LIVE", backend=object())  # type: ignore[arg-type]
    with pytest.raises(ArcjetMisconfiguration, match="backend= or a custom detect="):
        detect_sensitive_info(mode="LIVE", deny=["GIVEN_NAME"])
