//! Numbers: ints (i64) and floats (f64) compare with each other exactly.
//!
//! `i as f64` would round above 2^53 (`9007199254740993 == 9007199254740992.0`
//! would hold), so a mixed comparison goes through the float's integer and
//! fractional parts instead.

use std::cmp::Ordering;

/// A number value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Num {
    Int(i64),
    Float(f64),
}

/// 2^63, exactly representable as f64.
const TWO_POW_63: f64 = 9_223_372_036_854_775_808.0;

/// Orders an int against a float exactly; `None` only for NaN.
pub(crate) fn cmp_int_float(i: i64, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if f >= TWO_POW_63 {
        return Some(Ordering::Less);
    }
    if f < -TWO_POW_63 {
        return Some(Ordering::Greater);
    }
    let whole = f.trunc();
    // In range: -2^63 <= whole < 2^63.
    let whole_int = whole as i64;
    Some(match i.cmp(&whole_int) {
        Ordering::Equal => {
            let frac = f - whole;
            if frac > 0.0 {
                Ordering::Less
            } else if frac < 0.0 {
                Ordering::Greater
            } else {
                Ordering::Equal
            }
        }
        other => other,
    })
}

impl Num {
    /// Numeric order; `None` only when a float is NaN (which neither the IR
    /// nor the IP-detail reader lets in).
    pub(crate) fn order(self, other: Num) -> Option<Ordering> {
        match (self, other) {
            (Num::Int(a), Num::Int(b)) => Some(a.cmp(&b)),
            (Num::Float(a), Num::Float(b)) => a.partial_cmp(&b),
            (Num::Int(a), Num::Float(b)) => cmp_int_float(a, b),
            (Num::Float(a), Num::Int(b)) => cmp_int_float(b, a).map(Ordering::reverse),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cmp::Ordering::*;

    #[test]
    fn exact_mixed_order() {
        assert_eq!(cmp_int_float(1, 1.0), Some(Equal));
        assert_eq!(cmp_int_float(1, 1.5), Some(Less));
        assert_eq!(cmp_int_float(2, 1.5), Some(Greater));
        assert_eq!(cmp_int_float(-1, -1.5), Some(Greater));
        assert_eq!(cmp_int_float(-2, -1.5), Some(Less));
        assert_eq!(cmp_int_float(9_007_199_254_740_993, 9_007_199_254_740_992.0), Some(Greater));
        assert_eq!(cmp_int_float(i64::MAX, TWO_POW_63), Some(Less));
        assert_eq!(cmp_int_float(i64::MIN, -TWO_POW_63), Some(Equal));
        assert_eq!(cmp_int_float(i64::MIN, -1e300), Some(Greater));
        assert_eq!(cmp_int_float(0, f64::INFINITY), Some(Less));
        assert_eq!(cmp_int_float(0, f64::NEG_INFINITY), Some(Greater));
        assert_eq!(cmp_int_float(0, -0.0), Some(Equal));
        assert_eq!(cmp_int_float(0, f64::NAN), None);
        assert_eq!(Num::Float(2.5).order(Num::Int(2)), Some(Greater));
    }
}
