//! The JSON report (also `out/findings.json`), schema in
//! `schema/findings.schema.json`.
//!
//! The layout is a typed struct rather than a `json!` literal so that the
//! field order is the declaration order, whatever features `serde_json` is
//! built with; maps are `BTreeMap`s so that the output is deterministic.

use std::collections::BTreeMap;

use serde::Serialize;

use std::io::{self, Write};

use super::{Emitter, ReportContext};
use crate::check::{BaselineEntry, CheckOutcome, CounterpartCoverage, Coverage};
use crate::diagnostic::{Finding, Severity};

/// The file `errdocs build` writes this report to, in `out/`.
pub const FINDINGS_FILE_NAME: &str = "findings.json";

/// The version of the JSON layout; raised on incompatible changes.
pub const FORMAT_VERSION: u32 = 1;

/// The whole JSON report.
#[derive(Debug, Serialize)]
pub struct Report<'a> {
    /// [`FORMAT_VERSION`].
    pub version: u32,
    /// The reported findings, in report order.
    pub findings: &'a [Finding],
    /// Counts and the run's verdict.
    pub summary: Summary<'a>,
}

/// The summary of a check run, as written in the JSON report.
#[derive(Debug, Serialize)]
pub struct Summary<'a> {
    /// Reported findings at `error`.
    pub errors: usize,
    /// Reported findings at `warning`.
    pub warnings: usize,
    /// Reported findings at `note`.
    pub notes: usize,
    /// Reported findings per rule id.
    pub by_rule: BTreeMap<&'static str, usize>,
    /// Findings silenced by inline suppressions.
    pub suppressed: usize,
    /// Findings already in the baseline.
    pub baselined: usize,
    /// Baseline entries that no longer occur.
    pub gone_from_baseline: &'a [BaselineEntry],
    /// The failing level: `note`, `warning`, `error` or `never`.
    pub fail_on: &'static str,
    /// True when the run fails at that level.
    pub fails: bool,
    /// Per translated document: source rows x locales (present, missing,
    /// differs).
    pub coverage: &'a [Coverage],
    /// Per document: WU or OM codes without a counterpart.
    pub counterpart_coverage: &'a [CounterpartCoverage],
}

impl<'a> Report<'a> {
    /// The report of `outcome`.
    pub fn new(outcome: &'a CheckOutcome) -> Self {
        Report {
            version: FORMAT_VERSION,
            findings: &outcome.findings,
            summary: Summary {
                errors: outcome.count(Severity::Error),
                warnings: outcome.count(Severity::Warning),
                notes: outcome.count(Severity::Note),
                by_rule: by_rule(&outcome.findings),
                suppressed: outcome.suppressed,
                baselined: outcome.baselined,
                gone_from_baseline: &outcome.gone_from_baseline,
                fail_on: outcome.fail_on.as_str(),
                fails: outcome.fails(),
                coverage: &outcome.coverage,
                counterpart_coverage: &outcome.counterpart_coverage,
            },
        }
    }
}

/// How many findings each rule produced, by rule id.
pub fn by_rule(findings: &[Finding]) -> BTreeMap<&'static str, usize> {
    let mut counts = BTreeMap::new();
    for finding in findings {
        *counts.entry(finding.rule).or_insert(0) += 1;
    }
    counts
}

/// The JSON report: pretty-printed, with a final newline, written as it is
/// produced (the report of a large corpus runs to tens of megabytes).
#[derive(Debug, Clone, Copy)]
pub struct JsonEmitter;

impl Emitter for JsonEmitter {
    fn emit(&self, out: &mut dyn Write, report: &ReportContext) -> io::Result<()> {
        write(report.outcome, out)
    }
}

/// Writes the JSON report of `outcome` to `out`.
pub fn write(outcome: &CheckOutcome, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &Report::new(outcome)).map_err(io::Error::from)?;
    out.write_all(b"\n")
}

/// The JSON report as bytes.
pub fn render_bytes(outcome: &CheckOutcome) -> Vec<u8> {
    crate::pretty_json::to_pretty_json(&Report::new(outcome))
}
