//! Java injection: log4shell lookups, expression languages (OGNL, SpEL, EL)
//! and Spring4Shell's class loader path.

use super::util::{contains, find};
use super::{needles, Input, Needle};
use crate::hits::Hits;
use crate::{Category, Severity};

const MAX_LOOKUP_BYTES: usize = 8 * 1024;
const MAX_LOOKUP_DEPTH: usize = 32;

/// Resolves log4j lookups the way log4j does, as far as obfuscation goes:
/// `${lower:j}` is `j`, `${::-j}` and `${env:X:-j}` are `j`, other lookups
/// are empty. Returns whether the result holds a `${jndi:` lookup.
fn log4j_resolves_to_jndi(s: &[u8]) -> bool {
    let s = &s[..s.len().min(MAX_LOOKUP_BYTES)];
    let mut out: Vec<u8> = Vec::with_capacity(s.len());
    // Where each open `${` began in `out`.
    let mut open: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < s.len() {
        if s[i] == b'$' && s.get(i + 1) == Some(&b'{') && open.len() < MAX_LOOKUP_DEPTH {
            open.push(out.len());
            out.extend_from_slice(b"${");
            i += 2;
            continue;
        }
        if s[i] == b'}' {
            if let Some(start) = open.pop() {
                let body = out[start + 2..].to_vec();
                out.truncate(start);
                if body.starts_with(b"jndi:") {
                    return true;
                }
                out.extend_from_slice(&resolve(&body));
                i += 1;
                continue;
            }
        }
        out.push(s[i]);
        i += 1;
    }
    // An unclosed lookup still reaches log4j's parser.
    open.iter().any(|&start| out[start + 2..].starts_with(b"jndi:"))
}

fn resolve(body: &[u8]) -> Vec<u8> {
    if let Some(p) = find(body, b":-") {
        return body[p + 2..].to_vec();
    }
    for prefix in [&b"lower:"[..], b"upper:"] {
        if let Some(rest) = body.strip_prefix(prefix) {
            return rest.to_vec();
        }
    }
    if let Some(rest) = body.strip_prefix(b"date:") {
        // ${date:'j'} prints the quoted letters.
        return rest.iter().copied().filter(|&b| b != b'\'').collect();
    }
    Vec::new()
}

pub(crate) fn detect_log4shell(input: &Input, hits: &mut Hits) {
    if !input.has(b'$') || !input.has(b'{') {
        return;
    }
    let s = input.text;
    if input.has_needle(needle!(b"${jndi:")) || log4j_resolves_to_jndi(s) {
        hits.add(Category::JavaInjection, Severity::High, "java.log4shell");
    } else if input.has_needle(needle!(b"${env:")) || input.has_needle(needle!(b"${sys:")) || input.has_needle(needle!(b"${java:")) || input.has_needle(needle!(b"${::-")) || input.has_needle(needle!(b"${lower:")) || input.has_needle(needle!(b"${upper:")) {
        hits.add(Category::JavaInjection, Severity::Medium, "java.log4j_lookup");
    }
}

/// Text that only Java code-execution payloads contain.
const JAVA_EXEC: &[Needle] = &needles([
    b"java.lang.runtime" as &[u8],
    b"getruntime()",
    b"java.lang.processbuilder",
    b"new processbuilder",
    b"t(java.lang",
    b"@java.lang",
    b"#_memberaccess",
    b"ognlcontext",
    b"ognlutil",
    b"#context[",
    b"com.opensymphony.xwork2",
    b"javax.script.scriptenginemanager",
    b"java.lang.system@",
    b".getclass().forname(",
]);

pub(crate) fn detect(input: &Input, hits: &mut Hits) {
    let s = input.text;
    detect_log4shell(input, hits);
    // Spring4Shell binds request parameters into the class loader.
    if input.has(b'.') && input.has_needle(needle!(b"classloader")) && (input.has_needle(needle!(b"class.module.classloader")) || input.has_needle(needle!(b"class.classloader")) || input.has_needle(needle!(b"classloader.resources"))) {
        hits.add(Category::JavaInjection, Severity::High, "java.classloader");
        return;
    }
    // Every entry holds `java`, `ognl`, `runtime`, `#`, `@`, `xwork`,
    // `forname` or `processbuilder`: gate on the cheapest first.
    let maybe = input.has(b'#') || input.has(b'@') || input.has_needle(needle!(b"java")) || input.has_needle(needle!(b"runtime")) || input.has_needle(needle!(b"ognl")) || input.has_needle(needle!(b"processbuilder")) || input.has_needle(needle!(b"forname"));
    if input.has(b'.') && maybe && JAVA_EXEC.iter().any(|p| input.has_needle(p)) {
        hits.add(Category::JavaInjection, Severity::High, "java.exec");
        return;
    }
    // OGNL (Struts): %{...} or ${...} with # / @ member access.
    if input.has(b'{') {
        for open in [&b"%{"[..], b"${", b"#{"] {
            if let Some(p) = find(s, open) {
                let body = &s[p + 2..];
                let body = &body[..body.len().min(256)];
                if body.first().map_or(false, |&b| b == b'#' || b == b'@' || b == b'(') && open == b"%{" {
                    hits.add(Category::JavaInjection, Severity::High, "java.ognl");
                    return;
                }
                if contains(body, b"getclass") || contains(body, b"classloader") || contains(body, b"forname") || contains(body, b".exec(") {
                    hits.add(Category::JavaInjection, Severity::High, "java.expression");
                    return;
                }
            }
        }
    }
}
