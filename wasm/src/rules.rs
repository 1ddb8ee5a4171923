//! Rule sets and the per-request evaluation behind `configure` / `analyze`.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Deserialize;

use crate::bots::{self, Detector, Selector, Verification};
use crate::email;
use crate::fingerprint::{self, Source};
use crate::net::parse_ip;

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

enum Rule {
    Bot(BotRule),
    Email(EmailRule),
}

/// A configured rule set.
pub struct RuleSet {
    rules: Vec<Rule>,
}

/// One request, positional so the host encodes it cheaply:
/// `[ua, ip, email, method, host, path, query, cookies, headers, custom, fingerprint_sets]`.
/// Strings borrow from the input unless they contain JSON escapes.
#[derive(Deserialize)]
struct Request<'a>(
    #[serde(borrow)] Option<Cow<'a, str>>,
    #[serde(borrow)] Cow<'a, str>,
    #[serde(borrow)] Option<Cow<'a, str>>,
    #[serde(borrow)] Cow<'a, str>,
    #[serde(borrow)] Cow<'a, str>,
    #[serde(borrow)] Cow<'a, str>,
    #[serde(borrow)] Cow<'a, str>,
    #[serde(borrow)] Cow<'a, str>,
    #[serde(borrow)] BTreeMap<Cow<'a, str>, Cow<'a, str>>,
    #[serde(borrow)] BTreeMap<Cow<'a, str>, Cow<'a, str>>,
    #[serde(borrow)] Vec<Vec<Cow<'a, str>>>,
);

/// Holds the compiled bot catalogue and every configured rule set.
#[derive(Default)]
pub struct Analyzer {
    detector: Option<Detector>,
    rulesets: Vec<RuleSet>,
    fingerprints: fingerprint::Cache,
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
    match build(input) {
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

fn build(input: &[u8]) -> Result<RuleSet, String> {
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
        });
    }
    Ok(RuleSet { rules })
}

/// Evaluate one request against rule set `handle`. Writes
/// `{"r":[[index,"ALLOW"|"DENY"|"ERROR",reason],...]}`, then one line per
/// fingerprint set: `\n` + the fingerprint, or `\n!` + why it is missing.
/// A request that cannot be read gives `{"error": "..."}` alone.
pub fn analyze_json(an: &mut Analyzer, handle: u32, input: &[u8], out: &mut Vec<u8>) {
    out.clear();
    let req: Request = match serde_json::from_slice(input) {
        Ok(r) => r,
        Err(e) => return write_error(out, &format!("bad request encoding: {}", e)),
    };
    if handle as usize >= an.rulesets.len() {
        return write_error(out, "unknown rule set handle");
    }
    let needs_bots = an.rulesets[handle as usize].rules.iter().any(|r| matches!(r, Rule::Bot(_)));
    if needs_bots {
        an.detector();
    }
    let set = &an.rulesets[handle as usize];
    let detector = an.detector.as_ref();
    let ip = parse_ip(&req.1);

    out.extend_from_slice(b"{\"r\":[");
    let mut detection: Option<bots::Detection> = None;
    for (n, rule) in set.rules.iter().enumerate() {
        if n > 0 {
            out.push(b',');
        }
        match rule {
            Rule::Bot(rule) => {
                let ua = req.0.as_deref().unwrap_or("");
                if ua.is_empty() {
                    let _ = write!(Buf(out), "[{},\"ERROR\",", rule.index);
                    write_error_reason(out, MISSING_UA);
                    out.push(b']');
                    continue;
                }
                let det = match (&detection, detector) {
                    (Some(d), _) => d,
                    (None, Some(d)) => detection.insert(d.detect(ua.as_bytes())),
                    (None, None) => unreachable!("detector compiled above"),
                };
                bot_outcome(rule, det, detector.expect("compiled"), ip.as_ref(), out);
            }
            Rule::Email(rule) => email_outcome(rule, req.2.as_deref(), out),
        }
    }
    // Outcomes depend on the user agent and email, fingerprints on the IP and
    // friends: separate lines, so the host can cache the decoded outcomes.
    out.extend_from_slice(b"]}");
    let src = Source {
        ip: &req.1,
        method: &req.3,
        host: &req.4,
        path: &req.5,
        query: &req.6,
        cookies: &req.7,
        headers: &req.8,
        custom: &req.9,
    };
    for names in req.10.iter() {
        out.push(b'\n');
        match fingerprint::fingerprint(names, &src, &mut an.fingerprints) {
            Ok(fp) => out.extend_from_slice(fp.as_bytes()),
            Err(msg) => {
                out.push(b'!');
                out.extend_from_slice(msg.replace('\n', " ").as_bytes());
            }
        }
    }
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
            let _ = write!(Buf(out), "[{},\"ERROR\",", rule.index);
            write_error_reason(out, "email validation requires an email address");
            out.push(b']');
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
