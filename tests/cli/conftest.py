"""Fixtures for the CLI tests: Debian's chromium for the HTML report (installed when missing and root,
as dev.py installs redis-server; never skipped under CI)."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest


def _install_chromium() -> None:
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        return
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.call(["apt-get", "update", "-q"], env=env, stdout=subprocess.DEVNULL)
    subprocess.call(["apt-get", "install", "-y", "-q", "chromium"], env=env, stdout=subprocess.DEVNULL)


@pytest.fixture(scope="session")
def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        _install_chromium()
        path = shutil.which("chromium")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is missing and could not be installed (apt-get install chromium)")
        pytest.skip("chromium not installed (apt-get install chromium)")
    return path
