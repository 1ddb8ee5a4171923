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
//!
//! `moderation` scores a text the same way with a second embedded model
//! (model/moderation.bin, trained by tools/moderation/train.py).

mod decode;
mod features;
mod meta;
mod model;
pub mod moderation;
mod normalize;

pub use decode::payloads;
pub use meta::DEFAULT_THRESHOLD;
pub use normalize::tokens;

use model::Model;

/// The trained prompt-injection model: b"APIW", u32 version, u32 bits, f32
/// bias, f32 threshold, u32 reserved, then 2^bits little-endian f32 weights.
static MODEL: Model = Model { bytes: include_bytes!("../model/weights.bin"), magic: b"APIW" };

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Verdict {
    /// Probability-like score in [0, 1]; 0.0 for a message with no words.
    pub score: f32,
    /// `score >= threshold`.
    pub injection: bool,
}

/// log2 of the bucket count, as the model file says (checked against meta.rs
/// by the tests).
pub fn model_bits() -> u32 {
    MODEL.bits()
}

fn model_ok() -> bool {
    MODEL.ok() && MODEL.bits() == meta::BITS
}

/// The threshold stored in the model file (equal to `DEFAULT_THRESHOLD`).
pub fn model_threshold() -> f32 {
    MODEL.threshold()
}

fn tokens_score(toks: &normalize::Tokens) -> f64 {
    if !model_ok() {
        return 0.0;
    }
    MODEL.tokens_score(toks)
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
    if !model_ok() {
        return 0.0;
    }
    MODEL.score(text)
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
