//! What a rule is: a stable id, a default severity, its documentation, how
//! far its fixes may be trusted, and the function that finds what breaks
//! it.

use super::context::Context;
use crate::diagnostic::{Applicability, Finding, Severity};
use crate::source::Location;

/// The function of a rule: it reads the context and pushes its findings,
/// at the rule's default severity (the configuration adjusts it later).
pub type CheckFn = fn(&Context, &mut Vec<Finding>);

/// One rule. Each lives in a file of its own under `check/rules/`, and one
/// list there registers it.
#[derive(Debug)]
pub struct Rule {
    /// Stable kebab-case id, used in configuration, suppressions and
    /// baselines.
    pub id: &'static str,
    /// Severity unless configured otherwise.
    pub severity: Severity,
    /// Tags for grouping (`code`, `translation`, `ingest`, ...).
    pub tags: &'static [&'static str],
    /// How far the rule's suggested fixes may be trusted at best (a finding
    /// may offer less, when its evidence is thinner); `None` for a rule
    /// that suggests no fix.
    pub fix: Option<Applicability>,
    /// One line.
    pub summary: &'static str,
    /// Why it matters and what to do, in a paragraph.
    pub explanation: &'static str,
    /// A row that breaks the rule.
    pub bad_example: &'static str,
    /// The same row, fixed.
    pub good_example: &'static str,
    /// How to say at once what the rule finds on most rows of one table
    /// (a page left untranslated), where that is one problem rather than
    /// many; `None` for a rule whose findings are each their own.
    pub rollup: Option<Rollup>,
    /// Finds what breaks the rule.
    pub check: CheckFn,
}

/// How a rule sums up its findings on most rows of one table: one finding
/// at the table, its message from [`Rollup::message`], every row's finding
/// (with its fix) among its related places.
#[derive(Debug)]
pub struct Rollup {
    /// The summing-up message.
    pub message: fn(&RollupFacts) -> String,
}

/// What a summing-up message says.
#[derive(Debug, Clone, Copy)]
pub struct RollupFacts<'a> {
    /// How many rows have the finding.
    pub count: usize,
    /// How many rows the table has.
    pub rows: usize,
    /// The table's heading.
    pub section: &'a str,
    /// The file's locale.
    pub locale: &'a str,
}

impl Rule {
    /// A finding of this rule at `location`, at its default severity.
    pub fn finding(&'static self, location: Location, message: impl Into<String>) -> Finding {
        Finding::new(self.id, self.severity, location, message)
    }

    /// True when the rule has the tag `tag`.
    pub fn has_tag(&self, tag: &str) -> bool {
        self.tags.contains(&tag)
    }
}
