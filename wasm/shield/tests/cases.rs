//! Per-detector positive and negative tables from `tests/cases/*.tsv` (the
//! format is described in `tests/cases/README.md`), plus encoded variants
//! of every `high` query case.

mod common;

use common::corpus;
use shield::{inspect, Category, Config, Finding, Request, Severity};

fn category(file: &str) -> Category {
    match file {
        "sqli" => Category::SqlInjection,
        "xss" => Category::Xss,
        "traversal" => Category::PathTraversal,
        "rfi" => Category::FileInclusionRemote,
        "cmdi" => Category::CommandInjection,
        "php" => Category::PhpInjection,
        "java" => Category::JavaInjection,
        "ssti" => Category::TemplateInjection,
        "ssrf" => Category::Ssrf,
        "protocol" => Category::ProtocolAnomaly,
        "limits" => Category::InspectionLimit,
        other => panic!("unknown case file {}", other),
    }
}

/// Builds the request a case describes and inspects it.
fn run(place: &str, value: &[u8]) -> Vec<Finding> {
    let cfg = Config::default();
    let text = String::from_utf8_lossy(value).into_owned();
    let mut method = "POST".to_string();
    let mut path = "/".to_string();
    let mut query = String::new();
    let mut headers: Vec<(String, String)> = Vec::new();
    let mut cookies = String::new();
    let mut body: Option<Vec<u8>> = None;
    match place {
        "query" => query = format!("q={}", corpus::url_encode(value)),
        "rawquery" => query = text,
        "path" => path = text,
        "cookie" => cookies = format!("c={}", corpus::url_encode(value)),
        "method" => method = text,
        "form" => {
            headers.push(("content-type".into(), "application/x-www-form-urlencoded".into()));
            body = Some(format!("f={}", corpus::url_encode(value)).into_bytes());
        }
        "json" => {
            headers.push(("content-type".into(), "application/json".into()));
            let escaped: String = text.chars().flat_map(|c| match c {
                '"' => vec!['\\', '"'],
                '\\' => vec!['\\', '\\'],
                c => vec![c],
            }).collect();
            body = Some(format!("{{\"comment\": {{\"text\": \"{}\"}}}}", escaped).into_bytes());
        }
        "text" => {
            headers.push(("content-type".into(), "text/plain".into()));
            body = Some(value.to_vec());
        }
        "multipart" => {
            headers.push(("content-type".into(), "multipart/form-data; boundary=XyZ".into()));
            let mut b = b"--XyZ\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\n".to_vec();
            b.extend_from_slice(value);
            b.extend_from_slice(b"\r\n--XyZ--\r\n");
            body = Some(b);
        }
        "headers" => {
            for line in text.split('\n') {
                if let Some((n, v)) = line.split_once(": ") {
                    headers.push((n.to_string(), v.to_string()));
                }
            }
        }
        p if p.starts_with("header:") => headers.push((p[7..].to_string(), text)),
        other => panic!("unknown place {}", other),
    }
    let hdrs: Vec<(&str, &str)> = headers.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
    let req = Request { method: &method, path: &path, query: &query, headers: &hdrs, cookies: &cookies, body: body.as_deref() };
    inspect(&req, &cfg)
}

struct Case {
    file: String,
    expect: String,
    place: String,
    value: Vec<u8>,
}

fn cases() -> Vec<Case> {
    let mut out = Vec::new();
    let dir = corpus::cases_dir();
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().map_or(false, |e| e == "tsv")).collect();
    files.sort();
    for f in files {
        let name = f.file_stem().unwrap().to_string_lossy().into_owned();
        for line in std::fs::read_to_string(&f).unwrap().lines() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut parts = line.splitn(3, '\t');
            let (expect, place, value) = (parts.next().unwrap(), parts.next().expect("where"), parts.next().expect("value"));
            out.push(Case { file: name.clone(), expect: expect.into(), place: place.into(), value: corpus::unescape_case(value) });
        }
    }
    out
}

fn check(case: &Case, found: &[Finding]) -> Result<(), String> {
    let cat = category(&case.file);
    let max = found.iter().filter(|f| f.category == cat).map(|f| f.severity).max();
    let ok = match case.expect.as_str() {
        "high" => max == Some(Severity::High),
        "medium" => max >= Some(Severity::Medium),
        "medium-only" => max == Some(Severity::Medium) && !found.iter().any(|f| f.severity == Severity::High),
        "low" => max >= Some(Severity::Low),
        "none" => max.is_none() && !found.iter().any(|f| f.severity == Severity::High),
        other => return Err(format!("bad expectation {}", other)),
    };
    if ok {
        Ok(())
    } else {
        Err(format!("{} {} {} {:?}: got {:?}", case.file, case.expect, case.place, String::from_utf8_lossy(&case.value), found))
    }
}

#[test]
fn case_tables() {
    let all = cases();
    // Every detector has positives and negatives.
    for f in ["sqli", "xss", "traversal", "rfi", "cmdi", "php", "java", "ssti", "ssrf", "protocol"] {
        assert!(all.iter().any(|c| c.file == f && c.expect != "none"), "{} has no positive case", f);
        assert!(all.iter().any(|c| c.file == f && c.expect == "none"), "{} has no negative case", f);
    }
    let failures: Vec<String> = all.iter().filter_map(|c| check(c, &run(&c.place, &c.value)).err()).collect();
    assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), all.len(), failures.join("\n"));
}

fn html_entities(v: &[u8]) -> Vec<u8> {
    v.iter().flat_map(|b| format!("&#{};", b).into_bytes()).collect()
}

fn percent_u(v: &[u8]) -> String {
    v.iter().map(|&b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%u{:04X}", b) }).collect()
}

#[test]
fn encoded_variants_still_detected() {
    let mut failures = Vec::new();
    let mut n = 0;
    for c in cases().iter().filter(|c| c.expect == "high" && c.place == "query") {
        let once = corpus::url_encode(&c.value);
        let variants = vec![
            ("double-encoded", format!("q={}", corpus::url_encode(once.as_bytes()))),
            ("triple-encoded", format!("q={}", corpus::url_encode(corpus::url_encode(once.as_bytes()).as_bytes()))),
            ("%u-encoded", format!("q={}", percent_u(&c.value))),
        ];
        for (how, q) in variants {
            n += 1;
            let found = run("rawquery", q.as_bytes());
            if check(c, &found).is_err() {
                failures.push(format!("{} {}: {:?}", how, c.file, String::from_utf8_lossy(&c.value)));
            }
        }
        if c.file == "xss" {
            n += 1;
            let found = run("query", &html_entities(&c.value));
            if check(c, &found).is_err() {
                failures.push(format!("html entities xss: {:?}", String::from_utf8_lossy(&c.value)));
            }
        }
    }
    assert!(n > 150, "only {} variants", n);
    assert!(failures.is_empty(), "{} of {} encoded variants missed:\n{}", failures.len(), n, failures.join("\n"));
}
