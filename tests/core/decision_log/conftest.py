"""The line builder runs twice over: the C hot path (``_cline``) and Python alone."""

from __future__ import annotations

import os

import pytest

from arcjet_core.decision_log._line import NATIVE


@pytest.fixture(params=["c", "python"])
def native(request: pytest.FixtureRequest) -> bool:
    if request.param == "c" and not NATIVE:
        if os.environ.get("CI"):  # CI builds it (pip install -e .): a missing module is a build failure there
            pytest.fail("arcjet_core.decision_log._cline is not built: setup.py's extension did not compile")
        pytest.skip("arcjet_core.decision_log._cline is not built here (no C compiler at install)")
    return bool(request.param == "c")
