//! `crs::vars` against ModSecurity: every case in `vars_cases.json` holds a
//! request and the variables libmodsecurity 3.0.15 set for it
//! (`vars_oracle.py` regenerates and re-checks the file against the real
//! library). Collections are compared as multisets: ModSecurity's order is
//! its hash map's.

use crs::vars::{Var, Vars};
use crs::Request;
use serde_json::Value;

const CASES: &str = include_str!("vars_cases.json");

/// A JSON string holding bytes as latin-1 characters.
fn bytes(v: &Value) -> Vec<u8> {
    v.as_str()
        .expect("a string")
        .chars()
        .map(|c| u8::try_from(u32::from(c)).expect("latin-1"))
        .collect()
}

/// True when `actual` is the expected value: a string, or `{prefix, len}`
/// for values the oracle could only show in part.
fn value_matches(expected: &Value, actual: &[u8]) -> bool {
    match expected {
        Value::Object(o) => {
            let prefix = bytes(&o["prefix"]);
            let len = o["len"].as_u64().expect("len") as usize;
            actual.len() == len && actual.starts_with(&prefix)
        }
        v => bytes(v) == actual,
    }
}

fn check(case: &Value) -> Vec<String> {
    let headers: Vec<(String, String)> = case["headers"]
        .as_array()
        .expect("headers")
        .iter()
        .map(|h| {
            (
                h[0].as_str().unwrap().to_string(),
                h[1].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let headers: Vec<(&str, &str)> = headers
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    let body = match (case.get("body_hex"), case.get("body")) {
        (Some(hex), _) => {
            let hex = hex.as_str().unwrap().as_bytes();
            hex.chunks(2)
                .map(|p| u8::from_str_radix(std::str::from_utf8(p).unwrap(), 16).unwrap())
                .collect()
        }
        (None, Some(b)) => bytes(b),
        (None, None) => Vec::new(),
    };
    let request = Request {
        method: case["method"].as_str().unwrap(),
        uri: case["uri"].as_str().unwrap(),
        protocol: "HTTP/1.1",
        headers: &headers,
        body: Some(&body),
        body_truncated: false,
        remote_addr: "192.0.2.1",
    };
    let vars = Vars::build(&request, 1 << 20);
    let mut errors = Vec::new();
    for (name, expected) in case["expect"].as_object().expect("expect") {
        let var = Var::from_name(name).unwrap_or_else(|| panic!("unknown variable {}", name));
        let ok = if var.is_collection() {
            let mut actual: Vec<(Vec<u8>, Vec<u8>)> = vars
                .members(var)
                .map(|m| (m.key.to_vec(), m.value.to_vec()))
                .collect();
            let expected = expected.as_array().expect("a list");
            // Each expected member takes one equal actual member.
            expected.len() == actual.len()
                && expected.iter().all(|e| {
                    let key = bytes(&e[0]);
                    match actual
                        .iter()
                        .position(|(k, v)| *k == key && value_matches(&e[1], v))
                    {
                        Some(i) => {
                            actual.swap_remove(i);
                            true
                        }
                        None => false,
                    }
                })
        } else {
            value_matches(expected, vars.scalar(var))
        };
        if !ok {
            let actual: Vec<String> = vars
                .members(var)
                .map(|m| {
                    format!(
                        "{}={}",
                        String::from_utf8_lossy(m.key),
                        String::from_utf8_lossy(m.value)
                    )
                })
                .collect();
            errors.push(format!(
                "{}: {}\n  modsecurity: {}\n  ours:        {:?}",
                case["name"], name, expected, actual
            ));
        }
    }
    errors
}

#[test]
fn every_case_matches_modsecurity() {
    let data: Value = serde_json::from_str(CASES).expect("vars_cases.json");
    let cases = data["cases"].as_array().expect("cases");
    assert!(cases.len() > 250, "the case file lost its cases");
    let errors: Vec<String> = cases.iter().flat_map(check).collect();
    assert!(
        errors.is_empty(),
        "{} mismatches:\n{}",
        errors.len(),
        errors.join("\n")
    );
}
