"""Suite-wide fixtures. Redis fixtures live in tests/fixtures/redis_server.py."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from typing import Any

import pytest

pytest_plugins = ["tests.fixtures.redis_server"]


@pytest.fixture
def pipe() -> Iterator[tuple[socket.socket, Any]]:
    """(client end, server's buffered reader): a real socket, as a WSGI server hands wsgi.input to the app."""
    client, server = socket.socketpair()
    reader = server.makefile("rb")
    try:
        yield client, reader
    finally:
        client.close()  # first: a reader thread still blocked on the stall gets EOF
        reader.close()
        server.close()
