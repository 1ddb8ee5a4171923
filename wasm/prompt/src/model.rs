//! One embedded logistic-regression model file and its scoring.
//!
//! Layout (little-endian): 4-byte magic, u32 version (1), u32 bits, f32 bias,
//! f32 threshold, u32 reserved, then 2^bits f32 weights. Each classifier has
//! its own magic, so a file swapped for another's fails `ok()` and scores
//! nothing rather than answering with the wrong model's weights.

use crate::features;
use crate::normalize::{self, Tokens};

const HEADER: usize = 24;
const VERSION: u32 = 1;
/// Above this the table would not fit a Wasm instance comfortably.
const MAX_BITS: u32 = 24;

pub(crate) struct Model {
    pub(crate) bytes: &'static [u8],
    pub(crate) magic: &'static [u8; 4],
}

fn sigmoid(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + (-z).exp())
    } else {
        let e = z.exp();
        e / (1.0 + e)
    }
}

impl Model {
    fn u32_at(&self, off: usize) -> u32 {
        match self.bytes.get(off..off.saturating_add(4)) {
            Some(b) => u32::from_le_bytes([b[0], b[1], b[2], b[3]]),
            None => 0,
        }
    }

    fn f32_at(&self, off: usize) -> f32 {
        f32::from_bits(self.u32_at(off))
    }

    pub(crate) fn bits(&self) -> u32 {
        self.u32_at(8)
    }

    pub(crate) fn threshold(&self) -> f32 {
        self.f32_at(16)
    }

    pub(crate) fn ok(&self) -> bool {
        let bits = self.bits();
        self.bytes.get(0..4) == Some(&self.magic[..])
            && self.u32_at(4) == VERSION
            && bits <= MAX_BITS
            && self.bytes.len() == HEADER + (4usize << bits)
    }

    /// Max over the whole token list and each of its sentences: a line of
    /// abuse (or an instruction) inside an innocent message is judged on its
    /// own too. A part with no features scores 0.0.
    pub(crate) fn tokens_score(&self, toks: &Tokens) -> f64 {
        if !self.ok() || toks.is_empty() {
            return 0.0;
        }
        let bias = f64::from(self.f32_at(12));
        let weight = |i: usize| f64::from(self.f32_at(HEADER + 4 * i));
        let mut best = 0.0f64;
        features::for_each_part(toks, self.bits(), &weight, |z| {
            if let Some(z) = z {
                let s = sigmoid(z + bias);
                if s > best {
                    best = s;
                }
            }
        });
        best
    }

    /// Max score over the text and its decoded payloads (base64, hex).
    pub(crate) fn score(&self, text: &str) -> f64 {
        let mut best = self.tokens_score(&normalize::tokenize(text));
        for p in crate::decode::payloads(text) {
            let s = self.tokens_score(&normalize::tokenize(&p));
            if s > best {
                best = s;
            }
        }
        best
    }
}
