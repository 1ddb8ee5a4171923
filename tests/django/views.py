"""Views the Django tests drive: sync and async, function, class and DRF views."""

from __future__ import annotations

import hashlib
import os
import threading
import time
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.utils.decorators import method_decorator
from django.views import View
from rest_framework.response import Response as DRFResponse
from rest_framework.views import APIView

from arcjet_core import fixed_window, protect_signup
from arcjet_django import arcjet_protect
from arcjet_django.throttling import ArcjetThrottle


def summary(request: HttpRequest) -> dict[str, Any]:
    decision = getattr(request, "arcjet_decision", None)
    if decision is None:
        return {"decision": None}
    return {
        "decision": decision.id,
        "conclusion": decision.conclusion.value,
        "reason": decision.reason_v2.type,
        "ip": decision.ip_address,
        "results": [[r.kind, r.conclusion.value, r.state.value] for r in decision.results],
        "pid": os.getpid(),
        "thread": threading.get_ident(),
    }


def index(request: HttpRequest) -> JsonResponse:
    return JsonResponse(summary(request))


def slow(request: HttpRequest) -> JsonResponse:
    # Long enough that concurrent requests land on different server workers.
    time.sleep(0.05)
    return JsonResponse(summary(request))


async def aindex(request: HttpRequest) -> JsonResponse:
    return JsonResponse(summary(request))


def echo(request: HttpRequest) -> HttpResponse:
    body = request.body
    return HttpResponse(body, content_type="application/octet-stream",
                        headers={"x-sha256": hashlib.sha256(body).hexdigest()})


async def aecho(request: HttpRequest) -> HttpResponse:
    return echo(request)


def stream(request: HttpRequest) -> StreamingHttpResponse:
    return StreamingHttpResponse((f"chunk-{i}\n" for i in range(5)), content_type="text/plain")


SIGNUP_RULES = protect_signup(rate_limit={"max": 3, "interval": 60}, bots={"allow": []}, email={"deny": ["INVALID"]})


@arcjet_protect(rules=SIGNUP_RULES, email=lambda request: request.POST["email"])
def signup(request: HttpRequest) -> JsonResponse:
    return JsonResponse({**summary(request), "email": request.POST["email"]})


@arcjet_protect(rules=SIGNUP_RULES, email=lambda request: request.POST["email"])
async def asignup(request: HttpRequest) -> JsonResponse:
    return JsonResponse({**summary(request), "email": request.POST["email"]})


@method_decorator(arcjet_protect(rules=[fixed_window(max=2, window=60)]), name="dispatch")
class LimitedView(View):
    def get(self, request: HttpRequest) -> JsonResponse:
        return JsonResponse(summary(request))


class ALimitedView(View):
    @method_decorator(arcjet_protect(rules=[fixed_window(max=2, window=60)]))
    async def get(self, request: HttpRequest) -> JsonResponse:
        return JsonResponse(summary(request))


class Burst(ArcjetThrottle):
    rules = [fixed_window(max=2, window=60)]


class DRFItems(APIView):
    throttle_classes = [Burst]

    def get(self, request: Any) -> DRFResponse:
        return DRFResponse({"conclusion": request.arcjet_decision.conclusion.value, "items": [1, 2]})

    def post(self, request: Any) -> DRFResponse:
        return DRFResponse({"received": request.data})
