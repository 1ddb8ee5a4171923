//! Comment transformations for SQL, C, HTML and shell payloads.

use memchr::memmem;

/// `t:replaceComments`: each C comment `/* ... */` becomes one space; an
/// unterminated one runs to the end. A lone `*/` stays.
pub(super) fn replace(input: &[u8]) -> Option<Vec<u8>> {
    memmem::find(input, b"/*")?;
    let len = input.len();
    let mut out = Vec::with_capacity(len);
    let mut in_comment = false;
    let mut i = 0;
    while i < len {
        if !in_comment {
            if input[i] == b'/' && i + 1 < len && input[i + 1] == b'*' {
                in_comment = true;
                i += 2;
            } else {
                out.push(input[i]);
                i += 1;
            }
        } else if input[i] == b'*' && i + 1 < len && input[i + 1] == b'/' {
            in_comment = false;
            out.push(b' ');
            i += 2;
        } else {
            i += 1;
        }
    }
    if in_comment {
        out.push(b' ');
    }
    Some(out)
}

/// `t:removeComments`: C comments and HTML comments (`<!-- ... -->`) are
/// removed (an unterminated one becomes a space); `--` or `#` outside a
/// comment ends the value there (SQL and shell line comments).
///
/// libmodsecurity 3.0.x also copies the byte after each `*/` or `-->`
/// without looking at it, which its own newer test cases
/// (`SELECT/**//**/UNION` -> `SELECTUNION`) reject; this follows the tests.
pub(super) fn remove(input: &[u8]) -> Option<Vec<u8>> {
    let has_work = memmem::find(input, b"/*").is_some()
        || memmem::find(input, b"<!--").is_some()
        || memmem::find(input, b"--").is_some()
        || memchr::memchr(b'#', input).is_some();
    if !has_work {
        return None;
    }
    let len = input.len();
    let mut out = Vec::with_capacity(len);
    let mut in_comment = false;
    let mut i = 0;
    while i < len {
        let rest = &input[i..];
        if !in_comment {
            if rest.starts_with(b"/*") {
                in_comment = true;
                i += 2;
            } else if rest.starts_with(b"<!--") {
                in_comment = true;
                i += 4;
            } else if rest.starts_with(b"--") || rest[0] == b'#' {
                break;
            } else {
                out.push(rest[0]);
                i += 1;
            }
        } else if rest.starts_with(b"*/") {
            in_comment = false;
            i += 2;
        } else if rest.starts_with(b"-->") {
            in_comment = false;
            i += 3;
        } else {
            i += 1;
        }
    }
    if in_comment {
        out.push(b' ');
    }
    Some(out)
}

/// The markers `t:removeCommentsChar` deletes, longest first where one is
/// a prefix of another.
const COMMENT_MARKERS: &[&[u8]] = &[b"/*", b"*/", b"<!--", b"-->", b"--", b"#"];

/// `t:removeCommentsChar`: deletes the comment markers themselves, keeping
/// what they enclosed. libmodsecurity erases in place and rescans at the
/// same position, which only ever looks at input not yet consumed: one
/// forward pass is the same.
pub(super) fn remove_chars(input: &[u8]) -> Option<Vec<u8>> {
    let has_work = memchr::memchr(b'#', input).is_some()
        || memmem::find(input, b"/*").is_some()
        || memmem::find(input, b"*/").is_some()
        || memmem::find(input, b"--").is_some();
    if !has_work {
        return None;
    }
    let mut out = Vec::with_capacity(input.len());
    let mut i = 0;
    while i < input.len() {
        let rest = &input[i..];
        match COMMENT_MARKERS.iter().find(|m| rest.starts_with(m)) {
            Some(marker) => i += marker.len(),
            None => {
                out.push(rest[0]);
                i += 1;
            }
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(f: fn(&[u8]) -> Option<Vec<u8>>, s: &[u8]) -> Vec<u8> {
        f(s).unwrap_or_else(|| s.to_vec())
    }

    #[test]
    fn replaces_c_comments() {
        assert_eq!(apply(replace, b"Before /* x */ After"), b"Before   After");
        assert_eq!(apply(replace, b"Before/* open"), b"Before ");
        assert_eq!(apply(replace, b"a */ b"), b"a */ b");
        assert_eq!(apply(replace, b"/*/"), b" ");
    }

    #[test]
    fn removes_comments() {
        assert_eq!(apply(remove, b"SELECT/**//**/UNION"), b"SELECTUNION");
        assert_eq!(apply(remove, b"foo<!-- a --><!-- b -->bar"), b"foobar");
        assert_eq!(apply(remove, b"1 OR 1=1-- x"), b"1 OR 1=1");
        assert_eq!(apply(remove, b"a #b"), b"a ");
        assert_eq!(apply(remove, b"a/* b"), b"a ");
    }

    #[test]
    fn removes_comment_markers_only() {
        assert_eq!(apply(remove_chars, b"a/*b*/c<!--d-->e--f#g"), b"abcdefg");
        assert_eq!(apply(remove_chars, b"//**"), b"/*");
        assert_eq!(apply(remove_chars, b"<!-->"), b">");
        assert_eq!(apply(remove_chars, b"---"), b"-");
    }
}
