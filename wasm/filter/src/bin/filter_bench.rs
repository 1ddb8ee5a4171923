//! Time per evaluation of 10 typical filter expressions on a typical
//! request, natively: the median over many samples, in µs.
//!
//! Run from `wasm/filter`:
//! `RUSTC=/usr/bin/rustc /usr/bin/cargo run --release --offline --bin filter_bench`

use std::borrow::Cow;
use std::time::Instant;

use filter::{Input, Program, Tri};
use serde_json::json;

/// The expressions, with the source a user would write for each.
fn expressions() -> serde_json::Value {
    let header = |name: &str| json!({"field": "http.request.headers", "key": name});
    json!([
        // http.request.headers["x-api-key"] == "k-3f9a2c"
        {"cmp": "eq", "lhs": header("x-api-key"), "rhs": {"str": "k-3f9a2c"}},
        // http.request.uri.path wildcard "/api/*/admin*"
        {"cmp": "wildcard", "lhs": {"field": "http.request.uri.path"}, "rhs": {"str": "/api/*/admin*"}},
        // http.request.headers["user-agent"] matches "(?i)(bot|crawler|spider|curl|python-requests)"
        {"cmp": "matches", "lhs": header("user-agent"), "rhs": {"regex": "(?i)(bot|crawler|spider|curl|python-requests)"}},
        // ip.src in {10.0.0.0/8 172.16.0.0/12 192.168.0.0/16 2001:db8::/32 203.0.113.7}
        {"in": {"field": "ip.src"}, "set": [{"cidr": "10.0.0.0/8"}, {"cidr": "172.16.0.0/12"}, {"cidr": "192.168.0.0/16"},
                                           {"cidr": "2001:db8::/32"}, {"ip": "203.0.113.7"}]},
        // local["plan"] == "free" and http.request.method in {"POST" "PUT" "DELETE"}
        {"and": [{"cmp": "eq", "lhs": {"field": "local", "key": "plan"}, "rhs": {"str": "free"}},
                 {"in": {"field": "http.request.method"}, "set": [{"str": "POST"}, {"str": "PUT"}, {"str": "DELETE"}]}]},
        // lower(http.host) == "api.example.com"
        {"cmp": "eq", "lhs": {"fn": "lower", "arg": {"field": "http.host"}}, "rhs": {"str": "api.example.com"}},
        // len(http.request.cookie["session"]) > 16
        {"cmp": "gt", "lhs": {"fn": "len", "arg": {"field": "http.request.cookie", "key": "session"}}, "rhs": {"int": 16}},
        // http.request.uri.args["page"] in {"1" "2"}
        {"in": {"field": "http.request.uri.args", "key": "page"}, "set": [{"str": "1"}, {"str": "2"}]},
        // local.tenant == "acme" or ip.src.country in {"KP" "IR"}
        {"or": [{"cmp": "eq", "lhs": {"field": "local", "key": "tenant"}, "rhs": {"str": "acme"}},
                {"in": {"field": "ip.src.country"}, "set": [{"str": "KP"}, {"str": "IR"}]}]},
        // http.request.uri.path contains "/wp-admin" or http.request.uri.query contains "../"
        {"or": [{"cmp": "contains", "lhs": {"field": "http.request.uri.path"}, "rhs": {"str": "/wp-admin"}},
                {"cmp": "contains", "lhs": {"field": "http.request.uri.query"}, "rhs": {"str": "../"}}]}
    ])
}

fn main() {
    let program = match Program::compile(&expressions()) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("compile: {}", e);
            std::process::exit(1);
        }
    };
    let headers: Vec<Cow<'_, str>> = [
        ("host", "API.example.com"),
        ("user-agent", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36"),
        ("accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"),
        ("accept-language", "en-GB,en;q=0.9"),
        ("accept-encoding", "gzip, deflate, br"),
        ("x-api-key", "k-3f9a2c"),
        ("cookie", "session=9c1f2e3d4b5a69788796a5b4c3d2e1f0; theme=dark; _ga=GA1.2.123456789.1700000000"),
        ("x-forwarded-for", "198.51.100.23"),
        ("sec-fetch-mode", "navigate"),
        ("connection", "keep-alive"),
    ]
    .iter()
    .flat_map(|&(n, v)| [Cow::Borrowed(n), Cow::Borrowed(v)])
    .collect();
    let local: Vec<Cow<'_, str>> = ["plan", "free", "tenant", "globex"].iter().map(|&s| Cow::Borrowed(s)).collect();
    let input = Input {
        method: "POST",
        path: "/api/v1/orders/1234",
        query: "page=2&sort=created_at&q=red+shoes%20size%2042",
        cookies: "session=9c1f2e3d4b5a69788796a5b4c3d2e1f0; theme=dark; _ga=GA1.2.123456789.1700000000",
        ip: "198.51.100.23",
        headers: &headers,
        local: &local,
        ip_details: &[],
    };
    let results = program.eval(&input);
    println!("results: {:?}", results);

    // Warm up (the regex's lazy DFA fills its cache on first use).
    let mut checksum = 0usize;
    for _ in 0..10_000 {
        checksum += program.eval(&input).iter().filter(|t| **t == Tri::True).count();
    }
    const PER_SAMPLE: u32 = 2_000;
    let mut samples: Vec<f64> = (0..101)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..PER_SAMPLE {
                checksum += program.eval(&input).iter().filter(|t| **t == Tri::True).count();
            }
            start.elapsed().as_secs_f64() * 1e6 / f64::from(PER_SAMPLE)
        })
        .collect();
    samples.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    let at = |q: f64| samples.get(((samples.len() - 1) as f64 * q) as usize).copied().unwrap_or(f64::NAN);
    println!(
        "10 expressions per eval: median {:.3} µs (p10 {:.3}, p90 {:.3}; {} samples of {} evals; checksum {})",
        at(0.5),
        at(0.1),
        at(0.9),
        samples.len(),
        PER_SAMPLE,
        checksum
    );
}
