//! `t:base64Decode` (strict, through Mbed TLS 3's decoder, as libmodsecurity
//! does) and `t:base64DecodeExt` (forgiving).

/// The value of a base64 digit, standard alphabet.
fn digit(c: u8) -> Option<u8> {
    match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    }
}

/// `t:base64Decode`. libmodsecurity stops at the first NUL (`strlen`) and
/// hands the rest to `mbedtls_base64_decode`, which rejects anything but
/// well-formed base64 (whole 4-digit groups, `=` only at the end, spaces
/// only before a line break); on rejection the value becomes empty.
pub(super) fn decode(input: &[u8]) -> Option<Vec<u8>> {
    if input.is_empty() {
        return None;
    }
    let text = match memchr::memchr(0, input) {
        Some(nul) => &input[..nul],
        None => input,
    };
    Some(mbedtls_decode(text).unwrap_or_default())
}

/// `mbedtls_base64_decode` (Mbed TLS 3.x): the decoded bytes, or `None` for
/// invalid input.
fn mbedtls_decode(src: &[u8]) -> Option<Vec<u8>> {
    let mut symbols = 0usize;
    let mut equals = 0usize;
    let mut i = 0;
    while i < src.len() {
        let mut spaces = false;
        while i < src.len() && src[i] == b' ' {
            i += 1;
            spaces = true;
        }
        if i == src.len() {
            break;
        }
        let line_break = src[i] == b'\n' || (src[i] == b'\r' && src.get(i + 1) == Some(&b'\n'));
        if !line_break {
            if spaces {
                return None;
            }
            if src[i] == b'=' {
                equals += 1;
                if equals > 2 {
                    return None;
                }
            } else if equals != 0 || digit(src[i]).is_none() {
                return None;
            }
            symbols += 1;
        }
        i += 1;
    }
    if (symbols - equals) % 4 == 1 || symbols % 4 != 0 {
        return None;
    }
    let mut out = Vec::with_capacity(symbols / 4 * 3);
    let mut acc = 0u32;
    let mut n = 0;
    for &c in src {
        if let Some(v) = digit(c) {
            acc = (acc << 6) | u32::from(v);
            n += 1;
            if n == 4 {
                out.extend_from_slice(&[(acc >> 16) as u8, (acc >> 8) as u8, acc as u8]);
                n = 0;
                acc = 0;
            }
        } else if c == b'=' {
            break;
        }
    }
    match n {
        3 => out.extend_from_slice(&[(acc >> 10) as u8, (acc >> 2) as u8]),
        2 => out.push((acc >> 4) as u8),
        _ => {}
    }
    Some(out)
}

/// `t:base64DecodeExt`: skips every byte that is not a base64 digit
/// (`-` and `_` count as the URL-safe 62 and 63), decodes what is left and
/// keeps a trailing partial group's whole bytes. Two malformed paddings
/// empty the value, as in libmodsecurity's `decode_forgiven`: an `=` that
/// follows a group's first digit without another `=` behind it, and input
/// whose last byte is `=` (or `9`, whose digit value is the same 61)
/// after a group's first digit.
pub(super) fn decode_ext(input: &[u8]) -> Option<Vec<u8>> {
    if input.is_empty() {
        return None;
    }
    let ext_digit = |c: u8| match c {
        b'-' => Some(62),
        b'_' => Some(63),
        _ => digit(c),
    };
    let mut out = Vec::with_capacity(input.len() / 4 * 3 + 2);
    let mut acc = 0u32;
    let mut n = 0usize;
    // The C code compares the last value it looked at (a byte, or the
    // digit it decoded to) with '='.
    let mut last = 0u32;
    for (i, &c) in input.iter().enumerate() {
        if c == b'=' {
            last = u32::from(b'=');
            if super::at(input, i + 1) != b'=' && n % 4 == 1 {
                return Some(Vec::new());
            }
            continue;
        }
        match ext_digit(c) {
            Some(v) => {
                last = u32::from(v);
                acc = (acc << 6) | u32::from(v);
                n += 1;
                if n % 4 == 0 {
                    out.extend_from_slice(&[(acc >> 16) as u8, (acc >> 8) as u8, acc as u8]);
                    acc = 0;
                }
            }
            None => last = u32::MAX,
        }
    }
    if last == u32::from(b'=') && n % 4 == 1 {
        return Some(Vec::new());
    }
    match n % 4 {
        3 => out.extend_from_slice(&[(acc >> 10) as u8, (acc >> 2) as u8]),
        2 => out.push((acc >> 4) as u8),
        _ => {}
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &[u8]) -> Vec<u8> {
        decode(s).unwrap_or_else(|| s.to_vec())
    }

    fn e(s: &[u8]) -> Vec<u8> {
        decode_ext(s).unwrap_or_else(|| s.to_vec())
    }

    #[test]
    fn strict() {
        assert_eq!(d(b"VGVzdENhc2U="), b"TestCase");
        assert_eq!(d(b"VGVzdENhc2UxMg=="), b"TestCase12");
        assert_eq!(d(b"VGVzdENhc2U=\0VGVzdENhc2U="), b"TestCase");
        assert_eq!(d(b"VGVz\r\ndA==\n"), b"Test");
        // Rejected by Mbed TLS: the value becomes empty.
        assert_eq!(d(b"VGVzdA"), b"");
        assert_eq!(d(b"VGVz dA=="), b"");
        assert_eq!(d(b"VGVzdENhc2U=VGVzdENhc2U="), b"");
        assert_eq!(d(b"not base64!"), b"");
        assert_eq!(d(b"A==="), b"");
    }

    #[test]
    fn forgiving() {
        assert_eq!(
            e(b"P.HNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="),
            b"<script>alert(1)</script>"
        );
        assert_eq!(e(b"VGVzdA"), b"Test");
        assert_eq!(e(b"dzBzV==YWxlcnQoMSk="), b"");
        assert_eq!(e(b"eHh-"), b"xx~");
        assert_eq!(e(b"QQ"), b"A");
        assert_eq!(e(b"Q"), b"");
    }
}
