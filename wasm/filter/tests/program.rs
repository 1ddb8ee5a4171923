//! Program-level behaviour: several expressions, error locations, limits.

use std::borrow::Cow;

use filter::{Input, Program, Tri};
use serde_json::{json, Value};

fn method_is(m: &str) -> Value {
    json!({"cmp": "eq", "lhs": {"field": "http.request.method"}, "rhs": {"str": m}})
}

fn regex(p: &str) -> Value {
    json!({"cmp": "matches", "lhs": {"field": "http.request.uri.path"}, "rhs": {"regex": p}})
}

fn err(ir: Value) -> String {
    match Program::compile(&ir) {
        Ok(_) => panic!("compiled: {}", ir),
        Err(e) => e,
    }
}

#[test]
fn one_result_per_expression_in_order() {
    let ir = json!([method_is("GET"), method_is("POST"), {"cmp": "eq", "lhs": {"field": "local", "key": "k"}, "rhs": {"str": "v"}}]);
    let program = Program::compile(&ir).expect("compiles");
    let input = Input { method: "GET", ..Input::default() };
    assert_eq!(program.eval(&input), vec![Tri::True, Tri::False, Tri::Undetermined]);
    let local = [Cow::from("k"), Cow::from("v")];
    let input = Input { method: "POST", local: &local, ..Input::default() };
    assert_eq!(program.eval(&input), vec![Tri::False, Tri::True, Tri::True]);
}

#[test]
fn errors_name_the_expression_and_the_place() {
    let bad = json!({"and": [method_is("GET"), {"cmp": "eq", "lhs": {"field": "nope"}, "rhs": {"str": "x"}}]});
    assert_eq!(err(json!([method_is("GET"), bad])), "expression 1: at and[1].lhs: unknown field \"nope\"");
    let bad = json!({"in": {"field": "ip.src"}, "set": [{"cidr": "10.0.0.0/8"}, {"cidr": "10.0.0.0/40"}]});
    assert_eq!(err(json!([bad])), "expression 0: at set[1]: CIDR \"10.0.0.0/40\": the prefix must be 0 to 32");
    let e = err(json!([{"not": regex("a(")}]));
    assert!(e.starts_with("expression 0: at not: invalid regex \"a(\": "), "{}", e);
}

#[test]
fn the_list_itself() {
    assert!(err(json!({"and": []})).contains("must be a JSON array"));
    assert!(err(json!([])).contains("1 to 10 expressions, got 0"));
    let eleven: Vec<Value> = (0..11).map(|_| method_is("GET")).collect();
    assert!(err(Value::Array(eleven)).contains("1 to 10 expressions, got 11"));
    let ten: Vec<Value> = (0..10).map(|_| method_is("GET")).collect();
    assert!(Program::compile(&Value::Array(ten)).is_ok());
}

fn nested_nots(depth: usize) -> Value {
    let mut e = json!({"truth": {"bool": true}});
    for _ in 0..depth {
        e = json!({"not": e});
    }
    json!([e])
}

#[test]
fn nesting_is_bounded() {
    // 100 nots (plus the truth and its value): fine, and even, so true.
    let program = Program::compile(&nested_nots(100)).expect("100 levels compile");
    assert_eq!(program.eval(&Input::default()), vec![Tri::True]);
    assert!(err(nested_nots(200)).contains("nested deeper than 128 levels"));
}

#[test]
fn nodes_are_bounded() {
    let many: Vec<Value> = (0..3000).map(|_| method_is("GET")).collect();
    assert!(err(json!([{"or": many}])).contains("more than 4096 nodes"));
    let items: Vec<Value> = (0..5000).map(|i| json!({"int": i})).collect();
    assert!(err(json!([{"in": {"int": 1}, "set": items}])).contains("more than 4096 nodes"));
    let items: Vec<Value> = (0..1000).map(|i| json!({"int": i})).collect();
    assert!(Program::compile(&json!([{"in": {"int": 999}, "set": items}])).is_ok());
}

#[test]
fn regex_count_is_bounded() {
    let many = |n: usize| -> Value {
        let per: Vec<Value> = (0..n).map(|i| regex(&format!("^/x{}", i))).collect();
        json!([{"or": per}])
    };
    assert!(Program::compile(&many(32)).is_ok());
    assert!(err(many(33)).contains("at most 32 regexes"));
}

#[test]
fn regex_memory_is_bounded() {
    // `\w{10}` compiles to ~1 MiB with Unicode classes: four fit the 8 MiB
    // budget (each counted as 2 MiB), a fifth does not.
    let big = |n: usize| -> Value { Value::Array((0..n).map(|i| regex(&format!("\\w{{10}}{}", i))).collect()) };
    assert!(Program::compile(&big(4)).is_ok());
    assert!(err(big(5)).contains("together are too large"));
    // One pattern past 2 MiB, and its small ASCII form that fits.
    assert!(err(json!([regex("[\\w.-]{1,20}")])).contains("too large once compiled"));
    assert!(Program::compile(&json!([regex("(?-u:[\\w.-]{1,20})")])).is_ok());
}

#[test]
fn flat_lists_with_a_tail_are_read_up_to_it() {
    let program = Program::compile(&json!([
        {"cmp": "eq", "lhs": {"field": "http.request.headers", "key": "a"}, "rhs": {"str": "1"}},
        {"cmp": "eq", "lhs": {"field": "http.request.headers", "key": "b"}, "rhs": {"str": "2"}},
    ]))
    .expect("compiles");
    let headers = [Cow::from("a"), Cow::from("1"), Cow::from("b")];
    let input = Input { headers: &headers, ..Input::default() };
    assert_eq!(program.eval(&input), vec![Tri::True, Tri::Undetermined]);
}

#[test]
fn header_names_are_matched_without_case() {
    // The host should send lower-case names; one that does not still matches.
    let program = Program::compile(&json!([{"cmp": "eq", "lhs": {"field": "http.host"}, "rhs": {"str": "h"}}]))
        .expect("compiles");
    let headers = [Cow::from("Host"), Cow::from("h")];
    assert_eq!(program.eval(&Input { headers: &headers, ..Input::default() }), vec![Tri::True]);
}

#[test]
fn many_keys_against_many_cookies_and_args() {
    // 300 cookie and 300 argument keys; the request sends each name twice
    // (first wins), in reverse order, among noise.
    let n = 300;
    let ir: Vec<Value> = (0..n)
        .map(|i| {
            json!({"and": [
                {"cmp": "eq", "lhs": {"field": "http.request.cookie", "key": format!("c{}", i)}, "rhs": {"str": format!("v{}", i)}},
                {"cmp": "eq", "lhs": {"field": "http.request.uri.args", "key": format!("a{}", i)}, "rhs": {"str": format!("w {}", i)}},
            ]})
        })
        .collect();
    // Ten expressions at most: put 30 pairs in each.
    let exprs: Vec<Value> = ir.chunks(30).map(|c| json!({"and": c})).collect();
    let program = Program::compile(&Value::Array(exprs)).expect("compiles");
    let mut cookies = Vec::new();
    let mut query = Vec::new();
    for i in (0..n).rev() {
        cookies.push(format!("noise{}=x; c{}=v{}", i, i, i));
        query.push(format!("noise{}=x&a{}=w+{}", i, i, i));
    }
    for i in 0..n {
        cookies.push(format!("c{}=late", i));
        query.push(format!("a{}=late", i));
    }
    let (cookies, query) = (cookies.join("; "), query.join("&"));
    let input = Input { cookies: &cookies, query: &query, ..Input::default() };
    assert_eq!(program.eval(&input), vec![Tri::True; 10]);
    // One value missing makes its expression undetermined, the rest true.
    let cookies = cookies.replacen("c7=v7", "c7x=v7", 1).replace("c7=late", "c7x=late");
    let input = Input { cookies: &cookies, query: &query, ..Input::default() };
    let mut want = vec![Tri::True; 10];
    want[0] = Tri::Undetermined;
    assert_eq!(program.eval(&input), want);
}
