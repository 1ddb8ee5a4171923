//! The `TX` collection: the transaction's variables (anomaly scores, the
//! setup values of 901, captures `TX:0`-`TX:9`, per-rule bookkeeping).
//!
//! Names are case-insensitive in SecLang and stored lower case. Every name
//! the rules spell out is given a slot when the rules are compiled, so the
//! hot path (the paranoia-level skip rules, the score setvars) reads and
//! writes by index; names built at run time (`tx.header_name_920450_%{tx.0}`)
//! get slots after those, for the request only.

use std::collections::HashMap;

/// Slot of a TX variable.
pub(crate) type Slot = u32;

/// The names known when the rules were compiled.
#[derive(Debug, Default)]
pub(crate) struct TxNames {
    index: HashMap<String, Slot>,
    names: Vec<String>,
}

impl TxNames {
    /// The slot of `name` (any case), created if new.
    pub fn intern(&mut self, name: &str) -> Slot {
        let lower = name.to_ascii_lowercase();
        if let Some(&s) = self.index.get(&lower) {
            return s;
        }
        let s = self.names.len() as Slot;
        self.names.push(lower.clone());
        self.index.insert(lower, s);
        s
    }

    pub fn get(&self, lower: &str) -> Option<Slot> {
        self.index.get(lower).copied()
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// The (lower-case) name of a compiled slot.
    pub fn name(&self, slot: Slot) -> &str {
        self.names.get(slot as usize).map_or("", |n| n.as_str())
    }
}

/// The values of one request.
#[derive(Debug, Default)]
pub(crate) struct Tx {
    /// Per slot: whether set, and its bytes (buffers kept across requests).
    values: Vec<(bool, Vec<u8>)>,
    /// Names of the slots past the compiled ones, in creation order.
    extra: Vec<String>,
}

impl Tx {
    /// Forgets every value (the buffers stay allocated).
    pub fn reset(&mut self, names: &TxNames) {
        if self.values.len() < names.len() {
            self.values.resize_with(names.len(), Default::default);
        }
        for v in &mut self.values {
            v.0 = false;
            v.1.clear();
        }
        self.extra.clear();
    }

    /// The slot of a lower-case name, creating a request-local one when
    /// `create` and the name is unknown.
    pub fn slot(&mut self, names: &TxNames, lower: &str, create: bool) -> Option<Slot> {
        if let Some(s) = names.get(lower) {
            return Some(s);
        }
        if let Some(i) = self.extra.iter().position(|n| n == lower) {
            return Some((names.len() + i) as Slot);
        }
        if !create {
            return None;
        }
        self.extra.push(lower.to_string());
        let s = names.len() + self.extra.len() - 1;
        if self.values.len() <= s {
            self.values.resize_with(s + 1, Default::default);
        }
        Some(s as Slot)
    }

    pub fn get(&self, slot: Slot) -> Option<&[u8]> {
        match self.values.get(slot as usize) {
            Some((true, v)) => Some(v),
            _ => None,
        }
    }

    pub fn set(&mut self, slot: Slot, value: &[u8]) {
        let s = slot as usize;
        if self.values.len() <= s {
            self.values.resize_with(s + 1, Default::default);
        }
        let v = &mut self.values[s];
        v.0 = true;
        v.1.clear();
        v.1.extend_from_slice(value);
    }

    pub fn unset(&mut self, slot: Slot) {
        if let Some(v) = self.values.get_mut(slot as usize) {
            v.0 = false;
            v.1.clear();
        }
    }

    /// Every set value with its slot and (lower-case) name, compiled slots
    /// first.
    pub fn iter<'a>(&'a self, names: &'a TxNames) -> impl Iterator<Item = (Slot, &'a str, &'a [u8])> + 'a {
        let n = names.len();
        self.values.iter().enumerate().filter(|(_, v)| v.0).filter_map(move |(i, v)| {
            let name = if i < n { names.names.get(i) } else { self.extra.get(i - n) };
            name.map(|k| (i as Slot, k.as_str(), &v.1[..]))
        })
    }
}

/// SecLang's string-to-number for `setvar` arithmetic and the numeric
/// operators: leading whitespace, an optional sign, then digits (as C's
/// `stoi`); anything else, or nothing, is 0. Saturates instead of failing.
pub(crate) fn to_int(b: &[u8]) -> i64 {
    let mut i = 0;
    while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) {
        i += 1;
    }
    let mut neg = false;
    if i < b.len() && (b[i] == b'-' || b[i] == b'+') {
        neg = b[i] == b'-';
        i += 1;
    }
    let mut n: i64 = 0;
    while i < b.len() && b[i].is_ascii_digit() {
        n = n.saturating_mul(10).saturating_add((b[i] - b'0') as i64);
        i += 1;
    }
    if neg {
        -n
    } else {
        n
    }
}

/// Writes `n` in decimal into `out` (cleared first).
pub(crate) fn write_int(out: &mut Vec<u8>, n: i64) {
    out.clear();
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    let mut m = n.unsigned_abs();
    loop {
        i -= 1;
        buf[i] = b'0' + (m % 10) as u8;
        m /= 10;
        if m == 0 {
            break;
        }
    }
    if n < 0 {
        out.push(b'-');
    }
    out.extend_from_slice(&buf[i..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compiled_and_request_slots() {
        let mut names = TxNames::default();
        let a = names.intern("Blocking_Paranoia_Level");
        assert_eq!(names.intern("blocking_paranoia_level"), a);
        let mut tx = Tx::default();
        tx.reset(&names);
        assert_eq!(tx.get(a), None);
        tx.set(a, b"2");
        assert_eq!(tx.get(a), Some(&b"2"[..]));
        let d = tx.slot(&names, "header_name_920450_x-foo", true).unwrap();
        assert_eq!(tx.slot(&names, "header_name_920450_x-foo", false), Some(d));
        tx.set(d, b"/x-foo/");
        let all: Vec<_> = tx.iter(&names).collect();
        assert_eq!(all, vec![(a, "blocking_paranoia_level", &b"2"[..]), (d, "header_name_920450_x-foo", &b"/x-foo/"[..])]);
        tx.unset(a);
        assert_eq!(tx.iter(&names).count(), 1);
        tx.reset(&names);
        assert_eq!(tx.iter(&names).count(), 0);
        assert_eq!(tx.slot(&names, "header_name_920450_x-foo", false), None);
    }

    #[test]
    fn numbers_like_stoi() {
        assert_eq!(to_int(b"5"), 5);
        assert_eq!(to_int(b"  -12abc"), -12);
        assert_eq!(to_int(b"+7"), 7);
        assert_eq!(to_int(b"abc"), 0);
        assert_eq!(to_int(b""), 0);
        assert_eq!(to_int(b"99999999999999999999999999"), i64::MAX);
        let mut out = Vec::new();
        for n in [0i64, 5, -5, 1234567, i64::MIN, i64::MAX] {
            write_int(&mut out, n);
            assert_eq!(out, n.to_string().into_bytes());
        }
    }
}
