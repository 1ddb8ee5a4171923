//! Evaluating the rules of a phase, with libmodsecurity's semantics
//! (`RulesSet::evaluate`, `RuleWithOperator::evaluate`):
//!
//! - a rule runs its operator on every value of every target (after the
//!   target exclusions and `ctl:ruleRemoveTarget*`), through its
//!   transformations; with `multiMatch` also on the value as it is and
//!   after each step that changed it;
//! - every match updates `MATCHED_VAR(S)` and runs the link's `setvar`s
//!   right away, so a rule adds to the score once per matching value;
//! - a link with no match clears the matched variables and ends the chain;
//!   when every link matched, each link's `ctl`, `skipAfter` and `skip`
//!   run (the last link's first), then the starter is logged and its
//!   disruptive action taken (`block` is `pass` under CRS's defaults;
//!   `deny`/`drop` end the request);
//! - `skipAfter` skips to the marker; `skip:N` skips the next N entries.

use super::ops::{settle_captures, Ops};
use super::overlay::Overlay;
use super::pipeline::ROOT;
use super::targets::Source;
use super::values::{Bytes, ValueCache};
use crate::compile::{Ctl, Disruptive, Link, Op, Program, Rule, RuleSet, Sel, SetVarName, SetVarOp, Step, Target};
use crate::macros::{MacroSource, MacroVar, Template};
use crate::tx::{to_int, write_int, Slot, Tx};
use crate::vars::{BodyProcessor, Var, Vars};
use crate::Match;

/// Per-request state, kept (with its buffers) across requests.
#[derive(Default)]
pub(crate) struct State {
    pub tx: Tx,
    matched_var: Vec<u8>,
    matched_name: Vec<u8>,
    /// `MATCHED_VARS` (name, value) pairs: `matched_vars[..matched_len]`.
    matched_vars: Vec<(Vec<u8>, Vec<u8>)>,
    matched_len: usize,
    /// `skipAfter`: skipping until this marker.
    marker: Option<u32>,
    /// `skip:N`: entries still to skip.
    skip: u32,
    /// `ctl` actions in force for the rest of the request, by (link, ctl).
    removed_rules: Vec<(u32, u32)>,
    removed_targets: Vec<(u32, u32)>,
    pub matches: Vec<Match>,
    pub blocked: bool,
    pub stopped: bool,
    pub reprocess: Option<BodyProcessor>,
    /// `REQUEST_BODY` holds the body only when the URLENCODED processor
    /// parsed it or a rule forced it (`ctl:forceRequestBodyVariable`, as
    /// CRS's 901340 does for bodies no processor reads): ModSecurity v2's
    /// and Coraza's rule, which the CRS regression tests expect (a JSON or
    /// XML body is read through `ARGS`/`XML`, not as raw text).
    pub body_urlencoded: bool,
    pub body_forced: bool,
    pub violations: Vec<String>,
    /// The starter's `MATCHED_VAR_NAME`, reported for a chain.
    starter_var: Vec<u8>,
    // Scratch buffers.
    param: Vec<u8>,
    name: Vec<u8>,
    value: Vec<u8>,
    snapshot: Vec<(Vec<u8>, Vec<u8>)>,
    candidates: Vec<(u32, Bytes)>,
    chain: Vec<Vec<u8>>,
    path: Vec<u32>,
}

impl State {
    pub fn reset(&mut self, prog: &Program, presets: &[(Slot, Vec<u8>)]) {
        self.tx.reset(&prog.tx);
        for (slot, value) in presets {
            self.tx.set(*slot, value);
        }
        self.clean_matched();
        self.marker = None;
        self.skip = 0;
        self.removed_rules.clear();
        self.removed_targets.clear();
        self.matches.clear();
        self.blocked = false;
        self.stopped = false;
        self.reprocess = None;
        self.body_urlencoded = false;
        self.body_forced = false;
    }

    pub fn body_visible(&self) -> bool {
        self.body_urlencoded || self.body_forced
    }

    fn clean_matched(&mut self) {
        self.matched_var.clear();
        self.matched_name.clear();
        self.matched_len = 0;
    }
}

/// Reads macro variables from the request state.
struct Macros<'s, 'v> {
    tx: &'s Tx,
    matched_var: &'s [u8],
    matched_name: &'s [u8],
    vars: &'s Vars<'v>,
}

impl MacroSource for Macros<'_, '_> {
    fn append_first(&self, var: &MacroVar, out: &mut Vec<u8>) {
        match var {
            MacroVar::Tx(slot) => out.extend_from_slice(self.tx.get(*slot).unwrap_or(b"")),
            MacroVar::MatchedVar => out.extend_from_slice(self.matched_var),
            MacroVar::MatchedVarName => out.extend_from_slice(self.matched_name),
            MacroVar::Request { var, key: None } => {
                if let Some(m) = self.vars.members(*var).next() {
                    out.extend_from_slice(m.value);
                }
            }
            MacroVar::Request { var, key: Some(k) } => {
                if let Some(v) = self.vars.get(*var, k).next() {
                    out.extend_from_slice(v);
                }
            }
        }
    }
}

fn rule_in(set: &RuleSet, rule: &Rule) -> bool {
    match set {
        RuleSet::Ids(ranges) => ranges.iter().any(|&(lo, hi)| lo <= rule.id && rule.id <= hi),
        RuleSet::Tag(t) => rule.tags.iter().any(|x| x == t),
    }
}

fn sel_matches(prog: &Program, sel: &Sel, key: &[u8]) -> bool {
    match sel {
        Sel::Key(k) => key.eq_ignore_ascii_case(k),
        Sel::Regex(i) => prog.key_regexes[*i as usize].is_match(key),
        Sel::Pattern(re) => re.is_match(key),
    }
}

/// Whether a member with `key` is one the target reads.
fn selected(prog: &Program, t: &Target, key: &[u8]) -> bool {
    t.sel.as_ref().map_or(true, |s| sel_matches(prog, s, key)) && !t.exclude.iter().any(|s| sel_matches(prog, s, key))
}

/// [`selected`] for the TX variable in `slot`: key regexes on compiled
/// names are answered from the table made at compile time.
fn selected_tx(prog: &Program, t: &Target, slot: Slot, key: &[u8]) -> bool {
    let test = |s: &Sel| match s {
        Sel::Regex(i) => match prog.tx_key_matches[*i as usize].get(slot as usize) {
            Some(&m) => m,
            None => sel_matches(prog, s, key),
        },
        Sel::Key(_) | Sel::Pattern(_) => sel_matches(prog, s, key),
    };
    t.sel.as_ref().map_or(true, test) && !t.exclude.iter().any(test)
}

/// `MATCHED_VAR_NAME` of a member: `ARGS:q`, `REQUEST_URI`.
fn full_name(out: &mut Vec<u8>, source: Source, key: &[u8]) {
    out.clear();
    out.extend_from_slice(source.name().as_bytes());
    if source.is_collection() && !key.is_empty() {
        out.push(b':');
        out.extend_from_slice(key);
    }
}

/// One phase's run over one request.
pub(crate) struct Run<'a, 'v> {
    pub prog: &'a Program,
    /// The configuration: which rules run, their targets.
    pub ov: &'a Overlay,
    pub ops: &'a mut Ops,
    pub st: &'a mut State,
    pub cache: &'a mut ValueCache,
    pub vars: &'a Vars<'v>,
    pub verify: bool,
}

impl<'a, 'v> Run<'a, 'v> {
    pub fn phase(&mut self, phase: usize) {
        let prog = self.prog;
        for step in &prog.steps[phase] {
            if let Some(m) = self.st.marker {
                if *step == Step::Marker(m) {
                    self.st.marker = None;
                }
                continue;
            }
            if self.st.skip > 0 {
                self.st.skip -= 1;
                continue;
            }
            let (rule, disabled) = match *step {
                Step::Marker(_) => continue,
                Step::Rule(r) => (&prog.rules[r as usize], self.ov.disabled[r as usize]),
            };
            if disabled || self.removed(rule) {
                continue;
            }
            self.rule(rule);
            if self.st.stopped {
                return;
            }
        }
    }

    /// Removed for this request by a `ctl:ruleRemoveById/ByTag`.
    fn removed(&self, rule: &Rule) -> bool {
        self.st.removed_rules.iter().any(|&(l, c)| match &self.prog.links[l as usize].ctls[c as usize] {
            Ctl::RemoveRules(set) => rule_in(set, rule),
            _ => false,
        })
    }

    /// Removed for this rule by a `ctl:ruleRemoveTarget*` (any in force).
    fn target_removed_key(&self, rule: &Rule, source: Source, key: &[u8]) -> bool {
        !self.st.removed_targets.is_empty() && self.target_removed(rule, source, Some(key))
    }

    /// Removed for this rule by a `ctl:ruleRemoveTarget*`: the whole
    /// target (`key` None) or the member with `key`.
    fn target_removed(&self, rule: &Rule, source: Source, key: Option<&[u8]>) -> bool {
        self.st.removed_targets.iter().any(|&(l, c)| match &self.prog.links[l as usize].ctls[c as usize] {
            Ctl::RemoveTarget(set, s, sel) if *s == source && rule_in(set, rule) => match (sel, key) {
                (None, _) => true,
                (Some(sel), Some(k)) => sel_matches(self.prog, sel, k),
                (Some(_), None) => false,
            },
            _ => false,
        })
    }

    fn rule(&mut self, rule: &Rule) {
        for k in 0..rule.count {
            if !self.link(rule, rule.first + k) {
                return;
            }
            if k == 0 && rule.count > 1 && rule.log {
                let st = &mut *self.st;
                st.starter_var.clear();
                st.starter_var.extend_from_slice(&st.matched_name);
            }
        }
        for k in (0..rule.count).rev() {
            self.after_match(rule.first + k);
        }
        if rule.log && !self.st.matches.iter().any(|m| m.id == rule.id) {
            let var = if rule.count > 1 { &self.st.starter_var } else { &self.st.matched_name };
            let var = String::from_utf8_lossy(var).into_owned();
            self.st.matches.push(Match { id: rule.id, category: rule.category.clone(), paranoia_level: rule.paranoia_level, severity: rule.severity.clone(), var });
        }
        match rule.disruptive {
            Disruptive::Pass => {}
            Disruptive::Deny => {
                self.st.blocked = true;
                self.st.stopped = true;
            }
            Disruptive::Allow => self.st.stopped = true,
        }
    }

    /// The actions that run once the whole chain matched.
    fn after_match(&mut self, li: u32) {
        let link = &self.prog.links[li as usize];
        for (c, ctl) in link.ctls.iter().enumerate() {
            match ctl {
                Ctl::RemoveRules(_) => self.st.removed_rules.push((li, c as u32)),
                Ctl::RemoveTarget(..) => self.st.removed_targets.push((li, c as u32)),
                Ctl::RequestBodyProcessor(p) => self.st.reprocess = Some(*p),
                Ctl::ForceRequestBodyVariable(on) => self.st.body_forced = *on,
                // This engine writes no audit log.
                Ctl::AuditEngine => {}
            }
        }
        if let Some(m) = link.skip_after {
            self.st.marker = Some(m);
        }
        if link.skip > 0 {
            self.st.skip = link.skip;
        }
    }

    /// Evaluates one link over all its values; whether anything matched.
    fn link(&mut self, rule: &Rule, li: u32) -> bool {
        let prog = self.prog;
        let link = &prog.links[li as usize];
        if link.unconditional {
            setvars(self.prog, self.st, self.vars, link);
            return true;
        }
        if link.reads_captures {
            settle_captures(prog, &mut self.st.tx);
        }
        let prefiltered = self.ov.prefiltered[li as usize];
        let unseen = prefiltered && !self.cache.maybe(prog, li);
        if unseen && !self.verify {
            self.st.clean_matched();
            return false;
        }
        let mut matched = false;
        for t in self.ov.targets(prog, li) {
            if !self.st.removed_targets.is_empty() && self.target_removed(rule, t.source, None) {
                continue;
            }
            matched |= self.target(rule, li, t);
        }
        if !matched {
            self.st.clean_matched();
        }
        matched
    }

    fn target(&mut self, rule: &Rule, li: u32, t: &Target) -> bool {
        let prog = self.prog;
        let link = &prog.links[li as usize];
        let vars = self.vars;
        let check_removed = !self.st.removed_targets.is_empty();
        if t.count {
            let n = self.count(rule, t);
            let mut value = std::mem::take(&mut self.st.value);
            write_int(&mut value, n as i64);
            let key = match &t.sel {
                Some(Sel::Key(k)) => &k[..],
                _ => b"",
            };
            let hit = self.test_plain(link, t.source, key, &value, false);
            self.st.value = value;
            return hit;
        }
        match t.source {
            Source::Request(Var::RequestBody) if !self.st.body_visible() => false,
            Source::Request(var) => {
                let base = self.cache.base(var);
                let mut any = false;
                if self.ov.prefiltered[li as usize] && !self.verify {
                    // Only the members where its literals were seen.
                    for (i, m) in vars.members(var).enumerate() {
                        let slot = base + i as u32;
                        if link.prefilter_nodes.iter().any(|&n| self.cache.may_match(prog, slot, m.value, n, li)) {
                            any |= self.request_value(rule, li, t, slot, m.key, m.value, check_removed);
                        }
                    }
                    return any;
                }
                for (i, m) in vars.members(var).enumerate() {
                    any |= self.request_value(rule, li, t, base + i as u32, m.key, m.value, check_removed);
                }
                any
            }
            _ => {
                // TX and the matched variables change as the link runs
                // (setvar, captures): it reads them as they were.
                let mut snapshot = std::mem::take(&mut self.st.snapshot);
                let n = self.collect(rule, t, &mut snapshot);
                let mut any = false;
                for (name, value) in &snapshot[..n] {
                    any |= self.test_plain(link, t.source, name, value, true);
                }
                self.st.snapshot = snapshot;
                any
            }
        }
    }

    /// `&VAR`: how many members the target reads.
    fn count(&self, rule: &Rule, t: &Target) -> usize {
        let prog = self.prog;
        let st = &*self.st;
        let keep = |key: &[u8]| selected(prog, t, key) && !(!st.removed_targets.is_empty() && self.target_removed(rule, t.source, Some(key)));
        match t.source {
            Source::Request(Var::RequestBody) if !st.body_visible() => 0,
            Source::Request(var) => self.vars.members(var).filter(|m| keep(m.key)).count(),
            Source::Tx => match t.tx_slot {
                Some(slot) => usize::from(st.tx.get(slot).is_some() && keep(prog.tx.name(slot).as_bytes())),
                None => st.tx.iter(&prog.tx).filter(|(s, k, _)| selected_tx(prog, t, *s, k.as_bytes()) && !self.target_removed_key(rule, t.source, k.as_bytes())).count(),
            },
            Source::MatchedVar | Source::MatchedVarName => usize::from(!st.matched_name.is_empty()),
            Source::MatchedVars | Source::MatchedVarsNames => st.matched_vars[..st.matched_len].iter().filter(|(k, _)| keep(k)).count(),
        }
    }

    /// Copies the members of a non-request target into `out` as (key,
    /// value); returns how many.
    fn collect(&self, rule: &Rule, t: &Target, out: &mut Vec<(Vec<u8>, Vec<u8>)>) -> usize {
        let prog = self.prog;
        let st = &*self.st;
        let mut n = 0;
        let mut push = |name: &[u8], value: &[u8]| {
            if out.len() <= n {
                out.push((Vec::new(), Vec::new()));
            }
            let (k, v) = &mut out[n];
            k.clear();
            k.extend_from_slice(name);
            v.clear();
            v.extend_from_slice(value);
            n += 1;
        };
        let keep = |key: &[u8]| selected(prog, t, key) && !(!st.removed_targets.is_empty() && self.target_removed(rule, t.source, Some(key)));
        match t.source {
            Source::Tx if t.tx_slot.is_some() => {
                let slot = t.tx_slot.unwrap_or(0);
                let key = prog.tx.name(slot).as_bytes();
                if let Some(v) = st.tx.get(slot) {
                    if keep(key) {
                        push(key, v);
                    }
                }
            }
            Source::Tx => {
                for (s, k, v) in st.tx.iter(&prog.tx) {
                    if selected_tx(prog, t, s, k.as_bytes()) && !self.target_removed_key(rule, t.source, k.as_bytes()) {
                        push(k.as_bytes(), v);
                    }
                }
            }
            Source::MatchedVar => {
                if !st.matched_name.is_empty() {
                    push(b"", &st.matched_var);
                }
            }
            Source::MatchedVarName => {
                if !st.matched_name.is_empty() {
                    push(b"", &st.matched_name);
                }
            }
            Source::MatchedVars | Source::MatchedVarsNames => {
                for (k, v) in &st.matched_vars[..st.matched_len] {
                    if keep(k) {
                        // Members are keyed by the variable they came from.
                        let value = if t.source == Source::MatchedVars { &v[..] } else { &k[..] };
                        push(k, value);
                    }
                }
            }
            Source::Request(_) => {}
        }
        n
    }

    /// A value of the request: transformations from the cache.
    #[allow(clippy::too_many_arguments)]
    fn request_value(&mut self, rule: &Rule, li: u32, t: &Target, slot: u32, key: &[u8], raw: &[u8], check_removed: bool) -> bool {
        let prog = self.prog;
        let link = &prog.links[li as usize];
        if !selected(prog, t, key) || (check_removed && self.target_removed(rule, t.source, Some(key))) {
            return false;
        }
        let mut cands = std::mem::take(&mut self.st.candidates);
        cands.clear();
        if link.multi_match {
            let mut path = std::mem::take(&mut self.st.path);
            prog.pipelines.path(link.node, &mut path);
            cands.push((ROOT, Bytes::Raw));
            for &n in &path {
                let b = self.cache.get(&prog.pipelines, slot, raw, n);
                if cands.last().map_or(true, |&(_, last)| last != b) {
                    cands.push((n, b));
                }
            }
            self.st.path = path;
        } else {
            let b = self.cache.get(&prog.pipelines, slot, raw, link.node);
            cands.push((link.node, b));
        }
        // Checking mode: would the prefilter have let this value through?
        let mut unseen = false;
        if self.ov.prefiltered[li as usize] && self.verify {
            unseen = !link.prefilter_nodes.iter().any(|&n| self.cache.may_match(prog, slot, raw, n, li));
        }
        let detect = matches!(link.op, Op::DetectSqli | Op::DetectXss);
        let second_opinion = self.ov.second_opinion[li as usize];
        let mut any = false;
        for &(node, b) in &cands {
            let findings = if detect { Some(self.cache.findings(&prog.pipelines, slot, raw, node, &mut self.ops.single)) } else { None };
            if !test(prog, self.ops, self.st, self.vars, link, self.cache.bytes(raw, b), findings) {
                continue;
            }
            // A second opinion asked and our detectors call the value clean:
            // for this rule it did not match.
            if second_opinion != [0; 3] {
                let found = self.cache.findings(&prog.pipelines, slot, raw, node, &mut self.ops.single).found;
                if (0..3).all(|i| found[i] & second_opinion[i] == 0) {
                    continue;
                }
            }
            full_name(&mut self.st.name, t.source, key);
            matched(prog, self.st, self.vars, link, self.cache.bytes(raw, b));
            any = true;
        }
        self.st.candidates = cands;
        if any && unseen {
            self.st.violations.push(format!("rule {} matched {} though the prefilter saw none of its literals in it", rule.id, String::from_utf8_lossy(&self.st.matched_name)));
        }
        any
    }


    /// A value outside the request's (TX, the matched variables, a
    /// count), named `source:key`: transformed here, not cached.
    fn test_plain(&mut self, link: &Link, source: Source, key: &[u8], raw: &[u8], transform: bool) -> bool {
        let prog = self.prog;
        if !transform || link.node == ROOT {
            // Nothing to transform: the value as it is, once.
            if !test(prog, self.ops, self.st, self.vars, link, raw, None) {
                return false;
            }
            full_name(&mut self.st.name, source, key);
            matched(prog, self.st, self.vars, link, raw);
            return true;
        }
        let mut chain = std::mem::take(&mut self.st.chain);
        // chain[0] is the value; then each step's result when it changed.
        let mut n = 1;
        if chain.is_empty() {
            chain.push(Vec::new());
        }
        chain[0].clear();
        chain[0].extend_from_slice(raw);
        if transform {
            let mut path = std::mem::take(&mut self.st.path);
            prog.pipelines.path(link.node, &mut path);
            for &node in &path {
                if let Some(out) = prog.pipelines.node(node).transform.apply(&chain[n - 1]) {
                    if chain.len() <= n {
                        chain.push(Vec::new());
                    }
                    chain[n] = out;
                    n += 1;
                }
            }
            self.st.path = path;
        }
        let first = if link.multi_match { 0 } else { n - 1 };
        let mut any = false;
        for value in &chain[first..n] {
            if test(prog, self.ops, self.st, self.vars, link, value, None) {
                full_name(&mut self.st.name, source, key);
                matched(prog, self.st, self.vars, link, value);
                any = true;
            }
        }
        self.st.chain = chain;
        any
    }

}

/// One match of `link` on `value` (named `st.name`): the matched
/// variables, then the link's setvars.
fn matched(prog: &Program, st: &mut State, vars: &Vars, link: &Link, value: &[u8]) {
    st.matched_var.clear();
    st.matched_var.extend_from_slice(value);
    st.matched_name.clear();
    st.matched_name.extend_from_slice(&st.name);
    if st.matched_vars.len() <= st.matched_len {
        st.matched_vars.push((Vec::new(), Vec::new()));
    }
    let (k, v) = &mut st.matched_vars[st.matched_len];
    k.clear();
    k.extend_from_slice(&st.name);
    v.clear();
    v.extend_from_slice(value);
    st.matched_len += 1;
    setvars(prog, st, vars, link);
}

fn setvars(prog: &Program, st: &mut State, vars: &Vars, link: &Link) {
    if link.setvars_read_captures {
        settle_captures(prog, &mut st.tx);
    }
    for sv in &link.setvars {
        let mut value = std::mem::take(&mut st.value);
        let slot = match &sv.name {
            SetVarName::Fixed(s) => Some(*s),
            SetVarName::Expanded(t) => {
                let mut name = std::mem::take(&mut st.param);
                expand(t, st, vars, &mut name);
                name.make_ascii_lowercase();
                let slot = st.tx.slot(&prog.tx, &String::from_utf8_lossy(&name), !matches!(sv.op, SetVarOp::Delete));
                st.param = name;
                slot
            }
        };
        if let Some(slot) = slot {
            match &sv.op {
                SetVarOp::Set(t) => {
                    expand(t, st, vars, &mut value);
                    st.tx.set(slot, &value);
                }
                SetVarOp::Add(t) | SetVarOp::Sub(t) => {
                    expand(t, st, vars, &mut value);
                    let by = to_int(&value);
                    let now = st.tx.get(slot).map_or(0, to_int);
                    let next = if matches!(sv.op, SetVarOp::Add(_)) { now.saturating_add(by) } else { now.saturating_sub(by) };
                    write_int(&mut value, next);
                    st.tx.set(slot, &value);
                }
                SetVarOp::Delete => st.tx.unset(slot),
            }
        }
        st.value = value;
    }
}

fn expand(t: &Template, st: &State, vars: &Vars, out: &mut Vec<u8>) {
    if let Some(l) = t.literal() {
        out.clear();
        out.extend_from_slice(l);
        return;
    }
    let src = Macros { tx: &st.tx, matched_var: &st.matched_var, matched_name: &st.matched_name, vars };
    t.expand(&src, out);
}

/// Whether `link`'s operator (with its negation) matches `value`.
fn test(prog: &Program, ops: &mut Ops, st: &mut State, vars: &Vars, link: &Link, value: &[u8], findings: Option<shield::SingleFindings>) -> bool {
    let mut param = std::mem::take(&mut st.param);
    param.clear();
    if let Some(t) = link.op.param() {
        if link.reads_captures {
            settle_captures(prog, &mut st.tx);
        }
        expand(t, st, vars, &mut param);
    }
    let hit = ops.matches(prog, &link.op, value, &param, link.capture, &mut st.tx, findings);
    st.param = param;
    hit != link.negate
}
