"""Bounded counters for streaming a log of any size.

``TopK`` keeps at most ``2 * capacity`` keys: when it grows past that it
keeps the ``capacity`` largest and remembers the largest count it dropped.
Counts of the keys kept are then lower bounds, off by at most that number,
and the report says so (``approximate``). Clients and paths are attacker
chosen: an exact Counter over a 1 GB log of random IPs would grow without end.

``TimeBuckets`` counts per time bucket, doubling the bucket width whenever
the first-to-last span would exceed ``max_buckets`` buckets, so a month-long log and a
minute-long one both give a chart of a few hundred points.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping


class TopK:
    def __init__(self, capacity: int = 2000) -> None:
        self.capacity = max(1, capacity)
        self.counts: dict[str, int] = {}
        self.error = 0  # largest count dropped when pruning; 0 means exact

    def add(self, key: str, n: int = 1) -> None:
        counts = self.counts
        counts[key] = counts.get(key, 0) + n
        if len(counts) > 2 * self.capacity:
            self._prune()

    def _prune(self) -> None:
        ranked = sorted(self.counts.items(), key=lambda kv: kv[1], reverse=True)
        kept, dropped = ranked[: self.capacity], ranked[self.capacity:]
        if dropped:
            self.error = max(self.error, dropped[0][1])
        self.counts = dict(kept)

    @property
    def approximate(self) -> bool:
        return self.error > 0

    def top(self, n: int) -> list[tuple[str, int]]:
        return sorted(self.counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]

    def get(self, key: str) -> int:
        return self.counts.get(key, 0)


class TimeBuckets:
    """Counts per (bucket, series) with a bucket width that grows to stay bounded."""

    def __init__(self, width: int = 60, max_buckets: int = 400) -> None:
        self.width = max(1, width)
        self.max_buckets = max(2, max_buckets)
        self.buckets: dict[int, dict[str, int]] = {}

    def add(self, epoch: float, series: str, n: int = 1) -> None:
        index = int(epoch // self.width)
        bucket = self.buckets.get(index)
        if bucket is None:
            if self.buckets and self._span_with(index) > self.max_buckets:
                self._coarsen(epoch)
                index = int(epoch // self.width)
                bucket = self.buckets.get(index)
            if bucket is None:
                bucket = self.buckets[index] = {}
        bucket[series] = bucket.get(series, 0) + n

    def _span_with(self, index: int) -> int:
        return max(max(self.buckets), index) - min(min(self.buckets), index) + 1

    def _coarsen(self, epoch: float) -> None:
        # The span (first to last bucket, gaps included) is what a chart draws,
        # so that is what stays bounded: double the width until it fits.
        while self._span_with(int(epoch // self.width)) > self.max_buckets:
            self.width *= 2
            merged: dict[int, dict[str, int]] = {}
            for index, counts in self.buckets.items():
                target = merged.setdefault(index // 2, {})
                for series, n in counts.items():
                    target[series] = target.get(series, 0) + n
            self.buckets = merged

    def series_names(self) -> list[str]:
        names: set[str] = set()
        for counts in self.buckets.values():
            names.update(counts)
        return sorted(names)

    def rows(self, series: Iterable[str] | None = None) -> list[tuple[int, Mapping[str, int]]]:
        """(bucket start in epoch seconds, counts) in time order, empty buckets filled in."""
        if not self.buckets:
            return []
        wanted = list(series) if series is not None else self.series_names()
        first, last = min(self.buckets), max(self.buckets)
        out: list[tuple[int, Mapping[str, int]]] = []
        for index in range(first, last + 1):
            counts = self.buckets.get(index, {})
            out.append((index * self.width, {name: counts.get(name, 0) for name in wanted}))
        return out
