//! The arcjet-local request analyzer.
//!
//! A WebAssembly core module (`wasm32-unknown-unknown`) that the Python host
//! runs through wasmtime. It evaluates every content rule of a client against
//! one request in a single call:
//!
//! - bot detection: `User-Agent` against the well-known-bots catalogue
//!   (Aho-Corasick over the literal patterns plus one small `RegexSet` over the
//!   real regexes, so the cost is linear in the header length), category and
//!   id allow/deny lists, and IP-range verification of crawlers that claim to
//!   be a well-known operator;
//! - email syntax: a practical RFC 5321/5322 grammar with IDN domains;
//! - shield: the OWASP Core Rule Set (the `crs` crate, a SecLang engine over
//!   rule tables compiled at build time) and our own SQLi/XSS/... detectors
//!   (the `shield` crate), see `shield_rule`;
//! - sensitive information: e-mail addresses, phone numbers, IP addresses
//!   and card numbers in a text, with code-point offsets (the `sensitive`
//!   crate); the host applies the rule's lists and any custom detector;
//! - request filters: wirefilter-style expressions the host parsed and
//!   type-checked, compiled here to a program and evaluated three-valued
//!   (the `filter` crate);
//! - prompt injection: a hashed n-gram logistic regression over the
//!   de-obfuscated message, weights compiled in (the `prompt` crate);
//! - content moderation: the same features scored by a second compiled-in
//!   model (`prompt::moderation`).
//!
//! The ABI works over the exported memory (see `abi`): `configure` takes a
//! rule set as JSON once and returns a handle, `analyze` takes one request
//! (a NUL-separated frame, or JSON: see `request`) and returns a packed
//! pointer/length of the result JSON.
#![deny(missing_docs)]

#[cfg(target_arch = "wasm32")]
mod abi;
pub mod bots;
pub mod email;
mod net;
mod request;
pub mod rules;
mod shield_rule;

#[allow(missing_docs)]
mod generated {
    pub mod bots;
}

pub use rules::{analyze_json, configure_json, Analyzer};
