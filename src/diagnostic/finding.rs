//! Findings: what errdocs reports about the documents, with the exact place,
//! a message for a docs maintainer and, where the evidence allows, a fix.

use std::fmt;

use serde::Serialize;

use super::Severity;
use crate::source::Location;

/// How sure a suggested fix is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// One piece of evidence, or evidence that only suggests.
    Low,
    /// Independent evidence agrees, but not all of it was available.
    Medium,
    /// Two or more independent sources agree and none disagrees.
    High,
}

impl Confidence {
    /// The lower-case name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }
}

/// Whether a fix may be applied without a person reading it (the model is
/// ruff's): `errdocs fix` applies safe fixes, `--unsafe` adds the unsafe
/// ones, and display-only fixes are suggestions for people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    /// A suggestion only; never applied.
    DisplayOnly,
    /// Backed by one source, or text a person should read: applied only
    /// when asked for.
    Unsafe,
    /// Independent evidence agrees: applied by default.
    Safe,
}

impl Applicability {
    /// The kebab-case name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::DisplayOnly => "display-only",
            Applicability::Unsafe => "unsafe",
            Applicability::Safe => "safe",
        }
    }
}

impl fmt::Display for Applicability {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A suggested change to one field of one row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    /// The field to change: `code`, `decimal`, `name`, `description`, ...
    pub field: String,
    /// The text as documented.
    pub from: String,
    /// The suggested text.
    pub to: String,
    /// How sure the suggestion is.
    pub confidence: Confidence,
    /// Whether it may be applied without a person reading it.
    pub applicability: Applicability,
    /// The independent facts that agree on it, in words.
    pub evidence: Vec<String>,
}

/// One change of a file's text that a fix makes, for reports that carry a
/// fix as replacements (SARIF): the text from `start` up to `end` (lines
/// 1-based, columns in characters; `end` itself not replaced, so an
/// insertion has `start == end`) becomes `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replacement {
    /// Where the replaced text starts.
    pub start: Location,
    /// Just after it: where the text after it starts.
    pub end: Location,
    /// What is written instead.
    pub text: String,
}

/// Another place that a finding refers to (the source row of a translated
/// row, the counterpart of a `WU` code, a row of a table whose rows one
/// finding sums up).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RelatedLocation {
    /// Where.
    #[serde(flatten)]
    pub location: Location,
    /// What is there.
    pub message: String,
    /// The fix for that place, where a finding that sums up many rows
    /// carries each row's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<Fix>,
    /// The symbolic name the row's own finding was about, where a finding
    /// that sums up many rows carries it (for a diff to tell rows apart;
    /// reports show it in the message).
    #[serde(skip)]
    pub name: Option<String>,
}

/// The table a row's finding is about, so that the findings of one rule on
/// most rows of a table can be said once (see `check`'s roll-up); and, on
/// that one finding, the table it sums up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TableScope {
    /// The table's index in the finding's file.
    pub table: u32,
    /// How many rows the finding could have been on: the table's rows.
    pub rows: u32,
    /// True on the finding said once for the table: its related places are
    /// the rows, each with its own finding's message and fix.
    pub rolled_up: bool,
}

/// A message kept to its first 4,096 and last 1,024 characters when it is
/// longer than [`crate::safe_text::MAX_MESSAGE_CHARS`]: one quoting page
/// text of megabytes (a row of a million extra cells, a name of megabytes)
/// was printed whole, in each report and by `build`. The finding's `name`,
/// `code` and `fix` keep the text whole.
fn bounded(message: String) -> String {
    if message.len() <= crate::safe_text::MAX_MESSAGE_CHARS {
        return message;
    }
    crate::safe_text::bounded_message(&message).into_owned()
}

/// One thing errdocs found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The rule's stable id.
    pub rule: &'static str,
    /// Severity after configuration.
    pub severity: Severity,
    /// Where, relative to the project root.
    #[serde(flatten)]
    pub location: Location,
    /// The canonical code concerned, where there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The symbolic name concerned, where there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// What is wrong, for a docs maintainer.
    pub message: String,
    /// The suggested change, where the evidence supports one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<Fix>,
    /// Other places the message refers to.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<RelatedLocation>,
    /// The table of the row it is about (not written).
    #[serde(skip)]
    pub scope: Option<TableScope>,
    /// In a check that reads one document at a time: what about the other
    /// documents decides, once every document is read, whether the
    /// finding stands (see [`Finding::unless`]). Not written.
    #[serde(skip)]
    pub waits_for: Option<Unless>,
}

/// A finding that stands unless something about its record holds that
/// only every document together tells (see [`Finding::unless`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Unless {
    /// What would take the finding away.
    pub condition: AcrossDocuments,
    /// The record it is about.
    pub record: RecordPlace,
}

/// What only every document together tells about a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AcrossDocuments {
    /// The record is one side of a `WU`/`OM` pair whose names differ after
    /// the prefix.
    PairNamesDiffer,
    /// The record's mirrored code (`WU` <-> `OM`) is in the dataset.
    HasCounterpart,
}

/// A record, by its first row: a source row makes at most one record,
/// while records can share a code cell (an HTML cell spanning rows).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RecordPlace {
    /// The file.
    pub file: std::sync::Arc<str>,
    /// 0-based index of the table in the file.
    pub table: usize,
    /// 0-based index of the row among the table's data rows.
    pub row: usize,
}

impl Finding {
    /// A finding of the rule `rule` at `severity` (the rule's default, until
    /// the configuration says otherwise).
    pub fn new(
        rule: &'static str,
        severity: Severity,
        location: Location,
        message: impl Into<String>,
    ) -> Self {
        Finding {
            rule,
            severity,
            location,
            code: None,
            name: None,
            message: bounded(message.into()),
            fix: None,
            related: Vec::new(),
            scope: None,
            waits_for: None,
        }
    }

    /// Marks the finding as standing unless `condition` holds of the
    /// record at `record`: a check that reads one document at a time
    /// learns that only once every document is read, and decides then.
    /// `None` leaves it standing.
    pub fn unless(mut self, condition: AcrossDocuments, record: Option<RecordPlace>) -> Self {
        self.waits_for = record.map(|record| Unless { condition, record });
        self
    }

    /// Says which table's row the finding is about: table `table` of the
    /// finding's file, of `rows` rows.
    pub fn in_table(mut self, table: usize, rows: usize) -> Self {
        let narrow = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        self.scope = Some(TableScope {
            table: narrow(table),
            rows: narrow(rows),
            rolled_up: false,
        });
        self
    }

    /// Sets the code and name the finding concerns.
    pub fn about(mut self, code: Option<String>, name: Option<&str>) -> Self {
        self.code = code;
        self.name = name.filter(|n| !n.is_empty()).map(str::to_string);
        self
    }

    /// Attaches a suggested fix.
    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }

    /// Adds a related location.
    pub fn with_related(mut self, location: Location, message: impl Into<String>) -> Self {
        self.related.push(RelatedLocation {
            name: None,
            location,
            message: bounded(message.into()),
            fix: None,
        });
        self
    }

    /// The order findings are reported and written in: by file, line,
    /// column, rule, then message.
    pub fn sort_key(&self) -> (&str, usize, usize, &str, &str) {
        (
            self.location.file.as_ref(),
            self.location.line,
            self.location.column,
            self.rule,
            &self.message,
        )
    }
}

/// Sorts findings into their stable report order and drops exact repeats.
/// Findings alike in [`Finding::sort_key`] (one cell that rows share,
/// each row's finding with its own code) are ordered by code and name:
/// the order the rules found them in depends on how the check was run
/// (the whole project at once, or one document at a time).
pub fn sort_findings(findings: &mut Vec<Finding>) {
    findings.sort_by(|a, b| {
        a.sort_key()
            .cmp(&b.sort_key())
            .then_with(|| (&a.code, &a.name).cmp(&(&b.code, &b.name)))
    });
    findings.dedup();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_quoting_megabytes_is_bounded_in_the_finding_and_its_related_places() {
        let location = Location {
            file: "page.md".into(),
            line: 3,
            column: 1,
        };
        let cells = "`x`, ".repeat(1_000_000);
        let finding = Finding::new(
            "table-ragged-row",
            Severity::Warning,
            location.clone(),
            format!("the extra cells ({cells}) are kept"),
        )
        .with_related(location, format!("see {cells}"));
        for message in [&finding.message, &finding.related[0].message] {
            assert!(message.chars().count() < crate::safe_text::MAX_MESSAGE_CHARS + 100);
            assert!(message.contains("characters left out"), "{message:.80}");
        }
        assert!(finding.message.starts_with("the extra cells (`x`, "));
        assert!(finding.message.ends_with("`x`, ) are kept"));
        let short = Finding::new("r", Severity::Note, finding.location.clone(), "short");
        assert_eq!(short.message, "short");
    }
}
