"""Timing shared by the benchmarks: rows measured in rotating order."""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any


def rotation(count: int, repeats: int) -> Iterator[int]:
    """The order rows are measured in: each repeat starts one row later."""
    for r in range(repeats):
        for k in range(count):
            yield (k + r) % count


def rotating_samples(fns: Sequence[Callable[[], object]], n: int, repeats: int,
                     clock: Callable[[], int] = time.perf_counter_ns) -> list[list[float]]:
    """Per function, ``repeats`` samples of µs per call (``n`` calls each, by
    ``clock`` in ns), taken in rotating order after one warm-up round."""
    for fn in fns:
        for _ in range(min(n, 1000)):
            fn()
    samples: list[list[float]] = [[] for _ in fns]
    for i in rotation(len(fns), repeats):
        fn = fns[i]
        start = clock()
        for _ in range(n):
            fn()
        samples[i].append((clock() - start) / n / 1000)
    return samples


def interleaved_us(fns: Sequence[Callable[[], object]], n: int, repeats: int = 9) -> list[float]:
    """Median µs per call of each function, measured in rotating order.

    On a shared machine load comes and goes; rotating the order inside each
    repeat puts every side under the same load, so ratios stay meaningful
    even when absolute numbers drift. One warm-up round first.
    """
    return [statistics.median(s) for s in rotating_samples(fns, n, repeats)]


def interleaved_us_async(
    fns: Sequence[Callable[[], Any]], n: int, repeats: int = 9, runner: Callable[[Any], Any] = asyncio.run
) -> list[float]:
    """``interleaved_us`` for coroutine functions, in one event loop (``runner``
    runs it: asyncio.run, or uvloop.run)."""

    async def loop() -> list[float]:
        for fn in fns:
            for _ in range(min(n, 1000)):
                await fn()
        samples: list[list[float]] = [[] for _ in fns]
        for i in rotation(len(fns), repeats):
            fn = fns[i]
            start = time.perf_counter_ns()
            for _ in range(n):
                await fn()
            samples[i].append((time.perf_counter_ns() - start) / n / 1000)
        return [statistics.median(s) for s in samples]

    result: list[float] = runner(loop())
    return result
