//! Local prompt-injection classifier.
//!
//! `classify(text)` undoes obfuscation (normalize.rs: case, compatibility
//! forms, homoglyphs, zero-width characters, leetspeak, spaced-out letters;
//! decode.rs: base64 and hex payloads), hashes word, word-pair and char
//! n-gram features (features.rs) and scores them with a logistic regression
//! whose weights are compiled in (model/weights.bin, trained by
//! tools/prompt_injection/train.py). A message's score is the max over the
//! text itself, each of its sentences, and each decoded payload (and its
//! sentences).
//!
//! Nothing is parsed at start-up: weights are read from the embedded bytes
//! at the buckets a message touches. Tokens live in one buffer per message
//! and features are counted in a per-thread table (2^bits slots, made on the
//! first call, 512 KiB at 16 bits), so there is no allocation per token and
//! no sort. No I/O, no unsafe, no panics on any input; the work is linear in
//! the input length.

mod decode;
mod features;
mod meta;
mod normalize;

pub use decode::payloads;
pub use meta::DEFAULT_THRESHOLD;
pub use normalize::tokens;

/// The trained model: b"APIW", u32 version, u32 bits, f32 bias, f32
/// threshold, u32 reserved, then 2^bits little-endian f32 weights.
static MODEL: &[u8] = include_bytes!("../model/weights.bin");
const HEADER: usize = 24;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Verdict {
    /// Probability-like score in [0, 1]; 0.0 for a message with no words.
    pub score: f32,
    /// `score >= threshold`.
    pub injection: bool,
}

fn u32_at(off: usize) -> u32 {
    match MODEL.get(off..off.saturating_add(4)) {
        Some(b) => u32::from_le_bytes([b[0], b[1], b[2], b[3]]),
        None => 0,
    }
}

fn f32_at(off: usize) -> f32 {
    f32::from_bits(u32_at(off))
}

/// log2 of the bucket count, as the model file says (checked against meta.rs
/// by the tests).
pub fn model_bits() -> u32 {
    u32_at(8)
}

fn model_ok() -> bool {
    let bits = model_bits();
    MODEL.get(0..4) == Some(&b"APIW"[..])
        && u32_at(4) == 1
        && bits == meta::BITS
        && bits <= 24
        && MODEL.len() == HEADER + (4usize << bits)
}

/// The threshold stored in the model file (equal to `DEFAULT_THRESHOLD`).
pub fn model_threshold() -> f32 {
    f32_at(16)
}

fn sigmoid(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + (-z).exp())
    } else {
        let e = z.exp();
        e / (1.0 + e)
    }
}

/// Max over the whole token list and each of its sentences: an instruction
/// appended to an innocent question is judged on its own too. A part with
/// no features scores 0.0.
fn tokens_score(toks: &normalize::Tokens) -> f64 {
    if !model_ok() || toks.is_empty() {
        return 0.0;
    }
    let bias = f64::from(f32_at(12));
    let weight = |i: usize| f64::from(f32_at(HEADER + 4 * i));
    let mut best = 0.0f64;
    features::for_each_part(toks, model_bits(), &weight, |z| {
        if let Some(z) = z {
            let s = sigmoid(z + bias);
            if s > best {
                best = s;
            }
        }
    });
    best
}

/// Score of one already-normalised token list, as one sentence (no payload
/// decoding).
pub fn token_score(toks: &[String]) -> f64 {
    // from_strings puts every token in one sentence: the whole is the only part
    tokens_score(&normalize::Tokens::from_strings(toks))
}

/// Max score over the text and its decoded payloads, in f64 (the CLI prints it
/// so the parity test compares before rounding to f32).
pub fn score(text: &str) -> f64 {
    let mut best = tokens_score(&normalize::tokenize(text));
    for p in payloads(text) {
        let s = tokens_score(&normalize::tokenize(&p));
        if s > best {
            best = s;
        }
    }
    best
}

/// Normalise (obfuscation undone) and classify one message.
pub fn classify(text: &str) -> Verdict {
    classify_with(text, DEFAULT_THRESHOLD)
}

/// As `classify`, with the caller's threshold (a NaN threshold flags nothing).
pub fn classify_with(text: &str, threshold: f32) -> Verdict {
    let score = score(text) as f32;
    Verdict { score, injection: score >= threshold }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn model_file_matches_meta() {
        assert!(model_ok());
        assert_eq!(model_bits(), meta::BITS);
        assert_eq!(model_threshold(), DEFAULT_THRESHOLD);
    }

    #[test]
    fn empty_scores_zero() {
        assert_eq!(classify("").score, 0.0);
        assert_eq!(classify("  ?! ... ").score, 0.0);
        assert!(!classify("").injection);
    }
}
