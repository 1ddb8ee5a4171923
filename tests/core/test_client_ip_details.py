"""aj.client_ip_details(request): the IP protect() uses, and where it came from."""

from __future__ import annotations

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from arcjet import ClientIpDetails, ClientIpProvenance, arcjet, arcjet_sync, fixed_window
from arcjet_core.errors import ArcjetMisconfiguration


def _req(ip: str, **headers: str) -> dict[str, object]:
    return {"ip": ip, "method": "GET", "path": "/", "headers": {k.replace("_", "-"): v for k, v in headers.items()}}


def test_direct_peer_from_a_real_starlette_request() -> None:
    aj = arcjet(key="ipd", rules=[])

    async def show(request: Request) -> JSONResponse:
        d = aj.client_ip_details(request)
        return JSONResponse({"ip": d.ip, "provenance": d.provenance.value, "verified": d.verified, "header": d.header})

    app = Starlette(routes=[Route("/", show)])
    with TestClient(app, client=("8.8.4.4", 5000)) as client:
        body = client.get("/", headers={"x-forwarded-for": "1.1.1.1"}).json()
    # A global peer is the client; its forwarding header is not believed.
    assert body == {"ip": "8.8.4.4", "provenance": "direct", "verified": True, "header": None}


def test_trusted_proxy_names_the_header_and_agrees_with_protect() -> None:
    aj = arcjet_sync(key="ipd", rules=[fixed_window(mode="LIVE", max=1, window=60)], proxies=["10.0.0.0/8"])
    request = _req("10.1.2.3", x_forwarded_for="9.9.9.9, 10.1.2.4")
    assert aj.client_ip_details(request) == ClientIpDetails("9.9.9.9", ClientIpProvenance.TRUSTED_PROXY, True,
                                                            "x-forwarded-for")
    assert aj.protect(request).ip_address == "9.9.9.9"


def test_loopback_peer_without_proxies_is_an_unverified_header() -> None:
    aj = arcjet_sync(key="ipd", rules=[])
    d = aj.client_ip_details(_req("127.0.0.1", x_forwarded_for="203.0.113.50"))
    assert (d.ip, d.provenance, d.verified, d.header) == (
        "203.0.113.50", ClientIpProvenance.UNVERIFIED_HEADER, False, "x-forwarded-for")


def test_platform_header_is_a_trusted_source() -> None:
    aj = arcjet_sync(key="ipd", rules=[], platform="cloudflare")
    d = aj.client_ip_details(_req("8.8.8.8", cf_connecting_ip="1.0.0.1"))
    assert (d.ip, d.provenance, d.verified, d.header) == ("1.0.0.1", ClientIpProvenance.TRUSTED_PROXY, True,
                                                          "cf-connecting-ip")


def test_application_mapping_is_request_provenance() -> None:
    d = arcjet_sync(key="ipd", rules=[]).client_ip_details(_req("8.8.8.8"))
    assert d == ClientIpDetails("8.8.8.8", ClientIpProvenance.REQUEST, False, None)


def test_no_peer_is_none_and_development_is_development() -> None:
    assert arcjet_sync(key="ipd", rules=[]).client_ip_details(_req("")).provenance is ClientIpProvenance.NONE
    dev = arcjet_sync(key="ipd", rules=[], environment="development").client_ip_details(_req(""))
    assert (dev.ip, dev.provenance) == ("127.0.0.1", ClientIpProvenance.DEVELOPMENT)


def test_ip_src_is_manual_and_checked() -> None:
    aj = arcjet_sync(key="ipd", rules=[])
    assert aj.client_ip_details(_req("8.8.8.8"), ip_src="2001:DB8::1") == ClientIpDetails(
        "2001:db8::1", ClientIpProvenance.MANUAL, False, None)
    with pytest.raises(ArcjetMisconfiguration, match="ip_src"):
        aj.client_ip_details(_req("8.8.8.8"), ip_src="not-an-ip")
