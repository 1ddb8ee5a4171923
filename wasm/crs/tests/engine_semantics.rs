//! The engine's SecLang semantics on small hand-written rule tables:
//! chains, setvar per matched value, skipAfter, captures, multiMatch,
//! counts, exclusions, ctl, disruptive actions, configuration errors.

use crs::{Config, Engine, Exclusion, Request, SecondOpinion, Verdict};
use serde_json::{json, Value};

fn engine_with(items: Value, cfg: Config) -> Engine {
    let table = json!({ "version": "4.0.0", "items": items, "data_files": { "words.data": ["alpha", "beta gamma"] } });
    match Engine::with_rules(&table.to_string(), cfg) {
        Ok(e) => e,
        Err(e) => panic!("rules rejected: {}", e),
    }
}

fn engine(items: Value) -> Engine {
    engine_with(items, Config::default())
}

/// A logged rule adding 5 to `tx.score` per matched value.
fn scoring(id: u32, phase: u8, targets: Value, op: &str, param: &str) -> Value {
    json!({ "item": "rule", "id": id, "phase": phase, "targets": targets,
            "operator": { "name": op, "param": param },
            "actions": { "disruptive": "block", "setvar": [{ "collection": "tx", "name": "score", "op": "add", "value": "5" }] } })
}

fn args() -> Value {
    json!([{ "collection": "ARGS" }])
}

fn get(engine: &mut Engine, uri: &str) -> Verdict {
    post(engine, uri, None)
}

fn post(engine: &mut Engine, uri: &str, body: Option<&str>) -> Verdict {
    let mut headers = vec![("Host", "example.com"), ("User-Agent", "test")];
    if body.is_some() {
        headers.push(("Content-Type", "application/x-www-form-urlencoded"));
    }
    let req = Request { method: if body.is_some() { "POST" } else { "GET" }, uri, protocol: "HTTP/1.1", headers: &headers, body: body.map(str::as_bytes), body_truncated: false, remote_addr: "192.0.2.1" };
    engine.evaluate(&req)
}

fn ids(v: &Verdict) -> Vec<u32> {
    v.matches.iter().map(|m| m.id).collect()
}

/// A phase-2 rule that reports `tx.<name>` as the anomaly score.
fn report(name: &str) -> Value {
    json!({ "item": "rule", "id": 9, "phase": 2, "targets": [],
            "operator": { "name": "unconditionalMatch" },
            "actions": { "log": false, "setvar": [{ "collection": "tx", "name": "blocking_inbound_anomaly_score", "op": "set", "value": format!("%{{tx.{}}}", name) }] } })
}

#[test]
fn setvar_runs_once_per_matched_value() {
    let mut e = engine(json!([scoring(1, 2, args(), "rx", "^evil"), report("score")]));
    let v = get(&mut e, "/?a=evil1&b=evil2&c=good");
    assert_eq!(ids(&v), vec![1]);
    assert_eq!(v.anomaly_score, 10);
    assert_eq!(v.matches[0].var, "ARGS:b", "the last matched variable");
    let v = get(&mut e, "/?c=good");
    assert!(v.matches.is_empty());
    assert_eq!(v.anomaly_score, 0, "state does not leak between requests");
}

#[test]
fn chain_logs_only_when_every_link_matches_but_starter_setvars_run() {
    let starter = json!({ "item": "rule", "id": 2, "phase": 2, "targets": args(),
        "operator": { "name": "rx", "param": "^x" },
        "actions": { "disruptive": "block", "setvar": [{ "collection": "tx", "name": "starter", "op": "add", "value": "1" }] },
        "chain": { "phase": 2, "targets": [{ "collection": "REQUEST_METHOD" }], "operator": { "name": "streq", "param": "POST" },
                   "actions": { "setvar": [{ "collection": "tx", "name": "starter", "op": "add", "value": "100" }] } } });
    let mut e = engine(json!([starter, report("starter")]));
    let v = get(&mut e, "/?q=x1");
    assert!(ids(&v).is_empty());
    assert_eq!(v.anomaly_score, 1, "the starter's setvar ran on its match");
    let v = post(&mut e, "/", Some("q=x1"));
    assert_eq!(ids(&v), vec![2]);
    assert_eq!(v.anomaly_score, 101);
    assert_eq!(v.matches[0].var, "ARGS:q", "a chain reports its starter's variable");
}

#[test]
fn chained_link_reads_matched_vars_and_captures() {
    // 942130's shape: capture both sides, then compare TX:1 with TX:2.
    let rule = json!({ "item": "rule", "id": 3, "phase": 2, "targets": args(),
        "operator": { "name": "rx", "param": "(\\w+)=(\\w+)" },
        "actions": { "disruptive": "block", "capture": true },
        "chain": { "phase": 2, "targets": [{ "collection": "TX", "selector": { "key": "1" } }],
                   "operator": { "name": "streq", "param": "%{TX.2}" }, "actions": {} } });
    let matched_vars = json!({ "item": "rule", "id": 4, "phase": 2, "targets": args(),
        "operator": { "name": "rx", "param": "a" }, "actions": { "disruptive": "block" },
        "chain": { "phase": 2, "targets": [{ "collection": "MATCHED_VARS" }],
                   "operator": { "name": "rx", "param": "z$" }, "actions": {} } });
    let mut e = engine(json!([rule, matched_vars]));
    assert_eq!(ids(&get(&mut e, "/?q=1%3D1")), vec![3]);
    assert!(ids(&get(&mut e, "/?q=1%3D2")).is_empty());
    // Two matched values; the chained link finds the one ending in z.
    assert_eq!(ids(&get(&mut e, "/?p=az&q=ab")), vec![4]);
    assert!(ids(&get(&mut e, "/?p=ay&q=ab")).is_empty());
}

/// A rule capturing `param` from `ARGS:<key>`.
fn capturing(id: u32, key: &str, param: &str) -> Value {
    json!({ "item": "rule", "id": id, "phase": 2, "targets": [{ "collection": "ARGS", "selector": { "key": key } }],
            "operator": { "name": "rx", "param": param }, "actions": { "disruptive": "block", "capture": true } })
}

/// A rule logged when `TX:0`, `TX:1` and `TX:2` equal the three texts.
fn captures_are(id: u32, tx0: &str, tx1: &str, tx2: &str) -> Value {
    let link = |key: &str, text: &str| json!({ "phase": 2, "targets": [{ "collection": "TX", "selector": { "key": key } }],
                                               "operator": { "name": "streq", "param": text }, "actions": {} });
    let mut second = link("1", tx1);
    second["chain"] = link("2", tx2);
    let mut first = link("0", tx0);
    first["item"] = json!("rule");
    first["id"] = json!(id);
    first["actions"] = json!({ "disruptive": "block" });
    first["chain"] = second;
    first
}

#[test]
fn deferred_captures_read_as_modsecurity_leaves_them() {
    // The groups of a capture are worked out only when a rule reads them
    // (the regex engine that finds groups is the slow one). What the rule
    // reads must not change: the newest capture where a group took part
    // decides it, a group that did not take part keeps the older value,
    // and a later capture without groups (TX:0 only) or a setvar wins.
    let items = json!([
        capturing(1, "q", "(a)(b)x"),
        capturing(2, "s", "(c)|(d)"),
        capturing(3, "r", "^zz$"),
        captures_are(4, "zz", "a", "d"),
    ]);
    let mut e = engine(items);
    assert_eq!(ids(&get(&mut e, "/?q=abx&s=d&r=zz")), vec![1, 2, 3, 4]);
    // Without the group-less capture, TX:0 is the newest match with groups.
    let items = json!([capturing(1, "q", "(a)(b)x"), capturing(2, "s", "(c)|(d)"), captures_are(4, "d", "a", "d")]);
    let mut e = engine(items);
    assert_eq!(ids(&get(&mut e, "/?q=abx&s=d")), vec![1, 2, 4]);
    assert_eq!(ids(&get(&mut e, "/?q=abx&s=c")), vec![1, 2], "TX:1 is c, TX:2 still b");
    let items = json!([capturing(1, "q", "(a)(b)x"), capturing(2, "s", "(c)|(d)"), captures_are(4, "c", "c", "b")]);
    let mut e = engine(items);
    assert_eq!(ids(&get(&mut e, "/?q=abx&s=c")), vec![1, 2, 4]);
    // A setvar after the capture is what a rule then reads.
    let set = json!({ "item": "rule", "id": 5, "phase": 2, "targets": [], "operator": { "name": "unconditionalMatch" },
        "actions": { "log": false, "setvar": [{ "collection": "tx", "name": "1", "op": "set", "value": "set" }] } });
    let mut e = engine(json!([capturing(1, "q", "(a)(b)x"), set, captures_are(4, "abx", "set", "b")]));
    assert_eq!(ids(&get(&mut e, "/?q=abx")), vec![1, 4]);
    // Nothing leaks into the next request.
    let mut e = engine(json!([capturing(1, "q", "(a)(b)x"), captures_are(4, "abx", "a", "b")]));
    assert_eq!(ids(&get(&mut e, "/?q=abx")), vec![1, 4]);
    assert!(ids(&get(&mut e, "/?p=1")).is_empty());
}

#[test]
fn per_match_setvar_names_expand_macros() {
    // 920450's shape: one TX variable per matched header name, then a
    // chained link over TX:/^h_/.
    let rule = json!({ "item": "rule", "id": 5, "phase": 1, "targets": [{ "collection": "REQUEST_HEADERS_NAMES" }],
        "operator": { "name": "rx", "param": "^.*$" }, "transforms": ["lowercase"],
        "actions": { "disruptive": "block", "capture": true,
                     "setvar": [{ "collection": "tx", "name": "h_%{tx.0}", "op": "set", "value": "/%{tx.0}/" }] },
        "chain": { "phase": 1, "targets": [{ "collection": "TX", "selector": { "regex": "^h_" } }],
                   "operator": { "name": "within", "param": "/user-agent/ /proxy/" },
                   "actions": { "setvar": [{ "collection": "tx", "name": "hits", "op": "add", "value": "1" }] } } });
    let mut e = engine(json!([rule, report("hits")]));
    let v = get(&mut e, "/");
    assert_eq!(ids(&v), vec![5]);
    assert_eq!(v.anomaly_score, 1, "only /user-agent/ is within the list");
}

#[test]
fn skip_after_jumps_to_the_marker_and_skip_counts_entries() {
    let skipper = json!({ "item": "rule", "id": 10, "phase": 2, "targets": [{ "collection": "REQUEST_METHOD" }],
        "operator": { "name": "streq", "param": "GET" }, "actions": { "log": false, "skip_after": "END" } });
    let skip_one = json!({ "item": "rule", "id": 13, "phase": 2, "targets": [],
        "operator": { "name": "unconditionalMatch" }, "actions": { "log": false, "skip": 1 } });
    let mut e = engine(json!([
        skipper,
        scoring(11, 2, args(), "rx", "."),
        { "item": "marker", "name": "END" },
        scoring(12, 2, args(), "rx", "."),
        skip_one,
        scoring(14, 2, args(), "rx", "."),
        scoring(15, 2, args(), "rx", "."),
    ]));
    assert_eq!(ids(&get(&mut e, "/?a=1")), vec![12, 15]);
    assert_eq!(ids(&post(&mut e, "/", Some("a=1"))), vec![11, 12, 15]);
}

#[test]
fn markers_belong_to_both_phases() {
    let skip1 = json!({ "item": "rule", "id": 20, "phase": 1, "targets": [], "operator": { "name": "unconditionalMatch" }, "actions": { "log": false, "skip_after": "M" } });
    let mut e = engine(json!([skip1, scoring(21, 1, args(), "rx", "."), scoring(22, 2, args(), "rx", "."), { "item": "marker", "name": "M" }, scoring(23, 2, args(), "rx", ".")]));
    // Phase 1 skips 21 to M; phase 2 runs 22 and 23.
    assert_eq!(ids(&get(&mut e, "/?a=1")), vec![22, 23]);
}

#[test]
fn multimatch_tests_the_value_before_and_after_each_step() {
    let rule = |id: u32, multi: bool| json!({ "item": "rule", "id": id, "phase": 2, "targets": args(),
        "operator": { "name": "rx", "param": "%3c" }, "transforms": ["lowercase", "urlDecode"],
        "actions": { "disruptive": "block", "multi_match": multi } });
    let mut e = engine(json!([rule(30, false), rule(31, true)]));
    // ARGS holds `%3C` (the query had `%253C`): only the lowercase step's
    // result `%3c` matches; the final value is `<`.
    assert_eq!(ids(&get(&mut e, "/?a=%253C")), vec![31]);
}

#[test]
fn counts_and_negation() {
    let no_args = json!({ "item": "rule", "id": 40, "phase": 2, "targets": [{ "collection": "ARGS", "count": true }],
        "operator": { "name": "eq", "param": "0" }, "actions": {} });
    let has_x = json!({ "item": "rule", "id": 41, "phase": 2, "targets": [{ "collection": "ARGS", "selector": { "key": "X" }, "count": true }],
        "operator": { "name": "eq", "param": "0", "negate": true }, "actions": {} });
    let not_numeric = json!({ "item": "rule", "id": 42, "phase": 2, "targets": args(),
        "operator": { "name": "rx", "param": "^\\d+$", "negate": true }, "actions": {} });
    let mut e = engine(json!([no_args, has_x, not_numeric]));
    assert_eq!(ids(&get(&mut e, "/")), vec![40]);
    assert_eq!(ids(&get(&mut e, "/?x=12")), vec![41]);
    assert_eq!(ids(&get(&mut e, "/?y=1a")), vec![42]);
}

#[test]
fn target_selectors_and_excludes() {
    let rule = json!({ "item": "rule", "id": 50, "phase": 2,
        "targets": [{ "collection": "ARGS", "exclude": [{ "key": "Safe" }, { "regex": "^skip_" }] },
                    { "collection": "REQUEST_HEADERS", "selector": { "key": "x-test" } }],
        "operator": { "name": "contains", "param": "bad" }, "actions": {} });
    let mut e = engine(json!([rule]));
    assert!(ids(&get(&mut e, "/?safe=bad&SKIP_me=bad")).is_empty(), "keys compare case-insensitively");
    assert_eq!(ids(&get(&mut e, "/?other=bad")), vec![50]);
    let headers = [("X-Test", "so bad"), ("X-Other", "bad")];
    let req = Request { method: "GET", uri: "/", protocol: "HTTP/1.1", headers: &headers, body: None, body_truncated: false, remote_addr: "192.0.2.1" };
    let v = e.evaluate(&req);
    assert_eq!(ids(&v), vec![50]);
    assert_eq!(v.matches[0].var, "REQUEST_HEADERS:X-Test");
}

#[test]
fn configured_exclusions_and_disabled_rules() {
    let items = json!([
        { "item": "rule", "id": 60, "phase": 2, "tags": ["attack-xss"], "targets": [{ "collection": "ARGS" }, { "collection": "ARGS_NAMES" }],
          "operator": { "name": "contains", "param": "<" }, "actions": {} },
        { "item": "rule", "id": 61, "phase": 2, "tags": ["other"], "targets": args(), "operator": { "name": "contains", "param": "<" }, "actions": {} },
    ]);
    let by_id = Config { exclusions: vec![Exclusion { target: "ARGS:comment".into(), ids: vec![(60, 60)], tags: vec![] }], ..Config::default() };
    let mut e = engine_with(items.clone(), by_id);
    assert_eq!(ids(&get(&mut e, "/?comment=%3Cb%3E")), vec![61]);
    assert_eq!(ids(&get(&mut e, "/?other=%3Cb%3E")), vec![60, 61]);
    let by_tag = Config { exclusions: vec![Exclusion { target: "ARGS".into(), ids: vec![], tags: vec!["attack-xss".into()] }], ..Config::default() };
    let mut e = engine_with(items.clone(), by_tag);
    assert_eq!(ids(&get(&mut e, "/?other=%3Cb%3E")), vec![61]);
    assert_eq!(ids(&get(&mut e, "/?%3C=1")), vec![60], "ARGS_NAMES is another target");
    let disabled = Config { disabled_ids: vec![(61, 61)], disabled_tags: vec!["attack-xss".into()], ..Config::default() };
    let mut e = engine_with(items, disabled);
    assert!(ids(&get(&mut e, "/?other=%3Cb%3E")).is_empty());
}

#[test]
fn a_second_opinion_keeps_only_the_matches_our_detectors_confirm() {
    let items = json!([scoring(80, 2, args(), "rx", "(?i)select"), scoring(81, 2, args(), "rx", "(?i)select"), report("score")]);
    let opinion = |categories: &[&str]| SecondOpinion { ids: vec![(80, 80)], tags: vec![], categories: categories.iter().map(|c| c.to_string()).collect(), min_severity: "LOW".into() };
    let mut e = engine_with(items.clone(), Config { second_opinions: vec![opinion(&["SQL_INJECTION"])], ..Config::default() });
    // Prose: 81 (no second opinion) matches, 80 does not count.
    let v = get(&mut e, "/?a=please+select+a+pickup+point");
    assert_eq!((ids(&v), v.anomaly_score), (vec![81], 5));
    // An injection our SQL tokenizer confirms: both, once per value.
    let v = get(&mut e, "/?a=1%27+union+select+password+from+users--&b=select+one");
    assert_eq!((ids(&v), v.anomaly_score), (vec![80, 81], 15));
    // The opinion asked is of the named category only.
    let mut e = engine_with(items.clone(), Config { second_opinions: vec![opinion(&["XSS"])], ..Config::default() });
    assert_eq!(ids(&get(&mut e, "/?a=1%27+union+select+password+from+users--")), vec![81]);
    // At HIGH, a quoted SQL word in prose (our tokenizer: Medium) does not confirm.
    let high = SecondOpinion { min_severity: "HIGH".into(), ..opinion(&["SQL_INJECTION"]) };
    let mut e = engine_with(items.clone(), Config { second_opinions: vec![high.clone()], ..Config::default() });
    assert_eq!(ids(&get(&mut e, "/?a=tracking+says+%27select+a+pickup+point%27")), vec![81]);
    assert_eq!(ids(&get(&mut e, "/?a=1%27+union+select+password+from+users--")), vec![80, 81]);
    let mut e = engine_with(items.clone(), Config { second_opinions: vec![opinion(&["SQL_INJECTION"])], ..Config::default() });
    assert_eq!(ids(&get(&mut e, "/?a=tracking+says+%27select+a+pickup+point%27")), vec![80, 81]);
    let bad_severity = SecondOpinion { min_severity: "SEVERE".into(), ..opinion(&["XSS"]) };
    for (bad, what) in [(opinion(&[]), "no category"), (opinion(&["SQLI"]), "unknown category"), (bad_severity, "min_severity")] {
        let err = Engine::with_rules("{}", Config { second_opinions: vec![bad], ..Config::default() }).map(|_| ()).unwrap_err();
        assert!(err.contains("second_opinions") && err.contains(what), "{}", err);
    }
}

#[test]
fn a_later_second_opinion_replaces_an_earlier_one_for_the_rules_it_names() {
    // 80 and 81 both tagged attack-sqli; 82 asks no second opinion.
    let tagged = |id: u32| {
        let mut rule = scoring(id, 2, args(), "rx", "(?i)select");
        rule["tags"] = json!(["attack-sqli"]);
        rule
    };
    let items = json!([tagged(80), tagged(81), scoring(82, 2, args(), "rx", "(?i)select"), report("score")]);
    let opinion = |ids: &[u32], tags: &[&str], categories: &[&str], min: &str| SecondOpinion {
        ids: ids.iter().map(|&i| (i, i)).collect(),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        categories: categories.iter().map(|c| c.to_string()).collect(),
        min_severity: min.into(),
    };
    let with = |opinions: Vec<SecondOpinion>| engine_with(items.clone(), Config { second_opinions: opinions, ..Config::default() });
    // A quoted SQL word in prose: our SQL tokenizer rates it Medium.
    let medium = "/?a=tracking+says+%27select+a+pickup+point%27";
    let injection = "/?a=1%27+union+select+password+from+users--";
    let defaults = opinion(&[80, 81], &[], &["SQL_INJECTION"], "HIGH");
    assert_eq!(ids(&get(&mut with(vec![defaults.clone()]), medium)), vec![82]);

    // A later LOW entry for 80 loosens 80 only (not by adding to the HIGH
    // it had: it replaces it); 81 keeps the earlier entry's HIGH.
    let mut e = with(vec![defaults.clone(), opinion(&[80], &[], &["SQL_INJECTION"], "LOW")]);
    assert_eq!(ids(&get(&mut e, medium)), vec![80, 82]);
    assert_eq!(ids(&get(&mut e, injection)), vec![80, 81, 82]);
    // The other way round, a later HIGH tightens what an earlier LOW allowed.
    let low = opinion(&[80, 81], &[], &["SQL_INJECTION"], "LOW");
    let mut e = with(vec![low.clone(), opinion(&[81], &[], &["SQL_INJECTION"], "HIGH")]);
    assert_eq!(ids(&get(&mut e, medium)), vec![80, 82]);
    // Categories are replaced too: 80 now wants an XSS, which a SQL
    // injection is not, while 81 keeps its SQL_INJECTION.
    let mut e = with(vec![low.clone(), opinion(&[80], &[], &["XSS"], "LOW")]);
    assert_eq!(ids(&get(&mut e, injection)), vec![81, 82]);
    // An entry naming rules by tag replaces for every rule carrying it...
    let mut e = with(vec![defaults.clone(), opinion(&[], &["attack-sqli"], &["SQL_INJECTION"], "LOW")]);
    assert_eq!(ids(&get(&mut e, medium)), vec![80, 81, 82]);
    // ...and is replaced in turn, for the rules a later entry names.
    let mut e = with(vec![opinion(&[], &["attack-sqli"], &["SQL_INJECTION"], "LOW"), opinion(&[81], &[], &["SQL_INJECTION"], "HIGH")]);
    assert_eq!(ids(&get(&mut e, medium)), vec![80, 82]);
    // Within one entry its categories still add up.
    let mut e = with(vec![defaults, opinion(&[80], &[], &["XSS", "SQL_INJECTION"], "LOW")]);
    assert_eq!(ids(&get(&mut e, medium)), vec![80, 82]);
}

#[test]
fn ctl_removes_rules_and_targets_for_the_rest_of_the_request() {
    let items = json!([
        { "item": "rule", "id": 70, "phase": 1, "targets": [{ "collection": "REQUEST_FILENAME" }], "operator": { "name": "streq", "param": "/upload" },
          "actions": { "log": false, "ctl": [{ "name": "ruleRemoveById", "value": "72" }, { "name": "ruleRemoveTargetByTag", "value": "t1;ARGS:doc" }] } },
        { "item": "rule", "id": 71, "phase": 2, "tags": ["t1"], "targets": args(), "operator": { "name": "contains", "param": "<" }, "actions": {} },
        { "item": "rule", "id": 72, "phase": 2, "targets": args(), "operator": { "name": "contains", "param": "<" }, "actions": {} },
    ]);
    let mut e = engine(items);
    assert_eq!(ids(&get(&mut e, "/upload?doc=%3C&x=%3C")), vec![71]);
    assert_eq!(e.evaluate(&Request { method: "GET", uri: "/upload?doc=%3C", protocol: "HTTP/1.1", headers: &[], body: None, body_truncated: false, remote_addr: "192.0.2.1" }).matches.len(), 0);
    assert_eq!(ids(&get(&mut e, "/other?doc=%3C")), vec![71, 72], "ctl lasts one request");
}

#[test]
fn deny_stops_the_request_and_block_passes() {
    let deny = json!({ "item": "rule", "id": 80, "phase": 1, "targets": [{ "collection": "REQUEST_URI" }],
        "operator": { "name": "contains", "param": "admin" }, "actions": { "disruptive": "deny" } });
    let mut e = engine(json!([deny, scoring(81, 1, args(), "rx", "."), scoring(82, 2, args(), "rx", ".")]));
    let v = get(&mut e, "/admin?a=1");
    assert!(v.blocked);
    assert_eq!(ids(&v), vec![80]);
    let v = get(&mut e, "/home?a=1");
    assert!(!v.blocked, "block is pass under CRS's default action");
    assert_eq!(ids(&v), vec![81, 82]);
}

#[test]
fn nolog_rules_are_not_reported() {
    let quiet = json!({ "item": "rule", "id": 90, "phase": 2, "targets": args(), "operator": { "name": "rx", "param": "." }, "actions": { "log": false } });
    let mut e = engine(json!([quiet]));
    assert!(get(&mut e, "/?a=1").matches.is_empty());
}

#[test]
fn phrase_operators_and_data_files() {
    let pm = json!({ "item": "rule", "id": 100, "phase": 2, "targets": args(), "operator": { "name": "pm", "param": "foo |42 41|r" }, "actions": {} });
    let file = json!({ "item": "rule", "id": 101, "phase": 2, "targets": args(), "operator": { "name": "pmFromFile", "param": "words.data" }, "actions": {} });
    let mut e = engine(json!([pm, file]));
    assert_eq!(ids(&get(&mut e, "/?a=xFOOx")), vec![100]);
    assert_eq!(ids(&get(&mut e, "/?a=BAR")), vec![100]);
    assert_eq!(ids(&get(&mut e, "/?a=say+Beta+Gamma")), vec![101]);
    assert!(ids(&get(&mut e, "/?a=beta")).is_empty());
}

#[test]
fn tx_presets_follow_the_configuration() {
    let pl = json!({ "item": "rule", "id": 110, "phase": 1, "targets": [{ "collection": "TX", "selector": { "key": "DETECTION_PARANOIA_LEVEL" } }],
        "operator": { "name": "eq", "param": "3" }, "actions": {} });
    let threshold = json!({ "item": "rule", "id": 111, "phase": 1, "targets": [{ "collection": "TX", "selector": { "key": "inbound_anomaly_score_threshold" } }],
        "operator": { "name": "eq", "param": "12" }, "actions": {} });
    let mut e = engine_with(json!([pl, threshold]), Config { paranoia_level: 3, anomaly_threshold: 12, ..Config::default() });
    assert_eq!(ids(&get(&mut e, "/")), vec![110, 111]);
    e.setup_var("detection_paranoia_level", "4");
    assert_eq!(ids(&get(&mut e, "/")), vec![111]);
}

#[test]
fn invalid_configuration_names_the_field() {
    let bad = [
        (Config { paranoia_level: 5, ..Config::default() }, "paranoia_level"),
        (Config { anomaly_threshold: 0, ..Config::default() }, "anomaly_threshold"),
        (Config { disabled_ids: vec![(5, 1)], ..Config::default() }, "disabled_ids"),
        (Config { disabled_tags: vec![String::new()], ..Config::default() }, "disabled_tags"),
        (Config { exclusions: vec![Exclusion { target: "NOPE:x".into(), ids: vec![], tags: vec![] }], ..Config::default() }, "exclusions"),
        (Config { max_body_bytes: 0, ..Config::default() }, "max_body_bytes"),
    ];
    for (cfg, field) in bad {
        let err = Engine::with_rules(r#"{"version":"4","items":[]}"#, cfg).err().unwrap_or_default();
        assert!(err.contains(field), "{:?} should name {}", err, field);
    }
}

#[test]
fn unsupported_rules_are_refused_not_skipped() {
    let unknown_op = json!([{ "item": "rule", "id": 120, "phase": 2, "targets": args(), "operator": { "name": "geoLookup" }, "actions": {} }]);
    let unknown_var = json!([{ "item": "rule", "id": 121, "phase": 2, "targets": [{ "collection": "GEO" }], "operator": { "name": "rx", "param": "x" }, "actions": {} }]);
    let unknown_t = json!([{ "item": "rule", "id": 122, "phase": 2, "targets": args(), "operator": { "name": "rx", "param": "x" }, "transforms": ["rot13"], "actions": {} }]);
    for items in [unknown_op, unknown_var, unknown_t] {
        let table = json!({ "version": "4", "items": items });
        let err = Engine::with_rules(&table.to_string(), Config::default()).err().unwrap_or_default();
        assert!(err.contains("cannot run"), "{}", err);
    }
}

#[test]
fn prefilter_skips_only_what_cannot_match() {
    let rule = json!({ "item": "rule", "id": 130, "phase": 2, "targets": args(), "transforms": ["urlDecodeUni", "lowercase"],
        "operator": { "name": "rx", "param": "union\\s+select", "prefilter": ["union"] }, "actions": {} });
    let mut e = engine(json!([rule]));
    e.set_verify(true);
    for uri in ["/?q=UNION%2520SELECT", "/?q=uni%256fn+select", "/?q=union+all", "/?q=hello"] {
        get(&mut e, uri);
    }
    assert!(e.violations().is_empty());
    e.set_verify(false);
    assert_eq!(ids(&get(&mut e, "/?q=UNION%2520SELECT")), vec![130]);
    assert_eq!(ids(&get(&mut e, "/?q=uni%256fn%2520select")), vec![130], "literals are sought after the transformations");
    assert!(ids(&get(&mut e, "/?q=hello")).is_empty());
}

#[test]
fn verify_mode_catches_a_wrong_prefilter() {
    // A generator bug: a literal set that misses what the regex matches.
    let rule = json!({ "item": "rule", "id": 140, "phase": 2, "targets": args(),
        "operator": { "name": "rx", "param": "a|b", "prefilter": ["a"] }, "actions": {} });
    let mut e = engine(json!([rule]));
    e.set_verify(true);
    assert_eq!(ids(&get(&mut e, "/?q=b")), vec![140]);
    assert_eq!(e.violations().len(), 1);
    e.set_verify(false);
    assert!(ids(&get(&mut e, "/?q=b")).is_empty(), "normal mode trusts the prefilter");
}
