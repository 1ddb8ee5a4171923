//! A [`Memo`] never changes what is found: every corpus line and case
//! value, placed in each part of a request, is inspected without a memo and
//! then three times with each memo (a miss, a hit, and a miss for another
//! client), and the findings must be identical. One memo has a single slot, so every value collides with the
//! one before it; the default one keeps most of them.

mod common;

use common::corpus;
use shield::{inspect, inspect_with_memo, Config, Memo, Request};

fn values() -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for prefix in ["sqli-", "xss-"] {
        for f in corpus::files(&corpus::libinjection_dir(), prefix) {
            out.extend(corpus::lines(&f).iter().map(|l| corpus::url_decode(l)));
        }
    }
    for f in corpus::files(&corpus::benign_dir(), "") {
        out.extend(corpus::lines(&f));
    }
    out.extend(corpus::lines(&corpus::libinjection_dir().join("false_positives.txt")));
    for f in corpus::files(&corpus::cases_dir(), "") {
        for line in String::from_utf8_lossy(&std::fs::read(&f).unwrap()).lines() {
            if let Some(v) = line.split('\t').nth(2) {
                out.push(corpus::unescape_case(v));
            }
        }
    }
    out
}

struct Parts {
    path: String,
    query: String,
    headers: Vec<(String, String)>,
    cookies: String,
    body: Option<Vec<u8>>,
}

fn place(n: usize, v: &[u8], prev: &[u8]) -> Parts {
    let enc = corpus::url_encode(v);
    let text = String::from_utf8_lossy(v).replace(['\r', '\n'], " ");
    let mut p = Parts { path: "/".into(), query: String::new(), headers: Vec::new(), cookies: String::new(), body: None };
    match n {
        0 => p.query = format!("q={}&prev={}", enc, corpus::url_encode(prev)),
        1 => p.query = format!("{}=1", enc),
        2 => p.headers.push(("referer".into(), text)),
        3 => p.headers.push(("user-agent".into(), text)),
        4 => p.cookies = format!("c={}; d=1", enc),
        5 => {
            p.headers.push(("content-type".into(), "application/x-www-form-urlencoded".into()));
            p.body = Some(format!("a={}&include={}", enc, enc).into_bytes());
        }
        6 => {
            p.headers.push(("content-type".into(), "text/plain".into()));
            p.body = Some(v.to_vec());
        }
        7 => p.path = format!("/a/{}", enc),
        // No slash: the whole path (traversal only) and its one segment
        // (every detector) are the same bytes under two profiles.
        _ => p.path = text.replace('/', ""),
    }
    p
}

#[test]
fn memo_never_changes_findings() {
    let cfg = Config::default();
    let mut memos = [Memo::new(1, 4096), Memo::default()];
    let values = values();
    assert!(values.len() > 18_000, "corpora missing: {} values", values.len());
    let mut compared = 0usize;
    let mut prev: &[u8] = b"";
    for v in &values {
        for n in 0..9 {
            let p = place(n, v, prev);
            let hdrs: Vec<(&str, &str)> = p.headers.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
            let req = Request { method: "POST", path: &p.path, query: &p.query, headers: &hdrs, cookies: &p.cookies, body: p.body.as_deref() };
            let want = inspect(&req, &cfg);
            for memo in memos.iter_mut() {
                // A miss, a hit, then another client (a miss again).
                for (round, client) in [&b"198.51.100.7"[..], b"198.51.100.7", b"2001:db8::1"].iter().enumerate() {
                    let got = inspect_with_memo(&req, &cfg, memo, client);
                    assert_eq!(got, want, "place {} round {} value {:?}", n, round, String::from_utf8_lossy(v));
                    compared += 1;
                }
            }
        }
        prev = v;
    }
    // Limits are part of the key: the same memo under other limits agrees too.
    let tight = Config { max_value_bytes: 8, max_decode_rounds: 0, ..Config::default() };
    for v in values.iter().step_by(7) {
        let q = format!("q={}", corpus::url_encode(v));
        let req = Request { method: "GET", path: "/", query: &q, headers: &[], cookies: "", body: None };
        for c in [&cfg, &tight] {
            assert_eq!(inspect_with_memo(&req, c, &mut memos[1], b"198.51.100.7"), inspect(&req, c));
        }
    }
    println!("{} memo comparisons", compared);
}

/// A client's form bodies that share leading arguments with its last one
/// (taken whole from the last body's record) find exactly what inspecting
/// each afresh finds: attack values in the shared part and in the rest, an
/// argument that only grows at its end, empty pairs, bodies that are a
/// prefix of the last, the same body twice, and the argument limit.
#[test]
fn bodies_sharing_leading_arguments_find_what_fresh_inspection_finds() {
    let values = values();
    let picks: Vec<&Vec<u8>> = values.iter().step_by(37).collect();
    let hdrs = [("content-type", "application/x-www-form-urlencoded")];
    let mut compared = 0usize;
    for cfg in [Config::default(), Config { max_params: 3, ..Config::default() }] {
        let mut memo = Memo::default();
        let mut prev = String::new();
        for (i, v) in picks.iter().enumerate() {
            let enc = corpus::url_encode(v);
            let bodies = [
                format!("x=1&y=two&a={enc}&z=3"),
                format!("x=1&y=two&a={enc}&z=3"),
                format!("x=1&y=two&a={enc}&z=4"),
                format!("x=1&y=two&a={enc}X&z=4"),
                format!("x=1&y=twoo&a={enc}&z=4"),
                format!("x=1&&y=two&&a={enc}&z=4&"),
                format!("a={enc}&x=1&y=two&n={i}"),
                format!("a={enc}&x=1&y=two&n={i}&m={prev}"),
                format!("a={enc}&x=1"),
                format!("a={enc}"),
                format!("x=1&y=two&a={prev}&b={enc}&c=1&d=2"),
                format!("x=1&y=two&a={prev}&b={enc}&c=1&d=2&e=5"),
            ];
            for body in &bodies {
                let req = Request { method: "POST", path: "/f", query: "", headers: &hdrs, cookies: "", body: Some(body.as_bytes()) };
                let want = inspect(&req, &cfg);
                let got = inspect_with_memo(&req, &cfg, &mut memo, b"198.51.100.7");
                assert_eq!(got, want, "body {:?} (max_params {})", body, cfg.max_params);
                compared += 1;
            }
            prev = enc;
        }
    }
    println!("{} shared-prefix comparisons", compared);
}
