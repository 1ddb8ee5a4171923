"""One line about the machine a benchmark ran on, printed first.

Absolute µs depend on the machine (the 2-core VMs these ran on differed by 2-3x
between days). The line gives a reference: the time CPython takes for
``sum(range(1000))`` here (about 8 µs on a current desktop core), and the
load average, so readers can scale absolute figures or discount a noisy run.
Ratios against peers are measured in the same run and need no scaling.
"""

from __future__ import annotations

import os
import statistics
import timeit


def reference_us() -> float:
    """Median µs of sum(range(1000)) over 7 repeats."""
    timer = timeit.Timer("sum(range(1000))")
    return statistics.median(t / 2000 * 1e6 for t in timer.repeat(repeat=7, number=2000))


def machine_line() -> str:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (f"machine: {os.cpu_count()} CPUs, load average {load:.2f}; "
            f"reference loop sum(range(1000)) = {reference_us():.1f} µs (≈8 on a current desktop core)")
