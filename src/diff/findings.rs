//! Findings introduced and fixed by a change, matched by their baseline
//! fingerprints (rule, file, name and the text of the finding's line, not
//! its number), so a finding that only shifted lines is neither.
//!
//! Two more passes keep one finding from being counted twice, once as
//! fixed and once as introduced:
//!
//! - a finding whose line was edited (a table's header reworded, under a
//!   finding about the whole table) but that says the same thing (same
//!   rule, file, name and message) is the same finding;
//! - a finding said once for a table (most of its rows untranslated, see
//!   the check's roll-up) and left unmatched is compared row by row, with
//!   the other side's rows and row findings: when a change translates two
//!   rows of six, the table's finding becomes four row findings, and the
//!   diff shows the two rows fixed, not four findings introduced and the
//!   table's fixed. A row is known by its row fingerprint (rule, file and
//!   the text of its line) and name, or where the lines are not at hand by
//!   rule, file, name and message with its numbers left out (row messages
//!   name the source row's line, which moves when the source page is
//!   edited above it). Two row findings are never paired this way: only
//!   the rows of a rolled-up finding are.

use std::collections::HashMap;

use serde::Serialize;

use crate::diagnostic::part_fingerprint;
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
    /// What recognizes the rows it is about (see
    /// [`crate::diagnostic::row_fingerprints`]); empty when not known, and
    /// the rows are then compared by their messages.
    #[serde(skip)]
    pub rows: Vec<String>,
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
                rows: Vec::new(),
            })
            .collect()
    }

    /// As [`FingerprintedFinding::pair`], with each finding's
    /// [`crate::diagnostic::row_fingerprints`] from `lines` (which must
    /// hold the lines of rolled-up findings' rows too), so that a table's
    /// finding is compared with the other side's rows by their lines rather
    /// than their messages.
    pub fn pair_with_rows(
        findings: Vec<Finding>,
        fingerprints: Vec<String>,
        lines: &dyn crate::source::SourceLines,
    ) -> Vec<FingerprintedFinding> {
        let mut paired = FingerprintedFinding::pair(findings, fingerprints);
        for f in &mut paired {
            f.rows = crate::diagnostic::row_fingerprints(lines, &f.finding);
        }
        paired
    }

    /// True for a finding that sums up many rows of one table, each a
    /// related place with its own message (see `check::rollup`).
    fn is_rolled_up(&self) -> bool {
        self.finding.scope.is_some_and(|s| s.rolled_up)
    }

    /// The finding about row `index` of a rolled-up finding, as the row's
    /// own finding would say it. Its fingerprint is derived from the
    /// rolled-up finding's ([`part_fingerprint`]): the row's own would hash
    /// the text of the row's line, which the diff does not have.
    fn row(&self, index: usize) -> Option<FingerprintedFinding> {
        let related = self.finding.related.get(index)?;
        let mut finding = Finding::new(
            self.finding.rule,
            self.finding.severity,
            related.location.clone(),
            related.message.clone(),
        );
        finding.fix = related.fix.clone();
        finding.name = related.name.clone();
        Some(FingerprintedFinding {
            fingerprint: part_fingerprint(&self.fingerprint, index + 1),
            finding,
            rows: self.rows.get(index).cloned().into_iter().collect(),
        })
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
    /// Compares two sides' findings by fingerprint, then by what they say
    /// (see the module's documentation). A finding that occurs more often
    /// on one side counts the extra occurrences.
    pub fn compare(old: Vec<FingerprintedFinding>, new: Vec<FingerprintedFinding>) -> FindingsDiff {
        // A table's finding is compared row by row, never whole: the same
        // table's finding over fewer rows has the same fingerprint.
        let (old_rolled, old): (Vec<_>, Vec<_>) = old.into_iter().partition(|f| f.is_rolled_up());
        let (new_rolled, new): (Vec<_>, Vec<_>) = new.into_iter().partition(|f| f.is_rolled_up());
        let by_fingerprint = |f: &FingerprintedFinding| f.fingerprint.clone();
        let (introduced, fixed) = match_off(new, old, by_fingerprint);
        let said = |f: &FingerprintedFinding| {
            let f = &f.finding;
            format!(
                "{}\u{1f}{}\u{1f}{}\u{1f}{}",
                f.rule,
                f.location.file,
                f.name.as_deref().unwrap_or(""),
                f.message
            )
        };
        let (new, old) = match_off(introduced, fixed, said);
        let (mut introduced, mut fixed) = match_rows(new, old, new_rolled, old_rolled);
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

/// The findings of `new` and of `old` that the other side has no finding
/// with the same `key` for, as many times as it has.
fn match_off(
    new: Vec<FingerprintedFinding>,
    old: Vec<FingerprintedFinding>,
    key: impl Fn(&FingerprintedFinding) -> String,
) -> (Vec<FingerprintedFinding>, Vec<FingerprintedFinding>) {
    let new_keys: Vec<String> = new.iter().map(&key).collect();
    let old_keys: Vec<String> = old.iter().map(&key).collect();
    let new_left = unmatched(&new_keys, &old_keys);
    let old_left = unmatched(&old_keys, &new_keys);
    let keep = |side: Vec<FingerprintedFinding>, left: Vec<bool>| {
        side.into_iter()
            .zip(left)
            .filter_map(|(f, left)| left.then_some(f))
            .collect()
    };
    (keep(new, new_left), keep(old, old_left))
}

/// A row's key: rule, file, name and message without its digits.
fn row_key(rule: &str, file: &str, name: Option<&str>, message: &str) -> String {
    let message: String = message.chars().filter(|c| !c.is_ascii_digit()).collect();
    format!(
        "{rule}\u{1f}{file}\u{1f}{}\u{1f}{message}",
        name.unwrap_or("")
    )
}

/// A row's key where its row fingerprint is known: the fingerprint and the
/// name.
fn fingerprint_key(row: &str, name: Option<&str>) -> String {
    format!("row\u{1f}{row}\u{1f}{}", name.unwrap_or(""))
}

/// The keys of the rows of `rolled`, in order.
fn rows_of(rolled: &[FingerprintedFinding]) -> Vec<String> {
    rolled
        .iter()
        .flat_map(|r| {
            r.finding
                .related
                .iter()
                .enumerate()
                .map(|(index, rel)| match r.rows.get(index) {
                    Some(row) => fingerprint_key(row, rel.name.as_deref()),
                    None => row_key(
                        r.finding.rule,
                        &rel.location.file,
                        rel.name.as_deref(),
                        &rel.message,
                    ),
                })
        })
        .collect()
}

/// The rolled-up findings of both sides (`new_rolled`, `old_rolled`)
/// compared row by row with each other, then with the other side's row
/// findings left unmatched (`new`, `old`): a row on both sides is neither
/// introduced nor fixed. A rolled-up finding none of whose rows the other
/// side has stays whole; one some of whose rows it has gives the others as
/// row findings. Row findings are not compared with each other here.
fn match_rows(
    new: Vec<FingerprintedFinding>,
    old: Vec<FingerprintedFinding>,
    new_rolled: Vec<FingerprintedFinding>,
    old_rolled: Vec<FingerprintedFinding>,
) -> (Vec<FingerprintedFinding>, Vec<FingerprintedFinding>) {
    // A row is known by its row fingerprint (rule, file and the text of
    // its line; see `row_fingerprints`) and name where the sides have
    // them, else by rule, file, name and message without its numbers:
    // messages may name other lines (an untranslated row's names its
    // source row), which move when the source page is edited.
    let single_keys = |side: &[FingerprintedFinding]| -> Vec<String> {
        side.iter()
            .map(|f| {
                let name = f.finding.name.as_deref();
                match f.rows.first() {
                    Some(row) => fingerprint_key(row, name),
                    None => {
                        let f = &f.finding;
                        row_key(f.rule, &f.location.file, name, &f.message)
                    }
                }
            })
            .collect()
    };
    let (new_rows, old_rows) = (rows_of(&new_rolled), rows_of(&old_rolled));
    let (new_singles, old_singles) = (single_keys(&new), single_keys(&old));
    // Rows with rows, then the rows left with the other side's singles.
    let mut new_rows_left = vec![true; new_rows.len()];
    let mut old_rows_left = vec![true; old_rows.len()];
    let mut new_singles_left = vec![true; new_singles.len()];
    let mut old_singles_left = vec![true; old_singles.len()];
    pair_off(&new_rows, &mut new_rows_left, &old_rows, &mut old_rows_left);
    pair_off(
        &new_rows,
        &mut new_rows_left,
        &old_singles,
        &mut old_singles_left,
    );
    pair_off(
        &new_singles,
        &mut new_singles_left,
        &old_rows,
        &mut old_rows_left,
    );
    (
        rebuild(new, &new_singles_left, new_rolled, &new_rows_left),
        rebuild(old, &old_singles_left, old_rolled, &old_rows_left),
    )
}

/// Pairs each key of `a` still left with an equal key of `b` still left,
/// clearing both flags.
fn pair_off(a: &[String], a_left: &mut [bool], b: &[String], b_left: &mut [bool]) {
    let mut waiting: HashMap<&str, Vec<usize>> = HashMap::new();
    for (index, key) in b.iter().enumerate().rev() {
        if b_left[index] {
            waiting.entry(key).or_default().push(index);
        }
    }
    for (index, key) in a.iter().enumerate() {
        if !a_left[index] {
            continue;
        }
        if let Some(other) = waiting.get_mut(key.as_str()).and_then(Vec::pop) {
            a_left[index] = false;
            b_left[other] = false;
        }
    }
}

/// What is left of one side: the single findings whose flag in
/// `single_left` is set, then each rolled-up finding whole, in part or not
/// at all (its rows' flags follow one another in `rows_left`).
fn rebuild(
    single: Vec<FingerprintedFinding>,
    single_left: &[bool],
    rolled: Vec<FingerprintedFinding>,
    mut rows_left: &[bool],
) -> Vec<FingerprintedFinding> {
    let mut out: Vec<FingerprintedFinding> = single
        .into_iter()
        .zip(single_left)
        .filter_map(|(f, left)| left.then_some(f))
        .collect();
    for finding in rolled {
        let count = finding.finding.related.len();
        let (these, rest) = rows_left.split_at(count.min(rows_left.len()));
        rows_left = rest;
        if these.iter().all(|left| *left) {
            out.push(finding);
        } else {
            out.extend(
                these
                    .iter()
                    .enumerate()
                    .filter(|(_, left)| **left)
                    .filter_map(|(index, _)| finding.row(index)),
            );
        }
    }
    out
}

/// For each of `keys`, whether it is left once `other` has matched what it
/// can (a key that occurs more often here leaves the extra occurrences).
fn unmatched(keys: &[String], other: &[String]) -> Vec<bool> {
    let mut counts: HashMap<&str, usize> = HashMap::with_capacity(other.len());
    for key in other {
        *counts.entry(key).or_default() += 1;
    }
    keys.iter()
        .map(|key| match counts.get_mut(key.as_str()) {
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
