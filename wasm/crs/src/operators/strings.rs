//! `@streq`, `@contains`, `@beginsWith`, `@endsWith`, `@within`: exact,
//! case-sensitive byte comparisons.

use memchr::memmem;

/// `@streq`: the value equals the parameter.
pub fn streq(value: &[u8], param: &[u8]) -> bool {
    value == param
}

/// `@contains`: the parameter occurs in the value (an empty parameter
/// always does).
pub fn contains(value: &[u8], param: &[u8]) -> bool {
    memmem::find(value, param).is_some()
}

/// `@beginsWith`.
pub fn begins_with(value: &[u8], param: &[u8]) -> bool {
    value.starts_with(param)
}

/// `@endsWith`.
pub fn ends_with(value: &[u8], param: &[u8]) -> bool {
    value.ends_with(param)
}

/// `@within`: the *value* occurs in the parameter, e.g. the request method
/// in `"GET HEAD POST"`. An empty value matches, as in libmodsecurity. This
/// is a substring test, not a word list: `ET` is within `GET HEAD`.
pub fn within(value: &[u8], param: &[u8]) -> bool {
    value.is_empty() || memmem::find(param, value).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comparisons() {
        assert!(streq(b"POST", b"POST"));
        assert!(!streq(b"post", b"POST"));
        assert!(contains(b"a#b", b"#"));
        assert!(contains(b"abc", b""));
        assert!(!contains(b"", b"#"));
        assert!(begins_with(b"#:~:text=x", b"#:~:text="));
        assert!(!begins_with(b"#:", b"#:~"));
        assert!(ends_with(b"file.pdf", b".pdf"));
        assert!(!ends_with(b"pdf", b".pdf"));
        assert!(ends_with(b"x", b""));
    }

    #[test]
    fn within_is_a_substring_of_the_parameter() {
        let methods = b"GET HEAD POST OPTIONS";
        assert!(within(b"POST", methods));
        assert!(!within(b"DELETE", methods));
        assert!(within(b"ET H", methods));
        assert!(within(b"", methods));
        assert!(!within(b"\0", methods));
        assert!(!within(b"GET", b""));
    }
}
