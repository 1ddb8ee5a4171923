//! Running one operator on one (transformed) value: `@rx` through regexes
//! compiled on first use, `@pm` through Aho-Corasick automatons built on
//! first use, `@detectSQLi`/`@detectXSS` through the shield crate, the rest
//! through [`crate::operators`].

use crate::compile::{Op, Program};
use crate::operators;
use crate::tx::Tx;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::bytes::{CaptureLocations, Regex, RegexBuilder};
use shield::{Severity, SingleFindings};

/// Compiled size limit of one regex: the largest CRS patterns (932235's
/// thousands of alternatives) need more than the crate's 10 MiB default.
const REGEX_SIZE_LIMIT: usize = 64 << 20;
/// Lazy-DFA cache of one regex. Hostile input can fill every regex's cache,
/// so this bounds memory (times ~260 regexes, in the worst case); a cache
/// too small for the large CRS regexes makes the regex crate give up its
/// DFA for the slower engines on ordinary values (256 KiB did: 3x slower;
/// 1 MiB and 16 MiB measured the same).
const REGEX_DFA_LIMIT: usize = 1 << 20;

/// The severity of a shield finding that makes `@detectSQLi` match
/// (libinjection answers yes or no; shield grades). Measured on the values
/// as given: High takes 93.5 % of libinjection's SQLi lists; Medium would
/// add 1 point and flag 6 of the 689 lines of shield's benign corpus.
pub(crate) const SQLI_THRESHOLD: Severity = Severity::High;
/// The same for `@detectXSS`: High takes 85.5 % of libinjection's XSS
/// lists, Medium 94.8 % (no benign line flagged, no CRS regression test
/// changed), but Medium is a lone `alert(1)`-like call, common in code
/// pasted into comment fields: kept at High until a larger benign corpus
/// says otherwise (the shield engines run beside the CRS anyway).
pub(crate) const XSS_THRESHOLD: Severity = Severity::High;

/// Operator state kept across requests.
#[derive(Default)]
pub(crate) struct Ops {
    regexes: Vec<Option<(Regex, CaptureLocations)>>,
    phrase_sets: Vec<Option<AhoCorasick<u32>>>,
    pub single: shield::Single,
    /// Regexes that failed to compile (the rule matches nothing; reported).
    pub errors: Vec<String>,
}

impl Ops {
    pub fn new(prog: &Program) -> Ops {
        Ops {
            regexes: (0..prog.regexes.len()).map(|_| None).collect(),
            phrase_sets: (0..prog.phrase_sets.len()).map(|_| None).collect(),
            single: shield::Single::new(),
            errors: Vec::new(),
        }
    }

    /// Compiles every regex and phrase set now rather than on first use.
    pub fn warm_up(&mut self, prog: &Program) {
        for i in 0..prog.regexes.len() {
            self.regex(prog, i as u32);
        }
        for i in 0..prog.phrase_sets.len() {
            self.phrases(prog, i as u32);
        }
    }

    fn regex(&mut self, prog: &Program, i: u32) -> Option<&mut (Regex, CaptureLocations)> {
        let i = i as usize;
        if self.regexes[i].is_none() {
            let pattern = &prog.regexes[i];
            match RegexBuilder::new(pattern).unicode(false).size_limit(REGEX_SIZE_LIMIT).dfa_size_limit(REGEX_DFA_LIMIT).build() {
                Ok(re) => {
                    let locs = re.capture_locations();
                    self.regexes[i] = Some((re, locs));
                }
                Err(e) => {
                    let msg = format!("@rx {:?}: {}", pattern, e);
                    if !self.errors.contains(&msg) {
                        self.errors.push(msg);
                    }
                    return None;
                }
            }
        }
        self.regexes[i].as_mut()
    }

    fn phrases(&mut self, prog: &Program, i: u32) -> Option<&AhoCorasick<u32>> {
        let i = i as usize;
        if self.phrase_sets[i].is_none() {
            let built = AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .build_with_size::<u32, _, _>(&prog.phrase_sets[i]);
            match built {
                Ok(ac) => self.phrase_sets[i] = Some(ac),
                Err(e) => {
                    self.errors.push(format!("@pm set {}: {}", i, e));
                    return None;
                }
            }
        }
        self.phrase_sets[i].as_ref()
    }

    /// Whether `op` matches `value` (before negation). `param` is the
    /// operator's argument, macros expanded. With `capture`, `TX:0`-`TX:9`
    /// take the match and its groups, as ModSecurity's `capture` does.
    /// `findings` is the SQLi/XSS detectors' answer for the value when the
    /// caller has it cached; otherwise they run here.
    #[allow(clippy::too_many_arguments)]
    pub fn matches(&mut self, prog: &Program, op: &Op, value: &[u8], param: &[u8], capture: bool, tx: &mut Tx, findings: Option<SingleFindings>) -> bool {
        match op {
            Op::Rx(i) => {
                let (re, locs) = match self.regex(prog, *i) {
                    Some(r) => r,
                    None => return false,
                };
                // The DFA answers most values; the slower capturing engines
                // run only on a match.
                if !re.is_match(value) {
                    return false;
                }
                if !capture {
                    return true;
                }
                if re.captures_read(locs, value).is_none() {
                    return false;
                }
                for g in 0..locs.len().min(10) {
                    // Groups that did not take part keep their old value,
                    // as with PCRE's unset groups in ModSecurity.
                    if let Some((s, e)) = locs.get(g) {
                        tx.set(prog.captures[g], &value[s..e]);
                    }
                }
                true
            }
            Op::Pm(i) => {
                let ac = match self.phrases(prog, *i) {
                    Some(a) => a,
                    None => return false,
                };
                match ac.find(value) {
                    Some(m) => {
                        if capture {
                            tx.set(prog.captures[0], &value[m.start()..m.end()]);
                        }
                        true
                    }
                    None => false,
                }
            }
            Op::DetectSqli => findings.unwrap_or_else(|| self.single.inspect(value)).sqli.map_or(false, |s| s >= SQLI_THRESHOLD),
            Op::DetectXss => findings.unwrap_or_else(|| self.single.inspect(value)).xss.map_or(false, |s| s >= XSS_THRESHOLD),
            Op::Streq(_) => operators::streq(value, param),
            Op::Contains(_) => operators::contains(value, param),
            Op::BeginsWith(_) => operators::begins_with(value, param),
            Op::EndsWith(_) => operators::ends_with(value, param),
            Op::Within(_) => operators::within(value, param),
            Op::Compare(c, _) => operators::compare(*c, value, param),
            Op::ValidateUrlEncoding => operators::validate_url_encoding(value),
            Op::ValidateUtf8Encoding => operators::validate_utf8_encoding(value),
            Op::ValidateByteRange(r) => r.matches(value),
            Op::IpMatch(set) => std::str::from_utf8(value).map_or(false, |a| set.contains(a.trim())),
            Op::UnconditionalMatch => true,
        }
    }
}
