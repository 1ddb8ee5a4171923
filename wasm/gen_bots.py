#!/usr/bin/env python3
"""Generate the analyzer's bot tables from the bot catalogue.

The catalogue is well-known-bots.json widened by crawler-user-agents.json and
corrected by bot_overrides.json (bot_sources.py says how; each source's
licence is in its directory under data/ and is copied next to the Python
data). Writes a Rust module (patterns, ids, categories, IP ranges) compiled into the
Wasm analyzer, and a small JSON file for the host (reverse-DNS masks, used by
the opt-in DNS verification that runs in Python). Output is deterministic:
same input bytes, same output bytes.

    gen_bots.py --rust-out src/generated/bots.rs --py-out ../arcjet_core/analyze/data
"""

from __future__ import annotations

import argparse
import ipaddress
import json
import re
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from bot_sources import CRAWLER_USER_AGENTS, OVERRIDES, SOURCES, WELL_KNOWN_BOTS, load_catalogue  # noqa: E402

BOTS = WELL_KNOWN_BOTS
RANGES = HERE / "data" / "bot_ranges.json"

REGEX_META = set("^$.*+?()[]{}|\\")
NO_REGEX = 0xFFFF


def api_name(raw: str) -> str:
    return raw.upper().replace("-", "_")


def as_literal(pattern: str) -> str | None:
    """The literal a JavaScript pattern matches, or None when it is a real regex.

    Patterns like `Googlebot\\/` or `grub\\.org` only escape punctuation; those
    go to the Aho-Corasick automaton instead of the RegexSet.
    """
    out = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            if i + 1 >= len(pattern):
                return None
            n = pattern[i + 1]
            if n.isalnum():  # \d, \w, \b, ...: a real class or assertion
                return None
            out.append(n)
            i += 2
            continue
        if c in REGEX_META:
            return None
        out.append(c)
        i += 1
    return "".join(out)


def to_rust_regex(pattern: str) -> str:
    """Translate JavaScript regex syntax to the regex crate's.

    regex 1.7 rejects escapes of characters that are not meta characters
    (`\\/`, `\\-` outside classes...): drop the backslash there. Everything else
    used by the data (classes, groups, `(?:`, `{0,1}`, anchors, `\\d`) has the
    same meaning in both.
    """
    out = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\" and i + 1 < len(pattern):
            n = pattern[i + 1]
            if n.isalnum() or n in REGEX_META or n in "-#&~ ":
                out.append(c + n)
            else:
                out.append(n)
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


def _rust_escape(s: str) -> str:
    out = ['"']
    for ch in s:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif 0x20 <= ord(ch) < 0x7F:
            out.append(ch)
        else:
            out.append(f"\\u{{{ord(ch):x}}}")
    out.append('"')
    return "".join(out)


try:  # the stdlib's regex parser, to expand small regexes into literal sets
    import re._parser as _sre  # type: ignore[import-not-found]
    from re._constants import (  # type: ignore[import-not-found]
        AT,
        AT_BEGINNING,
        BRANCH,
        IN,
        LITERAL,
        MAX_REPEAT,
        MIN_REPEAT,
        RANGE,
        SUBPATTERN,
    )
except ImportError:  # Python < 3.11
    import sre_parse as _sre  # type: ignore[no-redef]
    from sre_constants import (  # type: ignore[no-redef]
        AT,
        AT_BEGINNING,
        BRANCH,
        IN,
        LITERAL,
        MAX_REPEAT,
        MIN_REPEAT,
        RANGE,
        SUBPATTERN,
    )

MAX_EXPANSION = 64


class _NotFinite(Exception):
    pass


def expand(pattern: str) -> list[tuple[bool, str]] | None:
    """The finite set of (anchored_at_start, literal) a regex matches, or None.

    `[wW]get` -> wget, Wget; `^curl` -> anchored curl; `(^| )sentry/` ->
    anchored "sentry/" and " sentry/". Such regexes join the Aho-Corasick
    automaton (anchored ones must match at offset 0), which is several times
    cheaper per call than any regex engine's fixed cost.
    """
    try:
        parsed = _sre.parse(pattern)
        out = _expand_seq(list(parsed), [(False, "")])
    except (_NotFinite, re.error):
        return None
    return sorted(set(out))


def _expand_seq(items: list, acc: list[tuple[bool, str]]) -> list[tuple[bool, str]]:
    for op, av in items:
        if op is LITERAL:
            acc = [(a, t + chr(av)) for a, t in acc]
        elif op is IN:
            chars: list[str] = []
            for iop, iav in av:
                if iop is LITERAL:
                    chars.append(chr(iav))
                elif iop is RANGE and iav[1] - iav[0] < 16:
                    chars.extend(chr(c) for c in range(iav[0], iav[1] + 1))
                else:  # NEGATE, CATEGORY, big ranges
                    raise _NotFinite
            acc = [(a, t + c) for a, t in acc for c in chars]
        elif op is SUBPATTERN:
            acc = _expand_seq(list(av[-1]), acc)
        elif op is BRANCH:
            acc = [r for branch in av[1] for r in _expand_seq(list(branch), acc)]
        elif op in (MAX_REPEAT, MIN_REPEAT):
            lo, hi, sub = av
            if hi > 3:
                raise _NotFinite
            results = []
            for count in range(lo, hi + 1):
                cur = acc
                for _ in range(count):
                    cur = _expand_seq(list(sub), cur)
                results.extend(cur)
            acc = results
        elif op is AT and av is AT_BEGINNING:
            if any(t for _, t in acc):
                raise _NotFinite
            acc = [(True, t) for _, t in acc]
        else:
            raise _NotFinite
        if len(acc) > MAX_EXPANSION:
            raise _NotFinite
    return acc


def trigger(pattern: str) -> str:
    """The longest literal run every match of `pattern` contains ("" if none).

    A regex that cannot be expanded only runs when its trigger was seen by
    the automaton, so a typical request runs no regex at all.
    """
    try:
        parsed = list(_sre.parse(pattern))
    except re.error:
        return ""
    best, run = "", ""
    for op, av in parsed:
        if op is LITERAL:
            run += chr(av)
            best = max(best, run, key=len)
        else:
            run = ""
    return best


def normalise_network(text: str) -> str:
    return str(ipaddress.ip_network(text.strip(), strict=False))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--bots", type=Path, default=BOTS)
    ap.add_argument("--crawler-user-agents", type=Path, default=CRAWLER_USER_AGENTS)
    ap.add_argument("--overrides", type=Path, default=OVERRIDES)
    ap.add_argument("--ranges", type=Path, default=RANGES)
    ap.add_argument("--rust-out", type=Path, required=True)
    ap.add_argument("--py-out", type=Path, required=True)
    args = ap.parse_args()

    bots = load_catalogue(args.bots, args.crawler_user_agents, args.overrides)
    snapshot = json.loads(args.ranges.read_text(encoding="utf-8"))
    sources: dict[str, dict[str, object]] = snapshot["sources"]
    extra: dict[str, list[str]] = snapshot.get("extra_sources", {})

    categories = sorted({api_name(c) for b in bots for c in b.get("categories", [])} | {"UNKNOWN"})
    cat_index = {c: i for i, c in enumerate(categories)}

    groups: list[list[str]] = []  # each: normalised networks of one source (or one inline list)
    group_key: dict[tuple[str, ...], int] = {}

    def group_for(nets: list[str]) -> int:
        key = tuple(sorted(set(nets), key=lambda n: (ipaddress.ip_network(n).version, n)))
        if key not in group_key:
            group_key[key] = len(groups)
            groups.append(list(key))
        return group_key[key]

    entries = []
    literals: list[tuple[str, int, bool]] = []
    regexes: list[tuple[str, int, bool]] = []
    dns_masks: dict[str, list[str]] = {}
    for idx, bot in enumerate(bots):
        bot_id = api_name(bot["id"])
        cats = sorted(cat_index[api_name(c)] for c in bot.get("categories", []))
        for forbidden, key in ((False, "accepted"), (True, "forbidden")):
            for pat in bot["pattern"].get(key, []):
                lit = as_literal(pat)
                if lit is not None:
                    literals.append((lit, False, idx, forbidden, NO_REGEX))
                    continue
                rust = to_rust_regex(pat)
                finite = expand(rust)
                if finite is not None:
                    literals.extend((t, anchored, idx, forbidden, NO_REGEX) for anchored, t in finite)
                    continue
                # Only an anchored-free trigger is safe: it is searched anywhere.
                literals.append((trigger(rust), False, idx, forbidden, len(regexes)))
                regexes.append((rust, idx, forbidden))
        range_groups: list[int] = []
        urls = list(extra.get(bot["id"], []))
        for ver in bot.get("verification", []):
            if ver["type"] in ("cidr", "ip"):
                if "ips" in ver:
                    range_groups.append(group_for([normalise_network(i) for i in ver["ips"]]))
                urls.extend(src["url"] for src in ver.get("sources", []))
            elif ver["type"] == "dns":
                dns_masks[bot_id] = list(ver["masks"])
        for url in urls:
            if url in sources:
                nets = [normalise_network(p) for p in sources[url]["prefixes"]]  # type: ignore[union-attr]
                range_groups.append(group_for(nets))
        entries.append((bot_id, cats, sorted(set(range_groups))))

    if len(regexes) > 64:
        raise SystemExit("gen_bots: more than 64 non-literal regexes; the detector's bit mask needs widening")
    lines = [
        "// @generated by wasm/gen_bots.py from data/bot_ranges.json and the bot catalogue:",
        *(f"//   data/{path} ({licence})" for _, path, licence in SOURCES),
        "// Do not edit.",
        "",
        "pub struct Literal {",
        "    pub text: &'static str,",
        "    /// Must match at offset 0 (from a `^` in the pattern).",
        "    pub anchored: bool,",
        "    pub entry: u16,",
        "    pub forbidden: bool,",
        "    /// NO_REGEX, or the index of a regex this literal triggers instead of matching.",
        "    pub regex: u16,",
        "}",
        "",
        "pub struct Entry {",
        "    pub id: &'static str,",
        "    pub categories: &'static [u8],",
        "    pub range_groups: &'static [u16],",
        "}",
        "",
        "pub static CATEGORIES: &[&str] = &[",
    ]
    lines += [f"    {_rust_escape(c)}," for c in categories]
    lines += ["];", "", f"pub const UNKNOWN_CATEGORY: u8 = {cat_index['UNKNOWN']};", "",
              "pub static ENTRIES: &[Entry] = &["]
    for bot_id, cats, rgs in entries:
        lines.append(
            f"    Entry {{ id: {_rust_escape(bot_id)}, categories: &{cats!r}, range_groups: &{rgs!r} }},"
        )
    lines += ["];", "", "/// Automaton patterns.", f"pub const NO_REGEX: u16 = {NO_REGEX};",
              "pub static LITERALS: &[Literal] = &["]
    for text, anchored, i, f, rx in literals:
        lines.append(f"    Literal {{ text: {_rust_escape(text)}, anchored: {str(anchored).lower()}, "
                     f"entry: {i}, forbidden: {str(f).lower()}, regex: {rx} }},")
    lines += ["];", "", "/// (regex, entry index, forbidden): run when their trigger literal matched.",
              "pub static REGEXES: &[(&str, u16, bool)] = &["]
    lines += [f"    ({_rust_escape(s)}, {i}, {str(f).lower()})," for s, i, f in regexes]
    lines += ["];", "", "/// Networks (`addr/prefix`) by range group.", "pub static RANGE_GROUPS: &[&[&str]] = &["]
    for g in groups:
        lines.append("    &[" + ", ".join(_rust_escape(n) for n in g) + "],")
    lines += ["];", ""]

    args.rust_out.parent.mkdir(parents=True, exist_ok=True)
    args.rust_out.write_text("\n".join(lines), encoding="utf-8")

    args.py_out.mkdir(parents=True, exist_ok=True)
    (args.py_out / "bot_dns_masks.json").write_text(
        json.dumps(dict(sorted(dns_masks.items())), indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    # The catalogue's patterns and ids ship inside the module: ship each
    # third-party source's licence and provenance beside the Python data.
    for name, path, _ in SOURCES[:2]:
        for kind in ("LICENSE", "SOURCE"):
            shutil.copyfile(HERE / "data" / Path(path).parent / kind, args.py_out / f"{kind}.{name}")
    print(f"gen_bots: {len(entries)} bots, {len(categories)} categories, {len(literals)} literals, "
          f"{len(regexes)} regexes, {len(groups)} range groups")


if __name__ == "__main__":
    main()
