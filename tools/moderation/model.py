"""The moderation model file: the prompt classifier's layout under its own magic.

b"AMOD", u32 version 1, u32 bits, f32 bias, f32 threshold, u32 reserved, then
2^bits little-endian f32 weights (wasm/prompt/src/model.rs reads it).
Scoring is tools.prompt_injection.features.Model, the Python twin of the Rust.
"""

from __future__ import annotations

from pathlib import Path

from tools.moderation.paths import MODEL_BIN
from tools.prompt_injection.features import Model, decode_model, encode_model

MAGIC = b"AMOD"


def encode(bits: int, bias: float, threshold: float, weights: list[float]) -> bytes:
    return encode_model(bits, bias, threshold, weights, magic=MAGIC)


def decode(blob: bytes) -> Model:
    return decode_model(blob, magic=MAGIC, what="moderation")


def load(path: Path = MODEL_BIN) -> Model:
    return decode(path.read_bytes())
