"""What the contract suite asks of each framework: build an app, send a request, read the reply.

Every harness serves the same routes, each written in its framework's own way:

    GET  /            "hello" (text/plain) with ``x-view: yes``: what passes through untouched
    GET  /decision    the conclusion the adapter attached to the request, as text
    GET  /own-headers a response that sets its own RateLimit header
    GET  /open        left out of the global rules (the framework's opt-out idiom)
    GET  /limited     its own rules, ``fixed_window(max=1)`` (where the adapter has per-route rules)
    POST /echo        the raw body back, byte for byte
    POST /json        the parsed JSON body back
    POST /form        the parsed form (urlencoded or multipart) as JSON: fields, and files by sha256

``Setup`` says how to build the app; ``send`` returns a ``Reply`` whatever the
framework; ``stalled`` posts a body that never finishes arriving.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any, Protocol

from arcjet_core import RuleSpec, fixed_window

BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"
# What /limited is limited to (where the adapter has per-route rules).
ROUTE_RULES: tuple[RuleSpec, ...] = (fixed_window(max=1, window=60),)
# on_deny's answer, in every framework's own response type.
CUSTOM_STATUS = 418
CUSTOM_BODY = b"custom deny"
OWN_RATELIMIT = "limit=7, remaining=7, reset=7"


@dataclass
class Setup:
    key: str
    rules: list[RuleSpec] = field(default_factory=list)
    on_deny: bool = False  # install an on_deny answering CUSTOM_STATUS / CUSTOM_BODY
    storage: str | None = None
    fail_open: bool = True
    body_limit: int | None = None
    body_timeout: float | None = None

    def client_args(self) -> dict[str, Any]:
        args: dict[str, Any] = {"key": self.key, "rules": list(self.rules), "environment": "development",
                                "fail_open": self.fail_open}
        for name in ("storage", "body_limit", "body_timeout"):
            if getattr(self, name) is not None:
                args[name] = getattr(self, name)
        return args


@dataclass
class Reply:
    status: int
    pairs: list[tuple[str, str]]  # every header, in order
    body: bytes

    def header(self, name: str) -> str | None:
        values = self.all(name)
        return values[0] if values else None

    def all(self, name: str) -> list[str]:
        return [value for key, value in self.pairs if key.lower() == name.lower()]

    def json(self) -> Any:
        return json.loads(self.body)


def form_summary(fields: dict[str, str], files: dict[str, bytes]) -> dict[str, Any]:
    return {"fields": fields, "files": {name: hashlib.sha256(data).hexdigest() for name, data in files.items()}}


class Harness(Protocol):
    name: str
    # "route_rules": /limited has its own rules; "stall": stalled() can send a stalling body.
    features: frozenset[str]

    def build(self, setup: Setup) -> None: ...

    async def send(self, method: str, path: str, *, headers: dict[str, str] | None = None,
                   content: bytes | None = None, data: dict[str, str] | None = None,
                   files: dict[str, tuple[str, bytes, str]] | None = None,
                   json_body: Any = None) -> Reply: ...

    async def stalled(self, sent: bytes, announced: int) -> Reply: ...

    async def close(self) -> None: ...
