//! `t:normalizePath` and `t:normalizePathWin`: collapse `//`, `/./` and
//! `dir/../`, never above the root of an absolute path, keeping a relative
//! path's leading `..` segments and the input's trailing slash (or its
//! absence). The Windows variant first turns `\` into `/`.
//!
//! This is libmodsecurity's in-place algorithm, branch for branch: its
//! corner cases (a third `\` in a row stays a backslash, a relative path's
//! leading `/` vanishes) are part of what CRS was tested against.

pub(super) fn normalize(input: &[u8], win: bool) -> Option<Vec<u8>> {
    if !might_change(input, win) {
        return None;
    }
    Some(normalize_in_place(input.to_vec(), win))
}

/// Without a `.` segment, a doubled slash or (Windows) a backslash there
/// is nothing to normalise.
fn might_change(input: &[u8], win: bool) -> bool {
    memchr::memchr(b'.', input).is_some()
        || memchr::memmem::find(input, b"//").is_some()
        || (win && memchr::memchr(b'\\', input).is_some())
}

fn normalize_in_place(mut b: Vec<u8>, win: bool) -> Vec<u8> {
    if b.is_empty() {
        return b;
    }
    let is_sep = |c: u8| c == b'/' || (win && c == b'\\');
    let end = b.len() - 1;
    let relative = !is_sep(b[0]);
    let trailing = is_sep(b[end]);
    let mut hit_root = false;
    let mut done = false;
    let mut src = 0usize;
    // Signed: a back-reference steps `dst` back three bytes before it is
    // clamped to the start, as the C pointer arithmetic does.
    let mut dst = 0isize;

    while !done && src <= end && dst <= end as isize {
        if win {
            if b[src] == b'\\' {
                b[src] = b'/';
            }
            if src < end && b[src + 1] == b'\\' {
                b[src + 1] = b'/';
            }
        }

        // Only the last byte of a path segment triggers normalisation.
        let segment_end = if src == end {
            done = true;
            true
        } else {
            b[src + 1] == b'/'
        };

        if segment_end && !(src != end && b[src] == b'/') {
            if b[src] == b'.' {
                let after_dot = dst > 0 && b[dst as usize - 1] == b'.';
                if after_dot && relative && (hit_root || dst - 2 <= 0) {
                    // A leading "..": nothing to go back to, keep it.
                    hit_root = true;
                } else if after_dot {
                    // "..": drop it with the segment before it.
                    dst -= 3;
                    while dst > 0 && b[dst as usize] != b'/' {
                        dst -= 1;
                    }
                    if dst <= 0 {
                        hit_root = true;
                        dst = 0;
                        if !relative && src == end {
                            // Keep the root slash of a path ending in "/..".
                            dst += 1;
                        }
                    }
                    if done {
                        continue;
                    }
                    src += 1;
                } else if dst == 0 {
                    // "./" at the start of a relative path.
                    if done {
                        continue;
                    }
                    src += 1;
                } else if b[dst as usize - 1] == b'/' {
                    // "/./": drop the dot and its slash.
                    if done {
                        continue;
                    }
                    dst -= 1;
                    src += 1;
                }
            } else if dst > 0 {
                hit_root = false;
            }
        }

        // Copy one byte, collapsing a run of slashes onto its last one.
        if b[src] == b'/' {
            while src < end && (b[src + 1] == b'/' || (win && b[src + 1] == b'\\')) {
                src += 1;
            }
            if relative && dst == 0 {
                // A relative path does not start with the slash.
                src += 1;
                continue;
            }
        }
        b[dst as usize] = b[src];
        dst += 1;
        src += 1;
    }

    let mut len = dst.max(0) as usize;
    if !trailing && len > 0 && b[len - 1] == b'/' {
        len -= 1;
    }
    b.truncate(len);
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &[u8]) -> Vec<u8> {
        normalize(s, false).unwrap_or_else(|| s.to_vec())
    }

    fn w(s: &[u8]) -> Vec<u8> {
        normalize(s, true).unwrap_or_else(|| s.to_vec())
    }

    #[test]
    fn unix() {
        assert_eq!(n(b"/a/b/../c/./d//e"), b"/a/c/d/e");
        assert_eq!(n(b"/../../etc/passwd"), b"/etc/passwd");
        // The root slash of "/.." is kept, then dropped as a trailing slash
        // the input did not have.
        assert_eq!(n(b"/.."), b"");
        assert_eq!(n(b"/../"), b"/");
        assert_eq!(n(b"a/../../b"), b"../b");
        assert_eq!(n(b"./x/"), b"x/");
        assert_eq!(n(b"/a/."), b"/a");
        assert_eq!(n(b"."), b"");
    }

    #[test]
    fn windows() {
        assert_eq!(w(b"\\a\\..\\b"), b"/b");
        assert_eq!(w(b"c:\\x\\.\\y"), b"c:/x/y");
        // libmodsecurity only converts the byte ahead: a third backslash in
        // a row is copied as it is.
        assert_eq!(w(b"a\\\\\\b"), b"a\\b");
    }

    #[test]
    fn fast_path_agrees_with_the_algorithm() {
        // Inputs without ".", "//" or "\\" must come out unchanged.
        let alphabet = [b'/', b'a', b'b', b'\\'];
        for len in 0..7u32 {
            for mut k in 0..4usize.pow(len) {
                let mut s = Vec::new();
                for _ in 0..len {
                    s.push(alphabet[k % 4]);
                    k /= 4;
                }
                for win in [false, true] {
                    if !might_change(&s, win) {
                        assert_eq!(normalize_in_place(s.clone(), win), s, "{:?}", s);
                    }
                }
            }
        }
    }
}
