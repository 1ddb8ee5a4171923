//! The label in front of a value: the words that say what a number is
//! ("Order #", "ISBN", "version", "Telefon:", "電話：", `<th>Phone</th><td>`).

use crate::text::{at, char_before, unspaced_script};

const WORD_BYTES: usize = 32;
const WORDS: usize = 5;
/// How far back a label is looked for, in bytes: the work per call is
/// bounded whatever the text.
const WINDOW: usize = 64;

/// A list of label words, sorted by their UTF-8 bytes without duplicates
/// (each module's tests check its lists). A label is looked up for many
/// candidates, against lists of a hundred words, so each word also has a
/// key, its first 16 bytes as a big-endian number, computed at compile
/// time: lookups bisect the keys (whose order is the words' order).
pub(crate) struct Words {
    pub(crate) list: &'static [&'static str],
    keys: &'static [u128],
}

/// `words!["a", "b", ...]`: a [`Words`] list.
macro_rules! words {
    ($($w:literal),* $(,)?) => {{
        const LIST: &[&str] = &[$($w),*];
        const KEYS: [u128; LIST.len()] = $crate::label::keys(LIST);
        $crate::label::Words::new(LIST, &KEYS)
    }};
}
pub(crate) use words;

/// The key of a word: its first 16 bytes, big-endian, zero-padded.
pub(crate) const fn key(word: &[u8]) -> u128 {
    let mut k = 0u128;
    let mut i = 0;
    while i < 16 {
        k <<= 8;
        if i < word.len() {
            k |= word[i] as u128;
        }
        i += 1;
    }
    k
}

/// The keys of a list, in its order.
pub(crate) const fn keys<const N: usize>(list: &[&str]) -> [u128; N] {
    let mut out = [0u128; N];
    let mut i = 0;
    while i < N && i < list.len() {
        out[i] = key(list[i].as_bytes());
        i += 1;
    }
    out
}

impl Words {
    pub(crate) const fn new(list: &'static [&'static str], keys: &'static [u128]) -> Words {
        Words { list, keys }
    }

    /// Whether `word` is in the list.
    pub(crate) fn contains(&self, word: &[u8]) -> bool {
        self.contains_keyed(key(word), word)
    }

    /// Whether `word`, whose key is `k`, is in the list.
    fn contains_keyed(&self, k: u128, word: &[u8]) -> bool {
        let mut at = self.keys.partition_point(|&x| x < k);
        if word.len() < 16 {
            // The key holds the whole word and a zero after it (no list
            // word of 16 bytes or more has one): equal keys, equal words.
            return self.keys.get(at) == Some(&k);
        }
        // Longer words sharing their first 16 bytes share a key: check all.
        while self.keys.get(at) == Some(&k) {
            if self.list.get(at).map_or(false, |w| w.as_bytes() == word) {
                return true;
            }
            at += 1;
        }
        false
    }

    /// Whether the list is sorted and without duplicates.
    #[cfg(test)]
    pub(crate) fn is_sorted(&self) -> bool {
        self.list.windows(2).all(|w| matches!(w, [a, b] if a.as_bytes() < b.as_bytes()))
    }

    /// Whether `word`, a run of letters of a script written without spaces,
    /// holds one of the list's words of such a script (`電話番号は` holds
    /// `電話`).
    fn contained_in(&self, word: &[u8]) -> bool {
        self.list.iter().any(|e| {
            let e = e.as_bytes();
            e.first().map_or(false, |&c| c >= 0xE0)
                && e.len() < word.len()
                && std::str::from_utf8(e).ok().and_then(|s| s.chars().next()).map_or(false, unspaced_script)
                && word.windows(e.len()).any(|w| w == e)
        })
    }
}

/// Up to five words before a value, nearest first. ASCII letters are
/// lower-cased; other letters are kept as they are.
pub(crate) struct Label {
    words: [[u8; WORD_BYTES]; WORDS],
    lens: [usize; WORDS],
    /// The words' keys, computed once for all the lists they are looked up in.
    keys: [u128; WORDS],
    /// A `#` or `№` sits between the nearest word and the value.
    pub(crate) hash: bool,
    /// A tag skipped on the way links to a phone (`<a href="tel:...">`).
    pub(crate) tel_link: bool,
}

impl Label {
    /// The `k`-th word before the value (0 = nearest), or "".
    pub(crate) fn word(&self, k: usize) -> &[u8] {
        match (self.words.get(k), self.lens.get(k)) {
            (Some(w), Some(&n)) => w.get(..n).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// The index of the nearest of the first `n` words found in `list`:
    /// exactly, or held in a word of a script written without spaces.
    pub(crate) fn find(&self, n: usize, list: &Words) -> Option<usize> {
        (0..n.min(WORDS)).find(|&k| {
            let w = self.word(k);
            let k = self.keys.get(k).copied().unwrap_or(0);
            !w.is_empty()
                && (list.contains_keyed(k, w) || (w.first().map_or(false, |&c| c >= 0xE0) && list.contained_in(w)))
        })
    }

    /// Whether the `k`-th word is in `list` (exactly).
    pub(crate) fn is(&self, k: usize, list: &Words) -> bool {
        let w = self.word(k);
        !w.is_empty() && list.contains_keyed(self.keys.get(k).copied().unwrap_or(0), w)
    }

    /// Whether one of the first `n` words is in `list`.
    pub(crate) fn any_in(&self, n: usize, list: &Words) -> bool {
        self.find(n, list).is_some()
    }
}

/// Punctuation between a label and its value, or between label words.
/// Cell and field delimiters (tab, `,`, `;`, `|`, `&`) are not: what is
/// before them belongs to another field.
fn separator(c: char) -> bool {
    if c.is_ascii() {
        return matches!(
            c,
            ' ' | ':' | '.' | '-' | '=' | '"' | '\'' | '(' | '[' | '{' | '<' | '/' | '_' | '`' | '*' | '!' | '?'
        );
    }
    matches!(c, '\u{a0}' | '“' | '”' | '„' | '«' | '»' | '‘' | '’' | '…' | '\u{ba}' | '°')
        || matches!(c, '：' | '、' | '。' | '「' | '『' | '（' | '［' | '〈' | '《' | '【' | '〔')
}

/// Reads the label before byte `pos`: up to three words, skipping the
/// punctuation people put between a label and its value and whole HTML
/// tags. Stops at a line break, a digit or any other char, so a label
/// never reaches across into unrelated text.
pub(crate) fn label_before(text: &str, pos: usize) -> Label {
    label_words_before(text, pos, WORDS)
}

/// [`label_before`], reading at most `max_words` words (the nearest ones):
/// cheaper when only the word right before a value matters.
pub(crate) fn label_words_before(text: &str, pos: usize, max_words: usize) -> Label {
    let mut label =
        Label { words: [[0; WORD_BYTES]; WORDS], lens: [0; WORDS], keys: [0; WORDS], hash: false, tel_link: false };
    let b = text.as_bytes();
    let floor = pos.saturating_sub(WINDOW);
    let mut i = pos;
    let mut k = 0;
    while k < WORDS.min(max_words) && i > floor {
        i = skip_separators(text, i, floor, k == 0, &mut label);
        let end = i;
        while i > floor {
            // ASCII letters without decoding; other chars decoded.
            let c = at(b, i - 1);
            if c.is_ascii_alphabetic() {
                i -= 1;
                continue;
            }
            match char_before(text, i) {
                Some(c) if !c.is_ascii() && c.is_alphabetic() => i -= c.len_utf8(),
                _ => break,
            }
        }
        if i == end {
            break;
        }
        // A word cut by the window, or glued to a digit, is no label word.
        if char_before(text, i).map_or(false, char::is_alphanumeric) {
            break;
        }
        let word = b.get(i..end).unwrap_or(&[]);
        if let (Some(slot), Some(len)) = (label.words.get_mut(k), label.lens.get_mut(k)) {
            if word.len() <= WORD_BYTES {
                for (d, s) in slot.iter_mut().zip(word.iter()) {
                    *d = s.to_ascii_lowercase();
                }
                *len = word.len();
            }
        }
        if let Some(slot) = label.keys.get_mut(k) {
            *slot =
                key(label.words.get(k).and_then(|w| w.get(..label.lens.get(k).copied().unwrap_or(0))).unwrap_or(&[]));
        }
        k += 1;
    }
    label
}

/// Moves back over separators and HTML tags; notes a `#` or `№` seen
/// before the first word.
fn skip_separators(text: &str, mut i: usize, floor: usize, first: bool, label: &mut Label) -> usize {
    let b = text.as_bytes();
    while i > floor {
        let c = match char_before(text, i) {
            Some(c) => c,
            None => break,
        };
        if c == '>' {
            // A tag: back to its `<`, within the window.
            let mut j = i - 1;
            while j > floor && !matches!(at(b, j - 1), b'<' | b'>') {
                j -= 1;
            }
            let is_tag = matches!(at(b, j), b'a'..=b'z' | b'A'..=b'Z' | b'/' | b'!');
            if j > floor && at(b, j - 1) == b'<' && is_tag {
                let tag = b.get(j..i).unwrap_or(&[]);
                label.tel_link |= tag.windows(4).any(|w| w.eq_ignore_ascii_case(b"tel:"));
                i = j - 1;
                continue;
            }
            break;
        }
        if c.is_ascii_digit() {
            // The number of a label word (`ISBN-10:`, `ISO-8601`).
            let mut j = i;
            while j > floor && i - j < 3 && at(b, j - 1).is_ascii_digit() {
                j -= 1;
            }
            if j >= 2 && at(b, j - 1) == b'-' && at(b, j - 2).is_ascii_alphabetic() {
                i = j - 1;
                continue;
            }
            break;
        }
        // The end of a sentence ends the label: "Ring zien enthousiast. unix
        // time 1708313418" has no phone label, "id sequi. 2290..." no id.
        if ends_sentence(text, i, c) {
            break;
        }
        if c == '#' || c == '№' {
            if first {
                label.hash = true;
            }
        } else if !separator(c) {
            break;
        }
        i -= c.len_utf8();
    }
    i
}

/// Whether `c`, the char before byte `i`, ends a sentence: a CJK full stop,
/// or `.`, `!`, `?` before a space and after a word of five letters or more
/// (not an abbreviation such as "Tel." or "Ref.").
fn ends_sentence(text: &str, i: usize, c: char) -> bool {
    match c {
        '。' | '！' | '？' => true,
        '.' | '!' | '?' => {
            let b = text.as_bytes();
            let spaced = at(b, i).is_ascii_whitespace();
            let mut j = i - 1;
            let mut letters = 0;
            while letters < 5 && j > 0 && at(b, j - 1).is_ascii_alphabetic() {
                j -= 1;
                letters += 1;
            }
            spaced && letters >= 5
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_nearest_first() {
        let l = label_before("Your Order No.: 12345", 16);
        assert_eq!(l.word(0), b"no");
        assert_eq!(l.word(1), b"order");
        assert_eq!(l.word(2), b"your");
        assert!(!l.hash);
        let l = label_before("invoice #123", 9);
        assert_eq!(l.word(0), b"invoice");
        assert!(l.hash);
    }

    #[test]
    fn stops_at_digits_and_other_chars() {
        let l = label_before("abc9 order 1", 11);
        assert_eq!(l.word(0), b"order");
        assert_eq!(l.word(1), b"");
        let l = label_before("x+ 1", 3);
        assert_eq!(l.word(0), b"");
    }

    #[test]
    fn skips_tags_and_reads_other_scripts() {
        let t = "<th>電話番号</th><td>1";
        let l = label_before(t, t.len() - 1);
        assert_eq!(l.word(0), "電話番号".as_bytes());
        assert!(l.any_in(1, &words!["電話"]));
        let long = words!["a", "abcdefghijklmnopq", "abcdefghijklmnopqr", "b"];
        assert!(long.is_sorted());
        for w in ["a", "abcdefghijklmnopq", "abcdefghijklmnopqr", "b"] {
            assert!(long.contains(w.as_bytes()), "{w}");
        }
        for w in ["", "ab", "abcdefghijklmnop", "abcdefghijklmnopqrs", "c"] {
            assert!(!long.contains(w.as_bytes()), "{w}");
        }
        let t = "Teléfono: 1";
        assert_eq!(label_before(t, t.len() - 1).word(0), "teléfono".as_bytes());
        let t = "OID</th><td>2.5.4.6";
        assert_eq!(label_before(t, t.len() - 7).word(0), b"oid");
        let t = "ISBN-10: 0";
        assert_eq!(label_before(t, t.len() - 1).word(0), b"isbn");
        let t = "<a href=\"tel:+3312\">0";
        assert!(label_before(t, t.len() - 1).tel_link);
        let t = "phone,0";
        assert_eq!(label_before(t, t.len() - 1).word(0), b"");
        let t = "Call enthousiast. unix time 0";
        let l = label_before(t, t.len() - 1);
        assert_eq!((l.word(0), l.word(1), l.word(2)), (&b"time"[..], &b"unix"[..], &b""[..]));
        let t = "Ref. No. 0";
        let l = label_before(t, t.len() - 1);
        assert_eq!((l.word(0), l.word(1)), (&b"no"[..], &b"ref"[..]));
    }
}
