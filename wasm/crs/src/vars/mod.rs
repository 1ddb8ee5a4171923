//! The request variables rules read, named and decoded the way ModSecurity v3
//! (libmodsecurity 3.0.15, the peer the benchmark runs) names and decodes
//! them, so a CRS rule sees here what it would see there.
//!
//! [`Vars::build`] runs once per request. It borrows from the request wherever
//! a value needs no decoding and parses the body with the processor
//! ModSecurity's recommended configuration picks from `Content-Type`.
//! [`Vars::reprocess_body`] re-parses it when a rule runs
//! `ctl:requestBodyProcessor=...` in phase 1.
//!
//! What ModSecurity does that is easy to get wrong, kept here on purpose:
//! - every scalar variable exists, empty when unset (`REQUEST_BASENAME` of `/`);
//! - JSON members go to `ARGS` only, never to `ARGS_POST`;
//! - multipart fields lose their line breaks (3.0.15 drops the bytes it holds
//!   back at each line end) and do not count in `ARGS_COMBINED_SIZE`;
//! - `REQBODY_ERROR` stays empty for `URLENCODED` bodies;
//! - `REQUEST_BODY` is the raw body whatever the processor (v3 ignores
//!   `ctl:forceRequestBodyVariable`: it always sets it).
//!
//! Collections keep insertion order; ModSecurity's order is its hash map's,
//! which no rule depends on.
//!
//! Work and memory are linear in the request: no recursion on nesting, and
//! every place where ModSecurity's output could grow faster than its input
//! (JSON member names, XML entities) has a budget recorded in
//! [`Vars::limits_hit`] when reached.

use std::borrow::Cow;

use crate::Request;

mod body;
mod cookies;
mod json;
mod multipart;
mod uri;
mod urlencoded;
mod var;
mod xml;

pub use self::body::BodyProcessor;
pub use self::var::Var;
use self::var::{FIRST_SCALAR, SCALARS};

/// Arguments kept per request: `SecArgumentsLimit 1000` of ModSecurity's
/// recommended configuration. Query and form arguments past it are dropped
/// and a JSON body stops parsing (with `REQBODY_ERROR`), as there.
pub const MAX_ARGS: usize = 1000;

/// JSON containers nested deeper than this end parsing with `REQBODY_ERROR`:
/// `SecRequestBodyJsonDepthLimit 512` of the recommended configuration.
pub const JSON_DEPTH_LIMIT: usize = 512;

/// A limit reached while building: part of the request did not become
/// variables. The argument, JSON-depth and XML-depth limits are
/// ModSecurity's own; the others guard against input it would take
/// quadratic work or memory on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// The body was longer than `max_body_bytes`, or the host cut it: only
    /// the prefix was parsed (and is `REQUEST_BODY`).
    BodyTruncated,
    /// More than [`MAX_ARGS`] arguments; the rest were not added.
    Args,
    /// JSON nested deeper than [`JSON_DEPTH_LIMIT`] (`REQBODY_ERROR` is set).
    JsonDepth,
    /// JSON member names grew past their budget (a long key repeated in the
    /// name of every member below it); parsing stopped with `REQBODY_ERROR`.
    JsonNames,
    /// XML nested deeper than libxml2's limit (`REQBODY_ERROR` is set).
    XmlDepth,
    /// XML entity expansion past its budget; parsing stopped with
    /// `REQBODY_ERROR`.
    XmlEntities,
}

/// One member of a collection (or the one value of a scalar, with an empty
/// key).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Member<'v> {
    pub key: &'v [u8],
    pub value: &'v [u8],
}

/// Where an argument came from: `ARGS_GET`, `ARGS_POST`, or neither (a JSON
/// body's members are in `ARGS` only).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Origin {
    Query,
    Form,
    Json,
    Other,
}

/// A key or value: bytes of the request as sent, or bytes decoded into the
/// request's one shared buffer ([`Vars::decoded`]) rather than a buffer of
/// their own.
#[derive(Debug, Clone, Copy)]
enum Text<'a> {
    Raw(&'a [u8]),
    Decoded(usize, usize),
}

impl<'a> Text<'a> {
    fn bytes<'v>(self, decoded: &'v [u8]) -> &'v [u8]
    where
        'a: 'v,
    {
        match self {
            Text::Raw(bytes) => bytes,
            Text::Decoded(start, end) => decoded.get(start..end).unwrap_or(b""),
        }
    }

    fn len(self) -> usize {
        match self {
            Text::Raw(bytes) => bytes.len(),
            Text::Decoded(start, end) => end.saturating_sub(start),
        }
    }
}

/// What `write` appends to `buf`, as a [`Text`].
fn decode_into<'a>(buf: &mut Vec<u8>, write: impl FnOnce(&mut Vec<u8>)) -> Text<'a> {
    let start = buf.len();
    write(buf);
    Text::Decoded(start, buf.len())
}

/// `buf` grows by a copy of `text` (which may itself be in `buf`).
fn append(buf: &mut Vec<u8>, text: Text<'_>) {
    match text {
        Text::Raw(bytes) => buf.extend_from_slice(bytes),
        Text::Decoded(start, end) if start <= end && end <= buf.len() => {
            buf.extend_from_within(start..end)
        }
        Text::Decoded(..) => {}
    }
}

#[derive(Debug, Clone)]
struct Entry<'a> {
    key: Text<'a>,
    value: Text<'a>,
    origin: Origin,
}

impl<'a> Entry<'a> {
    fn new(key: Text<'a>, value: Text<'a>) -> Entry<'a> {
        Entry {
            key,
            value,
            origin: Origin::Other,
        }
    }
}

/// The arguments and ModSecurity's running `ARGS_COMBINED_SIZE` (a double it
/// prints with `%f`; unset until the first argument).
#[derive(Debug, Default)]
struct Args<'a> {
    entries: Vec<Entry<'a>>,
    combined_size: Option<u64>,
    limit_hit: bool,
}

impl<'a> Args<'a> {
    /// False, and the limit noted, once [`MAX_ARGS`] are there.
    fn has_room(&mut self) -> bool {
        if self.entries.len() >= MAX_ARGS {
            self.limit_hit = true;
            return false;
        }
        true
    }

    /// Adds one argument unless [`MAX_ARGS`] are there already; false then.
    fn add(&mut self, origin: Origin, key: Text<'a>, value: Text<'a>) -> bool {
        if !self.has_room() {
            return false;
        }
        let size = self.combined_size.unwrap_or(0) + (key.len() + value.len()) as u64;
        self.combined_size = Some(size);
        self.entries.push(Entry { key, value, origin });
        true
    }
}

/// Every variable of one request.
#[derive(Debug)]
pub struct Vars<'a> {
    scalars: Vec<Cow<'a, [u8]>>,
    /// Every decoded key and value of the collections, back to back.
    decoded: Vec<u8>,
    /// `decoded[..decoded_before_body]` does not depend on the body.
    decoded_before_body: usize,
    args: Args<'a>,
    /// `args.entries[..query_args]` came from the query string.
    query_args: usize,
    query_combined_size: Option<u64>,
    headers: Vec<Entry<'a>>,
    cookies: Vec<Entry<'a>>,
    files: Vec<Entry<'a>>,
    file_sizes: Vec<Entry<'a>>,
    part_headers: Vec<Entry<'a>>,
    xml: Vec<Entry<'a>>,
    body: &'a [u8],
    /// The last `Content-Type` header: the one the multipart parser reads.
    content_type: Option<&'a [u8]>,
    processor: body::Choice,
    limits: Vec<Limit>,
    /// `limits[..limits_before_body]` do not depend on the body processor.
    limits_before_body: usize,
}

impl<'a> Vars<'a> {
    /// Every variable of `req`, the body cut to `max_body_bytes` and parsed
    /// by the processor its `Content-Type` selects.
    pub fn build(req: &Request<'a>, max_body_bytes: usize) -> Vars<'a> {
        let body_len = req.body.map_or(0, <[u8]>::len).min(max_body_bytes);
        let mut vars = Vars {
            scalars: vec![Cow::Borrowed(&b""[..]); SCALARS],
            decoded: Vec::with_capacity(req.uri.len() + body_len + 64),
            decoded_before_body: 0,
            args: Args::default(),
            query_args: 0,
            query_combined_size: None,
            headers: Vec::with_capacity(req.headers.len()),
            cookies: Vec::new(),
            files: Vec::new(),
            file_sizes: Vec::new(),
            part_headers: Vec::new(),
            xml: Vec::new(),
            body: &[],
            content_type: None,
            processor: body::Choice::default(),
            limits: Vec::new(),
            limits_before_body: 0,
        };
        vars.set_request_line(req);
        vars.set_headers(req.headers);
        vars.set_body(req, max_body_bytes);
        vars.set(Var::RemoteAddr, req.remote_addr.as_bytes());
        vars.set(Var::UniqueId, unique_id(req));
        vars.limits_before_body = vars.limits.len();
        vars.decoded_before_body = vars.decoded.len();
        body::process(&mut vars);
        vars
    }

    /// Re-parses the body as `processor` (`ctl:requestBodyProcessor=...`):
    /// body-derived collections and flags are replaced.
    pub fn reprocess_body(&mut self, processor: BodyProcessor) {
        self.processor.force(processor);
        self.set(Var::ReqbodyProcessor, processor.name().as_bytes());
        self.args.entries.truncate(self.query_args);
        self.args.combined_size = self.query_combined_size;
        self.args.limit_hit = false;
        self.files.clear();
        self.file_sizes.clear();
        self.part_headers.clear();
        self.xml.clear();
        for var in BODY_SCALARS {
            self.set(*var, &b""[..]);
        }
        self.limits.truncate(self.limits_before_body);
        self.decoded.truncate(self.decoded_before_body);
        body::process(self);
    }

    /// The members of `var`: each key and value (for a `*_NAMES` view the
    /// value is the key); a scalar yields one member with an empty key.
    pub fn members(&self, var: Var) -> Members<'_> {
        let (entries, only, names): (&[Entry<'_>], Option<Origin>, bool) = match var {
            Var::Args => (&self.args.entries, None, false),
            Var::ArgsGet => (&self.args.entries, Some(Origin::Query), false),
            Var::ArgsPost => (&self.args.entries, Some(Origin::Form), false),
            Var::ArgsNames => (&self.args.entries, None, true),
            Var::ArgsGetNames => (&self.args.entries, Some(Origin::Query), true),
            Var::ArgsPostNames => (&self.args.entries, Some(Origin::Form), true),
            Var::RequestHeaders => (&self.headers, None, false),
            Var::RequestHeadersNames => (&self.headers, None, true),
            Var::RequestCookies => (&self.cookies, None, false),
            Var::RequestCookiesNames => (&self.cookies, None, true),
            Var::Files => (&self.files, None, false),
            Var::FilesNames => (&self.files, None, true),
            Var::FilesSizes => (&self.file_sizes, None, false),
            Var::MultipartPartHeaders => (&self.part_headers, None, false),
            Var::Xml => (&self.xml, None, false),
            scalar => {
                return Members {
                    entries: [].iter(),
                    decoded: &self.decoded,
                    only: None,
                    names: false,
                    scalar: Some(self.scalar(scalar)),
                }
            }
        };
        Members {
            entries: entries.iter(),
            decoded: &self.decoded,
            only,
            names,
            scalar: None,
        }
    }

    /// The values of the members of `var` whose key is `key` (ASCII case
    /// insensitive), as `VAR:key` selects them.
    pub fn get<'v>(&'v self, var: Var, key: &'v [u8]) -> impl Iterator<Item = &'v [u8]> + 'v {
        self.members(var)
            .filter(move |m| m.key.eq_ignore_ascii_case(key))
            .map(|m| m.value)
    }

    /// The value of a scalar variable (empty for a collection).
    pub fn scalar(&self, var: Var) -> &[u8] {
        match (var as usize).checked_sub(FIRST_SCALAR) {
            Some(i) => self.scalars.get(i).map_or(&b""[..], |v| &v[..]),
            None => b"",
        }
    }

    /// The processor that parsed the body (`REQBODY_PROCESSOR`), if any.
    pub fn body_processor(&self) -> Option<BodyProcessor> {
        self.processor.effective()
    }

    /// Budgets reached while building; empty for ordinary requests.
    pub fn limits_hit(&self) -> &[Limit] {
        &self.limits
    }

    /// The body was cut (by `max_body_bytes` or by the host).
    pub fn body_truncated(&self) -> bool {
        self.limits.contains(&Limit::BodyTruncated)
    }

    fn set(&mut self, var: Var, value: impl Into<Cow<'a, [u8]>>) {
        if let Some(slot) = (var as usize)
            .checked_sub(FIRST_SCALAR)
            .and_then(|i| self.scalars.get_mut(i))
        {
            *slot = value.into();
        }
    }

    fn hit(&mut self, limit: Limit) {
        if !self.limits.contains(&limit) {
            self.limits.push(limit);
        }
    }

    fn set_request_line(&mut self, req: &Request<'a>) {
        self.set(Var::RequestMethod, req.method.as_bytes());
        self.set(Var::RequestProtocol, req.protocol.as_bytes());
        let line = [req.method, " ", req.uri, " ", req.protocol].concat();
        self.set(Var::RequestLine, line.into_bytes());
        self.set(Var::RequestUriRaw, req.uri.as_bytes());

        let parts = uri::split(req.uri.as_bytes());
        if !parts.query.is_empty() {
            urlencoded::extract(
                parts.query,
                Origin::Query,
                &mut self.args,
                &mut self.decoded,
            );
        }
        self.set(Var::RequestUri, parts.uri);
        self.set(Var::RequestFilename, parts.filename);
        self.set(Var::RequestBasename, parts.basename);
        self.set(Var::QueryString, parts.query);
        self.query_args = self.args.entries.len();
        self.query_combined_size = self.args.combined_size;
        if self.args.limit_hit {
            self.hit(Limit::Args);
        }
    }

    fn set_headers(&mut self, headers: &[(&'a str, &'a str)]) {
        for &(name, value) in headers {
            let (name, value) = (name.as_bytes(), value.as_bytes());
            self.headers
                .push(Entry::new(Text::Raw(name), Text::Raw(value)));
            if name.eq_ignore_ascii_case(b"cookie") {
                cookies::parse(value, &mut self.cookies);
            }
            if name.eq_ignore_ascii_case(b"content-type") {
                self.processor.saw_content_type(value);
                self.content_type = Some(value);
            }
        }
        if let Some(p) = self.processor.effective() {
            self.set(Var::ReqbodyProcessor, p.name().as_bytes());
        }
    }

    fn set_body(&mut self, req: &Request<'a>, max_body_bytes: usize) {
        let body = req.body.unwrap_or(&[]);
        let kept = &body[..body.len().min(max_body_bytes)];
        if req.body_truncated || kept.len() < body.len() {
            self.hit(Limit::BodyTruncated);
        }
        self.body = kept;
        self.set(Var::RequestBody, kept);
        if !kept.is_empty() {
            self.set(Var::RequestBodyLength, kept.len().to_string().into_bytes());
        }
        // ModSecurity: each header as "Name: value\n", a blank line, the body.
        let headers: usize = req.headers.iter().map(|(n, v)| n.len() + v.len() + 3).sum();
        let full = headers + 2 + kept.len();
        self.set(Var::FullRequestLength, full.to_string().into_bytes());
    }
}

/// Scalars the body processors set, reset before a re-parse.
const BODY_SCALARS: &[Var] = &[
    Var::ArgsCombinedSize,
    Var::FilesCombinedSize,
    Var::ReqbodyError,
    Var::ReqbodyErrorMsg,
    Var::ReqbodyProcessorError,
    Var::ReqbodyProcessorErrorMsg,
    Var::MultipartStrictError,
    Var::MultipartUnmatchedBoundary,
    Var::MultipartBoundaryQuoted,
    Var::MultipartBoundaryWhitespace,
    Var::MultipartDataBefore,
    Var::MultipartDataAfter,
    Var::MultipartHeaderFolding,
    Var::MultipartLfLine,
    Var::MultipartCrlfLfLines,
    Var::MultipartMissingSemicolon,
    Var::MultipartInvalidQuoting,
    Var::MultipartInvalidPart,
    Var::MultipartInvalidHeaderFolding,
    Var::MultipartFileLimitExceeded,
];

/// Iterator over [`Vars::members`].
#[derive(Debug, Clone)]
pub struct Members<'v> {
    entries: std::slice::Iter<'v, Entry<'v>>,
    decoded: &'v [u8],
    only: Option<Origin>,
    names: bool,
    scalar: Option<&'v [u8]>,
}

impl<'v> Iterator for Members<'v> {
    type Item = Member<'v>;

    fn next(&mut self) -> Option<Member<'v>> {
        if let Some(value) = self.scalar.take() {
            return Some(Member { key: b"", value });
        }
        for entry in self.entries.by_ref() {
            if self.only.map_or(true, |o| o == entry.origin) {
                let key = entry.key.bytes(self.decoded);
                let value = if self.names {
                    key
                } else {
                    entry.value.bytes(self.decoded)
                };
                return Some(Member { key, value });
            }
        }
        None
    }
}

/// `UNIQUE_ID`: ModSecurity uses the clock; Wasm has none worth trusting and
/// tests want determinism, so a hash of what varies most between requests
/// (client, method, target, body) stands in: 16 hex digits, which is all the
/// CRS reads from it (901410 draws its sampling number from the digits).
fn unique_id(req: &Request<'_>) -> Vec<u8> {
    let mut h = 0x243f_6a88_85a3_08d3_u64;
    for part in [req.remote_addr, req.method, req.uri] {
        h = mix(h, part.as_bytes());
    }
    h = mix(h, req.body.unwrap_or(&[]));
    let mut id = Vec::with_capacity(16);
    for shift in (0..16).rev() {
        id.push(b"0123456789abcdef"[((h >> (shift * 4)) & 0xF) as usize]);
    }
    id
}

/// A fast non-cryptographic mix, eight bytes at a time; the length is folded
/// in so that ("ab", "c") and ("a", "bc") differ.
fn mix(mut h: u64, bytes: &[u8]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut words = bytes.chunks_exact(8);
    for word in words.by_ref() {
        let mut w = [0u8; 8];
        w.copy_from_slice(word);
        h = (h ^ u64::from_le_bytes(w)).wrapping_mul(K).rotate_left(29);
    }
    let mut tail = [0u8; 8];
    tail[..words.remainder().len()].copy_from_slice(words.remainder());
    h = (h ^ u64::from_le_bytes(tail))
        .wrapping_mul(K)
        .rotate_left(29);
    (h ^ bytes.len() as u64).wrapping_mul(K)
}

/// C's `isspace` in the "C" locale, which ModSecurity's parsers use.
fn is_c_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

#[cfg(test)]
mod tests;
