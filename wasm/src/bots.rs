//! Bot detection over the `User-Agent` header.
//!
//! The catalogue (well-known-bots widened by crawler-user-agents, see
//! `wasm/bot_sources.py`) is compiled by the generator into one
//! Aho-Corasick automaton: ~1,500 patterns are plain literals, and most of the
//! rest are small finite languages (`[wW]get`, `^curl`,
//! `Face(book){0,1}[Bb]ot`) that it expands into literals. The few left (9
//! today) are real regexes; each has
//! a literal it cannot match without, which sits in the automaton as its
//! trigger, so a regex runs only on user agents that contain that literal.
//! Cost: one linear pass over the header, plus rarely one regex pass. (A
//! `RegexSet` over the ~25 original regexes costs ~0.5 µs natively per call
//! even on a one-byte header, more than the whole automaton pass; one
//! `RegexSet` over all ~630 patterns costs ten times more again.)

use std::net::IpAddr;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::bytes::{Regex, RegexBuilder};

use crate::generated::bots::{Entry, CATEGORIES, ENTRIES, LITERALS, NO_REGEX, RANGE_GROUPS, REGEXES, UNKNOWN_CATEGORY};
use crate::net::Network;

/// Identifier reported for automated clients that match no catalogue entry.
pub const UNKNOWN_BOT: &str = "UNKNOWN_BOT";

/// Index used for `UNKNOWN_BOT` in id sets (one past the catalogue).
pub fn unknown_bot_index() -> usize {
    ENTRIES.len()
}

/// Case-insensitive tokens that mark a generic automated client: HTTP
/// libraries, headless browsers, scrapers, and anything calling itself a bot.
/// Only consulted when no catalogue entry matched.
const GENERIC_TOKENS: &[&str] = &[
    "bot", "crawl", "spider", "scrape", "scrapy", "slurp", "headless", "phantomjs", "selenium",
    "webdriver", "puppeteer", "playwright", "python", "aiohttp", "httpx", "urllib", "requests/",
    "java/", "jakarta", "okhttp", "apache-httpclient", "go-http-client", "node-fetch", "undici",
    "axios", "got (", "superagent", "libwww", "lwp::", "perl", "ruby", "php/", "guzzle", "curl",
    "wget", "httpie", "http_request", "httpclient", "http-client", "http client", "restsharp",
    "winhttp", "dart:io", "reqwest", "hyper/", "fetcher", "archiver", "checker", "monitor",
    "scanner", "validator", "indexer", "preview", "feed", "lighthouse", "prerender",
];

/// Substrings that contain a generic token but belong to real browsers or
/// devices: the CUBOT phone brand and Perla phones (outside the Android model
/// slot too, as in feature-phone user agents), the Java ME runtime of
/// feature phones (`Java/Jbed/7.0 Profile/MIDP-2.1`), the FirePHP browser
/// extension, Safari Technology Preview (`Safari%20Technology%20Preview/...
/// CFNetwork`) and the HotJava browser. Each was seen on a real browser in the
/// device corpus of the tests.
const GENERIC_EXCEPTIONS: &[&str] = &[
    "cubot", "perla", "java/jbed", "firephp/", "technology%20preview", "technology preview", "hotjava/",
];

/// What the detector found in one `User-Agent`.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Detection {
    /// Catalogue entries matched (indices into the generated table), ascending.
    pub entries: Vec<u16>,
    /// True when no entry matched but the header looks automated.
    pub unknown: bool,
}

/// The byte span of the device model in an Android user agent's platform
/// comment, or `None`: `Mozilla/5.0 (Linux; Android 10; SM-G935F Build/NRD90M;
/// wv) ...` -> `SM-G935F`. The model is the first segment after the
/// `Android x` one, skipping a locale (`U; Android 4.2; en-us; GT-I9500
/// Build/...`), cut at ` Build/`. Only this span is exempt: a crawler that
/// poses as a phone and names itself anywhere else is still matched.
pub fn device_model(ua: &[u8]) -> Option<(usize, usize)> {
    let open = ua.iter().position(|&b| b == b'(')?;
    // The comment ends at its matching parenthesis: model names may hold
    // their own (`moto g(50)`).
    let mut depth = 0usize;
    let mut close = ua.len();
    for (i, &b) in ua.iter().enumerate().skip(open) {
        if b == b'(' {
            depth += 1;
        } else if b == b')' {
            depth -= 1;
            if depth == 0 {
                close = i;
                break;
            }
        }
    }
    let mut android = false;
    let mut start = open + 1;
    while start <= close {
        let end = ua[start..close].iter().position(|&b| b == b';').map_or(close, |i| start + i);
        let (s, e) = trim(ua, start, end);
        let segment = &ua[s..e];
        if android {
            if !is_locale(segment) {
                let cut = find(segment, b" Build/").or_else(|| find(segment, b"Build/")).unwrap_or(segment.len());
                let (ms, me) = trim(ua, s, s + cut);
                return if ms < me { Some((ms, me)) } else { None };
            }
        } else if segment.len() >= 7 && segment[..7].eq_ignore_ascii_case(b"android") {
            android = true;
        }
        start = end + 1;
    }
    None
}

fn trim(ua: &[u8], mut s: usize, mut e: usize) -> (usize, usize) {
    while s < e && ua[s] == b' ' {
        s += 1;
    }
    while e > s && ua[e - 1] == b' ' {
        e -= 1;
    }
    (s, e)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// `en`, `en-us`, `zh_CN`, `es-419`: a locale segment, not a model.
fn is_locale(seg: &[u8]) -> bool {
    let (lang, region) = match seg.iter().position(|&b| b == b'-' || b == b'_') {
        Some(i) => (&seg[..i], &seg[i + 1..]),
        None => (seg, &seg[seg.len()..]),
    };
    (2..=3).contains(&lang.len())
        && lang.iter().all(|b| b.is_ascii_lowercase())
        && region.len() <= 4
        && region.iter().all(|b| b.is_ascii_alphanumeric())
        && (seg.len() == lang.len() || !region.is_empty())
}

/// Verification of a claimed identity against the operator's IP ranges.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verification {
    /// No ranges known for this bot, or no client IP: no verdict.
    Unknown,
    /// The client IP is inside the operator's ranges.
    Verified,
    /// The operator publishes ranges and the client IP is outside them.
    Spoofed,
}

/// The compiled catalogue. Built once per instance.
pub struct Detector {
    /// Catalogue literals, then GENERIC_TOKENS, then GENERIC_EXCEPTIONS, all
    /// ASCII-case-insensitive so one pass serves both; catalogue hits are
    /// re-checked case-sensitively (the catalogue's patterns are).
    automaton: AhoCorasick,
    regexes: Vec<Regex>,
    ranges: Vec<Vec<Network>>,
}

impl Default for Detector {
    fn default() -> Self {
        Self::new()
    }
}

impl Detector {
    /// Compile the generated tables.
    pub fn new() -> Detector {
        let patterns = LITERALS
            .iter()
            .map(|lit| lit.text)
            .chain(GENERIC_TOKENS.iter().copied())
            .chain(GENERIC_EXCEPTIONS.iter().copied());
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .ascii_case_insensitive(true)
            .dfa(true)
            .build(patterns);
        let regexes = REGEXES
            .iter()
            .map(|(re, _, _)| {
                RegexBuilder::new(re)
                    .unicode(false)
                    .build()
                    .expect("generated regexes compile (checked by the crate's tests)")
            })
            .collect();
        let ranges = RANGE_GROUPS
            .iter()
            .map(|group| group.iter().filter_map(|n| Network::parse(n)).collect())
            .collect();
        Detector { automaton, regexes, ranges }
    }

    /// Match one `User-Agent`.
    pub fn detect(&self, ua: &[u8]) -> Detection {
        let mut accepted: Vec<u16> = Vec::new();
        let mut forbidden: Vec<u16> = Vec::new();
        let mut generic: Vec<(usize, usize)> = Vec::new();
        let mut exceptions: Vec<(usize, usize)> = Vec::new();
        let mut regexes_run = 0u64;
        let n_lit = LITERALS.len();
        let n_generic = n_lit + GENERIC_TOKENS.len();
        let model = device_model(ua);
        for m in self.automaton.find_overlapping_iter(ua) {
            let p = m.pattern();
            // A phone's model name is the maker's choice of words ("B BOT 50",
            // "HTC Butterfly", "ForwardRuby"): nothing inside it says the
            // client is automated, whatever catalogue entry it spells.
            if model.map_or(false, |(s, e)| s <= m.start() && m.end() <= e) {
                continue;
            }
            if p >= n_generic {
                exceptions.push((m.start(), m.end()));
                continue;
            }
            if p >= n_lit {
                generic.push((m.start(), m.end()));
                continue;
            }
            let lit = &LITERALS[p];
            if (lit.anchored && m.start() != 0) || &ua[m.start()..m.end()] != lit.text.as_bytes() {
                continue;
            }
            let (entry, is_forbidden) = if lit.regex == NO_REGEX {
                (lit.entry, lit.forbidden)
            } else {
                let r = lit.regex as usize;
                if regexes_run & (1 << r) != 0 {
                    continue;
                }
                regexes_run |= 1 << r;
                if !self.regexes[r].is_match(ua) {
                    continue;
                }
                (REGEXES[r].1, REGEXES[r].2)
            };
            if is_forbidden { forbidden.push(entry) } else { accepted.push(entry) }
        }
        accepted.sort_unstable();
        accepted.dedup();
        if !forbidden.is_empty() {
            accepted.retain(|e| !forbidden.contains(e));
        }
        // A generic token inside an exception ("bot" in "CUBOT") does not count.
        let unknown = accepted.is_empty()
            && generic
                .iter()
                .any(|(s, e)| !exceptions.iter().any(|(xs, xe)| xs <= s && e <= xe));
        Detection { entries: accepted, unknown }
    }

    /// Check a matched entry's claim against its operator's IP ranges.
    pub fn verify(&self, entry: u16, ip: Option<&IpAddr>) -> Verification {
        let groups = ENTRIES[entry as usize].range_groups;
        let ip = match ip {
            Some(ip) if !groups.is_empty() => ip,
            _ => return Verification::Unknown,
        };
        let inside = groups
            .iter()
            .any(|g| self.ranges[*g as usize].iter().any(|n| n.contains(ip)));
        if inside { Verification::Verified } else { Verification::Spoofed }
    }
}

/// The API identifier of a catalogue entry (`GOOGLE_CRAWLER`), or `UNKNOWN_BOT`.
pub fn id_of(index: usize) -> &'static str {
    if index == ENTRIES.len() { UNKNOWN_BOT } else { ENTRIES[index].id }
}

/// Bit mask of an entry's categories (bit i = `CATEGORIES[i]`).
pub fn category_mask(index: usize) -> u32 {
    if index == ENTRIES.len() {
        return 1 << UNKNOWN_CATEGORY;
    }
    let entry: &Entry = &ENTRIES[index];
    entry.categories.iter().fold(0u32, |m, c| m | (1 << c))
}

/// Resolve a rule list entry (`"CURL"`, `"CATEGORY:AI"`, `"UNKNOWN_BOT"`).
pub enum Selector {
    /// A catalogue index (or `unknown_bot_index()`).
    Id(usize),
    /// A category bit mask.
    Category(u32),
}

/// Look up an allow/deny list entry; `None` when it names nothing we know.
pub fn selector(name: &str) -> Option<Selector> {
    if let Some(cat) = name.strip_prefix("CATEGORY:") {
        return CATEGORIES.iter().position(|c| *c == cat).map(|i| Selector::Category(1 << i));
    }
    if name == UNKNOWN_BOT {
        return Some(Selector::Id(ENTRIES.len()));
    }
    ENTRIES.iter().position(|e| e.id == name).map(Selector::Id)
}

/// Number of categories (for sanity checks in tests).
pub fn category_count() -> usize {
    CATEGORIES.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_fit_the_mask() {
        assert!(category_count() <= 32);
    }

    #[test]
    fn detects_googlebot_and_curl() {
        let d = Detector::new();
        let g = d.detect(b"Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)");
        assert!(g.entries.iter().any(|e| id_of(*e as usize) == "GOOGLE_CRAWLER"));
        let c = d.detect(b"curl/8.0");
        assert_eq!(c.entries.iter().map(|e| id_of(*e as usize)).collect::<Vec<_>>(), vec!["CURL"]);
        let b = d.detect(b"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36");
        assert_eq!(b, Detection::default());
        let u = d.detect(b"MyFancyCrawler/1.0");
        assert!(u.unknown);
    }

    fn model_of(ua: &str) -> Option<&str> {
        device_model(ua.as_bytes()).map(|(s, e)| &ua[s..e])
    }

    #[test]
    fn device_model_slot() {
        let chrome = "Mozilla/5.0 (Linux; Android 7.0; SM-G935F Build/NRD90M; wv) AppleWebKit/537.36";
        assert_eq!(model_of(chrome), Some("SM-G935F"));
        assert_eq!(model_of("Mozilla/5.0 (Linux; U; Android 4.2.2; en-us; HTC Butterfly Build/JDQ39) Safari"), Some("HTC Butterfly"));
        assert_eq!(model_of("Mozilla/5.0 (Linux; U; Android 9; zh_CN; B BOT 50) UCBrowser"), Some("B BOT 50"));
        assert_eq!(model_of("Mozilla/5.0 (Linux; Android 11; moto g(50)) AppleWebKit/537.36"), Some("moto g(50)"));
        assert_eq!(model_of("Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36"), Some("K"));
        assert_eq!(model_of("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36"), None);
        assert_eq!(model_of("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"), None);
        for hostile in ["(", "((((", "Android", "(Android", "(Android;", "(Android; ", "(Android; ;)", "(Linux; Android 9; Build/)", ")(Android;x", "(android;\u{0}"] {
            let _ = device_model(hostile.as_bytes());
        }
    }

    #[test]
    fn phone_model_names_are_not_bots_but_named_crawlers_elsewhere_are() {
        let d = Detector::new();
        for model in ["B BOT 50", "IDbot553", "Spider", "Expanse", "Perla", "ForwardRuby", "HTC Butterfly", "Python X"] {
            let ua = format!(
                "Mozilla/5.0 (Linux; Android 8.1.0; {} Build/O11019) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36",
                model
            );
            assert_eq!(d.detect(ua.as_bytes()), Detection::default(), "{}", ua);
        }
        let posing = "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/41.0 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
        assert!(d.detect(posing.as_bytes()).entries.iter().any(|e| id_of(*e as usize) == "GOOGLE_CRAWLER"));
        let expanse = "Expanse, a Palo Alto Networks company, searches across the global IPv4 space multiple times per day";
        assert!(!d.detect(expanse.as_bytes()).entries.is_empty());
        let spider = "Mozilla/5.0 (Linux; Android 8.1.0; Nexus 5X Build/O11019) some-spider/1.0";
        assert!(d.detect(spider.as_bytes()).unknown);
    }
}

