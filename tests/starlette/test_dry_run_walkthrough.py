"""The README's "From dry run to live" walkthrough, as written: the FastAPI
example staged with ARCJET_MODE=DRY_RUN and a decision log, the report read
back with `arcjet report --json`, then the rules promoted to LIVE."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

# The walkthrough's three curl requests, sent in-process to the example app.
DRIVE = """
import asyncio, httpx
from example_projects.fastapi_app.main import app, aj

async def main():
    transport = httpx.ASGITransport(app=app, client=("8.8.4.4", 40000))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        browser = {"user-agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36"}
        codes = [(await http.get("/", headers=browser)).status_code,
                 (await http.get("/", headers={"user-agent": "python-requests/2.31"})).status_code,
                 (await http.get("/?id=1'%20OR%20'1'='1", headers=browser)).status_code]
    await aj.aclose()
    print(codes)

asyncio.run(main())
"""


def run(code: str, env: dict[str, str]) -> str:
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, env={**os.environ, **env}, capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_stage_read_promote(tmp_path: Path) -> None:
    log = tmp_path / "decisions.jsonl"
    staged = run(DRIVE, {"ARCJET_MODE": "DRY_RUN", "ARCJET_DECISION_LOG": str(log)})
    assert staged == "[200, 200, 200]"  # staged rules never deny

    report = subprocess.run([sys.executable, "-m", "arcjet", "report", str(log), "--json"], cwd=REPO,
                            capture_output=True, text=True, timeout=120, check=True)
    data = json.loads(report.stdout)
    assert data["total"] == 3 and data["by_conclusion"]["DENY"] == 0
    would = {rule["kind"]: rule["would_deny"] for rule in data["dry_run"].values()}
    assert would["BOT"] == 1 and would["SHIELD"] == 1 and would.get("RATE_LIMIT", 0) == 0

    promoted = run(DRIVE, {"ARCJET_DECISION_LOG": str(log)})
    assert promoted == "[200, 403, 403]"
