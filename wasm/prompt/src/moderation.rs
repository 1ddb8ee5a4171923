//! Content moderation: the same normalisation and hashed features as the
//! prompt-injection classifier, scored with a second model
//! (model/moderation.bin, trained by tools/moderation/train.py) that flags
//! harassment, hate, threats, sexual content, self-harm encouragement and
//! abusive profanity.

use crate::model::Model;

static MODEL: Model = Model { bytes: include_bytes!("../model/moderation.bin"), magic: b"AMOD" };

/// A moderation verdict.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Verdict {
    /// Probability-like score in [0, 1]; 0.0 for a text with no words.
    pub score: f32,
    /// `score >= threshold`.
    pub detected: bool,
}

/// The threshold stored in the model file, chosen by the training script.
pub fn threshold() -> f32 {
    MODEL.threshold()
}

/// log2 of the model's bucket count.
pub fn model_bits() -> u32 {
    MODEL.bits()
}

/// Whether the embedded file is a well-formed moderation model.
pub fn model_ok() -> bool {
    MODEL.ok()
}

/// Max score over the text, its sentences and its decoded payloads, in f64.
pub fn score(text: &str) -> f64 {
    MODEL.score(text)
}

/// Normalise (obfuscation undone) and judge one text at the model's threshold.
pub fn classify(text: &str) -> Verdict {
    classify_with(text, threshold())
}

/// As `classify`, with the caller's threshold (a NaN threshold flags nothing).
pub fn classify_with(text: &str, threshold: f32) -> Verdict {
    let score = score(text) as f32;
    Verdict { score, detected: score >= threshold }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn model_file_is_well_formed() {
        assert!(model_ok());
        let t = threshold();
        assert!(t > 0.0 && t < 1.0, "threshold {}", t);
    }

    #[test]
    fn empty_scores_zero() {
        assert_eq!(classify("").score, 0.0);
        assert!(!classify(" ... ").detected);
    }
}
