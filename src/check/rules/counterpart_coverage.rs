//! `counterpart-coverage`: codes present on one side only.

use crate::check::context::Context;
use crate::check::coverage::counterpart_coverage;
use crate::check::rule::Rule;
use crate::diagnostic::{Finding, Severity};

/// The rule.
pub static RULE: Rule = Rule {
    id: "counterpart-coverage",
    severity: Severity::Note,
    tags: &["counterpart"],
    fix: None,
    summary: "Codes of one family have no counterpart in the other",
    explanation: "Each document's WU or OM codes without a mirrored code on the other side, listed once per document (a fact, not an error: the pages cover different sets). The human and JSON reports list them all.",
    bad_example: "(informational)",
    good_example: "(informational)",
    rollup: None,
    check,
};

/// One note per document and family listing the codes without a
/// counterpart.
fn check(ctx: &Context, out: &mut Vec<Finding>) {
    for coverage in counterpart_coverage(ctx) {
        if coverage.unpaired.is_empty() {
            continue;
        }
        let total = coverage.paired + coverage.unpaired.len();
        let shown: Vec<&str> = coverage
            .unpaired
            .iter()
            .take(12)
            .map(|(_, name)| name.as_str())
            .collect();
        let more = coverage.unpaired.len() - shown.len();
        out.push(RULE.finding(
            coverage.location.clone(),
            format!(
                "{} of {total} {} codes in {} have no {} counterpart in the dataset (a fact, not an error): {}{}",
                coverage.unpaired.len(),
                coverage.family,
                coverage.document,
                coverage.counterpart_family,
                shown.join(", "),
                if more > 0 {
                    format!(" and {more} more (the summary of `check` and of `check --format json` lists them all)")
                } else {
                    String::new()
                }
            ),
        ));
    }
}
