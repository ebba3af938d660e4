//! Findings introduced and fixed by a change, matched by their baseline
//! fingerprints (rule, file, name and the text of the finding's line, not
//! its number), so a finding that only shifted lines is neither.

use std::collections::HashMap;

use serde::Serialize;

use crate::diagnostic::{Finding, Severity};

/// A finding with its baseline fingerprint (what
/// `check::baseline::fingerprints` gives for it in its project).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FingerprintedFinding {
    /// The stable fingerprint.
    pub fingerprint: String,
    /// The finding.
    #[serde(flatten)]
    pub finding: Finding,
}

impl FingerprintedFinding {
    /// Pairs each finding with its fingerprint, in order (the two lists are
    /// as long as each other when they come from `fingerprints`; extra items
    /// of either are dropped).
    pub fn pair(findings: Vec<Finding>, fingerprints: Vec<String>) -> Vec<FingerprintedFinding> {
        findings
            .into_iter()
            .zip(fingerprints)
            .map(|(finding, fingerprint)| FingerprintedFinding {
                fingerprint,
                finding,
            })
            .collect()
    }
}

/// What a change did to the findings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FindingsDiff {
    /// Findings the new side has and the old had not, in report order.
    pub introduced: Vec<FingerprintedFinding>,
    /// Findings the old side had and the new has not, in report order.
    pub fixed: Vec<FingerprintedFinding>,
}

impl FindingsDiff {
    /// Compares two sides' findings by fingerprint. A fingerprint that
    /// occurs more often on one side counts the extra occurrences.
    pub fn compare(old: Vec<FingerprintedFinding>, new: Vec<FingerprintedFinding>) -> FindingsDiff {
        let counts = |side: &[FingerprintedFinding]| {
            let mut counts: HashMap<String, usize> = HashMap::with_capacity(side.len());
            for f in side {
                *counts.entry(f.fingerprint.clone()).or_default() += 1;
            }
            counts
        };
        let (mut in_old, mut in_new) = (counts(&old), counts(&new));
        let mut introduced = unmatched(new, &mut in_old);
        let mut fixed = unmatched(old, &mut in_new);
        sort(&mut introduced);
        sort(&mut fixed);
        FindingsDiff { introduced, fixed }
    }

    /// How many introduced findings are at `level` or above (for
    /// `--fail-on-new LEVEL`).
    pub fn introduced_at_or_above(&self, level: Severity) -> usize {
        self.introduced
            .iter()
            .filter(|f| f.finding.severity >= level)
            .count()
    }

    /// True when no finding was introduced or fixed.
    pub fn is_empty(&self) -> bool {
        self.introduced.is_empty() && self.fixed.is_empty()
    }
}

/// The findings of `side` that the other side's counts do not cover, using
/// the counts up as it goes.
fn unmatched(
    side: Vec<FingerprintedFinding>,
    other: &mut HashMap<String, usize>,
) -> Vec<FingerprintedFinding> {
    side.into_iter()
        .filter(|f| match other.get_mut(&f.fingerprint) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        })
        .collect()
}

fn sort(findings: &mut [FingerprintedFinding]) {
    findings.sort_by(|a, b| {
        (a.finding.sort_key(), &a.fingerprint).cmp(&(b.finding.sort_key(), &b.fingerprint))
    });
}
