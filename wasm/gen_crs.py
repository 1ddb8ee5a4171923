#!/usr/bin/env python3
"""Compile the OWASP CRS request rules into the engine's rule table.

Reads `crs-setup.conf.example` and `rules/REQUEST-9*.conf` (phases 1-2; the
`.data` files beside them for `@pmFromFile`), translates every regex to the
Rust `regex` crate's syntax with its prefilter literals, and writes the JSON
that `wasm/crs/src/ir.rs` describes. Prints what is not supported and the rules
that therefore cannot run; `--report` also writes that as markdown.
Deterministic: same input bytes, same output bytes. Standard library only.

    gen_crs.py --rules data/crs/rules --out crs/generated/crs.json [--report ../docs/crs-unsupported.md]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from crsgen.report import markdown, prefilter_stats, unfiltered_rx
from crsgen.rules import Compiled, compile_files

HERE = Path(__file__).resolve().parent
RULES = HERE / "data" / "crs" / "rules"


def rule_files(rules_dir: Path, setup: Path) -> list[Path]:
    # The order ModSecurity includes them in: the setup, then the rules by name.
    return [setup, *sorted(rules_dir.glob("REQUEST-9*.conf"))]


def table(out: Compiled) -> str:
    doc = {"version": out.version, "items": out.items, "data_files": dict(sorted(out.data_files.items()))}
    return json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=True) + "\n"


def summary(out: Compiled) -> list[str]:
    rules = sum(1 for i in out.items if i["item"] == "rule")
    eligible, filtered, mean = prefilter_stats(out.items)
    neither = len(unfiltered_rx(out.items))
    lines = [
        f"gen_crs: CRS {out.version}: {rules} rules, {len(out.items) - rules} markers, "
        f"{len(out.data_files)} data files; literal prefilters on {filtered}/{eligible} rx "
        f"(mean literal {mean:.1f} bytes), neither literal nor byte prefilter on {neither}; "
        f"rules that cannot run: {len(out.dropped)}, "
        f"outside phases 1-2: {out.other_phase_rules}"
    ]
    for d in sorted(out.dropped, key=lambda d: d.id):
        reasons = ", ".join(dict.fromkeys(f"{p.kind} {p.what}" for p in d.problems))
        lines.append(f"gen_crs: cannot run {d.id} (PL {d.paranoia_level}): {reasons}")
    for p in out.global_problems:
        lines.append(f"gen_crs: not supported at {p.file}:{p.line}: {p.kind} {p.what}")
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("--rules", type=Path, default=RULES, help="directory of REQUEST-9*.conf and .data")
    ap.add_argument("--setup", type=Path, help="crs-setup.conf (default: ../crs-setup.conf.example)")
    ap.add_argument("--out", type=Path, required=True, help="the JSON table to write")
    ap.add_argument("--report", type=Path, help="also write the markdown report here")
    args = ap.parse_args()

    setup = args.setup or args.rules.parent / "crs-setup.conf.example"
    paths = rule_files(args.rules, setup)
    out = compile_files(paths, args.rules)

    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(table(out), encoding="utf-8")
    print("\n".join(summary(out)), file=sys.stderr)
    if args.report is not None:
        text = markdown(out, [p.name for p in paths])
        args.report.parent.mkdir(parents=True, exist_ok=True)
        args.report.write_text(text, encoding="utf-8")
        print(text)


if __name__ == "__main__":
    main()
