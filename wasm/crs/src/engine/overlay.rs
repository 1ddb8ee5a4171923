//! What one [`Config`] changes in a shared [`Program`]: which rules run, the
//! targets the user's exclusions leave out, the TX presets of
//! crs-setup.conf, and which values the prefilter pass must scan. Kilobytes
//! (a few words per rule and link, plus the links an exclusion touches),
//! where the program is megabytes: every configuration of an analyzer
//! shares one program.

use super::targets::{parse_target_spec, Source};
use crate::compile::{in_ranges, setup_version, severity_index, Program, Rule, Sel, Target, PRESET_NAMES};
use crate::ir;
use crate::tx::Slot;
use crate::vars::Var;
use crate::Config;
use regex::bytes::RegexBuilder;

pub(crate) struct Overlay {
    /// Per rule: removed by `disabled_ids` / `disabled_tags`.
    pub disabled: Vec<bool>,
    /// Per link: runs only on values where the prefilter saw one of its
    /// literals. Only links of rules that can run here: a rule above the
    /// paranoia level is normally jumped over by CRS's skip rules, so the
    /// pass does not transform values for it; should a setting make it run
    /// after all, it runs unfiltered.
    pub prefiltered: Vec<bool>,
    /// Per link, its targets after the user's exclusions, when they
    /// changed any (otherwise the program's).
    targets: Vec<Option<Vec<Target>>>,
    /// TX values set before the first rule.
    pub presets: Vec<(Slot, Vec<u8>)>,
    /// Per request variable, the pipeline nodes the prefilter pass scans
    /// its values through.
    pub pass: Vec<(Var, Vec<u32>)>,
    /// Per link: the categories (`shield::Category::bit`s) one of which
    /// our detectors must also find in a value it matched, per severity
    /// index (all 0: none asked). Set by the last `SecondOpinion` that
    /// names the link's rule.
    pub second_opinion: Vec<[u16; 3]>,
}

impl Overlay {
    /// `cfg` over `prog` (`cfg` already checked by `check_config`).
    pub fn new(prog: &Program, cfg: &Config) -> Result<Overlay, String> {
        let mut ov = Overlay {
            disabled: prog.rules.iter().map(|r| in_ranges(r.id, &cfg.disabled_ids) || r.tags.iter().any(|t| cfg.disabled_tags.contains(t))).collect(),
            prefiltered: vec![false; prog.links.len()],
            targets: (0..prog.links.len()).map(|_| None).collect(),
            presets: presets(prog, cfg),
            pass: Vec::new(),
            second_opinion: second_opinions(prog, cfg),
        };
        ov.exclude(prog, cfg)?;
        for (r, rule) in prog.rules.iter().enumerate() {
            let runs = !ov.disabled[r] && rule.paranoia_level.map_or(true, |pl| pl <= cfg.paranoia_level);
            for li in rule.first..rule.first + rule.count {
                if runs && prog.links[li as usize].prefiltered {
                    ov.prefiltered[li as usize] = true;
                    ov.add_to_pass(prog, li);
                }
            }
        }
        for (_, nodes) in &mut ov.pass {
            nodes.sort_unstable();
        }
        Ok(ov)
    }

    /// The targets link `li` reads under this configuration.
    pub fn targets<'a>(&'a self, prog: &'a Program, li: u32) -> &'a [Target] {
        match self.targets.get(li as usize) {
            Some(Some(t)) => t,
            _ => prog.links.get(li as usize).map_or(&[], |l| &l.targets[..]),
        }
    }

    /// Applies the user's exclusions: a whole variable, or exactly the
    /// member a target names, drops the target; a member of a wider target
    /// is excluded from it.
    fn exclude(&mut self, prog: &Program, cfg: &Config) -> Result<(), String> {
        for e in &cfg.exclusions {
            let spec = parse_target_spec(&e.target).map_err(|m| format!("exclusions: {}", m))?;
            let sel = match &spec.key {
                None => None,
                Some(ir::Selector::Key(k)) => Some(Sel::Key(k.as_bytes().to_ascii_lowercase())),
                Some(ir::Selector::Regex(r)) => {
                    let re = RegexBuilder::new(r).unicode(false).case_insensitive(true).build().map_err(|m| format!("exclusions: key regex /{}/: {}", r, m))?;
                    Some(Sel::Pattern(re))
                }
            };
            for rule in prog.rules.iter().filter(|r| applies(e, r)) {
                for li in rule.first..rule.first + rule.count {
                    let targets = self.targets[li as usize].get_or_insert_with(|| prog.links[li as usize].targets.clone());
                    targets.retain(|t| {
                        t.source != spec.source
                            || match (&spec.key, &t.sel) {
                                (None, _) => false,
                                (Some(ir::Selector::Key(k)), Some(Sel::Key(tk))) => !k.as_bytes().eq_ignore_ascii_case(tk),
                                _ => true,
                            }
                    });
                    if let Some(sel) = &sel {
                        for t in targets.iter_mut().filter(|t| t.source == spec.source) {
                            t.exclude.push(sel.clone());
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// Adds the (variable, node) pairs prefiltered link `li` reads.
    fn add_to_pass(&mut self, prog: &Program, li: u32) {
        let nodes = &prog.links[li as usize].prefilter_nodes;
        let vars: Vec<Var> = self
            .targets(prog, li)
            .iter()
            .filter_map(|t| match t.source {
                Source::Request(v) => Some(v),
                _ => None,
            })
            .collect();
        for var in vars {
            let p = match self.pass.iter().position(|(v, _)| *v == var) {
                Some(p) => p,
                None => {
                    self.pass.push((var, Vec::new()));
                    self.pass.len() - 1
                }
            };
            for &n in nodes {
                if !self.pass[p].1.contains(&n) {
                    self.pass[p].1.push(n);
                }
            }
        }
    }
}

/// Whether exclusion `e` is for `rule` (every rule when it names none).
fn applies(e: &crate::Exclusion, rule: &Rule) -> bool {
    (e.ids.is_empty() && e.tags.is_empty()) || in_ranges(rule.id, &e.ids) || rule.tags.iter().any(|t| e.tags.contains(t))
}

/// Per link, the categories a second opinion asks for, set on the first
/// link of every rule a `SecondOpinion` names. For a given rule the last
/// entry that names it (by id or tag) decides: it replaces what entries
/// before it asked, so the application's entries, sent after shield's
/// defaults, override the defaults for the rules they name and never
/// loosen them by adding categories or lower severities to theirs. Within
/// one entry its categories add up, at its severity.
fn second_opinions(prog: &Program, cfg: &Config) -> Vec<[u16; 3]> {
    let mut masks = vec![[0u16; 3]; prog.links.len()];
    for o in &cfg.second_opinions {
        let mask = o.categories.iter().filter_map(|c| shield::Category::from_name(c)).fold(0, |m, c| m | c.bit());
        let at = severity_index(&o.min_severity).unwrap_or(0);
        for rule in prog.rules.iter().filter(|r| in_ranges(r.id, &o.ids) || r.tags.iter().any(|t| o.tags.contains(t))) {
            let first = &mut masks[rule.first as usize];
            *first = [0; 3];
            first[at] = mask;
        }
    }
    masks
}

/// The values crs-setup.conf sets, from the configuration.
fn presets(prog: &Program, cfg: &Config) -> Vec<(Slot, Vec<u8>)> {
    let pl = cfg.paranoia_level.to_string().into_bytes();
    let values = [setup_version(&prog.version).into_bytes(), pl.clone(), pl, cfg.anomaly_threshold.to_string().into_bytes()];
    // The program interned every preset name when it was compiled.
    PRESET_NAMES.iter().zip(values).filter_map(|(name, value)| prog.tx.get(name).map(|slot| (slot, value))).collect()
}
