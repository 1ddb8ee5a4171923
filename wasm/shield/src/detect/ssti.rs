//! Server-side template injection: template syntax around expressions a
//! template engine evaluates, and Python object-graph walks.

use super::util::{boundary_before, contains, is_word, positions};
use super::{needles, Input, Needle};
use crate::hits::Hits;
use crate::{Category, Severity};

/// Object-graph walks out of a Jinja/Mako sandbox.
const DUNDER_HIGH: &[Needle] = &needles([b"__mro__" as &[u8], b"__subclasses__", b"__globals__", b"__builtins__", b"__bases__"]);
const DUNDER_MEDIUM: &[Needle] = &needles([b"__class__" as &[u8], b"__import__"]);

/// Names a template payload reaches for to get code execution.
const ENGINE_OBJECTS: &[&[u8]] = &[
    b"config", b"self", b"request", b"lipsum", b"cycler", b"joiner", b"namespace", b"popen", b"os.", b"import",
    b"constructor", b"getattr", b"attr(", b"subprocess", b"range(", b"url_for", b"get_flashed_messages", b"_self.env",
    b"registerundefinedfiltercallback", b"freemarker", b"exec(", b"system(",
];

/// Expression bodies after openers: up to the closer, or 256 bytes when
/// none follows that closely. The closers are found once per value (a
/// value may hold an opener every few bytes: searching 256 bytes after each
/// made `{%(` * 20k cost 5 ms natively, and a `memmem` searcher per opener
/// made `${{` * 20k quadratic).
struct Bodies<'a> {
    s: &'a [u8],
    close_len: usize,
    /// Every start of the closer in `s`, overlapping ones included.
    closers: Vec<usize>,
}

impl<'a> Bodies<'a> {
    fn new(s: &'a [u8], close: &[u8]) -> Self {
        let closers = crate::bytes::memchr_iter(close[0], s).filter(|&p| s[p..].starts_with(close)).collect();
        Bodies { s, close_len: close.len(), closers }
    }

    /// The body starting at `start`, and whether its closer follows it.
    fn at(&self, start: usize) -> (&'a [u8], bool) {
        let limit = (start + 256).min(self.s.len());
        let i = self.closers.partition_point(|&c| c < start);
        match self.closers.get(i) {
            Some(&c) if c + self.close_len <= limit => (&self.s[start..c], true),
            _ => (&self.s[start..limit], false),
        }
    }
}

/// Where engine objects occur in `s`, as sorted `(start, end)` ranges
/// (overlapping occurrences included). Found once per value, so checking
/// each expression body is a look-up instead of 22 searches. Whole names
/// only: `request` is an object, `ticket.requester` and `{{ yourself }}`
/// are a template's own variables (a help desk macro, an email template).
fn engine_objects(s: &[u8]) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    for o in ENGINE_OBJECTS {
        let finder = memchr::memmem::Finder::new(o);
        let ends_in_word = o.last().map_or(false, |&c| is_word(c));
        let mut at = 0;
        while let Some(p) = finder.find(&s[at..]) {
            let (start, end) = (at + p, at + p + o.len());
            if boundary_before(s, start) && !(ends_in_word && s.get(end).map_or(false, |&c| is_word(c))) {
                found.push((start, end));
            }
            at += p + 1;
        }
    }
    found.sort_unstable();
    found
}

/// Whether an object lies wholly inside `s[start..end]`.
fn object_within(objects: &[(usize, usize)], start: usize, end: usize) -> bool {
    let first = objects.partition_point(|&(st, _)| st < start);
    objects[first..].iter().take_while(|&&(st, _)| st < end).any(|&(_, en)| en <= end)
}

/// `7*7`, `7 * '7'`: arithmetic a probe asks the engine to evaluate.
fn arithmetic(b: &[u8]) -> bool {
    let t: Vec<u8> = b.iter().copied().filter(|&c| c != b' ' && c != b'\'' && c != b'"').collect();
    t.len() <= 24 && t.iter().any(|c| c.is_ascii_digit()) && t.iter().any(|&c| matches!(c, b'*' | b'+' | b'-' | b'/')) && t.iter().all(|&c| c.is_ascii_digit() || matches!(c, b'*' | b'+' | b'-' | b'/' | b'(' | b')' | b'.'))
}

pub(crate) fn detect(input: &Input, hits: &mut Hits) {
    let s = input.text;
    if input.has_pair(crate::decode::PAIR_UNDERSCORES) {
        if DUNDER_HIGH.iter().any(|d| input.has_needle(d)) {
            hits.add(Category::TemplateInjection, Severity::High, "ssti.object_walk");
            return;
        }
        if DUNDER_MEDIUM.iter().any(|d| input.has_needle(d)) {
            hits.add(Category::TemplateInjection, Severity::Medium, "ssti.object_walk");
        }
    }
    if input.has(b'{') {
        let objects = engine_objects(s);
        for (open, close) in [(&b"{{"[..], &b"}}"[..]), (b"{%", b"%}"), (b"${", b"}"), (b"#{", b"}"), (b"*{", b"}"), (b"@{", b"}")] {
            let mut bodies: Option<Bodies> = None;
            for p in positions(s, open) {
                let start = p + open.len();
                let (b, closed) = bodies.get_or_insert_with(|| Bodies::new(s, close)).at(start);
                if object_within(&objects, start, start + b.len()) && (closed || b.len() > 8) && (open == b"{{" || open == b"{%" || b.contains(&b'(')) {
                    hits.add(Category::TemplateInjection, Severity::High, "ssti.engine_object");
                    return;
                }
                if closed && arithmetic(b) {
                    hits.add(Category::TemplateInjection, Severity::Medium, "ssti.arithmetic_probe");
                }
            }
        }
    }
    if input.has(b'<') {
        let mut bodies: Option<Bodies> = None;
        for p in positions(s, b"<%") {
            let (b, closed) = bodies.get_or_insert_with(|| Bodies::new(s, b"%>")).at(p + 2);
            if closed && (b.starts_with(b"=") || b.starts_with(b" ")) {
                let code = b.strip_prefix(b"=").unwrap_or(b);
                if contains(code, b"system") || contains(code, b"exec") || contains(code, b"runtime") || contains(code, b"`") || contains(code, b"popen") {
                    hits.add(Category::TemplateInjection, Severity::High, "ssti.scriptlet");
                    return;
                }
                hits.add(Category::TemplateInjection, Severity::Medium, "ssti.scriptlet");
            }
        }
        if input.has_needle(needle!(b"<#assign")) || input.has_needle(needle!(b"freemarker.template.utility.execute")) {
            hits.add(Category::TemplateInjection, Severity::High, "ssti.freemarker");
        }
    }
    if (input.has(b'{') || input.has(b'$')) && input.has_needle(needle!(b"{php}")) || input.has_needle(needle!(b"{system(")) || input.has_needle(needle!(b"$smarty.")) {
        hits.add(Category::TemplateInjection, Severity::Medium, "ssti.smarty");
    }
}
