//! `detect` on hostile and random input: it never panics (the release
//! profile keeps overflow checks on, so a wrapped counter panics too), its
//! output keeps its promises, and its time stays linear in the input.
//!
//! Deterministic: every input comes from a fixed-seed generator.

use std::time::{Duration, Instant};

use sensitive::{detect, Entity, EntityKind};

/// xorshift64*: small, deterministic, good enough to pick characters.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items.get(self.below(items.len())).copied().unwrap_or("")
    }
}

/// Characters that matter to the scanners, and some that do not.
const ALPHABET: &[&str] = &[
    "0", "1", "2", "4", "5", "9", "@", ".", ":", "-", " ", "+", "(", ")", "/", "#", "a", "e", "f", "x", "Z", "_", "é",
    "電", "€", "\n", "\t", "%", ",", ";", "<", ">", "\"", "'", "[", "]", "=", "&", "$", "ext", "tel:", "Phone: ",
    "IBAN ", "order ", "version ", "://", "www.", "::", "(0)", "(+", "00", "\u{a0}", "\u{200b}", "😀", "\u{0301}",
];

/// Pieces that are, or nearly are, entities.
const PIECES: &[&str] = &[
    "john.doe@example.com",
    "a@b.co",
    "@x.io",
    "x@",
    "192.168.0.1",
    "10.0.0.256",
    "2001:db8::1",
    "fe80::1%eth0",
    "::ffff:1.2.3.4",
    "1:2:3:4:5:6:7:8",
    "4111 1111 1111 1111",
    "4111111111111111",
    "3782 822463 10005",
    "+44 20 7946 0958",
    "(020) 7946 0958",
    "202-555-0143",
    "06 12 34 56 78",
    "2024-01-15",
    "1.2.3.4-beta",
    "v1.2.3",
    "12:30:45",
    "0044 20 7946 0958",
    "x123",
    "ext. 12",
    "DE89 3704 0044 0532 0130 00",
    "https://example.com/2025550143",
];

fn random_text(rng: &mut Rng, len: usize) -> String {
    let mut s = String::new();
    while s.len() < len {
        match rng.below(10) {
            0..=5 => s.push_str(rng.pick(ALPHABET)),
            6..=8 => s.push_str(rng.pick(PIECES)),
            _ => {
                // Any char at all (surrogates are not chars; skip them).
                if let Some(c) = char::from_u32((rng.next() % 0x11_0000) as u32) {
                    s.push(c);
                }
            }
        }
    }
    s
}

fn luhn(digits: &[u8]) -> bool {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(k, &d)| {
            let d = u32::from(d - b'0');
            if k % 2 == 1 {
                let x = d * 2;
                if x > 9 {
                    x - 9
                } else {
                    x
                }
            } else {
                d
            }
        })
        .sum();
    sum % 10 == 0
}

/// The promises of `detect`'s output, for any text.
fn check(text: &str, found: &[Entity]) {
    let chars: Vec<char> = text.chars().collect();
    let mut last_end = 0;
    for e in found {
        assert!(e.start < e.end && e.end <= chars.len(), "{e:?} out of {} chars", chars.len());
        assert!(e.start >= last_end, "overlap or disorder at {e:?}");
        last_end = e.end;
        let span: String = chars.get(e.start..e.end).map(|c| c.iter().collect()).unwrap_or_default();
        let first = span.chars().next().unwrap_or(' ');
        let last = span.chars().last().unwrap_or(' ');
        assert!(!first.is_whitespace() && !last.is_whitespace(), "{e:?} {span:?}");
        match e.kind {
            EntityKind::Email => assert_eq!(span.matches('@').count(), 1, "{span:?}"),
            EntityKind::IpAddress => assert!(span.contains('.') || span.contains(':'), "{span:?}"),
            EntityKind::CreditCardNumber => {
                let digits: Vec<u8> = span.bytes().filter(u8::is_ascii_digit).collect();
                assert!((13..=19).contains(&digits.len()) && luhn(&digits), "{span:?}");
            }
            EntityKind::PhoneNumber => {
                let digits = span.bytes().filter(u8::is_ascii_digit).count();
                assert!((8..=24).contains(&digits), "{span:?}");
            }
        }
    }
}

#[test]
fn random_texts_keep_the_promises() {
    let mut rng = Rng(0x5EED_0017);
    let mut kinds = [0usize; 4];
    for round in 0..3000 {
        let len = 1 + rng.below(if round % 100 == 0 { 8192 } else { 400 });
        let text = random_text(&mut rng, len);
        let found = detect(&text);
        check(&text, &found);
        for e in &found {
            if let Some(k) = kinds.get_mut(e.kind as usize) {
                *k += 1;
            }
        }
    }
    // The pieces make every kind appear: the checks above were exercised.
    assert!(kinds.iter().all(|&n| n > 100), "{kinds:?}");
}

#[test]
fn random_bytes_as_lossy_utf8() {
    let mut rng = Rng(0xB17E5);
    for _ in 0..2000 {
        let n = rng.below(512);
        let bytes: Vec<u8> = (0..n).map(|_| (rng.next() >> 24) as u8).collect();
        let text = String::from_utf8_lossy(&bytes);
        check(&text, &detect(&text));
    }
}

/// Inputs shaped to make a scanner rescan: long runs of what each one
/// looks for.
fn hostile(n: usize) -> Vec<(&'static str, String)> {
    let rep = |unit: &str| unit.repeat(n / unit.len().max(1) + 1);
    vec![
        ("@", rep("@")),
        (".", rep(".")),
        (":", rep(":")),
        ("digits", rep("7")),
        ("digits and spaces", rep("1 ")),
        ("digits and dashes", rep("12-")),
        ("digit groups", rep("4111 ")),
        ("dots and digits", rep("1.")),
        ("hex and colons", rep("a:")),
        ("double colons", rep("1::")),
        ("local parts", rep("a.")),
        ("a@a", rep("a@")),
        ("emails", rep("a@b.co ")),
        ("domains", rep("a@b.")),
        ("plus and parens", rep("+(1)")),
        ("open parens", rep("(1 ")),
        ("labels", rep("phone: 1 ")),
        ("tags", rep("<a>1")),
        ("url", format!("https://{}", rep("1/"))),
        ("iban blocks", rep("AB12 ")),
        ("kanji", rep("電1")),
    ]
}

#[test]
fn hostile_inputs_keep_the_promises() {
    for (name, text) in hostile(64 * 1024) {
        let found = detect(&text);
        check(&text, &found);
        assert!(found.len() <= text.len(), "{name}");
    }
}

fn best_of(runs: usize, text: &str) -> Duration {
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            let n = detect(text).len();
            let d = t.elapsed();
            assert!(n <= text.len());
            d
        })
        .min()
        .unwrap_or_default()
}

/// Four times the input takes about four times as long: the ratio allows
/// for noise (a loaded machine, the other tests running alongside), not for
/// a quadratic scanner, which would take sixteen. A pair that looks slow is
/// measured again before it counts.
#[test]
fn time_is_linear() {
    let mut slow = Vec::new();
    for ((name, small), (_, large)) in hostile(64 * 1024).into_iter().zip(hostile(256 * 1024)) {
        let mut last = String::new();
        let linear = (0..3).any(|_| {
            let (s, l) = (best_of(5, &small), best_of(5, &large));
            let ratio = l.as_secs_f64() / s.as_secs_f64().max(1e-6);
            if std::env::var_os("SENSITIVE_SHOW_TIMES").is_some() {
                eprintln!("{name}: 64 KiB {s:?}, 256 KiB {l:?}");
            }
            assert!(l < Duration::from_secs(2), "{name}: 256 KiB took {l:?}");
            last = format!("{name}: 64 KiB {s:?}, 256 KiB {l:?} (x{ratio:.1})");
            // Tiny times are all noise; only judge what takes a while.
            l < Duration::from_millis(2) || ratio <= 9.0
        });
        if !linear {
            slow.push(last);
        }
    }
    assert!(slow.is_empty(), "not linear:\n{}", slow.join("\n"));
}

/// The fuzz tests above only prove "no wrapped counter" if overflow checks
/// are on in the profile they run in (`cargo test --release` included).
#[test]
#[should_panic]
fn overflow_checks_are_on() {
    let one: u8 = "1".parse().unwrap_or(1);
    let max: u8 = "255".parse().unwrap_or(255);
    let sum = max + one;
    assert!(sum < 255, "{sum}");
}
