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
    /// Finds what breaks the rule.
    pub check: CheckFn,
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
