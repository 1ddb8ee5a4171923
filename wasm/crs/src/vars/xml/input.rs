//! The body as the UTF-8 the tokenizer reads: byte-order marks, the XML
//! declaration (checked as strictly as libxml2 checks it), the few encodings
//! converted here, and where the first byte that is not an XML character is.

use std::borrow::Cow;

use memchr::memmem;

use super::syntax::{is_space, quoted, skip_space};

/// What ends the parseable part of the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Stop {
    /// The end of the body.
    End,
    /// A C0 control character (not tab, LF, CR, NUL).
    Control,
    /// A NUL byte: libxml2 reports it where it reads it, like bad UTF-8.
    Nul,
    /// U+FFFE or U+FFFF: valid UTF-8, not an XML character.
    NonChar,
    /// Bytes that are not UTF-8.
    BadUtf8,
    /// Bytes that are not UTF-8, less than four before the end: libxml2
    /// reads them as the end of its input (and fails later).
    BadUtf8AtEnd,
}

/// The document as UTF-8, or `None` for an encoding this parser cannot read
/// or a malformed XML declaration.
pub(super) fn decode(body: &[u8]) -> Option<Cow<'_, [u8]>> {
    if let Some(rest) = body.strip_prefix(b"\xEF\xBB\xBF") {
        declaration(rest)?;
        return Some(Cow::Borrowed(rest));
    }
    for (bom, unit) in [
        (&b"\xFF\xFE"[..], u16::from_le_bytes as fn([u8; 2]) -> u16),
        (&b"\xFE\xFF"[..], u16::from_be_bytes),
    ] {
        if let Some(rest) = body.strip_prefix(bom) {
            let doc = utf16_to_utf8(rest, unit);
            declaration(&doc)?;
            return Some(Cow::Owned(doc));
        }
    }
    let encoding = declaration(body)?.map(|e| e.to_ascii_lowercase());
    match encoding.as_deref() {
        None | Some(b"utf-8") | Some(b"utf8") | Some(b"us-ascii") | Some(b"ascii") => {
            Some(Cow::Borrowed(body))
        }
        Some(b"iso-8859-1") | Some(b"iso_8859-1") | Some(b"latin1") | Some(b"latin-1")
        | Some(b"l1") | Some(b"iso-latin-1") => Some(Cow::Owned(single_byte_to_utf8(body, false))),
        Some(b"windows-1252") | Some(b"cp1252") => {
            Some(Cow::Owned(single_byte_to_utf8(body, true)))
        }
        Some(_) => None,
    }
}

/// Checks an XML declaration at the very start, libxml2's way:
/// `<?xml version="1.N" [encoding="..."] [standalone="yes|no"] ?>`.
/// `None`: malformed; `Some(encoding)` otherwise.
fn declaration(doc: &[u8]) -> Option<Option<&[u8]>> {
    if !doc.starts_with(b"<?xml") || !doc.get(5).map_or(false, |&b| is_space(b)) {
        return Some(None);
    }
    let mut p = 5;
    let pseudo = |name: &[u8], p: &mut usize| -> Option<Option<&[u8]>> {
        let q = skip_space(doc, *p, doc.len());
        if !doc[q..].starts_with(name) {
            return Some(None);
        }
        if q == *p {
            return None;
        }
        let q = skip_space(doc, q + name.len(), doc.len());
        if doc.get(q) != Some(&b'=') {
            return None;
        }
        let (start, close, after) =
            quoted(doc, skip_space(doc, q + 1, doc.len()), doc.len()).ok()?;
        *p = after;
        Some(Some(&doc[start..close]))
    };
    // libxml2's VersionNum: one digit, a dot, digits.
    let version = pseudo(b"version", &mut p)??;
    let valid = version.len() >= 2
        && version[0].is_ascii_digit()
        && version[1] == b'.'
        && version[2..].iter().all(u8::is_ascii_digit);
    if !valid {
        return None;
    }
    let encoding = pseudo(b"encoding", &mut p)?;
    if let Some(name) = encoding {
        let valid = name.first().map_or(false, u8::is_ascii_alphabetic)
            && name
                .iter()
                .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'));
        if !valid {
            return None;
        }
    }
    if let Some(standalone) = pseudo(b"standalone", &mut p)? {
        if standalone != b"yes" && standalone != b"no" {
            return None;
        }
    }
    let q = skip_space(doc, p, doc.len());
    if doc[q..].starts_with(b"?>") {
        Some(encoding)
    } else {
        None
    }
}

/// UTF-16 to UTF-8; an unpaired surrogate becomes a 0x01 byte, which
/// [`first_invalid`] then stops at.
fn utf16_to_utf8(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Vec<u8> {
    // A last odd byte is an incomplete unit: libxml2 ignores it.
    let units = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    let mut out = Vec::with_capacity(bytes.len() * 3 / 2);
    for ch in std::char::decode_utf16(units) {
        match ch {
            Ok('\u{FFFF}') | Err(_) => out.push(0x01),
            Ok(c) => {
                let mut buf = [0u8; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
        }
    }
    out
}

/// windows-1252's 0x80-0x9F (0 where undefined; iconv refuses those).
const CP1252_HIGH: [u16; 32] = [
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC,
    0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
];

fn single_byte_to_utf8(bytes: &[u8], cp1252: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() + bytes.len() / 2);
    for &b in bytes {
        let cp = match b {
            0x80..=0x9F if cp1252 => match CP1252_HIGH[usize::from(b - 0x80)] {
                0 => 1, // not a character: stops the parse like a control
                cp => u32::from(cp),
            },
            _ => u32::from(b),
        };
        let c = char::from_u32(cp).unwrap_or('\u{1}');
        let mut buf = [0u8; 4];
        out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
    }
    out
}

/// Where the first byte that is not part of an XML character is, and what
/// it is.
pub(super) fn first_invalid(doc: &[u8]) -> (usize, Stop) {
    let utf8_end = match std::str::from_utf8(doc) {
        Ok(_) => doc.len(),
        Err(e) => e.valid_up_to(),
    };
    let valid = &doc[..utf8_end];
    let control = valid
        .iter()
        .position(|&b| b < 0x20 && b != b'\t' && b != b'\n' && b != b'\r');
    let nonchar = memmem::find_iter(valid, b"\xEF\xBF")
        .find(|&i| matches!(valid.get(i + 2), Some(0xBE) | Some(0xBF)));
    let mut first = (
        utf8_end,
        if utf8_end < doc.len() {
            Stop::BadUtf8
        } else {
            Stop::End
        },
    );
    for (at, stop) in [(control, Stop::Control), (nonchar, Stop::NonChar)] {
        if let Some(at) = at {
            if at < first.0 {
                first = (at, stop);
            }
        }
    }
    if first.1 == Stop::Control && doc[first.0] == 0 {
        first.1 = Stop::Nul;
    }
    if first.1 == Stop::BadUtf8 && doc.len() - first.0 < 4 {
        // Unless it is a whole sequence for a character out of range (a
        // surrogate, or past U+10FFFF), which libxml2 reports at once.
        let cont = |i: usize| doc.get(first.0 + i).map_or(false, |&b| b & 0xC0 == 0x80);
        let out_of_range = match doc[first.0..] {
            [0xED, b, ..] => (0xA0..=0xBF).contains(&b) && cont(2),
            [0xF4, b, ..] => (0x90..=0xBF).contains(&b) && cont(2) && cont(3),
            [0xF5..=0xF7, ..] => cont(1) && cont(2) && cont(3),
            _ => false,
        };
        if !out_of_range {
            first.1 = Stop::BadUtf8AtEnd;
        }
    }
    first
}
