//! Transformation pipelines as a trie of their prefixes: rules that share a
//! prefix (`t:utf8toUnicode,t:urlDecodeUni,...`) share its results, which
//! the value cache keeps per value and node for the request.
//!
//! Byte classes let most nodes be answered without running anything: a
//! transformation cannot change a value that holds none of its trigger
//! bytes (`urlDecodeUni` needs a `%` or a `+`, `htmlEntityDecode` an `&`).
//! A benign value passes most of the CRS pipelines as it is, and the cost
//! of that is one table lookup per byte for the value and one AND per node.

use crate::transform::Transform;

/// Node 0 is the empty pipeline (the value as it is).
pub(crate) const ROOT: u32 = 0;

#[derive(Debug, Clone, Copy)]
pub(crate) struct Node {
    pub parent: u32,
    pub transform: Transform,
    /// Classes of bytes that may make `transform` change a value.
    pub triggers: u32,
    /// The triggers of every step from the root: a value with none of
    /// these comes out of the pipeline unchanged.
    pub path_triggers: u32,
    /// The same without the steps that only change letter case: a value
    /// with none of these comes out the same up to case.
    pub scan_triggers: u32,
}

#[derive(Debug)]
pub(crate) struct Pipelines {
    nodes: Vec<Node>,
}

impl Default for Pipelines {
    fn default() -> Self {
        Pipelines { nodes: vec![Node { parent: ROOT, transform: Transform::None, triggers: 0, path_triggers: 0, scan_triggers: 0 }] }
    }
}

impl Pipelines {
    /// The node of a pipeline, created with its prefixes if new. `none`
    /// steps are dropped (they change nothing once the list is reset).
    pub fn node_for(&mut self, transforms: &[Transform]) -> u32 {
        let mut at = ROOT;
        for &t in transforms.iter().filter(|&&t| t != Transform::None) {
            // The root holds no transformation, so it never matches.
            let existing = self.nodes.iter().position(|n| n.parent == at && n.transform == t);
            at = match existing {
                Some(i) => i as u32,
                None => {
                    let parent = self.nodes[at as usize];
                    let own = triggers(t);
                    let scan_own = if case_only(t) { 0 } else { own };
                    self.nodes.push(Node { parent: at, transform: t, triggers: own, path_triggers: parent.path_triggers | own, scan_triggers: parent.scan_triggers | scan_own });
                    (self.nodes.len() - 1) as u32
                }
            };
        }
        at
    }

    pub fn node(&self, n: u32) -> &Node {
        &self.nodes[n as usize]
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// The nodes from the root's child to `n`, in application order, into
    /// `out` (cleared first).
    pub fn path(&self, n: u32, out: &mut Vec<u32>) {
        out.clear();
        let mut at = n;
        while at != ROOT {
            out.push(at);
            at = self.nodes[at as usize].parent;
        }
        out.reverse();
    }
}

// Byte classes, one bit each.
const UPPER: u32 = 1 << 0;
const LOWER: u32 = 1 << 1;
const DIGIT: u32 = 1 << 2;
const SPACE: u32 = 1 << 3;
/// `\t \n \v \f \r`.
const WS_CTRL: u32 = 1 << 4;
const NUL: u32 = 1 << 5;
/// Bytes >= 0x80 (UTF-8, and NBSP which some transformations treat as space).
const HIGH: u32 = 1 << 6;
const PERCENT: u32 = 1 << 7;
const PLUS: u32 = 1 << 8;
const AMP: u32 = 1 << 9;
const BACKSLASH: u32 = 1 << 10;
const SLASH: u32 = 1 << 11;
const STAR: u32 = 1 << 12;
const DOT: u32 = 1 << 13;
const DASH: u32 = 1 << 14;
const HASH: u32 = 1 << 15;
const ANGLE: u32 = 1 << 16;
const QUOTE: u32 = 1 << 17;
const CARET: u32 = 1 << 18;
const COMMA_SEMI: u32 = 1 << 19;
/// Other control bytes and DEL.
const CTRL: u32 = 1 << 20;
const PAREN: u32 = 1 << 21;
/// Any other punctuation.
const PUNCT: u32 = 1 << 22;
/// Set for every value, the empty one included.
const ANY: u32 = 1 << 31;
/// Every class, and ANY: the transformation always runs (`t:length`
/// changes even the empty value).
pub(crate) const ALWAYS: u32 = u32::MAX;

const fn class_of(b: u8) -> u32 {
    match b {
        b'A'..=b'Z' => UPPER,
        b'a'..=b'z' => LOWER,
        b'0'..=b'9' => DIGIT,
        b' ' => SPACE,
        b'\t' | b'\n' | 0x0b | 0x0c | b'\r' => WS_CTRL,
        0 => NUL,
        0x80..=0xff => HIGH,
        b'%' => PERCENT,
        b'+' => PLUS,
        b'&' => AMP,
        b'\\' => BACKSLASH,
        b'/' => SLASH,
        b'*' => STAR,
        b'.' => DOT,
        b'-' => DASH,
        b'#' => HASH,
        b'<' | b'>' => ANGLE,
        b'"' | b'\'' => QUOTE,
        b'^' => CARET,
        b',' | b';' => COMMA_SEMI,
        0x01..=0x1f | 0x7f => CTRL,
        b'(' | b')' => PAREN,
        _ => PUNCT,
    }
}

const fn class_table() -> [u32; 256] {
    let mut t = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = class_of(i as u8);
        i += 1;
    }
    t
}

static CLASSES: [u32; 256] = class_table();

/// The classes of the bytes of `v`.
pub(crate) fn classes(v: &[u8]) -> u32 {
    let mut m = ANY;
    for &b in v {
        m |= CLASSES[b as usize];
    }
    m
}

/// The byte classes without which `t` leaves a value unchanged. Kept on the
/// safe side (a class too many costs a scan; one too few would skip a
/// change): `Engine::set_verify` checks each claim against the
/// transformation itself.
pub(crate) fn triggers(t: Transform) -> u32 {
    const WS: u32 = SPACE | WS_CTRL | HIGH;
    match t {
        Transform::None => 0,
        Transform::Lowercase => UPPER,
        Transform::Uppercase => LOWER,
        Transform::UrlDecode | Transform::UrlDecodeUni => PERCENT | PLUS,
        Transform::HtmlEntityDecode => AMP,
        Transform::JsDecode | Transform::CssDecode | Transform::EscapeSeqDecode => BACKSLASH,
        Transform::CmdLine => UPPER | WS | BACKSLASH | QUOTE | CARET | COMMA_SEMI,
        Transform::CompressWhitespace | Transform::RemoveWhitespace => WS,
        Transform::Trim | Transform::TrimLeft | Transform::TrimRight => WS | NUL,
        Transform::RemoveNulls | Transform::ReplaceNulls => NUL,
        Transform::ReplaceComments => SLASH | STAR,
        Transform::RemoveComments | Transform::RemoveCommentsChar => SLASH | STAR | DASH | HASH | ANGLE,
        Transform::NormalizePath => SLASH | DOT,
        Transform::NormalizePathWin => SLASH | DOT | BACKSLASH,
        // libmodsecurity's utf8toUnicode also rewrites NUL bytes.
        Transform::Utf8ToUnicode => HIGH | NUL,
        _ => ALWAYS,
    }
}

/// Whether `t` can only change the case of letters: a value and its
/// result then hold the same literals for an ASCII case-insensitive scan.
pub(crate) fn case_only(t: Transform) -> bool {
    matches!(t, Transform::Lowercase | Transform::Uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_prefixes() {
        let mut p = Pipelines::default();
        let a = p.node_for(&[Transform::UrlDecodeUni, Transform::Lowercase]);
        let b = p.node_for(&[Transform::UrlDecodeUni]);
        let c = p.node_for(&[Transform::UrlDecodeUni, Transform::Lowercase]);
        let d = p.node_for(&[Transform::None]);
        assert_eq!(a, c);
        assert_eq!(p.node(a).parent, b);
        assert_eq!(d, ROOT);
        assert_eq!(p.len(), 3);
        assert_eq!(p.node(a).path_triggers, triggers(Transform::UrlDecodeUni) | triggers(Transform::Lowercase));
        assert_eq!(p.node(a).scan_triggers, triggers(Transform::UrlDecodeUni));
        let mut path = Vec::new();
        p.path(a, &mut path);
        assert_eq!(path, vec![b, a]);
        p.path(ROOT, &mut path);
        assert!(path.is_empty());
    }

    #[test]
    fn classes_gate_transformations() {
        let plain = classes(b"hello world 42");
        assert_eq!(plain & triggers(Transform::UrlDecodeUni), 0);
        assert_eq!(plain & triggers(Transform::Lowercase), 0);
        assert_ne!(plain & triggers(Transform::CompressWhitespace), 0);
        assert_ne!(classes(b"a%41") & triggers(Transform::UrlDecode), 0);
        assert_ne!(classes(b"X") & triggers(Transform::Lowercase), 0);
        assert_eq!(classes(b"") & triggers(Transform::UrlDecodeUni), 0);
        assert_ne!(classes(b"") & triggers(Transform::Length), 0);
        assert_eq!(triggers(Transform::Base64Decode), ALWAYS);
    }
}
