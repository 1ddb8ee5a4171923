"""Hashed features and the logistic score: the Python twin of features.rs/lib.rs.

Features of a token list (normalize.tokens):
- every word:                 b"w" + word
- every pair of adjacent words: b"b" + word + b" " + next
- char 3-, 4- and 5-grams of " " + word + " ":  b"c" + gram

Each feature string's UTF-8 bytes are hashed (FNV-1a 32, then the murmur3
finaliser so the low bits mix): the low BITS bits pick a bucket, bit 31 the
sign. A bucket's value is the sum of its signs; the vector is divided by its
L2 norm. score = sigmoid(bias + w . x), summed in f64 in the order the
buckets were first touched (as features.rs does), so the Rust and Python
sums agree to the last bit but for exp(). A message with no
features scores 0.0. The message's score is the max over the text itself and
each decoded payload (normalize.payloads).
"""

from __future__ import annotations

import math
import struct
from array import array
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tools.prompt_injection.normalize import payloads, sentences, tokens_and_segments
from tools.prompt_injection.paths import WEIGHTS_BIN

MAGIC = b"APIW"
VERSION = 1
HEADER = struct.Struct("<4sIIffI")
NGRAMS = (3, 4, 5)


@lru_cache(maxsize=1 << 20)
def fnv_mix(data: bytes) -> int:
    h = 0x811C9DC5
    for b in data:
        h = ((h ^ b) * 0x01000193) & 0xFFFFFFFF
    # murmur3 fmix32
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & 0xFFFFFFFF
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & 0xFFFFFFFF
    h ^= h >> 16
    return h


def feature_strings(toks: list[str]) -> list[bytes]:
    out: list[bytes] = []
    for i, t in enumerate(toks):
        out.append(b"w" + t.encode())
        if i + 1 < len(toks):
            out.append(b"b" + t.encode() + b" " + toks[i + 1].encode())
        padded = " " + t + " "
        # by start position, shortest first: the order features.rs hashes in
        for k in range(len(padded)):
            for n in NGRAMS:
                if k + n <= len(padded):
                    out.append(b"c" + padded[k : k + n].encode())
    return out


def vector(toks: list[str], bits: int) -> list[tuple[int, float]]:
    """Sparse (bucket, value) in first-touch order, L2-normalised; [] when no features.

    First-touch order is the order features.rs sums in (it counts without
    sorting), so the dot products agree to the last bit.
    """
    mask = (1 << bits) - 1
    counts: dict[int, int] = {}
    for f in feature_strings(toks):
        h = fnv_mix(f)
        idx = h & mask
        counts[idx] = counts.get(idx, 0) + (-1 if h >> 31 else 1)
    items = [(i, v) for i, v in counts.items() if v != 0]  # dicts keep insertion order
    sq = sum(v * v for _, v in items)
    if sq == 0:
        return []
    norm = math.sqrt(sq)
    return [(i, v / norm) for i, v in items]


@dataclass(frozen=True)
class Model:
    bits: int
    bias: float
    threshold: float
    weights: array[float]  # "f": float32, 2**bits of them

    def raw_score(self, toks: list[str]) -> float:
        x = vector(toks, self.bits)
        if not x:
            return 0.0
        z = 0.0
        for i, v in x:
            z += self.weights[i] * v
        z += self.bias
        return _sigmoid(z)

    def text_score(self, text: str) -> float:
        """Max over the whole message and each of its sentences of MIN_SENTENCE+ tokens."""
        toks, segs = tokens_and_segments(text)
        best = self.raw_score(toks)
        for a, b in sentences(segs):
            best = max(best, self.raw_score(toks[a:b]))
        return best

    def score(self, text: str) -> float:
        best = self.text_score(text)
        for p in payloads(text):
            best = max(best, self.text_score(p))
        return best


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def f32(x: float) -> float:
    """Round to the nearest float32, as the Rust side stores scores."""
    return float(struct.unpack("<f", struct.pack("<f", x))[0])


def encode_model(bits: int, bias: float, threshold: float, weights: list[float], magic: bytes = MAGIC) -> bytes:
    """The model file: ``magic``, version, bits, bias, threshold, reserved, then
    2^bits little-endian f32 weights (the moderation model shares the layout
    under its own magic)."""
    if len(weights) != 1 << bits:
        raise ValueError("need 2**bits weights")
    arr = array("f", weights)
    if arr.itemsize != 4:
        raise RuntimeError("float32 array expected")
    body = arr.tobytes() if struct.pack("=I", 1) == struct.pack("<I", 1) else _swap(arr)
    return HEADER.pack(magic, VERSION, bits, bias, threshold, 0) + body


def _swap(arr: array[float]) -> bytes:
    b = array("f", arr)
    b.byteswap()
    return b.tobytes()


def decode_model(blob: bytes, magic: bytes = MAGIC, what: str = "prompt-injection") -> Model:
    found, version, bits, bias, threshold, _ = HEADER.unpack_from(blob, 0)
    if found != magic or version != VERSION:
        raise ValueError(f"not a {what} model file")
    arr = array("f")
    arr.frombytes(blob[HEADER.size :])
    if struct.pack("=I", 1) != struct.pack("<I", 1):
        arr.byteswap()
    if len(arr) != 1 << bits:
        raise ValueError("weights truncated")
    return Model(bits=bits, bias=bias, threshold=threshold, weights=arr)


@lru_cache(maxsize=1)
def load_model(path: Path = WEIGHTS_BIN) -> Model:
    return decode_model(path.read_bytes())
