//! Shield: the detection engine of a local web application firewall.
//!
//! One call, [`inspect`], looks at one HTTP request and returns what looks
//! like an attack in it. The crate does no I/O, keeps no state between calls
//! (a caller that wants values seen before answered from memory passes its
//! own [`Memo`] to [`inspect_with_memo`]; the findings are the same), forbids
//! `unsafe`, and must not panic on any input: every byte it reads comes from
//! the client.
//!
//! # What is inspected
//!
//! - the method (must be an RFC 9110 token) and the request line's path, as a
//!   whole (traversal) and segment by segment (every detector);
//! - every query argument, name and value;
//! - every header value, except opaque ones (`authorization`, `accept*`,
//!   `content-type`, ...). `cookie` is read from [`Request::cookies`] instead.
//!   `user-agent` is checked only for high-confidence attacks (log4shell,
//!   shellshock), because user agents are full of parentheses and semicolons;
//! - cookie values;
//! - the body, up to [`Config::max_body_bytes`]:
//!   `application/x-www-form-urlencoded`, JSON (`application/json`,
//!   `*+json`: every string, keys included, without recursion),
//!   `multipart/form-data` (field values and file names, not file contents),
//!   `text/plain` and bodies without a content type. Other types are skipped.
//!
//! # What is decoded
//!
//! Each value is matched twice when decoding changes it: as the application
//! will see it (query arguments and form fields percent-decoded once), and
//! fully decoded. Full decoding repeats, at most [`Config::max_decode_rounds`]
//! times: percent escapes (`%XX`, `%uXXXX`), overlong UTF-8 (`%c0%ae`),
//! backslash escapes (`\uXXXX`, `\u{X}`, `\xXX`), HTML entities (numeric and
//! the common named ones). A round that changes nothing ends the loop and
//! every decoding step shrinks its input, so decoding is linear and cannot
//! loop. Both forms are then lower-cased, NUL bytes removed and whitespace
//! runs collapsed to one space (line feeds kept: they end SQL comments).
//! SQL comments are dropped where the SQL detector matches token sequences.
//!
//! # Severity policy
//!
//! - [`Severity::High`]: a clear attack that denies the request on its own: a
//!   complete SQL injection fingerprint (`' or 1=1--`, `union select`), a
//!   `<script>` tag or an event handler in a tag, a log4shell lookup, a
//!   traversal to `/etc/passwd`, a shell command after a metacharacter, a
//!   request to a cloud metadata address, a smuggling header pair.
//! - [`Severity::Medium`]: very likely hostile but with a plausible innocent
//!   reading (a single `../`, `{{7*7}}`, a lone `alert(1)`, an include-like
//!   parameter holding a URL). Adds to the client's suspicion score.
//! - [`Severity::Low`]: unusual rather than hostile (too many parameters, a
//!   NUL byte, JSON nested too deep). Adds a little to the score.
//!
//! The scoring itself (weights, threshold, block period) lives with the
//! per-client state on the Python side, not here.
//!
//! # Bounded work
//!
//! Work is linear in the inspected bytes, and every detector's worst case
//! per byte is bounded (`tests/pathological.rs` sweeps the shapes that made
//! scanners rescan). What is inspected is bounded by explicit limits: the
//! body by [`Config::max_body_bytes`], each value by [`Config::value_limit`]
//! (a text body is one value, inspected whole), the header values together
//! by [`Config::max_header_bytes`], the arguments of each source (path
//! segments, query, cookies, headers) by [`Config::max_params`], those of
//! the body (form fields, JSON strings, multipart parts) by
//! [`Config::max_body_params`], and JSON nesting by [`Config::max_json_depth`].
//!
//! A request past any limit gets a [`Category::InspectionLimit`] finding,
//! and [`Config::on_limit`] says how severe: [`OnLimit::Deny`] (the default)
//! makes it [`Severity::High`], so the request is denied the way ModSecurity
//! rejects an over-limit body: padding a payload past a WAF's limits is an
//! evasion technique, and nothing is skipped silently. [`OnLimit::InspectPrefix`]
//! makes it [`Severity::Low`]: what fits the limits is inspected, the rest not.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod bytes;
mod decode;
mod detect;
mod exclude;
mod hits;
mod inputs;
mod memo;
mod protocol;
mod single;

pub use exclude::{Exclusion, Part};
pub use memo::{Memo, DEFAULT_MAX_KEY, DEFAULT_SLOTS};
pub use single::{Single, SingleFindings};

/// What happens to a request past one of the inspection limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OnLimit {
    /// A [`Severity::High`] [`Category::InspectionLimit`] finding: denied.
    Deny,
    /// A [`Severity::Low`] [`Category::InspectionLimit`] finding: the part
    /// within the limits is inspected, the rest is not.
    InspectPrefix,
}

impl OnLimit {
    /// The severity of an [`Category::InspectionLimit`] finding.
    pub fn severity(self) -> Severity {
        match self {
            OnLimit::Deny => Severity::High,
            OnLimit::InspectPrefix => Severity::Low,
        }
    }
}

/// Limits for one [`inspect`] call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Body bytes inspected. A longer body of a type shield reads is over
    /// the limit (see [`Config::on_limit`]).
    pub max_body_bytes: usize,
    /// Rounds of full decoding (each round: percent, overlong UTF-8,
    /// backslash escapes, HTML entities). Zero still inspects the value as
    /// the application sees it.
    pub max_decode_rounds: u8,
    /// Arguments inspected per source of the head (path segments, query,
    /// cookies, headers).
    pub max_params: usize,
    /// Arguments inspected in a body (form fields, JSON strings, multipart
    /// parts). Higher than `max_params`: an API's JSON holds thousands of
    /// strings, and a body's cost is bounded by its bytes anyway.
    pub max_body_params: usize,
    /// JSON nesting depth read before the body is abandoned.
    pub max_json_depth: usize,
    /// Bytes of one value handed to the detectors (at least
    /// `max_body_bytes`: see [`Config::value_limit`]).
    pub max_value_bytes: usize,
    /// Bytes of header values (cookies included) inspected in all.
    pub max_header_bytes: usize,
    /// What a request past any of these limits gets.
    pub on_limit: OnLimit,
    /// Request parts left out of some detectors (see [`Exclusion`]): their
    /// findings of those categories are not reported.
    pub exclusions: Vec<Exclusion>,
}

impl Config {
    /// The longest value inspected whole: `max_value_bytes`, or the body
    /// limit when larger, so that a body value (a text body, a JSON string,
    /// a form field) within the body limit is never cut.
    pub fn value_limit(&self) -> usize {
        self.max_value_bytes.max(self.max_body_bytes)
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            max_body_bytes: 64 * 1024,
            max_decode_rounds: 3,
            max_params: 512,
            max_body_params: 8192,
            max_json_depth: 64,
            // The host cuts every field it sends at 64 KiB (and says so).
            max_value_bytes: 64 * 1024,
            // Browsers send a few KiB; servers accept 8-64 KiB in all.
            max_header_bytes: 64 * 1024,
            on_limit: OnLimit::Deny,
            exclusions: Vec::new(),
        }
    }
}

/// The request to inspect. Header names must be lower-case; values are as
/// received. `path` and `query` are raw (still percent-encoded), `query`
/// without the leading `?`.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    /// The method token, e.g. `GET`.
    pub method: &'a str,
    /// The raw path, e.g. `/a%20b/c`.
    pub path: &'a str,
    /// The raw query string without `?`.
    pub query: &'a str,
    /// Headers in order, names lower-case, repeated names allowed.
    pub headers: &'a [(&'a str, &'a str)],
    /// The raw `Cookie` header value (`a=1; b=2`); empty when none. When
    /// empty, `cookie` entries of `headers` are used instead.
    pub cookies: &'a str,
    /// The body, if the caller read it.
    pub body: Option<&'a [u8]>,
}

/// Attack class of a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    /// SQL injection.
    SqlInjection,
    /// Cross-site scripting.
    Xss,
    /// Path traversal and local file inclusion.
    PathTraversal,
    /// Remote file inclusion.
    FileInclusionRemote,
    /// OS command injection.
    CommandInjection,
    /// PHP code injection.
    PhpInjection,
    /// Java, expression-language and log4shell (`${jndi:`) injection.
    JavaInjection,
    /// Server-side template injection.
    TemplateInjection,
    /// Server-side request forgery towards metadata or internal addresses.
    Ssrf,
    /// Malformed or smuggling-prone HTTP.
    ProtocolAnomaly,
    /// A request past an inspection limit (see [`Config::on_limit`]).
    InspectionLimit,
}

impl Category {
    /// The category's name on the wire, e.g. `SQL_INJECTION`.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::SqlInjection => "SQL_INJECTION",
            Category::Xss => "XSS",
            Category::PathTraversal => "PATH_TRAVERSAL",
            Category::FileInclusionRemote => "FILE_INCLUSION_REMOTE",
            Category::CommandInjection => "COMMAND_INJECTION",
            Category::PhpInjection => "PHP_INJECTION",
            Category::JavaInjection => "JAVA_INJECTION",
            Category::TemplateInjection => "TEMPLATE_INJECTION",
            Category::Ssrf => "SSRF",
            Category::ProtocolAnomaly => "PROTOCOL_ANOMALY",
            Category::InspectionLimit => "INSPECTION_LIMIT",
        }
    }

    /// The category's bit in a set of categories (`1 << declaration index`).
    pub fn bit(self) -> u16 {
        1 << (self as u16)
    }

    /// The category named `name` on the wire (`SQL_INJECTION`), if any.
    pub fn from_name(name: &str) -> Option<Category> {
        Category::ALL.iter().copied().find(|c| c.as_str() == name)
    }

    /// Every category, in declaration order.
    pub const ALL: [Category; 11] = [
        Category::SqlInjection,
        Category::Xss,
        Category::PathTraversal,
        Category::FileInclusionRemote,
        Category::CommandInjection,
        Category::PhpInjection,
        Category::JavaInjection,
        Category::TemplateInjection,
        Category::Ssrf,
        Category::ProtocolAnomaly,
        Category::InspectionLimit,
    ];
}

/// How sure a finding is; see the crate documentation for the policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Unusual; adds a little to the client's suspicion score.
    Low,
    /// Probably hostile; adds to the client's suspicion score.
    Medium,
    /// A clear attack; denies the request on its own.
    High,
}

impl Severity {
    /// `LOW`, `MEDIUM` or `HIGH`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Low => "LOW",
            Severity::Medium => "MEDIUM",
            Severity::High => "HIGH",
        }
    }
}

/// Where in the request a finding was made.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Location {
    /// The method token.
    Method,
    /// The path.
    Path,
    /// A query argument's name.
    QueryName,
    /// A query argument's value.
    QueryValue,
    /// A header's value, by (lower-case) header name.
    Header(String),
    /// A cookie's value.
    Cookie,
    /// The body (a form field, a JSON string, a multipart field, the text).
    Body,
}

/// One detection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The attack class.
    pub category: Category,
    /// How sure the detector is.
    pub severity: Severity,
    /// Where it was found.
    pub location: Location,
    /// The name of the rule that matched, for logs (e.g. `sqli.fingerprint`).
    pub rule: &'static str,
}

/// Inspects one request. At most one finding per category and location is
/// returned (the most severe), in the order they were found.
pub fn inspect(req: &Request, cfg: &Config) -> Vec<Finding> {
    let mut inspector = inputs::Inspector::new(cfg);
    protocol::check_request(req, &mut inspector);
    inspector.request(req);
    inspector.finish()
}

/// [`inspect`], reusing what `memo` remembers of values this `client` sent
/// in earlier calls and remembering this request's. The findings are the
/// same as [`inspect`]'s; values that repeat across a client's requests
/// (user agent, cookies, URLs, short form fields) are not inspected again.
/// `client` names whose entries may answer (the analyzer passes the client
/// IP): one client's values are never answered from another's entries, so
/// timing cannot tell a client what others sent.
pub fn inspect_with_memo(req: &Request, cfg: &Config, memo: &mut Memo, client: &[u8]) -> Vec<Finding> {
    let mut inspector = inputs::Inspector::with_memo(cfg, memo, client);
    inspector.head_then_body(req);
    inspector.finish()
}

/// Whether [`inspect`] reads a body sent with these headers (by its
/// content type): a caller that had to cut such a body must report it
/// (see [`limit_finding`]); bodies of other types are not inspected at all.
pub fn body_is_inspected(headers: &[(&str, &str)]) -> bool {
    inputs::inspected_mime(headers).is_some()
}

/// The finding for input the caller cut before inspection (a body past
/// its own read limit, headers or fields it did not send whole), with the
/// severity [`Config::on_limit`] gives it.
pub fn limit_finding(cfg: &Config, location: Location, rule: &'static str) -> Finding {
    Finding { category: Category::InspectionLimit, severity: cfg.on_limit.severity(), location, rule }
}

/// Inspects a single value as if it were a query argument's value, with no
/// request around it. For corpus measurements and callers that already
/// split their input; `value` is taken as the application sees it (already
/// percent-decoded once).
pub fn inspect_value(value: &[u8], cfg: &Config) -> Vec<Finding> {
    let mut inspector = inputs::Inspector::new(cfg);
    inspector.decoded_value(value, None, inputs::Where::QueryValue, inputs::Profile::Full);
    inspector.finish()
}
