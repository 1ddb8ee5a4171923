"""Where the committed artifacts live, shared by the scripts and the tests."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CRATE = ROOT / "wasm" / "prompt"
MODEL_DIR = CRATE / "model"
FOLD_BIN = MODEL_DIR / "fold.bin"
WEIGHTS_BIN = MODEL_DIR / "weights.bin"
META_RS = CRATE / "src" / "meta.rs"
DATA_DIR = Path(__file__).resolve().parent / "data"
EVERYDAY = DATA_DIR / "everyday.jsonl"
# earlier rounds' hold-outs, each scored once, then retired into training (DATA.md)
EVERYDAY_R3 = DATA_DIR / "everyday_r3.jsonl"
EVERYDAY_R4 = DATA_DIR / "everyday_r4.jsonl"
# long benign messages (mails, notes, policies, runbooks ...), training only
EVERYDAY_LONG = DATA_DIR / "everyday_long.jsonl"
# round 5's, written blind by another author before that round's training:
# scored once, at the end of the round; never trained or tuned on (DATA.md)
EVERYDAY_HOLDOUT = DATA_DIR / "everyday_holdout.jsonl"
# the next round's, written blind in session 15 and committed before any
# model was scored on it; round 5's model was scored on it once (DATA.md)
EVERYDAY_HOLDOUT_R6 = DATA_DIR / "everyday_holdout_r6.jsonl"
DEEPSET = ROOT.parent / "shared" / "data" / "prompt_injection" / "deepset-prompt-injections.jsonl"
