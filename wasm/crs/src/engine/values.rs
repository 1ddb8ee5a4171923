//! The values of one request through the pipelines: each (value, pipeline
//! node) is transformed once and kept for the request, and the prefilter
//! pass scans each distinct result once.
//!
//! A value of the request is a *slot*: the `i`th member of a request
//! variable, numbered from that variable's base. Results live in one arena
//! (or are the value itself), so nothing is allocated per lookup.

use super::pipeline::{case_only, classes, Pipelines, ROOT};
use crate::compile::Program;
use crate::prefilter::Lit;
use crate::vars::{Var, Vars};
use shield::SingleFindings;

/// Where a result's bytes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Bytes {
    /// The value itself.
    Raw,
    /// `arena[start..end]`.
    Arena(u32, u32),
}

const NO_SCAN: u32 = u32::MAX;
const NONE: u16 = u16::MAX;

#[derive(Debug, Clone, Copy)]
struct Entry {
    node: u32,
    bytes: Bytes,
    classes: u32,
    /// Index into `scans` of the scan of these bytes (up to case), or
    /// `NO_SCAN`.
    scan: u32,
    findings: Option<SingleFindings>,
}

/// What is known of a slot's value as it is.
#[derive(Debug, Clone, Copy, Default)]
struct Root {
    ready: bool,
    classes: u32,
    scan: u32,
    findings: Option<SingleFindings>,
}

#[derive(Debug, Default)]
pub(crate) struct ValueCache {
    arena: Vec<u8>,
    /// Per slot: its value's classes, scan and detector findings.
    roots: Vec<Root>,
    /// Per slot, the nodes computed so far (buffers kept across requests).
    slots: Vec<Vec<Entry>>,
    /// Per slot, the index in `slots` of each node's entry (`NONE`).
    index: Vec<Vec<u16>>,
    /// Slots the last request numbered (their entries to clear).
    used: usize,
    /// Per slot, the first slot holding the same bytes: every cache above
    /// is kept under that one (`ARGS` and `ARGS_POST` share their values,
    /// and forms repeat `on`, `1`, ...).
    canon: Vec<u32>,
    /// Scratch open-addressing table for `canon`: (hash, slot + 1).
    table: Vec<(u64, u32)>,
    /// Base slot of each request variable, by `Var as usize`.
    bases: Vec<u32>,
    /// Per scan: where in `bits` the set of links that may match starts
    /// (`NO_SCAN`: none), and whether it was merged into `maybe`.
    scans: Vec<(u32, bool)>,
    hits: Vec<Lit>,
    ok: Vec<u64>,
    /// Link bit sets of the scans where some link may match, `words` each.
    bits: Vec<u64>,
    words: usize,
    /// One bit per link: a literal of the link was seen somewhere.
    maybe: Vec<u64>,
    /// The prefilter literals of the configuration's prefiltered links
    /// (`Prefilter::live_literals`): the shared automaton also holds those
    /// of rules that do not run here, whose hits are not worth recording.
    pub live: Vec<u64>,
    path: Vec<u32>,
    /// Checking mode (`Engine::set_verify`): no shortcut by byte classes,
    /// and each class claim is tested against the transformation itself.
    pub verify: bool,
    /// Claims that failed: a transformation changed a value its classes
    /// said it would leave alone.
    pub violations: Vec<String>,
}

impl ValueCache {
    /// Numbers the request's values and runs the prefilter pass: after
    /// this, [`ValueCache::maybe`] answers for every prefiltered link.
    /// `pass` is the configuration's (variable, nodes) list to scan.
    pub fn start(&mut self, prog: &Program, pass: &[(Var, Vec<u32>)], vars: &Vars, body_visible: bool) {
        self.arena.clear();
        self.scans.clear();
        self.bits.clear();
        self.bases.clear();
        let mut next = 0u32;
        for var in Var::ALL {
            self.bases.push(next);
            let n = if var.is_collection() { vars.members(var).count() } else { 1 };
            next = next.saturating_add(n as u32);
        }
        let total = next as usize;
        self.number(vars, total);
        if self.slots.len() < total {
            self.slots.resize_with(total, Vec::new);
            self.index.resize_with(total, Vec::new);
        }
        let nodes = prog.pipelines.len();
        let dirty = self.used.max(total);
        self.used = total;
        if self.roots.len() < total {
            self.roots.resize(total, Root::default());
        }
        for r in &mut self.roots[..dirty] {
            r.ready = false;
        }
        for (entries, index) in self.slots[..dirty].iter_mut().zip(self.index[..dirty].iter_mut()) {
            if index.len() != nodes {
                index.clear();
                index.resize(nodes, NONE);
            } else {
                for e in entries.iter() {
                    index[e.node as usize] = NONE;
                }
            }
            entries.clear();
        }
        self.words = prog.prefilter.words();
        self.maybe.clear();
        self.maybe.resize(self.words, 0);
        for (var, _) in pass {
            if *var != Var::RequestBody || body_visible {
                self.pass(prog, pass, vars, *var);
            }
        }
    }

    /// Fills `canon`: equal values, one slot.
    fn number(&mut self, vars: &Vars, total: usize) {
        let size = (total * 2).next_power_of_two().max(16);
        self.table.clear();
        self.table.resize(size, (0, 0));
        self.canon.clear();
        let mut values: Vec<&[u8]> = Vec::with_capacity(total);
        for var in Var::ALL {
            if var.is_collection() {
                values.extend(vars.members(var).map(|m| m.value));
            } else {
                values.push(vars.members(var).next().map_or(&b""[..], |m| m.value));
            }
        }
        for (slot, v) in values.iter().enumerate() {
            let h = hash(v);
            let mut at = h as usize & (size - 1);
            let canon = loop {
                let (th, ts) = self.table[at];
                if ts == 0 {
                    self.table[at] = (h, slot as u32 + 1);
                    break slot as u32;
                }
                if th == h && values[ts as usize - 1] == *v {
                    break ts - 1;
                }
                at = (at + 1) & (size - 1);
            };
            self.canon.push(canon);
        }
    }

    fn canon(&self, slot: u32) -> u32 {
        self.canon.get(slot as usize).copied().unwrap_or(slot)
    }

    /// The prefilter pass over the values of one variable: their literals
    /// join [`ValueCache::maybe`]. For `REQUEST_BODY` it runs again when a
    /// rule makes the body visible (`ctl:forceRequestBodyVariable`).
    pub fn pass(&mut self, prog: &Program, pass: &[(Var, Vec<u32>)], vars: &Vars, var: Var) {
        let nodes = match pass.iter().find(|(v, _)| *v == var) {
            Some((_, n)) => n,
            None => return,
        };
        let base = self.bases[var as usize];
        for (i, m) in vars.members(var).enumerate() {
            let slot = self.canon(base + i as u32);
            // Each distinct result's literals count once: most nodes share
            // the value's own scan.
            let mut last = NO_SCAN;
            for &node in nodes {
                let scan = self.scan_of(prog, slot, m.value, node);
                if scan == last {
                    continue;
                }
                last = scan;
                let (at, merged) = self.scans[scan as usize];
                if at != NO_SCAN && !merged {
                    self.scans[scan as usize].1 = true;
                    for w in 0..self.words {
                        self.maybe[w] |= self.bits[at as usize + w];
                    }
                }
            }
        }
    }

    /// Whether some value of the request held a literal of `link` (in
    /// some result): when not, the link cannot match.
    pub fn maybe(&self, prog: &Program, link: u32) -> bool {
        prog.prefilter.may(&self.maybe, link)
    }

    /// Whether the result of `node` on the value in `slot` holds a literal
    /// of `link`: when not, the link cannot match there.
    pub fn may_match(&mut self, prog: &Program, slot: u32, raw: &[u8], node: u32, link: u32) -> bool {
        let slot = self.canon(slot);
        let scan = self.scan_of(prog, slot, raw, node);
        let at = self.scans[scan as usize].0;
        at != NO_SCAN && prog.prefilter.may(&self.bits[at as usize..at as usize + self.words], link)
    }

    /// The first slot of `var`.
    pub fn base(&self, var: Var) -> u32 {
        self.bases.get(var as usize).copied().unwrap_or(0)
    }

    /// The bytes of a result of a value whose raw bytes are `raw`.
    pub fn bytes<'a>(&'a self, raw: &'a [u8], b: Bytes) -> &'a [u8] {
        match b {
            Bytes::Raw => raw,
            Bytes::Arena(s, e) => &self.arena[s as usize..e as usize],
        }
    }

    fn find(&self, slot: u32, node: u32) -> Option<usize> {
        match self.index.get(slot as usize)?.get(node as usize) {
            Some(&i) if i != NONE => Some(i as usize),
            _ => None,
        }
    }

    fn push(&mut self, slot: u32, e: Entry) -> usize {
        let entries = &mut self.slots[slot as usize];
        entries.push(e);
        let i = entries.len() - 1;
        self.index[slot as usize][e.node as usize] = i as u16;
        i
    }

    /// The result of pipeline `node` on the value in `slot` (`raw`).
    pub fn get(&mut self, pipes: &Pipelines, slot: u32, raw: &[u8], node: u32) -> Bytes {
        let slot = self.canon(slot);
        // Most values hold none of the bytes any step of the pipeline
        // acts on: then they come out as they went in.
        if !self.verify && self.root(slot, raw).classes & pipes.node(node).path_triggers == 0 {
            return Bytes::Raw;
        }
        let i = self.entry(pipes, slot, raw, node);
        self.slots[slot as usize][i].bytes
    }

    /// The slot's root facts, computed on first use.
    fn root(&mut self, slot: u32, raw: &[u8]) -> Root {
        let r = &mut self.roots[slot as usize];
        if !r.ready {
            *r = Root { ready: true, classes: classes(raw), scan: NO_SCAN, findings: None };
        }
        *r
    }

    /// The scan of the slot's value as it is.
    fn raw_scan(&mut self, prog: &Program, slot: u32, raw: &[u8]) -> u32 {
        let r = self.root(slot, raw);
        if r.scan != NO_SCAN {
            return r.scan;
        }
        let id = self.scan(prog, raw);
        self.roots[slot as usize].scan = id;
        id
    }

    /// Scans `hay`, recording what it found; returns the scan's id.
    fn scan(&mut self, prog: &Program, hay: &[u8]) -> u32 {
        let at = self.bits.len();
        self.bits.resize(at + self.words, 0);
        let any = prog.prefilter.scan(hay, &self.live, &mut self.hits, &mut self.ok, &mut self.bits[at..]);
        let bits_at = if any {
            at as u32
        } else {
            self.bits.truncate(at);
            NO_SCAN
        };
        self.scans.push((bits_at, false));
        (self.scans.len() - 1) as u32
    }

    /// Index of the entry of `node` in the slot, computed (with the
    /// nodes before it that are missing) if new.
    fn entry(&mut self, pipes: &Pipelines, slot: u32, raw: &[u8], node: u32) -> usize {
        if let Some(i) = self.find(slot, node) {
            return i;
        }
        // The missing nodes, from `node` up to one already computed.
        let mut path = std::mem::take(&mut self.path);
        path.clear();
        let mut at = node;
        let mut prev = loop {
            if at == ROOT {
                break match self.find(slot, ROOT) {
                    Some(i) => i,
                    None => {
                        let c = self.root(slot, raw).classes;
                        self.push(slot, Entry { node: ROOT, bytes: Bytes::Raw, classes: c, scan: NO_SCAN, findings: None })
                    }
                };
            }
            if let Some(i) = self.find(slot, at) {
                break i;
            }
            path.push(at);
            at = pipes.node(at).parent;
        };
        for &n in path.iter().rev() {
            let p = self.slots[slot as usize][prev];
            let spec = pipes.node(n);
            let entry = if p.classes & spec.triggers == 0 {
                if self.verify {
                    let input = self.bytes(raw, p.bytes);
                    let wrong = spec.transform.apply(input).map(|_| format!("t:{} changed {:?} though none of its trigger bytes occur", spec.transform.name(), String::from_utf8_lossy(input)));
                    self.violations.extend(wrong);
                }
                Entry { node: n, scan: NO_SCAN, findings: None, ..p }
            } else {
                match spec.transform.apply(self.bytes(raw, p.bytes)) {
                    None => Entry { node: n, scan: NO_SCAN, findings: None, ..p },
                    Some(out) => {
                        let start = self.arena.len() as u32;
                        self.arena.extend_from_slice(&out);
                        Entry { node: n, bytes: Bytes::Arena(start, self.arena.len() as u32), classes: classes(&out), scan: NO_SCAN, findings: None }
                    }
                }
            };
            prev = self.push(slot, entry);
        }
        self.path = path;
        prev
    }

    /// The scan of the result of `node` in `slot`: shared with the nearest
    /// ancestor whose bytes are the same up to ASCII case.
    fn scan_of(&mut self, prog: &Program, slot: u32, raw: &[u8], node: u32) -> u32 {
        let pipes = &prog.pipelines;
        if !self.verify && self.root(slot, raw).classes & pipes.node(node).scan_triggers == 0 {
            let r = self.roots[slot as usize].scan;
            return if r != NO_SCAN { r } else { self.raw_scan(prog, slot, raw) };
        }
        let i = self.entry(pipes, slot, raw, node);
        let e = self.slots[slot as usize][i];
        if e.scan != NO_SCAN {
            return e.scan;
        }
        // Walk up while a step changed nothing but letter case.
        let mut at = i;
        loop {
            let cur = self.slots[slot as usize][at];
            if cur.node == ROOT || cur.scan != NO_SCAN {
                break;
            }
            let spec = pipes.node(cur.node);
            let parent = self.entry(pipes, slot, raw, spec.parent);
            let pe = self.slots[slot as usize][parent];
            let same = pe.bytes == cur.bytes || case_only(spec.transform) || self.bytes(raw, pe.bytes).eq_ignore_ascii_case(self.bytes(raw, cur.bytes));
            if !same {
                break;
            }
            at = parent;
        }
        let top = self.slots[slot as usize][at];
        let scan = if top.scan != NO_SCAN {
            top.scan
        } else {
            let id = match top.bytes {
                Bytes::Raw => self.raw_scan(prog, slot, raw),
                Bytes::Arena(s, e) => match self.same_scan(slot, raw, &self.arena[s as usize..e as usize]) {
                    Some(id) => id,
                    None => {
                        let arena = std::mem::take(&mut self.arena);
                        let id = self.scan(prog, &arena[s as usize..e as usize]);
                        self.arena = arena;
                        id
                    }
                },
            };
            self.slots[slot as usize][at].scan = id;
            id
        };
        self.slots[slot as usize][i].scan = scan;
        scan
    }

    /// A scan of the slot already made of the same bytes up to case: other
    /// pipelines often reach the same result (`gzip,deflate,br` after
    /// removing spaces one way or another).
    fn same_scan(&self, slot: u32, raw: &[u8], bytes: &[u8]) -> Option<u32> {
        let r = self.roots[slot as usize];
        if r.scan != NO_SCAN && raw.len() == bytes.len() && raw.eq_ignore_ascii_case(bytes) {
            return Some(r.scan);
        }
        self.slots[slot as usize].iter().filter(|e| e.scan != NO_SCAN).find(|e| {
            let other = self.bytes(raw, e.bytes);
            other.len() == bytes.len() && other.eq_ignore_ascii_case(bytes)
        }).map(|e| e.scan)
    }

    /// What the SQLi/XSS detectors found in the result of `node` in `slot`,
    /// computed once per distinct result.
    pub fn findings(&mut self, pipes: &Pipelines, slot: u32, raw: &[u8], node: u32, single: &mut shield::Single) -> SingleFindings {
        let slot = self.canon(slot);
        if self.get(pipes, slot, raw, node) == Bytes::Raw {
            if let Some(f) = self.root(slot, raw).findings {
                return f;
            }
            let f = single.inspect(raw);
            self.roots[slot as usize].findings = Some(f);
            return f;
        }
        let i = self.entry(pipes, slot, raw, node);
        let e = self.slots[slot as usize][i];
        if let Some(f) = e.findings {
            return f;
        }
        let same = self.slots[slot as usize].iter().find(|o| o.bytes == e.bytes && o.findings.is_some()).and_then(|o| o.findings);
        let f = match same {
            Some(f) => f,
            None => single.inspect(self.bytes(raw, e.bytes)),
        };
        self.slots[slot as usize][i].findings = Some(f);
        f
    }
}

/// A fast hash of a value (FxHash's mix, 8 bytes at a time): equal values
/// are found by hash, then compared.
fn hash(v: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut h = v.len() as u64;
    let mut chunks = v.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
    }
    for &b in chunks.remainder() {
        h = (h.rotate_left(5) ^ b as u64).wrapping_mul(K);
    }
    h
}
