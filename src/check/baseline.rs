//! Baselines: today's findings recorded by fingerprint (see
//! [`crate::diagnostic::fingerprint`]), so that CI fails only on new ones.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostic::{Finding, fingerprints};
use crate::error::{Error, Result};
use crate::source::SourceLines;

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

impl Baseline {
    /// The version written by this errdocs.
    pub const VERSION: u32 = 1;

    /// A baseline of `findings`.
    pub fn of(lines: &dyn SourceLines, findings: &[Finding]) -> Baseline {
        let mut entries: Vec<BaselineEntry> = fingerprints(lines, findings)
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

    /// The largest baseline errdocs reads: a finding takes a few hundred
    /// bytes, so this holds a million findings and more.
    const MAX_BYTES: u64 = 512 * 1024 * 1024;

    /// Reads a baseline file. A device or a stream given as the baseline
    /// (`/dev/zero`) is read no further than its first NUL byte, and a
    /// process substitution (`--baseline <(git show main:baseline.json)`)
    /// is read as a file.
    pub fn load(path: &Path) -> Result<Baseline> {
        let not_a_baseline = |message: String| Error::Input {
            path: path.to_path_buf(),
            message: format!("{message}; write one with `errdocs check --write-baseline FILE`"),
        };
        let bytes = crate::source::read_text_bytes(
            path,
            Self::MAX_BYTES,
            "a baseline is the JSON file `errdocs check --write-baseline` writes",
        )
        .map_err(|e| match e {
            Error::Io { source, .. } => {
                not_a_baseline(format!("cannot read the baseline: {source}"))
            }
            other => other,
        })?;
        let line_of = |offset: usize| 1 + memchr::memchr_iter(b'\n', &bytes[..offset]).count();
        if let Some(offset) = memchr::memchr(0, &bytes) {
            return Err(not_a_baseline(format!(
                "line {}: not an errdocs baseline: a binary file (NUL byte at byte offset {offset})",
                line_of(offset)
            )));
        }
        let text = std::str::from_utf8(&bytes).map_err(|e| {
            let offset = e.valid_up_to();
            not_a_baseline(format!(
                "line {}: not an errdocs baseline: not valid UTF-8 (byte offset {offset})",
                line_of(offset)
            ))
        })?;
        Self::from_json(text, path)
    }

    /// Reads a baseline from the text of the file at `path` (named in
    /// errors).
    pub fn from_json(text: &str, path: &Path) -> Result<Baseline> {
        // serde reads a struct from an array too (`[1, []]`), and says of
        // `[]` that it expected "2 elements": what the file holds is told
        // first, and only an object is read.
        let what = match text
            .trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n'])
            .chars()
            .next()
        {
            Some('{') | None => None,
            Some('[') => Some("a JSON array"),
            Some('"') => Some("a JSON string"),
            Some(_) => Some("a JSON value that is no object"),
        };
        if let Some(what) = what {
            return Err(Error::Input {
                path: path.to_path_buf(),
                message: format!(
                    "not an errdocs baseline: the file holds {what}, where a baseline is a JSON object, `{{\"version\": 1, \"findings\": [...]}}`; write one with `errdocs check --write-baseline FILE`"
                ),
            });
        }
        let baseline: Baseline = serde_json::from_str(text).map_err(|e| Error::Input {
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
        crate::pretty_json::to_pretty_json(self)
    }

    /// Splits `findings` into the new ones (returned) and the ones already
    /// recorded (counted); also returns the entries that no longer occur,
    /// by file and line.
    pub fn filter(
        &self,
        lines: &dyn SourceLines,
        findings: Vec<Finding>,
    ) -> (Vec<Finding>, usize, Vec<BaselineEntry>) {
        let prints = fingerprints(lines, &findings);
        let known: std::collections::BTreeSet<&str> = self
            .findings
            .iter()
            .map(|e| e.fingerprint.as_str())
            .collect();
        let current: std::collections::BTreeSet<&str> = prints.iter().map(String::as_str).collect();
        let mut gone: Vec<BaselineEntry> = self
            .findings
            .iter()
            .filter(|e| !current.contains(e.fingerprint.as_str()))
            .cloned()
            .collect();
        // Shown as findings are: by file and line (the file keeps them by
        // fingerprint).
        gone.sort_by(|a, b| {
            (&a.file, a.line, &a.rule, &a.fingerprint).cmp(&(
                &b.file,
                b.line,
                &b.rule,
                &b.fingerprint,
            ))
        });
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::NoSourceLines;

    #[test]
    fn entries_gone_are_listed_by_file_and_line() {
        let entry = |fingerprint: &str, file: &str, line: usize| BaselineEntry {
            fingerprint: fingerprint.into(),
            rule: "hex-malformed".into(),
            file: file.into(),
            line,
            message: String::new(),
        };
        // The file keeps them by fingerprint.
        let baseline = Baseline {
            version: Baseline::VERSION,
            findings: vec![
                entry("0001", "b.md", 3),
                entry("0002", "a.md", 9),
                entry("0003", "a.md", 2),
            ],
        };
        let (_, _, gone) = baseline.filter(&NoSourceLines, Vec::new());
        let places: Vec<(&str, usize)> = gone.iter().map(|e| (e.file.as_str(), e.line)).collect();
        assert_eq!(places, [("a.md", 2), ("a.md", 9), ("b.md", 3)]);
    }
}
