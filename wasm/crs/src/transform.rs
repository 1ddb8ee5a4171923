//! SecLang transformations (`t:urlDecodeUni`, `t:lowercase`, ...), byte for
//! byte as libmodsecurity (ModSecurity v3) computes them, quirks included:
//! the CRS regression suite was written against that engine, and an evasion
//! it normalises must normalise the same way here.
//!
//! Every transformation is linear in its input, never panics and never
//! recurses. [`Transform::apply`] answers `None` when the value would not
//! change, after a scan that allocates nothing: most values of a benign
//! request pass through most transformations unchanged, and this runs for
//! every value of every rule.

use std::borrow::Cow;

mod base64;
mod cmd_line;
mod comments;
mod css;
mod escape_seq;
mod hex;
mod html;
mod js;
mod path;
mod sha1;
mod simple;
mod url;
mod utf8;
mod whitespace;

/// One transformation function, by its SecLang name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Transform {
    Base64Decode,
    Base64DecodeExt,
    CmdLine,
    CompressWhitespace,
    CssDecode,
    EscapeSeqDecode,
    HexDecode,
    HexEncode,
    HtmlEntityDecode,
    JsDecode,
    Length,
    Lowercase,
    None,
    NormalizePath,
    NormalizePathWin,
    RemoveComments,
    RemoveCommentsChar,
    RemoveNulls,
    RemoveWhitespace,
    ReplaceComments,
    ReplaceNulls,
    Sha1,
    Trim,
    TrimLeft,
    TrimRight,
    Uppercase,
    UrlDecode,
    UrlDecodeUni,
    Utf8ToUnicode,
}

/// Every transformation with the name CRS writes for it.
const NAMES: &[(&str, Transform)] = &[
    ("base64Decode", Transform::Base64Decode),
    ("base64DecodeExt", Transform::Base64DecodeExt),
    ("cmdLine", Transform::CmdLine),
    ("compressWhitespace", Transform::CompressWhitespace),
    ("cssDecode", Transform::CssDecode),
    ("escapeSeqDecode", Transform::EscapeSeqDecode),
    ("hexDecode", Transform::HexDecode),
    ("hexEncode", Transform::HexEncode),
    ("htmlEntityDecode", Transform::HtmlEntityDecode),
    ("jsDecode", Transform::JsDecode),
    ("length", Transform::Length),
    ("lowercase", Transform::Lowercase),
    ("none", Transform::None),
    ("normalizePath", Transform::NormalizePath),
    ("normalizePathWin", Transform::NormalizePathWin),
    ("removeComments", Transform::RemoveComments),
    ("removeCommentsChar", Transform::RemoveCommentsChar),
    ("removeNulls", Transform::RemoveNulls),
    ("removeWhitespace", Transform::RemoveWhitespace),
    ("replaceComments", Transform::ReplaceComments),
    ("replaceNulls", Transform::ReplaceNulls),
    ("sha1", Transform::Sha1),
    ("trim", Transform::Trim),
    ("trimLeft", Transform::TrimLeft),
    ("trimRight", Transform::TrimRight),
    ("uppercase", Transform::Uppercase),
    ("urlDecode", Transform::UrlDecode),
    ("urlDecodeUni", Transform::UrlDecodeUni),
    ("utf8toUnicode", Transform::Utf8ToUnicode),
];

impl Transform {
    /// The transformation SecLang calls `name` (as CRS spells it; the
    /// British `normalisePath`/`normalisePathWin` are accepted too). `None`
    /// for names this engine does not implement: the caller must report
    /// those, never skip them silently.
    pub fn from_name(name: &str) -> Option<Transform> {
        match name {
            "normalisePath" => return Some(Transform::NormalizePath),
            "normalisePathWin" => return Some(Transform::NormalizePathWin),
            _ => {}
        }
        NAMES.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
    }

    /// The SecLang name, for messages.
    pub fn name(self) -> &'static str {
        NAMES
            .iter()
            .find(|(_, t)| *t == self)
            .map(|(n, _)| *n)
            .unwrap_or("?")
    }

    /// The transformed value, or `None` when it equals `input`.
    pub fn apply(self, input: &[u8]) -> Option<Vec<u8>> {
        let out = match self {
            Transform::None => None,
            Transform::Base64Decode => base64::decode(input),
            Transform::Base64DecodeExt => base64::decode_ext(input),
            Transform::CmdLine => cmd_line::cmd_line(input),
            Transform::CompressWhitespace => whitespace::compress(input),
            Transform::CssDecode => css::decode(input),
            Transform::EscapeSeqDecode => escape_seq::decode(input),
            Transform::HexDecode => hex::decode(input),
            Transform::HexEncode => hex::encode(input),
            Transform::HtmlEntityDecode => html::entity_decode(input),
            Transform::JsDecode => js::decode(input),
            Transform::Length => simple::length(input),
            Transform::Lowercase => simple::lowercase(input),
            Transform::NormalizePath => path::normalize(input, false),
            Transform::NormalizePathWin => path::normalize(input, true),
            Transform::RemoveComments => comments::remove(input),
            Transform::RemoveCommentsChar => comments::remove_chars(input),
            Transform::RemoveNulls => simple::remove_nulls(input),
            Transform::RemoveWhitespace => whitespace::remove(input),
            Transform::ReplaceComments => comments::replace(input),
            Transform::ReplaceNulls => simple::replace_nulls(input),
            Transform::Sha1 => Some(sha1::digest(input).to_vec()),
            Transform::Trim => whitespace::trim(input, true, true),
            Transform::TrimLeft => whitespace::trim(input, true, false),
            Transform::TrimRight => whitespace::trim(input, false, true),
            Transform::Uppercase => simple::uppercase(input),
            Transform::UrlDecode => url::decode(input),
            Transform::UrlDecodeUni => url::decode_uni(input),
            Transform::Utf8ToUnicode => utf8::to_unicode(input),
        };
        // Several decoders can rebuild their input exactly ("%" stays "%",
        // hexEncode of hexDecode...): the contract is "None when unchanged".
        out.filter(|o| o.as_slice() != input)
    }
}

/// `value` after every transformation of `pipeline` in order; borrowed when
/// none of them changed it.
pub fn apply_all<'a>(pipeline: &[Transform], value: &'a [u8]) -> Cow<'a, [u8]> {
    let mut current = Cow::Borrowed(value);
    for t in pipeline {
        if let Some(next) = t.apply(&current) {
            current = Cow::Owned(next);
        }
    }
    current
}

/// libmodsecurity's `x2c`: two hex digits to a byte. It does no validation
/// and wraps on non-hex input; `hexDecode` relies on exactly that.
pub(crate) fn x2c(hi: u8, lo: u8) -> u8 {
    xdigit(hi).wrapping_mul(16).wrapping_add(xdigit(lo))
}

/// libmodsecurity's `xsingle2c`: one hex digit (same wrapping arithmetic).
pub(crate) fn xdigit(c: u8) -> u8 {
    if c >= b'A' {
        (c & 0xdf).wrapping_sub(b'A').wrapping_add(10)
    } else {
        c.wrapping_sub(b'0')
    }
}

/// C's `isspace` in the "C" locale, which libmodsecurity runs in.
pub(crate) fn is_c_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// The byte at `i`, or 0 past the end: the C code reads the string's NUL
/// terminator there and its checks were written with that in mind.
pub(crate) fn at(input: &[u8], i: usize) -> u8 {
    input.get(i).copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_round_trips() {
        for (name, t) in NAMES {
            assert_eq!(Transform::from_name(name), Some(*t));
            assert_eq!(t.name(), *name);
        }
        assert_eq!(
            Transform::from_name("normalisePath"),
            Some(Transform::NormalizePath)
        );
        assert_eq!(Transform::from_name("urldecodeuni"), None);
        assert_eq!(Transform::from_name("md5"), None);
    }

    #[test]
    fn every_transformation_the_crs_request_rules_use_is_known() {
        // `grep -o 't:[a-zA-Z0-9]*' rules/REQUEST-9*.conf | sort -u`, CRS 4.
        for name in [
            "base64Decode",
            "cmdLine",
            "compressWhitespace",
            "cssDecode",
            "escapeSeqDecode",
            "hexEncode",
            "htmlEntityDecode",
            "jsDecode",
            "length",
            "lowercase",
            "none",
            "normalizePath",
            "normalizePathWin",
            "removeCommentsChar",
            "removeNulls",
            "removeWhitespace",
            "replaceComments",
            "sha1",
            "urlDecodeUni",
            "utf8toUnicode",
        ] {
            assert!(Transform::from_name(name).is_some(), "{}", name);
        }
    }

    #[test]
    fn unchanged_values_are_none() {
        assert_eq!(Transform::Lowercase.apply(b"abc"), None);
        assert_eq!(Transform::UrlDecodeUni.apply(b"%zz"), None);
        assert_eq!(Transform::None.apply(b"ABC"), None);
        assert_eq!(Transform::Lowercase.apply(b"aBc"), Some(b"abc".to_vec()));
    }

    #[test]
    fn pipeline_borrows_when_nothing_changes() {
        let pipeline = [Transform::UrlDecodeUni, Transform::Lowercase];
        assert!(matches!(apply_all(&pipeline, b"plain"), Cow::Borrowed(_)));
        assert_eq!(&*apply_all(&pipeline, b"%41B"), b"ab");
    }

    #[test]
    fn x2c_wraps_like_c() {
        assert_eq!(x2c(b'4', b'1'), 0x41);
        assert_eq!(x2c(b'f', b'F'), 0xff);
        // Not hex: the same unsigned-char arithmetic as the C code.
        assert_eq!(x2c(b'0', b'z'), 35);
        assert_eq!(xdigit(b'g'), 16);
    }

    use crate::test_rng::XorShift;

    /// Bytes that steer the decoders into their escape branches more often
    /// than uniform noise would.
    const SPICY: &[u8] =
        b"%uU+&#xX;\\/.*-<!>#\"'^ ,\t\r\n0123456789abcdefABCDEF=zZ\x00\xa0\xc2\xc3\xe2\xf0\xf5\xff";

    fn random_input(rng: &mut XorShift) -> Vec<u8> {
        rng.bytes(SPICY, 48, 3)
    }

    #[test]
    fn random_bytes_never_panic_and_none_means_unchanged() {
        let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
        for _ in 0..20_000 {
            let input = random_input(&mut rng);
            for (_, t) in NAMES {
                if let Some(out) = t.apply(&input) {
                    assert_ne!(out, input, "{:?} returned Some(unchanged)", t);
                }
            }
        }
    }

    #[test]
    fn large_hostile_inputs_finish() {
        // Each input is a worst case for some transformation's backtracking
        // or lookahead; all must stay linear.
        let patterns: [&[u8]; 8] = [
            b"/../",
            b"\\..\\",
            b"%u",
            b"&#x",
            b"\\1",
            b"/*",
            b"\xf0\x80",
            b"<!--",
        ];
        for p in patterns {
            let input: Vec<u8> = p.iter().copied().cycle().take(1 << 20).collect();
            for (_, t) in NAMES {
                let _ = t.apply(&input);
            }
        }
    }
}
