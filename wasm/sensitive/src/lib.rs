//! Sensitive information in text: email addresses, phone numbers, IP
//! addresses and payment card numbers.
//!
//! One call, [`detect`], returns every entity in a text, sorted and never
//! overlapping, with offsets in Unicode code points (Python `str` indices).
//! The crate does no I/O, keeps no state, forbids `unsafe` and must not
//! panic on any input: the text comes from the client.
//!
//! # How
//!
//! Four hand-written scanners, one per kind, each a single pass over the
//! UTF-8 bytes that reads every candidate once and skips past it, so work
//! is linear in the text (bounded look-back for labels and URLs aside,
//! which is constant per candidate). No regular expressions: the rules
//! around each candidate (what glues to it, what label precedes it, what
//! shape its digit groups have) are easier to keep exact and linear by hand.
//!
//! - [`EntityKind::Email`]: `local@domain`, dot-atom local part, dotted
//!   domain, alphabetic TLD; a `mailto:` prefix is outside the span (see
//!   `email.rs`).
//! - [`EntityKind::IpAddress`]: IPv4 quads (no leading zeros) and IPv6 in
//!   all its forms; zone ids (`%eth0`), ports and prefix lengths are outside
//!   the span; a quad with a version's marks (`v1.2.3.4`, `1.2.3.4-beta`, a
//!   "version" or "OID" label) is none (see `ip.rs`).
//! - [`EntityKind::CreditCardNumber`]: 13-19 digits, plain or grouped as
//!   cards print them, Luhn-valid, with an issuer prefix and a length that
//!   issuer uses (see `card.rs`).
//! - [`EntityKind::PhoneNumber`]: international (`+CC`, `(+CC)`, `00CC`, the
//!   prefix inside the span) and national formats, any separators, an
//!   extension (`x123`, `ext. 12`) inside the span; dates, prices, ids, ZIP
//!   codes and the like filtered by shape and label. A bare run of digits is
//!   a phone only after a phone label (`Tel:`, `phone=`, `電話：`) (see
//!   `phone.rs`).
//!
//! An entity is never glued to a letter, digit or underscore on either side
//! (`abc4111111111111111`, `x1.2.3.4y`); brackets, quotes and punctuation
//! around it are not part of it. Letters of scripts written without spaces
//! (Han, kana, Thai) do not glue (`電話：080-1781-6460へ`), nor do Markdown
//! underscores (`_a@b.co_`). When two kinds claim overlapping text, the more
//! specific wins: email, then IP address, then card, then phone.
//!
//! Labels ("order #", "ISBN", "version", "Tel.", `<th>Phone</th>`) are read
//! in English and in the languages of the tuning corpus (German, Spanish,
//! Italian, Portuguese, Dutch, Polish, Swedish, Japanese), plus French.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod card;
mod email;
mod ip;
mod label;
mod phone;
mod resolve;
mod text;

/// The kinds of sensitive information found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntityKind {
    /// An email address.
    Email,
    /// A phone number, international or national.
    PhoneNumber,
    /// An IPv4 or IPv6 address.
    IpAddress,
    /// A payment card number.
    CreditCardNumber,
}

impl EntityKind {
    /// The name the SDK reports: `EMAIL`, `PHONE_NUMBER`, `IP_ADDRESS`,
    /// `CREDIT_CARD_NUMBER`.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Email => "EMAIL",
            EntityKind::PhoneNumber => "PHONE_NUMBER",
            EntityKind::IpAddress => "IP_ADDRESS",
            EntityKind::CreditCardNumber => "CREDIT_CARD_NUMBER",
        }
    }
}

/// One entity found in a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entity {
    /// What it is.
    pub kind: EntityKind,
    /// Offset of its first code point.
    pub start: usize,
    /// Offset just past its last code point.
    pub end: usize,
}

/// Every entity in `text`, sorted by start, never overlapping. `start`/`end`
/// are offsets in Unicode code points (Python `str` indices), end exclusive.
pub fn detect(text: &str) -> Vec<Entity> {
    // Scanners report byte offsets; code points are counted once at the end.
    let mut emails = Vec::new();
    email::scan(text, &mut emails);
    let mut ips = Vec::new();
    ip::scan(text, &mut ips);
    let mut cards = Vec::new();
    card::scan(text, &mut cards);
    let mut phones = Vec::new();
    phone::scan(text, &mut phones);
    let mut found = resolve::merge_by_priority(&[emails, ips, cards, phones]);
    let mut counter = text::CharCounter::new(text);
    for e in &mut found {
        e.start = counter.to_chars(e.start);
        e.end = counter.to_chars(e.end);
    }
    found
}
