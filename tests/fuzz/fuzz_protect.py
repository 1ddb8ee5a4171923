"""Atheris fuzz target for ``protect()``: whatever a client sends, nothing escapes.

Run it (10 minutes, corpus kept in a directory of your choice; an empty or
missing directory is first filled with the seeds from ``tests/fuzz/seeds.py``):

    .venv/bin/python tests/fuzz/fuzz_protect.py -max_total_time=600 /tmp/arcjet-corpus

Any libFuzzer flag works (``-runs=``, ``-timeout=``, ``-artifact_prefix=``).
To survey rather than stop at the first crash, set ARCJET_FUZZ_FINDINGS=dir:
the first input of each distinct failure is filed there with its traceback.

Reproduce a crash by passing its file instead of a directory:

    .venv/bin/python tests/fuzz/fuzz_protect.py crash-<sha1>

What each input becomes (decoded by ``tests/fuzz/request_bytes.py``): one
request with a fuzzed method, path, query, transport peer, headers (repeats,
cookies, X-Forwarded-For, Forwarded, X-Real-IP, values amplified up to MiBs so
size-driven slowness is reachable from a small input), a body of any content
type, sent whole or in chunks that may stop early (a truncated chunked upload),
an optional email, a custom characteristic and ``requested``. It is handed to
one of these paths:

- the sync client with a plain mapping, and the async client with the same;
- the async client with a raw ASGI scope (no body), and with a Starlette
  ``Request`` over the scope and a receive channel fed from the input;
- the Starlette ``ArcjetMiddleware`` around a trivial app (the adapter that
  reads the receive channel in production);
- the sync client with a WSGI environ whose ``wsgi.input`` may end early.

Two clients on memory storage: one with shield + detect_bot + token_bucket
(+ validate_email when the input carries an email), one with fixed and
sliding windows only (no analyzer needed for their answer once fingerprints
come from the host).

The target fails (the fuzzer records a crash) on:
- any exception escaping protect() or the middleware (ArcjetMisconfiguration
  included: every argument we pass is well-formed, only the request is hostile);
- any rule result whose ERROR message says the analyzer trapped, failed or
  hit its deadline. Such a hit is re-run twice first: on a 2-core machine
  shared with other work, a scheduling stall can cross a wall-clock deadline
  that the input itself never would, and only an input that traps again is
  a finding.
"""

from __future__ import annotations

import asyncio
import atexit
import hashlib
import logging
import os
import re
import sys
import traceback
from collections.abc import MutableMapping
from pathlib import Path
from typing import Any

import atheris

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

with atheris.instrument_imports(include=["arcjet_core", "arcjet_starlette"]):
    from arcjet_core import (
        arcjet,
        arcjet_sync,
        detect_bot,
        fixed_window,
        shield,
        sliding_window,
        token_bucket,
        validate_email,
    )
    from arcjet_core import rules as _rules
    from arcjet_core.decision import Decision
    from arcjet_starlette import ArcjetMiddleware

from starlette.requests import Request  # noqa: E402

from tests.fuzz.request_bytes import FuzzRequest, decode  # noqa: E402
from tests.fuzz.seeds import write_seeds  # noqa: E402

# The largest max_body_bytes shield accepts: the most a client can make it inspect.
MAX_SHIELD_BODY: int = getattr(_rules, "MAX_SHIELD_BODY", 4 << 20)
BODY_LIMIT = MAX_SHIELD_BODY + (64 << 10)

# Wording of ArcjetAnalyzerError (arcjet_core/analyze/_instance.py) as the
# engine wraps it in ErrorReason (arcjet_core/engine.py), plus the words a
# reworked deadline or memory cap would use.
ANALYZER_FAULT = re.compile(
    r"analyzer (trapped|failed|instance was retired|returned an? (input buffer|result) outside)"
    r"|deadline|epoch|interrupt|fuel|memory limit|out of bounds|unreachable",
    re.IGNORECASE,
)

MODES = ("mapping-sync", "mapping-async", "asgi-scope", "asgi-request", "asgi-middleware", "wsgi")


def _content_rules(*extra: Any) -> list[Any]:
    return [
        shield(max_body_bytes=MAX_SHIELD_BODY),
        detect_bot(allow=[]),
        token_bucket(refill_rate=5, interval=10, capacity=10),
        *extra,
    ]


def _window_rules() -> list[Any]:
    return [
        fixed_window(max=3, window=60),
        sliding_window(max=5, interval=30, characteristics=["user", "ip.src"]),
    ]


class Clients:
    """Every client the target uses, built once per process (building one is not cheap)."""

    def __init__(self) -> None:
        common: dict[str, Any] = dict(key="fuzz", body_limit=BODY_LIMIT)
        email = validate_email(deny=["DISPOSABLE", "INVALID"])
        self.sync_content = arcjet_sync(rules=_content_rules(), **common)
        self.sync_email = arcjet_sync(rules=_content_rules(email), **common)
        self.sync_windows = arcjet_sync(rules=_window_rules(), **common)
        self.async_content = arcjet(rules=_content_rules(), **common)
        self.async_email = arcjet(rules=_content_rules(email), **common)
        self.async_windows = arcjet(rules=_window_rules(), **common)
        self.loop = asyncio.new_event_loop()
        self.middleware = ArcjetMiddleware(_app, client=self.async_content)
        self.middleware_windows = ArcjetMiddleware(_app, client=self.async_windows)


async def _app(scope: MutableMapping[str, Any], receive: Any, send: Any) -> None:
    # The app behind the middleware reads what is left of the body, as a real one would.
    if scope["type"] == "http":
        while (await receive()).get("more_body"):
            pass
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})


_clients: Clients | None = None


def clients() -> Clients:
    global _clients
    if _clients is None:
        _clients = Clients()
    return _clients


def _kwargs(req: FuzzRequest, windows: bool) -> dict[str, Any]:
    kwargs: dict[str, Any] = {"requested": req.requested}
    if windows:
        kwargs["characteristics"] = {"user": req.user}
    elif req.email:
        # Non-empty only: a missing email is the caller's misconfiguration
        # (ArcjetMisconfiguration by design), not something a client sends.
        kwargs["email"] = req.email
    return kwargs


def _pick(c: Clients, req: FuzzRequest, sync: bool) -> Any:
    if req.windows:
        return c.sync_windows if sync else c.async_windows
    if req.email:
        return c.sync_email if sync else c.async_email
    return c.sync_content if sync else c.async_content


def run_one(req: FuzzRequest) -> list[Decision]:
    """Send ``req`` down its path; return the decisions protect() made (none for the middleware)."""
    c = clients()
    mode = MODES[req.mode % len(MODES)]
    kwargs = _kwargs(req, req.windows)
    if mode == "mapping-sync":
        return [_pick(c, req, True).protect(req.as_mapping(), **kwargs)]
    if mode == "mapping-async":
        return [c.loop.run_until_complete(_pick(c, req, False).protect(req.as_mapping(), **kwargs))]
    if mode == "asgi-scope":
        return [c.loop.run_until_complete(_pick(c, req, False).protect(req.as_asgi_scope(), **kwargs))]
    if mode == "asgi-request":
        request = Request(req.as_asgi_scope(), req.receive_channel())
        return [c.loop.run_until_complete(_pick(c, req, False).protect(request, **kwargs))]
    if mode == "asgi-middleware":
        middleware = c.middleware_windows if req.windows else c.middleware
        sent: list[MutableMapping[str, Any]] = []

        async def send(message: MutableMapping[str, Any]) -> None:
            sent.append(message)

        scope = req.as_asgi_scope()
        c.loop.run_until_complete(middleware(scope, req.receive_channel(), send))
        decision = scope.get("state", {}).get("arcjet_decision")
        return [decision] if isinstance(decision, Decision) else []
    return [_pick(c, req, True).protect(req.as_wsgi_environ(), **kwargs)]


def analyzer_faults(decisions: list[Decision]) -> list[str]:
    out: list[str] = []
    for decision in decisions:
        for result in decision.results:
            message = str(getattr(result.reason_v2, "message", "") or "")
            if result.conclusion.value == "ERROR" and ANALYZER_FAULT.search(message):
                out.append(f"{result.kind}: {message}")
    return out


class AnalyzerFault(AssertionError):
    """A rule result says the analyzer trapped or hit its deadline on this input."""


def check_one_input(data: bytes) -> None:
    req = decode(data)
    faults = analyzer_faults(run_one(req))
    if not faults:
        return
    # Re-run twice: only a fault that comes back every time is the input's doing.
    for _ in range(2):
        again = analyzer_faults(run_one(decode(data)))
        if not again:
            return
        faults = again
    raise AnalyzerFault(f"{MODES[req.mode % len(MODES)]}: {req.describe()}: " + " | ".join(faults))


# Survey mode (ARCJET_FUZZ_FINDINGS=dir): keep fuzzing past a crash and file
# the first input of each distinct failure in `dir`. libFuzzer stops at the
# first crash and its -fork mode cannot re-launch a Python script, so one
# known bug would otherwise hide every other one for the whole run.
FINDINGS = os.environ.get("ARCJET_FUZZ_FINDINGS")
_seen: dict[str, int] = {}


def _signature(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    where = f"{Path(frames[-1].filename).stem}:{frames[-1].name}" if frames else "?"
    kind = type(exc).__name__
    if isinstance(exc, AnalyzerFault):
        # One signature per kind of fault (trap, deadline, rejected frame), not one for all.
        match = ANALYZER_FAULT.search(str(exc))
        where = str(exc)[match.start() : match.start() + 48] if match else where
    return re.sub(r"[^A-Za-z0-9_.:-]", "_", f"{kind}@{where}")


def test_one_input(data: bytes) -> None:
    if FINDINGS is None:
        check_one_input(data)
        return
    try:
        check_one_input(data)
    except Exception as exc:  # survey mode files every failure
        sig = _signature(exc)
        _seen[sig] = _seen.get(sig, 0) + 1
        if _seen[sig] == 1:
            out = Path(FINDINGS)
            out.mkdir(parents=True, exist_ok=True)
            (out / f"{sig}-{hashlib.sha1(data).hexdigest()}").write_bytes(data)
            (out / f"{sig}.txt").write_text("".join(traceback.format_exception(exc))[-6000:])
            print(f"FINDING {sig}: {exc!s:.300}", file=sys.stderr, flush=True)
        if _seen[sig] & (_seen[sig] - 1) == 0:  # at powers of two: cheap, and exit may skip atexit
            (Path(FINDINGS) / f"{sig}.count").write_text(str(_seen[sig]))


def _summary() -> None:
    if FINDINGS is not None:
        print(f"FINDINGS SUMMARY: {_seen or 'none'}", file=sys.stderr, flush=True)


def main(argv: list[str]) -> None:
    atexit.register(_summary)
    # A rule that fails open logs a WARNING per request; at thousands of
    # inputs a second that is noise that hides the fuzzer's own output.
    logging.getLogger("arcjet").setLevel(logging.ERROR)
    corpus_dirs = [a for a in argv[1:] if not a.startswith("-") and not os.path.isfile(a)]
    for directory in corpus_dirs:
        path = Path(directory)
        if not path.exists() or not any(path.iterdir()):
            write_seeds(path)
    clients()  # built before fuzzing starts, so the first input is not charged for it
    atheris.Setup(argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
