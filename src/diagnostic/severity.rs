//! Severities and the level at which findings fail a run.

use std::fmt;

use serde::{Deserialize, Serialize};

/// How serious a finding is. Ordered: `Note < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth a look; never wrong to leave.
    Note,
    /// Probably wrong.
    Warning,
    /// Wrong: the documents contradict themselves or are unreadable.
    Error,
}

impl Severity {
    /// The lower-case name used in reports and configuration.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The level at which findings fail a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum FailLevel {
    /// Fail on notes, warnings and errors.
    Note,
    /// Fail on warnings and errors.
    Warning,
    /// Fail on errors only.
    Error,
    /// Never fail because of findings.
    Never,
}

impl FailLevel {
    /// True when a finding of `severity` fails the run.
    pub fn fails(self, severity: Severity) -> bool {
        match self {
            FailLevel::Note => true,
            FailLevel::Warning => severity >= Severity::Warning,
            FailLevel::Error => severity >= Severity::Error,
            FailLevel::Never => false,
        }
    }

    /// The name used in configuration and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            FailLevel::Note => "note",
            FailLevel::Warning => "warning",
            FailLevel::Error => "error",
            FailLevel::Never => "never",
        }
    }
}
