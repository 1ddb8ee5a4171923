"""The bot catalogue the analyzer is built from: well-known-bots, widened.

Sources, each an unchanged copy under data/ with its LICENSE and SOURCE:

- data/well-known-bots/well-known-bots.json (MIT): the base. Its ids,
  categories, IP ranges and reverse-DNS masks are kept as they are, in their
  order, so an entry's index and id never depend on the other sources.
- data/crawler-user-agents/crawler-user-agents.json (MIT, PyPI
  crawler-user-agents): each entry whose example user agents well-known-bots
  does not already name is appended as a new entry. Its id is derived from
  its pattern (`Barkrowler` -> BARKROWLER) and its categories from its tags
  (TAG_CATEGORIES), in the same scheme; no tag -> UNKNOWN.
- data/bot_overrides.json (this project): corrections that keep real
  browsers and apps from being named as crawlers (a forbidden pattern or a
  dropped entry, each with the reason and the user agent it protects).

Every entry keeps `source` (which file it came from) so tests and the
coverage benchmark can report figures per source.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
WELL_KNOWN_BOTS = HERE / "data" / "well-known-bots" / "well-known-bots.json"
CRAWLER_USER_AGENTS = HERE / "data" / "crawler-user-agents" / "crawler-user-agents.json"
OVERRIDES = HERE / "data" / "bot_overrides.json"

# (name, file under data/, licence): what the generated module's header and
# the package's LICENSE/SOURCE files name.
SOURCES = (
    ("well-known-bots", "well-known-bots/well-known-bots.json", "MIT"),
    ("crawler-user-agents", "crawler-user-agents/crawler-user-agents.json", "MIT"),
    ("bot-overrides", "bot_overrides.json", "this project's licence"),
)

# crawler-user-agents tags -> the well-known-bots category each maps to. SEO
# crawlers go to OPTIMIZER as well-known-bots files sistrix, screamingfrog,
# oncrawl and sitebulb; scanners have no category of their own there
# (Palo Alto's Expanse is `unknown`), so they stay UNKNOWN.
TAG_CATEGORIES = {
    "academic": "academic",
    "advertising": "advertising",
    "ai-crawler": "ai",
    "archiver": "archive",
    "browser-automation": "tool",
    "feed-reader": "feedfetcher",
    "http-library": "programmatic",
    "monitoring": "monitor",
    "scanner": "unknown",
    "search-engine": "search-engine",
    "seo": "optimizer",
    "social-preview": "preview",
}

Entry = dict[str, Any]


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _matches(entry: Entry, compiled: dict[str, re.Pattern[str]], ua: str) -> bool:
    pats = entry["pattern"]
    if not any(compiled[p].search(ua) for p in pats.get("accepted", [])):
        return False
    return not any(compiled[p].search(ua) for p in pats.get("forbidden", []))


def slug(pattern: str) -> str:
    """A readable id from a pattern: `Ahrefs(Bot|SiteAudit)` -> ahrefs-bot-siteaudit.

    A character class stands for its first character (`S[eE]mrush` ->
    semrush); escapes, anchors, quantifiers and group syntax go.
    """
    text = re.sub(r"\[\^?(.)[^\]]*\]", lambda m: m.group(1) if m.group(1).isalnum() else "-", pattern)
    text = re.sub(r"\\[dDsSwWbB]", "-", text)
    text = re.sub(r"\{\d*,?\d*\}|\(\?:|[()|?*+^$]", "-", text)
    text = text.replace("\\", "")
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _load_overrides(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def load_catalogue(
    well_known_bots: Path = WELL_KNOWN_BOTS,
    crawler_user_agents: Path = CRAWLER_USER_AGENTS,
    overrides: Path = OVERRIDES,
) -> list[Entry]:
    """The merged catalogue, in the well-known-bots schema, deterministic."""
    base: list[Entry] = json.loads(well_known_bots.read_text(encoding="utf-8"))
    extra: list[dict[str, Any]] = json.loads(crawler_user_agents.read_text(encoding="utf-8"))
    fixes = _load_overrides(overrides)

    catalogue: list[Entry] = []
    for bot in base:
        entry = dict(bot)
        entry["pattern"] = {k: list(v) for k, v in bot["pattern"].items()}
        entry["instances"] = {k: list(v) for k, v in bot.get("instances", {}).items()}
        entry["source"] = "well-known-bots"
        catalogue.append(entry)
    known_categories = {c for b in catalogue for c in b.get("categories", [])}

    compiled: dict[str, re.Pattern[str]] = {}
    for b in catalogue:
        for pats in b["pattern"].values():
            for p in pats:
                compiled.setdefault(p, _compile(p))

    dropped: dict[str, Any] = fixes.get("drop", {})
    replaced: dict[str, dict[str, Any]] = fixes.get("replace", {})
    unknown = (set(dropped) | set(replaced)) - {e["pattern"] for e in extra}
    if unknown:
        raise SystemExit(f"bot_overrides.json names patterns crawler-user-agents does not have: {sorted(unknown)}")
    base_patterns = {p for b in catalogue for p in b["pattern"].get("accepted", [])}
    used_ids = {b["id"] for b in catalogue}
    for item in extra:
        pattern: str = item["pattern"]
        source_pattern = pattern
        if pattern in dropped or pattern in base_patterns:
            continue
        # The id stays the one the source's own pattern gives.
        own_slug = slug(pattern)
        if pattern in replaced:
            pattern = replaced[pattern]["pattern"]
        instances: list[str] = list(item.get("instances", []))
        # Already named: every example is matched by some well-known-bots
        # entry. The base's id (with its IP ranges and DNS masks) wins.
        if instances and all(any(_matches(b, compiled, ua) for b in catalogue[: len(base)]) for ua in instances):
            continue
        categories = sorted({TAG_CATEGORIES[t] for t in item.get("tags", [])} or {"unknown"})
        if not set(categories) <= known_categories:
            raise SystemExit(f"crawler-user-agents {pattern!r}: categories {categories} outside the scheme")
        bot_id = own_slug or "crawler"
        n = 2
        while bot_id in used_ids:
            bot_id = f"{own_slug or 'crawler'}-{n}"
            n += 1
        used_ids.add(bot_id)
        compiled.setdefault(pattern, _compile(pattern))
        entry = {
            "id": bot_id,
            "categories": categories,
            "pattern": {"accepted": [pattern], "forbidden": []},
            "instances": {"accepted": instances,
                          "rejected": list(replaced.get(source_pattern, {}).get("rejected", []))},
            "source": "crawler-user-agents",
        }
        if item.get("url"):
            entry["url"] = item["url"]
        catalogue.append(entry)

    by_id = {b["id"]: b for b in catalogue}
    forbid: dict[str, dict[str, Any]] = fixes.get("forbid", {})
    for bot_id, fix in forbid.items():
        if bot_id not in by_id:
            raise SystemExit(f"bot_overrides.json forbids patterns for an unknown id {bot_id!r}")
        entry = by_id[bot_id]
        entry["pattern"]["forbidden"] = entry["pattern"].get("forbidden", []) + list(fix["patterns"])
        entry["instances"]["rejected"] = entry["instances"].get("rejected", []) + list(fix["rejected"])
    # A replaced pattern must still name the source's examples and no longer
    # the user agent it was narrowed for.
    for old, fix in replaced.items():
        new = _compile(fix["pattern"])
        owner = next(e for e in extra if e["pattern"] == old)
        missed = [ua for ua in owner.get("instances", []) if not new.search(ua)]
        kept = [ua for ua in fix["rejected"] if new.search(ua)]
        if missed or kept:
            raise SystemExit(f"bot_overrides.json replace {old!r}: misses {missed}, still matches {kept}")
    return catalogue
