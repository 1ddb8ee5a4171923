//! Runs the case table in `cases.json`: every field, value kind, function,
//! operator and set item, the undetermined cases, cookie and argument
//! parsing, and the compile errors.

mod common;

use common::Request;
use filter::{Program, Tri};
use serde_json::{json, Value};

fn table() -> Value {
    serde_json::from_str(include_str!("cases.json")).expect("cases.json is valid JSON")
}

fn tri(name: &str) -> Tri {
    match name {
        "true" => Tri::True,
        "false" => Tri::False,
        "undetermined" => Tri::Undetermined,
        other => panic!("bad expectation {:?}", other),
    }
}

/// The default request with a case's overrides.
fn request(table: &Value, case: &Value) -> Request {
    let mut req = table["request"].clone();
    if let (Some(req), Some(over)) = (req.as_object_mut(), case.get("request").and_then(Value::as_object)) {
        for (k, v) in over {
            req.insert(k.clone(), v.clone());
        }
    }
    Request::from_json(&req)
}

#[test]
fn each_case_alone() {
    let table = table();
    let cases = table["cases"].as_array().expect("cases");
    let mut failures = Vec::new();
    for case in cases {
        let name = case["name"].as_str().unwrap_or_default();
        let program = match Program::compile(&json!([case["ir"].clone()])) {
            Ok(p) => p,
            Err(e) => {
                failures.push(format!("{}: does not compile: {}", name, e));
                continue;
            }
        };
        let req = request(&table, case);
        let got = program.eval(&req.input());
        let want = tri(case["expect"].as_str().unwrap_or_default());
        if got != vec![want] {
            failures.push(format!("{}: got {:?}, want {:?}", name, got, want));
        }
    }
    assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), cases.len(), failures.join("\n"));
    assert!(cases.len() >= 150, "the table shrank: {} cases", cases.len());
}

/// The cases on the default request, ten to a program: results come back in
/// order, and expressions sharing the key slots do not disturb each other.
#[test]
fn cases_ten_to_a_program() {
    let table = table();
    let req = Request::from_json(&table["request"]);
    let plain: Vec<&Value> =
        table["cases"].as_array().expect("cases").iter().filter(|c| c.get("request").is_none()).collect();
    for chunk in plain.chunks(10) {
        let irs: Vec<Value> = chunk.iter().map(|c| c["ir"].clone()).collect();
        let program = Program::compile(&Value::Array(irs)).expect("the cases compile");
        let want: Vec<Tri> = chunk.iter().map(|c| tri(c["expect"].as_str().unwrap_or_default())).collect();
        let names: Vec<&str> = chunk.iter().map(|c| c["name"].as_str().unwrap_or_default()).collect();
        assert_eq!(program.eval(&req.input()), want, "{:?}", names);
    }
}

#[test]
fn compile_errors() {
    let table = table();
    let errors = table["errors"].as_array().expect("errors");
    let mut failures = Vec::new();
    for case in errors {
        let name = case["name"].as_str().unwrap_or_default();
        let want = case["error"].as_str().unwrap_or_default();
        match Program::compile(&json!([case["ir"].clone()])) {
            Ok(_) => failures.push(format!("{}: compiled", name)),
            Err(e) if e.starts_with("expression 0: ") && e.contains(want) => {}
            Err(e) => failures.push(format!("{}: error {:?} does not contain {:?}", name, e, want)),
        }
    }
    assert!(failures.is_empty(), "{} of {} error cases failed:\n{}", failures.len(), errors.len(), failures.join("\n"));
    assert!(errors.len() >= 60, "the error table shrank: {} cases", errors.len());
}
