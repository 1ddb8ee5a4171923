//! CREDIT_CARD_NUMBER: 13 to 19 digits, plain or grouped by single spaces
//! or dashes the way cards print them, Luhn-valid, with a length that the
//! issuer of their prefix uses.
//!
//! A run of digit groups joined by one separator is read once and skipped
//! whole: linear. A card is cut out of a longer space-separated run only
//! where the groups dropped cannot belong to it (`11779 4051 7674 9024
//! 3877 920`: a five-digit postcode before it; `4710 2696 1849 1504
//! 151.207.134.107`: an IP address after it). A dropped group of four
//! digits could continue the card, so `1234 4111 1111 1111 1111` holds
//! none: twenty digits are no card.

use crate::label::{label_before, words, Words};
use crate::text::{after_iban, at, before, next_digit, word_after, word_before};
use crate::{Entity, EntityKind};

/// Words that make a long number after them an identifier, not a card.
const ID_LABELS: Words = words![
    "account",
    "acct",
    "awb",
    "booking",
    "case",
    "claim",
    "confirmation",
    "customer",
    "ean",
    "gtin",
    "iban",
    "id",
    "imei",
    "invoice",
    "isbn",
    "member",
    "order",
    "parcel",
    "policy",
    "receipt",
    "ref",
    "reference",
    "serial",
    "shipment",
    "sku",
    "sn",
    "ticket",
    "timestamp",
    "track",
    "tracking",
    "transaction",
    "ts",
    "txn",
    "upc",
    "waybill",
];

/// Words that say the number is a card whatever else is near.
const CARD_LABELS: Words = words![
    "amex",
    "card",
    "carta",
    "carte",
    "cartão",
    "cb",
    "cc",
    "credit",
    "creditcard",
    "debit",
    "kaart",
    "kaartnummer",
    "karta",
    "karte",
    "kartennummer",
    "karty",
    "kort",
    "kortnummer",
    "kreditkarte",
    "mastercard",
    "pan",
    "tarjeta",
    "visa",
    "カード",
    "カード番号",
];

/// "Number" and its abbreviations, between an identifier label and a number.
const NUMBER_WORDS: Words =
    words!["n", "no", "nr", "nro", "num", "number", "numer", "numero", "nummer", "numéro", "número"];

/// Groups kept per run; a run of more is a table of numbers.
const MAX_GROUPS: usize = 8;

/// Appends every card number in `text`, in order, as byte spans.
pub(crate) fn scan(text: &str, out: &mut Vec<Entity>) {
    let b = text.as_bytes();
    let mut run = Run::default();
    let mut from = 0;
    while let Some(i) = next_digit(b, from) {
        run.read(b, i);
        if run.count <= MAX_GROUPS && run.digits >= 13 {
            run.find(text, out);
        }
        from = run.end.max(i + 1);
    }
}

/// A group of digits: bytes `start..end`.
#[derive(Clone, Copy, Default)]
struct Group {
    start: usize,
    end: usize,
}

impl Group {
    fn len(self) -> usize {
        self.end - self.start
    }
}

/// A run of digit groups joined by one separator kind (one per scan,
/// refilled for each run: no copying of the group array).
#[derive(Default)]
struct Run {
    groups: [Group; MAX_GROUPS],
    /// Groups in the run (may exceed `MAX_GROUPS`; only those are kept).
    count: usize,
    /// Digits in the run.
    digits: usize,
    /// Past the last digit of the run.
    end: usize,
    /// The separator (space or dash), 0 when the run is one group.
    sep: u8,
}

impl Run {
    fn read(&mut self, b: &[u8], s: usize) {
        let r = self;
        r.count = 0;
        r.digits = 0;
        r.end = s;
        r.sep = 0;
        let mut j = s;
        loop {
            let g = j;
            while at(b, j).is_ascii_digit() {
                j += 1;
            }
            if let Some(slot) = r.groups.get_mut(r.count) {
                *slot = Group { start: g, end: j };
            }
            r.count += 1;
            r.digits += j - g;
            r.end = j;
            let c = at(b, j);
            let joined = (c == b' ' || c == b'-') && (r.sep == 0 || r.sep == c) && at(b, j + 1).is_ascii_digit();
            if !joined {
                break;
            }
            r.sep = c;
            j += 1;
        }
    }

    fn groups(&self) -> &[Group] {
        self.groups.get(..self.count.min(MAX_GROUPS)).unwrap_or(&[])
    }

    /// Pushes the cards in this run: the whole run, or stretches of it
    /// whose dropped neighbours are foreign.
    fn find(&self, text: &str, out: &mut Vec<Entity>) {
        let groups = self.groups();
        let n = groups.len();
        let mut a = 0;
        let mut after_card = false;
        while a < n {
            let mut found = None;
            if a == 0 || after_card || self.foreign_head(text, a - 1) {
                let mut z = n;
                while z > a {
                    if z == n || self.foreign_tail(text, z) {
                        if let Some(span) = self.card(text, a, z) {
                            found = Some((span, z));
                            break;
                        }
                    }
                    z -= 1;
                }
            }
            match found {
                Some(((start, end), z)) => {
                    out.push(Entity { kind: EntityKind::CreditCardNumber, start, end });
                    a = z;
                    after_card = true;
                }
                None => {
                    a += 1;
                    after_card = false;
                }
            }
        }
    }

    /// Whether group `k`, dropped before a card, cannot belong to it: it is
    /// glued to a word (`@user28 4383 ...`) or is not a block of four.
    fn foreign_head(&self, text: &str, k: usize) -> bool {
        let g = match self.groups().get(k) {
            Some(g) => *g,
            None => return false,
        };
        self.sep == b' ' && (g.len() != 4 || (k == 0 && word_before(text, g.start)))
    }

    /// Whether group `k`, dropped after a card, cannot belong to it: it is
    /// not a block of four, or it is the start of another token (`2024-02-19`,
    /// `0fc5:1a59::`).
    fn foreign_tail(&self, text: &str, k: usize) -> bool {
        let b = text.as_bytes();
        let g = match self.groups().get(k) {
            Some(g) => *g,
            None => return false,
        };
        let last = k + 1 == self.groups().len();
        let continues = word_after(text, g.end)
            || (matches!(at(b, g.end), b'-' | b'.' | b':' | b'/') && at(b, g.end + 1).is_ascii_alphanumeric());
        self.sep == b' ' && (g.len() != 4 || (last && continues))
    }

    /// The span of groups `a..z` if they make a card number here.
    fn card(&self, text: &str, a: usize, z: usize) -> Option<(usize, usize)> {
        let groups = self.groups().get(a..z)?;
        let (s, e) = (groups.first()?.start, groups.last()?.end);
        let b = text.as_bytes();
        let mut digits = [0u8; 19];
        let mut n = 0;
        for g in groups {
            for &c in b.get(g.start..g.end)? {
                *digits.get_mut(n)? = c - b'0';
                n += 1;
            }
        }
        let digits = digits.get(..n)?;
        let mut lens = [0usize; MAX_GROUPS];
        for (l, g) in lens.iter_mut().zip(groups) {
            *l = g.len();
        }
        let lens = lens.get(..groups.len())?;
        if n < 13 || !shaped(lens) || !luhn(digits) || !issuer_length_ok(digits) {
            return None;
        }
        let cut = a > 0 || z < self.groups().len();
        let run_start = self.groups().first().map_or(s, |g| g.start);
        if accept(text, s, e, groups.len() == 1 || cut, run_start) {
            Some((s, e))
        } else {
            None
        }
    }
}

/// Group lengths the way cards print them.
fn shaped(lens: &[usize]) -> bool {
    match lens {
        [_] => true,
        // 4-6-5 (Amex), 4-6-4 (Diners), 4-3-3-3 (13-digit Visa).
        [4, 6, 5] | [4, 6, 4] | [4, 3, 3, 3] => true,
        // 4-4-4-4 and its shorter or longer cousins (4-4-4-1 .. 4-4-4-4-3).
        _ => match lens.split_last() {
            Some((last, rest)) => rest.len() >= 3 && rest.iter().all(|&n| n == 4) && (1..=4).contains(last),
            None => false,
        },
    }
}

/// Boundaries and labels around a card-shaped stretch `s..e`. `weak` for a
/// bare digit run or a stretch cut out of a run: a label can overrule it.
fn accept(text: &str, s: usize, e: usize, weak: bool, run_start: usize) -> bool {
    let b = text.as_bytes();
    if word_before(text, s) || word_after(text, e) || before(b, s) == b'@' || at(b, e) == b'@' {
        return false;
    }
    // Part of a dotted, dashed or decimal number (`1.4111111111111111`,
    // `4111111111111111.50`, `12-4111111111111111`). A comma is not: it
    // separates CSV fields.
    let p = before(b, s);
    if matches!(p, b'.' | b'-' | b'/') && s >= 2 && at(b, s - 2).is_ascii_alphanumeric() {
        return false;
    }
    // After a `+` it is an international phone number.
    if p == b'+' {
        return false;
    }
    if matches!(at(b, e), b'.' | b'-' | b'/') && at(b, e + 1).is_ascii_alphanumeric() {
        return false;
    }
    if after_iban(b, run_start) {
        return false;
    }
    // A bare run labelled as an order, invoice or tracking number is one,
    // even when it happens to pass Luhn (one in ten does).
    // The label right before it, or before its "No." (`Ref No. 4111...`).
    if weak {
        let label = label_before(text, run_start);
        let id = match label.find(2, &ID_LABELS) {
            Some(0) => true,
            Some(_) => label.is(0, &NUMBER_WORDS),
            None => false,
        };
        if (label.hash || id) && !label.any_in(3, &CARD_LABELS) {
            return false;
        }
    }
    true
}

/// The Luhn checksum.
fn luhn(digits: &[u8]) -> bool {
    let mut sum = 0u32;
    for (k, &d) in digits.iter().rev().enumerate() {
        let d = u32::from(d);
        sum += if k % 2 == 1 {
            let x = d * 2;
            if x > 9 {
                x - 9
            } else {
                x
            }
        } else {
            d
        };
    }
    sum % 10 == 0
}

/// The number of the first `n` digits (`n` <= 6).
fn prefix(digits: &[u8], n: usize) -> u32 {
    digits.iter().take(n).fold(0, |acc, &d| acc * 10 + u32::from(d))
}

/// Whether an issuer with this prefix issues numbers of this length.
fn issuer_length_ok(digits: &[u8]) -> bool {
    let len = digits.len();
    let (p1, p2, p3, p4) = (prefix(digits, 1), prefix(digits, 2), prefix(digits, 3), prefix(digits, 4));
    // Visa.
    if p1 == 4 {
        return matches!(len, 13 | 16 | 19);
    }
    // Mastercard (51-55, 2221-2720).
    if (51..=55).contains(&p2) || (2221..=2720).contains(&p4) {
        return len == 16;
    }
    // American Express.
    if p2 == 34 || p2 == 37 {
        return len == 15;
    }
    // Discover (6011, 644-649, 65).
    if p4 == 6011 || (644..=649).contains(&p3) || p2 == 65 {
        return (16..=19).contains(&len);
    }
    // JCB (3528-3589, and the rest of 35xx, which card generators and test
    // numbers use; 2131 and 1800 are its older 15-digit ranges).
    if p2 == 35 {
        return (16..=19).contains(&len);
    }
    if p4 == 2131 || p4 == 1800 {
        return len == 15;
    }
    // Diners Club (300-305, 36, 38-39).
    if (300..=305).contains(&p3) || p2 == 36 || p2 == 38 || p2 == 39 {
        return (14..=19).contains(&len);
    }
    // UnionPay (62), then Maestro (50, 56-69).
    if p2 == 62 {
        return (16..=19).contains(&len);
    }
    if p2 == 50 || (56..=69).contains(&p2) {
        return (13..=19).contains(&len);
    }
    false
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
    fn word_lists_are_sorted() {
        assert!(ID_LABELS.is_sorted() && CARD_LABELS.is_sorted() && NUMBER_WORDS.is_sorted());
    }

    #[test]
    fn finds_cards() {
        assert_eq!(spans("card 4111 1111 1111 1111."), ["4111 1111 1111 1111"]);
        assert_eq!(spans("\"4111-1111-1111-1111\""), ["4111-1111-1111-1111"]);
        assert_eq!(spans("amex 3782 822463 10005"), ["3782 822463 10005"]);
        assert_eq!(spans("(5555555555554444)"), ["5555555555554444"]);
        assert_eq!(spans("6011111111111117 and 30569309025904"), ["6011111111111117", "30569309025904"]);
        assert_eq!(spans("a,4111111111111111,b"), ["4111111111111111"]);
        assert_eq!(spans("Kartennummer: 4111111111111111"), ["4111111111111111"]);
    }

    #[test]
    fn cuts_only_foreign_neighbours() {
        assert_eq!(spans("postnummer 11779 4111 1111 1111 1111 921"), ["4111 1111 1111 1111"]);
        assert_eq!(spans("11779 4111 1111 1111 1111 920"), ["4111 1111 1111 1111 920"]);
        assert_eq!(spans("4111 1111 1111 1111 5555555555554444"), ["4111 1111 1111 1111", "5555555555554444"]);
        assert_eq!(spans("@user28 4111 1111 1111 1111"), ["4111 1111 1111 1111"]);
        assert_eq!(spans("4111 1111 1111 1111 151.207.134.107"), ["4111 1111 1111 1111"]);
        assert_eq!(spans("4111 1111 1111 1111 2024-02-19"), ["4111 1111 1111 1111"]);
        assert!(spans("1234 4111 1111 1111 1111").is_empty());
        assert!(spans("4111 1111 1111 1111 1234").is_empty());
    }

    #[test]
    fn rejects_non_cards() {
        for t in [
            "4111 1111 1111 1112",
            "abc4111111111111111",
            "41111111111111110000",
            "4111 1111-1111 1111",
            "order #4111111111111111",
            "invoice 4111111111111111",
            "1.4111111111111111",
            "9111111111111111",
            "tel=+4111111111111111",
            "IBAN GB26 FWLU 4111 1111 1111 1111",
        ] {
            assert!(spans(t).is_empty(), "{t}");
        }
    }
}
