//! Checks: a registry of rules with stable ids, and the pass that runs them
//! over the ingested files and the dataset.

pub mod rules;

use crate::finding::Severity;

/// One rule: a stable id, a default severity and the text that explains it.
#[derive(Debug)]
pub struct Rule {
    /// Stable kebab-case id, used in configuration, suppressions and
    /// baselines.
    pub id: &'static str,
    /// Severity unless configured otherwise.
    pub severity: Severity,
    /// Tags for grouping (`code`, `translation`, `ingest`, ...).
    pub tags: &'static [&'static str],
    /// One line.
    pub summary: &'static str,
    /// Why it matters and what to do, in a paragraph.
    pub explanation: &'static str,
    /// A row that breaks the rule.
    pub bad_example: &'static str,
    /// The same row, fixed.
    pub good_example: &'static str,
}

/// Every rule, sorted by id.
pub fn registry() -> &'static [&'static Rule] {
    rules::ALL
}

/// The rule with this id.
pub fn rule(id: &str) -> Option<&'static Rule> {
    registry().iter().copied().find(|r| r.id == id)
}
