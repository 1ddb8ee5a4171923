"""Seed inputs for fuzz_protect.py: one per attack of issue #14, plus plain traffic.

    .venv/bin/python tests/fuzz/seeds.py /tmp/arcjet-corpus   # write them

fuzz_protect.py writes them itself into an empty or missing corpus directory.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.fuzz.request_bytes import amp, encode

SQLI = b"' OR '1'='1' --"
UA = (b"user-agent", amp(b"Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0"), 1)
MODES = range(6)  # every path of fuzz_protect.MODES


def seeds() -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    for mode in MODES:
        out[f"plain-get-{mode}"] = encode(mode=mode, headers=(UA,))
        out[f"sqli-form-{mode}"] = encode(
            mode=mode, method="POST", headers=(UA,), content_type=b"application/x-www-form-urlencoded",
            body=amp(prefix=b"q=" + SQLI))
        # Finding 1: 95 headers of 8 KB of `||` (each value 2**12 * 2 bytes).
        out[f"pipes-headers-{mode}"] = encode(
            mode=mode, method="POST", headers=(UA, (b"x-custom", amp(b"||", 4096), 128)),
            content_type=b"application/json", shape="json-value", body=amp(prefix=SQLI))
        # Finding 1: a ~1 MiB JSON / form / multipart body of `||` with the injection.
        for shape, ctype in (("json-value", b"application/json"),
                             ("urlencoded-json", b"application/x-www-form-urlencoded"),
                             ("multipart", b"multipart/form-data; boundary=X")):
            out[f"pipes-body-{shape}-{mode}"] = encode(
                mode=mode, method="POST", headers=(UA,), content_type=ctype, shape=shape,
                body=amp(b"||", 1 << 19, prefix=SQLI), pieces=4)
        # Finding 6/10: a chunked upload that stops early.
        out[f"truncated-chunked-{mode}"] = encode(
            mode=mode, method="POST", headers=(UA,), content_type=b"text/plain",
            body=amp(b"abcd", 1024), framing="chunked", pieces=3, truncated=True)
        # Finding 7: <script> after 16 KiB of padding, in a query and in a text body.
        out[f"padded-xss-{mode}"] = encode(
            mode=mode, method="POST", query=amp(b"a", 1 << 14, prefix=b"q=", suffix=b"<script>alert(1)</script>"),
            headers=(UA,), content_type=b"text/plain",
            body=amp(b"a", 1 << 14, suffix=b"<script>alert(1)</script>"))
        out[f"deep-json-{mode}"] = encode(
            mode=mode, method="POST", headers=(UA,), content_type=b"application/json", shape="json-deep",
            body=amp(prefix=b"<script>alert(1)</script>"), shape_n=40)
        out[f"many-params-{mode}"] = encode(
            mode=mode, method="POST", headers=(UA,), content_type=b"application/x-www-form-urlencoded",
            shape="form-many", body=amp(prefix=SQLI), shape_n=200)
        # Finding 3/4: XFF / Forwarded / X-Real-IP from private and loopback peers.
        out[f"xff-private-{mode}"] = encode(
            mode=mode, peer="192.168.1.50", headers=(UA, (b"x-forwarded-for", amp(b"1.2.3.4"), 1)))
        out[f"forwarded-loopback-{mode}"] = encode(
            mode=mode, windows=True, peer="127.0.0.1",
            headers=(UA, (b"forwarded", amp(b'for="[2001:db8::1]:80"'), 1), (b"x-real-ip", amp(b"1.2.3.4"), 1)))
        out[f"no-peer-{mode}"] = encode(mode=mode, windows=True, peer=None, headers=(UA,), user=b"\xed\xa0\x80")
        # Finding 8: IPv6 peers.
        out[f"ipv6-{mode}"] = encode(mode=mode, peer="2a00:1450:4001:81c::1", headers=(UA,))
        # Finding 10: a body that is a lone surrogate as text.
        out[f"surrogate-body-{mode}"] = encode(
            mode=mode, method="POST", headers=(UA,), content_type=b"text/plain", body=amp(b"\xed\xa0\x80"),
            body_as_text=True)
        # Finding 12: one header name repeated 2**14 times.
        out[f"repeated-names-{mode}"] = encode(mode=mode, headers=(UA, (b"x-custom", amp(b"v"), 1 << 14)))
        out[f"email-{mode}"] = encode(mode=mode, headers=(UA,), email=b"user@mailinator.com", requested=3)
    return out


def write_seeds(directory: Path) -> int:
    directory.mkdir(parents=True, exist_ok=True)
    for data in seeds().values():
        (directory / hashlib.sha1(data).hexdigest()).write_bytes(data)
    return len(seeds())


if __name__ == "__main__":
    print(write_seeds(Path(sys.argv[1])), "seeds written to", sys.argv[1])
