//! errdocs turns documentation tables of Windows error codes into a
//! trustworthy dataset and checks them for docs CI.
//!
//! The modules form layers, each importing only those below it (a test,
//! `tests/layers.rs`, holds them to it):
//!
//! 1. foundations: [`error`], [`source`] (files, lines and columns),
//!    [`threads`], [`pretty_json`];
//! 2. [`diagnostic`]: severities, findings, fixes and fingerprints;
//! 3. [`model`]: `HResult`, families, records and the dataset;
//!    [`reference`](mod@reference): what the Windows SDK's headers (and a
//!    product's own) define, to check the pages against;
//! 4. [`config`] and [`corpus`]: `errdocs.toml` and where the documents are;
//! 5. [`ingest`]: Markdown pipe tables and HTML tables, with front matter,
//!    every cell keeping its file, line and column;
//! 6. [`normalize`]: canonical records, with repairs that carry their
//!    evidence;
//! 7. [`check`]: rules with stable ids producing findings;
//! 8. [`report`] (the findings for people and CI), [`emit`] (the dataset
//!    as JSON, CSV and Rust), [`diff`] (two datasets compared, for review)
//!    and [`fix`] (the findings' fixes applied to the pages);
//! 9. [`project`], the pipeline that runs the stages for a project root,
//!    and the [`commands`] on top of it.

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
pub mod model;
pub mod normalize;
pub mod pretty_json;
pub mod project;
pub mod reference;
pub mod report;
pub mod source;
pub mod threads;

pub use error::{Error, Result};
pub use project::Project;
