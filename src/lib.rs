//! errdocs turns documentation tables of Windows error codes into a
//! trustworthy dataset and checks them for docs CI.
//!
//! The modules form layers, each importing only those below it (a test,
//! `tests/layers.rs`, holds them to it, and another holds this list to the
//! test's), bottom first:
//!
//! 1. [`safe_text`] (page text made safe for terminals, Markdown, HTML and
//!    spreadsheets);
//! 2. [`error`], [`threads`], [`pretty_json`] and [`interrupt`] (temporary
//!    folders a signal must not leave behind);
//! 3. [`source`] (files, lines and columns);
//! 4. [`diagnostic`] (severities, findings, fixes and fingerprints);
//! 5. [`model`] (`HResult`, families, records and the dataset);
//! 6. [`reference`](mod@reference) (what the Windows SDK's headers, and a
//!    product's own, define, to check the pages against);
//! 7. [`config`] (`errdocs.toml`);
//! 8. [`corpus`] (where the documents are);
//! 9. [`ingest`] (Markdown pipe tables and HTML tables, with front matter,
//!    every cell keeping its file, line and column);
//! 10. [`normalize`] (canonical records, with repairs that carry their
//!     evidence);
//! 11. [`check`] (rules with stable ids producing findings);
//! 12. [`report`] (the findings for people and CI), [`emit`] (the dataset
//!     as JSON, CSV and Rust), [`diff`] (two datasets compared, for review)
//!     and [`fix`] (the findings' fixes applied to the pages);
//! 13. [`project`], the pipeline that runs the stages for a project root;
//! 14. [`commands`], on top of it.

pub mod check;
pub mod commands;
pub mod config;
pub mod corpus;
pub mod diagnostic;
pub mod diff;
pub mod emit;
pub mod error;
pub mod fix;
pub mod ingest;
pub mod interrupt;
pub mod model;
pub mod normalize;
pub mod pretty_json;
pub mod project;
pub mod reference;
pub mod report;
pub mod safe_text;
pub mod source;
pub mod threads;

pub use error::{Error, Result};
pub use project::Project;
