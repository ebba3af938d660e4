//! Diff reports: what a docs change did to the dataset.
//!
//! A diff compares two [`Snapshot`]s, one per side, each taken from a
//! dataset in memory ([`Snapshot::from_dataset`]) or read from an
//! `error-codes.json` file ([`Snapshot::load`]). [`compare()`] matches the
//! records (by document and code; see [`compare`](mod@compare) for the
//! rules) and names every change: added, removed, renamed, code changed,
//! moved and changed records, each field before and after, descriptions
//! in every locale (text and markup apart), document-level changes (front
//! matter, tables, locale files) and stale translations.
//! [`FindingsDiff`] adds the findings introduced and fixed, matched by
//! baseline fingerprint. [`render`] writes a [`Diff`] for people
//! ([`render::human`]), for pull-request comments ([`render::markdown`])
//! and for tools ([`render::json`], schema in `schema/diff.schema.json`).
//! [`git`] materializes a project at a git revision.
//!
//! The module uses only the dataset model, findings and errors: it works
//! the same on any source of datasets.
//!
//! ```no_run
//! # fn main() -> errdocs::Result<()> {
//! use errdocs::diff::{self, FindingsDiff, Snapshot};
//! let old = Snapshot::load(std::path::Path::new("old/error-codes.json"))?;
//! let new = Snapshot::load(std::path::Path::new("new/error-codes.json"))?;
//! let diff = diff::compare(&old, &new).with_findings(FindingsDiff::default());
//! diff::render::markdown::write(
//!     &diff,
//!     &mut std::io::stdout(),
//!     &diff::render::markdown::MarkdownOptions::default(),
//! )
//! .map_err(|e| errdocs::Error::io("<stdout>", e))?;
//! # Ok(())
//! # }
//! ```

pub mod compare;
pub mod findings;
pub mod git;
pub mod render;
pub mod snapshot;
pub mod words;

pub use compare::{
    ChangeKind, Diff, DocumentAspect, DocumentChange, DocumentChangeKind, DocumentItem, Edit,
    Field, FieldChange, RecordChange, StaleTranslation, Summary, compare,
};
pub use findings::{FindingsDiff, FingerprintedFinding};
pub use snapshot::{InputKind, Snapshot, classify};
