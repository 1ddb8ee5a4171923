"""Content moderation: µs per 1 KB text through the analyzer (Wasm, as shipped).

    python benchmarks/moderation.py [--rounds 7] [--texts 200]

Distinct ~1 KB texts (everyday sentences with a line of abuse in some, so the
per-sentence max is exercised) are moderated with
arcjet_core.kinds.moderation.moderate_text; prints the median over rounds of
the wall µs and the process-CPU µs per text, and the first call (the
analyzer instance and the ruleset made).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from arcjet_core.kinds.moderation import moderate_text
from benchmarks._machine import machine_line

SENTENCES = (
    "Thanks for getting back to me so quickly about the invoice.",
    "How do I kill the process that is holding port 8080 on my laptop?",
    "The deploy failed again because the migration timed out.",
    "Could you shoot me an email with the meeting notes?",
    "My order arrived late and the box was damaged in transit.",
    "This bug is killing me, it only happens on CI.",
    "We should grab lunch next week and talk about the roadmap.",
    "You are a worthless idiot and nobody likes you.",
)


def texts(n: int, seed: int = 1) -> list[str]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        parts: list[str] = []
        while sum(len(p) + 1 for p in parts) < 1024:
            parts.append(rng.choice(SENTENCES[:-1]) if i % 4 else rng.choice(SENTENCES))
        out.append(f"#{i} " + " ".join(parts)[:1020])
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--texts", type=int, default=200)
    args = ap.parse_args(argv)
    print(machine_line())
    t0 = time.perf_counter()
    moderate_text("first call")
    print(f"first call: {(time.perf_counter() - t0) * 1e3:.1f} ms")
    wall: list[float] = []
    cpu: list[float] = []
    for r in range(args.rounds):
        batch = texts(args.texts, seed=r + 1)  # distinct texts every round: no memo helps
        w0, c0 = time.perf_counter(), time.process_time()
        for t in batch:
            moderate_text(t)
        wall.append((time.perf_counter() - w0) / len(batch) * 1e6)
        cpu.append((time.process_time() - c0) / len(batch) * 1e6)
    print(f"moderate_text, 1 KB text: median {statistics.median(wall):.0f} µs wall, "
          f"{statistics.median(cpu):.0f} µs CPU per text ({args.rounds} rounds x {args.texts} texts)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
