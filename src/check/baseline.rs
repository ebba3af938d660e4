//! Baselines: today's findings recorded by fingerprint, so that CI fails
//! only on new ones. A fingerprint survives line shifts: it hashes the rule,
//! the file, the code and name, and the text of the finding's line, not its
//! number.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::Project;
use crate::error::{Error, Result};
use crate::finding::Finding;

/// One recorded finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct BaselineEntry {
    /// The stable fingerprint.
    pub fingerprint: String,
    /// The rule, for people reading the file.
    pub rule: String,
    /// The file, for people reading the file.
    pub file: String,
    /// The line when recorded (informational; not matched).
    pub line: usize,
    /// The message when recorded (informational; not matched).
    pub message: String,
}

/// A baseline file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baseline {
    /// Format version of the file.
    pub version: u32,
    /// The recorded findings, sorted.
    pub findings: Vec<BaselineEntry>,
}

/// FNV-1a, 64 bits: small, stable across platforms and Rust versions (the
/// standard library's hashers are not).
fn fnv1a(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain(std::iter::once(0x1f)) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    hash
}

/// The fingerprint of a finding: rule, file, name, and the trimmed text of
/// its source line with white space collapsed; `occurrence` tells apart
/// identical findings in one file. Not the code: for a malformed code it is
/// the suggested value, which changes when the neighbouring rows do.
pub fn fingerprint(project: &Project, finding: &Finding, occurrence: usize) -> String {
    let line_text: String = project
        .source(&finding.location.file)
        .and_then(|s| s.line_text(finding.location.line))
        .unwrap_or("")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let occurrence = occurrence.to_string();
    let hash = fnv1a(&[
        finding.rule,
        &finding.location.file,
        finding.name.as_deref().unwrap_or(""),
        &line_text,
        &occurrence,
    ]);
    format!("{hash:016x}")
}

/// Fingerprints of `findings`, in order, numbering repeats of the same
/// rule, file, code, name and line text.
pub fn fingerprints(project: &Project, findings: &[Finding]) -> Vec<String> {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    findings
        .iter()
        .map(|f| {
            let base = fingerprint(project, f, 0);
            let n = seen.entry(base.clone()).or_default();
            *n += 1;
            if *n == 1 {
                base
            } else {
                fingerprint(project, f, *n - 1)
            }
        })
        .collect()
}

impl Baseline {
    /// The version written by this errdocs.
    pub const VERSION: u32 = 1;

    /// A baseline of `findings`.
    pub fn of(project: &Project, findings: &[Finding]) -> Baseline {
        let mut entries: Vec<BaselineEntry> = fingerprints(project, findings)
            .into_iter()
            .zip(findings)
            .map(|(fingerprint, f)| BaselineEntry {
                fingerprint,
                rule: f.rule.to_string(),
                file: f.location.file.to_string(),
                line: f.location.line,
                message: f.message.clone(),
            })
            .collect();
        entries.sort();
        Baseline {
            version: Self::VERSION,
            findings: entries,
        }
    }

    /// Reads a baseline file.
    pub fn load(path: &Path) -> Result<Baseline> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::Input {
            path: path.to_path_buf(),
            message: format!(
                "cannot read the baseline: {e}; write one with `errdocs check --write-baseline FILE`"
            ),
        })?;
        let baseline: Baseline = serde_json::from_str(&text).map_err(|e| Error::Input {
            path: path.to_path_buf(),
            message: format!(
                "line {}: not an errdocs baseline ({}); write one with `errdocs check --write-baseline FILE`",
                e.line(),
                e.to_string().split(" at line ").next().unwrap_or("invalid JSON")
            ),
        })?;
        if baseline.version != Self::VERSION {
            return Err(Error::Input {
                path: path.to_path_buf(),
                message: format!(
                    "baseline version {} is not supported (this errdocs writes version {})",
                    baseline.version,
                    Self::VERSION
                ),
            });
        }
        Ok(baseline)
    }

    /// The baseline as pretty JSON with a final newline.
    pub fn to_json(&self) -> Vec<u8> {
        crate::emit::json::to_pretty_json(self)
    }

    /// Splits `findings` into the new ones (returned) and the ones already
    /// recorded (counted); also returns the entries that no longer occur.
    pub fn filter(
        &self,
        project: &Project,
        findings: Vec<Finding>,
    ) -> (Vec<Finding>, usize, Vec<BaselineEntry>) {
        let prints = fingerprints(project, &findings);
        let known: std::collections::BTreeSet<&str> = self
            .findings
            .iter()
            .map(|e| e.fingerprint.as_str())
            .collect();
        let current: std::collections::BTreeSet<&str> = prints.iter().map(String::as_str).collect();
        let gone = self
            .findings
            .iter()
            .filter(|e| !current.contains(e.fingerprint.as_str()))
            .cloned()
            .collect();
        let mut matched = 0;
        let new = findings
            .into_iter()
            .zip(&prints)
            .filter_map(|(f, print)| {
                if known.contains(print.as_str()) {
                    matched += 1;
                    None
                } else {
                    Some(f)
                }
            })
            .collect();
        (new, matched, gone)
    }
}
