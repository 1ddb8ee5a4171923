//! Request parts left out of some detectors: the application's exclusions
//! (`ShieldExclusion("ARGS:body", ("attack-sqli",))` in Python), the way the
//! CRS's `ctl:ruleRemoveTargetById` leaves a rich-text or code field out of
//! some rules. A value an exclusion names is still inspected (its hits are
//! remembered as usual); findings of the excluded categories are not
//! reported for it.
//!
//! Targets use ModSecurity's names, as the CRS exclusions do:
//! `ARGS`, `ARGS_GET`, `ARGS_POST` (argument values: query, form, multipart
//! fields, JSON members named as ModSecurity's JSON processor names them,
//! `json.a.array_0.b`), `ARGS_NAMES`, `ARGS_GET_NAMES`, `ARGS_POST_NAMES`
//! (argument names), `REQUEST_COOKIES` (cookie values), `REQUEST_HEADERS`
//! (header values) and `FILES` (multipart file names), each whole or with
//! `:name` (compared without case) or `:/regex/`.

use std::fmt;

use crate::Category;

/// Which values of a request an exclusion's target covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// `ARGS`: every argument's value.
    Args,
    /// `ARGS_GET`: query arguments' values.
    ArgsGet,
    /// `ARGS_POST`: body arguments' values (form, multipart, JSON).
    ArgsPost,
    /// `ARGS_NAMES`: every argument's name.
    ArgsNames,
    /// `ARGS_GET_NAMES`.
    ArgsGetNames,
    /// `ARGS_POST_NAMES`.
    ArgsPostNames,
    /// `REQUEST_COOKIES`: cookie values.
    Cookies,
    /// `REQUEST_HEADERS`: header values.
    Headers,
    /// `FILES`: multipart file names.
    Files,
}

impl Part {
    fn from_name(name: &str) -> Option<Part> {
        Some(match name {
            "ARGS" => Part::Args,
            "ARGS_GET" => Part::ArgsGet,
            "ARGS_POST" => Part::ArgsPost,
            "ARGS_NAMES" => Part::ArgsNames,
            "ARGS_GET_NAMES" => Part::ArgsGetNames,
            "ARGS_POST_NAMES" => Part::ArgsPostNames,
            "REQUEST_COOKIES" => Part::Cookies,
            "REQUEST_HEADERS" => Part::Headers,
            "FILES" => Part::Files,
            _ => return None,
        })
    }

    /// Whether this target part covers a value found at `at`.
    fn covers(self, at: Seen) -> bool {
        matches!(
            (self, at),
            (Part::Args | Part::ArgsGet, Seen::QueryValue)
                | (Part::Args | Part::ArgsPost, Seen::BodyValue)
                | (Part::ArgsNames | Part::ArgsGetNames, Seen::QueryName)
                | (Part::ArgsNames | Part::ArgsPostNames, Seen::BodyName)
                | (Part::Cookies, Seen::Cookie)
                | (Part::Headers, Seen::Header)
                | (Part::Files, Seen::FileName)
        )
    }
}

/// What a value is, for matching it against exclusions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Seen {
    QueryName,
    QueryValue,
    BodyName,
    BodyValue,
    Cookie,
    Header,
    FileName,
}

/// How a target selects names.
#[derive(Clone)]
enum Names {
    All,
    /// Lower-cased; compared with the lower-cased name.
    Exact(Vec<u8>),
    Regex(regex::bytes::Regex),
}

/// One exclusion: values at `part` whose name `names` selects lose the
/// findings of `categories`.
#[derive(Clone)]
pub struct Exclusion {
    target: String,
    part: Part,
    names: Names,
    categories: u16,
}

impl Exclusion {
    /// `target` (`ARGS:body`, `ARGS:/^body_/`, `REQUEST_COOKIES`, ...) left
    /// out of `categories`; an error names what is wrong with the target.
    pub fn new(target: &str, categories: &[Category]) -> Result<Exclusion, String> {
        let (part_name, selector) = match target.split_once(':') {
            Some((p, s)) => (p, Some(s)),
            None => (target, None),
        };
        let part = Part::from_name(part_name)
            .ok_or_else(|| format!("{target:?}: shield's detectors do not read {part_name} (ARGS, ARGS_GET, ARGS_POST, their _NAMES, REQUEST_COOKIES, REQUEST_HEADERS, FILES)"))?;
        let names = match selector {
            None => Names::All,
            Some(s) if s.len() >= 2 && s.starts_with('/') && s.ends_with('/') => {
                // Bytes, ASCII case rules (`(?i)` folds ASCII only), as
                // the CRS engine compiles its own.
                let re = regex::bytes::RegexBuilder::new(&s[1..s.len() - 1])
                    .unicode(false)
                    .size_limit(1 << 20)
                    .build()
                    .map_err(|e| format!("{target:?}: not a regular expression: {e}"))?;
                Names::Regex(re)
            }
            Some("") => return Err(format!("{target:?}: an empty name selects nothing")),
            Some(s) => Names::Exact(s.as_bytes().to_ascii_lowercase()),
        };
        // A value past an inspection limit is never let through by an
        // exclusion: that would turn a limit into a way around the rest.
        if categories.contains(&Category::InspectionLimit) {
            return Err(format!("{target:?}: inspection limits cannot be excluded"));
        }
        let categories = categories.iter().fold(0, |m, c| m | c.bit());
        Ok(Exclusion { target: target.to_string(), part, names, categories })
    }

    /// The target as given.
    pub fn target(&self) -> &str {
        &self.target
    }

    fn selects(&self, at: Seen, name: &[u8]) -> bool {
        self.part.covers(at)
            && match &self.names {
                Names::All => true,
                Names::Exact(n) => n.eq_ignore_ascii_case(name),
                Names::Regex(re) => re.is_match(name),
            }
    }
}

impl PartialEq for Exclusion {
    fn eq(&self, other: &Exclusion) -> bool {
        self.target == other.target && self.categories == other.categories
    }
}

impl Eq for Exclusion {}

impl fmt::Debug for Exclusion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Exclusion").field("target", &self.target).field("categories", &self.categories).finish()
    }
}

/// The categories `exclusions` leave out for a value seen `at` under `name`
/// (none, at the cost of a call, when there are no exclusions).
pub(crate) fn mask(exclusions: &[Exclusion], at: Seen, name: &[u8]) -> u16 {
    exclusions.iter().filter(|e| e.selects(at, name)).fold(0, |m, e| m | e.categories)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_select_parts_and_names() {
        let sqli = [Category::SqlInjection];
        let body = Exclusion::new("ARGS:Body", &sqli).unwrap();
        assert!(body.selects(Seen::BodyValue, b"body"));
        assert!(body.selects(Seen::QueryValue, b"BODY"));
        assert!(!body.selects(Seen::BodyName, b"body"));
        assert!(!body.selects(Seen::BodyValue, b"body2"));
        let post = Exclusion::new("ARGS_POST:/^json\\.page\\./", &sqli).unwrap();
        assert!(post.selects(Seen::BodyValue, b"json.page.html"));
        assert!(!post.selects(Seen::QueryValue, b"json.page.html"));
        let cookies = Exclusion::new("REQUEST_COOKIES", &sqli).unwrap();
        assert!(cookies.selects(Seen::Cookie, b"anything"));
        assert!(!cookies.selects(Seen::Header, b"anything"));
        assert_eq!(mask(&[body, cookies], Seen::Cookie, b"x"), Category::SqlInjection.bit());
    }

    #[test]
    fn bad_targets_say_why() {
        assert!(Exclusion::new("REQUEST_URI", &[]).unwrap_err().contains("do not read REQUEST_URI"));
        assert!(Exclusion::new("ARGS:/(/", &[]).unwrap_err().contains("not a regular expression"));
        assert!(Exclusion::new("ARGS:", &[]).unwrap_err().contains("empty name"));
        assert!(Exclusion::new("ARGS", &[Category::InspectionLimit]).unwrap_err().contains("inspection limits"));
    }
}
