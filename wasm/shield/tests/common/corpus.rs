//! Loading test corpora, shared by the integration tests and the
//! `shield_bench` binary (which includes this file by path).
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// `shared/data/shield/libinjection`, from `ARCJET_SHARED_DIR` (the
/// `shared` directory) or relative to this crate.
pub fn libinjection_dir() -> PathBuf {
    let shared = match std::env::var_os("ARCJET_SHARED_DIR") {
        Some(d) => PathBuf::from(d),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"),
    };
    shared.join("data/shield/libinjection")
}

pub fn benign_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/benign")
}

pub fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases")
}

/// Sorted files of `dir` whose names start with `prefix` and end `.txt`.
pub fn files(dir: &Path, prefix: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {}", dir.display(), e))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let n = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            n.starts_with(prefix) && n.ends_with(".txt")
        })
        .collect();
    out.sort();
    out
}

/// Non-empty lines not starting with `#`, as bytes (some corpus files are
/// not UTF-8). Trailing CR removed.
pub fn lines(path: &Path) -> Vec<Vec<u8>> {
    let data = std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {}", path.display(), e));
    data.split(|&b| b == b'\n')
        .map(|l| l.strip_suffix(b"\r").unwrap_or(l))
        .filter(|l| !l.is_empty() && l[0] != b'#')
        .map(|l| l.to_vec())
        .collect()
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

/// Query-string decoding of one corpus line (`+` is a space).
pub fn url_decode(s: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        match s[i] {
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b'%' if i + 2 < s.len() + 0 && i + 2 <= s.len() - 1 => match (hex(s[i + 1]), hex(s[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 3;
                }
                _ => {
                    out.push(b'%');
                    i += 1;
                }
            },
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    out
}

/// Percent-encodes every byte but RFC 3986 unreserved ones.
pub fn url_encode(s: &[u8]) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for &b in s {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{:02X}", b));
        }
    }
    out
}

/// Undoes the escapes of the case files: `\n`, `\r`, `\t`, `\\`, `\xNN`.
pub fn unescape_case(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' && i + 1 < b.len() {
            match b[i + 1] {
                b'n' => out.push(b'\n'),
                b'r' => out.push(b'\r'),
                b't' => out.push(b'\t'),
                b'\\' => out.push(b'\\'),
                b'x' if i + 3 < b.len() + 0 || i + 3 == b.len() - 0 => {
                    if let (Some(h), Some(l)) = (b.get(i + 2).and_then(|&c| hex(c)), b.get(i + 3).and_then(|&c| hex(c))) {
                        out.push(h * 16 + l);
                        i += 4;
                        continue;
                    }
                    out.push(b'\\');
                    i += 1;
                    continue;
                }
                _ => {
                    out.push(b'\\');
                    i += 1;
                    continue;
                }
            }
            i += 2;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    out
}
