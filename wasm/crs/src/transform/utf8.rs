//! `t:utf8toUnicode`: every UTF-8 multi-byte character becomes `%uHHHH`
//! (lower-case hex, at least four digits) for `t:urlDecodeUni` to fold.
//!
//! libmodsecurity's handling of malformed input is kept exactly, because an
//! evasion lives there: a lead byte whose continuation bytes are missing
//! is dropped; an overlong form or a surrogate is encoded and then followed
//! by its raw lead byte; the lead bytes 0xF5-0xF7 are copied before the
//! attempt to decode them; stray continuation bytes and 0xF8-0xFF are
//! copied; NUL bytes are dropped (the C code writes them without advancing,
//! then measures the result with `strlen`).

use std::io::Write;

pub(super) fn to_unicode(input: &[u8]) -> Option<Vec<u8>> {
    if input.iter().all(|&c| c != 0 && c < 0x80) {
        return None;
    }
    let mut out = Vec::with_capacity(input.len() * 2);
    let mut i = 0;
    while i < input.len() {
        let c = input[i];
        let cont = |k: usize| {
            let b = super::at(input, i + k);
            if b & 0xc0 == 0x80 {
                Some(u32::from(b & 0x3f))
            } else {
                None
            }
        };
        // (code point, its length in bytes) when the sequence is complete.
        let decoded = if c & 0x80 == 0 {
            if c != 0 {
                out.push(c);
            }
            None
        } else if c & 0xe0 == 0xc0 {
            cont(1).map(|b1| ((u32::from(c & 0x1f) << 6) | b1, 2))
        } else if c & 0xf0 == 0xe0 {
            cont(1)
                .and_then(|b1| cont(2).map(|b2| (b1, b2)))
                .map(|(b1, b2)| ((u32::from(c & 0x0f) << 12) | (b1 << 6) | b2, 3))
        } else if c & 0xf8 == 0xf0 {
            if c >= 0xf5 {
                out.push(c);
            }
            cont(1)
                .and_then(|b1| cont(2).map(|b2| (b1, b2)))
                .and_then(|(b1, b2)| cont(3).map(|b3| (b1, b2, b3)))
                .map(|(b1, b2, b3)| ((u32::from(c & 0x07) << 18) | (b1 << 12) | (b2 << 6) | b3, 4))
        } else {
            out.push(c);
            None
        };
        match decoded {
            Some((d, len)) => {
                // Writing to a Vec cannot fail.
                let _ = write!(out, "%u{:04x}", d);
                if (0xd800..=0xdfff).contains(&d) {
                    out.push(c);
                }
                let overlong = match len {
                    4 => d < 0x1_0000,
                    3 => d < 0x800,
                    _ => d < 0x80,
                };
                if overlong {
                    out.push(c);
                }
                i += len;
            }
            None => i += 1,
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u(s: &[u8]) -> Vec<u8> {
        to_unicode(s).unwrap_or_else(|| s.to_vec())
    }

    #[test]
    fn encodes_multibyte_characters() {
        assert_eq!(u("＜script ＞".as_bytes()), b"%uff1cscript %uff1e");
        assert_eq!(u("é€😀".as_bytes()), b"%u00e9%u20ac%u1f600");
        assert_eq!(u(b"plain"), b"plain");
    }

    #[test]
    fn malformed_input_as_libmodsecurity() {
        // Overlong "/" and surrogates: encoded, then the raw lead byte.
        assert_eq!(u(b"\xc0\xaf"), b"%u002f\xc0");
        assert_eq!(u(b"\xe0\x80\xaf"), b"%u002f\xe0");
        assert_eq!(u(b"\xed\xa0\x80"), b"%ud800\xed");
        assert_eq!(u(b"\xf0\x8d\xa0\x80"), b"%ud800\xf0\xf0");
        // Missing continuation: the lead byte vanishes (what follows is
        // read on its own).
        assert_eq!(u(b"a\xc3b\xe2\x82"), b"ab\x82");
        // Stray continuation and invalid leads are copied.
        assert_eq!(u(b"\x80\xff"), b"\x80\xff");
        // 0xF5-0xF7 are copied, then decoded when they can be.
        assert_eq!(u(b"\xf5\x80\x80\x80"), b"\xf5%u140000");
        assert_eq!(u(b"\xf5x"), b"\xf5x");
        // NUL bytes are dropped.
        assert_eq!(u(b"a\0b\0"), b"ab");
    }
}
