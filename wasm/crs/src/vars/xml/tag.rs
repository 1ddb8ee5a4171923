//! Start tags: the element name, its attributes (normalised, references
//! expanded), and when libxml2 still creates an element whose tag is cut
//! short.

use super::dtd::Entities;
use super::input::Stop;
use super::syntax::{
    has_duplicates, is_name_start, push_char, qname_end_at, reference, skip_space, Reference,
};
use super::{Fail, Parser, MAX_DEPTH, MAX_ENTITY_NESTING};
use crate::vars::Limit;

impl<'d> Parser<'d> {
    /// `<name attr="value" ...>` or `.../>`. Returns where it ends and
    /// whether the element stays open.
    pub(super) fn start_tag(
        &mut self,
        src: &[u8],
        pos: usize,
        end: usize,
        in_doc: bool,
        entities: &Entities,
    ) -> Result<(usize, bool), Fail> {
        let name_end = qname_end_at(src, pos + 1, end).ok_or(Fail)?;
        let mut names: Vec<&[u8]> = Vec::new();
        let mut values: Vec<Vec<u8>> = Vec::new();
        let mut p = skip_space(src, name_end, end);
        let open = loop {
            if p >= end {
                // libxml2 stops reading attributes at a byte that cannot
                // start one (the end, a control character) and still creates
                // the element, then reports the unfinished tag; a NUL right
                // after the name is an error in the name itself.
                let stops_attributes = match self.stop {
                    Stop::End | Stop::Control => true,
                    Stop::Nul => p != name_end,
                    Stop::NonChar | Stop::BadUtf8 | Stop::BadUtf8AtEnd => false,
                };
                if in_doc && stops_attributes {
                    self.element(src, pos, name_end, &names, values, false)?;
                }
                return Err(Fail);
            }
            if src[p] == b'>' {
                p += 1;
                break true;
            }
            if src[p..end].starts_with(b"/>") {
                p += 2;
                break false;
            }
            if p == name_end {
                return Err(Fail);
            }
            let attr_end = qname_end_at(src, p, end).ok_or(Fail)?;
            let name = &src[p..attr_end];
            let mut q = skip_space(src, attr_end, end);
            if q >= end || src[q] != b'=' {
                return Err(Fail);
            }
            q = skip_space(src, q + 1, end);
            if q >= end || (src[q] != b'"' && src[q] != b'\'') {
                return Err(Fail);
            }
            let (value, after) = self.attribute_value(src, q + 1, end, src[q], in_doc, entities)?;
            names.push(name);
            values.push(value);
            if has_duplicates(&names) {
                return Err(Fail);
            }
            let next = skip_space(src, after, end);
            if next == after
                && (next >= end || (src[next] != b'>' && !src[next..end].starts_with(b"/>")))
            {
                // "attributes construct error": no space between attributes.
                return Err(Fail);
            }
            p = next;
        };
        self.element(src, pos, name_end, &names, values, open)?;
        Ok((p, open))
    }

    /// An element whose start tag was read: the root's text begins, its
    /// attributes are published (not those of elements inside entities,
    /// which libxml2's XPath does not reach), and it is opened.
    fn element(
        &mut self,
        src: &[u8],
        pos: usize,
        name_end: usize,
        names: &[&[u8]],
        values: Vec<Vec<u8>>,
        open: bool,
    ) -> Result<(), Fail> {
        if self.name_starts.len() >= MAX_DEPTH {
            self.out.limit = Some(Limit::XmlDepth);
            return Err(Fail);
        }
        if self.out.root_text.is_none() {
            self.out.root_text = Some(Vec::new());
        }
        if self.frames.is_empty() {
            for (name, value) in names.iter().zip(values) {
                // `xmlns` or `xmlns:` + a prefix (an NCName): a namespace
                // declaration, not an attribute.
                let prefix = name.strip_prefix(b"xmlns:").and_then(|p| p.first());
                let namespace =
                    *name == b"xmlns" || prefix.map_or(false, |&b| b != b':' && is_name_start(b));
                if !namespace {
                    self.out.attributes.push(value);
                }
            }
        }
        if open {
            self.name_starts.push(self.names.len());
            self.names.extend_from_slice(&src[pos + 1..name_end]);
        }
        Ok(())
    }

    /// An attribute value after its opening quote, normalised and with its
    /// references expanded. Returns it and where the closing quote ends.
    fn attribute_value(
        &mut self,
        src: &[u8],
        mut p: usize,
        end: usize,
        quote: u8,
        in_doc: bool,
        entities: &Entities,
    ) -> Result<(Vec<u8>, usize), Fail> {
        let mut value = Vec::new();
        loop {
            if p >= end {
                return Err(Fail);
            }
            match src[p] {
                c if c == quote => return Ok((value, p + 1)),
                b'<' => return Err(Fail),
                b'&' => {
                    let (reference, next) = reference(src, p, end, entities)?;
                    p = next;
                    match reference {
                        Reference::Char(c) => push_char(&mut value, c),
                        Reference::Predefined(b) => value.push(b),
                        Reference::Internal(i) => {
                            self.expand_in_attribute(i, &mut value, entities)?
                        }
                        Reference::External => return Err(Fail),
                        Reference::Undeclared if entities.external_subset => {}
                        Reference::Undeclared => return Err(Fail),
                    }
                }
                b'\r' if in_doc => {
                    value.push(b' ');
                    p += if src.get(p + 1) == Some(&b'\n') { 2 } else { 1 };
                }
                b'\t' | b'\n' | b'\r' => {
                    value.push(b' ');
                    p += 1;
                }
                c => {
                    value.push(c);
                    p += 1;
                }
            }
        }
    }

    /// An internal entity's replacement text inside an attribute value: no
    /// `<`, nested references expanded (iteratively).
    fn expand_in_attribute(
        &mut self,
        entity: usize,
        value: &mut Vec<u8>,
        entities: &Entities,
    ) -> Result<(), Fail> {
        let mut stack: Vec<(usize, usize)> = Vec::new();
        self.enter(entities.value(entity).len(), 0)?;
        stack.push((entity, 0));
        while let Some(&mut (current, ref mut pos)) = stack.last_mut() {
            let text = entities.value(current);
            if *pos >= text.len() {
                stack.pop();
                continue;
            }
            match text[*pos] {
                b'<' => return Err(Fail),
                b'&' => {
                    let (reference, next) = reference(text, *pos, text.len(), entities)?;
                    *pos = next;
                    match reference {
                        Reference::Char(c) => push_char(value, c),
                        Reference::Predefined(b) => value.push(b),
                        Reference::Internal(i) => {
                            if stack.iter().any(|&(e, _)| e == i) {
                                return Err(Fail);
                            }
                            self.enter(entities.value(i).len(), stack.len())?;
                            stack.push((i, 0));
                        }
                        Reference::External => return Err(Fail),
                        Reference::Undeclared if entities.external_subset => {}
                        Reference::Undeclared => return Err(Fail),
                    }
                }
                b'\t' | b'\n' | b'\r' => {
                    value.push(b' ');
                    *pos += 1;
                }
                c => {
                    value.push(c);
                    *pos += 1;
                }
            }
        }
        Ok(())
    }

    /// Checks nesting and spends the expansion budget on `len` more bytes.
    pub(super) fn enter(&mut self, len: usize, nesting: usize) -> Result<(), Fail> {
        if nesting >= MAX_ENTITY_NESTING {
            return Err(Fail);
        }
        self.expanded += len;
        if self.expanded > self.budget {
            self.out.limit = Some(Limit::XmlEntities);
            return Err(Fail);
        }
        Ok(())
    }
}
