//! The document type declaration: entity declarations kept for expansion
//! (internal ones; external ones are remembered as never to be loaded), the
//! other markup declarations checked for syntax and skipped.

use memchr::memchr;

use super::syntax::{
    comment, is_name_char, is_name_start, is_space, name_end_at, pi, push_char, quoted, reference,
    skip_space, Reference,
};
use super::Fail;

/// Entities the DTD's internal subset declares (the first declaration of a
/// name wins).
#[derive(Debug, Default)]
pub(super) struct Entities {
    names: Vec<Vec<u8>>,
    /// `None`: external (never loaded).
    pub(super) values: Vec<Option<Vec<u8>>>,
    /// The DTD has an external subset: undeclared entities are not errors.
    pub(super) external_subset: bool,
}

impl Entities {
    pub(super) fn find(&self, name: &[u8]) -> Option<usize> {
        self.names.iter().position(|n| n == name)
    }

    pub(super) fn value(&self, i: usize) -> &[u8] {
        self.values.get(i).and_then(|v| v.as_deref()).unwrap_or(b"")
    }
}

/// The rest of `<!DOCTYPE` from `p`: name, external ID, internal subset.
/// Returns the position after its `>`.
pub(super) fn doctype(
    src: &[u8],
    p: usize,
    end: usize,
    entities: &mut Entities,
) -> Result<usize, Fail> {
    // libxml2 only warns when the space after `<!DOCTYPE` is missing.
    let start = skip_space(src, p, end);
    let mut p = name_end_at(src, start, end).ok_or(Fail)?;
    p = skip_space(src, p, end);
    if let Some(after) = external_id(src, p, end)? {
        entities.external_subset = true;
        p = skip_space(src, after, end);
    }
    if p < end && src[p] == b'[' {
        p = internal_subset(src, p + 1, end, entities)?;
        p = skip_space(src, p, end);
    }
    if p < end && src[p] == b'>' {
        Ok(p + 1)
    } else {
        Err(Fail)
    }
}

/// `SYSTEM "..."` or `PUBLIC "..." "..."` at `p`, if there is one.
pub(super) fn external_id(src: &[u8], p: usize, end: usize) -> Result<Option<usize>, Fail> {
    let rest = &src[p..end];
    let literals = if rest.starts_with(b"SYSTEM") {
        1
    } else if rest.starts_with(b"PUBLIC") {
        2
    } else {
        return Ok(None);
    };
    let mut q = p + 6;
    for _ in 0..literals {
        let after_space = skip_space(src, q, end);
        if after_space == q {
            return Err(Fail);
        }
        q = quoted(src, after_space, end)?.2;
    }
    Ok(Some(q))
}

/// Declarations up to `]`; returns the position after it.
pub(super) fn internal_subset(
    src: &[u8],
    mut p: usize,
    end: usize,
    entities: &mut Entities,
) -> Result<usize, Fail> {
    loop {
        p = skip_space(src, p, end);
        if p >= end {
            return Err(Fail);
        }
        let rest = &src[p..end];
        if rest[0] == b']' {
            return Ok(p + 1);
        } else if rest.starts_with(b"<!ENTITY") {
            p = entity_declaration(src, p + 8, end, entities)?;
        } else if rest.starts_with(b"<!ATTLIST") {
            p = attlist_declaration(src, p + 9, end)?;
        } else if rest.starts_with(b"<!ELEMENT") {
            p = element_declaration(src, p + 9, end)?;
        } else if rest.starts_with(b"<!NOTATION") {
            p = declaration_end(src, p + 10, end)?;
        } else if rest.starts_with(b"<!--") {
            p = comment(src, p, end)?;
        } else if rest.starts_with(b"<?") {
            p = pi(src, p, end)?;
        } else if rest[0] == b'%' {
            let name_end = name_end_at(src, p + 1, end).ok_or(Fail)?;
            if name_end >= end || src[name_end] != b';' {
                return Err(Fail);
            }
            p = name_end + 1;
        } else {
            return Err(Fail);
        }
    }
}

/// Past the `>` ending a markup declaration, skipping quoted literals.
pub(super) fn declaration_end(src: &[u8], mut p: usize, end: usize) -> Result<usize, Fail> {
    while p < end {
        match src[p] {
            b'>' => return Ok(p + 1),
            b'"' | b'\'' => p = quoted(src, p, end)?.2,
            _ => p += 1,
        }
    }
    Err(Fail)
}

/// At least one space at `p`; the position after the spaces.
pub(super) fn required_space(src: &[u8], p: usize, end: usize) -> Result<usize, Fail> {
    let q = skip_space(src, p, end);
    if q == p {
        Err(Fail)
    } else {
        Ok(q)
    }
}

/// `S? >` at `p`; the position after it.
pub(super) fn close_declaration(src: &[u8], p: usize, end: usize) -> Result<usize, Fail> {
    let q = skip_space(src, p, end);
    if q < end && src[q] == b'>' {
        Ok(q + 1)
    } else {
        Err(Fail)
    }
}

pub(super) fn starts_with_word(src: &[u8], p: usize, end: usize, word: &[u8]) -> bool {
    src[p.min(end)..end].starts_with(word)
        && src.get(p + word.len()).map_or(true, |&b| !is_name_char(b))
}

/// `( name | name ... )` at `p` (Nmtokens when `tokens`).
pub(super) fn name_group(src: &[u8], p: usize, end: usize, tokens: bool) -> Result<usize, Fail> {
    if p >= end || src[p] != b'(' {
        return Err(Fail);
    }
    let mut q = p + 1;
    loop {
        q = skip_space(src, q, end);
        let start = q;
        while q < end && (is_name_char(src[q]) && (tokens || q > start || is_name_start(src[q]))) {
            q += 1;
        }
        if q == start {
            return Err(Fail);
        }
        q = skip_space(src, q, end);
        match src.get(q).filter(|_| q < end) {
            Some(b'|') => q += 1,
            Some(b')') => return Ok(q + 1),
            _ => return Err(Fail),
        }
    }
}

/// `<!ATTLIST name (S name S type S default)* S? >` from after `<!ATTLIST`.
pub(super) fn attlist_declaration(src: &[u8], p: usize, end: usize) -> Result<usize, Fail> {
    let p = required_space(src, p, end)?;
    let mut p = name_end_at(src, p, end).ok_or(Fail)?;
    loop {
        let q = skip_space(src, p, end);
        if q < end && src[q] == b'>' {
            return Ok(q + 1);
        }
        if q == p {
            return Err(Fail);
        }
        let q = name_end_at(src, q, end).ok_or(Fail)?;
        let q = required_space(src, q, end)?;
        let types: [&[u8]; 8] = [
            b"CDATA",
            b"IDREFS",
            b"IDREF",
            b"ID",
            b"ENTITIES",
            b"ENTITY",
            b"NMTOKENS",
            b"NMTOKEN",
        ];
        let q = if let Some(t) = types.iter().find(|t| starts_with_word(src, q, end, t)) {
            q + t.len()
        } else if starts_with_word(src, q, end, b"NOTATION") {
            let r = required_space(src, q + 8, end)?;
            name_group(src, r, end, false)?
        } else {
            name_group(src, q, end, true)?
        };
        let q = required_space(src, q, end)?;
        p = if starts_with_word(src, q, end, b"#REQUIRED") {
            q + 9
        } else if starts_with_word(src, q, end, b"#IMPLIED") {
            q + 8
        } else {
            let q = if starts_with_word(src, q, end, b"#FIXED") {
                required_space(src, q + 6, end)?
            } else {
                q
            };
            let (start, close, after) = quoted(src, q, end)?;
            if memchr(b'<', &src[start..close]).is_some() {
                return Err(Fail);
            }
            after
        };
    }
}

/// `<!ELEMENT name S (EMPTY | ANY | (...)[?*+]) S? >` from after `<!ELEMENT`.
pub(super) fn element_declaration(src: &[u8], p: usize, end: usize) -> Result<usize, Fail> {
    let p = required_space(src, p, end)?;
    let p = name_end_at(src, p, end).ok_or(Fail)?;
    let p = required_space(src, p, end)?;
    let p = if starts_with_word(src, p, end, b"EMPTY") {
        p + 5
    } else if starts_with_word(src, p, end, b"ANY") {
        p + 3
    } else {
        // A content model: balanced parentheses over names, `#PCDATA`,
        // separators and occurrence marks.
        if p >= end || src[p] != b'(' {
            return Err(Fail);
        }
        let mut depth = 0usize;
        let mut q = p;
        loop {
            if q >= end {
                return Err(Fail);
            }
            match src[q] {
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        q += 1;
                        break;
                    }
                }
                b'|' | b',' | b'?' | b'*' | b'+' | b'#' => {}
                b if is_space(b) || is_name_char(b) => {}
                _ => return Err(Fail),
            }
            q += 1;
        }
        if q < end && matches!(src[q], b'?' | b'*' | b'+') {
            q + 1
        } else {
            q
        }
    };
    close_declaration(src, p, end)
}

/// `<!ENTITY [%] name "value">` or `<!ENTITY name SYSTEM "..." [NDATA n]>`
/// from after `<!ENTITY`.
pub(super) fn entity_declaration(
    src: &[u8],
    p: usize,
    end: usize,
    entities: &mut Entities,
) -> Result<usize, Fail> {
    let mut q = required_space(src, p, end)?;
    let parameter = q < end && src[q] == b'%';
    if parameter {
        q = required_space(src, q + 1, end)?;
    }
    let name_end = name_end_at(src, q, end).ok_or(Fail)?;
    let name = &src[q..name_end];
    let after_name = required_space(src, name_end, end)?;
    let (value, mut after) = match external_id(src, after_name, end)? {
        Some(after) => (None, after),
        None => {
            let (start, close, after) = quoted(src, after_name, end)?;
            (Some(entity_value(&src[start..close])?), after)
        }
    };
    if value.is_none() && !parameter {
        let r = skip_space(src, after, end);
        if r > after && starts_with_word(src, r, end, b"NDATA") {
            let r = required_space(src, r + 5, end)?;
            after = name_end_at(src, r, end).ok_or(Fail)?;
        }
    }
    let close = close_declaration(src, after, end)?;
    let predefined = matches!(name, b"lt" | b"gt" | b"amp" | b"apos" | b"quot");
    if !parameter && !predefined && entities.find(name).is_none() {
        entities.names.push(name.to_vec());
        entities.values.push(value);
    }
    Ok(close)
}

/// An entity value literal: character references replaced now, general
/// entity references kept for expansion at use, parameter references
/// refused (not allowed in the internal subset).
pub(super) fn entity_value(literal: &[u8]) -> Result<Vec<u8>, Fail> {
    let mut value = Vec::with_capacity(literal.len());
    let mut p = 0;
    let none = Entities::default();
    while p < literal.len() {
        match literal[p] {
            b'%' => return Err(Fail),
            b'&' if literal.get(p + 1) == Some(&b'#') => {
                let (reference, next) = reference(literal, p, literal.len(), &none)?;
                if let Reference::Char(c) = reference {
                    push_char(&mut value, c);
                }
                p = next;
            }
            b'&' => {
                let name_end = name_end_at(literal, p + 1, literal.len()).ok_or(Fail)?;
                if literal.get(name_end) != Some(&b';') {
                    return Err(Fail);
                }
                value.extend_from_slice(&literal[p..=name_end]);
                p = name_end + 1;
            }
            b'\r' => {
                value.push(b'\n');
                p += if literal.get(p + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                };
            }
            c => {
                value.push(c);
                p += 1;
            }
        }
    }
    Ok(value)
}
