//! Server-side request forgery: URLs and hosts pointing at cloud metadata
//! services (and, less surely, at internal addresses), in any spelling an
//! IP address parser accepts.

use std::net::Ipv6Addr;

use super::util::{contains, positions};
use super::Input;
use crate::hits::Hits;
use crate::{Category, Severity};

/// 169.254.169.254 (AWS, GCP, Azure, ...), 169.254.170.2 (ECS task
/// metadata), 100.100.100.200 (Alibaba Cloud).
const METADATA_V4: &[u32] = &[0xa9fe_a9fe, 0xa9fe_aa02, 0x6464_64c8];
const METADATA_NAMES: &[&[u8]] = &[b"metadata.google.internal", b"metadata.goog", b"metadata", b"instance-data", b"metadata.azure.internal"];

/// inet_aton: 1 to 4 parts, each decimal, octal (leading 0) or hex (0x).
fn parse_ipv4(h: &[u8]) -> Option<u32> {
    if h.is_empty() || h.len() > 64 {
        return None;
    }
    let mut parts = [0u64; 4];
    let mut n = 0;
    for part in h.split(|&b| b == b'.') {
        if n == 4 || part.is_empty() {
            return None;
        }
        let (digits, radix) = if part.len() > 2 && (part.starts_with(b"0x")) {
            (&part[2..], 16)
        } else if part.len() > 1 && part[0] == b'0' {
            (&part[1..], 8)
        } else {
            (part, 10)
        };
        let mut v: u64 = 0;
        for &d in digits {
            let dv = (d as char).to_digit(radix)? as u64;
            v = v.checked_mul(radix as u64)?.checked_add(dv)?;
            if v > u32::MAX as u64 {
                return None;
            }
        }
        parts[n] = v;
        n += 1;
    }
    let p = &parts[..n];
    let v = match n {
        1 => p[0],
        2 if p[0] < 256 && p[1] < (1 << 24) => (p[0] << 24) | p[1],
        3 if p[0] < 256 && p[1] < 256 && p[2] < (1 << 16) => (p[0] << 24) | (p[1] << 16) | p[2],
        4 if p.iter().all(|&x| x < 256) => (p[0] << 24) | (p[1] << 16) | (p[2] << 8) | p[3],
        _ => return None,
    };
    Some(v as u32)
}

fn internal_v4(ip: u32) -> bool {
    let a = ip >> 24;
    let b = (ip >> 16) & 0xff;
    a == 127 || a == 10 || a == 0 || (a == 172 && (16..32).contains(&b)) || (a == 192 && b == 168) || (a == 169 && b == 254)
}

enum Target {
    Metadata,
    Internal,
    Other,
}

/// Shortest host [`classify_host`] can call [`Target::Metadata`]: the
/// names and embedded-address patterns have 8 bytes or more, an IPv4
/// spelling of a metadata address 10 or more (one decimal part:
/// `1684301000`), an IPv6 one 11 or more (`::a9fe:a9fe`).
const MIN_METADATA_HOST: usize = 8;

/// `input` is the value `host` was cut from: its byte set rules out the
/// embedded-address patterns without searching.
fn classify_host(host: &[u8], input: &Input) -> Target {
    let host = host.strip_suffix(b".").unwrap_or(host);
    if host.first() == Some(&b'[') || (input.has(b':') && host.iter().filter(|&&b| b == b':').count() >= 2) {
        let inner = host.strip_prefix(b"[").unwrap_or(host);
        let inner = inner.strip_suffix(b"]").unwrap_or(inner);
        // Zone ids (`%25eth0`) are not part of the address.
        let inner = match inner.iter().position(|&b| b == b'%') {
            Some(p) => &inner[..p],
            None => inner,
        };
        let ip: Ipv6Addr = match std::str::from_utf8(inner).ok().and_then(|t| t.parse().ok()) {
            Some(ip) => ip,
            None => return Target::Other,
        };
        if ip == Ipv6Addr::new(0xfd00, 0xec2, 0, 0, 0, 0, 0, 0x254) {
            return Target::Metadata;
        }
        let seg = ip.segments();
        // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d).
        if seg[..5].iter().all(|&x| x == 0) && (seg[5] == 0xffff || seg[5] == 0) {
            let v4 = ((seg[6] as u32) << 16) | seg[7] as u32;
            if METADATA_V4.contains(&v4) {
                return Target::Metadata;
            }
            if v4 != 0 && v4 != 1 && internal_v4(v4) {
                return Target::Internal;
            }
        }
        if ip.is_loopback() || ip.is_unspecified() || (seg[0] & 0xfe00) == 0xfc00 || (seg[0] & 0xffc0) == 0xfe80 {
            return Target::Internal;
        }
        return Target::Other;
    }
    if METADATA_NAMES.contains(&host) {
        return Target::Metadata;
    }
    // Wildcard DNS services that resolve an embedded address.
    let embeds = |p: &[u8]| input.has_all(p) && contains(host, p);
    if embeds(b"169.254.169.254") || embeds(b"a9fea9fe") || embeds(b"169-254-169-254") {
        return Target::Metadata;
    }
    if let Some(ip) = parse_ipv4(host) {
        if METADATA_V4.contains(&ip) {
            return Target::Metadata;
        }
        if internal_v4(ip) {
            return Target::Internal;
        }
    }
    if host == b"localhost" || host.ends_with(b".localhost") || host.ends_with(b".internal") {
        return Target::Internal;
    }
    Target::Other
}

/// The host of the authority starting at `a` (after `//`). `input` is
/// the value `s` is part of: its byte set spares the scans for `@`, `[`
/// and `:` when the value holds none.
fn authority_host<'s>(s: &'s [u8], a: usize, input: &Input) -> &'s [u8] {
    let rest = &s[a..];
    let end = rest.iter().position(|&b| matches!(b, b'/' | b'?' | b'#' | b'\\' | b' ' | b'\n')).unwrap_or(rest.len());
    let auth = &rest[..end];
    if !input.has(b':') && !input.has(b'@') && !input.has(b'[') {
        return auth;
    }
    let auth = match auth.iter().rposition(|&b| b == b'@') {
        Some(p) => &auth[p + 1..],
        None => auth,
    };
    if auth.first() == Some(&b'[') {
        return match auth.iter().position(|&b| b == b']') {
            Some(p) => &auth[..=p],
            None => auth,
        };
    }
    match auth.iter().rposition(|&b| b == b':') {
        Some(p) if auth[p + 1..].iter().all(|b| b.is_ascii_digit()) => &auth[..p],
        _ => auth,
    }
}

/// Whether [`detect`] can report anything: an authority (`//`) or a
/// short value that could be a bare host or address.
pub(crate) fn may_match(input: &Input) -> bool {
    if input.has(b'/') {
        return true;
    }
    let s = input.text;
    let trimmed = s.iter().position(|&b| b != b' ').map_or(&s[..0], |p| &s[p..]);
    may_be_bare_host(input, trimmed)
}

/// Whether `trimmed` (the value without leading spaces) may be a bare host
/// of a metadata service: short, but not shorter than such a host, and
/// holding a dot, a colon or a leading digit.
fn may_be_bare_host(input: &Input, trimmed: &[u8]) -> bool {
    (MIN_METADATA_HOST..=64).contains(&trimmed.len()) && (input.has(b'.') || input.has(b':') || trimmed.first().map_or(false, |b| b.is_ascii_digit()))
}

pub(crate) fn detect(input: &Input, hits: &mut Hits) {
    let s = input.text;
    let mut internal = false;
    // Normalisation recorded whether `//` occurs.
    if input.has_pair(crate::decode::PAIR_SLASHES) {
        for p in positions(s, b"//") {
            match classify_host(authority_host(s, p + 2, input), input) {
                Target::Metadata => {
                    hits.add(Category::Ssrf, Severity::High, "ssrf.metadata");
                    return;
                }
                Target::Internal => internal = true,
                Target::Other => {}
            }
        }
    }
    // A bare host or address as the whole value (`host=169.254.169.254`).
    let trimmed = s.iter().position(|&b| b != b' ').map_or(&s[..0], |p| &s[p..]);
    if may_be_bare_host(input, trimmed) {
        let host = authority_host(trimmed, 0, input);
        let ends = host.len() == trimmed.len() || trimmed.get(host.len()) == Some(&b'/') || trimmed.get(host.len()) == Some(&b':');
        // Only a metadata target counts here, and those hosts are long.
        if ends && host.len() >= MIN_METADATA_HOST {
            if let Target::Metadata = classify_host(host, input) {
                // "metadata" alone is a word; as a bare value it only counts
                // when spelled as a hostname.
                if host != b"metadata" {
                    hits.add(Category::Ssrf, Severity::High, "ssrf.metadata");
                    return;
                }
            }
        }
    }
    if internal {
        hits.add(Category::Ssrf, Severity::Low, "ssrf.internal_address");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipv4_spellings() {
        for h in ["169.254.169.254", "2852039166", "0xa9fea9fe", "0251.0376.0251.0376", "0xa9.0xfe.0xa9.0xfe", "169.254.43518", "0251.254.169.254"] {
            assert_eq!(parse_ipv4(h.as_bytes()), Some(0xa9fe_a9fe), "{}", h);
        }
        assert_eq!(parse_ipv4(b"256.1.1.1"), None);
        assert_eq!(parse_ipv4(b"1.2.3.4.5"), None);
        assert_eq!(parse_ipv4(b"99999999999999999999"), None);
    }

    #[test]
    fn ipv6_mapped() {
        let class = |h: &[u8]| classify_host(h, &Input::new(h, None, crate::decode::normalise(h, &mut Vec::new())));
        assert!(matches!(class(b"[::ffff:169.254.169.254]"), Target::Metadata));
        assert!(matches!(class(b"[::ffff:a9fe:a9fe]"), Target::Metadata));
        assert!(matches!(class(b"[fd00:ec2::254]"), Target::Metadata));
        assert!(matches!(class(b"[::1]"), Target::Internal));
    }

    #[test]
    fn shortest_metadata_hosts() {
        let class = |h: &[u8]| classify_host(h, &Input::new(h, None, crate::decode::normalise(h, &mut Vec::new())));
        for h in ["1684301000", "2852039166", "::a9fe:a9fe", "a9fea9fe", "metadata.goog"] {
            assert!(h.len() >= MIN_METADATA_HOST && matches!(class(h.as_bytes()), Target::Metadata), "{}", h);
        }
    }
}
