//! Small byte-level helpers shared by the scanners.
//!
//! Scanners work on the UTF-8 bytes of the text: every entity starts and
//! ends at an ASCII byte, so byte offsets are always char boundaries, and
//! only the glue checks need the (possibly non-ASCII) neighbouring char.

/// A letter, digit or underscore that glues to an entity
/// (`abc4111111111111111`, `x1.2.3.4y`, `émile@x.fr`). Letters of scripts
/// written without spaces between words (Han, kana, Thai, ...) do not glue:
/// `電話：080-1781-6460へ` holds a phone number.
pub(crate) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    c.is_alphanumeric() && !unspaced_script(c)
}

/// Scripts whose text runs words together without spaces.
pub(crate) fn unspaced_script(c: char) -> bool {
    matches!(u32::from(c),
        0x0E00..=0x0EFF     // Thai, Lao
        | 0x1000..=0x109F   // Myanmar
        | 0x1780..=0x17FF   // Khmer
        | 0x3040..=0x30FF   // Hiragana, Katakana
        | 0x3100..=0x31FF   // Bopomofo, Katakana extensions
        | 0x3400..=0x4DBF   // CJK extension A
        | 0x4E00..=0x9FFF   // CJK unified ideographs
        | 0xF900..=0xFAFF   // CJK compatibility ideographs
        | 0xFF66..=0xFF9F   // half-width Katakana
        | 0x20000..=0x3FFFF // CJK extensions B and later
    )
}

/// The char ending just before byte `pos`, if any.
pub(crate) fn char_before(text: &str, pos: usize) -> Option<char> {
    // ASCII first: most neighbours are, and it needs no decoding.
    match text.as_bytes().get(pos.checked_sub(1)?) {
        Some(&c) if c < 0x80 => Some(char::from(c)),
        _ => text.get(..pos)?.chars().next_back(),
    }
}

/// The char starting at byte `pos`, if any.
pub(crate) fn char_after(text: &str, pos: usize) -> Option<char> {
    match text.as_bytes().get(pos) {
        Some(&c) if c < 0x80 => Some(char::from(c)),
        _ => text.get(pos..)?.chars().next(),
    }
}

/// Whether the char before `pos` is a word char.
/// Underscores glue only with a word char beyond them (`file_2025550143`):
/// alone they are Markdown emphasis (`_+1 202 555 0143_`, `__a@b.co__`).
pub(crate) fn word_before(text: &str, pos: usize) -> bool {
    let b = text.as_bytes();
    let mut i = pos;
    while i > 0 && at(b, i - 1) == b'_' && pos - i < 3 {
        i -= 1;
    }
    char_before(text, i).map_or(false, is_word_char)
}

/// Whether the char at `pos` is a word char (underscores as in
/// [`word_before`]).
pub(crate) fn word_after(text: &str, pos: usize) -> bool {
    let b = text.as_bytes();
    let mut i = pos;
    while at(b, i) == b'_' && i - pos < 3 {
        i += 1;
    }
    char_after(text, i).map_or(false, is_word_char)
}

/// The byte at `i`, or 0 past the end (0 is never part of an entity).
pub(crate) fn at(b: &[u8], i: usize) -> u8 {
    b.get(i).copied().unwrap_or(0)
}

/// The byte before `i`, or 0 at the start.
pub(crate) fn before(b: &[u8], i: usize) -> u8 {
    match i.checked_sub(1) {
        Some(j) => at(b, j),
        None => 0,
    }
}

/// The first ASCII digit at or after `from`.
pub(crate) fn next_digit(b: &[u8], from: usize) -> Option<usize> {
    next_below(b, from, 10)
}

/// The first ASCII digit or `:` at or after `from`.
pub(crate) fn next_digit_or_colon(b: &[u8], from: usize) -> Option<usize> {
    next_below(b, from, 11)
}

/// The first byte at or after `from` among the `n` (at most 16) bytes from
/// `0`: `0`-`9` and, for 11, `:`. Eight bytes at a time: text is mostly
/// letters, and three scanners look for digits in all of it.
fn next_below(b: &[u8], from: usize, n: u8) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let mut i = from;
    while let Some(chunk) = b.get(i..i + 8) {
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(chunk);
        // Bytes `0`..: become 0..; a byte below `n` then sets its high bit
        // in `(x - n) & !x` (a borrow only runs upwards, so the lowest set
        // bit is exact; bytes from 0x80 up are excluded by `!x`).
        let x = u64::from_le_bytes(bytes) ^ (ONES * 0x30);
        let hits = x.wrapping_sub(ONES * u64::from(n)) & !x & HIGHS;
        if hits != 0 {
            return Some(i + (hits.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    let rest = b.get(i..)?;
    rest.iter().position(|&c| c.wrapping_sub(b'0') < n).map(|k| i + k)
}

/// The number of ASCII digits starting at `i` (at most `cap`).
pub(crate) fn digit_run(b: &[u8], i: usize, cap: usize) -> usize {
    let mut n = 0;
    while n < cap && at(b, i + n).is_ascii_digit() {
        n += 1;
    }
    n
}

/// Whether the run at `start` continues an IBAN: before it, blocks of up
/// to four letters or digits joined by single spaces lead back to a
/// country code and check digits (`DE89 3704 ...`, `GB48 HBQL 5952 ...`).
pub(crate) fn after_iban(b: &[u8], start: usize) -> bool {
    // A run glued to letters (`V605 ...`) starts inside a block.
    let mut i = start;
    while i > 0 && start - i < 4 && at(b, i - 1).is_ascii_alphanumeric() {
        i -= 1;
    }
    let iban_head = |block: &[u8]| {
        block.len() == 4
            && block.iter().take(2).all(u8::is_ascii_uppercase)
            && block.iter().skip(2).all(u8::is_ascii_digit)
    };
    if i < start && b.get(i..i + 4).map_or(false, iban_head) && !at(b, i + 4).is_ascii_alphanumeric() {
        return true;
    }
    for _ in 0..8 {
        if before(b, i) != b' ' {
            return false;
        }
        let end = i - 1;
        let mut s = end;
        while s > 0 && end - s < 5 && at(b, s - 1).is_ascii_alphanumeric() {
            s -= 1;
        }
        let block = match b.get(s..end) {
            Some(x) if !x.is_empty() && x.len() <= 4 => x,
            _ => return false,
        };
        if iban_head(block) {
            return true;
        }
        if !block.iter().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()) {
            return false;
        }
        i = s;
    }
    false
}

/// Converts sorted byte offsets to code point offsets in one pass.
pub(crate) struct CharCounter<'a> {
    text: &'a str,
    byte: usize,
    chars: usize,
}

impl<'a> CharCounter<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        CharCounter { text, byte: 0, chars: 0 }
    }

    /// The code point offset of byte `pos`; `pos` must not decrease between
    /// calls (a smaller one restarts from the beginning, still correct).
    pub(crate) fn to_chars(&mut self, pos: usize) -> usize {
        if pos < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        let span = self.text.get(self.byte..pos).unwrap_or("");
        self.chars += span.chars().count();
        self.byte = pos;
        self.chars
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_digit_finds_the_first() {
        let naive = |b: &[u8], from: usize, n: u8| (from..b.len()).find(|&k| b[k].wrapping_sub(b'0') < n);
        let texts: [&[u8]; 6] = [
            b"",
            b"abc",
            b"abcdefgh9",
            b"/////////;;;;;;;:0",
            "é€9é€:0xyz:".as_bytes(),
            &[0xFF, 0x80, 0x2F, 0x3A, 0x3B, 0x30, 0xB0, 0x39, 0x00, 0x40, 0x31],
        ];
        for t in texts {
            for from in 0..=t.len() + 1 {
                assert_eq!(next_digit(t, from), naive(t, from, 10), "{t:?} {from}");
                assert_eq!(next_digit_or_colon(t, from), naive(t, from, 11), "{t:?} {from}");
            }
        }
    }

    #[test]
    fn char_counter_counts_code_points() {
        let t = "é€x😀y";
        let mut c = CharCounter::new(t);
        assert_eq!(c.to_chars(2), 1);
        assert_eq!(c.to_chars(5), 2);
        assert_eq!(c.to_chars(10), 4);
        assert_eq!(c.to_chars(2), 1);
    }
}
