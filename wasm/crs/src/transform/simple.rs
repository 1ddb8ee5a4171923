//! The byte-wise transformations: case, NUL bytes, length.

/// `t:lowercase`: ASCII only, as C's `tolower` in the "C" locale.
pub(super) fn lowercase(input: &[u8]) -> Option<Vec<u8>> {
    if !input.iter().any(u8::is_ascii_uppercase) {
        return None;
    }
    Some(input.to_ascii_lowercase())
}

/// `t:uppercase`: ASCII only.
pub(super) fn uppercase(input: &[u8]) -> Option<Vec<u8>> {
    if !input.iter().any(u8::is_ascii_lowercase) {
        return None;
    }
    Some(input.to_ascii_uppercase())
}

/// `t:removeNulls`: drops every 0x00 byte.
pub(super) fn remove_nulls(input: &[u8]) -> Option<Vec<u8>> {
    memchr::memchr(0, input)?;
    Some(input.iter().copied().filter(|&c| c != 0).collect())
}

/// `t:replaceNulls`: every 0x00 byte becomes a space.
pub(super) fn replace_nulls(input: &[u8]) -> Option<Vec<u8>> {
    memchr::memchr(0, input)?;
    Some(
        input
            .iter()
            .map(|&c| if c == 0 { b' ' } else { c })
            .collect(),
    )
}

/// `t:length`: the byte length in decimal.
pub(super) fn length(input: &[u8]) -> Option<Vec<u8>> {
    Some(input.len().to_string().into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_is_ascii_only() {
        assert_eq!(lowercase(b"AbC\xc4\xd0"), Some(b"abc\xc4\xd0".to_vec()));
        assert_eq!(lowercase(b"abc\xc4"), None);
        assert_eq!(uppercase(b"aB\xe4"), Some(b"AB\xe4".to_vec()));
    }

    #[test]
    fn nulls() {
        assert_eq!(remove_nulls(b"\0a\0\0b\0"), Some(b"ab".to_vec()));
        assert_eq!(replace_nulls(b"\0a\0"), Some(b" a ".to_vec()));
        assert_eq!(remove_nulls(b"ab"), None);
    }

    #[test]
    fn length_counts_bytes() {
        assert_eq!(length(b""), Some(b"0".to_vec()));
        assert_eq!(length(b"Test\0Case"), Some(b"9".to_vec()));
    }
}
