//! XML bodies into the `XML` collection, the way ModSecurity's libxml2 tree
//! answers the CRS's two XPaths:
//! - `XML:/*`: one member, the text of the root element (every text and
//!   CDATA node below it, entities expanded, comments and PIs left out, line
//!   endings in text (not in CDATA) normalised to `\n`); no member when
//!   there is no root;
//! - `XML://@*`: one member per attribute value in document order
//!   (whitespace normalised to spaces, entities expanded), namespace
//!   declarations (`xmlns`, `xmlns:p`) excluded.
//!
//! A hand-written tokenizer that stops where libxml2's push parser stops: at
//! the first well-formedness error, keeping what libxml2 had already handed
//! to its tree by then (`REQBODY_ERROR` is set). That is what the fiddly
//! parts below reproduce: text is delivered when markup follows it, at the
//! end of input only if at least two bytes remain, and before an invalid
//! byte only as far as libxml2's ASCII fast path (or its 300-byte buffer)
//! got; an element whose start tag is cut short by the end of input or a
//! control character still exists.
//!
//! Never any I/O: an external entity expands to nothing (and is an error in
//! an attribute, as in libxml2). Internal entities declared in the DTD expand,
//! their markup included, all or nothing as libxml2 parses them, with loop
//! detection, a nesting limit and an expansion budget ([`Limit::XmlEntities`]).
//! Elements nest at most 257 deep (libxml2's limit). Input in UTF-8, UTF-16
//! (with a byte-order mark), ISO-8859-1 or windows-1252; any other declared
//! encoding is refused (libxml2 would convert it with iconv).

use memchr::{memchr2, memmem};

use self::dtd::{doctype, Entities};
use self::input::{decode, first_invalid, Stop};
use self::syntax::{
    comment, find_after, is_name_start, is_space, name_end_at, pi, push_char, qname_end_at,
    reference, skip_space, Reference,
};
use self::text::{delivered_before_error, push_normalized};
use super::body::set_error;
use super::{decode_into, Entry, Limit, Text, Vars};

mod dtd;
mod input;
mod syntax;
mod tag;
mod text;

/// libxml2's `xmlParserMaxDepth` (256) lets 257 levels through.
const MAX_DEPTH: usize = 257;
/// Entities expanding entities, at most this deep.
const MAX_ENTITY_NESTING: usize = 40;
pub(super) fn process(vars: &mut Vars<'_>) {
    let out = parse(vars.body);
    if let Some(text) = out.root_text {
        let text = decode_into(&mut vars.decoded, |o| o.extend_from_slice(&text));
        vars.xml.push(Entry::new(Text::Raw(b"/*"), text));
    }
    for value in out.attributes {
        let value = decode_into(&mut vars.decoded, |o| o.extend_from_slice(&value));
        vars.xml.push(Entry::new(Text::Raw(b"//@*"), value));
    }
    if let Some(limit) = out.limit {
        vars.hit(limit);
    }
    let message = if out.failed {
        Some(b"XML parsing error: XML: Failed to parse document.".to_vec())
    } else {
        None
    };
    set_error(vars, message);
}

#[derive(Debug, Default)]
struct Out {
    root_text: Option<Vec<u8>>,
    attributes: Vec<Vec<u8>>,
    failed: bool,
    limit: Option<Limit>,
}

/// A well-formedness error (or a budget): parsing stops.
#[derive(Debug)]
struct Fail;

fn parse(body: &[u8]) -> Out {
    let mut out = Out::default();
    let doc = match decode(body) {
        Some(doc) => doc,
        None => {
            out.failed = true;
            return out;
        }
    };
    let (end, stop) = first_invalid(&doc);
    let mut parser = Parser {
        doc: &doc,
        end,
        stop,
        pos: 0,
        frames: Vec::new(),
        entity_text_start: None,
        names: Vec::new(),
        name_starts: Vec::new(),
        expanded: 0,
        budget: (1 << 20) + 8 * doc.len(),
        out,
    };
    let mut entities = Entities::default();
    if parser.document(&mut entities).is_err() {
        parser.out.failed = true;
        // An entity's content reaches the tree only once all of it parsed.
        if let (Some(start), Some(text)) = (parser.entity_text_start, parser.out.root_text.as_mut())
        {
            text.truncate(start);
        }
    }
    parser.out
}

/// An entity being expanded in content.
struct Frame {
    entity: usize,
    pos: usize,
    /// Open elements when it started: it must end with as many.
    depth: usize,
}

struct Parser<'d> {
    doc: &'d [u8],
    /// `doc[..end]` is parsed; `stop` says what is at `end`.
    end: usize,
    stop: Stop,
    pos: usize,
    frames: Vec<Frame>,
    /// Root text length when the outermost entity expansion began.
    entity_text_start: Option<usize>,
    /// The open elements' names, concatenated.
    names: Vec<u8>,
    name_starts: Vec<usize>,
    expanded: usize,
    budget: usize,
    out: Out,
}

impl<'d> Parser<'d> {
    fn document(&mut self, entities: &mut Entities) -> Result<(), Fail> {
        let doc = self.doc;
        if doc[..self.end].starts_with(b"<?xml") && doc.get(5).map_or(false, |&b| is_space(b)) {
            // `decode` has checked it.
            self.pos = find_after(doc, 5, self.end, b"?>")?;
        }
        let mut doctype_seen = false;
        loop {
            self.pos = skip_space(doc, self.pos, self.end);
            if doc[self.pos..self.end].starts_with(b"<!DOCTYPE") {
                if doctype_seen {
                    return Err(Fail);
                }
                doctype_seen = true;
                self.pos = doctype(doc, self.pos + 9, self.end, entities)?;
            } else if self.misc()? {
                continue;
            } else if self.pos < self.end
                && doc[self.pos] == b'<'
                && doc.get(self.pos + 1).map_or(false, |&b| is_name_start(b))
            {
                break;
            } else {
                return Err(Fail);
            }
        }
        let (pos, open) = self.start_tag(doc, self.pos, self.end, true, entities)?;
        self.pos = pos;
        if open {
            self.content(entities)?;
        }
        loop {
            self.pos = skip_space(doc, self.pos, self.end);
            if self.pos >= self.end {
                return if self.stop == Stop::End {
                    Ok(())
                } else {
                    Err(Fail)
                };
            }
            if !self.misc()? {
                return Err(Fail);
            }
        }
    }

    /// A comment or PI outside the root; false when there is none at `pos`.
    fn misc(&mut self) -> Result<bool, Fail> {
        let (doc, end) = (self.doc, self.end);
        if doc[self.pos..end].starts_with(b"<!--") {
            self.pos = comment(doc, self.pos, end)?;
            Ok(true)
        } else if doc[self.pos..end].starts_with(b"<?") {
            self.pos = pi(doc, self.pos, end)?;
            Ok(true)
        } else {
            Ok(false)
        }
    }

    /// Everything inside the root element, up to its end tag.
    fn content(&mut self, entities: &Entities) -> Result<(), Fail> {
        loop {
            let (src, pos, end, in_doc): (&[u8], usize, usize, bool) = match self.frames.last() {
                Some(f) => {
                    let value = entities.value(f.entity);
                    (value, f.pos, value.len(), false)
                }
                None => (self.doc, self.pos, self.end, true),
            };
            if pos >= end {
                if in_doc {
                    return Err(Fail);
                }
                let frame = self.frames.pop().ok_or(Fail)?;
                if self.name_starts.len() != frame.depth {
                    return Err(Fail);
                }
                if self.frames.is_empty() {
                    self.entity_text_start = None;
                }
                continue;
            }
            let next = match src[pos] {
                b'<' => {
                    let (next, root_closed) = self.markup(src, pos, end, in_doc, entities)?;
                    if root_closed {
                        self.pos = next;
                        return Ok(());
                    }
                    next
                }
                b'&' => match self.reference_in_content(src, pos, end, entities)? {
                    Some(next) => next,
                    None => continue,
                },
                _ => self.text(src, pos, end, in_doc)?,
            };
            match self.frames.last_mut() {
                Some(f) => f.pos = next,
                None => self.pos = next,
            }
        }
    }

    /// A run of character data.
    fn text(&mut self, src: &[u8], pos: usize, end: usize, in_doc: bool) -> Result<usize, Fail> {
        let stop = memchr2(b'<', b'&', &src[pos..end]).map_or(end, |i| pos + i);
        let run = &src[pos..stop];
        if let Some(at) = memmem::find(run, b"]]>") {
            let delivered = delivered_before_error(run, at);
            self.append_text(&run[..delivered], in_doc);
            return Err(Fail);
        }
        if stop == end && in_doc {
            let delivered = match self.stop {
                // libxml2 leaves a last single byte alone at the end.
                Stop::End if run.len() >= 2 => run.len(),
                Stop::End => 0,
                Stop::Control | Stop::NonChar | Stop::BadUtf8AtEnd => run.len(),
                Stop::Nul | Stop::BadUtf8 => delivered_before_error(run, run.len()),
            };
            self.append_text(&run[..delivered], in_doc);
            return Err(Fail);
        }
        self.append_text(run, in_doc);
        Ok(stop)
    }

    fn append_text(&mut self, text: &[u8], in_doc: bool) {
        if let Some(root) = self.out.root_text.as_mut() {
            push_normalized(root, text, in_doc);
        }
    }

    /// libxml2's `xmlNodeGetContent` on an entity reference takes the content
    /// of each top-level node of the entity, comments and PIs included.
    fn entity_top_level_text(&mut self, text: &[u8]) {
        if self
            .frames
            .last()
            .map_or(false, |f| f.depth == self.name_starts.len())
        {
            self.append_text(text, false);
        }
    }

    /// Markup at `src[pos] == '<'`. Returns where it ends and whether it
    /// closed the root element.
    fn markup(
        &mut self,
        src: &[u8],
        pos: usize,
        end: usize,
        in_doc: bool,
        entities: &Entities,
    ) -> Result<(usize, bool), Fail> {
        let rest = &src[pos..end];
        if rest.starts_with(b"</") {
            let name_end = qname_end_at(src, pos + 2, end).ok_or(Fail)?;
            let after = skip_space(src, name_end, end);
            if after >= end || src[after] != b'>' {
                return Err(Fail);
            }
            let opened_outside = self.frames.last().map_or(0, |f| f.depth);
            let top = *self.name_starts.last().ok_or(Fail)?;
            if self.name_starts.len() <= opened_outside
                || self.names[top..] != src[pos + 2..name_end]
            {
                return Err(Fail);
            }
            self.names.truncate(top);
            self.name_starts.pop();
            return Ok((after + 1, self.name_starts.is_empty()));
        }
        if rest.starts_with(b"<!--") {
            let next = comment(src, pos, end)?;
            self.entity_top_level_text(&src[pos + 4..next - 3]);
            return Ok((next, false));
        }
        if rest.starts_with(b"<![CDATA[") {
            let start = pos + 9;
            let close = memmem::find(&src[start..end], b"]]>").ok_or(Fail)? + start;
            // The push parser hands CDATA over raw: no line-end normalisation.
            self.append_text(&src[start..close], false);
            return Ok((close + 3, false));
        }
        if rest.starts_with(b"<?") {
            let next = pi(src, pos, end)?;
            let target_end = name_end_at(src, pos + 2, end).unwrap_or(pos + 2);
            let data = skip_space(src, target_end, next - 2);
            self.entity_top_level_text(&src[data..next - 2]);
            return Ok((next, false));
        }
        if src.get(pos + 1).map_or(false, |&b| is_name_start(b)) {
            let (next, _) = self.start_tag(src, pos, end, in_doc, entities)?;
            return Ok((next, false));
        }
        Err(Fail)
    }

    /// `&...;` in content: a character appended, or an entity whose
    /// replacement text is parsed next (`None`: positions already moved).
    fn reference_in_content(
        &mut self,
        src: &[u8],
        pos: usize,
        end: usize,
        entities: &Entities,
    ) -> Result<Option<usize>, Fail> {
        let (reference, next) = reference(src, pos, end, entities)?;
        match reference {
            Reference::Char(c) => {
                if let Some(root) = self.out.root_text.as_mut() {
                    push_char(root, c);
                }
            }
            Reference::Predefined(b) => {
                if let Some(root) = self.out.root_text.as_mut() {
                    root.push(b);
                }
            }
            Reference::Internal(i) => {
                if self.frames.iter().any(|f| f.entity == i) {
                    return Err(Fail);
                }
                self.enter(entities.value(i).len(), self.frames.len())?;
                match self.frames.last_mut() {
                    Some(f) => f.pos = next,
                    None => {
                        self.pos = next;
                        self.entity_text_start = self.out.root_text.as_ref().map(Vec::len);
                    }
                }
                self.frames.push(Frame {
                    entity: i,
                    pos: 0,
                    depth: self.name_starts.len(),
                });
                return Ok(None);
            }
            Reference::External => {}
            Reference::Undeclared if entities.external_subset => {}
            Reference::Undeclared => return Err(Fail),
        }
        Ok(Some(next))
    }
}
