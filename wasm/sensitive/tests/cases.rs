//! Runs the marked-up cases in `tests/cases.txt` through `detect`: exact
//! kinds and code point spans, nothing more, nothing less.

use sensitive::{detect, EntityKind};

fn kind(code: char) -> Option<EntityKind> {
    match code {
        'E' => Some(EntityKind::Email),
        'P' => Some(EntityKind::PhoneNumber),
        'I' => Some(EntityKind::IpAddress),
        'C' => Some(EntityKind::CreditCardNumber),
        _ => None,
    }
}

/// The plain text of a case line and its expected `(kind, start, end)`,
/// offsets in code points.
fn parse(line: &str) -> (String, Vec<(EntityKind, usize, usize)>) {
    let line = line.replace("\\n", "\n").replace("\\t", "\t");
    let mut text = String::new();
    let mut chars = 0;
    let mut want = Vec::new();
    let mut open: Option<(EntityKind, usize)> = None;
    let mut it = line.chars().peekable();
    while let Some(c) = it.next() {
        match c {
            '⟦' => {
                let k = it.next().and_then(kind).unwrap_or_else(|| panic!("bad kind in {line:?}"));
                assert_eq!(it.next(), Some(':'), "{line:?}");
                open = Some((k, chars));
            }
            '⟧' => {
                let (k, start) = open.take().unwrap_or_else(|| panic!("unopened mark in {line:?}"));
                want.push((k, start, chars));
            }
            _ => {
                text.push(c);
                chars += 1;
            }
        }
    }
    assert!(open.is_none(), "unclosed mark in {line:?}");
    (text, want)
}

#[test]
fn cases() {
    let data = include_str!("cases.txt");
    let mut failures = Vec::new();
    let mut n = 0;
    for line in data.lines() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        n += 1;
        let (text, want) = parse(line);
        let got: Vec<_> = detect(&text).iter().map(|e| (e.kind, e.start, e.end)).collect();
        if got != want {
            let show = |v: &[(EntityKind, usize, usize)]| -> Vec<String> {
                v.iter()
                    .map(|&(k, s, e)| {
                        format!("{}:{}", k.as_str(), text.chars().skip(s).take(e - s).collect::<String>())
                    })
                    .collect()
            };
            failures.push(format!("{line}\n    want {:?}\n    got  {:?}", show(&want), show(&got)));
        }
    }
    assert!(n > 100, "only {n} cases read");
    assert!(failures.is_empty(), "{} of {n} cases fail:\n{}", failures.len(), failures.join("\n"));
}
