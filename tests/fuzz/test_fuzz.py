"""Run the protect() fuzz target for 60 s; any crash it reports fails the test.

The command is the documented one (tests/fuzz/fuzz_protect.py), on a fresh
corpus seeded from tests/fuzz/seeds.py, with crash files kept in tmp_path.
A crash is an exception escaping protect() or the Starlette middleware, or
an analyzer trap / deadline that comes back on re-runs (see fuzz_protect).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("atheris")

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
TARGET = ROOT / "tests" / "fuzz" / "fuzz_protect.py"
SECONDS = 60


def test_fuzz_protect_for_a_minute_finds_no_crash(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    command = [sys.executable, str(TARGET), f"-max_total_time={SECONDS}", "-timeout=30",
               "-rss_limit_mb=4096", f"-artifact_prefix={tmp_path}/", str(corpus)]
    env = {k: v for k, v in os.environ.items() if k != "ARCJET_FUZZ_FINDINGS"}
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, errors="replace",
                          timeout=SECONDS + 120)
    output = done.stdout + done.stderr
    # The report of a crash starts at atheris' banner; show that, not the progress lines before it.
    start = output.find("=== Uncaught Python exception")
    report = output[start:] if start >= 0 else output[-6000:]
    crashes = sorted(str(p) for p in tmp_path.iterdir() if p.name.startswith(("crash-", "timeout-", "oom-")))
    assert done.returncode == 0 and not crashes, (
        f"fuzzer exit {done.returncode}, artifacts {crashes} (reproduce: {sys.executable} {TARGET} <file>)\n"
        + report[:8000]
    )
    assert "Done " in output or "fuzzed for" in output, output[-3000:]  # it really ran
    assert any(corpus.iterdir())
