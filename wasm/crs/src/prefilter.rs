//! One Aho-Corasick automaton over the literals of every prefiltered rule
//! link: the `prefilter` sets the generator computed for `@rx` (every match
//! of the regex contains one of them) and the phrases of `@pm` /
//! `@pmFromFile`. Each transformed value is scanned once; a link's operator
//! then runs only where one of its literals was seen.
//!
//! Matching is ASCII case-insensitive (the literals are lower case; `@pm`
//! is case-insensitive in ModSecurity), so values that differ only in case
//! share one scan.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::collections::HashMap;

/// Literal id.
pub(crate) type Lit = u32;

/// The links (by index) that one literal stands for, with the pipeline
/// node they see values through.
pub(crate) type Users = Vec<(u32, u32)>;

pub(crate) struct Prefilter {
    /// The literals of two bytes or more.
    automaton: Option<AhoCorasick<u32>>,
    /// Literal ids of the automaton's patterns, in pattern order.
    pattern_lits: Vec<Lit>,
    /// One-byte literals, by byte (both cases of a letter): looked up in
    /// the value's byte set rather than reported at every occurrence,
    /// since `(`, `=` or `;` occur all over ordinary values.
    single: Vec<(u8, Lit)>,
    users: Vec<Users>,
}

/// Collects literal sets before the automaton is built.
#[derive(Default)]
pub(crate) struct PrefilterBuilder {
    ids: HashMap<Vec<u8>, Lit>,
    users: Vec<Users>,
}

impl PrefilterBuilder {
    /// Registers the literals of `link` (seen through pipeline `node`).
    /// `false` when the set cannot serve as a prefilter (an empty literal
    /// matches everywhere): the link must then always run.
    pub fn add(&mut self, link: u32, node: u32, literals: &[String]) -> bool {
        if literals.is_empty() || literals.iter().any(|l| l.is_empty()) {
            return false;
        }
        for l in literals {
            let key = l.as_bytes().to_ascii_lowercase();
            let next = self.users.len() as Lit;
            let id = *self.ids.entry(key).or_insert(next);
            if id == next {
                self.users.push(Vec::new());
            }
            let users = &mut self.users[id as usize];
            if !users.contains(&(link, node)) {
                users.push((link, node));
            }
        }
        true
    }

    pub fn build(self) -> Result<Prefilter, String> {
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
            // A DFA: scanning is the per-byte hot loop of every request.
            let ac = AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .dfa(true)
                .build_with_size::<u32, _, _>(long.iter().map(|(_, l)| l))
                .map_err(|e| format!("prefilter automaton: {}", e))?;
            Some(ac)
        };
        let pattern_lits = long.iter().map(|(id, _)| *id).collect();
        Ok(Prefilter { automaton, pattern_lits, single, users: self.users })
    }
}

impl Prefilter {
    /// Appends to `hits` the distinct literals occurring in `hay`.
    pub fn scan(&self, hay: &[u8], hits: &mut Vec<Lit>) {
        let start = hits.len();
        if !self.single.is_empty() {
            let mut present = [0u64; 4];
            for &b in hay {
                present[(b >> 6) as usize] |= 1u64 << (b & 63);
            }
            for &(b, id) in &self.single {
                if present[(b >> 6) as usize] & (1u64 << (b & 63)) != 0 && !hits[start..].contains(&id) {
                    hits.push(id);
                }
            }
        }
        if let Some(ac) = &self.automaton {
            for m in ac.find_overlapping_iter(hay) {
                let id = self.pattern_lits[m.pattern()];
                // Few distinct literals per value; repeats are common (`--`).
                if !hits[start..].contains(&id) {
                    hits.push(id);
                }
            }
        }
    }

    /// The links a literal stands for.
    pub fn users(&self, lit: Lit) -> &[(u32, u32)] {
        self.users.get(lit as usize).map_or(&[], |u| &u[..])
    }

    pub fn heap_bytes(&self) -> usize {
        self.automaton.as_ref().map_or(0, |a| a.heap_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scans_case_insensitively_and_maps_to_links() {
        let mut b = PrefilterBuilder::default();
        assert!(b.add(0, 3, &["union".into(), "select".into()]));
        assert!(b.add(1, 4, &["select".into(), "(".into(), "x".into()]));
        assert!(!b.add(2, 4, &["".into()]));
        assert!(!b.add(3, 4, &[]));
        let p = b.build().unwrap();
        let mut hits = Vec::new();
        p.scan(b"1 UNION SeLeCt 2 union", &mut hits);
        let mut users: Vec<(u32, u32)> = hits.iter().flat_map(|&l| p.users(l).to_vec()).collect();
        users.sort_unstable();
        assert_eq!(users, vec![(0, 3), (0, 3), (1, 4)]);
        hits.clear();
        p.scan(b"f(X)", &mut hits);
        let users: Vec<(u32, u32)> = hits.iter().flat_map(|&l| p.users(l).to_vec()).collect();
        assert_eq!(users, vec![(1, 4), (1, 4)]);
        hits.clear();
        p.scan(b"nothing here", &mut hits);
        assert!(hits.is_empty());
    }

    #[test]
    fn empty_builder_scans_nothing() {
        let p = PrefilterBuilder::default().build().unwrap();
        let mut hits = Vec::new();
        p.scan(b"select", &mut hits);
        assert!(hits.is_empty());
    }
}
