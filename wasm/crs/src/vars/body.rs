//! Which processor parses the body, and running it.
//!
//! ModSecurity picks in two places: `addRequestHeader` marks a
//! `multipart/form-data` or `application/x-www-form-urlencoded` body, and the
//! phase-1 rules of `modsecurity.conf-recommended` (200000, 200001, 200006)
//! switch JSON and XML bodies on with `ctl:requestBodyProcessor`. Both are
//! folded in here so that the rule set needs neither.

use super::{json, multipart, urlencoded, xml, Origin, Var, Vars};

/// A body processor, as `ctl:requestBodyProcessor=` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyProcessor {
    UrlEncoded,
    Multipart,
    Json,
    Xml,
}

impl BodyProcessor {
    /// `URLENCODED`, `MULTIPART`, `JSON` or `XML`, any case.
    pub fn from_name(name: &str) -> Option<BodyProcessor> {
        [
            BodyProcessor::UrlEncoded,
            BodyProcessor::Multipart,
            BodyProcessor::Json,
            BodyProcessor::Xml,
        ]
        .into_iter()
        .find(|p| p.name().eq_ignore_ascii_case(name.trim()))
    }

    /// The `REQBODY_PROCESSOR` value.
    pub fn name(self) -> &'static str {
        match self {
            BodyProcessor::UrlEncoded => "URLENCODED",
            BodyProcessor::Multipart => "MULTIPART",
            BodyProcessor::Json => "JSON",
            BodyProcessor::Xml => "XML",
        }
    }
}

/// ModSecurity keeps two settings: the "body type" a form `Content-Type`
/// sets, and the "body processor" JSON/XML `ctl`s set. The processor wins.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Choice {
    form: Option<BodyProcessor>,
    structured: Option<BodyProcessor>,
}

impl Choice {
    /// One `Content-Type` header value, in header order.
    pub(super) fn saw_content_type(&mut self, value: &[u8]) {
        if starts_with_lower(value, b"multipart/form-data") {
            self.form = Some(BodyProcessor::Multipart);
        }
        if starts_with_lower(value, b"application/x-www-form-urlencoded") {
            self.form = Some(BodyProcessor::UrlEncoded);
        }
        // Rule 200000 (XML) runs before 200001/200006 (JSON): JSON wins.
        if is_json(value) {
            self.structured = Some(BodyProcessor::Json);
        } else if is_xml(value) && self.structured.is_none() {
            self.structured = Some(BodyProcessor::Xml);
        }
    }

    /// `ctl:requestBodyProcessor=...`.
    pub(super) fn force(&mut self, processor: BodyProcessor) {
        match processor {
            BodyProcessor::UrlEncoded | BodyProcessor::Multipart => self.form = Some(processor),
            BodyProcessor::Json | BodyProcessor::Xml => self.structured = Some(processor),
        }
    }

    pub(super) fn effective(self) -> Option<BodyProcessor> {
        self.structured.or(self.form)
    }
}

/// Rule 200000: `^(?:application(?:/soap\+|/)|text/)xml` after `t:lowercase`.
fn is_xml(value: &[u8]) -> bool {
    [
        &b"application/soap+xml"[..],
        b"application/xml",
        b"text/xml",
    ]
    .iter()
    .any(|p| starts_with_lower(value, p))
}

/// Rules 200001 and 200006: `^application/json` and
/// `^application/[a-z0-9.-]+[+]json` after `t:lowercase`.
fn is_json(value: &[u8]) -> bool {
    if !starts_with_lower(value, b"application/") {
        return false;
    }
    let rest = &value[b"application/".len()..];
    if starts_with_lower(rest, b"json") {
        return true;
    }
    let subtype = rest
        .iter()
        .take_while(|b| {
            let b = b.to_ascii_lowercase();
            b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-'
        })
        .count();
    subtype > 0 && starts_with_lower(&rest[subtype..], b"+json")
}

fn starts_with_lower(value: &[u8], prefix: &[u8]) -> bool {
    value.len() >= prefix.len() && value[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// Parses the body with the chosen processor (`processRequestBody`).
pub(super) fn process(vars: &mut Vars<'_>) {
    match vars.processor.effective() {
        Some(BodyProcessor::Xml) => xml::process(vars),
        Some(BodyProcessor::Json) => json::process(vars),
        Some(BodyProcessor::Multipart) => multipart::process(vars),
        Some(BodyProcessor::UrlEncoded) => {
            // ModSecurity sets no REQBODY_ERROR for this processor.
            urlencoded::extract(vars.body, Origin::Form, &mut vars.args, &mut vars.decoded);
        }
        None => set_error(vars, None),
    }
    if let Some(size) = vars.args.combined_size {
        vars.set(
            Var::ArgsCombinedSize,
            format!("{}.000000", size).into_bytes(),
        );
    }
    if vars.args.limit_hit {
        vars.hit(super::Limit::Args);
    }
}

/// `REQBODY_ERROR` / `REQBODY_PROCESSOR_ERROR` and their messages.
pub(super) fn set_error(vars: &mut Vars<'_>, message: Option<Vec<u8>>) {
    let flag: &[u8] = if message.is_some() { b"1" } else { b"0" };
    vars.set(Var::ReqbodyError, flag);
    vars.set(Var::ReqbodyProcessorError, flag);
    if let Some(message) = message {
        vars.set(Var::ReqbodyErrorMsg, message.clone());
        vars.set(Var::ReqbodyProcessorErrorMsg, message);
    }
}
