//! Applying the inline suppressions ingest read (see
//! [`crate::ingest::suppression`]): findings on the lines a suppression
//! covers are silenced, and each suppression (or rule id in it) that
//! silenced nothing is reported by `suppression-unused`.

use super::rules::suppression_unused;
use crate::diagnostic::Finding;
use crate::ingest::{IngestedFile, Suppression};

/// A suppression and, per rule id (one entry when it names none), whether
/// it silenced anything.
#[derive(Debug, Clone)]
struct Usage {
    suppression: Suppression,
    used: Vec<bool>,
}

impl Usage {
    /// Marks and returns whether it silences `finding`.
    fn silence(&mut self, finding: &Finding) -> bool {
        let s = &self.suppression;
        if finding.location.file != s.location.file
            || !(s.first_line..=s.last_line).contains(&finding.location.line)
        {
            return false;
        }
        if s.rules.is_empty() {
            self.used[0] = true;
            return true;
        }
        match s.rules.iter().position(|r| r == finding.rule) {
            Some(i) => {
                self.used[i] = true;
                true
            }
            None => false,
        }
    }
}

/// What applying the suppressions did.
pub struct Applied {
    /// How many findings were silenced.
    pub suppressed: usize,
    /// The suppressions that silenced nothing, as findings.
    pub unused: Vec<Finding>,
}

/// The suppressions of some files, and which of them silenced a finding
/// so far. A check that reads one document at a time keeps them after the
/// files are gone: findings about records of several documents are made
/// after every document is read, and silenced then.
#[derive(Debug, Clone, Default)]
pub struct Suppressions {
    usages: Vec<Usage>,
    suppressed: usize,
}

impl Suppressions {
    /// The suppressions of `files`, none used yet.
    pub fn of(files: &[IngestedFile]) -> Self {
        Suppressions {
            usages: files
                .iter()
                .flat_map(|f| &f.suppressions)
                .map(|suppression| Usage {
                    suppression: suppression.clone(),
                    used: vec![false; suppression.rules.len().max(1)],
                })
                .collect(),
            suppressed: 0,
        }
    }

    /// Adds the suppressions of `other`, with what they silenced.
    pub fn append(&mut self, other: Suppressions) {
        self.usages.extend(other.usages);
        self.suppressed += other.suppressed;
    }

    /// Removes the findings that the suppressions silence.
    pub fn silence(&mut self, findings: &mut Vec<Finding>) {
        if self.usages.is_empty() {
            return;
        }
        let before = findings.len();
        findings.retain(|f| {
            if f.rule == suppression_unused::RULE.id {
                return true;
            }
            let mut suppressed = false;
            for usage in self.usages.iter_mut() {
                suppressed |= usage.silence(f);
            }
            !suppressed
        });
        self.suppressed += before - findings.len();
    }

    /// How many findings were silenced, and the suppressions that silenced
    /// nothing, as findings. `is_rule` tells rule ids from unknown ones
    /// (those are reported as such by `suppression-unused`, not as
    /// unused).
    pub fn finish(self, is_rule: impl Fn(&str) -> bool) -> Applied {
        let unused = self
            .usages
            .iter()
            .filter_map(|usage| {
                let rules = &usage.suppression.rules;
                let unused: Vec<String> = if rules.is_empty() {
                    if usage.used[0] {
                        return None;
                    }
                    vec!["any rule".to_string()]
                } else {
                    rules
                        .iter()
                        .zip(&usage.used)
                        .filter(|(r, used)| !**used && is_rule(r))
                        .map(|(r, _)| format!("`{r}`"))
                        .collect()
                };
                (!unused.is_empty())
                    .then(|| suppression_unused::unused(&usage.suppression, &unused))
            })
            .collect();
        Applied {
            suppressed: self.suppressed,
            unused,
        }
    }
}

/// Removes the findings that the suppressions of `files` silence.
/// `is_rule` tells rule ids from unknown ones (those are reported as such
/// by `suppression-unused`, not as unused).
pub fn apply(
    files: &[IngestedFile],
    findings: &mut Vec<Finding>,
    is_rule: impl Fn(&str) -> bool,
) -> Applied {
    let mut suppressions = Suppressions::of(files);
    suppressions.silence(findings);
    suppressions.finish(is_rule)
}
