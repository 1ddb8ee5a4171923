"""What the analyzer build evaluates, so tests of a not-yet-integrated engine skip loudly
instead of failing (and run as soon as it lands)."""

from __future__ import annotations

import functools

import pytest

from arcjet_core import RuleState, arcjet_sync, shield


@functools.cache
def shield_integrated() -> bool:
    with arcjet_sync(key="probe", rules=[shield()], environment="development") as aj:
        decision = aj.protect({"ip": "8.8.8.8", "method": "GET", "path": "/", "headers": {"user-agent": "probe"}})
    return not any(r.kind == "SHIELD" and r.state is RuleState.NOT_RUN for r in decision.results)


requires_shield = pytest.mark.skipif(
    not shield_integrated(),
    reason="!!! SHIELD NOT INTEGRATED in the analyzer build yet: shield deny -> 403 cannot be tested !!!",
)
