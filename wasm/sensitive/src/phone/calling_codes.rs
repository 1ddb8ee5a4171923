//! ITU-T E.164 country calling codes.

/// Two-digit codes (zones 2-9).
const TWO: &[u8] = &[
    20, 27, 30, 31, 32, 33, 34, 36, 39, 40, 41, 43, 44, 45, 46, 47, 48, 49, 51, 52, 53, 54, 55, 56, 57, 58, 60, 61, 62,
    63, 64, 65, 66, 81, 82, 84, 86, 90, 91, 92, 93, 94, 95, 98,
];

/// Two-digit prefixes whose codes have three digits (`21x`, `35x`, ...).
/// Every third digit is accepted: the few unassigned codes among them do
/// not make a number more or less phone-like.
const THREE: &[u8] = &[21, 22, 23, 24, 25, 26, 29, 35, 37, 38, 42, 50, 59, 67, 68, 69, 80, 85, 87, 88, 96, 97, 99];

/// The length of the calling code that `digits` starts with, if valid.
pub(crate) fn code_len(digits: &[u8]) -> Option<usize> {
    let d0 = *digits.first()?;
    if d0 == 1 || d0 == 7 {
        return Some(1);
    }
    let d1 = *digits.get(1)?;
    let two = d0 * 10 + d1;
    if TWO.contains(&two) {
        return Some(2);
    }
    if THREE.contains(&two) && digits.len() > 2 {
        return Some(3);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes() {
        assert_eq!(code_len(&[1, 2, 0, 2]), Some(1));
        assert_eq!(code_len(&[4, 4, 2, 0]), Some(2));
        assert_eq!(code_len(&[3, 5, 3, 1]), Some(3));
        assert_eq!(code_len(&[0, 4, 4]), None);
        assert_eq!(code_len(&[2, 8, 1]), None);
        assert_eq!(code_len(&[8, 9, 1]), None);
    }
}
