//! Server-side template injection: template syntax around expressions a
//! template engine evaluates, and Python object-graph walks.

use super::util::{contains, positions};
use super::Input;
use crate::hits::Hits;
use crate::{Category, Severity};

/// Object-graph walks out of a Jinja/Mako sandbox.
const DUNDER_HIGH: &[&[u8]] = &[b"__mro__", b"__subclasses__", b"__globals__", b"__builtins__", b"__bases__"];
const DUNDER_MEDIUM: &[&[u8]] = &[b"__class__", b"__import__"];

/// Names a template payload reaches for to get code execution.
const ENGINE_OBJECTS: &[&[u8]] = &[
    b"config", b"self", b"request", b"lipsum", b"cycler", b"joiner", b"namespace", b"popen", b"os.", b"import",
    b"constructor", b"getattr", b"attr(", b"subprocess", b"range(", b"url_for", b"get_flashed_messages", b"_self.env",
    b"registerundefinedfiltercallback", b"freemarker", b"exec(", b"system(",
];

/// Body of a `{{ }}`-style expression that starts at `p` (after the
/// opener), up to the closer or 256 bytes.
fn body<'a>(s: &'a [u8], p: usize, close: &[u8]) -> (&'a [u8], bool) {
    let rest = &s[p..];
    let rest = &rest[..rest.len().min(256)];
    match super::util::find(rest, close) {
        Some(e) => (&rest[..e], true),
        None => (rest, false),
    }
}

/// `7*7`, `7 * '7'`: arithmetic a probe asks the engine to evaluate.
fn arithmetic(b: &[u8]) -> bool {
    let t: Vec<u8> = b.iter().copied().filter(|&c| c != b' ' && c != b'\'' && c != b'"').collect();
    t.len() <= 24 && t.iter().any(|c| c.is_ascii_digit()) && t.iter().any(|&c| matches!(c, b'*' | b'+' | b'-' | b'/')) && t.iter().all(|&c| c.is_ascii_digit() || matches!(c, b'*' | b'+' | b'-' | b'/' | b'(' | b')' | b'.'))
}

pub(crate) fn detect(input: &Input, hits: &mut Hits) {
    let s = input.text;
    if input.has(b'_') && input.contains(b"__") {
        if DUNDER_HIGH.iter().any(|d| input.contains(d)) {
            hits.add(Category::TemplateInjection, Severity::High, "ssti.object_walk");
            return;
        }
        if DUNDER_MEDIUM.iter().any(|d| input.contains(d)) {
            hits.add(Category::TemplateInjection, Severity::Medium, "ssti.object_walk");
        }
    }
    if input.has(b'{') {
        for (open, close) in [(&b"{{"[..], &b"}}"[..]), (b"{%", b"%}"), (b"${", b"}"), (b"#{", b"}"), (b"*{", b"}"), (b"@{", b"}")] {
            for p in positions(s, open) {
                let (b, closed) = body(s, p + open.len(), close);
                if ENGINE_OBJECTS.iter().any(|o| contains(b, o)) && (closed || b.len() > 8) && (open == b"{{" || open == b"{%" || contains(b, b"(")) {
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
        for p in positions(s, b"<%") {
            let (b, closed) = body(s, p + 2, b"%>");
            if closed && (b.starts_with(b"=") || b.starts_with(b" ")) {
                let code = b.strip_prefix(b"=").unwrap_or(b);
                if contains(code, b"system") || contains(code, b"exec") || contains(code, b"runtime") || contains(code, b"`") || contains(code, b"popen") {
                    hits.add(Category::TemplateInjection, Severity::High, "ssti.scriptlet");
                    return;
                }
                hits.add(Category::TemplateInjection, Severity::Medium, "ssti.scriptlet");
            }
        }
        if input.contains(b"<#assign") || input.contains(b"freemarker.template.utility.execute") {
            hits.add(Category::TemplateInjection, Severity::High, "ssti.freemarker");
        }
    }
    if (input.has(b'{') || input.has(b'$')) && input.contains(b"{php}") || input.contains(b"{system(") || input.contains(b"$smarty.") {
        hits.add(Category::TemplateInjection, Severity::Medium, "ssti.smarty");
    }
}
