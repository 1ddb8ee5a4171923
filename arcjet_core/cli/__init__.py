"""The ``arcjet`` command line (click).

    arcjet report LOG... [--since T] [--json] [--html OUT] [--top N]
    arcjet check-ip IP [--rules MODULE:ATTR | --settings MODULE] [--json]
    arcjet test-filter EXPR... [--request FILE] [--url U] [-H 'N: v'] ...
    arcjet mcp LOG...
    arcjet version

Also runnable as ``python -m arcjet`` and ``python -m arcjet_core.cli``.
docs/cli.md describes every command and option.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version

import click

from arcjet_core.cli._check_ip import check_ip_command
from arcjet_core.cli._mcp import mcp_command
from arcjet_core.cli._report import report_command
from arcjet_core.cli._test_filter import test_filter_command

__all__ = ["cli", "main", "package_version"]


def package_version() -> str:
    try:
        return version("arcjet-local")
    except PackageNotFoundError:
        return "unknown (not installed)"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """arcjet-local: decision-log reports, IP checks and filter testing."""


@cli.command("version")
def version_command() -> int:
    """Print the arcjet-local, Python and wasmtime versions."""
    try:
        wasmtime = version("wasmtime")
    except PackageNotFoundError:
        wasmtime = "missing"
    click.echo(f"arcjet-local {package_version()} (python {sys.version.split()[0]}, wasmtime {wasmtime})")
    return 0


for command in (report_command, check_ip_command, test_filter_command, mcp_command):
    cli.add_command(command)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit status. Usage errors exit 2 (SystemExit), like any CLI."""
    try:
        result = cli.main(args=list(argv) if argv is not None else None, prog_name="arcjet", standalone_mode=False)
    except click.exceptions.Exit as exc:  # --help, --version
        return int(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        raise SystemExit(exc.exit_code) from None
    except click.Abort:
        click.echo("Aborted!", err=True)
        raise SystemExit(1) from None
    return result if isinstance(result, int) else 0
