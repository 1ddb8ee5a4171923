"""Running shield through the public API: one client, a fresh client IP per request."""

from __future__ import annotations

import itertools
from typing import Any

from arcjet_core import Decision, RuleResult, arcjet_sync, shield

_ips = itertools.count(1)


def fresh_ip() -> str:
    """A global address no other request in this process used (Google's 2001:4860::/32)."""
    n = next(_ips)
    return f"2001:4860:{n >> 16:x}:{n & 0xFFFF:x}::1"


class Probe:
    """A shield-only client whose suspicion threshold is out of reach, so each
    decision shows what detection made of that one request."""

    def __init__(self, paranoia_level: int | None = None) -> None:
        self.aj = arcjet_sync(key="shield-probe", rules=[shield(threshold=1_000_000, paranoia_level=paranoia_level)],
                              environment="development")

    def protect(self, req: dict[str, Any]) -> tuple[Decision, RuleResult]:
        req = {**req, "ip": fresh_ip()}
        decision = self.aj.protect(req)
        (result,) = decision.results
        assert result.kind == "SHIELD"
        assert result.state.value == "RUN", result
        return decision, result

    def categories(self, req: dict[str, Any]) -> tuple[bool, tuple[str, ...]]:
        """(denied, categories) for one request."""
        decision, result = self.protect(req)
        return decision.conclusion.value == "DENY", tuple(getattr(result.reason_v2, "categories", ()))

    def close(self) -> None:
        self.aj.close()
