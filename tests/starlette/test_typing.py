"""A user's ``mypy --strict`` accepts the documented way to add the middleware."""

from __future__ import annotations

from pathlib import Path

import pytest
from mypy import api

ROOT = Path(__file__).resolve().parents[2]

USER_APP = '''
from fastapi import FastAPI
from starlette.applications import Starlette
from starlette.middleware import Middleware

from arcjet_core import arcjet, token_bucket
from arcjet_starlette import ArcjetMiddleware

aj = arcjet(key="site", rules=[token_bucket(refill_rate=10, interval=60, capacity=10)])
app = FastAPI()
app.add_middleware(ArcjetMiddleware, client=aj)
app.add_middleware(ArcjetMiddleware, key="other", rules=[token_bucket(refill_rate=1, interval=1, capacity=5)],
                   exclude=["/health"], proxies=["10.0.0.0/8"])
starlette_app = Starlette(middleware=[Middleware(ArcjetMiddleware, client=aj, exclude=["/health"])])
'''


@pytest.mark.slow
def test_add_middleware_type_checks_under_strict_mypy(tmp_path: Path) -> None:
    (tmp_path / "user_app.py").write_text(USER_APP)
    # mypy_path: the editable install's import hook is invisible to mypy. Our
    # packages are checked by the project's own mypy run; here only the user's file.
    (tmp_path / "mypy.ini").write_text(
        f"[mypy]\nstrict = True\nmypy_path = {ROOT}\n[mypy-arcjet_core.*,arcjet_starlette.*]\nfollow_imports = silent\n"
    )
    stdout, stderr, status = api.run([
        "--config-file", str(tmp_path / "mypy.ini"), "--cache-dir", str(tmp_path / "cache"),
        str(tmp_path / "user_app.py"),
    ])
    assert status == 0, stdout + stderr
