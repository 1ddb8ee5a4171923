"""The MCP server (``arcjet mcp LOG...``): the decision-log analysis as tools
for a coding agent, over stdio. Needs the ``mcp`` extra (the official SDK).

Every tool re-reads the log when called, so an agent sees traffic logged
since the server started. Tools only read: nothing here writes the log,
changes rules or reaches the network.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

from arcjet_core.report import Aggregator, ReadStats, Record, parse_since, read_sources
from arcjet_core.report._analysis import (
    explain_decision,
    logged_rule_impact,
    security_briefing,
    suspicious_clients,
)
from arcjet_core.report._replay import replay

INSTRUCTIONS = (
    "Local analysis of an arcjet-local decision log (what the app's security rules allowed and denied, "
    "and what DRY_RUN rules would have denied). Start with security_briefing; use dry_run_impact before "
    "promoting a rule from DRY_RUN to LIVE; explain_decision for one request by its decision id."
)


def _json(value: Any) -> str:
    return json.dumps(value, indent=1, default=str, ensure_ascii=False)


class LogSource:
    """The logs a server reads; each call streams them afresh."""

    def __init__(self, logs: Sequence[str]) -> None:
        self.logs = list(logs)

    def records(self, since: str | None = None) -> Iterator[Record]:
        return read_sources(self.logs, since=parse_since(since) if since else None, stats=ReadStats())


def build_server(logs: Sequence[str]) -> Any:
    """An MCPServer with the six tools over ``logs``."""
    from mcp.server.mcpserver import MCPServer

    from arcjet_core.cli import package_version

    source = LogSource(logs)
    server: MCPServer[Any] = MCPServer(name="arcjet-local", instructions=INSTRUCTIONS, version=package_version())

    @server.tool(structured_output=False)
    def traffic_summary(since: str | None = None, top: int = 10) -> str:
        """Totals, decisions by conclusion and reason, top denied clients and paths, bots and shield
        categories seen, per-rule hit rates and each DRY_RUN rule's would-deny share.
        since: ISO 8601 time or a duration back from now (15m, 24h, 7d)."""
        report = Aggregator(top=max(1, min(top, 100))).add_all(source.records(since)).result()
        report.pop("timeline", None)  # per-minute buckets: for charts, not for reading
        return _json(report)

    @server.tool(name="suspicious_clients", structured_output=False)
    def suspicious_clients_tool(limit: int = 20, since: str | None = None) -> str:
        """Clients ranked by how much of their traffic was denied or would have been (shield hits weigh
        most, then bot and other denies, DRY_RUN would-denies and rate limiting), with their denied paths."""
        return _json(suspicious_clients(source.records(since), limit=max(1, min(limit, 200))))

    @server.tool(structured_output=False)
    def dry_run_impact(rule: str | None = None, proposed: dict[str, Any] | None = None,
                       since: str | None = None) -> str:
        """What a rule would deny. rule: a logged rule's id, id prefix or kind (e.g. SHIELD): its logged
        (would-)denies and share of traffic. proposed: a rule to replay against the logged requests,
        e.g. {"kind": "filter", "deny": ["http.request.uri.path wildcard \\"/wp-*\\""]},
        {"kind": "fixed_window", "max": 10, "window": 60, "path_prefix": "/login"},
        {"kind": "sliding_window", "max": 100, "interval": 60},
        {"kind": "token_bucket", "refill_rate": 5, "interval": 10, "capacity": 10},
        {"kind": "bot", "deny": ["CURL"]}. Shield/email/sensitive-info/prompt-injection rules cannot be
        replayed (the log has no payloads): the answer says so."""
        if proposed:
            return _json(replay(source.records(since), proposed))
        if rule:
            return _json(logged_rule_impact(source.records(since), rule))
        return _json({"error": "give rule (a logged rule's id or kind) or proposed (a rule to replay)"})

    @server.tool(name="explain_decision", structured_output=False)
    def explain_decision_tool(decision_id: str) -> str:
        """The logged decision with this id ("lreq_..."): its record and why it concluded as it did."""
        found = explain_decision(source.records(), decision_id.strip())
        return _json(found or {"found": False, "error": f"no decision {decision_id!r} in the log"})

    @server.tool(structured_output=False)
    def test_filter(expressions: list[str], url: str = "http://localhost/", method: str = "GET",
                    headers: dict[str, str] | None = None, ip: str = "203.0.113.7", cookie: str = "") -> str:
        """Evaluate filter_request expressions against a sample request: true, false, undetermined or
        error (with the parse error) for each."""
        from arcjet_core.cli._test_filter import SampleRequest, evaluate

        sample = SampleRequest(url=url, method=method, headers=list((headers or {}).items()), ip=ip, cookie=cookie)
        return _json([{"expression": r.expression, "value": r.value, **({"error": r.message} if r.message else {})}
                      for r in evaluate(expressions, sample)])

    @server.tool(name="security_briefing", structured_output=False)
    def security_briefing_tool(since: str | None = None, top: int = 10) -> str:
        """The pre-launch security briefing in one call: summary, top threats, suspicious clients,
        routes hit, each DRY_RUN rule's impact and what to promote or tune."""
        return _json(security_briefing(lambda: source.records(since), top=max(1, min(top, 50))))
    return server


def serve(logs: Sequence[str]) -> None:
    """Run the server on stdin/stdout until the client disconnects."""
    build_server(logs).run("stdio")
