//! The detectors on one value that the caller has already decoded: what a
//! SecLang engine runs for `@detectSQLi` and `@detectXSS` after the rule's
//! own transformations (the CRS engine in `wasm/crs`).
//!
//! Unlike [`crate::inspect_value`], nothing is decoded here: the value is
//! only normalised (lower case, NUL bytes dropped, whitespace collapsed) as
//! every detector expects, and the buffers live in the [`Single`] so that
//! a caller looking at many values allocates once.

use crate::decode;
use crate::detect::{self, Scratch};
use crate::hits::Hits;
use crate::inputs::Profile;
use crate::{Category, Severity};

/// What the SQL injection and XSS detectors found in one value.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SingleFindings {
    /// The most severe SQL injection finding, if any.
    pub sqli: Option<Severity>,
    /// The most severe XSS finding, if any.
    pub xss: Option<Severity>,
    /// The categories with a finding of at least Low, Medium and High
    /// severity (indexed 0, 1, 2), as [`Category::bit`]s: what a second
    /// opinion on a CRS match asks.
    pub found: [u16; 3],
}

/// Reusable state for [`Single::inspect`].
#[derive(Default)]
pub struct Single {
    norm: Vec<u8>,
    scratch: Scratch,
    hits: Hits,
}

impl std::fmt::Debug for Single {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Single")
    }
}

impl Single {
    /// A new, empty set of buffers.
    pub fn new() -> Single {
        Single::default()
    }

    /// Runs the detectors on `value` as it is (no decoding) and reports
    /// the SQL injection and XSS findings. The other detectors run too
    /// (they share one pass) but their findings are not reported.
    pub fn inspect(&mut self, value: &[u8]) -> SingleFindings {
        self.hits.clear();
        let info = decode::normalise(value, &mut self.norm);
        detect::run(&self.norm, info, None, Profile::Full, &mut self.scratch, &mut self.hits);
        SingleFindings {
            sqli: self.hits.severity(Category::SqlInjection),
            xss: self.hits.severity(Category::Xss),
            found: [Severity::Low, Severity::Medium, Severity::High].map(|at| self.hits.list.iter().filter(|h| h.sev >= at).fold(0, |m, h| m | h.cat.bit())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_without_decoding() {
        let mut s = Single::new();
        assert_eq!(s.inspect(b"1' OR 1=1--").sqli, Some(Severity::High));
        assert_eq!(s.inspect(b"<script>alert(1)</script>").xss, Some(Severity::High));
        let benign = s.inspect(b"Mary O'Brien, 42 Union Street");
        assert!(benign.sqli.map_or(true, |v| v < Severity::High), "{:?}", benign);
        assert_eq!(benign.xss, None);
        assert_eq!(s.inspect(b"; cat /etc/passwd").found[2], Category::CommandInjection.bit());
        assert_eq!(s.inspect(b"tracking says 'select a pickup point'").found, [Category::SqlInjection.bit(), Category::SqlInjection.bit(), 0]);
        assert_eq!(s.inspect(b"a plain sentence").found, [0; 3]);
        // Still percent-encoded: no tag for the XSS detector to see (the
        // caller decodes first).
        assert_ne!(s.inspect(b"%3Cscript%3Ealert(1)%3C%2Fscript%3E").xss, Some(Severity::High));
    }
}
