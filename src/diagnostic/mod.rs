//! The vocabulary of diagnostics, shared by every layer above it: how
//! serious a finding is ([`Severity`]), what fails a run ([`FailLevel`]),
//! the [`Finding`] itself with its suggested [`Fix`], and the fingerprint
//! that recognizes a finding across edits of its file.
//!
//! Rules themselves (their ids, documentation and logic) live in
//! `check::rules`, one file each; the stages below the check (ingest,
//! normalize) report typed problems, which the check turns into findings.

mod finding;
mod fingerprint;
mod severity;

pub use finding::{
    AcrossDocuments, Applicability, Confidence, Finding, Fix, RecordPlace, RelatedLocation,
    Replacement, TableScope, Unless, sort_findings,
};
pub use fingerprint::{
    FINGERPRINT_LINE_BYTES, fingerprint, fingerprints, part_fingerprint, row_fingerprints,
};
pub use severity::{FailLevel, Severity};
