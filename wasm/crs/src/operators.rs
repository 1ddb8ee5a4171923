//! The SecLang operators that need neither a regex nor a phrase set: pure
//! functions on bytes, with libmodsecurity's semantics (including what an
//! empty value or parameter does).
//!
//! Every function takes the transformed `value` first and the operator's
//! (macro-expanded) `param` second. Each returns whether the operator
//! *matches*; `!@op` negation is the caller's.

mod byte_range;
mod encoding;
mod ip_set;
mod numeric;
mod strings;

pub use byte_range::ByteRange;
pub use encoding::{validate_url_encoding, validate_utf8_encoding};
pub use ip_set::IpSet;
pub use numeric::{compare, to_number, Comparison};
pub use strings::{begins_with, contains, ends_with, streq, within};

#[cfg(test)]
mod tests {
    use super::*;

    use crate::test_rng::XorShift;

    #[test]
    fn utf8_validation_agrees_with_std_except_above_u10ffff() {
        let mut rng = XorShift(0x2545_f491_4f6c_dd1d);
        let alphabet = b"a\x80\x8f\x90\xa0\xbf\xc0\xc2\xdf\xe0\xed\xef\xf0\xf4\xf5\xff";
        for _ in 0..200_000 {
            let v = rng.bytes(alphabet, 24, 4);
            // libmodsecurity lets F4 90..BF (beyond U+10FFFF) through.
            let beyond = v.windows(2).any(|w| w[0] == 0xf4 && w[1] >= 0x90);
            if !beyond {
                assert_eq!(
                    validate_utf8_encoding(&v),
                    std::str::from_utf8(&v).is_err(),
                    "{:x?}",
                    v
                );
            }
        }
    }

    #[test]
    fn random_parameters_and_values_never_panic() {
        let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
        let alphabet = b"0123456789abcdef.:/,- %";
        for _ in 0..50_000 {
            let a = rng.bytes(alphabet, 24, 4);
            let b = rng.bytes(alphabet, 24, 4);
            let (sa, sb) = (String::from_utf8_lossy(&a), String::from_utf8_lossy(&b));
            if let Ok(set) = IpSet::parse(&sa) {
                set.contains(&sb);
            }
            if let Ok(range) = ByteRange::parse(&sa) {
                range.matches(&b);
            }
            validate_url_encoding(&a);
            for op in [
                Comparison::Eq,
                Comparison::Gt,
                Comparison::Ge,
                Comparison::Lt,
                Comparison::Le,
            ] {
                compare(op, &a, &b);
            }
            within(&a, &b);
            contains(&a, &b);
        }
    }
}
