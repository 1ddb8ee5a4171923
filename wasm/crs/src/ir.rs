//! The compiled rule set: what `wasm/gen_crs.py` emits as JSON at build time
//! and the engine loads once. No SecLang text is parsed at request time; every
//! string here is already split into its parts.
//!
//! This file is the contract between the generator (Python) and the engine
//! (Rust): change both together. The JSON is `RuleSet`; field names below are
//! the JSON keys. Optional fields may be absent.

use serde::Deserialize;

/// `generated/crs.json`.
#[derive(Debug, Deserialize)]
pub struct RuleSet {
    /// The CRS version the rules came from, e.g. `"4.29.0-dev"`.
    pub version: String,
    /// Every `SecRule`, `SecAction` and `SecMarker` of the compiled files, in
    /// file order (files in name order), phases interleaved as in the files.
    /// The engine runs all phase-1 items in order, then all phase-2 items;
    /// a marker belongs to both phases (CRS puts one marker after the rules
    /// of both phases it ends).
    pub items: Vec<Item>,
    /// `@pmFromFile` / `@ipMatchFromFile` data, by file name as the rule
    /// names it (`"unix-shell.data"`): its phrases, comments and blank lines
    /// dropped, in file order.
    #[serde(default)]
    pub data_files: std::collections::BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(tag = "item", rename_all = "snake_case")]
pub enum Item {
    Rule(Rule),
    /// `SecMarker "END-HOST-CHECK"`.
    Marker { name: String },
}

/// One `SecRule` (or `SecAction`: no targets, operator `unconditionalMatch`),
/// with its chained rules nested in `chain`.
#[derive(Debug, Deserialize)]
pub struct Rule {
    /// `id:`; 0 for a chained rule (it has none of its own).
    #[serde(default)]
    pub id: u32,
    /// `phase:` (1 or 2; the generator leaves out phases 3-5). Chained rules
    /// carry their starter's phase.
    pub phase: u8,
    /// The rule file's stem, e.g. `"REQUEST-942-APPLICATION-ATTACK-SQLI"`.
    #[serde(default)]
    pub file: String,
    /// From the `paranoia-level/N` tag; `None` for rules without one (the
    /// 901/949 bookkeeping and the skip rules).
    #[serde(default)]
    pub paranoia_level: Option<u8>,
    /// Every `tag:` value, in order (for `ctl:ruleRemoveByTag`, user
    /// exclusions by tag, and the category).
    #[serde(default)]
    pub tags: Vec<String>,
    /// The category the generator derived from the `attack-*` tag
    /// (`SQL_INJECTION`, `XSS`, `PATH_TRAVERSAL`, `FILE_INCLUSION_REMOTE`,
    /// `COMMAND_INJECTION`, `PHP_INJECTION`, `JAVA_INJECTION`, `SSRF`,
    /// `SESSION_FIXATION`, `PROTOCOL_ANOMALY`, `SCANNER`, `GENERIC_INJECTION`,
    /// `METHOD`), `None` when it has no attack tag.
    #[serde(default)]
    pub category: Option<String>,
    /// `severity:` as written, upper case (`CRITICAL`, `ERROR`, `WARNING`,
    /// `NOTICE`), if any.
    #[serde(default)]
    pub severity: Option<String>,
    /// `msg:` as written (macros unexpanded): reported, never evaluated.
    #[serde(default)]
    pub msg: Option<String>,
    /// What the operator runs on. Empty for `SecAction`.
    #[serde(default)]
    pub targets: Vec<Target>,
    pub operator: Operator,
    /// The effective transformation pipeline, in order, after `t:none`
    /// resets (CRS's default action list has none): `["urlDecodeUni",
    /// "lowercase"]`. Names are SecLang's, e.g. `"utf8toUnicode"`,
    /// `"removeNulls"`, `"cmdLine"`.
    #[serde(default)]
    pub transforms: Vec<String>,
    pub actions: Actions,
    /// The next rule of a chain (`chain` action), evaluated only when this
    /// one matched.
    #[serde(default)]
    pub chain: Option<Box<Rule>>,
}

/// One element of the target list: `ARGS`, `REQUEST_HEADERS:User-Agent`,
/// `REQUEST_COOKIES:/^__utm/`, `&TX:foo` (count), `XML:/*`. An exclusion
/// (`!REQUEST_COOKIES:/__utm/`) is folded into the `exclude` list of every
/// target of the same collection in the same rule.
#[derive(Debug, Deserialize)]
pub struct Target {
    /// Upper-case variable or collection name: `ARGS`, `ARGS_NAMES`, `TX`,
    /// `REQUEST_HEADERS`, `REQUEST_LINE`, `MATCHED_VARS`, `XML`, ...
    pub collection: String,
    /// `None`: the whole collection (or the scalar variable).
    #[serde(default)]
    pub selector: Option<Selector>,
    /// `&VAR`: the operator sees the number of members (as a decimal
    /// string), once, with no transformations.
    #[serde(default)]
    pub count: bool,
    /// Members left out (`!VAR:name`, `!VAR:/re/`), matched like `selector`.
    #[serde(default)]
    pub exclude: Vec<Selector>,
}

/// Picks members of a collection by key.
#[derive(Debug, Deserialize, Clone)]
#[serde(rename_all = "snake_case")]
pub enum Selector {
    /// Exact key, compared ASCII case-insensitively (`User-Agent`, `foo`).
    /// For `XML` the XPath as written (`/*`, `//@*`).
    Key(String),
    /// `/regex/` on the key: a regex in the engine's dialect (the generator
    /// has translated it), matched case-insensitively as ModSecurity does.
    Regex(String),
}

/// `"@rx ..."`, `"!@pm ..."`.
#[derive(Debug, Deserialize)]
pub struct Operator {
    /// SecLang's name without `@`: `rx`, `pm`, `pmFromFile`, `detectSQLi`,
    /// `detectXSS`, `streq`, `contains`, `beginsWith`, `endsWith`, `within`,
    /// `eq`, `gt`, `ge`, `lt`, `le`, `validateUrlEncoding`,
    /// `validateUtf8Encoding`, `validateByteRange`, `ipMatch`,
    /// `unconditionalMatch`.
    pub name: String,
    /// `!@op`.
    #[serde(default)]
    pub negate: bool,
    /// The argument as written after the operator name, trimmed. It may hold
    /// macros (`%{tx.allowed_methods}`) that the engine expands per request.
    /// For `rx`, the regex already translated into the `regex` crate's
    /// syntax (bytes mode, `(?s)` not implied: the generator keeps PCRE's
    /// meaning of `.` and of `$`).
    #[serde(default)]
    pub param: String,
    /// For `rx`: literals such that every match contains at least one of
    /// them (ASCII case-insensitively), lower case; `None` when no such set
    /// is known (the regex always runs). Sound by construction: a rule is
    /// never skipped on a value the regex would match.
    #[serde(default)]
    pub prefilter: Option<Vec<String>>,
    /// For `rx`: bytes such that every match contains at least one of them
    /// (both cases listed for letters the regex folds); `None` when no such
    /// set is known or it would hold most bytes. A weaker, cheaper test than
    /// `prefilter`, for regexes with no literal set (short command words
    /// after a separator, one-letter obfuscations). Both are sound: the
    /// engine may skip a value that fails either.
    #[serde(default)]
    pub prefilter_bytes: Option<Vec<u8>>,
}

/// The actions the engine acts on. Metadata the engine does not need at run
/// time (`ver`, `logdata`, `auditlog`, `status`, ...) is dropped by the
/// generator, which reports any action it does not know.
#[derive(Debug, Deserialize, Default)]
pub struct Actions {
    /// `block`, `deny`, `drop`, `pass`, `allow` or `None` (chained rules).
    #[serde(default)]
    pub disruptive: Option<String>,
    /// `nolog` is false.
    #[serde(default = "yes")]
    pub log: bool,
    #[serde(default)]
    pub capture: bool,
    #[serde(default)]
    pub multi_match: bool,
    /// `skipAfter:MARKER`.
    #[serde(default)]
    pub skip_after: Option<String>,
    /// `skip:N`.
    #[serde(default)]
    pub skip: Option<u32>,
    /// In order.
    #[serde(default)]
    pub setvar: Vec<SetVar>,
    /// `ctl:` actions, in order.
    #[serde(default)]
    pub ctl: Vec<Ctl>,
}

fn yes() -> bool {
    true
}

/// `setvar:'tx.inbound_anomaly_score_pl1=+%{tx.critical_anomaly_score}'`.
#[derive(Debug, Deserialize)]
pub struct SetVar {
    /// Lower-case collection: `tx` (the only one the request rules write;
    /// `ip`/`global` are reported unsupported).
    pub collection: String,
    /// Variable name, lower case; may hold macros (`header_name_920450_%{tx.0}`).
    pub name: String,
    /// `set` (`=v`), `add` (`=+v`), `sub` (`=-v`), `delete` (`!tx.x`).
    pub op: String,
    /// The value (may hold macros); `"1"` for a bare `setvar:tx.x`.
    #[serde(default)]
    pub value: String,
}

/// `ctl:ruleRemoveById=920540`, `ctl:ruleRemoveTargetByTag=xss-perf-disable;REQUEST_FILENAME`.
#[derive(Debug, Deserialize)]
pub struct Ctl {
    /// `ruleRemoveById`, `ruleRemoveByTag`, `ruleRemoveTargetById`,
    /// `ruleRemoveTargetByTag`, `requestBodyProcessor`,
    /// `forceRequestBodyVariable`, `auditEngine`, ...
    pub name: String,
    /// Everything after `=`.
    pub value: String,
}
