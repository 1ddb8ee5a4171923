//! The request-filter evaluator of `filter_request(...)` rules.
//!
//! The Python side parses and type-checks the user's expressions (a
//! Wireshark/wirefilter dialect) and hands this crate their IR, a JSON array
//! described in `IR.md`. [`Program::compile`] reads it once, re-checks every
//! shape and type (the evaluator trusts nothing: an IR it cannot read is an
//! `Err`, never a panic) and compiles regexes and wildcards.
//! [`Program::eval`] then answers each expression for one request with a
//! three-valued [`Tri`]: a missing header, cookie, query argument, local key
//! or IP detail makes a comparison *undetermined*, not false, and `and`,
//! `or`, `xor`, `not` follow Kleene's logic.
//!
//! ```ignore
//! let ir = serde_json::json!([{"cmp": "eq",
//!     "lhs": {"field": "http.request.headers", "key": "x-api-key"},
//!     "rhs": {"str": "secret"}}]);
//! let program = filter::Program::compile(&ir)?;
//! let headers = [Cow::from("x-api-key"), Cow::from("secret")];
//! let input = filter::Input { method: "GET", path: "/", headers: &headers, ..Default::default() };
//! assert_eq!(program.eval(&input), vec![filter::Tri::True]);
//! ```
//!
//! Limits, all configuration errors when exceeded: 10 expressions, nesting
//! depth 128, 4096 nodes per expression, 32 regexes per program, each regex
//! at most 2 MiB compiled and all of them together at most 8 MiB (see
//! `pattern.rs`). Regexes are the `regex` crate's, so `matches` is linear in
//! the input.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

use std::borrow::Cow;

mod compile;
mod eval;
mod ip;
mod num;
mod pattern;
mod program;
mod request;
mod wildcard;

pub use program::Program;

/// The three-valued result of one expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Tri {
    /// The expression holds for this request.
    True,
    /// The expression does not hold for this request.
    False,
    /// A value it needs is missing (a header, cookie, argument, local key,
    /// IP detail, or an unparsable client IP).
    Undetermined,
}

/// The request as the analyzer sees it. Every field borrows; nothing is
/// copied unless a value has to be decoded (query arguments) or computed
/// (`lower`, `upper`).
#[derive(Clone, Copy, Debug, Default)]
pub struct Input<'a> {
    /// The method as sent, e.g. `GET`.
    pub method: &'a str,
    /// The path as received, not decoded.
    pub path: &'a str,
    /// The raw query string, without the `?` ("" when none).
    pub query: &'a str,
    /// The raw `Cookie` header(s), joined by `"; "`.
    pub cookies: &'a str,
    /// The client IP as text; "" when unknown.
    pub ip: &'a str,
    /// Flat `[name, value, name, value, ...]`, names lower-case, in the
    /// order received. A trailing unpaired entry is ignored.
    pub headers: &'a [Cow<'a, str>],
    /// Flat `[key, value, ...]` from `protect(filter_local=...)`.
    pub local: &'a [Cow<'a, str>],
    /// Flat `[field, value, ...]`, e.g. `["ip.src.country", "FR"]`; values as
    /// text, read by the field's type (`IR.md`). Unreadable: undetermined.
    pub ip_details: &'a [Cow<'a, str>],
}
