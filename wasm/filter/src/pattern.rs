//! Regexes for `matches`, with memory bounds.
//!
//! The `regex` crate matches in linear time; what a pattern can cost is
//! memory. The analyzer instance has 128 MiB and the CRS takes ~27 MiB of
//! it, so each regex and the program as a whole have a budget:
//!
//! - a compiled program at most `SIZE_LIMIT` (the crate's `size_limit`; the
//!   regex really holds ~3.7 times that, as it keeps three programs). Unicode
//!   classes are what gets big: `\w{10}` needs ~1 MiB, `[\w.-]{1,20}` 2.2 MiB
//!   (too big); `(?-u:\w)` or `[0-9A-Za-z_]` are small;
//! - a lazy-DFA cache of at most `DFA_LIMIT`, twice (forward and reverse);
//! - at most `MAX_REGEXES` per program, and their compiled sizes, each
//!   rounded up to the first of `TIERS` it fits, at most `PROGRAM_BUDGET`.
//!
//! So a program's regexes hold at most ~30 MiB compiled plus 16 MiB of
//! caches, and a typical one (a user-agent or path pattern, well under
//! 32 KiB) a few hundred KiB. A pattern past a bound is a configure error.

use regex::{Regex, RegexBuilder};

/// The largest compiled program one regex may have.
const SIZE_LIMIT: usize = 2 << 20;
/// The lazy-DFA cache bound, per direction.
const DFA_LIMIT: usize = 256 << 10;
/// Size classes tried in turn to estimate a regex's compiled size (a failed
/// attempt stops as soon as it passes its limit, so trying costs little).
const TIERS: [usize; 3] = [32 << 10, 256 << 10, SIZE_LIMIT];
/// The most regexes one program may hold.
pub(crate) const MAX_REGEXES: usize = 32;
/// The sum of the regexes' size classes, per program.
const PROGRAM_BUDGET: usize = 8 << 20;

/// Compiles the regexes of one program against its budget.
#[derive(Debug, Default)]
pub(crate) struct Budget {
    count: usize,
    used: usize,
}

impl Budget {
    /// Compiles `pattern` (the `regex` crate's syntax, Unicode, unanchored).
    pub(crate) fn compile(&mut self, pattern: &str) -> Result<Regex, String> {
        if self.count >= MAX_REGEXES {
            return Err(format!("regex {:?}: a filter rule may hold at most {} regexes", pattern, MAX_REGEXES));
        }
        let mut last_error = None;
        for tier in TIERS {
            match RegexBuilder::new(pattern).size_limit(tier).dfa_size_limit(DFA_LIMIT).build() {
                Ok(regex) => {
                    let used = self.used.saturating_add(tier);
                    if used > PROGRAM_BUDGET {
                        return Err(format!(
                            "regex {:?}: the rule's regexes together are too large once compiled (over {} MiB); \
                             use fewer or smaller patterns",
                            pattern,
                            PROGRAM_BUDGET >> 20
                        ));
                    }
                    self.used = used;
                    self.count += 1;
                    return Ok(regex);
                }
                Err(regex::Error::CompiledTooBig(_)) => last_error = None,
                Err(other) => {
                    last_error = Some(other);
                    break;
                }
            }
        }
        Err(match last_error {
            Some(error) => format!("invalid regex {:?}: {}", pattern, error),
            None => format!(
                "regex {:?} is too large once compiled (over {} MiB); Unicode classes such as \\w and \\d \
                 under a repetition are large: (?-u:\\w) or [0-9] are their small ASCII forms",
                pattern,
                SIZE_LIMIT >> 20
            ),
        })
    }
}
