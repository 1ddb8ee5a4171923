//! Three-valued evaluation of compiled expressions.
//!
//! A value is `Option<Value>`: `None` is undetermined (a missing header,
//! cookie, argument, local key or IP detail, an unparsable client IP, or a
//! function of one). A comparison, membership, match or truth test with an
//! undetermined operand is undetermined; `and`, `or`, `xor` and `not` are
//! Kleene's. Types were checked at compile time; a mismatch that slipped
//! through anyway answers undetermined rather than panicking.

use std::borrow::Cow;
use std::cmp::Ordering;

use memchr::memmem;

use crate::ip::Ip;
use crate::num::Num;
use crate::program::{Expr, Field, Op, Set, Ty, Val};
use crate::request::Sources;
use crate::{Input, Tri};

/// A value during evaluation; strings borrow from the request or the
/// program unless a function computed them.
#[derive(Debug)]
enum Value<'c> {
    Str(Cow<'c, str>),
    Num(Num),
    Ip(Ip),
    Bool(bool),
}

fn tri(holds: bool) -> Tri {
    if holds {
        Tri::True
    } else {
        Tri::False
    }
}

/// Evaluates one expression.
pub(crate) fn expr(e: &Expr, input: &Input<'_>, sources: &Sources<'_>) -> Tri {
    match e {
        Expr::And(all) => {
            let mut out = Tri::True;
            for e in all {
                match expr(e, input, sources) {
                    Tri::False => return Tri::False,
                    Tri::Undetermined => out = Tri::Undetermined,
                    Tri::True => {}
                }
            }
            out
        }
        Expr::Or(any) => {
            let mut out = Tri::False;
            for e in any {
                match expr(e, input, sources) {
                    Tri::True => return Tri::True,
                    Tri::Undetermined => out = Tri::Undetermined,
                    Tri::False => {}
                }
            }
            out
        }
        Expr::Xor(a, b) => match (expr(a, input, sources), expr(b, input, sources)) {
            (Tri::Undetermined, _) | (_, Tri::Undetermined) => Tri::Undetermined,
            (a, b) => tri(a != b),
        },
        Expr::Not(e) => match expr(e, input, sources) {
            Tri::True => Tri::False,
            Tri::False => Tri::True,
            Tri::Undetermined => Tri::Undetermined,
        },
        Expr::Truth(v) => match val(v, input, sources) {
            Some(Value::Bool(b)) => tri(b),
            _ => Tri::Undetermined,
        },
        Expr::Cmp(op, lhs, rhs) => match val(lhs, input, sources) {
            Some(a) => match val(rhs, input, sources) {
                Some(b) => compare(*op, &a, &b),
                None => Tri::Undetermined,
            },
            None => Tri::Undetermined,
        },
        Expr::Matches(v, regex) => match val(v, input, sources) {
            Some(Value::Str(s)) => tri(regex.is_match(&s)),
            _ => Tri::Undetermined,
        },
        Expr::Wildcard(v, pattern) => match val(v, input, sources) {
            Some(Value::Str(s)) => tri(pattern.is_match(&s)),
            _ => Tri::Undetermined,
        },
        Expr::In(v, set) => match val(v, input, sources) {
            Some(x) => member(set, &x),
            None => Tri::Undetermined,
        },
    }
}

fn compare(op: Op, a: &Value<'_>, b: &Value<'_>) -> Tri {
    let order = match (a, b) {
        (Value::Str(x), Value::Str(y)) => {
            if op == Op::Contains {
                return tri(memmem::find(x.as_bytes(), y.as_bytes()).is_some());
            }
            // Byte-wise, which for UTF-8 is also code-point order.
            Some(x.as_bytes().cmp(y.as_bytes()))
        }
        (Value::Num(x), Value::Num(y)) => x.order(*y),
        (Value::Ip(x), Value::Ip(y)) => match op {
            Op::Eq | Op::Ne => Some(if x == y { Ordering::Equal } else { Ordering::Less }),
            // Mixed families have no order: `None`, so false below.
            _ => x.order(*y),
        },
        (Value::Bool(x), Value::Bool(y)) => Some(x.cmp(y)),
        _ => return Tri::Undetermined,
    };
    match op {
        Op::Eq => tri(order == Some(Ordering::Equal)),
        Op::Ne => tri(order != Some(Ordering::Equal)),
        Op::Lt => tri(order == Some(Ordering::Less)),
        Op::Le => tri(matches!(order, Some(Ordering::Less | Ordering::Equal))),
        Op::Gt => tri(order == Some(Ordering::Greater)),
        Op::Ge => tri(matches!(order, Some(Ordering::Greater | Ordering::Equal))),
        Op::Contains => Tri::Undetermined,
    }
}

fn member(set: &Set, x: &Value<'_>) -> Tri {
    match (set, x) {
        (Set::Str(items), Value::Str(s)) => {
            tri(items.binary_search_by(|item| item.as_bytes().cmp(s.as_bytes())).is_ok())
        }
        (Set::Num { nums, ranges }, Value::Num(n)) => tri(nums.iter().any(|m| n.order(*m) == Some(Ordering::Equal))
            || ranges.iter().any(|&(lo, hi)| {
                matches!(n.order(Num::Int(lo)), Some(Ordering::Greater | Ordering::Equal))
                    && matches!(n.order(Num::Int(hi)), Some(Ordering::Less | Ordering::Equal))
            })),
        (Set::Ip(intervals), Value::Ip(ip)) => {
            // The last interval starting at or below `ip` is the only one
            // that can hold it: they are sorted and disjoint.
            let after = intervals.partition_point(|&(lo, _)| lo <= ip.0);
            tri(after.checked_sub(1).and_then(|i| intervals.get(i)).map_or(false, |&(_, hi)| ip.0 <= hi))
        }
        _ => Tri::Undetermined,
    }
}

fn val<'c>(v: &'c Val, input: &Input<'c>, sources: &'c Sources<'c>) -> Option<Value<'c>> {
    Some(match v {
        Val::Field(field) => return read(*field, input, sources),
        Val::Str(s) => Value::Str(Cow::Borrowed(s)),
        Val::Num(n) => Value::Num(*n),
        Val::Ip(ip) => Value::Ip(*ip),
        Val::Bool(b) => Value::Bool(*b),
        Val::Lower(arg) => match val(arg, input, sources)? {
            Value::Str(s) if s.bytes().any(|b| !b.is_ascii() || b.is_ascii_uppercase()) => {
                Value::Str(Cow::Owned(s.to_lowercase()))
            }
            same @ Value::Str(_) => same,
            _ => return None,
        },
        Val::Upper(arg) => match val(arg, input, sources)? {
            Value::Str(s) if s.bytes().any(|b| !b.is_ascii() || b.is_ascii_lowercase()) => {
                Value::Str(Cow::Owned(s.to_uppercase()))
            }
            same @ Value::Str(_) => same,
            _ => return None,
        },
        Val::Len(arg) => match val(arg, input, sources)? {
            Value::Str(s) => Value::Num(Num::Int(i64::try_from(s.len()).unwrap_or(i64::MAX))),
            _ => return None,
        },
    })
}

fn read<'c>(field: Field, input: &Input<'c>, sources: &'c Sources<'c>) -> Option<Value<'c>> {
    let text =
        |slots: &'c [Option<&'c str>], i: usize| slots.get(i).copied().flatten().map(|s| Value::Str(Cow::Borrowed(s)));
    match field {
        Field::Method => Some(Value::Str(Cow::Borrowed(input.method))),
        Field::Path => Some(Value::Str(Cow::Borrowed(input.path))),
        Field::Query => Some(Value::Str(Cow::Borrowed(input.query))),
        Field::Header(i) => text(&sources.headers, i),
        Field::Cookie(i) => text(&sources.cookies, i),
        Field::Local(i) => text(&sources.locals, i),
        Field::Arg(i) => sources.args.get(i).and_then(|slot| slot.as_deref()).map(|s| Value::Str(Cow::Borrowed(s))),
        Field::IpSrc => sources.ip.map(Value::Ip),
        Field::Detail(i, ty) => detail(sources.details.get(i).copied().flatten()?, ty),
    }
}

/// An IP detail's text read as its field's type; unreadable: undetermined.
fn detail(text: &str, ty: Ty) -> Option<Value<'_>> {
    match ty {
        Ty::Str => Some(Value::Str(Cow::Borrowed(text))),
        Ty::Int => text.parse().ok().map(|n| Value::Num(Num::Int(n))),
        // "NaN" and "inf" parse as f64 but are no coordinate.
        Ty::Float => text.parse::<f64>().ok().filter(|f| f.is_finite()).map(|f| Value::Num(Num::Float(f))),
        Ty::Bool => {
            if text.eq_ignore_ascii_case("true") {
                Some(Value::Bool(true))
            } else if text.eq_ignore_ascii_case("false") {
                Some(Value::Bool(false))
            } else {
                None
            }
        }
        Ty::Ip => None,
    }
}
