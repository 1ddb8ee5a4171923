//! The SHIELD rule in the analyzer: our own detectors (the `shield` crate)
//! and, when the rule has a paranoia level, the OWASP CRS (the `crs` crate)
//! over one request, and the outcome both give together (the CRS fields,
//! `rule_ids` and `anomaly_score`, only when the CRS ran).
//!
//! A request is denied when the CRS anomaly score reaches the rule's
//! `anomaly_threshold` or our detectors find a High-severity attack. The
//! outcome's `score` is the request's suspicion points (the host adds them
//! up per client): our findings' points (Low 1, Medium 2, High 3), or 3 for
//! a request the CRS denied when that is more.

use std::borrow::Cow;
use std::rc::Rc;

use serde::Deserialize;

use crate::request::Request;

/// The SHIELD entry of a rule-set configuration (Python `ShieldRule.analyzer_part`).
#[derive(Deserialize)]
pub(crate) struct ShieldConfig {
    index: u32,
    max_body_bytes: Option<usize>,
    max_decode_rounds: Option<u8>,
    max_params: Option<usize>,
    max_json_depth: Option<usize>,
    max_value_bytes: Option<usize>,
    max_header_bytes: Option<usize>,
    /// `"deny"` or `"inspect_prefix"` (see `shield::OnLimit`).
    on_limit: Option<String>,
    /// The CRS's paranoia level; `None`: the CRS does not run (our detectors only).
    #[serde(default)]
    paranoia_level: Option<u8>,
    #[serde(default = "five")]
    anomaly_threshold: u32,
    #[serde(default)]
    disabled_ids: Vec<(u32, u32)>,
    #[serde(default)]
    disabled_tags: Vec<String>,
    #[serde(default)]
    exclusions: Vec<ExclusionConfig>,
    /// Shield's default exclusions (Python `DEFAULT_EXCLUSIONS`), applied
    /// with the user's.
    #[serde(default)]
    tuning_exclusions: Vec<ExclusionConfig>,
    /// crs-setup.conf settings, `tx.<name>` = value (checked by the host).
    #[serde(default)]
    settings: Vec<(String, String)>,
    /// The application's exclusions as they apply to our detectors: a
    /// target and the categories it leaves out (`shield::Exclusion`; the
    /// host maps CRS tags to categories).
    #[serde(default)]
    detector_exclusions: Vec<DetectorExclusionConfig>,
    /// Rules whose matches our detectors must confirm (`crs::SecondOpinion`):
    /// shield's defaults, then the application's, kept in this order (for a
    /// rule several entries name, the last one decides).
    #[serde(default)]
    second_opinions: Vec<SecondOpinionConfig>,
}

#[derive(Deserialize)]
struct SecondOpinionConfig {
    #[serde(default)]
    ids: Vec<(u32, u32)>,
    #[serde(default)]
    tags: Vec<String>,
    categories: Vec<String>,
    #[serde(default = "low")]
    min_severity: String,
}

fn low() -> String {
    "LOW".into()
}

#[derive(Deserialize)]
struct DetectorExclusionConfig {
    target: String,
    categories: Vec<String>,
}

#[derive(Deserialize)]
struct ExclusionConfig {
    target: String,
    #[serde(default)]
    ids: Vec<(u32, u32)>,
    #[serde(default)]
    tags: Vec<String>,
}

fn five() -> u32 {
    5
}

pub(crate) struct ShieldRule {
    pub(crate) index: u32,
    pub(crate) config: shield::Config,
    /// Which of the analyzer's CRS engines runs this rule's configuration
    /// (`None`: the rule does not run the CRS).
    crs: Option<usize>,
}

/// The analyzer's CRS engines, one per distinct configuration: rule sets
/// with the same tuning share one (its scratch space). Every engine runs
/// the one compiled program (rule table, prefilter automaton, regexes: some
/// 17 MiB of the instance's 64), so a new configuration costs kilobytes.
#[derive(Default)]
pub(crate) struct CrsEngines {
    program: Option<Rc<crs::Program>>,
    engines: Vec<(CrsKey, crs::Engine)>,
}

/// A CRS configuration, comparable.
#[derive(PartialEq)]
struct CrsKey {
    paranoia_level: u8,
    anomaly_threshold: u32,
    disabled_ids: Vec<(u32, u32)>,
    disabled_tags: Vec<String>,
    exclusions: Vec<(String, Vec<(u32, u32)>, Vec<String>)>,
    max_body_bytes: usize,
    settings: Vec<(String, String)>,
    second_opinions: Vec<(Vec<(u32, u32)>, Vec<String>, Vec<String>, String)>,
}

impl CrsKey {
    fn config(&self) -> crs::Config {
        crs::Config {
            paranoia_level: self.paranoia_level,
            anomaly_threshold: self.anomaly_threshold,
            disabled_ids: self.disabled_ids.clone(),
            disabled_tags: self.disabled_tags.clone(),
            exclusions: self
                .exclusions
                .iter()
                .map(|(target, ids, tags)| crs::Exclusion { target: target.clone(), ids: ids.clone(), tags: tags.clone() })
                .collect(),
            max_body_bytes: self.max_body_bytes,
            second_opinions: self
                .second_opinions
                .iter()
                .map(|(ids, tags, categories, min)| crs::SecondOpinion { ids: ids.clone(), tags: tags.clone(), categories: categories.clone(), min_severity: min.clone() })
                .collect(),
        }
    }
}

impl CrsEngines {
    /// The engine for `key`, built on first use (an invalid configuration is
    /// an error naming what is wrong).
    fn index_of(&mut self, key: CrsKey) -> Result<usize, String> {
        if let Some(i) = self.engines.iter().position(|(k, _)| *k == key) {
            return Ok(i);
        }
        let program = match &self.program {
            Some(p) => Rc::clone(p),
            None => {
                let p = crs::Program::load().map_err(|e| format!("shield: {}", e))?;
                // Every regex and phrase set compiled now, inside the
                // configuration's deadline, rather than on the first request
                // that needs it: a request built to need hundreds at once
                // would otherwise pay for their compilation (~120 ms
                // natively) and could run past the analyzer's deadline.
                p.warm_up();
                self.program = Some(Rc::clone(&p));
                p
            }
        };
        let mut engine = crs::Engine::with_program(program, key.config()).map_err(|e| format!("shield: {}", e))?;
        for (name, value) in &key.settings {
            engine.setup_var(name, value);
        }
        self.engines.push((key, engine));
        Ok(self.engines.len() - 1)
    }
}

pub(crate) fn build(cfg: ShieldConfig, engines: &mut CrsEngines) -> Result<ShieldRule, String> {
    let mut config = shield::Config::default();
    config.on_limit = match cfg.on_limit.as_deref() {
        None | Some("deny") => shield::OnLimit::Deny,
        Some("inspect_prefix") => shield::OnLimit::InspectPrefix,
        Some(other) => return Err(format!("shield on_limit: unknown policy {:?}", other)),
    };
    if let Some(v) = cfg.max_header_bytes {
        config.max_header_bytes = v;
    }
    if let Some(v) = cfg.max_body_bytes {
        config.max_body_bytes = v;
    }
    if let Some(v) = cfg.max_decode_rounds {
        config.max_decode_rounds = v;
    }
    if let Some(v) = cfg.max_params {
        config.max_params = v;
    }
    if let Some(v) = cfg.max_json_depth {
        config.max_json_depth = v;
    }
    if let Some(v) = cfg.max_value_bytes {
        config.max_value_bytes = v;
    }
    for e in &cfg.detector_exclusions {
        let categories = e
            .categories
            .iter()
            .map(|c| shield::Category::from_name(c).ok_or_else(|| format!("shield exclusion {:?}: unknown category {:?}", e.target, c)))
            .collect::<Result<Vec<_>, String>>()?;
        config.exclusions.push(shield::Exclusion::new(&e.target, &categories).map_err(|m| format!("shield exclusion {}", m))?);
    }
    let paranoia_level = match cfg.paranoia_level {
        Some(level) => level,
        None => return Ok(ShieldRule { index: cfg.index, config, crs: None }),
    };
    let key = CrsKey {
        paranoia_level,
        anomaly_threshold: cfg.anomaly_threshold,
        disabled_ids: cfg.disabled_ids,
        disabled_tags: cfg.disabled_tags,
        exclusions: cfg.tuning_exclusions.into_iter().chain(cfg.exclusions).map(|e| (e.target, e.ids, e.tags)).collect(),
        max_body_bytes: config.max_body_bytes,
        settings: cfg.settings,
        second_opinions: cfg.second_opinions.into_iter().map(|o| (o.ids, o.tags, o.categories, o.min_severity)).collect(),
    };
    let crs = Some(engines.index_of(key)?);
    Ok(ShieldRule { index: cfg.index, config, crs })
}

/// What one request gave a shield configuration: our findings and the CRS verdict.
pub(crate) struct Inspection {
    findings: Vec<shield::Finding>,
    /// `None` when the rule does not run the CRS.
    verdict: Option<crs::Verdict>,
}

/// Runs both engines over the request's shield fields. `memo` answers our
/// detectors for values this client sent before (see `shield::Memo`).
pub(crate) fn inspect(
    rule: &ShieldRule,
    req: &Request,
    body: Option<&[u8]>,
    engines: &mut CrsEngines,
    memo: &mut shield::Memo,
) -> Inspection {
    let pairs: &[Cow<str>] = req.shield_headers.as_deref().unwrap_or(&[]);
    // The host sends lower-case names; lower-case defensively all the same
    // (into a list of their own only when one needs it).
    let lowered: Vec<String>;
    let mut headers: Vec<(&str, &str)> = if pairs.chunks_exact(2).any(|p| p[0].bytes().any(|b| b.is_ascii_uppercase())) {
        lowered = pairs.chunks_exact(2).map(|p| p[0].to_ascii_lowercase()).collect();
        lowered.iter().zip(pairs.chunks_exact(2)).map(|(n, p)| (n.as_str(), &*p[1])).collect()
    } else {
        pairs.chunks_exact(2).map(|p| (&*p[0], &*p[1])).collect()
    };
    let request = shield::Request {
        method: &req.method,
        path: &req.path,
        query: &req.query,
        headers: &headers,
        cookies: &req.cookies,
        body,
    };
    // Entries are the client's own (by IP): see shield::Memo.
    let mut findings = shield::inspect_with_memo(&request, &rule.config, memo, req.ip.as_bytes());
    // What the host could not send whole follows the rule's on_limit policy
    // like what the crate cuts itself: a body the host's read limit cut (of
    // a type shield reads), headers or fields it cut to fit the frame.
    let cut = req.cut.as_deref().unwrap_or("");
    if cut.contains('t') && body.is_some() && shield::body_is_inspected(&headers) {
        findings.push(shield::limit_finding(&rule.config, shield::Location::Body, "limits.body_truncated"));
    }
    if cut.contains('c') {
        findings.push(shield::limit_finding(&rule.config, shield::Location::Header("*".into()), "limits.fields_cut"));
    }

    let verdict = rule.crs.map(|i| run_crs(&mut engines.engines[i].1, req, body, &mut headers, cut.contains('t')));
    Inspection { findings, verdict }
}

/// The CRS over the request, seen as a server would hand it to ModSecurity:
/// the request target as sent, the Cookie header among the headers.
fn run_crs<'a>(engine: &mut crs::Engine, req: &'a Request, body: Option<&[u8]>, headers: &mut Vec<(&'a str, &'a str)>,
               body_truncated: bool) -> crs::Verdict {
    let uri: Cow<str> = if req.query.is_empty() {
        Cow::Borrowed(&req.path)
    } else {
        Cow::Owned(format!("{}?{}", req.path, req.query))
    };
    let protocol = format!("HTTP/{}", req.version.as_deref().unwrap_or("1.1"));
    if !req.cookies.is_empty() {
        headers.push(("cookie", &req.cookies));
    }
    engine.evaluate(&crs::Request {
        method: &req.method,
        uri: &uri,
        protocol: &protocol,
        headers,
        body,
        body_truncated,
        remote_addr: &req.ip,
    })
}

impl Inspection {
    /// Whether `other` (a rule with the same shield and CRS configuration)
    /// can reuse this inspection.
    pub(crate) fn reusable_by(rule: &ShieldRule, other: &ShieldRule) -> bool {
        rule.config == other.config && rule.crs == other.crs
    }
}

/// Suspicion points a request scores at most.
const SCORE_CAP: u32 = 100;
/// Points of a request the CRS denied: what a High finding of ours scores.
const CRS_DENIED_POINTS: u32 = 3;

/// `[index,"ALLOW"|"DENY",{"type":"SHIELD",...}]`.
pub(crate) fn write_outcome(rule: &ShieldRule, ins: &Inspection, out: &mut Vec<u8>) {
    let found = &ins.findings;
    let none = crs::Verdict::default();
    let verdict = ins.verdict.as_ref().unwrap_or(&none);
    let mut worst = [None::<shield::Severity>; shield::Category::ALL.len()];
    let mut score: u32 = 0;
    for f in found {
        let slot = shield::Category::ALL.iter().position(|c| *c == f.category).unwrap_or(0);
        if worst[slot].map_or(true, |s| f.severity > s) {
            worst[slot] = Some(f.severity);
        }
        score = score.saturating_add(match f.severity {
            shield::Severity::Low => 1,
            shield::Severity::Medium => 2,
            shield::Severity::High => 3,
        });
    }
    if verdict.blocked {
        score = score.max(CRS_DENIED_POINTS);
    }
    let mut seen: Vec<(&str, shield::Severity)> = shield::Category::ALL
        .iter()
        .zip(worst.iter())
        .filter_map(|(c, s)| s.map(|s| (c.as_str(), s)))
        .collect();
    seen.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let mut categories: Vec<&str> = seen.iter().map(|(c, _)| *c).collect();
    for m in &verdict.matches {
        if let Some(c) = m.category.as_deref() {
            categories.push(c);
        }
    }
    categories.sort_unstable();
    categories.dedup();
    let deny = verdict.blocked || found.iter().any(|f| f.severity == shield::Severity::High);
    let triggered = !found.is_empty() || !verdict.matches.is_empty();
    // Written piece by piece: `write!` goes through core::fmt, which cost
    // more than the rest of a clean request's outcome.
    out.push(b'[');
    push_u32(out, rule.index);
    out.extend_from_slice(if deny { b",\"DENY\"" } else { b",\"ALLOW\"" });
    out.extend_from_slice(b",{\"type\":\"SHIELD\",\"shield_triggered\":");
    out.extend_from_slice(if triggered { b"true" } else { b"false" });
    out.extend_from_slice(b",\"categories\":[");
    for (i, name) in categories.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        push_json_name(out, name);
    }
    out.extend_from_slice(b"],\"score\":");
    push_u32(out, score.min(SCORE_CAP));
    out.extend_from_slice(b",\"severities\":{");
    for (i, (name, sev)) in seen.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        push_json_name(out, name);
        out.push(b':');
        push_json_name(out, sev.as_str());
    }
    out.push(b'}');
    if ins.verdict.is_some() {
        out.extend_from_slice(b",\"rule_ids\":[");
        for (i, m) in verdict.matches.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            push_u32(out, m.id);
        }
        out.extend_from_slice(b"],\"anomaly_score\":");
        push_u32(out, verdict.anomaly_score);
    }
    out.extend_from_slice(b"}]");
}

/// `n` in decimal.
pub(crate) fn push_u32(out: &mut Vec<u8>, mut n: u32) {
    let mut digits = [0u8; 10];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
}

/// One of our own names (categories, severities: `[A-Z_]`), in quotes.
fn push_json_name(out: &mut Vec<u8>, s: &str) {
    debug_assert!(s.bytes().all(|b| b.is_ascii_uppercase() || b == b'_'));
    out.push(b'"');
    out.extend_from_slice(s.as_bytes());
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(category: shield::Category, severity: shield::Severity) -> shield::Finding {
        shield::Finding { category, severity, location: shield::Location::Cookie, rule: "t" }
    }

    fn outcome(findings: Vec<shield::Finding>, verdict: Option<crs::Verdict>) -> String {
        let rule = ShieldRule { index: 0, config: shield::Config::default(), crs: verdict.as_ref().map(|_| 0) };
        let mut out = Vec::new();
        write_outcome(&rule, &Inspection { findings, verdict }, &mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn score_counts_each_finding_and_is_capped() {
        let mut f = vec![finding(shield::Category::Xss, shield::Severity::Medium); 2];
        f.push(finding(shield::Category::Ssrf, shield::Severity::Low));
        assert_eq!(
            outcome(f.clone(), Some(crs::Verdict::default())),
            r#"[0,"ALLOW",{"type":"SHIELD","shield_triggered":true,"categories":["SSRF","XSS"],"score":5,"severities":{"SSRF":"LOW","XSS":"MEDIUM"},"rule_ids":[],"anomaly_score":0}]"#
        );
        // Without the CRS the outcome has no CRS fields.
        assert_eq!(
            outcome(f.clone(), None),
            r#"[0,"ALLOW",{"type":"SHIELD","shield_triggered":true,"categories":["SSRF","XSS"],"score":5,"severities":{"SSRF":"LOW","XSS":"MEDIUM"}}]"#
        );
        assert!(outcome(vec![f[2].clone(); 500], None).contains(r#""score":100"#));
    }

    #[test]
    fn a_crs_verdict_denies_at_its_threshold_and_scores_like_a_high_finding() {
        let m = |id: u32, category: &str| crs::Match {
            id,
            category: Some(category.to_owned()),
            paranoia_level: Some(1),
            severity: Some("CRITICAL".to_owned()),
            var: "ARGS:q".to_owned(),
        };
        let blocked = crs::Verdict {
            matches: vec![m(942100, "SQL_INJECTION"), m(920270, "PROTOCOL_ANOMALY")],
            anomaly_score: 10,
            blocked: true,
            body_truncated: false,
        };
        assert_eq!(
            outcome(Vec::new(), Some(blocked.clone())),
            r#"[0,"DENY",{"type":"SHIELD","shield_triggered":true,"categories":["PROTOCOL_ANOMALY","SQL_INJECTION"],"score":3,"severities":{},"rule_ids":[942100,920270],"anomaly_score":10}]"#
        );
        // Below the threshold: reported, allowed, no suspicion points.
        let below = crs::Verdict { blocked: false, anomaly_score: 3, ..blocked };
        let out = outcome(Vec::new(), Some(below));
        assert!(out.starts_with(r#"[0,"ALLOW""#) && out.contains(r#""score":0"#) && out.contains(r#""anomaly_score":3"#), "{}", out);
        // Our High finding denies on its own, whatever the CRS says.
        let out = outcome(vec![finding(shield::Category::SqlInjection, shield::Severity::High)], Some(crs::Verdict::default()));
        assert!(out.starts_with(r#"[0,"DENY""#) && out.contains(r#""score":3"#), "{}", out);
    }
}
