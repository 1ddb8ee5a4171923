"""The compact range table: read once, then one binary search per lookup.

File layout (little-endian; written by ``_build.encode``): ``MAGIC``, the header's length (u32), a JSON header (column
names, the small string tables, each section's offset, length and array
typecode), then the sections, each 8-byte aligned.

The table covers the whole address space with segments (a segment runs from
its start to the next one's), so the segment holding an address is the last
one starting at or below it. A dense index on the top bits of the address
narrows that search to one bucket first: a bisect over half a million
entries touches ~20 cache lines, the bucket a handful.

IPv6 segments are searched on the top 64 bits; the few that start inside a
/64 keep their low 64 bits in a side table, read only in that case.
"""

from __future__ import annotations

import json
import struct
import sys
from array import array
from bisect import bisect_right
from typing import Any

MAGIC = b"AJIPDB\0\1"
HEADER = struct.Struct("<8sI")
V4_BUCKET_SHIFT = 16  # 65,536 buckets over the top 16 bits of an IPv4 address
V6_BUCKET_SHIFT = 48  # 65,536 buckets over the top 16 bits of an IPv6 address


def as_little_endian(values: array[int]) -> array[int]:
    if sys.byteorder == "little":
        return values
    swapped = array(values.typecode, values)
    swapped.byteswap()
    return swapped


class TableError(ValueError):
    """The data file is not a table this code can read."""


class RangeTable:
    """Lookups over one decoded table file. Immutable after construction."""

    __slots__ = (
        "_low",
        "_v4_index",
        "_v4_rows",
        "_v4_starts",
        "_v6_high",
        "_v6_index",
        "_v6_rows",
        "asn_name_offsets",
        "asn_names",
        "asn_numbers",
        "columns",
        "countries",
        "counts",
        "labels",
        "meta",
        "row_columns",
    )

    def __init__(self, data: bytes) -> None:
        if len(data) < HEADER.size:
            raise TableError("the IP data file is truncated")
        magic, head_len = HEADER.unpack_from(data, 0)
        if magic != MAGIC:
            raise TableError("not an arcjet IP data file (or a format this version cannot read)")
        try:
            header: dict[str, Any] = json.loads(data[HEADER.size:HEADER.size + head_len])
        except ValueError as exc:
            raise TableError(f"the IP data file's header is unreadable: {exc}") from exc
        body = HEADER.size + head_len
        body += -body % 8
        view = memoryview(data)

        def section(name: str) -> array[int]:
            try:
                offset, length, typecode = header["sections"][name]
            except (KeyError, TypeError, ValueError) as exc:
                raise TableError(f"the IP data file has no section {name!r}") from exc
            start = body + offset
            if start + length > len(data):
                raise TableError(f"the IP data file's section {name!r} is truncated")
            values = array(typecode)
            values.frombytes(view[start:start + length])
            return as_little_endian(values)  # a swap back on big-endian machines

        self.columns: tuple[str, ...] = tuple(header["columns"])
        self.countries: tuple[str, ...] = tuple(header["countries"])
        self.labels: tuple[tuple[str, str], ...] = tuple((p, k) for p, k in header["labels"])
        self.counts: dict[str, int] = dict(header.get("counts", {}))
        self.meta: dict[str, Any] = dict(header.get("meta", {}))
        self._v4_starts = section("v4_starts")
        self._v4_rows = section("v4_rows")
        self._v4_index = section("v4_index")
        self._v6_high = section("v6_high")
        self._v6_rows = section("v6_rows")
        self._v6_index = section("v6_index")
        self._low = dict(zip(section("v6_low_at"), section("v6_low"), strict=True))
        self.row_columns = {c: section(f"row_{c}") for c in self.columns}
        self.asn_numbers = section("asn_numbers")
        self.asn_name_offsets = section("asn_name_offsets")
        self.asn_names = bytes(section("asn_names"))
        if (len(self._v4_index) != (1 << (32 - V4_BUCKET_SHIFT)) + 1
                or len(self._v6_index) != (1 << (64 - V6_BUCKET_SHIFT)) + 1
                or not self._v4_starts or self._v4_starts[0] != 0
                or not self._v6_high or self._v6_high[0] != 0
                or len(self._v4_rows) != len(self._v4_starts)
                or len(self._v6_rows) != len(self._v6_high)):
            raise TableError("the IP data file's sections are inconsistent")

    def row_v4(self, n: int) -> int:
        """The row of the IPv4 address whose integer value is ``n``."""
        k = n >> V4_BUCKET_SHIFT
        index = self._v4_index
        return self._v4_rows[bisect_right(self._v4_starts, n, index[k], index[k + 1]) - 1]

    def row_v6(self, n: int) -> int:
        """The row of the IPv6 address whose integer value is ``n``."""
        high = n >> 64
        k = high >> V6_BUCKET_SHIFT
        index = self._v6_index
        starts = self._v6_high
        i = bisect_right(starts, high, index[k], index[k + 1]) - 1
        low_of = self._low
        if low_of and starts[i] == high:
            # Segments that start inside this /64: step back past those
            # starting above the address (a handful at most).
            low = n & 0xFFFF_FFFF_FFFF_FFFF
            while low_of.get(i, 0) > low and starts[i] == high:
                i -= 1
        return self._v6_rows[i]

    def row_values(self, row: int) -> dict[str, int]:
        return {c: values[row] for c, values in self.row_columns.items()}

    def asn(self, asn_id: int) -> tuple[int, str]:
        offsets = self.asn_name_offsets
        name = self.asn_names[offsets[asn_id]:offsets[asn_id + 1]].decode("utf-8", "replace")
        return self.asn_numbers[asn_id], name

    def segments(self) -> int:
        return len(self._v4_starts) + len(self._v6_high)
