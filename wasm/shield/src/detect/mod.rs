//! The detectors. Each reads one normalised value (lower-case, NUL bytes
//! removed, whitespace collapsed) and adds hits.

mod cmdi;
mod java;
mod php;
mod sqli;
mod ssrf;
mod ssti;
mod traversal;
mod util;
mod xss;

use crate::decode::NormInfo;
use crate::hits::Hits;
use crate::inputs::Profile;

/// One value as the detectors see it.
pub(crate) struct Input<'a> {
    /// Normalised value.
    pub text: &'a [u8],
    /// Lower-cased name of the argument or header, if it has one.
    pub name: Option<&'a [u8]>,
    /// Whether normalisation removed NUL bytes.
    pub nul: bool,
    /// Which bytes occur in `text`, for cheap pre-checks.
    present: [u64; 4],
    /// A Bloom filter of word starts (first four bytes of every word), so
    /// that most substring searches are answered without searching.
    words: [u64; 4],
}

fn word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Bloom key of the word starting at `w[0]`: its first four bytes at most.
fn word_key(w: &[u8]) -> u8 {
    let mut h: u32 = 0x811c_9dc5;
    for &b in w.iter().take(4).take_while(|&&b| word_byte(b)) {
        h = (h ^ b as u32).wrapping_mul(0x0100_0193);
    }
    (h ^ (h >> 8) ^ (h >> 16)) as u8
}

impl<'a> Input<'a> {
    pub fn new(text: &'a [u8], name: Option<&'a [u8]>, info: NormInfo) -> Self {
        let mut present = [0u64; 4];
        let mut words = [0u64; 4];
        let mut prev_word = false;
        for (i, &b) in text.iter().enumerate() {
            present[(b >> 6) as usize] |= 1u64 << (b & 63);
            let w = word_byte(b);
            if w && !prev_word {
                let k = word_key(&text[i..]);
                words[(k >> 6) as usize] |= 1u64 << (k & 63);
            }
            prev_word = w;
        }
        Input { text, name, nul: info.nul, present, words }
    }

    pub fn has(&self, b: u8) -> bool {
        self.present[(b >> 6) as usize] & (1u64 << (b & 63)) != 0
    }

    /// Whether `needle` occurs in the text. Needles that start with a word
    /// byte are only searched for when a word of the text starts like them:
    /// callers must only use it for needles that begin at a word start.
    pub fn contains(&self, needle: &[u8]) -> bool {
        if let Some(&first) = needle.first() {
            let lead = needle.iter().take_while(|&&b| word_byte(b)).count();
            // A leading word shorter than four bytes that ends the needle
            // may be the start of a longer word: no key for it.
            if word_byte(first) && (lead >= 4 || lead < needle.len()) {
                let k = word_key(needle);
                if self.words[(k >> 6) as usize] & (1u64 << (k & 63)) == 0 {
                    return false;
                }
            } else if !self.has(first) {
                return false;
            }
        }
        memchr::memmem::find(self.text, needle).is_some()
    }

    pub fn has_any(&self, bytes: &[u8]) -> bool {
        bytes.iter().any(|&b| self.has(b))
    }
}

pub(crate) fn run(text: &[u8], info: NormInfo, name: Option<&[u8]>, profile: Profile, hits: &mut Hits) {
    if text.is_empty() {
        return;
    }
    let input = Input::new(text, name, info);
    match profile {
        Profile::Full => {
            sqli::detect(&input, hits);
            xss::detect(&input, hits);
            traversal::detect(&input, hits);
            traversal::detect_rfi(&input, hits);
            cmdi::detect(&input, hits);
            php::detect(&input, hits);
            java::detect(&input, hits);
            ssti::detect(&input, hits);
            ssrf::detect(&input, hits);
            util::crlf_injection(&input, hits);
        }
        Profile::HighConfidence => {
            java::detect_log4shell(&input, hits);
            cmdi::detect_shellshock(&input, hits);
        }
        Profile::WholePath => {
            traversal::detect(&input, hits);
        }
    }
}
