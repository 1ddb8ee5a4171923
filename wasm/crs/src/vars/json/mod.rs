//! JSON bodies flattened into `ARGS` the way libmodsecurity's JSON processor
//! (yajl callbacks in `request_body_processor/json.cc`) names members:
//! - the top level is `json`; an object member adds `.key`, an array element
//!   `.array_N`: `{"a":[{"b":1}]}` gives `json.a.array_0.b`;
//! - an empty key is `empty-key` (inside an array, nothing);
//! - strings are unescaped, numbers kept as written, `true`/`false` as such,
//!   `null` as an empty value;
//! - members found before a syntax error stay; the error sets `REQBODY_ERROR`.
//!
//! The tokenizer is yajl's: the same escapes, the same lax UTF-8 check, the
//! same odd handling of a lone `\uD800` (a `?` that swallows the next byte),
//! and the end of input behaves as a trailing space, as yajl's
//! `yajl_complete_parse` makes it.
//!
//! No recursion: containers live on an explicit stack, bounded by
//! [`JSON_DEPTH_LIMIT`]. Member names repeat every enclosing key, so their
//! total size has a budget ([`Limit::JsonNames`]).

use self::lexer::{premature_eof, Lexer, Token};
use super::body::set_error;
use super::{append, decode_into, Limit, Origin, Text, Vars, JSON_DEPTH_LIMIT};

mod lexer;

pub(super) fn process(vars: &mut Vars<'_>) {
    let body = vars.body;
    let budget = (1 << 20) + 4 * body.len();
    let outcome = Flattener::new(body, budget).run(&mut vars.args, &mut vars.decoded);
    let message = match outcome {
        Ok(()) => None,
        Err(error) => {
            if let Some(limit) = error.limit {
                vars.hit(limit);
            }
            // ModSecurity reports nothing for an empty body.
            let suffix = match error.limit {
                Some(Limit::JsonDepth) => ". Parsing depth limit exceeded",
                _ => "",
            };
            if body.is_empty() {
                None
            } else {
                Some(format!("JSON parsing error: {}\n{}", error.message, suffix).into_bytes())
            }
        }
    };
    set_error(vars, message);
}

#[derive(Debug)]
struct Error {
    message: &'static str,
    limit: Option<Limit>,
    /// The input ended inside a token.
    eof: bool,
}

fn lexical(message: &'static str) -> Error {
    Error {
        message,
        limit: None,
        eof: false,
    }
}

fn cancelled(limit: Limit) -> Error {
    Error {
        message: CANCELLED,
        limit: Some(limit),
        eof: false,
    }
}

const CANCELLED: &str = "parse error: client cancelled parse via callback return value";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Start,
    Complete,
    MapStart,
    MapNeedKey,
    MapSep,
    MapNeedVal,
    MapGotVal,
    ArrayStart,
    ArrayNeedVal,
    ArrayGotVal,
}

/// One open object or array. `path[..suffix]` ends with its name; the bytes
/// after are `.` (object) or `.array_N` (array, N = `elements`).
struct Container {
    start: usize,
    suffix: usize,
    array: bool,
    elements: usize,
}

/// yajl's parser state machine driving ModSecurity's naming callbacks.
struct Flattener<'a> {
    lexer: Lexer<'a>,
    states: Vec<State>,
    containers: Vec<Container>,
    /// The names of the open containers, each followed by its suffix.
    path: Vec<u8>,
    /// The last object key, until a value or container takes it.
    key: Option<Text<'a>>,
    names_left: usize,
}

impl<'a> Flattener<'a> {
    fn new(body: &'a [u8], names_budget: usize) -> Flattener<'a> {
        Flattener {
            lexer: Lexer::new(body),
            states: vec![State::Start],
            containers: Vec::new(),
            path: Vec::new(),
            key: None,
            names_left: names_budget,
        }
    }

    fn run(mut self, args: &mut super::Args<'a>, decoded: &mut Vec<u8>) -> Result<(), Error> {
        loop {
            let state = *self.states.last().unwrap_or(&State::Complete);
            if state == State::Complete {
                // yajl only sees a token that ends: an unterminated one after
                // the value is no error.
                return match self.lexer.next(decoded) {
                    Ok(Token::Eof) => Ok(()),
                    Err(e) if e.eof => Ok(()),
                    _ => Err(lexical("parse error: trailing garbage")),
                };
            }
            let token = self.lexer.next(decoded)?;
            if let Token::Eof = token {
                return Err(premature_eof());
            }
            match state {
                State::Start | State::MapNeedVal | State::ArrayNeedVal | State::ArrayStart => {
                    let after = match state {
                        State::Start => State::Complete,
                        State::MapNeedVal => State::MapGotVal,
                        _ => State::ArrayGotVal,
                    };
                    match token {
                        Token::Str(value) => {
                            self.set_state(after);
                            self.value(value, args, decoded)?;
                        }
                        Token::Scalar(value) => {
                            self.set_state(after);
                            self.value(Text::Raw(value), args, decoded)?;
                        }
                        Token::LeftBrace => {
                            self.set_state(after);
                            self.states.push(State::MapStart);
                            self.open(false, decoded)?;
                        }
                        Token::LeftBracket => {
                            self.set_state(after);
                            self.states.push(State::ArrayStart);
                            self.open(true, decoded)?;
                        }
                        Token::RightBracket if state == State::ArrayStart => self.close(),
                        _ => {
                            return Err(lexical(
                                "parse error: unallowed token at this point in JSON text",
                            ))
                        }
                    }
                }
                State::MapStart | State::MapNeedKey => match token {
                    Token::Str(key) => {
                        self.key = Some(key);
                        self.set_state(State::MapSep);
                    }
                    Token::RightBrace if state == State::MapStart => self.close(),
                    _ => {
                        return Err(lexical(
                            "parse error: invalid object key (must be a string)",
                        ))
                    }
                },
                State::MapSep => {
                    match token {
                        Token::Colon => self.set_state(State::MapNeedVal),
                        _ => return Err(lexical(
                            "parse error: object key and value must be separated by a colon (':')",
                        )),
                    }
                }
                State::MapGotVal => match token {
                    Token::RightBrace => self.close(),
                    Token::Comma => self.set_state(State::MapNeedKey),
                    _ => {
                        return Err(lexical(
                            "parse error: after key and value, inside map, I expect ',' or '}'",
                        ))
                    }
                },
                State::ArrayGotVal => match token {
                    Token::RightBracket => self.close(),
                    Token::Comma => self.set_state(State::ArrayNeedVal),
                    _ => {
                        return Err(lexical(
                            "parse error: after array element, I expect ',' or ']'",
                        ))
                    }
                },
                State::Complete => {}
            }
        }
    }

    fn set_state(&mut self, state: State) {
        if let Some(top) = self.states.last_mut() {
            *top = state;
        }
    }

    /// `JSON::getCurrentKey`: the name a value or container takes.
    fn take_key(&mut self) -> Text<'a> {
        match self.containers.last() {
            None => Text::Raw(b"json"),
            Some(c) => match self.key.take() {
                Some(key) if key.len() > 0 => key,
                _ if c.array => Text::Raw(b""),
                _ => Text::Raw(b"empty-key"),
            },
        }
    }

    /// `JSON::addArgument`.
    fn value(
        &mut self,
        value: Text<'a>,
        args: &mut super::Args<'a>,
        decoded: &mut Vec<u8>,
    ) -> Result<(), Error> {
        let in_array = self.containers.last().map_or(false, |c| c.array);
        let data = if in_array {
            Text::Raw(b"")
        } else {
            self.take_key()
        };
        if !args.has_room() {
            return Err(cancelled(Limit::Args));
        }
        self.spend(self.path.len() + data.len())?;
        let name = if self.path.is_empty() {
            data
        } else {
            let path = &self.path;
            decode_into(decoded, |out| {
                out.extend_from_slice(path);
                append(out, data);
            })
        };
        if in_array {
            self.next_element();
        }
        if args.add(Origin::Json, name, value) {
            Ok(())
        } else {
            Err(cancelled(Limit::Args))
        }
    }

    fn open(&mut self, array: bool, decoded: &[u8]) -> Result<(), Error> {
        if self.containers.len() >= JSON_DEPTH_LIMIT {
            return Err(cancelled(Limit::JsonDepth));
        }
        let name = self.take_key();
        self.spend(name.len())?;
        let start = self.path.len();
        self.path.extend_from_slice(name.bytes(decoded));
        let suffix = self.path.len();
        self.containers.push(Container {
            start,
            suffix,
            array,
            elements: 0,
        });
        self.write_suffix();
        Ok(())
    }

    fn close(&mut self) {
        self.states.pop();
        if let Some(c) = self.containers.pop() {
            self.path.truncate(c.start);
        }
        if self.containers.last().map_or(false, |c| c.array) {
            self.next_element();
        }
    }

    fn next_element(&mut self) {
        if let Some(c) = self.containers.last_mut() {
            c.elements += 1;
        }
        self.write_suffix();
    }

    fn write_suffix(&mut self) {
        if let Some(c) = self.containers.last() {
            self.path.truncate(c.suffix);
            if c.array {
                self.path.extend_from_slice(b".array_");
                self.path
                    .extend_from_slice(c.elements.to_string().as_bytes());
            } else {
                self.path.push(b'.');
            }
        }
    }

    fn spend(&mut self, bytes: usize) -> Result<(), Error> {
        match self.names_left.checked_sub(bytes) {
            Some(left) => {
                self.names_left = left;
                Ok(())
            }
            None => Err(cancelled(Limit::JsonNames)),
        }
    }
}
