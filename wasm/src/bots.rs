//! Bot detection over the `User-Agent` header.
//!
//! The catalogue's patterns are compiled by the generator into one
//! Aho-Corasick automaton: ~600 are plain literals, and most of the rest are
//! small finite languages (`[wW]get`, `^curl`, `Face(book){0,1}[Bb]ot`) that
//! it expands into literals. The few left (4 today) are real regexes; each has
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
/// devices (e.g. the CUBOT phone brand in Android user agents).
const GENERIC_EXCEPTIONS: &[&str] = &["cubot"];

/// What the detector found in one `User-Agent`.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Detection {
    /// Catalogue entries matched (indices into the generated table), ascending.
    pub entries: Vec<u16>,
    /// True when no entry matched but the header looks automated.
    pub unknown: bool,
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
        for m in self.automaton.find_overlapping_iter(ua) {
            let p = m.pattern();
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
}

