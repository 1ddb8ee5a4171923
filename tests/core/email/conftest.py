"""Fixtures of the email tests: a DNS server and an HTTP server on loopback."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.fixtures.dns_server import DnsServer, standard_zone

from .http_server import AvatarServer


@pytest.fixture
def dns_server() -> Iterator[DnsServer]:
    server = DnsServer(standard_zone())
    yield server
    server.close()


@pytest.fixture
def avatar_server() -> Iterator[AvatarServer]:
    server = AvatarServer()
    yield server
    server.close()
