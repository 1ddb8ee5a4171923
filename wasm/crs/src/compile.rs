//! IR -> program: what [`Program::load`] does once per process (or Wasm
//! instance). Resolves every name (variables, transformations, operators,
//! markers, TX slots), builds the pipeline trie and the prefilter automaton.
//! Nothing here depends on a user's [`crate::Config`]: one program serves
//! every configuration, each applying its own overlay
//! (`engine::overlay`). Anything the engine cannot run is an error here,
//! never skipped at run time.

use crate::engine::lazy::LazyOps;
use crate::engine::pipeline::{Pipelines, ROOT};
use crate::engine::targets::{parse_target_spec, Source};
use crate::ir;
use crate::macros::Template;
use crate::operators::{ByteRange, Comparison, IpSet};
use crate::prefilter::{Automaton, Prefilter, PrefilterBuilder};
use crate::transform::Transform;
use crate::tx::{Slot, TxNames};
use crate::vars::BodyProcessor;
use crate::Config;
use regex::bytes::{Regex, RegexBuilder};
use std::rc::Rc;

/// One entry of a phase's rule list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Step {
    Rule(u32),
    Marker(u32),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Disruptive {
    /// `pass`, and `block` (CRS's SecDefaultAction makes it `pass`: the
    /// anomaly score decides, in 949110).
    Pass,
    /// `deny`, `drop`: the request is intercepted, evaluation stops.
    Deny,
    /// `allow`: the rest of the request's rules are skipped.
    Allow,
}

/// A `SecRule`/`SecAction` with its chain.
#[derive(Debug)]
pub(crate) struct Rule {
    pub id: u32,
    pub paranoia_level: Option<u8>,
    pub tags: Vec<String>,
    pub category: Option<String>,
    pub severity: Option<String>,
    pub log: bool,
    pub disruptive: Disruptive,
    /// Its links are `links[first..first + count]`, in chain order.
    pub first: u32,
    pub count: u32,
}

/// A member selector, resolved.
#[derive(Debug, Clone)]
pub(crate) enum Sel {
    /// Lower-case key, compared ASCII case-insensitively.
    Key(Vec<u8>),
    /// Index into [`Program::key_regexes`].
    Regex(u32),
    /// A user exclusion's key regex (`ARGS:/^body_/`): it belongs to one
    /// configuration, not to the shared program.
    Pattern(Regex),
}

#[derive(Debug, Clone)]
pub(crate) struct Target {
    pub source: Source,
    pub sel: Option<Sel>,
    /// `TX:name`: the variable's slot, read directly.
    pub tx_slot: Option<Slot>,
    pub count: bool,
    pub exclude: Vec<Sel>,
}

#[derive(Debug)]
pub(crate) enum Op {
    /// Index into [`Program::regexes`].
    Rx(u32),
    /// Index into [`Program::phrase_sets`].
    Pm(u32),
    DetectSqli,
    DetectXss,
    Streq(Template),
    Contains(Template),
    BeginsWith(Template),
    EndsWith(Template),
    Within(Template),
    Compare(Comparison, Template),
    ValidateUrlEncoding,
    ValidateUtf8Encoding,
    ValidateByteRange(ByteRange),
    IpMatch(IpSet),
    UnconditionalMatch,
}

impl Op {
    /// The operator's argument template, if it has one.
    pub fn param(&self) -> Option<&Template> {
        match self {
            Op::Streq(t) | Op::Contains(t) | Op::BeginsWith(t) | Op::EndsWith(t) | Op::Within(t) | Op::Compare(_, t) => Some(t),
            _ => None,
        }
    }
}

#[derive(Debug)]
pub(crate) enum SetVarOp {
    Set(Template),
    Add(Template),
    Sub(Template),
    Delete,
}

#[derive(Debug)]
pub(crate) struct SetVar {
    /// The lower-case name: a fixed slot, or a template expanded per match.
    pub name: SetVarName,
    pub op: SetVarOp,
}

#[derive(Debug)]
pub(crate) enum SetVarName {
    Fixed(Slot),
    Expanded(Template),
}

/// Which rules a runtime `ctl` or a user exclusion applies to.
#[derive(Debug, Clone)]
pub(crate) enum RuleSet {
    Ids(Vec<(u32, u32)>),
    Tag(String),
}

#[derive(Debug)]
pub(crate) enum Ctl {
    RemoveRules(RuleSet),
    /// Leaves out a target (all of it when no selector) of the rules.
    RemoveTarget(RuleSet, Source, Option<Sel>),
    /// Re-parse the body with this processor (`URLENCODED`, `JSON`, ...).
    RequestBodyProcessor(BodyProcessor),
    ForceRequestBodyVariable(bool),
    /// `ctl:auditEngine`: audit logging, which this engine does not do.
    AuditEngine,
}

/// One rule of a chain (the starter is a link too).
#[derive(Debug)]
pub(crate) struct Link {
    pub targets: Vec<Target>,
    /// SecAction: no targets, matches once.
    pub unconditional: bool,
    pub op: Op,
    pub negate: bool,
    /// Pipeline node of its transformations.
    pub node: u32,
    pub multi_match: bool,
    pub capture: bool,
    /// Its targets or operator argument read a capture (`TX:0`-`TX:9`):
    /// deferred captures are settled before it runs (`tx::Tx::defer`).
    pub reads_captures: bool,
    /// Its setvars read a capture (`%{tx.1}`): settled before they run,
    /// after the link's own capture.
    pub setvars_read_captures: bool,
    pub setvars: Vec<SetVar>,
    pub ctls: Vec<Ctl>,
    pub skip_after: Option<u32>,
    pub skip: u32,
    /// The prefilter knows its literals: it may run only on values where
    /// one was seen (see `engine::values`), when its rule runs under the
    /// configuration (`engine::overlay`).
    pub prefiltered: bool,
    /// The pipeline nodes whose results the prefilter scans for it: its
    /// own, and for `multiMatch` every step of the way.
    pub prefilter_nodes: Vec<u32>,
}

/// The compiled rules: everything that depends neither on the request nor
/// on the configuration. Build it once ([`Program::load`]) and share it
/// between the [`crate::Engine`]s of every configuration
/// ([`crate::Engine::with_program`]): its prefilter automaton alone is over
/// 12 MiB.
pub struct Program {
    pub(crate) version: String,
    pub(crate) steps: [Vec<Step>; 2],
    pub(crate) rules: Vec<Rule>,
    pub(crate) links: Vec<Link>,
    pub(crate) markers: Vec<String>,
    pub(crate) tx: TxNames,
    pub(crate) pipelines: Pipelines,
    /// `@rx` patterns, compiled on first use (see `engine::lazy`).
    pub(crate) regexes: Vec<String>,
    /// `@pm` / `@pmFromFile` phrases, lower case.
    pub(crate) phrase_sets: Vec<Vec<Vec<u8>>>,
    pub(crate) key_regexes: Vec<Regex>,
    /// `key_regexes[r]` on the name of each compiled TX slot, answered
    /// once here: rules like 920450's chain test every TX variable's name.
    pub(crate) tx_key_matches: Vec<Vec<bool>>,
    pub(crate) prefilter: Prefilter,
    /// Regexes and phrase automata built on first use, for every engine
    /// sharing the program.
    pub(crate) lazy: LazyOps,
    /// Slots of `TX:0`..`TX:9`.
    pub(crate) captures: [Slot; 10],
    pub(crate) blocking_score: Slot,
}

impl std::fmt::Debug for Program {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Program({} rules, {} links, {} regexes)", self.rules.len(), self.links.len(), self.regexes.len())
    }
}

/// The TX variables a configuration sets before the first rule (the
/// values of crs-setup.conf): see `engine::overlay`.
pub(crate) const PRESET_NAMES: [&str; 4] = ["crs_setup_version", "blocking_paranoia_level", "detection_paranoia_level", "inbound_anomaly_score_threshold"];

impl Program {
    /// The embedded CRS rules ([`crate::RULES_JSON`]), compiled.
    pub fn load() -> Result<Rc<Program>, String> {
        Program::from_json(crate::RULES_JSON)
    }

    /// Rules from a JSON [`ir::RuleSet`] (the generator's output, or a
    /// test's own), compiled.
    pub fn from_json(rules_json: &str) -> Result<Rc<Program>, String> {
        let rules: ir::RuleSet = serde_json::from_str(rules_json).map_err(|e| format!("rule table: {}", e))?;
        compile(&rules).map(Rc::new)
    }

    /// Compiles every regex and phrase set now. Otherwise each is compiled
    /// when a request first needs it (most never are, on benign traffic).
    pub fn warm_up(&self) {
        self.lazy.warm_up(self);
    }

    /// Regexes or phrase sets that failed to build (their rules never
    /// match). Empty for the shipped rules; a test checks it.
    pub fn operator_errors(&self) -> Vec<String> {
        self.lazy.errors()
    }

    /// Heap bytes of the prefilter automaton and byte tables (for memory budgets).
    pub fn prefilter_heap_bytes(&self) -> usize {
        self.prefilter.heap_bytes()
    }

    /// The number of rules (chains count once).
    pub fn rule_count(&self) -> usize {
        self.rules.len()
    }
}

/// Validates `cfg`, naming the field at fault.
pub(crate) fn check_config(cfg: &Config) -> Result<(), String> {
    if !(1..=4).contains(&cfg.paranoia_level) {
        return Err(format!("paranoia_level must be 1-4, not {}", cfg.paranoia_level));
    }
    if cfg.anomaly_threshold == 0 {
        return Err("anomaly_threshold must be at least 1".into());
    }
    if cfg.max_body_bytes == 0 {
        return Err("max_body_bytes must be at least 1".into());
    }
    for &(lo, hi) in &cfg.disabled_ids {
        if lo > hi {
            return Err(format!("disabled_ids: range {}-{} is backwards", lo, hi));
        }
    }
    if cfg.disabled_tags.iter().any(|t| t.is_empty()) {
        return Err("disabled_tags: empty tag".into());
    }
    for e in &cfg.exclusions {
        parse_target_spec(&e.target).map_err(|m| format!("exclusions: {}", m))?;
        if let Some(&(lo, hi)) = e.ids.iter().find(|(lo, hi)| lo > hi) {
            return Err(format!("exclusions: range {}-{} is backwards", lo, hi));
        }
        if e.tags.iter().any(|t| t.is_empty()) {
            return Err("exclusions: empty tag".into());
        }
    }
    for o in &cfg.second_opinions {
        if let Some(&(lo, hi)) = o.ids.iter().find(|(lo, hi)| lo > hi) {
            return Err(format!("second_opinions: range {}-{} is backwards", lo, hi));
        }
        if o.tags.iter().any(|t| t.is_empty()) {
            return Err("second_opinions: empty tag".into());
        }
        if o.categories.is_empty() {
            return Err("second_opinions: no category".into());
        }
        if let Some(c) = o.categories.iter().find(|c| shield::Category::from_name(c).is_none()) {
            return Err(format!("second_opinions: unknown category {:?}", c));
        }
        if severity_index(&o.min_severity).is_none() {
            return Err(format!("second_opinions: unknown min_severity {:?}", o.min_severity));
        }
    }
    Ok(())
}

/// `LOW`, `MEDIUM`, `HIGH` as an index of `shield::SingleFindings::found`.
pub(crate) fn severity_index(name: &str) -> Option<usize> {
    ["LOW", "MEDIUM", "HIGH"].iter().position(|s| *s == name)
}

pub(crate) fn in_ranges(id: u32, ranges: &[(u32, u32)]) -> bool {
    ranges.iter().any(|&(lo, hi)| lo <= id && id <= hi)
}

/// `crs_setup_version` as crs-setup.conf sets it: the version's numbers
/// run together (`4.29.0-dev` -> `4290`).
pub(crate) fn setup_version(version: &str) -> String {
    let core = version.split(|c: char| c == '-' || c == '+').next().unwrap_or("");
    core.split('.').filter(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())).collect()
}

/// Whether `link`'s targets or operator argument read a capture, and
/// whether its setvars do: `TX:0`-`TX:9` as a target (by name, through a key
/// regex that matches one of their names, or the whole of `TX`), or a
/// `%{tx.N}` macro.
fn reads_captures(prog: &Program, link: &Link) -> (bool, bool) {
    let captures = &prog.captures;
    let names_a_capture = |sel: &Sel| match sel {
        Sel::Key(k) => captures.iter().any(|&c| prog.tx.name(c).as_bytes().eq_ignore_ascii_case(k)),
        Sel::Regex(i) => captures.iter().any(|&c| prog.tx_key_matches[*i as usize].get(c as usize).copied().unwrap_or(true)),
        Sel::Pattern(re) => captures.iter().any(|&c| re.is_match(prog.tx.name(c).as_bytes())),
    };
    let target = link.targets.iter().any(|t| {
        t.source == Source::Tx
            && match t.tx_slot {
                Some(s) => captures.contains(&s),
                None => t.sel.as_ref().map_or(true, names_a_capture),
            }
    });
    let param = link.op.param().map_or(false, |t| t.reads_tx(captures));
    let setvars = link.setvars.iter().any(|sv| {
        let name = matches!(&sv.name, SetVarName::Expanded(t) if t.reads_tx(captures));
        let value = matches!(&sv.op, SetVarOp::Set(t) | SetVarOp::Add(t) | SetVarOp::Sub(t) if t.reads_tx(captures));
        name || value
    });
    (target || param, setvars)
}

/// See `prefilter::Automaton`; chosen by measurement (docs/perf-log.md).
const PREFILTER_AUTOMATON: Automaton = Automaton::Dfa;

struct Builder<'c> {
    prog: Program,
    errors: Vec<String>,
    marker_names: Vec<String>,
    data_files: &'c std::collections::BTreeMap<String, Vec<String>>,
    prefilter: PrefilterBuilder,
    /// Per link: the prefilter literals and bytes, registered after all
    /// links exist (`None`: the link is not scannable).
    literals: Vec<Option<(Option<Vec<String>>, Option<Vec<u8>>)>>,
}

/// Compiles `rules`.
fn compile(rules: &ir::RuleSet) -> Result<Program, String> {
    let mut tx = TxNames::default();
    let captures = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map(|i: u32| tx.intern(&i.to_string()));
    let blocking_score = tx.intern("blocking_inbound_anomaly_score");
    let prog = Program {
        version: rules.version.clone(),
        steps: [Vec::new(), Vec::new()],
        rules: Vec::new(),
        links: Vec::new(),
        markers: Vec::new(),
        tx,
        pipelines: Pipelines::default(),
        regexes: Vec::new(),
        phrase_sets: Vec::new(),
        key_regexes: Vec::new(),
        tx_key_matches: Vec::new(),
        prefilter: PrefilterBuilder::default().build(0, Automaton::Nfa)?,
        lazy: LazyOps::default(),
        captures,
        blocking_score,
    };
    let mut b = Builder { prog, errors: Vec::new(), marker_names: Vec::new(), data_files: &rules.data_files, prefilter: PrefilterBuilder::default(), literals: Vec::new() };
    for item in &rules.items {
        if let ir::Item::Marker { name } = item {
            if !b.marker_names.contains(name) {
                b.marker_names.push(name.clone());
            }
        }
    }
    b.prog.markers = b.marker_names.clone();
    for item in &rules.items {
        match item {
            ir::Item::Marker { name } => {
                let m = b.marker(name).unwrap_or(0);
                b.prog.steps[0].push(Step::Marker(m));
                b.prog.steps[1].push(Step::Marker(m));
            }
            ir::Item::Rule(r) => b.rule(r),
        }
    }
    // The names configurations preset (see `engine::overlay`).
    for name in PRESET_NAMES {
        b.prog.tx.intern(name);
    }
    b.finish_prefilter()?;
    let prog = &mut b.prog;
    prog.lazy = LazyOps::new(prog.regexes.len(), prog.phrase_sets.len());
    prog.tx_key_matches = prog.key_regexes.iter().map(|re| (0..prog.tx.len()).map(|s| re.is_match(prog.tx.name(s as Slot).as_bytes())).collect()).collect();
    let reading: Vec<(bool, bool)> = prog.links.iter().map(|l| reads_captures(prog, l)).collect();
    for (link, (reads, setvars_read)) in prog.links.iter_mut().zip(reading) {
        link.reads_captures = reads;
        link.setvars_read_captures = setvars_read;
    }
    if !b.errors.is_empty() {
        return Err(format!("rules the engine cannot run: {}", b.errors.join("; ")));
    }
    Ok(b.prog)
}

impl<'c> Builder<'c> {
    fn marker(&mut self, name: &str) -> Option<u32> {
        self.marker_names.iter().position(|m| m == name).map(|i| i as u32)
    }

    fn rule(&mut self, r: &ir::Rule) {
        let phase = match r.phase {
            1 | 2 => r.phase,
            p => {
                self.errors.push(format!("rule {}: phase {} (only 1 and 2 run)", r.id, p));
                return;
            }
        };
        let index = self.prog.rules.len() as u32;
        let disruptive = match r.actions.disruptive.as_deref() {
            None | Some("pass") | Some("block") => Disruptive::Pass,
            Some("deny") | Some("drop") => Disruptive::Deny,
            Some("allow") => Disruptive::Allow,
            Some(other) => {
                self.errors.push(format!("rule {}: disruptive action {}", r.id, other));
                Disruptive::Pass
            }
        };
        let first = self.prog.links.len() as u32;
        let mut link = Some(r);
        let mut count = 0;
        while let Some(l) = link {
            self.link(r, l);
            count += 1;
            link = l.chain.as_deref();
        }
        self.prog.rules.push(Rule {
            id: r.id,
            paranoia_level: r.paranoia_level,
            tags: r.tags.clone(),
            category: r.category.clone(),
            severity: r.severity.clone(),
            log: r.actions.log,
            disruptive,
            first,
            count,
        });
        self.prog.steps[(phase - 1) as usize].push(Step::Rule(index));
    }

    fn link(&mut self, rule: &ir::Rule, l: &ir::Rule) {
        let id = rule.id;
        let mut targets = Vec::new();
        for t in &l.targets {
            match self.target(t) {
                Ok(t) => targets.push(t),
                Err(e) => self.errors.push(format!("rule {}: {}", id, e)),
            }
        }
        let mut transforms = Vec::new();
        for name in &l.transforms {
            match Transform::from_name(name) {
                Some(Transform::None) => transforms.clear(),
                Some(t) => transforms.push(t),
                None => self.errors.push(format!("rule {}: transformation {}", id, name)),
            }
        }
        let node = self.prog.pipelines.node_for(&transforms);
        let unconditional = l.targets.is_empty();
        let op = match self.operator(id, &l.operator) {
            Ok(op) => op,
            Err(e) => {
                self.errors.push(format!("rule {}: {}", id, e));
                Op::UnconditionalMatch
            }
        };
        if unconditional && l.operator.name != "unconditionalMatch" {
            self.errors.push(format!("rule {}: no targets for @{}", id, l.operator.name));
        }
        let mut setvars = Vec::new();
        for s in &l.actions.setvar {
            match self.setvar(id, s) {
                Ok(s) => setvars.push(s),
                Err(e) => self.errors.push(format!("rule {}: {}", id, e)),
            }
        }
        let mut ctls = Vec::new();
        for c in &l.actions.ctl {
            match self.ctl(c) {
                Ok(c) => ctls.push(c),
                Err(e) => self.errors.push(format!("rule {}: {}", id, e)),
            }
        }
        let skip_after = match &l.actions.skip_after {
            None => None,
            Some(m) => match self.marker(m) {
                Some(i) => Some(i),
                None => {
                    // ModSecurity skips to the end of the phase when the
                    // marker never comes; CRS always defines its markers.
                    self.errors.push(format!("rule {}: skipAfter to unknown marker {}", id, m));
                    None
                }
            },
        };
        let literals = match (&op, l.operator.negate) {
            (Op::Rx(_), false) => Some((l.operator.prefilter.clone(), l.operator.prefilter_bytes.clone())),
            (Op::Pm(i), false) => Some((Some(self.prog.phrase_sets[*i as usize].iter().map(|p| String::from_utf8_lossy(p).into_owned()).collect()), None)),
            _ => None,
        };
        // Only values of the request can be scanned ahead of the rules.
        let scannable = !unconditional && targets.iter().all(|t| t.source.is_request() && !t.count);
        self.literals.push(if scannable { literals } else { None });
        self.prog.links.push(Link {
            targets,
            unconditional,
            op,
            negate: l.operator.negate,
            node,
            multi_match: l.actions.multi_match,
            capture: l.actions.capture,
            // Set once every key regex is known.
            reads_captures: false,
            setvars_read_captures: false,
            setvars,
            ctls,
            skip_after,
            skip: l.actions.skip.unwrap_or(0),
            prefiltered: false,
            prefilter_nodes: Vec::new(),
        });
    }

    fn selector(&mut self, s: &ir::Selector) -> Result<Sel, String> {
        Ok(match s {
            ir::Selector::Key(k) => Sel::Key(k.as_bytes().to_ascii_lowercase()),
            ir::Selector::Regex(r) => {
                let re = RegexBuilder::new(r).unicode(false).case_insensitive(true).build().map_err(|e| format!("key regex /{}/: {}", r, e))?;
                self.prog.key_regexes.push(re);
                Sel::Regex(self.prog.key_regexes.len() as u32 - 1)
            }
        })
    }

    fn target(&mut self, t: &ir::Target) -> Result<Target, String> {
        let source = Source::from_name(&t.collection).ok_or_else(|| format!("variable {}", t.collection))?;
        let sel = match &t.selector {
            None => None,
            Some(s) => Some(self.selector(s)?),
        };
        let tx_slot = match (source, &t.selector) {
            (Source::Tx, Some(ir::Selector::Key(k))) => Some(self.prog.tx.intern(k)),
            _ => None,
        };
        let mut exclude = Vec::new();
        for e in &t.exclude {
            exclude.push(self.selector(e)?);
        }
        Ok(Target { source, sel, tx_slot, count: t.count, exclude })
    }

    fn template(&mut self, id: u32, text: &str) -> Result<Template, String> {
        Template::parse(text, &mut self.prog.tx, id, &|c| match Source::from_name(c) {
            Some(Source::Request(v)) => Some(v),
            _ => None,
        })
    }

    fn operator(&mut self, id: u32, o: &ir::Operator) -> Result<Op, String> {
        let p = o.param.as_str();
        Ok(match o.name.as_str() {
            "rx" => {
                self.prog.regexes.push(p.to_string());
                Op::Rx(self.prog.regexes.len() as u32 - 1)
            }
            "pm" => self.phrases(pm_phrases(p))?,
            "pmFromFile" => {
                let mut all = Vec::new();
                for file in p.split_whitespace() {
                    let list = self.data_files.get(file).ok_or_else(|| format!("@pmFromFile {}: no such data file", file))?;
                    all.extend(list.iter().map(|s| s.as_bytes().to_vec()));
                }
                self.phrases(all)?
            }
            "detectSQLi" => Op::DetectSqli,
            "detectXSS" => Op::DetectXss,
            "streq" => Op::Streq(self.template(id, p)?),
            "contains" => Op::Contains(self.template(id, p)?),
            "beginsWith" => Op::BeginsWith(self.template(id, p)?),
            "endsWith" => Op::EndsWith(self.template(id, p)?),
            "within" => Op::Within(self.template(id, p)?),
            "eq" => Op::Compare(Comparison::Eq, self.template(id, p)?),
            "gt" => Op::Compare(Comparison::Gt, self.template(id, p)?),
            "ge" => Op::Compare(Comparison::Ge, self.template(id, p)?),
            "lt" => Op::Compare(Comparison::Lt, self.template(id, p)?),
            "le" => Op::Compare(Comparison::Le, self.template(id, p)?),
            "validateUrlEncoding" => Op::ValidateUrlEncoding,
            "validateUtf8Encoding" => Op::ValidateUtf8Encoding,
            "validateByteRange" => Op::ValidateByteRange(ByteRange::parse(p).map_err(|e| format!("@validateByteRange {}: {}", p, e))?),
            "ipMatch" => Op::IpMatch(IpSet::parse(p).map_err(|e| format!("@ipMatch {}: {}", p, e))?),
            "ipMatchFromFile" => {
                let list = self.data_files.get(p).ok_or_else(|| format!("@ipMatchFromFile {}: no such data file", p))?;
                let joined = list.join(",");
                Op::IpMatch(IpSet::parse(&joined).map_err(|e| format!("@ipMatchFromFile {}: {}", p, e))?)
            }
            "unconditionalMatch" => Op::UnconditionalMatch,
            other => return Err(format!("operator @{}", other)),
        })
    }

    fn phrases(&mut self, list: Vec<Vec<u8>>) -> Result<Op, String> {
        let list: Vec<Vec<u8>> = list.into_iter().filter(|p| !p.is_empty()).map(|p| p.to_ascii_lowercase()).collect();
        if list.is_empty() {
            return Err("@pm without phrases".into());
        }
        self.prog.phrase_sets.push(list);
        Ok(Op::Pm(self.prog.phrase_sets.len() as u32 - 1))
    }

    fn setvar(&mut self, id: u32, s: &ir::SetVar) -> Result<SetVar, String> {
        if !s.collection.eq_ignore_ascii_case("tx") {
            return Err(format!("setvar on collection {}", s.collection));
        }
        let name_t = self.template(id, &s.name.to_ascii_lowercase())?;
        let name = match name_t.literal() {
            Some(n) => SetVarName::Fixed(self.prog.tx.intern(&String::from_utf8_lossy(n))),
            None => SetVarName::Expanded(name_t),
        };
        let op = match s.op.as_str() {
            "set" => SetVarOp::Set(self.template(id, &s.value)?),
            "add" => SetVarOp::Add(self.template(id, &s.value)?),
            "sub" => SetVarOp::Sub(self.template(id, &s.value)?),
            "delete" => SetVarOp::Delete,
            other => return Err(format!("setvar operation {}", other)),
        };
        Ok(SetVar { name, op })
    }

    fn ctl(&mut self, c: &ir::Ctl) -> Result<Ctl, String> {
        let v = c.value.trim();
        Ok(match c.name.as_str() {
            "ruleRemoveById" => Ctl::RemoveRules(RuleSet::Ids(parse_id_list(v)?)),
            "ruleRemoveByTag" => Ctl::RemoveRules(RuleSet::Tag(v.to_string())),
            "ruleRemoveTargetById" | "ruleRemoveTargetByTag" => {
                let (who, target) = v.split_once(';').ok_or_else(|| format!("ctl:{}={}: no target", c.name, v))?;
                let spec = parse_target_spec(target)?;
                let sel = match &spec.key {
                    Some(k) => Some(self.selector(k)?),
                    None => None,
                };
                let rules = if c.name == "ruleRemoveTargetById" { RuleSet::Ids(parse_id_list(who)?) } else { RuleSet::Tag(who.to_string()) };
                Ctl::RemoveTarget(rules, spec.source, sel)
            }
            "requestBodyProcessor" => Ctl::RequestBodyProcessor(BodyProcessor::from_name(v).ok_or_else(|| format!("ctl:requestBodyProcessor={}: unknown processor", v))?),
            "forceRequestBodyVariable" => Ctl::ForceRequestBodyVariable(v.eq_ignore_ascii_case("on")),
            "auditEngine" => Ctl::AuditEngine,
            other => return Err(format!("ctl:{}", other)),
        })
    }

    /// Registers every prefilterable link's literals, whatever its
    /// paranoia level: which of them run is the configuration's business
    /// (`engine::overlay` works out the pass over the request for those).
    fn finish_prefilter(&mut self) -> Result<(), String> {
        let literals = std::mem::take(&mut self.literals);
        for (i, lits) in literals.iter().enumerate() {
            let (lits, bytes) = match lits {
                Some(l) => l,
                None => continue,
            };
            // A multiMatch operator also runs on the value as it is and after
            // each step: the prefilter must scan those too.
            let mut nodes = Vec::new();
            let link = &self.prog.links[i];
            if link.multi_match {
                self.prog.pipelines.path(link.node, &mut nodes);
                nodes.push(ROOT);
            } else {
                nodes.push(link.node);
            }
            if !self.prefilter.add(i as u32, lits.as_deref(), bytes.as_deref()) {
                continue;
            }
            let link = &mut self.prog.links[i];
            link.prefiltered = true;
            link.prefilter_nodes = nodes;
        }
        self.prog.prefilter = std::mem::take(&mut self.prefilter).build(self.prog.links.len(), PREFILTER_AUTOMATON)?;
        Ok(())
    }
}

/// `@pm` phrases, as ModSecurity reads them: `|41 42|` hex runs are
/// decoded first, then the text is split at whitespace.
fn pm_phrases(param: &str) -> Vec<Vec<u8>> {
    unhex_pipes(param.as_bytes()).split(|b| b.is_ascii_whitespace()).filter(|w| !w.is_empty()).map(|w| w.to_vec()).collect()
}

/// Replaces `|hex hex|` runs in a phrase with their bytes.
fn unhex_pipes(w: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(w.len());
    let mut i = 0;
    while i < w.len() {
        if w[i] == b'|' {
            if let Some(end) = w[i + 1..].iter().position(|&b| b == b'|') {
                let inner = &w[i + 1..i + 1 + end];
                let digits: Vec<u8> = inner.iter().copied().filter(|b| !b.is_ascii_whitespace()).collect();
                if !digits.is_empty() && digits.len() % 2 == 0 && digits.iter().all(|b| b.is_ascii_hexdigit()) {
                    for pair in digits.chunks(2) {
                        let hi = (pair[0] as char).to_digit(16).unwrap_or(0) as u8;
                        let lo = (pair[1] as char).to_digit(16).unwrap_or(0) as u8;
                        out.push(hi << 4 | lo);
                    }
                    i += end + 2;
                    continue;
                }
            }
        }
        out.push(w[i]);
        i += 1;
    }
    out
}

/// `920540`, `1-100`, `1,2 5-9`.
fn parse_id_list(s: &str) -> Result<Vec<(u32, u32)>, String> {
    let mut out = Vec::new();
    for part in s.split(|c: char| c == ',' || c.is_whitespace()).filter(|p| !p.is_empty()) {
        let (lo, hi) = match part.split_once('-') {
            Some((a, b)) => (a.trim(), b.trim()),
            None => (part, part),
        };
        let lo: u32 = lo.parse().map_err(|_| format!("rule id {}", part))?;
        let hi: u32 = hi.parse().map_err(|_| format!("rule id {}", part))?;
        if lo > hi {
            return Err(format!("rule id range {}", part));
        }
        out.push((lo, hi));
    }
    if out.is_empty() {
        return Err(format!("no rule id in {:?}", s));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn setup_version_runs_numbers_together() {
        assert_eq!(setup_version("4.29.0-dev"), "4290");
        assert_eq!(setup_version("4.0.0"), "400");
    }

    #[test]
    fn id_lists() {
        assert_eq!(parse_id_list("920540").unwrap(), vec![(920540, 920540)]);
        assert_eq!(parse_id_list("1-5, 9").unwrap(), vec![(1, 5), (9, 9)]);
        assert!(parse_id_list("5-1").is_err());
        assert!(parse_id_list("x").is_err());
        assert!(parse_id_list("").is_err());
    }

    #[test]
    fn links_that_read_captures_are_known_when_compiled() {
        // Deferred captures are settled where a link reads TX:0-TX:9: in
        // its targets or argument (before it runs), or in its setvars (after
        // its own capture). Settling where nothing reads them would pay
        // for every earlier capture's groups.
        let rule = |id: u32, targets: &str, param: &str, setvar: &str| {
            format!(r#"{{"item":"rule","id":{},"phase":2,"targets":{},"operator":{{"name":"streq","param":"{}"}},
                "actions":{{"capture":true,"setvar":[{{"collection":"tx","name":"x","op":"set","value":"{}"}}]}}}}"#,
                    id, targets, param, setvar)
        };
        let args = r#"[{"collection":"ARGS"}]"#;
        let items = [
            rule(1, r#"[{"collection":"TX","selector":{"key":"1"}}]"#, "a", "b"),
            rule(2, args, "%{tx.0}", "b"),
            rule(3, args, "a", "%{tx.1}"),
            rule(4, r#"[{"collection":"TX","selector":{"regex":"^header_name_"}}]"#, "a", "b"),
            rule(5, r#"[{"collection":"TX","selector":{"regex":"^[0-9]$"}}]"#, "a", "b"),
            rule(6, r#"[{"collection":"TX"}]"#, "a", "b"),
            rule(7, args, "%{tx.critical_anomaly_score}", "%{tx.score}"),
        ];
        let table = format!(r#"{{"version":"4.0.0","items":[{}],"data_files":{{}}}}"#, items.join(","));
        let prog = Program::from_json(&table).expect("rules");
        let flags: Vec<(bool, bool)> = prog.links.iter().map(|l| (l.reads_captures, l.setvars_read_captures)).collect();
        assert_eq!(flags, vec![(true, false), (true, false), (false, true), (false, false), (true, false), (true, false), (false, false)]);
    }

    #[test]
    fn pm_hex_runs() {
        assert_eq!(pm_phrases("a|41 42|c ( )"), vec![b"aABc".to_vec(), b"(".to_vec(), b")".to_vec()]);
        assert_eq!(pm_phrases("x|41 20 42|y"), vec![b"xA".to_vec(), b"By".to_vec()]);
        assert_eq!(pm_phrases("|zz| |4|"), vec![b"|zz|".to_vec(), b"|4|".to_vec()]);
    }
}
