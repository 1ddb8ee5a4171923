//! crs: a SecLang engine that runs the OWASP Core Rule Set v4 request rules
//! (phases 1 and 2) over one HTTP request.
//!
//! The rules are compiled to a table at build time by `wasm/gen_crs.py`
//! (see [`ir`]); no SecLang text is parsed here. [`Program::load`] compiles
//! that table once (rules, prefilter automaton; regexes are built on first
//! use, in the program); [`Engine::with_program`] applies one user
//! configuration (paranoia level, anomaly threshold, disabled rules, target
//! exclusions) over a shared program, at a few kilobytes per configuration;
//! [`Engine::evaluate`] runs one request and reports every rule that matched
//! and the inbound anomaly score, the way ModSecurity + CRS would.
//!
//! No I/O, no `unsafe`, no panics on any input: every byte comes from the
//! client. Work is linear in the request's bytes (the `regex` crate's
//! matching is linear; every transformation is linear in its input).

#![forbid(unsafe_code)]

pub mod ir;
pub mod operators;
pub mod transform;
pub mod vars;

#[cfg(test)]
mod test_rng;

mod compile;
mod engine;
mod macros;
mod prefilter;
mod tx;

pub use compile::Program;
pub use engine::Engine;

/// The embedded, generated rule table (`wasm/crs/generated/crs.json`).
pub const RULES_JSON: &str = include_str!("../generated/crs.json");

/// One request as the engine reads it.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    pub method: &'a str,
    /// The request target as sent: path and `?query`, still percent-encoded
    /// (`REQUEST_URI_RAW`; the engine derives `REQUEST_URI`,
    /// `REQUEST_FILENAME`, `REQUEST_BASENAME`, `QUERY_STRING`, `ARGS_GET`).
    pub uri: &'a str,
    /// `HTTP/1.1`, `HTTP/2.0`, ... (`REQUEST_PROTOCOL`).
    pub protocol: &'a str,
    /// Every header in the order received, `Cookie` and `Authorization`
    /// included, names in any case.
    pub headers: &'a [(&'a str, &'a str)],
    /// The body (the host may have cut it: `body_truncated`).
    pub body: Option<&'a [u8]>,
    pub body_truncated: bool,
    /// The client address (`REMOTE_ADDR`).
    pub remote_addr: &'a str,
}

/// What the user configures (Python `shield(...)`).
#[derive(Debug, Clone)]
pub struct Config {
    /// 1-4: rules tagged `paranoia-level/N` with N above it do not run
    /// (CRS's `tx.blocking_paranoia_level` and `tx.detection_paranoia_level`).
    pub paranoia_level: u8,
    /// `tx.inbound_anomaly_score_threshold`.
    pub anomaly_threshold: u32,
    /// Rules that never run, as inclusive id ranges (`SecRuleRemoveById`).
    pub disabled_ids: Vec<(u32, u32)>,
    /// Rules that never run, by tag (`SecRuleRemoveByTag`, exact tag).
    pub disabled_tags: Vec<String>,
    /// Targets left out of some rules (`SecRuleUpdateTargetById ... "!ARGS:x"`).
    pub exclusions: Vec<Exclusion>,
    /// Body bytes inspected (`SecRequestBodyNoFilesLimit`): past it the
    /// engine inspects the prefix and reports `body_truncated`.
    pub max_body_bytes: usize,
    /// Rules whose match on a value counts only when our own detectors
    /// (the `shield` crate) also find an attack of one of the named
    /// categories in that value, as the rule transformed it. For a rule
    /// that several entries name, the last one decides: a later entry
    /// replaces, for the rules it names, what earlier ones asked (the
    /// application's entries come after shield's defaults and override
    /// them; they cannot loosen them by adding up).
    pub second_opinions: Vec<SecondOpinion>,
}

/// A second opinion on noisy rules: a match of a rule named by `ids` or
/// `tags` on a value stands only when our detectors find, in that value, an
/// attack of one of `categories` (`SQL_INJECTION`, `COMMAND_INJECTION`,
/// ... as `shield::Category::as_str` spells them), at `min_severity` or above.
/// Applies to a rule's first link (the one that reads the request); a value
/// our detectors call clean is, for that rule, a value that did not match.
/// A later `SecondOpinion` naming the same rule replaces this one for it.
#[derive(Debug, Clone)]
pub struct SecondOpinion {
    pub ids: Vec<(u32, u32)>,
    pub tags: Vec<String>,
    pub categories: Vec<String>,
    /// The least severe finding that confirms: `LOW` (any), `MEDIUM` or `HIGH`.
    pub min_severity: String,
}

/// `target` is left out of the rules named by `ids` and `tags` (of every rule
/// when both are empty): SecLang's `ctl:ruleRemoveTargetById` idiom, applied
/// at configuration time.
#[derive(Debug, Clone)]
pub struct Exclusion {
    /// `ARGS:comment`, `ARGS:/^body_/`, `REQUEST_COOKIES:session`,
    /// `REQUEST_HEADERS:Referer`, or a whole collection (`REQUEST_COOKIES`).
    pub target: String,
    pub ids: Vec<(u32, u32)>,
    pub tags: Vec<String>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            paranoia_level: 1,
            anomaly_threshold: 5,
            disabled_ids: Vec::new(),
            disabled_tags: Vec::new(),
            exclusions: Vec::new(),
            max_body_bytes: 128 << 10,
            second_opinions: Vec::new(),
        }
    }
}

/// One rule that matched (a chain counts once, under its starter's id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    pub id: u32,
    /// See [`ir::Rule::category`].
    pub category: Option<String>,
    pub paranoia_level: Option<u8>,
    pub severity: Option<String>,
    /// `MATCHED_VAR_NAME` of the (last) match, e.g. `ARGS:q`,
    /// `REQUEST_HEADERS:User-Agent`.
    pub var: String,
}

/// What one request scored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Verdict {
    /// Every rule with `log` (not `nolog`) that matched, in evaluation
    /// order, each id once.
    pub matches: Vec<Match>,
    /// `tx.blocking_inbound_anomaly_score` after phase 2.
    pub anomaly_score: u32,
    /// The score reached the threshold (CRS's 949110 fired).
    pub blocked: bool,
    /// The body was longer than `max_body_bytes` or cut by the host.
    pub body_truncated: bool,
}
