//! Path traversal, local and remote file inclusion.

use super::util::{contains, find, positions};
use super::{needle_key, ByteSet, Input};
use crate::hits::Hits;
use crate::{Category, Severity};

/// Files whose names in a parameter mean someone is reading the server's
/// disk. Matched after a `/` (or `\`, folded to `/`).
const SENSITIVE_FILES: &[&[u8]] = &[
    b"etc/passwd",
    b"etc/shadow",
    b"etc/group",
    b"etc/hosts",
    b"etc/issue",
    b"etc/master.passwd",
    b"proc/self/",
    b"proc/version",
    b"proc/1/",
    b"windows/win.ini",
    b"windows/system.ini",
    b"winnt/win.ini",
    b"boot.ini",
    b"windows/system32",
    b"inetpub/",
    b"web-inf/web.xml",
    b"wp-config.php",
    b".htpasswd",
    b"var/log/",
    b"usr/local/apache",
    b".ssh/id_rsa",
    b".aws/credentials",
];

/// The Bloom key of each [`SENSITIVE_FILES`] name's first word: a name is
/// only matched right after a `/` (or `\`) or at the start, so it starts a
/// word of the text, and the value's word filter rules most names out.
const SENSITIVE_KEYS: [Option<u8>; SENSITIVE_FILES.len()] = sensitive_keys();

const fn sensitive_keys() -> [Option<u8>; SENSITIVE_FILES.len()] {
    let mut out = [None; SENSITIVE_FILES.len()];
    let mut i = 0;
    while i < SENSITIVE_FILES.len() {
        out[i] = needle_key(SENSITIVE_FILES[i]);
        i += 1;
    }
    out
}

/// The bytes of each [`SENSITIVE_FILES`] name but `/` (which also stands
/// for `\\`), so that a name is ruled out with four mask tests.
const SENSITIVE_SETS: [ByteSet; SENSITIVE_FILES.len()] = sensitive_sets();

const fn sensitive_sets() -> [ByteSet; SENSITIVE_FILES.len()] {
    let mut out = [ByteSet::EMPTY; SENSITIVE_FILES.len()];
    let mut i = 0;
    while i < SENSITIVE_FILES.len() {
        out[i] = ByteSet::of_except(SENSITIVE_FILES[i], b'/');
        i += 1;
    }
    out
}

/// The bytes of each [`WRAPPERS`] scheme but `/`: rules it out with four
/// mask tests before searching.
const WRAPPER_SETS: [ByteSet; WRAPPERS.len()] = wrapper_sets();

const fn wrapper_sets() -> [ByteSet; WRAPPERS.len()] {
    let mut out = [ByteSet::EMPTY; WRAPPERS.len()];
    let mut i = 0;
    while i < WRAPPERS.len() {
        out[i] = ByteSet::of_except(WRAPPERS[i].0, b'/');
        i += 1;
    }
    out
}

/// Stream wrappers that read files or run code in an include.
const WRAPPERS: &[(&[u8], Severity)] = &[
    (b"php://filter", Severity::High),
    (b"php://input", Severity::High),
    (b"php://fd", Severity::High),
    (b"expect://", Severity::High),
    (b"phar://", Severity::High),
    (b"zip://", Severity::Medium),
    (b"file://", Severity::Medium),
    (b"glob://", Severity::Medium),
    (b"data://text/plain", Severity::Medium),
    (b"jar:file:", Severity::Medium),
];

/// `/` for `\`, so Windows paths match the same tables.
fn slashes(s: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    if crate::bytes::memchr(b'\\', s).is_none() {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(s.iter().map(|&b| if b == b'\\' { b'/' } else { b }).collect())
}

pub(crate) fn detect(input: &Input, hits: &mut Hits) {
    debug_assert!(SENSITIVE_FILES.len() <= 32);
    if !input.has_any(b"/\\") && !input.nul {
        return;
    }
    let s = slashes(input.text);
    let s = &s[..];
    // `../`, `..;/` (Tomcat), and `....//` (filters that strip `../` once).
    // Normalisation recorded whether `..` occurs (mapping backslashes to `/` leaves dots alone).
    let ups = if !input.has_pair(crate::decode::PAIR_DOTS) { 0 } else { positions(s, b"..").filter(|&p| matches!(s.get(p + 2), Some(b'/') | Some(b';')) || (p + 2 == s.len() && p > 0 && s[p - 1] == b'/')).count() };
    // Each file name right after a slash (or at the start, for names that
    // are paths on their own): one pass over the slashes.
    // Whether every byte of `needle` occurs in `s` (whose `/` may have been
    // a `\`): a needle failing that cannot be in `s`.
    let may = |needle: &[u8]| needle.iter().all(|&b| if b == b'/' { input.has(b'/') || input.has(b'\\') } else { input.has(b) });
    // Only the files whose bytes all occur are compared, at each slash.
    let slash = input.has(b'/') || input.has(b'\\');
    let mut candidates = [&b""[..]; 32];
    let mut n = 0;
    for ((f, set), &key) in SENSITIVE_FILES.iter().zip(&SENSITIVE_SETS).zip(&SENSITIVE_KEYS) {
        if input.has_every(set) && (slash || !f.contains(&b'/')) && input.may_start_word(key) {
            candidates[n] = f;
            n += 1;
        }
    }
    let candidates = &candidates[..n];
    // The first byte inline before `starts_with`: most candidates fail there.
    let after_slash = |p: usize| candidates.iter().any(|f| s.get(p) == f.first() && s[p..].starts_with(f));
    let sensitive = !candidates.is_empty()
        && (crate::bytes::memchr_iter(b'/', s).any(|p| after_slash(p + 1))
            || candidates.iter().any(|f| s.starts_with(f) && !f.starts_with(b".") && !f.starts_with(b"boot")));
    if sensitive {
        let sev = if ups > 0 || s.first() == Some(&b'/') || (may(b"file:") && contains(s, b"file:")) || s.get(1) == Some(&b':') { Severity::High } else { Severity::Medium };
        hits.add(Category::PathTraversal, sev, "lfi.sensitive_file");
    }
    if ups >= 2 {
        hits.add(Category::PathTraversal, Severity::High, "traversal.dot_dot");
    } else if ups == 1 {
        hits.add(Category::PathTraversal, Severity::Medium, "traversal.dot_dot");
    }
    if input.has(b':') {
        for ((w, sev), set) in WRAPPERS.iter().zip(&WRAPPER_SETS) {
            // A `/` of a wrapper may have been a `\`: `slash` stands for both.
            if input.has_every(set) && (slash || !w.contains(&b'/')) && contains(s, w) {
                hits.add(Category::PathTraversal, *sev, "lfi.wrapper");
            }
        }
    }
    // Drive-letter paths into system folders.
    let windows = if may(b":/win") { find(s, b":/windows/").or_else(|| find(s, b":/winnt/")) } else { None };
    if let Some(p) = windows {
        if p > 0 && s[p - 1].is_ascii_alphabetic() {
            hits.add(Category::PathTraversal, Severity::Medium, "lfi.windows_path");
        }
    }
    // A NUL byte cuts a path short in C-based file APIs: `x.php%00.jpg`.
    if input.nul {
        let sev = if ups > 0 || sensitive { Severity::High } else { Severity::Low };
        hits.add(Category::PathTraversal, sev, "lfi.nul_byte");
    }
}

/// Parameter names that applications pass to include/require.
fn include_name(name: &[u8]) -> bool {
    const NAMES: &[&[u8]] = &[
        b"file", b"page", b"include", b"inc", b"path", b"template", b"tpl", b"doc", b"document", b"folder", b"root",
        b"dir", b"module", b"mod", b"load", b"conf", b"config", b"lang", b"view", b"content", b"layout", b"pg", b"style",
        b"site", b"show", b"nav", b"cat", b"action",
    ];
    NAMES.contains(&name)
}

/// Known web shells fetched by remote inclusion.
const SHELLS: &[&[u8]] = &[b"c99", b"r57", b"c100", b"b374k", b"wso.php", b"webshell", b"shell.txt", b"cmd.txt", b"shell.php"];

/// The bytes of each of [`SHELLS`]: a name some byte of which the value
/// lacks is not searched for.
const SHELL_SETS: [ByteSet; SHELLS.len()] = shell_sets();

const fn shell_sets() -> [ByteSet; SHELLS.len()] {
    let mut out = [ByteSet::EMPTY; SHELLS.len()];
    let mut i = 0;
    while i < SHELLS.len() {
        out[i] = ByteSet::of(SHELLS[i]);
        i += 1;
    }
    out
}

/// Whether `url` names `shell` as a word of its own: not inside another
/// word (`.../commit/75d6f4...abc99ec...`, a commit hash, holds `c99`), and a
/// short name not followed by more hex (a hash that starts `c99ab`), while
/// `c99shell.php`, `c99.txt?` and `/r57?` still count.
fn names_shell(url: &[u8], shell: &[u8]) -> bool {
    positions(url, shell).any(|p| {
        let before = if p == 0 { None } else { url.get(p - 1) };
        let after = url.get(p + shell.len());
        !before.map_or(false, |b| b.is_ascii_alphanumeric())
            && !(shell.len() <= 4 && after.map_or(false, |b| b.is_ascii_hexdigit()))
    })
}

pub(crate) fn detect_rfi(input: &Input, hits: &mut Hits) {
    if !input.has(b':') {
        return;
    }
    let s = input.text;
    let start = s.iter().position(|&b| b != b' ').unwrap_or(s.len());
    let v = &s[start..];
    let scheme = [&b"http://"[..], b"https://", b"ftp://", b"ftps://"].iter().find(|p| v.starts_with(p)).map(|p| p.len());
    let scheme_len = match scheme {
        Some(l) => l,
        None => return,
    };
    let rest = &v[scheme_len..];
    // `http://evil/shell.txt?`: the trailing `?` (or `#`, or a NUL) turns
    // the application's own suffix (`.php`) into a harmless query.
    let trailing = rest.ends_with(b"?") || rest.ends_with(b"#") || (input.nul && !contains(rest, b"?"));
    if trailing && rest.len() > 1 {
        hits.add(Category::FileInclusionRemote, Severity::High, "rfi.trailing_query");
        return;
    }
    if SHELLS.iter().zip(&SHELL_SETS).any(|(sh, set)| input.has_every(set) && names_shell(rest, sh)) {
        hits.add(Category::FileInclusionRemote, Severity::High, "rfi.known_shell");
        return;
    }
    if input.name.map_or(false, include_name) {
        hits.add(Category::FileInclusionRemote, Severity::Medium, "rfi.include_parameter");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The word filter must never rule out a sensitive name where
    /// `detect` looks for it: at the start, after `/` or `\`, before any
    /// continuation.
    #[test]
    fn sensitive_keys_match_text_words() {
        for f in SENSITIVE_FILES {
            let f = std::str::from_utf8(f).unwrap();
            for v in [f.to_string(), format!("/{f}"), format!("a\\{f}"), format!("../../{f}x"), format!("x/{f}/y"), format!("{}", f.to_uppercase())] {
                let mut norm = Vec::new();
                let info = crate::decode::normalise(v.as_bytes(), &mut norm);
                let input = Input::new(&norm, None, info);
                let key = SENSITIVE_KEYS[SENSITIVE_FILES.iter().position(|x| *x == f.as_bytes()).unwrap()];
                assert!(input.may_start_word(key), "{v}");
                // (Alone at the start, `.htpasswd` and `boot.ini` do not count.)
                if v.contains(&format!("/{f}")) || v.contains(&format!("\\{f}")) {
                    let mut hits = Hits::default();
                    detect(&input, &mut hits);
                    assert!(hits.list.iter().any(|h| h.rule == "lfi.sensitive_file"), "{v}");
                }
            }
        }
    }
}
