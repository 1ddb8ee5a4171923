"""``arcjet mcp LOG...``: the MCP server over stdio (needs the ``mcp`` extra)."""

from __future__ import annotations

import click

from arcjet_core.cli._report import check_sources


@click.command("mcp")
@click.argument("logs", nargs=-1, required=True, metavar="LOG...")
def mcp_command(logs: tuple[str, ...]) -> int:
    """Serve the decision-log analysis to a coding agent over MCP (stdio).

    Tools: traffic_summary, suspicious_clients, dry_run_impact,
    explain_decision, test_filter, security_briefing.
    """
    check_sources(logs)
    try:
        from arcjet_core.mcp import serve
    except ImportError as exc:
        raise click.ClickException(f"the MCP server needs the mcp extra: pip install 'arcjet-local[mcp]' ({exc})") from None
    serve(list(logs))
    return 0
