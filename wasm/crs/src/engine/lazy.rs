//! The `@rx` regexes and `@pm` phrase automata of a [`Program`], built the
//! first time a request needs each (most never are, on benign traffic) and
//! kept in the program, so that every engine sharing it shares them too:
//! compiled regexes and their lazy-DFA caches are most of an engine's
//! memory after the prefilter automaton.
//!
//! Interior mutability through `RefCell`: a program lives in one thread (a
//! Wasm instance is single-threaded), and no borrow outlives one operator
//! call.

use crate::compile::Program;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::bytes::{Regex, RegexBuilder};
use std::cell::{Ref, RefCell};

/// Compiled size limit of one regex: the largest CRS patterns (932235's
/// thousands of alternatives) need more than the crate's 10 MiB default.
const REGEX_SIZE_LIMIT: usize = 64 << 20;
/// Lazy-DFA cache of one regex. Hostile input can fill every regex's cache,
/// so this bounds memory (times ~260 regexes, in the worst case); a cache
/// too small for the large CRS regexes makes the regex crate give up its
/// DFA for the slower engines on ordinary values (256 KiB did: 3x slower;
/// 1 MiB and 16 MiB measured the same).
const REGEX_DFA_LIMIT: usize = 1 << 20;

/// One lazily built operator.
enum Slot<T> {
    Unbuilt,
    Built(T),
    /// It failed to build (reported in [`LazyOps::errors`]); not retried.
    Failed,
}

#[derive(Default)]
pub(crate) struct LazyOps {
    regexes: Vec<RefCell<Slot<Regex>>>,
    phrase_sets: Vec<RefCell<Slot<AhoCorasick<u32>>>>,
    errors: RefCell<Vec<String>>,
}

impl LazyOps {
    pub fn new(regexes: usize, phrase_sets: usize) -> LazyOps {
        LazyOps {
            regexes: (0..regexes).map(|_| RefCell::new(Slot::Unbuilt)).collect(),
            phrase_sets: (0..phrase_sets).map(|_| RefCell::new(Slot::Unbuilt)).collect(),
            errors: RefCell::new(Vec::new()),
        }
    }

    /// Builds every regex and phrase set now.
    pub fn warm_up(&self, prog: &Program) {
        for i in 0..self.regexes.len() {
            self.regex(prog, i as u32);
        }
        for i in 0..self.phrase_sets.len() {
            self.phrases(prog, i as u32);
        }
    }

    pub fn errors(&self) -> Vec<String> {
        self.errors.borrow().clone()
    }

    /// Regex `i` of the program (`None`: it does not build).
    pub fn regex(&self, prog: &Program, i: u32) -> Option<Ref<'_, Regex>> {
        let cell = self.regexes.get(i as usize)?;
        // (A separate statement: an `if let` would hold the borrow.)
        let unbuilt = matches!(*cell.borrow(), Slot::Unbuilt);
        if unbuilt {
            let pattern = prog.regexes.get(i as usize).map_or("", String::as_str);
            let built = RegexBuilder::new(pattern).unicode(false).size_limit(REGEX_SIZE_LIMIT).dfa_size_limit(REGEX_DFA_LIMIT).build();
            let slot = match built {
                Ok(re) => Slot::Built(re),
                Err(e) => {
                    self.errors.borrow_mut().push(format!("@rx {:?}: {}", pattern, e));
                    Slot::Failed
                }
            };
            *cell.borrow_mut() = slot;
        }
        Ref::filter_map(cell.borrow(), |s| match s {
            Slot::Built(re) => Some(re),
            _ => None,
        })
        .ok()
    }

    /// Phrase set `i` of the program as an automaton (`None`: it does not
    /// build).
    pub fn phrases(&self, prog: &Program, i: u32) -> Option<Ref<'_, AhoCorasick<u32>>> {
        let cell = self.phrase_sets.get(i as usize)?;
        // (A separate statement: an `if let` would hold the borrow.)
        let unbuilt = matches!(*cell.borrow(), Slot::Unbuilt);
        if unbuilt {
            let phrases: &[Vec<u8>] = prog.phrase_sets.get(i as usize).map_or(&[], Vec::as_slice);
            let built = AhoCorasickBuilder::new().ascii_case_insensitive(true).match_kind(MatchKind::Standard).build_with_size::<u32, _, _>(phrases);
            let slot = match built {
                Ok(ac) => Slot::Built(ac),
                Err(e) => {
                    self.errors.borrow_mut().push(format!("@pm set {}: {}", i, e));
                    Slot::Failed
                }
            };
            *cell.borrow_mut() = slot;
        }
        Ref::filter_map(cell.borrow(), |s| match s {
            Slot::Built(ac) => Some(ac),
            _ => None,
        })
        .ok()
    }
}
