//! The digit groups of a candidate phone number, and what makes their shape
//! a phone number or something else (a date, a year range, a ZIP+4 code, an
//! SSN, a number with thousands separators, a decimal, a card-like block).

use super::calling_codes::code_len;
use crate::text::{at, digit_run};

/// Digits kept per candidate; a longer one is no phone number.
const MAX_DIGITS: usize = 20;

/// One group of digits, optionally in parentheses.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Group {
    /// First byte (the `(` of a parenthesised group).
    pub(crate) start: usize,
    /// First digit.
    pub(crate) digits: usize,
    /// Number of digits.
    pub(crate) len: usize,
    /// Past the last byte (past the `)`).
    pub(crate) end: usize,
    pub(crate) paren: bool,
    /// `(+CC)`: a calling code in parentheses.
    pub(crate) code: bool,
    /// The separator before this group: `b' '`, `-`, `.`, `/`, or 0 for
    /// none (the first group, or a group touching a parenthesis).
    pub(crate) sep: u8,
}

impl Group {
    /// The group at byte `j`: digits, or digits in parentheses.
    pub(crate) fn read(b: &[u8], j: usize, sep: u8) -> Option<Group> {
        let paren = at(b, j) == b'(';
        let digits = if paren { j + 1 } else { j };
        let len = digit_run(b, digits, usize::MAX);
        // In parentheses only an area code or a trunk digit: `(0458404778)`
        // is a bare number in brackets.
        if len == 0 || (paren && len > 5) {
            return None;
        }
        let mut end = digits + len;
        if paren {
            if at(b, end) != b')' {
                return None;
            }
            end += 1;
        }
        Some(Group { start: j, digits, len, end, paren, code: false, sep })
    }
}

/// What a shape says on its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// A phone number unless its surroundings say otherwise.
    Phone,
    /// A bare run of digits: a phone number only after a phone label.
    NeedsLabel,
    /// Not a phone number.
    No,
}

/// A stretch of groups considered as one phone number.
pub(crate) struct Shape<'g> {
    pub(crate) groups: &'g [Group],
    /// Byte of the leading `+` (or `(+`), if any.
    pub(crate) plus: Option<usize>,
    digits: [u8; MAX_DIGITS],
    n_digits: usize,
    /// Separators between groups (parentheses aside): all, dots, slashes,
    /// dashes.
    seps: usize,
    dots: usize,
    slashes: usize,
    dashes: usize,
    /// Parenthesised groups other than a `(+CC)` code, and the first one's
    /// index.
    parens: usize,
    first_paren: usize,
    /// The shortest and the longest group.
    min_len: usize,
    max_len: usize,
}

impl<'g> Shape<'g> {
    /// Reads the digits and sums up the groups, in one pass: a run's
    /// stretches are all judged, so judging must be cheap.
    pub(crate) fn new(b: &[u8], plus: Option<usize>, groups: &'g [Group]) -> Option<Shape<'g>> {
        if groups.is_empty() {
            return None;
        }
        let mut s = Shape {
            groups,
            plus,
            digits: [0; MAX_DIGITS],
            n_digits: 0,
            seps: 0,
            dots: 0,
            slashes: 0,
            dashes: 0,
            parens: 0,
            first_paren: usize::MAX,
            min_len: usize::MAX,
            max_len: 0,
        };
        for (k, g) in groups.iter().enumerate() {
            let digits = b.get(g.digits..g.digits + g.len)?;
            s.digits.get_mut(s.n_digits..s.n_digits + g.len)?.copy_from_slice(digits);
            s.n_digits += g.len;
            if k > 0 && g.sep != 0 {
                s.seps += 1;
                s.dots += usize::from(g.sep == b'.');
                s.slashes += usize::from(g.sep == b'/');
                s.dashes += usize::from(g.sep == b'-');
            }
            if g.paren && !g.code {
                s.parens += 1;
                s.first_paren = s.first_paren.min(k);
            }
            s.min_len = s.min_len.min(g.len);
            s.max_len = s.max_len.max(g.len);
        }
        for d in s.digits.iter_mut().take(s.n_digits) {
            *d = d.wrapping_sub(b'0');
        }
        Some(s)
    }

    /// The byte span: from the `+` or the first group to the last group.
    pub(crate) fn span(&self) -> (usize, usize) {
        let first = self.first().start;
        (self.plus.unwrap_or(first), self.last().end)
    }

    pub(crate) fn digits(&self) -> &[u8] {
        self.digits.get(..self.n_digits).unwrap_or(&[])
    }

    fn first(&self) -> Group {
        self.groups.first().copied().unwrap_or_default()
    }

    fn last(&self) -> Group {
        self.groups.last().copied().unwrap_or_default()
    }

    /// The number made of `len` digits from digit `from`.
    fn number(&self, from: usize, len: usize) -> u32 {
        self.digits()
            .iter()
            .skip(from)
            .take(len)
            .fold(0u32, |acc, &d| acc.saturating_mul(10).saturating_add(u32::from(d)))
    }

    /// Whether the group lengths are exactly `lens`.
    pub(crate) fn lens_are(&self, lens: &[usize]) -> bool {
        self.groups.len() == lens.len() && self.groups.iter().zip(lens.iter()).all(|(g, &n)| g.len == n)
    }

    /// What the shape says.
    pub(crate) fn verdict(&self) -> Verdict {
        if self.international_ok() {
            Verdict::Phone
        } else if self.plus.is_some() {
            Verdict::No
        } else if self.groups.len() == 1 && self.digits().starts_with(&[0, 0]) {
            // `0031688171061`: an international number without separators,
            // as bare as any other run of digits.
            let rest = self.digits().get(2..).unwrap_or(&[]);
            let ok = (8..=15).contains(&rest.len()) && rest.first() != Some(&0) && code_len(rest).is_some();
            if ok || self.national() == Verdict::NeedsLabel {
                Verdict::NeedsLabel
            } else {
                Verdict::No
            }
        } else {
            self.national()
        }
    }

    /// Unmistakable even when cut out of a longer run of numbers: `+CC`,
    /// an area code in parentheses, NANP. (`00CC` is not: `0051 9125 7387`
    /// ends many a long account number.)
    pub(crate) fn unmistakable(&self) -> bool {
        (self.plus.is_some() && self.international_ok())
            || (self.first().paren && self.groups.len() >= 2)
            || self.is_nanp()
    }

    /// `+CC ...`, `(+CC) ...` or `00CC ...`: a valid calling code and 8-15
    /// digits (E.164), not counting a `(0)` trunk group.
    fn international_ok(&self) -> bool {
        let digits = self.digits();
        let first = self.first();
        let national = if self.plus.is_some() {
            digits
        } else if first.len >= 2 && !first.paren && digits.starts_with(&[0, 0]) && self.groups.len() >= 2 {
            // `0049 711 5379426`; a bare `0049711...` run may be anything.
            digits.get(2..).unwrap_or(&[])
        } else {
            return false;
        };
        // `+49 (0)30 ...`: the trunk zero in parentheses is not dialled.
        let mut trunk = 0;
        let mut k = 0;
        for g in self.groups {
            if g.paren && !g.code && g.len == 1 && digits.get(k) == Some(&0) {
                trunk += 1;
            }
            k += g.len;
        }
        let n = national.len().saturating_sub(trunk);
        if !(8..=15).contains(&n) || national.first() == Some(&0) || self.last().len < 2 {
            return false;
        }
        // Dots do not mix with other separators; one slash at most.
        if (self.dots > 0 && self.dots != self.seps) || self.slashes > 1 || self.parens > 1 {
            return false;
        }
        // After `+` any code is taken (numbering plans change, and generators
        // and test data use unassigned ones); after `00` it must be assigned.
        let cc = match (code_len(national), self.plus.is_some()) {
            (Some(n), _) => n,
            (None, true) => 1,
            (None, false) => return false,
        };
        // The first group holds the whole code (`+44`, `+4420...`, `(+44)`).
        let first_national = if self.plus.is_some() { first.len } else { first.len.saturating_sub(2) };
        (!first.paren || first.code) && first_national >= cc
    }

    /// A national number: 8 to 12 digits, shaped as phone numbers are and
    /// as other numbers are not.
    fn national(&self) -> Verdict {
        let digits = self.digits();
        let n = digits.len();
        if !(8..=12).contains(&n) || self.last().len < 2 {
            return Verdict::No;
        }
        if self.groups.len() == 1 {
            return Verdict::NeedsLabel;
        }
        // Dots: three groups or more, none of one digit, no other separator
        // (`202.555.0143`, `06.12.34.56.78`; not `48.8566`, `10.0.19041.1`).
        let dots = self.dots;
        if dots > 0 && (dots != self.seps || self.groups.len() < 3 || self.min_len < 2) {
            return Verdict::No;
        }
        if self.slashes > 1 || self.max_len > 8 || self.first().len > 5 {
            return Verdict::No;
        }
        // Parentheses: only an area code, first or after a one-digit trunk
        // (`8 (495) 123-45-67`).
        let paren_area = match (self.parens, self.first_paren) {
            (0, _) => false,
            (1, 0) => true,
            (1, 1) => self.first().len == 1,
            _ => return Verdict::No,
        };
        if self.is_date()
            || self.is_year_range()
            || self.is_zip4()
            || self.is_ssn()
            || self.is_mac()
            || self.is_thousands()
        {
            return Verdict::No;
        }
        if paren_area {
            return Verdict::Phone;
        }
        let trunk = digits.first() == Some(&0);
        // Blocks of four are card, account and id numbers (`2708 8853 4943`).
        if self.groups.len() >= 3 && self.min_len == 4 && self.max_len == 4 {
            return Verdict::No;
        }
        // Two groups: a long subscriber part (`030 12345678`, `98765 43210`,
        // `347 1234567`); `301 78738` is a status and a size, `09328-152` a
        // postcode.
        if self.groups.len() == 2 && (self.last().len < 4 || (!trunk && (n < 10 || self.first().len < 3))) {
            return Verdict::No;
        }
        // A dotted quad belongs to the IP scanner, which rejected it.
        if dots > 0 && self.groups.len() == 4 && self.max_len <= 3 {
            return Verdict::No;
        }
        Verdict::Phone
    }

    /// NANP: `NXX NXX XXXX`, optionally after a `1`.
    fn is_nanp(&self) -> bool {
        let d = self.digits();
        let ten = if self.lens_are(&[3, 3, 4]) {
            d
        } else if self.lens_are(&[1, 3, 3, 4]) && d.first() == Some(&1) {
            d.get(1..).unwrap_or(&[])
        } else {
            return false;
        };
        ten.len() == 10 && ten.first().map_or(false, |&x| x >= 2) && ten.get(3).map_or(false, |&x| x >= 2)
    }

    /// `2024-01-15`, `15/01/2024`, `15.01.2024`, `01-15-24`: the first three
    /// groups joined by one separator hold a day, a month and a year.
    fn is_date(&self) -> bool {
        let (a, b, c) = match (self.groups.first(), self.groups.get(1), self.groups.get(2)) {
            (Some(a), Some(b), Some(c)) => (a, b, c),
            _ => return false,
        };
        if b.sep != c.sep || !matches!(b.sep, b'-' | b'.' | b'/' | b' ') || a.paren || b.paren || c.paren {
            return false;
        }
        // A fourth group joined the same way makes it a longer number
        // (`06-12-34-56-78`); a date is followed by something else (a time).
        if self.groups.get(3).map_or(false, |d| d.sep == b.sep) {
            return false;
        }
        let (x, y, z) = (self.number(0, a.len), self.number(a.len, b.len), self.number(a.len + b.len, c.len));
        let day_month = |p: u32, q: u32| {
            ((1..=31).contains(&p) && (1..=12).contains(&q)) || ((1..=12).contains(&p) && (1..=31).contains(&q))
        };
        match (a.len, b.len, c.len) {
            (4, 1..=2, 1..=2) => (1000..=2999).contains(&x) && day_month(z, y),
            (1..=2, 1..=2, 4) => (1000..=2999).contains(&z) && day_month(x, y),
            (1..=2, 1..=2, 2) => b.sep != b' ' && day_month(x, y),
            _ => false,
        }
    }

    /// `1990-2000`, `2019 - 2023`.
    fn is_year_range(&self) -> bool {
        self.lens_are(&[4, 4])
            && (1000..=2999).contains(&self.number(0, 4))
            && (1000..=2999).contains(&self.number(4, 4))
    }

    /// ZIP+4: `12345-6789`.
    fn is_zip4(&self) -> bool {
        self.lens_are(&[5, 4]) && self.groups.get(1).map_or(false, |g| g.sep == b'-')
    }

    /// A US social security number: `123-45-6789`.
    fn is_ssn(&self) -> bool {
        self.lens_are(&[3, 2, 4]) && self.dashes == self.seps
    }

    /// A MAC address of decimal-looking octets: `84-70-99-65-33-20`.
    fn is_mac(&self) -> bool {
        self.lens_are(&[2, 2, 2, 2, 2, 2]) && self.dashes == self.seps
    }

    /// A number grouped by thousands: `12 345 678`, `1.234.567` (but not
    /// `0 800 123 456`: amounts do not start with a zero).
    fn is_thousands(&self) -> bool {
        let first = self.first();
        let rest_threes = self.groups.iter().skip(1).all(|g| g.len == 3 && !g.paren);
        if first.paren || !rest_threes || self.groups.len() < 3 || self.digits().first() == Some(&0) {
            return false;
        }
        first.len < 3 || self.dots > 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verdict(t: &str) -> Verdict {
        let b = t.as_bytes();
        let (plus, mut j) = if t.starts_with('+') { (Some(0), 1) } else { (None, 0) };
        let mut groups = Vec::new();
        let mut sep = 0;
        while let Some(g) = Group::read(b, j, sep) {
            j = g.end;
            groups.push(g);
            sep = at(b, j);
            j += 1;
        }
        Shape::new(b, plus, &groups).map_or(Verdict::No, |s| s.verdict())
    }

    #[test]
    fn verdicts() {
        assert_eq!(verdict("+44 20 7946 0958"), Verdict::Phone);
        assert_eq!(verdict("0044 20 7946 0958"), Verdict::Phone);
        assert_eq!(verdict("+0 20 7946 0958"), Verdict::No);
        assert_eq!(verdict("+44 20"), Verdict::No);
        assert_eq!(verdict("2025550143"), Verdict::NeedsLabel);
        assert_eq!(verdict("202-555-0143"), Verdict::Phone);
        assert_eq!(verdict("2024-01-15"), Verdict::No);
        assert_eq!(verdict("12.01.2024"), Verdict::No);
        assert_eq!(verdict("123-45-6789"), Verdict::No);
        assert_eq!(verdict("4111 1111 1111"), Verdict::No);
        assert_eq!(verdict("0800 1111 1111"), Verdict::No);
        assert_eq!(verdict("0800 111 1111"), Verdict::Phone);
        assert_eq!(verdict("+2821091281573"), Verdict::Phone);
        assert_eq!(verdict("002821091281"), Verdict::NeedsLabel);
        assert_eq!(verdict("003-253 86 40"), Verdict::Phone);
        assert_eq!(verdict("09328-152"), Verdict::No);
        assert_eq!(verdict("10.29.13.93"), Verdict::No);
    }
}
