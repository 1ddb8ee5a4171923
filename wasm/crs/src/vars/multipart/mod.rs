//! `multipart/form-data` bodies, ported from libmodsecurity 3.0.15's
//! `request_body_processor/multipart.cc` so that the strict-parsing flags the
//! CRS and `modsecurity.conf-recommended` read come out the same:
//! `MULTIPART_STRICT_ERROR` and each flag it combines, and
//! `MULTIPART_UNMATCHED_BOUNDARY` (0, 1 for a line that looks like a foreign
//! boundary, 2 once a second real boundary was seen).
//!
//! The parser reads lines of at most 4096 bytes (longer ones are cut into
//! pieces, and a `\r` never ends a piece), classifies each as boundary, part
//! header or part data, and collects:
//! - form fields into `ARGS` and `ARGS_POST` (each data line loses its line
//!   ending: 3.0.15 drops the bytes it holds back, so `a\r\nb` becomes `ab`);
//! - file parts into `FILES` (field name -> file name) and `FILES_SIZES`; the
//!   file content is counted, never kept;
//! - each part's header lines into `MULTIPART_PART_HEADERS` (under the
//!   part's name, empty for a nameless part; a line counts once the next
//!   line shows it is not folded further).
//!
//! As in ModSecurity, fields and files are published only when the body ends
//! with its final boundary; part headers as soon as their part closes.
//! Errors in part headers are recorded (`REQBODY_ERROR`) but parsing goes on;
//! errors in boundaries stop it. Since 3.0.8 a boundary that arrives before
//! its part has any data line is data, not a boundary (an invalid part).
//! `MULTIPART_FILE_LIMIT_EXCEEDED` stays empty: ModSecurity counts only the
//! files it stores on disk, which it does not by default.

use memchr::{memchr, memmem};

use self::part::Part;
use super::body::set_error;
use super::{decode_into, is_c_space, Entry, Origin, Text, Var, Vars};

mod boundary;
mod disposition;
mod part;

const BUF_SIZE: usize = 4096;

pub(super) fn process(vars: &mut Vars<'_>) {
    let header = match vars.content_type {
        Some(header) => header,
        None => return set_error(vars, None),
    };
    let mut parser = Parser::default();
    if parser.init(header) {
        parser.process(vars.body);
    }
    let published = parser.complete();
    parser.publish_flags(vars);
    let keep = |decoded: &mut Vec<u8>, bytes: &[u8]| -> Text<'static> {
        decode_into(decoded, |out| out.extend_from_slice(bytes))
    };
    for (name, line) in parser.part_headers.drain(..) {
        let entry = Entry::new(
            keep(&mut vars.decoded, &name),
            keep(&mut vars.decoded, &line),
        );
        vars.part_headers.push(entry);
    }
    if published {
        let mut files_size: Option<u64> = None;
        for part in parser.parts.drain(..) {
            let name = keep(&mut vars.decoded, &part.name);
            if part.is_file {
                files_size = Some(files_size.unwrap_or(0) + part.file_size);
                let size = keep(&mut vars.decoded, part.file_size.to_string().as_bytes());
                vars.file_sizes.push(Entry::new(name, size));
                let filename = keep(&mut vars.decoded, &part.filename);
                vars.files.push(Entry::new(name, filename));
            } else {
                // Straight into the collections: no argument limit, no
                // ARGS_COMBINED_SIZE, as in ModSecurity.
                let value = keep(&mut vars.decoded, &part.value);
                vars.args.entries.push(Entry {
                    key: name,
                    value,
                    origin: Origin::Form,
                });
            }
        }
        if let Some(size) = files_size {
            vars.set(Var::FilesCombinedSize, size.to_string().into_bytes());
        }
    }
    let message = parser.error.map(|e| {
        let mut m = b"Multipart parsing error: ".to_vec();
        m.extend_from_slice(&e);
        m
    });
    set_error(vars, message);
}

#[derive(Debug, Default)]
struct Flags {
    error: bool,
    data_before: bool,
    data_after: bool,
    header_folding: bool,
    boundary_quoted: bool,
    boundary_whitespace: bool,
    lf_line: bool,
    crlf_line: bool,
    unmatched_boundary: u8,
    missing_semicolon: bool,
    invalid_quoting: bool,
    invalid_part: bool,
    invalid_header_folding: bool,
}

#[derive(Debug, Default)]
struct Parser {
    boundary: Vec<u8>,
    boundary_count: usize,
    seen_data: bool,
    is_complete: bool,
    flags: Flags,
    /// The part being read, and whether its headers are done.
    part: Option<Part>,
    in_data: bool,
    /// The part has had a data line (3.0.8's check before a boundary).
    data_read: bool,
    /// Line-ending bytes held back from the last data line (0, 1 or 2).
    reserve: usize,
    parts: Vec<Part>,
    part_headers: Vec<(Vec<u8>, Vec<u8>)>,
    /// The last line piece ended with `\n` (or none was read yet).
    line_start: bool,
    /// ... with a `\n` not preceded by `\r` (a boundary after it counts as
    /// an LF line).
    bare_lf: bool,
    /// Bytes read but not processed when the body ended.
    leftover: Vec<u8>,
    /// The last error message (bytes of the request included as sent).
    error: Option<Vec<u8>>,
}

/// Why processing stopped early.
struct Stop;

impl Parser {
    /// `Multipart::process` over the whole body.
    fn process(&mut self, data: &[u8]) {
        if data.is_empty() {
            return;
        }
        self.seen_data = true;
        let mut pos = 0;
        while pos < data.len() {
            let rest = &data[pos..];
            let window = &rest[..rest.len().min(BUF_SIZE)];
            let (line, newline, cut) = match memchr(b'\n', window) {
                Some(i) => (&rest[..=i], true, i + 1 == BUF_SIZE),
                None if rest.len() < BUF_SIZE => {
                    self.leftover = rest.to_vec();
                    return;
                }
                // A full buffer; a `\r` is never its last byte.
                None if rest[BUF_SIZE - 1] == b'\r' => (&rest[..BUF_SIZE - 1], false, true),
                None => (&rest[..BUF_SIZE], false, true),
            };
            pos += line.len();
            if self.line(line, cut).is_err() {
                self.leftover = line.to_vec();
                return;
            }
            self.line_start = newline;
            self.bare_lf = newline && !(pos >= 2 && data[pos - 2] == b'\r');
            if self.is_complete && pos < data.len() {
                self.flags.data_after = true;
                return;
            }
        }
    }

    /// One line (or piece of a long one). `cut`: the buffer filled up.
    fn line(&mut self, line: &[u8], cut: bool) -> Result<(), Stop> {
        let at = |i: usize| line.get(i).copied().unwrap_or(0);
        let c_len = memchr(0, line).unwrap_or(line.len());
        let blen = self.boundary.len();
        let mut was_boundary = false;
        if self.line_start && c_len > 3 && line.starts_with(b"--") {
            if c_len >= blen + 2 && line[2..2 + blen] == self.boundary[..] {
                if self.bare_lf {
                    self.flags.lf_line = true;
                }
                if !self.data_read && self.boundary_count > 0 {
                    // 3.0.8+: "Invalid part (data contains boundary)".
                    self.flags.invalid_part = true;
                } else {
                    let mut end = 2 + blen;
                    if self.boundary_count > 0 {
                        self.flags.unmatched_boundary = 2;
                    }
                    let is_final = at(end) == b'-' && at(end + 1) == b'-';
                    if is_final {
                        end += 2;
                        if self.is_complete {
                            return self.stop(message(
                                "Multipart: Invalid boundary (final duplicate).",
                                b"",
                            ));
                        }
                    }
                    let crlf = at(end) == b'\r' && at(end + 1) == b'\n' && at(end + 2) == 0;
                    let lf = at(end) == b'\n' && at(end + 1) == 0;
                    if !(crlf || lf) {
                        return self.stop(message("Multipart: Invalid boundary: ", &line[..c_len]));
                    }
                    if lf {
                        self.flags.lf_line = true;
                    } else {
                        self.flags.crlf_line = true;
                    }
                    self.close_part(is_final);
                    if is_final {
                        self.is_complete = true;
                    }
                    was_boundary = true;
                    self.boundary_count += 1;
                }
            } else {
                if self.flags.boundary_quoted
                    && c_len >= blen + 3
                    && line[2] == b'"'
                    && line[3..3 + blen] == self.boundary[..]
                {
                    return self.stop(message("Multipart: Invalid boundary (quotes).", b""));
                }
                let mut p = 2;
                while is_c_space(at(p)) {
                    p += 1;
                }
                if p != 2 && (0..blen).all(|i| at(p + i) == self.boundary[i]) {
                    return self.stop(message("Multipart: Invalid boundary (whitespace).", b""));
                }
                self.flags.unmatched_boundary = 1;
            }
        } else if self.line_start {
            let mut needle = b"--".to_vec();
            needle.extend_from_slice(&self.boundary);
            if memmem::find(line, &needle).is_some() {
                self.flags.unmatched_boundary = 1;
            }
        }
        if was_boundary {
            return Ok(());
        }
        if self.part.is_none() {
            self.flags.data_before = true;
        } else if !self.in_data {
            if cut {
                return self.stop(message(
                    "Multipart: Part header line over 4096 bytes long",
                    b"",
                ));
            }
            self.part_header(line);
        } else {
            self.part_data(line);
        }
        Ok(())
    }

    fn stop(&mut self, message: Vec<u8>) -> Result<(), Stop> {
        self.flags.error = true;
        self.error = Some(message);
        Err(Stop)
    }

    /// `Multipart::process_boundary`: file the part being read, start a new
    /// one unless this was the final boundary.
    fn close_part(&mut self, last: bool) {
        if let Some(mut part) = self.part.take() {
            // Published even for a nameless part (under an empty name).
            for line in part.lines.drain(..) {
                self.part_headers.push((part.name.clone(), line));
            }
            if part.name.is_empty() {
                self.flags.invalid_part = true;
            } else {
                self.parts.push(part);
            }
        }
        if !last {
            self.part = Some(Part::default());
            self.in_data = false;
            self.data_read = false;
            self.reserve = 0;
        }
    }

    /// `Multipart::multipart_complete`: true when fields and files are to be
    /// published (the body ended with its final boundary).
    fn complete(&mut self) -> bool {
        let mut final_in_leftover = false;
        if self.seen_data && !self.is_complete && self.boundary_count > 0 && self.line_start {
            let b = &self.leftover;
            let blen = self.boundary.len();
            final_in_leftover = b.len() == 4 + blen
                && b.starts_with(b"--")
                && b[2..2 + blen] == self.boundary[..]
                && b.ends_with(b"--");
            if final_in_leftover && self.bare_lf {
                self.flags.lf_line = true;
            }
            if final_in_leftover && !self.data_read {
                // "Invalid part (data contains final boundary)".
                self.flags.invalid_part = true;
            }
        }
        if self.seen_data && !self.is_complete {
            if self.boundary_count == 0 {
                self.error = Some(message("Multipart: No boundaries found in payload.", b""));
                return false;
            }
            if !final_in_leftover {
                self.error = Some(message("Multipart: Final boundary missing.", b""));
                return false;
            }
            self.close_part(true);
            self.is_complete = true;
        }
        true
    }

    fn publish_flags(&self, vars: &mut Vars<'_>) {
        let f = &self.flags;
        let strict = f.error
            || f.boundary_quoted
            || f.boundary_whitespace
            || f.data_before
            || f.data_after
            || f.header_folding
            || f.lf_line
            || f.missing_semicolon
            || f.invalid_quoting
            || f.invalid_part
            || f.invalid_header_folding;
        let unmatched: &'static [u8] = match f.unmatched_boundary {
            0 => b"0",
            1 => b"1",
            _ => b"2",
        };
        vars.set(Var::MultipartUnmatchedBoundary, unmatched);
        for (var, on) in [
            (Var::MultipartDataBefore, f.data_before),
            (Var::MultipartDataAfter, f.data_after),
            (Var::MultipartBoundaryQuoted, f.boundary_quoted),
            (Var::MultipartBoundaryWhitespace, f.boundary_whitespace),
            (Var::MultipartHeaderFolding, f.header_folding),
            (Var::MultipartLfLine, f.lf_line),
            (Var::MultipartCrlfLfLines, f.crlf_line && f.lf_line),
            (Var::MultipartMissingSemicolon, f.missing_semicolon),
            (Var::MultipartInvalidQuoting, f.invalid_quoting),
            (Var::MultipartInvalidPart, f.invalid_part),
            (Var::MultipartInvalidHeaderFolding, f.invalid_header_folding),
            (Var::MultipartStrictError, strict),
        ] {
            vars.set(var, if on { &b"1"[..] } else { &b"0"[..] });
        }
    }
}

fn message(text: &str, bytes: &[u8]) -> Vec<u8> {
    let mut m = text.as_bytes().to_vec();
    m.extend_from_slice(bytes);
    m
}
