"""Where the committed moderation artifacts live, shared by the scripts and the tests."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MODEL_BIN = ROOT / "wasm" / "prompt" / "model" / "moderation.bin"
DATA_DIR = Path(__file__).resolve().parent / "data"
HANDWRITTEN = DATA_DIR / "handwritten.jsonl"
HELD_OUT = DATA_DIR / "held_out.jsonl"
HOLDOUT_V2 = DATA_DIR / "holdout_v2.jsonl"
EVERYDAY = ROOT / "tools" / "prompt_injection" / "data" / "everyday.jsonl"
DEEPSET = ROOT.parent / "shared" / "data" / "prompt_injection" / "deepset-prompt-injections.jsonl"
