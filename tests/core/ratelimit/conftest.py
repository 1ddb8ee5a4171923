from __future__ import annotations

import sys

# The root tests/conftest.py registers these fixtures as a plugin for every
# suite; until it does, expose them here (pytest_plugins is root-only).
if "tests.fixtures.redis_server" not in sys.modules:
    from tests.fixtures.redis_server import *  # noqa: F403
