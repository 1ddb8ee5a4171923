"""Views of the Django example: global rules from the middleware, per-view rules from arcjet_protect."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, JsonResponse
from rest_framework.response import Response
from rest_framework.views import APIView

from arcjet import Decision, detect_prompt_injection, protect_signup, token_bucket
from arcjet_django import arcjet_protect
from arcjet_django.throttling import ArcjetThrottle


def describe(decision: Decision) -> dict[str, Any]:
    return {
        "conclusion": decision.conclusion.value,
        "reason": decision.reason_v2.type,
        "ip": decision.ip_address,
        "rules": [
            {"rule": r.kind, "conclusion": r.conclusion.value, "state": r.state.value,
             **({"message": r.reason_v2.message} if hasattr(r.reason_v2, "message") else {})}
            for r in decision.results
        ],
    }


def index(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"message": "Hello from a protected app", "arcjet": describe(request.arcjet_decision)})


def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


@arcjet_protect(
    rules=protect_signup(rate_limit={"max": 5, "interval": 600}, bots={"allow": []}, email={"deny": ["INVALID"]}),
    email=lambda request: request.POST.get("email", ""),
)
def signup(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"welcome": request.POST["email"], "arcjet": describe(request.arcjet_decision)})


def _message(request: HttpRequest) -> str:
    try:
        return str(json.loads(request.body or b"{}").get("message", ""))
    except ValueError:
        return ""


@arcjet_protect(rules=[detect_prompt_injection()], detect_prompt_injection_message=_message)
async def chat(request: HttpRequest) -> JsonResponse:
    # An injection was denied (400) before this view ran; the decision shows the
    # classifier's verdict and score for what got through.
    return JsonResponse({"reply": f"You said {len(_message(request))} characters.",
                         "arcjet": describe(request.arcjet_decision)})


class PerUserBucket(ArcjetThrottle):
    """A DRF throttle: 10 tokens per user, 5 more every 10 s, 2 per call."""

    rules = [token_bucket(refill_rate=5, interval=10, capacity=10, characteristics=["userId"])]

    def get_protect_kwargs(self, request: Any, view: Any) -> dict[str, Any]:
        return {"requested": 2, "characteristics": {"userId": request.headers.get("X-User-Id", "anonymous")}}


class Items(APIView):
    throttle_classes = [PerUserBucket]

    def get(self, request: Any) -> Response:
        return Response({"items": ["apple", "pear"], "arcjet": describe(request.arcjet_throttle_decision)})
