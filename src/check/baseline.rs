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
    /// errors). A leading byte-order mark, as Windows editors save UTF-8,
    /// is read past.
    pub fn from_json(text: &str, path: &Path) -> Result<Baseline> {
        let not_a_baseline = |message: String| Error::Input {
            path: path.to_path_buf(),
            message: format!("{message}; write one with `errdocs check --write-baseline FILE`"),
        };
        // JSON has no byte-order mark, and serde refuses one ("expected
        // value" at line 1): Notepad and PowerShell write one.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let json_error = |e: serde_json::Error| {
            not_a_baseline(format!(
                "line {}: not an errdocs baseline ({})",
                e.line(),
                e.to_string()
                    .split(" at line ")
                    .next()
                    .unwrap_or("invalid JSON")
            ))
        };
        // serde reads a struct from an array too (`[1, []]`), and says of
        // `[]` that it expected "2 elements": what the file holds is told
        // first, and only an object is read. Text that is no JSON at all
        // is told as serde finds it.
        if !text.trim_start().starts_with('{') && !text.trim().is_empty() {
            // Checked as JSON without building it: the first character
            // of valid JSON then says what it is.
            serde_json::from_str::<serde::de::IgnoredAny>(text).map_err(|e| {
                not_a_baseline(format!(
                    "line {}: not an errdocs baseline: the file is not JSON ({})",
                    e.line(),
                    e.to_string()
                        .split(" at line ")
                        .next()
                        .unwrap_or("invalid JSON")
                ))
            })?;
            let what = match text.trim_start().chars().next() {
                Some('[') => "a JSON array",
                Some('"') => "a JSON string",
                Some('t' | 'f') => "a JSON boolean",
                Some('n') => "a JSON null",
                _ => "a JSON number",
            };
            return Err(not_a_baseline(format!(
                "not an errdocs baseline: the file holds {what}, where a baseline is a JSON object, `{{\"version\": 1, \"findings\": [...]}}`"
            )));
        }
        let baseline: Baseline = serde_json::from_str(text).map_err(json_error)?;
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

    fn load_error(text: &str) -> String {
        Baseline::from_json(text, Path::new("b.json"))
            .unwrap_err()
            .to_string()
    }

    /// Windows editors save UTF-8 with a byte-order mark; serde said
    /// "expected value" of it.
    #[test]
    fn a_byte_order_mark_is_read_past() {
        let baseline = Baseline::from_json(
            "\u{feff}{\"version\": 1, \"findings\": []}",
            Path::new("b.json"),
        )
        .expect("read");
        assert_eq!(baseline.version, Baseline::VERSION);
    }

    /// Text that is not JSON was called "a JSON value that is no object".
    #[test]
    fn what_the_file_holds_is_told_as_it_is() {
        assert_eq!(
            load_error("not json"),
            "b.json: line 1: not an errdocs baseline: the file is not JSON (expected ident); write one with `errdocs check --write-baseline FILE`"
        );
        assert!(
            load_error("Baseline: none\n").contains("the file is not JSON (expected value)"),
            "{}",
            load_error("Baseline: none\n")
        );
        for (text, what) in [
            ("[]", "a JSON array"),
            ("\"x\"", "a JSON string"),
            ("42", "a JSON number"),
            ("true", "a JSON boolean"),
            (" null\n", "a JSON null"),
        ] {
            assert!(
                load_error(text).contains(&format!("the file holds {what}, where")),
                "{text}: {}",
                load_error(text)
            );
        }
    }

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
