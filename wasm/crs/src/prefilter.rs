//! What the prefilter pass knows about a value before any rule runs: which
//! prefiltered rule links may match it. Two sound tests, computed once per
//! distinct (transformed) value:
//!
//! - literals: one Aho-Corasick automaton over the literals of every
//!   prefiltered link (the `prefilter` sets the generator computed for
//!   `@rx`: every match of the regex contains one of them; the phrases of
//!   `@pm` / `@pmFromFile`). A link with a literal set may match only a
//!   value where one of its literals occurs.
//! - bytes: the generator's `prefilter_bytes` for `@rx` (every match holds
//!   one of these bytes). A link with a byte set may match only a value
//!   holding one of them.
//!
//! Both are ASCII case-insensitive (literals are lower case; `@pm` is
//! case-insensitive in ModSecurity; byte sets are folded to both cases), so
//! values that differ only in case share one scan.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::collections::HashMap;

/// Literal id.
pub(crate) type Lit = u32;

/// 256 bits, one per byte value.
pub(crate) type ByteSet = [u64; 4];

/// `set` with every ASCII letter in both cases.
pub(crate) fn fold_case(mut set: ByteSet) -> ByteSet {
    // 'A'..='Z' are bits 1..=26 of word 1, 'a'..='z' bits 33..=58.
    const UPPER: u64 = 0x3ff_ffff << 1;
    const LOWER: u64 = UPPER << 32;
    let w = set[1];
    set[1] = w | ((w & UPPER) << 32) | ((w & LOWER) >> 32);
    set
}

/// The bytes of `hay`.
pub(crate) fn byte_set(hay: &[u8]) -> ByteSet {
    let mut set = [0u64; 4];
    for &b in hay {
        set[(b >> 6) as usize] |= 1u64 << (b & 63);
    }
    set
}

fn has(set: &ByteSet, b: u8) -> bool {
    set[(b >> 6) as usize] & (1u64 << (b & 63)) != 0
}

fn set_bit(bits: &mut [u64], i: u32) {
    bits[(i / 64) as usize] |= 1u64 << (i % 64);
}

/// Which automaton the literals are compiled into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Automaton {
    /// Fastest per byte; its table is large (states x byte classes).
    Dfa,
    /// A fraction of the memory, slower per byte.
    Nfa,
}

pub(crate) struct Prefilter {
    /// The literals of two bytes or more.
    automaton: Option<AhoCorasick<u32>>,
    /// Literal ids of the automaton's patterns, in pattern order.
    pattern_lits: Vec<Lit>,
    /// One-byte literals, by byte (both cases of a letter): looked up in
    /// the value's byte set rather than reported at every occurrence,
    /// since `(`, `=` or `;` occur all over ordinary values.
    single: Vec<(u8, Lit)>,
    /// Per literal, the links it stands for.
    users: Vec<Vec<u32>>,
    /// Words of a link bit set.
    words: usize,
    /// Links with a literal set (they need a literal hit).
    need_lit: Vec<u64>,
    /// Links with a byte set (they need one of its bytes).
    need_byte: Vec<u64>,
    /// Per byte value, the links whose byte set holds it: `words` each.
    byte_links: Vec<u64>,
    /// Bytes some link's byte set holds.
    byte_any: ByteSet,
    /// Every registered link.
    all: Vec<u64>,
    /// Per link of the program, its bit in the sets (`NOT_REGISTERED`).
    dense: Vec<u32>,
    /// Per bit, the link of the program.
    links: Vec<u32>,
}

const NOT_REGISTERED: u32 = u32::MAX;

/// Collects literal and byte sets before the automaton is built.
#[derive(Default)]
pub(crate) struct PrefilterBuilder {
    ids: HashMap<Vec<u8>, Lit>,
    users: Vec<Vec<u32>>,
    lit_links: Vec<u32>,
    links: Vec<u32>,
    byte_sets: Vec<(u32, ByteSet)>,
}

impl PrefilterBuilder {
    /// Registers the tests of `link`: its literals and its bytes (either
    /// may be absent). `false` when neither can serve as a prefilter (an
    /// empty literal matches everywhere; an empty byte set is treated as
    /// unknown): the link must then always run.
    pub fn add(&mut self, link: u32, literals: Option<&[String]>, bytes: Option<&[u8]>) -> bool {
        let literals = literals.filter(|l| !l.is_empty() && l.iter().all(|s| !s.is_empty()));
        let bytes = bytes.filter(|b| !b.is_empty());
        if literals.is_none() && bytes.is_none() {
            return false;
        }
        // Bit sets are over the registered links only, numbered densely.
        self.links.push(link);
        let link = (self.links.len() - 1) as u32;
        if let Some(literals) = literals {
            self.lit_links.push(link);
            for l in literals {
                let key = l.as_bytes().to_ascii_lowercase();
                let next = self.users.len() as Lit;
                let id = *self.ids.entry(key).or_insert(next);
                if id == next {
                    self.users.push(Vec::new());
                }
                let users = &mut self.users[id as usize];
                if !users.contains(&link) {
                    users.push(link);
                }
            }
        }
        if let Some(bytes) = bytes {
            self.byte_sets.push((link, fold_case(byte_set(bytes))));
        }
        true
    }

    /// The automaton; `links` is the program's link count.
    pub fn build(self, links: usize, kind: Automaton) -> Result<Prefilter, String> {
        let words = (self.links.len() + 63) / 64;
        let mut dense = vec![NOT_REGISTERED; links];
        for (i, &l) in self.links.iter().enumerate() {
            if let Some(d) = dense.get_mut(l as usize) {
                *d = i as u32;
            }
        }
        let mut lits: Vec<(Lit, Vec<u8>)> = self.ids.into_iter().map(|(k, v)| (v, k)).collect();
        lits.sort_by_key(|(id, _)| *id);
        let mut single = Vec::new();
        for (id, l) in &lits {
            if let [b] = l[..] {
                single.push((b.to_ascii_lowercase(), *id));
                if b.is_ascii_alphabetic() {
                    single.push((b.to_ascii_uppercase(), *id));
                }
            }
        }
        let long: Vec<&(Lit, Vec<u8>)> = lits.iter().filter(|(_, l)| l.len() > 1).collect();
        let automaton = if long.is_empty() {
            None
        } else {
            let ac = AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .dfa(kind == Automaton::Dfa)
                .build_with_size::<u32, _, _>(long.iter().map(|(_, l)| l))
                .map_err(|e| format!("prefilter automaton: {}", e))?;
            Some(ac)
        };
        let pattern_lits = long.iter().map(|(id, _)| *id).collect();
        let mut need_lit = vec![0u64; words];
        for &l in &self.lit_links {
            set_bit(&mut need_lit, l);
        }
        let mut need_byte = vec![0u64; words];
        let mut byte_links = vec![0u64; 256 * words];
        let mut byte_any = [0u64; 4];
        for (link, set) in &self.byte_sets {
            set_bit(&mut need_byte, *link);
            for b in 0..=255u8 {
                if has(set, b) {
                    set_bit(&mut byte_links[b as usize * words..(b as usize + 1) * words], *link);
                }
            }
            for w in 0..4 {
                byte_any[w] |= set[w];
            }
        }
        let mut all = vec![0u64; words];
        for i in 0..self.links.len() {
            set_bit(&mut all, i as u32);
        }
        Ok(Prefilter { automaton, pattern_lits, single, users: self.users, words, need_lit, need_byte, byte_links, byte_any, all, dense, links: self.links })
    }
}

impl Prefilter {
    /// Words of the link bit sets [`Prefilter::scan`] writes.
    pub fn words(&self) -> usize {
        self.words
    }

    /// Whether link `link` (of the program) may match, by the bit set a
    /// [`Prefilter::scan`] wrote. False for links never registered.
    pub fn may(&self, bits: &[u64], link: u32) -> bool {
        match self.dense.get(link as usize) {
            Some(&d) if d != NOT_REGISTERED => bits.get((d / 64) as usize).map_or(false, |w| w & (1u64 << (d % 64)) != 0),
            _ => false,
        }
    }

    /// The literals some link that `runs` stands on, as a bit set for
    /// [`Prefilter::scan`]: a configuration's rules need no others.
    pub fn live_literals(&self, runs: impl Fn(u32) -> bool) -> Vec<u64> {
        let mut live = vec![0u64; (self.users.len() + 63) / 64];
        for (lit, users) in self.users.iter().enumerate() {
            if users.iter().any(|&d| self.links.get(d as usize).map_or(false, |&l| runs(l))) {
                set_bit(&mut live, lit as u32);
            }
        }
        live
    }

    /// Writes to `bits` (`words()` long) the registered links that may
    /// match `hay`, by the literals in `live` (see
    /// [`Prefilter::live_literals`]: the links of others are left unset);
    /// `hits` and `ok` are scratch. Returns whether any may.
    pub fn scan(&self, hay: &[u8], live: &[u64], hits: &mut Vec<Lit>, ok: &mut Vec<u64>, bits: &mut [u64]) -> bool {
        hits.clear();
        let is_live = |id: Lit| live.get((id / 64) as usize).map_or(false, |w| w & (1u64 << (id % 64)) != 0);
        let present = fold_case(byte_set(hay));
        for &(b, id) in &self.single {
            if has(&present, b) && is_live(id) && !hits.contains(&id) {
                hits.push(id);
            }
        }
        if let Some(ac) = &self.automaton {
            for m in ac.find_overlapping_iter(hay) {
                let id = self.pattern_lits[m.pattern()];
                // Few distinct literals per value; repeats are common (`--`).
                if is_live(id) && !hits.contains(&id) {
                    hits.push(id);
                }
            }
        }
        // Literal test: links hit, or without a literal set.
        for (b, need) in bits.iter_mut().zip(&self.need_lit) {
            *b = !need;
        }
        for &lit in hits.iter() {
            for &link in &self.users[lit as usize] {
                set_bit(bits, link);
            }
        }
        // Byte test: links whose bytes occur, or without a byte set.
        ok.clear();
        ok.extend(self.need_byte.iter().map(|n| !n));
        for w in 0..4 {
            let mut word = present[w] & self.byte_any[w];
            while word != 0 {
                let b = w * 64 + word.trailing_zeros() as usize;
                word &= word - 1;
                for (o, l) in ok.iter_mut().zip(&self.byte_links[b * self.words..(b + 1) * self.words]) {
                    *o |= l;
                }
            }
        }
        let mut any = 0;
        for (b, (o, a)) in bits.iter_mut().zip(ok.iter().zip(&self.all)) {
            *b &= o & a;
            any |= *b;
        }
        any != 0
    }

    pub fn heap_bytes(&self) -> usize {
        self.automaton.as_ref().map_or(0, |a| a.heap_bytes()) + self.byte_links.len() * 8
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn may(p: &Prefilter, hay: &[u8]) -> Vec<u32> {
        let mut bits = vec![0u64; p.words()];
        let live = p.live_literals(|_| true);
        p.scan(hay, &live, &mut Vec::new(), &mut Vec::new(), &mut bits);
        (0..100).filter(|&i| p.may(&bits, i)).collect()
    }

    #[test]
    fn literals_and_bytes_gate_links() {
        let mut b = PrefilterBuilder::default();
        assert!(b.add(0, Some(&["union".into(), "select".into()]), None));
        assert!(b.add(1, Some(&["select".into(), "(".into(), "x".into()]), None));
        assert!(!b.add(2, Some(&["".into()]), None));
        assert!(!b.add(3, Some(&[]), Some(&[])));
        assert!(b.add(4, None, Some(b";|")));
        assert!(b.add(5, Some(&["cat".into()]), Some(b"Q")));
        assert!(b.add(70, None, Some(b"<")));
        let p = b.build(71, Automaton::Nfa).unwrap();
        assert_eq!(p.words(), 1);
        assert_eq!(may(&p, b"1 UNION SeLeCt 2 union"), vec![0, 1]);
        assert_eq!(may(&p, b"f(X)"), vec![1]);
        assert_eq!(may(&p, b"nothing here"), Vec::<u32>::new());
        assert_eq!(may(&p, b"a;b"), vec![4]);
        // Both tests must pass; byte sets fold case.
        assert_eq!(may(&p, b"cat"), Vec::<u32>::new());
        assert_eq!(may(&p, b"cat q"), vec![5]);
        assert_eq!(may(&p, b"<b>"), vec![70]);
    }

    #[test]
    fn dfa_and_nfa_agree() {
        let mut b = PrefilterBuilder::default();
        b.add(0, Some(&["union".into(), "sel".into()]), None);
        b.add(1, Some(&["select".into()]), None);
        let lits = [("union".to_string(), 0), ("sel".into(), 0), ("select".into(), 1)];
        for kind in [Automaton::Dfa, Automaton::Nfa] {
            let mut b = PrefilterBuilder::default();
            for (l, link) in &lits {
                b.add(*link, Some(&[l.clone()]), None);
            }
            let p = b.build(2, kind).unwrap();
            assert_eq!(may(&p, b"SELECT"), vec![0, 1]);
        }
    }

    #[test]
    fn case_folding() {
        assert_eq!(fold_case(byte_set(b"A")), byte_set(b"Aa"));
        assert_eq!(fold_case(byte_set(b"z")), byte_set(b"Zz"));
        assert_eq!(fold_case(byte_set(b"@[`{")), byte_set(b"@[`{"));
    }

    #[test]
    fn empty_builder_scans_nothing() {
        let p = PrefilterBuilder::default().build(3, Automaton::Dfa).unwrap();
        assert!(may(&p, b"select").is_empty());
    }
}
