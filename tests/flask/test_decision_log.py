"""ARCJET_DECISION_LOG and ARCJET_LOG_IP in a Flask app."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

from arcjet_core import fixed_window
from tests.flask.apps import create_app
from tests.flask.test_extension import client_for


def test_flask_config_turns_the_log_on(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    app = create_app(ARCJET_KEY=f"flask-{uuid.uuid4().hex[:8]}", ARCJET_RULES=[fixed_window(max=1, window=60)],
                     ARCJET_DECISION_LOG=str(path), ARCJET_LOG_IP="hashed")
    client = client_for(app, "198.51.100.20")
    codes = [client.get("/").status_code for _ in range(2)]
    app.extensions["arcjet"].guard.client.close()
    records = [json.loads(line) for line in path.read_text().splitlines()]
    assert codes == [200, 429]
    assert [r["conclusion"] for r in records] == ["ALLOW", "DENY"]
    assert all(r["ip"].startswith("h:") and r["ip_mode"] == "hashed" for r in records)
