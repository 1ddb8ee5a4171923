"""Analyses for a coding agent (the MCP tools) over a decision log:
suspicious clients, one decision explained, a rule's dry-run impact, and the
security briefing. Each streams the log; memory stays bounded.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from arcjet_core.report._aggregate import Aggregator, summary_counts
from arcjet_core.report._records import Record

MAX_CLIENTS = 20_000  # per-client state kept while streaming; pruned to half by score


@dataclass
class _Client:
    requests: int = 0
    denied: int = 0
    would_deny: int = 0
    shield: int = 0
    bot_denied: int = 0
    rate_limited: int = 0
    paths: dict[str, int] = field(default_factory=dict)

    def score(self) -> float:
        # Attacks weigh most; plain denies and would-denies next; volume alone barely.
        return (5 * self.shield + 3 * self.bot_denied + 2 * self.denied + self.would_deny
                + self.rate_limited + self.requests / 1000)


def suspicious_clients(records: Iterable[Record], limit: int = 20) -> list[dict[str, Any]]:
    """Clients ranked by how much their traffic was (or would have been) denied."""
    clients: dict[str, _Client] = {}
    for record in records:
        key = record.ip or "(unknown)"
        c = clients.get(key)
        if c is None:
            if len(clients) >= MAX_CLIENTS:
                ranked = sorted(clients.items(), key=lambda kv: kv[1].score(), reverse=True)
                clients = dict(ranked[: MAX_CLIENTS // 2])
            c = clients[key] = _Client()
        c.requests += 1
        if record.conclusion == "DENY":
            c.denied += 1
        for rule in record.rules:
            if rule.conclusion != "DENY":
                continue
            if rule.would_deny:
                c.would_deny += 1
            if rule.kind == "SHIELD":
                c.shield += 1
            elif rule.kind == "BOT":
                c.bot_denied += 1
            elif rule.kind == "RATE_LIMIT":
                c.rate_limited += 1
        if (record.conclusion == "DENY" or any(r.conclusion == "DENY" for r in record.rules)) and (
                record.path in c.paths or len(c.paths) < 10):
            c.paths[record.path] = c.paths.get(record.path, 0) + 1
    ranked = sorted(((k, c) for k, c in clients.items() if c.score() >= 1), key=lambda kv: kv[1].score(),
                    reverse=True)
    return [{"client": k, "score": round(c.score(), 2), "requests": c.requests, "denied": c.denied,
             "would_deny": c.would_deny, "shield_hits": c.shield, "bot_denies": c.bot_denied,
             "rate_limited": c.rate_limited,
             "denied_paths": dict(sorted(c.paths.items(), key=lambda kv: -kv[1]))} for k, c in ranked[:limit]]


def explain_decision(records: Iterable[Record], decision_id: str) -> dict[str, Any] | None:
    """The logged decision with this id, and in words why it concluded as it did."""
    for record in records:
        if record.id != decision_id:
            continue
        lines = [f"{record.method} {record.path} from {record.ip or 'an unknown client'} ({record.ua or 'no UA class'})"
                 f" at {record.raw.get('ts', '?')}: {record.conclusion} ({record.reason})."]
        for rule in record.rules:
            details = ", ".join(f"{k}={v}" for k, v in rule.fields.items())
            if rule.state == "NOT_RUN":
                lines.append(f"- {rule.kind} rule {rule.label} did not run (an earlier LIVE rule decided).")
            elif rule.would_deny:
                lines.append(f"- {rule.kind} rule {rule.label} is in DRY_RUN and WOULD HAVE DENIED ({details}); "
                             "it did not change the decision.")
            else:
                lines.append(f"- {rule.kind} rule {rule.label} ({rule.mode}, {rule.state}) concluded {rule.conclusion}"
                             + (f" ({details})" if details else "") + ".")
        return {"found": True, "record": dict(record.raw), "explanation": "\n".join(lines)}
    return None


def _rule_matches(rule_kind: str, rule_label: str, wanted: str) -> bool:
    wanted_up = wanted.upper()
    return rule_label == wanted or rule_label.startswith(wanted) or rule_kind == wanted_up


def logged_rule_impact(records: Iterable[Record], rule: str) -> dict[str, Any]:
    """What a logged rule (by id, id prefix or kind) denied or would have denied."""
    agg = Aggregator()
    agg.add_all(records)
    report = agg.result()
    matches = {label: r for label, r in report["rules"].items() if _rule_matches(r["kind"], label, rule)}
    out: dict[str, Any] = {"total": report["total"], "rules": {}}
    for label, r in matches.items():
        entry = dict(r)
        if label in report["dry_run"]:
            entry.update(report["dry_run"][label])
        entry["share"] = round(r["denied"] / report["total"], 6) if report["total"] else 0.0
        out["rules"][label] = entry
    if not matches:
        out["error"] = f"no logged rule matches {rule!r}; logged rules: {sorted(report['rules'])}"
    return out


def recommendations(report: Mapping[str, Any], *, promote_max_share: float = 0.01) -> list[str]:
    """What to promote and what to tune, from the dry_run section and the rule hit rates."""
    out: list[str] = []
    for label, d in report["dry_run"].items():
        share, extra = d["share"], d["additional_share"]
        where = ", ".join(p["path"] for p in d["top_paths"][:3])
        if d["evaluated"] == 0:
            out.append(f"{d['kind']} {label}: never evaluated in this log; nothing to judge yet.")
        elif d["would_deny"] == 0:
            out.append(f"{d['kind']} {label}: would deny nothing in {d['evaluated']} requests; "
                       "promote only if it guards against something not seen yet.")
        elif extra <= promote_max_share:
            out.append(f"{d['kind']} {label}: would deny {d['would_deny']} ({share:.2%}), "
                       f"{d['additional_denies']} of them not otherwise denied ({extra:.2%}); "
                       f"review the top paths ({where}) and promote to LIVE if they are attacks.")
        else:
            out.append(f"{d['kind']} {label}: would deny {extra:.2%} of requests not otherwise denied "
                       f"(top paths {where}): likely false positives; tune it before promoting.")
    for label, r in report["rules"].items():
        if r["mode"] == "LIVE" and r["evaluated"] and r["hit_rate"] > 0.2:
            out.append(f"{r['kind']} {label} (LIVE) denies {r['hit_rate']:.0%} of the requests it sees: "
                       "check it is not blocking real users.")
    return out


def security_briefing(records_factory: Callable[[], Iterable[Record]], top: int = 10) -> dict[str, Any]:
    """One call: summary, top threats, suspicious clients, routes hit, what to promote or tune."""
    report = Aggregator(top=top).add_all(records_factory()).result()
    clients = suspicious_clients(records_factory(), limit=top)
    threats: list[dict[str, Any]] = [{"reason": r, "denied": n} for r, n in report["denied_by_reason"].items()]
    threats += [{"shield_category": c, "requests": n} for c, n in report["shield"]["categories"].items()]
    threats += [{"bot": b, "denied": v["denied"]} for b, v in report["bots"]["ids"].items() if v["denied"]]
    return {
        "summary": summary_counts(report),
        "period": {"first": report["first"], "last": report["last"]},
        "by_conclusion": report["by_conclusion"],
        "top_threats": threats[: 3 * top],
        "suspicious_clients": clients,
        "routes": report["top_paths"],
        "denied_routes": report["top_denied_paths"],
        "dry_run": report["dry_run"],
        "recommendations": recommendations(report),
    }

