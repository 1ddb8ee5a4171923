#!/usr/bin/env python3
"""One entry point for a fresh machine with only Python 3.10+.

    python3 dev.py demo   # set up, then run the demo app and show its decisions
    python3 dev.py test   # set up, then run the whole test suite (what CI runs)

Set-up is idempotent: a virtualenv in .venv with the package and its dev
extras (reinstalled when pyproject.toml changes). `test` also makes sure a
redis-server binary (for the Redis tests) and Debian's Rust toolchain (for the
Wasm reproducibility check) are present, installing them with apt-get when run
as root.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / "python"
STAMP = VENV / ".arcjet-installed"
INSTALL_INPUTS = ("pyproject.toml", "setup.py", "arcjet_core/decision_log/_cline.c")


def log(message: str) -> None:
    print(f"[dev] {message}", flush=True)


def run(cmd: list[str], cwd: Path = ROOT, **kwargs: object) -> int:
    log("$ " + " ".join(cmd))
    return subprocess.call(cmd, cwd=cwd, **kwargs)  # type: ignore[arg-type]


def ensure_venv() -> None:
    if sys.version_info < (3, 10):  # noqa: UP036 - dev.py may be started by an older python3
        sys.exit("arcjet-local needs Python 3.10 or newer")
    if not PY.exists():
        log("creating .venv")
        venv.EnvBuilder(with_pip=True).create(VENV)
    # What the install is made of: the project's metadata and the one C
    # extension's source (pip install -e builds it in place; a changed
    # _cline.c must be rebuilt, not left as a stale .so).
    wanted = hashlib.sha256(b"".join((ROOT / name).read_bytes() for name in INSTALL_INPUTS)).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    if run([str(PY), "-m", "pip", "install", "--quiet", "--upgrade", "pip"]) != 0:
        sys.exit("pip upgrade failed")
    if run([str(PY), "-m", "pip", "install", "--quiet", "-e", ".[dev]"]) != 0:
        sys.exit("installing arcjet-local[dev] failed")
    STAMP.write_text(wanted)


APT_UPDATED = False


def apt_install(packages: list[str]) -> bool:
    global APT_UPDATED
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        return False
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    if not APT_UPDATED:
        subprocess.call(["apt-get", "update", "-q"], env=env, stdout=subprocess.DEVNULL)
        APT_UPDATED = True
    return run(["apt-get", "install", "-y", "-q", *packages], env=env, stdout=subprocess.DEVNULL) == 0


def ensure_redis_server() -> None:
    if shutil.which("redis-server") or os.environ.get("ARCJET_TEST_REDIS_URL"):
        return
    log("redis-server not found; installing Debian's redis-server")
    if not apt_install(["redis-server"]):
        log("could not install redis-server: Redis tests will skip (and fail under ARCJET_REQUIRE_REDIS=1)")


def wasm_check() -> int:
    """Rebuild the analyzer and compare it byte for byte with the committed module."""
    build = ROOT / "wasm" / "build.sh"
    if not build.exists():
        log("wasm/build.sh missing: the analyzer cannot be checked")
        return 1
    return run(["bash", str(build), "--check"])


def rust_tests() -> int:
    """The analyzer's, the shield crate's and the crs crate's own Rust tests, natively.

    Run from inside each crate so cargo picks up wasm/.cargo/config.toml (the
    offline Debian registry); build.sh --check has installed the toolchain.
    """
    env = dict(os.environ, RUSTC="/usr/bin/rustc")
    failures = 0
    wasm = ROOT / "wasm"
    # The analyzer's bot table and the CRS rule table are generated (and
    # git-ignored); build.sh --check generates them only inside its temp copy.
    with tempfile.TemporaryDirectory() as pydata:
        failures += run([sys.executable, str(wasm / "gen_bots.py"),
                         "--bots", str(wasm / "data" / "well-known-bots" / "well-known-bots.json"),
                         "--ranges", str(wasm / "data" / "bot_ranges.json"),
                         "--rust-out", str(wasm / "src" / "generated" / "bots.rs"), "--py-out", pydata]) != 0
    failures += run([sys.executable, str(wasm / "gen_crs.py"), "--rules", str(wasm / "data" / "crs" / "rules"),
                     "--out", str(wasm / "crs" / "generated" / "crs.json")]) != 0
    for crate in (wasm / "shield", wasm / "crs", wasm / "sensitive", wasm / "filter", wasm / "prompt", wasm):
        failures += run(["/usr/bin/cargo", "test", "--release", "--quiet"], cwd=crate, env=env) != 0
    return failures


def cmd_demo() -> int:
    ensure_venv()
    return run([str(PY), str(ROOT / "example_projects" / "demo.py")])


def cmd_test(pytest_args: list[str]) -> int:
    ensure_venv()
    ensure_redis_server()
    failures = 0
    if os.environ.get("ARCJET_SKIP_WASM_CHECK") != "1":
        failures += wasm_check() != 0
        failures += rust_tests()
    env = dict(os.environ)
    if os.environ.get("CI"):
        env.setdefault("ARCJET_REQUIRE_REDIS", "1")
    code = run([str(PY), "-m", "pytest", *pytest_args], env=env)
    if failures:
        log(f"{failures} pre-test check(s) failed (see above)")
        return code or 1
    return code


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("demo", "test"):
        print(__doc__)
        return 2
    if argv[0] == "demo":
        return cmd_demo()
    return cmd_test(argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
