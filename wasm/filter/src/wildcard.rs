//! `wildcard` and `strict wildcard` patterns.
//!
//! `*` matches any run of characters (none included), `\*` a literal star,
//! `\\` a backslash; any other backslash is an error. The whole value must
//! match. Matching splits the pattern at its stars: the first piece must be a
//! prefix, the last a suffix, and the pieces between are found leftmost, in
//! order, in what remains. Taking the leftmost occurrence never loses a match
//! (it leaves the most room for the rest), so this is linear, with no
//! backtracking.

use std::borrow::Cow;

use memchr::memmem::Finder;

/// A compiled wildcard pattern.
#[derive(Debug)]
pub(crate) struct Wildcard {
    /// The first literal piece (before the first star, or the whole pattern
    /// when there is no star).
    first: Box<[u8]>,
    /// The pieces between stars, in order.
    middle: Vec<Finder<'static>>,
    /// The last piece, after the last star; `None` when there is no star.
    last: Option<Box<[u8]>>,
    /// ASCII case-insensitive (`wildcard`) or exact (`strict wildcard`).
    fold_case: bool,
}

impl Wildcard {
    /// Compiles `pattern`; `fold_case` for `wildcard`, not for `strict wildcard`.
    pub(crate) fn new(pattern: &str, fold_case: bool) -> Result<Wildcard, String> {
        let mut pieces: Vec<Vec<u8>> = vec![Vec::new()];
        let mut bytes = pattern.bytes();
        while let Some(b) = bytes.next() {
            let byte = match b {
                b'*' => {
                    pieces.push(Vec::new());
                    continue;
                }
                b'\\' => match bytes.next() {
                    Some(escaped @ (b'*' | b'\\')) => escaped,
                    _ => return Err(format!("wildcard {:?}: a backslash must be followed by * or \\", pattern)),
                },
                other => other,
            };
            if let Some(piece) = pieces.last_mut() {
                piece.push(if fold_case { byte.to_ascii_lowercase() } else { byte });
            }
        }
        let last = if pieces.len() > 1 { pieces.pop().map(Vec::into_boxed_slice) } else { None };
        let mut pieces = pieces.into_iter();
        let first = pieces.next().unwrap_or_default().into_boxed_slice();
        let middle = pieces.map(|p| Finder::new(&p).into_owned()).collect();
        Ok(Wildcard { first, middle, last, fold_case })
    }

    /// Whether the whole of `value` matches.
    pub(crate) fn is_match(&self, value: &str) -> bool {
        let value: Cow<'_, [u8]> = if self.fold_case && value.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(value.bytes().map(|b| b.to_ascii_lowercase()).collect())
        } else {
            Cow::Borrowed(value.as_bytes())
        };
        let value: &[u8] = &value;
        let last = match &self.last {
            None => return value == &*self.first,
            Some(last) => last,
        };
        let rest = match value.strip_prefix(&*self.first) {
            Some(rest) => rest,
            None => return false,
        };
        let mut rest = match rest.strip_suffix(&**last) {
            Some(rest) => rest,
            None => return false,
        };
        for finder in &self.middle {
            match finder.find(rest) {
                // `at + len <= rest.len()` by `find`'s contract.
                Some(at) => rest = rest.get(at + finder.needle().len()..).unwrap_or_default(),
                None => return false,
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(pattern: &str, fold: bool, value: &str) -> bool {
        Wildcard::new(pattern, fold).map(|w| w.is_match(value)).unwrap_or(false)
    }

    #[test]
    fn matches_whole_value() {
        assert!(m("/api/*", true, "/api/"));
        assert!(m("/api/*", true, "/API/v1"));
        assert!(!m("/api/*", false, "/API/v1"));
        assert!(m("*", true, ""));
        assert!(m("**", true, "x"));
        assert!(m("a*b*c", true, "abc"));
        assert!(m("a*b*c", true, "aXbYbZc"));
        assert!(!m("a*b*c", true, "acb"));
        assert!(!m("ab*ba", true, "aba"), "prefix and suffix must not overlap");
        assert!(m("ab*ba", true, "abba"));
        assert!(m("exact", true, "EXACT"));
        assert!(!m("exact", true, "exactly"));
        assert!(m(r"a\*b", true, "a*b"));
        assert!(!m(r"a\*b", true, "axb"));
        assert!(m(r"a\\b", true, r"a\b"));
        assert!(m("é*", true, "été"), "non-ASCII bytes match exactly");
        assert!(!m("É*", true, "été"), "case folding is ASCII only");
    }

    #[test]
    fn bad_escapes() {
        for bad in [r"a\b", r"\", r"a\", r"\n"] {
            assert!(Wildcard::new(bad, true).is_err(), "{}", bad);
        }
    }
}
