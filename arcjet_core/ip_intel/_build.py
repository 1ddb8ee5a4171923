"""Range layers in, one compact table file out (the writer of ``_table``).

Each source is a *layer*: sorted, non-overlapping inclusive ranges, each
with a value id (0 means "no data"). The layers are swept into one list of
segments that covers the whole address space, so a lookup is a single
binary search whatever the number of sources. A segment's value is a *row*:
the tuple of every layer's value there, numbered once (row 0: no data).

Used by ``tools/gen_ip_data.py`` and by the round-trip tests; nothing here
runs in a request.
"""

from __future__ import annotations

import heapq
import json
from array import array
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from typing import Any

from arcjet_core.ip_intel._table import (
    HEADER,
    MAGIC,
    V4_BUCKET_SHIFT,
    V6_BUCKET_SHIFT,
    as_little_endian,
)

Range = tuple[int, int, int]  # (first, last, value id), inclusive

V4_BITS = 32
V6_BITS = 128
_LOW64 = (1 << 64) - 1


def check_layer(name: str, ranges: Sequence[Range], bits: int) -> None:
    """Raise ValueError unless ``ranges`` are sorted, non-overlapping and in range."""
    top = (1 << bits) - 1
    previous_last = -1
    for first, last, value in ranges:
        if not 0 <= first <= last <= top:
            raise ValueError(f"{name}: bad range {first}..{last}")
        if first <= previous_last:
            raise ValueError(f"{name}: range {first}..{last} overlaps or is out of order")
        if value <= 0:
            raise ValueError(f"{name}: value ids start at 1 (0 means no data), got {value}")
        previous_last = last


def flatten(ranges: Sequence[Range]) -> list[Range]:
    """Overlapping ranges made disjoint, the narrowest winning where they overlap.

    Published range lists nest more specific entries inside wider ones (a
    geofeed's /32 inside its RIR's /20): the specific one is the better
    answer, and the wider one resumes after it. Of equally wide ones the
    later in ``ranges`` wins.
    """
    if not ranges:
        return []
    ordered = sorted(range(len(ranges)), key=lambda i: ranges[i][0])
    bounds = sorted({b for first, last, _ in ranges for b in (first, last + 1)})
    active: list[tuple[int, int, int, int]] = []  # (width, -input order, last, value)
    out: list[Range] = []
    nxt = 0
    for i, b in enumerate(bounds[:-1]):
        while nxt < len(ordered) and ranges[ordered[nxt]][0] == b:
            first, last, value = ranges[ordered[nxt]]
            heapq.heappush(active, (last - first, -ordered[nxt], last, value))
            nxt += 1
        while active and active[0][2] < b:
            heapq.heappop(active)
        if not active:
            continue
        value = active[0][3]
        last = bounds[i + 1] - 1
        if out and out[-1][2] == value and out[-1][1] + 1 == b:
            out[-1] = (out[-1][0], last, value)
        else:
            out.append((b, last, value))
    return out


def subtract(ranges: Sequence[Range], holes: Sequence[tuple[int, int]]) -> list[Range]:
    """Disjoint sorted ``ranges`` with every address in ``holes`` (inclusive pairs) taken out."""
    cuts = sorted(holes)
    out: list[Range] = []
    for first, last, value in ranges:
        start = first
        for lo, hi in cuts:
            if hi < start or lo > last:
                continue
            if lo > start:
                out.append((start, lo - 1, value))
            start = hi + 1
            if start > last:
                break
        if start <= last:
            out.append((start, last, value))
    return out


def sweep(layers: Sequence[Sequence[Range]], bits: int) -> tuple[list[int], list[tuple[int, ...]]]:
    """Segments covering [0, 2**bits): their starts and each one's per-layer values.

    Neighbours with equal values are merged, so the result is minimal.
    """
    end = 1 << bits
    bounds = {0}
    for layer in layers:
        for first, last, _ in layer:
            bounds.add(first)
            if last + 1 < end:
                bounds.add(last + 1)
    cursors = [0] * len(layers)
    starts: list[int] = []
    values: list[tuple[int, ...]] = []
    for b in sorted(bounds):
        row = []
        for k, layer in enumerate(layers):
            p = cursors[k]
            while p < len(layer) and layer[p][1] < b:
                p += 1
            cursors[k] = p
            row.append(layer[p][2] if p < len(layer) and layer[p][0] <= b else 0)
        value = tuple(row)
        if values and values[-1] == value:
            continue
        starts.append(b)
        values.append(value)
    return starts, values


def _bucket_index(keys: Sequence[int], shift: int, buckets: int) -> array[int]:
    """index[k] = first position whose key's top bits are >= k (index[buckets] = len)."""
    index = array("I", [0] * (buckets + 1))
    for k in range(buckets + 1):
        index[k] = bisect_left(keys, k << shift)
    return index


class _Sections:
    def __init__(self) -> None:
        self.blobs: list[bytes] = []
        self.table: dict[str, list[Any]] = {}
        self.offset = 0

    def add(self, name: str, data: array[int] | bytes) -> None:
        if isinstance(data, array):
            blob = as_little_endian(data).tobytes()
            typecode = data.typecode
        else:
            blob = data
            typecode = "B"
        pad = -self.offset % 8  # aligned, so a reader may cast in place
        if pad:
            self.blobs.append(b"\0" * pad)
            self.offset += pad
        self.table[name] = [self.offset, len(blob), typecode]
        self.blobs.append(blob)
        self.offset += len(blob)


def encode(
    *,
    v4: Sequence[Sequence[Range]],
    v6: Sequence[Sequence[Range]],
    columns: Sequence[str],
    countries: Sequence[str],
    asns: Sequence[tuple[int, str]],
    labels: Sequence[tuple[str, str]],
    meta: Mapping[str, Any],
) -> bytes:
    """The table file for these layers.

    ``columns`` names the layers (the same for both families), each one of
    ``country``, ``asn``, ``label``; a layer's value ids index ``countries``,
    ``asns`` (number, organisation) or ``labels`` (provider, kind), whose
    entry 0 is the "no data" placeholder.
    """
    allowed = {"country", "asn", "label"}
    if set(columns) - allowed or len(set(columns)) != len(columns):
        raise ValueError(f"columns must be distinct names from {sorted(allowed)}, got {columns}")
    if len(v4) != len(columns) or len(v6) != len(columns):
        raise ValueError("one layer per column, for each family")
    sizes = {"country": len(countries), "asn": len(asns), "label": len(labels)}
    for family, layers, bits in (("v4", v4, V4_BITS), ("v6", v6, V6_BITS)):
        for column, layer in zip(columns, layers, strict=True):
            check_layer(f"{family}/{column}", layer, bits)
            if layer and max(v for _, _, v in layer) >= sizes[column]:
                raise ValueError(f"{family}/{column}: a value id is past the end of its table")

    v4_starts, v4_values = sweep(v4, V4_BITS)
    v6_starts, v6_values = sweep(v6, V6_BITS)
    rows: dict[tuple[int, ...], int] = {tuple([0] * len(columns)): 0}
    for value in (*v4_values, *v6_values):
        rows.setdefault(value, len(rows))

    sections = _Sections()
    sections.add("v4_starts", array("I", v4_starts))
    sections.add("v4_rows", array("I", [rows[v] for v in v4_values]))
    v6_high = [s >> 64 for s in v6_starts]
    sections.add("v6_high", array("Q", v6_high))
    sections.add("v6_rows", array("I", [rows[v] for v in v6_values]))
    # Most IPv6 boundaries are /64-aligned; the few that are not keep their
    # low 64 bits aside, by segment position.
    odd = [(i, s & _LOW64) for i, s in enumerate(v6_starts) if s & _LOW64]
    sections.add("v6_low_at", array("I", [i for i, _ in odd]))
    sections.add("v6_low", array("Q", [low for _, low in odd]))
    sections.add("v4_index", _bucket_index(v4_starts, V4_BUCKET_SHIFT, 1 << (V4_BITS - V4_BUCKET_SHIFT)))
    sections.add("v6_index", _bucket_index(v6_high, V6_BUCKET_SHIFT, 1 << (64 - V6_BUCKET_SHIFT)))
    ordered_rows = sorted(rows, key=rows.__getitem__)
    for k, column in enumerate(columns):
        typecode = "I" if column == "asn" else "H"
        sections.add(f"row_{column}", array(typecode, [row[k] for row in ordered_rows]))
    sections.add("asn_numbers", array("I", [n for n, _ in asns]))
    names = [name.encode() for _, name in asns]
    offsets = [0]
    for name in names:
        offsets.append(offsets[-1] + len(name))
    sections.add("asn_name_offsets", array("I", offsets))
    sections.add("asn_names", b"".join(names))

    header = {
        "format": 1,
        "columns": list(columns),
        "countries": list(countries),
        "labels": [list(label) for label in labels],
        "sections": sections.table,
        "counts": {"v4_segments": len(v4_starts), "v6_segments": len(v6_starts), "rows": len(rows)},
        "meta": dict(meta),
    }
    head = json.dumps(header, sort_keys=True).encode()
    body = b"".join(sections.blobs)
    payload = HEADER.pack(MAGIC, len(head)) + head
    payload += b"\0" * (-len(payload) % 8) + body
    return payload
