"""`arcjet report --html`: a self-contained page whose charts Chromium actually draws."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from arcjet_core.cli import main
from tests.cli.logs import make_log, record

CHARTS = ("timeline", "denied-clients", "denied-paths", "rule-hit-rates", "dry-run-share", "rate-limit")


def _write(tmp_path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> Path:
    hostile = record(3) | {"path": '/"><script>alert(1)</script>', "conclusion": "DENY", "ip": "<img src=x>"}
    log = make_log(tmp_path / "d.jsonl", extra_lines=(json.dumps(hostile),))
    out = tmp_path / "report.html"
    assert main(["report", str(log), "--html", str(out), *extra]) == 0
    capsys.readouterr()
    return out


def test_page_is_self_contained_and_escaped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = _write(tmp_path, capsys).read_text()
    assert "<script" not in page.replace("&lt;script", "")  # the logged path is text, not markup
    assert not re.search(r'(src|href)="(https?:)?//', page)  # no external assets
    assert "default-src 'none'" in page
    for chart in CHARTS:
        assert f'data-chart="{chart}"' in page


def _dom(chromium: str, page: Path) -> str:
    run = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", page.as_uri()],
                         capture_output=True, text=True, timeout=120, check=True)
    return run.stdout


def test_chromium_draws_the_charts(tmp_path: Path, capsys: pytest.CaptureFixture[str], chromium: str) -> None:
    page = _write(tmp_path, capsys)
    dom = _dom(chromium, page)
    charts = {m.group(1): m.group(0)
              for m in re.finditer(r'<svg class="chart" data-chart="([\w-]+)".*?</svg>', dom, flags=re.S)}
    assert set(charts) == set(CHARTS)
    bars = {name: svg.count('class="bar"') for name, svg in charts.items()}
    # 101 one-minute buckets with traffic; the two denied clients and paths (+ the hostile one); 3 rules;
    # 1 DRY_RUN rule; 10 rate-limit buckets.
    assert bars["timeline"] >= 100 and bars["denied-clients"] == 3 and bars["denied-paths"] == 3
    assert bars["rule-hit-rates"] == 3 and bars["dry-run-share"] == 1 and bars["rate-limit"] == 10
    assert "alert(1)" in dom and "<script>alert" not in dom


def test_chromium_screenshot_is_not_blank(tmp_path: Path, capsys: pytest.CaptureFixture[str], chromium: str) -> None:
    page = _write(tmp_path, capsys)
    shot = tmp_path / "shot.png"
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                    "--window-size=900,1400", f"--screenshot={shot}", page.as_uri()],
                   capture_output=True, timeout=120, check=True, cwd=tmp_path)
    assert shot.stat().st_size > 0
    colours = _png_colours(shot.read_bytes())
    # Drawn charts: the ALLOW green and DENY red of the bars appear among the pixels.
    assert (0x2E, 0x7D, 0x32) in colours and (0xC6, 0x28, 0x28) in colours


def _png_colours(data: bytes) -> set[tuple[int, int, int]]:
    """The RGB colours in a PNG (8-bit RGB/RGBA, as Chromium writes), decoded with zlib alone."""
    import struct
    import zlib

    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    channels = 4
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, _height, depth, colour_type = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour_type in (2, 6)
            channels = 3 if colour_type == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    prev = bytearray(stride)
    colours: set[tuple[int, int, int]] = set()
    for row_start in range(0, len(raw), stride + 1):
        filt, line = raw[row_start], bytearray(raw[row_start + 1:row_start + 1 + stride])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = prev[i]
            c = prev[i - channels] if i >= channels else 0
            if filt == 1:
                line[i] = (line[i] + a) & 255
            elif filt == 2:
                line[i] = (line[i] + b) & 255
            elif filt == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif filt == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        colours.update(tuple(line[i:i + 3]) for i in range(0, stride, channels))  # type: ignore[misc]
        prev = line
    return colours
