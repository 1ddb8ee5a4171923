//! What the detectors found in values seen before, kept across requests.
//!
//! Most of a request repeats across requests: the same client sends the same
//! user agent, referer, origin and cookies; forms repeat their enumerations
//! (`country=CH`, `plan=pro`, `terms=on`). The detectors are a pure function
//! of (limits, profile, argument name, value), so their hits for a value can
//! be remembered and reused, leaving the work to the values that are new.
//!
//! Entries belong to one client (the caller names it, the analyzer by client
//! IP): a value is only answered from entries its own client made. Otherwise
//! the time a request takes could tell one client whether another had just
//! sent a value (an e-mail address, a coupon code).
//!
//! The table is direct-mapped: a value's hash picks one slot, and a new value
//! whose hash picks a taken slot replaces what was there. Lookups compare the
//! whole key, so a collision (chance or crafted) can only cost a miss, never
//! a wrong answer, and flooding the table only brings every request back to
//! what it costs without a memo. Memory is bounded by `slots * max_key`,
//! plus the names of at most 4096 clients. Request heads (everything but
//! the body) have a table of their own under the same rules, bounded by
//! 256 heads of 4 KiB, and so do returning clients' last form bodies
//! ([`LastBody`]: 256 of at most 4 KiB).

use std::collections::BTreeMap;

use crate::bytes::word;
use crate::detect::Scratch;
use crate::hits::{Hit, Hits};
use crate::{Config, Finding, OnLimit, Request};

/// Slots in [`Memo::default`].
pub const DEFAULT_SLOTS: usize = 2048;
/// Longest key (argument name plus value, in bytes) [`Memo::default`] keeps;
/// longer values are inspected every time. Repeating values (tokens, user
/// agents, URLs, short fields) are shorter; free text rarely repeats.
pub const DEFAULT_MAX_KEY: usize = 512;
/// Clients a memo tells apart at once; past this the table of clients
/// starts over (with new ids, so no entry changes hands).
const MAX_CLIENTS: usize = 4096;
/// Slots for request heads (see [`Memo::head_probe`]): a client sends a
/// few distinct heads (one per page or endpoint), so fewer than values.
const HEAD_SLOTS: usize = 256;
/// Longest head kept, as encoded (length-prefixed pieces): a browser's
/// headers and cookies take 0.5–2 KiB. At most `HEAD_SLOTS` times this.
const MAX_HEAD_KEY: usize = 4096;

/// A bounded table of detector hits by value, owned by the caller of
/// [`crate::inspect_with_memo`] and kept across requests. Findings with a memo are the
/// same as without one (tested over every corpus and case table); only the
/// time differs.
pub struct Memo {
    slots: Vec<Slot>,
    max_key: usize,
    /// The buffers an inspection grows, handed from one call to the next so
    /// they are not grown again on every request.
    pub(crate) spare: Spare,
    /// Client name -> id. Ids are never reused (a counter), so an entry made
    /// for one client can never answer another, even after a start-over.
    /// Ordered, not hashed: client names come from the network.
    clients: BTreeMap<Vec<u8>, u64>,
    next_client: u64,
    /// Each client's last form body (see [`LastBody`]), by client id.
    last_bodies: Vec<LastBody>,
    /// Findings by request head: everything but the body (method, path,
    /// query, headers, cookies), whose findings are a pure function of
    /// those bytes and the limits, and come before the body's.
    heads: Vec<HeadSlot>,
    /// Each client's last head: (client id, its slot in `heads`), by client
    /// id. A client mostly sends the same head again: compared with that
    /// slot first, it is found without hashing every piece.
    last_heads: Vec<(u64, usize)>,
}

#[derive(Debug, Default)]
struct HeadSlot {
    /// 0 marks an empty slot.
    hash: u64,
    tag: HeadTag,
    /// The head's pieces, each as a little-endian u32 length and its bytes.
    key: Vec<u8>,
    findings: Vec<Finding>,
}

impl HeadSlot {
    /// Whether the stored head is this request's, compared piece by piece
    /// against the stored encoding (no copy of the request is made).
    fn holds(&self, req: &Request) -> bool {
        let mut key = &self.key[..];
        for piece in head_pieces(req) {
            if key.len() < 4 {
                return false;
            }
            let n = u32::from_le_bytes([key[0], key[1], key[2], key[3]]) as usize;
            if n != piece.len() || key.len() < 4 + n || !same(&key[4..4 + n], piece) {
                return false;
            }
            key = &key[4 + n..];
        }
        key.is_empty()
    }
}

/// What besides the bytes decides the findings of a request head or of a
/// form body's arguments: the limits, and the client whose entry it is.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct HeadTag {
    max_value_bytes: usize,
    max_decode_rounds: u8,
    max_params: usize,
    max_body_params: usize,
    max_header_bytes: usize,
    on_limit: Option<OnLimit>,
    client: u64,
}

impl HeadTag {
    pub(crate) fn of(cfg: &Config, client: u64) -> HeadTag {
        HeadTag {
            max_value_bytes: cfg.value_limit(),
            max_decode_rounds: cfg.max_decode_rounds,
            max_params: cfg.max_params,
            max_body_params: cfg.max_body_params,
            max_header_bytes: cfg.max_header_bytes,
            on_limit: Some(cfg.on_limit),
            client,
        }
    }
}

/// Clients whose last form body is kept (by client id; another client
/// with the same id modulo this takes the slot over).
const LAST_BODIES: usize = 256;
/// Longest form body kept as a client's last. At most `LAST_BODIES` times this.
const MAX_LAST_BODY: usize = 4096;

/// A client's last form body and each argument's hits, in order. Its next
/// body is compared with it argument by argument: a form sends its fields
/// in the same order, so the arguments that repeat cost one comparison
/// each, without hashing or a look-up in the table. An argument that
/// differs (or moved) goes through the table as before.
#[derive(Default)]
pub(crate) struct LastBody {
    tag: HeadTag,
    /// False when nothing is recorded (no body yet, or one too long).
    kept: bool,
    raw: Vec<u8>,
    args: Vec<LastArg>,
    hits: Vec<Hit>,
}

#[derive(Clone, Copy)]
struct LastArg {
    /// Where the argument is in `raw`.
    start: usize,
    len: usize,
    /// Its hits in `hits`, and where its value's start.
    hits_from: usize,
    hits_len: usize,
    split: usize,
}

impl LastBody {
    /// Whether this is a record made under `tag`.
    pub(crate) fn is(&self, tag: HeadTag) -> bool {
        self.kept && self.tag == tag
    }

    pub(crate) fn clear(&mut self) {
        self.kept = false;
        self.raw.clear();
        self.args.clear();
        self.hits.clear();
    }

    /// Starts recording the body `raw` under `tag`.
    pub(crate) fn start(&mut self, tag: HeadTag, raw: &[u8]) {
        self.clear();
        self.tag = tag;
        if raw.len() <= MAX_LAST_BODY {
            self.kept = true;
            self.raw.extend_from_slice(raw);
        }
    }

    /// Records the next argument, `pair` (a slice of the recorded `raw`).
    pub(crate) fn record(&mut self, raw: &[u8], pair: &[u8], hits: &[Hit], split: usize) {
        if !self.kept {
            return;
        }
        // `pair` lies inside `raw`: its offset is the difference of the addresses.
        let start = pair.as_ptr() as usize - raw.as_ptr() as usize;
        self.args.push(LastArg { start, len: pair.len(), hits_from: self.hits.len(), hits_len: hits.len(), split });
        self.hits.extend_from_slice(hits);
    }

    /// How many of the recorded arguments the body `raw` begins with, byte
    /// for byte, separators included (so it splits into them too), and
    /// where the last of them ends. Found by one comparison of the two
    /// bodies, eight bytes per step, instead of a search for each `&`.
    pub(crate) fn shared_args(&self, raw: &[u8]) -> (usize, usize) {
        let common = common_prefix(&self.raw, raw);
        let whole = common == raw.len() && common == self.raw.len();
        let mut k = 0;
        let mut end = 0;
        for a in &self.args {
            let e = a.start + a.len;
            // The byte after a recorded argument is its `&` (or the end):
            // inside the common prefix, the new body has it too.
            if e < common || (whole && e == common) {
                k += 1;
                end = e;
            } else {
                break;
            }
        }
        (k, end)
    }

    /// The first `k` arguments of `last` (and their hits), which this body
    /// begins with too (`shared_args`): the same offsets, copied at once.
    pub(crate) fn copy_args(&mut self, last: &LastBody, k: usize) {
        if !self.kept || k == 0 {
            return;
        }
        let l = &last.args[k - 1];
        self.args.extend_from_slice(&last.args[..k]);
        self.hits.extend_from_slice(&last.hits[..l.hits_from + l.hits_len]);
    }

    /// Argument `k` of the recorded body: its hits and where its value starts.
    pub(crate) fn arg_hits(&self, k: usize) -> (&[Hit], usize) {
        let a = &self.args[k];
        (&self.hits[a.hits_from..a.hits_from + a.hits_len], a.split)
    }

    /// The hits of argument `k` of the recorded body, if it was `pair`.
    pub(crate) fn same_arg(&self, k: usize, pair: &[u8]) -> Option<(&[Hit], usize)> {
        let a = self.args.get(k)?;
        if a.len != pair.len() {
            return None;
        }
        let kept = &self.raw[a.start..a.start + a.len];
        // New values often differ only near their end (counters, ids,
        // timestamps): look there first, then at the whole.
        let tail = a.len.saturating_sub(8);
        if !same(&kept[tail..], &pair[tail..]) || !same(kept, pair) {
            return None;
        }
        Some((&self.hits[a.hits_from..a.hits_from + a.hits_len], a.split))
    }
}

/// Where a request head's entry is or would go.
#[derive(Debug, Clone, Copy)]
pub(crate) struct HeadProbe {
    index: usize,
    hash: u64,
    tag: HeadTag,
}

/// The pieces of a request's head, in a fixed order.
fn head_pieces<'a>(req: &'a Request<'a>) -> impl Iterator<Item = &'a [u8]> + 'a {
    [req.method, req.path, req.query, req.cookies]
        .into_iter()
        .chain(req.headers.iter().flat_map(|&(n, v)| [n, v]))
        .map(str::as_bytes)
}

impl std::fmt::Debug for Memo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Memo").field("slots", &self.slots.len()).field("max_key", &self.max_key).finish()
    }
}

/// An inspection's working buffers (see `inputs::Inspector`); each is
/// cleared before use, so what a previous request left in them is never read.
#[derive(Default)]
pub(crate) struct Spare {
    pub hits: Hits,
    pub seen: Vec<u8>,
    pub full: Vec<u8>,
    pub name: Vec<u8>,
    pub dec_name: Vec<u8>,
    pub dec_value: Vec<u8>,
    pub pair_hits: Vec<Hit>,
    pub next_body: LastBody,
    pub scratch: Scratch,
}

#[derive(Debug, Default)]
struct Slot {
    /// 0 marks an empty slot (a real hash of 0 is stored as 1).
    hash: u64,
    /// What else decides the hits: see [`Tag`].
    tag: Tag,
    /// The name, then the value, as given to `probe`: for a decoded value
    /// the lower-cased name the detectors see; for a form argument kept by
    /// its raw bytes, the raw name.
    key: Vec<u8>,
    hits: Vec<Hit>,
    /// Where the hits of the entry's first part end (see [`Memo::put_split`]).
    split: usize,
}

/// Everything besides the key's bytes that decides a value's hits: the
/// limits the detectors see, the profile, the client whose entry it is, and
/// where the name ends (`None`: no name, which differs from an empty one).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Tag {
    max_value_bytes: usize,
    on_limit: Option<OnLimit>,
    max_decode_rounds: u8,
    profile: u8,
    client: u64,
    name_len: Option<usize>,
}

/// Where a value's entry is or would go.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Probe {
    index: usize,
    hash: u64,
    tag: Tag,
}

impl Default for Memo {
    fn default() -> Self {
        Memo::new(DEFAULT_SLOTS, DEFAULT_MAX_KEY)
    }
}

impl Memo {
    /// A table of `slots` entries (rounded up to a power of two, at least
    /// one) for keys of at most `max_key` bytes.
    pub fn new(slots: usize, max_key: usize) -> Memo {
        let n = slots.max(1).next_power_of_two();
        let mut table = Vec::with_capacity(n);
        table.resize_with(n, Slot::default);
        let mut heads = Vec::with_capacity(HEAD_SLOTS);
        heads.resize_with(HEAD_SLOTS, HeadSlot::default);
        let mut last_bodies = Vec::with_capacity(LAST_BODIES);
        last_bodies.resize_with(LAST_BODIES, LastBody::default);
        Memo {
            slots: table,
            max_key,
            spare: Spare::default(),
            clients: BTreeMap::new(),
            next_client: 0,
            heads,
            last_bodies,
            last_heads: vec![(0, 0); LAST_BODIES],
        }
    }

    /// The id of the client named `name` (the analyzer names clients by IP),
    /// and whether the memo met it just now.
    pub(crate) fn client(&mut self, name: &[u8]) -> (u64, bool) {
        if let Some(&id) = self.clients.get(name) {
            return (id, false);
        }
        if self.clients.len() >= MAX_CLIENTS {
            self.clients.clear();
        }
        self.next_client += 1;
        self.clients.insert(name.to_vec(), self.next_client);
        (self.next_client, true)
    }

    /// Forgets every entry (keeps the allocations).
    pub fn clear(&mut self) {
        for s in &mut self.slots {
            s.hash = 0;
        }
        for h in &mut self.heads {
            h.hash = 0;
        }
        for b in &mut self.last_bodies {
            b.clear();
        }
        for h in &mut self.last_heads {
            *h = (0, 0);
        }
    }

    /// The last form body of client `client` (or an empty record), taken out.
    pub(crate) fn take_last_body(&mut self, client: u64) -> LastBody {
        let n = self.last_bodies.len();
        std::mem::take(&mut self.last_bodies[client as usize % n])
    }

    /// Keeps `body` as its client's last form body.
    pub(crate) fn put_last_body(&mut self, body: LastBody) {
        let n = self.last_bodies.len();
        let slot = body.tag.client as usize % n;
        self.last_bodies[slot] = body;
    }

    /// Where the entry for this request's head goes, or `None` when the
    /// head is too long to be kept.
    pub(crate) fn head_probe(&self, cfg: &Config, client: u64, req: &Request) -> Option<HeadProbe> {
        let mut size = 0;
        let mut h = mix(0x243f_6a88_85a3_08d3, client);
        for piece in head_pieces(req) {
            size += 4 + piece.len();
            if size > MAX_HEAD_KEY {
                return None;
            }
            h = sample_hash(h, piece);
        }
        let tag = HeadTag::of(cfg, client);
        let hash = if h == 0 { 1 } else { h };
        Some(HeadProbe { index: hash as usize & (self.heads.len() - 1), hash, tag })
    }

    /// The findings remembered for this request's head, if its slot holds it.
    pub(crate) fn head_get(&self, p: HeadProbe, req: &Request) -> Option<&[Finding]> {
        let s = &self.heads[p.index];
        if s.hash != p.hash || s.tag != p.tag || !s.holds(req) {
            return None;
        }
        Some(&s.findings)
    }

    /// The findings of this client's last head, if this request has that
    /// head (same bytes, same limits): no hashing.
    pub(crate) fn last_head(&self, cfg: &Config, client: u64, req: &Request) -> Option<&[Finding]> {
        let (c, index) = self.last_heads[client as usize % self.last_heads.len()];
        let s = &self.heads[index];
        if c != client || s.hash == 0 || s.tag != HeadTag::of(cfg, client) || !s.holds(req) {
            return None;
        }
        Some(&s.findings)
    }

    /// Notes that `client`'s last head is the one at `p`.
    pub(crate) fn note_last_head(&mut self, client: u64, p: HeadProbe) {
        let n = self.last_heads.len();
        self.last_heads[client as usize % n] = (client, p.index);
    }

    /// Remembers the findings of this request's head.
    pub(crate) fn head_put(&mut self, p: HeadProbe, req: &Request, findings: &[Finding]) {
        let s = &mut self.heads[p.index];
        s.hash = p.hash;
        s.tag = p.tag;
        s.key.clear();
        for piece in head_pieces(req) {
            s.key.extend_from_slice(&(piece.len() as u32).to_le_bytes());
            s.key.extend_from_slice(piece);
        }
        s.findings.clear();
        s.findings.extend_from_slice(findings);
    }

    /// Where the entry for this value goes, or `None` when it is too long
    /// to be kept.
    pub(crate) fn probe(&self, cfg: &Config, profile: u8, client: u64, name: Option<&[u8]>, value: &[u8]) -> Option<Probe> {
        let name_len = name.map_or(0, <[u8]>::len);
        if name_len + value.len() > self.max_key {
            return None;
        }
        let tag = Tag {
            max_value_bytes: cfg.value_limit(),
            on_limit: Some(cfg.on_limit),
            max_decode_rounds: cfg.max_decode_rounds,
            profile,
            client,
            name_len: name.map(<[u8]>::len),
        };
        let mut h = mix(0x9e37_79b9_7f4a_7c15, (u64::from(profile) << 8) | u64::from(cfg.max_decode_rounds));
        h = mix(h, tag.name_len.map_or(u64::MAX, |n| n as u64));
        h = mix(h, client);
        h = sample_hash(h, name.unwrap_or(b""));
        h = sample_hash(h, value);
        let hash = if h == 0 { 1 } else { h };
        Some(Probe { index: hash as usize & (self.slots.len() - 1), hash, tag })
    }

    /// The hits remembered for this value, if its slot holds it.
    pub(crate) fn get(&self, p: Probe, name: Option<&[u8]>, value: &[u8]) -> Option<&[Hit]> {
        self.get_split(p, name, value).map(|(hits, _)| hits)
    }

    /// The hits remembered for this value and where its first part's end.
    pub(crate) fn get_split(&self, p: Probe, name: Option<&[u8]>, value: &[u8]) -> Option<(&[Hit], usize)> {
        let s = &self.slots[p.index];
        let name = name.unwrap_or(b"");
        if s.hash != p.hash || s.tag != p.tag || s.key.len() != name.len() + value.len() {
            return None;
        }
        let (kn, kv) = s.key.split_at(name.len());
        if same(kn, name) && same(kv, value) {
            Some((&s.hits, s.split))
        } else {
            None
        }
    }

    /// Remembers `hits` for this value, replacing the slot's entry.
    pub(crate) fn put(&mut self, p: Probe, name: Option<&[u8]>, value: &[u8], hits: &[Hit]) {
        self.put_split(p, name, value, hits, hits.len());
    }

    /// Remembers hits found in two parts of one value (a form argument's
    /// name and value): `hits[..split]` in the first, the rest in the second.
    pub(crate) fn put_split(&mut self, p: Probe, name: Option<&[u8]>, value: &[u8], hits: &[Hit], split: usize) {
        let s = &mut self.slots[p.index];
        s.hash = p.hash;
        s.tag = p.tag;
        s.key.clear();
        s.key.extend_from_slice(name.unwrap_or(b""));
        s.key.extend_from_slice(value);
        s.hits.clear();
        s.hits.extend_from_slice(hits);
        s.split = split.min(hits.len());
    }
}

fn mix(h: u64, x: u64) -> u64 {
    (h ^ x).wrapping_mul(0x2127_599b_f432_5c37).rotate_left(29)
}

/// Hashes the length and up to 48 bytes of `b` (the first, middle and last
/// 16): constant time per key. It only spreads keys over slots; `get`
/// compares whole keys, so keys that share those bytes merely compete for
/// a slot (see the module documentation).
fn sample_hash(h: u64, b: &[u8]) -> u64 {
    let n = b.len();
    let mut h = mix(h, n as u64);
    if n <= 48 {
        let mut chunks = b.chunks_exact(8);
        for c in &mut chunks {
            h = mix(h, word(c, 0));
        }
        let rest = chunks.remainder();
        let mut w = [0u8; 8];
        w[..rest.len()].copy_from_slice(rest);
        return mix(h, u64::from_le_bytes(w));
    }
    let mid = n / 2 - 8;
    for at in [0, 8, mid, mid + 8, n - 16, n - 8] {
        h = mix(h, word(b, at));
    }
    h
}

/// The length of the longest common prefix of `a` and `b`, eight bytes per step.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    let n = a.len().min(b.len());
    let mut i = 0;
    while i + 8 <= n {
        let x = word(a, i) ^ word(b, i);
        if x != 0 {
            return i + (x.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < n && a[i] == b[i] {
        i += 1;
    }
    i
}

/// `a == b`, eight bytes per step: slice equality in wasm32 calls the byte
/// loop of compiler-builtins' `memcmp`.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && common_prefix(a, b) == a.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Category, Severity};

    fn hit(rule: &'static str) -> Hit {
        Hit { cat: Category::Xss, sev: Severity::High, rule }
    }

    #[test]
    fn finds_only_the_exact_key() {
        let cfg = Config::default();
        let mut m = Memo::new(1, 64); // one slot: every key collides
        let p = m.probe(&cfg, 0, 1, Some(b"q"), b"abc").unwrap();
        assert!(m.get(p, Some(b"q"), b"abc").is_none());
        m.put(p, Some(b"q"), b"abc", &[hit("a")]);
        assert_eq!(m.get(p, Some(b"q"), b"abc"), Some(&[hit("a")][..]));
        // Same bytes split differently between name and value, no name,
        // another profile, other limits: all different keys.
        for (name, value) in [(Some(&b"qa"[..]), &b"bc"[..]), (None, &b"qabc"[..]), (Some(&b""[..]), &b"qabc"[..])] {
            let q = m.probe(&cfg, 0, 1, name, value).unwrap();
            assert!(m.get(q, name, value).is_none(), "{:?} {:?}", name, value);
        }
        let q = m.probe(&cfg, 1, 1, Some(b"q"), b"abc").unwrap();
        assert!(m.get(q, Some(b"q"), b"abc").is_none());
        let other = Config { max_decode_rounds: 1, ..Config::default() };
        let q = m.probe(&other, 0, 1, Some(b"q"), b"abc").unwrap();
        assert!(m.get(q, Some(b"q"), b"abc").is_none());
        // A crafted collision (same slot, same hash) still compares the key.
        let forged = Probe { hash: p.hash, ..m.probe(&cfg, 0, 1, Some(b"q"), b"abd").unwrap() };
        assert!(m.get(forged, Some(b"q"), b"abd").is_none());
        // Another client's entry for the same value is not this client's.
        let q = m.probe(&cfg, 0, 2, Some(b"q"), b"abc").unwrap();
        assert!(m.get(q, Some(b"q"), b"abc").is_none());
        m.clear();
        assert!(m.get(p, Some(b"q"), b"abc").is_none());
    }

    #[test]
    fn a_head_is_found_only_for_the_same_bytes_limits_and_client() {
        let cfg = Config::default();
        let headers = [("user-agent", "curl/8"), ("x-a", "1")];
        let req = Request { method: "GET", path: "/a", query: "q=1", headers: &headers, cookies: "s=1", body: None };
        let f = Finding { category: Category::Xss, severity: Severity::Low, location: crate::Location::Cookie, rule: "t" };
        let mut m = Memo::default();
        let p = m.head_probe(&cfg, 1, &req).unwrap();
        assert!(m.head_get(p, &req).is_none());
        m.head_put(p, &req, &[f.clone()]);
        assert_eq!(m.head_get(p, &req), Some(&[f][..]));
        // The body is not part of the head.
        let with_body = Request { body: Some(b"x=1"), ..req };
        assert!(m.head_get(m.head_probe(&cfg, 1, &with_body).unwrap(), &with_body).is_some());
        // Any other byte, piece boundary, piece count, limit or client: a miss.
        let moved = [("user-agent", "curl/8x"), ("-a", "1")];
        let more = [("user-agent", "curl/8"), ("x-a", "1"), ("x-b", "")];
        let fewer = [("user-agent", "curl/8")];
        let others = [
            Request { method: "POST", ..req },
            Request { path: "/b", ..req },
            Request { query: "q=2", ..req },
            Request { cookies: "", ..req },
            Request { path: "/aq=1", query: "", ..req },
            Request { headers: &moved, ..req },
            Request { headers: &more, ..req },
            Request { headers: &fewer, ..req },
        ];
        for other in &others {
            assert!(m.head_get(m.head_probe(&cfg, 1, other).unwrap(), other).is_none(), "{:?}", other);
            // Even when forced into the same slot with the same hash.
            let forged = HeadProbe { hash: p.hash, index: p.index, ..m.head_probe(&cfg, 1, other).unwrap() };
            assert!(m.head_get(forged, other).is_none(), "{:?}", other);
        }
        let other_limits = [
            Config { max_params: 1, ..cfg.clone() },
            Config { max_decode_rounds: 1, ..cfg.clone() },
            Config { max_value_bytes: 9, max_body_bytes: 9, ..cfg.clone() },
            Config { max_header_bytes: 9, ..cfg.clone() },
            Config { max_body_params: 9, ..cfg.clone() },
            Config { on_limit: crate::OnLimit::InspectPrefix, ..cfg.clone() },
        ];
        for limits in other_limits {
            assert!(m.head_get(m.head_probe(&limits, 1, &req).unwrap(), &req).is_none());
        }
        assert!(m.head_get(m.head_probe(&cfg, 2, &req).unwrap(), &req).is_none());
        // Too long to keep.
        let long = "v".repeat(MAX_HEAD_KEY);
        let big = [("x-long", long.as_str())];
        assert!(m.head_probe(&cfg, 1, &Request { headers: &big, ..req }).is_none());
        m.clear();
        assert!(m.head_get(p, &req).is_none());
    }

    #[test]
    fn a_last_body_answers_only_its_own_arguments_in_place() {
        let cfg = Config::default();
        let raw = b"a=1&b=%27&c=3".to_vec();
        let mut last = LastBody::default();
        assert!(!last.is(HeadTag::of(&cfg, 1)));
        last.start(HeadTag::of(&cfg, 1), &raw);
        let pairs: Vec<&[u8]> = raw.split(|&b| b == b'&').collect();
        for (i, p) in pairs.iter().enumerate() {
            let hits = if i == 1 { vec![hit("b")] } else { vec![] };
            last.record(&raw, p, &hits, 0);
        }
        assert!(last.is(HeadTag::of(&cfg, 1)));
        assert!(!last.is(HeadTag::of(&cfg, 2)));
        assert!(!last.is(HeadTag::of(&Config { max_params: 3, ..cfg.clone() }, 1)));
        assert_eq!(last.same_arg(1, b"b=%27"), Some((&[hit("b")][..], 0)));
        assert_eq!(last.same_arg(0, b"a=1"), Some((&[][..], 0)));
        // The same bytes at another place, other bytes, past the end: no answer.
        assert_eq!(last.same_arg(0, b"b=%27"), None);
        assert_eq!(last.same_arg(1, b"b=%28"), None);
        assert_eq!(last.same_arg(3, b"a=1"), None);
        // A body too long to keep records nothing.
        let long = vec![b'a'; MAX_LAST_BODY + 1];
        last.start(HeadTag::of(&cfg, 1), &long);
        last.record(&long, &long[..3], &[], 0);
        assert!(!last.is(HeadTag::of(&cfg, 1)));
        assert_eq!(last.same_arg(0, b"aaa"), None);
    }

    #[test]
    fn same_is_slice_equality() {
        let texts: [&[u8]; 7] = [b"", b"a", b"abcdefgh", b"abcdefgi", b"abcdefghi", b"abcdefghj", b"bbcdefghi"];
        for a in texts {
            for b in texts {
                assert_eq!(same(a, b), a == b, "{:?} {:?}", a, b);
            }
        }
    }

    #[test]
    fn keys_differing_only_outside_the_hashed_sample_are_still_told_apart() {
        let cfg = Config::default();
        let mut m = Memo::new(1, 512);
        let a = [b'a'; 100];
        let mut b = a;
        b[30] = b'b'; // not among the first, middle or last 16 bytes
        let p = m.probe(&cfg, 0, 1, None, &a).unwrap();
        let q = m.probe(&cfg, 0, 1, None, &b).unwrap();
        assert_eq!(p.hash, q.hash);
        m.put(p, None, &a, &[hit("a")]);
        assert!(m.get(q, None, &b).is_none());
        assert!(m.get(p, None, &a).is_some());
    }

    #[test]
    fn client_ids_are_never_reused() {
        let mut m = Memo::new(1, 8);
        let (a, new) = m.client(b"198.51.100.7");
        assert!(new);
        assert_eq!(m.client(b"198.51.100.7"), (a, false));
        let (b, _) = m.client(b"2001:db8::1");
        assert_ne!(a, b);
        let mut seen = std::collections::BTreeSet::from([a, b]);
        for i in 0..2 * MAX_CLIENTS {
            assert!(seen.insert(m.client(format!("10.0.{}.{}", i / 256, i % 256).as_bytes()).0));
        }
        // The table started over: the first client comes back as a new one.
        let (again, new) = m.client(b"198.51.100.7");
        assert!(new && seen.insert(again));
        assert!(m.clients.len() <= MAX_CLIENTS);
    }

    #[test]
    fn long_keys_are_not_kept() {
        let cfg = Config::default();
        let m = Memo::new(8, 4);
        assert!(m.probe(&cfg, 0, 1, Some(b"ab"), b"cd").is_some());
        assert!(m.probe(&cfg, 0, 1, Some(b"ab"), b"cde").is_none());
    }
}
