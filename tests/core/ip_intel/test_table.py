"""The range-table converter: layers in -> file -> the same answers out."""

from __future__ import annotations

import random
from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arcjet_core.ip_intel._build import Range, check_layer, encode, flatten, subtract, sweep
from arcjet_core.ip_intel._table import HEADER, MAGIC, RangeTable, TableError

COLUMNS = ["country", "asn", "label"]
COUNTRIES = ["", "US", "DE", "JP"]
ASNS = [(0, ""), (15169, "Google LLC"), (3320, "Deutsche Telekom AG"), (2500, "WIDE Project")]
LABELS = [("", ""), ("Amazon AWS", "hosting"), ("Mullvad", "vpn"), ("Tor", "tor")]


def brute(layer: Sequence[Range], n: int) -> int:
    """The value of ``n`` in a disjoint layer, by looking at every range."""
    return next((v for first, last, v in layer if first <= n <= last), 0)


def brute_flatten(ranges: Sequence[Range], n: int) -> int:
    """The narrowest range holding ``n`` (the latest of equally narrow ones)."""
    best: tuple[int, int] | None = None
    value = 0
    for order, (first, last, v) in enumerate(ranges):
        if first <= n <= last and (best is None or (last - first, -order) < best):
            best = (last - first, -order)
            value = v
    return value


def build(v4: Sequence[Sequence[Range]], v6: Sequence[Sequence[Range]]) -> RangeTable:
    data = encode(v4=v4, v6=v6, columns=COLUMNS, countries=COUNTRIES, asns=ASNS, labels=LABELS,
                  meta={"test": True})
    return RangeTable(data)


def answers(table: RangeTable, row: int) -> tuple[int, ...]:
    values = table.row_values(row)
    return tuple(values[c] for c in COLUMNS)


def disjoint(bits: int, sizes: Sequence[int]) -> st.SearchStrategy[list[Range]]:
    """Sorted disjoint ranges whose boundaries cluster, so they touch and nest in buckets."""
    top = (1 << bits) - 1

    def make(points: list[int], values: list[int]) -> list[Range]:
        points = sorted(set(points))
        out = []
        for i in range(0, len(points) - 1, 2):
            out.append((points[i], points[i + 1], values[i % len(values)]))
        return out

    interesting = st.one_of(
        st.integers(0, top),
        st.sampled_from([0, 1, top, top - 1, 1 << (bits - 1), (1 << (bits - 1)) - 1]),
        # near bucket edges and (for IPv6) /64 edges
        st.builds(lambda k, d: ((k << (bits - 16)) + d) & top, st.integers(0, (1 << 16) - 1),
                  st.sampled_from([0, 1, -1])),
        st.builds(lambda k, low: ((k << 64) | low) & top, st.integers(0, (1 << 20) - 1),
                  st.sampled_from([0, 1, (1 << 64) - 1]))
        if bits == 128 else st.integers(0, top),
    )
    return st.builds(make, st.lists(interesting, max_size=40),
                     st.lists(st.integers(1, max(sizes)), min_size=1, max_size=5))


def probes(layers: Sequence[Sequence[Range]], bits: int, rng: random.Random) -> list[int]:
    top = (1 << bits) - 1
    points = [0, top]
    for layer in layers:
        for first, last, _ in layer:
            points += [first, last, max(first - 1, 0), min(last + 1, top)]
    points += [rng.randrange(1 << bits) for _ in range(50)]
    return points


@settings(max_examples=60, deadline=None)
@given(
    c4=disjoint(32, [3]), a4=disjoint(32, [3]), l4=disjoint(32, [3]),
    c6=disjoint(128, [3]), a6=disjoint(128, [3]), l6=disjoint(128, [3]),
    seed=st.integers(0, 2**32),
)
def test_round_trip_matches_brute_force(
    c4: list[Range], a4: list[Range], l4: list[Range],
    c6: list[Range], a6: list[Range], l6: list[Range], seed: int,
) -> None:
    table = build([c4, a4, l4], [c6, a6, l6])
    rng = random.Random(seed)
    for n in probes([c4, a4, l4], 32, rng):
        assert answers(table, table.row_v4(n)) == (brute(c4, n), brute(a4, n), brute(l4, n)), n
    for n in probes([c6, a6, l6], 128, rng):
        assert answers(table, table.row_v6(n)) == (brute(c6, n), brute(a6, n), brute(l6, n)), hex(n)


def test_sub_64_boundaries_in_ipv6() -> None:
    base = 0x2001_0DB8_0000_0001 << 64
    label = [(base + 0xF001, base + 0xF001, 2), (base + 0xF003, base + 0xF00F, 3)]
    country = [(base, base + (1 << 64) - 1, 1)]
    table = build([[], [], []], [country, [], label])
    expected = {base: (1, 0, 0), base + 0xF000: (1, 0, 0), base + 0xF001: (1, 0, 2), base + 0xF002: (1, 0, 0),
                base + 0xF003: (1, 0, 3), base + 0xF00F: (1, 0, 3), base + 0xF010: (1, 0, 0),
                base - 1: (0, 0, 0), base + (1 << 64): (0, 0, 0)}
    for n, want in expected.items():
        assert answers(table, table.row_v6(n)) == want, hex(n)


def test_asn_table_and_names() -> None:
    table = build([[], [(10, 20, 1)], []], [[], [], []])
    row = table.row_v4(15)
    assert table.asn(table.row_values(row)["asn"]) == (15169, "Google LLC")
    assert table.countries == tuple(COUNTRIES) and table.labels == tuple(LABELS)
    assert table.meta == {"test": True}


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 300), st.integers(0, 60), st.integers(1, 4)), max_size=12))
def test_flatten_gives_the_narrowest_range(raw: list[tuple[int, int, int]]) -> None:
    ranges = [(a, a + w, v) for a, w, v in raw]
    flat = flatten(ranges)
    check_layer("flat", flat, 32)
    for n in range(0, 370):
        assert brute(flat, n) == brute_flatten(ranges, n), n


def test_flatten_nested_geofeed_entry() -> None:
    # A /32 inside a wider range: the wider one resumes after it.
    assert flatten([(100, 200, 1), (150, 150, 2)]) == [(100, 149, 1), (150, 150, 2), (151, 200, 1)]


def test_sweep_merges_equal_neighbours() -> None:
    starts, values = sweep([[(0, 9, 1), (10, 19, 1)], [(5, 14, 2)]], 8)
    assert starts == [0, 5, 15, 20]
    assert values == [(1, 0), (1, 2), (1, 0), (0, 0)]


@pytest.mark.parametrize("layer, message", [
    ([(5, 4, 1)], "bad range"),
    ([(0, 5, 1), (5, 6, 1)], "overlaps"),
    ([(0, 5, 0)], "value ids start at 1"),
    ([(0, 1 << 32, 1)], "bad range"),
])
def test_check_layer_rejects(layer: list[Range], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        check_layer("x", layer, 32)


def test_encode_rejects_value_past_its_table() -> None:
    with pytest.raises(ValueError, match="past the end"):
        build([[(0, 1, len(COUNTRIES))], [], []], [[], [], []])


def test_reader_rejects_foreign_and_truncated_files() -> None:
    good = encode(v4=[[], [], []], v6=[[], [], []], columns=COLUMNS, countries=COUNTRIES, asns=ASNS,
                  labels=LABELS, meta={})
    assert good.startswith(MAGIC)
    with pytest.raises(TableError, match="not an arcjet IP data file"):
        RangeTable(b"IPORIGIN" + good[8:])
    with pytest.raises(TableError):
        RangeTable(good[:HEADER.size - 1])
    with pytest.raises(TableError):
        RangeTable(good[: len(good) // 2])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 300), st.integers(0, 60)), max_size=8),
       st.lists(st.tuples(st.integers(0, 300), st.integers(0, 60)), max_size=5))
def test_subtract_takes_out_exactly_the_holes(raw: list[tuple[int, int]], raw_holes: list[tuple[int, int]]) -> None:
    layer = flatten([(a, a + w, 1 + i % 3) for i, (a, w) in enumerate(raw)])
    cut = [(a, a + w) for a, w in raw_holes]
    out = subtract(layer, cut)
    check_layer("out", out, 32)
    for n in range(0, 370):
        in_hole = any(lo <= n <= hi for lo, hi in cut)
        assert brute(out, n) == (0 if in_hole else brute(layer, n)), n
