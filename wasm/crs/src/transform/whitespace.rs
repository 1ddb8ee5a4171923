//! Whitespace transformations. "Whitespace" is C's `isspace` in the "C"
//! locale (space, tab, LF, VT, FF, CR); `t:removeWhitespace` also removes
//! 0xA0 and 0xC2, the bytes of a UTF-8 or Latin-1 non-breaking space, as
//! libmodsecurity does.

use super::is_c_space;

/// `t:compressWhitespace`: each run of whitespace becomes one space.
pub(super) fn compress(input: &[u8]) -> Option<Vec<u8>> {
    if !input.iter().any(|&c| is_c_space(c)) {
        return None;
    }
    let mut out = Vec::with_capacity(input.len());
    let mut in_space = false;
    for &c in input {
        if is_c_space(c) {
            if !in_space {
                out.push(b' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    Some(out)
}

fn is_removable(c: u8) -> bool {
    is_c_space(c) || c == 0xa0 || c == 0xc2
}

/// `t:removeWhitespace`.
pub(super) fn remove(input: &[u8]) -> Option<Vec<u8>> {
    if !input.iter().any(|&c| is_removable(c)) {
        return None;
    }
    Some(
        input
            .iter()
            .copied()
            .filter(|&c| !is_removable(c))
            .collect(),
    )
}

/// `t:trim`, `t:trimLeft`, `t:trimRight`.
pub(super) fn trim(input: &[u8], left: bool, right: bool) -> Option<Vec<u8>> {
    let mut start = 0;
    let mut end = input.len();
    if left {
        while start < end && is_c_space(input[start]) {
            start += 1;
        }
    }
    if right {
        while end > start && is_c_space(input[end - 1]) {
            end -= 1;
        }
    }
    if start == 0 && end == input.len() {
        return None;
    }
    Some(input[start..end].to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compresses() {
        assert_eq!(compress(b"  a \t\x0b b\r\n"), Some(b" a b ".to_vec()));
        assert_eq!(compress(b"a\xa0b"), None);
    }

    #[test]
    fn removes_nbsp_bytes_too() {
        assert_eq!(remove(b" a\tb\xc2\xa0c\x00"), Some(b"abc\x00".to_vec()));
        assert_eq!(remove(b"abc"), None);
    }

    #[test]
    fn trims() {
        assert_eq!(trim(b" \t a b \r\n", true, true), Some(b"a b".to_vec()));
        assert_eq!(trim(b" a ", true, false), Some(b"a ".to_vec()));
        assert_eq!(trim(b" a ", false, true), Some(b" a".to_vec()));
        assert_eq!(trim(b"   ", true, true), Some(Vec::new()));
        assert_eq!(trim(b"a\xa0", true, true), None);
    }
}
