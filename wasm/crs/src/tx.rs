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

/// How many captures there are, `TX:0`-`TX:9`. Their slots are 0-9: the
/// compiler interns their names before any other.
pub(crate) const CAPTURES: usize = 10;

/// A `capture` of a regex with groups that no rule has read yet: the regex,
/// the value it matched, which groups it has (bit `g`: group `g`), and
/// which captures were written since (`setvar`, a capture without groups),
/// which it must not overwrite when it is settled.
#[derive(Debug, Default)]
struct Deferred {
    regex: u32,
    value: Vec<u8>,
    groups: u16,
    covered: u16,
}

/// The values of one request.
#[derive(Debug, Default)]
pub(crate) struct Tx {
    /// Per slot: whether set, and its bytes (buffers kept across requests).
    values: Vec<(bool, Vec<u8>)>,
    /// Names of the slots past the compiled ones, in creation order.
    extra: Vec<String>,
    /// Captures not yet worked out, oldest first: `deferred[..deferred_len]`
    /// (buffers kept across requests). Finding a regex's groups takes its
    /// slowest engine (time: regex size times match length), and most
    /// captures are never read: a rule reads `TX:1` only after a capture
    /// of its own, so they are settled when a rule reads a capture
    /// ([`Tx::settle`]), with the values ModSecurity would have left.
    deferred: Vec<Deferred>,
    deferred_len: usize,
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
        self.deferred_len = 0;
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
        self.cover(slot);
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
        self.cover(slot);
        if let Some(v) = self.values.get_mut(slot as usize) {
            v.0 = false;
            v.1.clear();
        }
    }

    /// A write to a capture slot: deferred captures must leave it as it is.
    fn cover(&mut self, slot: Slot) {
        if self.deferred_len > 0 && (slot as usize) < CAPTURES {
            for d in &mut self.deferred[..self.deferred_len] {
                d.covered |= 1 << slot;
            }
        }
    }

    /// Records a capture by `regex` (which has `groups` groups, the whole
    /// match included) of `value`, to be worked out by [`Tx::settle`].
    pub fn defer(&mut self, regex: u32, groups: usize, value: &[u8]) {
        if self.deferred.len() <= self.deferred_len {
            self.deferred.push(Deferred::default());
        }
        let d = &mut self.deferred[self.deferred_len];
        d.regex = regex;
        d.value.clear();
        d.value.extend_from_slice(value);
        d.groups = ((1u32 << groups.min(CAPTURES)) - 1) as u16;
        d.covered = 0;
        self.deferred_len += 1;
    }

    /// Writes the deferred captures into `TX:0`-`TX:9` as if each had been
    /// made when it was recorded: for each capture slot, the newest capture
    /// whose group took part and that no later write covered. Newest first,
    /// so an older capture is worked out only when it can still show.
    /// `spans(regex, value, out)` fills each group's span (`None`: the group
    /// did not take part); false when the regex is unavailable.
    pub fn settle(&mut self, mut spans: impl FnMut(u32, &[u8], &mut [Option<(usize, usize)>; CAPTURES]) -> bool) {
        if self.deferred_len == 0 {
            return;
        }
        let deferred = std::mem::take(&mut self.deferred);
        if self.values.len() < CAPTURES {
            self.values.resize_with(CAPTURES, Default::default);
        }
        let mut done: u16 = 0;
        for d in deferred[..self.deferred_len].iter().rev() {
            let wanted = d.groups & !(d.covered | done);
            if wanted == 0 {
                continue;
            }
            let mut out = [None; CAPTURES];
            if !spans(d.regex, &d.value, &mut out) {
                continue;
            }
            for (g, span) in out.iter().enumerate() {
                if let (true, Some((s, e))) = (wanted & (1 << g) != 0, *span) {
                    let v = &mut self.values[g];
                    v.0 = true;
                    v.1.clear();
                    v.1.extend_from_slice(&d.value[s..e]);
                    done |= 1 << g;
                }
            }
        }
        self.deferred = deferred;
        self.deferred_len = 0;
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
    fn deferred_captures_are_worked_out_newest_first_and_only_when_they_show() {
        let mut names = TxNames::default();
        for g in 0..CAPTURES {
            assert_eq!(names.intern(&g.to_string()) as usize, g);
        }
        let mut tx = Tx::default();
        tx.reset(&names);
        // Regex 1: "(a)(b)x" on "abx"; regex 2: "(c)|(d)" on "d".
        let spans = |regex: u32, value: &[u8], out: &mut [Option<(usize, usize)>; CAPTURES]| {
            match (regex, value) {
                (1, b"abx") => *out = [Some((0, 3)), Some((0, 1)), Some((1, 2)), None, None, None, None, None, None, None],
                (2, b"d") => *out = [Some((0, 1)), None, Some((0, 1)), None, None, None, None, None, None, None],
                _ => return false,
            }
            true
        };
        tx.defer(1, 3, b"abx");
        tx.defer(2, 3, b"d");
        let mut calls = Vec::new();
        tx.settle(|r, v, out| {
            calls.push(r);
            spans(r, v, out)
        });
        assert_eq!(calls, vec![2, 1], "newest first; the older one still shows in TX:1");
        assert_eq!((tx.get(0), tx.get(1), tx.get(2)), (Some(&b"d"[..]), Some(&b"a"[..]), Some(&b"d"[..])));
        // An older capture every group of which a newer one (or a write)
        // covers is never worked out: that is the slow part.
        tx.reset(&names);
        tx.defer(1, 3, b"abx");
        tx.set(1, b"set");
        tx.defer(2, 3, b"d");
        tx.set(0, b"zz");
        let mut calls = Vec::new();
        tx.settle(|r, v, out| {
            calls.push(r);
            spans(r, v, out)
        });
        assert_eq!(calls, vec![2], "TX:0 was written, TX:1 set after the older capture, TX:2 taken by the newer");
        assert_eq!((tx.get(0), tx.get(1), tx.get(2)), (Some(&b"zz"[..]), Some(&b"set"[..]), Some(&b"d"[..])));
        let mut calls = 0;
        tx.settle(|_, _, _| {
            calls += 1;
            true
        });
        assert_eq!(calls, 0, "settled once");
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
