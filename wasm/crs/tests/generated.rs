//! The generated rule table (`generated/crs.json`, written by
//! `wasm/gen_crs.py`) against the contract: it deserializes into
//! `crs::ir::RuleSet`, and every regex the generator translated compiles
//! with the `regex` crate the way the engine compiles it (bytes, Unicode off).

use std::time::Instant;

use crs::ir::{Item, Rule, RuleSet, Selector};
use regex::bytes::{Regex, RegexBuilder};

fn rule_set() -> RuleSet {
    serde_json::from_str(crs::RULES_JSON).expect("generated/crs.json matches ir::RuleSet")
}

/// Every rule and chained rule, in table order.
fn rules(set: &RuleSet) -> Vec<&Rule> {
    let mut out = Vec::new();
    for item in &set.items {
        if let Item::Rule(rule) = item {
            let mut link = Some(rule);
            while let Some(r) = link {
                out.push(r);
                link = r.chain.as_deref();
            }
        }
    }
    out
}

fn compile(pattern: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(pattern)
        .unicode(false)
        .size_limit(64 << 20)
        .dfa_size_limit(64 << 20)
        .build()
}

/// (where, pattern) of every `@rx` argument and `/regex/` selector.
fn patterns(set: &RuleSet) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for rule in rules(set) {
        if rule.operator.name == "rx" {
            out.push((format!("rule {} @rx", rule.id), rule.operator.param.clone()));
        }
        for target in &rule.targets {
            let selectors = target.selector.iter().chain(target.exclude.iter());
            for selector in selectors {
                if let Selector::Regex(re) = selector {
                    let place = format!("rule {} {} selector", rule.id, target.collection);
                    out.push((place, re.clone()));
                }
            }
        }
    }
    out
}

#[test]
fn every_translated_regex_compiles() {
    let set = rule_set();
    let all = patterns(&set);
    let started = Instant::now();
    let failures: Vec<String> = all
        .iter()
        .filter_map(|(place, p)| compile(p).err().map(|e| format!("{}: {}", place, e)))
        .collect();
    let elapsed = started.elapsed();
    let starters = set.items.iter().filter(|i| matches!(i, Item::Rule(_))).count();
    println!(
        "crs {}: {} rules ({} with chains), {} regexes compiled in {:.1} ms",
        set.version,
        starters,
        rules(&set).len(),
        all.len(),
        elapsed.as_secs_f64() * 1e3
    );
    assert!(failures.is_empty(), "{} regexes do not compile:\n{}", failures.len(), failures.join("\n"));
    // The request rules hold a few hundred regexes; an empty table would pass
    // the loop above vacuously.
    assert!(all.len() >= 200, "only {} regexes in the table", all.len());
}

#[test]
fn table_is_the_request_rules() {
    let set = rule_set();
    assert!(!set.version.is_empty());
    let all = rules(&set);
    assert!(all.iter().all(|r| r.phase == 1 || r.phase == 2), "only phases 1 and 2");
    let starters: Vec<&Rule> = set
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Rule(r) => Some(r),
            Item::Marker { .. } => None,
        })
        .collect();
    assert!(starters.iter().all(|r| r.id != 0), "every starter has an id");
    let mut ids: Vec<u32> = starters.iter().map(|r| r.id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), starters.len(), "rule ids are unique");
    // A chained rule has no id and no disruptive action of its own.
    for rule in &starters {
        let mut link = rule.chain.as_deref();
        while let Some(r) = link {
            assert_eq!(r.id, 0);
            assert!(r.actions.disruptive.is_none(), "chained rule under {} is disruptive", rule.id);
            link = r.chain.as_deref();
        }
    }
    // Every skipAfter names a marker that follows its rule.
    for (at, item) in set.items.iter().enumerate() {
        if let Item::Rule(rule) = item {
            if let Some(marker) = &rule.actions.skip_after {
                let found = set.items[at..]
                    .iter()
                    .any(|i| matches!(i, Item::Marker { name } if name == marker));
                assert!(found, "rule {} skips after {} which does not follow it", rule.id, marker);
            }
        }
    }
    // Every file operator has its data.
    for rule in &all {
        if rule.operator.name == "pmFromFile" {
            for file in rule.operator.param.split_whitespace() {
                let phrases = set.data_files.get(file).map(Vec::len).unwrap_or(0);
                assert!(phrases > 0, "rule {}: no phrases for {}", rule.id, file);
            }
        }
    }
}

#[test]
fn prefilter_literals_are_lower_case_ascii() {
    let set = rule_set();
    let mut with = 0;
    for rule in rules(&set) {
        if let Some(literals) = &rule.operator.prefilter {
            with += 1;
            assert_eq!(rule.operator.name, "rx");
            assert!(!rule.operator.negate, "rule {}: prefilter on a negated rx", rule.id);
            assert!(!literals.is_empty());
            for lit in literals {
                assert!(!lit.is_empty() && lit.is_ascii(), "rule {}: literal {:?}", rule.id, lit);
                assert_eq!(lit, &lit.to_ascii_lowercase(), "rule {}: literal {:?}", rule.id, lit);
            }
        }
    }
    assert!(with > 0, "no prefilters at all");
}

#[test]
fn prefilter_bytes_are_small_sorted_sets_on_rx() {
    let set = rule_set();
    let mut with = 0;
    for rule in rules(&set) {
        if let Some(bytes) = &rule.operator.prefilter_bytes {
            with += 1;
            assert_eq!(rule.operator.name, "rx", "rule {}", rule.id);
            assert!(!rule.operator.negate, "rule {}: byte prefilter on a negated rx", rule.id);
            assert!(!bytes.is_empty() && bytes.len() <= 64, "rule {}: {} bytes", rule.id, bytes.len());
            assert!(bytes.windows(2).all(|w| w[0] < w[1]), "rule {}: not sorted and unique", rule.id);
        }
    }
    // Nearly every rx has one; an empty table would pass the loop vacuously.
    assert!(with >= 200, "only {} byte prefilters", with);
}
