//! Running one operator on one (transformed) value: `@rx` and `@pm` through
//! the program's lazily built regexes and automata (`super::lazy`),
//! `@detectSQLi`/`@detectXSS` through the shield crate, the rest through
//! [`crate::operators`].

use crate::compile::{Op, Program};
use crate::operators;
use crate::tx::Tx;
use shield::{Severity, SingleFindings};

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

/// One engine's operator scratch, kept across requests.
pub(crate) struct Ops {
    pub single: shield::Single,
}

impl Ops {
    pub fn new() -> Ops {
        Ops { single: shield::Single::new() }
    }

    /// Whether `op` matches `value` (before negation). `param` is the
    /// operator's argument, macros expanded. With `capture`, `TX:0`-`TX:9`
    /// take the match and its groups, as ModSecurity's `capture` does (the
    /// groups when a rule reads them: [`settle_captures`]).
    /// `findings` is the SQLi/XSS detectors' answer for the value when the
    /// caller has it cached; otherwise they run here.
    #[allow(clippy::too_many_arguments)]
    pub fn matches(&mut self, prog: &Program, op: &Op, value: &[u8], param: &[u8], capture: bool, tx: &mut Tx, findings: Option<SingleFindings>) -> bool {
        match op {
            Op::Rx(i) => {
                let re = match prog.lazy.regex(prog, *i) {
                    Some(r) => r,
                    None => return false,
                };
                // TX:0 is the match, which the DFAs find (one search: `find`
                // says whether it matches too). The groups take the
                // capturing engines (the PikeVM: regex size times match
                // length, ~200 ms over a 64 KiB match of a large CRS regex,
                // past the analyzer's deadline), so they are worked out only
                // if a rule reads them (`Tx::defer`).
                let groups = if capture { re.captures_len() } else { 0 };
                if groups == 1 {
                    return match re.find(value) {
                        Some(m) => {
                            tx.set(prog.captures[0], m.as_bytes());
                            true
                        }
                        None => false,
                    };
                }
                if !re.is_match(value) {
                    return false;
                }
                if groups > 1 {
                    tx.defer(*i, groups, value);
                }
                true
            }
            Op::Pm(i) => {
                let ac = match prog.lazy.phrases(prog, *i) {
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

/// Works out the captures deferred by `@rx` (`Tx::defer`): called before a
/// rule reads `TX:0`-`TX:9`.
pub(crate) fn settle_captures(prog: &Program, tx: &mut Tx) {
    tx.settle(|regex, value, out| {
        let re = match prog.lazy.regex(prog, regex) {
            Some(r) => r,
            None => return false,
        };
        let mut locs = re.capture_locations();
        if re.captures_read(&mut locs, value).is_none() {
            return false;
        }
        for (g, span) in out.iter_mut().enumerate().take(locs.len()) {
            *span = locs.get(g);
        }
        true
    });
}
