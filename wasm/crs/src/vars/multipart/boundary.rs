//! The boundary, from `Content-Type`, checked the way 3.0.15 checks it
//! (the flags it sets are part of `MULTIPART_STRICT_ERROR`).

use memchr::{memchr, memmem};

use super::Parser;
use crate::vars::is_c_space;

impl Parser {
    /// `Multipart::init`: the boundary from `Content-Type`. False when there
    /// is nothing to parse with.
    pub(super) fn init(&mut self, header: &[u8]) -> bool {
        self.line_start = true;
        if header.is_empty() {
            return self.fail_init("Multipart: Content-Type header not available.");
        }
        if header.len() > 1024 {
            return self.fail_init("Multipart: Invalid boundary in C-T (length).");
        }
        // The C code reads the header as a C string.
        let header = &header[..memchr(0, header).unwrap_or(header.len())];
        if header.len() < 19 || !header[..19].eq_ignore_ascii_case(b"multipart/form-data") {
            return self.fail_init("Multipart: Invalid MIME type.");
        }
        if count_boundary_params(header) > 1 {
            return self.fail_init("Multipart: Multiple boundary parameters in C-T.");
        }
        let at = match memmem::find(header, b"boundary") {
            Some(at) => at,
            None => {
                return self.fail_init(if count_boundary_params(header) > 0 {
                    "Multipart: Invalid boundary in C-T (case sensitivity)."
                } else {
                    "Multipart: Boundary not found in C-T."
                })
            }
        };
        let mut semicolon = false;
        for &c in &header[19.min(at)..at] {
            if is_c_space(c) {
                continue;
            }
            if c == b';' && !semicolon {
                semicolon = true;
            } else {
                return self.fail_init("Multipart: Invalid boundary in C-T (malformed).");
            }
        }
        if !semicolon {
            self.flags.missing_semicolon = true;
        }
        let name_end = at + b"boundary".len();
        let equals = match memchr(b'=', &header[name_end..]) {
            Some(i) => name_end + i,
            None => return self.fail_init("Multipart: Invalid boundary in C-T (malformed)."),
        };
        for &c in &header[name_end..equals] {
            if !is_c_space(c) {
                return self.fail_init("Multipart: Invalid boundary in C-T (parameter name).");
            }
            self.flags.boundary_whitespace = true;
        }
        let value = &header[equals + 1..];
        if value.first().map_or(false, |&c| is_c_space(c)) {
            self.flags.boundary_whitespace = true;
        }
        let quoted = value.len() >= 2 && value[0] == b'"' && value[value.len() - 1] == b'"';
        if quoted {
            self.boundary = value[1..value.len() - 1].to_vec();
            if self.boundary.is_empty() {
                return false;
            }
            self.flags.boundary_quoted = true;
        } else {
            if value.first() == Some(&b'"') || (value.len() >= 2 && value[value.len() - 1] == b'"')
            {
                return self.fail_init("Multipart: Invalid boundary in C-T (quote).");
            }
            if value.is_empty() {
                return false;
            }
            // 3.0.15 tolerates parameters after an unquoted boundary.
            let value = &value[..memchr(b';', value).unwrap_or(value.len())];
            if value.is_empty() {
                return self.fail_init("Multipart: Invalid boundary in C-T (empty).");
            }
            self.boundary = value.to_vec();
        }
        if count_boundary_params(&self.boundary) != 0 {
            return self.fail_init("Multipart: Invalid boundary in C-T (content).");
        }
        if !boundary_characters_valid(&self.boundary) {
            return self.fail_init("Multipart: Invalid boundary in C-T (characters).");
        }
        true
    }

    pub(super) fn fail_init(&mut self, message: &str) -> bool {
        self.flags.error = true;
        self.error = Some(message.as_bytes().to_vec());
        false
    }
}

/// How many times `boundary` appears (any case) with an `=` somewhere after.
fn count_boundary_params(s: &[u8]) -> usize {
    let lower = s.to_ascii_lowercase();
    let last_equals = match lower.iter().rposition(|&b| b == b'=') {
        Some(i) => i,
        None => return 0,
    };
    memmem::find_iter(&lower, b"boundary")
        .filter(|&at| at + 8 <= last_equals)
        .count()
}

/// RFC 2046's boundary characters (a space, but not last).
fn boundary_characters_valid(boundary: &[u8]) -> bool {
    boundary.iter().enumerate().all(|(i, &c)| {
        c.is_ascii_alphanumeric()
            || (c == b' ' && i + 1 < boundary.len())
            || b"'()+_,-./:=?".contains(&c)
    })
}
