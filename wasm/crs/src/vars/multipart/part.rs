//! One part: its header lines (3.0.15's checks, and the lines
//! `MULTIPART_PART_HEADERS` publishes) and its data.

use memchr::{memchr, memmem};

use super::disposition::parse_content_disposition;
use super::{message, Parser, BUF_SIZE};
use crate::vars::is_c_space;

#[derive(Debug, Default)]
pub(super) struct Part {
    /// Empty until `Content-Disposition` names it (as in ModSecurity, an
    /// empty name is no name).
    pub(super) name: Vec<u8>,
    pub(super) filename: Vec<u8>,
    pub(super) is_file: bool,
    pub(super) headers: Vec<(Vec<u8>, Vec<u8>)>,
    /// Each header's line as sent (`Name: value` once folded): what
    /// `MULTIPART_PART_HEADERS` shows.
    pub(super) lines: Vec<Vec<u8>>,
    /// The raw line of each header in `headers`.
    pub(super) raw_lines: Vec<Vec<u8>>,
    /// The header a folded line continues.
    pub(super) last_header: Option<usize>,
    /// The last header's line, not yet in `lines`: 3.0.15 records a header
    /// line once the next line shows it is not folded any further.
    pub(super) pending: Option<usize>,
    pub(super) folded: bool,
    /// RFC 5987 `filename*=charset'lang'name`, after the second quote.
    pub(super) filename_star: Vec<u8>,
    pub(super) value: Vec<u8>,
    pub(super) file_size: u64,
}

impl Part {
    fn commit_pending_line(&mut self) {
        let i = match self.pending.take() {
            Some(i) => i,
            None => return,
        };
        let line = if self.folded {
            let (name, value) = &self.headers[i];
            let mut line = name.clone();
            line.extend_from_slice(b": ");
            line.extend_from_slice(value);
            line
        } else {
            self.raw_lines.get(i).cloned().unwrap_or_default()
        };
        self.lines.push(line);
    }
}

impl Parser {
    /// `Multipart::process_part_header`. Its failures return 0, which the
    /// caller (testing `< 0`) ignores: the message stays, parsing goes on.
    pub(super) fn part_header(&mut self, line: &[u8]) {
        if memchr(0, line).is_some() {
            self.error = Some(message("Multipart: Nul byte in part headers.", b""));
            return;
        }
        if line.len() > 1 && line[line.len() - 2] == b'\r' {
            self.flags.crlf_line = true;
        } else {
            self.flags.lf_line = true;
        }
        let part = match self.part.as_mut() {
            Some(part) => part,
            None => return,
        };
        let continues = line != b"\r\n" && line != b"\n" && is_c_space(line[0]);
        if !continues {
            part.commit_pending_line();
        }
        if line == b"\r\n" || line == b"\n" {
            let value = match part
                .headers
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(b"Content-Disposition"))
            {
                Some((_, v)) => v.clone(),
                None => {
                    self.error = Some(message(
                        "Multipart: Part missing Content-Disposition header.",
                        b"",
                    ));
                    return;
                }
            };
            let rc = parse_content_disposition(&value, part, &mut self.flags);
            if rc < 0 {
                let prefix = format!("Multipart: Invalid Content-Disposition header ({}): ", rc);
                self.error = Some(message(&prefix, &value));
                return;
            }
            if part.name.is_empty() {
                self.error = Some(message(
                    "Multipart: Content-Disposition header missing name field.",
                    b"",
                ));
                return;
            }
            if !part.filename.is_empty() {
                if memmem::find(&value, b"filename=").is_none() {
                    self.error = Some(message(
                        "Multipart: Invalid Content-Disposition header (filename).",
                        b"",
                    ));
                    return;
                }
                part.is_file = true;
            } else {
                part.is_file = false;
            }
            self.in_data = true;
            part.last_header = None;
        } else if is_c_space(line[0]) {
            self.flags.header_folding = true;
            let last = match part.last_header {
                Some(last) => last,
                None => {
                    if line[0] != b'\t' && line[0] != b' ' {
                        self.flags.invalid_header_folding = true;
                    }
                    self.error = Some(message(
                        "Multipart: Invalid part header (folding error).",
                        b"",
                    ));
                    return;
                }
            };
            let skip = line.iter().take_while(|&&b| is_c_space(b)).count();
            if line[..skip].iter().any(|&b| b != b'\t' && b != b' ') {
                self.flags.invalid_header_folding = true;
            }
            let (_, value) = &mut part.headers[last];
            value.push(b' ');
            value.extend_from_slice(chomp(&line[skip..]));
            // The folded header is recorded (again) at the next line.
            part.pending = Some(last);
            part.folded = true;
            if value.len() > BUF_SIZE {
                self.error = Some(message("Multipart: Part header too long.", b""));
            }
        } else {
            let colon = match memchr(b':', line) {
                Some(colon) => colon,
                None => {
                    self.error = Some(message(
                        "Multipart: Invalid part header (colon missing): ",
                        line,
                    ));
                    return;
                }
            };
            if colon == 0 {
                self.error = Some(message(
                    "Multipart: Invalid part header (header name missing).",
                    b"",
                ));
                return;
            }
            let name = &line[..colon];
            if name.iter().any(|&b| !(0x21..=0x7E).contains(&b)) {
                self.error = Some(message(
                    "Multipart: Invalid part header (contains invalid character).",
                    b"",
                ));
                return;
            }
            let skip = line[colon + 1..]
                .iter()
                .take_while(|&&b| b == b' ' || b == b'\t')
                .count();
            let value = chomp(&line[colon + 1 + skip..]);
            // A duplicate header is dropped without an error message.
            if part
                .headers
                .iter()
                .any(|(n, _)| n.eq_ignore_ascii_case(name))
            {
                return;
            }
            part.last_header = Some(part.headers.len());
            part.pending = Some(part.headers.len());
            part.folded = false;
            part.headers.push((name.to_vec(), value.to_vec()));
            let raw = line.strip_suffix(b"\n").unwrap_or(line);
            part.raw_lines
                .push(raw.strip_suffix(b"\r").unwrap_or(raw).to_vec());
        }
    }

    /// `Multipart::process_part_data`: the line ending is held back (a
    /// boundary may follow) and then, for fields, lost.
    pub(super) fn part_data(&mut self, line: &[u8]) {
        self.data_read = true;
        let held = if line.ends_with(b"\r\n") {
            2
        } else if line.ends_with(b"\n") {
            1
        } else {
            0
        };
        let data = &line[..line.len() - held];
        if let Some(part) = self.part.as_mut() {
            if part.is_file {
                part.file_size += (data.len() + self.reserve) as u64;
            } else {
                part.value.extend_from_slice(data);
            }
        }
        self.reserve = held;
    }
}

/// `utils::string::chomp`: trailing `\r`/`\n` removed, unless that is all
/// there is.
fn chomp(s: &[u8]) -> &[u8] {
    match s.iter().rposition(|&b| b != b'\r' && b != b'\n') {
        Some(last) => &s[..=last],
        None => s,
    }
}
