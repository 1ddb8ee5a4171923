"""mypy --strict checks a user's protect() call against our signatures.

With ``protect(request, **kwargs: Any)`` a misspelled keyword type-checked and
failed only at run time; the signatures are now explicit, so mypy names it.
The correct file is the control: it must check clean, or the misspelling
test would pass for the wrong reason.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

pytest.importorskip("mypy")


USER_CODE = """
from __future__ import annotations

from arcjet import Mode, arcjet, detect_bot, set_rate_limit_headers, token_bucket
from starlette.requests import Request
from starlette.responses import JSONResponse

aj = arcjet(
    key="ajkey_x",
    rules=[
        detect_bot(mode=Mode.LIVE, allow=[]),
        token_bucket(mode=Mode.LIVE, refill_rate=5, interval=10, capacity=10),
    ],
)


async def route(request: Request) -> JSONResponse:
    decision = await aj.protect(request, {call})
    response = JSONResponse({{"ok": decision.is_allowed()}})
    set_rate_limit_headers(response, decision)
    return response
"""


CALLS = {
    "correct": 'requested=5, characteristics={"user": "u1"}, correlation_id="req-1", '
               'metadata={"route": "/chat", "attempt": 2}',
    "misspelled": "requestd=5",
    "wrong_type": 'requested="5"',
}


@pytest.fixture(scope="module")
def mypy_output(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """One mypy run over one user file per call (each run costs ~10 s); output by file."""
    tmp = tmp_path_factory.mktemp("typing")
    files = []
    for name, call in CALLS.items():
        path = tmp / f"user_{name}.py"
        path.write_text(textwrap.dedent(USER_CODE.format(call=call)), encoding="utf-8")
        files.append(str(path))
    # In a subprocess: mypy in this process would leave millions of objects
    # behind for every later test's garbage collections to walk.
    done = subprocess.run([
        sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir", str(tmp / ".mypy_cache"),
        "--python-version", "3.10", "--ignore-missing-imports", "--follow-imports", "silent", *files,
    ], capture_output=True, text=True, timeout=600)
    stdout, stderr = done.stdout, done.stderr
    assert not stderr, stderr
    return {name: "\n".join(line for line in stdout.splitlines() if f"user_{name}.py" in line) for name in CALLS}


def test_a_correct_call_checks_clean(mypy_output: dict[str, str]) -> None:
    assert mypy_output["correct"] == ""


def test_a_misspelled_keyword_is_an_error(mypy_output: dict[str, str]) -> None:
    assert 'Unexpected keyword argument "requestd"' in mypy_output["misspelled"], mypy_output


def test_a_wrong_type_is_an_error(mypy_output: dict[str, str]) -> None:
    out = mypy_output["wrong_type"]
    assert '"requested"' in out and "int | None" in out, mypy_output
