//! Measures the detection engine natively: detection rate per libinjection
//! corpus file and category, false-positive rates on the benign corpora,
//! and time per request for a typical 1 KB form post.
//!
//! Run from `wasm/shield`:
//! `RUSTC=/usr/bin/rustc cargo run --release --bin shield_bench`

#[path = "../../tests/common/corpus.rs"]
mod corpus;

use std::time::Instant;

use shield::{inspect, Config, Request, Severity};

struct Rate {
    total: usize,
    high: usize,
    any: usize,
}

fn query_request(query: &str) -> Request<'_> {
    Request { method: "GET", path: "/search", query, headers: &[], cookies: "", body: None }
}

fn rate(lines: &[Vec<u8>], cfg: &Config) -> Rate {
    let mut r = Rate { total: 0, high: 0, any: 0 };
    for l in lines {
        let q = format!("q={}", corpus::url_encode(&corpus::url_decode(l)));
        let f = inspect(&query_request(&q), cfg);
        r.total += 1;
        if f.iter().any(|f| f.severity == Severity::High) {
            r.high += 1;
        }
        if f.iter().any(|f| f.severity >= Severity::Medium) {
            r.any += 1;
        } else if std::env::var_os("SHIELD_DUMP_MISS").is_some() {
            println!("    MISS {}", String::from_utf8_lossy(&corpus::url_decode(l)));
        }
    }
    r
}

fn pct(n: usize, d: usize) -> f64 {
    if d == 0 {
        0.0
    } else {
        100.0 * n as f64 / d as f64
    }
}

fn main() {
    let cfg = Config::default();
    // `--worst` times hostile shapes at the largest limits the host allows.
    if std::env::args().any(|a| a == "--worst") {
        worst();
        return;
    }
    // `--speed` skips the corpora (for profiling the request path alone).
    if !std::env::args().any(|a| a == "--speed") {
        corpora(&cfg);
    }
    speed(&cfg);
}

fn corpora(cfg: &Config) {
    let cfg = cfg.clone();
    let dir = corpus::libinjection_dir();
    println!("detection (libinjection corpus, each line as a query value; high = denied, flagged = medium or high)");
    for cat in ["sqli", "xss"] {
        let mut total = Rate { total: 0, high: 0, any: 0 };
        for f in corpus::files(&dir, &format!("{}-", cat)) {
            let r = rate(&corpus::lines(&f), &cfg);
            println!(
                "  {:48} {:6} lines  high {:6.2}%  flagged {:6.2}%",
                f.file_name().unwrap().to_string_lossy(),
                r.total,
                pct(r.high, r.total),
                pct(r.any, r.total)
            );
            total.total += r.total;
            total.high += r.high;
            total.any += r.any;
        }
        println!("  {:48} {:6} lines  high {:6.2}%  flagged {:6.2}%", format!("ALL {}", cat), total.total, pct(total.high, total.total), pct(total.any, total.total));
    }

    println!("false positives (each line as a query value)");
    let mut benign: Vec<(String, Vec<Vec<u8>>)> = vec![("libinjection false_positives.txt".into(), corpus::lines(&dir.join("false_positives.txt")).iter().map(|l| corpus::url_decode(l)).collect())];
    for f in corpus::files(&corpus::benign_dir(), "") {
        benign.push((format!("benign/{}", f.file_name().unwrap().to_string_lossy()), corpus::lines(&f).iter().map(|l| corpus::unescape_case(&String::from_utf8_lossy(l))).collect()));
    }
    let (mut t, mut h, mut m, mut lo) = (0, 0, 0, 0);
    for (name, lines) in &benign {
        let (mut fh, mut fm, mut fl) = (0, 0, 0);
        for l in lines {
            let q = format!("q={}", corpus::url_encode(l));
            let f = inspect(&query_request(&q), &cfg);
            let max = f.iter().map(|f| f.severity).max();
            if std::env::var_os("SHIELD_DUMP_FP").is_some() && max >= Some(Severity::Medium) {
                println!("    FP {:?} {}", f.iter().map(|f| (f.rule, f.severity.as_str())).collect::<Vec<_>>(), String::from_utf8_lossy(l));
            }
            match max {
                Some(Severity::High) => fh += 1,
                Some(Severity::Medium) => fm += 1,
                Some(Severity::Low) => fl += 1,
                None => {}
            }
        }
        println!("  {:48} {:6} lines  high {:5.2}%  medium {:5.2}%  low {:5.2}%", name, lines.len(), pct(fh, lines.len()), pct(fm, lines.len()), pct(fl, lines.len()));
        t += lines.len();
        h += fh;
        m += fm;
        lo += fl;
    }
    println!("  {:48} {:6} lines  high {:5.2}%  medium {:5.2}%  low {:5.2}%", "ALL benign", t, pct(h, t), pct(m, t), pct(lo, t));

}

fn speed(cfg: &Config) {
    let cfg = cfg.clone();
    // A typical 1 KB form post: a sign-up/comment form.
    let body = typical_form();
    let headers: Vec<(&str, &str)> = vec![
        ("host", "shop.example.com"),
        ("user-agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36"),
        ("accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"),
        ("accept-language", "en-GB,en;q=0.9"),
        ("content-type", "application/x-www-form-urlencoded"),
        ("content-length", "1024"),
        ("referer", "https://shop.example.com/account/profile?tab=settings"),
        ("origin", "https://shop.example.com"),
    ];
    let req = Request {
        method: "POST",
        path: "/account/profile",
        query: "tab=settings&lang=en",
        headers: &headers,
        cookies: "session=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NSJ9.c2lnbmF0dXJl; theme=dark; _ga=GA1.2.1234567.1700000000",
        body: Some(body.as_bytes()),
    };
    // The form of `benchmarks/shield.py` (`form_post()`), as the analyzer
    // hands it over: the number the Python side measures through Wasm.
    let py_headers: Vec<(&str, &str)> = vec![
        ("host", "example.com"),
        ("user-agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36"),
        ("content-type", "application/x-www-form-urlencoded"),
        ("content-length", "944"),
        ("accept", "text/html,application/xhtml+xml"),
        ("accept-language", "en-US,en;q=0.9"),
        ("origin", "https://example.com"),
        ("referer", "https://example.com/signup?step=1"),
    ];
    let py_req = Request {
        method: "POST",
        path: "/signup",
        query: "step=2",
        headers: &py_headers,
        cookies: "session=6b1f0e9c2d; theme=dark; consent=yes",
        body: Some(PY_FORM.as_bytes()),
    };
    let forms = [(format!("typical {} byte form post", body.len()), req), (format!("benchmarks/shield.py {} byte form", PY_FORM.len()), py_req)];
    for (_, r) in &forms {
        let findings = inspect(r, &cfg);
        assert!(findings.is_empty(), "typical form flagged: {:?}", findings);
    }
    // `std::hint::black_box` is not stable on Rust 1.63: a checksum the
    // program prints keeps the calls from being optimised away.
    let mut sink = 0usize;
    for _ in 0..2000 {
        sink += inspect(&forms[0].1, &cfg).len() + inspect(&forms[1].1, &cfg).len();
    }
    // Batches of the two forms alternate, so both see the same noise.
    let mut samples = [Vec::with_capacity(201), Vec::with_capacity(201)];
    for _ in 0..201 {
        for (k, (_, r)) in forms.iter().enumerate() {
            let n = 200;
            let t0 = Instant::now();
            for _ in 0..n {
                sink += inspect(r, &cfg).len();
            }
            samples[k].push(t0.elapsed().as_secs_f64() * 1e6 / n as f64);
        }
    }
    for (k, (label, _)) in forms.iter().enumerate() {
        let s = &mut samples[k];
        s.sort_by(|a, b| a.partial_cmp(b).unwrap());
        println!("speed: {}, median of 201 batches of 200: {:.2} µs/request (p10 {:.2}, p90 {:.2}; checksum {})", label, s[100], s[20], s[180], sink);
    }
}

/// `benchmarks/shield.py`'s `form_post(1)` body.
const PY_FORM: &str = "first_name=Mary&last_name=O%27Brien&email=mary.obrien%40example.com&phone=%2B1+%28555%29+010-2233&company=Acme+%26+Sons%2C+Ltd.&street=42+Union+Street%2C+Apt.+3&city=Z%C3%BCrich&zip=8001&country=CH&plan=pro&seats=12&referral=https%3A%2F%2Fexample.org%2Fblog%2Fwhy-we-switched%3Futm_source%3Dnewsletter&newsletter=on&terms=on&lang=en-US&tz=Europe%2FZurich&coupon=SPRING-2024&website=https%3A%2F%2Fmary.example.com%2F&bio=I+select+the+best+tools%2C+drop+what+doesn%27t+work+and+join+teams+that+ship.+Previously%3A+data+engineering+%28SQL%2C+Python%29%2C+some+C+and+shell+scripts%3B+I+wrote+a+guide+titled+%22Union+of+sets+in+practice%22+%26+spoke+at+PyCon.&message=Hello%21+We%27re+a+team+of+12+moving+off+spreadsheets%3B+could+you+tell+me+whether+the+pro+plan+includes+SSO%2C+audit+logs+and+an+EU+data+region%3F+Thanks%2C+Mary&how_heard=A+colleague+at+a+meetup+mentioned+you%3B+then+I+read+the+docs.&csrf=9f2c1e0b7a6d4c3b8e1f0a9d2c7b6e5f&nonce=1";

fn typical_form() -> String {
    let fields: &[(&str, &str)] = &[
        ("csrf_token", "b1946ac92492d2347c6235b4d2611184b1946ac92492d234"),
        ("first_name", "Siobhan"),
        ("last_name", "O'Brien"),
        ("email", "siobhan.obrien@example.ie"),
        ("phone", "+353 1 555 0142"),
        ("company", "Brien & Daughters Ltd."),
        ("address_line1", "12 Union Street"),
        ("address_line2", "Apartment 4B"),
        ("city", "Cork"),
        ("postcode", "T12 AB34"),
        ("country", "IE"),
        ("birthday", "1987-03-17"),
        ("newsletter", "on"),
        ("website", "https://siobhan.example.ie/blog?page=2"),
        (
            "bio",
            "Hi! I'm a data engineer who likes to select the right tools for the job. I drop by the \
             union hall on Fridays, and I'm learning to play the fiddle (badly). Favourite quote: \
             \"Where there's a will, there's a way\". Ask me about Postgres, Rust or Irish history - \
             or anything else, really. Updated 2024-01-05.",
        ),
        ("timezone", "Europe/Dublin"),
        ("delivery_notes", "Leave the parcel with the neighbours at no. 14 if I'm out; ring twice, the bell is broken."),
        ("referral", "A friend from the Cork Rust meetup"),
        ("currency", "EUR"),
        ("submit", "Save changes"),
    ];
    let mut s = String::new();
    for (k, v) in fields {
        if !s.is_empty() {
            s.push('&');
        }
        s.push_str(k);
        s.push('=');
        s.push_str(&corpus::url_encode(v.as_bytes()).replace("%20", "+"));
    }
    s
}

/// The most a request can hold under the host's largest limits: a 4 MiB
/// body and every header at its cap. Each fragment is repeated to fill it,
/// as a text, form, JSON and multipart body, and as headers; the slowest
/// shapes are printed (ms, best of 3).
fn worst() {
    let frags: Vec<String> = std::env::var("SHIELD_WORST_FRAGMENTS")
        .map(|s| s.split(' ').filter(|f| !f.is_empty()).map(str::to_string).collect())
        .unwrap_or_else(|_| {
            ["||", "'", "\"", "--", "/*", "<", "%", "&#", "\\u", "${", "../", "<a ", "{{", ";id", "%25", "1 or ", "a'", "(", ")", "$(", "`", "//"]
                .iter()
                .map(|s| s.to_string())
                .collect()
        });
    let body_max: usize = std::env::var("SHIELD_WORST_BODY").ok().and_then(|s| s.parse().ok()).unwrap_or(4 << 20);
    let header_total: usize = std::env::var("SHIELD_WORST_HEADERS").ok().and_then(|s| s.parse().ok()).unwrap_or(1600 << 10);
    let cfg = Config { max_body_bytes: body_max, max_value_bytes: body_max, ..Config::default() };
    static TEXT: [(&str, &str); 1] = [("content-type", "text/plain")];
    static FORM: [(&str, &str); 1] = [("content-type", "application/x-www-form-urlencoded")];
    static JSON: [(&str, &str); 1] = [("content-type", "application/json")];
    static MP: [(&str, &str); 1] = [("content-type", "multipart/form-data; boundary=XyZ")];
    // The findings' count is printed, so the calls are not optimised away.
    let time = |req: &Request| {
        let (mut best, mut found) = (f64::MAX, 0);
        for _ in 0..3 {
            let t = Instant::now();
            found = inspect(req, &cfg).len();
            best = best.min(t.elapsed().as_secs_f64() * 1e3);
        }
        (best, found)
    };
    let mut rows: Vec<(f64, String)> = Vec::new();
    for f in &frags {
        let fill = |n: usize| -> Vec<u8> { f.bytes().cycle().take(n).collect() };
        let body = fill(body_max);
        let mut as_form = b"f=".to_vec();
        as_form.extend_from_slice(&fill(body_max - 2));
        let esc: Vec<u8> = fill(body_max - 8).iter().flat_map(|&c| if c == b'"' || c == b'\\' { vec![b'\\', c] } else { vec![c] }).take(body_max - 8).collect();
        let mut as_json = b"[\"".to_vec();
        as_json.extend_from_slice(&esc);
        as_json.extend_from_slice(b"\"]");
        let mut as_mp = b"--XyZ\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\n".to_vec();
        as_mp.extend_from_slice(&fill(body_max - 80));
        as_mp.extend_from_slice(b"\r\n--XyZ--\r\n");
        for (kind, (h, b)) in [("text", (&TEXT, body)), ("form", (&FORM, as_form)), ("json", (&JSON, as_json)), ("multipart", (&MP, as_mp))] {
            let r = Request { method: "POST", path: "/", query: "", headers: &h[..], cookies: "", body: Some(&b) };
            let (ms, n) = time(&r);
            rows.push((ms, format!("{} {:?} body {} KiB, {} findings", kind, f, b.len() >> 10, n)));
        }
        let value = String::from_utf8_lossy(&fill(16 << 10)).into_owned();
        let names: Vec<String> = (0..header_total / value.len()).map(|i| format!("x-h{}", i)).collect();
        let hdrs: Vec<(&str, &str)> = names.iter().map(|n| (n.as_str(), value.as_str())).collect();
        let r = Request { method: "GET", path: "/", query: "", headers: &hdrs, cookies: "", body: None };
        let (ms, n) = time(&r);
        rows.push((ms, format!("headers {:?} {} x 16 KiB, {} findings", f, hdrs.len(), n)));
        let q = format!("q={}", String::from_utf8_lossy(&fill(64 << 10)));
        let r = Request { method: "GET", path: "/", query: &q, headers: &[], cookies: "", body: None };
        let (ms, n) = time(&r);
        rows.push((ms, format!("query {:?} 64 KiB, {} findings", f, n)));
    }
    rows.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap());
    for (ms, name) in rows.iter().take(std::env::var("SHIELD_WORST_ROWS").ok().and_then(|s| s.parse().ok()).unwrap_or(30)) {
        println!("{:>9.2} ms  {}", ms, name);
    }
}
