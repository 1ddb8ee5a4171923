//! Decoding of attacker-controlled values before matching.
//!
//! Every function here returns `None` when it would change nothing, and
//! every change shrinks the input (an escape is always longer than what it
//! stands for). Repeating them is therefore linear overall and cannot loop.

use std::borrow::Cow;

fn hex_val(b: u8) -> Option<u32> {
    match b {
        b'0'..=b'9' => Some((b - b'0') as u32),
        b'a'..=b'f' => Some((b - b'a' + 10) as u32),
        b'A'..=b'F' => Some((b - b'A' + 10) as u32),
        _ => None,
    }
}

/// Reads exactly `n` hex digits at `at`.
fn hex_n(input: &[u8], at: usize, n: usize) -> Option<u32> {
    let digits = input.get(at..at.checked_add(n)?)?;
    let mut v = 0u32;
    for &d in digits {
        v = (v << 4) | hex_val(d)?;
    }
    Some(v)
}

fn push_char(out: &mut Vec<u8>, cp: u32) {
    // Surrogates and out-of-range code points become U+FFFD: never longer
    // than the escape that produced them.
    let c = char::from_u32(cp).unwrap_or('\u{fffd}');
    let mut buf = [0u8; 4];
    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
}

/// One round of percent-decoding: `%XX` and IIS's `%uXXXX`; with
/// `plus_as_space`, `+` too (form encoding, first round only: it does not
/// shrink, so it must not be repeated).
pub(crate) fn percent_decode(input: &[u8], plus_as_space: bool) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    if percent_decode_into(input, plus_as_space, &mut out) {
        Some(out)
    } else {
        None
    }
}

/// [`percent_decode`] into `out` (cleared first); false, with `out` in an
/// unspecified state, when nothing would change.
pub(crate) fn percent_decode_into(input: &[u8], plus_as_space: bool, out: &mut Vec<u8>) -> bool {
    let has_pct = crate::bytes::memchr(b'%', input).is_some();
    let has_plus = plus_as_space && crate::bytes::memchr(b'+', input).is_some();
    if !has_pct && !has_plus {
        return false;
    }
    out.clear();
    out.reserve(input.len());
    let mut changed = false;
    let mut i = 0;
    while i < input.len() {
        let next = if plus_as_space {
            crate::bytes::memchr2(b'%', b'+', &input[i..])
        } else {
            crate::bytes::memchr(b'%', &input[i..])
        };
        let at = match next {
            Some(off) => i + off,
            None => {
                out.extend_from_slice(&input[i..]);
                break;
            }
        };
        out.extend_from_slice(&input[i..at]);
        i = at;
        if input[i] == b'+' {
            out.push(b' ');
            changed = true;
            i += 1;
            continue;
        }
        if let Some(v) = hex_n(input, i + 1, 2) {
            out.push(v as u8);
            changed = true;
            i += 3;
        } else if matches!(input.get(i + 1), Some(b'u') | Some(b'U')) {
            match hex_n(input, i + 2, 4) {
                Some(cp) => {
                    push_char(out, cp);
                    changed = true;
                    i += 6;
                }
                None => {
                    out.push(b'%');
                    i += 1;
                }
            }
        } else {
            out.push(b'%');
            i += 1;
        }
    }
    changed
}

/// Folds overlong UTF-8 encodings of ASCII (`C0 AE` for `.`, `E0 80 AF`
/// for `/`) to the ASCII byte they smuggle past naive filters.
pub(crate) fn fold_overlong(input: &[u8]) -> Option<Vec<u8>> {
    let first = crate::bytes::memchr3(0xc0, 0xc1, 0xe0, input)?;
    let mut out = Vec::with_capacity(input.len());
    out.extend_from_slice(&input[..first]);
    let mut changed = false;
    let mut i = first;
    while i < input.len() {
        let b = input[i];
        let c1 = input.get(i + 1).copied().unwrap_or(0);
        let c2 = input.get(i + 2).copied().unwrap_or(0);
        let cont = |c: u8| (0x80..=0xbf).contains(&c);
        if (b == 0xc0 || b == 0xc1) && cont(c1) {
            out.push(((b & 0x1f) << 6) | (c1 & 0x3f));
            changed = true;
            i += 2;
        } else if b == 0xe0 && (0x80..=0x81).contains(&c1) && cont(c2) {
            out.push(((c1 & 0x01) << 6) | (c2 & 0x3f));
            changed = true;
            i += 3;
        } else {
            out.push(b);
            i += 1;
        }
    }
    if changed {
        Some(out)
    } else {
        None
    }
}

/// Named HTML entities worth decoding: the ones attack strings use to hide
/// markup and URL schemes. Matched case-insensitively.
const ENTITIES: &[(&[u8], u8)] = &[
    (b"amp", b'&'),
    (b"apos", b'\''),
    (b"bsol", b'\\'),
    (b"colon", b':'),
    (b"comma", b','),
    (b"commat", b'@'),
    (b"dollar", b'$'),
    (b"equals", b'='),
    (b"excl", b'!'),
    (b"grave", b'`'),
    (b"gt", b'>'),
    (b"hat", b'^'),
    (b"lcub", b'{'),
    (b"lowbar", b'_'),
    (b"lpar", b'('),
    (b"lsqb", b'['),
    (b"lt", b'<'),
    (b"nbsp", b' '),
    (b"newline", b'\n'),
    (b"num", b'#'),
    (b"percnt", b'%'),
    (b"period", b'.'),
    (b"plus", b'+'),
    (b"quest", b'?'),
    (b"quot", b'"'),
    (b"rcub", b'}'),
    (b"rpar", b')'),
    (b"rsqb", b']'),
    (b"semi", b';'),
    (b"sol", b'/'),
    (b"tab", b'\t'),
    (b"verbar", b'|'),
];

/// Entities browsers also accept without the closing `;`.
fn legacy_entity(name: &[u8]) -> bool {
    matches!(name, b"amp" | b"lt" | b"gt" | b"quot" | b"nbsp")
}

fn named_entity(input: &[u8], at: usize) -> Option<(u8, usize)> {
    // `at` is just after '&'. Names are at most 7 letters here.
    let rest = &input[at..];
    let len = rest.iter().take(8).take_while(|b| b.is_ascii_alphabetic()).count();
    if len == 0 || len > 7 {
        return None;
    }
    let mut name = [0u8; 7];
    for (d, s) in name.iter_mut().zip(&rest[..len]) {
        *d = s.to_ascii_lowercase();
    }
    let name = &name[..len];
    let idx = ENTITIES.binary_search_by(|(n, _)| (*n).cmp(name)).ok()?;
    let semi = rest.get(len) == Some(&b';');
    if !semi && !legacy_entity(name) {
        return None;
    }
    Some((ENTITIES[idx].1, len + semi as usize))
}

/// Numeric character reference after `&#`; returns code point and bytes used
/// after the `&`. Leading zeros are allowed (`&#0000106`) but bounded.
fn numeric_entity(input: &[u8], at: usize) -> Option<(u32, usize)> {
    // at points at '#'
    let mut i = at + 1;
    let hex = matches!(input.get(i), Some(b'x') | Some(b'X'));
    if hex {
        i += 1;
    }
    let start = i;
    let mut v: u32 = 0;
    while let Some(&d) = input.get(i) {
        let dv = if hex { hex_val(d) } else if d.is_ascii_digit() { Some((d - b'0') as u32) } else { None };
        match dv {
            Some(dv) if i - start < 12 => {
                v = v.saturating_mul(if hex { 16 } else { 10 }).saturating_add(dv);
                i += 1;
            }
            _ => break,
        }
    }
    if i == start {
        return None;
    }
    if input.get(i) == Some(&b';') {
        i += 1;
    }
    Some((v.min(0x11_0000), i - at))
}

/// One round of backslash escapes (`\uXXXX`, `\u{X..}`, `\xXX`) and HTML
/// character references.
pub(crate) fn unescape(input: &[u8]) -> Option<Vec<u8>> {
    crate::bytes::memchr2(b'\\', b'&', input)?;
    let mut out = Vec::with_capacity(input.len());
    let mut changed = false;
    let mut i = 0;
    while i < input.len() {
        let at = match crate::bytes::memchr2(b'\\', b'&', &input[i..]) {
            Some(off) => i + off,
            None => {
                out.extend_from_slice(&input[i..]);
                break;
            }
        };
        out.extend_from_slice(&input[i..at]);
        i = at;
        if input[i] == b'\\' {
            match input.get(i + 1) {
                Some(b'u') | Some(b'U') => {
                    if let Some(cp) = hex_n(input, i + 2, 4) {
                        push_char(&mut out, cp);
                        changed = true;
                        i += 6;
                        continue;
                    }
                    if input.get(i + 2) == Some(&b'{') {
                        let digits = input[i + 3..].iter().take(7).take_while(|b| hex_val(**b).is_some()).count();
                        if (1..=6).contains(&digits) && input.get(i + 3 + digits) == Some(&b'}') {
                            let cp = hex_n(input, i + 3, digits).unwrap_or(0xfffd);
                            push_char(&mut out, cp);
                            changed = true;
                            i += 4 + digits;
                            continue;
                        }
                    }
                }
                Some(b'x') | Some(b'X') => {
                    if let Some(v) = hex_n(input, i + 2, 2) {
                        out.push(v as u8);
                        changed = true;
                        i += 4;
                        continue;
                    }
                }
                _ => {}
            }
            out.push(b'\\');
            i += 1;
        } else {
            if input.get(i + 1) == Some(&b'#') {
                if let Some((cp, used)) = numeric_entity(input, i + 1) {
                    // Shrinks: `&#9` (3 bytes) gives 1 byte, a 2-byte char
                    // needs `&#128` (5), a 4-byte one `&#x10000` (8).
                    push_char(&mut out, cp);
                    changed = true;
                    i += 1 + used;
                    continue;
                }
            } else if let Some((b, used)) = named_entity(input, i + 1) {
                out.push(b);
                changed = true;
                i += 1 + used;
                continue;
            }
            out.push(b'&');
            i += 1;
        }
    }
    if changed {
        Some(out)
    } else {
        None
    }
}

/// Decodes `value` fully: up to `rounds` rounds of every step above.
pub(crate) fn decode_fully(value: &[u8], rounds: u8) -> Cow<'_, [u8]> {
    let mut cur: Cow<[u8]> = Cow::Borrowed(value);
    for _ in 0..rounds {
        let mut changed = false;
        if let Some(d) = percent_decode(&cur, false) {
            cur = Cow::Owned(d);
            changed = true;
        }
        if let Some(d) = fold_overlong(&cur) {
            cur = Cow::Owned(d);
            changed = true;
        }
        if let Some(d) = unescape(&cur) {
            cur = Cow::Owned(d);
            changed = true;
        }
        if !changed {
            break;
        }
    }
    cur
}

/// What normalisation saw, for detectors that care about removed bytes,
/// and which bytes the result holds (for the detectors' gates).
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct NormInfo {
    pub nul: bool,
    /// Bit `b` is set when byte `b` occurs in the normalised text.
    pub present: [u64; 4],
    /// Which doubled bytes (`..`, `--`, `//`, ...) and `/*` occur: the
    /// `PAIR_*` bits.
    pub pairs: u16,
    /// Whether a word of the text is one the SQL tokenizer may turn into a
    /// token some fingerprint shape or sequence needs (a keyword, also one
    /// MySQL splits off a number, or a name of database internals): see
    /// [`crate::detect::sql_word`]. Only meaningful when the text holds no
    /// byte of `detect::SQL_BYTES`: words after such a byte are not looked
    /// up, the SQL tokenizer runs anyway.
    pub sql_word: bool,
    /// Bloom filter of word starts (first four bytes of every run of ASCII
    /// letters, digits and `_`), for [`crate::detect::Input::contains`].
    pub words: [u64; 4],
}

pub(crate) const PAIR_DOTS: u16 = 1 << 0;
pub(crate) const PAIR_DASHES: u16 = 1 << 1;
pub(crate) const PAIR_ATS: u16 = 1 << 2;
pub(crate) const PAIR_UNDERSCORES: u16 = 1 << 3;
pub(crate) const PAIR_SLASHES: u16 = 1 << 4;
pub(crate) const PAIR_AMPS: u16 = 1 << 5;
pub(crate) const PAIR_PIPES: u16 = 1 << 6;
/// `/*`, not a doubled byte but recorded the same way.
pub(crate) const PAIR_SLASH_STAR: u16 = 1 << 7;

/// The `PAIR_*` bit of a doubled `b`, 0 for bytes not recorded.
const fn pair_bit(b: u8) -> u16 {
    match b {
        b'.' => PAIR_DOTS,
        b'-' => PAIR_DASHES,
        b'@' => PAIR_ATS,
        b'_' => PAIR_UNDERSCORES,
        b'/' => PAIR_SLASHES,
        b'&' => PAIR_AMPS,
        b'|' => PAIR_PIPES,
        _ => 0,
    }
}

impl NormInfo {
    /// Whether the normalised text holds a byte some decoding step starts
    /// at (`%`, `\\`, `&`, or `C0`, `C1`, `E0` of overlong UTF-8). The
    /// steps leave those bytes alone when normalising, so when this is
    /// false, [`decode_fully`] of the original value changes nothing.
    pub fn may_decode(&self) -> bool {
        [b'%', b'\\', b'&', 0xc0, 0xc1, 0xe0].iter().any(|&b| self.present[(b >> 6) as usize] & (1u64 << (b & 63)) != 0)
    }
}

// Byte classes for the words normalisation looks up (of the mapped byte).
/// Part of a Bloom word: ASCII letter, digit, `_` (`detect::word_byte`).
const C_WORD: u8 = 1;
/// Part of a SQL word: also `$` and bytes ≥ 0x80 (`sqli::word_byte`).
const C_SQL_WORD: u8 = 2;
/// A byte of `detect::SQL_BYTES`: the SQL tokenizer runs anyway, so
/// words need no more looking up.
const C_SQL_BYTE: u8 = 4;

const fn classes() -> [u8; 256] {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() || c == b'_' {
            t[b] = C_WORD | C_SQL_WORD;
        } else if c == b'$' || c >= 0x80 {
            t[b] = C_SQL_WORD;
        } else if crate::detect::SQL_BYTES.contains(c) {
            t[b] = C_SQL_BYTE;
        }
        b += 1;
    }
    t
}

const CLASS: [u8; 256] = classes();

/// Bloom key of a word: FNV-1a of its first four bytes, folded to 8 bits.
/// (A `const fn`, so that detectors can key their needles at compile time.)
pub(crate) const fn word_key(w: &[u8]) -> u8 {
    word_key_of(w, 4)
}

/// [`word_key`] of the first `n` bytes of `w` (at most four).
pub(crate) const fn word_key_of(w: &[u8], n: usize) -> u8 {
    let mut h: u32 = 0x811c_9dc5;
    let mut i = 0;
    while i < w.len() && i < n && i < 4 {
        h = (h ^ w[i] as u32).wrapping_mul(0x0100_0193);
        i += 1;
    }
    (h ^ (h >> 8) ^ (h >> 16)) as u8
}

/// Lower-cases ASCII, drops NUL bytes, maps tabs, CR, vertical tab, form
/// feed and NBSP (U+00A0) to a space and collapses space runs. Line feeds
/// stay: they end SQL line comments. Writes into `out` (cleared first).
///
/// The same pass fills the gates' facts in [`NormInfo`]: the byte set, the
/// doubled-byte pairs, the word Bloom filter and the SQL word check. Words
/// are handled when they end (at the next non-word byte written, or at the
/// end), so the per-byte path for lower-case letters and digits stays a
/// copy and one bit.
pub(crate) fn normalise(input: &[u8], out: &mut Vec<u8>) -> NormInfo {
    out.clear();
    // The output is never longer than the input: write by index.
    out.resize(input.len(), 0);
    let mut info = NormInfo::default();
    // Presence bits of ASCII bytes in registers; the rest in `info`.
    let (mut lo, mut hi) = (0u64, 0u64);
    let mut n = 0;
    let mut last_space = false;
    // Where the current Bloom word and SQL word began in `out` (the byte
    // after the last byte that is not part of one).
    let (mut word_from, mut sql_from) = (0usize, 0usize);
    // Set once a word or a byte of `SQL_BYTES` opens the SQL gate.
    let mut sql_open = false;
    let mut i = 0;
    while i < input.len() {
        let b = input[i];
        i += 1;
        let mapped = match b {
            b'a'..=b'z' | b'0'..=b'9' => {
                out[n] = b;
                n += 1;
                last_space = false;
                if b >= 64 {
                    hi |= 1u64 << (b - 64);
                } else {
                    lo |= 1u64 << b;
                }
                continue;
            }
            0 => {
                info.nul = true;
                continue;
            }
            b' ' | b'\t' | b'\r' | 0x0b | 0x0c => b' ',
            0xc2 if input.get(i) == Some(&0xa0) => {
                i += 1;
                b' '
            }
            _ => b.to_ascii_lowercase(),
        };
        if mapped == b' ' {
            if last_space {
                continue;
            }
            last_space = true;
        } else {
            last_space = false;
        }
        let class = CLASS[mapped as usize];
        if class & C_WORD == 0 {
            if word_from < n {
                let k = word_key(&out[word_from..n]);
                info.words[(k >> 6) as usize] |= 1u64 << (k & 63);
            }
            word_from = n + 1;
            if class & C_SQL_WORD == 0 {
                if sql_from < n && !sql_open {
                    info.sql_word = crate::detect::sql_word(&out[sql_from..n]);
                    sql_open = info.sql_word;
                }
                sql_from = n + 1;
                sql_open |= class & C_SQL_BYTE != 0;
            }
        }
        if n > 0 {
            let prev = out[n - 1];
            if prev == mapped {
                info.pairs |= pair_bit(mapped);
            } else if prev == b'/' && mapped == b'*' {
                info.pairs |= PAIR_SLASH_STAR;
            }
        }
        out[n] = mapped;
        n += 1;
        match mapped >> 6 {
            0 => lo |= 1u64 << mapped,
            1 => hi |= 1u64 << (mapped - 64),
            k => info.present[k as usize] |= 1u64 << (mapped & 63),
        }
    }
    if word_from < n {
        let k = word_key(&out[word_from..n]);
        info.words[(k >> 6) as usize] |= 1u64 << (k & 63);
    }
    if sql_from < n && !sql_open {
        info.sql_word = crate::detect::sql_word(&out[sql_from..n]);
    }
    out.truncate(n);
    info.present[0] = lo;
    info.present[1] = hi;
    info
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_rounds_shrink_and_stop() {
        assert_eq!(percent_decode(b"%2527", false).unwrap(), b"%27");
        assert_eq!(percent_decode(b"%27", false).unwrap(), b"'");
        assert!(percent_decode(b"'", false).is_none());
        assert!(percent_decode(b"%%%%", false).is_none());
        assert_eq!(percent_decode(b"%u003c", false).unwrap(), b"<");
        assert_eq!(percent_decode(b"a+b", true).unwrap(), b"a b");
        assert!(percent_decode(b"a+b", false).is_none());
        assert_eq!(decode_fully(b"%252e%252e%252f", 3).as_ref(), b"../");
    }

    #[test]
    fn overlong_and_escapes() {
        assert_eq!(fold_overlong(b"\xc0\xae\xc0\xae/").unwrap(), b"../");
        assert_eq!(fold_overlong(b"\xe0\x80\xaf").unwrap(), b"/");
        assert_eq!(unescape(b"\\u003cscript\\x3e").unwrap(), b"<script>");
        assert_eq!(unescape(b"&#106;&#x61;&#0000118;a&colon;").unwrap(), b"java:");
        assert_eq!(unescape(b"&lt;b&gt &amp;").unwrap(), b"<b> &");
        assert!(unescape(b"Tom & Jerry; &unknown;").is_none());
    }

    #[test]
    fn normalisation() {
        let mut out = Vec::new();
        let info = normalise(b"A\t\t B\0C\r\nD", &mut out);
        assert_eq!(out, b"a bc \nd");
        assert!(info.nul);
        let info = normalise(b"Az \xc3\xa9\xc2\xa0!", &mut out);
        let mut want = [0u64; 4];
        for &b in out.iter() {
            want[(b >> 6) as usize] |= 1 << (b & 63);
        }
        assert_eq!(info.present, want);
        assert_eq!(out, b"az \xc3\xa9 !");
    }
}
