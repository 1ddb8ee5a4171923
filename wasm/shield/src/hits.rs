//! What detectors report for one value, before it becomes a [`Finding`].

use crate::{Category, Severity};

/// One detector match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    pub cat: Category,
    pub sev: Severity,
    pub rule: &'static str,
}

/// Matches for one value: at most one per category, the most severe.
#[derive(Debug, Default)]
pub(crate) struct Hits {
    pub list: Vec<Hit>,
}

impl Hits {
    pub fn add(&mut self, cat: Category, sev: Severity, rule: &'static str) {
        if let Some(h) = self.list.iter_mut().find(|h| h.cat == cat) {
            if sev > h.sev {
                h.sev = sev;
                h.rule = rule;
            }
        } else {
            self.list.push(Hit { cat, sev, rule });
        }
    }

    /// The highest severity seen for `cat`, if any.
    pub fn severity(&self, cat: Category) -> Option<Severity> {
        self.list.iter().find(|h| h.cat == cat).map(|h| h.sev)
    }

    pub fn clear(&mut self) {
        self.list.clear();
    }
}
