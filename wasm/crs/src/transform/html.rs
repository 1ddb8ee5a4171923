//! `t:htmlEntityDecode`: numeric entities (`&#65;`, `&#x41;`, semicolon
//! optional) become one byte, the low byte of their value; named entities
//! only from libmodsecurity's short table of ASCII-range names.

/// Named entities libmodsecurity decodes, compared case-insensitively with
/// the whole name (GHSA-cxqf-vgrr-xxrv: no prefix matches).
const NAMED: &[(&[u8], u8)] = &[
    (b"amp", b'&'),
    (b"apos", b'\''),
    (b"ast", b'*'),
    (b"bsol", b'\\'),
    (b"caret", b'^'),
    (b"colon", b':'),
    (b"comma", b','),
    (b"commat", b'@'),
    (b"dollar", b'$'),
    (b"equals", b'='),
    (b"grave", b'`'),
    (b"gt", b'>'),
    (b"hyphen", b'-'),
    (b"lbrace", b'{'),
    (b"lbrack", b'['),
    (b"lowbar", b'_'),
    (b"lpar", b'('),
    (b"lt", b'<'),
    (b"nbsp", 0xa0),
    (b"num", b'#'),
    (b"percnt", b'%'),
    (b"period", b'.'),
    (b"plus", b'+'),
    (b"quest", b'?'),
    (b"quot", b'"'),
    (b"rbrace", b'}'),
    (b"rbrack", b']'),
    (b"rpar", b')'),
    (b"semi", b';'),
    (b"sol", b'/'),
    (b"tilde", b'~'),
    (b"verbar", b'|'),
];

fn named(name: &[u8]) -> Option<u8> {
    NAMED
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, c)| *c)
}

/// `strtol(digits, NULL, radix)` cast to `unsigned char`: the low byte of
/// the value, or 0xFF once it overflows `long` (strtol saturates).
fn strtol_low_byte(digits: &[u8], radix: u32) -> u8 {
    let mut value: u128 = 0;
    for &d in digits {
        let digit = (d as char).to_digit(radix).unwrap_or(0) as u128;
        value = value * radix as u128 + digit;
        if value > i64::MAX as u128 {
            return 0xff;
        }
    }
    value as u8
}

/// Length of the run at the start of `input` whose bytes satisfy `pred`.
fn run(input: &[u8], pred: fn(&u8) -> bool) -> usize {
    input.iter().position(|c| !pred(c)).unwrap_or(input.len())
}

pub(super) fn entity_decode(input: &[u8]) -> Option<Vec<u8>> {
    memchr::memchr(b'&', input)?;
    let len = input.len();
    let mut out = Vec::with_capacity(len);
    let mut i = 0;
    while i < len {
        // How many input bytes to copy as they are when no entity decodes.
        let mut copy = 1;
        if input[i] == b'&' && i + 1 < len {
            let mut j = i + 1;
            if input[j] == b'#' {
                copy += 1;
                if j + 1 < len {
                    j += 1;
                    let hex = input[j] == b'x' || input[j] == b'X';
                    if hex {
                        copy += 1;
                    }
                    if !hex || j + 1 < len {
                        if hex {
                            j += 1;
                        }
                        let (n, radix) = if hex {
                            (run(&input[j..], u8::is_ascii_hexdigit), 16)
                        } else {
                            (run(&input[j..], u8::is_ascii_digit), 10)
                        };
                        if n > 0 {
                            out.push(strtol_low_byte(&input[j..j + n], radix));
                            i = skip_semicolon(input, j + n);
                            continue;
                        }
                    }
                }
            } else {
                let n = run(&input[j..], u8::is_ascii_alphanumeric);
                if n > 0 {
                    if let Some(c) = named(&input[j..j + n]) {
                        out.push(c);
                        i = skip_semicolon(input, j + n);
                        continue;
                    }
                    copy = n + 1;
                }
            }
        }
        out.extend_from_slice(&input[i..i + copy]);
        i += copy;
    }
    Some(out)
}

fn skip_semicolon(input: &[u8], j: usize) -> usize {
    if input.get(j) == Some(&b';') {
        j + 1
    } else {
        j
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &[u8]) -> Vec<u8> {
        entity_decode(s).unwrap_or_else(|| s.to_vec())
    }

    #[test]
    fn numeric() {
        assert_eq!(d(b"&#60;&#x3c;&#X3C&#0060"), b"<<<<");
        // The low byte of the value, like the (unsigned char) cast.
        assert_eq!(d(b"&#x13c;&#316;"), b"<<");
        // Leading zeros are no evasion (ModSecurity #3340).
        assert_eq!(d(b"&#00000000000000000000000000000000000000000123;"), b"{");
        // Past LONG_MAX strtol saturates: 0x7fff...ff, low byte 0xff.
        assert_eq!(d(b"&#99999999999999999999;"), [0xff]);
        assert_eq!(d(b"&#x1ffffffffffffffff;"), [0xff]);
    }

    #[test]
    fn named_entities_match_whole_names_only() {
        assert_eq!(d(b"&LT;&gt&colon;&nbsp;"), b"<>:\xa0");
        assert_eq!(d(b"&ltest;&foo;"), b"&ltest;&foo;");
    }

    #[test]
    fn incomplete_entities_stay() {
        assert_eq!(d(b"&"), b"&");
        assert_eq!(d(b"&#"), b"&#");
        assert_eq!(d(b"&#x"), b"&#x");
        assert_eq!(d(b"&#xg;&#a;& ;"), b"&#xg;&#a;& ;");
    }
}
