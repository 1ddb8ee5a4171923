//! Kleene truth tables for `and`, `or`, `xor` and `not` with undetermined
//! operands, and n-ary `and`/`or` against their definition.

use filter::{Input, Program, Tri};
use serde_json::{json, Value};

const ALL: [Tri; 3] = [Tri::True, Tri::False, Tri::Undetermined];

/// An expression that evaluates to `t` on an empty request.
fn operand(t: Tri) -> Value {
    match t {
        Tri::True => json!({"truth": {"bool": true}}),
        Tri::False => json!({"truth": {"bool": false}}),
        // No IP details are given, so this field is missing.
        Tri::Undetermined => json!({"truth": {"field": "ip.src.relay"}}),
    }
}

fn eval(e: Value) -> Tri {
    let program = Program::compile(&json!([e])).expect("compiles");
    let out = program.eval(&Input::default());
    assert_eq!(out.len(), 1);
    out[0]
}

fn ix(t: Tri) -> usize {
    match t {
        Tri::True => 0,
        Tri::False => 1,
        Tri::Undetermined => 2,
    }
}

use Tri::{False as F, True as T, Undetermined as U};

// Rows: lhs T, F, U; columns: rhs T, F, U.
const AND: [[Tri; 3]; 3] = [[T, F, U], [F, F, F], [U, F, U]];
const OR: [[Tri; 3]; 3] = [[T, T, T], [T, F, U], [T, U, U]];
const XOR: [[Tri; 3]; 3] = [[F, T, U], [T, F, U], [U, U, U]];

#[test]
fn binary_tables() {
    for a in ALL {
        for b in ALL {
            let (x, y) = (operand(a), operand(b));
            assert_eq!(eval(json!({"and": [x, y]})), AND[ix(a)][ix(b)], "{:?} and {:?}", a, b);
            assert_eq!(eval(json!({"or": [x, y]})), OR[ix(a)][ix(b)], "{:?} or {:?}", a, b);
            assert_eq!(eval(json!({"xor": [x, y]})), XOR[ix(a)][ix(b)], "{:?} xor {:?}", a, b);
        }
    }
}

#[test]
fn not_table() {
    assert_eq!(eval(json!({"not": operand(T)})), F);
    assert_eq!(eval(json!({"not": operand(F)})), T);
    assert_eq!(eval(json!({"not": operand(U)})), U);
    assert_eq!(eval(json!({"not": {"not": operand(U)}})), U);
}

/// Kleene order F < U < T: `and` is the minimum, `or` the maximum.
fn rank(t: Tri) -> u8 {
    match t {
        F => 0,
        U => 1,
        T => 2,
    }
}

#[test]
fn nary_and_or_are_min_and_max() {
    for n in 1..=4u32 {
        for mut code in 0..3usize.pow(n) {
            let mut ops = Vec::new();
            for _ in 0..n {
                ops.push(ALL[code % 3]);
                code /= 3;
            }
            let min = ops.iter().copied().min_by_key(|t| rank(*t)).unwrap_or(T);
            let max = ops.iter().copied().max_by_key(|t| rank(*t)).unwrap_or(F);
            let list: Vec<Value> = ops.iter().map(|t| operand(*t)).collect();
            assert_eq!(eval(json!({"and": list.clone()})), min, "and {:?}", ops);
            assert_eq!(eval(json!({"or": list})), max, "or {:?}", ops);
        }
    }
}

/// `xor` of undetermined stays undetermined even under `not`, and a
/// comparison with an undetermined side is undetermined whatever the other.
#[test]
fn undetermined_propagates_through_values() {
    let missing = json!({"field": "http.request.headers", "key": "x"});
    for (op, rhs) in [
        ("eq", json!({"str": "a"})),
        ("ne", json!({"str": "a"})),
        ("lt", json!({"str": "a"})),
        ("contains", json!({"str": ""})),
    ] {
        assert_eq!(eval(json!({"cmp": op, "lhs": missing, "rhs": rhs})), U, "{}", op);
        assert_eq!(eval(json!({"cmp": op, "lhs": rhs, "rhs": missing})), U, "{} (missing on the right)", op);
    }
    assert_eq!(
        eval(json!({"cmp": "eq", "lhs": {"fn": "len", "arg": {"fn": "upper", "arg": missing}}, "rhs": {"int": 0}})),
        U
    );
    assert_eq!(eval(json!({"in": missing, "set": []})), U);
    assert_eq!(eval(json!({"cmp": "matches", "lhs": missing, "rhs": {"regex": ".*"}})), U);
    assert_eq!(eval(json!({"cmp": "strict_wildcard", "lhs": missing, "rhs": {"str": "*"}})), U);
}
