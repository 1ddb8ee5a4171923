"""ArcjetDependency on FastAPI routes, alone and behind ArcjetMiddleware.

No `from __future__ import annotations`: FastAPI must see the route annotations,
which name dependencies local to build_app().
"""


from typing import Annotated, Any

import pytest
from fastapi import Depends, FastAPI, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from arcjet_core import Decision, arcjet, arcjet_sync, fixed_window, protect_signup, validate_email
from arcjet_starlette import ArcjetDenied, ArcjetDependency, ArcjetMiddleware, arcjet_denied_handler

DEV = {"environment": "development"}


class Signup(BaseModel):
    email: str
    name: str = ""


def signup_rules() -> list[Any]:
    return protect_signup(
        rate_limit={"max": 3, "interval": 60},
        bots={"allow": []},
        email={"deny": ["INVALID"]},
    )


def build_app(key: str, *, handler: bool = False, middleware: bool = False) -> FastAPI:
    app = FastAPI()
    if middleware:
        app.add_middleware(ArcjetMiddleware, key=key + "-global", rules=[fixed_window(max=100, window=60)], **DEV)
    if handler:
        app.add_exception_handler(ArcjetDenied, arcjet_denied_handler)
    signup_guard = ArcjetDependency(arcjet(key=key, rules=signup_rules(), **DEV), email=lambda body: body["email"])
    form_guard = ArcjetDependency(arcjet(key=key + "-form", rules=[validate_email(deny=["INVALID"])], **DEV),
                                  email=lambda body: body["email"])
    limit_guard = ArcjetDependency(arcjet(key=key + "-limit", rules=[fixed_window(max=2, window=60)], **DEV))

    @app.post("/signup")
    async def signup(data: Signup, decision: Annotated[Decision, Depends(signup_guard)]) -> dict[str, Any]:
        return {"email": data.email, "conclusion": decision.conclusion.value}

    @app.post("/signup-sync")
    def signup_sync(data: Signup, decision: Annotated[Decision, Depends(signup_guard)]) -> dict[str, Any]:
        return {"email": data.email, "conclusion": decision.conclusion.value}

    @app.post("/signup-form")
    async def signup_form(request: Request, decision: Annotated[Decision, Depends(form_guard)]) -> dict[str, Any]:
        # A urlencoded form, parsed without python-multipart.
        return {"raw": (await request.body()).decode(), "conclusion": decision.conclusion.value}

    @app.post("/signup-raw", dependencies=[Depends(signup_guard)])
    async def signup_raw(request: Request) -> dict[str, Any]:
        # The route declares no body: the dependency read it, and it is still here.
        return {"raw": (await request.body()).decode()}

    @app.get("/limited", dependencies=[Depends(limit_guard)])
    def limited(request: Request) -> dict[str, Any]:
        global_decision = getattr(request.state, "arcjet_decision", None)
        return {"global": global_decision.conclusion.value if global_decision else None}

    return app


@pytest.fixture
def app(key: str) -> FastAPI:
    return build_app(key)


@pytest.mark.parametrize("path", ["/signup", "/signup-sync"])
async def test_valid_signup_allowed(http_factory, app, path: str) -> None:
    response = await http_factory(app).post(path, json={"email": "ada@example.com"})
    assert response.status_code == 200
    assert response.json() == {"email": "ada@example.com", "conclusion": "ALLOW"}
    assert response.headers["ratelimit-policy"] == "3;w=60"


@pytest.mark.parametrize("path", ["/signup", "/signup-sync"])
async def test_invalid_email_is_400_fastapi_style(http_factory, app, path: str) -> None:
    response = await http_factory(app).post(path, json={"email": "not-an-email"})
    assert response.status_code == 400
    assert response.json() == {"detail": "Bad request"}


async def test_email_from_form_body(http_factory, app) -> None:
    client = http_factory(app)
    ok = await client.post("/signup-form", data={"email": "ada@example.com"})
    assert ok.json() == {"raw": "email=ada%40example.com", "conclusion": "ALLOW"}
    assert (await client.post("/signup-form", data={"email": "nope"})).status_code == 400


async def test_body_still_readable_by_route_without_body_params(http_factory, app) -> None:
    response = await http_factory(app).post("/signup-raw", json={"email": "ada@example.com"})
    assert response.json() == {"raw": '{"email":"ada@example.com"}'}


async def test_bot_on_signup_is_403(http_factory, app) -> None:
    response = await http_factory(app).post("/signup", json={"email": "ada@example.com"},
                                            headers={"user-agent": "python-requests/2.31"})
    assert response.status_code == 403


async def test_rate_limit_on_route_429_with_headers(http_factory, app) -> None:
    client = http_factory(app)
    assert [(await client.get("/limited")).status_code for _ in range(2)] == [200, 200]
    denied = await client.get("/limited")
    assert denied.status_code == 429
    assert denied.json() == {"detail": "Too many requests"}
    assert int(denied.headers["retry-after"]) >= 1
    assert denied.headers["ratelimit-policy"] == "2;w=60"


async def test_registered_handler_sends_the_middleware_body(http_factory, key) -> None:
    client = http_factory(build_app(key, handler=True))
    response = await client.post("/signup", json={"email": "not-an-email"})
    assert response.status_code == 400
    assert response.json() == {"error": "Bad request", "reason": "EMAIL"}


async def test_route_rules_run_after_global_middleware(http_factory, key) -> None:
    client = http_factory(build_app(key, middleware=True))
    response = await client.get("/limited")
    assert response.json() == {"global": "ALLOW"}
    # The route's own (nearer) limit is the one advertised.
    assert response.headers["ratelimit-policy"] == "2;w=60"


async def test_on_deny_response(http_factory, key) -> None:
    app = FastAPI()
    app.add_exception_handler(ArcjetDenied, arcjet_denied_handler)

    def on_deny(request: Request, decision: Decision) -> JSONResponse:
        return JSONResponse({"custom": decision.reason_v2.type}, status_code=451)

    guard = ArcjetDependency(arcjet(key=key, rules=[fixed_window(max=1, window=60)], **DEV), on_deny=on_deny)

    @app.get("/", dependencies=[Depends(guard)])
    async def index() -> dict[str, str]:
        return {"ok": "yes"}

    client = http_factory(app)
    assert (await client.get("/")).status_code == 200
    denied = await client.get("/")
    assert (denied.status_code, denied.json()) == (451, {"custom": "RATE_LIMIT"})


def test_dependency_needs_async_client(key) -> None:
    with pytest.raises(TypeError, match="async client"):
        ArcjetDependency(arcjet_sync(key=key, rules=[]))  # type: ignore[arg-type]
