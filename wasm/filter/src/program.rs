//! The compiled form of the IR, and the public `Program`.

use regex::Regex;

use crate::ip::Ip;
use crate::num::Num;
use crate::request::Sources;
use crate::wildcard::Wildcard;
use crate::{Input, Tri};

/// A compiled list of filter expressions: build it once with
/// [`Program::compile`], evaluate it per request with [`Program::eval`].
#[derive(Debug)]
pub struct Program {
    pub(crate) exprs: Vec<Expr>,
    /// The keys the expressions read, one slot each, so that a request's
    /// cookies, query and headers are scanned once however many
    /// expressions read them.
    pub(crate) keys: Keys,
}

impl Program {
    /// `exprs` is the JSON array of IR expressions `E` (`IR.md`). `Err`
    /// names the expression index, where in it, and what is wrong (e.g. an
    /// invalid regex and the regex crate's message).
    pub fn compile(exprs: &serde_json::Value) -> Result<Program, String> {
        crate::compile::program(exprs)
    }

    /// One result per expression, in order. Cookies and query arguments are
    /// parsed at most once per call, and only if an expression reads them.
    pub fn eval(&self, input: &Input<'_>) -> Vec<Tri> {
        let sources = Sources::load(&self.keys, input);
        self.exprs.iter().map(|e| crate::eval::expr(e, input, &sources)).collect()
    }
}

/// What the program reads, beyond the always-present method, path and query.
#[derive(Debug, Default)]
pub(crate) struct Keys {
    /// Header names, lower-case (`http.host` is the `host` header).
    pub(crate) headers: KeySet,
    /// Cookie names, case-sensitive.
    pub(crate) cookies: KeySet,
    /// Query argument names, decoded.
    pub(crate) args: KeySet,
    /// `filter_local` keys.
    pub(crate) locals: KeySet,
    /// IP-detail field names (`ip.src.country`, ...).
    pub(crate) details: KeySet,
    /// Whether `ip.src` is read (the client IP is parsed only then).
    pub(crate) ip: bool,
}

/// The distinct keys of one source, each with a slot, and a sorted index so
/// that a request's name finds its slot by binary search (a request with
/// thousands of cookies against a program with many keys stays cheap).
#[derive(Debug, Default)]
pub(crate) struct KeySet {
    /// By slot.
    names: Vec<Box<str>>,
    /// Slots, ordered by their names' bytes.
    order: Vec<usize>,
}

impl KeySet {
    /// The slot of `key`, added if new.
    pub(crate) fn slot(&mut self, key: &str) -> usize {
        let names = &self.names;
        match self.order.binary_search_by(|&s| names.get(s).map_or("", |n| &**n).cmp(key)) {
            Ok(at) => self.order.get(at).copied().unwrap_or(0),
            Err(at) => {
                self.names.push(key.into());
                let slot = self.names.len() - 1;
                self.order.insert(at, slot);
                slot
            }
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.names.len()
    }

    /// The slot of `name`; with `fold`, ASCII case is ignored (the keys
    /// must then be lower-case, which keeps them sorted the same way).
    pub(crate) fn find(&self, name: &str, fold: bool) -> Option<usize> {
        let key_of = |slot: usize| self.names.get(slot).map_or("", |n| &**n);
        let at = if fold {
            self.order.binary_search_by(|&s| key_of(s).bytes().cmp(name.bytes().map(|b| b.to_ascii_lowercase())))
        } else {
            self.order.binary_search_by(|&s| key_of(s).cmp(name))
        };
        at.ok().and_then(|at| self.order.get(at).copied())
    }
}

/// The type of a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Ty {
    Str,
    Int,
    Float,
    Ip,
    Bool,
}

impl Ty {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Ty::Str => "string",
            Ty::Int => "int",
            Ty::Float => "float",
            Ty::Ip => "ip",
            Ty::Bool => "bool",
        }
    }

    pub(crate) fn is_num(self) -> bool {
        matches!(self, Ty::Int | Ty::Float)
    }
}

/// A request field; the `usize` is the slot of its key in `Keys`.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Field {
    Method,
    Path,
    Query,
    Header(usize),
    Cookie(usize),
    Arg(usize),
    Local(usize),
    IpSrc,
    /// An IP detail and the type its text is read as.
    Detail(usize, Ty),
}

/// A value expression.
#[derive(Debug)]
pub(crate) enum Val {
    Field(Field),
    Str(Box<str>),
    Num(Num),
    Ip(Ip),
    Bool(bool),
    Lower(Box<Val>),
    Upper(Box<Val>),
    Len(Box<Val>),
}

/// A comparison operator (`matches` and the wildcards have their own `Expr`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Op {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Contains,
}

/// A set for `in`, by the type of its left-hand side.
#[derive(Debug)]
pub(crate) enum Set {
    /// Sorted, without duplicates.
    Str(Vec<Box<str>>),
    /// Numbers and inclusive int ranges.
    Num { nums: Vec<Num>, ranges: Vec<(i64, i64)> },
    /// Inclusive intervals (single IPs, CIDRs, ranges), sorted and merged.
    Ip(Vec<(u128, u128)>),
}

/// A boolean expression.
#[derive(Debug)]
pub(crate) enum Expr {
    And(Vec<Expr>),
    Or(Vec<Expr>),
    Xor(Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
    Truth(Val),
    Cmp(Op, Val, Val),
    Matches(Val, Regex),
    Wildcard(Val, Wildcard),
    In(Val, Set),
}

#[cfg(test)]
mod tests {
    use super::KeySet;

    #[test]
    fn key_slots_and_lookup() {
        let mut keys = KeySet::default();
        assert_eq!(keys.slot("b"), 0);
        assert_eq!(keys.slot("a"), 1);
        assert_eq!(keys.slot("c"), 2);
        assert_eq!(keys.slot("a"), 1);
        assert_eq!(keys.len(), 3);
        assert_eq!(keys.find("a", false), Some(1));
        assert_eq!(keys.find("c", false), Some(2));
        assert_eq!(keys.find("A", false), None);
        assert_eq!(keys.find("A", true), Some(1));
        assert_eq!(keys.find("", false), None);
        assert_eq!(KeySet::default().find("a", true), None);
    }
}
