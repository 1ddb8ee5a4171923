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
}

impl<'a> Input<'a> {
    pub fn new(text: &'a [u8], name: Option<&'a [u8]>, info: NormInfo) -> Self {
        let mut present = [0u64; 4];
        for &b in text {
            present[(b >> 6) as usize] |= 1u64 << (b & 63);
        }
        Input { text, name, nul: info.nul, present }
    }

    pub fn has(&self, b: u8) -> bool {
        self.present[(b >> 6) as usize] & (1u64 << (b & 63)) != 0
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
