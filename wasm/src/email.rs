//! Email address syntax: the practical subset of RFC 5321/5322 that mail
//! servers accept, with internationalised domains (RFC 5890 U-labels and
//! `xn--` A-labels) and UTF-8 local parts (RFC 6531).
//!
//! Not supported on purpose: comments `(...)`, folding white space, obsolete
//! syntax and display names — they are valid in headers, never in an address
//! someone types into a form.

/// Options of the email rule that affect syntax.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// Require at least two labels in the domain, the last one not numeric.
    pub require_top_level_domain: bool,
    /// Accept `user@[192.0.2.1]` and `user@[IPv6:2001:db8::1]`.
    pub allow_domain_literal: bool,
}

const MAX_LOCAL: usize = 64;
const MAX_TOTAL: usize = 254;
const MAX_DOMAIN: usize = 253;
const MAX_LABEL: usize = 63;

/// Check an address; `Err` carries the reason it is invalid.
pub fn validate(address: &str, opts: Options) -> Result<(), &'static str> {
    if address.is_empty() {
        return Err("email address is empty");
    }
    if address.len() > MAX_TOTAL {
        return Err("email address is longer than 254 characters");
    }
    let at = match address.rfind('@') {
        Some(at) => at,
        None => return Err("email address has no @"),
    };
    let (local, domain) = (&address[..at], &address[at + 1..]);
    validate_local(local)?;
    validate_domain(domain, opts)
}

fn is_atext(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || "!#$%&'*+-/=?^_`{|}~".contains(c)
        // RFC 6531: UTF-8 in the local part; control and space characters excluded.
        || (!c.is_ascii() && !c.is_control() && !c.is_whitespace())
}

fn validate_local(local: &str) -> Result<(), &'static str> {
    if local.is_empty() {
        return Err("local part is empty");
    }
    if local.len() > MAX_LOCAL {
        return Err("local part is longer than 64 characters");
    }
    if local.starts_with('"') {
        return validate_quoted(local);
    }
    if local.starts_with('.') || local.ends_with('.') {
        return Err("local part starts or ends with a dot");
    }
    if local.contains("..") {
        return Err("local part has two dots in a row");
    }
    for c in local.chars() {
        if c != '.' && !is_atext(c) {
            return Err(if c == '@' {
                "local part has an @ outside quotes"
            } else {
                "local part has a character that needs quoting"
            });
        }
    }
    Ok(())
}

/// `"..."` with printable ASCII (and UTF-8), space, and `\`-escaped pairs.
fn validate_quoted(local: &str) -> Result<(), &'static str> {
    let inner = match local.strip_prefix('"').and_then(|s| s.strip_suffix('"')) {
        Some(inner) if local.len() >= 2 => inner,
        _ => return Err("quoted local part is not closed"),
    };
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(n) if n == ' ' || n == '\t' || n.is_ascii_graphic() => {}
                _ => return Err("quoted local part has a bad escape"),
            },
            '"' => return Err("quoted local part has an unescaped quote"),
            ' ' => {}
            c if c.is_ascii_graphic() => {}
            c if !c.is_ascii() && !c.is_control() => {}
            _ => return Err("quoted local part has a control character"),
        }
    }
    Ok(())
}

fn validate_domain(domain: &str, opts: Options) -> Result<(), &'static str> {
    if domain.is_empty() {
        return Err("domain is empty");
    }
    if domain.starts_with('[') {
        if !opts.allow_domain_literal {
            return Err("domain literals are not allowed");
        }
        return validate_literal(domain);
    }
    if domain.len() > MAX_DOMAIN {
        return Err("domain is longer than 253 characters");
    }
    if domain.ends_with('.') {
        return Err("domain ends with a dot");
    }
    let mut labels = 0;
    let mut last = "";
    for label in domain.split('.') {
        validate_label(label)?;
        labels += 1;
        last = label;
    }
    if opts.require_top_level_domain {
        if labels < 2 {
            return Err("domain has no top-level domain");
        }
        if last.bytes().all(|b| b.is_ascii_digit()) {
            return Err("top-level domain is numeric");
        }
    }
    Ok(())
}

fn validate_label(label: &str) -> Result<(), &'static str> {
    if label.is_empty() {
        return Err("domain has an empty label");
    }
    if label.starts_with('-') || label.ends_with('-') {
        return Err("domain label starts or ends with a hyphen");
    }
    if label.is_ascii() {
        if label.len() > MAX_LABEL {
            return Err("domain label is longer than 63 characters");
        }
        if !label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
            return Err("domain has a character not allowed in a hostname");
        }
        // A-labels: "xn--" followed by Punycode, which needs at least one character.
        if label.len() >= 4 && label[..4].eq_ignore_ascii_case("xn--") && label.len() == 4 {
            return Err("domain has an empty A-label");
        }
        return Ok(());
    }
    // U-label: letters, marks and digits of any script, and hyphens. Its
    // A-label (Punycode) must still fit 63 octets.
    if !label.chars().all(|c| c == '-' || c.is_alphanumeric() || is_mark(c)) {
        return Err("domain has a character not allowed in a hostname");
    }
    if punycode_len(label) + 4 > MAX_LABEL {
        return Err("domain label is longer than 63 characters");
    }
    Ok(())
}

/// Combining marks are valid in U-labels (e.g. Devanagari vowel signs) but
/// `char::is_alphanumeric` does not cover them.
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05C7 | 0x0610..=0x061A
        | 0x064B..=0x065F | 0x0900..=0x0903 | 0x093A..=0x094F | 0x0951..=0x0957 | 0x0962..=0x0963
        | 0x0981..=0x0983 | 0x09BC..=0x09D7 | 0x0A01..=0x0A51 | 0x0B01..=0x0B57 | 0x0BBE..=0x0BCD
        | 0x0C00..=0x0C56 | 0x0D00..=0x0D57 | 0x0E31..=0x0E3A | 0x0E47..=0x0E4E | 0x1AB0..=0x1AFF
        | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0x3099..=0x309A | 0xFE20..=0xFE2F)
}

/// Length of the Punycode encoding (RFC 3492) of a label, without `xn--`.
fn punycode_len(label: &str) -> usize {
    const BASE: u32 = 36;
    const TMIN: u32 = 1;
    const TMAX: u32 = 26;
    const SKEW: u32 = 38;
    const DAMP: u32 = 700;
    fn adapt(mut delta: u32, points: u32, first: bool) -> u32 {
        delta = if first { delta / DAMP } else { delta / 2 };
        delta += delta / points;
        let mut k = 0;
        while delta > ((BASE - TMIN) * TMAX) / 2 {
            delta /= BASE - TMIN;
            k += BASE;
        }
        k + (BASE - TMIN + 1) * delta / (delta + SKEW)
    }
    let cps: Vec<u32> = label.chars().map(|c| c as u32).collect();
    let basic = cps.iter().filter(|c| **c < 0x80).count();
    let mut out = basic + usize::from(basic > 0);
    let (mut n, mut delta, mut bias, mut h) = (0x80u32, 0u32, 72u32, basic as u32);
    while (h as usize) < cps.len() {
        let m = cps.iter().copied().filter(|c| *c >= n).min().unwrap_or(n);
        delta = delta.saturating_add((m - n).saturating_mul(h + 1));
        n = m;
        for c in &cps {
            if *c < n {
                delta = delta.saturating_add(1);
            }
            if *c == n {
                let mut q = delta;
                let mut k = BASE;
                loop {
                    let t = if k <= bias { TMIN } else if k >= bias + TMAX { TMAX } else { k - bias };
                    if q < t {
                        break;
                    }
                    out += 1;
                    q = (q - t) / (BASE - t);
                    k += BASE;
                }
                out += 1;
                bias = adapt(delta, h + 1, h as usize == basic);
                delta = 0;
                h += 1;
            }
        }
        delta = delta.saturating_add(1);
        n += 1;
    }
    out
}

fn validate_literal(domain: &str) -> Result<(), &'static str> {
    let inner = match domain.strip_prefix('[').and_then(|d| d.strip_suffix(']')) {
        Some(inner) => inner,
        None => return Err("domain literal is not closed"),
    };
    if let Some(v6) = inner.strip_prefix("IPv6:") {
        return match v6.parse::<std::net::Ipv6Addr>() {
            Ok(_) => Ok(()),
            Err(_) => Err("domain literal is not a valid IPv6 address"),
        };
    }
    match inner.parse::<std::net::Ipv4Addr>() {
        Ok(_) => Ok(()),
        Err(_) => Err("domain literal is not a valid IPv4 address"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STRICT: Options = Options { require_top_level_domain: true, allow_domain_literal: false };

    #[test]
    fn basics() {
        assert!(validate("a@example.com", STRICT).is_ok());
        assert!(validate("a@localhost", STRICT).is_err());
        assert!(validate("\"a b\"@example.com", STRICT).is_ok());
        assert!(validate("a@münchen.de", STRICT).is_ok());
        assert!(validate("a@xn--mnchen-3ya.de", STRICT).is_ok());
        assert!(validate("a@[1.2.3.4]", STRICT).is_err());
    }

    #[test]
    fn punycode_lengths() {
        // bücher -> bcher-kva ; münchen -> mnchen-3ya
        assert_eq!(punycode_len("bücher"), "bcher-kva".len());
        assert_eq!(punycode_len("münchen"), "mnchen-3ya".len());
        // 例え -> r8jz45g
        assert_eq!(punycode_len("例え"), "r8jz45g".len());
    }
}
