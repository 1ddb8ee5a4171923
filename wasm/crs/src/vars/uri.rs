//! `REQUEST_URI`, `REQUEST_FILENAME`, `REQUEST_BASENAME` and `QUERY_STRING`
//! from the request target, as libmodsecurity's `Transaction::processURI`
//! derives them:
//! - a fragment (`#...`) is dropped from all four (not from
//!   `REQUEST_URI_RAW` or `REQUEST_LINE`);
//! - `REQUEST_URI` and `REQUEST_FILENAME` are percent-decoded (`%XX` only,
//!   `+` stays); the file name is the path before the first raw `?`, so a
//!   decoded `%3F` stays in it;
//! - `QUERY_STRING` is raw, after the first raw `?`;
//! - an absolute-form target (`http://host/path`) loses `scheme://host` in
//!   `REQUEST_URI` but not in `REQUEST_FILENAME`.

use std::borrow::Cow;
use std::ops::Range;

use memchr::memchr;

pub(super) struct UriParts<'a> {
    pub uri: Cow<'a, [u8]>,
    pub filename: Cow<'a, [u8]>,
    pub basename: Cow<'a, [u8]>,
    pub query: &'a [u8],
}

pub(super) fn split(raw: &[u8]) -> UriParts<'_> {
    let target = match memchr(b'#', raw) {
        Some(i) => &raw[..i],
        None => raw,
    };
    let (path, query) = match memchr(b'?', target) {
        Some(i) => (&target[..i], &target[i + 1..]),
        None => (target, &b""[..]),
    };
    let filename = percent_decode(path);
    let basename = match filename.iter().rposition(|&b| b == b'/' || b == b'\\') {
        Some(i) if i + 1 < filename.len() => sub(&filename, i + 1..filename.len()),
        _ => Cow::Borrowed(&b""[..]),
    };
    let decoded = percent_decode(target);
    let uri = match absolute_form_path(&decoded) {
        Some(start) => sub(&decoded, start..decoded.len()),
        None => decoded,
    };
    UriParts {
        uri,
        filename,
        basename,
        query,
    }
}

/// Where the path starts in `scheme://host/path` (the first `:` must be
/// followed by `//`, and a `/` must follow the host); `None` otherwise.
fn absolute_form_path(decoded: &[u8]) -> Option<usize> {
    if decoded.first().map_or(true, |&b| b == b'/') {
        return None;
    }
    let colon = memchr(b':', decoded)?;
    let host = colon + 3;
    if decoded.get(colon + 1..host)? != b"//" {
        return None;
    }
    memchr(b'/', &decoded[host..]).map(|i| host + i)
}

/// `utils::uri_decode`: `%XX` with two hex digits becomes the byte; anything
/// else, `+` included, stays.
pub(super) fn percent_decode(s: &[u8]) -> Cow<'_, [u8]> {
    let first = match memchr(b'%', s) {
        Some(i) => i,
        None => return Cow::Borrowed(s),
    };
    let mut out = Vec::with_capacity(s.len());
    out.extend_from_slice(&s[..first]);
    let mut i = first;
    while i < s.len() {
        let b = s[i];
        if b == b'%' {
            if let Some(byte) = hex_pair(s, i + 1) {
                out.push(byte);
                i += 3;
                continue;
            }
        }
        out.push(b);
        i += 1;
    }
    Cow::Owned(out)
}

/// The byte two hex digits at `s[at..at + 2]` spell, if they are there.
pub(super) fn hex_pair(s: &[u8], at: usize) -> Option<u8> {
    let hi = hex_digit(*s.get(at)?)?;
    let lo = hex_digit(*s.get(at + 1)?)?;
    Some(hi << 4 | lo)
}

fn hex_digit(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// `c[range]`, borrowed when `c` is.
fn sub<'a>(c: &Cow<'a, [u8]>, range: Range<usize>) -> Cow<'a, [u8]> {
    match c {
        Cow::Borrowed(b) => Cow::Borrowed(&b[range]),
        Cow::Owned(v) => Cow::Owned(v[range].to_vec()),
    }
}
