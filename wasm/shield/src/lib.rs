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
//! Work is linear in the inspected bytes: the body is cut at
//! [`Config::max_body_bytes`], at most [`Config::max_params`] arguments (query,
//! form, JSON strings, cookies each) are inspected, and JSON deeper than
//! [`Config::max_json_depth`] stops being read. Exceeding a limit is reported
//! as a [`Category::ProtocolAnomaly`] of [`Severity::Low`], since padding a
//! request past a WAF's limits is itself an evasion technique.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod bytes;
mod decode;
mod detect;
mod hits;
mod inputs;
mod memo;
mod protocol;

pub use memo::{Memo, DEFAULT_MAX_KEY, DEFAULT_SLOTS};

/// Limits for one [`inspect`] call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Body bytes inspected; the rest is ignored.
    pub max_body_bytes: usize,
    /// Rounds of full decoding (each round: percent, overlong UTF-8,
    /// backslash escapes, HTML entities). Zero still inspects the value as
    /// the application sees it.
    pub max_decode_rounds: u8,
    /// Arguments inspected per source (query, cookies, form body, JSON body).
    pub max_params: usize,
    /// JSON nesting depth read before the body is abandoned.
    pub max_json_depth: usize,
    /// Bytes of one value handed to the detectors; longer values are cut.
    pub max_value_bytes: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            max_body_bytes: 64 * 1024,
            max_decode_rounds: 3,
            max_params: 512,
            max_json_depth: 64,
            max_value_bytes: 16 * 1024,
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
        }
    }

    /// Every category, in declaration order.
    pub const ALL: [Category; 10] = [
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

/// Inspects a single value as if it were a query argument's value, with no
/// request around it. For corpus measurements and callers that already
/// split their input; `value` is taken as the application sees it (already
/// percent-decoded once).
pub fn inspect_value(value: &[u8], cfg: &Config) -> Vec<Finding> {
    let mut inspector = inputs::Inspector::new(cfg);
    inspector.decoded_value(value, None, inputs::Where::QueryValue, inputs::Profile::Full);
    inspector.finish()
}
