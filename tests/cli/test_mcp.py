"""`arcjet mcp LOG`: driven over stdio by the official mcp client, as a real subprocess."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.cli.logs import SHIELD_ID, make_log

pytest.importorskip("mcp", reason="the mcp extra (pip install 'arcjet-local[mcp]')")

TOOLS = {"traffic_summary", "suspicious_clients", "dry_run_impact", "explain_decision", "test_filter",
         "security_briefing"}


async def test_every_tool_over_stdio(tmp_path: Path) -> None:
    from mcp import ClientSession
    from mcp.client.stdio import StdioServerParameters, stdio_client

    log = make_log(tmp_path / "d.jsonl")
    params = StdioServerParameters(command=sys.executable, args=["-m", "arcjet", "mcp", str(log)],
                                   cwd=str(Path(__file__).resolve().parents[2]))
    async with stdio_client(params) as (read, write), ClientSession(read, write) as session:
        init = await session.initialize()
        assert init.server_info.name == "arcjet-local"
        listed = await session.list_tools()
        assert {t.name for t in listed.tools} == TOOLS

        async def call(name: str, **args: Any) -> Any:
            result = await session.call_tool(name, args)
            assert not result.is_error, result.content
            return json.loads(result.content[0].text)  # type: ignore[union-attr]

        summary = await call("traffic_summary")
        assert summary["total"] == 100 and summary["by_conclusion"]["DENY"] == 20
        clients = await call("suspicious_clients", limit=3)
        assert clients[0]["client"] == "203.0.113.5" and clients[0]["would_deny"] == 20  # 20 SQLi would-denies
        assert {c["client"] for c in clients[1:]} == {"198.51.100.9", "198.51.100.20"}
        impact = await call("dry_run_impact", rule="SHIELD")
        assert impact["rules"][SHIELD_ID]["would_deny"] == 20 and impact["rules"][SHIELD_ID]["share"] == 0.2
        proposed = await call("dry_run_impact", proposed={"kind": "filter", "deny": ['http.request.uri.path == "/admin"']})
        assert proposed["replayable"] and proposed["would_deny"] == 10 and proposed["share"] == 0.1
        limit = await call("dry_run_impact", proposed={"kind": "fixed_window", "max": 1, "window": 3600})
        # One request a minute: in each hour window each client's 2nd+ request would be denied.
        assert limit["replayable"] and 0 < limit["would_deny"] < 100
        no = await call("dry_run_impact", proposed={"kind": "shield"})
        assert no["replayable"] is False and "payload" in no["why"]
        explained = await call("explain_decision", decision_id="lreq_" + "0" * 31 + "2")
        assert explained["found"] and "WOULD HAVE DENIED" in explained["explanation"]
        missing = await call("explain_decision", decision_id="lreq_nope")
        assert missing["found"] is False
        filters = await call("test_filter", expressions=['http.request.method == "POST"', "ip.src =="], method="POST")
        assert [f["value"] for f in filters] == ["true", "error"]
        briefing = await call("security_briefing")
        assert briefing["by_conclusion"]["DENY"] == 20 and briefing["suspicious_clients"]
        assert any(SHIELD_ID in r for r in briefing["recommendations"])
        assert {"reason": "RATE_LIMIT", "denied": 10} in briefing["top_threats"]
