from __future__ import annotations

from collections.abc import Iterator

import pytest

from .helpers import Probe


@pytest.fixture(scope="module")
def probe() -> Iterator[Probe]:
    p = Probe()
    yield p
    p.close()
