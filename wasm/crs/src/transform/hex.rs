//! `t:hexEncode` and `t:hexDecode`.

use super::x2c;

/// `t:hexEncode`: two lower-case hex digits per byte.
pub(super) fn encode(input: &[u8]) -> Option<Vec<u8>> {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = Vec::with_capacity(input.len() * 2);
    for &c in input {
        out.push(DIGITS[usize::from(c >> 4)]);
        out.push(DIGITS[usize::from(c & 0x0f)]);
    }
    Some(out)
}

/// `t:hexDecode`: each pair of bytes becomes one, a trailing odd byte is
/// dropped. libmodsecurity does not check the digits: a pair that is not hex
/// decodes through the same arithmetic (`0z` is `#`).
pub(super) fn decode(input: &[u8]) -> Option<Vec<u8>> {
    Some(input.chunks_exact(2).map(|p| x2c(p[0], p[1])).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        assert_eq!(encode(b"Test\0Case"), Some(b"546573740043617365".to_vec()));
        assert_eq!(decode(b"546573740043617365"), Some(b"Test\0Case".to_vec()));
    }

    #[test]
    fn decode_is_lenient() {
        assert_eq!(
            decode(b"01234567890a0z01234567890a"),
            Some(b"\x01\x23\x45\x67\x89\x0a\x23\x01\x23\x45\x67\x89\x0a".to_vec())
        );
        assert_eq!(
            decode(b"01234567890az"),
            Some(b"\x01\x23\x45\x67\x89\x0a".to_vec())
        );
        assert_eq!(decode(b"7"), Some(Vec::new()));
    }
}
