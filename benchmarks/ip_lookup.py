"""IP intelligence: µs per lookup, first-use load time, memory, data size. Not a test.

    python benchmarks/ip_lookup.py [-n 20000]

Addresses are drawn four ways: uniformly over the global IPv4 space, from
inside the table's own IPv4 and IPv6 segments (so dense buckets such as
2a01::/16 are hit as often as real traffic would hit them), and one address
over and over (the warm case). "row" is the range search alone; "lookup"
adds parsing the text and returning the shared IpDetails.

The wheel growth is the deflated size of the data directory, as a wheel
(a zip archive) stores it.
"""

from __future__ import annotations

import argparse
import random
import socket
import subprocess
import sys
import zlib
from collections.abc import Callable
from importlib import resources
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._machine import machine_line
from benchmarks._timing import interleaved_us

LOAD = """
import resource, time
t = time.perf_counter()
from arcjet_core.ip_intel import lookup
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t0 = time.perf_counter()
lookup("8.8.8.8")
t1 = time.perf_counter()
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(f"{(t1 - t0) * 1e3:.0f} {(after - before) / 1024:.1f}")
"""


def cycle(values: list[str]) -> Callable[[], str]:
    """A zero-argument function returning the next address each call."""
    state = [0]
    size = len(values)

    def nxt() -> str:
        i = state[0]
        state[0] = i + 1 if i + 1 < size else 0
        return values[i]

    return nxt


def samples(n: int) -> dict[str, list[str]]:
    from arcjet_core.ip_intel import default_intel

    data = default_intel().bundled_data()
    assert data is not None
    table = data.table
    rng = random.Random(1)
    v4_uniform: list[str] = []
    while len(v4_uniform) < n:
        text = socket.inet_ntop(socket.AF_INET, rng.getrandbits(32).to_bytes(4, "big"))
        if data.row(text) > 0:
            v4_uniform.append(text)
    starts4 = table._v4_starts
    v4_ranges: list[str] = []
    for _ in range(n):
        i = rng.randrange(1, len(starts4) - 1)
        n4 = starts4[i] + rng.randrange(max(1, starts4[i + 1] - starts4[i]))
        v4_ranges.append(socket.inet_ntop(socket.AF_INET, n4.to_bytes(4, "big")))
    high6 = table._v6_high
    v6_ranges: list[str] = []
    while len(v6_ranges) < n:
        i = rng.randrange(1, len(high6) - 1)
        hi = high6[i] + rng.randrange(max(1, high6[i + 1] - high6[i]))
        n6 = (hi << 64) | rng.getrandbits(64)
        if n6 >> 125 == 1:  # 2000::/3
            v6_ranges.append(socket.inet_ntop(socket.AF_INET6, n6.to_bytes(16, "big")))
    return {"v4 uniform": v4_uniform, "v4 in ranges": v4_ranges, "v6 in ranges": v6_ranges,
            "same address": ["8.8.8.8"] * n}


def data_size() -> tuple[int, int]:
    raw = deflated = 0
    for f in resources.files("arcjet_core.analyze.data.ip").iterdir():
        if f.is_file():
            content = f.read_bytes()
            raw += len(content)
            deflated += len(zlib.compress(content, 6))
    return raw, deflated


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=20000)
    args = parser.parse_args()
    print(machine_line())

    out = subprocess.run([sys.executable, "-c", LOAD], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[1]).stdout.split()
    print(f"first lookup (loads the table): {out[0]} ms; peak RSS +{out[1]} MiB")

    from arcjet_core.ip_intel import default_intel, lookup

    data = default_intel().bundled_data()
    assert data is not None
    print(f"segments: {data.table.counts}")
    sets = samples(args.n)
    names = list(sets)
    fns: list[Callable[[], object]] = []

    def bind(nxt: Callable[[], str], fn: Callable[[str], object]) -> Callable[[], object]:
        return lambda: fn(nxt())

    for name in names:
        fns.append(bind(cycle(sets[name]), lookup))
        fns.append(bind(cycle(sets[name]), data.row))
    fns.append(cycle(sets["v4 uniform"]))  # the harness alone
    times = interleaved_us(fns, args.n)
    overhead = times[-1]
    print(f"\n{'addresses':<16}{'lookup µs':>11}{'row µs':>9}   (harness {overhead:.2f} µs subtracted)")
    for k, name in enumerate(names):
        print(f"{name:<16}{times[2 * k] - overhead:>11.2f}{times[2 * k + 1] - overhead:>9.2f}")

    import gc

    gc.collect()
    blocks = sys.getallocatedblocks()
    for ip in sets["v4 in ranges"] + sets["v6 in ranges"]:
        lookup(ip)
    gc.collect()
    print(f"\nallocated blocks kept after {2 * args.n} lookups: {sys.getallocatedblocks() - blocks} "
          f"(first lookups of a row build its shared IpDetails)")

    raw, deflated = data_size()
    print(f"data directory: {raw / 1e6:.1f} MB installed, {deflated / 1e6:.1f} MB deflated (wheel growth)")


if __name__ == "__main__":
    main()
