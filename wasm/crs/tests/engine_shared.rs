//! One compiled program shared by the engines of several configurations:
//! each engine answers exactly as an engine compiled for it alone would,
//! and nothing one configuration sets (exclusions, disabled rules, paranoia
//! level, setup variables, lazily built regexes) leaks into another.

use crs::{Config, Engine, Exclusion, Program, Request, Verdict};
use std::rc::Rc;

const UA: &str = "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0";

struct Req {
    method: &'static str,
    uri: &'static str,
    content_type: Option<&'static str>,
    body: Option<&'static [u8]>,
}

impl Req {
    fn run(&self, e: &mut Engine) -> Verdict {
        let len = self.body.map(|b| b.len().to_string()).unwrap_or_default();
        let mut headers = vec![("Host", "example.com"), ("User-Agent", UA), ("Accept", "*/*"), ("Cookie", "session=6b1f0e9c2d; theme=dark")];
        if let Some(ct) = self.content_type {
            headers.push(("Content-Type", ct));
            headers.push(("Content-Length", &len));
        }
        e.evaluate(&Request { method: self.method, uri: self.uri, protocol: "HTTP/1.1", headers: &headers, body: self.body, body_truncated: false, remote_addr: "198.51.100.7" })
    }
}

const FORM: &str = "application/x-www-form-urlencoded";

fn requests() -> Vec<Req> {
    vec![
        Req { method: "GET", uri: "/", content_type: None, body: None },
        Req { method: "GET", uri: "/items?id=1%27%20OR%20%271%27%3D%271", content_type: None, body: None },
        Req { method: "GET", uri: "/download?file=..%2F..%2F..%2Fetc%2Fpasswd", content_type: None, body: None },
        Req { method: "POST", uri: "/comment", content_type: Some(FORM), body: Some(b"name=x&comment=%3Cscript%3Ealert(document.cookie)%3C%2Fscript%3E") },
        Req { method: "POST", uri: "/ping", content_type: Some(FORM), body: Some(b"host=127.0.0.1%3Bcat+%2Fetc%2Fpasswd&body_note=1+union+select+password+from+users") },
        Req { method: "POST", uri: "/api/login", content_type: Some("application/json"), body: Some(br#"{"user":"admin' --","pass":"x' union select password from users--"}"#) },
        Req { method: "GET", uri: "/search?q=winter+boots&sort=date&page=2", content_type: None, body: None },
    ]
}

fn configs() -> Vec<Config> {
    vec![
        Config::default(),
        Config { paranoia_level: 4, anomaly_threshold: 20, ..Config::default() },
        Config { paranoia_level: 2, disabled_ids: vec![(942100, 942100)], disabled_tags: vec!["attack-xss".into()], ..Config::default() },
        Config {
            paranoia_level: 3,
            exclusions: vec![
                Exclusion { target: "ARGS:comment".into(), ids: vec![], tags: vec![] },
                Exclusion { target: "ARGS:/^body_/".into(), ids: vec![(942000, 942999)], tags: vec![] },
                Exclusion { target: "REQUEST_COOKIES".into(), ids: vec![], tags: vec!["attack-sqli".into()] },
            ],
            ..Config::default()
        },
        Config { max_body_bytes: 16, ..Config::default() },
    ]
}

#[test]
fn shared_engines_answer_as_engines_of_their_own() {
    let prog = Program::load().expect("program");
    // Interleaved: every request through every configuration in turn, so
    // that state one engine leaves in the shared program would show.
    let mut shared: Vec<Engine> = configs().into_iter().map(|c| Engine::with_program(Rc::clone(&prog), c).expect("engine")).collect();
    let mut alone: Vec<Engine> = configs().into_iter().map(|c| Engine::new(c).expect("engine")).collect();
    for (r, req) in requests().iter().enumerate() {
        for (c, (s, a)) in shared.iter_mut().zip(alone.iter_mut()).enumerate() {
            assert_eq!(req.run(s), req.run(a), "request {} under configuration {}", r, c);
        }
    }
    for e in &shared {
        assert!(Rc::ptr_eq(e.program(), &prog));
    }
}

#[test]
fn configurations_differ_where_they_should() {
    let prog = Program::load().expect("program");
    let mut engines: Vec<Engine> = configs().into_iter().map(|c| Engine::with_program(Rc::clone(&prog), c).expect("engine")).collect();
    let xss = &requests()[3];
    let ids = |v: &Verdict| v.matches.iter().map(|m| m.id).collect::<Vec<_>>();
    let default = xss.run(&mut engines[0]);
    assert!(default.blocked && ids(&default).contains(&941100), "{:?}", default);
    // attack-xss disabled; the comment excluded from every rule.
    assert!(!ids(&xss.run(&mut engines[2])).iter().any(|id| (941000..942000).contains(id)));
    assert!(!ids(&xss.run(&mut engines[3])).iter().any(|id| (941000..942000).contains(id)));
    // And the default configuration is untouched by the others.
    assert_eq!(xss.run(&mut engines[0]), default);
    let sqli = &requests()[1];
    let pl1 = sqli.run(&mut engines[0]);
    let pl4 = sqli.run(&mut engines[1]);
    assert!(pl4.matches.len() > pl1.matches.len(), "{:?} vs {:?}", pl4, pl1);
}

#[test]
fn setup_variables_stay_with_their_engine() {
    let prog = Program::load().expect("program");
    let mut plain = Engine::with_program(Rc::clone(&prog), Config::default()).expect("engine");
    let mut tuned = Engine::with_program(Rc::clone(&prog), Config::default()).expect("engine");
    // A name the rules spell (the paranoia level they read) and one they
    // do not: neither may reach the other engine.
    tuned.setup_var("detection_paranoia_level", "4");
    tuned.setup_var("x_not_in_the_rules", "1");
    let sqli = &requests()[1];
    let before = sqli.run(&mut plain);
    let detected = sqli.run(&mut tuned);
    assert!(detected.matches.len() > before.matches.len(), "{:?} vs {:?}", detected, before);
    assert_eq!(sqli.run(&mut plain), before);
}

#[test]
fn a_bad_exclusion_is_an_error_and_leaves_the_program_usable() {
    let prog = Program::load().expect("program");
    let bad = Config { exclusions: vec![Exclusion { target: "ARGS:/(/".into(), ids: vec![], tags: vec![] }], ..Config::default() };
    let err = Engine::with_program(Rc::clone(&prog), bad).err().unwrap_or_default();
    assert!(err.contains("exclusions"), "{:?}", err);
    let mut e = Engine::with_program(prog, Config::default()).expect("engine");
    assert!(requests()[1].run(&mut e).blocked);
}

#[test]
fn warm_up_builds_the_shared_operators_once() {
    let prog = Program::load().expect("program");
    let mut a = Engine::with_program(Rc::clone(&prog), Config::default()).expect("engine");
    a.warm_up();
    assert!(prog.operator_errors().is_empty(), "{:?}", prog.operator_errors());
    let mut b = Engine::with_program(Rc::clone(&prog), Config { paranoia_level: 4, ..Config::default() }).expect("engine");
    assert!(requests()[5].run(&mut b).blocked);
    assert!(b.operator_errors().is_empty());
}
