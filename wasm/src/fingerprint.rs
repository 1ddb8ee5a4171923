//! Fingerprints: stable keys over a request's characteristics.
//!
//! `fp::2::<hex sha256>` over the sorted, de-duplicated (name, value) pairs,
//! each length-prefixed so no choice of values can collide with another. The
//! format is part of the storage layout (rate-limit and cache keys): changing
//! it is a breaking change, pinned by tests on both sides of the ABI.

use std::borrow::Cow;
use std::collections::BTreeMap;

use sha2::{Digest, Sha256};

use crate::net::parse_ip;

/// Prefix and version of every fingerprint.
pub const PREFIX: &str = "fp::2::";

/// The request fields characteristics are read from.
pub struct Source<'a> {
    /// Client IP as resolved by the host ("" when unknown).
    pub ip: &'a str,
    /// Request method.
    pub method: &'a str,
    /// Host header / authority.
    pub host: &'a str,
    /// Raw path.
    pub path: &'a str,
    /// Raw query string, without `?`.
    pub query: &'a str,
    /// Raw cookie header(s), joined by `; `.
    pub cookies: &'a str,
    /// Headers the host sent along (lower-case names, first value).
    pub headers: &'a BTreeMap<Cow<'a, str>, Cow<'a, str>>,
    /// User-supplied characteristics from `protect(characteristics=...)`.
    pub custom: &'a BTreeMap<Cow<'a, str>, Cow<'a, str>>,
}

/// Recently computed fingerprints, keyed by the exact bytes hashed. A client
/// usually sends many requests in a row (that is what rate limits count), so
/// this spares most SHA-256 runs; 64 direct-mapped slots, full-key compare.
pub struct Cache {
    slots: Vec<Option<(Vec<u8>, String)>>,
    /// The key being built, kept between calls (a hit then allocates nothing).
    key: Vec<u8>,
}

const CACHE_SLOTS: usize = 64;

impl Default for Cache {
    fn default() -> Self {
        Cache { slots: vec![None; CACHE_SLOTS], key: Vec::new() }
    }
}

fn slot_of(key: &[u8]) -> usize {
    // FNV-1a: only picks a slot; equality is checked on the full key.
    let mut h: u32 = 0x811c_9dc5;
    for b in key {
        h = (h ^ u32::from(*b)).wrapping_mul(0x0100_0193);
    }
    (h as usize) % CACHE_SLOTS
}

/// Compute the fingerprint of one characteristic set, or name the missing one.
/// The fingerprint is borrowed from the cache, which keeps it (no copy per request).
pub fn fingerprint<'c, S: AsRef<str>>(names: &[S], src: &Source, cache: &'c mut Cache) -> Result<&'c str, String> {
    let missing = |name: &str| format!("missing characteristic {:?}: the request has no value for it", name);
    let mut key = std::mem::take(&mut cache.key);
    key.clear();
    if let [name] = names {
        // One characteristic (the default, the client IP): no list to sort.
        let name = name.as_ref();
        let value = value_of(name, src).ok_or_else(|| missing(name))?;
        push_pair(&mut key, name, &value);
    } else {
        let mut pairs: Vec<(&str, Cow<str>)> = Vec::with_capacity(names.len());
        for name in names {
            let name = name.as_ref();
            pairs.push((name, value_of(name, src).ok_or_else(|| missing(name))?));
        }
        pairs.sort();
        pairs.dedup();
        for (name, value) in &pairs {
            push_pair(&mut key, name, value);
        }
    }
    let slot = slot_of(&key);
    if matches!(&cache.slots[slot], Some((k, _)) if *k == key) {
        cache.key = key;
    } else {
        let digest = Sha256::digest(&key);
        let mut out = String::with_capacity(PREFIX.len() + 64);
        out.push_str(PREFIX);
        for b in digest.iter() {
            out.push(HEX[(b >> 4) as usize] as char);
            out.push(HEX[(b & 15) as usize] as char);
        }
        cache.slots[slot] = Some((key, out));
    }
    Ok(cache.slots[slot].as_ref().map_or("", |(_, fp)| fp.as_str()))
}

/// One (name, value) pair of the key, each length-prefixed.
fn push_pair(key: &mut Vec<u8>, name: &str, value: &str) {
    key.extend_from_slice(&(name.len() as u32).to_le_bytes());
    key.extend_from_slice(name.as_bytes());
    key.extend_from_slice(&(value.len() as u32).to_le_bytes());
    key.extend_from_slice(value.as_bytes());
}

const HEX: &[u8; 16] = b"0123456789abcdef";

fn non_empty<'a>(s: impl Into<Cow<'a, str>>) -> Option<Cow<'a, str>> {
    let s = s.into();
    if s.is_empty() { None } else { Some(s) }
}

fn value_of<'a>(name: &str, src: &'a Source) -> Option<Cow<'a, str>> {
    match name {
        // Canonical form, so "::ffff:1.2.3.4" and "1.2.3.4" share a bucket.
        // Dotted-quad IPv4 that parses is already canonical (no leading zeros).
        "ip.src" if src.ip.parse::<std::net::Ipv4Addr>().is_ok() => Some(Cow::Borrowed(src.ip)),
        "ip.src" => match parse_ip(src.ip) {
            Some(ip) => Some(Cow::Owned(ip.to_string())),
            None => non_empty(src.ip),
        },
        "http.host" => non_empty(src.host.to_ascii_lowercase()),
        "http.method" => non_empty(src.method.to_ascii_uppercase()),
        "http.request.uri.path" => non_empty(src.path),
        _ => {
            if let Some(h) = bracketed(name, "http.request.headers") {
                return src.headers.get(h.to_ascii_lowercase().as_str()).map(|v| Cow::Borrowed(&**v));
            }
            if let Some(c) = bracketed(name, "http.request.cookie") {
                return cookie(src.cookies, &c).map(Cow::Owned);
            }
            if let Some(a) = bracketed(name, "http.request.uri.args") {
                return query_arg(src.query, &a).map(Cow::Owned);
            }
            src.custom.get(name).map(|v| Cow::Borrowed(&**v))
        }
    }
}

/// `prefix["name"]` -> `name`.
fn bracketed(name: &str, prefix: &str) -> Option<String> {
    let rest = name.strip_prefix(prefix)?.strip_prefix("[\"")?.strip_suffix("\"]")?;
    Some(rest.to_owned())
}

fn cookie(cookies: &str, wanted: &str) -> Option<String> {
    cookies.split(';').find_map(|pair| {
        let (k, v) = pair.split_once('=')?;
        if k.trim() == wanted { Some(v.trim().trim_matches('"').to_owned()) } else { None }
    })
}

fn query_arg(query: &str, wanted: &str) -> Option<String> {
    query.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        if percent_decode(k) == wanted { Some(percent_decode(v)) } else { None }
    })
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                match (hex_val(bytes[i + 1]), hex_val(bytes[i + 2])) {
                    (Some(h), Some(l)) => {
                        out.push(h * 16 + l);
                        i += 3;
                        continue;
                    }
                    _ => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex_val(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Map<'a> = BTreeMap<Cow<'a, str>, Cow<'a, str>>;

    fn src<'a>(h: &'a Map<'a>, c: &'a Map<'a>) -> Source<'a> {
        Source { ip: "1.2.3.4", method: "get", host: "Example.COM", path: "/a", query: "q=a%20b&x=1+2&bad=%zz&trail=%4", cookies: "sid=abc; theme=\"dark\"", headers: h, custom: c }
    }

    #[test]
    fn pinned() {
        let (h, c) = (BTreeMap::new(), BTreeMap::new());
        // Pinned: changing this value changes every stored rate-limit key.
        assert_eq!(
            fingerprint(&["ip.src".to_owned()], &src(&h, &c), &mut Cache::default()).unwrap(),
            "fp::2::05cd419b5bcdca4f69952326eab7ee65ba132978fe5fc27e82b9a3a58d7fda30"
        );
        // Order and duplicates of names do not matter.
        let mut cache = Cache::default();
        let a = fingerprint(&["http.method".to_owned(), "ip.src".to_owned()], &src(&h, &c), &mut cache).unwrap().to_owned();
        assert_eq!(fingerprint(&["http.method".to_owned(), "ip.src".to_owned()], &src(&h, &c), &mut cache).unwrap(), a);
        let b = fingerprint(&["ip.src".to_owned(), "http.method".to_owned(), "ip.src".to_owned()], &src(&h, &c), &mut Cache::default()).unwrap().to_owned();
        assert_eq!(a, b);
    }

    #[test]
    fn extracts() {
        let (h, c) = (BTreeMap::new(), BTreeMap::new());
        let s = src(&h, &c);
        assert_eq!(value_of("http.host", &s).as_deref(), Some("example.com"));
        assert_eq!(value_of("http.request.uri.args[\"q\"]", &s).as_deref(), Some("a b"));
        assert_eq!(value_of("http.request.uri.args[\"x\"]", &s).as_deref(), Some("1 2"));
        assert_eq!(value_of("http.request.uri.args[\"bad\"]", &s).as_deref(), Some("%zz"));
        assert_eq!(value_of("http.request.uri.args[\"trail\"]", &s).as_deref(), Some("%4"));
        assert_eq!(value_of("http.request.cookie[\"theme\"]", &s).as_deref(), Some("dark"));
        assert_eq!(value_of("http.request.cookie[\"nope\"]", &s), None);
        assert!(fingerprint(&["userId".to_owned()], &s, &mut Cache::default()).unwrap_err().contains("userId"));
    }
}
