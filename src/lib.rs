//! errdocs turns documentation tables of Windows error codes into a
//! trustworthy dataset and checks them for docs CI.
//!
//! The pipeline runs in four stages, each a module:
//!
//! 1. [`ingest`]: Markdown pipe tables and HTML tables, with front matter,
//!    every cell keeping its file, line and column;
//! 2. [`normalize`]: canonical [`model::Record`]s, with repairs that carry
//!    their evidence;
//! 3. [`check`]: rules with stable ids producing [`finding::Finding`]s;
//! 4. [`emit`]: the dataset as JSON, CSV and Rust, and the reports of the
//!    findings for people and CI.
//!
//! [`project::Project`] runs the stages for a project root; [`diff`]
//! compares two datasets for review.

pub mod check;
pub mod config;
pub mod corpus;
pub mod diff;
pub mod emit;
pub mod error;
pub mod finding;
pub mod ingest;
pub mod model;
pub mod normalize;
pub mod project;
pub mod report;
pub mod source;
pub mod threads;

pub use error::{Error, Result};
pub use project::Project;
