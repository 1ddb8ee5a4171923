//! `Content-Disposition: form-data; name=".."; filename=".."`.

use super::part::Part;
use super::Flags;

/// `Multipart::parse_content_disposition`: `form-data; name="..";
/// filename=".."`, into `part`. Negative return codes are ModSecurity's.
pub(super) fn parse_content_disposition(value: &[u8], part: &mut Part, flags: &mut Flags) -> i32 {
    let at = |i: usize| value.get(i).copied().unwrap_or(0);
    if !value.starts_with(b"form-data") {
        return -1;
    }
    let mut p = 9;
    while at(p) == b'\t' || at(p) == b' ' {
        p += 1;
    }
    if at(p) == 0 {
        return 1;
    }
    if at(p) != b';' {
        return -2;
    }
    p += 1;
    while at(p) != 0 {
        while at(p) == b'\t' || at(p) == b' ' {
            p += 1;
        }
        if at(p) == 0 {
            return -3;
        }
        let start = p;
        while !matches!(at(p), 0 | b'=' | b'\t' | b' ') {
            p += 1;
        }
        if at(p) == 0 {
            return -4;
        }
        let name = &value[start..p];
        while at(p) == b'\t' || at(p) == b' ' {
            p += 1;
        }
        if at(p) == 0 {
            return -5;
        }
        if at(p) != b'=' {
            return -13;
        }
        p += 1;
        while at(p) == b'\t' || at(p) == b' ' {
            p += 1;
        }
        if at(p) == 0 {
            return -6;
        }
        let mut param = Vec::new();
        let quote = at(p);
        let quoted = quote == b'"' || quote == b'\'';
        if quoted {
            if quote == b'\'' {
                flags.invalid_quoting = true;
            }
            p += 1;
            if at(p) == 0 {
                return -7;
            }
            while at(p) != 0 {
                if at(p) == b'\\' {
                    if at(p + 1) == 0 {
                        return -8;
                    }
                    // Only the quote and `\` can be escaped; other
                    // backslashes stay (browsers send them in paths).
                    if at(p + 1) == quote || at(p + 1) == b'\\' {
                        p += 1;
                    }
                } else if at(p) == quote {
                    break;
                }
                param.push(at(p));
                p += 1;
            }
            if at(p) == 0 {
                flags.invalid_quoting = true;
                return -15;
            }
            p += 1;
        } else {
            let start = p;
            while at(p) != 0 && is_token_char(at(p)) {
                p += 1;
            }
            param.extend_from_slice(&value[start..p]);
        }
        // 3.0.15 flags a `'` in an unquoted name or file name.
        let unquoted_quote = !quoted && param.contains(&b'\'');
        if name == b"name" {
            flags.invalid_quoting |= unquoted_quote;
            if !part.name.is_empty() {
                return -14;
            }
            part.name = param;
        } else if name == b"filename" {
            flags.invalid_quoting |= unquoted_quote;
            if !part.filename.is_empty() {
                return -15;
            }
            part.filename = param;
        } else if name == b"filename*" {
            // charset'language'value: keep the value.
            part.filename_star = match param.iter().enumerate().filter(|(_, &b)| b == b'\'').nth(1)
            {
                Some((i, _)) => param[i + 1..].to_vec(),
                None => param,
            };
        } else {
            return -11;
        }
        if at(p) != 0 {
            while at(p) == b'\t' || at(p) == b' ' {
                p += 1;
            }
            if at(p) == 0 {
                break;
            }
            if at(p) != b';' {
                if p > 0 && (at(p - 1) == b'\'' || at(p - 1) == b'"') {
                    flags.invalid_quoting = true;
                }
                return -12;
            }
            p += 1;
        }
    }
    if !part.filename_star.is_empty() && part.filename.is_empty() {
        // "no filename= but filename*".
        return -21;
    }
    1
}

/// RFC 2616 token characters.
fn is_token_char(c: u8) -> bool {
    c > 32 && c < 127 && !b"()<>@,;:\\\"/[]?=".contains(&c)
}
