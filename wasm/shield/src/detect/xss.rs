//! Cross-site scripting: a small HTML tokenizer over the value.
//!
//! A `<` followed by a letter opens a tag (as in a browser); its name and
//! attributes are read the way the HTML parser reads them (`/` separates
//! attributes too, quotes optional). Script-capable tags, event handler
//! attributes (`on*`), script URLs in any attribute and CSS expressions are
//! attacks. Outside tags, what is left is attribute injection (`" onfocus=`)
//! and script URLs handed to an `href`.

use super::util::{calls, contains, find, is_word, positions, skip_ws};
use super::Input;
use crate::hits::Hits;
use crate::{Category, Severity};

/// Tags that run script or load active content by themselves.
const DANGEROUS_TAGS: &[&[u8]] = &[
    b"applet", b"base", b"embed", b"frame", b"frameset", b"iframe", b"import", b"isindex", b"link", b"math", b"meta",
    b"object", b"script", b"style", b"svg", b"template", b"vmlframe", b"xml", b"xss",
];

/// Tags that only become dangerous with an attribute; ordinary markup.
const HARMLESS_TAGS: &[&[u8]] = &[
    b"a", b"abbr", b"b", b"blockquote", b"br", b"code", b"div", b"em", b"h1", b"h2", b"h3", b"h4", b"hr", b"i", b"li",
    b"ol", b"p", b"pre", b"s", b"small", b"span", b"strong", b"sub", b"sup", b"table", b"td", b"th", b"tr", b"u", b"ul",
];

/// Attributes that take a URL (or script) a browser will load or run.
const URL_ATTRS: &[&[u8]] = &[
    b"action", b"background", b"by", b"code", b"codebase", b"data", b"dynsrc", b"formaction", b"from", b"href",
    b"lowsrc", b"poster", b"src", b"to", b"values", b"xlink:href",
];

fn tag_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b':' || b == b'-' || b == b'_'
}

fn attr_sep(b: u8) -> bool {
    matches!(b, b' ' | b'\n' | b'/' | b'\x0c')
}

/// Whether `v` starts (after spaces and control bytes, which browsers skip
/// inside schemes) with a scheme that runs script.
fn script_url(v: &[u8]) -> bool {
    let mut clean = [0u8; 16];
    let mut n = 0;
    for &b in v.iter().take(64) {
        if b <= b' ' || b == b'`' || b == b'\'' || b == b'"' {
            continue;
        }
        if n == clean.len() {
            break;
        }
        clean[n] = b;
        n += 1;
    }
    let c = &clean[..n];
    c.starts_with(b"javascript:")
        || c.starts_with(b"vbscript:")
        || c.starts_with(b"livescript:")
        || c.starts_with(b"data:text/html")
        || c.starts_with(b"data:image/svg")
        || c.starts_with(b"data:text/xml")
        || c.starts_with(b"data:applicati")
}

fn dangerous_css(v: &[u8]) -> bool {
    contains(v, b"expression(")
        || contains(v, b"javascript:")
        || contains(v, b"-moz-binding")
        || contains(v, b"behavior:")
        || contains(v, b"@import")
        || contains(v, b"-o-link")
}

struct Tag {
    dangerous: bool,
    severity: Option<(Severity, &'static str)>,
    end: usize,
}

/// Whether a `<style>` block's content loads or runs something, or holds
/// script: what makes the block hostile. A backslash counts too: CSS escapes
/// (`@im\port'\ja\vasc\ript:...'`) hide the words from a search.
fn active_css(content: &[u8]) -> bool {
    dangerous_css(content) || contains(content, b"url(") || content.contains(&b'\\') || js_call(content).is_some()
}

/// The content of a `<style>` block opened just before `from`: up to its
/// `</style`, or up to the next `<style` (an unclosed block ends where the
/// next begins, so the blocks of one value never overlap and reading them
/// all stays linear), or to the end of the value.
fn style_content(s: &[u8], from: usize) -> &[u8] {
    let rest = &s[from.min(s.len())..];
    for p in crate::bytes::memchr_iter(b'<', rest) {
        let after = &rest[p + 1..];
        if after.starts_with(b"style") || after.starts_with(b"/style") {
            return &rest[..p];
        }
    }
    rest
}

/// Facts about the whole value that some tags ask for, each worked out once
/// per value when first asked: a value of many `<xml>` tags costs one pass,
/// not one per tag.
#[derive(Default)]
struct ValueFacts {
    xml_binding: Option<bool>,
}

impl ValueFacts {
    /// Whether the value holds what made an `<xml>` island run script in
    /// Internet Explorer: data binding or CDATA.
    fn xml_binding(&mut self, s: &[u8]) -> bool {
        *self.xml_binding.get_or_insert_with(|| {
            contains(s, b"datasrc") || contains(s, b"datafld") || contains(s, b"dataformatas") || contains(s, b"<![cdata[")
        })
    }
}

/// `s` without the spaces around it.
fn trimmed(s: &[u8]) -> &[u8] {
    let start = s.iter().position(|&b| b != b' ').unwrap_or(s.len());
    let end = s.iter().rposition(|&b| b != b' ').map_or(start, |p| p + 1);
    &s[start..end]
}

/// Charsets a page declares every day; any other one in a `<meta>` is how
/// script was smuggled past filters (UTF-7, `x-imap4-modified-utf7`,
/// `mac-farsi`).
fn common_charset(c: &[u8]) -> bool {
    matches!(trimmed(c), b"utf-8" | b"utf8" | b"iso-8859-1" | b"windows-1252" | b"us-ascii")
}

/// Whether one attribute of a `<meta>` makes it act: an `http-equiv` other
/// than the inert ones (`refresh`, `set-cookie`, `link`, ... act), a URL in
/// its content, or an uncommon charset.
fn meta_acts(attr: &[u8], value: &[u8]) -> bool {
    let inert = matches!(trimmed(value), b"x-ua-compatible" | b"content-type" | b"content-language" | b"default-style");
    let charset = match (attr, find(value, b"charset=")) {
        (b"charset", _) => Some(value),
        (_, Some(p)) => Some(value[p + 8..].split(|&b| b == b';').next().unwrap_or(b"")),
        _ => None,
    };
    (attr == b"http-equiv" && !inert) || contains(value, b"url=") || charset.map_or(false, |c| !common_charset(c)) || script_url(value)
}

/// A script URL split by a markup comment, which Internet Explorer's XML
/// islands dropped from attribute values: `javas<!-- -->cript:`.
fn script_url_through_comments(v: &[u8]) -> bool {
    if !contains(v, b"<!--") {
        return false;
    }
    let mut out = Vec::with_capacity(v.len().min(64));
    let mut i = 0;
    while i < v.len() && out.len() < 64 {
        if v[i..].starts_with(b"<!--") {
            match find(&v[i + 4..], b"-->") {
                Some(e) => i += 4 + e + 3,
                None => break,
            }
        } else {
            out.push(v[i]);
            i += 1;
        }
    }
    script_url(&out)
}

/// Reads a tag whose name starts at `i` (after `<`, or after `</` when `closing`).
fn read_tag(s: &[u8], mut i: usize, closing: bool, facts: &mut ValueFacts) -> Tag {
    let name_start = i;
    while i < s.len() && tag_name_byte(s[i]) {
        i += 1;
    }
    let full_name = &s[name_start..i];
    // Namespaced names (`x:script`) act as their local name.
    let name = match full_name.iter().rposition(|&b| b == b':') {
        Some(p) => &full_name[p + 1..],
        None => full_name,
    };
    let mut best: Option<(Severity, &'static str)> = None;

    // `<meta>` acts only through `http-equiv` (a refresh to a script URL,
    // a cookie, a policy) or `charset` (UTF-7); `<meta name=viewport
    // content=...>` is what a site's settings page pastes into its head.
    let is_meta = name == b"meta";
    // `<style>` runs no script in a current browser; what it can do is load
    // (`url(`, `@import`: exfiltration by attribute selectors, a script URL)
    // or run old engines' CSS script (`expression(`, `-moz-binding`). A
    // notebook's pandas table output, `<style scoped>` and its own rules, is
    // neither.
    let is_style = name == b"style";
    // `<xml>` data islands ran script only in Internet Explorer up to 9,
    // through data binding (`datasrc`, `datafld`, `dataformatas`), a `src`
    // or CDATA sections; Outlook's conditional `<xml>` block is in every
    // HTML email template.
    let is_xml = name == b"xml";
    let dangerous = DANGEROUS_TAGS.contains(&name) && !is_meta && !is_style && !is_xml;
    if dangerous {
        raise(&mut best, Severity::High, "xss.tag");
    }
    let mut meta_active = false;
    let mut xml_src = false;
    let mut attrs = 0;
    // Attributes.
    loop {
        while i < s.len() && attr_sep(s[i]) {
            i += 1;
        }
        if i >= s.len() || s[i] == b'>' || s[i] == b'<' {
            break;
        }
        let a_start = i;
        // A `<` ends the tag here: the outer loop reads a tag from every
        // `<` anyway, and reading on made `<a "` * 20k quadratic.
        while i < s.len() && !attr_sep(s[i]) && !matches!(s[i], b'>' | b'=' | b'<') {
            i += 1;
        }
        let attr = &s[a_start..i];
        if i == a_start {
            i += 1; // a stray '=' or quote
            continue;
        }
        attrs += 1;
        let mut value: &[u8] = b"";
        let j = skip_ws(s, i);
        if s.get(j) == Some(&b'=') {
            let v = skip_ws(s, j + 1);
            match s.get(v) {
                Some(&q) if q == b'"' || q == b'\'' || q == b'`' => {
                    let end = crate::bytes::memchr(q, &s[v + 1..]).map_or(s.len(), |p| v + 1 + p);
                    value = &s[v + 1..end];
                    i = (end + 1).min(s.len());
                }
                Some(_) => {
                    let end = s[v..].iter().position(|&b| matches!(b, b' ' | b'\n' | b'>' | b'<')).map_or(s.len(), |p| v + p);
                    value = &s[v..end];
                    i = end;
                }
                None => i = v,
            }
        }
        let attr_local = match attr.iter().rposition(|&b| b == b':') {
            Some(p) if !attr.starts_with(b"xlink:") => &attr[p + 1..],
            _ => attr,
        };
        if is_meta && meta_acts(attr_local, value) {
            meta_active = true;
        }
        xml_src |= is_xml && attr_local == b"src";
        // `<style type="text/javascript">`: script to old engines.
        if is_style && attr_local == b"type" && contains(value, b"script") {
            raise(&mut best, Severity::High, "xss.tag");
        }
        if attr_local.len() > 2 && attr_local.starts_with(b"on") && attr_local[2..].iter().all(|b| b.is_ascii_alphabetic()) {
            raise(&mut best, Severity::High, "xss.event_handler");
        } else if attr_local == b"style" && dangerous_css(value) {
            raise(&mut best, Severity::High, "xss.css_expression");
        } else if attr_local == b"srcdoc" {
            raise(&mut best, Severity::High, "xss.srcdoc");
        } else if (script_url(value) || script_url_through_comments(value)) && (URL_ATTRS.contains(&attr_local) || !value.is_empty()) {
            raise(&mut best, Severity::High, "xss.script_url");
        } else if attr_local == b"src" && !value.is_empty() && matches!(name, b"img" | b"input" | b"video" | b"audio" | b"source" | b"image") {
            raise(&mut best, Severity::Low, "xss.active_tag");
        }
    }
    if is_meta {
        let (sev, rule) = if meta_active { (Severity::High, "xss.tag") } else { (Severity::Low, "xss.meta") };
        raise(&mut best, sev, rule);
    }
    if is_xml {
        let (sev, rule) = if xml_src || facts.xml_binding(s) { (Severity::High, "xss.tag") } else { (Severity::Medium, "xss.xml") };
        raise(&mut best, sev, rule);
    }
    // Only what the block holds counts: a backslash in the mail's text
    // around an Outlook `<style>` (a `\\server\share` path) is no CSS escape.
    if is_style && !closing {
        let from = if s.get(i) == Some(&b'>') { i + 1 } else { i };
        let (sev, rule) =
            if active_css(style_content(s, from)) { (Severity::High, "xss.tag") } else { (Severity::Medium, "xss.style") };
        raise(&mut best, sev, rule);
    }
    // One-letter names are either harmless tags or prose (`x<y and y>z`).
    if best.is_none() && name.len() > 1 && !HARMLESS_TAGS.contains(&name) && attrs > 0 && s.get(i) == Some(&b'>') {
        raise(&mut best, Severity::Low, "xss.unknown_tag");
    }
    Tag { dangerous, severity: best, end: i }
}

/// JavaScript that a probe typically calls.
const JS_SINKS: &[&[u8]] = &[
    b"alert", b"confirm", b"prompt", b"eval", b"fromcharcode", b"settimeout", b"setinterval", b"atob", b"execscript",
    b"write", b"writeln", b"import", b"fetch",
];

fn js_call(s: &[u8]) -> Option<usize> {
    let mut at = None;
    calls(s, true, |w, p| {
        if JS_SINKS.contains(&w) {
            at = Some(p);
            true
        } else {
            false
        }
    });
    at
}

/// `" onmouseover=` outside any tag: a value that breaks out of an
/// attribute and adds a handler.
fn attribute_injection(s: &[u8]) -> bool {
    for p in positions(s, b"on") {
        if p == 0 {
            continue;
        }
        let before = s[p - 1];
        if is_word(before) {
            continue;
        }
        let mut j = p + 2;
        while j < s.len() && s[j].is_ascii_alphabetic() {
            j += 1;
        }
        if j - p < 5 {
            continue;
        }
        let k = skip_ws(s, j);
        if s.get(k) != Some(&b'=') {
            continue;
        }
        // Quote (or separator after a quote) before the handler name.
        let mut b = p;
        while b > 0 && matches!(s[b - 1], b' ' | b'/' | b'\n') {
            b -= 1;
        }
        if b == 0 || matches!(s[b - 1], b'"' | b'\'' | b'`') {
            return true;
        }
    }
    false
}

/// JavaScript's global objects: CRS 941370's list, and the aliases a page
/// also exposes.
const JS_GLOBALS: &[&[u8]] = &[b"self", b"document", b"this", b"top", b"window", b"parent", b"frames", b"globalthis"];

/// The longest comment the global-access check skips, and how many in a
/// row. Bounded so that a value full of `[` and `/*` costs linear time,
/// not quadratic; an evasion needs a few short comments, not hundreds.
const MAX_COMMENT: usize = 128;
const MAX_COMMENTS: usize = 4;

/// From `i` on, past spaces and `/* */` comments: where that ends, and
/// whether a comment was skipped. An unclosed comment, or one longer than
/// MAX_COMMENT, is not skipped.
fn skip_ws_comments(s: &[u8], mut i: usize) -> (usize, bool) {
    let mut comment = false;
    for _ in 0..=MAX_COMMENTS {
        i = skip_ws(s, i);
        if !s[i..].starts_with(b"/*") {
            return (i, comment);
        }
        let body = &s[i + 2..s.len().min(i + 2 + MAX_COMMENT)];
        match find(body, b"*/") {
            Some(e) => {
                i += 2 + e + 2;
                comment = true;
            }
            None => return (i, comment),
        }
    }
    (i, comment)
}

/// Back from `end` (exclusive), past spaces and `/* */` comments: where
/// what comes before them ends.
fn skip_ws_comments_back(s: &[u8], mut end: usize) -> usize {
    for _ in 0..=MAX_COMMENTS {
        while end > 0 && matches!(s[end - 1], b' ' | b'\n') {
            end -= 1;
        }
        if end < 4 || !s[..end].ends_with(b"*/") {
            return end;
        }
        let from = (end - 2).saturating_sub(MAX_COMMENT);
        match s[from..end - 2].windows(2).rposition(|w| w == b"/*") {
            Some(open) => end = from + open,
            None => return end,
        }
    }
    end
}

/// Whether a JavaScript global object's name ends at `end` (exclusive),
/// past spaces, comments and one closing parenthesis: `top`, `(document)`,
/// `self /*x*/`.
fn global_before(s: &[u8], end: usize) -> bool {
    let mut e = skip_ws_comments_back(s, end);
    if e > 0 && s[e - 1] == b')' {
        e = skip_ws_comments_back(s, e - 1);
    }
    // At most one byte longer than the longest name: a longer word is not one.
    let mut st = e;
    while st > 0 && e - st <= b"globalthis".len() && is_word(s[st - 1]) {
        st -= 1;
    }
    st < e && JS_GLOBALS.contains(&&s[st..e])
}

/// `top["al"+"ert"](1)`, `(document)["cookie"]`, `self[/*x*/"$"]`,
/// `top[8680439..toString(30)]`, `document /*x*/ . cookie`: a global
/// object's property reached by a computed name or through a comment, the
/// way filter evasion reaches `alert` and `cookie`. CRS 941370's shape
/// without its `.+?`, which also spans prose ("#top) and ![image](...)").
/// Low: Python's `self["key"]` takes the same shape, so on its own it adds
/// little to a client's suspicion; it is evidence enough to confirm 941370.
fn global_access(s: &[u8]) -> bool {
    for p in crate::bytes::memchr_iter(b'[', s) {
        if !global_before(s, p) {
            continue;
        }
        let (i, _) = skip_ws_comments(s, p + 1);
        match s.get(i) {
            Some(b'"' | b'\'' | b'`' | b'/' | b'\\') => return true,
            // A number only as part of an expression (`8680439..toString(30)`),
            // not a footnote or a markdown link's text (`this [1]`).
            Some(c) if c.is_ascii_digit() => {
                let window = &s[i..s.len().min(i + 64)];
                let close = crate::bytes::memchr(b']', window).map_or(window.len(), |e| e);
                let inside = &window[..close];
                if inside.iter().any(|b| matches!(b, b'.' | b'+' | b'(')) {
                    return true;
                }
            }
            _ => {}
        }
    }
    // `document /*x*/ . cookie`: a comment between the name and the dot.
    for p in positions(s, b"/*") {
        if !global_before(s, p) {
            continue;
        }
        let (i, comment) = skip_ws_comments(s, p);
        if comment && s.get(i) == Some(&b'.') {
            let (j, _) = skip_ws_comments(s, i + 1);
            if s.get(j).map_or(false, |&c| is_word(c) || c == b'$') {
                return true;
            }
        }
    }
    false
}

pub(crate) fn detect(input: &Input, hits: &mut Hits) {
    let s = input.text;
    if input.has(b'<') {
        let mut facts = ValueFacts::default();
        for p in crate::bytes::memchr_iter(b'<', s) {
            let mut i = p + 1;
            let closing = s.get(i) == Some(&b'/');
            if closing {
                i += 1;
            }
            match s.get(i) {
                Some(c) if c.is_ascii_alphabetic() => {
                    let tag = read_tag(s, i, closing, &mut facts);
                    if let Some((sev, rule)) = tag.severity {
                        hits.add(Category::Xss, sev, rule);
                        if sev == Severity::High {
                            return;
                        }
                    }
                    let _ = (tag.dangerous, tag.end);
                }
                Some(b'!') if s[i..].starts_with(b"!--") || s[i..].starts_with(b"![cdata[") => {
                    hits.add(Category::Xss, Severity::Low, "xss.markup_comment");
                }
                Some(b'?') if s[i..].starts_with(b"?xml") || s[i..].starts_with(b"?import") => {
                    hits.add(Category::Xss, Severity::Medium, "xss.processing_instruction");
                }
                _ => {}
            }
        }
    }
    if input.has(b':') {
        // A script URL as the whole value (an href, a redirect target), or
        // after a character that ends an attribute or CSS url(.
        let start = s.iter().position(|&b| !matches!(b, b' ' | b'"' | b'\'' | b'\n')).unwrap_or(s.len());
        if script_url(&s[start..]) {
            hits.add(Category::Xss, Severity::High, "xss.script_url");
            return;
        }
        for scheme in [&b"javascript:"[..], b"vbscript:"] {
            if let Some(p) = if input.has_all(scheme) { find(s, scheme) } else { None } {
                if p > 0 && matches!(s[p - 1], b'=' | b'(' | b'"' | b'\'' | b'`' | b' ') && js_call(&s[p..]).is_some() {
                    hits.add(Category::Xss, Severity::High, "xss.script_url");
                    return;
                }
            }
        }
    }
    if input.has(b'=') && attribute_injection(s) {
        hits.add(Category::Xss, Severity::High, "xss.attribute_injection");
        return;
    }
    if input.has(b'(') || input.has(b'`') {
        if let Some(p) = js_call(s) {
            // After a quote and an operator: breaking out of a JS string
            // (`';alert(1)//`, `"-alert(1)-"`).
            let before = &s[..p];
            let breakout = before.iter().rev().take(8).any(|&b| b == b'\'' || b == b'"') && before.iter().rev().take(8).any(|&b| matches!(b, b';' | b'+' | b'-' | b'|' | b'&' | b',' | b'*' | b'/'));
            let sev = if breakout { Severity::High } else { Severity::Medium };
            hits.add(Category::Xss, sev, "xss.js_call");
        }
        if input.has_needle(needle!(b"expression(")) && (input.has_needle(needle!(b"style")) || input.has(b'{')) {
            hits.add(Category::Xss, Severity::Medium, "xss.css_expression");
        }
    }
    if input.has(b'.') && (input.has_needle(needle!(b"document.")) || input.has_needle(needle!(b"constructor"))) && input.has_needle(needle!(b"document.cookie")) || input.has_needle(needle!(b"document.domain")) || input.has_needle(needle!(b"constructor.constructor(")) {
        hits.add(Category::Xss, Severity::Medium, "xss.dom_access");
    }
    if (input.has(b'[') || input.has_needle(needle!(b"/*"))) && global_access(s) {
        hits.add(Category::Xss, Severity::Low, "xss.global_access");
    }
}

fn raise(best: &mut Option<(Severity, &'static str)>, sev: Severity, rule: &'static str) {
    if best.map_or(true, |(b, _)| sev > b) {
        *best = Some((sev, rule));
    }
}
