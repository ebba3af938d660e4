//! Ingest: one source file in, its front matter, headings and tables out,
//! every cell with its file, line and column.

pub mod columns;
pub mod front_matter;
pub mod html;
pub mod markdown;
pub mod table;
pub mod text;

use std::sync::Arc;

use serde::Serialize;

pub use front_matter::FrontMatter;
pub use table::{Cell, Column, ColumnRole, Heading, Row, Table, TableFormat};

use crate::check::rules;
use crate::finding::Finding;
use crate::source::{Location, SourceFile};

/// Everything ingest read from one locale file.
#[derive(Debug, Clone, Serialize)]
pub struct IngestedFile {
    /// The document's id (shared with the records made from the file).
    pub document: Arc<str>,
    /// The file's locale (shared likewise).
    pub locale: Arc<str>,
    /// True for the document's source-language file.
    pub is_source: bool,
    /// The path relative to the root (shared with its cells' locations).
    pub file: Arc<str>,
    /// The front matter.
    pub front_matter: FrontMatter,
    /// Every non-empty heading.
    pub headings: Vec<Heading>,
    /// Every table.
    pub tables: Vec<Table>,
    /// Every link target and where it is.
    #[serde(skip)]
    pub links: Vec<(String, Location)>,
}

impl IngestedFile {
    /// The number of data rows in all tables.
    pub fn row_count(&self) -> usize {
        self.tables.iter().map(|t| t.rows.len()).sum()
    }
}

/// Reads one file. Problems that do not stop the read (broken front matter,
/// ragged rows, a header that names no known column) are pushed to
/// `findings`.
pub fn ingest(
    file: &SourceFile,
    document: &str,
    locale: &str,
    is_source: bool,
    findings: &mut Vec<Finding>,
) -> IngestedFile {
    let front_matter = front_matter::read(file, findings);
    let structure = markdown::walk(file, findings);
    for table in &structure.tables {
        if !table.is_understood() {
            let headers: Vec<String> = table
                .columns
                .iter()
                .map(|c| format!("`{}`", c.header.text))
                .collect();
            let header = if headers.is_empty() {
                "no header row".to_string()
            } else {
                format!("the header {}", headers.join(", "))
            };
            findings.push(Finding::new(
                &rules::TABLE_HEADER_UNRECOGNIZED,
                table.location.clone(),
                format!(
                    "table has {header}, which names no error-code column and no name or description column; {}",
                    match table.rows.len() {
                        1 => "its row is kept as an unresolved row".to_string(),
                        n => format!("its {n} rows are kept as unresolved rows"),
                    }
                ),
            ));
        }
    }
    IngestedFile {
        document: document.into(),
        locale: locale.into(),
        is_source,
        file: file.shared_path(),
        front_matter,
        headings: structure.headings,
        tables: structure.tables,
        links: structure.links,
    }
}
