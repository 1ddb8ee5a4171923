//! `@validateByteRange 9,10,13,32-126`: matches when the value holds a byte
//! outside the listed values and ranges.

/// The set of allowed bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ByteRange {
    allowed: [bool; 256],
}

impl ByteRange {
    /// Parses a comma-separated list of decimal bytes (`32`) and inclusive
    /// ranges (`32-126`), spaces around the numbers allowed. libmodsecurity
    /// ignores an entry it cannot read; this refuses the whole parameter,
    /// so a typo cannot silently widen what a rule accepts.
    pub fn parse(param: &str) -> Result<ByteRange, String> {
        let mut allowed = [false; 256];
        for entry in param.split(',') {
            let (start, end) = match entry.split_once('-') {
                Some((a, b)) => (parse_byte(a, param)?, parse_byte(b, param)?),
                None => {
                    let b = parse_byte(entry, param)?;
                    (b, b)
                }
            };
            if start > end {
                return Err(format!(
                    "@validateByteRange: range {}-{} is reversed in {:?}",
                    start, end, param
                ));
            }
            for b in start..=end {
                allowed[usize::from(b)] = true;
            }
        }
        Ok(ByteRange { allowed })
    }

    /// True when some byte of `value` is outside the set.
    pub fn matches(&self, value: &[u8]) -> bool {
        value.iter().any(|&b| !self.allowed[usize::from(b)])
    }
}

fn parse_byte(text: &str, param: &str) -> Result<u8, String> {
    let t = text.trim();
    if t.is_empty() || !t.bytes().all(|c| c.is_ascii_digit()) {
        return Err(format!(
            "@validateByteRange: {:?} is not a byte value in {:?}",
            text, param
        ));
    }
    t.parse::<u8>()
        .map_err(|_| format!("@validateByteRange: {} is outside 0-255 in {:?}", t, param))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crs_parameters() {
        let r = ByteRange::parse("9,10,13,32-126,128-255").unwrap();
        assert!(!r.matches(b"GET /index.html\t\r\n\xff\x80"));
        assert!(r.matches(b"a\x7fb"));
        assert!(r.matches(b"\x00"));
        assert!(!r.matches(b""));
        let r = ByteRange::parse("1-255").unwrap();
        assert!(r.matches(b"a\0"));
        assert!(!r.matches(b"\x01\xff"));
        let r = ByteRange::parse("38,44-46,48-58,61,65-90,95,97-122").unwrap();
        assert!(!r.matches(b"a=1&b=2"));
        assert!(r.matches(b"a b"));
    }

    #[test]
    fn bad_parameters_are_errors() {
        for bad in [
            "", "1,", "a-b", "256", "1-300", "10-5", "-1", "1-2-3", "0x10",
        ] {
            assert!(ByteRange::parse(bad).is_err(), "{:?}", bad);
        }
        assert!(ByteRange::parse(" 9 , 10 - 13 ").is_ok());
    }
}
