//! Walks a request: splits it into values, decodes them and hands them to
//! the detectors; turns detector hits into findings.

use std::borrow::Cow;

use crate::decode;
use crate::detect;
use crate::exclude::{self, Seen};
use crate::hits::{Hit, Hits};
use crate::memo::{HeadTag, LastBody, Memo, Probe, Spare};
use crate::{Category, Config, Finding, Location, Request, Severity};

/// A [`Location`] that borrows its header name until a finding needs it.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Where<'a> {
    Method,
    Path,
    QueryName,
    QueryValue,
    Header(&'a str),
    Cookie,
    Body,
}

impl Where<'_> {
    fn is(&self, loc: &Location) -> bool {
        match (self, loc) {
            (Where::Method, Location::Method)
            | (Where::Path, Location::Path)
            | (Where::QueryName, Location::QueryName)
            | (Where::QueryValue, Location::QueryValue)
            | (Where::Cookie, Location::Cookie)
            | (Where::Body, Location::Body) => true,
            (Where::Header(a), Location::Header(b)) => *a == b.as_str(),
            _ => false,
        }
    }

    fn location(&self) -> Location {
        match *self {
            Where::Method => Location::Method,
            Where::Path => Location::Path,
            Where::QueryName => Location::QueryName,
            Where::QueryValue => Location::QueryValue,
            Where::Header(h) => Location::Header(h.to_string()),
            Where::Cookie => Location::Cookie,
            Where::Body => Location::Body,
        }
    }
}

/// Largest buffer handed on to the next inspection (see `finish`).
const SPARE_MAX_BYTES: usize = 64 * 1024;

/// Memo codes of form arguments kept by their raw bytes (`+` as space);
/// distinct from every [`Profile`] code, which key decoded values. A whole
/// argument (`name=value`) is one entry, its name's hits before its value's;
/// names also have entries of their own, for arguments whose value is new.
const RAW_FORM_NAME: u8 = 0x10;
const RAW_FORM_PAIR: u8 = 0x12;

/// Which detectors a value goes through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Profile {
    /// Every content detector.
    Full,
    /// Only detectors whose matches cannot be innocent (user agents).
    HighConfidence,
    /// The path as a whole: traversal only (segments get `Full`).
    WholePath,
}

/// Headers whose values are opaque tokens, negotiated lists or handled
/// elsewhere; inspecting them would only produce noise.
fn opaque_header(name: &str) -> bool {
    matches!(
        name,
        "authorization"
            | "proxy-authorization"
            | "cookie"
            | "accept"
            | "accept-encoding"
            | "accept-language"
            | "accept-charset"
            | "content-type"
            | "content-length"
            | "transfer-encoding"
            | "content-encoding"
            | "connection"
            | "keep-alive"
            | "host"
            | "cache-control"
            | "pragma"
            | "if-none-match"
            | "if-match"
            | "if-modified-since"
            | "if-unmodified-since"
            | "etag"
            | "upgrade-insecure-requests"
            | "dnt"
            | "te"
            | "priority"
            | "x-csrf-token"
            | "x-xsrf-token"
            | "x-request-id"
            | "traceparent"
            | "tracestate"
    ) || name.starts_with("sec-")
}

pub(crate) struct Inspector<'c> {
    cfg: &'c Config,
    findings: Vec<Finding>,
    hits: Hits,
    seen: Vec<u8>,
    full: Vec<u8>,
    name: Vec<u8>,
    /// Percent-decoded argument names and values.
    dec_name: Vec<u8>,
    dec_value: Vec<u8>,
    /// A form argument's hits, name's then value's, for its memo entry.
    pair_hits: Vec<Hit>,
    /// Where this request's form body is recorded (see `form_pairs`).
    next_body: LastBody,
    scratch: detect::Scratch,
    /// Hits of values seen in earlier requests, when the caller keeps one.
    memo: Option<&'c mut Memo>,
    /// Whose entries in the memo this request may use (see `Memo`).
    client: u64,
    /// Whether this is the client's first request the memo knows of: its
    /// form body is then not recorded (most clients that post once never
    /// post again; the second body is recorded).
    new_client: bool,
    /// What is left of `max_header_bytes` (see `spend_header_bytes`).
    header_bytes_left: usize,
    /// Categories not reported for the value being reported: what the
    /// application's exclusions leave out for it (see `crate::exclude`).
    skip: u16,
}

impl<'c> Inspector<'c> {
    pub fn new(cfg: &'c Config) -> Self {
        Inspector {
            cfg,
            findings: Vec::new(),
            hits: Hits::default(),
            seen: Vec::new(),
            full: Vec::new(),
            name: Vec::new(),
            dec_name: Vec::new(),
            dec_value: Vec::new(),
            pair_hits: Vec::new(),
            next_body: LastBody::default(),
            scratch: detect::Scratch::default(),
            memo: None,
            client: 0,
            new_client: true,
            header_bytes_left: cfg.max_header_bytes,
            skip: 0,
        }
    }

    pub fn with_memo(cfg: &'c Config, memo: &'c mut Memo, client: &[u8]) -> Self {
        let spare = std::mem::take(&mut memo.spare);
        let (client, new_client) = memo.client(client);
        Inspector {
            cfg,
            findings: Vec::new(),
            hits: spare.hits,
            seen: spare.seen,
            full: spare.full,
            name: spare.name,
            dec_name: spare.dec_name,
            dec_value: spare.dec_value,
            pair_hits: spare.pair_hits,
            next_body: spare.next_body,
            scratch: spare.scratch,
            memo: Some(memo),
            client,
            new_client,
            header_bytes_left: cfg.max_header_bytes,
            skip: 0,
        }
    }

    pub fn finish(self) -> Vec<Finding> {
        if let Some(memo) = self.memo {
            // A buffer a huge value grew is dropped rather than kept for life.
            let keep = |v: Vec<u8>| if v.capacity() > SPARE_MAX_BYTES { Vec::new() } else { v };
            memo.spare = Spare {
                hits: self.hits,
                seen: keep(self.seen),
                full: keep(self.full),
                name: keep(self.name),
                dec_name: keep(self.dec_name),
                dec_value: keep(self.dec_value),
                pair_hits: self.pair_hits,
                next_body: self.next_body,
                scratch: self.scratch,
            };
        }
        self.findings
    }

    pub fn report(&mut self, w: Where, cat: Category, sev: Severity, rule: &'static str) {
        if self.skip & cat.bit() != 0 {
            return;
        }
        if let Some(f) = self.findings.iter_mut().find(|f| f.category == cat && w.is(&f.location)) {
            if sev > f.severity {
                f.severity = sev;
                f.rule = rule;
            }
            return;
        }
        self.findings.push(Finding { category: cat, severity: sev, location: w.location(), rule });
    }

    fn too_many(&mut self, w: Where) {
        self.over_limit(w, "limits.too_many_params");
    }

    /// Input past an inspection limit: a finding whose severity the
    /// `on_limit` policy sets (High denies), never a silent skip.
    fn over_limit(&mut self, w: Where, rule: &'static str) {
        self.report(w, Category::InspectionLimit, self.cfg.on_limit.severity(), rule);
    }

    /// Inspects one value, already decoded the way the application sees it.
    pub fn decoded_value(&mut self, value: &[u8], name: Option<&[u8]>, w: Where, profile: Profile) {
        self.value_hits(value, name, profile, true);
        self.report_hits(w);
    }

    /// Leaves in `self.hits` what the detectors find in `value`; with
    /// `memoise`, looks the value up in the memo first and remembers it.
    fn value_hits(&mut self, value: &[u8], name: Option<&[u8]>, profile: Profile, memoise: bool) {
        let limit = self.cfg.value_limit();
        let cut = value.len() > limit;
        let value = &value[..value.len().min(limit)];
        self.hits.clear();
        if let Some(n) = name {
            self.name.clear();
            self.name.extend(n.iter().map(|b| b.to_ascii_lowercase()));
        }
        let name_ref = name.map(|_| &self.name[..]);
        // The detectors see the value, the lower-cased name, the profile and
        // the limits, nothing else: a value seen before gets its hits back.
        let probe = match self.memo.as_deref() {
            // A cut value is not remembered: its key (the kept prefix) would
            // also be the key of a value of exactly that prefix, not cut.
            Some(m) if memoise && !cut => m.probe(self.cfg, profile as u8, self.client, name_ref, value),
            _ => None,
        };
        let remembered = match (probe, self.memo.as_deref()) {
            (Some(p), Some(m)) => m.get(p, name_ref, value),
            _ => None,
        };
        if let Some(hits) = remembered {
            self.hits.list.extend_from_slice(hits);
            return;
        }
        let seen_info = decode::normalise(value, &mut self.seen);
        detect::run(&self.seen, seen_info, name_ref, profile, &mut self.scratch, &mut self.hits);
        // Decoding starts only at `%`, `\\`, `&` or an overlong UTF-8 lead
        // byte, which normalisation keeps as they are: without one in the
        // normalised value, there is nothing to decode.
        if !seen_info.may_decode() {
            // nothing
        } else if let Cow::Owned(full) = decode::decode_fully(value, self.cfg.max_decode_rounds) {
            let full_info = decode::normalise(&full, &mut self.full);
            if self.full != self.seen {
                detect::run(&self.full, full_info, name_ref, profile, &mut self.scratch, &mut self.hits);
            }
        }
        if cut {
            self.hits.add(Category::InspectionLimit, self.cfg.on_limit.severity(), "limits.value_too_long");
        }
        if let (Some(p), Some(m)) = (probe, self.memo.as_deref_mut()) {
            m.put(p, name_ref, value, &self.hits.list);
        }
    }

    /// Turns `self.hits` into findings at `w`.
    fn report_hits(&mut self, w: Where) {
        let hits = std::mem::take(&mut self.hits);
        for h in &hits.list {
            self.report(w, h.cat, h.sev, h.rule);
        }
        self.hits = hits;
    }

    /// Where the memo keeps an argument by its raw (still encoded) bytes.
    fn raw_probe(&self, code: u8, name: Option<&[u8]>, raw: &[u8]) -> Option<Probe> {
        self.memo.as_deref().and_then(|m| m.probe(self.cfg, code, self.client, name, raw))
    }

    /// Reports the hits the memo holds for a raw argument; false if none.
    fn recall(&mut self, p: Option<Probe>, name: Option<&[u8]>, raw: &[u8], w: Where) -> bool {
        let found = match (p, self.memo.as_deref()) {
            (Some(p), Some(m)) => m.get(p, name, raw),
            _ => None,
        };
        match found {
            Some(hits) => {
                self.hits.list.clear();
                self.hits.list.extend_from_slice(hits);
                self.report_hits(w);
                true
            }
            None => false,
        }
    }

    /// Reports hits found in a form argument: `hits[..split]` in its name
    /// (at `names`, less the categories in `masks.0`), the rest in its
    /// value (at `values`, less `masks.1`).
    fn report_split(&mut self, hits: &[Hit], split: usize, names: Where, values: Where, masks: (u16, u16)) {
        for (i, h) in hits.iter().enumerate() {
            self.skip = if i < split { masks.0 } else { masks.1 };
            self.report(if i < split { names } else { values }, h.cat, h.sev, h.rule);
        }
        self.skip = 0;
    }

    /// What the exclusions leave out of a form argument named `n` (raw,
    /// still percent-encoded): its name's categories and its value's.
    fn arg_masks(&mut self, n: &[u8], values: Where) -> (u16, u16) {
        if self.cfg.exclusions.is_empty() {
            return (0, 0);
        }
        let mut buf = Vec::new();
        let name: &[u8] = if decode::percent_decode_into(encoded_prefix(n, self.cfg), true, &mut buf) { &buf } else { n };
        let (ns, vs) = if matches!(values, Where::Body) { (Seen::BodyName, Seen::BodyValue) } else { (Seen::QueryName, Seen::QueryValue) };
        (exclude::mask(&self.cfg.exclusions, ns, name), exclude::mask(&self.cfg.exclusions, vs, name))
    }

    /// Inspects one value that exclusions may name (`at`, `name`).
    fn named_value(&mut self, value: &[u8], name: Option<&[u8]>, at: Seen, w: Where, profile: Profile) {
        self.skip = exclude::mask(&self.cfg.exclusions, at, name.unwrap_or(b""));
        self.decoded_value(value, name, w, profile);
        self.skip = 0;
    }

    /// Remembers `self.hits` for a raw argument.
    fn remember(&mut self, p: Option<Probe>, name: Option<&[u8]>, raw: &[u8]) {
        if let (Some(p), Some(m)) = (p, self.memo.as_deref_mut()) {
            m.put(p, name, raw, &self.hits.list);
        }
    }

    /// `a=1&b=2` with form encoding (`+` is a space).
    fn form_pairs(&mut self, raw: &[u8], names: Where, values: Where) {
        // A client's form body is compared with its last one argument by
        // argument, in order (forms send their fields in the same order):
        // an argument that repeats costs one comparison, no hashing.
        // (Not with exclusions: they need each argument's name.)
        let body = matches!(values, Where::Body) && self.memo.is_some() && !self.new_client && self.cfg.exclusions.is_empty();
        let (mut last, mut next) = match self.memo.as_deref_mut() {
            Some(m) if body => (m.take_last_body(self.client), std::mem::take(&mut self.next_body)),
            _ => (LastBody::default(), LastBody::default()),
        };
        let tag = HeadTag::of(self.cfg, self.client);
        let compare = body && last.is(tag);
        if body {
            next.start(tag, raw);
        }
        let mut count = 0usize;
        let mut rest = raw;
        if compare {
            // The arguments this body shares with the last one from its
            // start (a form's fields come in order; often all but a few
            // repeat): their hits, without splitting or comparing each.
            let (k, end) = last.shared_args(raw);
            for i in 0..k {
                let (hits, split) = last.arg_hits(i);
                if !hits.is_empty() {
                    self.report_split(hits, split, names, values, (0, 0));
                }
            }
            next.copy_args(&last, k);
            count = k;
            if k > 0 {
                rest = &raw[(end + 1).min(raw.len())..];
            }
        }
        let cap = if matches!(values, Where::Body) { self.cfg.max_body_params } else { self.cfg.max_params };
        for pair in split_at_byte(rest, b'&') {
            if pair.is_empty() {
                continue;
            }
            count += 1;
            if count > cap {
                self.too_many(values);
                break;
            }
            if let Some((hits, split)) = if compare { last.same_arg(count - 1, pair) } else { None } {
                self.report_split(hits, split, names, values, (0, 0));
                next.record(raw, pair, hits, split);
                continue;
            }
            let split = self.form_arg(pair, names, values);
            if body {
                next.record(raw, pair, &self.pair_hits, split);
            }
        }
        if body {
            if let Some(m) = self.memo.as_deref_mut() {
                m.put_last_body(next);
            }
            last.clear();
            self.next_body = last;
        }
    }

    /// One form argument (`name=value`, raw): reports its hits and leaves
    /// them in `self.pair_hits`, the name's first; returns where the
    /// value's start.
    fn form_arg(&mut self, pair: &[u8], names: Where, values: Where) -> usize {
        let (n, v) = match crate::bytes::memchr(b'=', pair) {
            Some(eq) => (&pair[..eq], &pair[eq + 1..]),
            None => (pair, &b""[..]),
        };
        let masks = self.arg_masks(n, values);
        let mut pair_hits = std::mem::take(&mut self.pair_hits);
        pair_hits.clear();
        // The memo keeps arguments by their raw bytes: an argument seen
        // before is one look-up, and is not even decoded.
        let p = self.raw_probe(RAW_FORM_PAIR, None, pair);
        let known = match (p, self.memo.as_deref()) {
            (Some(p), Some(m)) => m.get_split(p, None, pair).map(|(hits, split)| {
                pair_hits.extend_from_slice(hits);
                split
            }),
            _ => None,
        };
        if let Some(split) = known {
            self.report_split(&pair_hits, split, names, values, masks);
            self.pair_hits = pair_hits;
            return split;
        }
        // Decoded into buffers kept across arguments (taken out of
        // `self` while in use).
        let mut nbuf = std::mem::take(&mut self.dec_name);
        let mut vbuf = std::mem::take(&mut self.dec_value);
        // Whether `nbuf` holds the decoded name (None: not decoded yet).
        let mut n_in_buf: Option<bool> = None;
        if !n.is_empty() {
            let pn = self.raw_probe(RAW_FORM_NAME, None, n);
            self.skip = masks.0;
            if !self.recall(pn, None, n, names) {
                let in_buf = decode::percent_decode_into(encoded_prefix(n, self.cfg), true, &mut nbuf);
                n_in_buf = Some(in_buf);
                self.value_hits(if in_buf { &nbuf } else { n }, None, Profile::Full, false);
                self.remember(pn, None, n);
                self.report_hits(names);
            }
            // Either way `self.hits` now holds the name's hits.
            pair_hits.extend_from_slice(&self.hits.list);
        }
        let split = pair_hits.len();
        if !v.is_empty() {
            let in_buf = match n_in_buf {
                Some(b) => b,
                None => decode::percent_decode_into(encoded_prefix(n, self.cfg), true, &mut nbuf),
            };
            let n_dec: &[u8] = if in_buf { &nbuf } else { n };
            let v_dec: &[u8] = if decode::percent_decode_into(encoded_prefix(v, self.cfg), true, &mut vbuf) { &vbuf } else { v };
            self.value_hits(v_dec, Some(n_dec), Profile::Full, false);
            self.skip = masks.1;
            self.report_hits(values);
            pair_hits.extend_from_slice(&self.hits.list);
        }
        self.skip = 0;
        if let (Some(p), Some(m)) = (p, self.memo.as_deref_mut()) {
            m.put_split(p, None, pair, &pair_hits, split);
        }
        self.pair_hits = pair_hits;
        self.dec_name = nbuf;
        self.dec_value = vbuf;
        split
    }

    fn path(&mut self, path: &[u8]) {
        if path.is_empty() {
            return;
        }
        self.decoded_value(path, None, Where::Path, Profile::WholePath);
        let mut count = 0usize;
        for seg in split_at_byte(path, b'/') {
            if seg.is_empty() {
                continue;
            }
            count += 1;
            if count > self.cfg.max_params {
                self.too_many(Where::Path);
                break;
            }
            let mut buf = std::mem::take(&mut self.dec_value);
            let dec: &[u8] = if decode::percent_decode_into(encoded_prefix(seg, self.cfg), false, &mut buf) { &buf } else { seg };
            self.decoded_value(dec, None, Where::Path, Profile::Full);
            self.dec_value = buf;
        }
    }

    /// Takes `n` bytes from what is left of `max_header_bytes` (header
    /// values and cookies, in that order); false, and an over-limit finding,
    /// once they do not fit.
    fn spend_header_bytes(&mut self, n: usize) -> bool {
        match self.header_bytes_left.checked_sub(n) {
            Some(left) => {
                self.header_bytes_left = left;
                true
            }
            None => {
                self.header_bytes_left = 0;
                self.over_limit(Where::Header("*"), "limits.header_bytes");
                false
            }
        }
    }

    fn cookies(&mut self, raw: &[u8]) {
        if !self.spend_header_bytes(raw.len()) {
            return;
        }
        let mut count = 0usize;
        for pair in split_at_byte(raw, b';') {
            let pair = trim(pair);
            if pair.is_empty() {
                continue;
            }
            count += 1;
            if count > self.cfg.max_params {
                self.too_many(Where::Cookie);
                break;
            }
            let (n, v) = match crate::bytes::memchr(b'=', pair) {
                Some(eq) => (&pair[..eq], trim(&pair[eq + 1..])),
                None => (&b""[..], pair),
            };
            let v = if v.len() >= 2 && v[0] == b'"' && v[v.len() - 1] == b'"' { &v[1..v.len() - 1] } else { v };
            let mut buf = std::mem::take(&mut self.dec_value);
            let dec: &[u8] = if decode::percent_decode_into(encoded_prefix(v, self.cfg), false, &mut buf) { &buf } else { v };
            if !dec.is_empty() {
                self.named_value(dec, Some(n), Seen::Cookie, Where::Cookie, Profile::Full);
            }
            self.dec_value = buf;
        }
    }

    fn headers(&mut self, headers: &[(&str, &str)]) {
        if headers.len() > self.cfg.max_params {
            self.over_limit(Where::Header("*"), "limits.too_many_headers");
        }
        for &(name, value) in headers.iter().take(self.cfg.max_params) {
            if value.is_empty() || opaque_header(name) {
                continue;
            }
            if !self.spend_header_bytes(value.len()) {
                break;
            }
            let profile = if name == "user-agent" { Profile::HighConfidence } else { Profile::Full };
            self.named_value(value.as_bytes(), Some(name.as_bytes()), Seen::Header, Where::Header(name), profile);
        }
    }

    fn body(&mut self, req: &Request) {
        let body = match req.body {
            Some(b) if !b.is_empty() => b,
            _ => return,
        };
        // Bodies of other types are not inspected at all, so not cut either.
        let (kind, params) = match inspected_mime(req.headers) {
            Some(k) => k,
            None => return,
        };
        if kind == BodyKind::Multipart {
            // File contents are not inspected, so an upload's size is not an
            // inspection limit (ModSecurity's SecRequestBodyNoFilesLimit
            // likewise leaves files out): the whole body is scanned for part
            // delimiters (memmem, linear) and only what the detectors read
            // counts toward max_body_bytes.
            match boundary(params) {
                Some(b) => self.multipart(body, b.as_bytes()),
                None => self.report(Where::Body, Category::ProtocolAnomaly, Severity::Low, "body.multipart_no_boundary"),
            }
            return;
        }
        if body.len() > self.cfg.max_body_bytes {
            self.over_limit(Where::Body, "limits.body_too_long");
        }
        let body = &body[..body.len().min(self.cfg.max_body_bytes)];
        match kind {
            BodyKind::Form => self.form_pairs(body, Where::Body, Where::Body),
            BodyKind::Json => self.json(body),
            BodyKind::Multipart => unreachable!("multipart bodies are read above"),
            BodyKind::Text => self.decoded_value(body, None, Where::Body, Profile::Full),
        }
    }

    /// Scans JSON without building it: every string (keys too) is a value.
    /// Depth is a counter, so nesting costs no stack; malformed JSON is read
    /// as far as it goes.
    fn json(&mut self, body: &[u8]) {
        let mut depth = 0usize;
        let mut count = 0usize;
        let mut buf = Vec::new();
        // Member names, only for exclusions (see `JsonPath`).
        let mut path = (!self.cfg.exclusions.is_empty()).then(|| JsonPath::new(body.len()));
        let mut i = 0;
        while i < body.len() {
            match body[i] {
                c @ (b'{' | b'[') => {
                    depth += 1;
                    if depth > self.cfg.max_json_depth {
                        self.over_limit(Where::Body, "limits.json_too_deep");
                        return;
                    }
                    if let Some(p) = path.as_mut() {
                        p.open(c == b'[');
                    }
                    i += 1;
                }
                b'}' | b']' => {
                    depth = depth.saturating_sub(1);
                    if let Some(p) = path.as_mut() {
                        p.close();
                    }
                    i += 1;
                }
                b',' => {
                    if let Some(p) = path.as_mut() {
                        p.next();
                    }
                    i += 1;
                }
                b'"' => {
                    i = json_string(body, i + 1, &mut buf);
                    count += 1;
                    if count > self.cfg.max_body_params {
                        self.too_many(Where::Body);
                        return;
                    }
                    if let Some(p) = path.as_mut() {
                        let at = if p.string(&buf) { Seen::BodyName } else { Seen::BodyValue };
                        self.skip = p.name().map_or(0, |name| exclude::mask(&self.cfg.exclusions, at, name));
                    }
                    if !buf.is_empty() {
                        let s = std::mem::take(&mut buf);
                        self.decoded_value(&s, None, Where::Body, Profile::Full);
                        buf = s;
                    }
                    self.skip = 0;
                }
                _ => i += 1,
            }
        }
    }

    fn multipart(&mut self, body: &[u8], boundary: &[u8]) {
        let mut delim = Vec::with_capacity(boundary.len() + 2);
        delim.extend_from_slice(b"--");
        delim.extend_from_slice(boundary);
        let finder = memchr::memmem::Finder::new(&delim);
        let mut starts = finder.find_iter(body).map(|p| p + delim.len());
        let mut prev = match starts.next() {
            Some(p) => p,
            None => return,
        };
        let mut count = 0usize;
        let mut inspected = 0usize;
        loop {
            let next = starts.next();
            let end = next.map(|p| p - delim.len()).unwrap_or(body.len());
            let part = &body[prev.min(end)..end];
            if part.starts_with(b"--") {
                break; // the closing delimiter
            }
            count += 1;
            if count > self.cfg.max_body_params {
                self.too_many(Where::Body);
                break;
            }
            inspected += self.multipart_part(part, self.cfg.max_body_bytes.saturating_sub(inspected));
            if inspected > self.cfg.max_body_bytes {
                // Field values past the budget: the policy, and no more parts.
                self.over_limit(Where::Body, "limits.body_too_long");
                break;
            }
            match next {
                Some(p) => prev = p,
                None => break,
            }
        }
    }

    /// Inspects one part (at most `budget` bytes of its value) and returns
    /// how many bytes the detectors were given, or would have been: more than
    /// `budget` means the value was cut there.
    fn multipart_part(&mut self, part: &[u8], budget: usize) -> usize {
        let part = part.strip_prefix(b"\r\n").or_else(|| part.strip_prefix(b"\n")).unwrap_or(part);
        let (head, content) = match memchr::memmem::find(part, b"\r\n\r\n") {
            Some(p) => (&part[..p], &part[p + 4..]),
            None => match memchr::memmem::find(part, b"\n\n") {
                Some(p) => (&part[..p], &part[p + 2..]),
                None => (part, &b""[..]),
            },
        };
        let content = content.strip_suffix(b"\r\n").or_else(|| content.strip_suffix(b"\n")).unwrap_or(content);
        let name = header_param(head, b"name=");
        let filename = header_param(head, b"filename=");
        let mut used = 0;
        if let Some(n) = name {
            self.skip = exclude::mask(&self.cfg.exclusions, Seen::BodyName, n);
            self.decoded_value(n, None, Where::Body, Profile::Full);
            self.skip = 0;
            used += n.len();
        }
        let value = match filename {
            // File contents are data, not input to an interpreter; the name
            // is where traversal goes.
            Some(f) => f,
            None => content,
        };
        let kept = &value[..value.len().min(budget.saturating_sub(used))];
        let at = if filename.is_some() { Seen::FileName } else { Seen::BodyValue };
        self.skip = exclude::mask(&self.cfg.exclusions, at, name.unwrap_or(b""));
        self.decoded_value(kept, if filename.is_some() { None } else { name }, Where::Body, Profile::Full);
        self.skip = 0;
        used + value.len()
    }

    /// Everything but the body, then the body.
    pub fn request(&mut self, req: &Request) {
        self.head(req);
        self.body(req);
    }

    /// The protocol checks and every part but the body, answered from the
    /// memo when this client sent the same head before. The head's
    /// findings come before the body's and never share a location with
    /// them (the body's are all at `Body`), so they can be set aside.
    pub fn head_then_body(&mut self, req: &Request) {
        // The client's last head first (no hashing), then the table.
        if let Some(findings) = self.memo.as_deref().and_then(|m| m.last_head(self.cfg, self.client, req)) {
            self.findings = findings.to_vec();
            self.body(req);
            return;
        }
        let probe = match self.memo.as_deref() {
            Some(m) => m.head_probe(self.cfg, self.client, req),
            None => None,
        };
        let known = match (probe, self.memo.as_deref()) {
            (Some(p), Some(m)) => m.head_get(p, req).map(<[Finding]>::to_vec),
            _ => None,
        };
        match known {
            Some(findings) => self.findings = findings,
            None => {
                crate::protocol::check_request(req, self);
                self.head(req);
                if let (Some(p), Some(m)) = (probe, self.memo.as_deref_mut()) {
                    m.head_put(p, req, &self.findings);
                }
            }
        }
        if let (Some(p), Some(m)) = (probe, self.memo.as_deref_mut()) {
            m.note_last_head(self.client, p);
        }
        self.body(req);
    }

    fn head(&mut self, req: &Request) {
        self.path(req.path.as_bytes());
        self.form_pairs(req.query.as_bytes(), Where::QueryName, Where::QueryValue);
        self.headers(req.headers);
        if !req.cookies.is_empty() {
            self.cookies(req.cookies.as_bytes());
        } else {
            for &(n, v) in req.headers {
                if n == "cookie" {
                    self.cookies(v.as_bytes());
                }
            }
        }
    }
}

/// How a body is read, by its content type.
/// Where the JSON scanner is, as ModSecurity's JSON processor names a
/// member (`json.a.array_0.b`; an empty key is `empty-key`): kept only when
/// exclusions need names. Malformed JSON gives odd names, never a panic.
///
/// Names repeat every enclosing key, so deep nesting under long keys could
/// make them cost far more than the body: a name longer than
/// `JSON_NAME_MAX`, or any name once `budget` bytes of names were built,
/// is no name at all, and no exclusion applies to its value. That fails
/// safe: the value is reported in full (a cut name could match an
/// exclusion its whole name does not).
struct JsonPath {
    /// Open containers: an array's element index, or an object's current key
    /// and whether the next string is a key.
    levels: Vec<JsonLevel>,
    name: Vec<u8>,
    /// Whether `name` holds the current member's name.
    named: bool,
    budget: usize,
}

const JSON_NAME_MAX: usize = 4096;

enum JsonLevel {
    Array(usize),
    Object { key: Vec<u8>, expect_key: bool },
}

impl JsonPath {
    fn new(body_len: usize) -> JsonPath {
        JsonPath { levels: Vec::new(), name: Vec::new(), named: false, budget: (1 << 20) + 4 * body_len }
    }

    fn open(&mut self, array: bool) {
        self.levels.push(if array { JsonLevel::Array(0) } else { JsonLevel::Object { key: Vec::new(), expect_key: true } });
    }

    fn close(&mut self) {
        self.levels.pop();
    }

    /// A `,`: the next element, or the next member's key.
    fn next(&mut self) {
        match self.levels.last_mut() {
            Some(JsonLevel::Array(i)) => *i += 1,
            Some(JsonLevel::Object { expect_key, .. }) => *expect_key = true,
            None => {}
        }
    }

    /// A string: whether it is a member's key (it then becomes the key),
    /// else a value. Either way `name()` is then the member's name.
    fn string(&mut self, s: &[u8]) -> bool {
        let is_key = match self.levels.last_mut() {
            Some(JsonLevel::Object { key, expect_key }) if *expect_key => {
                key.clear();
                key.extend_from_slice(if s.is_empty() { b"empty-key" } else { s });
                *expect_key = false;
                true
            }
            _ => false,
        };
        self.name.clear();
        // ".array_" and 20 digits at most per array level.
        let len = 4 + self.levels.iter().map(|l| match l {
            JsonLevel::Array(_) => 27,
            JsonLevel::Object { key, .. } => 1 + key.len(),
        }).sum::<usize>();
        self.named = len <= JSON_NAME_MAX && len <= self.budget;
        if self.named {
            self.budget -= len;
            self.name.extend_from_slice(b"json");
            for level in &self.levels {
                match level {
                    JsonLevel::Array(i) => {
                        self.name.extend_from_slice(b".array_");
                        self.name.extend_from_slice(i.to_string().as_bytes());
                    }
                    JsonLevel::Object { key, .. } => {
                        self.name.push(b'.');
                        self.name.extend_from_slice(key);
                    }
                }
            }
        }
        is_key
    }

    /// The current member's name; None when it is too long to build.
    fn name(&self) -> Option<&[u8]> {
        self.named.then(|| &self.name[..])
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BodyKind {
    Form,
    Json,
    Multipart,
    Text,
}

/// The kind of body the headers' content type makes, and the type's
/// parameters; `None` for types that are not inspected.
pub(crate) fn inspected_mime<'a>(headers: &[(&str, &'a str)]) -> Option<(BodyKind, &'a str)> {
    let ctype = headers.iter().find(|(n, _)| *n == "content-type").map(|(_, v)| *v).unwrap_or("");
    let (mime, params) = match ctype.find(';') {
        Some(i) => (&ctype[..i], &ctype[i + 1..]),
        None => (ctype, ""),
    };
    let mime = mime.trim();
    let is = |t: &str| mime.eq_ignore_ascii_case(t);
    let kind = if is("application/x-www-form-urlencoded") {
        BodyKind::Form
    } else if is("application/json") || (mime.len() >= 5 && mime.is_char_boundary(mime.len() - 5) && mime[mime.len() - 5..].eq_ignore_ascii_case("+json")) {
        BodyKind::Json
    } else if is("multipart/form-data") {
        BodyKind::Multipart
    } else if is("text/plain") || mime.is_empty() {
        BodyKind::Text
    } else {
        return None;
    };
    Some((kind, params))
}

/// `raw.split(|&b| b == sep)`, jumping between separators with `memchr`
/// instead of testing every byte through a closure.
fn split_at_byte(raw: &[u8], sep: u8) -> SplitAtByte<'_> {
    SplitAtByte { rest: Some(raw), sep }
}

struct SplitAtByte<'a> {
    rest: Option<&'a [u8]>,
    sep: u8,
}

impl<'a> Iterator for SplitAtByte<'a> {
    type Item = &'a [u8];

    fn next(&mut self) -> Option<&'a [u8]> {
        let rest = self.rest?;
        match crate::bytes::memchr(self.sep, rest) {
            Some(i) => {
                self.rest = Some(&rest[i + 1..]);
                Some(&rest[..i])
            }
            None => {
                self.rest = None;
                Some(rest)
            }
        }
    }
}

/// The part of a percent-encoded argument that can decode into the first
/// `value_limit()` bytes (the most a value is inspected): one decoded byte takes
/// at most six encoded ones (`%u0041`). Decoding a megabyte of `%` signs
/// only to cut the result would cost ~20 ms natively, 100 ms in Wasm.
fn encoded_prefix<'a>(raw: &'a [u8], cfg: &Config) -> &'a [u8] {
    &raw[..raw.len().min(cfg.value_limit().saturating_mul(6).saturating_add(6))]
}

#[cfg(test)]
mod tests {
    use super::split_at_byte;

    #[test]
    fn split_at_byte_is_slice_split() {
        for s in [&b""[..], b"&", b"a", b"a&", b"&a", b"a&&b", b"&&", b"a=1&b=2&c"] {
            let ours: Vec<&[u8]> = split_at_byte(s, b'&').collect();
            let std: Vec<&[u8]> = s.split(|&b| b == b'&').collect();
            assert_eq!(ours, std, "{:?}", s);
        }
    }
}

fn trim(s: &[u8]) -> &[u8] {
    let start = s.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(s.len());
    let end = s.iter().rposition(|b| !b.is_ascii_whitespace()).map_or(start, |p| p + 1);
    &s[start..end.max(start)]
}

fn boundary(params: &str) -> Option<String> {
    for p in params.split(';') {
        let p = p.trim();
        if p.len() > 9 && p[..9].eq_ignore_ascii_case("boundary=") {
            let b = p[9..].trim_matches('"');
            if !b.is_empty() && b.len() <= 200 {
                return Some(b.to_string());
            }
        }
    }
    None
}

/// `name="x"` (or unquoted) from a part's headers; `key` includes the `=`.
/// `filename=` must not match inside `name=`, hence the boundary check.
fn header_param<'a>(head: &'a [u8], key: &[u8]) -> Option<&'a [u8]> {
    let mut from = 0;
    while let Some(off) = memchr::memmem::find(&head[from..], key) {
        let at = from + off;
        let ok = at == 0 || matches!(head[at - 1], b' ' | b';' | b'\t');
        let v = &head[at + key.len()..];
        from = at + key.len();
        if !ok {
            continue;
        }
        if v.first() == Some(&b'"') {
            let end = crate::bytes::memchr(b'"', &v[1..]).map_or(v.len(), |e| e + 1);
            return Some(&v[1..end]);
        }
        let end = v.iter().position(|&b| matches!(b, b';' | b'\r' | b'\n')).unwrap_or(v.len());
        return Some(trim(&v[..end]));
    }
    None
}

/// Reads a JSON string starting after its opening quote into `out`,
/// decoding escapes; returns the index after the closing quote.
fn json_string(b: &[u8], mut i: usize, out: &mut Vec<u8>) -> usize {
    out.clear();
    while i < b.len() {
        let c = b[i];
        if c == b'"' {
            return i + 1;
        }
        if c != b'\\' {
            out.push(c);
            i += 1;
            continue;
        }
        let e = b.get(i + 1).copied().unwrap_or(b'\\');
        i += 2;
        match e {
            b'n' => out.push(b'\n'),
            b't' => out.push(b'\t'),
            b'r' => out.push(b'\r'),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b'u' => {
                let hi = hex4(b, i);
                match hi {
                    Some(hi) => {
                        i += 4;
                        let mut cp = hi;
                        if (0xd800..0xdc00).contains(&hi) && b.get(i) == Some(&b'\\') && b.get(i + 1) == Some(&b'u') {
                            if let Some(lo) = hex4(b, i + 2) {
                                if (0xdc00..0xe000).contains(&lo) {
                                    cp = 0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00);
                                    i += 6;
                                }
                            }
                        }
                        let ch = char::from_u32(cp).unwrap_or('\u{fffd}');
                        let mut tmp = [0u8; 4];
                        out.extend_from_slice(ch.encode_utf8(&mut tmp).as_bytes());
                    }
                    None => out.extend_from_slice(b"\\u"),
                }
            }
            other => out.push(other),
        }
    }
    b.len()
}

fn hex4(b: &[u8], at: usize) -> Option<u32> {
    let s = b.get(at..at + 4)?;
    let mut v = 0u32;
    for &d in s {
        v = v * 16 + (d as char).to_digit(16)?;
    }
    Some(v)
}
