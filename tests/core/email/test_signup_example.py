"""The signup example, with its DNS and Gravatar lookups sent to loopback."""

from __future__ import annotations

from typing import Any

from starlette.testclient import TestClient

from example_projects.signup.app import create_app
from tests.fixtures.dns_server import DnsServer

from .http_server import AvatarServer

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0"


def post(client: TestClient, address: str) -> tuple[int, dict[str, Any]]:
    response = client.post("/signup", json={"email": address}, headers={"user-agent": BROWSER})
    return response.status_code, response.json()


def test_every_email_type(dns_server: DnsServer, avatar_server: AvatarServer) -> None:
    zone = dns_server.zone
    for domain in ("gmail.com", "mailinator.com"):
        zone.add(domain, "MX", "10 mail.mx.test.")
    avatar_server.add("ada@mx.test")
    app = create_app(dns_servers=[dns_server.address], gravatar=True, gravatar_url=avatar_server.url)
    with TestClient(app, client=("8.8.8.8", 50000)) as client:
        status, body = post(client, "ada@mx.test")
        assert (status, body["email_types"], body["errors"]) == (200, [], [])
        status, body = post(client, "bob@gmail.com")
        assert status == 200 and body["email_types"] == ["FREE", "NO_GRAVATAR"] and len(body["notes"]) == 2
        status, body = post(client, "ada@mailinator.com")
        assert status == 400 and "Disposable" in body["error"] and "DISPOSABLE" in body["email_types"]
        status, body = post(client, "ada@nullmx.test")
        assert (status, body["email_types"]) == (400, ["NO_MX_RECORDS", "NO_GRAVATAR"])
        status, body = post(client, "ada@")
        assert (status, body["email_types"]) == (400, ["INVALID"])
        # The limit is 5 in 10 minutes. Spent so far: the two that went through and
        # nullmx.test, denied by its lookup (the limit is counted before lookups, so a
        # flood of made-up domains is rate limited); mailinator.com (the bundled list)
        # and "ada@" (syntax) were denied without a lookup and spent nothing.
        assert [post(client, "ada@mx.test")[0] for _ in range(4)] == [200, 200, 429, 429]


def test_a_dns_outage_is_reported_not_denied(dns_server: DnsServer) -> None:
    with TestClient(create_app(dns_servers=[dns_server.address], gravatar=False),
                    client=("8.8.8.9", 50000)) as client:
        status, body = post(client, "ada@servfail.test")
    assert status == 200 and body["email_types"] == [] and "SERVFAIL" in body["errors"][0]
