//! How libxml2 hands character data to its tree: line endings normalised,
//! and, when an error cuts a run of text short, how much of it had already
//! been handed over.

use memchr::memchr;

/// libxml2 hands text to the tree in pieces of this many bytes once it has
/// left its ASCII fast path (`XML_PARSER_BIG_BUFFER_SIZE`).
const TEXT_CHUNK: usize = 300;

/// How much of a text run libxml2 has handed over when an error stops it at
/// `at` (a `]]>`, or an invalid byte when `at == run.len()`): what its ASCII
/// fast path delivered, then whole 300-byte buffers of its slow path.
pub(super) fn delivered_before_error(run: &[u8], at: usize) -> usize {
    // The fast path delivers at each CR of a CRLF and where it gives up: at
    // a byte outside printable ASCII, tab and LF, or a lone CR.
    let mut fast_end = 0;
    let mut last_cr = 0;
    while fast_end < at {
        match run[fast_end] {
            b'\r' if run.get(fast_end + 1) == Some(&b'\n') => {
                last_cr = fast_end;
                fast_end += 1;
            }
            b'\t' | b'\n' | 0x20..=0x7F => fast_end += 1,
            _ => break,
        }
    }
    if fast_end >= at {
        // The error came while still on the fast path.
        return if at == run.len() { at } else { last_cr };
    }
    let mut delivered = fast_end;
    let mut buffered = 0;
    let mut i = fast_end;
    while i < at {
        let len = match run[i] {
            b'\r' if run.get(i + 1) == Some(&b'\n') => 2,
            b if b < 0x80 => 1,
            b if b >= 0xF0 => 4,
            b if b >= 0xE0 => 3,
            _ => 2,
        };
        buffered += if run[i] == b'\r' { 1 } else { len };
        i += len;
        if buffered >= TEXT_CHUNK && i <= at {
            delivered = i;
            buffered = 0;
        }
    }
    delivered
}

/// Appends `text`, with the document's line endings normalised to `\n`.
pub(super) fn push_normalized(out: &mut Vec<u8>, text: &[u8], in_doc: bool) {
    if !in_doc || memchr(b'\r', text).is_none() {
        out.extend_from_slice(text);
        return;
    }
    let mut i = 0;
    while i < text.len() {
        if text[i] == b'\r' {
            out.push(b'\n');
            i += if text.get(i + 1) == Some(&b'\n') {
                2
            } else {
                1
            };
        } else {
            out.push(text[i]);
            i += 1;
        }
    }
}
