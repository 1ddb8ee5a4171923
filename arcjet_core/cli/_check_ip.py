"""``arcjet check-ip IP``: what is known about an address, and what the rules
would decide for a request from it.

The details come from the bundled open data plus the user's MMDB files
(``--ip-database``). With ``--rules`` (or ``--settings``) one request from
the address is run through ``protect()`` with those rules on a fresh
in-memory store, every rule forced to DRY_RUN so all of them run: each
rule's conclusion is shown, and the decision the rules as configured (LIVE
or not) would have made.
"""

from __future__ import annotations

import dataclasses
import ipaddress
import json
from typing import Any

import click

from arcjet_core.cli._rules_ref import load_rules
from arcjet_core.rules import RuleSpec


def ip_details(ip: str, databases: tuple[str, ...]) -> dict[str, Any]:
    from arcjet_core.ip_intel import IpIntel

    intel = IpIntel.from_option(list(databases)) if databases else IpIntel.from_option(None)
    details = intel.lookup(ip)
    return {k: v for k, v in dataclasses.asdict(details).items() if v is not None} if details else {}


def _reason_fields(reason: Any) -> dict[str, Any]:
    if not dataclasses.is_dataclass(reason):
        return {}
    out: dict[str, Any] = {}
    for f in dataclasses.fields(reason):
        value = getattr(reason, f.name)
        if f.name == "type" or value in (None, (), [], ""):
            continue
        out[f.name] = value if isinstance(value, (bool, int, float, str)) else str(value) if not isinstance(
            value, (list, tuple)) else [str(v) for v in value]
    return out


def decide(ip: str, rules: list[RuleSpec], *, method: str, path: str, user_agent: str,
           databases: tuple[str, ...]) -> dict[str, Any]:
    """One protect() call from ``ip``; each rule's own conclusion and the overall one."""
    from arcjet_core.client import arcjet_sync
    from arcjet_core.enums import Mode

    # DRY_RUN copies: every rule runs (a LIVE deny would mark the rest NOT_RUN),
    # and the decision as configured is recomputed from the modes below.
    dry = [dataclasses.replace(r, mode=Mode.DRY_RUN) for r in rules]  # type: ignore[type-var]  # every rule is a dataclass
    headers = [("host", "localhost")] + ([("user-agent", user_agent)] if user_agent else [])
    request = {"ip": ip, "method": method.upper(), "path": path, "query": "", "headers": headers}
    with arcjet_sync(key="arcjet-check-ip", rules=dry, disable_automatic_ip_detection=True,
                     ip_database=list(databases) or None) as aj:
        decision = aj.protect(request, ip_src=ip)
    results = []
    verdict = "ALLOW"
    for rule, result in zip(rules, decision.results, strict=False):
        live = str(getattr(rule, "mode", "LIVE")) == "LIVE"
        conclusion = str(result.conclusion)
        if live and conclusion == "DENY":
            verdict = "DENY"
        elif live and conclusion == "ERROR" and verdict == "ALLOW":
            verdict = "ERROR"
        results.append({"kind": result.kind, "mode": "LIVE" if live else "DRY_RUN", "conclusion": conclusion,
                        "reason": str(getattr(result.reason_v2, "type", "")),
                        **_reason_fields(result.reason_v2)})
    return {"conclusion": verdict, "rules": results}


@click.command("check-ip")
@click.argument("ip")
@click.option("--rules", "rules_ref", metavar="MODULE:ATTR",
              help="the rules to try: a rule list, an arcjet client or a settings dict with RULES")
@click.option("--settings", "settings_module", metavar="MODULE",
              help="a Django settings module: its ARCJET['RULES'] (same as --rules MODULE:ARCJET)")
@click.option("--path", default="/", show_default=True, help="the request path to try")
@click.option("--method", default="GET", show_default=True)
@click.option("--user-agent", default="Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
              show_default=True, help="the User-Agent to send ('' for none)")
@click.option("--ip-database", "databases", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="an MMDB file (MaxMind, IPinfo, DB-IP) to consult first (repeatable)")
@click.option("--json", "as_json", is_flag=True, help="print one JSON object")
def check_ip_command(ip: str, rules_ref: str | None, settings_module: str | None, path: str, method: str,
                     user_agent: str, databases: tuple[str, ...], as_json: bool) -> int:
    """Show what is known about IP and what the rules would decide for it."""
    try:
        canonical = str(ipaddress.ip_address(ip.strip()))
    except ValueError:
        raise click.BadParameter(f"{ip!r} is not an IPv4 or IPv6 address", param_hint="IP") from None
    if rules_ref and settings_module:
        raise click.UsageError("give --rules or --settings, not both")
    ref = rules_ref or (f"{settings_module}:ARCJET" if settings_module else None)
    out: dict[str, Any] = {"ip": canonical, "details": ip_details(canonical, databases)}
    addr = ipaddress.ip_address(canonical)
    out["global"] = addr.is_global
    if ref:
        out["decision"] = decide(canonical, load_rules(ref), method=method, path=path, user_agent=user_agent,
                                 databases=databases)
    if as_json:
        click.echo(json.dumps(out, indent=2, default=str))
        return 0
    click.echo(f"IP              {canonical}" + ("" if addr.is_global else "  (not a global address)"))
    if not out["details"]:
        click.echo("details         nothing known (no bundled data for this range)")
    for key, value in out["details"].items():
        click.echo(f"{key:<16}{value}")
    if "decision" in out:
        decision = out["decision"]
        click.echo(f"\n{method.upper()} {path} from {canonical}: {decision['conclusion']}"
                   " (rules as configured; rate limits counted from an empty store)")
        for r in decision["rules"]:
            extra = ", ".join(f"{k}={v}" for k, v in r.items() if k not in ("kind", "mode", "conclusion", "reason"))
            click.echo(f"  {r['kind']:<15}{r['mode']:<8}{r['conclusion']:<8}{r['reason']}" + (f"  {extra}" if extra
                                                                                              else ""))
    else:
        click.echo("\n(no rules given: --rules module:attr or --settings module to see what they would decide)")
    return 0
