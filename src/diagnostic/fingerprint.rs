//! Fingerprints: what recognizes a finding across edits of its file, for
//! baselines and SARIF's `partialFingerprints`. A fingerprint hashes the
//! rule, the file, the name the finding concerns and the text of its line
//! (its first [`FINGERPRINT_LINE_BYTES`] bytes), not the line's number, so
//! it survives edits elsewhere in the file. Not
//! the code: for a malformed code it is the suggested value, which changes
//! when the neighbouring rows do.

use std::collections::BTreeMap;

use super::Finding;
use crate::source::SourceLines;

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

/// The fingerprint of a finding: rule, file, name, and the text of its
/// source line (the first [`FINGERPRINT_LINE_BYTES`] bytes of it, cut at a
/// character boundary), trimmed, with white space collapsed; `occurrence`
/// tells apart identical findings in one file. Two findings whose lines
/// differ only after that many bytes share a fingerprint, and are then told
/// apart by `occurrence` alone.
pub fn fingerprint(lines: &dyn SourceLines, finding: &Finding, occurrence: usize) -> String {
    let line_text = hashed_line(lines, &finding.location.file, finding.location.line);
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

/// The text of a line as a fingerprint hashes it: its first bytes,
/// trimmed, white space collapsed.
fn hashed_line(lines: &dyn SourceLines, file: &str, line: usize) -> String {
    lines
        .line_text(file, line)
        .map_or("", bounded)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// What recognizes each row a finding is about across edits of its file:
/// the rule, the row's file and the text of its line (not its number, and
/// not the message, which may quote line numbers of other files: an
/// untranslated row's message names its source row's line). One for each
/// row of a finding said once for a table (its related places, in order),
/// one for any other finding. A diff compares a table's finding with the
/// other side's rows by these.
pub fn row_fingerprints(lines: &dyn SourceLines, finding: &Finding) -> Vec<String> {
    let row = |file: &str, line: usize| {
        let text = hashed_line(lines, file, line);
        format!("{:016x}", fnv1a(&[finding.rule, file, &text]))
    };
    if finding.scope.is_some_and(|scope| scope.rolled_up) {
        finding
            .related
            .iter()
            .map(|related| row(&related.location.file, related.location.line))
            .collect()
    } else {
        vec![row(&finding.location.file, finding.location.line)]
    }
}

/// The bytes of a line that a fingerprint hashes: its first
/// [`FINGERPRINT_LINE_BYTES`] (pages' lines are a few hundred bytes; a
/// table written on one line of megabytes, with a finding every few cells,
/// would otherwise be hashed whole for each finding).
fn bounded(line: &str) -> &str {
    if line.len() <= FINGERPRINT_LINE_BYTES {
        return line;
    }
    let mut end = FINGERPRINT_LINE_BYTES;
    while !line.is_char_boundary(end) {
        end -= 1;
    }
    &line[..end]
}

/// The most bytes of a line a fingerprint hashes (the README's
/// Baselines section says so; `tests/docs.rs` holds it to this value).
pub const FINGERPRINT_LINE_BYTES: usize = 4096;

/// The fingerprint of one part of a finding (a row of a finding said once
/// for a table), from the finding's fingerprint and the part's number: as
/// stable as the finding's own, and of the same form.
pub fn part_fingerprint(parent: &str, part: usize) -> String {
    format!("{:016x}", fnv1a(&[parent, &part.to_string()]))
}

/// Fingerprints of `findings`, in order, numbering the findings that would
/// otherwise share one (same rule, file, name and line text).
pub fn fingerprints(lines: &dyn SourceLines, findings: &[Finding]) -> Vec<String> {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    findings
        .iter()
        .map(|f| {
            let base = fingerprint(lines, f, 0);
            let n = seen.entry(base.clone()).or_default();
            *n += 1;
            if *n == 1 {
                base
            } else {
                fingerprint(lines, f, *n - 1)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;
    use crate::source::Location;

    struct OneLine(String);

    impl SourceLines for OneLine {
        fn line_text(&self, _file: &str, _line: usize) -> Option<&str> {
            Some(&self.0)
        }
    }

    #[test]
    fn only_the_first_bytes_of_a_line_are_hashed() {
        let finding = Finding::new(
            "hex-malformed",
            Severity::Error,
            Location {
                file: "doc/en-us.md".into(),
                line: 3,
                column: 1,
            },
            "message".to_string(),
        );
        let head = "|0x8024200|".repeat(FINGERPRINT_LINE_BYTES / 10 + 1);
        let of = |line: String| fingerprint(&OneLine(line), &finding, 0);
        // What lies past the limit is not hashed; what lies before it is.
        assert_eq!(of(format!("{head}A")), of(format!("{head}B")));
        assert_ne!(of(format!("A{head}")), of(format!("B{head}")));
        // A character across the limit is cut off whole.
        let split = format!("{}é tail", "x".repeat(FINGERPRINT_LINE_BYTES - 1));
        assert_eq!(
            of(split),
            of(format!("{}ü other", "x".repeat(FINGERPRINT_LINE_BYTES - 1)))
        );
    }
}
