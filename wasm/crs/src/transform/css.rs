//! `t:cssDecode`: CSS 2 escapes. `\` and one to six hex digits give one
//! byte, the last two digits (full-width ASCII `\ff01` mapped back to ASCII),
//! and swallow one following whitespace; `\` and a newline vanish; `\` and
//! anything else is that character.

use super::{is_c_space, x2c, xdigit};

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
        if i + 1 >= len {
            // A trailing backslash continues to nothing: dropped.
            break;
        }
        i += 1;
        let digits = input[i..]
            .iter()
            .take(6)
            .take_while(|c| c.is_ascii_hexdigit())
            .count();
        if digits == 0 {
            if input[i] != b'\n' {
                out.push(input[i]);
            }
            i += 1;
            continue;
        }
        let hex = &input[i..i + digits];
        let last_two = |h: &[u8]| x2c(h[h.len() - 2], h[h.len() - 1]);
        // Four digits, or five or six with leading zeros, may spell a
        // full-width character (U+FF01..U+FF5E).
        let (byte, full_width_check) = match digits {
            1 => (xdigit(hex[0]), false),
            2 | 3 => (last_two(hex), false),
            4 => (last_two(hex), true),
            5 => (last_two(hex), hex[0] == b'0'),
            _ => (last_two(hex), hex[0] == b'0' && hex[1] == b'0'),
        };
        let full_width = full_width_check
            && byte > 0x00
            && byte < 0x5f
            && hex[digits - 3].eq_ignore_ascii_case(&b'f')
            && hex[digits - 4].eq_ignore_ascii_case(&b'f');
        out.push(if full_width { byte + 0x20 } else { byte });
        i += digits;
        if i < len && is_c_space(input[i]) {
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
        assert_eq!(
            d(br"\1A\1 A\1234567\123456 7\1x\1 x"),
            b"\x1a\x01AV7V7\x01x\x01x"
        );
        assert_eq!(d(br"\ff01\0ff5e\00ff3c\fff3c"), b"!~\\<");
        assert_eq!(d(b"a\\\nb\\q\\"), b"abq");
    }
}
