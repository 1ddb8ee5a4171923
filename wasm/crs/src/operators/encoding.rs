//! `@validateUrlEncoding` and `@validateUtf8Encoding`: both match (return
//! `true`) when the value is *invalid*; an empty value is valid.

/// `@validateUrlEncoding`: a `%` not followed by two hex digits.
pub fn validate_url_encoding(value: &[u8]) -> bool {
    let mut i = 0;
    while let Some(offset) = memchr::memchr(b'%', &value[i..]) {
        let p = i + offset;
        match value.get(p + 1..p + 3) {
            Some(hex) if hex.iter().all(u8::is_ascii_hexdigit) => i = p + 3,
            _ => return true,
        }
    }
    false
}

/// `@validateUtf8Encoding`, RFC 3629 as libmodsecurity checks it: a
/// truncated sequence, a bad continuation byte, a lead byte 0x80-0xBF or
/// 0xF5-0xFF, an overlong form or a surrogate (U+D800-U+DFFF) is invalid.
/// libmodsecurity does not reject 0xF4 sequences above U+10FFFF; neither
/// does this.
pub fn validate_utf8_encoding(value: &[u8]) -> bool {
    let mut i = 0;
    while i < value.len() {
        match utf8_char_len(&value[i..]) {
            Some(n) => i += n,
            None => return true,
        }
    }
    false
}

/// The length of the valid character at the start of `s`, or `None`.
fn utf8_char_len(s: &[u8]) -> Option<usize> {
    let c = s[0];
    let (len, initial) = match c {
        0x00..=0x7f => return Some(1),
        _ if c & 0xe0 == 0xc0 => (2, u32::from(c & 0x1f)),
        _ if c & 0xf0 == 0xe0 => (3, u32::from(c & 0x0f)),
        0xf0..=0xf4 => (4, u32::from(c & 0x07)),
        _ => return None,
    };
    let tail = s.get(1..len)?;
    let mut d = initial;
    for &b in tail {
        if b & 0xc0 != 0x80 {
            return None;
        }
        d = (d << 6) | u32::from(b & 0x3f);
    }
    let min = match len {
        2 => 0x80,
        3 => 0x800,
        _ => 0x1_0000,
    };
    if (0xd800..=0xdfff).contains(&d) || d < min {
        return None;
    }
    Some(len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_encoding() {
        assert!(!validate_url_encoding(b""));
        assert!(!validate_url_encoding(b"a%20b%7e%7E"));
        assert!(validate_url_encoding(b"a%2"));
        assert!(validate_url_encoding(b"%"));
        assert!(validate_url_encoding(b"%zz"));
        assert!(validate_url_encoding(b"%20%g0"));
    }

    #[test]
    fn utf8_encoding() {
        assert!(!validate_utf8_encoding(b""));
        assert!(!validate_utf8_encoding("ascii é € 😀".as_bytes()));
        // Truncated, bad continuation, stray continuation, invalid leads.
        assert!(validate_utf8_encoding(b"\xc3"));
        assert!(validate_utf8_encoding(b"\xe2\x82"));
        assert!(validate_utf8_encoding(b"\xc3\x28"));
        assert!(validate_utf8_encoding(b"\x80"));
        assert!(validate_utf8_encoding(b"\xf5\x80\x80\x80"));
        assert!(validate_utf8_encoding(b"\xff"));
        // Overlong forms and surrogates.
        assert!(validate_utf8_encoding(b"\xc0\xaf"));
        assert!(validate_utf8_encoding(b"\xe0\x80\xaf"));
        assert!(validate_utf8_encoding(b"\xf0\x80\x80\xaf"));
        assert!(validate_utf8_encoding(b"\xed\xa0\x80"));
        // Above U+10FFFF with an F4 lead: accepted, as by libmodsecurity.
        assert!(!validate_utf8_encoding(b"\xf4\x90\x80\x80"));
    }
}
