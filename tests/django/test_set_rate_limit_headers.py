"""set_rate_limit_headers on a Django HttpResponse (response[name] = value)."""

from __future__ import annotations

from django.http import HttpResponse

from arcjet import arcjet_sync, fixed_window, set_rate_limit_headers


def test_set_on_a_django_response() -> None:
    aj = arcjet_sync(key="hdr", rules=[fixed_window(mode="LIVE", max=5, window=60)])
    decision = aj.protect({"ip": "8.8.8.8", "method": "GET", "path": "/", "headers": {}})
    response = HttpResponse("ok")
    set_rate_limit_headers(response, decision)
    assert response["RateLimit"].startswith("limit=5, remaining=4, reset=")
    assert response["RateLimit-Policy"] == "5;w=60"
