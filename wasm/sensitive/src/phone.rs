//! PHONE_NUMBER: international (`+CC ...`, `(+CC) ...`, `00CC ...`) and
//! national numbers with any separators (space, `-`, `.`, `/`,
//! parentheses).
//!
//! A "run" is a maximal sequence of digit groups joined by one separator
//! each (`+44 (0)20 7946-0958`). Each run is read once and skipped whole.
//! Within a run, the longest leftmost stretch of groups that is a phone
//! number wins, and the search goes on after it, so two numbers written
//! side by side are both found. Stretches are cut only at spaces (`-`, `.`
//! and `/` bind the groups on both sides into one token), and a stretch cut
//! out of a longer run must be unmistakable on its own (international, an
//! area code in parentheses, or NANP). A run of more than [`MAX_GROUPS`]
//! groups is a table of numbers, not phones.
//!
//! What a phone is here (see `shape.rs`): a valid country calling code and
//! 8-15 digits after `+`, `(+CC)` or `00`; nationally, 8-12 digits in groups
//! shaped as phone numbers are written and as dates, year ranges, ZIP+4
//! codes, SSNs, thousands and card-like blocks are not. A bare run of
//! digits is a phone only with a phone label in front (`Tel:`, `phone=`,
//! `<th>Telefon</th><td>`): nothing else tells it from an account number.
//! Distractors are also filtered by what surrounds them (see `context.rs`):
//! glue, a label such as "order", "invoice", "ISBN" or "#", a currency, a
//! URL, an IBAN.
//!
//! Extensions (` x123`, ` ext. 123`) are part of the span: they are part
//! of the number a person dials.

mod calling_codes;
mod context;
mod shape;

use crate::text::{at, digit_run, next_digit, word_before};
use crate::{Entity, EntityKind};
use context::RunContext;
use shape::{Group, Shape, Verdict};

/// Groups in a run beyond which the run is a table of numbers.
pub(crate) const MAX_GROUPS: usize = 12;

/// Appends every phone number in `text`, in order, as byte spans.
pub(crate) fn scan(text: &str, out: &mut Vec<Entity>) {
    let b = text.as_bytes();
    let mut run = Run::default();
    let mut from = 0;
    while let Some(d) = next_digit(b, from) {
        // A run opens at a digit, or at the `+`, `(` or `(+` right before it.
        let i = if d >= from + 2 && at(b, d - 2) == b'(' && at(b, d - 1) == b'+' {
            d - 2
        } else if d > from && matches!(at(b, d - 1), b'+' | b'(') {
            d - 1
        } else {
            d
        };
        run.read(b, i);
        // Fewer than eight digits make no phone number.
        if run.count <= MAX_GROUPS && run.digits >= 8 {
            run.find(text, out);
        }
        from = run.end.max(i + 1);
    }
}

/// One run of digit groups (one per scan, refilled for each run: no
/// copying of the group array).
#[derive(Default)]
struct Run {
    /// Byte of the leading `+` (or of the `(` of `(+CC)`), if any.
    plus: Option<usize>,
    groups: [Group; MAX_GROUPS],
    /// Groups in the run (may exceed `MAX_GROUPS`; only those are kept).
    count: usize,
    /// Digits in the run.
    digits: usize,
    /// Past the run's last byte.
    end: usize,
}

impl Run {
    fn read(&mut self, b: &[u8], s: usize) {
        let run = self;
        run.plus = None;
        run.count = 0;
        run.digits = 0;
        run.end = s;
        let mut j = s;
        let mut pending = None;
        if at(b, j) == b'+' {
            run.plus = Some(j);
            j += 1;
        } else if at(b, j) == b'(' && at(b, j + 1) == b'+' {
            // `(+34) 91 ...`: the calling code in parentheses.
            let n = digit_run(b, j + 2, 4);
            if (1..=3).contains(&n) && at(b, j + 2 + n) == b')' {
                run.plus = Some(j);
                pending =
                    Some(Group { start: j, digits: j + 2, len: n, end: j + 3 + n, paren: true, code: true, sep: 0 });
            } else {
                run.end = j + 1;
                return;
            }
        }
        let mut sep = 0u8;
        loop {
            let g = match pending.take().or_else(|| Group::read(b, j, sep)) {
                Some(g) => g,
                None => break,
            };
            j = g.end;
            run.end = j;
            if let Some(slot) = run.groups.get_mut(run.count) {
                *slot = g;
            }
            run.count += 1;
            run.digits += g.len;
            // The separator to the next group.
            let c = at(b, j);
            let (len, kind) = if c == b' ' && matches!(at(b, j + 1), b'-' | b'/') && at(b, j + 2) == b' ' {
                (3, at(b, j + 1))
            } else if matches!(c, b' ' | b'-' | b'.' | b'/') {
                (1, c)
            } else if c == b'(' || (g.paren && c.is_ascii_digit()) {
                (0, 0)
            } else {
                break;
            };
            let n = at(b, j + len);
            if !(n.is_ascii_digit() || (n == b'(' && at(b, j + len + 1).is_ascii_digit())) {
                break;
            }
            sep = kind;
            j += len;
        }
    }

    /// The run's first byte.
    fn start(&self) -> usize {
        self.plus.or_else(|| self.groups().first().map(|g| g.start)).unwrap_or(self.end)
    }

    fn groups(&self) -> &[Group] {
        self.groups.get(..self.count.min(MAX_GROUPS)).unwrap_or(&[])
    }

    /// Pushes the phones in this run: leftmost-longest stretches of groups.
    fn find(&self, text: &str, out: &mut Vec<Entity>) {
        let groups = self.groups();
        // A first group glued to a word is part of a token (`DE89 3704 ...`,
        // `@user28 202 555 0143`): only what follows it may be a phone.
        let mut a = usize::from(word_before(text, self.start()));
        let mut context = None;
        while a < groups.len() {
            let mut found = None;
            if a == 0 || groups.get(a).map_or(false, |g| g.sep == b' ') {
                let mut z = groups.len();
                let mut digits: usize = groups.get(a..).map_or(0, |g| g.iter().map(|g| g.len).sum());
                while z > a {
                    let cut_ok = z == groups.len() || groups.get(z).map_or(false, |g| g.sep == b' ');
                    // Only 8 to 17 digits (15 and a `00` prefix, or 12 and a
                    // `(0)`) can make a phone number.
                    if cut_ok && (8..=17).contains(&digits) {
                        if let Some(span) = self.stretch(text, a, z, &mut context) {
                            found = Some((span, z));
                            break;
                        }
                    }
                    z -= 1;
                    digits = digits.saturating_sub(groups.get(z).map_or(0, |g| g.len));
                }
            }
            match found {
                Some(((start, end), z)) => {
                    out.push(Entity { kind: EntityKind::PhoneNumber, start, end });
                    a = z;
                }
                None => a += 1,
            }
        }
    }

    /// The span of groups `a..z` if they make a phone number.
    /// `context` is the run's, read by the first stretch that needs it.
    fn stretch(&self, text: &str, a: usize, z: usize, context: &mut Option<RunContext>) -> Option<(usize, usize)> {
        let all = self.groups();
        let groups = all.get(a..z)?;
        let plus = if a == 0 { self.plus } else { None };
        let shape = Shape::new(text.as_bytes(), plus, groups)?;
        let verdict = shape.verdict();
        if verdict == Verdict::No {
            return None;
        }
        // Cut out of a longer run, a stretch must be unmistakable on its own,
        // or begin the run and have a phone label (`tel. 22 163 35 52 69.2%`).
        let weak_cut = (a > 0 || z < all.len()) && !shape.unmistakable();
        if weak_cut && a > 0 {
            return None;
        }
        let (start, end) = shape.span();
        let end = context::extension_end(text.as_bytes(), end).unwrap_or(end);
        // The run's label speaks for every stretch in it.
        let run = context.get_or_insert_with(|| RunContext::new(self.start()));
        if !context::accepts(text, &shape, verdict, (start, end), run, weak_cut) {
            return None;
        }
        Some((start, end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(t: &str) -> Vec<&str> {
        let mut v = Vec::new();
        scan(t, &mut v);
        v.iter().map(|e| &t[e.start..e.end]).collect()
    }

    #[test]
    fn finds_international() {
        for p in [
            "+44 20 7946 0958",
            "+1-202-555-0143",
            "+49 (0)30 123456",
            "0044 20 7946 0958",
            "+33 6 12 34 56 78",
            "+1 (202) 555-0143",
            "+4915112345678",
            "+55 11 91234-5678",
            "+81 3-1234-5678",
            "(+34) 96 260 81 68",
            "+31.6.16.58.72.93",
            "+1-202-555-0143 x1234",
        ] {
            assert_eq!(spans(&format!("call {p}.")), [p], "{p}");
        }
    }

    #[test]
    fn finds_national() {
        for p in [
            "(020) 7946 0958",
            "202-555-0143",
            "202.555.0143",
            "030 12345678",
            "06 12 34 56 78",
            "(11) 91234-5678",
            "(202) 555-0143",
            "030/12345678",
            "0412 345 678",
            "03-1234-5678",
            "912 345 678",
            "98765 43210",
            "202-555-0143 ext. 12",
        ] {
            assert_eq!(spans(&format!("call {p}.")), [p], "{p}");
            assert_eq!(spans(&format!("({p})")), [p], "{p}");
        }
    }

    #[test]
    fn bare_runs_need_a_phone_label() {
        assert_eq!(spans("Tel: 2025550143"), ["2025550143"]);
        assert_eq!(spans("phone=0612345678"), ["0612345678"]);
        assert_eq!(spans("<th>Telefon</th><td>030123456</td>"), ["030123456"]);
        assert_eq!(spans("电话：13800138000。"), ["13800138000"]);
        assert_eq!(spans("電話：0312345678。"), ["0312345678"]);
        assert!(spans("id 2025550143").is_empty());
        assert!(spans("2025550143").is_empty());
    }

    #[test]
    fn two_side_by_side() {
        assert_eq!(spans("202 555 0143 202 555 0144"), ["202 555 0143", "202 555 0144"]);
        assert_eq!(spans("in 2023 202-555-0143"), ["202-555-0143"]);
    }

    #[test]
    fn rejects_distractors() {
        for t in [
            "2024-01-15",
            "15/01/2024",
            "15.01.2024 10:30",
            "2024-01-15 10:30",
            "1990-2000",
            "12345-6789",
            "123-45-6789",
            "$1 234 567",
            "1 234 567,89 €",
            "12 345 678",
            "order #2025550143",
            "invoice 2025550143",
            "tracking number 7946 1234 5678",
            "2708 8853 4943",
            "ISBN 978-3-16-148410-0",
            "ISBN 0-306-40615-2",
            "1700000000",
            "550e8400-e29b-41d4-a716-446655440000",
            "10.0.19041.1",
            "48.8566 2.3522",
            "(-39.583914, 179.379530)",
            "2020-05-18 00:04:34.876378",
            "HTTP/1.1\" 301 78738 \"-\"",
            "https://example.com/orders/2025550143",
            "https://example.com/?id=2025550143",
            "x,https://example.com/p/4841482664650?page=16,",
            "IBAN DE89 3704 0044 0532 0130 00",
            "GB48 HBQL 5952 0201 2202 6",
            "+0 123 456 7890",
            "12:30",
            "1 2 3 4 5 6 7 8 9 10 11 12 13",
        ] {
            assert!(spans(t).is_empty(), "{t}: {:?}", spans(t));
        }
    }
}
