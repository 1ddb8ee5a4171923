//! yajl's lexer: tokens, the escapes it accepts and how it decodes them,
//! its lax UTF-8 check.

use super::{lexical, Error};
use crate::vars::{decode_into, Text};

#[derive(Debug)]
pub(super) enum Token<'a> {
    LeftBrace,
    RightBrace,
    LeftBracket,
    RightBracket,
    Colon,
    Comma,
    Str(Text<'a>),
    Scalar(&'a [u8]),
    Eof,
}

/// yajl's lexer over the body followed by one space.
pub(super) struct Lexer<'a> {
    s: &'a [u8],
    pos: usize,
}

impl<'a> Lexer<'a> {
    pub(super) fn new(s: &'a [u8]) -> Lexer<'a> {
        Lexer { s, pos: 0 }
    }

    /// The byte at `i` of the body-plus-space, `None` past it.
    fn at(&self, i: usize) -> Option<u8> {
        match self.s.get(i) {
            Some(&b) => Some(b),
            None if i == self.s.len() => Some(b' '),
            None => None,
        }
    }

    fn read(&mut self) -> Result<u8, Error> {
        let b = self.at(self.pos).ok_or_else(premature_eof)?;
        self.pos += 1;
        Ok(b)
    }

    pub(super) fn next(&mut self, decoded: &mut Vec<u8>) -> Result<Token<'a>, Error> {
        loop {
            let c = match self.at(self.pos) {
                Some(c) => c,
                None => return Ok(Token::Eof),
            };
            let start = self.pos;
            self.pos += 1;
            return Ok(match c {
                b'{' => Token::LeftBrace,
                b'}' => Token::RightBrace,
                b'[' => Token::LeftBracket,
                b']' => Token::RightBracket,
                b':' => Token::Colon,
                b',' => Token::Comma,
                b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ' => continue,
                b't' => self.literal(start, b"rue")?,
                b'f' => self.literal(start, b"alse")?,
                b'n' => {
                    self.literal(start, b"ull")?;
                    Token::Scalar(b"")
                }
                b'"' => self.string(decoded)?,
                b'-' | b'0'..=b'9' => self.number(start)?,
                b'/' => {
                    return Err(lexical(
                        "lexical error: probable comment found in input text, comments are not enabled.",
                    ))
                }
                _ => return Err(lexical("lexical error: invalid char in json text.")),
            });
        }
    }

    fn literal(&mut self, start: usize, rest: &[u8]) -> Result<Token<'a>, Error> {
        for &want in rest {
            if self.read()? != want {
                return Err(lexical("lexical error: invalid string in json text."));
            }
        }
        Ok(Token::Scalar(&self.s[start..self.pos]))
    }

    fn number(&mut self, start: usize) -> Result<Token<'a>, Error> {
        let mut c = self.s[start];
        if c == b'-' {
            c = self.read()?;
        }
        if c == b'0' {
            c = self.read()?;
        } else if c.is_ascii_digit() {
            c = self.read()?;
            while c.is_ascii_digit() {
                c = self.read()?;
            }
        } else {
            return Err(lexical(
                "lexical error: malformed number, a digit is required after the minus sign.",
            ));
        }
        if c == b'.' {
            c = self.read()?;
            if !c.is_ascii_digit() {
                return Err(lexical(
                    "lexical error: malformed number, a digit is required after the decimal point.",
                ));
            }
            while c.is_ascii_digit() {
                c = self.read()?;
            }
        }
        if c == b'e' || c == b'E' {
            c = self.read()?;
            if c == b'+' || c == b'-' {
                c = self.read()?;
            }
            if !c.is_ascii_digit() {
                return Err(lexical(
                    "lexical error: malformed number, a digit is required after the exponent.",
                ));
            }
            while c.is_ascii_digit() {
                c = self.read()?;
            }
        }
        // The last byte read is the next token's: put it back.
        self.pos -= 1;
        Ok(Token::Scalar(&self.s[start..self.pos.min(self.s.len())]))
    }

    fn string(&mut self, decoded: &mut Vec<u8>) -> Result<Token<'a>, Error> {
        let start = self.pos;
        let mut escapes = false;
        loop {
            match self.read()? {
                b'"' => break,
                b'\\' => {
                    escapes = true;
                    let c = self.read()?;
                    if c == b'u' {
                        for _ in 0..4 {
                            if !self.read()?.is_ascii_hexdigit() {
                                return Err(lexical(
                                    "lexical error: invalid (non-hex) character occurs after '\\u' inside string.",
                                ));
                            }
                        }
                    } else if !matches!(c, b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') {
                        return Err(lexical(
                            "lexical error: inside a string, '\\' occurs before a character which it may not.",
                        ));
                    }
                }
                c if c < 0x20 => {
                    return Err(lexical("lexical error: invalid character inside string."))
                }
                c if c >= 0x80 => self.utf8_tail(c)?,
                _ => {}
            }
        }
        let end = self.pos - 1;
        if !escapes {
            return Ok(Token::Str(Text::Raw(&self.s[start..end])));
        }
        let s = &self.s[start..];
        Ok(Token::Str(decode_into(decoded, |out| {
            unescape(s, end - start, out)
        })))
    }

    /// `yajl_lex_utf8_char`: the continuation bytes a lead byte announces
    /// (overlongs and surrogates pass, as in yajl).
    fn utf8_tail(&mut self, lead: u8) -> Result<(), Error> {
        let tail = if lead >> 5 == 0b110 {
            1
        } else if lead >> 4 == 0b1110 {
            2
        } else if lead >> 3 == 0b11110 {
            3
        } else {
            0
        };
        if tail == 0 {
            return Err(bad_utf8());
        }
        for _ in 0..tail {
            if self.read()? >> 6 != 0b10 {
                return Err(bad_utf8());
            }
        }
        Ok(())
    }
}

pub(super) fn bad_utf8() -> Error {
    lexical("lexical error: invalid bytes in UTF8 string.")
}

pub(super) fn premature_eof() -> Error {
    Error {
        message: "parse error: premature EOF",
        limit: None,
        eof: true,
    }
}

/// `yajl_string_decode` of the `len` content bytes at the start of `s`.
/// Like yajl it may look past the content (at the closing quote and beyond)
/// after a lone high surrogate.
pub(super) fn unescape(s: &[u8], len: usize, out: &mut Vec<u8>) {
    let at = |i: usize| s.get(i).copied().unwrap_or(0);
    let (mut beg, mut end) = (0, 0);
    while end < len {
        if at(end) != b'\\' {
            end += 1;
            continue;
        }
        out.extend_from_slice(&s[beg.min(s.len())..end.min(s.len())]);
        end += 1;
        match at(end) {
            b'r' => out.push(b'\r'),
            b'n' => out.push(b'\n'),
            b'\\' => out.push(b'\\'),
            b'/' => out.push(b'/'),
            b'"' => out.push(b'"'),
            b'f' => out.push(0x0c),
            b'b' => out.push(0x08),
            b't' => out.push(b'\t'),
            b'u' => {
                let mut codepoint = hex4(s, end + 1);
                end += 4;
                if codepoint & 0xFC00 == 0xD800 {
                    end += 1;
                    if at(end) == b'\\' && at(end + 1) == b'u' {
                        let low = hex4(s, end + 2);
                        codepoint = ((codepoint & 0x3F) << 10)
                            | ((((codepoint >> 6) & 0xF) + 1) << 16)
                            | (low & 0x3FF);
                        end += 5;
                    } else {
                        out.push(b'?');
                        end += 1;
                        beg = end;
                        continue;
                    }
                }
                push_utf8(out, codepoint);
            }
            _ => out.push(b'?'),
        }
        end += 1;
        beg = end;
    }
    if beg < end {
        out.extend_from_slice(&s[beg.min(s.len())..end.min(s.len())]);
    }
}

/// yajl's `hexToDigit` over four bytes (the lexer has checked them).
pub(super) fn hex4(s: &[u8], at: usize) -> u32 {
    (0..4).fold(0, |acc, i| {
        let c = s.get(at + i).copied().unwrap_or(b'0');
        let digit = match c {
            b'0'..=b'9' => c - b'0',
            b'a'..=b'f' => c - b'a' + 10,
            b'A'..=b'F' => c - b'A' + 10,
            _ => 0,
        };
        acc << 4 | u32::from(digit)
    })
}

/// yajl's `Utf32toUtf8` (NUL included, surrogates encoded as they come).
pub(super) fn push_utf8(out: &mut Vec<u8>, cp: u32) {
    if cp < 0x80 {
        out.push(cp as u8);
    } else if cp < 0x800 {
        out.extend_from_slice(&[0xC0 | (cp >> 6) as u8, 0x80 | (cp & 0x3F) as u8]);
    } else if cp < 0x10000 {
        out.extend_from_slice(&[
            0xE0 | (cp >> 12) as u8,
            0x80 | ((cp >> 6) & 0x3F) as u8,
            0x80 | (cp & 0x3F) as u8,
        ]);
    } else if cp < 0x200000 {
        out.extend_from_slice(&[
            0xF0 | (cp >> 18) as u8,
            0x80 | ((cp >> 12) & 0x3F) as u8,
            0x80 | ((cp >> 6) & 0x3F) as u8,
            0x80 | (cp & 0x3F) as u8,
        ]);
    } else {
        out.push(b'?');
    }
}
