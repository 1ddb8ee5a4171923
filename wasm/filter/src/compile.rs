//! IR (JSON, `IR.md`) to a typed `Program`.
//!
//! The Python parser already type-checked the expressions; this checks
//! everything again, because a mistake there must become a configure error
//! here, never a panic or a silently wrong answer. Every object must have
//! exactly the keys its shape names. Errors say which expression, where in
//! it (`and[1].lhs`), and what is wrong.

use serde_json::{Map, Value};

use crate::ip::{family_intervals, parse_cidr, Ip};
use crate::num::Num;
use crate::pattern::Budget;
use crate::program::{Expr, Field, Keys, Op, Program, Set, Ty, Val};
use crate::wildcard::Wildcard;

/// The reference's limit on expressions per rule.
const MAX_EXPRESSIONS: usize = 10;
/// Nesting depth of one expression (JSON objects and arrays). serde_json's
/// own parser stops at 128 levels too, so a deeper IR could not arrive as
/// text anyway; the bound keeps compile and eval recursion shallow.
const MAX_DEPTH: usize = 128;
/// Expressions, values and set items in one expression. A 1024-byte source
/// has a few hundred; this bounds compile time on a malformed IR.
const MAX_NODES: usize = 4096;

/// The IP-detail fields and the types their text is read as.
const DETAILS: [(&str, Ty); 20] = [
    ("ip.src.country", Ty::Str),
    ("ip.src.region", Ty::Str),
    ("ip.src.city", Ty::Str),
    ("ip.src.continent", Ty::Str),
    ("ip.src.asnum.name", Ty::Str),
    ("ip.src.asnum.domain", Ty::Str),
    ("ip.src.asnum.type", Ty::Str),
    ("ip.src.asnum.country", Ty::Str),
    ("ip.src.service", Ty::Str),
    ("ip.src.postal_code", Ty::Str),
    ("ip.src.timezone.name", Ty::Str),
    ("ip.src.asnum", Ty::Int),
    ("ip.src.accuracy_radius", Ty::Int),
    ("ip.src.lat", Ty::Float),
    ("ip.src.lon", Ty::Float),
    ("ip.src.hosting", Ty::Bool),
    ("ip.src.vpn", Ty::Bool),
    ("ip.src.proxy", Ty::Bool),
    ("ip.src.tor", Ty::Bool),
    ("ip.src.relay", Ty::Bool),
];

const EXPR_KINDS: [&str; 7] = ["and", "or", "xor", "not", "truth", "cmp", "in"];

/// Compiles the JSON array of expressions.
pub(crate) fn program(json: &Value) -> Result<Program, String> {
    let list = match json.as_array() {
        Some(list) => list,
        None => return Err(format!("the filter IR must be a JSON array of expressions, got {}", show(json))),
    };
    if list.is_empty() || list.len() > MAX_EXPRESSIONS {
        return Err(format!("a filter rule needs 1 to {} expressions, got {}", MAX_EXPRESSIONS, list.len()));
    }
    let mut c = Compiler { keys: Keys::default(), budget: Budget::default(), path: String::new(), depth: 0, nodes: 0 };
    let mut exprs = Vec::with_capacity(list.len());
    for (i, e) in list.iter().enumerate() {
        c.path.clear();
        c.depth = 0;
        c.nodes = 0;
        exprs.push(c.expr(e).map_err(|m| format!("expression {}: {}", i, m))?);
    }
    Ok(Program { exprs, keys: c.keys })
}

struct Compiler {
    keys: Keys,
    budget: Budget,
    /// Where we are in the current expression, for error messages.
    path: String,
    depth: usize,
    nodes: usize,
}

/// A JSON value, shortened for an error message.
fn show(v: &Value) -> String {
    let text = v.to_string();
    match text.char_indices().nth(60) {
        Some((cut, _)) => format!("{}...", &text[..cut]),
        None => text,
    }
}

/// `map[key]`, or null when absent (serde_json's `Index` on a `Map` panics).
fn at<'j>(map: &'j Map<String, Value>, key: &str) -> &'j Value {
    static NULL: Value = Value::Null;
    map.get(key).unwrap_or(&NULL)
}

impl Compiler {
    /// An error at the current place.
    fn err<T>(&self, msg: String) -> Result<T, String> {
        if self.path.is_empty() {
            Err(msg)
        } else {
            Err(format!("at {}: {}", self.path, msg))
        }
    }

    /// Runs `f` one level down, at `path.segment`.
    fn within<T>(&mut self, segment: &str, f: impl FnOnce(&mut Self) -> Result<T, String>) -> Result<T, String> {
        let len = self.path.len();
        if len > 0 && !segment.starts_with('[') {
            self.path.push('.');
        }
        self.path.push_str(segment);
        self.depth += 1;
        let out =
            if self.depth > MAX_DEPTH { self.err(format!("nested deeper than {} levels", MAX_DEPTH)) } else { f(self) };
        self.depth -= 1;
        self.path.truncate(len);
        out
    }

    /// Counts one node against the expression's budget.
    fn node(&mut self) -> Result<(), String> {
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            return self.err(format!("more than {} nodes in one expression", MAX_NODES));
        }
        Ok(())
    }

    fn object<'j>(&self, v: &'j Value, what: &str) -> Result<&'j Map<String, Value>, String> {
        match v.as_object() {
            Some(map) => Ok(map),
            None => self.err(format!("{} must be a JSON object, got {}", what, show(v))),
        }
    }

    /// Requires the object's keys to be exactly `keys`.
    fn exactly(&self, map: &Map<String, Value>, keys: &[&str], what: &str) -> Result<(), String> {
        let extra = map.keys().find(|k| !keys.contains(&k.as_str()));
        let missing = keys.iter().find(|k| !map.contains_key(**k));
        if let Some(k) = extra {
            return self.err(format!("{} has an unexpected key {:?} (expected {:?})", what, k, keys));
        }
        if let Some(k) = missing {
            return self.err(format!("{} lacks the key {:?}", what, k));
        }
        Ok(())
    }

    fn string<'j>(&self, v: &'j Value, what: &str) -> Result<&'j str, String> {
        match v.as_str() {
            Some(s) => Ok(s),
            None => self.err(format!("{} must be a string, got {}", what, show(v))),
        }
    }

    fn expr(&mut self, v: &Value) -> Result<Expr, String> {
        self.node()?;
        let map = self.object(v, "an expression")?;
        let mut kinds = EXPR_KINDS.iter().filter(|k| map.contains_key(**k));
        let kind = match (kinds.next(), kinds.next()) {
            (Some(kind), None) => *kind,
            (Some(a), Some(b)) => return self.err(format!("an expression has both {:?} and {:?}", a, b)),
            (None, _) => {
                return self.err(format!("an expression must be one of {:?}, got {}", EXPR_KINDS, show(v)));
            }
        };
        match kind {
            "and" | "or" => {
                self.exactly(map, &[kind], kind)?;
                let items = self.list(at(map, kind), kind)?;
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    out.push(self.within(&format!("{}[{}]", kind, i), |c| c.expr(item))?);
                }
                Ok(if kind == "and" { Expr::And(out) } else { Expr::Or(out) })
            }
            "xor" => {
                self.exactly(map, &["xor"], "xor")?;
                let items = self.list(at(map, "xor"), "xor")?;
                match items.as_slice() {
                    [a, b] => {
                        let a = self.within("xor[0]", |c| c.expr(a))?;
                        let b = self.within("xor[1]", |c| c.expr(b))?;
                        Ok(Expr::Xor(Box::new(a), Box::new(b)))
                    }
                    _ => self.err(format!("xor takes exactly 2 expressions, got {}", items.len())),
                }
            }
            "not" => {
                self.exactly(map, &["not"], "not")?;
                let e = self.within("not", |c| c.expr(at(map, "not")))?;
                Ok(Expr::Not(Box::new(e)))
            }
            "truth" => {
                self.exactly(map, &["truth"], "truth")?;
                let (v, ty) = self.within("truth", |c| c.value(at(map, "truth")))?;
                if ty != Ty::Bool {
                    return self.err(format!("a condition must be a bool, got {}", ty.name()));
                }
                Ok(Expr::Truth(v))
            }
            "cmp" => {
                self.exactly(map, &["cmp", "lhs", "rhs"], "a comparison")?;
                self.comparison(map)
            }
            _ => {
                self.exactly(map, &["in", "set"], "a membership test")?;
                self.membership(map)
            }
        }
    }

    /// A non-empty JSON array.
    fn list<'j>(&self, v: &'j Value, what: &str) -> Result<&'j Vec<Value>, String> {
        match v.as_array() {
            Some(items) if !items.is_empty() => Ok(items),
            Some(_) => self.err(format!("{} needs at least one expression", what)),
            None => self.err(format!("{} takes a JSON array, got {}", what, show(v))),
        }
    }

    fn comparison(&mut self, map: &Map<String, Value>) -> Result<Expr, String> {
        let op = self.string(at(map, "cmp"), "the operator")?;
        let (lhs, lty) = self.within("lhs", |c| c.value(at(map, "lhs")))?;
        let rhs = at(map, "rhs");
        match op {
            "matches" | "wildcard" | "strict_wildcard" => {
                if lty != Ty::Str {
                    return self.err(format!("{} needs a string on the left, got {}", op, lty.name()));
                }
                let key = if op == "matches" { "regex" } else { "str" };
                let pattern = self.within("rhs", |c| {
                    let rmap = c.object(rhs, "the pattern")?;
                    c.exactly(rmap, &[key], &format!("the right-hand side of {}", op))?;
                    c.string(at(rmap, key), "the pattern").map(str::to_owned)
                })?;
                if op == "matches" {
                    match self.budget.compile(&pattern) {
                        Ok(regex) => Ok(Expr::Matches(lhs, regex)),
                        Err(e) => self.err(e),
                    }
                } else {
                    match Wildcard::new(&pattern, op == "wildcard") {
                        Ok(w) => Ok(Expr::Wildcard(lhs, w)),
                        Err(e) => self.err(e),
                    }
                }
            }
            _ => {
                let op = match op {
                    "eq" => Op::Eq,
                    "ne" => Op::Ne,
                    "lt" => Op::Lt,
                    "le" => Op::Le,
                    "gt" => Op::Gt,
                    "ge" => Op::Ge,
                    "contains" => Op::Contains,
                    other => return self.err(format!("unknown operator {:?}", other)),
                };
                let (rhs, rty) = self.within("rhs", |c| c.value(rhs))?;
                let ok = match op {
                    Op::Contains => lty == Ty::Str && rty == Ty::Str,
                    Op::Eq | Op::Ne => lty == rty || (lty.is_num() && rty.is_num()),
                    _ => (lty == rty && lty != Ty::Bool) || (lty.is_num() && rty.is_num()),
                };
                if !ok {
                    return self.err(format!(
                        "cannot compare {} with {} using {}",
                        lty.name(),
                        rty.name(),
                        at(map, "cmp").as_str().unwrap_or_default()
                    ));
                }
                Ok(Expr::Cmp(op, lhs, rhs))
            }
        }
    }

    fn membership(&mut self, map: &Map<String, Value>) -> Result<Expr, String> {
        let (lhs, ty) = self.within("in", |c| c.value(at(map, "in")))?;
        let items = match at(map, "set").as_array() {
            Some(items) => items,
            None => return self.err(format!("the set must be a JSON array, got {}", show(at(map, "set")))),
        };
        let mut strs: Vec<Box<str>> = Vec::new();
        let mut nums = Vec::new();
        let mut int_ranges = Vec::new();
        let mut intervals = Vec::new();
        for (i, item) in items.iter().enumerate() {
            self.within(&format!("set[{}]", i), |c| {
                c.node()?;
                let imap = c.object(item, "a set item")?;
                let (key, x) = match imap.iter().next() {
                    Some(entry) if imap.len() == 1 => entry,
                    _ => return c.err(format!("a set item must have exactly one key, got {}", show(item))),
                };
                match (ty, key.as_str()) {
                    (Ty::Str, "str") => strs.push(c.string(x, "a string item")?.into()),
                    (Ty::Int | Ty::Float, "int") => nums.push(Num::Int(c.int(x)?)),
                    (Ty::Int | Ty::Float, "float") => nums.push(Num::Float(c.float(x)?)),
                    (Ty::Int | Ty::Float, "range") => {
                        let (lo, hi) = c.range(x, "int", |c, v| c.int(v))?;
                        if lo > hi {
                            return c.err(format!("the range {}..{} is empty", lo, hi));
                        }
                        int_ranges.push((lo, hi));
                    }
                    (Ty::Ip, "ip") => {
                        let ip = c.ip(x)?;
                        intervals.push((ip.0, ip.0));
                    }
                    (Ty::Ip, "cidr") => match parse_cidr(c.string(x, "a CIDR")?) {
                        Ok((lo, hi)) => intervals.extend(family_intervals(lo, hi)),
                        Err(e) => return c.err(e),
                    },
                    (Ty::Ip, "range") => {
                        let (lo, hi) = c.range(x, "ip", |c, v| c.ip(v))?;
                        if lo.is_v4() != hi.is_v4() {
                            return c.err("an IP range must not mix IPv4 and IPv6".to_owned());
                        }
                        if lo.0 > hi.0 {
                            return c.err(format!("the IP range {} is empty (its start is above its end)", show(x)));
                        }
                        intervals.extend(family_intervals(lo.0, hi.0));
                    }
                    (Ty::Bool, _) => return c.err("a bool cannot be tested with in".to_owned()),
                    (_, key) => {
                        return c.err(format!("a {:?} item cannot be compared with {} on the left", key, ty.name()))
                    }
                }
                Ok(())
            })?;
        }
        if ty == Ty::Bool {
            return self.err("a bool cannot be tested with in".to_owned());
        }
        let set = match ty {
            Ty::Str => {
                strs.sort_unstable();
                strs.dedup();
                Set::Str(strs)
            }
            Ty::Ip => Set::Ip(merge(intervals)),
            _ => Set::Num { nums, ranges: int_ranges },
        };
        Ok(Expr::In(lhs, set))
    }

    /// `[{"int": lo}, {"int": hi}]` (or `"ip"`): both ends, read by `read`.
    fn range<T>(
        &mut self,
        v: &Value,
        key: &str,
        read: impl Fn(&mut Self, &Value) -> Result<T, String>,
    ) -> Result<(T, T), String> {
        let (lo, hi) = match v.as_array().map(Vec::as_slice) {
            Some([lo, hi]) => (lo, hi),
            _ => return self.err(format!("a range must be [LO, HI], got {}", show(v))),
        };
        let read_end = |c: &mut Self, end: &Value| {
            let emap = c.object(end, "a range end")?;
            c.exactly(emap, &[key], "a range end")?;
            read(c, at(emap, key))
        };
        let lo = read_end(self, lo)?;
        let hi = read_end(self, hi)?;
        Ok((lo, hi))
    }

    fn int(&self, v: &Value) -> Result<i64, String> {
        match v.as_i64() {
            Some(n) => Ok(n),
            None => self.err(format!("an int must be a whole number in the i64 range, got {}", show(v))),
        }
    }

    fn float(&self, v: &Value) -> Result<f64, String> {
        match v.as_f64() {
            Some(f) if f.is_finite() => Ok(f),
            _ => self.err(format!("a float must be a number, got {}", show(v))),
        }
    }

    fn ip(&self, v: &Value) -> Result<Ip, String> {
        let text = self.string(v, "an IP")?;
        match Ip::parse(text) {
            Some(ip) => Ok(ip),
            None => self.err(format!("{:?} is not an IPv4 or IPv6 address", text)),
        }
    }

    fn value(&mut self, v: &Value) -> Result<(Val, Ty), String> {
        self.node()?;
        let map = self.object(v, "a value")?;
        if let Some(name) = map.get("field") {
            return self.field(map, name);
        }
        if let Some(name) = map.get("fn") {
            self.exactly(map, &["fn", "arg"], "a function call")?;
            let name = self.string(name, "a function name")?;
            let (arg, ty) = self.within("arg", |c| c.value(at(map, "arg")))?;
            if ty != Ty::Str {
                return self.err(format!("{}() takes a string, got {}", name, ty.name()));
            }
            let arg = Box::new(arg);
            return match name {
                "lower" => Ok((Val::Lower(arg), Ty::Str)),
                "upper" => Ok((Val::Upper(arg), Ty::Str)),
                "len" => Ok((Val::Len(arg), Ty::Int)),
                other => self.err(format!("unknown function {:?}", other)),
            };
        }
        let (key, x) = match map.iter().next() {
            Some(entry) if map.len() == 1 => entry,
            _ => return self.err(format!("a value must have exactly one key, got {}", show(v))),
        };
        match key.as_str() {
            "str" => Ok((Val::Str(self.string(x, "a string")?.into()), Ty::Str)),
            "int" => Ok((Val::Num(Num::Int(self.int(x)?)), Ty::Int)),
            "float" => Ok((Val::Num(Num::Float(self.float(x)?)), Ty::Float)),
            "ip" => Ok((Val::Ip(self.ip(x)?), Ty::Ip)),
            "bool" => match x.as_bool() {
                Some(b) => Ok((Val::Bool(b), Ty::Bool)),
                None => self.err(format!("a bool must be true or false, got {}", show(x))),
            },
            "regex" => self.err("a regex is only allowed on the right of matches".to_owned()),
            "cidr" | "range" => self.err(format!("a {} is only allowed in a set", key)),
            other => self.err(format!("unknown value kind {:?}", other)),
        }
    }

    fn field(&mut self, map: &Map<String, Value>, name: &Value) -> Result<(Val, Ty), String> {
        let name = self.string(name, "a field name")?;
        let keyed = matches!(name, "http.request.headers" | "http.request.cookie" | "http.request.uri.args" | "local");
        if keyed {
            self.exactly(map, &["field", "key"], name)?;
        } else {
            self.exactly(map, &["field"], name)?;
        }
        let key = if keyed { self.string(at(map, "key"), "the key")? } else { "" };
        let field = match name {
            "http.host" => Field::Header(self.keys.headers.slot("host")),
            "http.request.method" => Field::Method,
            "http.request.uri.path" => Field::Path,
            "http.request.uri.query" => Field::Query,
            "http.request.headers" => Field::Header(self.keys.headers.slot(&key.to_ascii_lowercase())),
            "http.request.cookie" => Field::Cookie(self.keys.cookies.slot(key)),
            "http.request.uri.args" => Field::Arg(self.keys.args.slot(key)),
            "local" => Field::Local(self.keys.locals.slot(key)),
            "ip.src" => {
                self.keys.ip = true;
                return Ok((Val::Field(Field::IpSrc), Ty::Ip));
            }
            other => match DETAILS.iter().find(|(n, _)| *n == other) {
                Some(&(n, ty)) => {
                    return Ok((Val::Field(Field::Detail(self.keys.details.slot(n), ty)), ty));
                }
                None => return self.err(format!("unknown field {:?}", other)),
            },
        };
        Ok((Val::Field(field), Ty::Str))
    }
}

/// Sorts intervals and merges overlapping or touching ones, so that a
/// lookup is one binary search.
fn merge(mut intervals: Vec<(u128, u128)>) -> Vec<(u128, u128)> {
    intervals.sort_unstable();
    let mut out: Vec<(u128, u128)> = Vec::with_capacity(intervals.len());
    for (lo, hi) in intervals {
        match out.last_mut() {
            Some(last) if lo <= last.1.saturating_add(1) => last.1 = last.1.max(hi),
            _ => out.push((lo, hi)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::merge;

    #[test]
    fn merges_intervals() {
        assert_eq!(merge(vec![(5, 9), (1, 3), (4, 4), (20, 30), (25, 26)]), vec![(1, 9), (20, 30)]);
        assert_eq!(merge(vec![(0, u128::MAX), (3, 4)]), vec![(0, u128::MAX)]);
        assert_eq!(merge(vec![]), vec![]);
    }
}
