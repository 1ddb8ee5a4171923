"""Prompt-injection classifier: speed per 1 KB message and held-out quality.

    python benchmarks/prompt_injection.py [--quick]

- Native: wasm/prompt's prompt_bench (release build): median wall µs per
  distinct 1 KB message over 7 rounds, the CPU µs per message (the thread's
  own run time, which a loaded machine does not inflate; the load average is
  on the machine line), and the first call in a fresh process (the weights
  are a flat array in the binary, so nothing is parsed; the first call makes
  the feature-count table).
- Wasm: the same prompt_bench built for wasm32-wasi and run by wasmtime (the
  runtime the package uses), so the figure includes the Wasm overhead the
  analyzer pays; skipped with a note when the wasm32-wasi standard library
  is not installed.
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


def wasm(iterations: int) -> dict[str, float | None] | None:
    """prompt_bench compiled to wasm32-wasi, run under wasmtime; None if it cannot be built."""
    env = dict(os.environ, RUSTC="/usr/bin/rustc")
    built = subprocess.run(["/usr/bin/cargo", "build", "--release", "--offline", "-q", "--bin", "prompt_bench",
                            "--target", "wasm32-wasi"], cwd=CRATE, env=env, capture_output=True)
    module_path = CRATE / "target" / "wasm32-wasi" / "release" / "prompt_bench.wasm"
    if built.returncode != 0 or not module_path.exists():
        return None
    import tempfile

    from wasmtime import Engine, Linker, Module, Store, WasiConfig

    engine = Engine()
    linker = Linker(engine)
    linker.define_wasi()
    store = Store(engine)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.json"
        cfg = WasiConfig()
        cfg.argv = ["prompt_bench", str(iterations)]
        cfg.stdout_file = str(out)
        store.set_wasi(cfg)
        instance = linker.instantiate(store, Module.from_file(engine, str(module_path)))
        start = instance.exports(store)["_start"]
        start(store)  # type: ignore[operator]
        result: dict[str, float | None] = json.loads(out.read_text())
    return result


def native(iterations: int) -> dict[str, float | None]:
    out = subprocess.run([str(CRATE / "target" / "release" / "prompt_bench"), str(iterations)],
                         capture_output=True, check=True, text=True).stdout
    result: dict[str, float | None] = json.loads(out)
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args(argv)
    print(machine_line())
    build()
    n = 500 if args.quick else 3000
    r = native(n)
    cpu = r.get("cpu_us_per_kb")
    cpu_text = f"{cpu:.1f} µs CPU" if isinstance(cpu, (int, float)) else "CPU time not available"
    print(f"native classify: {r['us_per_kb']:.1f} µs wall per 1 KB message (median of 7 rounds, best "
          f"{r['min_us_per_kb']:.1f}), {cpu_text}; first call in a fresh process {r['first_call_us']:.0f} µs")
    w = wasm(n)
    if w is None:
        print("wasm: not measured (cargo could not build for wasm32-wasi here)")
    else:
        print(f"wasm (wasmtime) classify: {w['us_per_kb']:.1f} µs wall per 1 KB message (median of 7 rounds, "
              f"best {w['min_us_per_kb']:.1f}); first call {w['first_call_us']:.0f} µs")
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
