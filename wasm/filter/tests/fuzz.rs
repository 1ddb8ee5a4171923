//! Deterministic fuzzing: random and mutated IR must compile or fail with an
//! `Err`, never panic; what compiles must evaluate any request without
//! panicking, and obey Kleene's laws (`not`, idempotent `and`/`or`).
//! Run in release with overflow checks on, as `cargo test --release` does.

mod common;

use common::{Request, Rng};
use filter::{Program, Tri};
use serde_json::{json, Value};

const FIELDS: [&str; 29] = [
    "http.host",
    "http.request.method",
    "http.request.uri.path",
    "http.request.uri.query",
    "http.request.headers",
    "http.request.cookie",
    "http.request.uri.args",
    "ip.src",
    "local",
    "ip.src.country",
    "ip.src.region",
    "ip.src.city",
    "ip.src.continent",
    "ip.src.asnum.name",
    "ip.src.asnum",
    "ip.src.accuracy_radius",
    "ip.src.lat",
    "ip.src.lon",
    "ip.src.hosting",
    "ip.src.vpn",
    "ip.src.proxy",
    "ip.src.tor",
    "ip.src.relay",
    "ip.src.timezone.name",
    "ip.src.postal_code",
    "ip.src.service",
    "ip.src.asnum.type",
    "nope",
    "",
];
const OPS: [&str; 11] =
    ["eq", "ne", "lt", "le", "gt", "ge", "contains", "matches", "wildcard", "strict_wildcard", "like"];
const TOKENS: [&str; 44] = [
    "", "a", "A", "x", "é", "ß", "\u{212a}", "\u{0}", "*", "\\", "\\*", "%", "%2", "%zz", "%41", "%ff", "+", "=", "&",
    ";", "\"", " ", "\t", "1", "42", ".", ":", "/", "::", "ff", "(", ")", "[", "]", "{", "}", "?", "|", "^", "$",
    "\\w", "(?i)", "{300}", "host",
];
const DETAIL_VALUES: [&str; 12] =
    ["true", "false", "TRUE", "1", "-5", "1.5", "NaN", "inf", "x", "", "99999999999999999999", "48.85"];

fn text(rng: &mut Rng, max_tokens: usize) -> String {
    (0..rng.below(max_tokens + 1)).map(|_| *rng.pick(&TOKENS)).collect()
}

fn ip_text(rng: &mut Rng) -> String {
    match rng.below(6) {
        0 => format!("{}.{}.{}.{}", rng.below(256), rng.below(256), rng.below(256), rng.below(256)),
        1 => format!("2001:db8::{:x}", rng.below(65536)),
        2 => format!("::ffff:10.0.0.{}", rng.below(256)),
        3 => "::".to_owned(),
        4 => format!("10.0.0.{}", rng.below(300)),
        _ => text(rng, 3),
    }
}

fn junk(rng: &mut Rng) -> Value {
    match rng.below(7) {
        0 => Value::Null,
        1 => json!(rng.next() as i64),
        2 => json!(text(rng, 3)),
        3 => json!([]),
        4 => json!({}),
        5 => json!(1.5),
        _ => json!({text(rng, 2): text(rng, 2)}),
    }
}

/// A value, usually of the wanted type (0 string, 1 int, 2 float, 3 ip,
/// 4 bool), sometimes of any or no type.
fn value(rng: &mut Rng, ty: usize, depth: usize) -> Value {
    if rng.chance(8) {
        return match rng.below(5) {
            0 => junk(rng),
            1 => json!({"field": rng.pick(&FIELDS), "key": text(rng, 2), "x": 1}),
            2 => json!({"regex": text(rng, 2)}),
            3 => json!({"str": "a", "int": 1}),
            _ => {
                let any = rng.below(5);
                value(rng, any, depth)
            }
        };
    }
    let field = |rng: &mut Rng, names: &[&str]| -> Value {
        let name = *rng.pick(names);
        if matches!(name, "http.request.headers" | "http.request.cookie" | "http.request.uri.args" | "local") {
            json!({"field": name, "key": rng.pick(&["a", "host", "x", "A", "é", ""])})
        } else {
            json!({"field": name})
        }
    };
    match ty {
        0 => match rng.below(5) {
            0 | 1 => field(
                rng,
                &[
                    "http.host",
                    "http.request.method",
                    "http.request.uri.path",
                    "http.request.uri.query",
                    "http.request.headers",
                    "http.request.cookie",
                    "http.request.uri.args",
                    "local",
                    "ip.src.country",
                    "ip.src.city",
                ],
            ),
            2 if depth > 0 => {
                json!({"fn": rng.pick(&["lower", "upper", "lower", "trim"]), "arg": value(rng, 0, depth - 1)})
            }
            _ => json!({"str": text(rng, 4)}),
        },
        1 => match rng.below(4) {
            0 => field(rng, &["ip.src.asnum", "ip.src.accuracy_radius"]),
            1 if depth > 0 => json!({"fn": "len", "arg": value(rng, 0, depth - 1)}),
            2 => json!({"int": *rng.pick(&[i64::MIN, i64::MAX, 0, -1, 7, 64500])}),
            _ => json!({"int": (rng.next() % 100) as i64 - 50}),
        },
        2 => match rng.below(3) {
            0 => field(rng, &["ip.src.lat", "ip.src.lon"]),
            1 => json!({"float": *rng.pick(&[0.5, -0.0, 1e300, -1e-300, 48.85, 64500.0])}),
            _ => json!({"float": (rng.next() % 1000) as f64 / 7.0}),
        },
        3 => match rng.below(3) {
            0 => json!({"field": "ip.src"}),
            _ => json!({"ip": ip_text(rng)}),
        },
        _ => match rng.below(3) {
            0 => field(rng, &["ip.src.vpn", "ip.src.tor", "ip.src.hosting", "ip.src.proxy", "ip.src.relay"]),
            _ => json!({"bool": rng.chance(50)}),
        },
    }
}

fn set_item(rng: &mut Rng, ty: usize) -> Value {
    match (ty, rng.below(8)) {
        (_, 0) => junk(rng),
        (_, 1) => {
            let (a, b) = (rng.below(5), rng.below(5));
            json!({"range": [value(rng, a, 0), value(rng, b, 0)]})
        }
        (0, _) => json!({"str": text(rng, 3)}),
        (1 | 2, 2 | 3) => json!({"range": [{"int": (rng.next() % 50) as i64}, {"int": (rng.next() % 50) as i64}]}),
        (1 | 2, 4) => json!({"float": (rng.next() % 100) as f64 / 3.0}),
        (1 | 2, _) => json!({"int": (rng.next() % 100) as i64 - 10}),
        (3, 2 | 3) => json!({"cidr": format!("{}/{}", ip_text(rng), rng.below(140))}),
        (3, 4) => json!({"range": [{"ip": ip_text(rng)}, {"ip": ip_text(rng)}]}),
        (3, _) => json!({"ip": ip_text(rng)}),
        _ => json!({"bool": true}),
    }
}

fn expr(rng: &mut Rng, depth: usize) -> Value {
    let leaf = depth == 0 || rng.chance(40);
    match if leaf { 4 + rng.below(4) } else { rng.below(8) } {
        0 | 1 => {
            let kind = if rng.chance(50) { "and" } else { "or" };
            let n = rng.below(4) + usize::from(rng.chance(90));
            json!({kind: (0..n).map(|_| expr(rng, depth - 1)).collect::<Vec<_>>()})
        }
        2 => json!({"xor": (0..1 + rng.below(3)).map(|_| expr(rng, depth - 1)).collect::<Vec<_>>()}),
        3 => json!({"not": expr(rng, depth - 1)}),
        4 => json!({"truth": value(rng, 4, 2)}),
        5 | 6 => {
            let op = *rng.pick(&OPS);
            let ty = match op {
                "contains" | "matches" | "wildcard" | "strict_wildcard" => 0,
                "eq" | "ne" => rng.below(5),
                _ => rng.below(4),
            };
            let rhs = match op {
                "matches" => json!({"regex": text(rng, 4)}),
                "wildcard" | "strict_wildcard" => json!({"str": text(rng, 4)}),
                _ => {
                    let rty = if ty == 1 && rng.chance(30) { 2 } else { ty };
                    value(rng, rty, 2)
                }
            };
            json!({"cmp": op, "lhs": value(rng, ty, 2), "rhs": rhs})
        }
        _ => {
            let ty = rng.below(4);
            let items: Vec<Value> = (0..rng.below(5)).map(|_| set_item(rng, ty)).collect();
            json!({"in": value(rng, ty, 2), "set": items})
        }
    }
}

fn request(rng: &mut Rng) -> Request {
    let pairs = |rng: &mut Rng, names: &[&str], values: &dyn Fn(&mut Rng) -> String| {
        let mut flat: Vec<std::borrow::Cow<'static, str>> = Vec::new();
        for _ in 0..rng.below(6) {
            flat.push((*rng.pick(names)).to_owned().into());
            flat.push(values(rng).into());
        }
        if rng.chance(10) {
            flat.push("host".into());
        }
        flat
    };
    let cookie_or_query = |rng: &mut Rng, sep: &str| -> String {
        (0..rng.below(6))
            .map(|_| format!("{}={}", rng.pick(&["a", "x", "host", "é", "%41", "a+b", ""]), text(rng, 3)))
            .collect::<Vec<_>>()
            .join(sep)
    };
    Request {
        method: text(rng, 2),
        path: text(rng, 6),
        query: if rng.chance(70) { cookie_or_query(rng, "&") } else { text(rng, 8) },
        cookies: if rng.chance(70) { cookie_or_query(rng, "; ") } else { text(rng, 8) },
        ip: ip_text(rng),
        headers: pairs(rng, &["host", "a", "x", "A", "Host", "é"], &|rng| text(rng, 4)),
        local: pairs(rng, &["a", "x", "host", "é", ""], &|rng| text(rng, 3)),
        ip_details: pairs(rng, &FIELDS, &|rng| (*rng.pick(&DETAIL_VALUES)).to_owned()),
    }
}

fn not(t: Tri) -> Tri {
    match t {
        Tri::True => Tri::False,
        Tri::False => Tri::True,
        Tri::Undetermined => Tri::Undetermined,
    }
}

#[test]
fn random_ir_compiles_or_errs_and_evaluates_lawfully() {
    let mut rng = Rng::new(0x5eed_f117e7);
    let (mut compiled, mut evaluated, mut seen) = (0usize, 0usize, [0usize; 3]);
    const ROUNDS: usize = 20_000;
    for _ in 0..ROUNDS {
        let e = expr(&mut rng, 4);
        let single = match Program::compile(&json!([e.clone()])) {
            Ok(p) => p,
            Err(msg) => {
                assert!(msg.starts_with("expression 0: "), "{}", msg);
                continue;
            }
        };
        compiled += 1;
        // The laws: not E, E and E, E or E, E xor E.
        let laws = Program::compile(&json!([e.clone(), {"not": e.clone()}, {"and": [e.clone(), e.clone()]},
                                             {"or": [e.clone(), e.clone()]}, {"xor": [e.clone(), e]}]));
        for _ in 0..4 {
            let req = request(&mut rng);
            let input = req.input();
            let r = single.eval(&input);
            assert_eq!(r.len(), 1);
            assert_eq!(single.eval(&input), r, "deterministic");
            seen[match r[0] {
                Tri::True => 0,
                Tri::False => 1,
                Tri::Undetermined => 2,
            }] += 1;
            if let Ok(laws) = &laws {
                let l = laws.eval(&input);
                let xor = if r[0] == Tri::Undetermined { Tri::Undetermined } else { Tri::False };
                assert_eq!(l, vec![r[0], not(r[0]), r[0], r[0], xor]);
            }
            evaluated += 1;
        }
    }
    println!("{} of {} random expressions compiled; outcomes T/F/U {:?}", compiled, ROUNDS, seen);
    // The generator must reach the evaluator often, with every outcome.
    assert!(compiled > ROUNDS / 4, "only {} of {} random expressions compiled", compiled, ROUNDS);
    assert!(seen.iter().all(|&n| n > evaluated / 20), "outcomes {:?} of {}", seen, evaluated);
}

#[test]
fn mutated_ir_text_never_panics() {
    let table: Value = serde_json::from_str(include_str!("cases.json")).expect("cases.json");
    let seeds: Vec<String> = table["cases"].as_array().expect("cases").iter().map(|c| c["ir"].to_string()).collect();
    let mut rng = Rng::new(42);
    let req = Request::from_json(&table["request"]);
    let alphabet = b"{}[]\":,0123456789-.eE truefalsnul\\/x*%";
    let mut parsed = 0;
    for round in 0..30_000 {
        let mut bytes = seeds[round % seeds.len()].clone().into_bytes();
        for _ in 0..1 + rng.below(3) {
            let at = rng.below(bytes.len() + 1);
            match rng.below(3) {
                0 if at < bytes.len() => {
                    bytes.remove(at);
                }
                1 if at < bytes.len() => bytes[at] = *rng.pick(alphabet),
                _ => bytes.insert(at, *rng.pick(alphabet)),
            }
        }
        let ir: Value = match std::str::from_utf8(&bytes).ok().and_then(|s| serde_json::from_str(s).ok()) {
            Some(v) => v,
            None => continue,
        };
        parsed += 1;
        if let Ok(p) = Program::compile(&json!([ir])) {
            assert_eq!(p.eval(&req.input()).len(), 1);
            let r = request(&mut rng);
            assert_eq!(p.eval(&r.input()).len(), 1);
        }
    }
    println!("{} of 30000 mutants parsed as JSON", parsed);
    assert!(parsed > 5_000, "only {} mutants parsed", parsed);
}

#[test]
fn case_programs_on_hostile_requests() {
    let table: Value = serde_json::from_str(include_str!("cases.json")).expect("cases.json");
    let irs: Vec<Value> = table["cases"].as_array().expect("cases").iter().map(|c| c["ir"].clone()).collect();
    let programs: Vec<Program> =
        irs.chunks(10).map(|c| Program::compile(&Value::Array(c.to_vec())).expect("compiles")).collect();
    let mut rng = Rng::new(7);
    for _ in 0..2_000 {
        let req = request(&mut rng);
        for p in &programs {
            p.eval(&req.input());
        }
    }
}
