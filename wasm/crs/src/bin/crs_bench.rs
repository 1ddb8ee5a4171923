//! Native timings of the CRS engine: init, a ~1 KB form post (23 fields, 9
//! headers, 3 cookies, as `benchmarks/shield.py`'s `form_post`), a GET with
//! cookies (its `get_with_cookies`) and a few attacks. Prints medians in µs.
//!
//! `cargo run --release --bin crs_bench [-- --pl N]`

use crs::{Config, Engine, Program, Request};
use std::rc::Rc;
use std::time::Instant;

const UA: &str = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";

fn urlencode(fields: &[(&str, String)]) -> String {
    let mut out = String::new();
    for (i, (k, v)) in fields.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        for (j, s) in [k.as_bytes(), v.as_bytes()].iter().enumerate() {
            if j == 1 {
                out.push('=');
            }
            for &b in s.iter() {
                match b {
                    b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => out.push(b as char),
                    b' ' => out.push('+'),
                    _ => out.push_str(&format!("%{:02X}", b)),
                }
            }
        }
    }
    out
}

fn form_body(i: usize) -> String {
    let fields: Vec<(&str, String)> = vec![
        ("first_name", "Mary".into()),
        ("last_name", "O'Brien".into()),
        ("email", "mary.obrien@example.com".into()),
        ("phone", "+1 (555) 010-2233".into()),
        ("company", "Acme & Sons, Ltd.".into()),
        ("street", "42 Union Street, Apt. 3".into()),
        ("city", "Zürich".into()),
        ("zip", "8001".into()),
        ("country", "CH".into()),
        ("plan", "pro".into()),
        ("seats", "12".into()),
        ("referral", "https://example.org/blog/why-we-switched?utm_source=newsletter".into()),
        ("newsletter", "on".into()),
        ("terms", "on".into()),
        ("lang", "en-US".into()),
        ("tz", "Europe/Zurich".into()),
        ("coupon", "SPRING-2024".into()),
        ("website", "https://mary.example.com/".into()),
        ("bio", "I select the best tools, drop what doesn't work and join teams that ship. Previously: data engineering (SQL, Python), some C and shell scripts; I wrote a guide titled \"Union of sets in practice\" & spoke at PyCon.".into()),
        ("message", "Hello! We're a team of 12 moving off spreadsheets; could you tell me whether the pro plan includes SSO, audit logs and an EU data region? Thanks, Mary".into()),
        ("how_heard", "A colleague at a meetup mentioned you; then I read the docs.".into()),
        ("csrf", "9f2c1e0b7a6d4c3b8e1f0a9d2c7b6e5f".into()),
        ("nonce", i.to_string()),
    ];
    urlencode(&fields)
}

/// A request and the owned strings it borrows.
struct Case {
    name: &'static str,
    method: &'static str,
    uri: String,
    headers: Vec<(String, String)>,
    body: Option<Vec<u8>>,
}

impl Case {
    fn run(&self, engine: &mut Engine) -> crs::Verdict {
        let headers: Vec<(&str, &str)> = self.headers.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let req = Request { method: self.method, uri: &self.uri, protocol: "HTTP/1.1", headers: &headers, body: self.body.as_deref(), body_truncated: false, remote_addr: "203.0.113.7" };
        engine.evaluate(&req)
    }
}

fn h(k: &str, v: &str) -> (String, String) {
    (k.to_string(), v.to_string())
}

fn form_post(i: usize) -> Case {
    let body = form_body(i);
    Case {
        name: "form_post (1 KB, 23 fields)",
        method: "POST",
        uri: "/signup?step=2".into(),
        headers: vec![
            h("Host", "example.com"),
            h("User-Agent", UA),
            h("Content-Type", "application/x-www-form-urlencoded"),
            h("Content-Length", &body.len().to_string()),
            h("Accept", "text/html,application/xhtml+xml"),
            h("Accept-Language", "en-US,en;q=0.9"),
            h("Origin", "https://example.com"),
            h("Referer", "https://example.com/signup?step=1"),
            h("Cookie", "session=6b1f0e9c2d; theme=dark; consent=yes"),
        ],
        body: Some(body.into_bytes()),
    }
}

fn get_with_cookies() -> Case {
    Case {
        name: "get_with_cookies",
        method: "GET",
        uri: "/account/orders?page=2&sort=date&q=winter+boots".into(),
        headers: vec![
            h("Host", "example.com"),
            h("User-Agent", UA),
            h("Accept", "text/html,application/xhtml+xml"),
            h("Accept-Language", "en-US,en;q=0.9"),
            h("Accept-Encoding", "gzip, deflate, br"),
            h("Referer", "https://example.com/account"),
            h("Cookie", "session=6b1f0e9c2d4a8f7e; csrftoken=Qx7pL2vN9mR4tY8wZ1aB3cD5eF6gH0jK; _ga=GA1.2.1234567890.1700000000; theme=dark; consent=yes; cart=3"),
        ],
        body: None,
    }
}

fn attack(name: &'static str, uri: &str, body: Option<&str>, ctype: &str) -> Case {
    let mut headers = vec![h("Host", "example.com"), h("User-Agent", UA), h("Accept", "text/html")];
    if let Some(b) = body {
        headers.push(h("Content-Type", ctype));
        headers.push(h("Content-Length", &b.len().to_string()));
    }
    Case { name, method: if body.is_some() { "POST" } else { "GET" }, uri: uri.into(), headers, body: body.map(|b| b.as_bytes().to_vec()) }
}

fn median_us(mut f: impl FnMut(usize)) -> f64 {
    for i in 0..200 {
        f(i);
    }
    let mut runs = Vec::new();
    let mut n = 0;
    for _ in 0..31 {
        let t = Instant::now();
        for _ in 0..100 {
            f(n);
            n += 1;
        }
        runs.push(t.elapsed().as_secs_f64() * 1e6 / 100.0);
    }
    runs.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    runs[runs.len() / 2]
}

fn main() {
    let mut pl = 1u8;
    let args: Vec<String> = std::env::args().collect();
    if let Some(p) = args.iter().position(|a| a == "--pl") {
        pl = args.get(p + 1).and_then(|v| v.parse().ok()).unwrap_or(1);
    }
    let cfg = Config { paranoia_level: pl, ..Config::default() };
    // `--rules FILE`: another rule table than the embedded one.
    let rules = match args.iter().position(|a| a == "--rules") {
        Some(p) => std::fs::read_to_string(args.get(p + 1).map(String::as_str).unwrap_or("")).unwrap_or_else(|e| {
            eprintln!("--rules: {}", e);
            std::process::exit(1);
        }),
        None => crs::RULES_JSON.to_string(),
    };
    let t = Instant::now();
    let prog = match Program::from_json(&rules) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("rules: {}", e);
            std::process::exit(1);
        }
    };
    let load = t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    let mut engine = match Engine::with_program(Rc::clone(&prog), cfg.clone()) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("engine: {}", e);
            std::process::exit(1);
        }
    };
    let config = t.elapsed().as_secs_f64() * 1e3;
    // A fresh program, so that warm_up is timed from cold.
    let warm = Engine::with_rules(&rules, cfg).expect("engine");
    let t = Instant::now();
    warm.program().warm_up();
    let warm_ms = t.elapsed().as_secs_f64() * 1e3;
    println!(
        "PL{}: {} rules; Program::load {:.1} ms (prefilter automaton {} KiB); Engine::with_program (one configuration) {:.3} ms; warm_up (every regex and phrase set) {:.1} ms",
        pl,
        prog.rule_count(),
        load,
        prog.prefilter_heap_bytes() / 1024,
        config,
        warm_ms
    );

    // Timings below are of a warmed engine: lazy regex compiles would land
    // in whichever case first needs them.
    engine.warm_up();
    let forms: Vec<Case> = (0..64).map(form_post).collect();
    if let Some(p) = args.iter().position(|a| a == "--only") {
        // For profilers (`perf stat -e instructions`): one case, N times.
        let n: usize = args.get(p + 2).and_then(|v| v.parse().ok()).unwrap_or(2000);
        let get = [get_with_cookies()];
        let min = [Case { name: "min", method: "GET", uri: "/".into(), headers: vec![h("Host", "example.com")], body: None }];
        let cases: &[Case] = match args.get(p + 1).map(String::as_str) {
            Some("get") => &get,
            Some("min") => &min,
            _ => &forms,
        };
        let t = Instant::now();
        for i in 0..n {
            cases[i % cases.len()].run(&mut engine);
        }
        println!("{:.2} µs per request ({} runs)", t.elapsed().as_secs_f64() * 1e6 / n as f64, n);
        return;
    }
    let v = forms[0].run(&mut engine);
    println!("{:<44} {:8.2} µs  score {} blocked {} matches {:?}", forms[0].name, median_us(|i| {
        forms[i % forms.len()].run(&mut engine);
    }), v.anomaly_score, v.blocked, v.matches.iter().map(|m| m.id).collect::<Vec<_>>());
    let get = get_with_cookies();
    let v = get.run(&mut engine);
    println!("{:<44} {:8.2} µs  score {} blocked {} matches {:?}", get.name, median_us(|_| {
        get.run(&mut engine);
    }), v.anomaly_score, v.blocked, v.matches.iter().map(|m| m.id).collect::<Vec<_>>());
    let attacks = [
        attack("sqli in query", "/items?id=1%27%20OR%20%271%27%3D%271", None, ""),
        attack("xss in form", "/comment", Some("name=x&text=%3Cscript%3Ealert(document.cookie)%3C%2Fscript%3E"), "application/x-www-form-urlencoded"),
        attack("rce in form", "/ping", Some("host=127.0.0.1%3Bcat+%2Fetc%2Fpasswd"), "application/x-www-form-urlencoded"),
        attack("path traversal in query", "/download?file=..%2F..%2F..%2Fetc%2Fpasswd", None, ""),
        attack("sqli in json", "/api/login", Some("{\"user\":\"admin' --\",\"pass\":\"x' union select password from users--\"}"), "application/json"),
    ];
    for a in &attacks {
        let v = a.run(&mut engine);
        println!("{:<44} {:8.2} µs  score {} blocked {} matches {:?}", a.name, median_us(|_| {
            a.run(&mut engine);
        }), v.anomaly_score, v.blocked, v.matches.iter().map(|m| m.id).collect::<Vec<_>>());
    }
}
