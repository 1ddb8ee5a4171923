//! What surrounds a phone-shaped candidate: glue, labels, currencies, URLs,
//! IBANs, and a trailing extension.

use super::shape::{Shape, Verdict};
use crate::label::{label_before, label_words_before, words, Label, Words};
use crate::text::{after_iban, at, before, char_after, char_before, word_after, word_before};

/// Words that say the number after them is a phone number, in the
/// languages the detector is used with (ASCII letters lower-cased).
const PHONE_LABELS: Words = words![
    "anrufen",
    "appelez",
    "bel",
    "call",
    "cell",
    "cellphone",
    "cellulare",
    "celular",
    "chiamami",
    "contactphone",
    "dial",
    "erreichbar",
    "fax",
    "handy",
    "hotline",
    "komórka",
    "komórkowy",
    "landline",
    "ligue",
    "llámame",
    "mob",
    "mobiel",
    "mobil",
    "mobile",
    "mobilephone",
    "mobilnummer",
    "movil",
    "msisdn",
    "móvil",
    "ph",
    "phone",
    "phonenumber",
    "phones",
    "portable",
    "reach",
    "ring",
    "rufen",
    "rufnummer",
    "sms",
    "tel",
    "telefon",
    "telefone",
    "telefonnummer",
    "telefono",
    "telefoon",
    "telephone",
    "telno",
    "teléfono",
    "text",
    "tél",
    "téléphone",
    "whatsapp",
    "zadzwoń",
    "手机",
    "携帯",
    "电话",
    "電話",
];

/// "Number" words that are a phone label after a possessive ("my number
/// is", "meine Nummer", "il mio numero").
const NUMBER_WORDS: Words = words!["number", "numer", "numero", "nummer", "numéro", "número",];
/// Abbreviations of "number" ("No.", "Nr.", "Nº").
const NUMBER_ABBREVIATIONS: Words = words!["n", "no", "nr", "nro", "num"];
const POSSESSIVES: Words = words!["mein", "meine", "meu", "mi", "mijn", "min", "mio", "mitt", "mon", "my", "mój",];

/// Words that say the number after them is an identifier, a code, an amount
/// or a measure (in the languages the detector is used with): no phone number.
const OTHER_LABELS: Words = words![
    "aadhaar",
    "account",
    "acct",
    "aktenzeichen",
    "amount",
    "aud",
    "awb",
    "balance",
    "batch",
    "bestelling",
    "bestellung",
    "bic",
    "booking",
    "brl",
    "bsn",
    "bssid",
    "build",
    "cad",
    "cap",
    "case",
    "cep",
    "chf",
    "claim",
    "cny",
    "code",
    "confirmation",
    "coordinates",
    "cost",
    "cpf",
    "customer",
    "czk",
    "date",
    "dkk",
    "dni",
    "ean",
    "epoch",
    "eur",
    "factura",
    "factuur",
    "faktura",
    "fattura",
    "firmware",
    "fiscal",
    "gbp",
    "gtin",
    "huf",
    "iban",
    "id",
    "imei",
    "inr",
    "inv",
    "invoice",
    "isbn",
    "issn",
    "item",
    "jpy",
    "klantnummer",
    "konto",
    "kr",
    "krw",
    "kundennummer",
    "kundnummer",
    "lat",
    "latitude",
    "licence",
    "license",
    "lng",
    "lon",
    "longitude",
    "lot",
    "mac",
    "member",
    "model",
    "mxn",
    "nif",
    "nip",
    "nok",
    "nota",
    "nss",
    "order",
    "orders",
    "ordine",
    "otp",
    "package",
    "page",
    "pages",
    "parcel",
    "part",
    "passport",
    "patent",
    "pedido",
    "personnummer",
    "pesel",
    "pin",
    "pln",
    "plz",
    "policy",
    "population",
    "postal",
    "postcode",
    "postnummer",
    "price",
    "product",
    "protocolo",
    "rcs",
    "receipt",
    "rechnung",
    "ref",
    "reference",
    "referentie",
    "regon",
    "release",
    "rfc",
    "rif",
    "rmb",
    "rs",
    "rub",
    "running",
    "sek",
    "sendungsnummer",
    "serial",
    "shipment",
    "siren",
    "siret",
    "sku",
    "sn",
    "ssn",
    "sygnatura",
    "tax",
    "ticket",
    "timestamp",
    "total",
    "track",
    "tracking",
    "transaction",
    "ts",
    "tva",
    "txn",
    "unix",
    "upc",
    "upgraded",
    "usd",
    "ver",
    "version",
    "vin",
    "waybill",
    "year",
    "years",
    "zamówienie",
    "zip",
    "ärende",
    "お客様番号",
    "マイナンバー",
    "受付番号",
    "注文番号",
    "請求書番号",
    "追跡番号",
    "郵便番号",
];

/// Currency names and units written after an amount.
const AFTER_WORDS: Words = words![
    "aud",
    "brl",
    "bytes",
    "cad",
    "chf",
    "cny",
    "czk",
    "dkk",
    "dollar",
    "dollars",
    "downloads",
    "eur",
    "euro",
    "euros",
    "ft",
    "gb",
    "gbp",
    "huf",
    "inhabitants",
    "inr",
    "jpy",
    "kb",
    "kg",
    "km",
    "kr",
    "krw",
    "lb",
    "lbs",
    "mb",
    "ms",
    "mxn",
    "nok",
    "people",
    "pesos",
    "pln",
    "points",
    "pounds",
    "reais",
    "residents",
    "rmb",
    "rub",
    "rubles",
    "rupees",
    "sek",
    "tb",
    "times",
    "units",
    "usd",
    "views",
    "votes",
    "yen",
    "yuan",
    "zl",
];

/// The end of an extension right after a number: `x123`, ` x123`,
/// ` ext. 123`, ` ext 123`, ` extension 123`.
pub(crate) fn extension_end(b: &[u8], end: usize) -> Option<usize> {
    let mut j = end;
    if at(b, j) == b' ' {
        j += 1;
    }
    let word_len = ascii_word_len(b, j);
    let word = b.get(j..j + word_len)?;
    let is_ext = word.eq_ignore_ascii_case(b"x")
        || word.eq_ignore_ascii_case(b"ext")
        || word.eq_ignore_ascii_case(b"extn")
        || word.eq_ignore_ascii_case(b"extension");
    // `x123` may touch the number; the longer words need their space.
    if !is_ext || (j == end && word_len > 1) {
        return None;
    }
    j += word_len;
    if at(b, j) == b'.' {
        j += 1;
    }
    if at(b, j) == b' ' && word_len > 1 {
        j += 1;
    }
    let n = crate::text::digit_run(b, j, 7);
    if n == 0 || n > 6 || at(b, j + n).is_ascii_alphanumeric() {
        return None;
    }
    Some(j + n)
}

fn ascii_word_len(b: &[u8], j: usize) -> usize {
    let mut n = 0;
    while at(b, j + n).is_ascii_alphabetic() {
        n += 1;
    }
    n
}

/// Whether the candidate `start..end` with this verdict is a phone number
/// in its surroundings. `label_at` is where its label is looked for: the
/// start of the whole run. With `needs_label`, only a phone label will do.
pub(crate) fn accepts(
    text: &str,
    shape: &Shape<'_>,
    verdict: Verdict,
    (start, end): (usize, usize),
    run: &mut RunContext,
    needs_label: bool,
) -> bool {
    if glued(text, start, end) || amount(text, start, end) || run.blocked(text) {
        return false;
    }
    let formatted = verdict == Verdict::Phone && !needs_label;
    // A `+` number is a phone whatever precedes it.
    if formatted && shape.plus.is_some() {
        return true;
    }
    // A formatted number is something else only after an identifier label
    // right before it ("Ref 12 345 678", "Account no. 1234 5678 90"): prose
    // puts such words near phone numbers too. Two words tell.
    if formatted && run.near(text).other_adjacent.is_none() {
        return true;
    }
    // Otherwise the whole label decides: a bare run needs a phone label and
    // no identifier label among the two words before it; a formatted number
    // with an identifier label needs a nearer phone label ("order desk
    // phone: ...").
    let label = run.full(text);
    let other = if formatted { label.other_adjacent } else { label.other_2 };
    match (label.phone, other) {
        (Some(p), Some(o)) if o < p => return false,
        (None, Some(_)) => return false,
        _ => {}
    }
    // A bare run after `#` is an order or ticket number.
    if label.hash && shape.groups.len() == 1 && shape.plus.is_none() && label.phone.is_none() {
        return false;
    }
    label.phone.is_some() || label.tel_link || formatted
}

/// What the text before a run says about every stretch of it, read when a
/// stretch first needs it, once per run: whether the run is inside a URL
/// or an IBAN, its nearest two label words, its whole label.
pub(crate) struct RunContext {
    run_start: usize,
    blocked: Option<bool>,
    near: Option<LabelFacts>,
    full: Option<LabelFacts>,
}

/// What a label says.
#[derive(Clone, Copy)]
pub(crate) struct LabelFacts {
    /// The index of the nearest phone label word.
    phone: Option<usize>,
    /// The index of an identifier label right before the run (the word
    /// before a "number" word counts: "Account no.").
    other_adjacent: Option<usize>,
    /// The index of an identifier label among the nearest two words.
    other_2: Option<usize>,
    hash: bool,
    tel_link: bool,
}

impl RunContext {
    pub(crate) fn new(run_start: usize) -> RunContext {
        RunContext { run_start, blocked: None, near: None, full: None }
    }

    fn blocked(&mut self, text: &str) -> bool {
        let s = self.run_start;
        *self.blocked.get_or_insert_with(|| in_url(text.as_bytes(), s) || after_iban(text.as_bytes(), s))
    }

    /// The facts of the two nearest words (the phone label among them only).
    fn near(&mut self, text: &str) -> LabelFacts {
        if let Some(full) = self.full {
            return full;
        }
        let s = self.run_start;
        *self.near.get_or_insert_with(|| LabelFacts::of(&label_words_before(text, s, 2)))
    }

    fn full(&mut self, text: &str) -> LabelFacts {
        let s = self.run_start;
        *self.full.get_or_insert_with(|| LabelFacts::of(&label_before(text, s)))
    }
}

impl LabelFacts {
    fn of(label: &Label) -> LabelFacts {
        let hash = label.hash;
        let tel_link = label.tel_link;
        if label.word(0).is_empty() {
            return LabelFacts { phone: None, other_adjacent: None, other_2: None, hash, tel_link };
        }
        let other_2 = label.find(2, &OTHER_LABELS);
        let number_word = label.is(0, &NUMBER_WORDS) || label.is(0, &NUMBER_ABBREVIATIONS);
        let other_adjacent = match other_2 {
            Some(0) => Some(0),
            Some(1) if number_word => Some(1),
            _ => None,
        };
        LabelFacts { phone: phone_label(label), other_adjacent, other_2, hash, tel_link }
    }
}

/// The index of the nearest phone label word, if any.
fn phone_label(label: &Label) -> Option<usize> {
    let direct = label.find(5, &PHONE_LABELS);
    let possessive = (0..4).find(|&k| label.is(k, &NUMBER_WORDS) && label.is(k + 1, &POSSESSIVES));
    match (direct, possessive) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Letters, digits or number punctuation right against the candidate.
fn glued(text: &str, start: usize, end: usize) -> bool {
    let b = text.as_bytes();
    if word_before(text, start) || word_after(text, end) {
        return true;
    }
    let (p, pp) = (before(b, start), if start >= 2 { at(b, start - 2) } else { 0 });
    let (n, nn) = (at(b, end), at(b, end + 1));
    let opens_plus = matches!(at(b, start), b'+' | b'(');
    // `SKU-202-555-0143`, `v.2025550143`, `a/2025550143`; a `+` number may
    // follow a label's punctuation (`Tel.+49`). A comma separates fields.
    if matches!(p, b'-' | b'.' | b'/' | b'+' | b'_') && pp.is_ascii_alphanumeric() && !opens_plus {
        return true;
    }
    // `#2025550143`, `@2025550143`, the seconds of `10:04:34.876378`.
    if matches!(p, b'#' | b'@' | b'\\' | b'%' | b'$') || (p == b':' && pp.is_ascii_digit()) {
        return true;
    }
    // A negative number (`-48.85`).
    if p == b'-' && matches!(pp, b' ' | 0 | b'(' | b'[' | b'=' | b',') && !opens_plus {
        return true;
    }
    // Decimals, times, percentages, more of a dotted or dashed token.
    match n {
        b'.' | b':' => nn.is_ascii_digit(),
        b'-' | b'/' | b'_' => nn.is_ascii_alphanumeric(),
        b'%' | b'@' => true,
        _ => false,
    }
}

/// A currency symbol before or a currency name or unit after.
fn amount(text: &str, start: usize, end: usize) -> bool {
    let b = text.as_bytes();
    let s = if before(b, start) == b' ' { start - 1 } else { start };
    if char_before(text, s).map_or(false, is_currency_symbol) {
        return true;
    }
    let e = if at(b, end) == b' ' { end + 1 } else { end };
    if char_after(text, e).map_or(false, is_currency_symbol) {
        return true;
    }
    let len = ascii_word_len(b, e);
    let word = b.get(e..e + len).unwrap_or(&[]);
    len > 0 && len <= 16 && !word_after(text, e + len) && {
        let mut lower = [0u8; 16];
        for (d, c) in lower.iter_mut().zip(word) {
            *d = c.to_ascii_lowercase();
        }
        AFTER_WORDS.contains(lower.get(..len).unwrap_or(&[]))
    }
}

fn is_currency_symbol(c: char) -> bool {
    matches!(c, '$' | '€' | '£' | '¥' | '₹' | '₽' | '₩' | '₺' | '₪' | '฿' | '₫' | '₴' | '₦' | '¢')
}

/// Whether `start` is inside a URL: the text before it, back to a space, a
/// delimiter that URLs do not hold, or the `&` that starts the next form
/// field, has `://` or starts with `www.`.
/// Looks back a bounded distance.
fn in_url(b: &[u8], start: usize) -> bool {
    const WINDOW: usize = 256;
    let floor = start.saturating_sub(WINDOW);
    let mut i = start;
    while i > floor {
        let c = at(b, i - 1);
        // A URL in running text is ASCII: a CJK char ends it as a space does.
        if c.is_ascii_whitespace()
            || c >= 0x80
            || matches!(
                c,
                b'"' | b'\'' | b'<' | b'>' | b'(' | b')' | b'[' | b']' | b',' | b';' | b'|' | b'`' | b'{' | b'}' | b'&'
            )
        {
            break;
        }
        if c == b'/' && before(b, i - 1) == b'/' && i >= 3 && at(b, i - 3) == b':' {
            return true;
        }
        i -= 1;
    }
    b.get(i..i + 4).map_or(false, |w| w.eq_ignore_ascii_case(b"www."))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_lists_are_sorted() {
        for list in [&PHONE_LABELS, &NUMBER_WORDS, &NUMBER_ABBREVIATIONS, &POSSESSIVES, &OTHER_LABELS, &AFTER_WORDS] {
            assert!(list.is_sorted(), "{:?}", list.list.first());
        }
    }

    #[test]
    fn extensions() {
        fn ext(t: &str) -> Option<&str> {
            extension_end(t.as_bytes(), 0).and_then(|e| t.get(..e))
        }
        assert_eq!(ext(" x123 "), Some(" x123"));
        assert_eq!(ext("x123"), Some("x123"));
        assert_eq!(ext(" ext. 45"), Some(" ext. 45"));
        assert_eq!(ext(" Extension 7,"), Some(" Extension 7"));
        assert_eq!(ext("ext. 45"), None);
        assert_eq!(ext(" x12ab"), None);
        assert_eq!(ext(" xylophone"), None);
    }
}
