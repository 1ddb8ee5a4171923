"""Prompt-injection classifier: speed per 1 KB message and held-out quality.

    python benchmarks/prompt_injection.py [--quick]

- Native: wasm/prompt's prompt_bench (release build): median µs per distinct
  1 KB message over 7 rounds, and the first call in a fresh process (the
  weights are a flat array in the binary, so nothing is parsed).
- Quality: tools/prompt_injection/evaluate.py on the held-out split, scored
  through the prompt_scan binary (the Rust code that ships).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._machine import machine_line
from tools.prompt_injection.evaluate import evaluate
from tools.prompt_injection.paths import CRATE, WEIGHTS_BIN


def build() -> None:
    env = dict(os.environ, RUSTC="/usr/bin/rustc")
    subprocess.run(["/usr/bin/cargo", "build", "--release", "--offline", "-q"], cwd=CRATE, env=env, check=True)


def native(iterations: int) -> dict[str, float]:
    out = subprocess.run([str(CRATE / "target" / "release" / "prompt_bench"), str(iterations)],
                         capture_output=True, check=True, text=True).stdout
    result: dict[str, float] = json.loads(out)
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args(argv)
    print(machine_line())
    build()
    n = 500 if args.quick else 3000
    r = native(n)
    print(f"native classify: {r['us_per_kb']:.1f} µs per 1 KB message (median of 7 rounds, best "
          f"{r['min_us_per_kb']:.1f}); first call in a fresh process {r['first_call_us']:.0f} µs")
    print(f"weights: {WEIGHTS_BIN.stat().st_size / 1024:.0f} KiB, "
          f"fold table: {(WEIGHTS_BIN.parent / 'fold.bin').stat().st_size / 1024:.0f} KiB")
    from tools.prompt_injection import data

    _, held = data.split(data.load_all())
    results, threshold = evaluate(held, CRATE / "target" / "release" / "prompt_scan")
    print(f"held-out (threshold {threshold:.2f}):")
    for m in results:
        print(f"  {m.source:<9} n={m.n:<4} F1 {m.f1:.3f}  precision {m.precision:.3f}  recall {m.recall:.3f}  "
              f"benign flagged {m.benign_flagged:.2%}  [[tn {m.tn} fp {m.fp}] [fn {m.fn} tp {m.tp}]]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
