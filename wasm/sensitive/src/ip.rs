//! IP_ADDRESS: IPv4 dotted quads and IPv6 (full, compressed, with an
//! embedded IPv4 tail).
//!
//! The text is cut into maximal runs of `[0-9A-Fa-f:.]` ("tokens"); each
//! token is parsed once from its start, so the scan is linear. A token holds
//! at most one address: a longer dotted or coloned run (`1.3.6.1.4.1`, a MAC
//! address, `12:30:45`) is not an address at all, rather than an address
//! followed by something.
//!
//! Choices:
//! - an IPv6 zone (`fe80::1%eth0`) is not part of the span: the address is
//!   the entity, the zone names an interface of the host that wrote it;
//! - a port (`10.0.0.1:8080`) and a prefix length (`10.0.0.0/8`) are not
//!   part of the span either;
//! - a quad that reads as a version is not an address: a `v` glued before
//!   it, a `-suffix` or `+build` after it, a product name before it
//!   (`Chrome/1.2.3.4`), or a version label before it (`version 1.2.3.4`);
//! - IPv6 needs at least one decimal digit, so words made of hex letters
//!   (`dead::beef`, `cafe::babe`) are not addresses.

use crate::label::{label_before, words, Words};
use crate::text::{at, before, next_digit_or_colon, word_after, word_before};
use crate::{Entity, EntityKind};

fn is_token(c: u8) -> bool {
    c.is_ascii_hexdigit() || c == b':' || c == b'.'
}

/// Words that make the number after them a version or a section number.
const VERSION_LABELS: Words = words![
    "article",
    "build",
    "chapter",
    "clause",
    "edition",
    "fig",
    "figure",
    "firmware",
    "fw",
    "oid",
    "paragraph",
    "patch",
    "rel",
    "release",
    "rev",
    "revision",
    "rfc",
    "running",
    "sec",
    "sect",
    "section",
    "update",
    "updated",
    "upgrade",
    "upgraded",
    "v",
    "ver",
    "vers",
    "version",
    "versions",
];

/// Appends every IP address in `text`, in order, as byte spans.
pub(crate) fn scan(text: &str, out: &mut Vec<Entity>) {
    let b = text.as_bytes();
    let mut i = 0;
    // Only tokens holding a digit or a colon can be addresses: jump to the
    // next one, back to its token's start (never before `i`: what is before
    // was scanned), then past its end.
    while let Some(k) = next_digit_or_colon(b, i) {
        let mut t = k;
        while t > i && is_token(at(b, t - 1)) {
            t -= 1;
        }
        i = t;
        let (mut has_colon, mut has_dot) = (false, false);
        while i < b.len() && is_token(at(b, i)) {
            has_colon |= at(b, i) == b':';
            has_dot |= at(b, i) == b'.';
            i += 1;
        }
        // An address has dots or colons: a plain hex or digit run is none.
        if !has_colon && !has_dot {
            continue;
        }
        // `ip:10.0.0.1`: a single colon opening the token is a label's. So
        // is the first colon of a token that starts inside a word
        // (`IP-Adresse:98.238.100.205`: the token is `e:98.238.100.205`).
        let mut s = t;
        if at(b, s) == b':' && at(b, s + 1) != b':' {
            s += 1;
        } else if has_colon && word_before(text, t) {
            let colon = (t..i).find(|&k| at(b, k) == b':').unwrap_or(i);
            if at(b, colon + 1) != b':' {
                s = colon + 1;
            }
        }
        let may_start = has_colon || at(b, s).is_ascii_digit();
        if let Some((start, end)) = if may_start { address(text, s, has_colon) } else { None } {
            out.push(Entity { kind: EntityKind::IpAddress, start, end });
        }
    }
}

/// The address starting at byte `s`, if the text there is one.
fn address(text: &str, s: usize, has_colon: bool) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    if word_before(text, s) {
        return None;
    }
    let (end, is_v4) = if has_colon {
        match ipv6(b, s) {
            Some(e) => (e, false),
            None => (ipv4(b, s)?, true),
        }
    } else {
        (ipv4(b, s)?, true)
    };
    if !boundary_after(text, end, is_v4) {
        return None;
    }
    if is_v4 && looks_like_version(text, s) {
        return None;
    }
    Some((s, end))
}

/// What may follow an address: not a word char, not more of a dotted run,
/// not a version suffix; an IPv6 zone is skipped.
fn boundary_after(text: &str, end: usize, is_v4: bool) -> bool {
    let b = text.as_bytes();
    let mut e = end;
    if !is_v4 && at(b, e) == b'%' && at(b, e + 1).is_ascii_alphanumeric() {
        e += 1;
        while at(b, e).is_ascii_alphanumeric() || matches!(at(b, e), b'_' | b'-' | b'.') {
            e += 1;
        }
        // The zone is not in the span; what follows it must still be a boundary.
        while matches!(at(b, e - 1), b'.' | b'-') && e > end + 2 {
            e -= 1;
        }
    }
    if word_after(text, e) || at(b, e) == b'@' {
        return false;
    }
    let next = at(b, e + 1);
    match at(b, e) {
        b'.' | b':' => !next.is_ascii_digit() || (at(b, e) == b':' && is_v4),
        b'-' | b'+' => !next.is_ascii_alphanumeric(),
        _ => true,
    }
}

/// A quad that is a version or section number by its surroundings.
fn looks_like_version(text: &str, s: usize) -> bool {
    let b = text.as_bytes();
    let p = before(b, s);
    let pp = if s >= 2 { at(b, s - 2) } else { 0 };
    // `release-1.2.3.4`, `Chrome/1.2.3.4`, `pkg@1.2.3.4` (but `http://1.2.3.4`).
    if matches!(p, b'-' | b'/' | b'@' | b'_') && pp.is_ascii_alphanumeric() {
        return true;
    }
    label_before(text, s).any_in(2, &VERSION_LABELS)
}

/// The end of a dotted quad at `i`: four decimal octets 0-255 without
/// leading zeros.
fn ipv4(b: &[u8], i: usize) -> Option<usize> {
    let mut j = i;
    for k in 0..4 {
        if k > 0 {
            if at(b, j) != b'.' {
                return None;
            }
            j += 1;
        }
        let mut n = 0;
        let mut v: u32 = 0;
        while n < 4 && at(b, j + n).is_ascii_digit() {
            v = v * 10 + u32::from(at(b, j + n) - b'0');
            n += 1;
        }
        if n == 0 || n > 3 || v > 255 || (n > 1 && at(b, j) == b'0') {
            return None;
        }
        j += n;
    }
    Some(j)
}

/// The end of an IPv6 address at `i`, or `None`. At most one `::`, groups of
/// one to four hex digits, eight groups without `::` and at most seven with
/// it, an IPv4 tail counting as two groups, and one decimal digit at least.
fn ipv6(b: &[u8], i: usize) -> Option<usize> {
    let mut j = i;
    let mut groups = 0;
    let mut compressed = false;
    if at(b, j) == b':' {
        if at(b, j + 1) != b':' {
            return None;
        }
        compressed = true;
        j += 2;
    }
    loop {
        let mut h = 0;
        while h < 5 && at(b, j + h).is_ascii_hexdigit() {
            h += 1;
        }
        if h == 0 {
            break;
        }
        let decimal = b.get(j..j + h).map_or(false, |g| g.iter().all(u8::is_ascii_digit));
        if decimal && at(b, j + h) == b'.' && at(b, j + h + 1).is_ascii_digit() {
            // An IPv4 tail ends the address.
            j = ipv4(b, j)?;
            groups += 2;
            break;
        }
        if h > 4 {
            return None;
        }
        groups += 1;
        j += h;
        if at(b, j) != b':' {
            break;
        }
        if at(b, j + 1) == b':' {
            if compressed {
                return None;
            }
            compressed = true;
            j += 2;
        } else if at(b, j + 1).is_ascii_hexdigit() {
            j += 1;
        } else {
            // A colon ending the address is prose ("at 2001:db8::1: ...").
            break;
        }
    }
    let ok = if compressed { groups <= 7 } else { groups == 8 };
    let has_digit = b.get(i..j).map_or(false, |s| s.iter().any(u8::is_ascii_digit));
    if ok && has_digit {
        Some(j)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(t: &str) -> Vec<&str> {
        let mut v = Vec::new();
        scan(t, &mut v);
        v.iter().map(|e| &t[e.start..e.end]).collect()
    }

    #[test]
    fn word_lists_are_sorted() {
        assert!(VERSION_LABELS.is_sorted());
    }

    #[test]
    fn finds_addresses() {
        assert_eq!(spans("from 192.168.0.1."), ["192.168.0.1"]);
        assert_eq!(spans("(10.0.0.1:8080) [2001:db8::1]:443"), ["10.0.0.1", "2001:db8::1"]);
        assert_eq!(spans("::1 and ::ffff:192.0.2.128"), ["::1", "::ffff:192.0.2.128"]);
        assert_eq!(spans("fe80::1%eth0 up"), ["fe80::1"]);
        assert_eq!(spans("2001:0db8:85a3:0000:0000:8a2e:0370:7334"), ["2001:0db8:85a3:0000:0000:8a2e:0370:7334"]);
        assert_eq!(spans("ip:10.1.2.3, net 10.0.0.0/8"), ["10.1.2.3", "10.0.0.0"]);
        assert_eq!(spans("host 2001:db8::1: down"), ["2001:db8::1"]);
        assert_eq!(spans("IP: 13e8:a3f6:db65::8de7."), ["13e8:a3f6:db65::8de7"]);
        assert_eq!(spans("IP-Adresse:98.238.100.205…"), ["98.238.100.205"]);
        assert_eq!(spans("IP-Adresse:fd71::36da:17bd:4972"), ["fd71::36da:17bd:4972"]);
    }

    #[test]
    fn rejects_non_addresses() {
        for t in [
            "v1.2.3.4",
            "1.2.3.4-beta",
            "version 1.2.3.4",
            "1.3.6.1.4.1",
            "1.2.3",
            "12:30:45",
            "00:1A:2B:3C:4D:5E",
            "x1.2.3.4y",
            "256.1.1.1",
            "01.2.3.4",
            "dead::beef",
            "1:2:3:4:5:6:7:8:9",
            "1::2::3",
            "Chrome/120.1.2.3",
            "std::vector",
            "OID</th><td>2.5.4.6",
            "urn:oid:{1.3.6.1}",
            "running `2.28.22.60`",
            "OID: <2.5.29.19>",
            "firmware【0.5.1.16】",
        ] {
            assert!(spans(t).is_empty(), "{t}");
        }
    }
}
