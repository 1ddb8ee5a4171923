//! PHP code injection.

use super::util::{boundary_before, calls, positions};
use super::Input;
use crate::hits::Hits;
use crate::{Category, Severity};

/// Functions only PHP has, that matter only to an attacker.
const PHP_ONLY: &[&[u8]] = &[
    b"assert", b"base64_decode", b"call_user_func", b"create_function", b"file_put_contents", b"fsockopen", b"gzinflate",
    b"gzuncompress", b"highlight_file", b"move_uploaded_file", b"passthru", b"pcntl_exec", b"phpinfo", b"phpversion",
    b"popen", b"proc_open", b"shell_exec", b"show_source", b"str_rot13",
];

/// Calls that exist in other languages too: suspicious, not conclusive.
const GENERIC: &[&[u8]] = &[b"eval", b"exec", b"file_get_contents", b"fopen", b"include", b"preg_replace", b"readfile", b"require", b"require_once", b"include_once", b"system", b"unserialize"];


pub(crate) fn detect(input: &Input, hits: &mut Hits) {
    let s = input.text;
    if input.has(b'<') && (input.has_needle(needle!(b"<?php")) || input.has_needle(needle!(b"<?="))) {
        hits.add(Category::PhpInjection, Severity::High, "php.open_tag");
        return;
    }
    if input.has(b'$') {
        for g in [&b"$_get["[..], b"$_post[", b"$_request[", b"$_cookie[", b"$_server[", b"$_files[", b"$globals["] {
            if input.contains(g) {
                hits.add(Category::PhpInjection, Severity::Medium, "php.superglobal");
                break;
            }
        }
    }
    if input.has(b'(') {
        // One pass over the calls for both lists (a value dense in `(`
        // paid for two).
        let mut generic = false;
        if calls(s, false, |w, _| {
            generic |= GENERIC.contains(&w);
            PHP_ONLY.contains(&w)
        }) {
            hits.add(Category::PhpInjection, Severity::High, "php.function");
            return;
        }
        if generic && (input.has(b'$') || input.has(b'\'') || input.has(b'"') || input.has(b';')) {
            hits.add(Category::PhpInjection, Severity::Medium, "php.function");
        }
    }
    // Serialized objects reaching unserialize(): O:8:"stdClass":
    if input.has(b':') && input.has(b'{') {
        let b = s;
        for p in positions(b, b"o:") {
            let mut j = p + 2;
            let d = j;
            while j < b.len() && b[j].is_ascii_digit() {
                j += 1;
            }
            if j > d && b[j..].starts_with(b":\"") && boundary_before(b, p) {
                hits.add(Category::PhpInjection, Severity::Medium, "php.serialized_object");
                return;
            }
        }
    }
}
