"""The moderation model file: the prompt classifier's layout under its own magic.

b"AMOD", u32 version 1, u32 bits, f32 bias, f32 threshold, u32 reserved, then
2^bits little-endian f32 weights (wasm/prompt/src/model.rs reads it).
Scoring is tools.prompt_injection.features.Model, the Python twin of the Rust.
"""

from __future__ import annotations

import struct
from array import array
from pathlib import Path

from tools.moderation.paths import MODEL_BIN
from tools.prompt_injection.features import HEADER, Model

MAGIC = b"AMOD"
VERSION = 1


def encode(bits: int, bias: float, threshold: float, weights: list[float]) -> bytes:
    if len(weights) != 1 << bits:
        raise ValueError("need 2**bits weights")
    arr = array("f", weights)
    if struct.pack("=I", 1) != struct.pack("<I", 1):
        arr.byteswap()
    return HEADER.pack(MAGIC, VERSION, bits, bias, threshold, 0) + arr.tobytes()


def decode(blob: bytes) -> Model:
    magic, version, bits, bias, threshold, _ = HEADER.unpack_from(blob, 0)
    if magic != MAGIC or version != VERSION:
        raise ValueError("not a moderation model file")
    arr = array("f")
    arr.frombytes(blob[HEADER.size :])
    if struct.pack("=I", 1) != struct.pack("<I", 1):
        arr.byteswap()
    if len(arr) != 1 << bits:
        raise ValueError("weights truncated")
    return Model(bits=bits, bias=bias, threshold=threshold, weights=arr)


def load(path: Path = MODEL_BIN) -> Model:
    return decode(path.read_bytes())
