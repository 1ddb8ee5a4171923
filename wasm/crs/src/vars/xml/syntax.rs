//! The small pieces of XML syntax: names, spaces, quoted literals,
//! comments, processing instructions and references.

use memchr::{memchr, memmem};

use super::dtd::Entities;
use super::Fail;

/// What `&name;` stands for.
pub(super) enum Reference {
    Char(u32),
    Predefined(u8),
    Internal(usize),
    External,
    Undeclared,
}

pub(super) fn push_char(out: &mut Vec<u8>, c: u32) {
    let c = char::from_u32(c).unwrap_or('\u{FFFD}');
    let mut buf = [0u8; 4];
    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
}

pub(super) fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// Name characters, ASCII exactly; any non-ASCII byte is accepted (the
/// document is valid UTF-8 by then).
pub(super) fn is_name_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_' || b == b':' || b >= 0x80
}

pub(super) fn is_name_char(b: u8) -> bool {
    is_name_start(b) || b.is_ascii_digit() || b == b'-' || b == b'.'
}

pub(super) fn skip_space(src: &[u8], mut p: usize, end: usize) -> usize {
    while p < end && is_space(src[p]) {
        p += 1;
    }
    p
}

/// The end of the element or attribute name starting at `p`, read as
/// libxml2's `xmlParseQName` reads it: after `prefix:local:` the rest must
/// start a name, or the name ends there.
pub(super) fn qname_end_at(src: &[u8], p: usize, end: usize) -> Option<usize> {
    let q = name_end_at(src, p, end)?;
    let name = &src[p..q];
    let ncname = |s: &[u8]| s.first().map_or(false, |&b| b != b':' && is_name_start(b));
    let first = match memchr(b':', name) {
        Some(i) if i > 0 => i,
        _ => return Some(q),
    };
    let second = match memchr(b':', &name[first + 1..]) {
        Some(i) => first + 1 + i,
        None => return Some(q),
    };
    if !ncname(&name[first + 1..second]) {
        return Some(q);
    }
    match name.get(second + 1) {
        Some(&b) if is_name_start(b) => Some(q),
        _ => Some(p + second + 1),
    }
}

/// The end of the name starting at `p` (which must start one).
pub(super) fn name_end_at(src: &[u8], p: usize, end: usize) -> Option<usize> {
    if p >= end || !is_name_start(src[p]) {
        return None;
    }
    let mut q = p + 1;
    while q < end && is_name_char(src[q]) {
        q += 1;
    }
    Some(q)
}

/// Just past the first `needle` at or after `from`.
pub(super) fn find_after(
    src: &[u8],
    from: usize,
    end: usize,
    needle: &[u8],
) -> Result<usize, Fail> {
    if from > end {
        return Err(Fail);
    }
    memmem::find(&src[from..end], needle)
        .map(|i| from + i + needle.len())
        .ok_or(Fail)
}

/// `<!-- ... -->` at `pos`; `--` inside is an error.
pub(super) fn comment(src: &[u8], pos: usize, end: usize) -> Result<usize, Fail> {
    let body = pos + 4;
    let dashes = memmem::find(&src[body..end], b"--").ok_or(Fail)? + body;
    if src.get(dashes + 2) == Some(&b'>') && dashes + 2 < end {
        Ok(dashes + 3)
    } else {
        Err(Fail)
    }
}

/// `<?target ... ?>` at `pos`; the target `xml` (any case) is reserved.
pub(super) fn pi(src: &[u8], pos: usize, end: usize) -> Result<usize, Fail> {
    let target_end = name_end_at(src, pos + 2, end).ok_or(Fail)?;
    if src[pos + 2..target_end].eq_ignore_ascii_case(b"xml") {
        return Err(Fail);
    }
    if target_end < end && !is_space(src[target_end]) && !src[target_end..end].starts_with(b"?>") {
        return Err(Fail);
    }
    find_after(src, target_end, end, b"?>")
}

/// `&#N;`, `&#xH;` or `&name;` at `src[pos] == '&'`.
pub(super) fn reference(
    src: &[u8],
    pos: usize,
    end: usize,
    entities: &Entities,
) -> Result<(Reference, usize), Fail> {
    let p = pos + 1;
    if src.get(p) == Some(&b'#') && p < end {
        let (hex, digits_start) = if src.get(p + 1) == Some(&b'x') {
            (true, p + 2)
        } else {
            (false, p + 1)
        };
        let mut q = digits_start;
        let mut value: u32 = 0;
        while q < end && src[q] != b';' {
            let digit = if hex {
                (src[q] as char).to_digit(16)
            } else {
                (src[q] as char).to_digit(10)
            }
            .ok_or(Fail)?;
            value = value
                .checked_mul(if hex { 16 } else { 10 })
                .and_then(|v| v.checked_add(digit))
                .filter(|&v| v <= 0x10FFFF)
                .ok_or(Fail)?;
            q += 1;
        }
        if q >= end || q == digits_start || !is_xml_char(value) {
            return Err(Fail);
        }
        return Ok((Reference::Char(value), q + 1));
    }
    let name_end = name_end_at(src, p, end).ok_or(Fail)?;
    if name_end >= end || src[name_end] != b';' {
        return Err(Fail);
    }
    let name = &src[p..name_end];
    let reference = match name {
        b"lt" => Reference::Predefined(b'<'),
        b"gt" => Reference::Predefined(b'>'),
        b"amp" => Reference::Predefined(b'&'),
        b"apos" => Reference::Predefined(b'\''),
        b"quot" => Reference::Predefined(b'"'),
        _ => match entities.find(name) {
            Some(i) if entities.values[i].is_some() => Reference::Internal(i),
            Some(_) => Reference::External,
            None => Reference::Undeclared,
        },
    };
    Ok((reference, name_end + 1))
}

fn is_xml_char(c: u32) -> bool {
    matches!(c, 0x9 | 0xA | 0xD | 0x20..=0xD7FF | 0xE000..=0xFFFD | 0x10000..=0x10FFFF)
}

pub(super) fn has_duplicates(names: &[&[u8]]) -> bool {
    if names.len() < 2 {
        return false;
    }
    let mut sorted = names.to_vec();
    sorted.sort_unstable();
    sorted.windows(2).any(|w| w[0] == w[1])
}

/// A quoted literal at `p`: its content range and the position after it.
pub(super) fn quoted(src: &[u8], p: usize, end: usize) -> Result<(usize, usize, usize), Fail> {
    let quote = *src.get(p).filter(|_| p < end).ok_or(Fail)?;
    if quote != b'"' && quote != b'\'' {
        return Err(Fail);
    }
    let close = memchr(quote, &src[p + 1..end]).ok_or(Fail)? + p + 1;
    Ok((p + 1, close, close + 1))
}
