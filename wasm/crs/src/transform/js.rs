//! `t:jsDecode`: JavaScript escapes. `\uHHHH` keeps only its low byte
//! (full-width ASCII mapped back to ASCII, as `t:urlDecodeUni` does), `\xHH`
//! and octal `\OOO` give one byte, `\n`-style letters their control
//! character, and any other escaped character stands for itself.

use super::url::unicode_low_byte;
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
        if input[i] != b'\\' {
            out.push(input[i]);
            i += 1;
            continue;
        }
        let next = super::at(input, i + 1);
        if i + 5 < len && next == b'u' && input[i + 2..i + 6].iter().all(u8::is_ascii_hexdigit) {
            out.push(unicode_low_byte(&input[i + 2..i + 6]));
            i += 6;
        } else if i + 3 < len
            && next == b'x'
            && input[i + 2].is_ascii_hexdigit()
            && input[i + 3].is_ascii_hexdigit()
        {
            out.push(x2c(input[i + 2], input[i + 3]));
            i += 4;
        } else if i + 1 < len && is_octal(next) {
            let mut n = input[i + 1..]
                .iter()
                .take(3)
                .position(|&c| !is_octal(c))
                .unwrap_or_else(|| (len - i - 1).min(3));
            // Three digits only while the value fits a byte (\377).
            if n == 3 && next > b'3' {
                n = 2;
            }
            let value = input[i + 1..i + 1 + n]
                .iter()
                .fold(0u32, |v, &d| v * 8 + u32::from(d - b'0'));
            out.push(value as u8);
            i += 1 + n;
        } else if i + 1 < len {
            out.push(match next {
                b'a' => 0x07,
                b'b' => 0x08,
                b'f' => 0x0c,
                b'n' => b'\n',
                b'r' => b'\r',
                b't' => b'\t',
                b'v' => 0x0b,
                other => other,
            });
            i += 2;
        } else {
            // A lone trailing backslash stays.
            out.push(b'\\');
            i += 1;
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
        assert_eq!(d(br"\x41\u0042\uff01\103\n\q"), b"AB!C\nq");
        assert_eq!(d(br"\666\0123"), b"66\n3");
        assert_eq!(d(br"\x4\u12"), b"x4u12");
        assert_eq!(d(b"\\"), b"\\");
        assert_eq!(d(b"\\\\0"), b"\\0");
    }
}
