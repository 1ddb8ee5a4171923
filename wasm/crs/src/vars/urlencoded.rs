//! `name=value&...` in a query string or an `application/x-www-form-urlencoded`
//! body, as libmodsecurity's `Transaction::extractArguments` splits it:
//! - pairs split on `&` only (`;` is data), an empty pair is an argument with
//!   an empty name, a trailing `&` adds nothing;
//! - name and value split on the first `=`; no `=` means an empty value;
//! - both decoded: `+` is a space, `%XX` a byte, a bad escape stays as is.

use memchr::{memchr, memchr2};

use super::uri::hex_pair;
use super::{decode_into, Args, Origin, Text};

/// Adds the arguments of `buf` to `args`, decoding into `decoded`.
pub(super) fn extract<'a>(
    buf: &'a [u8],
    origin: Origin,
    args: &mut Args<'a>,
    decoded: &mut Vec<u8>,
) {
    let pairs_at_most = memchr::memchr_iter(b'&', buf).count() + 1;
    args.entries.reserve(pairs_at_most.min(super::MAX_ARGS));
    for pair in pairs(buf) {
        if !args.has_room() {
            return;
        }
        let (name, value) = match memchr(b'=', pair) {
            Some(i) => (&pair[..i], &pair[i + 1..]),
            None => (pair, &b""[..]),
        };
        let name = form_decode(name, decoded);
        let value = form_decode(value, decoded);
        args.add(origin, name, value);
    }
}

/// `buf` split on `&` the way `std::getline` splits: a final empty piece is
/// not a piece.
fn pairs(buf: &[u8]) -> impl Iterator<Item = &[u8]> {
    // "" holds no pair, "&" one empty pair, "a&" one pair.
    let none = buf.is_empty();
    let buf = buf.strip_suffix(b"&").unwrap_or(buf);
    buf.split(|&b| b == b'&').filter(move |_| !none)
}

/// `utils::urldecode_nonstrict_inplace`, into `decoded` when anything
/// changes.
fn form_decode<'a>(s: &'a [u8], decoded: &mut Vec<u8>) -> Text<'a> {
    let first = match memchr2(b'%', b'+', s) {
        Some(first) => first,
        None => return Text::Raw(s),
    };
    decode_into(decoded, |out| {
        out.reserve(s.len());
        out.extend_from_slice(&s[..first]);
        let mut i = first;
        while i < s.len() {
            match s[i] {
                b'+' => out.push(b' '),
                b'%' => {
                    if let Some(byte) = hex_pair(s, i + 1) {
                        out.push(byte);
                        i += 3;
                        continue;
                    }
                    out.push(b'%');
                }
                b => out.push(b),
            }
            i += 1;
        }
    })
}
