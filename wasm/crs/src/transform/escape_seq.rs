//! `t:escapeSeqDecode`: ANSI C escapes (`\n`, `\x41`, `\101`). Unlike
//! `t:jsDecode`, an octal escape takes up to three digits whatever their
//! value (the byte is the value's low byte) and an unknown escape drops its
//! backslash.

use super::x2c;

fn is_octal(c: u8) -> bool {
    (b'0'..=b'7').contains(&c)
}

pub(super) fn decode(input: &[u8]) -> Option<Vec<u8>> {
    memchr::memchr(b'\\', input)?;
    let len = input.len();
    let mut out = Vec::with_capacity(len);
    let mut i = 0;
    while i < len {
        if input[i] != b'\\' || i + 1 >= len {
            out.push(input[i]);
            i += 1;
            continue;
        }
        let next = input[i + 1];
        let simple = match next {
            b'a' => Some(0x07),
            b'b' => Some(0x08),
            b'f' => Some(0x0c),
            b'n' => Some(b'\n'),
            b'r' => Some(b'\r'),
            b't' => Some(b'\t'),
            b'v' => Some(0x0b),
            b'\\' | b'?' | b'\'' | b'"' => Some(next),
            _ => None,
        };
        if let Some(c) = simple {
            out.push(c);
            i += 2;
        } else if next == b'x' || next == b'X' {
            if i + 3 < len && input[i + 2].is_ascii_hexdigit() && input[i + 3].is_ascii_hexdigit() {
                out.push(x2c(input[i + 2], input[i + 3]));
                i += 4;
            } else {
                out.push(next);
                i += 2;
            }
        } else if is_octal(next) {
            let n = input[i + 1..]
                .iter()
                .take(3)
                .position(|&c| !is_octal(c))
                .unwrap_or_else(|| (len - i - 1).min(3));
            let value = input[i + 1..i + 1 + n]
                .iter()
                .fold(0u32, |v, &d| v * 8 + u32::from(d - b'0'));
            out.push(value as u8);
            i += 1 + n;
        } else {
            out.push(next);
            i += 2;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &[u8]) -> Vec<u8> {
        decode(s).unwrap_or_else(|| s.to_vec())
    }

    #[test]
    fn escapes() {
        assert_eq!(
            d(br#"\a\b\f\n\r\t\v\?\'\"\\"#),
            b"\x07\x08\x0c\n\r\t\x0b?'\"\\"
        );
        assert_eq!(d(br"\x41\X42\101\0123"), b"AB\x41\n3");
        assert_eq!(d(br"\8\9\666\xag\xga"), b"89\xb6xagxga");
        assert_eq!(d(br"\x\x0\q"), b"xx0q");
        assert_eq!(d(b"\\"), b"\\");
    }
}
