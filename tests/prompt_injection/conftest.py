"""The prompt_scan binary (built once per session) and a long-lived scanner process."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tools.prompt_injection.paths import CRATE

BINARY = CRATE / "target" / "release" / "prompt_scan"


def _build() -> Path:
    cargo = shutil.which("cargo", path="/usr/bin") or shutil.which("cargo")
    if cargo is None:
        pytest.fail("cargo is needed to build wasm/prompt (Debian's rustc/cargo, see wasm/build.sh)")
    env = dict(os.environ, RUSTC="/usr/bin/rustc") if Path("/usr/bin/rustc").exists() else dict(os.environ)
    # cwd inside the crate so wasm/.cargo/config.toml (offline, Debian registry) applies
    subprocess.run([cargo, "build", "--release", "--offline", "-q", "--bin", "prompt_scan"],
                   cwd=CRATE, env=env, check=True)
    return BINARY


@pytest.fixture(scope="session")
def prompt_scan() -> Path:
    return _build()


class Scanner:
    """One prompt_scan process, a JSON line in and a JSON line out per call."""

    def __init__(self, binary: Path, *args: str) -> None:
        self.proc = subprocess.Popen([str(binary), *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def raw(self, line: bytes) -> dict[str, Any]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(line.rstrip(b"\n") + b"\n")
        self.proc.stdin.flush()
        out: dict[str, Any] = json.loads(self.proc.stdout.readline())
        return out

    def scan(self, text: str) -> dict[str, Any]:
        return self.raw(json.dumps({"text": text}).encode())

    def close(self) -> None:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=30)
        self.proc.stdout.close()


@pytest.fixture(scope="session")
def scanner(prompt_scan: Path) -> Iterator[Scanner]:
    s = Scanner(prompt_scan, "--debug")
    yield s
    s.close()
