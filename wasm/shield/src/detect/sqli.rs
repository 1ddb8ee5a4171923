//! SQL injection: a tokenizer and fingerprints, in the spirit of
//! libinjection.
//!
//! The value is tokenised three times: as if the application pasted it into
//! SQL bare (a number), inside a single-quoted string, and inside a
//! double-quoted one. In a quoted context the value must close the string to
//! do harm, so that context only applies when it holds the quote. Tokens are
//! reduced to one character each (`s` string, `1` number, `n` name, `f`
//! function, `&` logic operator, ...), folded (unary operators dropped,
//! arithmetic collapsed, adjacent strings merged) and the first few form the
//! fingerprint, which is compared with the shapes attacks take (`s&1o1`:
//! `' or 1=1`). Independently, the whole token stream, comments removed, is
//! searched for sequences that only SQL produces (`union select`, a stacked
//! `; drop table`, `sleep(5)`).

use super::Input;
use crate::decode::{PAIR_AMPS, PAIR_ATS, PAIR_DASHES, PAIR_PIPES, PAIR_SLASH_STAR};
use crate::hits::Hits;
use crate::{Category, Severity};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Str,
    Num,
    Var,
    Kw,
    Union,
    Stmt,
    Group,
    Func,
    Name,
    /// Comparison operators (`=`, `<>`, `like`, `in`, ...).
    Op,
    /// Arithmetic and bitwise operators; folded away between values.
    Arith,
    Logic,
    Comment,
    LParen,
    RParen,
    Comma,
    Semi,
    Unknown,
}

impl Kind {
    fn ch(self) -> u8 {
        match self {
            Kind::Str => b's',
            Kind::Num => b'1',
            Kind::Var => b'v',
            Kind::Kw => b'k',
            Kind::Union => b'U',
            Kind::Stmt => b'E',
            Kind::Group => b'B',
            Kind::Func => b'f',
            Kind::Name => b'n',
            Kind::Op => b'o',
            Kind::Arith => b'a',
            Kind::Logic => b'&',
            Kind::Comment => b'c',
            Kind::LParen => b'(',
            Kind::RParen => b')',
            Kind::Comma => b',',
            Kind::Semi => b';',
            Kind::Unknown => b'X',
        }
    }

    fn is_value(self) -> bool {
        matches!(self, Kind::Str | Kind::Num | Kind::Var | Kind::Name)
    }
}

#[derive(Debug, Clone, Copy)]
struct Tok {
    kind: Kind,
    start: usize,
    end: usize,
}

/// Keywords by kind. Sorted for binary search.
const KEYWORDS: &[(&[u8], Kind)] = &[
    (b"all", Kind::Kw),
    (b"alter", Kind::Stmt),
    (b"and", Kind::Logic),
    (b"as", Kind::Kw),
    (b"asc", Kind::Kw),
    (b"begin", Kind::Kw),
    (b"between", Kind::Op),
    (b"binary", Kind::Op),
    (b"by", Kind::Kw),
    (b"call", Kind::Stmt),
    (b"case", Kind::Kw),
    (b"collate", Kind::Op),
    (b"column", Kind::Kw),
    (b"create", Kind::Stmt),
    (b"cross", Kind::Kw),
    (b"database", Kind::Kw),
    (b"declare", Kind::Stmt),
    (b"delay", Kind::Kw),
    (b"delete", Kind::Stmt),
    (b"desc", Kind::Kw),
    (b"distinct", Kind::Kw),
    (b"div", Kind::Arith),
    (b"drop", Kind::Stmt),
    (b"dumpfile", Kind::Kw),
    (b"else", Kind::Kw),
    (b"end", Kind::Kw),
    (b"escape", Kind::Op),
    (b"except", Kind::Union),
    (b"exec", Kind::Stmt),
    (b"execute", Kind::Stmt),
    (b"false", Kind::Num),
    (b"from", Kind::Kw),
    (b"grant", Kind::Stmt),
    (b"group", Kind::Group),
    (b"having", Kind::Group),
    (b"in", Kind::Op),
    (b"inner", Kind::Kw),
    (b"insert", Kind::Stmt),
    (b"intersect", Kind::Union),
    (b"into", Kind::Kw),
    (b"is", Kind::Op),
    (b"join", Kind::Kw),
    (b"like", Kind::Op),
    (b"limit", Kind::Group),
    (b"mod", Kind::Arith),
    (b"not", Kind::Op),
    (b"null", Kind::Num),
    (b"offset", Kind::Group),
    (b"on", Kind::Kw),
    (b"or", Kind::Logic),
    (b"order", Kind::Group),
    (b"outer", Kind::Kw),
    (b"outfile", Kind::Kw),
    (b"procedure", Kind::Kw),
    (b"regexp", Kind::Op),
    (b"rlike", Kind::Op),
    (b"select", Kind::Stmt),
    (b"set", Kind::Kw),
    (b"shutdown", Kind::Stmt),
    (b"sounds", Kind::Op),
    (b"table", Kind::Kw),
    (b"then", Kind::Kw),
    (b"top", Kind::Kw),
    (b"true", Kind::Num),
    (b"truncate", Kind::Stmt),
    (b"union", Kind::Union),
    (b"update", Kind::Stmt),
    (b"using", Kind::Kw),
    (b"values", Kind::Kw),
    (b"waitfor", Kind::Stmt),
    (b"when", Kind::Kw),
    (b"where", Kind::Kw),
    (b"xor", Kind::Logic),
];

/// Functions: a name from this list followed by `(` is a call. Sorted.
const FUNCTIONS: &[&[u8]] = &[
    b"abs",
    b"ascii",
    b"avg",
    b"benchmark",
    b"bin",
    b"cast",
    b"ceil",
    b"char",
    b"char_length",
    b"chr",
    b"coalesce",
    b"concat",
    b"concat_ws",
    b"conv",
    b"convert",
    b"cos",
    b"count",
    b"current_user",
    b"database",
    b"db_name",
    b"dbms_lock.sleep",
    b"dbms_pipe.receive_message",
    b"elt",
    b"exists",
    b"exp",
    b"extractvalue",
    b"field",
    b"floor",
    b"geometrycollection",
    b"group_concat",
    b"gtid_subset",
    b"has_dbaccess",
    b"hex",
    b"if",
    b"ifnull",
    b"iif",
    b"instr",
    b"is_srvrolemember",
    b"isnull",
    b"json_keys",
    b"left",
    b"len",
    b"length",
    b"linestring",
    b"load_file",
    b"locate",
    b"lower",
    b"lpad",
    b"make_set",
    b"max",
    b"md5",
    b"mid",
    b"min",
    b"multilinestring",
    b"multipoint",
    b"multipolygon",
    b"name_const",
    b"nchar",
    b"nullif",
    b"object_id",
    b"object_name",
    b"oct",
    b"ord",
    b"pg_sleep",
    b"polygon",
    b"position",
    b"pow",
    b"rand",
    b"randomblob",
    b"repeat",
    b"replace",
    b"reverse",
    b"right",
    b"round",
    b"row",
    b"rpad",
    b"schema",
    b"session_user",
    b"sha1",
    b"sin",
    b"sleep",
    b"space",
    b"sqrt",
    b"strcmp",
    b"substr",
    b"substring",
    b"substring_index",
    b"sum",
    b"sys_context",
    b"system_user",
    b"to_char",
    b"trim",
    b"unhex",
    b"unicode",
    b"updatexml",
    b"upper",
    b"user",
    b"user_name",
    b"utl_http.request",
    b"utl_inaddr.get_host_address",
    b"version",
    b"xmltype",
];

/// Functions whose call alone is an attack: delays and error-based probes.
const ATTACK_FUNCTIONS: &[&[u8]] = &[
    b"benchmark",
    b"dbms_lock.sleep",
    b"dbms_pipe.receive_message",
    b"extractvalue",
    b"load_file",
    b"name_const",
    b"pg_sleep",
    b"sleep",
    b"updatexml",
    b"utl_http.request",
    b"utl_inaddr.get_host_address",
];

/// Identifiers that name database internals; hardly any innocent text
/// mentions them.
const INTERNALS: &[&[u8]] = &[
    b"@@datadir",
    b"@@hostname",
    b"@@version",
    b"all_tab_columns",
    b"all_tables",
    b"dba_users",
    b"information_schema",
    b"msysobjects",
    b"mysql.user",
    b"pg_catalog",
    b"pg_shadow",
    b"pg_user",
    b"sp_executesql",
    b"sp_makewebtask",
    b"sp_oacreate",
    b"sqlite_master",
    b"sys.objects",
    b"syscolumns",
    b"sysobjects",
    b"sysusers",
    b"user_tables",
    b"xp_cmdshell",
    b"xp_dirtree",
    b"xp_regread",
];

/// The first bytes and the shortest length of [`INTERNALS`]: most names
/// are ruled out before comparing.
const INTERNALS_FIRST: &[u8] = b"@admipsux";
const INTERNALS_MIN_LEN: usize = 7;

const MAX_TOKENS: usize = 2048;
const FP_LEN: usize = 8;

fn word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$' || b >= 0x80
}

struct Lexer<'a> {
    s: &'a [u8],
    i: usize,
    /// Open MySQL conditional comments (`/*!...*/`), whose body is SQL.
    cond: u32,
}

impl<'a> Lexer<'a> {
    fn peek_non_ws(&self, mut j: usize) -> Option<u8> {
        while j < self.s.len() {
            let b = self.s[j];
            if b != b' ' && b != b'\n' {
                return Some(b);
            }
            j += 1;
        }
        None
    }

    /// Reads a quoted run from `self.i` (just after the opening quote) to the
    /// closing `q`; backslash and doubled quotes escape.
    fn quoted(&mut self, q: u8) {
        let s = self.s;
        // Jumps from escape to quote with `memchr2`: prose runs for hundreds
        // of bytes inside an opened string, and a byte loop was most of the
        // lexer's time on such values.
        while self.i < s.len() {
            match crate::bytes::memchr2(q, b'\\', &s[self.i..]) {
                None => break,
                Some(off) => self.i += off,
            }
            if s[self.i] == b'\\' {
                self.i += 2;
                continue;
            }
            if s.get(self.i + 1) == Some(&q) {
                self.i += 2;
                continue;
            }
            self.i += 1;
            return;
        }
        self.i = s.len();
    }

    fn next(&mut self) -> Option<Tok> {
        let s = self.s;
        loop {
            while self.i < s.len() && matches!(s[self.i], b' ' | b'\n') {
                self.i += 1;
            }
            if self.i >= s.len() {
                return None;
            }
            let start = self.i;
            let b = s[start];
            let b1 = s.get(start + 1).copied().unwrap_or(0);
            let tok = |kind, end| Some(Tok { kind, start, end });
            match b {
                b'\'' | b'"' => {
                    self.i += 1;
                    self.quoted(b);
                    return tok(Kind::Str, self.i);
                }
                b'`' => {
                    self.i += 1;
                    self.quoted(b'`');
                    return tok(Kind::Name, self.i);
                }
                b'[' => {
                    // T-SQL bracketed identifier, if it closes soon.
                    match s[start..].iter().take(128).position(|&c| c == b']') {
                        Some(p) => {
                            self.i = start + p + 1;
                            return tok(Kind::Name, self.i);
                        }
                        None => {
                            self.i += 1;
                            return tok(Kind::Unknown, self.i);
                        }
                    }
                }
                b'#' => {
                    self.i = crate::bytes::memchr(b'\n', &s[start..]).map_or(s.len(), |p| start + p);
                    return tok(Kind::Comment, self.i);
                }
                b'-' if b1 == b'-' => {
                    self.i = crate::bytes::memchr(b'\n', &s[start..]).map_or(s.len(), |p| start + p);
                    return tok(Kind::Comment, self.i);
                }
                b'/' if b1 == b'*' => {
                    if s.get(start + 2) == Some(&b'!') {
                        // MySQL runs the body of `/*!50000 ... */`.
                        self.i = start + 3;
                        while self.i < s.len() && s[self.i].is_ascii_digit() && self.i < start + 9 {
                            self.i += 1;
                        }
                        self.cond += 1;
                        continue;
                    }
                    self.i = memchr::memmem::find(&s[start + 2..], b"*/").map_or(s.len(), |p| start + 2 + p + 2);
                    return tok(Kind::Comment, self.i);
                }
                b'*' if b1 == b'/' && self.cond > 0 => {
                    self.cond -= 1;
                    self.i += 2;
                    continue;
                }
                b'(' => {
                    self.i += 1;
                    return tok(Kind::LParen, self.i);
                }
                b')' => {
                    self.i += 1;
                    return tok(Kind::RParen, self.i);
                }
                b',' => {
                    self.i += 1;
                    return tok(Kind::Comma, self.i);
                }
                b';' => {
                    self.i += 1;
                    return tok(Kind::Semi, self.i);
                }
                b'@' => {
                    self.i += 1;
                    if s.get(self.i) == Some(&b'@') {
                        self.i += 1;
                    }
                    while self.i < s.len() && (word_byte(s[self.i]) || s[self.i] == b'.') {
                        self.i += 1;
                    }
                    return tok(Kind::Var, self.i);
                }
                b'0'..=b'9' => return Some(self.number()),
                b'.' if b1.is_ascii_digit() => return Some(self.number()),
                _ if word_byte(b) => return Some(self.word()),
                _ => return Some(self.operator()),
            }
        }
    }

    fn number(&mut self) -> Tok {
        let s = self.s;
        let start = self.i;
        let b1 = s.get(start + 1).copied().unwrap_or(0);
        if s[start] == b'0' && (b1 == b'x' || b1 == b'b') {
            self.i += 2;
            while self.i < s.len() && s[self.i].is_ascii_hexdigit() {
                self.i += 1;
            }
        } else {
            while self.i < s.len() && s[self.i].is_ascii_digit() {
                self.i += 1;
            }
            if s.get(self.i) == Some(&b'.') {
                self.i += 1;
                while self.i < s.len() && s[self.i].is_ascii_digit() {
                    self.i += 1;
                }
            }
            if s.get(self.i) == Some(&b'e') && s.get(self.i + 1).map_or(false, |c| c.is_ascii_digit() || *c == b'-' || *c == b'+') {
                self.i += 2;
                while self.i < s.len() && s[self.i].is_ascii_digit() {
                    self.i += 1;
                }
            }
        }
        // `3rd`, `1950s`: a word, unless the letters are a keyword MySQL
        // would split off (`1union`, `1and`).
        if self.i < s.len() && word_byte(s[self.i]) {
            let rest = self.i;
            let mut j = rest;
            while j < s.len() && s[j].is_ascii_alphabetic() {
                j += 1;
            }
            if lookup(&s[rest..j]).map_or(false, |k| matches!(k, Kind::Union | Kind::Logic | Kind::Stmt | Kind::Group | Kind::Kw | Kind::Op)) {
                return Tok { kind: Kind::Num, start, end: rest };
            }
            while self.i < s.len() && word_byte(s[self.i]) {
                self.i += 1;
            }
            return Tok { kind: Kind::Name, start, end: self.i };
        }
        Tok { kind: Kind::Num, start, end: self.i }
    }

    fn word(&mut self) -> Tok {
        let s = self.s;
        let start = self.i;
        while self.i < s.len() && word_byte(s[self.i]) {
            self.i += 1;
        }
        // String prefixes: x'41', n'abc', b'01'.
        if self.i - start == 1 && matches!(s[start], b'x' | b'n' | b'b' | b'e') && s.get(self.i) == Some(&b'\'') {
            self.i += 1;
            self.quoted(b'\'');
            return Tok { kind: Kind::Str, start, end: self.i };
        }
        // Qualified names: schema.table, package.function.
        while s.get(self.i) == Some(&b'.') && s.get(self.i + 1).map_or(false, |&c| word_byte(c) || c == b'`') {
            self.i += 1;
            if s[self.i] == b'`' {
                self.i += 1;
                self.quoted(b'`');
            } else {
                while self.i < s.len() && word_byte(s[self.i]) {
                    self.i += 1;
                }
            }
        }
        let w = &s[start..self.i];
        let call = self.peek_non_ws(self.i) == Some(b'(');
        if call && FUNCTIONS.binary_search(&w).is_ok() {
            return Tok { kind: Kind::Func, start, end: self.i };
        }
        let kind = match lookup(w) {
            // `group` and `order` are only keywords before `by`.
            Some(Kind::Group) if (w == b"group" || w == b"order") => {
                let j = skip(s, self.i);
                if s[j..].starts_with(b"by") && !s.get(j + 2).map_or(false, |&c| word_byte(c)) {
                    self.i = j + 2;
                    Kind::Group
                } else {
                    Kind::Name
                }
            }
            Some(k) => k,
            None => Kind::Name,
        };
        Tok { kind, start, end: self.i }
    }

    fn operator(&mut self) -> Tok {
        let s = self.s;
        let start = self.i;
        let rest = &s[start..];
        let b0 = rest[0];
        let b1 = rest.get(1).copied();
        if rest.starts_with(b"<=>") {
            self.i += 3;
            return Tok { kind: Kind::Op, start, end: self.i };
        }
        let two = match (b0, b1) {
            (b'<', Some(b'>')) | (b'!', Some(b'=')) | (b'<', Some(b'=')) | (b'>', Some(b'=')) | (b':', Some(b'=')) | (b'!', Some(b'<')) | (b'!', Some(b'>')) | (b'=', Some(b'=')) => Some(Kind::Op),
            (b'<', Some(b'<')) | (b'>', Some(b'>')) => Some(Kind::Arith),
            (b'|', Some(b'|')) | (b'&', Some(b'&')) => Some(Kind::Logic),
            _ => None,
        };
        if let Some(kind) = two {
            self.i += 2;
            return Tok { kind, start, end: self.i };
        }
        self.i += 1;
        let kind = match s[start] {
            b'=' | b'<' | b'>' => Kind::Op,
            b'+' | b'-' | b'*' | b'/' | b'%' | b'^' | b'|' | b'&' | b'~' | b'!' => Kind::Arith,
            _ => {
                // Skip the rest of a multi-byte run of unknown bytes at once.
                Kind::Unknown
            }
        };
        Tok { kind, start, end: self.i }
    }
}

fn skip(s: &[u8], mut i: usize) -> usize {
    while i < s.len() && matches!(s[i], b' ' | b'\n') {
        i += 1;
    }
    i
}

/// A word of up to 16 bytes packed big-endian, zero-padded: comparing
/// packed words orders them like the bytes, in one integer comparison.
/// Slot of a keyword candidate in [`KEYWORD_SLOTS`]: a hash of its first
/// two bytes, last byte and length that gives every keyword its own slot
/// (found by search; `tables_sorted` checks it). One probe and one compare
/// per word, where a binary search took seven.
const fn keyword_slot(w: &[u8]) -> usize {
    let h = (w[0] as u32) * 12 + (w[1] as u32) * 43 + (w[w.len() - 1] as u32) * 10 + w.len() as u32;
    (h & 0xff) as usize
}

const NO_KEYWORD: u8 = u8::MAX;

const fn keyword_slots() -> [u8; 256] {
    let mut out = [NO_KEYWORD; 256];
    let mut i = 0;
    while i < KEYWORDS.len() {
        let slot = keyword_slot(KEYWORDS[i].0);
        // A collision would make a keyword unreachable.
        assert!(out[slot] == NO_KEYWORD);
        out[slot] = i as u8;
        i += 1;
    }
    out
}

const KEYWORD_SLOTS: [u8; 256] = keyword_slots();

fn lookup(w: &[u8]) -> Option<Kind> {
    if w.len() < 2 || w.len() > 9 {
        return None;
    }
    let (kw, kind) = KEYWORDS.get(KEYWORD_SLOTS[keyword_slot(w)] as usize)?;
    if *kw == w {
        Some(*kind)
    } else {
        None
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Quote {
    None,
    Single,
    Double,
}

/// Tokenises `s` as if it followed an opening `quote`. `None` when the
/// value cannot leave that string (it holds no such quote).
fn tokenize(s: &[u8], quote: Quote, toks: &mut Vec<Tok>) -> bool {
    toks.clear();
    let mut lx = Lexer { s, i: 0, cond: 0 };
    match quote {
        Quote::None => {}
        Quote::Single | Quote::Double => {
            let q = if quote == Quote::Single { b'\'' } else { b'"' };
            lx.quoted(q);
            if lx.i >= s.len() && s.last() != Some(&q) {
                return false;
            }
            toks.push(Tok { kind: Kind::Str, start: 0, end: lx.i });
        }
    }
    while toks.len() < MAX_TOKENS {
        match lx.next() {
            Some(t) => toks.push(t),
            None => break,
        }
    }
    true
}

fn is_unary(s: &[u8], t: &Tok) -> bool {
    (t.kind == Kind::Arith && matches!(&s[t.start..t.end], b"-" | b"+" | b"!" | b"~")) || (t.kind == Kind::Op && matches!(&s[t.start..t.end], b"binary"))
}

fn is_arith(_s: &[u8], t: &Tok) -> bool {
    t.kind == Kind::Arith
}

/// Folds the token stream: drops unary operators, collapses arithmetic and
/// adjacent strings, merges repeated parentheses and comments.
fn fold(s: &[u8], toks: &[Tok], out: &mut Vec<Tok>) {
    out.clear();
    for t in toks {
        let prev = out.last().map(|p: &Tok| p.kind);
        // `not` negates whatever follows; it never changes the shape.
        if t.kind == Kind::Op && &s[t.start..t.end] == b"not" {
            continue;
        }
        // A unary operator after an operator or at the start.
        if is_unary(s, t) && prev.map_or(true, |p| !p.is_value() && p != Kind::RParen) {
            continue;
        }
        match (prev, t.kind) {
            (Some(Kind::Str), Kind::Str) => continue,
            (Some(Kind::Comment), Kind::Comment) => continue,
            (Some(Kind::LParen), Kind::LParen) => continue,
            (Some(Kind::RParen), Kind::RParen) => continue,
            _ => {}
        }
        // value arith value -> value
        if t.kind.is_value() || t.kind == Kind::Func {
            let n = out.len();
            // `(x)*1` too: a closed group is a value.
            if n >= 2 && is_arith(s, &out[n - 1]) && (out[n - 2].kind.is_value() || out[n - 2].kind == Kind::RParen) && t.kind != Kind::Func {
                out.pop();
                continue;
            }
        }
        out.push(*t);
    }
}

/// Fingerprint patterns: token characters, plus `V` for any value (`1snv`)
/// and `$` for the end of the fingerprint. Prefix match.
const HIGH: &[&str] = &[
    // Breaking out of a string: ' or 1=1 --, ' and 'a'='a, admin'--
    "s&1o", "s&1c", "s&1;", "s&1)", "s&1&", "s&1B", "s&1$", "s&1U",
    "s&so", "s&sc", "s&s;", "s&s&", "s&s)", "s&s$", "s&sU",
    "s&vo", "s&vc", "s&v$", "s&no", "s&nc", "s&n;", "s&n)",
    "s&f(", "s&(", "s&E",
    "sos",
    // A comparison with a number, then what SQL allows after a value: a
    // string straight after the number (`=COUNTIF(A1:A9,">0")`, a
    // spreadsheet formula) is no SQL.
    "so1$", "so1&", "so1c", "so1;", "so1)", "so1o", "so1U", "so1B", "so1E", "so1k", "so1,",
    "sov", "sof(", "so(", "soV&", "soVc", "saf(", "sa(",
    "sc$", "s;E", "s;k", "s;f(", "s)&", "s);", "s)c", "s)U",
    "sB1c", "sB1$", "sBnc", "sBn$", "sB1,", "s&1o1",
    "s&f",
    // Numeric context: 1 or 1=1, 1 and sleep(5), 1) or (1=1
    "1&1o", "1&1c", "1&1&", "1&1;", "1&1)", "1&so", "1&sc", "1&vo", "1&vc",
    "1&f(", "1&(", "1&E", "1;k", "1)&", "1);", "1)U",
    "1B1c", "1B1$", "1Bnc", "1Bn$", "1B1,",
    "1o(E", "1of(",
    // A name in a numeric slot: x or 1=1, hope and 8=3
    "n&1o", "n&so", "n&vo", "n&f(", "n&(E", "n)&", "n);E",
    "v&", "vo1&", "voV&",
];

const MEDIUM: &[&str] = &[
    "s&n$", "s&1n", "s;", "son", "sE", "1&1$", "1;", "1)c", "1o1c", "n&no", "n&(", "sc", "1&no", "1&nc", "1;E", "n;E",
];

/// A shape compiled for matching: its bytes packed big-endian into a u64
/// (as [`pack_fp`] packs a fingerprint), a mask of the fixed bytes, a mask
/// of the `V` positions, its length without `$`, and whether it ends in `$`.
#[derive(Clone, Copy)]
struct Shape {
    value: u64,
    mask: u64,
    vmask: u64,
    len: usize,
    anchored: bool,
}

const fn compile_shapes<const N: usize>(pats: &[&str]) -> [Shape; N] {
    let mut out = [Shape { value: 0, mask: 0, vmask: 0, len: 0, anchored: false }; N];
    let mut k = 0;
    while k < N {
        let b = pats[k].as_bytes();
        // Longer shapes would not fit the packed form (`shapes_compile` checks).
        assert!(b.len() <= 9);
        let mut sh = Shape { value: 0, mask: 0, vmask: 0, len: 0, anchored: false };
        let mut i = 0;
        while i < b.len() {
            let c = b[i];
            if c == b'$' {
                sh.anchored = true;
                break;
            }
            let shift = 56 - 8 * i;
            if c == b'V' {
                sh.vmask |= 0xff << shift;
            } else {
                sh.value |= (c as u64) << shift;
                sh.mask |= 0xff << shift;
            }
            sh.len += 1;
            i += 1;
        }
        out[k] = sh;
        k += 1;
    }
    out
}

const HIGH_SHAPES: [Shape; HIGH.len()] = compile_shapes(HIGH);
const MEDIUM_SHAPES: [Shape; MEDIUM.len()] = compile_shapes(MEDIUM);

/// Row of a fingerprint's first token in [`SHAPE_HEADS`]: every shape
/// starts with a string, number, name or variable.
const fn head_row(first: u8) -> Option<usize> {
    match first {
        b's' => Some(0),
        b'1' => Some(1),
        b'n' => Some(2),
        b'v' => Some(3),
        _ => None,
    }
}

/// The first two tokens of every shape, as bits (256 per first token):
/// most fingerprints of benign values (`nEnn`, `1(1)1`) start like no
/// shape and skip the hundred shape comparisons.
const fn shape_heads() -> [u64; 16] {
    let mut out = [0u64; 16];
    let mut k = 0;
    while k < HIGH.len() + MEDIUM.len() {
        let p = if k < HIGH.len() { HIGH[k].as_bytes() } else { MEDIUM[k - HIGH.len()].as_bytes() };
        // Two literal tokens lead every shape (no `V`, no early `$`).
        assert!(p.len() >= 2 && p[1] != b'V' && p[1] != b'$');
        let row = match head_row(p[0]) {
            Some(r) => r,
            None => panic!("shape starts with an unexpected token"),
        };
        let bit = row * 256 + p[1] as usize;
        out[bit / 64] |= 1 << (bit % 64);
        k += 1;
    }
    out
}

const SHAPE_HEADS: [u64; 16] = shape_heads();

/// Whether some shape starts with `fp`'s first two tokens.
fn may_match_shape(fp: &[u8]) -> bool {
    match (fp.first().and_then(|&c| head_row(c)), fp.get(1)) {
        (Some(row), Some(&second)) => {
            let bit = row * 256 + second as usize;
            SHAPE_HEADS[bit / 64] & (1 << (bit % 64)) != 0
        }
        _ => false,
    }
}

/// The first eight bytes of a fingerprint, big-endian, zero-padded
/// (fingerprint bytes are never zero).
fn pack_fp(fp: &[u8]) -> u64 {
    let mut v = 0u64;
    for (i, &c) in fp.iter().take(8).enumerate() {
        v |= (c as u64) << (56 - 8 * i);
    }
    v
}

/// `matches(fp, pat)` for the compiled `pat`; `packed` is `pack_fp(fp)`.
fn shape_matches(fp: &[u8], packed: u64, sh: &Shape) -> bool {
    if fp.len() < sh.len || (sh.anchored && fp.len() != sh.len) || packed & sh.mask != sh.value {
        return false;
    }
    if sh.vmask != 0 {
        for (i, &c) in fp.iter().enumerate().take(sh.len) {
            if (sh.vmask >> (56 - 8 * i)) & 0xff != 0 && !matches!(c, b'1' | b's' | b'n' | b'v') {
                return false;
            }
        }
    }
    true
}

/// The reference semantics of a shape, which [`Shape`] compiles.
#[cfg(test)]
fn matches(fp: &[u8], pat: &str) -> bool {
    let pat = pat.as_bytes();
    let mut i = 0;
    for &p in pat {
        match p {
            b'$' => return i == fp.len(),
            b'V' => {
                if !matches!(fp.get(i), Some(b'1' | b's' | b'n' | b'v')) {
                    return false;
                }
            }
            _ => {
                if fp.get(i) != Some(&p) {
                    return false;
                }
            }
        }
        i += 1;
    }
    true
}

/// Whether a fingerprint has any token an attack shape needs after its
/// first: prose ("nnnnn") is skipped without trying every pattern.
fn worth_matching(fp: &[u8]) -> bool {
    fp.len() >= 2 && fp[1..].iter().any(|c| b"&oac;)BEUf(".contains(c))
}

fn judge_fingerprint(fp: &[u8]) -> Option<(Severity, &'static str)> {
    if !worth_matching(fp) {
        return None;
    }
    // Leading parentheses are how values open nested expressions: `((1 or 1`.
    let trimmed = {
        let k = fp.iter().take_while(|&&c| c == b'(').count();
        &fp[k..]
    };
    // Without leading parentheses `trimmed` is `fp`: match it once.
    let both = [fp, trimmed];
    let forms = if trimmed.len() == fp.len() { &both[..1] } else { &both[..] };
    let packed = [pack_fp(fp), pack_fp(trimmed)];
    let heads = [may_match_shape(fp), may_match_shape(trimmed)];
    for ((f, &p), _) in forms.iter().zip(&packed).zip(&heads).filter(|(_, &h)| h) {
        if HIGH_SHAPES.iter().any(|sh| shape_matches(f, p, sh)) {
            return Some((Severity::High, "sqli.fingerprint"));
        }
    }
    for ((f, &p), _) in forms.iter().zip(&packed).zip(&heads).filter(|(_, &h)| h) {
        if MEDIUM_SHAPES.iter().any(|sh| shape_matches(f, p, sh)) {
            return Some((Severity::Medium, "sqli.fingerprint_partial"));
        }
    }
    None
}

fn text<'a>(s: &'a [u8], t: &Tok) -> &'a [u8] {
    &s[t.start..t.end]
}

/// Whether what follows a statement keyword at `toks[i]` looks like SQL
/// rather than prose ("select the best one").
fn statement_shape(s: &[u8], toks: &[Tok], i: usize) -> bool {
    let kw = text(s, &toks[i]);
    let next = toks.get(i + 1);
    let next2 = toks.get(i + 2);
    let nk = next.map(|t| t.kind);
    let nt = next.map_or(&b""[..], |t| text(s, t));
    match kw {
        b"select" => match nk {
            Some(Kind::Num | Kind::Func | Kind::Var | Kind::Str | Kind::LParen) => true,
            Some(Kind::Arith) => nt == b"*",
            Some(Kind::Kw) => matches!(nt, b"all" | b"distinct" | b"top"),
            Some(Kind::Name) => matches!(
                next2.map(|t| t.kind),
                Some(Kind::Comma | Kind::Kw | Kind::Op | Kind::Comment | Kind::Semi | Kind::RParen | Kind::Logic | Kind::Group | Kind::Union)
            ) && next2.map_or(true, |t| t.kind != Kind::Kw || matches!(text(s, t), b"from" | b"into" | b"as")),
            None => false,
            _ => false,
        },
        b"insert" => nt == b"into",
        b"delete" => nt == b"from",
        b"update" => nk == Some(Kind::Name) && next2.map_or(false, |t| text(s, t) == b"set"),
        b"drop" | b"create" | b"alter" | b"truncate" => {
            matches!(nt, b"table" | b"database" | b"schema" | b"view" | b"index" | b"procedure" | b"function" | b"trigger" | b"user")
        }
        b"exec" | b"execute" => {
            matches!(nk, Some(Kind::Var | Kind::LParen | Kind::Str))
                || (matches!(nk, Some(Kind::Name | Kind::Func)) && (nt.starts_with(b"xp_") || nt.starts_with(b"sp_") || nt.starts_with(b"master.") || nt.starts_with(b"dbo.")))
        }
        b"declare" => nk == Some(Kind::Var),
        b"shutdown" => matches!(nk, None | Some(Kind::Comment | Kind::Semi | Kind::Name)),
        b"waitfor" => matches!(nt, b"delay" | b"time"),
        _ => false,
    }
}

/// Sequences that only SQL produces, anywhere in the value, comments removed.
fn judge_sequences(s: &[u8], toks: &[Tok], code: &mut Vec<Tok>, hits: &mut Hits) {
    let mut prev: Option<&Tok> = None;
    let mut has_structure = false;
    let mut internals = false;
    // Most values hold no comment: match their tokens without a copy.
    let code: &[Tok] = if toks.iter().any(|t| t.kind == Kind::Comment) {
        code.clear();
        code.extend(toks.iter().filter(|t| t.kind != Kind::Comment).copied());
        code
    } else {
        toks
    };
    for (i, t) in code.iter().enumerate() {
        let next = code.get(i + 1);
        match t.kind {
            Kind::Union => {
                let mut j = i + 1;
                if code.get(j).map_or(false, |t| t.kind == Kind::Kw && matches!(text(s, t), b"all" | b"distinct")) {
                    j += 1;
                }
                while code.get(j).map_or(false, |t| t.kind == Kind::LParen) {
                    j += 1;
                }
                if code.get(j).map_or(false, |u| u.kind == Kind::Stmt && text(s, u) == b"select") {
                    // After `union select`, a call of a function the table
                    // does not know (`aes_decrypt(`, `version(`) is a column;
                    // prose puts a space before its parentheses.
                    let unknown_call = match (code.get(j + 1), code.get(j + 2)) {
                        (Some(n), Some(p)) => n.kind == Kind::Name && p.kind == Kind::LParen && p.start == n.end,
                        _ => false,
                    };
                    if statement_shape(s, &code[j..], 0) || code.len() == j + 1 || unknown_call {
                        hits.add(Category::SqlInjection, Severity::High, "sqli.union_select");
                        return;
                    }
                }
            }
            Kind::Stmt => {
                if statement_shape(s, &code[i..], 0) {
                    let w = text(s, t);
                    // `and`/`or` and operators take an expression, not a
                    // statement: `and (select`, `=(select` break at their
                    // parenthesis, while `and select 'x'` and `?q=select+a,+b`
                    // are not SQL but prose and URLs ("click Security and
                    // select 'Sign out'"). `&&`/`||` still count. After `)` only a batch
                    // without separators (T-SQL) starts a statement, and a
                    // `select` there returns a result set nobody reads, while
                    // numbered steps are prose ("2) select 'Notifications'");
                    // `) drop table`, `) delete from` still count.
                    let after_break = prev.map_or(false, |p| {
                        matches!(p.kind, Kind::Semi | Kind::LParen | Kind::Comma)
                            || (p.kind == Kind::RParen && w != b"select")
                            || (p.kind == Kind::Logic && !text(s, p).first().map_or(false, u8::is_ascii_alphabetic))
                    });
                    if after_break || w == b"waitfor" || w == b"shutdown" || w == b"exec" || w == b"declare" {
                        hits.add(Category::SqlInjection, Severity::High, "sqli.statement");
                        return;
                    }
                    // A whole statement on its own ("select a from b",
                    // "drop table x"): SQL, maybe quoted in a message.
                    let has_from = code[i..].iter().take(32).any(|t| t.kind == Kind::Kw && matches!(text(s, t), b"from" | b"into" | b"table" | b"set"));
                    if has_from || w != b"select" {
                        hits.add(Category::SqlInjection, Severity::Medium, "sqli.statement_text");
                    }
                }
            }
            Kind::Func => {
                let w = text(s, t);
                if ATTACK_FUNCTIONS.binary_search(&w).is_ok() {
                    hits.add(Category::SqlInjection, Severity::High, "sqli.attack_function");
                    return;
                }
            }
            Kind::Kw if text(s, t) == b"into" => {
                if next.map_or(false, |n| matches!(text(s, n), b"outfile" | b"dumpfile")) {
                    hits.add(Category::SqlInjection, Severity::High, "sqli.into_outfile");
                    return;
                }
            }
            Kind::Name | Kind::Var => {
                let w = text(s, t);
                if w.len() >= INTERNALS_MIN_LEN && INTERNALS_FIRST.contains(&w[0]) && INTERNALS.iter().any(|x| w.starts_with(x) && w.get(x.len()).map_or(true, |&c| c == b'.' || c == b'`')) {
                    internals = true;
                }
            }
            _ => {}
        }
        if matches!(t.kind, Kind::Logic | Kind::Stmt | Kind::Semi | Kind::Op | Kind::Arith | Kind::Func | Kind::Kw) {
            has_structure = true;
        }
        prev = Some(t);
    }
    if internals {
        let sev = if has_structure { Severity::High } else { Severity::Medium };
        hits.add(Category::SqlInjection, sev, "sqli.internals");
    }
}

/// Whether a break-out in a quoted context is surrounded by prose: a
/// phrase with spaces before the closing quote, a long unclosed string at
/// the end, or a comment holding words (`7" #2 circular needle`). Real
/// payloads keep those parts short (`1' or '1'='1`, `admin'#`).
fn prose_around(s: &[u8], toks: &[Tok], folded: &[Tok]) -> bool {
    let first = &toks[0];
    let lead = &s[first.start..first.end];
    if (lead.len() > 12 && lead.contains(&b' ')) || lead.len() > 24 {
        return true;
    }
    if let Some(last) = folded.last() {
        let t = &s[last.start..last.end];
        match last.kind {
            Kind::Str if folded.len() > 1 => {
                let open = t.len() < 2 || t[t.len() - 1] != t[0];
                if open && t.len() > 4 {
                    return true;
                }
            }
            Kind::Comment => {
                let body = t.iter().skip(1).filter(|b| b.is_ascii_alphanumeric()).count();
                if body > 3 && folded.len() <= 3 {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

/// Buffers reused across values.
#[derive(Default)]
pub(crate) struct Scratch {
    toks: Vec<Tok>,
    folded: Vec<Tok>,
    code: Vec<Tok>,
    fp: Vec<u8>,
}

/// Internals that are one word (`information_schema`) or whose first part
/// is one (`mysql` of `mysql.user`): what a value of names alone needs to
/// hold to reach `sqli.internals`.
fn internal_word(w: &[u8]) -> bool {
    // Every entry is at least INTERNALS_MIN_LEN long and starts with a byte
    // of INTERNALS_FIRST (checked by `tables_sorted`): most words are ruled
    // out before comparing.
    w == b"mysql"
        || w == b"sys"
        || (w.len() >= INTERNALS_MIN_LEN && INTERNALS_FIRST.contains(&w[0]) && INTERNALS.iter().any(|x| *x == w))
}

/// For a value without any byte of [`super::SQL_BYTES`]: whether the
/// tokenizer could still produce a token that some fingerprint shape or
/// sequence needs. Without quotes, parentheses, `#` and `;`, those are: a
/// keyword (also one MySQL splits off a number, as in `1union` or `0xfor`),
/// a comment (`--`, `/*`), a logic operator (`&&`, `||`), or a name of
/// database internals (`sysobjects`, `mysql.user`, `@@version`). Every
/// shape in `HIGH` and `MEDIUM` holds one of `s & ( ) c ; B E U f k`
/// (checked by a test), and the sequences need keywords, calls or internals;
/// names, numbers, variables, other operators, commas and unknown bytes
/// alone match nothing.
///
/// Normalisation checks each word with [`sql_word`] and records the pairs
/// (`--`, `/*`, `@@`, `&&`, `||`), so this is a few bit tests; the walk
/// it replaced is kept for tests as [`needs_tokenizer_walk`].
pub(crate) fn needs_tokenizer(input: &Input) -> bool {
    input.sql_word() || input.has_pair(PAIR_DASHES | PAIR_SLASH_STAR | PAIR_ATS | PAIR_AMPS | PAIR_PIPES)
}

/// Whether `w`, a whole word (a maximal run of [`word_byte`]s), may
/// become a token `needs_tokenizer` looks for: a keyword, a keyword
/// MySQL splits off a leading number, or a name of database internals.
pub(crate) fn sql_word(w: &[u8]) -> bool {
    if w[0].is_ascii_digit() {
        // A number ends where its digits do, wherever that is (hex,
        // exponents): try every letter as the start of a keyword. The end
        // of a run of letters is found once per run, not once per letter
        // (per letter, `0` and a megabyte of `x` took seconds).
        let mut e = 0;
        for p in 1..w.len() {
            if w[p].is_ascii_alphabetic() {
                if e <= p {
                    e = w[p..].iter().position(|c| !c.is_ascii_alphabetic()).map_or(w.len(), |q| p + q);
                }
                if lookup(&w[p..e]).is_some() {
                    return true;
                }
            }
        }
        false
    } else {
        lookup(w).is_some() || internal_word(w)
    }
}

/// The separate walk `needs_tokenizer` used to make: the reference its
/// normalisation-time version is tested against.
#[cfg(test)]
pub(crate) fn needs_tokenizer_walk(s: &[u8]) -> bool {
    let mut i = 0;
    while i < s.len() {
        let b = s[i];
        if !word_byte(b) {
            let next = s.get(i + 1).copied();
            let pair = match b {
                b'-' => next == Some(b'-'),
                b'/' => next == Some(b'*'),
                b'@' => next == Some(b'@'),
                b'&' => next == Some(b'&'),
                b'|' => next == Some(b'|'),
                _ => false,
            };
            if pair {
                return true;
            }
            i += 1;
            continue;
        }
        let start = i;
        while i < s.len() && word_byte(s[i]) {
            i += 1;
        }
        if sql_word(&s[start..i]) {
            return true;
        }
    }
    false
}

pub(crate) fn detect(input: &Input, scratch: &mut Scratch, hits: &mut Hits) {
    let s = input.text;
    let Scratch { toks, folded, code, fp } = scratch;
    let (toks, folded, code, fp) = (toks, folded, code, fp);
    for quote in [Quote::None, Quote::Single, Quote::Double] {
        match quote {
            Quote::Single if !input.has(b'\'') => continue,
            Quote::Double if !input.has(b'"') => continue,
            _ => {}
        }
        if !tokenize(s, quote, toks) {
            continue;
        }
        fold(s, toks, folded);
        fp.clear();
        fp.extend(folded.iter().take(FP_LEN).map(|t| t.kind.ch()));
        // Bare, a value that merely starts with a quoted phrase is not
        // breaking out of anything: shapes that start with a string belong
        // to the quoted contexts.
        let judged = if quote == Quote::None && fp.first() == Some(&b's') { None } else { judge_fingerprint(fp) };
        let judged = judged.map(|(sev, rule)| if quote != Quote::None && sev == Severity::High && prose_around(s, toks, folded) { (Severity::Medium, rule) } else { (sev, rule) });
        if let Some((sev, rule)) = judged {
            hits.add(Category::SqlInjection, sev, rule);
            if sev == Severity::High {
                return;
            }
        }
        // In a quoted context the sequences count only after the break-out
        // (the first token is the string the value closes).
        let from = if quote == Quote::None { 0 } else { 1 };
        if folded.len() > from {
            judge_sequences(s, &folded[from..], code, hits);
        }
        if hits.severity(Category::SqlInjection) == Some(Severity::High) {
            return;
        }
    }
}

/// The fingerprint of `s` in each context, for tests and tuning.
#[cfg(test)]
fn fingerprints(s: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    let mut toks = Vec::new();
    let mut folded = Vec::new();
    for q in [Quote::None, Quote::Single, Quote::Double] {
        if tokenize(s, q, &mut toks) {
            fold(s, &toks, &mut folded);
            out.push(folded.iter().take(FP_LEN).map(|t| t.kind.ch() as char).collect());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_sorted() {
        assert!(KEYWORDS.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(KEYWORDS.iter().all(|(k, _)| (2..=9).contains(&k.len()) && k.iter().all(|c| c.is_ascii_lowercase())));
        for (k, kind) in KEYWORDS {
            assert_eq!(lookup(k), Some(*kind));
        }
        assert_eq!(lookup(b"union"), Some(Kind::Union));
        assert_eq!(lookup(b"unio"), None);
        assert!(FUNCTIONS.windows(2).all(|w| w[0] < w[1]));
        assert!(ATTACK_FUNCTIONS.windows(2).all(|w| w[0] < w[1]));
        assert!(INTERNALS.iter().all(|x| x.len() >= INTERNALS_MIN_LEN && INTERNALS_FIRST.contains(&x[0])));
    }

    /// What `needs_tokenizer` relies on: every shape needs a string, a
    /// logic operator, a parenthesis, a comment, a `;`, a keyword or a call.
    #[test]
    fn every_shape_needs_a_gated_token() {
        for p in HIGH.iter().chain(MEDIUM) {
            assert!(p.bytes().any(|c| b"s&()c;BEUfk".contains(&c)), "shape {} escapes the SQL gate", p);
        }
    }

    /// The compiled shapes match exactly what `matches` matches: every
    /// fingerprint of up to five token characters (and `(` prefixes).
    #[test]
    fn shapes_compile() {
        assert!(HIGH.iter().chain(MEDIUM).all(|p| p.len() <= 8 && p.find('$').map_or(true, |i| i == p.len() - 1)));
        let alphabet: Vec<u8> = b"s1vkUEBfnoa&c(),;X".to_vec();
        let mut fps: Vec<Vec<u8>> = vec![Vec::new()];
        let mut all = Vec::new();
        for _ in 0..5 {
            let mut next = Vec::new();
            for fp in &fps {
                for &c in &alphabet {
                    let mut f = fp.clone();
                    f.push(c);
                    next.push(f);
                }
            }
            all.extend(fps);
            fps = next;
        }
        all.extend(fps);
        for fp in &all {
            let packed = pack_fp(fp);
            for (pats, shapes) in [(HIGH, &HIGH_SHAPES[..]), (MEDIUM, &MEDIUM_SHAPES[..])] {
                for (p, sh) in pats.iter().zip(shapes) {
                    assert_eq!(matches(fp, p), shape_matches(fp, packed, sh), "{:?} {}", String::from_utf8_lossy(fp), p);
                }
            }
        }
    }

    #[test]
    fn fingerprint_shapes() {
        assert_eq!(fingerprints(b"1' or 1=1--"), vec!["1s", "s&1o1c"]);
        assert_eq!(fingerprints(b"o'brien"), vec!["ns", "sn"]);
        assert_eq!(fingerprints(b"-1 union select 1,2"), vec!["1UE1,1"]);
        assert_eq!(fingerprints(b"((1 or 1))--"), vec!["(1&1)c"]);
    }
}

