//! Request-level protocol checks: the method token, header values and the
//! framing headers that request smuggling plays with.

use crate::inputs::{Inspector, Where};
use crate::{Category, Request, Severity};

/// RFC 9110 `tchar`, one table look-up per byte.
fn tchar(b: u8) -> bool {
    TCHAR[b as usize]
}

const TCHAR: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = c.is_ascii_alphanumeric();
        b += 1;
    }
    let extra = b"!#$%&'*+-.^_`|~";
    let mut i = 0;
    while i < extra.len() {
        t[extra[i] as usize] = true;
        i += 1;
    }
    t
};

pub(crate) fn check_request(req: &Request, out: &mut Inspector) {
    let m = req.method.as_bytes();
    if m.is_empty() || !m.iter().all(|&b| tchar(b)) {
        out.report(Where::Method, Category::ProtocolAnomaly, Severity::High, "protocol.invalid_method");
    } else if m.len() > 24 {
        out.report(Where::Method, Category::ProtocolAnomaly, Severity::Medium, "protocol.long_method");
    }

    let mut te_count = 0;
    let mut cl_values: Vec<&str> = Vec::new();
    for &(name, value) in req.headers {
        if crate::bytes::memchr3(b'\r', b'\n', 0, value.as_bytes()).is_some() {
            out.report(Where::Header(name), Category::ProtocolAnomaly, Severity::High, "protocol.header_crlf");
        }
        if name.bytes().any(|b| !tchar(b)) {
            out.report(Where::Header(name), Category::ProtocolAnomaly, Severity::High, "protocol.invalid_header_name");
        }
        match name {
            "transfer-encoding" => {
                te_count += 1;
                // Anything but a clean `chunked` (or a list ending in it with
                // known codings) is how front and back ends are made to
                // disagree about framing.
                if !clean_transfer_encoding(value) {
                    out.report(Where::Header(name), Category::ProtocolAnomaly, Severity::High, "protocol.obfuscated_te");
                }
            }
            "content-length" => {
                let v = value.trim();
                if v.is_empty() || !v.bytes().all(|b| b.is_ascii_digit()) {
                    out.report(Where::Header(name), Category::ProtocolAnomaly, Severity::High, "protocol.invalid_content_length");
                }
                cl_values.push(v);
            }
            _ => {}
        }
        // Smuggled framing headers hidden under a lookalike name.
        if name != "transfer-encoding" && name.trim().eq_ignore_ascii_case("transfer-encoding") {
            out.report(Where::Header(name), Category::ProtocolAnomaly, Severity::High, "protocol.obfuscated_te");
        }
    }
    if te_count > 0 && !cl_values.is_empty() {
        out.report(Where::Header("transfer-encoding"), Category::ProtocolAnomaly, Severity::High, "protocol.te_and_cl");
    }
    if te_count > 1 {
        out.report(Where::Header("transfer-encoding"), Category::ProtocolAnomaly, Severity::High, "protocol.duplicate_te");
    }
    if cl_values.windows(2).any(|w| w[0] != w[1]) {
        out.report(Where::Header("content-length"), Category::ProtocolAnomaly, Severity::High, "protocol.conflicting_cl");
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn tchar_table_is_rfc9110() {
        for b in 0..=255u8 {
            let want = b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b);
            assert_eq!(super::tchar(b), want, "{}", b);
        }
    }
}

fn clean_transfer_encoding(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    let codings: Vec<&str> = lower.split(',').map(|c| c.trim_matches(' ')).collect();
    let last = codings.last().copied().unwrap_or("");
    last == "chunked"
        && codings[..codings.len() - 1].iter().all(|c| matches!(*c, "gzip" | "deflate" | "compress" | "br"))
        && !value.contains('\t')
}
