//! The engine: a shared compiled rule set ([`Program`]), one configuration's
//! overlay on it (`overlay`), and the per-request state it reuses.
//!
//! [`Engine::evaluate`] runs phase 1, then phase 2, over one request, with
//! ModSecurity v3's semantics (see `run`). The work that would dominate a
//! naive engine, every rule's regex over every value, is avoided by the
//! prefilter pass (`values`, `crate::prefilter`): a rule none of whose
//! literals, or none of whose required bytes, occur in a value cannot match
//! it, and is answered without running. Equal values (`ARGS` and
//! `ARGS_POST`, repeated `on`) share one slot of the cache.

pub(crate) mod lazy;
mod ops;
mod overlay;
pub(crate) mod pipeline;
mod run;
pub(crate) mod targets;
mod values;

use crate::compile::{self, Program};
use crate::tx::{to_int, Slot};
use crate::vars::{BodyProcessor, Var, Vars};
use crate::{Config, Request, Verdict};
use ops::Ops;
use overlay::Overlay;
use run::{Run, State};
use std::rc::Rc;
use values::ValueCache;

/// A compiled rule set (shared) with one configuration.
pub struct Engine {
    prog: Rc<Program>,
    ov: Overlay,
    max_body_bytes: usize,
    ops: Ops,
    state: State,
    cache: ValueCache,
    verify: bool,
    /// Setup variables set before each request, after the compiled ones:
    /// the slot, or the lower-case name when the rules never spell it.
    setup: Vec<(Setup, Vec<u8>)>,
}

/// Where a setup variable goes.
#[derive(PartialEq, Eq)]
enum Setup {
    Slot(Slot),
    /// A name the rules never spell: a request-local slot, made per request
    /// (the shared program's names do not grow).
    Name(String),
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Engine({:?})", self.prog)
    }
}

impl Engine {
    /// The embedded CRS rules ([`crate::RULES_JSON`]) under `cfg`. An
    /// invalid configuration is an error naming the field.
    ///
    /// Compiles the rules for this engine alone: an application with
    /// several configurations should [`Program::load`] once and use
    /// [`Engine::with_program`].
    pub fn new(cfg: Config) -> Result<Engine, String> {
        Engine::with_rules(crate::RULES_JSON, cfg)
    }

    /// Rules from a JSON [`crate::ir::RuleSet`] (the generator's output, or a
    /// test's own), under `cfg`.
    pub fn with_rules(rules_json: &str, cfg: Config) -> Result<Engine, String> {
        compile::check_config(&cfg)?;
        Engine::with_program(Program::from_json(rules_json)?, cfg)
    }

    /// `prog` under `cfg`: the program (its rule table, prefilter automaton,
    /// regexes) is shared with every other engine made from it; this one
    /// adds only its configuration and scratch space.
    pub fn with_program(prog: Rc<Program>, cfg: Config) -> Result<Engine, String> {
        compile::check_config(&cfg)?;
        let ov = Overlay::new(&prog, &cfg)?;
        let ops = Ops::new();
        let mut cache = ValueCache::default();
        cache.live = prog.prefilter.live_literals(|l| ov.prefiltered.get(l as usize).copied().unwrap_or(false));
        Ok(Engine { prog, ov, max_body_bytes: cfg.max_body_bytes, ops, state: State::default(), cache, verify: false, setup: Vec::new() })
    }

    /// The program this engine runs (to build more engines over it).
    pub fn program(&self) -> &Rc<Program> {
        &self.prog
    }

    /// Sets `tx.<name>` to `value` before every request, as a
    /// `setvar:tx.<name>=<value>` in crs-setup.conf would (e.g. the CRS test
    /// setup's `arg_name_length`). Later calls for the same name win.
    pub fn setup_var(&mut self, name: &str, value: &str) {
        let lower = name.to_ascii_lowercase();
        let target = match self.prog.tx.get(&lower) {
            Some(slot) => Setup::Slot(slot),
            None => Setup::Name(lower),
        };
        self.setup.retain(|(s, _)| *s != target);
        self.setup.push((target, value.as_bytes().to_vec()));
    }

    /// Compiles every regex and phrase set of the program now. Otherwise
    /// each is compiled when a request first needs it (most never are, on
    /// benign traffic).
    pub fn warm_up(&mut self) {
        self.prog.warm_up();
    }

    /// A checking mode for tests, slower: every prefiltered rule runs even
    /// when its literals were not seen, and a match the prefilter would
    /// have skipped is recorded; so is a transformation that changed a
    /// value its byte classes said it would leave alone. See
    /// [`Engine::violations`].
    pub fn set_verify(&mut self, on: bool) {
        self.verify = on;
        self.cache.verify = on;
    }

    /// What the checking mode found since the last call (emptied).
    pub fn violations(&mut self) -> Vec<String> {
        let mut v = std::mem::take(&mut self.state.violations);
        v.append(&mut self.cache.violations);
        v
    }

    /// Regexes or phrase sets that failed to build (their rules never
    /// match). Empty for the shipped rules; a test checks it.
    pub fn operator_errors(&self) -> Vec<String> {
        self.prog.operator_errors()
    }

    /// Heap bytes of the prefilter automaton and byte tables (for memory budgets).
    pub fn prefilter_heap_bytes(&self) -> usize {
        self.prog.prefilter_heap_bytes()
    }

    /// The number of rules (chains count once).
    pub fn rule_count(&self) -> usize {
        self.prog.rule_count()
    }

    /// Runs one request through phases 1 and 2.
    pub fn evaluate(&mut self, req: &Request) -> Verdict {
        let prog = &*self.prog;
        let mut vars = Vars::build(req, self.max_body_bytes);
        self.state.reset(prog, &self.ov.presets);
        for (target, value) in &self.setup {
            let slot = match target {
                Setup::Slot(s) => Some(*s),
                Setup::Name(n) => self.state.tx.slot(&prog.tx, n, true),
            };
            if let Some(slot) = slot {
                self.state.tx.set(slot, value);
            }
        }
        self.state.body_urlencoded = vars.body_processor() == Some(BodyProcessor::UrlEncoded);
        self.cache.start(prog, &self.ov.pass, &vars, self.state.body_visible());
        for phase in 0..2 {
            let body_visible = self.state.body_visible();
            Run { prog, ov: &self.ov, ops: &mut self.ops, st: &mut self.state, cache: &mut self.cache, vars: &vars, verify: self.verify }.phase(phase);
            if self.state.stopped {
                break;
            }
            // The body is parsed between the phases: a processor chosen in
            // phase 1 (ctl:requestBodyProcessor) applies to phase 2.
            if let (0, Some(p)) = (phase, self.state.reprocess.take()) {
                vars.reprocess_body(p);
                self.state.body_urlencoded = p == BodyProcessor::UrlEncoded;
                self.cache.start(prog, &self.ov.pass, &vars, self.state.body_visible());
            } else if self.state.body_visible() && !body_visible {
                self.cache.pass(prog, &self.ov.pass, &vars, Var::RequestBody);
            }
        }
        let score = self.state.tx.get(prog.blocking_score).map_or(0, to_int);
        Verdict {
            matches: std::mem::take(&mut self.state.matches),
            anomaly_score: score.clamp(0, u32::MAX as i64) as u32,
            blocked: self.state.blocked,
            body_truncated: req.body_truncated || vars.body_truncated(),
        }
    }
}
