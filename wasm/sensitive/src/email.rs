//! EMAIL: `local@domain` with a dotted domain and an alphabetic TLD.
//!
//! Found from each `@`: the local part is read backwards, the domain
//! forwards. Neither can cross another `@`, so every byte is read at most
//! twice whatever the number of `@` signs: linear.
//!
//! Deliberately narrower than RFC 5322: the local part is the dot-atom that
//! real addresses use (letters, digits, `.`, `_`, `%`, `+`, `-`), because
//! the rarer RFC characters (`'`, `/`, `=`, `{`, ...) are exactly the ones
//! that join an address to surrounding prose (`email='a@b.co'`). Quoted local
//! parts and internationalised (non-ASCII) addresses are not detected.

use crate::text::{at, before, char_before, word_after, word_before};
use crate::{Entity, EntityKind};

/// The longest local part (RFC 5321).
const MAX_LOCAL: usize = 64;
/// The longest domain (RFC 1035).
const MAX_DOMAIN: usize = 253;
/// The longest domain label.
const MAX_LABEL: usize = 63;

fn is_local(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'%' | b'+' | b'-')
}

/// Appends every email in `text`, in order, as byte spans.
pub(crate) fn scan(text: &str, out: &mut Vec<Entity>) {
    let b = text.as_bytes();
    for at_sign in memchr::memchr_iter(b'@', b) {
        if let Some((start, end)) = email_at(text, at_sign) {
            out.push(Entity { kind: EntityKind::Email, start, end });
        }
    }
}

/// The email around the `@` at byte `p`, if it is one.
fn email_at(text: &str, p: usize) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    // Local part, backwards. One char more than allowed tells "too long".
    let mut s = p;
    while s > 0 && p - s <= MAX_LOCAL && is_local(at(b, s - 1)) {
        s -= 1;
    }
    if p - s > MAX_LOCAL {
        return None;
    }
    // Punctuation before the address is prose, not local part
    // ("--john@x.co", "...john@x.co").
    while s < p && matches!(at(b, s), b'.' | b'-' | b'+') {
        s += 1;
    }
    if s == p || at(b, p - 1) == b'.' {
        return None;
    }
    // Glued to a letter of another script, or a second `@` (`a@b@c.co`).
    if word_before(text, s) || char_before(text, s) == Some('@') {
        return None;
    }
    let end = domain_end(b, p + 1)?;
    if word_after(text, end) || at(b, end) == b'@' {
        return None;
    }
    // Markdown emphasis: `_a@b.co_` (the local part took the opening `_`).
    if at(b, end) == b'_' {
        while s < p && at(b, s) == b'_' {
            s += 1;
        }
        if s == p {
            return None;
        }
    }
    Some((s, end))
}

/// The end of a valid domain starting at `d`: labels of letters, digits and
/// inner hyphens, at least two, the last alphabetic and two letters or more.
fn domain_end(b: &[u8], d: usize) -> Option<usize> {
    let mut i = d;
    let mut labels = 0;
    let mut last;
    loop {
        let ls = i;
        while i - ls <= MAX_LABEL && (at(b, i).is_ascii_alphanumeric() || at(b, i) == b'-') {
            // `--` only in punycode (`xn--`); elsewhere it is a dash in prose.
            if at(b, i) == b'-'
                && at(b, i + 1) == b'-'
                && !b.get(ls..i).map_or(false, |l| l.eq_ignore_ascii_case(b"xn"))
            {
                break;
            }
            i += 1;
        }
        // Hyphens ending the run are prose ("a@b.co--thanks").
        while i > ls && at(b, i - 1) == b'-' {
            i -= 1;
        }
        if i == ls || i - ls > MAX_LABEL || at(b, ls) == b'-' {
            return None;
        }
        labels += 1;
        last = (ls, i);
        if i - d > MAX_DOMAIN {
            return None;
        }
        // Another label only if a letter or digit follows the dot: a dot
        // ending the sentence is not part of the address.
        if at(b, i) == b'.' && at(b, i + 1).is_ascii_alphanumeric() && before(b, i) != b'-' {
            i += 1;
            continue;
        }
        break;
    }
    let tld = b.get(last.0..last.1)?;
    if labels < 2 || tld.len() < 2 || !tld.iter().all(u8::is_ascii_alphabetic) {
        return None;
    }
    Some(i)
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
    fn finds_plain_and_wrapped() {
        assert_eq!(spans("mail john.doe+x@example.co.uk."), ["john.doe+x@example.co.uk"]);
        assert_eq!(spans("<a@b.co>, (c_d@e-f.org); \"g@h.io\""), ["a@b.co", "c_d@e-f.org", "g@h.io"]);
        assert_eq!(spans("mailto:x@y.com?subject=1"), ["x@y.com"]);
        assert_eq!(spans("email:a@b.co;"), ["a@b.co"]);
        assert_eq!(spans("a@b.co--thanks"), ["a@b.co"]);
        assert_eq!(spans("_john@x.com_ and __a_b@c.de__"), ["john@x.com", "a_b@c.de"]);
        assert_eq!(spans("_a@b.co"), ["_a@b.co"]);
        // RFC 5321 forbids it, people and generators type it: still PII.
        assert_eq!(spans("hansd..oestrovsky@heintze.com"), ["hansd..oestrovsky@heintze.com"]);
    }

    #[test]
    fn rejects_non_emails() {
        for t in [
            "@handle",
            "user@localhost",
            "a@b.c0m",
            "a@b.c",
            "a.@c.com",
            "a@b@c.com",
            "a@-b.com",
            "émile@x.fr",
            "a@b.comé",
            "a@b.co_x",
            "1.2@3.4",
        ] {
            assert!(spans(t).is_empty(), "{t}");
        }
    }
}
