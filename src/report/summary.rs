//! Pieces the human report and the GitHub job summary share: counts by
//! rule, a fix in words, and plurals.

use std::cmp::Reverse;
use std::collections::BTreeMap;

use crate::diagnostic::{Finding, Fix, Severity};

/// `1 error`, `2 warnings`.
pub fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("{count} {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// A fix in one line, with how far it may be trusted (whether `errdocs
/// fix` applies it, and how sure the evidence is): ``code `0x8024200` ->
/// `0x80242000` (safe, high confidence)``.
pub fn fix_in_words(fix: &Fix) -> String {
    format!(
        "{} `{}` -> `{}` ({}, {} confidence)",
        fix.field,
        fix.from,
        fix.to,
        fix.applicability,
        fix.confidence.as_str()
    )
}

/// Findings counted by rule and severity, rules in id order, the most
/// severe first within a rule: one row per pair, so that a rule whose
/// findings have different severities is not misreported.
pub fn counts_by_rule(findings: &[Finding]) -> BTreeMap<(&'static str, Reverse<Severity>), usize> {
    let mut rows = BTreeMap::new();
    for finding in findings {
        *rows
            .entry((finding.rule, Reverse(finding.severity)))
            .or_insert(0) += 1;
    }
    rows
}
