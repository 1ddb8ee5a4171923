//! `REQUEST_COOKIES` from a `Cookie` header, as libmodsecurity's
//! `Transaction::addRequestHeader` splits it (v0 cookies, no decoding):
//! - pairs split on `;` (a final empty piece is not a pair), the last one
//!   right-trimmed of whitespace;
//! - name and value split on the first `=`; no `=` means an empty value;
//! - the name is left-trimmed; a pair whose name is then empty is skipped;
//! - the value is kept byte for byte (quotes, spaces, `%XX` and all).

use memchr::memchr;

use super::{is_c_space, Entry, Text};

pub(super) fn parse<'a>(header: &'a [u8], out: &mut Vec<Entry<'a>>) {
    let header = header.strip_suffix(b";").unwrap_or(header);
    if header.is_empty() {
        return;
    }
    let count = header.iter().filter(|&&b| b == b';').count() + 1;
    for (i, pair) in header.split(|&b| b == b';').enumerate() {
        let pair = if i + 1 == count { trim_end(pair) } else { pair };
        let (name, value) = match memchr(b'=', pair) {
            Some(eq) => (&pair[..eq], &pair[eq + 1..]),
            None => (pair, &b""[..]),
        };
        let name = trim_start(name);
        if !name.is_empty() {
            out.push(Entry::new(Text::Raw(name), Text::Raw(value)));
        }
    }
}

fn trim_start(s: &[u8]) -> &[u8] {
    let skip = s.iter().take_while(|&&b| is_c_space(b)).count();
    &s[skip..]
}

fn trim_end(s: &[u8]) -> &[u8] {
    let keep = s.len() - s.iter().rev().take_while(|&&b| is_c_space(b)).count();
    &s[..keep]
}
