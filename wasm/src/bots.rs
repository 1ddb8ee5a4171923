//! Bot detection over the `User-Agent` header.
//!
//! The catalogue's ~600 literal patterns go into one Aho-Corasick automaton
//! and its ~25 real regexes into one `bytes::RegexSet` with Unicode off: two
//! linear passes over the header. (One `RegexSet` over everything costs ten
//! times more: its lazy DFA thrashes on that many alternatives.)

use std::net::IpAddr;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::bytes::{RegexSet, RegexSetBuilder};

use crate::generated::bots::{Entry, CATEGORIES, ENTRIES, LITERALS, RANGE_GROUPS, REGEXES, UNKNOWN_CATEGORY};
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
    literals: AhoCorasick,
    regexes: RegexSet,
    generic: AhoCorasick,
    generic_exceptions: AhoCorasick,
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
        let literals = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .dfa(true)
            .build(LITERALS.iter().map(|(lit, _, _)| lit.as_bytes()));
        let regexes = RegexSetBuilder::new(REGEXES.iter().map(|(re, _, _)| *re))
            .unicode(false)
            .build()
            .expect("generated regexes compile (checked by the generator's tests)");
        let generic = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .dfa(true)
            .build(GENERIC_TOKENS);
        let generic_exceptions = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .build(GENERIC_EXCEPTIONS);
        let ranges = RANGE_GROUPS
            .iter()
            .map(|group| group.iter().filter_map(|n| Network::parse(n)).collect())
            .collect();
        Detector { literals, regexes, generic, generic_exceptions, ranges }
    }

    /// Match one `User-Agent`.
    pub fn detect(&self, ua: &[u8]) -> Detection {
        let mut accepted: Vec<u16> = Vec::new();
        let mut forbidden: Vec<u16> = Vec::new();
        for m in self.literals.find_overlapping_iter(ua) {
            let (_, entry, is_forbidden) = LITERALS[m.pattern()];
            if is_forbidden { forbidden.push(entry) } else { accepted.push(entry) }
        }
        for i in self.regexes.matches(ua).iter() {
            let (_, entry, is_forbidden) = REGEXES[i];
            if is_forbidden { forbidden.push(entry) } else { accepted.push(entry) }
        }
        accepted.sort_unstable();
        accepted.dedup();
        if !forbidden.is_empty() {
            accepted.retain(|e| !forbidden.contains(e));
        }
        let unknown = accepted.is_empty() && self.looks_automated(ua);
        Detection { entries: accepted, unknown }
    }

    fn looks_automated(&self, ua: &[u8]) -> bool {
        if !self.generic.is_match(ua) {
            return false;
        }
        if !self.generic_exceptions.is_match(ua) {
            return true;
        }
        // An exception matched: look again with the exception text blanked out,
        // so "CUBOT ... HeadlessChrome" is still a bot.
        let mut masked = ua.to_vec();
        for m in self.generic_exceptions.find_iter(ua) {
            for b in &mut masked[m.start()..m.end()] {
                *b = b' ';
            }
        }
        self.generic.is_match(&masked)
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
