//! The request's keyed values, looked up once per evaluation.
//!
//! At compile time every distinct header, cookie, argument, local key and IP
//! detail the expressions read gets a slot. `Sources::load` makes one pass
//! over each source a program reads (and none over the others), filling the
//! slots with the first occurrence of each name; the expressions then read
//! slots. So cookies and the query are parsed at most once per request, and
//! only the values of arguments someone asked for are decoded.

use std::borrow::Cow;

use crate::ip::Ip;
use crate::program::{KeySet, Keys};
use crate::Input;

/// One request's values for a program's keys, by slot.
#[derive(Debug)]
pub(crate) struct Sources<'a> {
    pub(crate) headers: Vec<Option<&'a str>>,
    pub(crate) cookies: Vec<Option<&'a str>>,
    pub(crate) args: Vec<Option<Cow<'a, str>>>,
    pub(crate) locals: Vec<Option<&'a str>>,
    pub(crate) details: Vec<Option<&'a str>>,
    /// The client IP; `None` when not read, empty or unparsable.
    pub(crate) ip: Option<Ip>,
}

impl<'a> Sources<'a> {
    pub(crate) fn load(keys: &Keys, input: &Input<'a>) -> Sources<'a> {
        Sources {
            // Header names are lower-case by contract; comparing without case
            // costs nothing and keeps a host that forgot from silently never
            // matching.
            headers: first_of(pairs(input.headers), &keys.headers, true),
            cookies: first_of(cookies(input.cookies), &keys.cookies, false),
            args: args(input.query, &keys.args),
            locals: first_of(pairs(input.local), &keys.locals, false),
            details: first_of(pairs(input.ip_details), &keys.details, false),
            ip: if keys.ip { Ip::parse(input.ip) } else { None },
        }
    }
}

/// `[name, value, name, value, ...]` as pairs; an unpaired tail is dropped.
fn pairs<'a>(flat: &'a [Cow<'a, str>]) -> impl Iterator<Item = (&'a str, &'a str)> {
    flat.chunks_exact(2).filter_map(|pair| match pair {
        [name, value] => Some((&**name, &**value)),
        _ => None,
    })
}

/// The first value of each key, in one pass that stops once all are found.
fn first_of<'a>(source: impl Iterator<Item = (&'a str, &'a str)>, keys: &KeySet, fold: bool) -> Vec<Option<&'a str>> {
    let mut slots = vec![None; keys.len()];
    let mut missing = keys.len();
    if missing == 0 {
        return slots;
    }
    for (name, value) in source {
        if let Some(slot) = keys.find(name, fold).and_then(|i| slots.get_mut(i)) {
            if slot.is_none() {
                *slot = Some(value);
                missing -= 1;
                if missing == 0 {
                    break;
                }
            }
        }
    }
    slots
}

/// Optional whitespace around cookie names and values (RFC 6265's OWS).
fn trim_ows(s: &str) -> &str {
    s.trim_matches(|c| c == ' ' || c == '\t')
}

/// Cookie pairs of a `Cookie` header, as the frameworks read them: split on
/// `;`, each at its first `=`, names and values trimmed, a value in double
/// quotes unquoted (Starlette, Werkzeug and Django all drop the quotes).
/// Nothing is percent-decoded: values are as sent. A piece without `=` is
/// a value with an empty name, as browsers and Starlette take it.
pub(crate) fn cookies(raw: &str) -> impl Iterator<Item = (&str, &str)> {
    raw.split(';').filter_map(|piece| {
        let piece = trim_ows(piece);
        if piece.is_empty() {
            return None;
        }
        Some(match piece.split_once('=') {
            Some((name, value)) => (trim_ows(name), unquote(trim_ows(value))),
            None => ("", unquote(piece)),
        })
    })
}

/// `"abc"` -> `abc`; anything else unchanged.
fn unquote(value: &str) -> &str {
    match value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
        Some(inner) => inner,
        None => value,
    }
}

/// The first value of each wanted query argument, decoded.
fn args<'a>(query: &'a str, keys: &KeySet) -> Vec<Option<Cow<'a, str>>> {
    let mut slots: Vec<Option<Cow<'a, str>>> = vec![None; keys.len()];
    let mut missing = keys.len();
    if missing == 0 {
        return slots;
    }
    for piece in query.split('&') {
        if piece.is_empty() {
            continue;
        }
        let (name, value) = piece.split_once('=').unwrap_or((piece, ""));
        if let Some(slot) = keys.find(&decode(name), false).and_then(|i| slots.get_mut(i)) {
            if slot.is_none() {
                *slot = Some(decode(value));
                missing -= 1;
                if missing == 0 {
                    break;
                }
            }
        }
    }
    slots
}

/// Form-style decoding, as `urllib.parse.parse_qsl` does it: `+` is a space,
/// `%XX` a byte, an invalid `%` escape stays literally, and the bytes are
/// read as UTF-8 with U+FFFD for what is not.
pub(crate) fn decode(raw: &str) -> Cow<'_, str> {
    if !raw.bytes().any(|b| b == b'%' || b == b'+') {
        return Cow::Borrowed(raw);
    }
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = |at: usize| bytes.get(at).and_then(|&h| char::from(h).to_digit(16));
                if let (Some(hi), Some(lo)) = (hex(i + 1), hex(i + 2)) {
                    // Two hex digits are at most 0xff.
                    out.push((hi * 16 + lo) as u8);
                    i += 3;
                    continue;
                }
                out.push(b'%');
            }
            other => out.push(other),
        }
        i += 1;
    }
    match String::from_utf8(out) {
        Ok(s) => Cow::Owned(s),
        Err(e) => Cow::Owned(String::from_utf8_lossy(e.as_bytes()).into_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding() {
        assert_eq!(decode("a%20b+c"), "a b c");
        assert_eq!(decode("%zz%2"), "%zz%2");
        assert_eq!(decode("%"), "%");
        assert_eq!(decode("%C3%A9"), "é");
        assert_eq!(decode("%ff"), "\u{fffd}");
        assert_eq!(decode("%2B"), "+");
        assert!(matches!(decode("plain"), Cow::Borrowed("plain")));
    }

    #[test]
    fn cookie_pieces() {
        let got: Vec<_> = cookies(" a=1;b = \"two\" ;;\tc=;=x; lone ;d=\"").collect();
        assert_eq!(got, vec![("a", "1"), ("b", "two"), ("c", ""), ("", "x"), ("", "lone"), ("d", "\"")]);
    }
}
