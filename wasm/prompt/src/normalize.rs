//! Normalisation: undo obfuscation, then split into word tokens.
//!
//! Mirrors tools/prompt_injection/normalize.py rule for rule (the parity
//! test compares scores over the whole corpus):
//!
//! 1. fold each code point through the committed fold table (case,
//!    compatibility forms, accents, Cyrillic/Greek homoglyphs, zero-width
//!    characters removed, control characters and Unicode spaces to " ");
//! 2. tokens are runs of word characters plus `@` and `$`;
//! 3. leetspeak: in a token holding a letter, `0 1 3 4 5 7 8 @ $` read as
//!    `o i e a s t b a s`;
//! 4. three or more one-character tokens at most `MAX_GAP` separators apart
//!    join into one ("i g n o r e" -> "ignore");
//! 5. tokens are cut to `MAX_TOKEN` characters.

/// The fold table (tools/prompt_injection/tables.py): b"APIF", u32 count,
/// then `count` records of four little-endian u32: code point, up to three
/// output code points (0 = none), sorted by code point.
static FOLD: &[u8] = include_bytes!("../model/fold.bin");

pub const MAX_TOKEN: usize = 40;
pub const MAX_GAP: usize = 2;

fn u32_at(bytes: &[u8], off: usize) -> u32 {
    match bytes.get(off..off.saturating_add(4)) {
        Some(b) => u32::from_le_bytes([b[0], b[1], b[2], b[3]]),
        None => 0,
    }
}

fn fold_count() -> usize {
    if FOLD.get(0..4) != Some(&b"APIF"[..]) {
        return 0;
    }
    let n = u32_at(FOLD, 4) as usize;
    // never trust the header past the bytes that are there
    n.min(FOLD.len().saturating_sub(8) / 16)
}

/// Appends what `c` folds to.
fn fold_char(c: char, out: &mut Vec<char>) {
    let cp = c as u32;
    if cp < 0x80 {
        if c.is_ascii_uppercase() {
            out.push(c.to_ascii_lowercase());
        } else if cp < 0x20 || cp == 0x7F {
            out.push(' ');
        } else {
            out.push(c);
        }
        return;
    }
    let (mut lo, mut hi) = (0usize, fold_count());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let rec = 8 + mid * 16;
        let key = u32_at(FOLD, rec);
        if key == cp {
            for k in 1..4 {
                if let Some(o) = char::from_u32(u32_at(FOLD, rec + 4 * k)) {
                    if o != '\0' {
                        out.push(o);
                    }
                }
            }
            return;
        }
        if key < cp {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    out.push(c);
}

pub fn fold(text: &str) -> Vec<char> {
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// Non-ASCII code points that are not word characters (punctuation,
/// symbols, arrows, box drawing, CJK punctuation, private use, specials,
/// emoji). Everything else from U+00C0 up is a letter of some script.
const NON_WORD: [(u32, u32); 9] = [
    (0x00D7, 0x00D7),
    (0x00F7, 0x00F7),
    (0x2000, 0x2BFF),
    (0x2E00, 0x2E7F),
    (0x3000, 0x303F),
    (0xD800, 0xF8FF),
    (0xFE10, 0xFE6F),
    (0xFFF0, 0xFFFF),
    (0x1F000, 0x1FAFF),
];

pub fn is_word(c: char) -> bool {
    let cp = c as u32;
    if cp < 0x80 {
        return c.is_ascii_lowercase() || c.is_ascii_digit();
    }
    if cp < 0xC0 {
        return false;
    }
    !NON_WORD.iter().any(|&(lo, hi)| lo <= cp && cp <= hi)
}

/// A word character that is not an ASCII digit.
pub fn is_letter(c: char) -> bool {
    is_word(c) && !c.is_ascii_digit()
}

pub fn leet(c: char) -> Option<char> {
    match c {
        '0' => Some('o'),
        '1' => Some('i'),
        '3' => Some('e'),
        '4' => Some('a'),
        '5' => Some('s'),
        '7' => Some('t'),
        '8' => Some('b'),
        '@' => Some('a'),
        '$' => Some('s'),
        _ => None,
    }
}

/// (token, separators before it). A run of only `@`/`$` counts as separators.
fn raw_tokens(folded: &[char]) -> Vec<(Vec<char>, usize)> {
    let mut tokens = Vec::new();
    let mut cur: Vec<char> = Vec::new();
    let mut gap = 0usize;
    for &c in folded {
        if is_word(c) || c == '@' || c == '$' {
            cur.push(c);
            continue;
        }
        if !cur.is_empty() {
            gap = flush(&mut tokens, &mut cur, gap);
        }
        gap = gap.saturating_add(1);
    }
    if !cur.is_empty() {
        flush(&mut tokens, &mut cur, gap);
    }
    tokens
}

fn flush(tokens: &mut Vec<(Vec<char>, usize)>, cur: &mut Vec<char>, gap: usize) -> usize {
    let tok = std::mem::take(cur);
    if tok.iter().any(|&c| is_word(c)) {
        tokens.push((tok, gap));
        0
    } else {
        gap.saturating_add(tok.len())
    }
}

fn deleet(tok: &[char]) -> Vec<char> {
    let has_letter = tok.iter().any(|&c| is_letter(c));
    let has_leet = tok.iter().any(|&c| leet(c).is_some());
    if has_letter && has_leet {
        tok.iter().map(|&c| leet(c).unwrap_or(c)).collect()
    } else {
        tok.to_vec()
    }
}

fn collapsible(tok: &[char]) -> bool {
    tok.len() == 1 && (is_letter(tok[0]) || leet(tok[0]).is_some())
}

fn cut(mut tok: Vec<char>) -> String {
    tok.truncate(MAX_TOKEN);
    tok.into_iter().collect()
}

/// The normalised word tokens of `text`.
pub fn tokens(text: &str) -> Vec<String> {
    let raw = raw_tokens(&fold(text));
    let n = raw.len();
    let mut out = Vec::with_capacity(n);
    let mut i = 0usize;
    while i < n {
        let mut j = i;
        if collapsible(&raw[i].0) {
            j = i + 1;
            while j < n && collapsible(&raw[j].0) && raw[j].1 <= MAX_GAP {
                j += 1;
            }
        }
        if j - i >= 3 {
            let joined: Vec<char> = raw[i..j]
                .iter()
                .flat_map(|(t, _)| t.iter().map(|&c| leet(c).unwrap_or(c)))
                .collect();
            out.push(cut(joined));
            i = j;
        } else {
            out.push(cut(deleet(&raw[i].0)));
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_obfuscation() {
        assert_eq!(tokens("ＩＧＮＯＲＥ all"), vec!["ignore", "all"]);
        assert_eq!(tokens("іgnоrе"), vec!["ignore"]); // Cyrillic і, о, е
        assert_eq!(tokens("ig\u{200b}nore"), vec!["ignore"]);
        assert_eq!(tokens("1gn0r3 pr3v10u5"), vec!["ignore", "previous"]);
        assert_eq!(tokens("i g n o r e   t h i s"), vec!["ignore", "this"]);
        assert_eq!(tokens("i-g-n-o-r-e"), vec!["ignore"]);
        assert_eq!(tokens("Straße über"), vec!["strasse", "uber"]);
        assert_eq!(tokens("in 2100 a b"), vec!["in", "2100", "a", "b"]);
    }

    #[test]
    fn table_is_present_and_sorted() {
        let n = fold_count();
        assert!(n > 1000);
        let mut prev = 0u32;
        for i in 0..n {
            let cp = u32_at(FOLD, 8 + 16 * i);
            assert!(cp > prev);
            prev = cp;
        }
    }

    #[test]
    fn long_tokens_are_cut() {
        let t = tokens(&"a".repeat(10_000));
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].chars().count(), MAX_TOKEN);
    }
}
