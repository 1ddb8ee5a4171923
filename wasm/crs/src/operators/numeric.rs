//! `@eq`, `@gt`, `@ge`, `@lt`, `@le`: integer comparisons of the value with
//! the parameter, both read leniently (what is not a number is 0).

/// A numeric operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparison {
    Eq,
    Gt,
    Ge,
    Lt,
    Le,
}

impl Comparison {
    /// `eq`, `gt`, `ge`, `lt`, `le` (SecLang names without `@`).
    pub fn from_name(name: &str) -> Option<Comparison> {
        match name {
            "eq" => Some(Comparison::Eq),
            "gt" => Some(Comparison::Gt),
            "ge" => Some(Comparison::Ge),
            "lt" => Some(Comparison::Lt),
            "le" => Some(Comparison::Le),
            _ => None,
        }
    }
}

/// `value <op> param`. libmodsecurity reads the two sides of `@gt`, `@ge`,
/// `@lt`, `@le` with `atoll` ([`to_number`]) but those of `@eq` with
/// `std::from_chars` into an `int`, which accepts no leading space or `+`
/// and gives 0 on overflow; both behaviours are reproduced.
pub fn compare(op: Comparison, value: &[u8], param: &[u8]) -> bool {
    match op {
        Comparison::Eq => from_chars_int(value) == from_chars_int(param),
        Comparison::Gt => to_number(value) > to_number(param),
        Comparison::Ge => to_number(value) >= to_number(param),
        Comparison::Lt => to_number(value) < to_number(param),
        Comparison::Le => to_number(value) <= to_number(param),
    }
}

/// C's `atoll`: leading whitespace, an optional sign, then decimal digits
/// up to the first other byte (a NUL ends the C string); no digits gives 0,
/// overflow saturates as glibc's `strtoll` does.
pub fn to_number(b: &[u8]) -> i64 {
    let mut i = 0;
    while i < b.len() && crate::transform::is_c_space(b[i]) {
        i += 1;
    }
    let negative = match b.get(i) {
        Some(b'-') => {
            i += 1;
            true
        }
        Some(b'+') => {
            i += 1;
            false
        }
        _ => false,
    };
    // Accumulate towards the sign so i64::MIN stays representable.
    let mut n: i64 = 0;
    for &c in b[i..].iter().take_while(|c| c.is_ascii_digit()) {
        let d = i64::from(c - b'0');
        n = if negative {
            n.saturating_mul(10).saturating_sub(d)
        } else {
            n.saturating_mul(10).saturating_add(d)
        };
    }
    n
}

/// `std::from_chars` into a 32-bit `int`: an optional `-`, digits, stop at
/// the first other byte; no digits or out of range gives 0.
fn from_chars_int(b: &[u8]) -> i64 {
    let (negative, digits) = match b.first() {
        Some(b'-') => (true, &b[1..]),
        _ => (false, b),
    };
    let mut n: i64 = 0;
    let mut any = false;
    for &c in digits.iter().take_while(|c| c.is_ascii_digit()) {
        any = true;
        n = n * 10 + i64::from(c - b'0');
        if n > i64::from(i32::MAX) + 1 {
            return 0;
        }
    }
    if !any {
        return 0;
    }
    let n = if negative { -n } else { n };
    if n < i64::from(i32::MIN) || n > i64::from(i32::MAX) {
        0
    } else {
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atoll() {
        assert_eq!(to_number(b"42"), 42);
        assert_eq!(to_number(b"  \t-17abc"), -17);
        assert_eq!(to_number(b"+5"), 5);
        assert_eq!(to_number(b"abc"), 0);
        assert_eq!(to_number(b""), 0);
        assert_eq!(to_number(b"- 5"), 0);
        assert_eq!(to_number(b"12\x0034"), 12);
        assert_eq!(to_number(b"99999999999999999999999"), i64::MAX);
        assert_eq!(to_number(b"-99999999999999999999999"), i64::MIN);
        assert_eq!(to_number(b"-9223372036854775808"), i64::MIN);
    }

    #[test]
    fn comparisons() {
        use Comparison::*;
        assert!(compare(Gt, b"101", b"100"));
        assert!(!compare(Gt, b"100", b"100"));
        assert!(compare(Ge, b"100", b"100"));
        assert!(compare(Lt, b"1", b"2"));
        assert!(compare(Le, b"junk", b"0"));
        assert!(compare(Gt, b" 7", b"6"));
        assert!(compare(Eq, b"0", b""));
        assert!(compare(Eq, b"12abc", b"12"));
        assert!(compare(Eq, b"-3", b"-3"));
        // @eq reads with from_chars: no leading space or plus sign, and an
        // out-of-range number is 0.
        assert!(compare(Eq, b" 5", b"0"));
        assert!(compare(Eq, b"+5", b"0"));
        assert!(compare(Eq, b"2147483648", b"0"));
        assert!(compare(Eq, b"2147483647", b"2147483647"));
        assert!(compare(Eq, b"-2147483648", b"-2147483648"));
        assert!(compare(Eq, b"99999999999999999999999999", b"0"));
        assert_eq!(Comparison::from_name("ge"), Some(Ge));
        assert_eq!(Comparison::from_name("GE"), None);
    }
}
