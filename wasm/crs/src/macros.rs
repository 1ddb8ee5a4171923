//! Macro expansion: `%{tx.critical_anomaly_score}`, `%{MATCHED_VAR}`,
//! `%{REQUEST_HEADERS.User-Agent}` in setvar names and values and in
//! operator arguments. Parsed once when the rules are compiled into a
//! [`Template`]; expanded per request into a reused buffer.
//!
//! As in ModSecurity, a macro stands for the first value of the variable it
//! names, and for nothing when the variable is not set.

use crate::tx::{Slot, TxNames};
use crate::vars::Var;

/// A variable a macro names, resolved when the rules are compiled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum MacroVar {
    /// `%{tx.name}`.
    Tx(Slot),
    /// `%{MATCHED_VAR}`.
    MatchedVar,
    /// `%{MATCHED_VAR_NAME}`.
    MatchedVarName,
    /// A request variable (`%{REQUEST_HEADERS.User-Agent}`,
    /// `%{remote_addr}`), with the member's key for a collection.
    Request { var: Var, key: Option<Vec<u8>> },
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Lit(Vec<u8>),
    Var(MacroVar),
}

/// A string with macros in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Template {
    parts: Vec<Part>,
}

/// Where expansion reads variables from (the engine's request state).
pub(crate) trait MacroSource {
    /// Appends the first value of `var` to `out`, or nothing.
    fn append_first(&self, var: &MacroVar, out: &mut Vec<u8>);
}

impl Template {
    /// Parses `text`. `rule_id` stands in for `%{rule.id}`. Unknown
    /// variables are an error naming them; text that only looks like a
    /// macro (`%{` without `}`) stays literal, as in ModSecurity.
    pub fn parse(text: &str, names: &mut TxNames, rule_id: u32, request_var: &dyn Fn(&str) -> Option<Var>) -> Result<Template, String> {
        let mut parts = Vec::new();
        let mut lit: Vec<u8> = Vec::new();
        let mut rest = text;
        while let Some(start) = rest.find("%{") {
            let after = &rest[start + 2..];
            let end = match after.find('}') {
                Some(e) => e,
                None => break,
            };
            lit.extend_from_slice(rest[..start].as_bytes());
            let inner = &after[..end];
            let (coll, key) = match inner.find(|c| c == '.' || c == ':') {
                Some(d) => (&inner[..d], Some(&inner[d + 1..])),
                None => (inner, None),
            };
            let coll = coll.trim().to_ascii_uppercase();
            let var = match (coll.as_str(), key) {
                ("TX", Some(k)) => Some(MacroVar::Tx(names.intern(k))),
                ("MATCHED_VAR", None) => Some(MacroVar::MatchedVar),
                ("MATCHED_VAR_NAME", None) => Some(MacroVar::MatchedVarName),
                ("RULE", Some(k)) if k.eq_ignore_ascii_case("id") => {
                    lit.extend_from_slice(rule_id.to_string().as_bytes());
                    None
                }
                (c, k) => match request_var(c) {
                    Some(var) => Some(MacroVar::Request { var, key: k.map(|k| k.as_bytes().to_ascii_lowercase()) }),
                    None => return Err(format!("unsupported macro %{{{}}}", inner)),
                },
            };
            if let Some(v) = var {
                if !lit.is_empty() {
                    parts.push(Part::Lit(std::mem::take(&mut lit)));
                }
                parts.push(Part::Var(v));
            }
            rest = &after[end + 1..];
        }
        lit.extend_from_slice(rest.as_bytes());
        if !lit.is_empty() {
            parts.push(Part::Lit(lit));
        }
        Ok(Template { parts })
    }

    /// Whether it names `TX` variable `slot` for some `slot` in `slots`.
    pub fn reads_tx(&self, slots: &[Slot]) -> bool {
        self.parts.iter().any(|p| matches!(p, Part::Var(MacroVar::Tx(s)) if slots.contains(s)))
    }

    /// The text, when it holds no macro.
    pub fn literal(&self) -> Option<&[u8]> {
        match self.parts.as_slice() {
            [] => Some(b""),
            [Part::Lit(l)] => Some(l),
            _ => None,
        }
    }

    /// Writes the expansion into `out` (cleared first).
    pub fn expand(&self, src: &dyn MacroSource, out: &mut Vec<u8>) {
        out.clear();
        for p in &self.parts {
            match p {
                Part::Lit(l) => out.extend_from_slice(l),
                Part::Var(v) => src.append_first(v, out),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fixed;
    impl MacroSource for Fixed {
        fn append_first(&self, var: &MacroVar, out: &mut Vec<u8>) {
            match var {
                MacroVar::Tx(0) => out.extend_from_slice(b"5"),
                MacroVar::MatchedVarName => out.extend_from_slice(b"ARGS:q"),
                MacroVar::Request { var: Var::RequestHeaders, key: Some(k) } if k == b"user-agent" => out.extend_from_slice(b"curl"),
                _ => {}
            }
        }
    }

    fn known(c: &str) -> Option<Var> {
        match c {
            "REQUEST_HEADERS" => Some(Var::RequestHeaders),
            "REMOTE_ADDR" => Some(Var::RemoteAddr),
            _ => None,
        }
    }

    #[test]
    fn parses_and_expands() {
        let mut names = TxNames::default();
        let t = Template::parse("=+%{tx.critical_anomaly_score}", &mut names, 1, &known).unwrap();
        assert_eq!(names.get("critical_anomaly_score"), Some(0));
        let mut out = Vec::new();
        t.expand(&Fixed, &mut out);
        assert_eq!(out, b"=+5");
        let t = Template::parse("%{matched_var_name} by %{REQUEST_HEADERS.User-Agent}, %{rule.id}%{tx.unset}", &mut names, 942100, &known).unwrap();
        t.expand(&Fixed, &mut out);
        assert_eq!(out, b"ARGS:q by curl, 942100");
    }

    #[test]
    fn literals_and_broken_macros() {
        let mut names = TxNames::default();
        let t = Template::parse("GET HEAD POST", &mut names, 1, &known).unwrap();
        assert_eq!(t.literal(), Some(&b"GET HEAD POST"[..]));
        let t = Template::parse("100%{ open", &mut names, 1, &known).unwrap();
        assert_eq!(t.literal(), Some(&b"100%{ open"[..]));
        assert!(Template::parse("%{GEO.country}", &mut names, 1, &known).is_err());
    }
}
