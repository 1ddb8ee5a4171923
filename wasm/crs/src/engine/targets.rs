//! What a rule target names: a request variable (from [`crate::vars`]), the
//! `TX` collection, or the matched-variable bookkeeping the chained rules
//! read (`MATCHED_VAR`, `MATCHED_VARS`, ...).

use crate::ir::Selector;
use crate::vars::Var;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    Request(Var),
    Tx,
    MatchedVar,
    MatchedVarName,
    MatchedVars,
    MatchedVarsNames,
}

impl Source {
    /// The source SecLang calls `name` (any case).
    pub fn from_name(name: &str) -> Option<Source> {
        let upper = name.to_ascii_uppercase();
        Some(match upper.as_str() {
            "TX" => Source::Tx,
            "MATCHED_VAR" => Source::MatchedVar,
            "MATCHED_VAR_NAME" => Source::MatchedVarName,
            "MATCHED_VARS" => Source::MatchedVars,
            "MATCHED_VARS_NAMES" => Source::MatchedVarsNames,
            _ => Source::Request(Var::from_name(&upper)?),
        })
    }

    /// A variable of the request itself: fixed for the request (until a
    /// body re-parse), so its values can be scanned and cached.
    pub fn is_request(self) -> bool {
        matches!(self, Source::Request(_))
    }

    /// The upper-case name `MATCHED_VAR_NAME` starts with.
    pub fn name(self) -> &'static str {
        match self {
            Source::Request(v) => v.name(),
            Source::Tx => "TX",
            Source::MatchedVar => "MATCHED_VAR",
            Source::MatchedVarName => "MATCHED_VAR_NAME",
            Source::MatchedVars => "MATCHED_VARS",
            Source::MatchedVarsNames => "MATCHED_VARS_NAMES",
        }
    }

    /// Whether members have keys (`VAR:key` selects among them).
    pub fn is_collection(self) -> bool {
        match self {
            Source::Request(v) => v.is_collection(),
            Source::Tx | Source::MatchedVars | Source::MatchedVarsNames => true,
            Source::MatchedVar | Source::MatchedVarName => false,
        }
    }
}

/// A target as written in an exclusion or a `ctl:ruleRemoveTarget*`:
/// `ARGS`, `ARGS:comment`, `ARGS:/^body_/`, `REQUEST_FILENAME`.
#[derive(Debug, Clone)]
pub(crate) struct TargetSpec {
    pub source: Source,
    pub key: Option<Selector>,
}

/// Parses a [`TargetSpec`]; the error names what is wrong.
pub(crate) fn parse_target_spec(text: &str) -> Result<TargetSpec, String> {
    let text = text.trim();
    let (name, key) = match text.split_once(':') {
        Some((n, k)) => (n, Some(k)),
        None => (text, None),
    };
    let source = Source::from_name(name.trim()).ok_or_else(|| format!("unknown variable {:?} in target {:?}", name, text))?;
    let key = match key.map(str::trim) {
        None => None,
        Some("") => return Err(format!("empty key in target {:?}", text)),
        Some(k) if k.len() >= 2 && k.starts_with('/') && k.ends_with('/') => Some(Selector::Regex(k[1..k.len() - 1].to_string())),
        Some(k) => Some(Selector::Key(k.to_string())),
    };
    if key.is_some() && !source.is_collection() {
        return Err(format!("{} has no members to select in target {:?}", source.name(), text));
    }
    Ok(TargetSpec { source, key })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(Source::from_name("args"), Some(Source::Request(Var::Args)));
        assert_eq!(Source::from_name("TX"), Some(Source::Tx));
        assert_eq!(Source::from_name("matched_vars"), Some(Source::MatchedVars));
        assert_eq!(Source::from_name("GEO"), None);
        assert_eq!(Source::Request(Var::RequestHeaders).name(), "REQUEST_HEADERS");
    }

    #[test]
    fn specs() {
        let s = parse_target_spec("ARGS:comment").unwrap();
        assert_eq!(s.source, Source::Request(Var::Args));
        assert!(matches!(s.key, Some(Selector::Key(ref k)) if k == "comment"));
        let s = parse_target_spec("REQUEST_COOKIES:/^__utm/").unwrap();
        assert!(matches!(s.key, Some(Selector::Regex(ref r)) if r == "^__utm"));
        assert!(parse_target_spec("REQUEST_FILENAME").unwrap().key.is_none());
        assert!(parse_target_spec("NOPE:x").is_err());
        assert!(parse_target_spec("ARGS:").is_err());
        assert!(parse_target_spec("REQUEST_URI:x").is_err());
    }
}
