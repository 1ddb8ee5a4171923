//! Exclusions: a request part left out of some detectors (`Config::exclusions`).

use shield::{inspect, Category, Config, Exclusion, Finding, Memo, Request};

fn cfg(exclusions: &[(&str, &[Category])]) -> Config {
    Config { exclusions: exclusions.iter().map(|(t, c)| Exclusion::new(t, c).unwrap()).collect(), ..Config::default() }
}

fn cats(f: &[Finding]) -> Vec<Category> {
    let mut c: Vec<Category> = f.iter().map(|f| f.category).collect();
    c.sort();
    c.dedup();
    c
}

const SQLI: &str = "1' union select password from users--";
const XSS: &str = "<script>alert(1)</script>";

fn form(body: &str) -> (Vec<(&'static str, &'static str)>, String) {
    (vec![("content-type", "application/x-www-form-urlencoded")], body.to_string())
}

fn post<'a>(headers: &'a [(&'a str, &'a str)], body: &'a [u8]) -> Request<'a> {
    Request { method: "POST", path: "/", query: "", headers, cookies: "", body: Some(body) }
}

fn enc(s: &str) -> String {
    s.bytes().map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{:02X}", b) }).collect()
}

#[test]
fn a_form_field_loses_only_the_excluded_categories() {
    let (h, body) = form(&format!("body={}&other={}&html={}", enc(SQLI), enc(SQLI), enc(XSS)));
    let req = post(&h, body.as_bytes());
    assert_eq!(cats(&inspect(&req, &Config::default())), vec![Category::SqlInjection, Category::Xss]);
    // `body` loses SQL injection; `other` still has it.
    assert_eq!(cats(&inspect(&req, &cfg(&[("ARGS:body", &[Category::SqlInjection])]))), vec![Category::SqlInjection, Category::Xss]);
    let (h2, only) = form(&format!("body={}&html={}", enc(SQLI), enc(XSS)));
    let req2 = post(&h2, only.as_bytes());
    assert_eq!(cats(&inspect(&req2, &cfg(&[("ARGS:body", &[Category::SqlInjection])]))), vec![Category::Xss]);
    // An exclusion of another category leaves the field's SQL injection.
    assert_eq!(cats(&inspect(&req2, &cfg(&[("ARGS:body", &[Category::Xss])]))), vec![Category::SqlInjection, Category::Xss]);
    // By regex, and ARGS_GET does not reach the body.
    assert_eq!(cats(&inspect(&req2, &cfg(&[("ARGS_POST:/^(?i)BO/", &[Category::SqlInjection])]))), vec![Category::Xss]);
    assert_eq!(cats(&inspect(&req2, &cfg(&[("ARGS_GET:body", &[Category::SqlInjection])]))), vec![Category::SqlInjection, Category::Xss]);
}

#[test]
fn query_names_and_values_are_apart() {
    let q = format!("q={}", enc(SQLI));
    let req = Request { method: "GET", path: "/", query: &q, headers: &[], cookies: "", body: None };
    assert!(cats(&inspect(&req, &cfg(&[("ARGS_GET:q", &[Category::SqlInjection])]))).is_empty());
    assert_eq!(cats(&inspect(&req, &cfg(&[("ARGS_NAMES:q", &[Category::SqlInjection])]))), vec![Category::SqlInjection]);
    let named = format!("{}=1", enc(SQLI));
    let req = Request { method: "GET", path: "/", query: &named, headers: &[], cookies: "", body: None };
    assert!(cats(&inspect(&req, &cfg(&[("ARGS_NAMES", &[Category::SqlInjection])]))).is_empty());
}

#[test]
fn json_members_are_named_as_modsecurity_names_them() {
    let h = [("content-type", "application/json")];
    let body = format!(r#"{{"page": {{"title": "x", "blocks": [{{"html": "{XSS}"}}, {{"sql": "{SQLI}"}}]}}}}"#);
    let req = post(&h, body.as_bytes());
    assert_eq!(cats(&inspect(&req, &Config::default())), vec![Category::SqlInjection, Category::Xss]);
    let c = cfg(&[("ARGS:json.page.blocks.array_0.html", &[Category::Xss])]);
    assert_eq!(cats(&inspect(&req, &c)), vec![Category::SqlInjection]);
    // The second element is another member: not excluded by the first's name.
    let c = cfg(&[("ARGS:json.page.blocks.array_0.sql", &[Category::SqlInjection])]);
    assert_eq!(cats(&inspect(&req, &c)), vec![Category::SqlInjection, Category::Xss]);
    let c = cfg(&[("ARGS:/^json\\.page\\.blocks\\./", &[Category::SqlInjection, Category::Xss])]);
    assert!(cats(&inspect(&req, &c)).is_empty());
    // A key holding an attack is a name.
    let body = format!(r#"{{"{SQLI}": 1}}"#);
    let req = post(&h, body.as_bytes());
    assert!(cats(&inspect(&req, &cfg(&[("ARGS_POST_NAMES", &[Category::SqlInjection])]))).is_empty());
    assert_eq!(cats(&inspect(&req, &cfg(&[("ARGS_POST", &[Category::SqlInjection])]))), vec![Category::SqlInjection]);
}

#[test]
fn cookies_headers_and_multipart() {
    let sq = enc(SQLI);
    let cookie = format!("prefs={sq}; theme=dark");
    let req = Request { method: "GET", path: "/", query: "", headers: &[], cookies: &cookie, body: None };
    assert!(cats(&inspect(&req, &cfg(&[("REQUEST_COOKIES:prefs", &[Category::SqlInjection])]))).is_empty());
    assert_eq!(cats(&inspect(&req, &cfg(&[("REQUEST_COOKIES:theme", &[Category::SqlInjection])]))), vec![Category::SqlInjection]);
    let headers = [("x-note", SQLI)];
    let req = Request { method: "GET", path: "/", query: "", headers: &headers, cookies: "", body: None };
    assert!(cats(&inspect(&req, &cfg(&[("REQUEST_HEADERS:X-Note", &[Category::SqlInjection])]))).is_empty());
    let body = format!("--b\r\nContent-Disposition: form-data; name=\"code\"\r\n\r\n{SQLI}\r\n--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"../../etc/passwd\"\r\n\r\nx\r\n--b--\r\n");
    let h = [("content-type", "multipart/form-data; boundary=b")];
    let req = post(&h, body.as_bytes());
    assert_eq!(cats(&inspect(&req, &Config::default())), vec![Category::SqlInjection, Category::PathTraversal]);
    assert_eq!(cats(&inspect(&req, &cfg(&[("ARGS:code", &[Category::SqlInjection])]))), vec![Category::PathTraversal]);
    assert_eq!(cats(&inspect(&req, &cfg(&[("FILES:f", &[Category::PathTraversal])]))), vec![Category::SqlInjection]);
}

#[test]
fn the_memo_answers_the_same_with_exclusions() {
    // A client's second identical form post comes from the memo: the
    // exclusion still applies, and the memo keeps the unfiltered hits for
    // another configuration.
    let (h, body) = form(&format!("body={}&title=hello", enc(SQLI)));
    let req = post(&h, body.as_bytes());
    let c = cfg(&[("ARGS:body", &[Category::SqlInjection])]);
    let plain = Config::default();
    let mut memo = Memo::new(shield::DEFAULT_SLOTS, shield::DEFAULT_MAX_KEY);
    for _ in 0..3 {
        assert!(cats(&shield::inspect_with_memo(&req, &c, &mut memo, b"client")).is_empty());
        assert_eq!(cats(&shield::inspect_with_memo(&req, &plain, &mut memo, b"client")), vec![Category::SqlInjection]);
    }
}

#[test]
fn long_json_names_fail_safe_and_stay_cheap() {
    let h = [("content-type", "application/json")];
    // 60 levels under 1 KiB keys: names would run to 60 KiB each.
    let key = "k".repeat(1024);
    let mut body = String::new();
    for _ in 0..60 {
        body.push_str(&format!("{{\"{key}\":"));
    }
    body.push_str(&format!("\"{SQLI}\""));
    body.push_str(&"}".repeat(60));
    let req = post(&h, body.as_bytes());
    // A regex that every prefix of the name matches: the name is too long to
    // build, so no exclusion applies and the attack is reported.
    let c = cfg(&[("ARGS:/^json\\.k/", &[Category::SqlInjection])]);
    assert_eq!(cats(&inspect(&req, &c)), vec![Category::SqlInjection]);
    // Many strings under a long path: the names' budget bounds the work.
    let deep = format!("{}[{}]{}", format!("{{\"{}\":", "p".repeat(3000)).repeat(1), vec!["\"x\""; 20_000].join(","), "}");
    let req = post(&h, deep.as_bytes());
    let t = std::time::Instant::now();
    let _ = inspect(&req, &Config { max_body_bytes: 256 * 1024, max_body_params: 1 << 20, ..c.clone() });
    assert!(t.elapsed() < std::time::Duration::from_millis(if cfg!(debug_assertions) { 3000 } else { 200 }), "{:?}", t.elapsed());
}
