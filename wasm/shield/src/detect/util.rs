//! Small byte-matching helpers shared by the detectors.

use super::Input;
use crate::hits::Hits;
use crate::{Category, Severity};

pub(crate) fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Haystacks shorter than this are searched by `memchr` on the needle's
/// first byte: building a `memmem` searcher costs more than the search.
const SHORT: usize = 96;

fn naive_find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    let first = match needle.first() {
        Some(&b) => b,
        None => return Some(from),
    };
    let second = needle.get(1).copied();
    let mut i = from;
    while let Some(off) = crate::bytes::memchr(first, &hay[i..]) {
        let p = i + off;
        // The second byte first, inline: most candidates fail there.
        if second.map_or(true, |c| hay.get(p + 1) == Some(&c)) && hay[p..].starts_with(needle) {
            return Some(p);
        }
        i = p + 1;
    }
    None
}

pub(crate) fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if hay.len() < SHORT {
        naive_find(hay, needle, 0)
    } else {
        memchr::memmem::find(hay, needle)
    }
}

pub(crate) fn contains(hay: &[u8], needle: &[u8]) -> bool {
    find(hay, needle).is_some()
}

/// Every start of `needle` in `hay`, without overlaps (as `memmem`).
pub(crate) fn positions<'h>(hay: &'h [u8], needle: &'h [u8]) -> Positions<'h> {
    if hay.len() < SHORT && !needle.is_empty() {
        Positions::Short { hay, needle, at: 0 }
    } else if needle.len() == 2 {
        // Every caller's needle is two bytes: the first byte's positions, a
        // word at a time, and one comparison each. `memmem` restarted its
        // search after every match, which a value dense in the needle
        // (`${${${`, `{{{{`) paid per byte (a quarter of its time).
        Positions::Pair { firsts: Box::new(crate::bytes::memchr_iter(needle[0], hay)), hay, second: needle[1], at: 0 }
    } else {
        Positions::Long(memchr::memmem::find_iter(hay, needle))
    }
}

pub(crate) enum Positions<'h> {
    Short { hay: &'h [u8], needle: &'h [u8], at: usize },
    Pair { firsts: Box<dyn Iterator<Item = usize> + 'h>, hay: &'h [u8], second: u8, at: usize },
    Long(memchr::memmem::FindIter<'h, 'h>),
}

impl Iterator for Positions<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        match self {
            Positions::Short { hay, needle, at } => {
                if *at > hay.len() {
                    return None;
                }
                let p = naive_find(hay, needle, *at)?;
                *at = p + needle.len();
                Some(p)
            }
            Positions::Pair { firsts, hay, second, at } => {
                // Matches do not overlap (as `memmem`): a start inside the
                // last match is skipped.
                let p = firsts.find(|&p| p >= *at && hay.get(p + 1) == Some(second))?;
                *at = p + 2;
                Some(p)
            }
            Positions::Long(it) => it.next(),
        }
    }
}

/// Index of the first non-space byte at or after `i` (line feeds count as
/// space).
pub(crate) fn skip_ws(s: &[u8], mut i: usize) -> usize {
    while i < s.len() && (s[i] == b' ' || s[i] == b'\n') {
        i += 1;
    }
    i
}

/// Whether the byte before `at` is not a word byte.
pub(crate) fn boundary_before(s: &[u8], at: usize) -> bool {
    at == 0 || !is_word(s[at - 1])
}

/// Names called in `s`: for each `(` (and, with `backtick`, each `` ` ``,
/// a tagged template call), the identifier right before it (spaces
/// allowed). One pass, instead of one search per function name.
pub(crate) fn calls(s: &[u8], backtick: bool, mut f: impl FnMut(&[u8], usize) -> bool) -> bool {
    let mut each = |p: usize| {
        let mut e = p;
        while e > 0 && s[e - 1] == b' ' {
            e -= 1;
        }
        let mut st = e;
        while st > 0 && is_word(s[st - 1]) {
            st -= 1;
        }
        st < e && f(&s[st..e], st)
    };
    if backtick {
        crate::bytes::memchr2_iter(b'(', b'`', s).any(|p| each(p))
    } else {
        crate::bytes::memchr_iter(b'(', s).any(|p| each(p))
    }
}

/// A line feed followed by a response header name and a colon: header or
/// response splitting through a value the application echoes.
pub(crate) fn crlf_injection(input: &Input, hits: &mut Hits) {
    if !input.has(b'\n') {
        return;
    }
    const HEADERS: &[&[u8]] = &[
        b"set-cookie",
        b"location",
        b"content-type",
        b"content-length",
        b"transfer-encoding",
        b"refresh",
        b"access-control-allow-origin",
        b"x-xss-protection",
        b"http/1.",
    ];
    let s = input.text;
    for p in crate::bytes::memchr_iter(b'\n', s) {
        // Spaces only: a later line feed of a run is visited in its turn
        // (skipping line feeds too rescanned every run to its end).
        let mut i = p + 1;
        while s.get(i) == Some(&b' ') {
            i += 1;
        }
        // The first byte rules out most names without a comparison call
        // (a value of line feeds made nine `memcmp` calls per byte).
        let first = match s.get(i) {
            Some(&b) => b,
            None => continue,
        };
        for h in HEADERS {
            if h[0] == first && s[i..].starts_with(h) {
                let after = skip_ws(s, i + h.len());
                if h.starts_with(b"http/") || s.get(after) == Some(&b':') {
                    hits.add(Category::ProtocolAnomaly, Severity::High, "protocol.crlf_injection");
                    return;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_long_search_agree() {
        for hay in [&b"....a..b...."[..], b"xx//yy////", b"onon on", b""] {
            for needle in [&b".."[..], b"//", b"on", b"a"] {
                let long: Vec<usize> = memchr::memmem::find_iter(hay, needle).collect();
                assert_eq!(positions(hay, needle).collect::<Vec<_>>(), long);
                assert_eq!(find(hay, needle), memchr::memmem::find(hay, needle));
            }
        }
    }

    #[test]
    fn pair_search_is_memmem() {
        let mut seed = 0x2545_f491u32;
        for len in [SHORT, SHORT + 1, SHORT + 7, 3 * SHORT + 5] {
            for _ in 0..200 {
                let hay: Vec<u8> = (0..len)
                    .map(|_| {
                        seed ^= seed << 13;
                        seed ^= seed >> 17;
                        seed ^= seed << 5;
                        [b'$', b'{', b'a', b'o', b'n'][(seed % 5) as usize]
                    })
                    .collect();
                for needle in [&b"${"[..], b"{{", b"$$", b"on", b"aa"] {
                    let long: Vec<usize> = memchr::memmem::find_iter(&hay, needle).collect();
                    assert_eq!(positions(&hay, needle).collect::<Vec<_>>(), long);
                }
            }
        }
    }

    #[test]
    fn call_names() {
        let mut seen = Vec::new();
        calls(b"x = alert (1) + f(2)", false, |w, _| {
            seen.push(w.to_vec());
            false
        });
        assert_eq!(seen, vec![b"alert".to_vec(), b"f".to_vec()]);
    }
}
