//! `t:urlDecode` and `t:urlDecodeUni` (libmodsecurity's non-strict decoders:
//! an invalid `%` sequence is kept as written, `+` becomes a space).

use super::x2c;

fn is_hex(c: u8) -> bool {
    c.is_ascii_hexdigit()
}

fn has_work(input: &[u8]) -> bool {
    memchr::memchr2(b'%', b'+', input).is_some()
}

/// `t:urlDecode`.
pub(super) fn decode(input: &[u8]) -> Option<Vec<u8>> {
    if !has_work(input) {
        return None;
    }
    let mut out = Vec::with_capacity(input.len());
    let mut i = 0;
    while i < input.len() {
        match input[i] {
            b'%' if i + 2 < input.len() && is_hex(input[i + 1]) && is_hex(input[i + 2]) => {
                out.push(x2c(input[i + 1], input[i + 2]));
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    Some(out)
}

/// `t:urlDecodeUni`: `t:urlDecode` plus IIS's `%uHHHH`, which becomes its
/// low byte (no `SecUnicodeMapFile` is loaded), except that full-width ASCII
/// `%uFF01`-`%uFF5E` becomes the ASCII character it stands for.
pub(super) fn decode_uni(input: &[u8]) -> Option<Vec<u8>> {
    if !has_work(input) {
        return None;
    }
    let mut out = Vec::with_capacity(input.len());
    let mut i = 0;
    while i < input.len() {
        let c = input[i];
        if c == b'%' {
            if i + 1 < input.len() && (input[i + 1] == b'u' || input[i + 1] == b'U') {
                if i + 5 < input.len() && input[i + 2..i + 6].iter().all(|&h| is_hex(h)) {
                    out.push(unicode_low_byte(&input[i + 2..i + 6]));
                    i += 6;
                } else {
                    // Not a %u escape: keep "%u" and go on after it.
                    out.extend_from_slice(&input[i..i + 2]);
                    i += 2;
                }
            } else if i + 2 < input.len() && is_hex(input[i + 1]) && is_hex(input[i + 2]) {
                out.push(x2c(input[i + 1], input[i + 2]));
                i += 3;
            } else {
                out.push(c);
                i += 1;
            }
        } else {
            out.push(if c == b'+' { b' ' } else { c });
            i += 1;
        }
    }
    Some(out)
}

/// The byte a `%uHHHH` (four hex digits) decodes to.
pub(super) fn unicode_low_byte(hex4: &[u8]) -> u8 {
    let low = x2c(hex4[2], hex4[3]);
    let full_width = hex4[0].eq_ignore_ascii_case(&b'f') && hex4[1].eq_ignore_ascii_case(&b'f');
    if full_width && low > 0x00 && low < 0x5f {
        // U+FF01..U+FF5E are U+0021..U+007E in full width.
        low + 0x20
    } else {
        low
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_and_plus() {
        assert_eq!(decode(b"a%20b+c%2"), Some(b"a b c%2".to_vec()));
        assert_eq!(decode(b"%zz%"), Some(b"%zz%".to_vec()));
        assert_eq!(decode(b"plain"), None);
    }

    #[test]
    fn iis_unicode() {
        assert_eq!(decode_uni(b"%u0041%U0062"), Some(b"Ab".to_vec()));
        assert_eq!(decode_uni(b"%u1234"), Some(vec![0x34]));
        assert_eq!(
            decode_uni(b"%uff1cscript%uFF1E"),
            Some(b"<script>".to_vec())
        );
        assert_eq!(decode_uni(b"%uff00%uff5f"), Some(vec![0x00, 0x5f]));
        assert_eq!(decode_uni(b"%u00"), Some(b"%u00".to_vec()));
        assert_eq!(decode_uni(b"%u000g%41"), Some(b"%u000gA".to_vec()));
    }
}
