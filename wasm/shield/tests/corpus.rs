//! The libinjection attack lists as a regression corpus, and the false
//! positive corpora (libinjection's and ours in `tests/benign`).

mod common;

use common::corpus;
use shield::{inspect, Config, Request, Severity};

fn query_findings(value: &[u8]) -> Vec<shield::Finding> {
    let q = format!("q={}", corpus::url_encode(value));
    let req = Request { method: "GET", path: "/search", query: &q, headers: &[], cookies: "", body: None };
    inspect(&req, &Config::default())
}

/// Share of lines flagged (Medium or High), and denied (High), per file.
fn detection(prefix: &str) -> (usize, usize, usize) {
    let (mut total, mut flagged, mut denied) = (0, 0, 0);
    for f in corpus::files(&corpus::libinjection_dir(), prefix) {
        let (mut t, mut fl, mut d) = (0, 0, 0);
        for line in corpus::lines(&f) {
            let found = query_findings(&corpus::url_decode(&line));
            t += 1;
            fl += found.iter().any(|f| f.severity >= Severity::Medium) as usize;
            d += found.iter().any(|f| f.severity == Severity::High) as usize;
        }
        println!("{:48} {:6} lines  flagged {:6.2}%  denied {:6.2}%", f.file_name().unwrap().to_string_lossy(), t, 100.0 * fl as f64 / t as f64, 100.0 * d as f64 / t as f64);
        total += t;
        flagged += fl;
        denied += d;
    }
    println!("ALL {}: {} lines, flagged {:.2}%, denied {:.2}%", prefix, total, 100.0 * flagged as f64 / total as f64, 100.0 * denied as f64 / total as f64);
    (total, flagged, denied)
}

#[test]
fn libinjection_sqli_detected() {
    let (total, flagged, denied) = detection("sqli-");
    assert!(total > 17_000, "corpus incomplete: {} lines", total);
    assert!(flagged as f64 >= 0.97 * total as f64, "SQLi flagged {}/{}", flagged, total);
    // Most are denied outright, not merely scored.
    assert!(denied as f64 >= 0.95 * total as f64, "SQLi denied {}/{}", denied, total);
}

#[test]
fn libinjection_xss_detected() {
    let (total, flagged, denied) = detection("xss-");
    assert!(total > 1_600, "corpus incomplete: {} lines", total);
    assert!(flagged as f64 >= 0.97 * total as f64, "XSS flagged {}/{}", flagged, total);
    assert!(denied as f64 >= 0.94 * total as f64, "XSS denied {}/{}", denied, total);
}

#[test]
fn benign_corpora_not_denied() {
    let mut sources: Vec<(String, Vec<Vec<u8>>)> = vec![(
        "libinjection/false_positives.txt".into(),
        corpus::lines(&corpus::libinjection_dir().join("false_positives.txt")).iter().map(|l| corpus::url_decode(l)).collect(),
    )];
    for f in corpus::files(&corpus::benign_dir(), "") {
        sources.push((f.file_name().unwrap().to_string_lossy().into_owned(), corpus::lines(&f).into_iter().map(|l| corpus::unescape_case(&String::from_utf8_lossy(&l))).collect()));
    }
    let own: usize = sources[1..].iter().map(|(_, l)| l.len()).sum();
    assert!(own >= 600, "own benign corpus has only {} inputs", own);
    let (mut total, mut high, mut any) = (0, 0, 0);
    for (name, lines) in &sources {
        let (mut h, mut a) = (0, 0);
        for l in lines {
            let found = query_findings(l);
            if found.iter().any(|f| f.severity == Severity::High) {
                println!("  denied: {:?} {:?}", String::from_utf8_lossy(l), found);
                h += 1;
            }
            a += !found.is_empty() as usize;
        }
        println!("{:40} {:5} inputs  high {:5.2}%  any {:5.2}%", name, lines.len(), 100.0 * h as f64 / lines.len() as f64, 100.0 * a as f64 / lines.len() as f64);
        total += lines.len();
        high += h;
        any += a;
    }
    println!("ALL benign: {} inputs, high {:.2}%, any severity {:.2}%", total, 100.0 * high as f64 / total as f64, 100.0 * any as f64 / total as f64);
    assert!(high as f64 <= 0.005 * total as f64, "{} of {} benign inputs denied", high, total);
}
