//! Behaviour that the ModSecurity cases (`tests/vars.rs`) do not cover: the
//! API, the budgets, and hostile input (no panic, bounded time).

use std::time::{Duration, Instant};

use super::*;

fn request<'a>(
    method: &'a str,
    uri: &'a str,
    headers: &'a [(&'a str, &'a str)],
    body: &'a [u8],
) -> Request<'a> {
    Request {
        method,
        uri,
        protocol: "HTTP/1.1",
        headers,
        body: Some(body),
        body_truncated: false,
        remote_addr: "192.0.2.1",
    }
}

fn values(vars: &Vars<'_>, var: Var) -> Vec<(String, String)> {
    vars.members(var)
        .map(|m| {
            (
                String::from_utf8_lossy(m.key).into_owned(),
                String::from_utf8_lossy(m.value).into_owned(),
            )
        })
        .collect()
}

fn scalar(vars: &Vars<'_>, var: Var) -> String {
    String::from_utf8_lossy(vars.scalar(var)).into_owned()
}

const FORM: &[(&str, &str)] = &[("Content-Type", "application/x-www-form-urlencoded")];
const JSON: &[(&str, &str)] = &[("Content-Type", "application/json")];
const XML: &[(&str, &str)] = &[("Content-Type", "text/xml")];
const MULTIPART: &[(&str, &str)] = &[("Content-Type", "multipart/form-data; boundary=XX")];

#[test]
fn names_round_trip_and_collections_come_first() {
    for (i, var) in Var::ALL.iter().enumerate() {
        assert_eq!(Var::from_name(var.name()), Some(*var));
        assert_eq!(*var as usize, i, "{} out of order", var.name());
        assert_eq!(var.is_collection(), i < FIRST_SCALAR);
    }
    assert_eq!(Var::from_name("request_headers"), Some(Var::RequestHeaders));
    assert_eq!(
        Var::from_name("MULTIPART_SEMICOLON_MISSING"),
        Some(Var::MultipartMissingSemicolon)
    );
    assert_eq!(Var::from_name("TX"), None);
    assert_eq!(Var::from_name("XML:/*"), None);
}

#[test]
fn every_scalar_exists_even_when_empty() {
    let vars = Vars::build(&request("GET", "/", &[], b""), 1024);
    for var in Var::ALL.iter().filter(|v| !v.is_collection()) {
        assert_eq!(vars.members(*var).count(), 1, "{}", var.name());
        assert_eq!(vars.members(*var).next().map(|m| m.key), Some(&b""[..]));
    }
    assert_eq!(scalar(&vars, Var::RequestBasename), "");
    assert_eq!(scalar(&vars, Var::ReqbodyError), "0");
    assert_eq!(
        vars.scalar(Var::Args),
        b"",
        "a collection has no scalar value"
    );
}

#[test]
fn plain_values_borrow_from_the_request() {
    let headers = [("Cookie", "session=abc; theme=dark")];
    let vars = Vars::build(&request("GET", "/p?a=1&b=x%20y", &headers, b""), 1024);
    let raw = |t: &Text<'_>| matches!(t, Text::Raw(_));
    let args = &vars.args.entries;
    assert!(raw(&args[0].key) && raw(&args[0].value));
    assert!(
        !raw(&args[1].value),
        "decoded values live in the shared buffer"
    );
    assert_eq!(vars.decoded, b"x y");
    assert!(vars.cookies.iter().all(|c| raw(&c.key) && raw(&c.value)));
    assert!(vars.headers.iter().all(|h| raw(&h.value)));
}

#[test]
fn views_of_one_argument_list() {
    let vars = Vars::build(&request("POST", "/?g=1", FORM, b"p=2"), 1024);
    assert_eq!(
        values(&vars, Var::Args),
        [("g".into(), "1".into()), ("p".into(), "2".into())]
    );
    assert_eq!(values(&vars, Var::ArgsGet), [("g".into(), "1".into())]);
    assert_eq!(values(&vars, Var::ArgsPost), [("p".into(), "2".into())]);
    assert_eq!(
        values(&vars, Var::ArgsPostNames),
        [("p".into(), "p".into())]
    );
    assert_eq!(scalar(&vars, Var::ArgsCombinedSize), "4.000000");
    let json = Vars::build(&request("POST", "/?g=1", JSON, br#"{"j":2}"#), 1024);
    assert_eq!(values(&json, Var::ArgsPost), []);
    assert_eq!(values(&json, Var::ArgsNames).len(), 2);
}

#[test]
fn selection_by_key_ignores_case() {
    let headers = [
        ("X-Forwarded-For", "1.2.3.4"),
        ("x-forwarded-for", "5.6.7.8"),
    ];
    let vars = Vars::build(&request("GET", "/", &headers, b""), 1024);
    let found: Vec<&[u8]> = vars.get(Var::RequestHeaders, b"X-FORWARDED-FOR").collect();
    assert_eq!(found, [&b"1.2.3.4"[..], b"5.6.7.8"]);
}

#[test]
fn reprocessing_replaces_what_the_body_gave() {
    let headers = [("Content-Type", "text/plain")];
    let mut vars = Vars::build(&request("POST", "/?g=1", &headers, b"a=1&b=2"), 1024);
    assert_eq!(vars.body_processor(), None);
    assert_eq!(values(&vars, Var::ArgsPost), []);
    assert_eq!(scalar(&vars, Var::ReqbodyProcessor), "");

    vars.reprocess_body(BodyProcessor::UrlEncoded);
    assert_eq!(vars.body_processor(), Some(BodyProcessor::UrlEncoded));
    assert_eq!(scalar(&vars, Var::ReqbodyProcessor), "URLENCODED");
    assert_eq!(values(&vars, Var::ArgsPost).len(), 2);
    assert_eq!(scalar(&vars, Var::ArgsCombinedSize), "6.000000");

    vars.reprocess_body(BodyProcessor::Json);
    assert_eq!(scalar(&vars, Var::ReqbodyProcessor), "JSON");
    assert_eq!(values(&vars, Var::Args), [("g".into(), "1".into())]);
    assert_eq!(scalar(&vars, Var::ReqbodyError), "1");
    assert_eq!(scalar(&vars, Var::ArgsCombinedSize), "2.000000");
    assert_eq!(BodyProcessor::from_name("xml"), Some(BodyProcessor::Xml));
    assert_eq!(BodyProcessor::from_name("YAML"), None);
}

#[test]
fn a_cut_body_is_parsed_as_far_as_it_goes() {
    let vars = Vars::build(&request("POST", "/", FORM, b"a=1&b=2"), 5);
    assert_eq!(scalar(&vars, Var::RequestBody), "a=1&b");
    assert_eq!(
        values(&vars, Var::ArgsPost),
        [("a".into(), "1".into()), ("b".into(), "".into())]
    );
    assert_eq!(vars.limits_hit(), [Limit::BodyTruncated]);
    assert!(vars.body_truncated());

    let mut cut_by_host = request("POST", "/", FORM, b"a=1");
    cut_by_host.body_truncated = true;
    assert!(Vars::build(&cut_by_host, 1024).body_truncated());
    assert!(!Vars::build(&request("POST", "/", FORM, b"a=1"), 3).body_truncated());
}

#[test]
fn arguments_stop_at_the_limit() {
    let query: String = (0..1500).map(|i| format!("a{}=1&", i)).collect();
    let uri = format!("/?{}", query);
    let vars = Vars::build(&request("GET", &uri, &[], b""), 1024);
    assert_eq!(vars.members(Var::Args).count(), MAX_ARGS);
    assert_eq!(vars.limits_hit(), [Limit::Args]);

    let members: Vec<String> = (0..1500).map(|i| format!("\"k{}\":1", i)).collect();
    let body = format!("{{{}}}", members.join(","));
    let vars = Vars::build(&request("POST", "/?g=1", JSON, body.as_bytes()), 1 << 20);
    assert_eq!(vars.members(Var::Args).count(), MAX_ARGS);
    assert_eq!(scalar(&vars, Var::ReqbodyError), "1");
    assert_eq!(vars.limits_hit(), [Limit::Args]);
}

#[test]
fn json_deeper_than_the_limit_is_an_error() {
    let deep = |n: usize| [vec![b'['; n], vec![b']'; n]].concat();
    let body = deep(JSON_DEPTH_LIMIT);
    let ok = Vars::build(&request("POST", "/", JSON, &body), 1 << 20);
    assert_eq!(scalar(&ok, Var::ReqbodyError), "0");
    let body = deep(JSON_DEPTH_LIMIT + 1);
    let too_deep = Vars::build(&request("POST", "/", JSON, &body), 1 << 20);
    assert_eq!(scalar(&too_deep, Var::ReqbodyError), "1");
    assert!(scalar(&too_deep, Var::ReqbodyErrorMsg).ends_with("Parsing depth limit exceeded"));
    assert_eq!(too_deep.limits_hit(), [Limit::JsonDepth]);
}

#[test]
fn json_names_have_a_budget() {
    // Every element's name repeats the 100 KB key: ModSecurity would build
    // 100 MB of names here.
    let key = "k".repeat(100_000);
    let body = format!("{{\"{}\":[{}1]}}", key, "1,".repeat(999));
    let started = Instant::now();
    let vars = Vars::build(&request("POST", "/", JSON, body.as_bytes()), 1 << 20);
    assert!(started.elapsed() < Duration::from_secs(1));
    assert_eq!(vars.limits_hit(), [Limit::JsonNames]);
    assert_eq!(scalar(&vars, Var::ReqbodyError), "1");
    let total: usize = vars.members(Var::ArgsNames).map(|m| m.key.len()).sum();
    assert!(total <= (1 << 20) + 4 * body.len());
}

#[test]
fn xml_entity_expansion_has_a_budget() {
    // "Billion laughs": ten levels of ten references.
    let mut dtd = String::from("<!DOCTYPE a [<!ENTITY l0 \"laugh\">");
    for i in 1..10 {
        let refs = format!("&l{};", i - 1).repeat(10);
        dtd.push_str(&format!("<!ENTITY l{} \"{}\">", i, refs));
    }
    let body = format!("{}]><a>&l9;</a>", dtd);
    let started = Instant::now();
    let vars = Vars::build(&request("POST", "/", XML, body.as_bytes()), 1 << 20);
    assert!(started.elapsed() < Duration::from_secs(1));
    assert_eq!(vars.limits_hit(), [Limit::XmlEntities]);
    assert_eq!(scalar(&vars, Var::ReqbodyError), "1");

    let looped = b"<!DOCTYPE a [<!ENTITY x \"&y;\"><!ENTITY y \"&x;\">]><a>&x;</a>";
    let vars = Vars::build(&request("POST", "/", XML, looped), 1024);
    assert_eq!(scalar(&vars, Var::ReqbodyError), "1");
}

#[test]
fn xml_external_entities_are_never_loaded() {
    let body = b"<!DOCTYPE a [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><a>x&e;y</a>";
    let vars = Vars::build(&request("POST", "/", XML, body), 1024);
    assert_eq!(values(&vars, Var::Xml), [("/*".into(), "xy".into())]);
    assert_eq!(scalar(&vars, Var::ReqbodyError), "0");
}

#[test]
fn xml_deeper_than_libxml2_allows_is_an_error() {
    let body = [b"<a>".repeat(300), b"</a>".repeat(300)].concat();
    let vars = Vars::build(&request("POST", "/", XML, &body), 1 << 20);
    assert_eq!(scalar(&vars, Var::ReqbodyError), "1");
    assert_eq!(vars.limits_hit(), [Limit::XmlDepth]);
}

#[test]
fn unique_id_is_a_stable_hash_of_the_request() {
    let id = |body: &[u8]| {
        let vars = Vars::build(&request("POST", "/", FORM, body), 1024);
        scalar(&vars, Var::UniqueId)
    };
    assert_eq!(id(b"a=1"), id(b"a=1"));
    assert_ne!(id(b"a=1"), id(b"a=2"));
    assert_eq!(id(b"a=1").len(), 16);
}

/// A small deterministic generator (xorshift) for the fuzz-style tests.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn mutate(rng: &mut Rng, seed: &[u8]) -> Vec<u8> {
    const ALPHABET: &[u8] = b"\r\n-\"'\\;:=&%+<>/![]{},?#x0 \t\x00\xff\xc3\xa9aA1XY";
    let mut b = seed.to_vec();
    for _ in 0..1 + rng.below(6) {
        let at = rng.below(b.len() + 1);
        match rng.below(4) {
            0 => b.insert(at, ALPHABET[rng.below(ALPHABET.len())]),
            1 if at < b.len() => {
                b.remove(at);
            }
            2 if at < b.len() => b[at] = ALPHABET[rng.below(ALPHABET.len())],
            _ => {
                let end = (at + 1 + rng.below(12)).min(b.len());
                let piece = b[at.min(end)..end].to_vec();
                let to = rng.below(b.len() + 1);
                b.splice(to..to, piece);
            }
        }
    }
    b
}

#[test]
fn mutated_bodies_never_panic() {
    let seeds: &[(&[(&str, &str)], &[u8])] = &[
        (FORM, b"a=1&b=%41+c&&=x&k=%zz"),
        (JSON, br#"{"a":{"b":"c\u00e9\ud83d\ude00","d":[1,-2.5e3,{"e":null}],"f":true}}"#),
        (
            XML,
            b"<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY e \"<b c='1'>x</b>\">]><a x=\"1\">t&e;<![CDATA[c]]><!--c--><?p d?>&#65;</a>",
        ),
        (
            MULTIPART,
            b"--XX\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n--XX\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x.txt\"\r\nContent-Type: text/plain\r\n\r\nfile\r\n--XX--\r\n",
        ),
    ];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..3000 {
        let (headers, seed) = seeds[rng.below(seeds.len())];
        let body = mutate(&mut rng, seed);
        let uri =
            String::from_utf8_lossy(&mutate(&mut rng, b"/a%2fb/c.php?x=1&y=%41#f")).into_owned();
        let cookie = String::from_utf8_lossy(&mutate(&mut rng, b"a=1; b = 2;c")).into_owned();
        let mut all = headers.to_vec();
        all.push(("Cookie", &cookie));
        let mut vars = Vars::build(&request("POST", &uri, &all, &body), 1 << 20);
        for var in Var::ALL {
            let _ = vars.members(var).count();
        }
        vars.reprocess_body(BodyProcessor::Xml);
        vars.reprocess_body(BodyProcessor::Multipart);
    }
}

/// Builds `body` under every processor and checks the time stays within a
/// bound far above what linear work takes (quadratic work on these sizes
/// would take minutes).
fn bounded(name: &str, body: &[u8]) {
    for headers in [FORM, JSON, XML, MULTIPART] {
        let started = Instant::now();
        let vars = Vars::build(&request("POST", "/", headers, body), 1 << 21);
        let _ = vars.members(Var::Args).count();
        let took = started.elapsed();
        assert!(
            took < Duration::from_secs(2),
            "{} as {:?}: {:?}",
            name,
            headers,
            took
        );
    }
}

#[test]
fn hostile_bodies_stay_linear() {
    const MB: usize = 1 << 20;
    bounded("open brackets", &vec![b'['; MB]);
    bounded("open objects", &br#"{"a":"#.repeat(MB / 5)[..]);
    bounded("open elements", &b"<a>".repeat(MB / 3));
    bounded(
        "attributes",
        &[&b"<a "[..], &b"b=\"1\" ".repeat(MB / 6), b"/>"].concat(),
    );
    bounded("dashes", &vec![b'-'; MB]);
    bounded("boundary-like lines", &b"--XX--XX--XX\r\n".repeat(MB / 14));
    bounded("empty parts", &b"--XX\r\n\r\n".repeat(MB / 8));
    bounded(
        "header lines",
        &[&b"--XX\r\n"[..], &b"X: y\r\n".repeat(MB / 6)].concat(),
    );
    bounded(
        "folded header",
        &[&b"--XX\r\nX: y\r\n"[..], &b" z\r\n".repeat(MB / 4)].concat(),
    );
    bounded("ampersands", &vec![b'&'; MB]);
    bounded("percent signs", &vec![b'%'; MB]);
    bounded("escapes", &br#"["\u0041\ud83d"#.repeat(MB / 14));
    bounded(
        "references",
        &[&b"<a>"[..], &b"&amp;&#65;".repeat(MB / 10)].concat(),
    );
    bounded("cdata ends", &[&b"<a>"[..], &b"]]".repeat(MB / 2)].concat());
}
